/* query.c: the query language (see query.h): the parser, and the matching
 * of a query against the archive in memory, for the list. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "archive.h"
#include "article.h"
#include "buf.h"
#include "entity.h"
#include "query.h"
#include "state.h"
#include "stem.h"
#include "store.h"
#include "text.h"

/* ---- parsing ---- */

static const struct {
	const char *name;
	int kind;
} filters[] = {
	{ "entity", QUERY_ENTITY }, { "type", QUERY_TYPE }, { "source", QUERY_SOURCE },
	{ "date", QUERY_DATE }, { "lang", QUERY_LANG }, { "is", QUERY_IS },
};
#define NFILTERS (sizeof filters / sizeof *filters)
#define FILTER_LIST "entity: type: source: date: lang: is:"

const char *query_filter_name(int kind)
{
	for (size_t i = 0; i < NFILTERS; i++)
		if (filters[i].kind == kind)
			return filters[i].name;
	return "";
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void query_add(struct query *q, size_t *cap, struct query_item it)
{
	q->item = xgrow(q->item, cap, q->n + 1, sizeof *q->item);
	q->item[q->n++] = it;
}

/* Reads a quoted string starting after the opening quote; *p is left after
 * the closing one. An unbalanced quote takes the rest of the query. */
static char *parse_quoted(const char **p, struct diag *d)
{
	const char *s = *p, *e = strchr(s, '"');
	if (!e) {
		diag_add(d, "query", 0, "unbalanced quote (the phrase runs to the end)");
		*p = s + strlen(s);
		return xstrdup(s);
	}
	*p = e + 1;
	return xstrndup(s, (size_t)(e - s));
}

/* The filter kind named by s[0..n) ("source"...), or -1. */
static int filter_kind(const char *s, size_t n)
{
	for (size_t i = 0; i < NFILTERS; i++)
		if (strlen(filters[i].name) == n && strncasecmp(s, filters[i].name, n) == 0)
			return filters[i].kind;
	return -1;
}

static bool date_ok(const char *s)
{
	int y, m, dd;
	return s[0] && article_parse_date(s, &y, &m, &dd) == 0;
}

/* date:A, date:A..B, date:A.., date:..B */
static bool parse_date_value(struct query_item *it, struct diag *d)
{
	char *dots = strstr(it->text, "..");
	if (dots) {
		it->hi = xstrdup(dots + 2);
		*dots = '\0';
	}
	bool ok = dots ? (it->text[0] || it->hi[0]) &&
			 (!it->text[0] || date_ok(it->text)) &&
			 (!it->hi[0] || date_ok(it->hi))
		       : date_ok(it->text);
	if (!ok)
		diag_add(d, "query", 0, "date: expects YYYY, YYYY-MM or YYYY-MM-DD, or "
			 "a range FROM..TO (filter ignored)");
	return ok;
}

static bool parse_lang_value(struct query_item *it, struct diag *d)
{
	char code[STEM_LANG_MAX];
	stem_lang_code(it->text, code);
	if (!code[0]) {
		diag_add(d, "query", 0, "lang: expects a language code such as it or en "
			 "(filter ignored)");
		return false;
	}
	free(it->text);
	it->text = xstrdup(code);
	return true;
}

static bool parse_is_value(struct query_item *it, struct diag *d)
{
	if (strcasecmp(it->text, "unread") == 0)
		it->type = QUERY_IS_UNREAD;
	else if (strcasecmp(it->text, "flagged") == 0)
		it->type = QUERY_IS_FLAGGED;
	else {
		diag_add(d, "query", 0, "is: expects unread or flagged (filter ignored)");
		return false;
	}
	return true;
}

static bool parse_filter_value(struct query_item *it, struct diag *d)
{
	if (!it->text[0]) {
		diag_add(d, "query", 0, "%s: needs a value (filter ignored)",
			 query_filter_name(it->kind));
		return false;
	}
	switch (it->kind) {
	case QUERY_DATE:
		return parse_date_value(it, d);
	case QUERY_LANG:
		return parse_lang_value(it, d);
	case QUERY_IS:
		return parse_is_value(it, d);
	case QUERY_TYPE:
		it->type = entity_type_from_name(it->text);
		if (it->type <= ENTITY_NONE) {
			diag_add(d, "query", 0, "type: expects PER, LOC, ORG or MISC "
				 "(filter ignored)");
			return false;
		}
		return true;
	}
	return true;
}

static void item_free(struct query_item *it)
{
	free(it->text);
	free(it->hi);
}

/* NAME:VALUE with a name of letters that is no filter ("colour:red") is
 * most likely a mistyped filter: said, and read as a word. Times (10:30)
 * and addresses (http://...) are words without a word. */
static void check_unknown_filter(const char *s, const char *colon, const char *e,
				 struct diag *d)
{
	size_t n = (size_t)(colon - s);
	if (n < 2 || colon + 1 >= e || colon[1] == '/')
		return;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return;
	diag_add(d, "query", 0, "unknown filter %.*s: (filters are " FILTER_LIST
		 "; read as a word)", (int)n, s);
}

/* A word: a trailing '*' makes it a prefix; nothing left, no word. */
static void add_word(struct query *q, size_t *cap, bool exclude, const char *s,
		     size_t n)
{
	struct query_item it = { QUERY_WORD, exclude, false, NULL, NULL, 0 };
	while (n && s[n - 1] == '*') {
		it.prefix = true;
		n--;
	}
	if (!n)
		return;
	it.text = xstrndup(s, n);
	query_add(q, cap, it);
}

/* One word or filter starting at *p (not a space, not a quote). */
static void parse_token(const char **p, bool exclude, struct query *q,
			size_t *cap, struct diag *d)
{
	const char *s = *p, *e = s;
	while (*e && !is_space(*e) && *e != '"')
		e++;
	const char *colon = memchr(s, ':', (size_t)(e - s));
	int kind = colon ? filter_kind(s, (size_t)(colon - s)) : -1;
	*p = e;
	if (kind < 0) {
		if (colon)
			check_unknown_filter(s, colon, *e == '"' ? e + 1 : e, d);
		add_word(q, cap, exclude, s, (size_t)(e - s));
		return;
	}
	struct query_item it = { kind, exclude, false, NULL, NULL, 0 };
	if (colon + 1 == e && *e == '"') {
		*p = e + 1;
		it.text = parse_quoted(p, d);
	} else {
		it.text = xstrndup(colon + 1, (size_t)(e - colon - 1));
	}
	if (parse_filter_value(&it, d))
		query_add(q, cap, it);
	else
		item_free(&it);
}

static void parse_phrase(const char **p, bool exclude, struct query *q,
			 size_t *cap, struct diag *d)
{
	char *text = parse_quoted(p, d);
	struct query_item it = { QUERY_PHRASE, exclude, false, text, NULL, 0 };
	while (**p == '*') {
		it.prefix = true;
		(*p)++;
	}
	if (text[0])
		query_add(q, cap, it);
	else
		free(text);
}

struct query *query_parse(const char *str, struct diag *d)
{
	struct query *q = xcalloc(1, sizeof *q);
	size_t cap = 0;
	const char *p = str ? str : "";
	while (*p) {
		if (is_space(*p)) {
			p++;
			continue;
		}
		bool exclude = *p == '-' && p[1] && !is_space(p[1]);
		if (*p == '-' && !exclude) {
			p++;	/* a lone dash excludes nothing */
			continue;
		}
		p += exclude;
		if (*p == '"') {
			p++;
			parse_phrase(&p, exclude, q, &cap, d);
			continue;
		}
		parse_token(&p, exclude, q, &cap, d);
	}
	return q;
}

void query_free(struct query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		item_free(&q->item[i]);
	free(q->item);
	free(q);
}

bool query_has(const struct query *q, int kind)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->item[i].kind == kind)
			return true;
	return false;
}

bool query_only_words(const struct query *q)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->item[i].exclude ||
		    (q->item[i].kind != QUERY_WORD && q->item[i].kind != QUERY_PHRASE))
			return false;
	return true;
}

/* ---- entity keys, word by word ---- */

/* The next word of s at or after *i: a run of word characters, or one
 * character of a CJK run (as the full-text tokenizer cuts them). Sets
 * *w and *n; false at the end. */
static bool next_word(const char *s, size_t len, size_t *i, size_t *w, size_t *n)
{
	size_t l;
	while (*i < len && !text_is_word_char(s + *i, len - *i, &l))
		*i += l ? l : 1;
	if (*i >= len)
		return false;
	*w = *i;
	if (text_is_cjk(s + *i, len - *i, &l)) {
		*i += l;
	} else {
		while (*i < len && text_is_word_char(s + *i, len - *i, &l) &&
		       !text_is_cjk(s + *i, len - *i, &l))
			*i += l;
	}
	*n = *i - *w;
	return true;
}

/* Do the words of q follow one another in key from byte k on? */
static bool key_words_at(const char *key, size_t klen, size_t k, const char *q,
			 size_t qlen)
{
	size_t qi = 0, qw, qn, kw, kn;
	while (next_word(q, qlen, &qi, &qw, &qn)) {
		if (!next_word(key, klen, &k, &kw, &kn) || kn != qn ||
		    memcmp(key + kw, q + qw, qn) != 0)
			return false;
	}
	return true;
}

bool query_key_has(const char *key, const char *qkey)
{
	size_t klen = strlen(key), qlen = strlen(qkey), i = 0, qi = 0, w, n;
	if (!next_word(qkey, qlen, &qi, &w, &n))
		return false;	/* no word to look for */
	while (next_word(key, klen, &i, &w, &n))
		if (key_words_at(key, klen, w, qkey, qlen))
			return true;
	return false;
}

/* ---- matching in memory ---- */

struct query_match {
	const struct query *q;
	const struct store *s;
	const struct archive *a;
	const struct state *st;
	char **fold;		/* per item: words, phrases, sources folded */
	size_t *flen;
	bool **ent;		/* per entity item: per archive entity, a match */
	bool has_ents;		/* a has per-article entities */
};

static bool *entities_matching(const struct archive *a, const char *name)
{
	bool *ok = xcalloc(a->nent + 1, sizeof *ok);
	char *qkey = entity_key(name, strlen(name));
	for (size_t e = 0; e < a->nent && e < a->keys.n; e++)
		ok[e] = query_key_has(a->keys.str[e], qkey);
	free(qkey);
	return ok;
}

struct query_match *query_match_new(const struct query *q, const struct store *s,
				    const struct archive *a, const struct state *st)
{
	struct query_match *m = xcalloc(1, sizeof *m);
	*m = (struct query_match){ q, s, a, st, NULL, NULL, NULL, false };
	size_t n = q->n ? q->n : 1;
	m->fold = xcalloc(n, sizeof *m->fold);
	m->flen = xcalloc(n, sizeof *m->flen);
	m->ent = xcalloc(n, sizeof *m->ent);
	m->has_ents = a && a->doc_nent && a->doc_ent;
	for (size_t k = 0; k < q->n; k++) {
		const struct query_item *it = &q->item[k];
		if (it->kind == QUERY_WORD || it->kind == QUERY_PHRASE ||
		    it->kind == QUERY_SOURCE)
			m->fold[k] = text_fold(it->text, strlen(it->text), &m->flen[k], NULL);
		else if (it->kind == QUERY_ENTITY && m->has_ents)
			m->ent[k] = entities_matching(a, it->text);
	}
	return m;
}

void query_match_free(struct query_match *m)
{
	if (!m)
		return;
	for (size_t k = 0; k < m->q->n; k++) {
		free(m->fold[k]);
		free(m->ent[k]);
	}
	free(m->fold);
	free(m->flen);
	free(m->ent);
	free(m);
}

/* As search.c's SQL: a date that starts with the filter's, or between
 * the ends of a range (a partial end takes in every date it starts). */
static bool date_in(const char *date, const char *lo, const char *hi)
{
	if (!date[0] || (lo[0] && strcmp(date, lo) < 0))
		return false;
	const char *up = hi ? hi : lo;
	return !up[0] || strncmp(date, up, strlen(up)) <= 0;
}

static bool lang_is(const struct article *art, const char *code)
{
	if (art->text_lang)
		return strcmp(art->text_lang, code) == 0;
	char c[STEM_LANG_MAX];
	stem_lang_code(art->lang, c);
	return strcmp(c, code) == 0;
}

static bool mentions(const struct query_match *m, size_t i, size_t k)
{
	const struct archive *a = m->a;
	const struct query_item *it = &m->q->item[k];
	if (!m->has_ents || i >= a->store->n)
		return false;
	for (size_t e = 0; e < a->doc_nent[i]; e++) {
		uint32_t ent = a->doc_ent[i][e].entity;
		if (it->kind == QUERY_ENTITY ? m->ent[k][ent] : a->ent[ent].type == it->type)
			return true;
	}
	return false;
}

/* Does item k hold for article i? */
static bool item_holds(const struct query_match *m, size_t i, size_t k,
		       const char *hay, size_t hay_len)
{
	const struct query_item *it = &m->q->item[k];
	const struct article *art = &m->s->art[i];
	switch (it->kind) {
	case QUERY_WORD:
	case QUERY_PHRASE:
		return text_find(hay, hay_len, m->fold[k], m->flen[k], 0) != (size_t)-1;
	case QUERY_SOURCE: {
		const char *src = strrchr(hay, '\t');
		src = src ? src + 1 : hay + hay_len;
		return text_find(src, strlen(src), m->fold[k], m->flen[k], 0) != (size_t)-1;
	}
	case QUERY_DATE:
		return date_in(art->date, it->text, it->hi);
	case QUERY_LANG:
		return lang_is(art, it->text);
	case QUERY_ENTITY:
	case QUERY_TYPE:
		return mentions(m, i, k);
	case QUERY_IS:
		return it->type == QUERY_IS_UNREAD ? !state_read(m->st, art->id)
						   : state_flagged(m->st, art->id);
	}
	return false;
}

static bool is_alternative(int kind)
{
	return kind == QUERY_SOURCE || kind == QUERY_DATE || kind == QUERY_LANG;
}

bool query_match_article(const struct query_match *m, size_t i)
{
	const char *hay = m->s->fold[i];
	size_t hay_len = strlen(hay);
	/* per kind of alternatives: 1 when one was asked for, 2 once one held */
	unsigned char alt[QUERY_NKINDS] = { 0 };
	for (size_t k = 0; k < m->q->n; k++) {
		const struct query_item *it = &m->q->item[k];
		bool alternative = is_alternative(it->kind) && !it->exclude;
		if (alternative && alt[it->kind] == 2)
			continue;	/* one of them held already */
		bool holds = item_holds(m, i, k, hay, hay_len);
		if (alternative)
			alt[it->kind] = holds ? 2 : 1;
		else if (holds == it->exclude)
			return false;
	}
	for (int kind = 0; kind < QUERY_NKINDS; kind++)
		if (alt[kind] == 1)
			return false;
	return true;
}
