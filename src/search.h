/* search.h: full-text search of an archive: the query language, parsed
 * without SQLite, and its evaluation on the index cache's full-text table
 * (SQLite FTS5, unicode61 tokenizer removing diacritics: case- and
 * accent-insensitive, whole words only; runs of CJK characters are indexed
 * one character at a time, so that a Chinese, Japanese or Korean word is
 * found inside a longer run, as a phrase). No curses here.
 *
 * Query language: words (all must match), "quoted phrases", -word or
 * -"phrase" to exclude, and filters source:NAME, date:2023-09,
 * date:2023-09-01..2023-09-30 (either end may be left open), entity:NAME
 * (an entity of the archive by name or key: entity:Putin, entity:"Kim Jong
 * Un") and type:PER|LOC|ORG|MISC (articles mentioning an entity of that
 * type). A filter value may be quoted; a filter may be excluded too
 * (-source:NAME). Several source: or date: filters are alternatives; all
 * the others must hold together. */
#ifndef FILO_SEARCH_H
#define FILO_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"

struct cache;

enum search_kind { SEARCH_WORD, SEARCH_PHRASE, SEARCH_SOURCE, SEARCH_DATE,
		   SEARCH_ENTITY, SEARCH_TYPE };

struct search_item {
	int kind;	/* SEARCH_* */
	bool exclude;	/* written with a leading '-' */
	char *text;	/* the word, phrase or filter value; date: the start */
	char *hi;	/* date: the end of a range ("" open), NULL for one date */
	int type;	/* SEARCH_TYPE: ENTITY_* */
};

struct search_query {
	struct search_item *item;
	size_t n;
};

/* Parses a query. Never fails: mistakes (an unbalanced quote, a bad date or
 * type, a filter without a value) go to d as "search: message" and the
 * query keeps what could be understood. Never NULL; free with
 * search_query_free. */
struct search_query *search_parse(const char *q, struct diag *d);
void search_query_free(struct search_query *q);

/* The FTS5 expression of the query's full-text part (words, phrases,
 * entities, types; exclusions only when something positive is there),
 * malloc'd, or NULL when it has none. For tests and `--explain`. */
char *search_fts_expr(const struct search_query *q);

enum search_order { SEARCH_BY_RANK, SEARCH_BY_DATE };

struct search_span {
	size_t off, len;	/* bytes in the snippet */
};

struct search_hit {
	char *id, *title, *date;
	long art;		/* store index (cache_doc_of_rowid), or -1 */
	double score;		/* relevance (BM25, higher is better); 0 without words */
	char *snippet;		/* one line around the best match */
	struct search_span *hl;	/* the matches in the snippet */
	size_t nhl;
	/* Offset of the first match in the article's plain text (what
	 * render_plain_text gives), to open it scrolled there; (size_t)-1 when
	 * nothing matched in the body (a title match, filters only). */
	size_t match_off;
};

struct search_results {
	struct search_hit *hit;
	size_t n;
	size_t total;		/* matching articles, of which n are given */
};

/* Runs q on the cache (refreshed by the caller): the first limit results
 * by relevance or by date (newest first). Fills *out (free with
 * search_results_free). Returns 0, or -1 on a database error (message in
 * d; out empty). An empty query gives no results. */
int search_run(struct cache *c, const struct search_query *q,
	       enum search_order order, size_t limit,
	       struct search_results *out, struct diag *d);
void search_results_free(struct search_results *r);

/* Registers filo_snippet, the snippets of search_run (after rank_register,
 * which makes the tokenizer), on an SQLite connection: 0, or -1. */
struct sqlite3;
int search_register(struct sqlite3 *db);

#endif
