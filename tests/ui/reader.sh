#!/bin/sh
# The reader end to end on the bundled articles: start, list, open, scroll,
# find, resize, back, quit. Asserts on what tmux shows.
. tests/ui/lib.sh
A=$(pwd)/articles

start 80x24 "$FILO_BIN" "$A"
expect "list shows the dated 2023-09-14 article" "2023-09-14"
expect "list shows the month-only date" "2023-09 "
expect "status counts five articles" "1/5"
expect "newest first: the Beijing report, dated from its text, on top" "Il leader nordcoreano"
expect "columns are named" "Date"
first=$(line 2)
case "$first" in *"2025-09-03~ "*"Il leader nordcoreano"*) ok "first row is the newest, its date marked inferred";;
	*) fail "first row is the newest, its date marked inferred (got: $first)";; esac
second=$(line 3)
case "$second" in *"2023-09-14  Vertice"*) ok "a stated date has no mark";; *) fail "a stated date has no mark (got: $second)";; esac

keys Enter
expect "the header says the date was inferred" "2025-09-03 (inferred) · "
keys q
keys j
expect "j moves the selection" "2/5"
keys Enter
expect "Enter opens the article: header with reading time" "min read"
expect "article body is rendered" "cosmodromo di Vostochny"
expect "status shows the line range" "1-23/"
keys Space
settle
case "$(screen | tail -n 1)" in *" 22-"*|*" 23-"*|*" 21-"*) ok "Space pages down";; *) fail "Space pages down";; esac
keys g
expect "g goes back to the top" "min read"

keys / P e s k o v Enter
expect "find shows the match count" "Peskov 1/1"
expect "find scrolls to the match" "Dmitry Peskov"
keys / c r e m l i n o Enter
expect "find is case-insensitive and counts every match" "cremlino 1/"
keys n
settle
expect "n keeps the find active" "cremlino"

resize 200x60
expect "resize to 200x60 keeps the article" "Dmitry Peskov"
settle
w=$(screen | wc -L)
[ "$w" -le 200 ] && ok "no line wider than the window" || fail "no line wider than the window ($w)"
w=$(screen | head -n 20 | sed 's/^ *//' | wc -L)
[ "$w" -le 80 ] && ok "reading width stays near 80 columns on a wide window" || fail "reading width ($w)"
resize 80x24
expect "resize back to 80x24" "Dmitry Peskov"

keys q
expect "q goes back to the list" "2/5"
keys j j Enter q
expect "q returns to the same row" "4/5"

keys / k i m Space j o n g
expect "the filter prompt shows what is typed" "Filter: kim jong"
expect_not "filter as you type hides non-matching rows" "negoziano accordi"
keys Enter
expect "status shows the filtered count" "/3 of 5"
keys Escape
expect "every row is back after Esc" "negoziano accordi"
expect_not "Esc clears the filter" "of 5"

keys o
expect "o cycles the sort key" "Sorted by source"
keys v
expect "v cycles grouping" "Grouped by day"
expect "day groups have headers" "Undated (2)"
keys '?'
expect "? shows the help screen" "Keys of the list view"
keys q
expect "q leaves help" "group:day"
keys Q
expect "Q quits" "[exited] 0"

# Columns never run into each other: a source wider than its column is cut
# with an ellipsis and still followed by a gap before the title.
W="$TMPD/wide"
mkdir -p "$W"
for i in 1 2; do
	printf -- '---\ntitle: Titolo numero %s del giornale\ndate: 2024-01-0%s\nsource: Il Messaggero Alpino del Nord\n---\n\nTesto.\n' \
		"$i" "$i" > "$W/a$i.md"
done
start 80x24 "$FILO_BIN" "$W"
expect "a long source is cut with an ellipsis" "Messaggero Alp"
row=$(screen | grep -m 1 'Titolo numero')
case "$row" in *"…  Titolo numero"*) ok "two blank columns between source and title";;
	*) fail "two blank columns between source and title (got: $row)";; esac
keys Q
finish
