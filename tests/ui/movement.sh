#!/bin/sh
# Every view moves by one rule (src/view_pos.c): a page is the screen less
# one row, half a page half of that, and the last screen ends on the last
# item. Checked at 80x24 on an archive of 60 articles, where the list shows
# 22 rows (page 21, half 10), search 11 results (page 10, half 5), the help
# 22 rows and the article 23 lines (page 22, half 11).
. tests/ui/lib.sh
W="$TMPD/many"
mkdir -p "$W"
i=1
while [ $i -le 60 ]; do
	printf -- '---\ntitle: Notizia %s da Roma\ndate: 2023-%02d-%02d\nsource: Fonte %s\n---\n\nRoma ha ospitato la riunione numero %s.\n' \
		$i $(( (i % 12) + 1 )) $(( (i % 28) + 1 )) $((i % 4)) $i > "$W/n$i.md"
	i=$((i + 1))
done

# the status line without its trailing blanks
status() { screen | tail -n 1 | sed 's/ *$//'; }

# expect_status DESCRIPTION TEXT: the status line contains TEXT.
expect_status() {
	settle
	case "$(status)" in *"$2"*) ok "$1";; *) fail "$1 (status: '$(status)', want '$2')";; esac
}

start 80x24 "$FILO_BIN" "$W"
expect "the list is up" "1/60"
keys Space
expect_status "Space moves the selection a page (21 rows)" "22/60"
keys C-d
expect_status "C-d moves half a page (10 rows)" "32/60"
keys C-u b
expect_status "C-u and b move back as far" "1/60"
keys G
expect_status "G selects the last article" "60/60"
keys k
expect_status "k moves up one" "59/60"

keys S r o m a Enter
expect "the search lists every article" "search  1/60"
keys Space
expect_status "Space in search moves a page of results (10)" "search  11/60"
keys C-d
expect_status "C-d in search moves half a page (5)" "search  16/60"
keys G
expect_status "G selects the last result" "search  60/60"
keys h

keys '?'
expect "the help shows the list's keys" "Keys of the list view"
keys G
settle
last=$(screen | sed -n 23p)
case "$last" in *"Redraw the screen"*) ok "G in help ends on the last key, on the last row";;
	*) fail "G in help ends on the last key (row 23: '$last')";; esac
keys q

A=$(pwd)/articles
start 80x24 "$FILO_BIN" "$A"
expect "the sample list is up" "1/5"
keys Enter
expect "the article opens" "1-23/"
settle
# the article's length in lines, as its own status line says it
n=$(status | sed -n 's|.* 1-23/\([0-9]*\).*|\1|p')
[ -n "$n" ] && [ "$n" -gt 45 ] && ok "the first article is longer than two pages ($n lines)" ||
	fail "the first article is longer than two pages (status: '$(status)')"
keys Space
expect_status "Space in the article scrolls a page (22 lines)" "23-45/$n"
keys g C-d
expect_status "C-d in the article scrolls half a page (11 lines)" "12-34/$n"
keys G
expect_status "G ends on the last line" "$((n - 22))-$n/$n (END)"
keys Q
expect "Q quits" "[exited] 0"
finish
