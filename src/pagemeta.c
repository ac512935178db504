/* pagemeta.c: a page's metadata, gathered in one walk over the tree and
 * chosen in order of trust; the title cleared of " | Site" and the like
 * by what the page says its site is called. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>
#include "buf.h"
#include "dates.h"
#include "html_md.h"
#include "pagemeta.h"
#include "text.h"

#define LD_DEPTH	8	/* JSON-LD nesting searched for articles */
#define LD_MAX		64	/* JSON-LD objects kept for @id references */
#define H1_MAX		8	/* first-level headings kept as title witnesses */
#define TIME_MAX	32	/* <time> elements considered */
#define META_MAX	512	/* <meta> elements considered */
#define TEXT_MAX	2000	/* a longer title, name or date is no metadata */

/* schema.org types of a news or blog article. */
static const char *const article_types[] = {
	"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
	"OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle",
	"AskPublicQuestionArticle", "BlogPosting", "LiveBlogPosting", "Report",
	"SatiricalArticle", "ScholarlyArticle", "TechArticle", "SocialMediaPosting",
	"DiscussionForumPosting", NULL
};

/* <meta> names and properties of a publication date (never an update). */
static const char *const date_names[] = {
	"article:published_time", "og:article:published_time", "published_time",
	"datepublished", "date", "pubdate", "publishdate", "publish-date",
	"publish_date", "published-date", "publication_date", "publication-date",
	"article.published", "article_date_original", "original-publish-date",
	"dc.date", "dc.date.issued", "dc.date.created", "dcterms.date",
	"dcterms.issued", "dcterms.created", "sailthru.date", "parsely-pub-date",
	"date_published", "originalpublicationdate", "iso-8601-publish-date",
	"displaydate", "created", NULL
};

/* ---- collected facts ---- */

struct ld {
	char *headline, *date, *publisher, *lang, *url, *author, *website;
};

struct meta {
	char *key;	/* name, property, itemprop or http-equiv, lower case */
	char *value;
};

struct timeel {
	char *value;		/* the datetime attribute, else the text */
	int rank;		/* higher: more likely the publication date */
};

struct facts {
	const char *url_hint;
	struct ld ld;
	bool have_ld;
	json_t *ids[LD_MAX];	/* borrowed: objects with an "@id" */
	size_t nids;
	struct meta meta[META_MAX];
	size_t nmeta;
	char *html_lang, *title_el, *base_href, *canonical;
	char *md_headline, *md_date, *md_author, *md_publisher;
	const xmlNode *h1[H1_MAX];
	char *h1_text[H1_MAX];
	size_t nh1;
	struct timeel times[TIME_MAX];
	size_t ntimes;
};

/* Cleaned text (whitespace collapsed, controls dropped, trimmed); NULL
 * for "" or a text too long to be metadata. */
static char *clean(const char *s, size_t n)
{
	if (!s || n > TEXT_MAX)
		return NULL;
	struct buf b = BUF_INIT;
	html_md_clean(&b, s, n);
	while (b.len && b.data[b.len - 1] == ' ')
		b.data[--b.len] = '\0';
	if (!b.len) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* Entities left in JSON-LD strings ("Rock &amp; Roll") decoded. */
static char *decode_entities(const char *s)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; s[i]; ) {
		const char *semi = s[i] == '&' ? strchr(s + i, ';') : NULL;
		uint32_t c = 0;
		if (semi && semi - s - (long)i <= 32 && semi > s + i + 1) {
			char name[40];
			snprintf(name, sizeof name, "%.*s", (int)(semi - s - (long)i - 1), s + i + 1);
			if (name[0] == '#') {
				char *end;
				bool hex = name[1] == 'x' || name[1] == 'X';
				unsigned long v = strtoul(name + 1 + hex, &end, hex ? 16 : 10);
				c = *end == '\0' && end != name + 1 + hex && v < 0x110000 ? (uint32_t)v : 0;
			} else {
				const htmlEntityDesc *e = htmlEntityLookup((const xmlChar *)name);
				c = e ? e->value : 0;
			}
		}
		if (!c || (c >= 0xD800 && c <= 0xDFFF)) {
			buf_addc(&b, s[i++]);
			continue;
		}
		char u[4];
		int k = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		if (k == 1)
			u[0] = (char)c;
		else {
			for (int j = k - 1; j > 0; j--, c >>= 6)
				u[j] = (char)(0x80 | (c & 0x3F));
			u[0] = (char)((k == 2 ? 0xC0 : k == 3 ? 0xE0 : 0xF0) | c);
		}
		buf_add(&b, u, (size_t)k);
		i = (size_t)(semi - s) + 1;
	}
	return buf_detach(&b, NULL);
}

/* ---- JSON-LD ---- */

static bool type_is(const char *t, const char *const *names)
{
	const char *slash = strrchr(t, '/'), *colon = strrchr(t, ':');
	const char *base = slash > colon ? slash + 1 : colon ? colon + 1 : t;
	for (size_t i = 0; names[i]; i++)
		if (strcmp(base, names[i]) == 0)
			return true;
	return false;
}

static bool ld_has_type(json_t *o, const char *const *names)
{
	json_t *t = json_object_get(o, "@type");
	if (json_is_string(t))
		return type_is(json_string_value(t), names);
	size_t i;
	json_t *v;
	json_array_foreach(t, i, v)
		if (json_is_string(v) && type_is(json_string_value(v), names))
			return true;
	return false;
}

/* A cleaned, entity-decoded copy of a JSON string, else NULL. */
static char *ld_str(json_t *v)
{
	if (!json_is_string(v))
		return NULL;
	char *d = decode_entities(json_string_value(v));
	char *c = clean(d, strlen(d));
	free(d);
	return c;
}

static json_t *ld_resolve(struct facts *f, json_t *v)
{
	json_t *id = json_object_get(v, "@id");
	if (!json_is_object(v) || !json_is_string(id) || json_object_get(v, "name"))
		return v;
	for (size_t i = 0; i < f->nids; i++) {
		json_t *other = json_object_get(f->ids[i], "@id");
		if (f->ids[i] != v && json_is_string(other) &&
		    strcmp(json_string_value(other), json_string_value(id)) == 0)
			return f->ids[i];
	}
	return v;
}

/* The name of a person or organisation (a string, {name}, an @id
 * reference or an array of those, names joined by ", "). */
static char *ld_name(struct facts *f, json_t *v)
{
	if (json_is_string(v))
		return ld_str(v);
	if (json_is_object(v)) {
		json_t *o = ld_resolve(f, v);
		json_t *name = json_object_get(o, "name");
		return json_is_object(name) ? ld_str(json_object_get(name, "@value")) : ld_str(name);
	}
	struct buf b = BUF_INIT;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		if (json_is_array(x))
			continue;
		char *s = ld_name(f, x);
		if (s && !strstr(buf_str(&b), s))
			buf_addf(&b, "%s%s", b.len ? ", " : "", s);
		free(s);
		if (i >= 8)
			break;
	}
	return b.len ? buf_detach(&b, NULL) : (buf_free(&b), NULL);
}

/* A URL: a string, or {"@id"} / {"url"}. */
static char *ld_url(json_t *v)
{
	if (json_is_object(v)) {
		json_t *id = json_object_get(v, "@id");
		return ld_str(json_is_string(id) ? id : json_object_get(v, "url"));
	}
	if (json_is_array(v))
		return ld_url(json_array_get(v, 0));
	return ld_str(v);
}

static void ld_article(struct facts *f, json_t *o)
{
	struct ld *a = &f->ld;
	if (f->have_ld && a->headline)
		return;	/* the first article with a headline is the page's */
	f->have_ld = true;
	free(a->headline);
	a->headline = ld_str(json_object_get(o, "headline"));
	if (!a->headline)
		a->headline = ld_str(json_object_get(o, "name"));
	if (!a->date) {
		a->date = ld_str(json_object_get(o, "datePublished"));
		if (!a->date)
			a->date = ld_str(json_object_get(o, "dateCreated"));
	}
	if (!a->publisher)
		a->publisher = ld_name(f, json_object_get(o, "publisher"));
	if (!a->lang) {
		json_t *l = json_object_get(o, "inLanguage");
		if (json_is_object(l))
			l = json_object_get(l, json_object_get(l, "alternateName") ?
					       "alternateName" : "name");
		a->lang = ld_str(l);
	}
	if (!a->url) {
		a->url = ld_url(json_object_get(o, "mainEntityOfPage"));
		if (!a->url)
			a->url = ld_url(json_object_get(o, "url"));
	}
	if (!a->author)
		a->author = ld_name(f, json_object_get(o, "author"));
}

static void ld_index(struct facts *f, json_t *v, int depth)
{
	if (depth > LD_DEPTH)
		return;
	size_t i;
	json_t *x;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			ld_index(f, x, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if (json_is_string(json_object_get(v, "@id")) && f->nids < LD_MAX)
		f->ids[f->nids++] = v;
	ld_index(f, json_object_get(v, "@graph"), depth + 1);
}

static void ld_visit(struct facts *f, json_t *v, int depth)
{
	static const char *const site_types[] = { "WebSite", NULL };
	if (depth > LD_DEPTH)
		return;
	size_t i;
	json_t *x;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			ld_visit(f, x, depth + 1);
		return;
	}
	if (!json_is_object(v))
		return;
	if (ld_has_type(v, article_types))
		ld_article(f, v);
	else if (ld_has_type(v, site_types) && !f->ld.website)
		f->ld.website = ld_str(json_object_get(v, "name"));
	ld_visit(f, json_object_get(v, "@graph"), depth + 1);
	ld_visit(f, json_object_get(v, "mainEntity"), depth + 1);
}

static void ld_read(struct facts *f, const char *text)
{
	size_t n = strlen(text);
	const char *s = text;
	/* "<!--" ... "-->" and CDATA wrappers that some pages keep */
	while (n && strchr(" \t\r\n", *s))
		s++, n--;
	if (n >= 4 && memcmp(s, "<!--", 4) == 0)
		s += 4, n -= 4;
	while (n && strchr(" \t\r\n;", s[n - 1]))
		n--;
	if (n >= 3 && memcmp(s + n - 3, "-->", 3) == 0)
		n -= 3;
	json_error_t err;
	json_t *root = json_loadb(s, n, JSON_DECODE_ANY, &err);
	if (!root)
		return;
	f->nids = 0;
	ld_index(f, root, 0);
	ld_visit(f, root, 0);
	f->nids = 0;	/* the objects go with root */
	json_decref(root);
}

/* ---- the walk ---- */

static char *attr_lower(const xmlNode *n, const char *name)
{
	char *v = html_md_attr(n, name);
	for (char *p = v; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	return v;
}

/* Does the space-separated list v hold word (compared ignoring case)? */
static bool has_token(const char *v, const char *word)
{
	size_t wn = strlen(word);
	for (const char *p = v; p && *p; ) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		const char *e = p;
		while (*e && *e != ' ' && *e != '\t' && *e != '\n')
			e++;
		if ((size_t)(e - p) == wn && strncasecmp(p, word, wn) == 0)
			return true;
		p = e;
	}
	return false;
}

static void meta_add(struct facts *f, char *key, const xmlNode *n)
{
	char *content = html_md_attr(n, "content");
	if (!content)
		content = html_md_attr(n, "datetime");
	char *v = content ? clean(content, strlen(content)) : NULL;
	free(content);
	if (!v || f->nmeta == META_MAX) {
		free(v);
		free(key);
		return;
	}
	f->meta[f->nmeta++] = (struct meta){ key, v };
}

static void on_meta(struct facts *f, const xmlNode *n)
{
	static const char *const keys[] = { "property", "name", "itemprop", "http-equiv" };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char *k = attr_lower(n, keys[i]);
		if (k) {
			/* "og:title" and "twitter:title" may share one property */
			meta_add(f, k, n);
			return;
		}
	}
}

/* Is any ancestor of n (or n) of a class or id suggesting it is not the
 * article's own (comments, related stories, footers)? */
static bool in_other_region(const xmlNode *n)
{
	static const char *const words[] = { "comment", "related", "footer",
					     "sidebar", "recommend", "teaser",
					     "promo", "widget", NULL };
	for (int d = 0; n && d < 12; n = n->parent, d++) {
		if (html_md_is(n, "footer") || html_md_is(n, "aside") || html_md_is(n, "nav"))
			return true;
		for (int a = 0; a < 2; a++) {
			char *v = attr_lower(n, a ? "id" : "class");
			bool hit = false;
			for (size_t i = 0; v && words[i] && !hit; i++)
				hit = strstr(v, words[i]) != NULL;
			free(v);
			if (hit)
				return true;
		}
	}
	return false;
}

static bool inside(const xmlNode *n, const char *tag, int depth)
{
	for (int d = 0; n && d < depth; n = n->parent, d++)
		if (html_md_is(n, tag))
			return true;
	return false;
}

static void on_time(struct facts *f, const xmlNode *n)
{
	if (f->ntimes == TIME_MAX)
		return;
	char *dt = html_md_attr(n, "datetime");
	char *v = dt ? clean(dt, strlen(dt)) : NULL;
	free(dt);
	if (!v) {
		size_t tn;
		char *t = html_md_text(n, &tn);
		v = clean(t, tn);
		free(t);
	}
	if (!v)
		return;
	int rank = 0;
	char *ip = attr_lower(n, "itemprop"), *cl = attr_lower(n, "class"),
	     *id = attr_lower(n, "id");
	const char *parts[] = { ip, cl, id };
	for (size_t i = 0; i < 3; i++) {
		if (!parts[i])
			continue;
		if (strstr(parts[i], "publish") || strstr(parts[i], "pubdate") ||
		    strstr(parts[i], "posted") || strstr(parts[i], "created"))
			rank += 4;
		if (strstr(parts[i], "modif") || strstr(parts[i], "update"))
			rank -= 6;
	}
	free(ip), free(cl), free(id);
	if (xmlHasProp(n, (const xmlChar *)"pubdate"))
		rank += 4;
	if (inside(n, "header", 8) || inside(n, "article", 12))
		rank += 2;
	if (in_other_region(n))
		rank -= 8;
	f->times[f->ntimes++] = (struct timeel){ v, rank };
}

/* Microdata: itemprop="headline", "datePublished", "author", "publisher". */
static void on_itemprop(struct facts *f, const xmlNode *n, const char *ip)
{
	char **slot = has_token(ip, "headline") ? &f->md_headline :
		      has_token(ip, "datepublished") ? &f->md_date :
		      has_token(ip, "author") ? &f->md_author :
		      has_token(ip, "publisher") ? &f->md_publisher : NULL;
	if (!slot || *slot || html_md_is(n, "meta"))
		return;
	char *v = html_md_attr(n, "content");
	if (!v && slot == &f->md_date)
		v = html_md_attr(n, "datetime");
	if (!v) {
		const xmlNode *name = n;
		/* author/publisher: the itemprop="name" inside, when there is one */
		for (const xmlNode *c = n->children; c && slot != &f->md_headline; c = c->next) {
			char *cip = attr_lower(c, "itemprop");
			if (cip && has_token(cip, "name"))
				name = c;
			free(cip);
		}
		v = html_md_text(name, NULL);
	}
	*slot = clean(v, strlen(v));
	free(v);
}

static bool collect_enter(xmlNode *n, void *ctx);

static void collect(xmlDoc *doc, struct facts *f)
{
	xmlNode *root = (xmlNode *)doc, *n = root;
	for (;;) {
		bool in = collect_enter(n, f);
		if (in && n->children) {
			n = n->children;
			continue;
		}
		while (n != root && !n->next)
			n = n->parent;
		if (n == root)
			return;
		n = n->next;
	}
}

static bool collect_enter(xmlNode *n, void *ctx)
{
	struct facts *f = ctx;
	if (n->type == XML_DOCUMENT_NODE || n->type == XML_HTML_DOCUMENT_NODE)
		return true;
	if (n->type != XML_ELEMENT_NODE)
		return false;
	const char *tag = (const char *)n->name;
	if (strcmp(tag, "html") == 0 && !f->html_lang)
		f->html_lang = html_md_attr(n, "lang");
	else if (strcmp(tag, "title") == 0 && !f->title_el) {
		char *t = (char *)xmlNodeGetContent(n);	/* never text in a body */
		f->title_el = t ? clean(t, strlen(t)) : NULL;
		xmlFree(t);
	}
	else if (strcmp(tag, "base") == 0 && !f->base_href)
		f->base_href = html_md_attr(n, "href");
	else if (strcmp(tag, "meta") == 0)
		on_meta(f, n);
	else if (strcmp(tag, "link") == 0 && !f->canonical) {
		char *rel = html_md_attr(n, "rel");
		if (rel && has_token(rel, "canonical"))
			f->canonical = html_md_attr(n, "href");
		free(rel);
	} else if (strcmp(tag, "script") == 0) {
		char *type = attr_lower(n, "type");
		if (type && strstr(type, "ld+json")) {
			char *text = (char *)xmlNodeGetContent(n);
			if (text)
				ld_read(f, text);
			xmlFree(text);
		}
		free(type);
		return false;
	} else if (strcmp(tag, "time") == 0)
		on_time(f, n);
	else if (strcmp(tag, "h1") == 0 && f->nh1 < H1_MAX && !html_md_never_text(n)) {
		f->h1[f->nh1] = n;
		f->h1_text[f->nh1++] = html_md_text(n, NULL);
	}
	if (strcmp(tag, "style") == 0 || strcmp(tag, "template") == 0)
		return false;
	char *ip = attr_lower(n, "itemprop");
	if (ip)
		on_itemprop(f, n, ip);
	free(ip);
	return true;
}

static const char *meta_get(const struct facts *f, const char *key)
{
	for (size_t i = 0; i < f->nmeta; i++)
		if (strcmp(f->meta[i].key, key) == 0)
			return f->meta[i].value;
	return NULL;
}

/* ---- the title ---- */

/* Separators between a headline and a site's name. */
static const char *const title_seps[] = {
	" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ",
	" \xC2\xBB ", " // ", " \xE2\x80\xA2 ", NULL
};

/* The separator at s[i] (its length), 0 if none. */
static size_t sep_at(const char *s, size_t i)
{
	for (size_t k = 0; title_seps[k]; k++) {
		size_t l = strlen(title_seps[k]);
		if (strncmp(s + i, title_seps[k], l) == 0)
			return l;
	}
	return 0;
}

struct names {
	char *key[8];
	size_t n;
};

static void names_add(struct names *nm, const char *s)
{
	if (!s || !*s || nm->n == 8)
		return;
	char *k = html_md_key(s, strlen(s));
	if (strlen(k) < 2) {
		free(k);
		return;
	}
	nm->key[nm->n++] = k;
}

/* "www.harbor-city-times.co.uk" -> its name part "harborcitytimes". */
static void names_add_host(struct names *nm, const char *url)
{
	if (!url)
		return;
	const char *p = strstr(url, "://");
	if (!p)
		return;
	p += 3;
	size_t n = strcspn(p, "/:?#");
	char host[256];
	snprintf(host, sizeof host, "%.*s", (int)(n < 255 ? n : 255), p);
	char *labels[16];
	size_t nl = 0;
	for (char *s = host, *save = NULL, *t; nl < 16 && (t = strtok_r(s, ".", &save)); s = NULL)
		labels[nl++] = t;
	/* the label before the public suffix: skip "www", "com", "co"... */
	for (size_t i = 0; i < nl; i++) {
		size_t len = strlen(labels[i]);
		bool generic = strcmp(labels[i], "www") == 0 || strcmp(labels[i], "m") == 0 ||
			       strcmp(labels[i], "amp") == 0 || i + 1 == nl ||
			       (len <= 3 && i + 2 == nl);
		if (!generic && len >= 3) {
			names_add(nm, labels[i]);
			return;
		}
	}
}

static void names_free(struct names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->key[i]);
	nm->n = 0;
}

/* Is the part s[0..n) of a title a site's name? */
static bool part_is_site(const struct names *nm, const char *s, size_t n)
{
	char *k = html_md_key(s, n);
	size_t kn = strlen(k);
	bool yes = false;
	for (size_t i = 0; i < nm->n && !yes && kn >= 2; i++) {
		size_t sn = strlen(nm->key[i]);
		yes = strcmp(k, nm->key[i]) == 0 ||
		      (kn >= 4 && sn >= 4 && (strstr(k, nm->key[i]) || strstr(nm->key[i], k)) &&
		       (kn < 2 * sn && sn < 2 * kn + 8));
	}
	free(k);
	return yes;
}

static size_t word_count(const char *s, size_t n)
{
	size_t w = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool sp = s[i] == ' ';
		w += !sp && !in;
		in = !sp;
	}
	return w;
}

/* Does s[0..n) look like a name rather than a sentence: at most five
 * words, each longer than three letters in capitals, or a domain
 * ("AgenziaMeridiana.it")? */
static bool name_like(const char *s, size_t n)
{
	size_t words = word_count(s, n);
	if (words == 0 || words > 5)
		return false;
	bool dot = false;
	for (size_t i = 1; i + 1 < n; i++)
		dot |= s[i] == '.' && s[i - 1] != ' ' && s[i + 1] != ' ';
	if (dot)
		return true;
	for (size_t i = 0; i < n; ) {
		while (i < n && s[i] == ' ')
			i++;
		size_t e = i;
		while (e < n && s[e] != ' ')
			e++;
		const unsigned char *w = (const unsigned char *)s + i;
		bool cap = (w[0] >= 'A' && w[0] <= 'Z') || (w[0] >= '0' && w[0] <= '9') ||
			   (w[0] == 0xC3 && e - i > 1 && w[1] >= 0x80 && w[1] <= 0x9E);
		if (e - i > 3 && !cap)
			return false;
		i = e;
	}
	return true;
}

/* Does s[0..n) fold equal to one of the other title witnesses? */
static bool witnessed(const char *s, size_t n, char *const *others, size_t no)
{
	char *k = html_md_key(s, n);
	bool yes = false;
	for (size_t i = 0; i < no && !yes; i++) {
		if (!others[i])
			continue;
		char *o = html_md_key(others[i], strlen(others[i]));
		yes = *k && strcmp(k, o) == 0;
		free(o);
	}
	free(k);
	return yes;
}

/* Cuts site decorations off title t (in place); the cut part, when it
 * named the site, goes to *site_part (malloc'd) if that is NULL. The
 * first nh of others are the page's visible headlines (h1): when one of
 * them is the whole title, it has no decoration. */
static void title_strip(char *t, const struct names *nm, char *const *others,
			size_t no, size_t nh, char **site_part)
{
	size_t n = strlen(t);
	if (witnessed(t, n, others, nh))
		return;
	for (int round = 0; round < 4; round++) {
		size_t first = 0, fl = 0, last = 0, ll = 0;
		for (size_t i = 0; i < n; i++) {
			size_t l = sep_at(t, i);
			if (!l)
				continue;
			if (!fl)
				first = i, fl = l;
			last = i, ll = l;
			i += l - 1;
		}
		if (!fl)
			return;
		const char *tail = t + last + ll;
		size_t tn = n - last - ll;
		bool cut_tail = part_is_site(nm, tail, tn);
		bool cut_head = !cut_tail && part_is_site(nm, t, first);
		/* a side that another source has as the headline */
		if (!cut_tail && !cut_head) {
			for (size_t i = n; i-- > 1; ) {
				size_t l = sep_at(t, i);
				if (l && witnessed(t, i, others, no)) {
					if (!*site_part)
						*site_part = clean(t + i + l, n - i - l);
					t[i] = '\0';
					return;
				}
				if (l && witnessed(t + i + l, n - i - l, others, no)) {
					if (!*site_part)
						*site_part = clean(t, i);
					memmove(t, t + i + l, n - i - l + 1);
					return;
				}
			}
		}
		/* no witness: the side that reads as a name, else a short last
		 * part after a bar */
		if (!cut_tail && !cut_head) {
			bool tail_name = name_like(tail, tn), head_name = name_like(t, first);
			/* "Putin – Kim: ..." is a headline: a dash only ends one */
			bool strong_last = !(strncmp(t + last, " - ", 3) == 0 ||
					     strncmp(t + last, " \xE2\x80\x93 ", 5) == 0);
			bool strong_first = !(strncmp(t + first, " - ", 3) == 0 ||
					      strncmp(t + first, " \xE2\x80\x93 ", 5) == 0);
			if (tail_name && !head_name && (strong_last || word_count(t, last) >= 3))
				cut_tail = true;
			else if (head_name && !tail_name && strong_first)
				cut_head = true;
			else if ((strncmp(t + last, " | ", 3) == 0 || strncmp(t + last, " :: ", 4) == 0 ||
				  strncmp(t + last, " - ", 3) == 0 ||
				  strncmp(t + last, " \xE2\x80\x94 ", 5) == 0) &&
				 word_count(tail, tn) <= 4 && word_count(t, last) >= 3)
				cut_tail = true;
		}
		if (cut_tail) {
			if (!*site_part)
				*site_part = clean(tail, tn);
			t[last] = '\0';
			n = last;
		} else if (cut_head) {
			if (!*site_part)
				*site_part = clean(t, first);
			memmove(t, t + first + fl, n - first - fl + 1);
			n -= first + fl;
		} else {
			return;
		}
	}
}

/* ---- choosing ---- */

static const char *first_of(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] && *v[i])
			return v[i];
	return NULL;
}

static char *pick_date(const struct facts *f)
{
	char iso[11];
	const char *tries[4] = { f->ld.date, NULL, f->md_date, NULL };
	for (size_t i = 0; date_names[i] && !tries[1]; i++) {
		const char *v = meta_get(f, date_names[i]);
		if (v && dates_parse_meta(v, iso) == 0)
			tries[1] = v;
	}
	for (size_t i = 0; i < 3; i++)
		if (tries[i] && dates_parse_meta(tries[i], iso) == 0)
			return xstrdup(iso);
	/* <time>: the best ranked, the first among equals */
	int best = -100;
	for (size_t i = 0; i < f->ntimes; i++)
		if (f->times[i].rank > best && dates_parse_meta(f->times[i].value, iso) == 0) {
			best = f->times[i].rank;
			tries[3] = f->times[i].value;
		}
	if (tries[3] && best > -4 && dates_parse_meta(tries[3], iso) == 0)
		return xstrdup(iso);
	return xstrdup("");
}

/* An absolute http(s) URL of u against base, else NULL. */
static char *absolute(const char *u, const char *base)
{
	if (!u || !*u)
		return NULL;
	char *r = html_md_resolve(base, u);
	if (r && strncasecmp(r, "http://", 7) && strncasecmp(r, "https://", 8)) {
		free(r);
		r = NULL;
	}
	return r;
}

static char *pick_url(const struct facts *f)
{
	const char *base = f->url_hint;
	const char *tries[] = { f->ld.url, meta_get(f, "og:url"), f->canonical, f->url_hint };
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		char *u = absolute(tries[i], base);
		if (u)
			return u;
	}
	return xstrdup("");
}

static char *pick_lang(const struct facts *f)
{
	const char *tries[] = {
		f->ld.lang, meta_get(f, "og:locale"), meta_get(f, "content-language"),
		meta_get(f, "language"), meta_get(f, "dc.language"), f->html_lang,
	};
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		char *p = tries[i] ? pagemeta_lang_primary(tries[i]) : NULL;
		bool ok = p && *p;
		free(p);
		if (ok) {
			char *c = clean(tries[i], strlen(tries[i]));
			if (c)
				return c;
		}
	}
	return xstrdup("");
}

char *pagemeta_lang_primary(const char *lang)
{
	size_t i = 0;
	while (lang[i] == ' ')
		i++;
	size_t st = i;
	while ((lang[i] | 32) >= 'a' && (lang[i] | 32) <= 'z' && i - st < 9)
		i++;
	size_t n = i - st;
	if (n < 2 || n > 3 || (lang[i] && lang[i] != '-' && lang[i] != '_' && lang[i] != ' ' &&
			       lang[i] != ',' && lang[i] != ';'))
		return xstrdup("");
	char *p = xstrndup(lang + st, n);
	for (char *c = p; *c; c++)
		*c = (char)(*c | 32);
	return p;
}

static char *pick_author(const struct facts *f)
{
	const char *tries[] = { f->ld.author, meta_get(f, "author"), meta_get(f, "dc.creator"),
				meta_get(f, "article:author"), f->md_author };
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++)
		if (tries[i] && *tries[i] && !strstr(tries[i], "://"))
			return xstrdup(tries[i]);
	return xstrdup("");
}

static char *pick_base(const struct facts *f, const char *url)
{
	const char *hint = f->url_hint && *f->url_hint ? f->url_hint : url;
	char *b = absolute(f->base_href, hint);
	if (b)
		return b;
	return xstrdup(hint && *hint ? hint : "");
}

/* The h1 whose text is the title (or starts it), else the first h1. */
static const xmlNode *pick_heading(const struct facts *f, const char *title)
{
	char *k = html_md_key(title, strlen(title));
	const xmlNode *best = NULL;
	for (size_t i = 0; i < f->nh1 && !best; i++) {
		char *h = html_md_key(f->h1_text[i], strlen(f->h1_text[i]));
		if (*h && (strcmp(h, k) == 0 || strstr(k, h) || strstr(h, k)))
			best = f->h1[i];
		free(h);
	}
	free(k);
	return best ? best : f->nh1 ? f->h1[0] : NULL;
}

static void pick_title(struct facts *f, struct pagemeta *m)
{
	const char *tries[] = {
		f->ld.headline, meta_get(f, "og:title"), meta_get(f, "twitter:title"),
		f->md_headline, f->title_el, f->nh1 ? f->h1_text[0] : NULL,
	};
	size_t nt = sizeof tries / sizeof tries[0];
	const char *raw = first_of(tries, nt);
	char *t = raw ? clean(raw, strlen(raw)) : NULL;
	if (!t) {
		m->title = xstrdup("");
		return;
	}
	struct names nm = { { 0 }, 0 };
	names_add(&nm, f->ld.publisher);
	names_add(&nm, meta_get(f, "og:site_name"));
	names_add(&nm, meta_get(f, "publisher"));
	names_add(&nm, meta_get(f, "dc.publisher"));
	names_add(&nm, meta_get(f, "application-name"));
	names_add(&nm, f->ld.website);
	names_add(&nm, f->md_publisher);
	names_add_host(&nm, m->url && *m->url ? m->url : f->url_hint);
	/* witnesses: the other sources, the h1s first */
	char *others[H1_MAX + 6];
	size_t no = 0;
	for (size_t i = 0; i < f->nh1; i++)
		others[no++] = f->h1_text[i];
	for (size_t i = 0; i < nt - 1; i++)
		if (tries[i] && tries[i] != raw)
			others[no++] = (char *)tries[i];
	char *site_part = NULL;
	title_strip(t, &nm, others, no, f->nh1, &site_part);
	names_free(&nm);
	m->title = t;
	if (!*m->site && site_part) {
		free(m->site);
		m->site = site_part;
	} else {
		free(site_part);
	}
}

static void pick_site(const struct facts *f, struct pagemeta *m)
{
	const char *tries[] = { f->ld.publisher, meta_get(f, "og:site_name"),
				meta_get(f, "publisher"), meta_get(f, "dc.publisher"),
				f->md_publisher, meta_get(f, "application-name"),
				f->ld.website };
	const char *s = first_of(tries, sizeof tries / sizeof tries[0]);
	m->site = xstrdup(s && !strstr(s, "://") ? s : "");
}

static void facts_free(struct facts *f)
{
	struct ld *a = &f->ld;
	free(a->headline), free(a->date), free(a->publisher), free(a->lang);
	free(a->url), free(a->author), free(a->website);
	for (size_t i = 0; i < f->nmeta; i++)
		free(f->meta[i].key), free(f->meta[i].value);
	for (size_t i = 0; i < f->nh1; i++)
		free(f->h1_text[i]);
	for (size_t i = 0; i < f->ntimes; i++)
		free(f->times[i].value);
	free(f->html_lang), free(f->title_el), free(f->base_href), free(f->canonical);
	free(f->md_headline), free(f->md_date), free(f->md_author), free(f->md_publisher);
}

void pagemeta_read(xmlDoc *doc, const char *url_hint, struct pagemeta *m)
{
	struct facts *f = xcalloc(1, sizeof *f);
	f->url_hint = url_hint;
	memset(m, 0, sizeof *m);
	if (doc)
		collect(doc, f);
	m->url = pick_url(f);
	pick_site(f, m);
	pick_title(f, m);
	m->date = pick_date(f);
	m->lang = pick_lang(f);
	m->author = pick_author(f);
	m->base = pick_base(f, m->url);
	m->heading = pick_heading(f, m->title);
	if (!*m->title && m->heading) {
		free(m->title);
		m->title = html_md_text(m->heading, NULL);
	}
	facts_free(f);
	free(f);
}

void pagemeta_free(struct pagemeta *m)
{
	free(m->title), free(m->site), free(m->date), free(m->url);
	free(m->lang), free(m->author), free(m->base);
	memset(m, 0, sizeof *m);
}
