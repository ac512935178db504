#!/usr/bin/env python3
"""check_conll.py: checks a hand-annotated NER file and lists what to review.

Usage: check_conll.py [-a ORIGINAL] [-l] [-c] FILE

FILE has token<TAB>label lines, a blank line between sentences, labels
PER, LOC, ORG or O (the format of tests/data/ner/). Always checked: two
fields a line, labels in the tag set, the file ending in a newline. With
-a, FILE must keep ORIGINAL's tokens and sentence breaks line by line (only
labels may differ), and the labels that differ are counted: added (O to a
type), removed (a type to O) and retyped.

-l lists every distinct entity string with its labels and counts; strings
with more than one label are marked `!`, so that the same name labelled
differently stands out. -c lists candidates for missed mentions: a
capitalised token labelled O that is not the first of its sentence, or a
token labelled O that is labelled as an entity elsewhere, each with its line
and sentence.

Exit status 1 when a check fails, 0 otherwise.
"""
import sys

TAGS = ("PER", "LOC", "ORG", "O")


def read(path, errors):
    """Rows of (line number, token, label), None for a sentence break."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text and not text.endswith("\n"):
        errors.append(f"{path}: no newline at end of file")
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    rows = []
    for n, line in enumerate(lines, 1):
        if not line.strip():
            if line:
                errors.append(f"{path}:{n}: blank line with spaces")
            rows.append(None)
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            errors.append(f"{path}:{n}: {len(parts)} fields, want 2")
            parts = (parts + ["O"])[:2]
        if parts[1] not in TAGS:
            errors.append(f"{path}:{n}: label {parts[1]!r} not in {TAGS}")
        rows.append((n, parts[0], parts[1]))
    return rows


def compare(rows, orig, path, errors):
    if len(rows) != len(orig):
        errors.append(f"{path}: {len(rows)} lines, original {len(orig)}")
    added = removed = retyped = 0
    for r, o in zip(rows, orig):
        if (r is None) != (o is None):
            n = (r or o)[0]
            errors.append(f"{path}:{n}: sentence break differs from original")
            return
        if r is None:
            continue
        if r[1] != o[1]:
            errors.append(f"{path}:{r[0]}: token {r[1]!r}, original {o[1]!r}")
        elif r[2] != o[2]:
            if o[2] == "O":
                added += 1
            elif r[2] == "O":
                removed += 1
            else:
                retyped += 1
    print(f"labels against the original: {added} added, {removed} removed, "
          f"{retyped} retyped")


def sentences(rows):
    cur = []
    for r in rows + [None]:
        if r is None:
            if cur:
                yield cur
            cur = []
        else:
            cur.append(r)


def spans(rows):
    """(label, text, first line) of each run of one entity label."""
    for sent in sentences(rows):
        start = None
        for i, r in enumerate(sent + [(0, "", "O")]):
            if start is not None and r[2] != sent[start][2]:
                toks = [t[1] for t in sent[start:i]]
                yield sent[start][2], " ".join(toks), sent[start][0]
                start = None
            if start is None and r[2] != "O":
                start = i


def count(rows):
    per = {t: 0 for t in TAGS[:3]}
    for label, _, _ in spans(rows):
        per[label] = per.get(label, 0) + 1
    total = sum(per.values())
    print("entity spans: " + ", ".join(f"{t} {per[t]}" for t in per) +
          f", total {total}")


def list_entities(rows):
    seen = {}
    for label, text, _ in spans(rows):
        d = seen.setdefault(text, {})
        d[label] = d.get(label, 0) + 1
    for text in sorted(seen, key=str.lower):
        d = seen[text]
        mark = "!" if len(d) > 1 else " "
        labels = " ".join(f"{t}:{d[t]}" for t in sorted(d))
        print(f"{mark} {text}\t{labels}")


def candidates(rows):
    named = {r[1] for r in rows if r and r[2] != "O"}
    for sent in sentences(rows):
        words = " ".join(r[1] for r in sent)
        for i, r in enumerate(sent):
            if r[2] != "O":
                continue
            cap = i > 0 and r[1][:1].isupper()
            if cap or r[1] in named:
                why = "labelled elsewhere" if r[1] in named else "capitalised"
                print(f"{r[0]}\t{r[1]}\t{why}\t{words}")


def main():
    args = sys.argv[1:]
    orig = None
    if "-a" in args:
        k = args.index("-a")
        if k + 1 >= len(args):
            sys.exit(__doc__.split("\n\n")[1])
        orig = args[k + 1]
        del args[k:k + 2]
    flags = {a for a in args if a in ("-l", "-c")}
    files = [a for a in args if a not in flags]
    if len(files) != 1:
        sys.exit(__doc__.split("\n\n")[1])
    errors = []
    rows = read(files[0], errors)
    if orig:
        compare(rows, read(orig, errors), files[0], errors)
    count(rows)
    if "-l" in flags:
        list_entities(rows)
    if "-c" in flags:
        candidates(rows)
    for e in errors[:50]:
        print("check_conll: " + e, file=sys.stderr)
    if len(errors) > 50:
        print(f"check_conll: {len(errors) - 50} more errors", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
