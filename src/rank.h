/* rank.h: filo's SQLite FTS5 extensions, which the index cache registers on
 * each connection: the "filo" tokenizer and filo_rank.
 *
 * The tokenizer is unicode61 (case folded, diacritics removed) with runs of
 * ideographs, kana and hangul cut into single characters, so that a word of
 * a language written without spaces is found inside a run.
 *
 * filo_rank(fts) is the relevance function of full-text search: an
 * FTS5 auxiliary function computing BM25 over the title (weight 4)
 * and the body (weight 1) of each match, lower is better like FTS5's own
 * bm25(). It gives the same order as bm25(fts, 4, 1, 0, 0) up to how
 * lengths are counted (title and body together), but at a fraction of the
 * cost on large result sets: document lengths come from an array read once
 * per connection (and again after the index changes) instead of one B-tree
 * lookup per match, and a query of one word or phrase skips the inverse
 * document frequency, a constant there. No curses here. */
#ifndef FILO_RANK_H
#define FILO_RANK_H

#include <sqlite3.h>

/* Registers the "filo" tokenizer and filo_rank on the connection (before
 * the fts table is used); their state is freed with the connection.
 * Returns 0, or -1 (an SQLite without FTS5). */
int rank_register(sqlite3 *db);
/* The connection's FTS5 interface (to register more functions), or NULL
 * without FTS5. */
fts5_api *rank_fts5_api(sqlite3 *db);

#endif
