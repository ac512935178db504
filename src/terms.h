/* terms.h: the content words of a text, for related-article ranking: words
 * split at non-word characters, folded (case, accents), Italian or English
 * stop words removed, lightly stemmed, and interned to small integer ids.
 * No curses here. */
#ifndef FILO_TERMS_H
#define FILO_TERMS_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

enum terms_lang { TERMS_IT = 0, TERMS_EN = 1, TERMS_NLANGS };

/* Ids count up from 0 in the order terms are first seen. */
#define TERMS_NONE UINT32_MAX

struct terms;	/* stop words, interning tables, scratch space: opaque */

/* Loads the stop word lexicons "stopwords_it" and "stopwords_en" (a missing
 * lexicon just means no stop words). Never NULL (aborts on out-of-memory). */
struct terms *terms_new(void);
void terms_free(struct terms *t);

/* Appends to *ids (a growable array the caller owns and frees; *cap its
 * capacity, both may start as NULL/0) the term id of every content word of
 * text[0..len), in text order, and returns how many were appended. The
 * language (the one whose stop words are more frequent; Italian on a tie) is
 * stored in *lang if not NULL: it picks the stop list and the stemmer.
 * Dropped: stop words, one-character words (single digits too), words over
 * 40 bytes. Figures are words: a '.' or ',' between digits stays in them as
 * '.' ("6.000", "15,7" -> "15.7"). No allocation per word: the common
 * spellings are folded once and kept in a fixed-size cache; the rest are
 * folded again when met (only terms and their first spelling are kept). */
size_t terms_scan(struct terms *t, const char *text, size_t len,
		  uint32_t **ids, size_t *cap, int *lang);

/* Interns an arbitrary byte string (no NUL inside) as a term of its own, and
 * returns its id; the same string always gives the same id. Callers that
 * need a separate name space (entity keys) prefix a byte no word contains. */
uint32_t terms_intern(struct terms *t, const char *s, size_t n);

/* Number of ids handed out so far. */
size_t terms_count(const struct terms *t);

/* The interned form of id (the stem, or the string given to terms_intern);
 * NULL for an unknown id. Owned by t, valid until terms_free. */
const char *terms_name(const struct terms *t, uint32_t id);

/* A readable spelling for id: the first word seen that produced it, lower
 * case but with its accents ("città" rather than the stem "citt"). Owned
 * by t, valid until terms_free. */
const char *terms_surface(const struct terms *t, uint32_t id);

/* Is the folded word w[0..n) a stop word of lang? */
bool terms_is_stop(const struct terms *t, const char *w, size_t n, int lang);

/* Light stemmer: shortens the folded word w[0..n) in place and returns its
 * new length. Conservative on purpose: it only merges inflections of one
 * word (Italian plural and gender endings, -zione/-zioni, -mente; English
 * -s/-es/-ies/-ing/-ed), and leaves short words, words with digits and
 * non-ASCII words alone, so that unrelated words rarely meet. */
size_t terms_stem(char *w, size_t n, int lang);

#endif
