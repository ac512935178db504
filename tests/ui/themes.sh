#!/bin/sh
# Themes, configuration and key bindings in the reader: every bundled theme
# draws entity types in distinct styles, bad theme and config lines are
# reported with file and line while the reader keeps working, a rebound key
# works and shows in the help screen, T cycles themes.
. tests/ui/lib.sh
A=$(pwd)/articles
ESC=$(printf '\033')

# The style (SGR sequence) in force where TEXT starts on the screen.
style_of() {
	screen_colors | grep -o "$ESC\[[0-9;]*m[^$ESC]*$1" | head -n 1 | sed "s/m.*/m/"
}

for theme in default dark light solarized-dark solarized-light high-contrast mono; do
	start 80x24 "$FILO_BIN" --theme "$theme" "$A"
	expect "$theme: list" "1/5"
	keys j Enter	# the Vostochny report, which names all three kinds
	expect "$theme: article" "min read"
	settle
	per=$(style_of "Vladimir Putin")
	loc=$(style_of "Vostochny")
	org=$(style_of "Cremlino")
	if [ -n "$per" ] && [ "$per" != "$loc" ] && [ "$per" != "$org" ] && [ "$loc" != "$org" ]; then
		ok "$theme: people, places, organisations in distinct styles"
	else
		fail "$theme: people, places, organisations in distinct styles ($per|$loc|$org)"
	fi
	if [ "$theme" = mono ]; then
		if screen_colors | grep -Eq "$ESC\[([0-9]*;)*(3[0-7]|38|4[0-7]|48)(;|m)"; then
			fail "mono draws no colours"; else ok "mono draws no colours"; fi
	fi
	keys Q
done

start 80x24 "$FILO_BIN" --theme no-such-theme "$A"
expect "an unknown theme is reported" "theme 'no-such-theme'"
expect "and the reader still works" "Date"
keys j
expect "keys still work" "2/5"
keys T
expect "T cycles to another theme" "Theme: "
keys Q

mkdir -p "$XDG_CONFIG_HOME/filo/themes"
cat > "$XDG_CONFIG_HOME/filo/themes/mine.theme" <<'THEME'
include dark
entity-per  bleu  default
list-date   red   default  blink
THEME
cat > "$XDG_CONFIG_HOME/filo/config" <<'CONF'
# a user's config
set theme mine
set width abc
bind list x down
bind list y no-such-action
CONF
start 80x24 "$FILO_BIN" "$A"
expect "how many problems there are" "4 problems (filo check lists them)"
expect "the first, a bad config line, with file and line" "config:3: bad value for"
keys x
expect "a rebound key works" "2/5"
keys '?'
expect "the help screen shows the user's binding" "x j Down"
keys q
"$FILO_BIN" check --theme "$XDG_CONFIG_HOME/filo/themes/mine.theme" > "$TMPD/check" 2>&1
[ $? -eq 1 ] && ok "check --theme fails on a bad theme" || fail "check --theme fails on a bad theme"
grep -q "mine.theme:2: unknown colour 'bleu'" "$TMPD/check" && ok "bad colour with file and line" || fail "bad colour with file and line"
grep -q "mine.theme:3: unknown attribute 'blink'" "$TMPD/check" && ok "bad attribute with file and line" || fail "bad attribute with file and line"
"$FILO_BIN" check "$A" > "$TMPD/check2" 2>&1
grep -q "config:5: unknown action 'no-such-action'" "$TMPD/check2" && ok "filo check validates the config" || fail "filo check validates the config ($(cat "$TMPD/check2"))"
keys Q
finish
