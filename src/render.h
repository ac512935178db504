/* render.h: a CommonMark article (libcmark tree) plus entity mentions, laid
 * out as styled lines for a given width. This is the contract between
 * rendering and drawing: the pager draws these lines, `filo show` prints
 * them, golden tests compare their dump. No curses here.
 *
 * Rendering is two steps so that a resize only redoes the cheap one:
 *   render_blocks(): markdown -> blocks of unwrapped text with inline spans;
 *   render_layout(): blocks -> lines wrapped to a width.
 * Between the two, the caller may add entity mentions (render_add_mentions)
 * found in the blocks' plain text (render_plain_text). */
#ifndef FILO_RENDER_H
#define FILO_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a whole line or block is. */
enum render_block {
	RB_TEXT,	/* paragraph text, list item text */
	RB_TITLE,	/* article title in the header */
	RB_META,	/* header line: date, source, reading time */
	RB_H1, RB_H2, RB_H3, RB_H4, RB_H5, RB_H6,
	RB_QUOTE,	/* block quote text */
	RB_CODE,	/* code block line */
	RB_RULE,	/* thematic break */
	RB_LINKS,	/* the numbered link list at the end */
	RB_BLANK,	/* empty separator line */
	RB_COUNT
};

/* Inline styles of a span; they combine (a link inside emphasis). */
enum render_flag {
	RF_EMPH   = 1 << 0,
	RF_STRONG = 1 << 1,
	RF_CODE   = 1 << 2,
	RF_LINK   = 1 << 3,	/* link text */
	RF_LINKNUM = 1 << 4,	/* the "[1]" after a link */
	RF_IMAGE  = 1 << 5,	/* "[image: alt]" */
	RF_MARKER = 1 << 6,	/* list bullet or number, quote bar */
	RF_MATCH  = 1 << 7	/* find-in-article match (added by the pager) */
};

/* Entity types of a mention span (ENTITY_* in entity.h share the values). */
enum render_ent { RE_NONE = 0, RE_PER, RE_LOC, RE_ORG, RE_MISC };

struct render_span {
	uint32_t off, len;	/* bytes within the line (or block) text */
	uint16_t flags;		/* RF_* */
	uint8_t ent;		/* RE_* */
	int32_t entity;		/* entity index in the article, or -1 */
};

struct render_line {
	char *text;		/* UTF-8, sanitised, no newline; owned */
	uint32_t len;
	uint8_t block;		/* RB_* */
	uint16_t indent;	/* columns of indent drawn before text (in text) */
	struct render_span *spans;	/* sorted by off, non-overlapping */
	uint32_t nspans;
	uint32_t block_index;	/* which block the line comes from */
	uint32_t block_off;	/* byte offset of text[0] within that block */
};

struct render_doc;	/* opaque: blocks, links, and the current layout */

/* Parses markdown (body of an article) into blocks. title/date/source may be
 * NULL; when given, a header block (title, meta line with reading time) is
 * put first. Returns NULL only on out-of-memory. Caller frees with
 * render_free. */
struct render_doc *render_blocks(const char *markdown, size_t len,
				 const char *title, const char *date,
				 const char *source);

/* libcmark's parser is linear but for bodies it is known to take
 * quadratic time on: render_markdown_cost estimates, in one linear pass,
 * the work beyond that (about a few nanoseconds a unit), and
 * render_blocks lays out a body over RENDER_COST_MAX as plain text
 * (render_text_blocks) instead, so that no article can hold up a reader
 * or an index for minutes. render_as_text tells which was done, for a
 * message: RENDER_AS_TEXT says what (callers add what they did). */
#define RENDER_COST_MAX ((size_t)10 * 1000 * 1000)
#define RENDER_AS_TEXT "too complex for Markdown"
size_t render_markdown_cost(const char *markdown, size_t len);
/* As render_blocks, with the body's text as it is written: paragraphs
 * between blank lines, each flowing as one plain block (no styles, no
 * links). */
struct render_doc *render_text_blocks(const char *text, size_t len,
				      const char *title, const char *date,
				      const char *source);
bool render_as_text(const struct render_doc *doc);
void render_free(struct render_doc *doc);

/* Adds the article's address to the header, as the line "url: URL" under
 * the meta line (a header line, the URL styled as a link); nothing when
 * url is NULL or "" or the doc has no header. RENDER_URL_FULL keeps the
 * line whole, wider than the layout if need be (`filo show`: a script
 * wants the address as it is); RENDER_URL_FIT shortens a line too wide
 * for the layout in the middle, "url: https://site/…/page.html" (the
 * pager). Call before render_layout. */
enum render_url_mode { RENDER_URL_FULL = 1, RENDER_URL_FIT = 2 };
void render_add_url(struct render_doc *doc, const char *url, enum render_url_mode mode);

/* The plain text of all body blocks joined by "\n\n" (what entity recognition
 * and `filo entities` offsets refer to). Owned by doc. */
const char *render_plain_text(const struct render_doc *doc, size_t *len);

/* Adds entity mentions given as byte ranges of render_plain_text(). Ranges
 * that cross a block boundary are clipped. */
struct render_mention {
	size_t off, len;
	uint8_t ent;	/* RE_* */
	int32_t entity;
};
void render_add_mentions(struct render_doc *doc, const struct render_mention *m,
			 size_t n);

/* Lays the blocks out for width columns (width >= 8; smaller is raised,
 * above 4096 is lowered). Replaces any previous layout, so line pointers from
 * render_line_at() are valid until the next layout. Prefixes (bars, bullets,
 * indents) take at most half the width: deeper nesting loses its outer
 * levels. Returns the number of lines. */
size_t render_layout(struct render_doc *doc, size_t width);
size_t render_line_count(const struct render_doc *doc);
const struct render_line *render_line_at(const struct render_doc *doc, size_t i);

/* Line index showing byte offset off of plain text (to keep the reading
 * position across a re-layout, and to scroll to a match or mention). Lines
 * without body text (blank, rule, heading underline, link list) carry the
 * offset of the end of the text before them, the header lines 0: an offset
 * inside a line's text gives that line, an offset several lines start at
 * gives the first of them (so line 0 maps back to line 0, and the first
 * body line maps to line 0 too). */
size_t render_line_of_plain(const struct render_doc *doc, size_t off);
/* Plain-text offset of the start of line i (inverse of the above). */
size_t render_plain_of_line(const struct render_doc *doc, size_t i);

/* Number of words of the body (for reading time). */
size_t render_word_count(const struct render_doc *doc);

/* Bytes at the start of line->text taken by its prefix (quote bars, bullet,
 * indent); the rest is block text from line->block_off, so plain offset o on
 * line i is at byte o - render_plain_of_line(doc, i) + prefix of the line. */
size_t render_line_prefix_len(const struct render_line *line);

/* Links, numbered from 1 as "[N]" in the text and the link list. The URL is
 * sanitised (safe to show); NULL when n is out of range. Owned by doc. */
size_t render_link_count(const struct render_doc *doc);
const char *render_link_url(const struct render_doc *doc, size_t n);

/* Writes the layout as plain text, one line per line (used by `filo show`). */
#include <stdio.h>
void render_print(const struct render_doc *doc, FILE *out);
/* Writes the layout with its styles, one line per line then its spans, in a
 * stable format used by golden tests (`filo show --styled`). */
void render_dump(const struct render_doc *doc, FILE *out);

/* Names for dumps, themes and debugging. */
const char *render_block_name(int block);

#endif
