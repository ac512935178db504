/* lang.h: the language of a text, told by its function words (the word
 * lists lang_it.txt, lang_en.txt ... of src/lexicon): Italian, English,
 * French, Spanish, German, Portuguese, Dutch, or unknown when the text is
 * too short or too mixed to say. The entity recogniser runs the rules of
 * the language it is given. No curses here. */
#ifndef FILO_LANG_H
#define FILO_LANG_H

#include <stddef.h>
#include <stdint.h>

/* LANG_UNKNOWN is 0, so a zeroed field means "not known". */
enum lang { LANG_UNKNOWN = 0, LANG_IT, LANG_EN, LANG_FR, LANG_ES, LANG_DE,
	    LANG_PT, LANG_NL, LANG_N };

/* "it", "en", ... ; "" for LANG_UNKNOWN or a value out of range. */
const char *lang_code(int lang);
/* The language of a code as articles write it: "it", "EN", "en-GB",
 * "pt_BR", "ita", "eng", "italiano", "English" (case does not matter);
 * LANG_UNKNOWN for anything else, an empty string included. */
int lang_from_code(const char *s, size_t n);

struct lang_db;	/* the function words of every language: opaque */

/* From the embedded word lists. Never NULL (aborts on out-of-memory). */
struct lang_db *lang_db_new(void);
void lang_db_free(struct lang_db *db);

/* Evidence for each language, added up over any number of texts. */
struct lang_score {
	uint32_t score[LANG_N];	/* per language: weighted function words */
	uint32_t words;		/* words read */
};

/* Adds the words of text[0..len) to *sc (zero it first). A word in k of
 * the lists counts 1/k for each (in units of LANG_WEIGHT). */
enum { LANG_WEIGHT = 12 };
void lang_score_add(const struct lang_db *db, const char *text, size_t len,
		    struct lang_score *sc);
/* The language *sc points to, or LANG_UNKNOWN when it has fewer than
 * LANG_MIN_WORDS function words' worth of evidence or the runner-up is
 * too close. *confidence (when not NULL) gets 0..1: the share of the
 * evidence by which the best leads the runner-up (0 when unknown). */
enum { LANG_MIN_WORDS = 3 };
int lang_score_best(const struct lang_score *sc, double *confidence);

/* lang_score_add then lang_score_best on one text; only the first
 * LANG_MAX_BYTES bytes are read, and reading stops once some 60 function
 * words give one language four times the evidence of any other. */
enum { LANG_MAX_BYTES = 16384 };
int lang_detect(const struct lang_db *db, const char *text, size_t len,
		double *confidence);

/* The embedded lists, loaded once per process on first use (safe from
 * any thread) and never freed: for callers that keep no db of their own. */
const struct lang_db *lang_db_shared(void);
/* The code ("it", "en" ...) of the language of text[0..len) as
 * lang_detect tells it with lang_db_shared; "" when it cannot tell. */
const char *lang_text_code(const char *text, size_t len);

#endif
