#!/usr/bin/env python3
"""conll_eval.py: scores named-entity predictions against gold labels.

Usage: conll_eval.py [-e | -v | -s | -r] GOLD PRED
Both files have token<TAB>label lines aligned line by line, a blank line
between sentences (a third column of PRED, the rule behind the label from
tools/tag_conll -r, is shown by -v). Labels are BIO (B-PER, I-LOC, ...) or IO (PER, LOC, ORG, O).
Scoring is strict and entity-level: an entity counts as found only when its
type and both boundaries match. Prints micro precision/recall/F1 and the
same per type.

Two views are printed. The headline one compares IO with IO: `filo tag
--conll` writes IO labels, where two adjacent entities of one type cannot be
told apart, so gold BIO is converted to IO spans too (adjacent same-type gold
entities merge, which is rare) to avoid charging the tagger for what its
output cannot say. The second view keeps gold's own B/I spans and shows what
that merging costs.

-s prints the headline view only; -r only its recall per type, for a
partly annotated gold file whose precision means nothing (MEANTIME marks
only the names that take part in its events).

-e adds an error breakdown by class (per gold type, IO spans): type
(same span, other type), boundary (same type, overlapping span), both,
missed (no overlapping prediction) and spurious (a prediction overlapping
no gold entity). -v also lists every error with its sentence, for study
on the terminal only.
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
            rows.append((parts[0], parts[1] if len(parts) > 1 else "O",
                         parts[2] if len(parts) > 2 else ""))
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


def report(title, gold, pred, recall_only=False):
    print(title)
    types = sorted({s[2] for s in gold | pred}, key=lambda t: (t not in TYPES, t))
    for t in types + ["ALL"]:
        g = {s for s in gold if t in ("ALL", s[2])}
        p = {s for s in pred if t in ("ALL", s[2])}
        tp = len(g & p)
        P, R, F = prf(tp, len(p), len(g))
        if recall_only:
            print(f"  {t:5s} R {R:.3f}  (gold {len(g)}, found {tp})")
        else:
            print(f"  {t:5s} P {P:.3f}  R {R:.3f}  F1 {F:.3f}  "
                  f"(gold {len(g)}, predicted {len(p)}, correct {tp})")


def classify(gold, pred):
    """Yields (class, gold type, gold span, pred span) for each error."""
    by_start = {}
    for s in pred:
        for i in range(s[0], s[1]):
            by_start.setdefault(i, []).append(s)
    seen = set()
    for g in sorted(gold):
        if g in pred:
            seen.add(g)
            continue
        over = {p for i in range(g[0], g[1]) for p in by_start.get(i, [])}
        seen |= over
        if not over:
            yield "missed", g[2], g, None
            continue
        for p in sorted(over):
            same_span = p[:2] == g[:2]
            cls = "type" if same_span else (
                "boundary" if p[2] == g[2] else "both")
            yield cls, g[2], g, p
    for p in sorted(pred - seen):
        yield "spurious", p[2], None, p


def show(rows, s, why=None):
    if not s:
        return "-"
    text = " ".join(r[0] for r in rows[s[0]:s[1]]) + f" [{s[2]}]"
    return text + f" {why[s[0]][2]}" if why and why[s[0]][2] else text


def context(rows, s):
    a = b = s[0]
    while a > 0 and rows[a - 1] is not None:
        a -= 1
    while b < len(rows) and rows[b] is not None:
        b += 1
    return " ".join(r[0] for r in rows[a:b])


def breakdown(gold_rows, pred_rows, gsp, psp, verbose):
    classes = ("type", "boundary", "both", "missed", "spurious")
    count = {}
    for cls, t, g, p in classify(gsp, psp):
        count[(cls, t)] = count.get((cls, t), 0) + 1
        if verbose:
            print(f"{cls}\t{show(gold_rows, g)}\t{show(gold_rows, p, pred_rows)}\t"
                  f"{context(gold_rows, g or p)}")
    print("errors by class (type of gold; of prediction for spurious):")
    print("  " + " ".join(f"{c:>9s}" for c in ("", ) + classes))
    for t in TYPES:
        print(f"  {t:>9s}" + " ".join(f"{count.get((c, t), 0):9d}"
                                       for c in classes))


def main():
    args = sys.argv[1:]
    verbose = "-v" in args
    errors = verbose or "-e" in args
    short = "-s" in args
    recall = "-r" in args
    args = [a for a in args if a not in ("-e", "-v", "-s", "-r")]
    if len(args) != 2:
        sys.exit("usage: conll_eval.py [-e | -v | -s | -r] GOLD PRED")
    gold, pred = read(args[0]), read(args[1])
    if len(gold) != len(pred):
        sys.exit(f"conll_eval: {len(gold)} gold lines but {len(pred)} predicted")
    for i, (g, p) in enumerate(zip(gold, pred)):
        if (g is None) != (p is None) or (g and g[0] != p[0]):
            sys.exit(f"conll_eval: line {i + 1}: tokens differ: {g} / {p}")
    pred_bio = any(r and split(r[1])[0] for r in pred)
    psp = spans(pred, pred_bio)
    if recall:
        report("strict entity-level recall, gold as IO spans:",
               spans(gold, False), psp, True)
        return
    report("strict entity-level, gold as IO spans (headline):",
           spans(gold, False), psp)
    if short:
        return
    report("strict entity-level, gold as BIO spans:", spans(gold, True), psp)
    if errors:
        breakdown(gold, pred, spans(gold, False), psp, verbose)


if __name__ == "__main__":
    main()
