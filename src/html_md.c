/* html_md.c: HTML nodes -> CommonMark in one canonical form, walking the
 * tree without recursion (parent and next pointers), so nesting of any
 * depth costs no stack; and the cleaned plain text of nodes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/uri.h>
#include "html_md.h"
#include "text.h"

#define CTX_MAX		16	/* deeper lists and quotes are flattened */
#define MARK_MAX	16	/* open inline marks kept track of */
#define HEADING_NODES	256	/* nodes of a heading compared with the title */

/* ---- elements ---- */

bool html_md_is(const xmlNode *n, const char *tag)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       strcmp((const char *)n->name, tag) == 0;
}

static int cmp_tag(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

/* Is n one of the count tags (sorted, for a binary search: this runs for
 * every element, several times)? */
static bool tag_in(const xmlNode *n, const char *const *tags, size_t count)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->name)
		return false;
	return bsearch(n->name, tags, count, sizeof *tags, cmp_tag) != NULL;
}

char *html_md_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE)
		return NULL;
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = xstrdup((const char *)v);
	xmlFree(v);
	return s;
}

const char *html_md_attr_peek(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE || !n->properties)
		return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (a->type != XML_ATTRIBUTE_NODE || !a->name || strcmp((const char *)a->name, name))
			continue;
		if (!a->children)
			return "";
		if (a->children->type == XML_TEXT_NODE && !a->children->next)
			return a->children->content ? (const char *)a->children->content : "";
		return NULL;	/* several nodes: html_md_attr joins them */
	}
	return NULL;
}

/* Hidden by its attributes: hidden, aria-hidden="true", an inline style
 * of display:none or visibility:hidden. */
static bool is_hidden(const xmlNode *n)
{
	if (!n->properties)
		return false;
	if (xmlHasProp(n, (const xmlChar *)"hidden"))
		return true;
	const char *p = html_md_attr_peek(n, "aria-hidden");
	if (p && strcasecmp(p, "true") == 0)
		return true;
	if (!xmlHasProp(n, (const xmlChar *)"style"))
		return false;
	bool hidden = false;
	char *v = html_md_attr(n, "style");
	if (v) {
		struct buf b = BUF_INIT;
		for (const char *s = v; *s; s++)
			if (*s != ' ' && *s != '\t' && *s != '\n')
				buf_addc(&b, (char)(*s >= 'A' && *s <= 'Z' ? *s + 32 : *s));
		const char *t = buf_str(&b);
		hidden = strstr(t, "display:none") || strstr(t, "visibility:hidden");
		buf_free(&b);
		free(v);
	}
	return hidden;
}

bool html_md_never_text(const xmlNode *n)
{
	static const char *const tags[] = {	/* sorted */
		"applet", "area", "audio", "base", "button", "canvas", "dialog",
		"embed", "form", "frame", "frameset", "head", "iframe", "img",
		"input", "link", "map", "math", "meta", "noscript", "object",
		"option", "param", "picture", "script", "select", "source",
		"style", "svg", "template", "textarea", "title", "track", "video",
	};
	if (!n || n->type != XML_ELEMENT_NODE)
		return n && n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE;
	return tag_in(n, tags, sizeof tags / sizeof *tags) || is_hidden(n);
}

bool html_md_is_block(const xmlNode *n)
{
	static const char *const tags[] = {	/* sorted */
		"address", "article", "aside", "blockquote", "body", "br",
		"caption", "center", "dd", "details", "div", "dl", "dt",
		"fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3",
		"h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend",
		"li", "main", "menu", "nav", "ol", "p", "pre", "section",
		"summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
		"ul",
	};
	return tag_in(n, tags, sizeof tags / sizeof *tags);
}

/* ---- characters ---- */

/* Decodes one UTF-8 character; *len its length (1 for an invalid byte,
 * which gives U+FFFD). */
static uint32_t utf8_get(const unsigned char *s, size_t n, size_t *len)
{
	*len = 1;
	if (s[0] < 0x80)
		return s[0];
	size_t k = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 :
		   s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
	if (!k || k > n)
		return 0xFFFD;
	uint32_t c = s[0] & (0x7F >> k);
	for (size_t i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0xFFFD;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((k == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (k == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0xFFFD;
	*len = k;
	return c;
}

enum chk { CH_KEEP, CH_SPACE, CH_DROP };

/* What a character of page text becomes: whitespace (collapsed), dropped
 * (controls, C1, bidi embeddings and isolates, zero-width and BOM,
 * noncharacters) or kept. */
static enum chk char_kind(uint32_t c)
{
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == 0xA0 || c == 0x202F || c == 0x2007 || c == 0x3000 ||
	    (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x85)
		return CH_SPACE;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0x200B || c == 0xFEFF ||
	    c == 0x061C || (c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF))
		return CH_DROP;
	return CH_KEEP;
}

void html_md_clean(struct buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0, k; i < n; i += k) {
		/* a run of plain ASCII goes in at once */
		size_t run = i;
		while (run < n && u[run] > ' ' && u[run] < 0x7F)
			run++;
		if (run > i) {
			buf_add(b, s + i, run - i);
			k = run - i;
			continue;
		}
		uint32_t c = utf8_get(u + i, n - i, &k);
		enum chk ck = char_kind(c);
		if (ck == CH_SPACE) {
			if (b->len && b->data[b->len - 1] != ' ')
				buf_addc(b, ' ');
		} else if (ck == CH_KEEP) {
			if (c == 0xFFFD && k == 1)
				buf_add(b, "\xEF\xBF\xBD", 3);
			else
				buf_add(b, s + i, k);
		}
	}
}

char *html_md_key(const char *s, size_t n)
{
	size_t fn;
	char *f = text_fold(s, n, &fn, NULL);
	size_t o = 0;
	for (size_t i = 0; i < fn; ) {
		size_t k;
		bool w = text_is_word_char(f + i, fn - i, &k);
		k = k ? k : 1;
		if (w)
			memmove(f + o, f + i, k), o += k;
		i += k;
	}
	f[o] = '\0';
	return f;
}

/* ---- walking ---- */

/* Calls enter on each node of the subtree in document order (children
 * only when it returns true) and leave after an entered node's children. */
struct walker {
	bool (*enter)(xmlNode *n, void *ctx);
	void (*leave)(xmlNode *n, void *ctx);
	void *ctx;
};

static void walk(xmlNode *root, const struct walker *w)
{
	xmlNode *n = root;
	for (;;) {
		bool in = w->enter(n, w->ctx);
		if (in && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (in && w->leave)
				w->leave(n, w->ctx);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			in = true;
			if (!n)
				return;
		}
	}
}

/* ---- plain text ---- */

static bool text_enter(xmlNode *n, void *ctx)
{
	struct buf *b = ctx;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content)
			html_md_clean(b, (const char *)n->content, strlen((const char *)n->content));
		return false;
	}
	if (n->type != XML_ELEMENT_NODE && n->type != XML_DOCUMENT_NODE &&
	    n->type != XML_HTML_DOCUMENT_NODE)
		return false;
	if (html_md_never_text(n))
		return false;
	if (html_md_is_block(n) && b->len && b->data[b->len - 1] != ' ')
		buf_addc(b, ' ');
	return true;
}

static void text_leave(xmlNode *n, void *ctx)
{
	struct buf *b = ctx;
	if (html_md_is_block(n) && b->len && b->data[b->len - 1] != ' ')
		buf_addc(b, ' ');
}

char *html_md_text(const xmlNode *n, size_t *len)
{
	struct buf b = BUF_INIT;
	struct walker w = { text_enter, text_leave, &b };
	if (n)
		walk((xmlNode *)n, &w);
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	return buf_detach(&b, len);
}

/* ---- links ---- */

char *html_md_resolve(const char *base, const char *href)
{
	if (!href)
		return NULL;
	struct buf h = BUF_INIT;
	html_md_clean(&h, href, strlen(href));	/* no blanks or controls */
	const char *s = buf_str(&h);
	while (*s == ' ')
		s++;
	size_t k = 0;
	while (s[k] && s[k] != ':' && s[k] != '/' && s[k] != '?' && s[k] != '#')
		k++;
	bool bad = s[0] == '\0' || s[0] == '#' ||
		   (s[k] == ':' && (strncasecmp(s, "javascript", k) == 0 ||
				    strncasecmp(s, "data", k) == 0 ||
				    strncasecmp(s, "vbscript", k) == 0 ||
				    strncasecmp(s, "about", k) == 0 ||
				    strncasecmp(s, "file", k) == 0));
	char *out = NULL;
	if (!bad) {
		xmlChar *u = NULL;
		if (base && *base) {
			/* libxml2 builds nothing from a blank or a non-ASCII byte */
			struct buf e = BUF_INIT;
			for (const unsigned char *c = (const unsigned char *)s; *c; c++)
				if (*c <= ' ' || *c >= 0x7F || strchr("\"<>\\^`{|}", *c))
					buf_addf(&e, "%%%02X", *c);
				else
					buf_addc(&e, (char)*c);
			u = xmlBuildURI((const xmlChar *)buf_str(&e), (const xmlChar *)base);
			buf_free(&e);
		}
		out = xstrdup(u ? (const char *)u : s);
		xmlFree(u);
	}
	buf_free(&h);
	return out;
}

/* The URL as a link destination: characters CommonMark would end it at
 * or read as markup are percent-encoded. */
static void add_dest(struct buf *b, const char *url)
{
	for (const unsigned char *s = (const unsigned char *)url; *s; s++) {
		if (*s <= ' ' || *s == '(' || *s == ')' || *s == '<' || *s == '>' ||
		    *s == '\\' || *s == '`' || *s == 0x7F)
			buf_addf(b, "%%%02X", *s);
		else
			buf_addc(b, (char)*s);
	}
}

/* ---- the writer ---- */

enum ctxk { CX_QUOTE, CX_LIST, CX_ITEM };

struct bctx {
	enum ctxk k;
	bool ordered;		/* CX_LIST, CX_ITEM */
	int number;		/* CX_LIST: the next item's; CX_ITEM: its own */
	bool marker_done;	/* CX_ITEM: it has its number */
	bool wrote_marker;	/* CX_ITEM: its marker was written */
	const xmlNode *node;
};

enum markk { MK_EM, MK_STRONG, MK_LINK };

struct mark {
	enum markk k;
	bool emitted;		/* its opener is in the paragraph */
	char *url;		/* MK_LINK */
	const xmlNode *node;
};

struct writer {
	struct buf *out;
	const struct html_md_opts *o;
	struct bctx cx[CTX_MAX];
	size_t ncx, deep;	/* deep: contexts beyond CTX_MAX, ignored */
	struct mark mk[MARK_MAX];
	size_t nmk, mkdeep;
	struct buf para;	/* the paragraph being built, escaped */
	struct buf plain;	/* ... and as plain text, lines at '\n' */
	size_t start;		/* out's length when the writing began */
	size_t nblocks;		/* blocks written */
	bool space;		/* a blank is due before the next character */
	int heading;		/* level of the heading being built, 0 if none */
	const xmlNode *code;	/* inside <code>: text goes to raw */
	const xmlNode *pre;	/* inside <pre> */
	struct buf raw;		/* code or pre text, unescaped */
	int cells;		/* cells written in the current table row */
	bool wrote;		/* a block was written */
	bool last_in_list;	/* ... and it was inside a list */
	const xmlNode *last_cx[CTX_MAX];	/* ... in these contexts */
	size_t nlast;
};

/* Prefix of a line in the first upto contexts; first: the block's first
 * line, where a pending item marker is written. */
static void add_prefix_upto(struct writer *w, struct buf *b, bool first, size_t upto)
{
	for (size_t i = 0; i < upto && i < w->ncx; i++) {
		struct bctx *c = &w->cx[i];
		if (c->k == CX_QUOTE) {
			buf_adds(b, "> ");
		} else if (c->k == CX_ITEM) {
			if (first && !c->marker_done) {
				/* numbered when written: an empty item takes none */
				struct bctx *list = i && w->cx[i - 1].k == CX_LIST ? &w->cx[i - 1] : NULL;
				c->number = list ? list->number++ : 1;
				c->marker_done = true;
			}
			char m[16];
			int len = c->ordered ? snprintf(m, sizeof m, "%d. ", c->number) : 2;
			if (!c->ordered)
				memcpy(m, "- ", 3);
			if (first && c->marker_done && !c->wrote_marker) {
				buf_adds(b, m);
				c->wrote_marker = true;
			} else {
				for (int k = 0; k < len; k++)
					buf_addc(b, ' ');
			}
		}
	}
}

static bool in_list(const struct writer *w)
{
	for (size_t i = 0; i < w->ncx; i++)
		if (w->cx[i].k == CX_ITEM)
			return true;
	return false;
}

static void add_prefix(struct writer *w, struct buf *b, bool first)
{
	add_prefix_upto(w, b, first, w->ncx);
}

/* Notes that a block was written, and in which contexts. */
static void block_done(struct writer *w)
{
	w->wrote = true;
	w->nblocks++;
	w->last_in_list = in_list(w);
	w->nlast = w->ncx;
	for (size_t i = 0; i < w->ncx; i++)
		w->last_cx[i] = w->cx[i].node;
}


/* Is a list item's marker still to be written (the block about to be
 * written starts an item)? */
static bool item_starts(const struct writer *w)
{
	for (size_t i = 0; i < w->ncx; i++)
		if (w->cx[i].k == CX_ITEM && !w->cx[i].wrote_marker)
			return true;
	return false;
}

/* Separates the next block from the last: a blank line (prefixed as the
 * contexts need), or one newline between the items of a list. */
static void block_gap(struct writer *w)
{
	if (!w->wrote)
		return;
	if (item_starts(w) && w->last_in_list)
		return;
	/* the blank line belongs to the contexts both blocks are in */
	size_t common = 0;
	while (common < w->nlast && common < w->ncx && w->last_cx[common] == w->cx[common].node)
		common++;
	struct buf p = BUF_INIT;
	add_prefix_upto(w, &p, false, common);
	while (p.len && p.data[p.len - 1] == ' ')
		p.len--;
	buf_add(w->out, p.data ? p.data : "", p.len);
	buf_addc(w->out, '\n');
	buf_free(&p);
}

/* A line start that CommonMark would read as a block marker gets a
 * backslash: "# ", "> ", "- ", "+ ", "=", "~~~", "1. ", "2) ". */
static void add_line(struct buf *b, const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && k < 10 && s[k] >= '0' && s[k] <= '9')
		k++;
	if (n && strchr("#>-+=~", s[0])) {
		buf_addc(b, '\\');
	} else if (k >= 1 && k <= 9 && k < n && (s[k] == '.' || s[k] == ')') &&
		   (k + 1 == n || s[k + 1] == ' ')) {
		buf_add(b, s, k);
		buf_addc(b, '\\');
		s += k, n -= k;
	}
	buf_add(b, s, n);
}

/* Writes the closer of an emitted mark; a link with nothing shown
 * ("[](url)") is taken out instead. */
static void mark_close(struct writer *w, struct mark *m)
{
	if (!m->emitted)
		return;
	m->emitted = false;
	if (m->k == MK_EM) {
		buf_addc(&w->para, '*');
	} else if (m->k == MK_STRONG) {
		buf_adds(&w->para, "**");
	} else if (w->para.len && w->para.data[w->para.len - 1] == '[') {
		w->para.data[--w->para.len] = '\0';
	} else {
		buf_adds(&w->para, "](");
		add_dest(&w->para, m->url);
		buf_addc(&w->para, ')');
	}
}

/* Closes the emitted marks at the end of a paragraph or line (they open
 * again, lazily, before the next text). */
static void marks_close_all(struct writer *w)
{
	for (size_t i = w->nmk; i-- > 0; )
		mark_close(w, &w->mk[i]);
}

/* Runs the line filter over the paragraph's lines (plain text in
 * w->plain, escaped in w->para, both split at '\n'), keeping the lines
 * it keeps. */
static void filter_lines(struct writer *w)
{
	struct buf keep = BUF_INIT;
	const char *p = buf_str(&w->para), *t = buf_str(&w->plain);
	for (;;) {
		const char *pe = strchr(p, '\n'), *te = strchr(t, '\n');
		size_t pn = pe ? (size_t)(pe - p) : strlen(p), tn = te ? (size_t)(te - t) : strlen(t);
		if (pe && pn && p[pn - 1] == '\\')
			pn--;	/* the hard break's backslash */
		while (tn && t[tn - 1] == ' ')
			tn--;
		const char *ts = t;
		while (tn && *ts == ' ')
			ts++, tn--;
		int v = tn ? w->o->line(ts, tn, w->nblocks, w->o->ctx) : HTML_MD_KEEP;
		if (v == HTML_MD_DROP_BEFORE && w->out->len - w->start < 600) {
			buf_reset(&keep);
			w->out->len = w->start;
			if (w->out->data)
				w->out->data[w->start] = '\0';
			w->wrote = false;
			w->nblocks = 0;
		} else if (v == HTML_MD_KEEP) {
			if (keep.len)
				buf_adds(&keep, "\\\n");
			buf_add(&keep, p, pn);
		}
		if (!pe || !te)
			break;
		p = pe + 1, t = te + 1;
	}
	buf_reset(&w->para);
	buf_add(&w->para, buf_str(&keep), keep.len);
	buf_free(&keep);
}

/* Writes the paragraph (or heading) built so far as a block. */
static void flush(struct writer *w)
{
	marks_close_all(w);
	w->space = false;
	if (w->o->line && w->para.len)
		filter_lines(w);
	buf_reset(&w->plain);
	size_t n = w->para.len;
	const char *s = w->para.data;
	while (n && s[n - 1] == ' ')
		n--;
	/* a hard break at the end is no break */
	while (n >= 2 && s[n - 1] == '\n' && s[n - 2] == '\\') {
		n -= 2;
		while (n && s[n - 1] == ' ')
			n--;
	}
	if (n == 0) {
		buf_reset(&w->para);
		return;
	}
	block_gap(w);
	add_prefix(w, w->out, true);
	if (w->heading) {
		for (int i = 0; i < w->heading; i++)
			buf_addc(w->out, '#');
		buf_addc(w->out, ' ');
		buf_add(w->out, s, n);
		/* a closing "#" run would be taken for the heading's end */
		if (s[n - 1] == '#') {
			w->out->len--;
			buf_adds(w->out, "\\#");
		}
	} else {
		for (size_t a = 0; a < n; ) {
			const char *nl = memchr(s + a, '\n', n - a);
			size_t e = nl ? (size_t)(nl - s) : n;
			if (a)
				add_prefix(w, w->out, false);
			add_line(w->out, s + a, e - a);
			if (nl)
				buf_addc(w->out, '\n');
			a = nl ? e + 1 : n;
		}
	}
	buf_addc(w->out, '\n');
	block_done(w);
	buf_reset(&w->para);
}

/* Text about to be added: the due blank, then the marks not yet opened. */
static void before_char(struct writer *w)
{
	if (w->space && w->para.len && w->para.data[w->para.len - 1] != '\n') {
		buf_addc(&w->para, ' ');
		buf_addc(&w->plain, ' ');
	}
	w->space = false;
	for (size_t i = 0; i < w->nmk; i++) {
		struct mark *m = &w->mk[i];
		if (m->emitted)
			continue;
		buf_adds(&w->para, m->k == MK_EM ? "*" : m->k == MK_STRONG ? "**" : "[");
		m->emitted = true;
	}
}

/* "&amp;" would be read as an entity: only then the '&' is escaped. */
static bool entity_like(const char *s, size_t n)
{
	size_t i = 1;
	if (i < n && s[i] == '#')
		i++;
	size_t st = i;
	while (i < n && i - st < 32 && (((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z') ||
					(s[i] >= '0' && s[i] <= '9')))
		i++;
	return i > st && i < n && s[i] == ';';
}

static void add_text(struct writer *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (w->code || w->pre) {
		html_md_clean(&w->raw, s, n);	/* pre keeps its lines below */
		return;
	}
	for (size_t i = 0, k; i < n; i += k) {
		/* a run of ASCII needing no escape goes in at once */
		size_t run = i;
		while (run < n && u[run] > ' ' && u[run] < 0x7F && !strchr("\\`*_[]<&", u[run]))
			run++;
		if (run > i) {
			before_char(w);
			buf_add(&w->para, s + i, run - i);
			buf_add(&w->plain, s + i, run - i);
			k = run - i;
			continue;
		}
		uint32_t c = utf8_get(u + i, n - i, &k);
		enum chk ck = char_kind(c);
		if (ck == CH_DROP)
			continue;
		if (ck == CH_SPACE) {
			w->space = true;
			continue;
		}
		before_char(w);
		if (strchr("\\`*_[]<", s[i]) && c < 0x80)
			buf_addc(&w->para, '\\');
		else if (s[i] == '&' && entity_like(s + i, n - i))
			buf_addc(&w->para, '\\');
		if (c == 0xFFFD && k == 1) {
			buf_add(&w->para, "\xEF\xBF\xBD", 3);
			buf_add(&w->plain, "\xEF\xBF\xBD", 3);
		} else {
			buf_add(&w->para, s + i, k);
			buf_add(&w->plain, s + i, k);
		}
	}
}

/* <pre> text: lines kept, tabs as spaces, controls dropped. */
static void add_pre_text(struct writer *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t c = utf8_get(u + i, n - i, &k);
		if (c == '\n')
			buf_addc(&w->raw, '\n');
		else if (c == '\t')
			buf_adds(&w->raw, "    ");
		else if (c == '\r')
			;
		else if (char_kind(c) == CH_SPACE)
			buf_addc(&w->raw, ' ');
		else if (char_kind(c) == CH_KEEP)
			buf_add(&w->raw, c == 0xFFFD && k == 1 ? "\xEF\xBF\xBD" : s + i,
				c == 0xFFFD && k == 1 ? 3 : k);
	}
}

static size_t longest_backticks(const char *s, size_t n)
{
	size_t best = 0, run = 0;
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		best = run > best ? run : best;
	}
	return best;
}

static void code_end(struct writer *w)
{
	size_t n = w->raw.len;
	const char *s = buf_str(&w->raw);
	w->code = NULL;
	while (n && s[n - 1] == ' ')
		n--;
	while (n && *s == ' ')
		s++, n--;
	if (n) {
		size_t f = longest_backticks(s, n) + 1;
		bool pad = s[0] == '`' || s[n - 1] == '`';
		before_char(w);
		for (size_t i = 0; i < f; i++)
			buf_addc(&w->para, '`');
		if (pad)
			buf_addc(&w->para, ' ');
		buf_add(&w->para, s, n);
		buf_add(&w->plain, s, n);
		if (pad)
			buf_addc(&w->para, ' ');
		for (size_t i = 0; i < f; i++)
			buf_addc(&w->para, '`');
	}
	buf_reset(&w->raw);
}

static void pre_end(struct writer *w)
{
	w->pre = NULL;
	const char *s = buf_str(&w->raw);
	size_t n = w->raw.len;
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
		n--;
	while (n && *s == '\n')
		s++, n--;
	if (n) {
		size_t f = longest_backticks(s, n) + 1;
		f = f < 3 ? 3 : f;
		block_gap(w);
		add_prefix(w, w->out, true);
		for (size_t i = 0; i < f; i++)
			buf_addc(w->out, '`');
		buf_addc(w->out, '\n');
		for (size_t a = 0; a <= n; ) {
			const char *nl = memchr(s + a, '\n', n - a);
			size_t e = nl ? (size_t)(nl - s) : n;
			add_prefix(w, w->out, false);
			buf_add(w->out, s + a, e - a);
			buf_addc(w->out, '\n');
			a = e + 1;
		}
		add_prefix(w, w->out, false);
		for (size_t i = 0; i < f; i++)
			buf_addc(w->out, '`');
		buf_addc(w->out, '\n');
		block_done(w);
	}
	buf_reset(&w->raw);
}

static bool mark_open(const struct writer *w, enum markk k)
{
	for (size_t i = 0; i < w->nmk; i++)
		if (w->mk[i].k == k)
			return true;
	return false;
}

static void mark_push(struct writer *w, enum markk k, char *url, const xmlNode *n)
{
	if (w->nmk == MARK_MAX || mark_open(w, k)) {
		free(url);
		return;
	}
	w->mk[w->nmk++] = (struct mark){ k, false, url, n };
}

static void mark_pop(struct writer *w, const xmlNode *n)
{
	if (!w->nmk || w->mk[w->nmk - 1].node != n)
		return;
	struct mark *m = &w->mk[--w->nmk];
	mark_close(w, m);
	free(m->url);
}

static void cx_push(struct writer *w, struct bctx c)
{
	if (w->ncx == CTX_MAX) {
		w->deep++;
		return;
	}
	w->cx[w->ncx++] = c;
}

static void cx_pop(struct writer *w, const xmlNode *n)
{
	if (w->deep) {
		w->deep--;
		return;
	}
	if (w->ncx && w->cx[w->ncx - 1].node == n)
		w->ncx--;
}

static int heading_level(const xmlNode *n)
{
	const char *t = (const char *)n->name;
	return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2] ? t[1] - '0' : 0;
}

/* Has the subtree of n at most limit nodes? (Bounded walk.) */
static bool subtree_small(const xmlNode *n, size_t limit)
{
	const xmlNode *c = n;
	for (size_t count = 0; c; count++) {
		if (count > limit)
			return false;
		if (c->children && c->type == XML_ELEMENT_NODE) {
			c = c->children;
			continue;
		}
		while (c != n && !c->next)
			c = c->parent;
		c = c == n ? NULL : c->next;
	}
	return true;
}

static bool heading_is_title(const struct writer *w, const xmlNode *n)
{
	/* a headline is a few nodes: a huge heading is read no further */
	if (!w->o->title || !*w->o->title || !subtree_small(n, HEADING_NODES))
		return false;
	size_t tn, fa, fb;
	char *t = html_md_text(n, &tn);
	char *a = text_fold(t, tn, &fa, NULL);
	char *b = text_fold(w->o->title, strlen(w->o->title), &fb, NULL);
	bool same = fa == fb && memcmp(a, b, fa) == 0;
	free(t);
	free(a);
	free(b);
	return same;
}

static void list_enter(struct writer *w, const xmlNode *n, bool ordered)
{
	int start = 1;
	char *v = ordered ? html_md_attr(n, "start") : NULL;
	if (v) {
		char *end;
		long l = strtol(v, &end, 10);
		start = end != v && l >= 0 && l < 1000000 ? (int)l : 1;
		free(v);
	}
	cx_push(w, (struct bctx){ CX_LIST, ordered, start, false, false, n });
}

static void item_enter(struct writer *w, const xmlNode *n)
{
	struct bctx *list = NULL;
	for (size_t i = w->ncx; i-- > 0; )
		if (w->cx[i].k == CX_LIST) {
			list = &w->cx[i];
			break;
		}
	bool ordered = list && list->ordered;
	cx_push(w, (struct bctx){ CX_ITEM, ordered, 0, false, false, n });
}

static bool w_enter(xmlNode *n, void *ctx)
{
	struct writer *w = ctx;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		const char *s = (const char *)n->content;
		if (s && w->pre)
			add_pre_text(w, s, strlen(s));
		else if (s)
			add_text(w, s, strlen(s));
		return false;
	}
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return true;
	if (n->type != XML_ELEMENT_NODE || html_md_never_text(n) ||
	    (w->o->skip && w->o->skip(n, w->o->ctx)))
		return false;
	if (w->pre) {
		if (html_md_is(n, "br") || (html_md_is_block(n) && w->raw.len))
			buf_addc(&w->raw, '\n');
		return true;
	}
	if (w->code)
		return true;
	if (html_md_is(n, "br")) {
		size_t pl = w->para.len;
		if (w->heading || pl == 0) {
			w->space = true;
		} else if (pl >= 2 && w->para.data[pl - 1] == '\n' && w->para.data[pl - 2] == '\\') {
			/* <br><br>: a new paragraph, as a reader sees it */
			w->para.len -= 2;
			w->para.data[w->para.len] = '\0';
			if (w->plain.len)
				w->plain.data[--w->plain.len] = '\0';
			flush(w);
		} else {
			marks_close_all(w);
			buf_adds(&w->para, "\\\n");
			buf_addc(&w->plain, '\n');
			w->space = false;
		}
		return false;
	}
	int level = heading_level(n);
	if (level && heading_is_title(w, n))
		return false;
	if (level && w->o->as_para && w->o->as_para(n, w->o->ctx))
		level = 0;
	if (html_md_is_block(n)) {
		if (html_md_is(n, "td") || html_md_is(n, "th")) {
			if (w->cells++ && w->para.len) {
				w->space = false;
				buf_adds(&w->para, " | ");
				buf_adds(&w->plain, " | ");
			}
			return true;
		}
		flush(w);
		if (html_md_is(n, "tr"))
			w->cells = 0;
		if (level)
			w->heading = level;
		else if (heading_level(n))
			w->heading = 0;	/* written as a paragraph */
		else if (html_md_is(n, "blockquote"))
			cx_push(w, (struct bctx){ CX_QUOTE, false, 0, false, false, n });
		else if (html_md_is(n, "ul") || html_md_is(n, "menu"))
			list_enter(w, n, false);
		else if (html_md_is(n, "ol"))
			list_enter(w, n, true);
		else if (html_md_is(n, "li"))
			item_enter(w, n);
		else if (html_md_is(n, "pre")) {
			w->pre = n;
			buf_reset(&w->raw);
		}
		return true;
	}
	if (html_md_is(n, "code") || html_md_is(n, "kbd") || html_md_is(n, "samp") ||
	    html_md_is(n, "tt")) {
		w->code = n;
		buf_reset(&w->raw);
	} else if (html_md_is(n, "em") || html_md_is(n, "i") || html_md_is(n, "cite") ||
		   html_md_is(n, "dfn")) {
		mark_push(w, MK_EM, NULL, n);
	} else if (html_md_is(n, "strong") || html_md_is(n, "b")) {
		mark_push(w, MK_STRONG, NULL, n);
	} else if (html_md_is(n, "a")) {
		char *href = html_md_attr(n, "href");
		char *url = html_md_resolve(w->o->base_url, href);
		free(href);
		if (url)
			mark_push(w, MK_LINK, url, n);
	}
	return true;
}

static void w_leave(xmlNode *n, void *ctx)
{
	struct writer *w = ctx;
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (w->pre) {
		if (w->pre == n)
			pre_end(w);
		else if (html_md_is_block(n))
			buf_addc(&w->raw, '\n');
		return;
	}
	if (w->code) {
		if (w->code == n)
			code_end(w);
		return;
	}
	if (html_md_is(n, "td") || html_md_is(n, "th"))
		return;
	if (html_md_is_block(n)) {
		flush(w);
		w->heading = 0;
		if (html_md_is(n, "blockquote") || html_md_is(n, "ul") ||
		    html_md_is(n, "ol") || html_md_is(n, "li") || html_md_is(n, "menu"))
			cx_pop(w, n);
		return;
	}
	mark_pop(w, n);
}

void html_md_write(struct buf *out, xmlNode *const *roots, size_t n,
		   const struct html_md_opts *o)
{
	struct writer w;
	memset(&w, 0, sizeof w);
	w.out = out;
	w.o = o;
	w.start = out->len;
	struct walker wk = { w_enter, w_leave, &w };
	for (size_t i = 0; i < n; i++) {
		if (!roots[i])
			continue;
		walk(roots[i], &wk);
		if (w.pre)
			pre_end(&w);
		if (w.code)
			code_end(&w);
		flush(&w);
		while (w.nmk)
			free(w.mk[--w.nmk].url);
		w.ncx = w.deep = 0;
		w.heading = 0;
	}
	buf_free(&w.para);
	buf_free(&w.plain);
	buf_free(&w.raw);
}
