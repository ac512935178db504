#!/bin/sh
# cache.sh: `filo index` and `filo search` on a copy of articles/ plus a few
# articles of its own, with a private cache folder: the one-line summary,
# the same counts from a warm cache, edits, additions, deletions, a damaged
# cache, and the search output format.
. "$(dirname "$0")/lib.sh"
if ! "$F" --help 2>&1 | grep -q "filo index"; then
	echo "cache.sh: $F has no 'index' command"
	exit 1
fi
dir="$T/articles"
mkdir -p "$dir"
for f in articles/*.md; do
	[ -f "$f" ] && cp "$f" "$dir/"
done
write() {	# id title date body
	printf -- '---\ntitle: %s\ndate: %s\nsource: Test Wire\n---\n\n%s\n' "$2" "$3" "$4" > "$dir/$1.md"
}
write cli-roma "Il vertice di Roma" 2023-09-05 "La città di Roma ospita il vertice. Giulia Ferretti parla ai giornalisti."
write cli-pechino "La delegazione" 2023-10-02 "PECHINO — La delegazione del governo è arrivata ieri sera a Pechino."
write cli-kimono "Textiles" 2022-01-15 "The reporter skimmed the files about the kimono trade."
nfiles=$(ls "$dir"/*.md | wc -l)

line_re='^[0-9][0-9]* articles, [0-9][0-9]* entities, [0-9][0-9]* threads, [0-9][0-9]*\.[0-9][0-9] s$'
counts() { sed 's/, [0-9.]* s$//'; }
# matches TEXT PATTERN: a line of TEXT matches the grep PATTERN.
matches() { printf '%s\n' "$1" | grep -q -- "$2"; }
# same A B: two index lines give the same counts (the time aside).
same() { [ "$(printf '%s' "$1" | counts)" = "$(printf '%s' "$2" | counts)" ]; }

out=$("$F" index "$dir" 2>"$T/err")
check "index: the first build succeeds" test $? -eq 0 || cat "$T/err"
check "index: one line" test "$(printf '%s\n' "$out" | wc -l)" -eq 1
check "index: the line's format" matches "$out" "$line_re" || echo "       | $out"
check "index: counts the folder's $nfiles articles" test "${out%% *}" -eq "$nfiles"
check "index: the first build says nothing" test ! -s "$T/err"
check "index: a cache file in XDG_CACHE_HOME/filo" \
	sh -c 'ls "$1"/filo/articles-*.db >/dev/null 2>&1' sh "$XDG_CACHE_HOME"

again=$("$F" index "$dir" 2>"$T/err")
check "index: a warm start succeeds" test $? -eq 0
check "index: a warm start counts the same" same "$out" "$again" || echo "       | $out | $again"
check "index: a warm start says nothing" test ! -s "$T/err"

# edit, add, delete: the article count follows the folder
write cli-roma "Il vertice di Roma, aggiornato" 2023-09-06 "La città di Roma ospita il vertice. Il sindaco parla."
write cli-new "Nuovo" 2023-11-01 "Un articolo nuovo su Genova e il suo porto."
out=$("$F" index "$dir")
check "index after edits succeeds" test $? -eq 0
check "index: an addition is counted" test "${out%% *}" -eq $((nfiles + 1))
rm "$dir/cli-new.md"
out=$("$F" index "$dir")
check "index after a deletion succeeds" test $? -eq 0
check "index: a deletion is counted" test "${out%% *}" -eq "$nfiles"

# a damaged cache is rebuilt with a message, and counts the same
for db in "$XDG_CACHE_HOME"/filo/articles-*.db; do
	head -c 8192 /dev/urandom > "$db"
done
out2=$("$F" index "$dir" 2>"$T/err")
check "index on a damaged cache succeeds" test $? -eq 0
check "index: a damaged cache is rebuilt, and said so" grep -q "damaged (rebuilt)" "$T/err"
check "index: the rebuilt cache counts the same" same "$out" "$out2" || echo "       | $out | $out2"

# search: format id<TAB>score<TAB>date<TAB>title<TAB>snippet, accents, case
res=$("$F" search citta "$dir")
check "search citta succeeds" test $? -eq 0
check "search: citta finds città" matches "$res" "^cli-roma	"
check "search: lines of 5 tab-separated fields" \
	sh -c 'printf "%s\n" "$1" | awk -F "\t" "NF != 5 { bad = 1 } END { exit bad }"' sh "$res"
res=$("$F" search PECHINO "$dir" --json)
check "search --json succeeds" test $? -eq 0
check "search --json: PECHINO finds cli-pechino" matches "$res" '"id": "cli-pechino"'
check "search --json: the match offset" matches "$res" '"match_offset": [0-9]'
run "$F" search kimon "$dir"
check "search: kimon does not match inside kimono" test "$st" -ne 0
run "$F" search skim "$dir"
check "search: skim finds skimmed, another form of it" grep -q "^cli-kimono" "$T/out"
run "$F" search '"skim"' "$dir"
check "search: a phrase is as written" test "$st" -ne 0
run "$F" search '"la città' "$dir"
check "search: an unbalanced quote is said" grep -q "unbalanced quote" "$T/err"

summary
