#!/bin/sh
# One query language in the reader: the list's filter takes the filters of
# search (lang:, date:, entity:, is:) and says what is wrong with one; S
# finds other forms of a word, the form as written first, and opens the
# article at the form it has; `filo list` and `filo search` read the marks
# made here (is:) and leave the state file as it was. 80x24 and 200x60.
. tests/ui/lib.sh
A=$(pwd)/articles

for size in 80x24 200x60; do
	rm -rf "$XDG_STATE_HOME"
	start $size "$FILO_BIN" "$A"
	expect "$size: list is up" "1/5"
	keys / l a n g : e n Enter
	expect "$size: lang:en keeps none of the Italian articles" "No article matches the filter"
	keys Escape / l a n g : i t Space e n t i t y : s h o i g u Enter
	expect "$size: lang:it with entity:shoigu keeps two" "/2 of 5"
	keys Escape / d a t e : 2 0 2 3 - 1 3 Space p u t i n Enter
	expect "$size: a bad date is said in the status line" "query: date: expects"
	keys k	# the message goes with the next key
	expect "$size: and the rest of the filter applies" "/4 of 5"
	keys Escape / c o l o u r : r e d Enter
	expect "$size: an unknown filter is said" "query: unknown filter colour:"
	keys Escape g N j N
	settle
	keys / i s : u n r e a d Enter
	expect "$size: is:unread leaves the three not read" "/3 of 5"
	keys Escape / - i s : u n r e a d Enter
	expect "$size: -is:unread the two read" "/2 of 5"
	keys Escape
	keys S c o l l o q u i o Enter
	expect "$size: S finds the other forms of a word" "Search: colloquio - 3 articles"
	expect "$size: the first result has the word as written" "Si è concluso il viaggio"
	keys j Enter
	expect "$size: the article opens at the other form, n finds it" "colloqui 1/"
	keys h
	expect "$size: h goes back to the results" "Search: colloquio"
	keys q S '"' c o l l o q u i o '"' Enter
	expect "$size: a phrase is the word as written" "Search: \"colloquio\" - 1 article"
	keys q S c o l l o q u '*' Enter
	expect "$size: a prefix" "Search: colloqu* - 3 articles"
	keys q S i s : u n r e a d Space p u t i n Enter
	expect "$size: S takes is: too" "Search: is:unread putin - 3 articles"
	keys Q
	expect "$size: quit" "[exited] 0"
	# the command line reads the marks, and writes nothing
	sum=$(cat "$XDG_STATE_HOME"/filo/* | cksum)
	files=$(ls "$XDG_STATE_HOME"/filo)
	n=$("$FILO_BIN" list "$A" --filter is:unread | wc -l)
	if [ "$n" -eq 3 ]; then ok "$size: filo list --filter is:unread reads the marks"
	else fail "$size: filo list --filter is:unread reads the marks ($n lines)"; fi
	n=$("$FILO_BIN" search '-is:unread' "$A" | wc -l)
	if [ "$n" -eq 2 ]; then ok "$size: filo search -is:unread reads them too"
	else fail "$size: filo search -is:unread reads them too ($n lines)"; fi
	if [ "$(cat "$XDG_STATE_HOME"/filo/* | cksum)" = "$sum" ] &&
	   [ "$(ls "$XDG_STATE_HOME"/filo)" = "$files" ]; then
		ok "$size: the state file is left as it was"
	else
		fail "$size: the state file is left as it was"
	fi
done
finish
