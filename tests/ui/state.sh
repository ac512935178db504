#!/bin/sh
# Reader state in the reader: unread marks, read on open, N and f, the
# unread/flagged filters, and everything kept across a restart.
. tests/ui/lib.sh
A=$(pwd)/articles

start 80x24 "$FILO_BIN" "$A"
expect "list is up" "1/5"
[ "$(screen | grep -c '•')" -eq 5 ] && ok "five unread marks at first" || fail "five unread marks at first"
keys Enter
expect "open the first article" "min read"
keys Space Space q
expect "back in the list" "1/5"
[ "$(screen | grep -c '•')" -eq 4 ] && ok "an opened article is read" || fail "an opened article is read"
keys j N
expect "N marks read" "Marked read"
keys f
expect "f flags" "Flagged"
expect "the flag shows" "⚑"
keys U
expect "U shows only unread" "Only unread: on"
[ "$(screen | grep -c '•')" -eq 3 ] && ok "only the three unread rows" || fail "only the three unread rows"
keys U F
expect "F shows only flagged" "Only flagged: on"
[ "$(screen | grep -c '⚑')" -eq 1 ] && [ "$(screen | grep -c '2023')" -eq 1 ] &&
	ok "only the flagged one is listed" || fail "only the flagged one is listed"
keys F g u
expect "u goes to the next unread" "3/5"
keys Q
expect "quit" "[exited] 0"

start 80x24 "$FILO_BIN" "$A"
expect "restart" "1/5"
[ "$(screen | grep -c '•')" -eq 3 ] && ok "read marks survive a restart" || fail "read marks survive a restart"
expect "the flag survives a restart" "⚑"
keys Enter
expect "reopening the first article" "Il leader nordcoreano"
settle
case "$(screen | tail -n 1)" in *" 1-"*) fail "reading position restored (still at the top)";; *) ok "reading position restored";; esac
keys Q
expect "quit again" "[exited] 0"
ls "$XDG_STATE_HOME"/filo/* > /dev/null 2>&1 && ok "state kept under XDG_STATE_HOME" || fail "state kept under XDG_STATE_HOME"
[ -z "$(git status --porcelain -- "$A")" ] && ok "the reader never writes articles" || fail "the reader never writes articles"
finish
