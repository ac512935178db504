/* query.h: filo's one query language, for the list's filter (`/`,
 * `filo list --filter`) and for search (`S`, `filo search`): parsed here
 * without SQLite, and matched here against the archive in memory (titles
 * and sources, entities, reading state) for the list; search.c evaluates
 * the same query on the index cache's full-text table. No curses here.
 *
 * A query (filo(1), QUERIES):
 *	word		in the list: occurs in the title or source; in search: a
 *			whole word of the title or text, or another form of it
 *	word*		in search: a word that starts so (the list matches
 *			inside words anyway)
 *	"a phrase"	these words in this order ("a phr"* : the last one
 *			starting so)
 *	-ITEM		not ITEM (a word, a phrase or a filter)
 *	entity:NAME	mentions an entity whose key holds the words of NAME's
 *			key, in order (entity:putin, entity:"Kim Jong Un")
 *	type:TYPE	mentions an entity of type PER, LOC, ORG or MISC
 *	source:NAME	its source contains NAME
 *	date:D		dated on this day, month or year; date:A..B a range,
 *			either end of which may be left out
 *	lang:CODE	its text is in this language (it, en, ...)
 *	is:unread	not read yet; is:flagged: flagged
 * Words ignore case and accents; a filter's value may be quoted. Several
 * source:, date: or lang: filters are alternatives; all the rest must hold
 * together. */
#ifndef FILO_QUERY_H
#define FILO_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"

struct archive;
struct state;
struct store;

enum query_kind { QUERY_WORD, QUERY_PHRASE, QUERY_SOURCE, QUERY_DATE,
		  QUERY_ENTITY, QUERY_TYPE, QUERY_LANG, QUERY_IS, QUERY_NKINDS };

enum query_is { QUERY_IS_UNREAD, QUERY_IS_FLAGGED };

struct query_item {
	int kind;	/* QUERY_* */
	bool exclude;	/* written with a leading '-' */
	bool prefix;	/* a word or phrase written with a trailing '*' */
	char *text;	/* the word, phrase or filter value (without the
			   '*'); date: the start; lang: the code, lower case */
	char *hi;	/* date: the end of a range ("" open), NULL for one date */
	int type;	/* QUERY_TYPE: ENTITY_*; QUERY_IS: QUERY_IS_* */
};

struct query {
	struct query_item *item;
	size_t n;
};

/* Parses a query. Never fails: mistakes (an unbalanced quote, a bad date,
 * type, language or is: value, a filter without a value, an unknown
 * filter name such as colour:red) go to d as "query: message" and the
 * query keeps what could be understood (an unknown filter is read as a
 * word). Never NULL; free with query_free. */
struct query *query_parse(const char *q, struct diag *d);
void query_free(struct query *q);

/* Has q an item of this kind? */
bool query_has(const struct query *q, int kind);
/* Only words and phrases, none excluded: a query text that starts with
 * this one's text and is of this kind too lists a subset in the list. */
bool query_only_words(const struct query *q);

/* The name of a filter kind ("entity"), or "" for words and phrases. */
const char *query_filter_name(int kind);

/* ---- matching in memory (the list) ---- */

struct query_match;	/* a query prepared for one archive: opaque */

/* Prepares q for the articles of s: words and phrases are looked for in
 * their titles and sources (store.fold), entities and types in a (NULL
 * or an archive without entities: no article mentions any), marks in st
 * (NULL: all unread and unflagged), languages in the articles' text_lang
 * (else their lang field). q, s, a and st must outlive the result. */
struct query_match *query_match_new(const struct query *q, const struct store *s,
				    const struct archive *a, const struct state *st);
/* Does article i of the store match? A query without items matches all. */
bool query_match_article(const struct query_match *m, size_t i);
void query_match_free(struct query_match *m);

/* Do the words of the entity key key hold the words of the key qkey (as
 * entity_key gives them) in a row? So entity: matches in memory as the
 * full-text table's phrase query does on the keys. */
bool query_key_has(const char *key, const char *qkey);

#endif
