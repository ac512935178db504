/* rank.h: filo's SQLite FTS5 extensions, which the index cache registers on
 * each connection: the "filo" tokenizer and filo_rank.
 *
 * The tokenizer is unicode61 (case folded, diacritics removed) with runs of
 * ideographs, kana and hangul cut into single characters, so that a word of
 * a language written without spaces is found inside a run. While a
 * language is set (rank_vocab_lang), it also gathers the words of the
 * documents it reads, for the index cache's table of stems (stem
 * variants are found through it: see search.h).
 *
 * filo_rank(fts [, spec]) is the relevance function of full-text search:
 * an FTS5 auxiliary function computing BM25 over the title (weight 4) and
 * the body (weight 1) of each match, lower is better like FTS5's own
 * bm25(). spec, a string of one letter per phrase of the query in order,
 * groups the phrases by query word: 'w' a word as written (it starts the
 * word's group), 'v' another form of it (a stem variant: an occurrence
 * counts half), 'x' a phrase not ranked (an exclusion, an entity or type
 * filter); phrases past the spec, or without one, are words of their own.
 * A row's value is -(RANK_EXACT_STEP * E + BM25), where E is the number of
 * groups the row matches as written: rows with more of the query's words as
 * written come first (rank_relevance gives the BM25 part back).
 * Without variants the order is that of bm25(fts, 4, 1, 0, 0) up to how
 * lengths are counted (title and body together), at a fraction of the
 * cost on large result sets: document lengths come from an array read once
 * per connection (and again after the index changes) instead of one B-tree
 * lookup per match, and a query of one group skips the inverse document
 * frequency, a constant there. No curses here. */
#ifndef FILO_RANK_H
#define FILO_RANK_H

#include <stddef.h>
#include <sqlite3.h>

#define RANK_EXACT_STEP 1e6
#define RANK_LANG_MAX 4		/* a language code and its NUL */

struct rank;	/* a connection's: opaque, freed with the connection */

/* Registers the "filo" tokenizer and filo_rank on the connection (before
 * the fts table is used). Returns their state, or NULL (an SQLite without
 * FTS5). */
struct rank *rank_register(sqlite3 *db);

/* The BM25 part of a filo_rank value (higher is better). */
double rank_relevance(double filo_rank);

/* Called with a language code ("" from rank_tokens) and one word (folded,
 * not NUL-terminated); a non-zero return stops the calls and is returned. */
typedef int rank_word_fn(void *ctx, const char *lang, const char *w, size_t n);

/* Sets the language under which the words of the documents tokenized from
 * now on are gathered (words of 3 bytes or more without digits, outside
 * CJK runs; each once); NULL or "" stops gathering. Set it around an
 * INSERT only: a DELETE tokenizes the old text again. */
void rank_vocab_lang(struct rank *r, const char *lang);
/* Calls fn for every word gathered, and forgets them all; stops
 * gathering. Returns fn's non-zero value, or 0. */
int rank_vocab_take(struct rank *r, rank_word_fn *fn, void *ctx);

/* Calls fn (lang "") for each token of text as the tokenizer makes them
 * of a query string: folded as the index is. Returns 0, fn's non-zero
 * value, or -1 when the tokenizer fails. */
int rank_tokens(struct rank *r, const char *text, size_t len, rank_word_fn *fn,
		void *ctx);
/* The connection's FTS5 interface (to register more functions), or NULL
 * without FTS5. */
fts5_api *rank_fts5_api(sqlite3 *db);

#endif
