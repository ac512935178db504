/* search.c: a query's evaluation on the index cache: an FTS5 MATCH
 * expression for words (with the other forms of each, from the stem
 * table), phrases and entities, SQL conditions for sources, dates and
 * languages, the reading state for is:, BM25 or date order, snippets with
 * highlights. */
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
#include "state.h"
#include "stem.h"
#include "text.h"

/* Other forms of one word looked for, at most (the most frequent verbs
 * have some fifty). */
#define SEARCH_MAX_FORMS 64

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

/* The other forms of a query word: words of the index with its stem. */
struct forms {
	char **w;
	size_t n, cap;
};

static void forms_free(struct forms *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->w[i]);
	free(f->w);
	memset(f, 0, sizeof *f);
}

/* Finds the other forms of words (search_run); NULL: none (the pure
 * search_fts_expr). */
struct expander;
static void expand_word(struct expander *x, const char *word, struct forms *out);

/* The expression being built and its spec for filo_rank (rank.h): one
 * letter per phrase. */
struct fts {
	struct buf expr, spec;
	size_t nterms;
};

/* A word or phrase: {title body} : "w", with its other forms OR'ed. */
static void add_fts_words(struct fts *f, const struct query_item *it,
			  struct expander *x, bool rank)
{
	struct forms forms = { NULL, 0, 0 };
	if (x && it->kind == QUERY_WORD && !it->prefix)
		expand_word(x, it->text, &forms);
	buf_adds(&f->expr, "{title body} : ");
	if (forms.n)
		buf_addc(&f->expr, '(');
	add_fts_string(&f->expr, it->text);
	if (it->prefix)
		buf_adds(&f->expr, " *");
	buf_addc(&f->spec, rank ? 'w' : 'x');
	for (size_t i = 0; i < forms.n; i++) {
		buf_adds(&f->expr, " OR ");
		add_fts_string(&f->expr, forms.w[i]);
		buf_addc(&f->spec, rank ? 'v' : 'x');
	}
	if (forms.n)
		buf_addc(&f->expr, ')');
	forms_free(&forms);
}

/* The term of one item, or false if it has none. */
static bool add_fts_item(struct fts *f, const struct query_item *it,
			 struct expander *x)
{
	switch (it->kind) {
	case QUERY_WORD:
	case QUERY_PHRASE:
		if (!has_word_char(it->text))
			return false;
		add_fts_words(f, it, x, !it->exclude);
		return true;
	case QUERY_ENTITY: {
		char *key = entity_key(it->text, strlen(it->text));
		bool ok = has_word_char(key);
		if (ok) {
			buf_adds(&f->expr, "ents : ");
			add_fts_string(&f->expr, key);
			buf_addc(&f->spec, 'x');
		}
		free(key);
		return ok;
	}
	case QUERY_TYPE:
		buf_adds(&f->expr, "etypes : ");
		add_fts_string(&f->expr, entity_type_name(it->type));
		buf_addc(&f->spec, 'x');
		return true;
	}
	return false;
}

/* The terms of the included (exclude false) or excluded items, joined by
 * op. */
static void add_fts_terms(struct fts *f, const struct query *q, bool exclude,
			  const char *op, struct expander *x)
{
	for (size_t i = 0; i < q->n; i++) {
		if (q->item[i].exclude != exclude)
			continue;
		size_t mark = f->expr.len;
		if (f->nterms)
			buf_adds(&f->expr, op);
		if (add_fts_item(f, &q->item[i], x))
			f->nterms++;
		else
			f->expr.len = mark;	/* the operator goes too */
	}
	if (f->expr.data)
		f->expr.data[f->expr.len] = '\0';
}

/* The expression of the full query (positive part NOT the exclusions),
 * or of its exclusions only; false when it has none. spec gets the
 * letters of filo_rank. */
static bool fts_build(const struct query *q, bool only_exclusions,
		      struct expander *x, struct buf *expr, struct buf *spec)
{
	struct fts pos = { BUF_INIT, BUF_INIT, 0 }, neg = { BUF_INIT, BUF_INIT, 0 };
	if (!only_exclusions)
		add_fts_terms(&pos, q, false, " AND ", x);
	if (!only_exclusions && !pos.nterms) {
		buf_free(&pos.expr);
		buf_free(&pos.spec);
		return false;
	}
	add_fts_terms(&neg, q, true, " OR ", x);
	if (only_exclusions) {
		*expr = neg.expr;
		*spec = neg.spec;
		return neg.nterms > 0;
	}
	if (neg.nterms) {
		struct buf both = BUF_INIT;
		buf_addf(&both, "(%s) NOT (%s)", pos.expr.data, neg.expr.data);
		buf_free(&pos.expr);
		pos.expr = both;
		buf_add(&pos.spec, neg.spec.data, neg.spec.len);
	}
	buf_free(&neg.expr);
	buf_free(&neg.spec);
	*expr = pos.expr;
	*spec = pos.spec;
	return true;
}

char *search_fts_expr(const struct query *q)
{
	struct buf expr, spec;
	if (!fts_build(q, false, NULL, &expr, &spec))
		return NULL;
	buf_free(&spec);
	return buf_detach(&expr, NULL);
}

/* ---- the other forms of a word ---- */

struct expander {
	struct cache *c;
	sqlite3_stmt *st;	/* the words of a stem in a language */
	struct stem *stem;
	char langs[8][STEM_LANG_MAX];	/* stemmed in these */
	size_t nlangs;
	struct buf tok, stemmed;
	size_t ntok;
};

/* The query's languages: its included lang: filters that have a stemmer,
 * else Italian and English. */
static void expander_langs(struct expander *x, const struct query *q)
{
	x->nlangs = 0;
	for (size_t i = 0; i < q->n && x->nlangs < 8; i++) {
		const struct query_item *it = &q->item[i];
		if (it->kind == QUERY_LANG && !it->exclude && stem_has_lang(x->stem, it->text))
			strcpy(x->langs[x->nlangs++], it->text);
	}
	if (!x->nlangs) {
		strcpy(x->langs[0], "it");
		strcpy(x->langs[1], "en");
		x->nlangs = 2;
	}
}

static int expander_open(struct expander *x, struct cache *c, const struct query *q)
{
	memset(x, 0, sizeof *x);
	x->c = c;
	if (sqlite3_prepare_v2(cache_db(c), "SELECT word FROM stem WHERE lang = ?1"
			       " AND stem = ?2 ORDER BY word", -1, &x->st, NULL) != SQLITE_OK)
		return -1;
	x->stem = stem_new();
	expander_langs(x, q);
	return 0;
}

static void expander_close(struct expander *x)
{
	sqlite3_finalize(x->st);
	stem_free(x->stem);
	buf_free(&x->tok);
	buf_free(&x->stemmed);
}

static int keep_token(void *ctx, const char *lang, const char *w, size_t n)
{
	(void)lang;
	struct expander *x = ctx;
	if (x->ntok++ == 0)
		buf_add(&x->tok, w, n);
	return 0;
}

static bool forms_has(const struct forms *f, const char *w)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->w[i], w) == 0)
			return true;
	return false;
}

/* The forms of the word's one token (as the index folds it) in each
 * language; a word of several tokens (x-y, a CJK run) has none. */
static void expand_word(struct expander *x, const char *word, struct forms *out)
{
	buf_reset(&x->tok);
	x->ntok = 0;
	if (rank_tokens(cache_rank(x->c), word, strlen(word), keep_token, x) != 0 ||
	    x->ntok != 1)
		return;
	const char *tok = buf_str(&x->tok);
	for (size_t l = 0; l < x->nlangs && out->n < SEARCH_MAX_FORMS; l++) {
		buf_reset(&x->stemmed);
		if (!stem_word(x->stem, x->langs[l], x->tok.data, x->tok.len, &x->stemmed))
			continue;
		sqlite3_bind_text(x->st, 1, x->langs[l], -1, SQLITE_STATIC);
		sqlite3_bind_text(x->st, 2, x->stemmed.data, (int)x->stemmed.len,
				  SQLITE_STATIC);
		while (sqlite3_step(x->st) == SQLITE_ROW && out->n < SEARCH_MAX_FORMS) {
			const char *w = (const char *)sqlite3_column_text(x->st, 0);
			if (w && strcmp(w, tok) != 0 && !forms_has(out, w)) {
				out->w = xgrow(out->w, &out->cap, out->n + 1, sizeof *out->w);
				out->w[out->n++] = xstrdup(w);
			}
		}
		sqlite3_reset(x->st);
	}
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

static void sql_date_cond(struct sql *s, const struct query_item *it)
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

static void sql_source_cond(struct sql *s, const struct query_item *it)
{
	size_t len;
	char *f = text_fold(it->text, strlen(it->text), &len, NULL);
	buf_adds(&s->text, "instr(a.source_fold, ");
	sql_param(s, f);
	buf_adds(&s->text, ") > 0");
	free(f);
}

static void sql_cond(struct sql *s, const struct query_item *it)
{
	if (it->kind == QUERY_DATE) {
		sql_date_cond(s, it);
	} else if (it->kind == QUERY_LANG) {
		buf_adds(&s->text, "a.text_lang = ");
		sql_param(s, it->text);
	} else {
		sql_source_cond(s, it);
	}
}

/* Included filters of one kind are alternatives; excluded ones each must
 * not hold. */
static void sql_filters(struct sql *s, const struct query *q, int kind)
{
	size_t n = 0;
	for (size_t i = 0; i < q->n; i++) {
		const struct query_item *it = &q->item[i];
		if (it->kind != kind || it->exclude)
			continue;
		buf_adds(&s->text, n++ ? " OR " : " AND (");
		sql_cond(s, it);
	}
	if (n)
		buf_adds(&s->text, ")");
	for (size_t i = 0; i < q->n; i++) {
		const struct query_item *it = &q->item[i];
		if (it->kind != kind || !it->exclude)
			continue;
		buf_adds(&s->text, " AND NOT (");
		sql_cond(s, it);
		buf_adds(&s->text, ")");
	}
}

/* BM25 of the full-text part; the title weighs four body words, the
 * words as written rank first (rank.h). Its parameter: the spec. */
#define SEARCH_BM25 "filo_rank(fts, ?)"

static bool has_sql_filters(const struct query *q)
{
	return query_has(q, QUERY_SOURCE) || query_has(q, QUERY_DATE) ||
	       query_has(q, QUERY_LANG);
}

/* FROM and WHERE of the matching articles. The article table is joined
 * only when a filter or the order needs it (CROSS JOIN: full-text table
 * first, then one lookup per match); without a full-text part it is the
 * article table alone. */
static void sql_where(struct sql *s, const struct query *q,
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
	sql_filters(s, q, QUERY_SOURCE);
	sql_filters(s, q, QUERY_DATE);
	sql_filters(s, q, QUERY_LANG);
}

/* Without words (filters only): the newest limit articles, as rowid and a
 * score of 0, and their count. With words, search_page ranks in one pass. */
static void sql_page(struct sql *s, const struct query *q, const char *neg,
		     size_t limit)
{
	buf_adds(&s->text, "SELECT a.rowid, 0.0");
	sql_where(s, q, NULL, neg, true);
	buf_addf(&s->text, " ORDER BY a.date DESC, 1 DESC LIMIT %zu", limit);
}

static void sql_count(struct sql *s, const struct query *q, const char *neg)
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
	/* is: filters, when the query has any: on the id in column id_col */
	const struct query *q;
	const struct state *st;
	int id_col;
};

/* Do the query's is: filters hold for article id? */
static bool marks_hold(const struct query *q, const struct state *st, const char *id)
{
	for (size_t i = 0; i < q->n; i++) {
		const struct query_item *it = &q->item[i];
		if (it->kind != QUERY_IS)
			continue;
		bool holds = it->type == QUERY_IS_UNREAD ? !state_read(st, id)
							 : state_flagged(st, id);
		if (holds == it->exclude)
			return false;
	}
	return true;
}

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
	if (t->id_col >= 0 &&
	    !marks_hold(t->q, t->st, (const char *)sqlite3_column_text(st, t->id_col)))
		return;
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

/* Overlapping matches ("kim" inside the phrase "roma kim") as one, as
 * FTS5's highlight() marks them: in (sorted by start) is merged in place;
 * the new count. */
static size_t snip_merge(struct snip_inst *in, size_t n)
{
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		if (m && in[i].off < in[m - 1].end) {
			if (in[i].end > in[m - 1].end)
				in[m - 1].end = in[i].end;
		} else {
			in[m++] = in[i];
		}
	}
	return m;
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
	int t0 = n ? snip_start(s, lo, hi) : 0;
	snip_text(&b, s, t0, scan, in, snip_merge(in, n));
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

/* Id, title, date, url, snippet and first match of one result. */
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
		const char *url = (const char *)sqlite3_column_text(st, 4);
		h->url = xstrdup(url ? url : "");
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
		h->score = pos ? rank_relevance(m->score) : 0.0;
		rc = SQLITE_DONE;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int fill_hits(struct cache *c, const char *pos, const struct match *m,
		     size_t n, struct search_results *out, struct diag *d)
{
	sqlite3_stmt *st = prepare(c, pos
		? "SELECT a.id, a.title, a.date, filo_snippet(fts), a.url FROM fts CROSS JOIN"
		  " article a ON a.rowid = fts.rowid WHERE fts MATCH ?1 AND fts.rowid = ?2"
		: "SELECT a.id, a.title, a.date, substr(f.body, 1, 120), a.url FROM article a"
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

/* What one search needs: the full expression with its filo_rank spec,
 * the exclusions alone, the reading state. */
struct search_plan {
	const struct query *q;
	const struct state *st;
	char *full, *spec, *neg;
};

/* Every match ranked in one pass (row_top): words, or is: filters. */
static int search_all(struct cache *c, const struct search_plan *p,
		      enum search_order order, size_t limit, struct match_list *page,
		      size_t *total, struct diag *d)
{
	/* Ordering reads every match anyway: keep the first ones in one pass
	 * rather than sorting in SQL and counting in a second query. By date
	 * too every match is ranked in that pass (cheaper than a second
	 * full-text query for the page's scores), and the dates of a loaded
	 * list spare a join per match. */
	const struct query *q = p->q;
	bool by_date = order == SEARCH_BY_DATE || !p->full;
	bool mem = by_date && cache_rows_loaded(c);
	bool marks = query_has(q, QUERY_IS);
	struct sql s = { BUF_INIT, NULL, 0, 0 };
	struct match_top top = { *page, limit, 0, by_date, mem ? c : NULL, q, p->st, -1 };
	if (p->full) {
		buf_adds(&s.text, "SELECT fts.rowid, filo_rank(fts, ");
		sql_param(&s, p->spec);
		buf_adds(&s.text, ")");
	} else {
		buf_adds(&s.text, "SELECT a.rowid, 0.0");
	}
	buf_adds(&s.text, by_date && !mem ? ", a.date" : ", NULL");
	if (marks) {
		buf_adds(&s.text, ", a.id");
		top.id_col = 3;
	}
	sql_where(&s, q, p->full, p->neg, !p->full || (by_date && !mem) ||
		  has_sql_filters(q) || marks);
	int r = sql_run(c, &s, row_top, &top, d);
	sql_free(&s);
	*page = top.l;
	*total = top.seen;
	return r;
}

/* The page of results and the total. */
static int search_page(struct cache *c, const struct search_plan *p,
		       enum search_order order, size_t limit, struct match_list *page,
		       size_t *total, struct diag *d)
{
	if (p->full || query_has(p->q, QUERY_IS))
		return search_all(c, p, order, limit, page, total, d);
	/* filters only: the newest in SQL, then the count if the page is full */
	struct sql s = { BUF_INIT, NULL, 0, 0 };
	sql_page(&s, p->q, p->neg, limit);
	int r = sql_run(c, &s, row_match, page, d);
	sql_free(&s);
	if (r != 0)
		return r;
	if (page->n < limit) {	/* the page holds every match */
		*total = page->n;
		return 0;
	}
	struct sql cs = { BUF_INIT, NULL, 0, 0 };
	sql_count(&cs, p->q, p->neg);
	r = sql_run(c, &cs, row_count, total, d);
	sql_free(&cs);
	return r;
}

static void search_plan(struct cache *c, struct search_plan *p, struct diag *d)
{
	struct expander x;
	struct expander *xp = query_has(p->q, QUERY_WORD) ? &x : NULL;
	if (xp && expander_open(&x, c, p->q) != 0) {
		/* a cache without the stem table cannot be: words as written */
		diag_add(d, "search", 0, "%s (words as written only)",
			 sqlite3_errmsg(cache_db(c)));
		expander_close(&x);
		xp = NULL;
	}
	struct buf expr, spec;
	if (fts_build(p->q, false, xp, &expr, &spec)) {
		p->full = buf_detach(&expr, NULL);
		p->spec = buf_detach(&spec, NULL);
	}
	if (fts_build(p->q, true, xp, &expr, &spec))
		p->neg = buf_detach(&expr, NULL);
	else
		buf_free(&expr);
	buf_free(&spec);
	if (xp)
		expander_close(xp);
}

/* Each source:, date: and lang: filter is an SQL condition and
 * alternatives are a chain of ORs, whose depth SQLite caps at 1000: far
 * more filters than anyone types are refused with a message, not
 * SQLite's own ("Expression tree is too large"). */
#define SEARCH_FILTERS_MAX 256

static bool too_many_filters(const struct query *q, struct diag *d)
{
	size_t n = 0;
	for (size_t i = 0; i < q->n; i++)
		n += q->item[i].kind == QUERY_SOURCE || q->item[i].kind == QUERY_DATE ||
		     q->item[i].kind == QUERY_LANG;
	if (n <= SEARCH_FILTERS_MAX)
		return false;
	diag_add(d, "search", 0, "too many source:, date: and lang: filters (%zu; at most %d)",
		 n, SEARCH_FILTERS_MAX);
	return true;
}

int search_run(struct cache *c, const struct query *q, const struct state *st,
	       enum search_order order, size_t limit,
	       struct search_results *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	if (too_many_filters(q, d))
		return -1;
	struct search_plan p = { q, st, NULL, NULL, NULL };
	int r = 0;
	if (q->n && limit > 0)
		search_plan(c, &p, d);
	if ((p.full || p.neg || has_sql_filters(q) || query_has(q, QUERY_IS)) && limit > 0) {
		struct match_list page = { NULL, 0, 0 };
		r = search_page(c, &p, order, limit, &page, &out->total, d);
		if (r == 0)
			r = fill_hits(c, p.full, page.m, page.n, out, d);
		free(page.m);
	}
	free(p.full);
	free(p.spec);
	free(p.neg);
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
		free(r->hit[i].url);
		free(r->hit[i].snippet);
		free(r->hit[i].hl);
	}
	free(r->hit);
	memset(r, 0, sizeof *r);
}
