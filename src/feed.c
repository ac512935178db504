/* feed.c: RSS 2.0/1.0, Atom and JSON Feed -> struct feed, with libxml2 and
 * jansson. The XML parser reads the given bytes and nothing else: no
 * network, no DTD, no external entity; internal entities are not
 * substituted, and the text walk that reads through them has a budget. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <jansson.h>
#include "buf.h"
#include "dates.h"
#include "feed.h"
#include "text.h"

#define SNIFF_SCAN	65536	/* bytes looked at for the root element */
#define JSON_SNIFF	4096	/* ... and for a JSON Feed's version */
#define LINE_MAX_BYTES	2000	/* one-line fields (titles) are cut here */
#define ENTITY_DEPTH	16	/* entity references followed this deep */
#define WALK_NODES	1000000	/* nodes one text walk may visit */

#define NS_CONTENT	"http://purl.org/rss/1.0/modules/content/"
#define NS_DC		"http://purl.org/dc/elements/1.1/"

/* The state of one parse. */
struct fp {
	const char *name;
	const char *base_url;	/* given by the caller, or NULL */
	struct feed *f;
	struct diag *d;
	xmlDocPtr doc;
	char *feed_base;	/* where relative links resolve: base_url or the feed's link */
	size_t cap;		/* of f->items */
};

/* ---- small strings ---- */

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool starts_ci(const char *s, const char *end, const char *w)
{
	size_t n = strlen(w);
	return (size_t)(end - s) >= n && strncasecmp(s, w, n) == 0;
}

/* One line of text: blank runs (newlines too) made one space, trimmed, C0
 * controls and DEL dropped (an escape sequence loses its ESC), cut at
 * LINE_MAX_BYTES on a character boundary, then sanitised. Malloc'd. */
static char *one_line(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	bool gap = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (blank((char)c)) {
			gap = b.len > 0;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			continue;
		if (gap)
			buf_addc(&b, ' ');
		gap = false;
		buf_addc(&b, (char)c);
	}
	size_t len = b.len;
	if (len > LINE_MAX_BYTES) {
		len = LINE_MAX_BYTES;
		while (len && ((unsigned char)b.data[len] & 0xC0) == 0x80)
			len--;
	}
	char *out = text_sanitize(b.data ? b.data : "", len, false, NULL);
	buf_free(&b);
	return out;
}

static void put_utf8(struct buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		buf_addc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_addc(b, (char)(0xC0 | (cp >> 6)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		buf_addc(b, (char)(0xE0 | (cp >> 12)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		buf_addc(b, (char)(0xF0 | (cp >> 18)));
		buf_addc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		buf_addc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		buf_addc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* Decodes the character reference at s ("&amp;", "&#233;", "&#xE9;");
 * returns its length, 0 when s does not start one. */
static size_t char_ref(const char *s, size_t n, struct buf *b)
{
	size_t i = 1;
	unsigned long cp = 0;
	if (i < n && s[i] == '#') {
		bool hex = i + 1 < n && (s[i + 1] == 'x' || s[i + 1] == 'X');
		i += hex ? 2 : 1;
		size_t st = i;
		int v;
		while (i < n && i - st < 8 &&
		       (v = hex ? text_hex_digit(s[i]) : (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1)) >= 0)
			cp = cp * (hex ? 16 : 10) + (unsigned long)v, i++;
		if (i == st || i >= n || s[i] != ';')
			return 0;
		put_utf8(b, cp);
		return i + 1;
	}
	char name[32];
	size_t k = 0;
	while (i < n && k + 1 < sizeof name &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		(s[i] >= '0' && s[i] <= '9')))
		name[k++] = s[i++];
	name[k] = '\0';
	if (!k || i >= n || s[i] != ';')
		return 0;
	const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
	if (!e)
		return 0;
	put_utf8(b, e->value);
	return i + 1;
}

/* The text of a small piece of HTML (a title): tags dropped, character
 * references decoded. Not a parser: titles are short and plain. */
static char *html_line(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		size_t r;
		char c1 = i + 1 < n ? (char)(s[i + 1] | 0x20) : 0;
		if (s[i] == '<' && (c1 == '/' || c1 == '!' || (c1 >= 'a' && c1 <= 'z'))) {
			const char *gt = memchr(s + i, '>', n - i);
			if (gt) {
				buf_addc(&b, ' ');
				i = (size_t)(gt - s);
				continue;
			}
		}
		if (s[i] == '&' && (r = char_ref(s + i, n - i, &b)) > 0) {
			i += r - 1;
			continue;
		}
		buf_addc(&b, s[i]);
	}
	char *out = one_line(b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* Does s look like it holds markup or references ("<b>", "&amp;")? */
static bool looks_html(const char *s)
{
	for (const char *p = s; (p = strpbrk(p, "<&")); p++) {
		struct buf tmp = BUF_INIT;
		bool ref = *p == '&' && char_ref(p, strlen(p), &tmp) > 0;
		buf_free(&tmp);
		char c1 = (char)(p[1] | 0x20);
		if (ref || (*p == '<' && (c1 == '/' || (c1 >= 'a' && c1 <= 'z')) &&
			    strchr(p, '>')))
			return true;
	}
	return false;
}

/* ---- links ---- */

static bool is_http(const char *u)
{
	return strncasecmp(u, "http://", 7) == 0 || strncasecmp(u, "https://", 8) == 0;
}

/* ref resolved against base (either may be NULL or ""), trimmed; malloc'd
 * when the result is an http(s) URL without control characters (spaces
 * and non-ASCII bytes %-encoded, as browsers send them), else NULL. */
static char *url_resolve(const char *ref, const char *base)
{
	if (!ref)
		return NULL;
	while (blank(*ref))
		ref++;
	size_t n = strlen(ref);
	while (n && blank(ref[n - 1]))
		n--;
	if (!n)
		return NULL;
	char *r = xstrndup(ref, n);
	char *out = NULL;
	xmlChar *u = base && *base ? xmlBuildURI((const xmlChar *)r, (const xmlChar *)base) : NULL;
	const char *abs = u ? (const char *)u : r;
	if (is_http(abs)) {	/* an IRI's non-ASCII bytes and blanks %-encoded */
		struct buf b = BUF_INIT;
		bool ok = true;
		for (const unsigned char *c = (const unsigned char *)abs; *c && ok; c++)
			if (*c >= 0x80 || *c == ' ')
				buf_addf(&b, "%%%02X", *c);
			else if (*c < 0x20 || *c == 0x7f)
				ok = false;
			else
				buf_addc(&b, (char)*c);
		out = ok ? buf_detach(&b, NULL) : NULL;
		buf_free(&b);
	}
	xmlFree(u);
	free(r);
	return out;
}

/* Sets *slot to the resolved link or reports it; line for the message. */
static void set_link(struct fp *p, char **slot, const char *ref,
		     const char *base, size_t line)
{
	if (!ref || !*ref)
		return;
	char *u = url_resolve(ref, base);
	if (u) {
		free(*slot);
		*slot = u;
		return;
	}
	char *shown = one_line(ref, strlen(ref) < 80 ? strlen(ref) : 80);
	diag_add(p->d, p->name, line, "link '%s' is not an http(s) address "
		 "(left out)", shown);
	free(shown);
}

/* ---- XML text ---- */

struct walk {
	struct buf b;
	size_t nodes;	/* visits left */
};

static void walk_text(xmlNodePtr n, struct walk *w, int ent_depth)
{
	for (xmlNodePtr c = n->children; c && w->nodes; c = c->next) {
		w->nodes--;
		if (w->b.len >= FEED_MAX_SIZE)
			return;
		switch (c->type) {
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			if (c->content)
				buf_adds(&w->b, (const char *)c->content);
			break;
		case XML_ENTITY_REF_NODE: {
			/* Only internal entities, read through once each time
			 * with the walk's budget: no file is ever opened. */
			xmlEntityPtr e = (xmlEntityPtr)c->children;
			if (e && e->etype == XML_INTERNAL_GENERAL_ENTITY &&
			    ent_depth < ENTITY_DEPTH)
				walk_text((xmlNodePtr)e, w, ent_depth + 1);
			break;
		}
		case XML_ELEMENT_NODE:
			walk_text(c, w, ent_depth);
			break;
		default:
			break;
		}
	}
}

/* The text content of n (malloc'd), length in *len. */
static char *node_text(xmlNodePtr n, size_t *len)
{
	struct walk w = { BUF_INIT, WALK_NODES };
	walk_text(n, &w, 0);
	return buf_detach(&w.b, len);
}

/* The markup inside n (Atom xhtml content: the children of its div). */
static char *node_markup(xmlDocPtr doc, xmlNodePtr n, size_t *len)
{
	xmlNodePtr div = n->children;
	while (div && div->type != XML_ELEMENT_NODE)
		div = div->next;
	if (div && xmlStrcmp(div->name, (const xmlChar *)"div") == 0)
		n = div;
	xmlBufferPtr xb = xmlBufferCreate();
	for (xmlNodePtr c = n->children; c; c = c->next)
		xmlNodeDump(xb, doc, c, 0, 0);
	char *out = xstrndup((const char *)xmlBufferContent(xb), (size_t)xmlBufferLength(xb));
	*len = (size_t)xmlBufferLength(xb);
	xmlBufferFree(xb);
	return out;
}

static bool is_el(xmlNodePtr n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)local) == 0;
}

static bool in_ns(xmlNodePtr n, const char *uri)
{
	return n->ns && n->ns->href && xmlStrcmp(n->ns->href, (const xmlChar *)uri) == 0;
}

/* An element of the feed's own vocabulary: no namespace, or its parent's
 * (RSS 1.0 and Atom put theirs on the root or the channel). */
static bool own_el(xmlNodePtr n, const char *local)
{
	xmlNsPtr up = n->parent ? n->parent->ns : NULL;
	return is_el(n, local) && (!n->ns || (up && up->href && n->ns->href &&
					      xmlStrcmp(n->ns->href, up->href) == 0));
}

static char *attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *out = v ? xstrdup((const char *)v) : NULL;
	xmlFree(v);
	return out;
}

/* The text of n as one line, reduced from HTML when html is true or the
 * text looks like markup. */
static char *line_of(xmlNodePtr n, bool html)
{
	size_t len;
	char *t = node_text(n, &len);
	char *out = html || looks_html(t) ? html_line(t, len) : one_line(t, len);
	free(t);
	return out;
}

static void set_str(char **slot, char *v)
{
	free(*slot);
	*slot = v;
}

static size_t line_of_node(xmlNodePtr n)
{
	long l = xmlGetLineNo(n);
	return l > 0 ? (size_t)l : 0;
}

/* ---- items ---- */

static void item_init(struct feed_item *it)
{
	memset(it, 0, sizeof *it);
	it->title = xstrdup("");
	it->url = xstrdup("");
	it->guid = xstrdup("");
	it->date = xstrdup("");
	it->author = xstrdup("");
	it->lang = xstrdup("");
	it->content = xstrdup("");
	it->base = xstrdup("");
}

static void item_free(struct feed_item *it)
{
	free(it->title);
	free(it->url);
	free(it->guid);
	free(it->date);
	free(it->author);
	free(it->lang);
	free(it->content);
	free(it->base);
}

static void item_date(struct fp *p, struct feed_item *it, const char *s, size_t line)
{
	char out[11];
	if (it->date[0] || !s)
		return;
	if (dates_parse_meta(s, out) == 0) {
		set_str(&it->date, xstrdup(out));
		return;
	}
	char *shown = one_line(s, strlen(s) < 60 ? strlen(s) : 60);
	diag_add(p->d, p->name, line, "unreadable date '%s' (item left undated)", shown);
	free(shown);
}

static void item_content(struct feed_item *it, char *text, size_t len, bool html,
			 bool summary)
{
	free(it->content);
	it->content = text;
	it->content_len = len;
	it->content_html = html;
	it->summary_only = summary;
}

/* Keeps the item (or counts it as empty); its base and language filled. */
static void item_keep(struct fp *p, struct feed_item *it)
{
	if (!it->title[0] && !it->url[0] && !it->guid[0] && !it->content_len) {
		p->f->nempty++;
		item_free(it);
		return;
	}
	if (!it->base[0])
		set_str(&it->base, xstrdup(it->url[0] ? it->url : p->feed_base ? p->feed_base : ""));
	if (!it->lang[0] && p->f->lang[0])
		set_str(&it->lang, xstrdup(p->f->lang));
	p->f->items = xgrow(p->f->items, &p->cap, p->f->nitems + 1, sizeof *p->f->items);
	p->f->items[p->f->nitems++] = *it;
}

/* ---- RSS ---- */

static void rss_item(struct fp *p, xmlNodePtr n)
{
	struct feed_item it;
	item_init(&it);
	it.line = line_of_node(n);
	char *link = NULL, *guid_link = NULL, *date = NULL, *dcdate = NULL;
	bool have_encoded = false;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		size_t len;
		if (own_el(c, "title")) {
			set_str(&it.title, line_of(c, false));
		} else if (own_el(c, "link")) {
			free(link);
			link = node_text(c, &len);
		} else if (own_el(c, "guid")) {
			set_str(&it.guid, line_of(c, false));
			char *perma = attr(c, "isPermaLink");
			if (!perma || strcasecmp(perma, "false") != 0)
				set_str(&guid_link, xstrdup(it.guid));
			free(perma);
		} else if (own_el(c, "pubDate")) {
			set_str(&date, node_text(c, &len));
		} else if (is_el(c, "date") && in_ns(c, NS_DC)) {
			set_str(&dcdate, node_text(c, &len));
		} else if ((is_el(c, "creator") && in_ns(c, NS_DC)) ||
			   (own_el(c, "author") && !it.author[0])) {
			set_str(&it.author, line_of(c, false));
		} else if (is_el(c, "language") && in_ns(c, NS_DC)) {
			set_str(&it.lang, line_of(c, false));
		} else if (is_el(c, "encoded") && in_ns(c, NS_CONTENT)) {
			char *t = node_text(c, &len);
			item_content(&it, t, len, true, false);
			have_encoded = true;
		} else if (own_el(c, "description") && !have_encoded) {
			char *t = node_text(c, &len);
			item_content(&it, t, len, true, true);
		}
	}
	const char *base = p->feed_base;
	if (link && *link)
		set_link(p, &it.url, link, base, it.line);
	else if (guid_link && is_http(guid_link))
		set_link(p, &it.url, guid_link, base, it.line);
	item_date(p, &it, date ? date : dcdate, it.line);
	if (!it.date[0] && date && dcdate)
		item_date(p, &it, dcdate, it.line);
	free(link);
	free(guid_link);
	free(date);
	free(dcdate);
	item_keep(p, &it);
}

/* RSS 2.0 (<rss><channel>...<item>) and RSS 1.0 (<rdf:RDF><channel/>
 * <item/>...): the channel's fields first, then the items in order. */
static void rss_parse(struct fp *p, xmlNodePtr root)
{
	xmlNodePtr ch = NULL;
	for (xmlNodePtr c = root->children; c && !ch; c = c->next)
		if (is_el(c, "channel"))
			ch = c;
	for (xmlNodePtr c = ch ? ch->children : NULL; c; c = c->next) {
		size_t len;
		if (own_el(c, "title") && !p->f->title[0]) {
			set_str(&p->f->title, line_of(c, false));
		} else if (own_el(c, "link") && !p->f->url[0]) {
			char *l = node_text(c, &len);
			set_link(p, &p->f->url, l, p->base_url, line_of_node(c));
			free(l);
		} else if ((own_el(c, "language") || (is_el(c, "language") && in_ns(c, NS_DC))) &&
			   !p->f->lang[0]) {
			set_str(&p->f->lang, line_of(c, false));
		}
	}
	p->feed_base = xstrdup(p->base_url ? p->base_url : p->f->url);
	xmlNodePtr items = ch;
	for (int pass = 0; pass < 2; pass++, items = root)	/* 2.0, then 1.0 */
		for (xmlNodePtr c = items ? items->children : NULL; c; c = c->next)
			if (is_el(c, "item"))
				rss_item(p, c);
}

/* ---- Atom ---- */

/* An Atom text construct or content element: its text, and whether it is
 * HTML (type html or xhtml, or an HTML media type). NULL for content the
 * element only points to (src) or cannot hold as text (other types). */
static char *atom_text(struct fp *p, xmlNodePtr n, bool *html, size_t *len)
{
	char *type = attr(n, "type"), *src = attr(n, "src");
	char *out = NULL;
	*html = false;
	if (src) {
		out = NULL;
	} else if (!type || strcasecmp(type, "text") == 0 || strcasecmp(type, "text/plain") == 0) {
		out = node_text(n, len);
	} else if (strcasecmp(type, "html") == 0 || strcasecmp(type, "text/html") == 0) {
		out = node_text(n, len);
		*html = true;
	} else if (strcasecmp(type, "xhtml") == 0 ||
		   strcasecmp(type, "application/xhtml+xml") == 0) {
		out = node_markup(p->doc, n, len);
		*html = true;
	}
	free(type);
	free(src);
	return out;
}

static char *atom_line(struct fp *p, xmlNodePtr n)
{
	bool html;
	size_t len;
	char *t = atom_text(p, n, &html, &len);
	char *out = t ? (html ? html_line(t, len) : one_line(t, len)) : xstrdup("");
	free(t);
	return out;
}

/* The href of a link element that points to the page (rel alternate or
 * none), resolved against its xml:base. */
static bool atom_link(struct fp *p, xmlNodePtr n, char **slot, const char *fallback)
{
	char *rel = attr(n, "rel"), *href = attr(n, "href");
	bool ok = href && (!rel || strcmp(rel, "alternate") == 0 ||
			   strcmp(rel, "http://www.iana.org/assignments/relation/alternate") == 0);
	if (ok) {
		xmlChar *b = xmlNodeGetBase(p->doc, n);
		const char *base = b ? (const char *)b : fallback;
		if (b && !is_http(base) && fallback)	/* a relative xml:base */
			base = fallback;
		set_link(p, slot, href, base, line_of_node(n));
		xmlFree(b);
	}
	free(rel);
	free(href);
	return ok && (*slot)[0];
}

static char *atom_author(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (own_el(c, "name"))
			return line_of(c, false);
	return xstrdup("");
}

static char *node_lang(xmlNodePtr n)
{
	xmlChar *l = xmlNodeGetLang(n);
	char *out = l ? one_line((const char *)l, strlen((const char *)l)) : xstrdup("");
	xmlFree(l);
	return out;
}

static void atom_entry(struct fp *p, xmlNodePtr n)
{
	struct feed_item it;
	item_init(&it);
	it.line = line_of_node(n);
	set_str(&it.lang, node_lang(n));
	char *published = NULL, *updated = NULL;
	bool have_content = false, have_link = false;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		size_t len;
		bool html;
		if (own_el(c, "title")) {
			set_str(&it.title, atom_line(p, c));
		} else if (own_el(c, "link") && !have_link) {
			have_link = atom_link(p, c, &it.url, p->feed_base);
		} else if (own_el(c, "id")) {
			set_str(&it.guid, line_of(c, false));
		} else if (own_el(c, "published")) {
			set_str(&published, node_text(c, &len));
		} else if (own_el(c, "updated")) {
			set_str(&updated, node_text(c, &len));
		} else if (own_el(c, "author") && !it.author[0]) {
			set_str(&it.author, atom_author(c));
		} else if (own_el(c, "content")) {
			char *t = atom_text(p, c, &html, &len);
			if (t)
				item_content(&it, t, len, html, false), have_content = true;
		} else if (own_el(c, "summary") && !have_content) {
			char *t = atom_text(p, c, &html, &len);
			if (t)
				item_content(&it, t, len, html, true);
		}
	}
	xmlChar *b = xmlNodeGetBase(p->doc, n);
	if (it.url[0])
		set_str(&it.base, xstrdup(it.url));
	else if (b && is_http((const char *)b))
		set_str(&it.base, xstrdup((const char *)b));
	xmlFree(b);
	item_date(p, &it, published ? published : updated, it.line);
	free(published);
	free(updated);
	item_keep(p, &it);
}

static void atom_parse(struct fp *p, xmlNodePtr root)
{
	set_str(&p->f->lang, node_lang(root));
	xmlChar *b = xmlNodeGetBase(p->doc, root);
	const char *base = p->base_url ? p->base_url :
			   b && is_http((const char *)b) ? (const char *)b : NULL;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (own_el(c, "title") && !p->f->title[0])
			set_str(&p->f->title, atom_line(p, c));
		else if (own_el(c, "link") && !p->f->url[0])
			atom_link(p, c, &p->f->url, base);
	}
	p->feed_base = xstrdup(base ? base : p->f->url);
	xmlFree(b);
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (own_el(c, "entry"))
			atom_entry(p, c);
}

/* ---- XML ---- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* Nothing outside the given bytes is ever read: the parse options
 * already keep libxml2 from loading DTDs and external entities, and this
 * loader refuses whatever might still ask (a later libxml2, an option
 * added by mistake). It is libxml2's one global hook; no part of filo
 * wants it to load anything. */
static xmlParserInputPtr xml_no_loader(const char *url, const char *id,
				       xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void xml_init(void)
{
	xmlInitParser();
	xmlSetExternalEntityLoader(xml_no_loader);
}

/* The first error the parser met in the document itself: the errors of
 * an entity's text (parsed in a context of its own, at that text's line)
 * end in one at the reference, which is the one to report. */
struct xml_err {
	xmlParserCtxtPtr ctxt;
	bool have;
	size_t line;
	char *message;
};

static void xml_on_error(void *data, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = data;
	struct xml_err *st = c ? c->_private : NULL;
	if (!st || st->have || e->ctxt != st->ctxt || e->level < XML_ERR_ERROR)
		return;
	const char *m = e->message ? e->message : "malformed XML";
	st->have = true;
	st->line = e->line > 0 ? (size_t)e->line : 0;
	st->message = one_line(m, strlen(m));
}

static int xml_parse(struct fp *p, const char *data, size_t len)
{
	pthread_once(&xml_once, xml_init);
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		diag_add(p->d, p->name, 0, "out of memory (feed not imported)");
		return -1;
	}
	struct xml_err err = { ctxt, false, 0, NULL };
	ctxt->_private = &err;
	ctxt->sax->serror = xml_on_error;
	/* Never XML_PARSE_NOENT, DTDLOAD, DTDVALID or HUGE: entities stay
	 * references, nothing outside data is read, and libxml2 keeps its
	 * limits on entity amplification, depth and text sizes. */
	int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
		   XML_PARSE_NOCDATA;
	p->doc = xmlCtxtReadMemory(ctxt, data, (int)len, p->base_url, NULL, opts);
	int rc = 0;
	if (!p->doc || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		if (!err.have && e && e->message) {
			err.line = e->line > 0 ? (size_t)e->line : 0;
			err.message = one_line(e->message, strlen(e->message));
		}
		diag_add(p->d, p->name, err.line, "%s (feed not imported)",
			 err.message ? err.message : "malformed XML");
		rc = -1;
	}
	free(err.message);
	xmlFreeParserCtxt(ctxt);
	if (rc)
		return -1;
	xmlNodePtr root = xmlDocGetRootElement(p->doc);
	if (root && (is_el(root, "rss") || is_el(root, "RDF"))) {
		p->f->kind = FEED_RSS;
		rss_parse(p, root);
	} else if (root && is_el(root, "feed")) {
		p->f->kind = FEED_ATOM;
		atom_parse(p, root);
	} else {
		diag_add(p->d, p->name, root ? line_of_node(root) : 0,
			 "not an RSS or Atom feed (not imported)");
		return -1;
	}
	return 0;
}

/* ---- JSON Feed ---- */

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static char *jline(json_t *o, const char *key, bool html)
{
	const char *s = jstr(o, key);
	if (!s)
		return xstrdup("");
	return html || looks_html(s) ? html_line(s, strlen(s)) : one_line(s, strlen(s));
}

static char *json_author(json_t *it)
{
	json_t *a = json_object_get(it, "author");
	json_t *as = json_object_get(it, "authors");
	if (!json_is_object(a) && json_is_array(as))
		a = json_array_get(as, 0);
	return json_is_object(a) ? jline(a, "name", false) : xstrdup("");
}

static void json_item(struct fp *p, json_t *o)
{
	struct feed_item it;
	item_init(&it);
	set_str(&it.title, jline(o, "title", false));
	json_t *id = json_object_get(o, "id");
	if (json_is_string(id)) {
		set_str(&it.guid, one_line(json_string_value(id), strlen(json_string_value(id))));
	} else if (json_is_integer(id)) {	/* the spec says string; some write numbers */
		char n[32];
		snprintf(n, sizeof n, "%" JSON_INTEGER_FORMAT, json_integer_value(id));
		set_str(&it.guid, xstrdup(n));
	}
	const char *url = jstr(o, "url") ? jstr(o, "url") : jstr(o, "external_url");
	set_link(p, &it.url, url, p->feed_base, 0);
	item_date(p, &it, jstr(o, "date_published") ? jstr(o, "date_published") :
		  jstr(o, "date_modified"), 0);
	set_str(&it.author, json_author(o));
	set_str(&it.lang, jline(o, "language", false));
	const char *html = jstr(o, "content_html"), *text = jstr(o, "content_text");
	const char *summary = jstr(o, "summary");
	if (html)
		item_content(&it, xstrdup(html), strlen(html), true, false);
	else if (text)
		item_content(&it, xstrdup(text), strlen(text), false, false);
	else if (summary)
		item_content(&it, xstrdup(summary), strlen(summary), false, true);
	item_keep(p, &it);
}

static int json_parse(struct fp *p, const char *data, size_t len)
{
	json_error_t err;
	json_t *root = json_loadb(data, len, 0, &err);
	if (!root) {
		char *m = one_line(err.text, strlen(err.text));
		diag_add(p->d, p->name, err.line > 0 ? (size_t)err.line : 0,
			 "%s (feed not imported)", m);
		free(m);
		return -1;
	}
	const char *version = json_is_object(root) ? jstr(root, "version") : NULL;
	if (!version || !strstr(version, "jsonfeed.org/version/")) {
		diag_add(p->d, p->name, 0, "not a JSON Feed: no jsonfeed.org version "
			 "(not imported)");
		json_decref(root);
		return -1;
	}
	p->f->kind = FEED_JSON;
	set_str(&p->f->title, jline(root, "title", false));
	set_str(&p->f->lang, jline(root, "language", false));
	set_link(p, &p->f->url, jstr(root, "home_page_url"), p->base_url, 0);
	const char *self = p->base_url ? p->base_url : jstr(root, "feed_url");
	char *self_abs = self ? url_resolve(self, NULL) : NULL;
	p->feed_base = xstrdup(self_abs ? self_abs : p->f->url);
	free(self_abs);
	json_t *items = json_object_get(root, "items");
	size_t i;
	json_t *o;
	json_array_foreach(items, i, o)
		if (json_is_object(o))
			json_item(p, o);
	json_decref(root);
	return 0;
}

/* ---- the feed ---- */

static const char *skip_blanks(const char *s, const char *end)
{
	while (s < end && blank(*s))
		s++;
	return s;
}

/* Moves s past the first close at or after s; false when there is none. */
static bool skip_past(const char **s, const char *end, const char *close)
{
	size_t n = strlen(close);
	for (const char *p = *s; p + n <= end; p++)
		if (memcmp(p, close, n) == 0) {
			*s = p + n;
			return true;
		}
	return false;
}

/* Past "<!DOCTYPE ... [ internal subset ]>". */
static bool skip_doctype(const char **s, const char *end)
{
	const char *p = *s;
	while (p < end && *p != '>' && *p != '[')
		p++;
	if (p < end && *p == '[' && !skip_past(&p, end, "]"))
		return false;
	if (!skip_past(&p, end, ">"))
		return false;
	*s = p;
	return true;
}

enum feed_kind feed_sniff(const char *data, size_t len)
{
	const char *s = data, *end = data + (len < SNIFF_SCAN ? len : SNIFF_SCAN);
	if (end - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	for (;;) {
		s = skip_blanks(s, end);
		if (s < end && *s == '{') {
			size_t n = (size_t)(end - s) < JSON_SNIFF ? (size_t)(end - s) : JSON_SNIFF;
			for (size_t i = 0; i + 12 <= n; i++)
				if (memcmp(s + i, "jsonfeed.org", 12) == 0)
					return FEED_JSON;
			return FEED_NONE;
		}
		if (s >= end || *s != '<')
			return FEED_NONE;
		bool ok = true;
		if (starts_ci(s, end, "<?"))
			ok = skip_past(&s, end, "?>");
		else if (starts_ci(s, end, "<!--"))
			ok = skip_past(&s, end, "-->");
		else if (starts_ci(s, end, "<!DOCTYPE"))
			ok = skip_doctype(&s, end);
		else
			break;
		if (!ok)
			return FEED_NONE;
	}
	const char *name = ++s;
	while (s < end && !blank(*s) && *s != '>' && *s != '/')
		s++;
	const char *colon = memchr(name, ':', (size_t)(s - name));
	const char *local = colon ? colon + 1 : name;
	size_t n = (size_t)(s - local);
	if (n == 3 && memcmp(local, "rss", 3) == 0 && !colon)
		return FEED_RSS;
	if (n == 3 && memcmp(local, "RDF", 3) == 0)
		return FEED_RSS;
	if (n == 4 && memcmp(local, "feed", 4) == 0)
		return FEED_ATOM;
	return FEED_NONE;
}

static void feed_init(struct feed *f)
{
	memset(f, 0, sizeof *f);
	f->title = xstrdup("");
	f->url = xstrdup("");
	f->lang = xstrdup("");
}

int feed_parse(const char *name, const char *data, size_t len,
	       const char *base_url, struct feed *out, struct diag *d)
{
	feed_init(out);
	struct fp p = { name, base_url && is_http(base_url) ? base_url : NULL,
			out, d, NULL, NULL, 0 };
	enum feed_kind kind = feed_sniff(data, len);
	int rc;
	if (len > FEED_MAX_SIZE) {
		diag_add(d, name, 0, "too large (%zu bytes, limit 16 MiB; not imported)", len);
		rc = -1;
	} else if (kind == FEED_NONE) {
		diag_add(d, name, 0, "not an RSS, Atom or JSON feed (not imported)");
		rc = -1;
	} else {
		rc = kind == FEED_JSON ? json_parse(&p, data, len) : xml_parse(&p, data, len);
	}
	if (p.doc)
		xmlFreeDoc(p.doc);
	free(p.feed_base);
	if (rc) {
		for (size_t i = 0; i < out->nitems; i++)
			item_free(&out->items[i]);
		free(out->items);
		out->items = NULL;
		out->nitems = 0;
	}
	return rc;
}

void feed_free(struct feed *f)
{
	for (size_t i = 0; i < f->nitems; i++)
		item_free(&f->items[i]);
	free(f->items);
	free(f->title);
	free(f->url);
	free(f->lang);
	memset(f, 0, sizeof *f);
}
