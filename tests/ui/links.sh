#!/bin/sh
# Links you can use, in the reader: the address in the article header
# (shortened to the width, whole when it fits), o and w opening it through
# $BROWSER (a script that records its arguments: the address is one
# argument, never seen by a shell), the links menu (L) opening a link of
# the text, y copying through OSC 52 (tmux's set-clipboard on keeps it in a
# buffer) only when the configuration allows it.
. tests/ui/lib.sh
A=$TMPD/a
mkdir -p "$A" "$XDG_CONFIG_HOME/filo"
URL='https://www.harbor-city-times.example/news/2024/03/04/harbour-reopens-after-the-storm-with-new-ferry-timetable.html?a=1&b=$(touch%20x)'
printf -- '---\ntitle: Harbour reopens after the storm\ndate: 2024-03-04\nsource: Harbor City Times\nurl: %s\n---\n\nThe harbour reopened, the [port authority](https://port.example/notice?id=42) said.\n\nFerries run to the [new timetable](https://ferries.example/timetable.pdf).\n' \
	"$URL" > "$A/harbour.md"
printf -- '---\ntitle: No address here\ndate: 2024-03-01\n---\n\nText without links.\n' > "$A/plain.md"
printf -- '---\ntitle: A local file\ndate: 2024-02-01\nurl: file:///etc/passwd\n---\n\nText.\n' > "$A/file.md"
# past the second of the writes: a cache built in that second reads the
# files again at the next start (git's racy-clean rule) and says
# "Archive updated" on the status line, over the messages checked here
sleep 1.1
REC=$TMPD/rec.sh
printf '#!/bin/sh\nprintf "%%s\\n" "$@" > "%s/argv"\n' "$TMPD" > "$REC"
chmod +x "$REC"
argv() { cat "$TMPD/argv" 2>/dev/null; }
# wait_file: polls until the browser script has written (liveness guard).
wait_file() {
	i=0
	while [ ! -s "$TMPD/argv" ] && [ $i -lt 100 ]; do sleep "$TICK"; i=$((i + 1)); done
}

start 80x24 BROWSER="'$REC --new-tab %s'" "$FILO_BIN" "$A"
expect "list is up" "1/3"
keys Enter
expect "the article opens" "Harbour reopens after the storm"
settle
case "$(line 3)" in " url: https://www.harbor-city-times.ex"*"…"*'-timetable.html?a=1&b=$(touch%20x)')
	ok "the address under the date line, shortened in the middle";;
*)	fail "the address under the date line, shortened in the middle";;
esac
[ "$(line 3 | sed 's/ *$//' | wc -m)" -le 81 ] && ok "the address line fits 80 columns" ||
	fail "the address line fits 80 columns"
case "$(line 3)" in " url: "*) ok "it is the third line, under the date line";; *) fail "it is the third line";; esac
rm -f "$TMPD/argv"
keys o
wait_file
[ "$(argv)" = "$(printf -- '--new-tab\n%s' "$URL")" ] && ok "o: BROWSER gets the whole address as one argument" ||
	fail "o: BROWSER gets the whole address as one argument: $(argv)"
[ ! -e "$TMPD/x" ] && [ ! -e x ] && ok "no shell ran the address" || fail "no shell ran the address"
expect "the screen is back, and says so" "Opened https://www.harbor-city-times"
expect "the article is still shown" "The harbour reopened"
keys y
expect "y: off unless configured" "Copying is off: 'set clipboard osc52'"
keys L
expect "L: the links menu" "Links of Harbour reopens after the storm"
expect "its first row is the page's address" "page   https://www.harbor-city-times"
expect "then the links of the text by number" "[2]    https://ferries.example/timetable.pdf"
rm -f "$TMPD/argv"
keys j j Enter
wait_file
[ "$(argv)" = "$(printf -- '--new-tab\nhttps://ferries.example/timetable.pdf')" ] &&
	ok "Enter opens the selected link" || fail "Enter opens the selected link: $(argv)"
keys q
expect "q goes back to the article" "The harbour reopened"
keys q
expect "back in the list" "1/3"
rm -f "$TMPD/argv"
keys w
wait_file
[ "$(sed -n 2p "$TMPD/argv")" = "$URL" ] && ok "w in the list opens the selected article's address" ||
	fail "w in the list opens the selected article's address"
keys j w
expect "an article without an address says so" "No address: the article has no url in its front matter"
keys j w
expect "a file: address is not opened" "Not opened: not an http or https address: file:///etc/passwd"
keys Q
expect "quit" "[exited] 0"

# Wide: the whole address; y copies it through OSC 52 into tmux's buffer.
printf 'set clipboard osc52\nset width 0\n' > "$XDG_CONFIG_HOME/filo/config"
start 200x60 "$FILO_BIN" "$A"
$T set-option -g set-clipboard on >/dev/null 2>&1
expect "list is up (wide)" "2024-03-04  Harbor City Times  Harbour reopens after the storm"
keys Enter
expect "the whole address at 200 columns" "url: $URL"
keys y
expect "y says what it copied" "Copied to the clipboard: https://www.harbor-city-times"
i=0
while [ "$($T show-buffer 2>/dev/null)" != "$URL" ] && [ $i -lt 50 ]; do sleep "$TICK"; i=$((i + 1)); done
[ "$($T show-buffer 2>/dev/null)" = "$URL" ] && ok "the terminal got the address (tmux buffer)" ||
	fail "the terminal got the address (tmux buffer: $($T show-buffer 2>&1))"
keys L j y
expect "y in the links menu copies the selected link" "Copied to the clipboard: https://port.example/notice?id=42"
i=0
while [ "$($T show-buffer 2>/dev/null)" != "https://port.example/notice?id=42" ] && [ $i -lt 50 ]; do
	sleep "$TICK"; i=$((i + 1))
done
[ "$($T show-buffer 2>/dev/null)" = "https://port.example/notice?id=42" ] && ok "the link is in the buffer" ||
	fail "the link is in the buffer"
keys Q
expect "quit (wide)" "[exited] 0"

# No browser at all: said, the reader goes on.
start 80x24 BROWSER=/nonexistent/browser PATH=/nonexistent "$FILO_BIN" "$A"
expect "list is up (no browser)" "2024-03-04  Harbor City Times  Harbour reopens after the storm"
keys w
expect "a missing browser is said" "cannot run '/nonexistent/browser': No such file or directory (set BROWSER"
keys Q
expect "quit (no browser)" "[exited] 0"
finish
