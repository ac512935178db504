#!/bin/sh
# eval_related.sh: measures related-story ranking on real news: Wikinews
# articles cut into twin halves (tools/eval_related.py), ranked by
# `filo related --all`, scored by how often a half finds its twin first.
# The corpus stays outside the repository; the halves live in a temp folder.
#   FILO_BIN=build/filo sh tools/eval_related.sh [--baseline]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tsv=${FILO_NER:-$root/../shared/ner}/WN_dev.tsv
if [ ! -f "$tsv" ]; then
	echo "eval: ../shared/ner not found (skipped)"
	exit 0
fi
bin=${FILO_BIN:-$root/filo}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/filo-eval-related.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
python3 "$here/eval_related.py" split "$tsv" "$tmp/articles"
start=$(date +%s.%N)
"$bin" related --all "$tmp/articles" -n 5 >"$tmp/out"
end=$(date +%s.%N)
python3 "$here/eval_related.py" score "$tmp/articles" "$tmp/out"
awk -v a="$start" -v b="$end" -v bin="$bin" \
	'BEGIN { printf "eval: %s related --all took %.2f s\n", bin, b - a }'
if [ "${1:-}" = "--baseline" ]; then
	python3 "$here/eval_related.py" baseline "$tmp/articles"
fi
