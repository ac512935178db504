/* strmap.h: interns strings to dense ids 0, 1, 2... (open addressing,
 * FNV-1a). For archive-wide tables of entity keys and terms, and small ones
 * such as the numbered links of a rendered article. */
#ifndef FILO_STRMAP_H
#define FILO_STRMAP_H

#include <stddef.h>
#include <stdint.h>

/* Lasting NUL-terminated copies of strings, packed in blocks that never
 * move, so that a copy stays valid until strpool_free and costs no
 * allocation of its own. Used by strmap and by anyone keeping many small
 * strings. */
struct strpool {
	char *block;		/* the newest block; its first bytes link the older */
	char *fill;		/* where the next string goes in it */
	size_t left;		/* bytes free from there */
};

#define STRPOOL_INIT { NULL, NULL, 0 }

/* A copy of s[0..len) in the pool. */
char *strpool_add(struct strpool *p, const char *s, size_t len);
void strpool_free(struct strpool *p);

struct strmap {
	char **str;		/* id -> string (owned; NUL-terminated) */
	size_t n, cap;
	/* private: hash slot -> (32 bits of the string's hash << 32) | id + 1,
	 * 0 = empty: one load tells an other string apart without reading it */
	uint64_t *slot;
	size_t nslots;		/* a power of two */
	struct strpool pool;	/* private: the strings themselves */
};

#define STRMAP_INIT { NULL, 0, 0, NULL, 0, STRPOOL_INIT }

/* The id of s[0..len), adding it when new. */
size_t strmap_intern(struct strmap *m, const char *s, size_t len);
/* The id of s[0..len), or (size_t)-1. */
size_t strmap_find(const struct strmap *m, const char *s, size_t len);
/* strmap_intern with the string's strmap_hash given, for callers that hash
 * as they read the string anyway (terms.c). strmap_hash is hash_fnv64 of
 * hash.h, so such a caller starts from HASH_FNV64_INIT and adds each piece
 * with hash_fnv64_add. */
uint64_t strmap_hash(const char *s, size_t len);
size_t strmap_intern_hashed(struct strmap *m, const char *s, size_t len,
			    uint64_t hash);
/* Asks the processor to fetch the slot where a string of this hash is
 * looked for, so that a batch of lookups waits for memory once, not once
 * each. Only a hint: does nothing where the compiler has no prefetch. */
void strmap_prefetch(const struct strmap *m, uint64_t hash);
void strmap_free(struct strmap *m);

#endif
