/* rank.c: filo's FTS5 extensions (see rank.h): the "filo" tokenizer, and
 * filo_rank(fts), BM25 with document lengths kept in memory. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include "buf.h"
#include "rank.h"
#include "text.h"

#define RANK_K1 1.2
#define RANK_B 0.75
#define RANK_TITLE_WEIGHT 4.0
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

/* Per query: the weight of each phrase. */
struct rank_query {
	int nphrase;
	double *idf;
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
	free(q->idf);
	free(q);
}

/* The weights, on the first row of a query: BM25's inverse document
 * frequency when the query has several phrases, else 1. */
static struct rank_query *rank_query_new(const Fts5ExtensionApi *x, Fts5Context *fc)
{
	struct rank_query *q = xcalloc(1, sizeof *q);
	q->nphrase = x->xPhraseCount(fc);
	q->idf = xcalloc(q->nphrase ? (size_t)q->nphrase : 1, sizeof *q->idf);
	sqlite3_int64 rows = 0;
	if (q->nphrase > 1)
		x->xRowCount(fc, &rows);
	for (int i = 0; i < q->nphrase; i++) {
		sqlite3_int64 hits = 0;
		if (q->nphrase > 1)
			x->xQueryPhrase(fc, i, &hits, rank_count_row);
		double idf = log(((double)(rows - hits) + 0.5) / ((double)hits + 0.5));
		q->idf[i] = q->nphrase > 1 ? (idf > 1e-6 ? idf : 1e-6) : 1.0;
	}
	return q;
}

static void rank_fn(const Fts5ExtensionApi *x, Fts5Context *fc, sqlite3_context *ctx,
		    int nval, sqlite3_value **val)
{
	(void)nval;
	(void)val;
	struct rank_lengths *L = x->xUserData(fc);
	struct rank_query *q = x->xGetAuxdata(fc, 0);
	if (!q) {
		rank_lengths_fresh(L);
		q = rank_query_new(x, fc);
		if (x->xSetAuxdata(fc, q, rank_query_free) != SQLITE_OK) {
			sqlite3_result_error_code(ctx, SQLITE_NOMEM);
			return;
		}
	}
	double tf[64] = { 0 };	/* per phrase; a longer query counts its first 64 */
	int ninst = 0;
	x->xInstCount(fc, &ninst);
	for (int i = 0; i < ninst; i++) {
		int phrase, col, off;
		if (x->xInst(fc, i, &phrase, &col, &off) == SQLITE_OK && phrase < 64 && col <= 1)
			tf[phrase] += col == 0 ? RANK_TITLE_WEIGHT : 1.0;
	}
	double avg = L->avg > 0 ? L->avg : 1.0;
	double norm = RANK_K1 * (1 - RANK_B + RANK_B * rank_row_len(L, x, fc) / avg);
	double score = 0;
	for (int p = 0; p < q->nphrase && p < 64; p++)
		score += q->idf[p] * tf[p] * (RANK_K1 + 1) / (tf[p] + norm);
	sqlite3_result_double(ctx, -score);
}

static void rank_lengths_free(void *p)
{
	struct rank_lengths *L = p;
	free(L->len);
	free(L);
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
};

struct token_split {
	void *ctx;
	int (*emit)(void *, int, const char *, int, int, int);
};

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
	if (!any)
		return ts->emit(ts->ctx, tflags, tok, n, start, end);
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

static int filo_tok_create(void *api_ptr, const char **args, int nargs,
			   Fts5Tokenizer **out)
{
	(void)args;
	(void)nargs;
	fts5_api *api = api_ptr;
	void *uctx;
	struct filo_tokenizer *t = xcalloc(1, sizeof *t);
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
	struct token_split ts = { ctx, emit };
	return t->inner.xTokenize(t->state, &ts, flags, text, n, token_split_emit);
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

int rank_register(sqlite3 *db)
{
	fts5_api *api = rank_fts5_api(db);
	if (!api)
		return -1;
	static fts5_tokenizer tok = { filo_tok_create, filo_tok_delete, filo_tok_tokenize };
	if (api->xCreateTokenizer(api, "filo", api, &tok, NULL) != SQLITE_OK)
		return -1;
	struct rank_lengths *L = xcalloc(1, sizeof *L);
	L->db = db;
	return api->xCreateFunction(api, "filo_rank", L, rank_fn, rank_lengths_free)
	       == SQLITE_OK ? 0 : -1;
}
