#!/bin/sh
# make eval: the quality figures, measured on ../shared/ner when it is there
# (the annotations are for measuring only; nothing of them is kept).
cd "$(dirname "$0")/.." || exit 2
FILO_BIN=${FILO_BIN:-./filo}
export FILO_BIN
if [ ! -d ../shared/ner ]; then
	echo "eval: ../shared/ner not found (skipped)"
	exit 0
fi
echo "== named entities: filo tag --conll on WN_dev.tsv"
sh tools/eval_ner.sh || exit 1
echo
echo "== related stories: twins of split Wikinews documents"
sh tools/eval_related.sh || exit 1
