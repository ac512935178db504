/* rank.h: filo_rank(fts), the relevance function of full-text search: an
 * SQLite FTS5 auxiliary function computing BM25 over the title (weight 4)
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

/* Registers filo_rank on the connection whose FTS5 API is api; its state
 * is freed with the connection. Returns 0, or -1. */
int rank_register(sqlite3 *db, void *fts5_api_ptr);

#endif
