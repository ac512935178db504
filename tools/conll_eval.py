#!/usr/bin/env python3
"""conll_eval.py: scores named-entity predictions against gold labels.

Usage: conll_eval.py GOLD PRED
Both files have token<TAB>label lines aligned line by line, a blank line
between sentences. Labels are BIO (B-PER, I-LOC, ...) or IO (PER, LOC, ORG, O).
Scoring is strict and entity-level: an entity counts as found only when its
type and both boundaries match. Prints micro precision/recall/F1 and the
same per type.

Two views are printed. The headline one compares IO with IO: `filo tag
--conll` writes IO labels, where two adjacent entities of one type cannot be
told apart, so gold BIO is converted to IO spans too (adjacent same-type gold
entities merge, which is rare) to avoid charging the tagger for what its
output cannot say. The second view keeps gold's own B/I spans and shows what
that merging costs.
"""
import sys

TYPES = ("PER", "LOC", "ORG")


def read(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                rows.append(None)
                continue
            parts = line.split("\t")
            rows.append((parts[0], parts[-1] if len(parts) > 1 else "O"))
    while rows and rows[-1] is None:
        rows.pop()
    return rows


def split(label):
    """('B'|'I'|None, type or None) of a BIO or IO label."""
    if label in ("O", "", "_"):
        return None, None
    if len(label) > 2 and label[1] == "-" and label[0] in "BIES":
        return ("B" if label[0] in "BS" else "I"), label[2:]
    return None, label


def spans(rows, use_bio):
    out = set()
    start = kind = None
    for i, row in enumerate(rows + [None]):
        tag, typ = split(row[1]) if row else (None, None)
        begins = typ is not None and (typ != kind or (use_bio and tag == "B"))
        if kind is not None and (typ != kind or begins):
            out.add((start, i, kind))
            kind = None
        if begins or (typ is not None and kind is None):
            start, kind = i, typ
    return out


def prf(tp, np, ng):
    p = tp / np if np else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def report(title, gold, pred):
    print(title)
    types = sorted({s[2] for s in gold | pred}, key=lambda t: (t not in TYPES, t))
    for t in types + ["ALL"]:
        g = {s for s in gold if t in ("ALL", s[2])}
        p = {s for s in pred if t in ("ALL", s[2])}
        tp = len(g & p)
        P, R, F = prf(tp, len(p), len(g))
        print(f"  {t:5s} P {P:.3f}  R {R:.3f}  F1 {F:.3f}  "
              f"(gold {len(g)}, predicted {len(p)}, correct {tp})")


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: conll_eval.py GOLD PRED")
    gold, pred = read(sys.argv[1]), read(sys.argv[2])
    if len(gold) != len(pred):
        sys.exit(f"conll_eval: {len(gold)} gold lines but {len(pred)} predicted")
    for i, (g, p) in enumerate(zip(gold, pred)):
        if (g is None) != (p is None) or (g and g[0] != p[0]):
            sys.exit(f"conll_eval: line {i + 1}: tokens differ: {g} / {p}")
    pred_bio = any(r and split(r[1])[0] for r in pred)
    psp = spans(pred, pred_bio)
    report("strict entity-level, gold as IO spans (headline):",
           spans(gold, False), psp)
    report("strict entity-level, gold as BIO spans:", spans(gold, True), psp)


if __name__ == "__main__":
    main()
