/* Fuzz target: the query parser (query.c), shared by the list's filter
 * and search. Every item must be whole, and the FTS5 expression made of
 * the query must be one SQLite accepts (a syntax error there would fail a
 * search at run time), checked on an in-memory table with the cache's
 * columns and tokenizer. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sqlite3_stmt *search_fuzz_stmt(void)
{
	static sqlite3 *db;
	static sqlite3_stmt *st;
	if (st)
		return st;
	if (sqlite3_open(":memory:", &db) != SQLITE_OK || !rank_register(db) ||
	    sqlite3_exec(db, "CREATE VIRTUAL TABLE fts USING fts5(title, body, ents, etypes,"
			 " tokenize = 'filo');"
			 "INSERT INTO fts VALUES('Città di Pechino', 'Putin e Kim', 'putin', 'PER');",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "SELECT count(*) FROM fts WHERE fts MATCH ?", -1, &st,
			       NULL) != SQLITE_OK)
		abort();
	return st;
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
	if (expr) {
		sqlite3_stmt *st = search_fuzz_stmt();
		sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			fprintf(stderr, "FTS5 rejects '%s': %s\n", expr,
				sqlite3_errmsg(sqlite3_db_handle(st)));
			abort();
		}
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		free(expr);
	}
	query_free(q);
	diag_free(&d);
	free(text);
	return 0;
}
