#!/bin/sh
# filo tag --conll in each text's language: --lang sets it, and without it
# each sentence takes the language of the sentences around it; the output
# keeps one token<TAB>LABEL line per token and every blank line.
. "$(dirname "$0")/lib.sh"

# label FILE TOKEN: the label of the first line of FILE whose token is TOKEN
label() { awk -F '\t' -v t="$2" '$1 == t { print $2; exit }' "$1"; }
# second_via FILE: the label of the second "via" (the English one)
second_via() { awk -F '\t' '$1 == "via" { n++ } n == 2 { print $2; exit }' "$1"; }

# Italian sentences, then English ones in the same input
printf '%s\n' Il presidente ha detto che il governo non andrà a Roma . '' \
	La riunione si terrà via Zoom e non a Parigi . '' \
	Un paragrafo del testo parla di altro e non di lui . '' \
	The plane flew to Toulouse via New York , and the airline said that it was late . '' \
	Prime Minister Gordon Brown said that the deal was done . > "$T/tok"
"$F" tag --conll < "$T/tok" > "$T/auto"
check "auto: exit 0" test $? -eq 0
check "auto: one output line per input line" test "$(wc -l < "$T/auto")" -eq "$(wc -l < "$T/tok")"
check "auto: tokens kept, blank lines kept" sh -c "cut -f1 '$T/auto' | cmp -s - '$T/tok'"
check "auto: every label is PER, LOC, ORG or O" \
	awk -F '\t' 'NF && $2 !~ /^(PER|LOC|ORG|O)$/ { exit 1 }' "$T/auto"
check "auto: the English 'via' is no place" test "$(second_via "$T/auto")" = O
check "auto: New York a place" test "$(label "$T/auto" York)" = LOC
check "auto: Prime Minister no person" test "$(label "$T/auto" Prime)" = O
check "auto: Gordon Brown a person" test "$(label "$T/auto" Brown)" = PER
check "auto: Italian 'Un' no name" test "$(label "$T/auto" Un)" = O
check "auto: Roma a place" test "$(label "$T/auto" Roma)" = LOC

# --lang it reads the English sentence with Italian rules: "via New York"
"$F" tag --conll --lang it < "$T/tok" > "$T/it"
check "--lang it: Italian 'via' heads a place" test "$(second_via "$T/it")" = LOC
"$F" tag --lang en-GB --conll < "$T/tok" > "$T/en"
check "--lang en-GB: options in any order" test $? -eq 0
tail -n 20 "$T/en" > "$T/a"
tail -n 20 "$T/auto" > "$T/b"
check "--lang en: the same labels as auto on the English part" cmp -s "$T/a" "$T/b"

expect_err "--lang xx: a usage error (2) that names the language" 2 \
	"unknown language 'xx'" "$F" tag --conll --lang xx
expect "--lang without a value: a usage error (2)" 2 "" "$F" tag --conll --lang
expect "tag without --conll: a usage error (2)" 2 "" "$F" tag

summary
