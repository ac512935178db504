#!/bin/sh
# make eval: the quality figures: the importer on the page, text and feed
# corpus (tests/data), then named entities and related stories on
# ../shared/ner when it is there (the annotations are for measuring only;
# nothing of them is kept).
cd "$(dirname "$0")/.." || exit 2
FILO_BIN=${FILO_BIN:-./filo}
export FILO_BIN
echo "== import: filo import on tests/data/pages, pages/text and feeds"
python3 tools/eval_import.py --filo "$FILO_BIN" tests/data/pages tests/data/pages/text \
	tests/data/feeds | sed -n '/^ *items /,$p'
echo
if [ ! -d ../shared/ner ]; then
	echo "eval: ../shared/ner not found (skipped)"
	exit 0
fi
echo "== named entities: filo tag --conll on WN_dev.tsv"
sh tools/eval_ner.sh || exit 1
echo
echo "== related stories: twins of split Wikinews documents"
sh tools/eval_related.sh || exit 1
