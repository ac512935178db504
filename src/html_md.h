/* html_md.h: libxml2 HTML nodes -> CommonMark in filo's one canonical
 * form, and the plain text of nodes. Used by html.c (pages, feed items)
 * and readable.c (scoring). Internal to the HTML importer: callers outside
 * it use html.h. No curses; nothing printed. */
#ifndef FILO_HTML_MD_H
#define FILO_HTML_MD_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>
#include "buf.h"

/* Returns true for an element (and its subtree) to leave out. */
typedef bool (*html_md_skip_fn)(const xmlNode *n, void *ctx);

/* What html_md_opts.line decides for a line of text. */
enum { HTML_MD_KEEP, HTML_MD_DROP, HTML_MD_DROP_BEFORE };

struct html_md_opts {
	const char *base_url;	/* links are made absolute against it; may be NULL */
	const char *title;	/* a heading with this text is left out; may be NULL */
	html_md_skip_fn skip;	/* may be NULL: only html_md_never_text drops */
	/* May be NULL. Called with the plain text of each line of a
	 * paragraph (lines end at <br>) and of each heading; nth: blocks
	 * written so far. HTML_MD_DROP leaves the line out, DROP_BEFORE
	 * also all written before it (a kicker above a headline; only while
	 * that is short). */
	int (*line)(const char *text, size_t n, size_t nth, void *ctx);
	/* May be NULL: elements written as a plain paragraph whatever their
	 * tag (a standfirst marked up as a heading). */
	html_md_skip_fn as_para;
	void *ctx;		/* for skip, line and as_para */
};

/* Appends the CommonMark of the subtrees roots[0..n) to out, one canonical
 * form: "## Heading" (level kept), "- " and "1. " items, "> " quotes,
 * *emphasis*, **strong**, `code`, fenced code for <pre>, [text](absolute
 * URL), paragraphs separated by one blank line, hard breaks as "\" at the
 * line end; text escaped so that it renders as written, whitespace
 * collapsed, control, C1, bidi and zero-width characters dropped. Ends
 * with "\n" when anything was written. Iterative: any depth. */
void html_md_write(struct buf *out, xmlNode *const *roots, size_t n,
		   const struct html_md_opts *o);

/* Elements that are never text: script, style, template, forms, media,
 * the head, hidden elements (hidden, aria-hidden, display:none). */
bool html_md_never_text(const xmlNode *n);

/* Is n an element that starts a block of its own (p, div, li, h2...)? */
bool html_md_is_block(const xmlNode *n);

/* Plain text of the subtree (never-text elements left out, blocks apart
 * by a space, whitespace collapsed, controls dropped, trimmed). Malloc'd;
 * *len its length when len is not NULL. */
char *html_md_text(const xmlNode *n, size_t *len);

/* Letters and digits of s[0..n) folded (case, accents), nothing else:
 * "The Harbor-City Times!" and "theharborcitytimes" compare equal.
 * For comparing titles and names. Malloc'd. */
char *html_md_key(const char *s, size_t n);

/* Appends s[0..n) (UTF-8) to b cleaned as html_md_text cleans text: runs
 * of whitespace one space (none at the start of b), controls dropped. */
void html_md_clean(struct buf *b, const char *s, size_t n);

/* href made absolute against base (either may be relative or NULL);
 * NULL for javascript:, data: and the like, or a link to the page
 * itself ("#top"). Malloc'd. */
char *html_md_resolve(const char *base, const char *href);

/* The value of attribute name (a lower-case name, as the HTML parser
 * stores them), or NULL. Malloc'd: the caller frees it with free(). */
char *html_md_attr(const xmlNode *n, const char *name);

/* The value of attribute name without a copy, or NULL: for the common
 * attribute of one text; one made of several nodes (entities) is read by
 * html_md_attr. Valid while the tree is. */
const char *html_md_attr_peek(const xmlNode *n, const char *name);

/* Is n the element tag (lower case)? */
bool html_md_is(const xmlNode *n, const char *tag);

#endif
