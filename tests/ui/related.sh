#!/bin/sh
# Related stories and threads in the reader: the panel and its reasons,
# opening by number, walking the thread with ] and [, the timeline, and
# browser-like history that returns to the same place.
. tests/ui/lib.sh
A=$(pwd)/articles

start 100x30 "$FILO_BIN" "$A"
expect "list is up" "1/5"
expect "the list counts related stories" "Rel"
keys j Enter
expect "the summit report opens" "Vertice Putin"
keys r
expect "r shows the related stories" "Related stories"
expect "reasons: shared entities by name" "Vladimir Putin"
panel=$(screen | sed -n '/Related stories/,$p')
beijing=$(printf '%s\n' "$panel" | grep -n 'Il leader nordcoreano Kim' | cut -d: -f1)
komso=$(printf '%s\n' "$panel" | grep -n 'incontro segreto' | cut -d: -f1)
[ -n "$beijing" ] && ok "the 2025 Beijing report is still related" || fail "the 2025 Beijing report is still related"
[ -n "$komso" ] && [ -n "$beijing" ] && [ "$komso" -lt "$beijing" ] &&
	ok "a 2023 report ranks above the 2025 one" || fail "a 2023 report ranks above the 2025 one"
# the reasons form one column: "·" at the same place in every row (on a
# wide window, where they are narrower than their share)
resize 200x50
settle
wide=$(screen | sed -n '/Related stories/,$p')
resize 100x30
settle
cols=$(printf '%s\n' "$wide" | grep '·' | while IFS= read -r row; do
	printf '%s\n' "${row%%·*}" | wc -m; done | sort -u | wc -l)
rows=$(printf '%s\n' "$wide" | grep -c '·')
[ "$rows" -ge 3 ] && [ "$cols" -eq 1 ] && ok "the reasons line up in one column ($rows rows)" ||
	fail "the reasons line up in one column ($rows rows, $cols columns)"
keys j j j
settle
before=$(screen | tail -n 1 | grep -o '[0-9]*-[0-9]*/[0-9]*')
keys 1
expect "1 opens the first related story" "Putin e Kim: un incontro segreto"
keys h
settle
after=$(screen | tail -n 1 | grep -o '[0-9]*-[0-9]*/[0-9]*')
[ "$before" = "$after" ] && ok "h returns to the same scroll position ($after)" ||
	fail "h returns to the same scroll position ($before vs $after)"
keys l
expect "l goes forward again" "Putin e Kim: un incontro segreto"
keys h t
expect "t shows the thread as a timeline" "Story thread: 4 articles"
expect "the thread starts in 2023-09" "2023-09 "
keys q
expect "q leaves the timeline" "Vertice Putin"
keys ']'
expect "] opens the next article of the thread" "min read"
settle
keys '['
expect "[ comes back" "Vertice Putin"
keys '['
expect "[ goes to the earlier article of the thread" "Si è concluso il viaggio"
keys '['
expect "the start of the thread is said" "Start of the thread"
keys Q
expect "quit" "[exited] 0"
finish
