/* entity_tok.h: the one left-to-right tokenizer of the entity recogniser:
 * splits text into word and punctuation tokens with their shape, and writes
 * every token's folded form into one buffer, separated by single spaces, so
 * that a run of tokens is a contiguous folded phrase (lexicon key). */
#ifndef FILO_ENTITY_TOK_H
#define FILO_ENTITY_TOK_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* Token shape bits. */
enum {
	ETOK_WORD = 1 << 0,	/* letters/digits, maybe ending in an apostrophe */
	ETOK_CAP = 1 << 1,	/* first letter is upper case */
	ETOK_UPPER = 1 << 2,	/* two or more letters, all upper case */
	ETOK_DIGIT = 1 << 3,	/* starts with a digit */
	ETOK_SSTART = 1 << 4,	/* first word of a sentence, line or block */
	ETOK_HYPHEN = 1 << 5,	/* glued to the previous word by a hyphen */
	ETOK_ELIDED = 1 << 6,	/* ends with an apostrophe: "dell'", "D'" */
	ETOK_BREAK = 1 << 7,	/* a line break comes before it */
	ETOK_SENTEND = 1 << 8	/* punctuation that ends a sentence */
};

struct etok {
	uint32_t off, len;	/* bytes in the source text */
	uint32_t foff, flen;	/* bytes in etoks.fold */
	uint32_t shape;		/* ETOK_* */
};

struct etoks {
	struct etok *t;
	size_t n, cap;
	struct buf fold;	/* folded tokens, each followed by one space */
};

void etoks_init(struct etoks *ts);
void etoks_free(struct etoks *ts);
/* Tokenises s[0..n) into ts (emptied first). Offsets must fit 32 bits:
 * longer texts are cut at 4 GiB. */
void etoks_scan(struct etoks *ts, const char *s, size_t n);

/* Appends the folded form of one word (no spaces in it) to out: lower case,
 * accents removed, apostrophes and dashes unified; agrees with text_fold. */
void etok_fold_word(struct buf *out, const char *s, size_t n);

#endif
