#!/bin/sh
# The bundled articles/ are the importer's output for the seed pages: import
# the seeds again into a scratch folder and require the very same files, so
# an importer change that alters them shows up here (regenerate with
# `filo import ../shared/seeds/*.txt -o articles`, review, commit).
# Runs from the repo root; FILO_BIN is the binary under test.
FILO_BIN=${FILO_BIN:-./filo}
seeds=../shared/seeds
if ! ls "$seeds"/*.txt >/dev/null 2>&1; then
	echo "import_seeds: no seed pages in $seeds (they are required)" >&2
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/filo-import-seeds.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
if ! "$FILO_BIN" import "$seeds"/*.txt -o "$tmp/out" >"$tmp/log" 2>&1; then
	echo "import_seeds: filo import failed:" >&2
	cat "$tmp/log" >&2
	exit 1
fi
n_seeds=$(ls "$seeds"/*.txt | wc -l)
n_out=$(ls "$tmp/out" | wc -l)
if [ "$n_seeds" -ne "$n_out" ]; then
	echo "import_seeds: $n_seeds seed pages gave $n_out files" >&2
	exit 1
fi
status=0
for f in "$tmp/out"/*; do
	name=$(basename "$f")
	if [ ! -f "articles/$name" ]; then
		echo "import_seeds: articles/$name is missing" >&2
		status=1
	elif ! diff -u "articles/$name" "$f" >&2; then
		status=1
	fi
done
# A file in articles/ that an import would have named but no seed makes is
# a stale output of an older importer.
for f in articles/undated-*.md articles/[0-9][0-9][0-9][0-9]-*.md; do
	[ -f "$f" ] || continue
	if [ ! -f "$tmp/out/$(basename "$f")" ]; then
		echo "import_seeds: $f is not made from any seed (stale?)" >&2
		status=1
	fi
done
exit $status
