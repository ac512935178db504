/* readable.c: the main text of a page by scoring its DOM (Readability's
 * method): elements are numbered once in document order, measured
 * bottom-up in one backward sweep, scored, and the best subtree and its
 * siblings cleaned. Every step is a loop over the numbered elements, so
 * time is linear and nesting depth costs no stack. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "dates.h"
#include "html_md.h"
#include "lexicon.h"
#include "readable.h"
#include "text.h"

#define PARA_MIN	25	/* shorter text scores nothing */
#define CLIMB_MAX	64	/* ancestors looked at when moving up */
#define TOP_N		5	/* candidates compared for a common ancestor */
#define COMMON_MIN	3	/* ... this many under one ancestor move it up */
#define ARTICLE_MIN	500	/* a shorter result makes the next pass try */
#define SHORT_NEG	500	/* a share bar or caption is shorter than this */
#define BOX_MAX		1500	/* a "read also" box is shorter than this */
#define BYLINE_TEXT	200	/* a byline element is shorter than this */
#define LEAD_BLOCKS	6	/* blocks at the article's start read for bylines */
#define LABEL_MAX	80	/* a box's title is within this many bytes */
#define HINT_MAX	256	/* class and id bytes looked at */
#define LINKS_MAX	300	/* a block of links shorter than this goes */
#define SMALL_TREE	64	/* elements under one whose text is read whole */
#define STAND_MIN	40	/* a standfirst is at least this long */
#define STAND_MAX	600	/* ... and at most this */
#define STAND_LOOK	60	/* elements after the headline looked at */

/* Pass flags: what each try takes into account (Readability's three). */
#define P_UNLIKELY	1u	/* drop elements whose class/id say clutter */
#define P_WEIGHT	2u	/* class/id weights in scores */
#define P_CLEAN		4u	/* clean lists, tables, divs by their content */

/* Element flags. */
#define F_NEVER		0x001	/* never text (script, hidden...) */
#define F_STRUCT	0x002	/* page structure: nav, aside, footer... */
#define F_UNLIKELY	0x004	/* class/id say clutter, nothing says article */
#define F_DROPPED	0x008	/* left out in this pass (itself or above) */
#define F_BOX		0x010	/* a "read also"/newsletter box */
#define F_BYLINE	0x020	/* a byline or dateline */
#define F_CLEANED	0x040	/* removed by cleaning */
#define F_BLOCK		0x080	/* starts a block */
#define F_POSITIVE	0x100
#define F_NEGATIVE	0x200
#define F_BYHINT	0x400	/* class/id/rel/itemprop say author or byline */
#define F_STAND		0x800	/* the standfirst under the headline */

struct readable_node {
	xmlNode *node;
	size_t parent;		/* index + 1 of the element above, 0 none */
	size_t end;		/* one past the last element of its subtree */
	uint32_t text, link, own, commas, owncommas;
	uint32_t raw, rawown, rawlink;	/* the same, dropped parts counted */
	uint32_t head;		/* text inside headings */
	uint32_t nlinks;	/* <a> elements */
	uint32_t np, nimg, nli, ninput, nembed;
	double score;
	int weight;		/* class/id weight, -50..50 */
	unsigned flags;
	bool scored;
};

/* ---- hints ---- */

struct hints {
	char **pos, **neg, **tok, **box;
	size_t npos, nneg, ntok, nbox, cpos, cneg, ctok, cbox;
};

static struct hints H;
static pthread_once_t hints_once = PTHREAD_ONCE_INIT;

static void hint_add(char ***a, size_t *n, size_t *cap, const char *s, size_t len)
{
	size_t fn;
	char *f = text_fold(s, len, &fn, NULL);
	*a = xgrow(*a, cap, *n + 1, sizeof **a);
	(*a)[(*n)++] = f;
}

static void hints_load(void)
{
	const char *t = lexicon_get("readable");
	while (t && *t) {
		const char *end = strchr(t, '\n');
		end = end ? end : t + strlen(t);
		const char *colon = memchr(t, ':', (size_t)(end - t));
		size_t kn = colon ? (size_t)(colon - t) : 0;
		const char *v = colon ? colon + 1 : end;
		while (v < end && *v == ' ')
			v++;
		if (*t == '#' || !colon)
			;
		else if (kn == 3 && memcmp(t, "box", 3) == 0)
			hint_add(&H.box, &H.nbox, &H.cbox, v, (size_t)(end - v));
		else
			for (const char *s = v; s < end; ) {
				while (s < end && *s == ' ')
					s++;
				const char *w = s;
				while (s < end && *s != ' ')
					s++;
				if (s == w)
					continue;
				if (kn == 8 && memcmp(t, "positive", 8) == 0)
					hint_add(&H.pos, &H.npos, &H.cpos, w, (size_t)(s - w));
				else if (kn == 8 && memcmp(t, "negative", 8) == 0)
					hint_add(&H.neg, &H.nneg, &H.cneg, w, (size_t)(s - w));
				else if (kn == 5 && memcmp(t, "token", 5) == 0)
					hint_add(&H.tok, &H.ntok, &H.ctok, w, (size_t)(s - w));
			}
		t = *end ? end + 1 : end;
	}
}

/* Letters and digits of an attribute, lower case, one '-' between
 * parts, camelCase split: "articleBody main_text" -> "article-body-main-text". */
static void hint_norm(const char *v, struct buf *b)
{
	bool gap = true;
	for (size_t i = 0; v[i] && b->len < HINT_MAX; i++) {
		char c = v[i];
		bool lower = c >= 'a' && c <= 'z', upper = c >= 'A' && c <= 'Z',
		     digit = c >= '0' && c <= '9';
		if (!lower && !upper && !digit) {
			gap = true;
			continue;
		}
		if ((gap || (upper && i && v[i - 1] >= 'a' && v[i - 1] <= 'z')) && b->len)
			buf_addc(b, '-');
		gap = false;
		buf_addc(b, upper ? (char)(c + 32) : c);
	}
}

/* Does the normalised hint h hold word as a substring, the '-' between
 * parts ignored ("read-more" holds "readmore")? */
static bool hint_has(const char *h, const char *word)
{
	size_t wn = strlen(word);
	for (const char *p = h; *p; p++) {
		size_t i = 0, k = 0;
		while (p[k] && i < wn) {
			if (p[k] == '-' && k) {
				k++;
				continue;
			}
			if (p[k] != word[i])
				break;
			i++, k++;
		}
		if (i == wn)
			return true;
	}
	return false;
}

static bool hint_token(const char *h, const char *word)
{
	size_t wn = strlen(word);
	for (const char *p = h; *p; ) {
		const char *e = strchr(p, '-');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (n == wn && memcmp(p, word, n) == 0)
			return true;
		p += n + (e != NULL);
	}
	return false;
}

/* Class/id weight as Readability gives it: -25 for a negative word,
 * +25 for a positive one, for the class and the id each. */
static int hint_weight(const xmlNode *n, unsigned *flags)
{
	static const char *const attrs[] = { "class", "id", "itemprop" };
	int w = 0;
	if (!n->properties)
		return 0;
	for (size_t a = 0; a < 3; a++) {
		const char *v = html_md_attr_peek(n, attrs[a]);
		if (!v)
			continue;
		struct buf b = BUF_INIT;
		hint_norm(v, &b);
		const char *h = buf_str(&b);
		bool neg = false, pos = false;
		for (size_t i = 0; i < H.nneg && !neg; i++)
			neg = hint_has(h, H.neg[i]);
		for (size_t i = 0; i < H.ntok && !neg; i++)
			neg = hint_token(h, H.tok[i]);
		for (size_t i = 0; i < H.npos && !pos; i++)
			pos = hint_has(h, H.pos[i]);
		if (a == 2)	/* itemprop: only articleBody and text count */
			pos = hint_has(h, "articlebody") || hint_token(h, "text"), neg = false;
		if (hint_has(h, "byline") || hint_has(h, "author") || hint_has(h, "dateline") ||
		    hint_has(h, "writtenby"))
			*flags |= F_BYHINT;
		w += (pos ? 25 : 0) - (neg ? 25 : 0);
		if (neg)
			*flags |= F_NEGATIVE;
		if (pos)
			*flags |= F_POSITIVE;
		buf_free(&b);
	}
	return w;
}

/* Page structure that is never the article: by tag or ARIA role. */
static bool is_structure(const xmlNode *n)
{
	static const char *const roles[] = {
		"navigation", "complementary", "banner", "contentinfo", "search",
		"menu", "menubar", "dialog", "alertdialog", "alert", "toolbar",
		"tablist", NULL
	};
	if (html_md_is(n, "nav") || html_md_is(n, "aside") || html_md_is(n, "footer") ||
	    html_md_is(n, "header") || html_md_is(n, "figcaption") || html_md_is(n, "menu"))
		return true;
	const char *role = html_md_attr_peek(n, "role");
	bool hit = false;
	for (size_t i = 0; role && roles[i] && !hit; i++)
		hit = strcasecmp(role, roles[i]) == 0;
	return hit;
}

static int tag_base(const xmlNode *n)
{
	const char *t = (const char *)n->name;
	if (!strcmp(t, "div") || !strcmp(t, "article"))
		return 5;
	if (!strcmp(t, "pre") || !strcmp(t, "td") || !strcmp(t, "blockquote"))
		return 3;
	if (!strcmp(t, "address") || !strcmp(t, "ol") || !strcmp(t, "ul") ||
	    !strcmp(t, "dl") || !strcmp(t, "dd") || !strcmp(t, "dt") ||
	    !strcmp(t, "li") || !strcmp(t, "form"))
		return -3;
	if ((t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2]) || !strcmp(t, "th"))
		return -5;
	return 0;
}

/* ---- paragraphs of <br><br> ---- */

static bool blank_text(const xmlNode *n)
{
	if (n->type != XML_TEXT_NODE)
		return false;
	for (const unsigned char *p = n->content; p && *p; p++)
		if (!strchr(" \t\r\n\f", *p))
			return false;
	return true;
}

/* The next sibling that is not blank text. */
static xmlNode *next_solid(xmlNode *n)
{
	for (n = n ? n->next : NULL; n && (blank_text(n) || n->type == XML_COMMENT_NODE); n = n->next)
		;
	return n;
}

/* Does n hold "<br> <br>" among its children? */
static bool has_br_chain(const xmlNode *n)
{
	for (xmlNode *c = n->children; c; c = c->next)
		if (html_md_is(c, "br") && html_md_is(next_solid(c), "br"))
			return true;
	return false;
}

/* Legacy pages write paragraphs as text between <br><br>: each run of
 * such text becomes a <p> (as Readability does before scoring), so that
 * it is scored, kept or dropped, and written, as a paragraph. */
static void split_br(xmlNode *e)
{
	xmlNode *run = NULL;
	for (xmlNode *c = e->children, *next; c; c = next) {
		next = c->next;
		if (html_md_is(c, "br") && html_md_is(next_solid(c), "br")) {
			/* the chain and the blanks in it go */
			while (c && (html_md_is(c, "br") || blank_text(c))) {
				next = c->next;
				xmlUnlinkNode(c);
				xmlFreeNode(c);
				c = next;
			}
			run = NULL;
			continue;
		}
		if (c->type == XML_ELEMENT_NODE && html_md_is_block(c) && !html_md_is(c, "br")) {
			run = NULL;
			continue;
		}
		if (!run) {
			if (blank_text(c) || c->type == XML_COMMENT_NODE)
				continue;
			run = xmlNewDocNode(e->doc, NULL, (const xmlChar *)"p", NULL);
			xmlAddPrevSibling(c, run);
		}
		xmlUnlinkNode(c);
		if (!xmlAddChild(run, c))
			xmlFreeNode(c);
	}
}

/* Splits every element with a <br><br> chain; the list is made first,
 * as splitting changes the tree being walked. */
static void prepare(xmlDoc *doc)
{
	xmlNode **todo = NULL, *root = (xmlNode *)doc, *n = root;
	size_t cap = 0, nt = 0;
	for (;;) {
		bool in = n == root || (n->type == XML_ELEMENT_NODE && !html_md_never_text(n));
		if (in && n != root && has_br_chain(n)) {
			todo = xgrow(todo, &cap, nt + 1, sizeof *todo);
			todo[nt++] = n;
		}
		if (in && n->children) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			break;
		n = n->next;
	}
	for (size_t i = 0; i < nt; i++)
		split_br(todo[i]);
	free(todo);
}

/* ---- numbering ---- */

static size_t idx_of(const xmlNode *n)
{
	return n && n->type == XML_ELEMENT_NODE ? (size_t)(uintptr_t)n->_private : 0;
}

static void number(xmlDoc *doc, struct readable *r)
{
	size_t cap = 0, parent = 0;
	xmlNode *root = (xmlNode *)doc, *n = root;
	/* pre-order, with the end of each subtree set on the way back up */
	for (;;) {
		bool down = false;
		if (n->type == XML_ELEMENT_NODE) {
			r->info = xgrow(r->info, &cap, r->ninfo + 1, sizeof *r->info);
			struct readable_node *in = &r->info[r->ninfo];
			memset(in, 0, sizeof *in);
			in->node = n;
			in->parent = parent;
			n->_private = (void *)(uintptr_t)(++r->ninfo);
			down = n->children != NULL;
			if (down)
				parent = r->ninfo;
			else
				in->end = r->ninfo;
		} else if (n == root) {
			down = n->children != NULL;
		}
		if (down) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n->type == XML_ELEMENT_NODE) {
				size_t i = idx_of(n);
				r->info[i - 1].end = r->ninfo;
				parent = r->info[i - 1].parent;
			}
		}
	}
}

static void static_flags(struct readable *r)
{
	for (size_t i = 0; i < r->ninfo; i++) {
		struct readable_node *in = &r->info[i];
		xmlNode *n = in->node;
		if (html_md_never_text(n))
			in->flags |= F_NEVER;
		else if (is_structure(n))
			in->flags |= F_STRUCT;
		if (html_md_is_block(n))
			in->flags |= F_BLOCK;
		in->weight = hint_weight(n, &in->flags);
		bool keep = html_md_is(n, "body") || html_md_is(n, "html") ||
			    html_md_is(n, "article") || html_md_is(n, "main") ||
			    html_md_is(n, "a");
		if ((in->flags & F_NEGATIVE) && !(in->flags & F_POSITIVE) && !keep)
			in->flags |= F_UNLIKELY;
	}
}

/* ---- measuring ---- */

static bool is_heading(const xmlNode *n);

/* Collapsed length and commas of a text node's content. */
static void measure_text(const char *s, uint32_t *len, uint32_t *commas)
{
	bool space = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		bool sp = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f';
		if (sp && space)
			continue;
		space = sp;
		if ((*p & 0xC0) != 0x80)
			(*len)++;
		if (*p == ',')
			(*commas)++;
	}
}

static void measure(struct readable *r, unsigned pass)
{
	/* drops flow down, in document order */
	for (size_t i = 0; i < r->ninfo; i++) {
		struct readable_node *in = &r->info[i];
		bool up = in->parent && (r->info[in->parent - 1].flags & F_DROPPED);
		bool self = (in->flags & (F_NEVER | F_STRUCT)) ||
			    ((pass & P_UNLIKELY) && (in->flags & F_UNLIKELY));
		in->flags = (in->flags & ~(unsigned)(F_DROPPED | F_BOX | F_BYLINE | F_CLEANED)) |
			    (up || self ? F_DROPPED : 0);
		in->text = in->link = in->own = in->commas = in->owncommas = 0;
		in->raw = in->rawown = in->rawlink = in->head = in->nlinks = 0;
		in->np = in->nimg = in->nli = in->ninput = in->nembed = 0;
		in->score = 0;
		in->scored = false;
	}
	/* sizes flow up: children come after their parent */
	for (size_t i = r->ninfo; i-- > 0; ) {
		struct readable_node *in = &r->info[i];
		if (in->flags & F_NEVER)
			continue;
		bool dropped = in->flags & F_DROPPED;
		for (xmlNode *c = in->node->children; c; c = c->next) {
			if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
				uint32_t l = 0, k = 0;
				if (c->content)
					measure_text((const char *)c->content, &l, &k);
				in->raw += l, in->rawown += l;
				if (!dropped)
					in->text += l, in->own += l, in->commas += k, in->owncommas += k;
				continue;
			}
			size_t j = idx_of(c);
			if (!j)
				continue;
			struct readable_node *cn = &r->info[j - 1];
			if (!(cn->flags & F_NEVER)) {
				in->raw += cn->raw, in->rawlink += cn->rawlink;
				if (!(cn->flags & F_BLOCK))
					in->rawown += cn->raw;
			}
			if (dropped)
				continue;
			const char *t = (const char *)c->name;
			if (!strcmp(t, "img") || !strcmp(t, "picture"))
				in->nimg++;
			else if (!strcmp(t, "embed") || !strcmp(t, "object") ||
				 !strcmp(t, "iframe") || !strcmp(t, "video"))
				in->nembed++;
			else if (!strcmp(t, "input"))	/* buttons are share bars' too */
				in->ninput++;
			if (cn->flags & F_DROPPED)
				continue;
			in->text += cn->text, in->link += cn->link, in->commas += cn->commas;
			in->head += cn->head;
			in->nlinks += cn->nlinks + html_md_is(c, "a");
			in->np += cn->np + (html_md_is(c, "p") ? 1 : 0);
			in->nli += cn->nli + (html_md_is(c, "li") ? 1 : 0);
			in->nimg += cn->nimg, in->nembed += cn->nembed, in->ninput += cn->ninput;
			if (!(cn->flags & F_BLOCK))
				in->own += cn->text, in->owncommas += cn->commas;
		}
		if (html_md_is(in->node, "a"))
			in->link = in->text, in->rawlink = in->raw;
		if (is_heading(in->node))
			in->head = in->text;
	}
}

static double link_density(const struct readable_node *in)
{
	return in->text ? (double)in->link / in->text : 0;
}

/* ---- scoring ---- */

static bool scorable(const xmlNode *n)
{
	static const char *const tags[] = { "p", "pre", "td", "div", "section",
					    "article", "main", "blockquote", "center",
					    NULL };
	for (size_t i = 0; tags[i]; i++)
		if (html_md_is(n, tags[i]))
			return true;
	return false;
}

/* An element's score starts from its tag and its class/id weight. */
static void score_init(struct readable_node *in, unsigned pass)
{
	if (in->scored)
		return;
	in->scored = true;
	in->score = tag_base(in->node) + ((pass & P_WEIGHT) ? in->weight : 0);
}

static void score_all(struct readable *r, unsigned pass)
{
	for (size_t i = 0; i < r->ninfo; i++) {
		struct readable_node *in = &r->info[i];
		if ((in->flags & F_DROPPED) || !scorable(in->node))
			continue;
		/* a <p> counts whole; a div its own text, as Readability turns
		 * a div of text into a paragraph */
		bool para = html_md_is(in->node, "p") || html_md_is(in->node, "pre");
		uint32_t len = para ? in->text : in->own;
		uint32_t commas = para ? in->commas : in->owncommas;
		if (len < PARA_MIN)
			continue;
		double s = 1 + commas + (len / 100 < 3 ? len / 100 : 3);
		size_t a = in->parent;
		for (int level = 0; a && level < 5; level++) {
			struct readable_node *an = &r->info[a - 1];
			score_init(an, pass);
			an->score += s / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
			a = an->parent;
		}
	}
	for (size_t i = 0; i < r->ninfo; i++)
		if (r->info[i].scored)
			r->info[i].score *= 1 - link_density(&r->info[i]);
}

static bool is_ancestor(const struct readable *r, size_t a, size_t d)
{
	/* a (index + 1) is an ancestor of d when d lies in a's subtree */
	return a && d > a && d <= r->info[a - 1].end;
}

/* The best candidate, moved up where Readability moves it. */
static size_t pick_top(struct readable *r)
{
	size_t top[TOP_N] = { 0 };
	for (size_t i = 0; i < r->ninfo; i++) {
		if (!r->info[i].scored || (r->info[i].flags & F_DROPPED))
			continue;
		for (size_t k = 0; k < TOP_N; k++) {
			if (!top[k] || r->info[i].score > r->info[top[k] - 1].score) {
				memmove(top + k + 1, top + k, (TOP_N - k - 1) * sizeof *top);
				top[k] = i + 1;
				break;
			}
		}
	}
	size_t t = top[0];
	if (!t)
		return 0;
	double best = r->info[t - 1].score;
	/* several strong candidates under one ancestor: that ancestor */
	size_t alt = 0;
	for (size_t k = 1; k < TOP_N; k++)
		alt += top[k] && r->info[top[k] - 1].score >= 0.75 * best;
	if (alt >= COMMON_MIN) {
		size_t a = r->info[t - 1].parent;
		for (int d = 0; a && d < CLIMB_MAX && !html_md_is(r->info[a - 1].node, "body");
		     d++, a = r->info[a - 1].parent) {
			size_t under = 0;
			for (size_t k = 1; k < TOP_N; k++)
				under += top[k] && r->info[top[k] - 1].score >= 0.75 * best &&
					 is_ancestor(r, a, top[k]);
			if (under >= COMMON_MIN) {
				t = a;
				break;
			}
		}
	}
	/* a parent scoring higher takes over */
	double last = r->info[t - 1].score, floor = last / 3;
	size_t a = r->info[t - 1].parent;
	for (int d = 0; a && d < CLIMB_MAX && !html_md_is(r->info[a - 1].node, "body");
	     d++, a = r->info[a - 1].parent) {
		struct readable_node *an = &r->info[a - 1];
		if (!an->scored)
			continue;
		if (an->score < floor)
			break;
		if (an->score > last) {
			t = a;
			break;
		}
		last = an->score;
	}
	/* an only child stands for its parent */
	for (int d = 0; d < CLIMB_MAX; d++) {
		size_t p = r->info[t - 1].parent;
		if (!p || html_md_is(r->info[p - 1].node, "body") || html_md_is(r->info[p - 1].node, "html"))
			break;
		size_t kids = 0;
		for (xmlNode *c = r->info[p - 1].node->children; c && kids < 2; c = c->next)
			kids += c->type == XML_ELEMENT_NODE &&
				!(r->info[idx_of(c) - 1].flags & F_DROPPED);
		if (kids != 1)
			break;
		t = p;
	}
	return t;
}

static bool ends_sentence(const xmlNode *n)
{
	size_t len;
	char *t = html_md_text(n, &len);
	bool yes = false;
	for (size_t i = 0; i < len && !yes; i++)
		yes = t[i] == '.' && (i + 1 == len || t[i + 1] == ' ');
	free(t);
	return yes;
}

static bool same_class(const xmlNode *a, const xmlNode *b)
{
	char *x = html_md_attr(a, "class"), *y = html_md_attr(b, "class");
	bool same = x && y && *x && strcmp(x, y) == 0;
	free(x);
	free(y);
	return same;
}

/* The top candidate and its siblings that belong with it. */
static void pick_roots(struct readable *r, size_t t)
{
	free(r->roots);
	r->roots = NULL;
	r->nroots = 0;
	size_t cap = 0, p = r->info[t - 1].parent;
	if (!p) {
		r->roots = xgrow(r->roots, &cap, 1, sizeof *r->roots);
		r->roots[r->nroots++] = r->info[t - 1].node;
		return;
	}
	const struct readable_node *top = &r->info[t - 1];
	double threshold = top->score * 0.2 > 10 ? top->score * 0.2 : 10;
	for (xmlNode *c = r->info[p - 1].node->children; c; c = c->next) {
		size_t j = idx_of(c);
		if (!j || (r->info[j - 1].flags & F_DROPPED))
			continue;
		const struct readable_node *s = &r->info[j - 1];
		bool take = j == t;
		if (!take && s->scored) {
			double bonus = same_class(c, top->node) ? top->score * 0.2 : 0;
			take = s->score + bonus >= threshold;
		}
		if (!take && html_md_is(c, "p")) {
			double ld = link_density(s);
			take = (s->text > 80 && ld < 0.25) ||
			       (s->text < 80 && s->text > 0 && ld == 0 && ends_sentence(c));
		}
		if (take) {
			r->roots = xgrow(r->roots, &cap, r->nroots + 1, sizeof *r->roots);
			r->roots[r->nroots++] = c;
		}
	}
}

static uint32_t roots_text(const struct readable *r)
{
	uint32_t n = 0;
	for (size_t i = 0; i < r->nroots; i++)
		n += r->info[idx_of(r->roots[i]) - 1].text;
	return n;
}

/* ---- cleaning ---- */

static bool is_heading(const xmlNode *n)
{
	const char *t = n && n->type == XML_ELEMENT_NODE ? (const char *)n->name : "";
	return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2];
}

/* The first text inside n (a few nodes looked at), cleaned, at most
 * LABEL_MAX bytes; "" if none. */
static char *first_text(const struct readable *r, const xmlNode *n)
{
	struct buf b = BUF_INIT;
	const xmlNode *c = n;
	for (int steps = 0; c && steps < 24 && b.len == 0; steps++) {
		if (c->type == XML_TEXT_NODE && c->content) {
			size_t l = strlen((const char *)c->content);
			html_md_clean(&b, (const char *)c->content, l < LABEL_MAX * 2 ? l : LABEL_MAX * 2);
		}
		size_t j = idx_of(c);
		if (j && (r->info[j - 1].flags & F_NEVER))
			c = c != n && c->next ? c->next : NULL;
		else if (c->children && c->type == XML_ELEMENT_NODE)
			c = c->children;
		else {
			while (c && c != n && !c->next)
				c = c->parent;
			c = c && c != n ? c->next : NULL;
		}
	}
	return buf_detach(&b, NULL);
}

/* Does label start with a box title ("Leggi anche", "Read more:")? */
static bool is_box_label(const char *label)
{
	size_t n = strlen(label);
	while (n && (label[n - 1] == ' ' || label[n - 1] == ':' || label[n - 1] == '.' ||
		     label[n - 1] == '>'))
		n--;
	size_t fn;
	char *f = text_fold(label, n, &fn, NULL);
	bool yes = false;
	for (size_t i = 0; i < H.nbox && !yes; i++) {
		size_t bn = strlen(H.box[i]);
		yes = bn <= fn && memcmp(f, H.box[i], bn) == 0 &&
		      (bn == fn || f[bn] == ':' || (f[bn] == ' ' && bn + 1 < fn && f[bn + 1] == ':'));
	}
	free(f);
	return yes;
}

/* Keeps the text of a byline element for the date search (html.c). */
static void byline_note(struct buf *by, const xmlNode *n)
{
	size_t len;
	char *t = html_md_text(n, &len);
	if (len && by->len < 2000)
		buf_addf(by, "%s\n", t);
	free(t);
}

/* Readability's conditional cleaning of a container by its content. */
static bool clean_away(const struct readable_node *in, unsigned pass)
{
	const xmlNode *n = in->node;
	bool list = html_md_is(n, "ul") || html_md_is(n, "ol");
	if (!(html_md_is(n, "div") || html_md_is(n, "section") || html_md_is(n, "table") ||
	      html_md_is(n, "form") || html_md_is(n, "fieldset") || list ||
	      html_md_is(n, "aside") || html_md_is(n, "figure")))
		return false;
	int weight = (pass & P_WEIGHT) ? in->weight : 0;
	/* a list scores -3 by its tag alone: only its class condemns it */
	if (weight + (in->scored ? in->score : 0) < 0 && (!list || weight < 0))
		return true;
	if (in->commas >= 10)
		return false;
	double ld = link_density(in);
	uint32_t p = in->np, img = in->nimg, li = in->nli > 100 ? in->nli - 100 : 0;
	if (img > 1 && (double)p / img < 0.5)
		return true;
	if (!list && li > p)
		return true;
	if (in->ninput > p / 3)
		return true;
	/* a heading in a box of its own is kept */
	if (!list && in->head * 10 < in->text * 9 && in->text < PARA_MIN && (img == 0 || img > 2))
		return true;
	if (!list && weight < 25 && ld > 0.2)
		return true;
	if (weight >= 25 && ld > 0.5)
		return true;
	if ((in->nembed == 1 && in->text < 75) || in->nembed > 1)
		return true;
	return false;
}

static void clean_root(struct readable *r, size_t root, unsigned pass, struct buf *by,
		       int *lead)
{
	struct readable_node *rn = &r->info[root - 1];
	for (size_t i = root; i < rn->end; i++) {	/* strictly inside */
		struct readable_node *in = &r->info[i];
		if (in->flags & F_DROPPED) {
			i = in->end - 1;	/* skip its subtree */
			continue;
		}
		xmlNode *n = in->node;
		unsigned drop = 0;
		bool block = (in->flags & F_BLOCK) && !html_md_is(n, "br");
		/* a byline: by its hints, or by its words near the start */
		if ((in->flags & F_BYHINT) && in->text < BYLINE_TEXT && !is_heading(n)) {
			drop = F_BYLINE;
		} else if (block && !is_heading(n) && in->text &&
			   in->text < (*lead < LEAD_BLOCKS ? 160u : 100u) &&
			   in->own == in->text && in->end - i < SMALL_TREE) {
			/* near the start a byline; further on a date line alone */
			size_t len;
			char *t = html_md_text(n, &len);
			if (dates_is_byline(t, len))
				drop = F_BYLINE;
			free(t);
		}
		if (drop)
			byline_note(by, n);
		/* "read also" boxes: by their title */
		if (!drop && in->text && in->text < BOX_MAX) {
			char *label = first_text(r, n);
			if (*label && is_box_label(label)) {
				drop = F_BOX;
				/* a title alone: the list or links after it go too */
				if ((is_heading(n) || in->text <= strlen(label) + 2) && n->next) {
					xmlNode *s = n->next;
					while (s && s->type != XML_ELEMENT_NODE)
						s = s->next;
					size_t j = idx_of(s);
					if (j && (link_density(&r->info[j - 1]) > 0.5 ||
						  html_md_is(s, "ul") || html_md_is(s, "ol")))
						r->info[j - 1].flags |= F_BOX;
				}
			}
			free(label);
		}
		/* share bars, captions, credits: short and said so */
		if (!drop && (pass & P_WEIGHT) && (in->flags & F_NEGATIVE) &&
		    in->weight <= 0 && in->text < SHORT_NEG)
			drop = F_CLEANED;
		if (!drop && is_heading(n) && (pass & P_WEIGHT) && in->weight < 0)
			drop = F_CLEANED;
		/* a short block of links: tools ("Print | Email | Back"), teasers */
		if (!drop && block && in->text < LINKS_MAX && in->nlinks >= 2 &&
		    link_density(in) >= 0.7 && !html_md_is(n, "ul") && !html_md_is(n, "ol") &&
		    !html_md_is(n, "li") && !html_md_is(n, "td") && !html_md_is(n, "tr"))
			drop = F_CLEANED;
		if (!drop && (pass & P_CLEAN) && clean_away(in, pass))
			drop = F_CLEANED;
		if (in->flags & F_BOX)
			drop = F_BOX;
		if (drop) {
			in->flags |= drop;
			i = in->end - 1;
			continue;
		}
		if (block && in->text && in->own)
			(*lead)++;
	}
}

/* ---- the standfirst ---- */

/* Is n inside a figure, a caption, navigation or an aside? */
static bool in_aside(const struct readable *r, size_t j)
{
	for (int d = 0; j && d < CLIMB_MAX; d++, j = r->info[j - 1].parent) {
		const xmlNode *n = r->info[j - 1].node;
		if (html_md_is(n, "figure") || html_md_is(n, "figcaption") ||
		    html_md_is(n, "nav") || html_md_is(n, "aside") || html_md_is(n, "footer") ||
		    (r->info[j - 1].flags & (F_NEGATIVE | F_NEVER | F_BYHINT)))
			return true;
	}
	return false;
}

/* Will the element (index + 1) be written as part of the article? */
static bool in_article(const struct readable *r, size_t j)
{
	if (r->info[j - 1].flags & (F_DROPPED | F_BOX | F_BYLINE | F_CLEANED))
		return false;
	for (size_t i = 0; i < r->nroots; i++) {
		size_t k = idx_of(r->roots[i]);
		if (j == k || is_ancestor(r, k, j))
			return true;
	}
	return false;
}

/* The summary written for the article just under its headline (a
 * "standfirst", often in the dropped <header>, sometimes an <h2>): the
 * first block of text there that is no byline, caption, share bar or
 * box. It leads the article, as a paragraph. */
static void find_standfirst(struct readable *r, const xmlNode *heading)
{
	size_t h = idx_of(heading);
	if (!h || h > r->ninfo || r->info[h - 1].node != heading)
		return;
	for (size_t j = r->info[h - 1].end + 1, seen = 0; j <= r->ninfo && seen < STAND_LOOK;
	     j++, seen++) {
		struct readable_node *in = &r->info[j - 1];
		if (in_article(r, j) && in->own >= STAND_MIN)
			return;	/* the article's text begins: no standfirst */
		bool block = html_md_is(in->node, "p") || html_md_is(in->node, "div") ||
			     is_heading(in->node) || html_md_is(in->node, "span");
		if (!block || in->end - j >= SMALL_TREE || in->rawown < STAND_MIN || in->rawown != in->raw ||
		    in->raw > STAND_MAX || in->rawlink > in->raw * 3 / 10 || in_aside(r, j))
			continue;
		size_t len;
		char *t = html_md_text(in->node, &len);
		char *label = first_text(r, in->node);
		bool no = dates_is_byline(t, len) || is_box_label(label);
		free(t);
		free(label);
		if (no)
			continue;
		for (size_t k = j; k <= in->end; k++)
			r->info[k - 1].flags &= ~(unsigned)(F_DROPPED | F_CLEANED | F_BOX | F_BYLINE);
		in->flags |= F_STAND;
		size_t cap = r->nroots;
		r->roots = xgrow(r->roots, &cap, r->nroots + 1, sizeof *r->roots);
		memmove(r->roots + 1, r->roots, r->nroots * sizeof *r->roots);
		r->roots[0] = in->node;
		r->nroots++;
		return;
	}
}

/* ---- the passes ---- */

static uint32_t run_pass(struct readable *r, unsigned pass, size_t *top)
{
	measure(r, pass);
	score_all(r, pass);
	*top = pick_top(r);
	if (!*top) {
		/* nothing scored: the body */
		for (size_t i = 0; i < r->ninfo && !*top; i++)
			if (html_md_is(r->info[i].node, "body"))
				*top = i + 1;
		if (!*top && r->ninfo)
			*top = 1;
		if (!*top)
			return 0;
	}
	pick_roots(r, *top);
	return roots_text(r);
}

void readable_find(xmlDoc *doc, const xmlNode *heading, struct readable *r)
{
	static const unsigned passes[] = { P_UNLIKELY | P_WEIGHT | P_CLEAN,
					   P_WEIGHT | P_CLEAN, P_CLEAN, 0 };
	pthread_once(&hints_once, hints_load);
	memset(r, 0, sizeof *r);
	if (!doc)
		return;
	prepare(doc);
	number(doc, r);
	static_flags(r);
	uint32_t best = 0;
	unsigned best_pass = passes[0], last = passes[0];
	size_t top;
	for (size_t k = 0; k < sizeof passes / sizeof passes[0]; k++) {
		uint32_t got = run_pass(r, last = passes[k], &top);
		if (got > best || k == 0) {
			best = got;
			best_pass = passes[k];
		}
		if (got >= ARTICLE_MIN)
			break;
	}
	if (best_pass != last)
		run_pass(r, best_pass, &top);
	r->pass = best_pass;
	struct buf by = BUF_INIT;
	int lead = 0;
	for (size_t i = 0; i < r->nroots; i++) {
		size_t j = idx_of(r->roots[i]);
		clean_root(r, j, best_pass, &by, &lead);
	}
	r->byline = buf_detach(&by, NULL);
	find_standfirst(r, heading);
}

bool readable_skip(const xmlNode *n, void *ctx)
{
	const struct readable *r = ctx;
	size_t j = idx_of(n);
	if (!j || j > r->ninfo || r->info[j - 1].node != n)
		return false;
	return r->info[j - 1].flags & (F_DROPPED | F_BOX | F_BYLINE | F_CLEANED);
}

bool readable_as_para(const xmlNode *n, void *ctx)
{
	const struct readable *r = ctx;
	size_t j = idx_of(n);
	return j && j <= r->ninfo && r->info[j - 1].node == n && (r->info[j - 1].flags & F_STAND);
}

void readable_free(struct readable *r)
{
	for (size_t i = 0; i < r->ninfo; i++)
		r->info[i].node->_private = NULL;
	free(r->info);
	free(r->roots);
	free(r->byline);
	memset(r, 0, sizeof *r);
}
