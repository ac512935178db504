/* entity_lex.h: the recogniser's knowledge: one open-addressing hash table
 * of folded words and phrases (keys as written by etoks_scan: tokens joined
 * by single spaces), each with word-class flags and, for names, a type and
 * a canonical name. Filled from the embedded lexicons and the user's file. */
#ifndef FILO_ENTITY_LEX_H
#define FILO_ENTITY_LEX_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"
#include "entity.h"
#include "entity_tok.h"
#include "lang.h"

/* Word-class flags of a key: the enum's bits, and above them the ones
 * that do not fit an int (LX_ROLE_START ...). */
typedef uint64_t lexflags;

enum {
	LX_FIRST = 1 << 0,	/* given name: "Vladimir", "Maria" */
	LX_SURN = 1 << 1,	/* surname that alone means a person: "Kim" */
	LX_CUE_PER = 1 << 2,	/* title before a person: "presidente" */
	LX_CUE_LOC = 1 << 3,	/* word before a place: "città", "cosmodromo" */
	LX_CUE_ORG = 1 << 4,	/* word before an organisation: "agenzia" */
	LX_HEAD_ORG = 1 << 5,	/* first word of an ORG name: "Ministero" */
	LX_HEAD_LOC = 1 << 6,	/* first word of a LOC name: "Monte" */
	LX_TAIL_ORG = 1 << 7,	/* last word of an ORG name: "SpA", "Group" */
	LX_TAIL_LOC = 1 << 8,	/* last word of a LOC name: "Airport" */
	LX_PARTICLE = 1 << 9,	/* joins name parts: "von", "bin", "de" */
	LX_LINK = 1 << 10,	/* joins only after a head: "di", "della" */
	LX_NOTENT = 1 << 11,	/* capitalised but no name: "Il", "Lunedì" */
	LX_NATADJ = 1 << 12,	/* nationality adjective: "russo" */
	LX_PREP_LOC = 1 << 13,	/* preposition before places: "a", "in" */
	LX_ARTICLE = 1 << 14,	/* article (+ preposition): "la", "della" */
	LX_PREFIX = 1 << 15,	/* a longer phrase starts with this key */
	LX_NAME = 1 << 16,	/* a named entity: type and canon are set */
	LX_USER = 1 << 17,	/* the name comes from the user's file */
	LX_NOT = 1 << 18,	/* the user says: never an entity */
	LX_CAPSONLY = 1 << 19,	/* listed only in capitals: "UN" is no "Un" */
	LX_MIXEDCASE = 1 << 20,	/* listed at least once not in capitals */
	LX_INST = 1 << 21,	/* an institution by itself: "governo", "polizia" */
	LX_INSTADJ = 1 << 22,	/* adjective kept after one: "comunale" */
	LX_LHEAD_LOC = 1 << 23,	/* lower-case head kept in a place name: "provincia" */
	LX_LHEAD_ORG = 1 << 24,	/* lower-case head kept in an ORG: "ministero" */
	LX_SPORT = 1 << 25,	/* a sports report word: "partita", "gol" */
	LX_ROLE = 1 << 26,	/* a title or role, maybe of several words:
				   "Chief Executive Officer", "amministratore
				   delegato"; never part of a name */
	LX_HEAD_SPLIT = 1 << 27, /* office whose "di" + place stays apart:
				   "Procura" "di" "Roma" */
	LX_PORTFOLIO = 1 << 28,	/* lower-case noun kept after an institution
				   and "di": "Ministero della sanità" */
	LX_PER_TITLE = 1 << 29,	/* title kept in a person's name: "don" */
	LX_MISC_WORD = 1 << 30	/* heads or ends an event or a work:
				   "Premio", "Festival", "Awards" */
};

/* The first word of a role phrase: one may start here ("chief"). Outside
 * the enum, whose values must fit an int. */
#define LX_ROLE_START ((lexflags)1 << 31)
/* The ending of family names, written "-elli", "-enko" (a key of its own). */
#define LX_SURN_END ((lexflags)1 << 32)
/* A name from a generated gazetteer (ent_gaz_*: every Italian comune, the
 * world's towns): a place only when no capitalised word is next to it. */
#define LX_GAZ ((lexflags)1 << 33)
/* A title whose link names the body the person leads: "presidente" (of
 * "il presidente della Zorbex"). */
#define LX_LEADS ((lexflags)1 << 34)
/* A lower-case head of a place's name right before it: "ospedale" (of
 * "l'ospedale Casilino"), not before a link. */
#define LX_LHEAD_DIRECT ((lexflags)1 << 35)
/* A word before the title of a work or a thing: "brano", "nave". */
#define LX_CUE_MISC ((lexflags)1 << 36)
/* A district of a town that races under its own name in a local contest,
 * an organisation only near a word of that contest: "Onda", "Torre" of
 * Siena's Palio. */
#define LX_CONTRADA ((lexflags)1 << 37)
/* A word of such a contest: "Palio", "contrade", "fantino". */
#define LX_PALIO ((lexflags)1 << 38)
/* A noun that names an institution when capitalised after an article and
 * is another word in lower case: "lo Stato" (but "è stato"). */
#define LX_INST_CAP ((lexflags)1 << 39)
/* The code of an Italian province: "MI" of "Pioltello (MI)". */
#define LX_PROV_CODE ((lexflags)1 << 40)
/* A plural article: "i", "gli", "dei" (of "i Rolling Stones"). */
#define LX_PLURAL_ART ((lexflags)1 << 41)

struct lexent {
	uint32_t koff, klen;	/* key in lex.keys */
	uint32_t hash;
	lexflags flags;		/* in every language */
	int32_t canon;		/* index into lex.canon, or -1 */
	int16_t type;		/* ENTITY_* when LX_NAME */
	uint16_t lrow;		/* row of lex.lflags, 0: none */
};

struct lex {
	struct lexent *e;	/* cap is a power of two; klen == 0: empty */
	size_t cap, n;
	struct buf keys;	/* all keys, NUL-separated */
	char **canon;		/* canonical display names */
	size_t ncanon, capcanon;
	/* flags a word has in one language only ("via" heads an Italian
	 * place name, "the" is an English article): row lrow of a lexent,
	 * column LANG_*; column LANG_UNKNOWN gets what holds in any language
	 * for text of no known language (that a word is no name). Row 0 is
	 * all zero. */
	lexflags (*lflags)[LANG_N];
	size_t nlrows, caplrows;
	struct etoks scratch;	/* tokenizer for entries while loading */
};

void lex_init(struct lex *lx);
void lex_free(struct lex *lx);

uint32_t lex_hash_start(void);
uint32_t lex_hash_add(uint32_t h, const char *s, size_t n);
/* Finds a key by its folded bytes and hash (from lex_hash_*), or NULL. */
const struct lexent *lex_find(const struct lex *lx, const char *k, size_t n,
			      uint32_t h);

/* Adds word-class flags to every whitespace-separated word of text (lines
 * starting with '#' skipped), in every language. */
void lex_add_words(struct lex *lx, const char *text, lexflags flags);
/* The same for one language (LANG_IT ...): the words have these flags in
 * text of that language only (LX_NOTENT also in text of none). */
void lex_add_words_lang(struct lex *lx, const char *text, lexflags flags,
			int lang);

/* Adds flags to each phrase of text, one a line ("chief executive
 * officer"), in language lang, and LX_ROLE_START to its first word, so
 * that a reader tries to match one only where one may start; its first
 * words become LX_PREFIX keys. */
void lex_add_phrases_lang(struct lex *lx, const char *text, lexflags flags,
			  int lang);

/* The flags of e in text of language lang. */
static inline lexflags lex_flags(const struct lex *lx, const struct lexent *e,
				 int lang)
{
	return e->flags | lx->lflags[e->lrow][lang];
}
/* Adds a name and its aliases: line "Canonical | Alias | Alias". User
 * entries (LX_USER in flags) override the type of built-in ones. Returns
 * -1 when no name is on the line. */
int lex_add_names(struct lex *lx, const char *line, size_t len, int type,
		  lexflags flags);
/* Adds every line of a lexicon text as lex_add_names. */
void lex_add_name_file(struct lex *lx, const char *text, int type,
		       lexflags flags);
/* Marks the names on the line as never entities. */
int lex_add_not(struct lex *lx, const char *line, size_t len);

#endif
