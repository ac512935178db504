/* rank.c: filo's FTS5 extensions (see rank.h): the "filo" tokenizer, and
 * filo_rank(fts), BM25 with document lengths kept in memory. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "rank.h"
#include "strmap.h"
#include "text.h"

#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_TITLE_WEIGHT 4.0
/* An occurrence of another form of a query word (a stem variant) counts
 * this much of an occurrence of the word itself. */
#define RANK_VARIANT_WEIGHT 0.5
/* Rowids above this are looked up one by one rather than held in an array. */
#define RANK_MAX_ROWID (1 << 24)

/* Tokens in title and body of each rowid, read from the fts_docsize table;
 * stale once the database changed (by this connection or another). */
struct rank_lengths {
	sqlite3 *db;
	uint32_t *len;		/* 0: unknown rowid */
	size_t n;
	double avg;
	sqlite3_int64 changes;	/* sqlite3_total_changes when read */
	sqlite3_int64 version;	/* PRAGMA data_version when read */
	bool loaded;
};

/* Per query: the phrases grouped by query word (rank.h), the weight of
 * each group, and scratch space for one row. */
struct rank_query {
	int nphrase, ngroup;
	int *group;		/* per phrase: its group, or -1 (not ranked) */
	bool *exact;		/* per phrase: the word as written */
	double *idf;		/* per group */
	double *tf;		/* per group, for the row being ranked */
	bool *hit_exact;	/* per group: the row has the word as written */
};

/* The words the tokenizer saw in documents, per language (rank.h). */
struct rank_vocab {
	char lang[RANK_LANG_MAX];
	struct strmap words;
};

/* What filo's extensions keep per connection: freed with it. */
struct rank {
	fts5_api *api;
	struct rank_lengths lengths;
	struct rank_vocab *vocab;
	size_t nvocab, vocabcap;
	long cur;		/* the vocab gathering now, or -1 */
	Fts5Tokenizer *qtok;	/* for rank_tokens, made when first needed */
};

/* One SQLite varint (big-endian groups of 7 bits, a 9th byte of 8). */
static size_t rank_varint(const unsigned char *p, size_t n, uint64_t *v)
{
	*v = 0;
	for (size_t i = 0; i < n && i < 9; i++) {
		if (i == 8) {
			*v = (*v << 8) | p[i];
			return 9;
		}
		*v = (*v << 7) | (p[i] & 0x7f);
		if (!(p[i] & 0x80))
			return i + 1;
	}
	return 0;
}

/* Title plus body tokens of one docsize blob (columns in table order). */
static uint32_t rank_blob_len(const unsigned char *p, size_t n)
{
	uint64_t t = 0, b = 0;
	size_t k = rank_varint(p, n, &t);
	if (k == 0 || rank_varint(p + k, n - k, &b) == 0)
		return 0;
	uint64_t sum = t + b;
	return sum > UINT32_MAX - 1 ? UINT32_MAX - 1 : (uint32_t)sum + 1;
}

static sqlite3_int64 rank_data_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	sqlite3_int64 v = -1;
	if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) != SQLITE_OK)
		return v;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void rank_lengths_read(struct rank_lengths *L)
{
	free(L->len);
	L->len = NULL;
	L->n = 0;
	L->avg = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(L->db, "SELECT id, sz FROM fts_docsize", -1, &st, NULL) != SQLITE_OK)
		return;
	size_t cap = 0, count = 0;
	double total = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		const unsigned char *p = sqlite3_column_blob(st, 1);
		uint32_t len = rank_blob_len(p, (size_t)sqlite3_column_bytes(st, 1));
		if (id < 0 || id >= RANK_MAX_ROWID || len == 0)
			continue;
		if ((size_t)id >= L->n) {
			L->len = xgrow(L->len, &cap, (size_t)id + 1, sizeof *L->len);
			for (size_t i = L->n; i <= (size_t)id; i++)
				L->len[i] = 0;
			L->n = (size_t)id + 1;
		}
		L->len[id] = len;
		total += len - 1;
		count++;
	}
	sqlite3_finalize(st);
	L->avg = count ? total / (double)count : 0;
}

/* Reads the lengths when first needed and again after any change. */
static void rank_lengths_fresh(struct rank_lengths *L)
{
	sqlite3_int64 changes = sqlite3_total_changes64(L->db);
	sqlite3_int64 version = rank_data_version(L->db);
	if (L->loaded && changes == L->changes && version == L->version)
		return;
	rank_lengths_read(L);
	L->changes = changes;
	L->version = version;
	L->loaded = true;
}

/* Tokens in title and body of the current row. */
static double rank_row_len(const struct rank_lengths *L, const Fts5ExtensionApi *x,
			   Fts5Context *fc)
{
	sqlite3_int64 id = x->xRowid(fc);
	if (id >= 0 && (size_t)id < L->n && L->len[id])
		return L->len[id] - 1;
	int t = 0, b = 0;
	x->xColumnSize(fc, 0, &t);
	x->xColumnSize(fc, 1, &b);
	return t + b;
}

static int rank_count_row(const Fts5ExtensionApi *x, Fts5Context *fc, void *ctx)
{
	(void)x;
	(void)fc;
	++*(sqlite3_int64 *)ctx;
	return SQLITE_OK;
}

static void rank_query_free(void *p)
{
	struct rank_query *q = p;
	free(q->group);
	free(q->exact);
	free(q->idf);
	free(q->tf);
	free(q->hit_exact);
	free(q);
}

/* Groups the phrases by the spec (rank.h): 'w' starts a word's group,
 * 'v' adds a form of it, 'x' is not ranked; phrases past the spec are
 * words. */
static void rank_query_groups(struct rank_query *q, const char *spec)
{
	size_t slen = spec ? strlen(spec) : 0;
	int g = -1;
	for (int i = 0; i < q->nphrase; i++) {
		char c = (size_t)i < slen ? spec[i] : 'w';
		if (c == 'x') {
			q->group[i] = -1;
			continue;
		}
		if (c != 'v' || g < 0)
			g++;
		q->group[i] = g;
		q->exact[i] = c != 'v';
	}
	q->ngroup = g + 1;
}

/* The weights, on the first row of a query: BM25's inverse document
 * frequency of each group (its phrases' documents added up) when the
 * query has several, else 1. */
static struct rank_query *rank_query_new(const Fts5ExtensionApi *x, Fts5Context *fc,
					 const char *spec)
{
	struct rank_query *q = xcalloc(1, sizeof *q);
	q->nphrase = x->xPhraseCount(fc);
	size_t np = q->nphrase > 0 ? (size_t)q->nphrase : 1;
	q->group = xcalloc(np, sizeof *q->group);
	q->exact = xcalloc(np, sizeof *q->exact);
	rank_query_groups(q, spec);
	size_t ng = q->ngroup > 0 ? (size_t)q->ngroup : 1;
	q->idf = xcalloc(ng, sizeof *q->idf);
	q->tf = xcalloc(ng, sizeof *q->tf);
	q->hit_exact = xcalloc(ng, sizeof *q->hit_exact);
	sqlite3_int64 rows = 0;
	bool several = q->ngroup > 1;
	if (several)
		x->xRowCount(fc, &rows);
	for (int i = 0; i < q->nphrase && several; i++) {
		sqlite3_int64 hits = 0;
		if (q->group[i] >= 0)
			x->xQueryPhrase(fc, i, &hits, rank_count_row);
		if (q->group[i] >= 0)
			q->idf[q->group[i]] += (double)hits;
	}
	for (int g = 0; g < q->ngroup; g++) {
		double hits = q->idf[g] < (double)rows ? q->idf[g] : (double)rows;
		double idf = log(((double)rows - hits + 0.5) / (hits + 0.5));
		q->idf[g] = several ? (idf > 1e-6 ? idf : 1e-6) : 1.0;
	}
	return q;
}

static void rank_fn(const Fts5ExtensionApi *x, Fts5Context *fc, sqlite3_context *ctx,
		    int nval, sqlite3_value **val)
{
	struct rank *r = x->xUserData(fc);
	struct rank_query *q = x->xGetAuxdata(fc, 0);
	if (!q) {
		rank_lengths_fresh(&r->lengths);
		q = rank_query_new(x, fc, nval > 0 ? (const char *)sqlite3_value_text(val[0]) : NULL);
		if (x->xSetAuxdata(fc, q, rank_query_free) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, SQLITE_NOMEM);
			return;
		}
	}
	for (int g = 0; g < q->ngroup; g++) {
		q->tf[g] = 0;
		q->hit_exact[g] = false;
	}
	int ninst = 0;
	x->xInstCount(fc, &ninst);
	for (int i = 0; i < ninst; i++) {
		int phrase, col, off;
		if (x->xInst(fc, i, &phrase, &col, &off) != SQLITE_OK || col > 1 ||
		    phrase < 0 || phrase >= q->nphrase || q->group[phrase] < 0)
			continue;
		int g = q->group[phrase];
		double w = col == 0 ? RANK_TITLE_WEIGHT : 1.0;
		q->tf[g] += q->exact[phrase] ? w : w * RANK_VARIANT_WEIGHT;
		q->hit_exact[g] |= q->exact[phrase];
	}
	const struct rank_lengths *L = &r->lengths;
	double avg = L->avg > 0 ? L->avg : 1.0;
	double norm = RANK_K1 * (1 - RANK_B + RANK_B * rank_row_len(L, x, fc) / avg);
	double score = 0;
	int exact = 0;
	for (int g = 0; g < q->ngroup; g++) {
		score += q->idf[g] * q->tf[g] * (RANK_K1 + 1) / (q->tf[g] + norm);
		exact += q->hit_exact[g];
	}
	sqlite3_result_double(ctx, -(exact * RANK_EXACT_STEP + score));
}

double rank_relevance(double filo_rank)
{
	return fmod(-filo_rank, RANK_EXACT_STEP);
}


/* ---- the tokenizer: unicode61, and CJK one character at a time ---- */

/* unicode61 (case folded, diacritics removed: "Città" "CITTA" "citta"
 * alike) keeps a run of ideographs, kana or hangul as one token, so that a
 * Chinese or Japanese word, written without spaces, would only match a
 * whole run. Such tokens are split into one token per character here; a
 * query word becomes the phrase of its characters (FTS5 makes a phrase of
 * a string that gives several tokens), found anywhere inside a run. Thai,
 * Lao, Khmer and Burmese runs stay whole: they would need a dictionary. */
struct filo_tokenizer {
	fts5_tokenizer inner;		/* unicode61's functions */
	Fts5Tokenizer *state;		/* its instance */
	struct rank *rank;		/* the connection's */
};

struct token_split {
	void *ctx;
	int (*emit)(void *, int, const char *, int, int, int);
	struct strmap *gather;		/* the words of a document, or NULL */
};

/* Words worth a stem: 3 bytes or more, no digit (a figure is only
 * itself), not a character of a CJK run (split: no stems). */
static void token_gather(struct strmap *m, const char *tok, int n)
{
	if (n < 3)
		return;
	for (int i = 0; i < n; i++)
		if (tok[i] >= '0' && tok[i] <= '9')
			return;
	strmap_intern(m, tok, (size_t)n);
}

/* Is the character at tok[i] (of n bytes) CJK? *len gets its length. */
static bool token_cjk(const char *tok, int i, int n, int *len)
{
	size_t l;
	bool cjk = text_is_cjk(tok + i, (size_t)(n - i), &l);
	*len = (int)l;
	return cjk;
}

/* One unicode61 token: passed on, or cut into its CJK characters and the
 * runs of other characters between them. Offsets map byte for byte when
 * the token has the length of its text (CJK is not case folded); else each
 * piece gets the token's whole range. */
static int token_split_emit(void *ctx, int tflags, const char *tok, int n,
			    int start, int end)
{
	struct token_split *ts = ctx;
	bool exact = end - start == n, any = false;
	int len;
	for (int i = 0; i < n && !any; i += len)
		any = token_cjk(tok, i, n, &len);
	if (!any) {
		if (ts->gather)
			token_gather(ts->gather, tok, n);
		return ts->emit(ts->ctx, tflags, tok, n, start, end);
	}
	int run = 0, rc = SQLITE_OK;
	for (int i = 0; i <= n && rc == SQLITE_OK; i += len) {
		bool cjk = i < n && token_cjk(tok, i, n, &len);
		if (i == n || cjk) {
			if (i > run)
				rc = ts->emit(ts->ctx, tflags, tok + run, i - run,
					      exact ? start + run : start, exact ? start + i : end);
			if (i < n && rc == SQLITE_OK)
				rc = ts->emit(ts->ctx, tflags, tok + i, len,
					      exact ? start + i : start, exact ? start + i + len : end);
			run = i + len;
		}
		if (i == n)
			break;
	}
	return rc;
}

static int filo_tok_create(void *rank_ptr, const char **args, int nargs,
			   Fts5Tokenizer **out)
{
	(void)args;
	(void)nargs;
	struct rank *r = rank_ptr;
	fts5_api *api = r->api;
	void *uctx;
	struct filo_tokenizer *t = xcalloc(1, sizeof *t);
	t->rank = r;
	static const char *const opts[] = { "remove_diacritics", "2" };
	int rc = api->xFindTokenizer(api, "unicode61", &uctx, &t->inner);
	if (rc == SQLITE_OK)
		rc = t->inner.xCreate(uctx, (const char **)opts, 2, &t->state);
	if (rc != SQLITE_OK) {
		free(t);
		return rc;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void filo_tok_delete(Fts5Tokenizer *p)
{
	struct filo_tokenizer *t = (struct filo_tokenizer *)p;
	t->inner.xDelete(t->state);
	free(t);
}

static int filo_tok_tokenize(Fts5Tokenizer *p, void *ctx, int flags,
			     const char *text, int n,
			     int (*emit)(void *, int, const char *, int, int, int))
{
	struct filo_tokenizer *t = (struct filo_tokenizer *)p;
	struct rank *r = t->rank;
	struct token_split ts = { ctx, emit, NULL };
	if ((flags & FTS5_TOKENIZE_DOCUMENT) && r->cur >= 0)
		ts.gather = &r->vocab[r->cur].words;
	return t->inner.xTokenize(t->state, &ts, flags, text, n, token_split_emit);
}

/* ---- the words of the documents, and of a query ---- */

void rank_vocab_lang(struct rank *r, const char *lang)
{
	r->cur = -1;
	if (!lang || !lang[0] || strlen(lang) >= RANK_LANG_MAX)
		return;
	size_t i = 0;
	while (i < r->nvocab && strcmp(r->vocab[i].lang, lang) != 0)
		i++;
	if (i == r->nvocab) {
		r->vocab = xgrow(r->vocab, &r->vocabcap, r->nvocab + 1, sizeof *r->vocab);
		struct rank_vocab *v = &r->vocab[r->nvocab++];
		strcpy(v->lang, lang);
		v->words = (struct strmap)STRMAP_INIT;
	}
	r->cur = (long)i;
}

int rank_vocab_take(struct rank *r, rank_word_fn *fn, void *ctx)
{
	int rc = 0;
	r->cur = -1;
	for (size_t i = 0; i < r->nvocab; i++) {
		struct rank_vocab *v = &r->vocab[i];
		for (size_t k = 0; fn && k < v->words.n && rc == 0; k++)
			rc = fn(ctx, v->lang, v->words.str[k], strlen(v->words.str[k]));
		strmap_free(&v->words);
	}
	free(r->vocab);
	r->vocab = NULL;
	r->nvocab = r->vocabcap = 0;
	return rc;
}

struct token_call {
	rank_word_fn *fn;
	void *ctx;
	int rc;
};

static int token_call_emit(void *ctx, int tflags, const char *tok, int n,
			   int start, int end)
{
	(void)start;
	(void)end;
	struct token_call *tc = ctx;
	if (!(tflags & FTS5_TOKEN_COLOCATED) && tc->rc == 0)
		tc->rc = tc->fn(tc->ctx, "", tok, (size_t)n);
	return SQLITE_OK;
}

int rank_tokens(struct rank *r, const char *text, size_t len, rank_word_fn *fn,
		void *ctx)
{
	if (!r->qtok && filo_tok_create(r, NULL, 0, &r->qtok) != SQLITE_OK) {
		r->qtok = NULL;
		return -1;
	}
	if (len > INT32_MAX)
		len = INT32_MAX;
	struct token_call tc = { fn, ctx, 0 };
	struct filo_tokenizer *t = (struct filo_tokenizer *)r->qtok;
	struct token_split ts = { &tc, token_call_emit, NULL };
	int rc = t->inner.xTokenize(t->state, &ts, FTS5_TOKENIZE_QUERY, text, (int)len,
				    token_split_emit);
	return rc == SQLITE_OK ? tc.rc : -1;
}

/* ---- registering ---- */

fts5_api *rank_fts5_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

static void rank_free(void *p)
{
	struct rank *r = p;
	if (r->qtok)
		filo_tok_delete(r->qtok);
	rank_vocab_take(r, NULL, NULL);
	free(r->lengths.len);
	free(r);
}

struct rank *rank_register(sqlite3 *db)
{
	fts5_api *api = rank_fts5_api(db);
	if (!api)
		return NULL;
	static fts5_tokenizer tok = { filo_tok_create, filo_tok_delete, filo_tok_tokenize };
	struct rank *r = xcalloc(1, sizeof *r);
	r->api = api;
	r->lengths.db = db;
	r->cur = -1;
	/* the tokenizer's destructor frees r when the connection closes */
	if (api->xCreateTokenizer(api, "filo", r, &tok, rank_free) != SQLITE_OK) {
		free(r);
		return NULL;
	}
	return api->xCreateFunction(api, "filo_rank", r, rank_fn, NULL) == SQLITE_OK
	       ? r : NULL;
}
