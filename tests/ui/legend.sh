#!/bin/sh
# Colours that explain themselves, at 80x24: the ? screen names the entity
# colours in the style of each type, the entities view heads each group in
# its type's style, and without colour (NO_COLOR, --color=never, the mono
# theme) every type keeps an attribute of its own, in the legend and in the
# article text alike.
. tests/ui/lib.sh
A=$(pwd)/articles
ESC=$(printf '\033')

# The style where TEXT starts on the screen: the SGR sequences right
# before it, less the resets (0, 39, 49) that say nothing of the style.
style_of() {
	screen_colors | grep -o "\($ESC\[[0-9;]*m\)*[^$ESC]*$1" | head -n 1 |
		sed -e "s/^\(\($ESC\[[0-9;]*m\)*\).*/\1/" -e "s/$ESC\[\(0\|39\|49\)m//g" \
		    -e "s/$ESC\[0;/$ESC[/g"
}

# check LABEL: the legend and the text of the first sample article.
check() {
	expect "$1: list" "1/5"
	# the second article names both Vladimir Putin and Vostochny on its
	# first screen (the first one, since the importer dates it, is the
	# Beijing report, which names no Vostochny)
	keys j Enter
	expect "$1: article" "min read"
	settle
	per=$(style_of "Vladimir Putin")
	loc=$(style_of "Vostochny")
	keys '?'
	expect "$1: the ? screen has the legend" "Names:  person  place  organisation  other"
	settle
	lper=$(style_of person)
	lloc=$(style_of place)
	lorg=$(style_of organisation)
	lmisc=$(style_of other)
	n=$(printf '%s\n' "$lper" "$lloc" "$lorg" "$lmisc" | sort -u | grep -c .)
	[ "$n" -eq 4 ] && ok "$1: four legend words in four styles" ||
		fail "$1: four legend words in four styles ($lper|$lloc|$lorg|$lmisc)"
	[ -n "$per" ] && [ "$per" = "$lper" ] && ok "$1: people look as the legend says" ||
		fail "$1: people look as the legend says ($per vs $lper)"
	[ -n "$loc" ] && [ "$loc" = "$lloc" ] && ok "$1: places look as the legend says" ||
		fail "$1: places look as the legend says ($loc vs $lloc)"
	keys q
	settle
	keys e
	expect "$1: the entities view" "People ("
	# (the people heading follows the title, whose style capture-pane
	# carries over without repeating it: the next two are checked)
	[ "$(style_of 'Places (')" = "$lloc" ] && ok "$1: the places heading in the places style" ||
		fail "$1: the places heading in the places style"
	[ "$(style_of 'Organisations (')" = "$lorg" ] &&
		ok "$1: the organisations heading in their style" ||
		fail "$1: the organisations heading in their style"
}

# no_colour LABEL: the legend's styles are attributes only, one per type.
no_colour() {
	for s in "$lper" "$lloc" "$lorg" "$lmisc"; do
		case "$s" in
		*"[3"[0-9]*|*";3"[0-9]*|*"[4"[0-9]*|*";4"[0-9]m*) fail "$1: a colour in $s";;
		*) ;;
		esac
	done
	case "$per$loc" in
	*1m*4m*) ok "$1: people bold, places underlined in the text";;
	*) fail "$1: people bold, places underlined in the text ($per|$loc)";;
	esac
}

start 80x24 "$FILO_BIN" "$A"
check default
case "$lper$lloc$lorg" in
*35m*32m*36m*) ok "default: people magenta, places green, organisations cyan";;
*) fail "default: people magenta, places green, organisations cyan ($lper|$lloc|$lorg)";;
esac
keys Q

start 80x24 env NO_COLOR=1 "$FILO_BIN" "$A"
check NO_COLOR
no_colour NO_COLOR
keys Q

start 80x24 "$FILO_BIN" --color=never "$A"
check never
no_colour never
keys Q

start 80x24 "$FILO_BIN" --theme mono "$A"
check mono
no_colour mono
keys Q
expect "Q quits" "[exited] 0"
finish
