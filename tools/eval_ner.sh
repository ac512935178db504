#!/bin/sh
# Scores the entity recogniser on a token file with gold labels: by default
# the Italian Wikinews sentences ../shared/ner/WN_dev.tsv (KIND; measuring
# only: the annotations are CC BY-NC and nothing from them enters the
# repository). Runs `filo tag --conll` ($FILO_BIN, else ./filo; $FILO_LANG
# as its --lang, default auto) on the tokens of the file and prints strict
# entity-level precision, recall and F1 per type. -s prints the headline
# only, -r recall only (for partly annotated files), -e adds an error
# breakdown by class, -v lists each error too (see tools/conll_eval.py).
cd "$(dirname "$0")/.." || exit 2
opt=
case $1 in -e|-v|-s|-r) opt=$1; shift ;; esac
gold=${1:-../shared/ner/WN_dev.tsv}
if [ ! -f "$gold" ]; then
	echo "eval: $gold not found (skipped)"
	exit 0
fi
bin=${FILO_BIN:-./filo}
tmp=${TMPDIR:-/tmp}/filo-ner.$$
trap 'rm -f "$tmp.tok" "$tmp.out"' EXIT INT TERM
cut -f1 "$gold" > "$tmp.tok" || exit 2
"$bin" tag --conll --lang "${FILO_LANG:-auto}" < "$tmp.tok" > "$tmp.out" || {
	echo "eval: $bin tag --conll failed" >&2
	exit 1
}
python3 tools/conll_eval.py $opt "$gold" "$tmp.out"
