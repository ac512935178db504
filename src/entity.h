/* entity.h: named-entity recognition for news text: finds mentions of
 * people, places, organisations (and MISC: events, products) with byte
 * ranges, links each to a canonical entity of the article, and gives the
 * archive-wide key used to count and index entities. Lexicons are embedded
 * (the text files of src/lexicon, see lexicon.h); the user's "entities" file in the
 * articles folder corrects them. No curses here. */
#ifndef FILO_ENTITY_H
#define FILO_ENTITY_H

#include <stddef.h>
#include "diag.h"
#include "lang.h"

/* Values shared with enum render_ent. */
enum entity_type { ENTITY_NONE = 0, ENTITY_PER, ENTITY_LOC, ENTITY_ORG,
		   ENTITY_MISC, ENTITY_NTYPES };

struct entity_db;	/* lexicons, rules and user corrections: opaque */

/* Built-in lexicons. Never NULL (aborts on out-of-memory). */
struct entity_db *entity_db_new(void);
/* Adds the user's corrections from an entities file (format in filo(5));
 * bad lines go to d as "file:line: message" and are skipped. Returns 0, or
 * -1 when the file cannot be read (ENOENT is not an error: returns 0). */
int entity_db_load_user(struct entity_db *db, const char *path, struct diag *d);
void entity_db_free(struct entity_db *db);

struct entity_mention {
	size_t off, len;	/* bytes in the tagged text */
	int type;		/* ENTITY_* */
	int entity;		/* index into entity_doc.ent */
};

struct entity_ref {
	char *name;	/* canonical display name, e.g. "Kim Jong Un" */
	char *key;	/* archive-wide key: folded, transliteration-normalised */
	int type;
	int count;	/* mentions in this text */
};

struct entity_doc {
	struct entity_mention *m;	/* sorted by off, non-overlapping */
	size_t nm;
	struct entity_ref *ent;
	size_t nent;
};

/* Tags a whole text (an article's plain text: blocks separated by blank
 * lines) written in language lang (LANG_* of lang.h), with the rules and
 * word lists of that language; LANG_UNKNOWN runs only the rules that hold
 * in any language (capitals, known names, initials, company suffixes).
 * Document-level consistency applies: a later "Kim" after "Kim Jong Un"
 * is the same person. Fills *out (free with entity_doc_free). */
void entity_tag_lang(const struct entity_db *db, int lang, const char *text,
		     size_t len, struct entity_doc *out);
/* The language of a text as entity_tag sees it (LANG_UNKNOWN when too
 * short or mixed to tell). */
int entity_detect_lang(const struct entity_db *db, const char *text,
		       size_t len);
/* entity_tag_lang in the language entity_detect_lang finds. */
void entity_tag(const struct entity_db *db, const char *text, size_t len,
		struct entity_doc *out);
void entity_doc_free(struct entity_doc *doc);

/* The measuring interface: labels n tokens of one sentence (or of several,
 * with an empty token "" between sentences; two in a row start a new
 * document) as ENTITY_* (MISC reported as ENTITY_NONE by callers that only
 * know PER/LOC/ORG), in language lang, or with LANG_UNKNOWN in the
 * language of each sentence: told by its own function words, else by
 * those of the sentences around it in its document, else of its whole
 * document. */
void entity_tag_tokens(const struct entity_db *db, int lang,
		       const char *const *tok, size_t n, int *labels);

/* "PER", "LOC", "ORG", "MISC" or "O"; and back (-1 when unknown). */
const char *entity_type_name(int type);
int entity_type_from_name(const char *name);

/* Archive-wide key of a name (malloc'd): folded, hyphens and spaces unified,
 * transliteration variants merged ("Sergey"/"Sergei"). */
char *entity_key(const char *name, size_t len);

#endif
