#!/bin/sh
# The folder is live: articles added, changed and removed while the reader
# runs show up by themselves (inotify; polling with `set watch poll`), with
# a message and the selection kept; F5 does the same on demand. An article
# open while its file changes is read again, related panel and all (the
# panel used to read the freed strings of the archive it was opened from;
# make asan runs this test under AddressSanitizer); menus made before a
# change still open the right rows. At 80x24 and 200x60. The waits are the
# lib's liveness guard, not a speed check.
. tests/ui/lib.sh

status() { screen | tail -n 1; }

# article NAME TITLE DATE: a small article in $L that shares its names with
# the bundled thread.
article() {
	printf -- '---\ntitle: %s\ndate: %s\nsource: Wire\n---\n\nVladimir Putin e Kim Jong-un a Vostochny: %s.\n' \
		"$2" "$3" "$2" > "$L/$1.md.tmp" && mv "$L/$1.md.tmp" "$L/$1.md"
}

live() {
	size=$1
	L="$TMPD/live-$size"
	rm -rf "$L"
	cp -R articles "$L"
	# as old as articles usually are: a file written in the second the
	# first index is built is read again (and counted) by the next refresh
	touch -d @1700000000 "$L"/*.md
	start "$size" "$FILO_BIN" "$L"
	expect "$size: list is up" "1/5"
	settle
	keys j j
	expect "$size: the third row selected" "3/5"

	article new1 "Primo arrivo" 2026-01-20
	article new2 "Secondo arrivo" 2026-01-21
	article new3 "Terzo arrivo" 2026-01-22
	expect "$size: three new files, one message" "3 new articles"
	expect "$size: they are listed" "Terzo arrivo"
	keys C-l
	expect "$size: the selection stays on its article (now the sixth row)" "6/8"

	rm "$L/new2.md"
	expect "$size: a removed file is said" "1 removed"
	expect_not "$size: and gone from the list" "Secondo arrivo"
	article new1 "Primo arrivo, corretto" 2026-01-20
	expect "$size: a changed file is said" "1 changed"
	expect "$size: and shown as changed" "Primo arrivo, corretto"

	keys F5
	expect "$size: F5 with nothing new says so" "The folder is as it was"

	# the open article's file changes under the related panel
	keys g
	keys Enter
	expect "$size: the newest article opens" "Terzo arrivo"
	keys r
	expect "$size: its related panel" "Related stories"
	expect "$size: with its reasons" "Vladimir Putin"
	article new3 "Terzo arrivo, aggiornato" 2026-01-22
	expect "$size: the open article is read again" "Terzo arrivo, aggiornato"
	expect "$size: the panel is still there" "Related stories"
	expect "$size: with its reasons, from the new archive" "Vladimir Putin"
	keys j k
	settle
	case "$(status)" in *"Terzo arrivo, aggiornato"*) ok "$size: the status line has the new title";;
		*) fail "$size: the status line has the new title";; esac

	# menus made before a change: found again by name
	keys e
	expect "$size: the entities view" "Entities in: Terzo arrivo, aggiornato"
	article new1 "Primo arrivo, di nuovo" 2026-01-20
	expect "$size: a change while in the menu" "1 changed"
	keys g Enter
	expect "$size: Enter on an entity made before the change opens its articles" "articles"
	case "$(screen | head -n 1)" in *"(PER)"*|*"(LOC)"*|*"(ORG)"*|*"(MISC)"*) ok "$size: the mentions view of that entity";;
		*) fail "$size: the mentions view of that entity";; esac
	keys h h t
	expect "$size: the thread view" "Story thread"
	rm "$L/new1.md"
	expect "$size: a file removed while in the thread" "1 removed"
	keys G Enter
	settle
	case "$(screen)" in *"No longer in the archive"*|*"min read"*) ok "$size: a row made before the removal opens, or says it is gone";;
		*) fail "$size: a row made before the removal opens, or says it is gone";; esac
	keys Q
	expect "$size: quit" "[exited] 0"
	[ -z "$(git status --porcelain -- articles)" ] && ok "$size: the bundled articles untouched" ||
		fail "$size: the bundled articles untouched"
}

live 80x24
live 200x60

# An open article whose file is removed stays readable, and says so.
L="$TMPD/gone"
cp -R articles "$L"
touch -d @1700000000 "$L"/*.md
start 80x24 "$FILO_BIN" "$L"
expect "gone: list is up" "1/5"
keys j Enter
expect "gone: the article opens" "Vertice Putin"
rm "$L"/2023-09-14-vertice-*.md
expect "gone: its removal is said" "This article is no longer in the folder (its file is gone)"
expect "gone: the text stays" "Vertice Putin"
keys t
expect "gone: what needs the archive says why not" "This article is no longer in the folder"
keys q
expect "gone: back in the list, of four" "1/4 "
keys Q

# Polling, where inotify sees nothing (set watch poll).
mkdir -p "$XDG_CONFIG_HOME/filo"
printf 'set watch poll\n' > "$XDG_CONFIG_HOME/filo/config"
L="$TMPD/poll"
cp -R articles "$L"
touch -d @1700000000 "$L"/*.md
start 80x24 "$FILO_BIN" "$L"
expect "poll: list is up" "1/5"
settle
article polled "Arrivato per sondaggio" 2026-01-30
expect "poll: a new file is found by polling" "1 new article"
expect "poll: and listed" "Arrivato per sondaggio"
printf '\nUn paragrafo in più.\n' >> "$L/polled.md"
expect "poll: an edit in place too (the full check)" "1 changed"
keys Q
rm "$XDG_CONFIG_HOME/filo/config"

# set watch off: nothing comes by itself; F5 still reads the folder.
printf 'set watch off\n' > "$XDG_CONFIG_HOME/filo/config"
L="$TMPD/off"
cp -R articles "$L"
touch -d @1700000000 "$L"/*.md
start 80x24 "$FILO_BIN" "$L"
expect "off: list is up" "1/5"
settle
article quiet "Nessuno lo vede" 2026-01-30
sleep 1
expect_not "off: no watch, no news" "Nessuno lo vede"
keys F5
expect "off: F5 finds it" "1 new article"
keys Q
rm "$XDG_CONFIG_HOME/filo/config"
finish
