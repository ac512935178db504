#!/bin/sh
# The fetch and reload keys in the reader, against the local feed server
# (tests/cli/feedserver.py on 127.0.0.1): R downloads in the background
# with its progress on the status line while keys keep working, says what
# it added and which feed failed, and the new articles appear in the list
# with the selected article still selected; C-r reads the folder again and
# shows what another program wrote, or says nothing changed.
. tests/ui/lib.sh
ROOT=$(pwd)
A=$TMPD/a
mkdir -p "$A" "$TMPD/doc" "$XDG_CONFIG_HOME/filo"
printf -- '---\ntitle: Already here\ndate: 2024-03-04\n---\n\nAn article of mine.\n' > "$A/mine.md"
printf -- '---\ntitle: Older one\ndate: 2024-01-01\n---\n\nAnother.\n' > "$A/older.md"
cp tests/data/feeds/atom.xml tests/data/feeds/rss-content.xml "$TMPD/doc/"
python3 tests/cli/feedserver.py "$TMPD/doc" --slow 3 > "$TMPD/port" 2> "$TMPD/server.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; cleanup' EXIT
i=0
while [ ! -s "$TMPD/port" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
H=http://127.0.0.1:$(cat "$TMPD/port")
# the slow feed keeps the fetch going while keys are pressed
printf '%s/feeds/atom.xml\n%s/slow/rss-content.xml "~Harbor"\n%s/status/404 "~Gone"\n' "$H" "$H" "$H" \
	> "$XDG_CONFIG_HOME/filo/urls"

start 80x24 "$FILO_BIN" "$A"
expect "list is up" "1/2"
keys R
expect "R starts the fetch" "Fetching 3 feeds"
expect "its progress at the right of the status line" "fetching "
keys j
expect "keys keep working meanwhile" "2/2"
keys k
expect "the selection moves back" "1/2"
expect "the fetch says what it added and the first failure" \
	"Fetched 3 feeds: 9 new, 0 updated; 1 failed, first: HTTP 404 (Gone)"
expect "the new articles appear in the list" "Keel & Lowe"
expect "from both feeds" "Why the 747 is leaving the passenger market"
keys j k
expect "the list counts them, the first still selected" "1/11"
keys Enter
expect "the selected article is still the one selected before" "An article of mine."
keys q R
expect "a second fetch: the server says nothing changed" "Fetched 3 feeds: 0 new, 0 updated; 1 failed"
printf -- '---\ntitle: Written by another program\ndate: 2030-01-01\n---\n\nHello.\n' > "$A/other.md"
# past the second of the write: the cache reads a file changed in the
# second of its scan again at the next one (git's racy-clean rule)
sleep 1.1
keys C-r
expect "C-r reads the folder again" "Written by another program"
expect "and says what changed" "Archive updated: 1 new"
keys C-r
expect "nothing changed: said so" "The folder is as it was"
keys Q
expect "quit" "[exited] 0"

# A fetch still running at quit is stopped, and filo exits at once.
start 80x24 "$FILO_BIN" "$A"
expect "list is up again" "/12"
printf '%s/slow/rss-content.xml "~Harbor"\n' "$H" > "$XDG_CONFIG_HOME/filo/urls"
keys R
expect "a slow fetch starts" "fetching 0/1"
keys Q
expect "quit during a fetch" "[exited] 0"

# No feeds file: said, nothing else happens.
rm "$XDG_CONFIG_HOME/filo/urls"
start 80x24 "$FILO_BIN" "$A"
expect "list is up (no feeds)" "/12"
keys R
expect "no feeds file: said where it goes" "No feeds file: put the feeds' URLs in $XDG_CONFIG_HOME/filo/urls"
keys Q
expect "quit (no feeds)" "[exited] 0"
finish
