#!/bin/sh
# make eval: the quality figures: the importer on the page, text and feed
# corpus (tests/data), then named entities and related stories on
# ../shared/ner when it is there (the KIND annotations are for measuring
# only; nothing of them is kept) and on the English Wikinews set of
# tests/data/ner (MEANTIME, CC BY 4.0).
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
echo "== named entities: filo tag --conll, strict, PER/LOC/ORG"
echo "-- Italian Wikinews, dev: ../shared/ner/WN_dev.tsv"
sh tools/eval_ner.sh -s ../shared/ner/WN_dev.tsv || exit 1
echo "-- English Wikinews, every name annotated: tests/data/ner/en_wikinews.tsv"
sh tools/eval_ner.sh -s tests/data/ner/en_wikinews.tsv || exit 1
echo "-- English Wikinews as MEANTIME ships it (partly annotated: recall only):"
echo "   ../shared/ner/MT_en_dev.tsv"
sh tools/eval_ner.sh -r ../shared/ner/MT_en_dev.tsv || exit 1
echo "-- Italian Wikinews, train (no names taken from it; its error classes"
echo "   were studied for general rules): ../shared/ner/WN_train.tsv"
sh tools/eval_ner.sh -s ../shared/ner/WN_train.tsv || exit 1
echo
echo "== related stories: twins of split Wikinews documents"
sh tools/eval_related.sh || exit 1
