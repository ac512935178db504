/* search.c: the search query language (a pure parser) and its evaluation:
 * an FTS5 MATCH expression for words, phrases and entities, SQL conditions
 * for sources and dates, BM25 or date order, snippets with highlights. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "article.h"
#include "buf.h"
#include "cache.h"
#include "entity.h"
#include "rank.h"
#include "search.h"
#include "text.h"

/* ---- parsing ---- */

static const char *const filter_names[] = { "source", "date", "entity", "type" };
static const int filter_kinds[] = { SEARCH_SOURCE, SEARCH_DATE, SEARCH_ENTITY,
				    SEARCH_TYPE };

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void query_add(struct search_query *q, size_t *cap, struct search_item it)
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
		diag_add(d, "search", 0, "unbalanced quote (the phrase runs to the end)");
		*p = s + strlen(s);
		return xstrdup(s);
	}
	*p = e + 1;
	return xstrndup(s, (size_t)(e - s));
}

/* The filter kind named by s[0..n) ("source"...), or -1. */
static int filter_kind(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof filter_names / sizeof *filter_names; i++)
		if (strlen(filter_names[i]) == n && strncasecmp(s, filter_names[i], n) == 0)
			return filter_kinds[i];
	return -1;
}

static bool date_ok(const char *s)
{
	int y, m, dd;
	return s[0] && article_parse_date(s, &y, &m, &dd) == 0;
}

/* date:A, date:A..B, date:A.., date:..B */
static bool parse_date_value(struct search_item *it, struct diag *d)
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
		diag_add(d, "search", 0, "date: expects YYYY, YYYY-MM or YYYY-MM-DD, or "
			 "a range FROM..TO (filter ignored)");
	return ok;
}

static bool parse_filter_value(struct search_item *it, struct diag *d)
{
	if (!it->text[0]) {
		diag_add(d, "search", 0, "%s: needs a value (filter ignored)",
			 filter_names[it->kind - SEARCH_SOURCE]);
		return false;
	}
	if (it->kind == SEARCH_DATE)
		return parse_date_value(it, d);
	if (it->kind == SEARCH_TYPE) {
		it->type = entity_type_from_name(it->text);
		if (it->type <= ENTITY_NONE) {
			diag_add(d, "search", 0, "type: expects PER, LOC, ORG or MISC "
				 "(filter ignored)");
			return false;
		}
	}
	return true;
}

static void item_free(struct search_item *it)
{
	free(it->text);
	free(it->hi);
}

/* One word or filter starting at *p (not a space, not a quote). */
static void parse_token(const char **p, bool exclude, struct search_query *q,
			size_t *cap, struct diag *d)
{
	const char *s = *p, *e = s;
	while (*e && !is_space(*e) && *e != '"')
		e++;
	const char *colon = memchr(s, ':', (size_t)(e - s));
	int kind = colon ? filter_kind(s, (size_t)(colon - s)) : -1;
	struct search_item it = { SEARCH_WORD, exclude, NULL, NULL, 0 };
	*p = e;
	if (kind < 0) {
		it.text = xstrndup(s, (size_t)(e - s));
		query_add(q, cap, it);
		return;
	}
	it.kind = kind;
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

struct search_query *search_parse(const char *str, struct diag *d)
{
	struct search_query *q = xcalloc(1, sizeof *q);
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
			char *text = parse_quoted(&p, d);
			struct search_item it = { SEARCH_PHRASE, exclude, text, NULL, 0 };
			if (text[0])
				query_add(q, &cap, it);
			else
				free(text);
			continue;
		}
		parse_token(&p, exclude, q, &cap, d);
	}
	return q;
}

void search_query_free(struct search_query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		item_free(&q->item[i]);
	free(q->item);
	free(q);
}

/* ---- the FTS5 expression ---- */

/* Does s hold a letter or digit? A word of punctuation only has no token
 * to look for. */
static bool has_word_char(const char *s)
{
	size_t n = strlen(s), len;
	for (size_t i = 0; i < n; i += len)
		if (text_is_word_char(s + i, n - i, &len))
			return true;
	return false;
}

/* An FTS5 string: tokenized like the text, so punctuation splits and
 * several tokens form a phrase. */
static void add_fts_string(struct buf *b, const char *s)
{
	buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_addc(b, '"');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

/* The term of one item ("{title body} : ..." etc.), or false if it has none. */
static bool add_fts_item(struct buf *b, const struct search_item *it)
{
	switch (it->kind) {
	case SEARCH_WORD:
	case SEARCH_PHRASE:
		if (!has_word_char(it->text))
			return false;
		buf_adds(b, "{title body} : ");
		add_fts_string(b, it->text);
		return true;
	case SEARCH_ENTITY: {
		char *key = entity_key(it->text, strlen(it->text));
		bool ok = has_word_char(key);
		if (ok) {
			buf_adds(b, "ents : ");
			add_fts_string(b, key);
		}
		free(key);
		return ok;
	}
	case SEARCH_TYPE:
		buf_adds(b, "etypes : ");
		add_fts_string(b, entity_type_name(it->type));
		return true;
	}
	return false;
}

/* The terms of the included (exclude false) or excluded items, joined by
 * op; returns how many. */
static size_t add_fts_terms(struct buf *b, const struct search_query *q,
			    bool exclude, const char *op)
{
	size_t n = 0;
	struct buf t = BUF_INIT;
	for (size_t i = 0; i < q->n; i++) {
		if (q->item[i].exclude != exclude)
			continue;
		buf_reset(&t);
		if (!add_fts_item(&t, &q->item[i]))
			continue;
		if (n++)
			buf_adds(b, op);
		buf_add(b, t.data, t.len);
	}
	buf_free(&t);
	return n;
}

static char *fts_expr(const struct search_query *q, bool exclude)
{
	struct buf b = BUF_INIT;
	size_t n = add_fts_terms(&b, q, exclude, exclude ? " OR " : " AND ");
	if (!n) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

char *search_fts_expr(const struct search_query *q)
{
	char *pos = fts_expr(q, false);
	if (!pos)
		return NULL;
	char *neg = fts_expr(q, true);
	if (!neg)
		return pos;
	struct buf b = BUF_INIT;
	buf_addf(&b, "(%s) NOT (%s)", pos, neg);
	free(pos);
	free(neg);
	return buf_detach(&b, NULL);
}

/* ---- the SQL ---- */

struct sql {
	struct buf text;
	char **param;		/* text parameters, bound in order */
	size_t nparam, cap;
};

static void sql_param(struct sql *s, const char *value)
{
	s->param = xgrow(s->param, &s->cap, s->nparam + 1, sizeof *s->param);
	s->param[s->nparam++] = xstrdup(value);
	buf_adds(&s->text, "?");
}

static void sql_free(struct sql *s)
{
	buf_free(&s->text);
	for (size_t i = 0; i < s->nparam; i++)
		free(s->param[i]);
	free(s->param);
}

/* Dates are "YYYY[-MM[-DD]]" strings, and a filter value a prefix of them.
 * Beside each prefix test, a plain range on a.date (every date starting
 * with P lies between P and P "~") lets SQLite walk the date index. */
static void sql_date_upto(struct sql *s, const char *hi)
{
	buf_addf(&s->text, " AND a.date <= ");
	sql_param(s, hi);
	buf_addf(&s->text, " || '~' AND substr(a.date, 1, %zu) <= ", strlen(hi));
	sql_param(s, hi);
}

static void sql_date_cond(struct sql *s, const struct search_item *it)
{
	buf_adds(&s->text, "(a.date <> ''");
	if (it->text[0]) {
		buf_adds(&s->text, " AND a.date >= ");
		sql_param(s, it->text);
	}
	if (!it->hi)
		sql_date_upto(s, it->text);
	else if (it->hi[0])
		sql_date_upto(s, it->hi);
	buf_adds(&s->text, ")");
}

static void sql_source_cond(struct sql *s, const struct search_item *it)
{
	size_t len;
	char *f = text_fold(it->text, strlen(it->text), &len, NULL);
	buf_adds(&s->text, "instr(a.source_fold, ");
	sql_param(s, f);
	buf_adds(&s->text, ") > 0");
	free(f);
}

static void sql_cond(struct sql *s, const struct search_item *it)
{
	if (it->kind == SEARCH_DATE)
		sql_date_cond(s, it);
	else
		sql_source_cond(s, it);
}

/* Included filters of one kind are alternatives; excluded ones each must
 * not hold. */
static void sql_filters(struct sql *s, const struct search_query *q, int kind)
{
	size_t n = 0;
	for (size_t i = 0; i < q->n; i++) {
		const struct search_item *it = &q->item[i];
		if (it->kind != kind || it->exclude)
			continue;
		buf_adds(&s->text, n++ ? " OR " : " AND (");
		sql_cond(s, it);
	}
	if (n)
		buf_adds(&s->text, ")");
	for (size_t i = 0; i < q->n; i++) {
		const struct search_item *it = &q->item[i];
		if (it->kind != kind || !it->exclude)
			continue;
		buf_adds(&s->text, " AND NOT (");
		sql_cond(s, it);
		buf_adds(&s->text, ")");
	}
}

/* BM25 of the full-text part; the title weighs four body words (rank.h). */
#define SEARCH_BM25 "filo_rank(fts)"

static bool has_sql_filters(const struct search_query *q)
{
	for (size_t i = 0; i < q->n; i++)
		if (q->item[i].kind == SEARCH_SOURCE || q->item[i].kind == SEARCH_DATE)
			return true;
	return false;
}

/* FROM and WHERE of the matching articles. The article table is joined
 * only when a filter or the order needs it (CROSS JOIN: full-text table
 * first, then one lookup per match); without a full-text part it is the
 * article table alone. */
static void sql_where(struct sql *s, const struct search_query *q,
		      const char *pos, const char *neg, bool join)
{
	if (pos) {
		buf_adds(&s->text, join ? " FROM fts CROSS JOIN article a ON a.rowid = fts.rowid"
					: " FROM fts");
		buf_adds(&s->text, " WHERE fts MATCH ");
		sql_param(s, pos);
	} else {
		buf_adds(&s->text, " FROM article a WHERE a.ok");
		if (neg) {
			buf_adds(&s->text, " AND a.rowid NOT IN (SELECT rowid FROM fts"
				 " WHERE fts MATCH ");
			sql_param(s, neg);
			buf_adds(&s->text, ")");
		}
	}
	sql_filters(s, q, SEARCH_SOURCE);
	sql_filters(s, q, SEARCH_DATE);
}

/* Without words (filters only): the newest limit articles, as rowid and a
 * score of 0, and their count. With words, search_page ranks in one pass. */
static void sql_page(struct sql *s, const struct search_query *q, const char *neg,
		     size_t limit)
{
	buf_adds(&s->text, "SELECT a.rowid, 0.0");
	sql_where(s, q, NULL, neg, true);
	buf_addf(&s->text, " ORDER BY a.date DESC, 1 DESC LIMIT %zu", limit);
}

static void sql_count(struct sql *s, const struct search_query *q, const char *neg)
{
	buf_adds(&s->text, "SELECT count(*)");
	sql_where(s, q, NULL, neg, true);
}

/* ---- running ---- */

struct match {
	int64_t rowid;
	double score;		/* BM25: lower is better */
	uint32_t date;		/* when ordered by date: article_date_key */
};

static sqlite3_stmt *prepare(struct cache *c, const char *sql, struct diag *d)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(cache_db(c), sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		diag_add(d, "search", 0, "%s", sqlite3_errmsg(cache_db(c)));
		cache_check_damage(c, rc, d);
		return NULL;
	}
	return st;
}

/* Runs s, calling row() for each result row; returns 0 or -1. */
static int sql_run(struct cache *c, struct sql *s, void (*row)(void *, sqlite3_stmt *),
		   void *ctx, struct diag *d)
{
	sqlite3_stmt *st = prepare(c, s->text.data, d);
	if (!st)
		return -1;
	for (size_t i = 0; i < s->nparam; i++)
		sqlite3_bind_text(st, (int)i + 1, s->param[i], -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		row(ctx, st);
	if (rc != SQLITE_DONE) {
		diag_add(d, "search", 0, "%s", sqlite3_errmsg(cache_db(c)));
		cache_check_damage(c, rc, d);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

struct match_list {
	struct match *m;
	size_t n, cap;
};

static void row_match(void *ctx, sqlite3_stmt *st)
{
	struct match_list *l = ctx;
	l->m = xgrow(l->m, &l->cap, l->n + 1, sizeof *l->m);
	l->m[l->n++] = (struct match){ .rowid = sqlite3_column_int64(st, 0),
				       .score = sqlite3_column_double(st, 1) };
}

/* The best matches seen so far, sorted (score, then rowid), and how many
 * were seen: one pass gives both the page and the total. */
struct match_top {
	struct match_list l;
	size_t limit, seen;
	bool by_date;	/* newest first, then rowid */
	const struct cache *dates;	/* dates from here, or else column 2 */
};

static bool match_before(const struct match_top *t, const struct match *a,
			 const struct match *b)
{
	if (t->by_date)
		return a->date > b->date || (a->date == b->date && a->rowid > b->rowid);
	return a->score < b->score || (a->score == b->score && a->rowid < b->rowid);
}

static void row_top(void *ctx, sqlite3_stmt *st)
{
	struct match_top *t = ctx;
	struct match m = { .rowid = sqlite3_column_int64(st, 0),
			   .score = sqlite3_column_double(st, 1) };
	if (t->dates)
		m.date = cache_date_of_rowid(t->dates, m.rowid);
	else if (t->by_date)
		m.date = article_date_key((const char *)sqlite3_column_text(st, 2));
	t->seen++;
	struct match_list *l = &t->l;
	if (l->n == t->limit && !match_before(t, &m, &l->m[l->n - 1]))
		return;
	if (l->n < t->limit)
		l->m = xgrow(l->m, &l->cap, ++l->n, sizeof *l->m);
	size_t i = l->n - 1;
	for (; i > 0 && match_before(t, &m, &l->m[i - 1]); i--)
		l->m[i] = l->m[i - 1];
	l->m[i] = m;
}

static void row_count(void *ctx, sqlite3_stmt *st)
{
	*(size_t *)ctx = (size_t)sqlite3_column_int64(st, 0);
}

/* ---- snippets ---- */

/* A snippet is SNIPPET_TOKENS tokens of the body around its first
 * matches. FTS5's own snippet() scores a window at every match of the
 * whole document, quadratic in the matches (a minute for 4 MB of one
 * sentence repeated); filo_snippet bounds the work per result: the matches'
 * token positions are read only as far as the first few (xPhraseFirst and
 * xPhraseNext read no further than asked), a window starting at each of
 * the first SNIPPET_STARTS is scored, and the body is tokenized from its
 * start only up to the window's end, never past SNIPPET_SCAN bytes (a
 * match further in gives the body's start, and no offset). */
#define SNIPPET_TOKENS 16
#define SNIPPET_STARTS 8
#define SNIPPET_SCAN ((size_t)256 << 10)
#define SNIPPET_PER_PHRASE (SNIPPET_STARTS + SNIPPET_TOKENS)
#define SNIPPET_PHRASES 32	/* a longer query highlights its first ones */

struct snip_inst {
	int off, end;		/* tokens [off, end) of the body */
	int phrase;
};

/* The body's first matches of each phrase, in position order. */
static size_t snip_instances(const Fts5ExtensionApi *x, Fts5Context *fc,
			     struct snip_inst *out)
{
	size_t n = 0;
	int nphrase = x->xPhraseCount(fc);
	for (int p = 0; p < nphrase && p < SNIPPET_PHRASES; p++) {
		Fts5PhraseIter it;
		int col, off, size = x->xPhraseSize(fc, p), k = 0;
		for (x->xPhraseFirst(fc, p, &it, &col, &off); col >= 0 && col <= 1 &&
		     k < SNIPPET_PER_PHRASE; x->xPhraseNext(fc, &it, &col, &off)) {
			if (col == 1) {
				out[n++] = (struct snip_inst){ off, off + (size ? size : 1), p };
				k++;
			}
		}
	}
	/* few: insertion sort */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && out[j].off < out[j - 1].off; j--) {
			struct snip_inst t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

/* The score of the window of SNIPPET_TOKENS from token start, as FTS5's
 * snippet() counts: 1000 a distinct phrase, 1 each other match; *lo and
 * *hi get the first and last token of its matches (in[c] is the first). */
static int snip_score(const struct snip_inst *in, size_t n, size_t c, int start,
		      int *lo, int *hi)
{
	int end = start + SNIPPET_TOKENS, count = 0, distinct = 0;
	uint64_t phrases = 0;
	*lo = in[c].off;
	*hi = in[c].off;
	for (size_t i = c; i < n && in[i].off < end; i++) {
		phrases |= (uint64_t)1 << (in[i].phrase & 63);
		count++;
		int e = (in[i].end < end ? in[i].end : end) - 1;
		*hi = e > *hi ? e : *hi;
	}
	for (; phrases; phrases &= phrases - 1)
		distinct++;
	return distinct * 1000 + count - distinct;
}

/* The matches to show: those of the best window starting at one of the
 * first matches; *lo and *hi get their first and last token. (Where the
 * snippet then starts, at the body's start or a sentence's when the
 * matches leave room, is snip_start's choice.) */
static void snip_best(const struct snip_inst *in, size_t n, int *lo, int *hi)
{
	int best = -1, l, h;
	for (size_t c = 0; c < n && c < SNIPPET_STARTS; c++) {
		int score = snip_score(in, n, c, in[c].off, &l, &h);
		if (score > best) {
			best = score;
			*lo = l;
			*hi = h;
		}
	}
}

/* The body tokenized from its start up to what a snippet may show: the
 * tokens [low, low + 2 * SNIPPET_TOKENS) are kept, with whether each
 * starts a sentence (the body's first token, or one after '.', '!', '?'
 * or a line end). */
struct snip_scan {
	int pos;		/* tokens seen */
	int low;		/* the first token kept */
	int first;		/* the first match's token, -1 for none */
	int first_byte;		/* and its byte offset, -1 until found */
	int prev_end;		/* the end of the last token seen */
	const char *text;
	int ntok;		/* tokens kept */
	struct snip_tok {
		int start, end;
		bool sentence;
	} tok[2 * SNIPPET_TOKENS];
	bool more;		/* tokenizing stopped before the end */
};

static bool snip_sentence_gap(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == '\n')
			return true;
	return false;
}

static int snip_token(void *ctx, int tflags, const char *tok, int n, int start,
		      int end)
{
	struct snip_scan *s = ctx;
	(void)tok;
	(void)n;
	if (tflags & FTS5_TOKEN_COLOCATED)
		return SQLITE_OK;	/* a synonym at the same position */
	int pos = s->pos++;
	if (pos == s->first)
		s->first_byte = start;
	if (pos >= s->low + 2 * SNIPPET_TOKENS) {
		s->more = true;
		return SQLITE_DONE;	/* enough: stop tokenizing */
	}
	if (pos >= s->low) {
		bool sentence = pos == 0 ||
			snip_sentence_gap(s->text + s->prev_end, start - s->prev_end);
		s->tok[s->ntok++] = (struct snip_tok){ start, end, sentence };
	}
	s->prev_end = end;
	return SQLITE_OK;
}

/* The first token of the snippet, which must show tokens [lo, hi]: the
 * earliest sentence start that leaves them in, else lo and hi in the
 * middle. An index into s->tok. */
static int snip_start(const struct snip_scan *s, int lo, int hi)
{
	int from = hi - SNIPPET_TOKENS + 1 > s->low ? hi - SNIPPET_TOKENS + 1 : s->low;
	for (int p = from; p <= lo && p - s->low < s->ntok; p++)
		if (s->tok[p - s->low].sentence)
			return p - s->low;
	int mid = lo - (SNIPPET_TOKENS - (hi - lo + 1)) / 2;
	return (mid > from ? mid : from) - s->low;
}

/* Is token pos the first (open) or last (close) shown of a match? */
static bool snip_mark(const struct snip_inst *in, size_t n, int pos, int from,
		      int to, bool open)
{
	for (size_t i = 0; i < n; i++) {
		int a = in[i].off > from ? in[i].off : from;
		int z = (in[i].end < to ? in[i].end : to) - 1;
		if (a <= z && pos == (open ? a : z))
			return true;
	}
	return false;
}

/* The tokens [t0, t0 + SNIPPET_TOKENS) kept by the scan, with the text
 * between them, \1 and \2 around each match, and "…" where the body goes
 * on. */
static void snip_text(struct buf *b, const struct snip_scan *s, int t0, int nz,
		      const struct snip_inst *in, size_t n)
{
	int t1 = t0 + SNIPPET_TOKENS < s->ntok ? t0 + SNIPPET_TOKENS : s->ntok;
	if (t0 >= t1)
		return;
	int from = s->low + t0, to = s->low + t1;
	if (from)
		buf_adds(b, "…");
	for (int t = t0; t < t1; t++) {
		int a = t > t0 ? s->tok[t - 1].end : from ? s->tok[t].start : 0;
		buf_add(b, s->text + a, (size_t)(s->tok[t].start - a));
		if (snip_mark(in, n, s->low + t, from, to, true))
			buf_addc(b, '\1');
		buf_add(b, s->text + s->tok[t].start, (size_t)(s->tok[t].end - s->tok[t].start));
		if (snip_mark(in, n, s->low + t, from, to, false))
			buf_addc(b, '\2');
	}
	if (t1 < s->ntok || s->more)
		buf_adds(b, "…");
	else
		buf_add(b, s->text + s->tok[t1 - 1].end, (size_t)(nz - s->tok[t1 - 1].end));
}

/* Bytes of the body scanned: at most SNIPPET_SCAN, cut before a UTF-8
 * continuation byte. */
static int snip_scan_len(const char *z, int nz)
{
	size_t n = (size_t)nz;
	if (n <= SNIPPET_SCAN)
		return nz;
	n = SNIPPET_SCAN;
	while (n > 0 && ((unsigned char)z[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

/* Tokenizes the first scan bytes of z, keeping tokens from low on. */
static void snip_tokenize(const Fts5ExtensionApi *x, Fts5Context *fc,
			  struct snip_scan *s, const char *z, int scan, int low,
			  int first)
{
	memset(s, 0, sizeof *s);
	s->text = z;
	s->low = low;
	s->first = first;
	s->first_byte = -1;
	x->xTokenize(fc, z, scan, s, snip_token);
}

/* filo_snippet(fts): "OFFSET<TAB>SNIPPET", OFFSET the byte offset of the
 * body's first match ("-" when none was found), SNIPPET the window with
 * \1 \2 markers. */
static void snippet_fn(const Fts5ExtensionApi *x, Fts5Context *fc,
		       sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	(void)nval;
	(void)val;
	struct snip_inst in[SNIPPET_PHRASES * SNIPPET_PER_PHRASE];
	size_t n = snip_instances(x, fc, in);
	const char *z = NULL;
	int nz = 0;
	if (x->xColumnText(fc, 1, &z, &nz) != SQLITE_OK || !z) {
		z = "";
		nz = 0;
	}
	int scan = snip_scan_len(z, nz), lo = 0, hi = 0;
	if (n)
		snip_best(in, n, &lo, &hi);
	struct snip_scan *s = xmalloc(sizeof *s);
	int low = hi - SNIPPET_TOKENS + 1 > 0 ? hi - SNIPPET_TOKENS + 1 : 0;
	snip_tokenize(x, fc, s, z, scan, low, n ? in[0].off : -1);
	if (n && s->ntok <= lo - low) {	/* the matches lie past the scan */
		n = lo = hi = 0;
		snip_tokenize(x, fc, s, z, scan, 0, -1);
	}
	s->more |= scan < nz;
	struct buf b = BUF_INIT;
	if (s->first_byte >= 0)
		buf_addf(&b, "%d\t", s->first_byte);
	else
		buf_adds(&b, "-\t");
	snip_text(&b, s, n ? snip_start(s, lo, hi) : 0, scan, in, n);
	free(s);
	sqlite3_result_text(ctx, b.data ? b.data : "", (int)b.len, SQLITE_TRANSIENT);
	buf_free(&b);
}

int search_register(sqlite3 *db)
{
	fts5_api *api = rank_fts5_api(db);
	return api && api->xCreateFunction(api, "filo_snippet", NULL, snippet_fn, NULL)
		      == SQLITE_OK ? 0 : -1;
}

/* Removes the \1 \2 markers of filo_snippet into spans, and makes one
 * line of it. */
static void hit_set_snippet(struct search_hit *h, const char *marked)
{
	struct buf b = BUF_INIT;
	size_t cap = 0, start = 0;
	for (const char *p = marked; *p; p++) {
		if (*p == '\1') {
			start = b.len;
		} else if (*p == '\2') {
			h->hl = xgrow(h->hl, &cap, h->nhl + 1, sizeof *h->hl);
			h->hl[h->nhl++] = (struct search_span){ start, b.len - start };
		} else if (*p == '\n' || *p == '\t' || *p == '\r' || *p == ' ') {
			if (b.len && b.data[b.len - 1] != ' ')	/* paragraphs: one space */
				buf_addc(&b, ' ');
		} else {
			buf_addc(&b, *p);
		}
	}
	h->snippet = buf_detach(&b, NULL);
}

/* Id, title, date, snippet and first match of one result. */
static int hit_fill(struct cache *c, sqlite3_stmt *st, const char *pos,
		    const struct match *m, struct search_hit *h)
{
	if (pos)
		sqlite3_bind_text(st, 1, pos, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, pos ? 2 : 1, m->rowid);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		h->id = xstrdup((const char *)sqlite3_column_text(st, 0));
		h->title = xstrdup((const char *)sqlite3_column_text(st, 1));
		h->date = xstrdup((const char *)sqlite3_column_text(st, 2));
		const char *snip = (const char *)sqlite3_column_text(st, 3);
		snip = snip ? snip : "";
		h->match_off = (size_t)-1;
		if (pos) {	/* filo_snippet: "OFFSET<TAB>SNIPPET" */
			const char *tab = strchr(snip, '\t');
			if (*snip != '-')
				h->match_off = (size_t)strtoull(snip, NULL, 10);
			snip = tab ? tab + 1 : "";
		}
		hit_set_snippet(h, snip);
		h->art = cache_doc_of_rowid(c, m->rowid);
		h->score = pos ? -m->score : 0.0;
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int fill_hits(struct cache *c, const char *pos, const struct match *m,
		     size_t n, struct search_results *out, struct diag *d)
{
	sqlite3_stmt *st = prepare(c, pos
		? "SELECT a.id, a.title, a.date, filo_snippet(fts) FROM fts CROSS JOIN"
		  " article a ON a.rowid = fts.rowid WHERE fts MATCH ?1 AND fts.rowid = ?2"
		: "SELECT a.id, a.title, a.date, substr(f.body, 1, 120) FROM article a"
		  " JOIN fts f ON f.rowid = a.rowid WHERE a.rowid = ?1", d);
	if (!st)
		return -1;
	out->hit = xcalloc(n ? n : 1, sizeof *out->hit);
	for (size_t i = 0; i < n; i++)
		if (hit_fill(c, st, pos, &m[i], &out->hit[out->n]) == 0)
			out->n++;
	sqlite3_finalize(st);
	return 0;
}

/* The page of results and the total. */
static int search_page(struct cache *c, const struct search_query *q,
		       const char *full, const char *neg, enum search_order order,
		       size_t limit, struct match_list *page, size_t *total,
		       struct diag *d)
{
	struct sql s = { BUF_INIT, NULL, 0, 0 };
	if (full) {
		/* Ordering reads every match anyway: keep the first ones in one
		 * pass rather than sorting in SQL and counting in a second query.
		 * By date too every match is ranked in that pass (cheaper than a
		 * second full-text query for the page's scores), and the dates of
		 * a loaded list spare a join per match. */
		bool by_date = order == SEARCH_BY_DATE;
		bool mem = by_date && cache_rows_loaded(c);
		struct match_top top = { *page, limit, 0, by_date, mem ? c : NULL };
		buf_adds(&s.text, by_date && !mem ? "SELECT fts.rowid, " SEARCH_BM25 ", a.date"
				 : "SELECT fts.rowid, " SEARCH_BM25);
		sql_where(&s, q, full, neg, (by_date && !mem) || has_sql_filters(q));
		int r = sql_run(c, &s, row_top, &top, d);
		sql_free(&s);
		*page = top.l;
		*total = top.seen;
		return r;
	}
	sql_page(&s, q, neg, limit);
	int r = sql_run(c, &s, row_match, page, d);
	sql_free(&s);
	if (r != 0)
		return r;
	if (page->n < limit) {	/* the page holds every match */
		*total = page->n;
		return 0;
	}
	struct sql cs = { BUF_INIT, NULL, 0, 0 };
	sql_count(&cs, q, neg);
	r = sql_run(c, &cs, row_count, total, d);
	sql_free(&cs);
	return r;
}

int search_run(struct cache *c, const struct search_query *q,
	       enum search_order order, size_t limit,
	       struct search_results *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	char *full = search_fts_expr(q), *neg = fts_expr(q, true);
	int r = 0;
	if ((full || neg || has_sql_filters(q)) && limit > 0) {
		struct match_list page = { NULL, 0, 0 };
		r = search_page(c, q, full, neg, order, limit, &page, &out->total, d);
		if (r == 0)
			r = fill_hits(c, full, page.m, page.n, out, d);
		free(page.m);
	}
	free(neg);
	free(full);
	if (r != 0)
		search_results_free(out);
	return r;
}

void search_results_free(struct search_results *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->hit[i].id);
		free(r->hit[i].title);
		free(r->hit[i].date);
		free(r->hit[i].snippet);
		free(r->hit[i].hl);
	}
	free(r->hit);
	memset(r, 0, sizeof *r);
}
