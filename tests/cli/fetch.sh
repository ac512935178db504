#!/bin/sh
# filo fetch against a real HTTP server on this machine (feedserver.py on
# 127.0.0.1, a free port; nothing leaves the machine): 200, 304 by ETag and
# by Last-Modified (the validators sent, nothing written), 301/302, 404,
# 500, a timeout (fetch-timeout 1 against a server that waits 3 s: no clock
# is read here), the size cap, gzip, malformed XML, a page that is no feed,
# a feed whose items change, a failing feed beside good ones, --full, the
# folder lock and the feeds file's own problems.
set -u
cd "$(dirname "$0")/../.." || exit 2
ROOT=$(pwd)
F=${FILO_BIN:-./filo}
case "$F" in /*) ;; *) F=$ROOT/$F ;; esac
T=$(mktemp -d) || exit 2
SERVER=""
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_CACHE_HOME="$T/cache" XDG_STATE_HOME="$T/state"
export LANG=C.UTF-8 LC_ALL=C.UTF-8
unset FILO_ARTICLES BROWSER
mkdir -p "$T/config/filo" "$T/doc"
fails=0
check() {	# check DESCRIPTION COMMAND...: the command must succeed
	d=$1; shift
	if "$@"; then printf '  ok   %s\n' "$d"; else
		printf '  FAIL %s\n' "$d"; fails=$((fails + 1))
		sed -n '1,12s/^/       | /p' "$T/out" "$T/err" 2>/dev/null
	fi
}
has() { grep -qF -- "$2" "$1"; }	# has FILE TEXT
lacks() { ! grep -qF -- "$2" "$1"; }

# ---- the server ----
python3 tests/cli/feedserver.py "$T/doc" --slow 3 > "$T/port" 2> "$T/server.err" &
SERVER=$!
tries=0
while [ ! -s "$T/port" ] && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
P=$(cat "$T/port")
[ -n "$P" ] || { echo "fetch: the test server did not start"; cat "$T/server.err"; exit 2; }
H=http://127.0.0.1:$P
LOG=$T/doc/requests.log

# A feed of N items ITEMS..., each linking to /plain/page-ID.html.
rss() {	# rss TITLE ID:TITLE:BODY...
	title=$1; shift
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>%s</title><link>%s/</link>\n' "$title" "$H"
	for it in "$@"; do
		id=${it%%:*} rest=${it#*:}
		printf '<item><title>%s</title><link>%s/plain/page-%s.html</link><guid>%s</guid><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>%s</description></item>\n' \
			"${rest%%:*}" "$H" "$id" "$id" "${rest#*:}"
	done
	printf '</channel></rss>\n'
}

fetch() {	# fetch ARGS...: stdout to out, stderr to err, status to st
	"$F" fetch "$@" > "$T/out" 2> "$T/err"
	st=$?
}

# What a folder holds: names, sizes and contents, to compare.
snapshot() { (cd "$1" && for f in *.md; do [ -f "$f" ] && printf '%s %s\n' "$f" "$(cksum < "$f")"; done) 2>/dev/null; }

cp tests/data/feeds/rss-content.xml "$T/doc/news.xml"
cp tests/data/feeds/atom.xml "$T/doc/atom.xml"

# ---- 200, then 304 by ETag ----
printf '%s/feeds/news.xml "~Harbor Business" business\n' "$H" > "$T/urls"
fetch --feeds "$T/urls" "$T/a"
check "200: exit 0" test "$st" -eq 0
check "200: one line for the feed, named by its ~Name" has "$T/out" "$(printf 'Harbor Business\t5 new, 0 updated, 0 unchanged')"
check "200: the summary line" has "$T/out" "1 feed: 5 new, 0 updated, 0 unchanged; 0 not modified, 0 failed"
check "200: five articles" test "$(ls "$T/a" | wc -l)" -eq 5
check "200: the ~Name is their source" test "$(grep -l '^source: Harbor Business$' "$T/a"/*.md | wc -l)" -eq 5
check "200: nothing on stderr" test ! -s "$T/err"
before=$(snapshot "$T/a")
: > "$LOG"
fetch --feeds "$T/urls" "$T/a"
check "304: exit 0" test "$st" -eq 0
check "304: the ETag was sent back" grep -q "^/feeds/news.xml	\"[0-9a-f]*\"	" "$LOG"
check "304: said as not modified" has "$T/out" "$(printf 'Harbor Business\tnot modified')"
check "304: nothing written" test "$before" = "$(snapshot "$T/a")"
check "304: no temporary file left" test "$(ls -A "$T/a" | wc -l)" -eq 5

# ---- 304 by Last-Modified only ----
printf '%s/lm/atom.xml\n' "$H" > "$T/urls-lm"
fetch --feeds "$T/urls-lm" "$T/lm"
check "Last-Modified feed: imported, named by its title" has "$T/out" "$(printf 'Orbit & Runway\t4 new')"
before=$(snapshot "$T/lm")
: > "$LOG"
fetch --feeds "$T/urls-lm" "$T/lm"
check "Last-Modified: If-Modified-Since sent, no ETag" grep -q "^/lm/atom.xml	-	[A-Z][a-z][a-z], " "$LOG"
check "Last-Modified: not modified, still named by the title" has "$T/out" "$(printf 'Orbit & Runway\tnot modified')"
check "Last-Modified: nothing written" test "$before" = "$(snapshot "$T/lm")"

# ---- gzip ----
: > "$LOG"
printf '%s/gzip/atom.xml\n' "$H" > "$T/urls-gz"
fetch --feeds "$T/urls-gz" "$T/gz"
check "gzip: asked for and decoded" sh -c "grep -q 'gzip' '$LOG' && test \$(ls '$T/gz' | wc -l) -eq 4"

# ---- redirects ----
printf '%s/r301/atom.xml\n' "$H" > "$T/urls-301"
cp "$T/urls-301" "$T/urls-301.orig"
fetch --feeds "$T/urls-301" "$T/r301"
check "301: the feed lands" sh -c "test $st -eq 0 && test \$(ls '$T/r301' | wc -l) -eq 4"
check "301: said, with the feeds file's line" has "$T/err" "filo: $T/urls-301:1: $H/r301/atom.xml moved permanently to $H/feeds/atom.xml (the feeds file was not changed: update it there)"
check "301: the feeds file is not changed" cmp -s "$T/urls-301" "$T/urls-301.orig"
printf '%s/r302/atom.xml\n' "$H" > "$T/urls-302"
fetch --feeds "$T/urls-302" "$T/r302"
check "302: the feed lands, nothing said" sh -c "test $st -eq 0 && test \$(ls '$T/r302' | wc -l) -eq 4 && ! test -s '$T/err'"
printf '%s/loop/0\n%s/tofile\n' "$H" "$H" > "$T/urls-bad-redirect"
fetch --feeds "$T/urls-bad-redirect" "$T/loop"
check "a redirect loop stops" has "$T/err" "$H/loop/0: more than 5 redirects (nothing changed)"
check "a redirect to file:// is refused" has "$T/err" "$H/tofile: redirected to a scheme other than http or https (refused) (nothing changed)"

# ---- errors ----
printf '%s/status/404\n%s/status/500\n' "$H" "$H" > "$T/urls-err"
fetch --feeds "$T/urls-err" "$T/err-dir"
check "404 and 500: exit 1" test "$st" -eq 1
check "404: said with file and line" has "$T/err" "filo: $T/urls-err:1: $H/status/404: HTTP 404 (nothing changed)"
check "500: said with file and line" has "$T/err" "filo: $T/urls-err:2: $H/status/500: HTTP 500 (nothing changed)"
check "errors: counted in the summary" has "$T/out" "2 feeds: 0 new, 0 updated, 0 unchanged; 0 not modified, 2 failed"

printf 'set fetch-timeout 1\n' > "$T/config/filo/config"
printf '%s/slow/atom.xml\n' "$H" > "$T/urls-slow"
fetch --feeds "$T/urls-slow" "$T/slow"
check "a slow server: timed out after fetch-timeout" has "$T/err" "$H/slow/atom.xml: timed out after 1 s (nothing changed)"
rm "$T/config/filo/config"

printf '%s/big/11\n%s/biglen/11\n%s/bomb/40\n' "$H" "$H" "$H" > "$T/urls-big"
fetch --feeds "$T/urls-big" "$T/big"
check "a body over 10 MiB: stopped" has "$T/err" "$H/big/11: larger than 10 MiB (download stopped) (nothing changed)"
check "an announced body over 10 MiB: stopped" has "$T/err" "$H/biglen/11: larger than 10 MiB (download stopped)"
check "a gzip bomb: stopped when decoded past 10 MiB" has "$T/err" "$H/bomb/40: larger than 10 MiB (download stopped)"

printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Broken</title>\n<item><title>One</titl></item>\n</channel></rss>\n' > "$T/doc/broken.xml"
printf '<!doctype html><html><head><title>Home</title></head><body><p>Hello</p></body></html>\n' > "$T/doc/home.html"
printf '%s/feeds/broken.xml\n%s/feeds/home.html\n' "$H" "$H" > "$T/urls-bad"
fetch --feeds "$T/urls-bad" "$T/bad"
check "malformed XML: the line of the error, nothing imported" \
	sh -c "grep -q '$H/feeds/broken.xml: line 3: .*(feed not imported) (nothing changed)' '$T/err' && test ! -e '$T/bad/undated-one.md'"
check "a web page is not a feed" has "$T/err" "$H/feeds/home.html: not a feed: a web page (application/rss+xml) (nothing changed)"
check "nothing written for either" test "$(ls "$T/bad" 2>/dev/null | wc -l)" -eq 0

# ---- a feed whose items change ----
cp tests/data/feeds/rss-content.v2.xml "$T/doc/news.xml"
touch -d '2030-01-01' "$T/doc/news.xml"
port=$(grep -l 'Port traffic' "$T/a"/*.md)
fish=$(grep -l 'Fish market' "$T/a"/*.md)
fish_before=$(cksum < "$fish")
snapshot "$T/a" | grep -v "^$(basename "$port") " > "$T/others"
fetch --feeds "$T/urls" "$T/a"
check "changed items: 2 new, 1 updated" has "$T/out" "$(printf 'Harbor Business\t2 new, 1 updated, ')"
check "changed items: seven articles, no duplicate" test "$(ls "$T/a" | wc -l)" -eq 7
check "changed items: the changed one rewritten in place" grep -q 'Port traffic' "$port"
check "changed items: one file for the changed item" test "$(grep -l 'Port traffic' "$T/a"/*.md | wc -l)" -eq 1
check "changed items: the dropped item's article stays as it was" test "$(cksum < "$fish")" = "$fish_before"
snapshot "$T/a" > "$T/now"
check "changed items: the four other files unchanged" \
	sh -c "test \$(wc -l < '$T/others') -eq 4 && grep -vxFf '$T/now' '$T/others' | wc -l | grep -qx 0"

# ---- a failing feed beside good ones ----
cp tests/data/feeds/atom.xml "$T/doc/good.xml"
printf '%s/feeds/news.xml "~Harbor Business"\n%s/feeds/good.xml\n' "$H" "$H" > "$T/urls-mixed"
before=$(snapshot "$T/a")
mv "$T/doc/news.xml" "$T/doc/news.xml.away"	# now a 404
fetch --feeds "$T/urls-mixed" "$T/a"
check "mixed: exit 1" test "$st" -eq 1
check "mixed: the good feed lands" has "$T/out" "$(printf 'Orbit & Runway\t4 new')"
check "mixed: the failing one said" has "$T/err" "$H/feeds/news.xml: HTTP 404 (nothing changed)"
printf '%s\n' "$before" > "$T/before"
snapshot "$T/a" > "$T/after"
check "mixed: the failing feed's seven articles kept byte for byte" \
	sh -c "test \$(wc -l < '$T/before') -eq 7 && grep -vxFf '$T/after' '$T/before' | wc -l | grep -qx 0"
check "mixed: eleven articles now" test "$(ls "$T/a" | wc -l)" -eq 11
mv "$T/doc/news.xml.away" "$T/doc/news.xml"

# ---- an article edited by hand is never overwritten ----
printf 'A note of mine.\n' >> "$port"
mine=$(cksum < "$port")
sed 's/new text/newer text/' tests/data/feeds/rss-content.v2.xml > "$T/doc/news.xml"
sed -i 's/<description>/<description>Changed. /' "$T/doc/news.xml"
touch -d '2031-01-01' "$T/doc/news.xml"
fetch --feeds "$T/urls" "$T/a"
check "a hand edit: kept, said so" sh -c "test \"\$(cksum < '$port')\" = '$mine' && grep -q ' kept' '$T/out'"

# ---- --full: pages of items the feed gives only a summary of ----
for i in 1 2; do
	printf '<!doctype html><html><head><title>Story %s - Site</title></head><body><nav><a href="/">Home</a></nav><article><h1>Story %s</h1>' "$i" "$i" > "$T/doc/page-s$i.html"
	for k in 1 2 3 4 5 6; do
		printf '<p>Paragraph %s of story %s, with enough words in it to read as the text of a real article rather than a menu or a teaser line, as a reader mode expects.</p>' "$k" "$i" >> "$T/doc/page-s$i.html"
	done
	printf '</article><footer>Copyright</footer></body></html>\n' >> "$T/doc/page-s$i.html"
done
rss "Summaries" "s1:Story 1:A short summary." "s2:Story 2:Another short summary." "s3:Story 3:A page that is gone." > "$T/doc/summaries.xml"
printf '%s/feeds/summaries.xml\n' "$H" > "$T/urls-full"
: > "$LOG"
fetch --feeds "$T/urls-full" --full "$T/full"
check "--full: the pages downloaded" sh -c "grep -q '^/plain/page-s1.html' '$LOG' && grep -q '^/plain/page-s2.html' '$LOG'"
check "--full: two pages put into their articles" has "$T/out" "$(printf 'Summaries\t3 new, 0 updated, 0 unchanged, 2 pages')"
check "--full: the article holds the page's text" grep -q 'Paragraph 6 of story 1' "$T/full"/*story-1*.md
check "--full: the feed's title, date and source stay" \
	sh -c "grep -q '^title: Story 1$' '$T/full'/*story-1*.md && grep -q '^date: 2024-03-04$' '$T/full'/*story-1*.md && grep -q '^source: Summaries$' '$T/full'/*story-1*.md"
check "--full: no menu or footer" sh -c "! grep -q 'Copyright' '$T/full'/*story-1*.md"
check "--full: a page that fails keeps the summary, said so" \
	sh -c "grep -q 'page-s3.html: HTTP 404 (the feed.s summary kept)' '$T/err' && grep -q 'A page that is gone' '$T/full'/*story-3*.md"
check "--full: still three articles" test "$(ls "$T/full" | wc -l)" -eq 3
: > "$LOG"
fetch --feeds "$T/urls-full" --full "$T/full"
check "--full: pages only for new items" sh -c "! grep -q '^/plain/' '$LOG'"
rss "Summaries" "s1:Story 1 (corrected):A short summary." > "$T/doc/summaries.xml"
touch -d '2032-01-01' "$T/doc/summaries.xml"
fetch --feeds "$T/urls-full" "$T/full"
check "a later fetch without --full updates the fields, keeps the page's text" \
	sh -c "grep -q 'Paragraph 6 of story 1' '$T/full'/*story-1*.md && grep -q '^title: Story 1 (corrected)$' '$T/full'/*story-1*.md && grep -q '^body-from: page$' '$T/full'/*story-1*.md"

# ---- one fetch into a folder at a time ----
printf 'set fetch-timeout 10\n' > "$T/config/filo/config"
printf '%s/slow/atom.xml\n' "$H" > "$T/urls-lock"
: > "$LOG"
"$F" fetch --feeds "$T/urls-lock" "$T/locked" > "$T/out1" 2>&1 &
first=$!
tries=0
while ! grep -q '^/slow/' "$LOG" && [ $tries -lt 300 ]; do sleep 0.1; tries=$((tries + 1)); done
fetch --feeds "$T/urls-lock" "$T/locked"
check "a second fetch into the same folder: refused, said so" \
	sh -c "test $st -eq 1 && grep -q 'another filo fetch into this folder is running (nothing fetched)' '$T/err'"
wait "$first"
check "the first one finished its work" has "$T/out1" "$(printf 'Orbit & Runway\t4 new')"
rm "$T/config/filo/config"

# ---- the feeds file and the folder ----
fetch --feeds "$T/no-such-urls" "$T/x"
check "no feeds file: said, exit 1" sh -c "test $st -eq 1 && grep -q 'no-such-urls: cannot read the feeds file: No such file or directory' '$T/err'"
fetch "$T/x"
check "the default feeds file is \$XDG_CONFIG_HOME/filo/urls" has "$T/err" "$T/config/filo/urls: cannot read the feeds file"
printf '# only\nquery:Unread:unread = "yes"\nexec:~/bin/x\n' > "$T/config/filo/urls"
fetch "$T/x"
check "only lines filo cannot fetch: each said, then no feeds" \
	sh -c "test $st -eq 1 && grep -q 'urls:2: query feeds are not supported' '$T/err' && grep -q 'urls:3: exec: feeds are not supported' '$T/err' && grep -q 'no feeds to fetch' '$T/err'"
printf '%s/feeds/atom.xml\n' "$H" > "$T/config/filo/urls"
fetch
check "no folder: said, exit 1" sh -c "test $st -eq 1 && grep -q 'fetch: into which folder?' '$T/err'"
FILO_ARTICLES="$T/env" "$F" fetch > "$T/out" 2> "$T/err"; st=$?
check "FILO_ARTICLES is the folder" sh -c "test $st -eq 0 && test \$(ls '$T/env' | wc -l) -eq 4"
printf 'set articles %s/configured\n' "$T" > "$T/config/filo/config"
fetch
check "else the articles setting" sh -c "test $st -eq 0 && test \$(ls '$T/configured' | wc -l) -eq 4"
rm "$T/config/filo/config"
fetch --bogus "$T/x"
check "an unknown option is a usage error" test "$st" -eq 2

# ---- filo's own state file, damaged: a full download, said ----
for f in "$T/cache/filo"/a-*.fetch; do printf 'garbage\n' > "$f"; done
: > "$LOG"
fetch --feeds "$T/urls" "$T/a"
check "a damaged state file: said, the feed downloaded in full" \
	sh -c "grep -q 'not a filo-fetch 1 file (ignored)' '$T/err' && grep -q '^/feeds/news.xml	-	-' '$LOG'"

# ---- no usable cache folder: the feeds still land, said ----
touch "$T/notadir"
XDG_CACHE_HOME="$T/notadir" "$F" fetch --feeds "$T/urls-gz" "$T/nocache" > "$T/out" 2> "$T/err"; st=$?
check "an unusable cache folder: said, the feeds still land" \
	sh -c "test $st -eq 0 && grep -q 'cannot write: Not a directory (every feed downloaded in full)' '$T/err' && test \$(ls '$T/nocache' | wc -l) -eq 4"

[ "$fails" -eq 0 ] && echo "fetch: all passed" || echo "fetch: $fails failed"
[ "$fails" -eq 0 ]
