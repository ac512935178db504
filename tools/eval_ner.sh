#!/bin/sh
# Scores the entity recogniser on the Italian Wikinews NER sentences in
# ../shared/ner (measuring only: the annotations are CC BY-NC and nothing
# from them enters the repository). Runs `filo tag --conll` ($FILO_BIN, else
# ./filo) on the tokens of WN_dev.tsv (or the file given) and prints strict
# entity-level precision, recall and F1. -e adds an error breakdown by class,
# -v lists each error too (see tools/conll_eval.py).
cd "$(dirname "$0")/.." || exit 2
opt=
case $1 in -e|-v) opt=$1; shift ;; esac
gold=${1:-../shared/ner/WN_dev.tsv}
if [ ! -f "$gold" ]; then
	echo "eval: ../shared/ner not found (skipped)"
	exit 0
fi
bin=${FILO_BIN:-./filo}
tmp=${TMPDIR:-/tmp}/filo-ner.$$
trap 'rm -f "$tmp.tok" "$tmp.out"' EXIT INT TERM
cut -f1 "$gold" > "$tmp.tok" || exit 2
"$bin" tag --conll < "$tmp.tok" > "$tmp.out" || {
	echo "eval: $bin tag --conll failed" >&2
	exit 1
}
python3 tools/conll_eval.py $opt "$gold" "$tmp.out"
