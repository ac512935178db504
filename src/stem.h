/* stem.h: word stems for full-text search: the Snowball stemmers of
 * libstemmer, one per language, made when first asked for; and the
 * language an article's words are stemmed in. No curses here.
 *
 * Search (search.c) finds "azioni" for "azione" through the stems of the
 * words the index has seen, which the index cache keeps per language
 * (cache_build.c): see search.h. */
#ifndef FILO_STEM_H
#define FILO_STEM_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct stem;	/* stemmers and function words: opaque, one per thread */

/* Never NULL (aborts on out-of-memory). */
struct stem *stem_new(void);
void stem_free(struct stem *s);

/* Appends the stem of the word w[0..n) (folded: lower case, no accents)
 * in language lang (an ISO 639 code libstemmer knows: "it", "en", "fr"...)
 * to out. Returns false, out unchanged, when lang has no stemmer. */
bool stem_word(struct stem *s, const char *lang, const char *w, size_t n,
	       struct buf *out);
bool stem_has_lang(struct stem *s, const char *lang);

/* Longest language code kept, with its NUL. */
#define STEM_LANG_MAX 4

/* The language code of a lang value as articles and queries write it:
 * its primary subtag in lower case ("EN", "en-GB", "pt_BR" -> "en", "en",
 * "pt"), or "" when it does not start with a code of 2 or 3 letters.
 * Writes code[STEM_LANG_MAX]. */
void stem_lang_code(const char *value, char code[STEM_LANG_MAX]);

/* The language an article's text is in, for stemming and the lang:
 * filter: the code of its lang field when it has one, else "it" or "en",
 * whichever language's function words (the stop word lists) are more
 * frequent in the first STEM_GUESS_BYTES of text (Italian on a tie), else
 * "" (no function word at all: no stemming). lang.c's lang_detect (branch
 * e14-entities) is meant to take the place of this guess. */
#define STEM_GUESS_BYTES 4096
void stem_text_lang(struct stem *s, const char *field, const char *text,
		    size_t len, char code[STEM_LANG_MAX]);

#endif
