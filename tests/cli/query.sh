#!/bin/sh
# query.sh: one query language for `filo list --filter` and `filo search`:
# the filters of either find the same articles of the bundled archive, the
# state is read and never written, mistakes are said; search finds the
# other forms of words in the corpus of tests/data/stem, in Italian and
# English, and prefixes.
set -u
. "$(dirname "$0")/lib.sh"

# ids of `filo list --filter Q` and of `filo search Q`, sorted, one line
list_ids() { "$F" list articles --filter "$1" 2>/dev/null | cut -f1 | sort | tr '\n' ' '; }
search_ids() { "$F" search "$1" articles -n 1000 2>/dev/null | cut -f1 | sort | tr '\n' ' '; }

# the issue's case: the manual said both behave the same
"$F" list articles --filter entity:shoigu > "$T/out"
check "list --filter entity:shoigu finds the two articles that name him" \
	test "$(wc -l < "$T/out")" -eq 2
check "list --filter keeps its four fields" awk -F '\t' 'NF != 4 { exit 1 }' "$T/out"
"$F" list articles > "$T/all"
"$F" list articles --filter -lang:xx > "$T/none"
check "list through the index cache lists what the folder does, in order" \
	cmp -s "$T/all" "$T/none"

for q in entity:shoigu 'entity:"Kim Jong Un"' entity:sergey -entity:putin type:ORG \
	'type:LOC -type:ORG' source:x lang:it lang:en -lang:it date:2023-09 \
	'date:2023-09-01..2023-09-13' 'date:..2023' is:unread is:flagged -is:unread \
	'is:unread entity:shoigu' 'lang:it date:2023'; do
	l=$(list_ids "$q") s=$(search_ids "$q")
	check "list and search agree on $q" test "$l" = "$s"
done
check "and entity: found something" test -n "$(list_ids entity:putin)"
check "lang:en finds none of the Italian articles" test -z "$(list_ids lang:en)"
check "lang:it finds all five" test "$(list_ids lang:it | wc -w)" -eq 5

# is: reads the reader's state (tests/ui/query.sh marks some), and
# never writes it
"$F" list articles --filter is:unread > "$T/out" 2> "$T/err"
check "is:unread without a state file: every article unread" test "$(wc -l < "$T/out")" -eq 5
"$F" search 'is:flagged' articles > "$T/out" 2> "$T/err"
check "is:flagged without a state file: none (search exits 1)" test $? -eq 1
check "and no state file or folder is made" test ! -e "$XDG_STATE_HOME/filo"

# mistakes are said, and the rest applies
run "$F" list articles --filter 'date:2023-13 putin'
check "list: a bad date is said" grep -q "query: date: expects" "$T/err"
check "list: the rest of the filter applies" test "$(wc -l < "$T/out")" -eq 4
run "$F" list articles --filter 'lingua:en'
check "list: an unknown filter is said" grep -q "query: unknown filter lingua:" "$T/err"
check "list: and read as a word (nothing has it)" test ! -s "$T/out"
run "$F" search 'is:new kim' articles
check "search: a bad is: value is said" grep -q "query: is: expects unread or flagged" "$T/err"
check "search: the rest still applies" test "$st" -eq 0

# other forms of words: the corpus of tests/data/stem
S=tests/data/stem
same() {	# NAME Q1 Q2 COUNT: both queries find the same COUNT articles
	a=$("$F" search "$2" $S -n 100 | cut -f1 | sort | tr '\n' ' ')
	b=$("$F" search "$3" $S -n 100 | cut -f1 | sort | tr '\n' ' ')
	check "$1: $2 and $3 find the same $4 articles" \
		test "$a" = "$b" -a "$(echo "$a" | wc -w)" -eq "$4"
}
same "Italian plural" azione azioni 2
same "Italian plural" sciopero scioperi 2
same "Italian, no lang field" 'lang:it sciopero' 'lang:it scioperi' 2
same "Italian verb" votare votato 2
same "English plural" election elections 3
same "English plural" company companies 3
same "English verb" 'lang:en vote' 'lang:en voted' 2
same "English, no lang field" flood flooding 1
"$F" search azioni $S > "$T/out"
check "the article with the word as written comes first" \
	sh -c "head -n 1 '$T/out' | cut -f1 | grep -qx it-azioni"
check "the other form is found too" grep -q '^it-azione' "$T/out"
check "search keeps its five fields" awk -F '\t' 'NF != 5 { exit 1 }' "$T/out"
"$F" search '"azioni"' $S > "$T/out"
check "a phrase finds the word as written only" test "$(wc -l < "$T/out")" -eq 1
"$F" search 'bankrupt*' $S > "$T/out"
check "bankrupt* finds bankrupt and bankruptcy" test "$(wc -l < "$T/out")" -eq 2
"$F" search bankrupt $S > "$T/out"
check "bankrupt alone: Snowball keeps bankruptcy apart" test "$(wc -l < "$T/out")" -eq 1

summary
