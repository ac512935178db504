#!/bin/sh
# The bundled articles/ are the importer's output for the seed pages: import
# the seeds again into a scratch folder and require the very same files, so
# an importer change that alters them shows up here (regenerate with
# `filo import ../shared/seeds/*.txt -o articles`, review, commit).
# Runs from the repo root; FILO_BIN is the binary under test.
. "$(dirname "$0")/lib.sh"
seeds=../shared/seeds
if ! ls "$seeds"/*.txt >/dev/null 2>&1; then
	echo "import_seeds: no seed pages in $seeds (they are required)" >&2
	exit 1
fi
if ! "$F" import "$seeds"/*.txt -o "$T/imported" >"$T/log" 2>&1; then
	echo "import_seeds: filo import failed:" >&2
	cat "$T/log" >&2
	exit 1
fi
n_seeds=$(ls "$seeds"/*.txt | wc -l)
n_out=$(ls "$T/imported" | wc -l)
check "each of the $n_seeds seed pages gives a file" test "$n_seeds" -eq "$n_out" ||
	{ echo "       | $n_out files"; exit 1; }
for f in "$T/imported"/*; do
	name=$(basename "$f")
	if [ ! -f "articles/$name" ]; then
		fail "articles/$name is missing"
	elif ! diff -u "articles/$name" "$f" >&2; then
		fail "articles/$name differs from its import"
	else
		ok "articles/$name is its seed's import"
	fi
done
# A file in articles/ that an import would have named but no seed makes is
# a stale output of an older importer.
for f in articles/undated-*.md articles/[0-9][0-9][0-9][0-9]-*.md; do
	[ -f "$f" ] || continue
	check "$f is made from a seed (not stale)" test -f "$T/imported/$(basename "$f")"
done
summary
