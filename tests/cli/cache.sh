#!/bin/sh
# cache.sh: `filo index` and `filo search` on a copy of articles/ plus a few
# articles of its own, with a private cache folder: the one-line summary,
# the same counts from a warm cache, edits, additions, deletions, a damaged
# cache, and the search output format.
cd "$(dirname "$0")/../.." || exit 2
FILO=${FILO_BIN:-./filo}
if ! "$FILO" --help 2>&1 | grep -q "filo index"; then
	echo "cache.sh: $FILO has no 'index' command: paste tools/main_snippets.c into src/main.c"
	exit 1
fi
tmp=$(mktemp -d /tmp/filo-cli-cache-XXXXXX) || exit 2
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME="$tmp/xdg"
dir="$tmp/articles"
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

fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
line_re='^[0-9][0-9]* articles, [0-9][0-9]* entities, [0-9][0-9]* threads, [0-9][0-9]*\.[0-9][0-9] s$'
counts() { sed 's/, [0-9.]* s$//'; }

out=$("$FILO" index "$dir" 2>"$tmp/err") || fail "index exited $?: $(cat "$tmp/err")"
[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "index printed more than one line: $out"
printf '%s\n' "$out" | grep -q "$line_re" || fail "index line format: '$out'"
[ "${out%% *}" -eq "$nfiles" ] || fail "index counted ${out%% *} articles, the folder has $nfiles"
[ -s "$tmp/err" ] && fail "first build said: $(cat "$tmp/err")"
ls "$XDG_CACHE_HOME"/filo/articles-*.db >/dev/null 2>&1 || fail "no cache file in $XDG_CACHE_HOME/filo"

again=$("$FILO" index "$dir" 2>"$tmp/err") || fail "second index exited $?"
[ "$(printf '%s' "$out" | counts)" = "$(printf '%s' "$again" | counts)" ] ||
	fail "warm index differs: '$out' then '$again'"
[ -s "$tmp/err" ] && fail "warm index said: $(cat "$tmp/err")"

# edit, add, delete: the article count follows the folder
write cli-roma "Il vertice di Roma, aggiornato" 2023-09-06 "La città di Roma ospita il vertice. Il sindaco parla."
write cli-new "Nuovo" 2023-11-01 "Un articolo nuovo su Genova e il suo porto."
out=$("$FILO" index "$dir") || fail "index after edits exited $?"
[ "${out%% *}" -eq $((nfiles + 1)) ] || fail "after an addition: '$out'"
rm "$dir/cli-new.md"
out=$("$FILO" index "$dir") || fail "index after a deletion exited $?"
[ "${out%% *}" -eq "$nfiles" ] || fail "after a deletion: '$out'"

# a damaged cache is rebuilt with a message, and counts the same
for db in "$XDG_CACHE_HOME"/filo/articles-*.db; do
	head -c 8192 /dev/urandom > "$db"
done
out2=$("$FILO" index "$dir" 2>"$tmp/err") || fail "index on a damaged cache exited $?"
grep -q "damaged (rebuilt)" "$tmp/err" || fail "no message for a damaged cache: $(cat "$tmp/err")"
[ "$(printf '%s' "$out" | counts)" = "$(printf '%s' "$out2" | counts)" ] ||
	fail "rebuilt cache differs: '$out' then '$out2'"

# search: format id<TAB>score<TAB>date<TAB>title<TAB>snippet, accents, case
res=$("$FILO" search citta "$dir") || fail "search citta exited $?"
printf '%s\n' "$res" | grep -q "^cli-roma	" || fail "citta did not find città: '$res'"
printf '%s\n' "$res" | awk -F'\t' 'NF != 5 { bad = 1 } END { exit bad }' ||
	fail "search lines are not 5 tab-separated fields: '$res'"
res=$("$FILO" search PECHINO "$dir" --json) || fail "search --json exited $?"
printf '%s\n' "$res" | grep -q '"id": "cli-pechino"' || fail "PECHINO: '$res'"
printf '%s\n' "$res" | grep -q '"match_offset": [0-9]' || fail "no match offset: '$res'"
if "$FILO" search skim "$dir" >/dev/null 2>&1; then
	fail "skim matched inside skimmed"
fi
"$FILO" search '"la città' "$dir" >/dev/null 2>"$tmp/err"
grep -q "unbalanced quote" "$tmp/err" || fail "no message for an unbalanced quote"

[ "$fails" -eq 0 ] || exit 1
echo "cache.sh: ok"
