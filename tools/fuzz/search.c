/* Fuzz target: the query parser (query.c), shared by the list's filter
 * and search, and the snippets. Every item must be whole, the FTS5
 * expression made of the query must be one SQLite accepts (a syntax error
 * there would fail a search at run time), and
 * filo_snippet on every row it matches must give "OFFSET<TAB>TEXT": the
 * offset of a match inside the body (or "-"), valid UTF-8 with the \1 \2
 * markers in pairs. On an in-memory table with the cache's columns,
 * tokenizer and functions; the rows hold Italian, CJK, a phrase repeated
 * past what a snippet reads of the matches, and a body longer than a
 * snippet scans (its last word is "zanzibar"). */
#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "diag.h"
#include "query.h"
#include "rank.h"
#include "search.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3 *search_fuzz_db(void)
{
	static sqlite3 *db;
	if (db)
		return db;
	struct buf big = BUF_INIT, many = BUF_INIT;
	while (big.len < (300u << 10))
		buf_adds(&big, "Roma Milano Vladimir Putin Kim Jong Un NATO ONU. ");
	buf_adds(&big, "zanzibar");
	for (int i = 0; i < 200; i++)
		buf_adds(&many, i % 7 ? "città di Roma, " : "Kim Jong Un a Pechino.\n\n");
	sqlite3_stmt *ins;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || !rank_register(db) ||
	    search_register(db) != 0 ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE fts USING fts5(title, body, ents, etypes,"
			 " tokenize = 'filo');"
			 "INSERT INTO fts VALUES('Città di Pechino', 'Putin e Kim. La città"
			 " di Roma, il 北京是中国的首都.', 'putin', 'PER');"
			 "INSERT INTO fts VALUES('Kim', '', 'kim jong un', 'PER LOC');",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO fts VALUES('Grande', ?, '', '')", -1,
			       &ins, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(ins, 1, big.data, (int)big.len, SQLITE_STATIC);
	sqlite3_step(ins);
	sqlite3_reset(ins);
	sqlite3_bind_text(ins, 1, many.data, (int)many.len, SQLITE_STATIC);
	if (sqlite3_step(ins) != SQLITE_DONE)
		abort();
	sqlite3_finalize(ins);
	buf_free(&big);
	buf_free(&many);
	return db;
}

/* One snippet: "OFFSET<TAB>TEXT" as search.c reads it. */
static void search_fuzz_snippet(const char *s, int n, int body_len)
{
	const char *tab = memchr(s, '\t', (size_t)n);
	if (!tab)
		abort();
	if (*s != '-') {
		long off = strtol(s, NULL, 10);
		if (off < 0 || off >= body_len)
			abort();
	}
	const char *t = tab + 1;
	size_t len = (size_t)(s + n - t);
	if (!text_valid_utf8(t, len, NULL))
		abort();
	bool open = false;
	for (size_t i = 0; i < len; i++) {
		if (t[i] == '\1' || t[i] == '\2') {
			if ((t[i] == '\1') == open)
				abort();	/* unpaired or nested */
			open = !open;
		}
	}
	if (open)
		abort();
}

static void search_fuzz_run(const char *expr)
{
	static sqlite3_stmt *st;
	sqlite3 *db = search_fuzz_db();
	if (!st && sqlite3_prepare_v2(db, "SELECT filo_snippet(fts), length(CAST(body AS BLOB))"
				      " FROM fts WHERE fts MATCH ?", -1, &st, NULL) != SQLITE_OK)
		abort();
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		search_fuzz_snippet((const char *)sqlite3_column_text(st, 0),
				    sqlite3_column_bytes(st, 0), sqlite3_column_int(st, 1));
	if (rc != SQLITE_DONE) {
		fprintf(stderr, "FTS5 rejects '%s': %s\n", expr, sqlite3_errmsg(db));
		abort();
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);	/* NUL-terminated */
	struct diag d = DIAG_INIT;
	struct query *q = query_parse(text, &d);
	if (!q)
		abort();
	for (size_t i = 0; i < q->n; i++) {
		const struct query_item *it = &q->item[i];
		if (!it->text || it->kind < QUERY_WORD || it->kind >= QUERY_NKINDS ||
		    (it->kind == QUERY_WORD && !it->text[0]) ||
		    (it->kind == QUERY_LANG && (strlen(it->text) < 2 || strlen(it->text) > 3)) ||
		    (it->kind == QUERY_IS && it->type != QUERY_IS_UNREAD &&
		     it->type != QUERY_IS_FLAGGED))
			abort();
	}
	char *expr = search_fts_expr(q);
	if (expr)
		search_fuzz_run(expr);
	free(expr);
	query_free(q);
	diag_free(&d);
	free(text);
	return 0;
}
