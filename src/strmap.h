/* strmap.h: interns strings to dense ids 0, 1, 2... (open addressing,
 * FNV-1a). For archive-wide tables of entity keys and the like. */
#ifndef FILO_STRMAP_H
#define FILO_STRMAP_H

#include <stddef.h>

struct strmap {
	char **str;		/* id -> string (owned) */
	size_t n, cap;
	size_t *slot;		/* hash slot -> id + 1 (0 = empty) */
	size_t nslots;		/* a power of two */
};

#define STRMAP_INIT { NULL, 0, 0, NULL, 0 }

/* The id of s[0..len), adding it when new. */
size_t strmap_intern(struct strmap *m, const char *s, size_t len);
/* The id of s[0..len), or (size_t)-1. */
size_t strmap_find(const struct strmap *m, const char *s, size_t len);
void strmap_free(struct strmap *m);

#endif
