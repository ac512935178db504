#!/bin/sh
# The plain-text subcommands on the bundled articles: output formats, exit
# codes, usage errors, and problems reported as file:line.
set -u
. "$(dirname "$0")/lib.sh"

"$F" list articles > "$T/list"
check "list: five articles" test "$(wc -l < "$T/list")" -eq 5
check "list: four tab-separated fields" awk -F '\t' 'NF != 4 { exit 1 }' "$T/list"
check "list: newest first" sh -c "head -n 1 '$T/list' | cut -f2 | grep -qx 2025-09-03"
check "list: undated last" sh -c "tail -n 1 '$T/list' | cut -f2 | grep -qx ''"
"$F" list articles --sort title > "$T/title"
check "list --sort title orders by title" sh -c "cut -f4 '$T/title' | LC_ALL=C.UTF-8 sort -c -f"
"$F" list articles --filter 'VERTICE putin' > "$T/filter"
check "list --filter is case-insensitive, every word must match" test "$(wc -l < "$T/filter")" -eq 1
"$F" list articles --filter 'si e concluso' > "$T/filter"
check "list --filter is accent-insensitive" grep -q 'Si è concluso' "$T/filter"
expect "list: bad sort key is a usage error (2)" 2 "" "$F" list articles --sort nonsense

id=$(head -n 1 "$T/list" | cut -f1)
"$F" show "$id" --dir articles --width 40 > "$T/show"
check "show: the title comes first" sh -c "head -n 1 '$T/show' | grep -q 'Il leader nordcoreano'"
check "show: a date read from the text is marked inferred" grep -q '^2025-09-03 (inferred) · ' "$T/show"
check "show: no line wider than 40 columns" test "$(wc -L < "$T/show")" -le 40
check "show: reading time in the header" grep -q 'min read' "$T/show"
"$F" show "$id" --dir articles --styled > "$T/styled"
check "show --styled dumps styles" grep -q '^title|' "$T/styled"
expect_err "show: unknown id is an error (1) that says which id" 1 \
	"no article 'no-such-article'" "$F" show no-such-article --dir articles
expect "show without id is a usage error" 2 "" "$F" show

"$F" check articles > "$T/check"
check "check: bundled articles are clean" test $? -eq 0
check "check: summary line" grep -q '^5 articles, 0 problems$' "$T/check"

mkdir "$T/bad"
printf -- '---\ntitle: ok\ndate: 2023-02-30\n---\n\nx\n' > "$T/bad/baddate.md"
printf '' > "$T/bad/empty.md"
printf -- '---\ntitle \xff\n---\n' > "$T/bad/noval.md"
"$F" check "$T/bad" > "$T/problems"
check "check: problems exit 1" test $? -eq 1
check "check: bad date with file and line" grep -q "baddate.md:3: " "$T/problems"
check "check: empty file reported" grep -q "empty.md: " "$T/problems"
check "check: line without a colon reported with its line" grep -q "noval.md:2: " "$T/problems"

expect "an unknown word is taken as a folder and fails without a terminal" 1 "" "$F" nosuchcommand
"$F" --version | grep -q '^filo [0-9]'
check "--version" test $? -eq 0
"$F" --help | grep -q '^usage: filo'
check "--help" test $? -eq 0
expect_err "reader without a terminal exits 1 and says so" 1 "not a terminal" "$F" articles

summary
