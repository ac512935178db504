#!/bin/sh
# gen.sh DIR [MB]: writes the hostile inputs too big or too deep to keep in
# the repository into DIR (created if needed). MB (default 100) sizes the
# big files. See README.md for what each file tests.
# Uses only POSIX sh, awk, head and yes; about 3 x MB of disk.
set -eu
dir=${1:?usage: gen.sh DIR [MB]}
mb=${2:-100}
depth=10000
mkdir -p "$dir"

# nest OPEN CLOSE: $depth opening tags, a paragraph, $depth closing tags.
nest() {
	awk -v d="$depth" -v o="$1" -v c="$2" 'BEGIN {
		for (i = 0; i < d; i++) printf "%s", o
		printf "<p>The paragraph at the bottom of the nesting.</p>"
		for (i = 0; i < d; i++) printf "%s", c
	}'
}

page_head='<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Deep page</title></head><body><article><h1>Deep page</h1><p>A paragraph before the nesting.</p>'
page_tail='<p>A paragraph after the nesting.</p></article></body></html>'

{ printf '%s' "$page_head"; nest '<div>' '</div>'; printf '%s\n' "$page_tail"; } >"$dir/deep-div.html"
{ printf '%s' "$page_head"; nest '<em><strong>' '</strong></em>'; printf '%s\n' "$page_tail"; } >"$dir/deep-inline.html"
{ printf '%s' "$page_head"; nest '<ul><li>' '</li></ul>'; printf '%s\n' "$page_tail"; } >"$dir/deep-list.html"
{ printf '%s' "$page_head"; nest '<blockquote>' '</blockquote>'; printf '%s\n' "$page_tail"; } >"$dir/deep-quote.html"
# Unclosed: the parser must not recurse once per open tag either.
{ printf '%s' "$page_head"; awk -v d="$depth" 'BEGIN { for (i = 0; i < d; i++) printf "<div><span><table><tr><td>" }'; printf '\n'; } >"$dir/deep-unclosed.html"

# The same depth in XML: an Atom entry with xhtml content, and an RSS
# description holding escaped HTML.
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Deep feed</title><id>tag:deep.example,2024:f</id><updated>2024-01-01T00:00:00Z</updated>'
	printf '<entry><title>Deep entry</title><id>tag:deep.example,2024:1</id><updated>2024-01-01T00:00:00Z</updated><link href="https://deep.example/1"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
	nest '<div>' '</div>'
	printf '</div></content></entry></feed>\n'
} >"$dir/deep-atom.xml"
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Deep feed</title><link>https://deep.example/</link><item><title>Deep item</title><link>https://deep.example/2</link><description>'
	nest '&lt;div&gt;' '&lt;/div&gt;'
	printf '</description></item></channel></rss>\n'
} >"$dir/deep-rss.xml"

# Big pages: MB megabytes of ordinary paragraphs, then one paragraph of MB
# megabytes without a single tag or newline, then a feed of that size.
para='<p>Paragraph of an enormous page, written again and again to find out whether the importer streams, caps or crashes.</p>'
{
	printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big page</title></head><body><article><h1>Big page</h1>\n'
	yes "$para" | head -n "$((mb * 1024 * 1024 / (${#para} + 1)))"
	printf '\n</article></body></html>\n'
} >"$dir/big-paragraphs.html"
{
	printf '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Big line</title></head><body><article><h1>Big line</h1><p>'
	yes 'word' | head -c "$((mb * 1024 * 1024))" | tr '\n' ' '
	printf '</p></article></body></html>\n'
} >"$dir/big-line.html"
esc='&lt;p&gt;An escaped paragraph of an enormous feed item.&lt;/p&gt;'
{
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Big feed</title><link>https://big.example/</link><item><title>Big item</title><link>https://big.example/1</link><description>'
	yes "$esc" | head -n "$((mb * 1024 * 1024 / (${#esc} + 1)))"
	printf '</description></item></channel></rss>\n'
} >"$dir/big-feed.xml"
