/* search.h: full-text search of an archive: a query (query.h) evaluated
 * on the index cache's full-text table (SQLite FTS5: case- and
 * accent-insensitive whole words; runs of CJK characters are indexed one
 * character at a time, so that a Chinese, Japanese or Korean word is found
 * inside a longer run, as a phrase). No curses here.
 *
 * A word also finds the other forms of it (stems, Snowball): the index
 * cache keeps every word it has seen in the articles of each language
 * with its stem in that language (rank.h, cache.c's stem table); a query
 * word is stemmed in the languages of the query's lang: filters (without
 * one: Italian and English) and looks for itself or any word of the same
 * stem ("azione" finds "azioni"; "bankrupt" finds "bankruptcy"). Articles
 * with the words as written rank first (rank.h). A phrase, a word* and a
 * word of several tokens ("x-y") match as written. Filters: source: and
 * date: on the article table, entity: and type: on the full-text table's
 * entity keys and types, lang: on each article's text language, is: on the
 * reading state given. */
#ifndef FILO_SEARCH_H
#define FILO_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "query.h"

struct cache;
struct state;

/* The FTS5 expression of the query's full-text part (words, phrases,
 * entities, types; exclusions only when something positive is there),
 * without the other forms of words (they need the cache), malloc'd, or
 * NULL when it has none. For tests and the fuzzer. */
char *search_fts_expr(const struct query *q);

enum search_order { SEARCH_BY_RANK, SEARCH_BY_DATE };

struct search_span {
	size_t off, len;	/* bytes in the snippet */
};

struct search_hit {
	char *id, *title, *date;
	char *url;		/* the article's address, "" when it has none */
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
 * by relevance or by date (newest first). is: filters read st (NULL: every
 * article unread and unflagged). Fills *out (free with
 * search_results_free). Returns 0, or -1 on a database error (message in
 * d; out empty). An empty query gives no results. */
int search_run(struct cache *c, const struct query *q, const struct state *st,
	       enum search_order order, size_t limit,
	       struct search_results *out, struct diag *d);
void search_results_free(struct search_results *r);

/* Registers filo_snippet, the snippets of search_run (after rank_register,
 * which makes the tokenizer), on an SQLite connection: 0, or -1. */
struct sqlite3;
int search_register(struct sqlite3 *db);

#endif
