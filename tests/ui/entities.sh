#!/bin/sh
# Entities in the reader: the mention cursor, the articles that mention an
# entity, the entity panel and index, colours per type, and history.
. tests/ui/lib.sh
A=$(pwd)/articles

start 80x24 "$FILO_BIN" "$A"
expect "list is up" "1/5"
keys / V e r t i c e Enter Enter
expect "summit article open" "min read"
keys Tab
expect "Tab puts the cursor on the first entity" "Enter lists the articles"
keys / P u t i n Enter Escape
settle
keys g Tab
settle
msg=$(screen | tail -n 1)
case "$msg" in *"(PER)"*|*"(LOC)"*|*"(ORG)"*|*"(MISC)"*) ok "status names the entity and its type";; *) fail "status names the entity and its type ($msg)";; esac

# Walk to Vladimir Putin and list the articles that mention him.
i=0
while [ $i -lt 30 ] && ! screen | tail -n 1 | grep -q 'Vladimir Putin (PER)'; do
	keys Tab; settle; i=$((i + 1))
done
expect "Tab reaches Vladimir Putin, typed PER" "Vladimir Putin (PER)"
keys Enter
expect "Enter lists the articles that mention him" "Vladimir Putin (PER): 5 articles"
expect "mention counts are shown" "×"
keys Enter
expect "Enter opens one of them" "min read"
keys h
expect "h goes back to the mentions list" "Vladimir Putin (PER): 5 articles"
keys l
expect "l goes forward again" "min read"
keys h
expect "h goes back to the mentions" "mentions  "
keys h
expect "back again to the first article" "1-23/49"

keys e
expect "e shows the entity panel, people first" "People ("
expect "places are grouped" "Places ("
expect "organisations are grouped" "Organisations ("
expect "Kremlin is an organisation here" "Cremlino"
keys h E
expect "E shows the archive-wide index" "All entities"
keys / p e c h Enter
expect "the index filters as you type" "Pechino"
keys Enter
expect "an index entry lists its articles" "Pechino (LOC): 1 article"
keys Q
expect "Q quits" "[exited] 0"
start 80x24 "$FILO_BIN" "$A"
expect "list again" "1/5"
keys / e n t i t y : s h o i g u Enter
expect "the list filters by entity" "/2 of 5"
expect_not "articles without Shoigu are hidden" "discussioni a Pechino"
keys Escape
keys Q
expect "Q quits again" "[exited] 0"

# Colours: each entity type in its own colour (default theme).
start 80x24 "$FILO_BIN" "$A"
expect "list again" "1/5"
keys / V e r t i c e Enter Enter
expect "article again" "min read"
settle
per=$(screen_colors | grep -o '[^ ]*Vladimir Putin' | head -n 1)
loc=$(screen_colors | grep -o '[^ ]*Vostochny' | head -n 1)
case "$per" in *'['*m*) ok "a person is drawn with a colour";; *) fail "a person is drawn with a colour ($per)";; esac
[ "$(printf %s "$per" | sed 's/Vladimir Putin//')" != "$(printf %s "$loc" | sed 's/Vostochny//')" ] &&
	ok "people and places differ in colour" || fail "people and places differ in colour"
keys Q
start 80x24 env NO_COLOR=1 "$FILO_BIN" "$A"
expect "NO_COLOR list" "1/5"
keys Enter
expect "NO_COLOR article" "min read"
settle
if screen_colors | grep -Eq "$(printf '\033')\[([0-9]*;)*(3[0-7]|38|4[0-7]|48)(;|m)"; then fail "NO_COLOR draws no colours"; else ok "NO_COLOR draws no colours"; fi
keys Q
finish
