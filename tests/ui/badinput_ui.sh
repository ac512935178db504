#!/bin/sh
# Bad-input suite, the reader's part (in tmux): a non-UTF-8 locale, TERM=dumb,
# a 10x3 window, 1,000 resizes in a row, a bad config line, a bad theme file,
# a folder of broken files, a folder that vanishes under the reader. Each
# case checks the message shown and that filo never dies of a signal.
# The command-line part is tests/cli/badinput.sh.
cd "$(dirname "$0")/../.." || exit 2
. tests/ui/lib.sh
case "$FILO_BIN" in /*) ;; *) FILO_BIN=$(pwd)/$FILO_BIN ;; esac

A=$TMPD/articles
mkdir -p "$A" "$XDG_CONFIG_HOME/filo"
for i in 1 2 3 4 5 6 7 8; do
	printf -- '---\ntitle: Story number %d\ndate: 2023-09-0%d\nsource: Agency\n---\nParagraph %d of a story.\n' \
		"$i" "$i" "$i" > "$A/story-$i.md"
done
printf -- '---\ntitle: Evil \033[31mRED\033]0;pwned\007 title\n---\nx\n' > "$A/evil.md"

# exited STATUS: the command ended with STATUS (the shell line prints it;
# a signal would print 128+N).
exited() { expect "$1" "[exited] $2"; }

echo "non-UTF-8 locale"
start 100x10 env LANG=C LC_ALL=C "$FILO_BIN" "$A"
expect "LANG=C: the reader refuses, saying why" "not UTF-8; set a UTF-8 locale"
exited "LANG=C: exit status 1" 1

echo "TERM=dumb"
start 100x10 env TERM=dumb "$FILO_BIN" "$A"
expect "TERM=dumb: the reader refuses, saying why" "cannot show the reader; use 'filo list'"
exited "TERM=dumb: exit status 1" 1

echo "vanished folder"
start 100x10 "$FILO_BIN" "$TMPD/never-there"
expect "a missing folder: said" "cannot open folder: No such file or directory"
exited "a missing folder: exit status 1" 1

echo "10x3 window"
start 10x3 "$FILO_BIN" "$A"
expect "10x3: says the window is too small, whole" "too small"
keys Enter j k Tab /
settle
expect_not "10x3: still running after keys" "[exited]"
keys Escape q q
exited "10x3: quits normally" 0

echo "1,000 resizes"
start 80x24 "$FILO_BIN" "$A"
expect "before resizing: the list" "Story number 8"
i=0
while [ $i -lt 1000 ]; do
	w=$((10 + (i * 37) % 150)) h=$((3 + (i * 13) % 50))
	$T resize-window -t t -x $w -y $h 2>/dev/null
	i=$((i + 1))
done
resize 80x24
expect "after 1,000 resizes: the list again" "Story number 8"
expect_not "after 1,000 resizes: still running" "[exited]"
keys Enter
expect "after 1,000 resizes: an article opens" "Paragraph 8 of a story."
keys q q
exited "after 1,000 resizes: quits normally" 0

echo "escape sequences in a title"
start 100x12 "$FILO_BIN" "$A"
expect "a title's ESC is shown as ^[" "Evil ^[[31mRED^[]0;pwned^G title"
keys q
exited "escape sequences: quits normally" 0

echo "escape sequences and bidi overrides in entity names and key names"
# The entities file names a place with U+202E (RIGHT-TO-LEFT OVERRIDE) and
# a person with OSC 52: the e and E views draw them sanitised, and a bidi
# override is no key name (the help screen would send it).
E=$TMPD/entnames
mkdir -p "$E"
printf 'LOC \342\200\256x | Milano\nPER Mario \033]52;c;cHduZWQ=\007Rossi | Mario Rossi\n' > "$E/entities"
printf -- '---\ntitle: Cronaca\ndate: 2023-09-01\n---\nMario Rossi arriva a Milano.\n' > "$E/a.md"
printf 'bind list \342\200\256 quit\n' > "$XDG_CONFIG_HOME/filo/config"
# raw_on_screen: the screen holds a bidi control, ESC or BEL.
raw_on_screen() {
	screen | LC_ALL=C grep -qE "$(printf '\342\200[\252-\256]|\342\201[\246-\251]|\033|\007')"
}
start 100x12 "$FILO_BIN" "$E"
expect "a bidi key name: reported with file and line" "config:1: bad key name"
keys Enter
expect "entity names: the article opens" "Mario Rossi arriva"
keys e
expect "e: the entity view" "Entities in: Cronaca"
settle
if raw_on_screen; then fail "e: no bidi override or escape drawn"; else ok "e: no bidi override or escape drawn"; fi
# the view names each entity as the article spells it (#14), not by the
# entities file's canonical name with its escapes
expect "e: the name as the article spells it" "Mario Rossi"
keys E
expect "E: the entity index" "All entities"
settle
if raw_on_screen; then fail "E: no bidi override or escape drawn"; else ok "E: no bidi override or escape drawn"; fi
keys q q q
expect "back in the list" "1/1  sort:date"
keys '?'
expect "?: the list's help screen" "Quit filo"
settle
if raw_on_screen; then fail "?: no bidi override among the keys"; else ok "?: no bidi override among the keys"; fi
keys q Q
exited "entity names: quits normally" 0
rm "$XDG_CONFIG_HOME/filo/config"

echo "bad config line"
printf 'set width banana\nset sort sideways\n' > "$XDG_CONFIG_HOME/filo/config"
start 200x10 "$FILO_BIN" "$A"
expect "a bad config line is reported with file and line" "config:1: "
expect_not "a bad config line: the reader still runs" "[exited]"
expect "a bad config line: the list is there" "Story number 1"
keys q
exited "bad config: quits normally" 0
rm "$XDG_CONFIG_HOME/filo/config"

echo "bad theme file"
printf 'normal bleu default\nnot-an-element red blue\n' > "$TMPD/bad.theme"
start 200x10 "$FILO_BIN" --theme "$TMPD/bad.theme" "$A"
expect "a bad theme line is reported with file and line" "bad.theme:1: unknown colour 'bleu' (line ignored)"
expect "a bad theme: the list is there" "Story number 1"
keys q
exited "bad theme: quits normally" 0

echo "a folder of broken files"
B=$TMPD/broken
mkdir -p "$B/dir.md"
printf -- '---\ntitle: Bad \377 bytes\n---\nx\n' > "$B/badutf.md"
printf -- '---\ntitle: Zero\n---\na\000b\n' > "$B/nul.md"
ln -s loop2.md "$B/loop1.md"
ln -s loop1.md "$B/loop2.md"
head -c 2000 /dev/urandom > "$B/binary.md"
: > "$B/empty.md"
printf -- '---\ntitle: Survivor\ndate: 2023-09-09\n---\nStill here.\n' > "$B/ok.md"
start 200x10 "$FILO_BIN" "$B"
expect "broken files: the good ones are listed" "Survivor"
expect "broken files: invalid UTF-8 shown replaced" "Bad � bytes"
keys Enter
expect "broken files: the good one opens" "Still here."
keys q q
exited "broken files: quits normally" 0

echo "the folder vanishes under the reader"
V=$TMPD/vanish
mkdir "$V"
cp "$A"/story-*.md "$V"/
start 100x12 "$FILO_BIN" "$V"
expect "vanishing: the list first" "Story number 8"
rm -rf "$V"
keys Enter
settle
expect_not "vanishing: opening an article of a gone folder does not kill filo" "[exited]"
keys q q q
exited "vanishing: quits normally" 0

echo "a damaged state file: the reader's count and filo check agree"
G=$TMPD/garbled
mkdir -p "$G"
for i in 1 2; do
	printf -- '---\ntitle: Garbled %d\ndate: 2023-09-0%d\n---\nText %d.\n' "$i" "$i" "$i" > "$G/g$i.md"
done
# Files from the past: one written in the second the cache was built is
# read again at the next start, and its "Archive updated" would replace
# the message looked for below.
touch -d '2023-09-10 12:00' "$G"/g*.md
start 100x10 "$FILO_BIN" "$G"
expect "garbled: the list" "Garbled 2"
keys N
expect "garbled: a mark saves the state" "Marked read"
keys Q
exited "garbled: quits normally" 0
SF=$(ls "$XDG_STATE_HOME"/filo/garbled-*.state 2>/dev/null | head -n 1)
if [ -n "$SF" ]; then ok "garbled: the state file is there"; else fail "garbled: the state file is there"; fi
printf 'not a state\nat all\n' > "$SF"
out=$("$FILO_BIN" check "$G" 2>&1)
case "$out" in
*"$SF:1: not a filo state file"*) ok "check lists the damaged state file's problems, with file and line";;
*) fail "check lists the damaged state file's problems, with file and line"; echo "$out";;
esac
start 200x10 "$FILO_BIN" "$G"
expect "garbled: the reader says how many problems and where to look" "problems (filo check lists them)"
keys Q
exited "garbled: quits normally again" 0
out=$("$FILO_BIN" check "$G" 2>&1)
case "$out" in
*".corrupt-"*"a damaged state file set aside"*) ok "check lists the file the reader set aside";;
*) fail "check lists the file the reader set aside"; echo "$out";;
esac

echo "marks of articles that are gone are forgotten, never all of them"
P=$TMPD/pruned
mkdir -p "$P"
for i in 1 2 3; do
	printf -- '---\ntitle: Pruned %d\ndate: 2023-09-0%d\n---\nText %d.\n' "$i" "$i" "$i" > "$P/p$i.md"
done
start 100x10 "$FILO_BIN" "$P"
expect "pruned: the list" "1/3"
keys N j N j N
settle
keys Q
exited "pruned: quits normally" 0
PF=$(ls "$XDG_STATE_HOME"/filo/pruned-*.state 2>/dev/null | head -n 1)
if [ -n "$PF" ] && [ "$(grep -c '^p[123]	r' "$PF")" -eq 3 ]; then ok "pruned: three marks saved"
else fail "pruned: three marks saved"; cat "$PF"; fi
rm "$P/p3.md"
rm "$P/p2.md" && mkdir "$P/p2.md"	# there, but cannot be read as an article
start 100x10 "$FILO_BIN" "$P"
expect "pruned: the refresh leaves one article" "2 removed"
keys Q
exited "pruned: quits normally again" 0
if ! grep -q '^p3	' "$PF"; then ok "pruned: the mark of a deleted article is forgotten"
else fail "pruned: the mark of a deleted article is forgotten"; cat "$PF"; fi
if grep -q '^p1	r' "$PF" && grep -q '^p2	r' "$PF"; then ok "pruned: the marks of present and unreadable files stay"
else fail "pruned: the marks of present and unreadable files stay"; cat "$PF"; fi
rm -r "$P/p1.md" "$P/p2.md"
start 100x10 "$FILO_BIN" "$P"
expect "pruned: an emptied folder" "No articles"
keys Q
exited "pruned: quits normally a third time" 0
if grep -q '^p1	r' "$PF" && grep -q '^p2	r' "$PF"; then ok "pruned: an emptied folder wipes no marks"
else fail "pruned: an emptied folder wipes no marks"; cat "$PF"; fi

echo "pasting into a prompt"
# tmux paste-buffer -p sends a bracketed paste when the reader asked for it
start 100x12 "$FILO_BIN" "$A"
expect "paste: the list first" "Story number 8"
printf 'Story\nnumber 3' > "$TMPD/paste"
$T load-buffer "$TMPD/paste"
keys /
expect "paste: the filter prompt opens" "Filter:"
$T paste-buffer -p -t t
# keystroke by keystroke, the line end submitted 'Story' and 'number 3'
# went to the list as commands
expect "paste: one edit, the line end as a space" "Filter: Story number 3"
keys Enter
expect "paste: the filter applies to the pasted text" "Story number 3"
expect_not "paste: the other stories are filtered out" "Story number 8"
# the width of the text was measured again for every character dropped
# and redrawn for every key: 4,000 characters froze the reader minutes
i=0; : > "$TMPD/paste"
while [ $i -lt 100 ]; do printf 'abcdefghijklmnopqrstuvwxyz0123456789%03dX' $i >> "$TMPD/paste"; i=$((i + 1)); done
$T load-buffer "$TMPD/paste"
keys /
keys C-u
$T paste-buffer -p -t t
expect "paste: 4,000 characters show, the end of them" "0123456789099X"
keys Escape
expect_not "paste: still running" "[exited]"
# a paste with no prompt open is not taken as commands (q would quit)
printf 'qqq' > "$TMPD/paste"
$T load-buffer "$TMPD/paste"
$T paste-buffer -p -t t
expect "paste: no prompt open, said" "Paste ignored: no prompt is open"
expect_not "paste: no prompt open, its keys are not commands" "[exited]"
keys q
exited "paste: quits normally" 0

echo "a first build held up by one large article"
# the list came only when the build was over ("No articles in this
# folder" meanwhile); now it comes from the files' front matter at once.
# 12 MB of one sentence takes seconds to index, the list a blink.
L=$TMPD/large
mkdir "$L"
cp "$A"/story-*.md "$L"/
{ printf -- '---\ntitle: Large\n---\n\n'
  yes 'Roma Milano Vladimir Putin Kim Jong Un NATO ONU. ' | tr -d '\n' | head -c 12000000; printf '\n'; } > "$L/large.md"
start 100x12 env XDG_CACHE_HOME="$TMPD/cache-large" "$FILO_BIN" "$L"
expect "first build: the list shows" "Story number 8"
if screen | tail -n 1 | grep -q "indexing"; then ok "first build: listed while indexing"
else fail "first build: listed while indexing"; fi
keys Enter
expect "first build: an article opens while indexing" "Paragraph 8 of a story."
keys q
i=0
while [ $i -lt 600 ] && screen | tail -n 1 | grep -q "indexing"; do sleep "$TICK"; i=$((i + 1)); done
expect_not "first build: the build ends" "indexing"
expect_not "first build: no news announced for a first build" "Archive updated"
keys q
exited "first build: quits normally" 0
rm -rf "$L"

finish
