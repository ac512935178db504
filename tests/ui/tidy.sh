#!/bin/sh
# Small things a reader notices (issue #15), each at 80x24 and 200x60: the
# Story column next to the title at any width; undated rows said the same
# way everywhere and last in both orders; quoted titles unescaped as YAML
# reads them; a title the body opens with as a heading shown once; the help
# of the menus saying what q does; a too-small window said whole; a missing
# default folder saying how to name one.
. tests/ui/lib.sh

status() { screen | tail -n 1; }

F="$TMPD/tidy"
mkdir -p "$F"
cat > "$F/2024-03-01-gm.md" <<'EOF'
---
title: "la \" Nuova GM \" e l\u2019auto"
date: 2024-03-01
source: 'l''Espresso'
---

# la " Nuova GM " e l’auto

Il testo dell'articolo sulla nuova GM.

## Un altro titolo

Altro testo.
EOF
cat > "$F/2024-02-01-fiat.md" <<'EOF'
---
title: Fiat e Stellantis
date: 2024-02-01
source: ANSA
---

Un articolo senza titolo nel testo.
EOF
cat > "$F/undated-senza-data.md" <<'EOF'
---
title: Senza data
---

# Senza data

Un articolo senza data.
EOF
# as old as articles usually are: a file written in the second the index
# is first built is read again, and said changed, at the next start
touch -d @1700000000 "$F"/*.md

tidy() {
	size=$1
	export XDG_STATE_HOME="$TMPD/state-$size"	# nothing read yet
	start "$size" "$FILO_BIN" "$F"
	expect "$size: list is up" "1/3"
	row=$(screen | grep -m 1 'Nuova GM')
	case "$row" in *'la " Nuova GM " e l’auto'*) ok "$size: a quoted title is unescaped in the list";;
		*) fail "$size: a quoted title is unescaped in the list (got: $row)";; esac
	case "$row" in *"l'Espresso"*) ok "$size: '' in single quotes is one quote";;
		*) fail "$size: '' in single quotes is one quote (got: $row)";; esac
	row=$(line 4)
	case "$row" in *"undated "*"Senza data"*) ok "$size: an undated row says undated";;
		*) fail "$size: an undated row says undated (got: $row)";; esac
	keys O
	expect "$size: reversed" "sort:date↑"
	row=$(line 2)
	case "$row" in *"2024-02-01"*"Fiat"*) ok "$size: reversed, the oldest dated first";;
		*) fail "$size: reversed, the oldest dated first (got: $row)";; esac
	row=$(line 4)
	case "$row" in *"undated "*"Senza data"*) ok "$size: and the undated still last";;
		*) fail "$size: and the undated still last (got: $row)";; esac
	keys O
	keys g Enter
	expect "$size: the article opens" "min read"
	n=$(screen | sed '$d' | grep -c 'Nuova GM')
	[ "$n" -eq 1 ] && ok "$size: the title the body opens with is shown once" ||
		fail "$size: the title the body opens with is shown once ($n times)"
	expect "$size: another heading stays" "Un altro titolo"
	case "$(line 1)" in *'la " Nuova GM " e l’auto'*) ok "$size: the header's title unescaped";;
		*) fail "$size: the header's title unescaped";; esac
	keys q G Enter
	expect "$size: the undated article" "undated · 1 min read"
	n=$(screen | sed '$d' | grep -c 'Senza data')
	[ "$n" -eq 1 ] && ok "$size: its title once too" || fail "$size: its title once too ($n times)"
	keys q

	# the menus' help says q goes back one view
	keys g t
	expect "$size: the thread view" "Story thread"
	keys '?'
	expect "$size: its help" "Close the view (back one view)"
	keys q q
	expect "$size: back in the list" "Senza data"

	# the too-small message fits, then the list comes back
	resize 15x4
	expect "$size: at 15x4 the message is whole" "too small"
	case "$(screen)" in *"window too smal"*) fail "$size: no cut message at 15x4";;
		*) ok "$size: no cut message at 15x4";; esac
	resize 30x4
	expect "$size: at 30x4 it says what it needs" "window too small (needs 20x5)"
	resize "$size"
	expect "$size: the list again at full size" "Senza data"
	keys Q
	expect "$size: quit" "[exited] 0"

	# the Story column stands next to the title, at any width
	start "$size" "$FILO_BIN" articles
	expect "$size: the bundled list" "1/5"
	expect "$size: the column names" "Story Title"
	# threads come with the background refresh: slower under ASan, so wait
	expect "$size: the story's size just before the title" " 4 Vertice Putin"
	keys Q

	# no folder named, none installed: how to name one
	start "$size" env -u FILO_ARTICLES "$FILO_BIN"
	if [ -d /usr/local/share/filo/articles ]; then
		expect "$size: the installed folder opens" "Date"
		keys Q
	else
		expect "$size: the missing default folder is said" "cannot open folder"
		expect "$size: with how to name one" "no articles folder was named"
		expect "$size: an argument, FILO_ARTICLES or the config" "FILO_ARTICLES"
	fi
}

tidy 80x24
tidy 200x60
finish
