/* render.c: markdown (a libcmark tree) plus entity mentions -> blocks of
 * unwrapped, sanitised text with inline spans -> lines wrapped to a width. */
#include <cmark.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "out.h"
#include "render.h"
#include "strmap.h"
#include "text.h"

/* Deeper nesting than this is never drawn (a layout keeps at most half the
 * width for prefixes), so a block stores at most this much of its prefix and
 * 10,000 nested quotes cost no more than ten. */
#define PREFIX_MAX_COLS 512
#define WIDTH_MIN 8
/* A rule is width glyphs long: an absurd width must not cost megabytes. */
#define WIDTH_MAX 4096
/* cmark counts bytes in an int and spans in uint32_t: longer input is cut. */
#define INPUT_MAX ((size_t)1 << 30)
/* CommonMark's own tab stop, used to expand tabs in code blocks. */
#define TAB_STOP 4
#define WORDS_PER_MINUTE 200

static const char BAR[] = "│ ";
static const char *const BULLETS[] = { "• ", "◦ ", "▪ " };
static const char *const UNDERLINES[] = { "", "═", "─" };
static const char RULE[] = "─";

struct block {
	uint8_t kind;		/* RB_* */
	uint8_t under;		/* index in UNDERLINES: headings drawn underlined */
	uint8_t url_mode;	/* the url line: 0 (not it), RENDER_URL_* */
	bool in_plain;		/* text lives in doc->plain, else in doc->extra */
	size_t off, len;	/* the text */
	size_t pre_off[2], pre_len[2];	/* first-line, continuation prefix */
	struct render_span *spans;	/* malloc'd, offsets within the text */
	uint32_t nspans;
	size_t plain_off;	/* where the block sits in plain text */
};

/* Where a laid-out line's text and spans sit in the layout arenas, kept as
 * offsets while the arenas grow and turned into pointers at the end. */
struct lpos {
	size_t text, span, plain;
};

struct render_doc {
	struct buf plain;	/* body block texts joined by "\n\n" */
	struct buf extra;	/* header and link-list texts, all prefixes */
	struct block *b;
	size_t nb, capb;
	size_t nplain;		/* blocks whose text is in plain */
	/* link targets (sanitised), numbered from 1 in order of first use:
	 * link number n is urls.str[n - 1], and a URL used again keeps its
	 * number */
	struct strmap urls;
	size_t words;
	bool as_text;		/* laid out as plain text, not as Markdown */
	/* the current layout */
	struct render_line *lines;
	size_t nlines, caplines;
	struct lpos *lpos;
	size_t caplpos;
	struct buf ltext;
	struct render_span *lspans;
	size_t nlspans, caplspans;
	struct buf scratch;
};

/* ---- blocks ---- */

static size_t doc_add_block(struct render_doc *d, int kind)
{
	d->b = xgrow(d->b, &d->capb, d->nb + 1, sizeof *d->b);
	struct block *b = &d->b[d->nb];
	memset(b, 0, sizeof *b);
	b->kind = (uint8_t)kind;
	b->off = d->extra.len;
	b->plain_off = d->plain.len;
	return d->nb++;
}

/* Sanitised copy of s with tabs and line ends as single spaces: inline text
 * and header fields flow, their line structure comes from break nodes. */
static char *sanitize_flow(const char *s, size_t n, size_t *outlen)
{
	char *tmp = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++)
		tmp[i] = (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
	char *clean = text_sanitize(tmp, n, false, outlen);
	free(tmp);
	return clean;
}

/* A block of extra text (header, link list) with no prefix and no span. */
static size_t doc_add_extra(struct render_doc *d, int kind, const char *s, size_t n)
{
	size_t i = doc_add_block(d, kind);
	struct block *b = &d->b[i];
	size_t len;
	char *clean = sanitize_flow(s, n, &len);
	buf_add(&d->extra, clean, len);
	free(clean);
	b->len = len;
	b->pre_off[0] = b->pre_off[1] = d->extra.len;
	return i;
}

/* ---- parsing: the cmark tree walked with cmark_iter, nesting on a stack
 * of our own so that no depth can overflow the C stack ---- */

enum { LV_QUOTE, LV_LIST, LV_ITEM };

struct level {
	uint8_t kind;		/* LV_* */
	bool tight;		/* LV_LIST: a tight list; LV_ITEM: its list is */
	bool ordered;
	char delim;
	int numw;		/* LV_LIST: digits of its largest number */
	long long next;		/* LV_LIST: number of its next item */
	char mark[32];		/* LV_ITEM: bullet or number and a space */
	uint8_t marklen, markcols;
};

struct parse {
	struct render_doc *d;
	struct level *lv;
	size_t depth, cap;
	size_t low;		/* levels below it also held the previous block */
	size_t quotes, lists;
	bool started;		/* a body block was emitted */
	int emph, strong, link, image;
	size_t linknum;		/* number of the open link, 0 for none */
	size_t cur;		/* the open block */
	struct render_span *spans;	/* the open block's spans */
	size_t nspans, capspans;
};

static struct level *parse_push(struct parse *p, uint8_t kind)
{
	p->lv = xgrow(p->lv, &p->cap, p->depth + 1, sizeof *p->lv);
	struct level *l = &p->lv[p->depth++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	return l;
}

static void parse_pop(struct parse *p)
{
	uint8_t kind = p->lv[--p->depth].kind;
	if (kind == LV_QUOTE)
		p->quotes--;
	else if (kind == LV_LIST)
		p->lists--;
	if (p->low > p->depth)
		p->low = p->depth;
}

static size_t level_cols(const struct level *l)
{
	return l->kind == LV_QUOTE ? 2 : l->kind == LV_ITEM ? l->markcols : 0;
}

static void add_spaces(struct buf *b, size_t n)
{
	while (n--)
		buf_addc(b, ' ');
}

/* Stores the prefix of levels [.., top) for block bi: quote bars, and list
 * bullets on the first line of an item's first block (items at or above
 * p->low were opened after the previous block). Only the innermost
 * PREFIX_MAX_COLS columns are kept. */
static void parse_prefix(struct parse *p, size_t bi, size_t top, bool bullets,
			 const char *tail)
{
	size_t from = top, cols = 0;
	while (from > 0 && cols < PREFIX_MAX_COLS)
		cols += level_cols(&p->lv[--from]);
	struct buf *x = &p->d->extra;
	for (int k = 0; k < 2; k++) {
		size_t start = x->len;
		for (size_t i = from; i < top; i++) {
			const struct level *l = &p->lv[i];
			if (l->kind == LV_QUOTE)
				buf_add(x, BAR, sizeof BAR - 1);
			else if (l->kind == LV_ITEM && k == 0 && bullets && i >= p->low)
				buf_add(x, l->mark, l->marklen);
			else if (l->kind == LV_ITEM)
				add_spaces(x, l->markcols);
		}
		buf_adds(x, tail);
		p->d->b[bi].pre_off[k] = start;
		p->d->b[bi].pre_len[k] = x->len - start;
	}
}

/* Between two blocks of one tight list (same item or sibling items) no
 * blank line: levels below p->low are those the two blocks share. */
static bool parse_tight(const struct parse *p)
{
	if (p->low == 0)
		return false;
	const struct level *l = &p->lv[p->low - 1];
	return l->kind != LV_QUOTE && l->tight;
}

/* The blank line between two blocks carries the bars of the quotes that
 * hold both, so a quote reads as one piece. */
static void parse_blank(struct parse *p)
{
	size_t bi = doc_add_block(p->d, RB_BLANK);
	parse_prefix(p, bi, p->low, false, "");
	struct block *b = &p->d->b[bi];
	const char *x = p->d->extra.data;
	for (int k = 0; k < 2; k++)
		while (b->pre_len[k] > 0 && x[b->pre_off[k] + b->pre_len[k] - 1] == ' ')
			b->pre_len[k]--;
}

static void parse_begin(struct parse *p, int kind)
{
	struct render_doc *d = p->d;
	if (p->started && !parse_tight(p))
		parse_blank(p);
	p->started = true;
	size_t bi = doc_add_block(d, kind);
	parse_prefix(p, bi, p->depth, true, kind == RB_CODE ? "    " : "");
	p->low = p->depth;
	p->cur = bi;
	p->nspans = 0;
	if (kind == RB_RULE)
		return;
	if (d->nplain++)
		buf_add(&d->plain, "\n\n", 2);
	d->b[bi].in_plain = true;
	d->b[bi].off = d->b[bi].plain_off = d->plain.len;
}

static void parse_end(struct parse *p)
{
	struct block *b = &p->d->b[p->cur];
	if (b->in_plain)
		b->len = p->d->plain.len - b->off;
	if (p->nspans) {
		b->spans = xmalloc(p->nspans * sizeof *b->spans);
		memcpy(b->spans, p->spans, p->nspans * sizeof *b->spans);
		b->nspans = (uint32_t)p->nspans;
	}
}

static uint16_t parse_flags(const struct parse *p)
{
	return (uint16_t)((p->emph ? RF_EMPH : 0) | (p->strong ? RF_STRONG : 0) |
			  (p->link ? RF_LINK : 0) | (p->image ? RF_IMAGE : 0));
}

/* Appends already sanitised text to the open block, with a span when
 * styled; a span touching the previous one with the same style extends it. */
static void parse_put(struct parse *p, const char *s, size_t n, uint16_t flags)
{
	struct buf *t = &p->d->plain;
	size_t off = t->len - p->d->b[p->cur].off;
	buf_add(t, s, n);
	if (!flags || !n)
		return;
	struct render_span *last = p->nspans ? &p->spans[p->nspans - 1] : NULL;
	if (last && last->flags == flags && last->off + last->len == off) {
		last->len += (uint32_t)n;
		return;
	}
	p->spans = xgrow(p->spans, &p->capspans, p->nspans + 1, sizeof *p->spans);
	p->spans[p->nspans++] = (struct render_span){ (uint32_t)off, (uint32_t)n,
						      flags, RE_NONE, -1 };
}

static void parse_text(struct parse *p, const char *s, size_t n, uint16_t flags)
{
	if (!s || !n)
		return;
	size_t len;
	char *clean = sanitize_flow(s, n, &len);
	parse_put(p, clean, len, flags);
	free(clean);
}

/* Code keeps its lines; tabs go to the next multiple of TAB_STOP columns,
 * measured on the sanitised text that will be shown. */
static void parse_code(struct parse *p, const char *s)
{
	s = s ? s : "";
	size_t n = strlen(s), col = 0;
	if (n && s[n - 1] == '\n')
		n--;
	for (size_t i = 0; i <= n;) {
		size_t j = i;
		while (j < n && s[j] != '\t' && s[j] != '\n')
			j++;
		size_t len;
		char *clean = text_sanitize(s + i, j - i, false, &len);
		parse_put(p, clean, len, 0);
		col += text_width(clean, len);
		free(clean);
		if (j < n && s[j] == '\t') {
			size_t k = TAB_STOP - col % TAB_STOP;
			parse_put(p, "        ", k, 0);
			col += k;
		} else if (j < n) {
			parse_put(p, "\n", 1, 0);
			col = 0;
		}
		i = j + 1;
	}
}

static void parse_list(struct parse *p, cmark_node *node)
{
	struct level *l = parse_push(p, LV_LIST);
	p->lists++;
	l->tight = cmark_node_get_list_tight(node) != 0;
	l->ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST;
	l->delim = cmark_node_get_list_delim(node) == CMARK_PAREN_DELIM ? ')' : '.';
	l->next = cmark_node_get_list_start(node);
	long long last = l->next;
	for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		last++;
	char num[32];
	l->numw = snprintf(num, sizeof num, "%lld", last > l->next ? last - 1 : last);
}

/* An item's mark: a bullet by list depth, or its number right-aligned to
 * the list's widest so that the texts of a list line up. */
static void parse_item(struct parse *p)
{
	struct level *list = p->depth ? &p->lv[p->depth - 1] : NULL;
	bool ordered = list && list->kind == LV_LIST && list->ordered;
	bool tight = list && list->kind == LV_LIST && list->tight;
	long long num = ordered ? list->next++ : 0;
	int numw = ordered ? list->numw : 0;
	char delim = ordered ? list->delim : '.';
	struct level *l = parse_push(p, LV_ITEM);
	l->tight = tight;
	int n;
	if (ordered)
		n = snprintf(l->mark, sizeof l->mark, "%*lld%c ", numw, num, delim);
	else
		n = snprintf(l->mark, sizeof l->mark, "%s",
			     BULLETS[(p->lists ? p->lists - 1 : 0) % 3]);
	l->marklen = (uint8_t)(n > 0 && (size_t)n < sizeof l->mark ? n : 0);
	l->markcols = (uint8_t)text_width(l->mark, l->marklen);
}

static int parse_para_kind(const struct parse *p)
{
	return p->quotes ? RB_QUOTE : RB_TEXT;
}

static void parse_leaf_block(struct parse *p, cmark_node *node, int kind)
{
	parse_begin(p, kind);
	if (kind == RB_CODE)
		parse_code(p, cmark_node_get_literal(node));
	parse_end(p);
}

static void parse_link_exit(struct parse *p)
{
	p->link--;
	if (!p->linknum)
		return;
	char num[32];
	int n = snprintf(num, sizeof num, "[%zu]", p->linknum);
	parse_put(p, num, (size_t)n, RF_LINKNUM);
	p->linknum = 0;
}

static void parse_link_enter(struct parse *p, cmark_node *node)
{
	p->link++;
	const char *url = cmark_node_get_url(node);
	p->linknum = 0;
	if (!url || !*url)
		return;
	size_t len;
	char *clean = sanitize_flow(url, strlen(url), &len);
	p->linknum = strmap_intern(&p->d->urls, clean, len) + 1;
	free(clean);
}

static void parse_image(struct parse *p, cmark_node *node, bool enter)
{
	if (enter) {
		p->image++;
		const char *open = cmark_node_first_child(node) ? "[image: " : "[image";
		parse_put(p, open, strlen(open), parse_flags(p));
	} else {
		parse_put(p, "]", 1, parse_flags(p));
		p->image--;
	}
}

static void parse_inline(struct parse *p, cmark_node *node, bool enter)
{
	int delta = enter ? 1 : -1;
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_INLINE:
		parse_text(p, cmark_node_get_literal(node),
			   strlen(cmark_node_get_literal(node)), parse_flags(p));
		break;
	case CMARK_NODE_CODE:
		parse_text(p, cmark_node_get_literal(node),
			   strlen(cmark_node_get_literal(node)),
			   (uint16_t)(parse_flags(p) | RF_CODE));
		break;
	case CMARK_NODE_SOFTBREAK:
		parse_put(p, " ", 1, parse_flags(p));
		break;
	case CMARK_NODE_LINEBREAK:
		parse_put(p, "\n", 1, parse_flags(p));
		break;
	case CMARK_NODE_EMPH:
		p->emph += delta;
		break;
	case CMARK_NODE_STRONG:
		p->strong += delta;
		break;
	case CMARK_NODE_LINK:
		if (enter)
			parse_link_enter(p, node);
		else
			parse_link_exit(p);
		break;
	case CMARK_NODE_IMAGE:
		parse_image(p, node, enter);
		break;
	default:
		break;
	}
}

static void parse_container(struct parse *p, cmark_node *node, bool enter)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_BLOCK_QUOTE:
		if (enter) {
			parse_push(p, LV_QUOTE);
			p->quotes++;
		} else {
			parse_pop(p);
		}
		break;
	case CMARK_NODE_LIST:
		if (enter)
			parse_list(p, node);
		else
			parse_pop(p);
		break;
	case CMARK_NODE_ITEM:
		if (enter) {
			parse_item(p);
			break;
		}
		if (p->low < p->depth) {	/* an empty item still shows its mark */
			parse_begin(p, parse_para_kind(p));
			parse_end(p);
		}
		parse_pop(p);
		break;
	default:
		break;
	}
}

static void parse_node(struct parse *p, cmark_node *node, bool enter)
{
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		if (!enter) {
			parse_end(p);
		} else if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) {
			parse_begin(p, parse_para_kind(p));
		} else {
			int level = cmark_node_get_heading_level(node);
			level = level < 1 ? 1 : level > 6 ? 6 : level;
			parse_begin(p, RB_H1 + level - 1);
			p->d->b[p->cur].under = (uint8_t)(level <= 2 ? level : 0);
		}
		break;
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_HTML_BLOCK:	/* shown as its source, never interpreted */
		parse_leaf_block(p, node, RB_CODE);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		parse_leaf_block(p, node, RB_RULE);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_LIST:
	case CMARK_NODE_ITEM:
		parse_container(p, node, enter);
		break;
	default:
		parse_inline(p, node, enter);
		break;
	}
}

static void parse_body(struct render_doc *d, const char *md, size_t len)
{
	/* The default options are the safe ones: raw HTML stays literal text. */
	cmark_node *root = cmark_parse_document(md, len, CMARK_OPT_DEFAULT |
						CMARK_OPT_VALIDATE_UTF8);
	if (!root)
		return;
	struct parse p;
	memset(&p, 0, sizeof p);
	p.d = d;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		parse_node(&p, cmark_iter_get_node(it), ev == CMARK_EVENT_ENTER);
	cmark_iter_free(it);
	cmark_node_free(root);
	free(p.lv);
	free(p.spans);
}

/* ---- bodies too complex for libcmark ---- */

/* libcmark 0.30 (Debian's) deactivates the link openers before a link
 * that closes by walking its whole bracket stack, image openers included,
 * which it steps over: "![" left open and links after them cost the
 * product of their numbers (`![[]()` repeated: a minute for 400 KB). The
 * estimate follows that stack, one paragraph at a time (a blank line
 * ends one): "[" and "![" push, "]" pops, and a "]" that pops a link
 * opener costs the image openers under it. Upper bound: every such "]"
 * counts as a link, code spans are not skipped. */
size_t render_markdown_cost(const char *md, size_t len)
{
	struct buf stack = BUF_INIT;	/* 1 for an image opener, 0 for a link */
	size_t images = 0, cost = 0;
	bool blank = true;	/* the line so far is blank */
	for (size_t i = 0; i < len && cost <= RENDER_COST_MAX; i++) {
		char c = md[i];
		if (c == '\n') {
			if (blank) {	/* a blank line: a new paragraph */
				buf_reset(&stack);
				images = 0;
			}
			blank = true;
			continue;
		}
		if (c != ' ' && c != '\t' && c != '\r')
			blank = false;
		if (c == '\\' && i + 1 < len && md[i + 1] != '\n') {
			i++;	/* an escaped bracket opens nothing */
		} else if (c == '[' || (c == '!' && i + 1 < len && md[i + 1] == '[')) {
			buf_addc(&stack, c == '!');
			images += c == '!';
			i += c == '!';
		} else if (c == ']' && stack.len) {
			bool image = stack.data[--stack.len];
			images -= image;
			if (!image)
				cost += images;
		}
	}
	buf_free(&stack);
	return cost;
}

/* The end of the line starting at i (its '\n', or len), and whether the
 * line is blank. */
static size_t line_end(const char *s, size_t i, size_t len, bool *blank)
{
	*blank = true;
	for (; i < len && s[i] != '\n'; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			*blank = false;
	return i;
}

/* A body laid out as it is written: paragraphs between blank lines, each
 * one flowing as one block of plain text, its lines trimmed and joined by
 * a space. */
static void parse_text_body(struct render_doc *d, const char *md, size_t len)
{
	struct parse p;
	memset(&p, 0, sizeof p);
	p.d = d;
	struct buf para = BUF_INIT;
	for (size_t i = 0; i <= len; i++) {
		bool blank;
		size_t e = line_end(md, i, len, &blank);
		if (!blank) {
			size_t a = i, z = e;
			while (md[a] == ' ' || md[a] == '\t')
				a++;
			while (md[z - 1] == ' ' || md[z - 1] == '\t' || md[z - 1] == '\r')
				z--;
			if (para.len)
				buf_addc(&para, ' ');
			buf_add(&para, md + a, z - a);
		}
		if ((blank || e == len) && para.len) {	/* the paragraph ends */
			parse_begin(&p, RB_TEXT);
			parse_text(&p, para.data, para.len, 0);
			parse_end(&p);
			buf_reset(&para);
		}
		i = e;
	}
	buf_free(&para);
	free(p.lv);
	free(p.spans);
}

/* ---- header, link list, words ---- */

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
		words += !space && !in;
		in = !space;
	}
	return words;
}

static void doc_add_links(struct render_doc *d)
{
	if (!d->urls.n)
		return;
	doc_add_block(d, RB_BLANK);
	doc_add_extra(d, RB_LINKS, "Links", 5);
	struct buf line = BUF_INIT;
	for (size_t i = 0; i < d->urls.n; i++) {
		buf_reset(&line);
		buf_addf(&line, "[%zu] ", i + 1);
		size_t numlen = line.len;
		buf_adds(&line, d->urls.str[i]);
		size_t bi = doc_add_extra(d, RB_LINKS, line.data, line.len);
		struct block *b = &d->b[bi];
		/* "[N]" styled as in the text, the URL as a link, and wrapped
		 * lines of the URL hanging under its start. */
		b->spans = xmalloc(2 * sizeof *b->spans);
		b->spans[0] = (struct render_span){ 0, (uint32_t)(numlen - 1),
						    RF_LINKNUM, RE_NONE, -1 };
		b->spans[1] = (struct render_span){ (uint32_t)numlen,
			(uint32_t)(b->len - numlen), RF_LINK, RE_NONE, -1 };
		b->nspans = b->len > numlen ? 2 : 1;
		b->pre_off[1] = d->extra.len;
		add_spaces(&d->extra, numlen);
		b->pre_len[1] = numlen;
	}
	buf_free(&line);
}

/* A body that opens with its title as a heading (Wikinews, most pages
 * converted to Markdown) would show it twice: that heading goes, with the
 * blank after it. Its text stays in the plain text, so offsets into it
 * (entities, reading positions, search matches) keep their meaning. */
static void doc_drop_title_heading(struct render_doc *d, const char *title)
{
	const struct block *h = d->nb ? &d->b[0] : NULL;
	if (!h || h->kind < RB_H1 || h->kind > RB_H6 || !h->in_plain || !d->plain.data)
		return;	/* (an empty heading has no plain text at all) */
	size_t tl, hl;
	char *t = text_fold(title, strlen(title), &tl, NULL);
	char *f = text_fold(d->plain.data + h->off, h->len, &hl, NULL);
	bool same = tl == hl && memcmp(t, f, tl) == 0;
	free(t);
	free(f);
	if (!same)
		return;
	size_t drop = d->nb > 1 && d->b[1].kind == RB_BLANK ? 2 : 1;
	for (size_t i = 0; i < drop; i++)
		free(d->b[i].spans);
	memmove(d->b, d->b + drop, (d->nb - drop) * sizeof *d->b);
	d->nb -= drop;
}

/* Title, "date · source · N min read", a rule and a blank line, moved in
 * front of the body blocks already parsed. */
static void doc_add_header(struct render_doc *d, const char *title,
			   const char *date, const char *source)
{
	doc_drop_title_heading(d, title);
	size_t body = d->nb;
	doc_add_extra(d, RB_TITLE, title, strlen(title));
	struct buf meta = BUF_INIT;
	buf_adds(&meta, date && *date ? date : "undated");
	if (source && *source)
		buf_addf(&meta, " · %s", source);
	size_t minutes = (d->words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE;
	buf_addf(&meta, " · %zu min read", minutes ? minutes : 1);
	doc_add_extra(d, RB_META, meta.data, meta.len);
	buf_free(&meta);
	doc_add_block(d, RB_RULE);
	if (body)
		doc_add_block(d, RB_BLANK);
	size_t nh = d->nb - body;
	for (size_t i = body; i < d->nb; i++)
		d->b[i].plain_off = 0;
	struct block head[4];
	memcpy(head, d->b + body, nh * sizeof *head);
	memmove(d->b + nh, d->b, body * sizeof *d->b);
	memcpy(d->b, head, nh * sizeof *head);
}

static struct render_doc *render_body(const char *markdown, size_t len,
				      const char *title, const char *date,
				      const char *source, bool as_text)
{
	struct render_doc *d = xcalloc(1, sizeof *d);
	if (!markdown)
		len = 0;
	markdown = markdown ? markdown : "";
	len = len < INPUT_MAX ? len : INPUT_MAX;
	d->as_text = as_text || render_markdown_cost(markdown, len) > RENDER_COST_MAX;
	if (d->as_text)
		parse_text_body(d, markdown, len);
	else
		parse_body(d, markdown, len);
	d->words = count_words(d->plain.data ? d->plain.data : "", d->plain.len);
	doc_add_links(d);
	if (title)
		doc_add_header(d, title, date, source);
	return d;
}

struct render_doc *render_blocks(const char *markdown, size_t len,
				 const char *title, const char *date,
				 const char *source)
{
	return render_body(markdown, len, title, date, source, false);
}

struct render_doc *render_text_blocks(const char *text, size_t len,
				      const char *title, const char *date,
				      const char *source)
{
	return render_body(text, len, title, date, source, true);
}

bool render_as_text(const struct render_doc *doc)
{
	return doc->as_text;
}

void render_add_url(struct render_doc *d, const char *url, enum render_url_mode mode)
{
	size_t at = 0;
	while (at < d->nb && d->b[at].kind != RB_META)
		at++;
	if (!url || !*url || at == d->nb)
		return;
	struct buf line = BUF_INIT;
	buf_adds(&line, "url: ");
	buf_adds(&line, url);
	size_t bi = doc_add_extra(d, RB_META, line.data, line.len);
	buf_free(&line);
	struct block *b = &d->b[bi];
	b->url_mode = (uint8_t)mode;
	b->plain_off = 0;
	b->spans = xmalloc(sizeof *b->spans);
	b->spans[0] = (struct render_span){ 5, (uint32_t)(b->len - 5), RF_LINK, RE_NONE, -1 };
	b->nspans = b->len > 5;
	struct block url_block = *b;	/* under the meta line */
	memmove(d->b + at + 2, d->b + at + 1, (bi - at - 1) * sizeof *d->b);
	d->b[at + 1] = url_block;
}

void render_free(struct render_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nb; i++)
		free(doc->b[i].spans);
	free(doc->b);
	buf_free(&doc->plain);
	buf_free(&doc->extra);
	strmap_free(&doc->urls);
	free(doc->lines);
	free(doc->lpos);
	buf_free(&doc->ltext);
	free(doc->lspans);
	buf_free(&doc->scratch);
	free(doc);
}

const char *render_plain_text(const struct render_doc *doc, size_t *len)
{
	if (len)
		*len = doc->plain.len;
	return buf_str(&doc->plain);
}

size_t render_word_count(const struct render_doc *doc)
{
	return doc->words;
}

size_t render_link_count(const struct render_doc *doc)
{
	return doc->urls.n;
}

const char *render_link_url(const struct render_doc *doc, size_t n)
{
	return n >= 1 && n <= doc->urls.n ? doc->urls.str[n - 1] : NULL;
}

/* ---- mentions: overlaid on a block's style spans, so that a piece of
 * text covered by both carries the union ---- */

struct range {
	size_t off, end;
	uint8_t ent;
	int32_t entity;
};

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_range(const void *a, const void *b)
{
	const struct range *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

static void span_push(struct render_span **s, size_t *n, size_t *cap,
		      const struct render_span *add)
{
	struct render_span *last = *n ? &(*s)[*n - 1] : NULL;
	if (last && last->off + last->len == add->off && last->flags == add->flags &&
	    last->ent == add->ent && last->entity == add->entity) {
		last->len += add->len;
		return;
	}
	*s = xgrow(*s, cap, *n + 1, sizeof **s);
	(*s)[(*n)++] = *add;
}

/* Cuts the block's span list at every boundary of spans and ranges (sorted,
 * non-overlapping, relative to the block) and gives each piece the style of
 * the span and the entity of the range covering it. */
static void block_overlay(struct block *b, const struct range *r, size_t nr)
{
	size_t nbound = 0;
	size_t *bound = xmalloc((2 * (b->nspans + nr) + 1) * sizeof *bound);
	for (size_t i = 0; i < b->nspans; i++) {
		bound[nbound++] = b->spans[i].off;
		bound[nbound++] = b->spans[i].off + b->spans[i].len;
	}
	for (size_t i = 0; i < nr; i++) {
		bound[nbound++] = r[i].off;
		bound[nbound++] = r[i].end;
	}
	qsort(bound, nbound, sizeof *bound, cmp_size);
	struct render_span *out = NULL;
	size_t nout = 0, cap = 0, si = 0, ri = 0;
	for (size_t k = 0; k + 1 < nbound; k++) {
		size_t a = bound[k], e = bound[k + 1];
		if (a == e)
			continue;
		while (si < b->nspans && b->spans[si].off + b->spans[si].len <= a)
			si++;
		while (ri < nr && r[ri].end <= a)
			ri++;
		struct render_span piece = { (uint32_t)a, (uint32_t)(e - a), 0, RE_NONE, -1 };
		if (si < b->nspans && b->spans[si].off <= a)
			piece = (struct render_span){ (uint32_t)a, (uint32_t)(e - a),
				b->spans[si].flags, b->spans[si].ent, b->spans[si].entity };
		if (ri < nr && r[ri].off <= a) {
			piece.ent = r[ri].ent;
			piece.entity = r[ri].entity;
		}
		if (piece.flags || piece.ent)
			span_push(&out, &nout, &cap, &piece);
	}
	free(bound);
	free(b->spans);
	b->spans = out;
	b->nspans = (uint32_t)nout;
}

/* Index of the body block holding plain offset off (the one before, when
 * off falls in a separator), searching forward from *bi. */
static bool doc_block_of_plain(const struct render_doc *d, size_t off, size_t *bi)
{
	size_t found = d->nb;
	for (size_t i = *bi; i < d->nb; i++) {
		if (!d->b[i].in_plain)
			continue;
		if (d->b[i].plain_off > off)
			break;
		found = i;
	}
	if (found == d->nb)
		return false;
	*bi = found;
	return true;
}

void render_add_mentions(struct render_doc *doc, const struct render_mention *m,
			 size_t n)
{
	struct range *r = xmalloc((n ? n : 1) * sizeof *r);
	for (size_t i = 0; i < n; i++) {
		size_t len = m[i].len < SIZE_MAX - m[i].off ? m[i].len : SIZE_MAX - m[i].off;
		r[i] = (struct range){ m[i].off, m[i].off + len, m[i].ent, m[i].entity };
	}
	qsort(r, n, sizeof *r, cmp_range);
	size_t bi = 0;
	for (size_t i = 0; i < n;) {
		struct block *b = doc_block_of_plain(doc, r[i].off, &bi) ? &doc->b[bi] : NULL;
		if (!b || r[i].off >= b->plain_off + b->len) {
			i++;	/* in a separator, or before the body */
			continue;
		}
		/* This block's ranges, made relative and clipped to the block and
		 * to each other (an overlap goes to the earlier range), are
		 * compacted in place at r + first. */
		size_t first = i, nr = 0, prev_end = 0;
		for (; i < n && r[i].off < b->plain_off + b->len; i++) {
			size_t a = r[i].off - b->plain_off, e = r[i].end - b->plain_off;
			e = e < b->len ? e : b->len;
			a = a > prev_end ? a : prev_end;
			if (a < e) {
				r[first + nr++] = (struct range){ a, e, r[i].ent, r[i].entity };
				prev_end = e;
			}
		}
		if (nr)
			block_overlay(b, r + first, nr);
	}
	free(r);
}

/* ---- layout ---- */

struct lay {
	struct render_doc *d;
	size_t width;
	size_t bi;
	const char *pre[2];	/* first-line and continuation prefix, cut */
	size_t prelen[2], precols[2];
	size_t sj;		/* first block span that may reach the next line */
};

/* Cuts the outer columns of prefix k so that it fits in maxcols: deep
 * nesting loses its outer bars first, and the text always keeps half the
 * width. The first-line prefix is cut at a space so that no mark is shown
 * in part; the continuation loses as many columns to stay aligned with it.
 * Returns the columns cut. */
static size_t lay_prefix(struct lay *L, int k, size_t maxcols, bool whole)
{
	const struct block *b = &L->d->b[L->bi];
	const char *s = L->d->extra.data ? L->d->extra.data + b->pre_off[k] : "";
	size_t n = b->pre_len[k], cols = text_width(s, n), cut = 0;
	bool mid = false;	/* the cut fell inside a bar or a mark */
	while (n > 0 && (cols > maxcols || (whole && mid))) {
		size_t g = text_grapheme_len(s, n);
		size_t w = (size_t)text_grapheme_width(s, g);
		mid = *s != ' ';
		cols -= w;
		cut += w;
		s += g;
		n -= g;
	}
	L->pre[k] = s;
	L->prelen[k] = n;
	L->precols[k] = cols;
	return cut;
}

static void lay_span(struct render_doc *d, size_t off, size_t len, uint16_t flags,
		     uint8_t ent, int32_t entity)
{
	d->lspans = xgrow(d->lspans, &d->caplspans, d->nlspans + 1, sizeof *d->lspans);
	d->lspans[d->nlspans++] = (struct render_span){ (uint32_t)off, (uint32_t)len,
							flags, ent, entity };
}

/* Bars, bullets and numbers of a prefix are its non-space runs. */
static void lay_marker_spans(struct render_doc *d, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		lay_span(d, i, j - i, RF_MARKER, RE_NONE, -1);
		i = j;
	}
}

/* The block's spans clipped to its bytes [start, start + n), shifted to
 * where that text begins in the line. Lines come in order, so a cursor
 * makes the whole block linear. */
static void lay_clip_spans(struct lay *L, size_t start, size_t n, size_t shift)
{
	const struct block *b = &L->d->b[L->bi];
	size_t end = start + n;
	while (L->sj < b->nspans && b->spans[L->sj].off + b->spans[L->sj].len <= start)
		L->sj++;
	for (size_t k = L->sj; k < b->nspans && b->spans[k].off < end; k++) {
		const struct render_span *s = &b->spans[k];
		size_t a = s->off > start ? s->off : start;
		size_t e = s->off + s->len < end ? s->off + s->len : end;
		if (a < e)
			lay_span(L->d, a - start + shift, e - a, s->flags, s->ent, s->entity);
	}
}

/* One line: prefix k (0 first, 1 continuation) then n bytes of s, which
 * are the block's bytes from block_off when clip is set. */
static void lay_line(struct lay *L, int k, const char *s, size_t n,
		     size_t block_off, bool clip)
{
	struct render_doc *d = L->d;
	const struct block *b = &d->b[L->bi];
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	d->lines = xgrow(d->lines, &d->caplines, d->nlines + 1, sizeof *d->lines);
	d->lpos = xgrow(d->lpos, &d->caplpos, d->nlines + 1, sizeof *d->lpos);
	size_t prelen = L->prelen[k], precols = L->precols[k];
	if (n == 0) {	/* no trailing blanks: an empty item is just its mark */
		while (prelen > 0 && L->pre[k][prelen - 1] == ' ') {
			prelen--;
			precols--;
		}
	}
	struct lpos *p = &d->lpos[d->nlines];
	p->text = d->ltext.len;
	p->span = d->nlspans;
	p->plain = b->plain_off + (b->in_plain ? block_off : 0);
	buf_add(&d->ltext, L->pre[k], prelen);
	buf_add(&d->ltext, s, n);
	buf_addc(&d->ltext, '\0');
	lay_marker_spans(d, L->pre[k], prelen);
	if (clip)
		lay_clip_spans(L, block_off, n, prelen);
	struct render_line *l = &d->lines[d->nlines++];
	memset(l, 0, sizeof *l);
	l->len = (uint32_t)(prelen + n);
	l->block = b->kind;
	l->indent = (uint16_t)precols;
	l->nspans = (uint32_t)(d->nlspans - p->span);
	l->block_index = (uint32_t)L->bi;
	l->block_off = (uint32_t)block_off;
}

static const char *lay_repeat(struct lay *L, const char *glyph, size_t count,
			      size_t *len)
{
	struct buf *s = &L->d->scratch;
	buf_reset(s);
	for (size_t i = 0; i < count; i++)
		buf_adds(s, glyph);
	*len = s->len;
	return buf_str(s);
}

static void lay_text(struct lay *L, const char *text, size_t len)
{
	const struct block *b = &L->d->b[L->bi];
	size_t *st, *ln, maxw = 0;
	size_t n = text_wrap(text, len, L->width - L->precols[0],
			     L->width - L->precols[1], &st, &ln);
	for (size_t i = 0; i < n; i++) {
		lay_line(L, i > 0, text + st[i], ln[i], st[i], true);
		if (b->under) {
			size_t w = text_width(text + st[i], ln[i]);
			maxw = w > maxw ? w : maxw;
		}
	}
	free(st);
	free(ln);
	if (maxw) {
		const char *rule = lay_repeat(L, UNDERLINES[b->under], maxw, &len);
		lay_line(L, 1, rule, len, b->len, false);
	}
}

/* Code keeps its lines and spaces: each line is cut at the width on a
 * cluster boundary and goes on under the same indent. */
static void lay_code(struct lay *L, const char *text, size_t len)
{
	int k = 0;
	for (size_t i = 0; i <= len;) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		size_t p = i;
		do {
			size_t cols = L->width - L->precols[k];
			size_t fit = text_fit(text + p, e - p, cols, NULL);
			if (fit == 0 && p < e)
				fit = text_grapheme_len(text + p, e - p);
			lay_line(L, k, text + p, fit, p, true);
			k = 1;
			p += fit;
		} while (p < e);
		i = e + 1;
	}
}

/* The url line: as it is when it fits or in full mode, else the start
 * (the site) and the end (the page's own name) around an ellipsis, so the
 * line is exactly the width. */
static void lay_url(struct lay *L, const char *text, size_t n)
{
	const struct block *b = &L->d->b[L->bi];
	if (b->url_mode == RENDER_URL_FULL || text_width(text, n) <= L->width) {
		lay_line(L, 0, text, n, 0, true);
		return;
	}
	size_t room = L->width - 1, head_cols;
	size_t head = text_fit(text, n, room / 2, &head_cols), tail = head;
	for (size_t cols = text_width(text + tail, n - tail); cols > room - head_cols;) {
		size_t g = text_grapheme_len(text + tail, n - tail);
		size_t w = (size_t)text_grapheme_width(text + tail, g);
		cols -= w;
		tail += g;
	}
	struct buf *s = &L->d->scratch;
	buf_reset(s);
	buf_add(s, text, head);
	buf_adds(s, "…");
	buf_add(s, text + tail, n - tail);
	lay_line(L, 0, s->data, s->len, 0, false);
	size_t from = s->len < 5 ? s->len : 5;	/* after "url: " */
	lay_span(L->d, from, s->len - from, RF_LINK, RE_NONE, -1);
	L->d->lines[L->d->nlines - 1].nspans++;
}

static void lay_block(struct lay *L)
{
	const struct block *b = &L->d->b[L->bi];
	const struct buf *src = b->in_plain ? &L->d->plain : &L->d->extra;
	const char *text = src->data ? src->data + b->off : "";
	size_t len;
	size_t cut = lay_prefix(L, 0, L->width / 2, true);
	size_t cols = text_width(L->d->extra.data ? L->d->extra.data + b->pre_off[1] : "",
				 b->pre_len[1]);
	cols = cols > cut ? cols - cut : 0;
	lay_prefix(L, 1, cols < L->width / 2 ? cols : L->width / 2, false);
	L->sj = 0;
	switch (b->kind) {
	case RB_BLANK:
		lay_line(L, 0, "", 0, 0, false);
		break;
	case RB_RULE:
		text = lay_repeat(L, RULE, L->width - L->precols[0], &len);
		lay_line(L, 0, text, len, 0, false);
		break;
	case RB_CODE:
		lay_code(L, text, b->len);
		break;
	case RB_META:
		if (b->url_mode) {
			lay_url(L, text, b->len);
			break;
		}
		/* fall through */
	default:
		lay_text(L, text, b->len);
		break;
	}
}

size_t render_layout(struct render_doc *doc, size_t width)
{
	width = width < WIDTH_MIN ? WIDTH_MIN : width > WIDTH_MAX ? WIDTH_MAX : width;
	doc->nlines = 0;
	doc->nlspans = 0;
	buf_reset(&doc->ltext);
	struct lay L = { .d = doc, .width = width };
	for (L.bi = 0; L.bi < doc->nb; L.bi++)
		lay_block(&L);
	/* The arenas have stopped moving: offsets become pointers. */
	for (size_t i = 0; i < doc->nlines; i++) {
		struct render_line *l = &doc->lines[i];
		l->text = doc->ltext.data + doc->lpos[i].text;
		l->spans = l->nspans ? doc->lspans + doc->lpos[i].span : NULL;
	}
	return doc->nlines;
}

size_t render_line_count(const struct render_doc *doc)
{
	return doc->nlines;
}

const struct render_line *render_line_at(const struct render_doc *doc, size_t i)
{
	return i < doc->nlines ? &doc->lines[i] : NULL;
}

size_t render_line_prefix_len(const struct render_line *line)
{
	size_t off = 0, cols = 0;
	while (cols < line->indent && off < line->len) {
		size_t g = text_grapheme_len(line->text + off, line->len - off);
		cols += (size_t)text_grapheme_width(line->text + off, g);
		off += g;
	}
	return off;
}

/* Lines' plain offsets never decrease, but several lines can share one: the
 * header and the first body line all start at 0, and lines without text
 * (blank, rule, underline) carry the end of the text before them. An offset
 * inside a line's text belongs to the last of those, the text line; an
 * offset that is exactly a shared start goes to the first, so that the top
 * of the document stays the top across a re-layout. */
size_t render_line_of_plain(const struct render_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->nlines;
	while (lo < hi) {	/* first line whose start is beyond off */
		size_t mid = lo + (hi - lo) / 2;
		if (doc->lpos[mid].plain <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return 0;
	size_t want = doc->lpos[lo - 1].plain;
	if (want < off)
		return lo - 1;
	hi = lo - 1;
	lo = 0;
	while (lo < hi) {	/* first line starting at want */
		size_t mid = lo + (hi - lo) / 2;
		if (doc->lpos[mid].plain < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t render_plain_of_line(const struct render_doc *doc, size_t i)
{
	return i < doc->nlines ? doc->lpos[i].plain : doc->plain.len;
}

/* ---- output ---- */

void render_print(const struct render_doc *doc, FILE *out)
{
	for (size_t i = 0; i < doc->nlines; i++) {
		out_text(out, doc->lines[i].text, doc->lines[i].len);
		out_printf(out, "\n");
	}
}

static const char *const FLAG_NAMES[] = {
	"emph", "strong", "code", "link", "linknum", "image", "marker", "match"
};
static const char *const ENT_NAMES[] = { "NONE", "PER", "LOC", "ORG", "MISC" };

static void dump_span(const struct render_span *s, FILE *out)
{
	out_printf(out, "  @%u+%u", (unsigned)s->off, (unsigned)s->len);
	const char *sep = " flags=";
	for (size_t f = 0; f < sizeof FLAG_NAMES / sizeof FLAG_NAMES[0]; f++) {
		if (s->flags & (1u << f)) {
			out_printf(out, "%s%s", sep, FLAG_NAMES[f]);
			sep = ",";
		}
	}
	if (s->ent)
		out_printf(out, " ent=%s#%d", s->ent < sizeof ENT_NAMES / sizeof ENT_NAMES[0]
			? ENT_NAMES[s->ent] : "?", (int)s->entity);
	out_printf(out, "\n");
}

void render_dump(const struct render_doc *doc, FILE *out)
{
	for (size_t i = 0; i < doc->nlines; i++) {
		const struct render_line *l = &doc->lines[i];
		out_printf(out, "%s|", render_block_name(l->block));
		out_text(out, l->text, l->len);
		out_printf(out, "\n");
		for (uint32_t k = 0; k < l->nspans; k++)
			dump_span(&l->spans[k], out);
	}
}

const char *render_block_name(int block)
{
	static const char *const names[RB_COUNT] = {
		[RB_TEXT] = "text", [RB_TITLE] = "title", [RB_META] = "meta",
		[RB_H1] = "h1", [RB_H2] = "h2", [RB_H3] = "h3", [RB_H4] = "h4",
		[RB_H5] = "h5", [RB_H6] = "h6", [RB_QUOTE] = "quote",
		[RB_CODE] = "code", [RB_RULE] = "rule", [RB_LINKS] = "links",
		[RB_BLANK] = "blank",
	};
	return block >= 0 && block < RB_COUNT ? names[block] : "?";
}
