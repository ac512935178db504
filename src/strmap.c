/* strmap.c: string interning with open addressing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "hash.h"
#include "strmap.h"

/* Strings are packed into blocks of this size (longer ones get their own). */
#define STRPOOL_BLOCK 65536

/* 64-bit FNV-1a. Nothing keeps these hashes beyond the process (ids are
 * handed out in order of arrival, whatever the hash), so the function may
 * change: it was FNV-1a with a misquoted offset basis until hash.h. */
uint64_t strmap_hash(const char *s, size_t len)
{
	return hash_fnv64(s, len);
}

/* FNV-1a's low bits differ little between similar short strings: one
 * multiply spreads every bit into the top 32, which are kept per slot and
 * whose top bits pick the home slot. So a rehash needs no string. */
static uint32_t strmap_mix(uint64_t h)
{
	return (uint32_t)((h * 0x9e3779b97f4a7c15u) >> 32);
}

/* The top bits of h32 as a slot: nslots is a power of two up to 2^32. */
static size_t strmap_home(uint32_t h32, size_t nslots)
{
	return (size_t)(((uint64_t)h32 * nslots) >> 32);
}

/* The slot of s, or the empty slot where it would go. */
static size_t lookup(const struct strmap *m, const char *s, size_t len,
		     uint32_t h32)
{
	size_t mask = m->nslots - 1;
	for (size_t i = strmap_home(h32, m->nslots) & mask;; i = (i + 1) & mask) {
		uint64_t v = m->slot[i];
		if (!v)
			return i;
		if ((uint32_t)(v >> 32) != h32)
			continue;
		const char *t = m->str[(uint32_t)v - 1];
		if (strncmp(t, s, len) == 0 && t[len] == '\0')
			return i;
	}
}

/* Twice the slots, filled from the stored hashes. */
static void rehash(struct strmap *m)
{
	size_t n = m->nslots ? m->nslots * 2 : 64, mask = n - 1;
	uint64_t *slot = xcalloc(n, sizeof *slot);
	for (size_t i = 0; i < m->nslots; i++) {
		uint64_t v = m->slot[i];
		if (!v)
			continue;
		size_t j = strmap_home((uint32_t)(v >> 32), n);
		while (slot[j])
			j = (j + 1) & mask;
		slot[j] = v;
	}
	free(m->slot);
	m->slot = slot;
	m->nslots = n;
}

void strmap_prefetch(const struct strmap *m, uint64_t hash)
{
#if defined(__GNUC__)
	if (m->nslots)
		__builtin_prefetch(&m->slot[strmap_home(strmap_mix(hash), m->nslots)]);
#else
	(void)m;
	(void)hash;
#endif
}

size_t strmap_find(const struct strmap *m, const char *s, size_t len)
{
	if (!m->nslots)
		return (size_t)-1;
	uint64_t v = m->slot[lookup(m, s, len, strmap_mix(strmap_hash(s, len)))];
	return v ? (uint32_t)v - 1 : (size_t)-1;
}

char *strpool_add(struct strpool *pl, const char *s, size_t len)
{
	size_t need = len + 1, link = sizeof pl->block;
	if (need > pl->left) {
		size_t size = need > STRPOOL_BLOCK ? need : STRPOOL_BLOCK;
		char *b = xmalloc(link + size);
		memcpy(b, &pl->block, link);
		pl->block = b;
		pl->fill = b + link;
		pl->left = size;
	}
	char *p = pl->fill;
	memcpy(p, s, len);
	p[len] = '\0';
	pl->fill += need;
	pl->left -= need;
	return p;
}

void strpool_free(struct strpool *pl)
{
	while (pl->block) {
		char *older;
		memcpy(&older, pl->block, sizeof older);
		free(pl->block);
		pl->block = older;
	}
	pl->fill = NULL;
	pl->left = 0;
}

size_t strmap_intern_hashed(struct strmap *m, const char *s, size_t len,
			    uint64_t hash)
{
	/* at most three quarters full: with 32 bits of hash in each slot a
	 * longer probe costs little, and the table is the map's largest part */
	if ((m->n + 1) * 4 > m->nslots * 3)
		rehash(m);
	uint32_t h32 = strmap_mix(hash);
	size_t i = lookup(m, s, len, h32);
	if (m->slot[i])
		return (uint32_t)m->slot[i] - 1;
	m->str = xgrow(m->str, &m->cap, m->n + 1, sizeof *m->str);
	m->str[m->n] = strpool_add(&m->pool, s, len);
	m->slot[i] = (uint64_t)h32 << 32 | (uint64_t)(m->n + 1);
	return m->n++;
}

size_t strmap_intern(struct strmap *m, const char *s, size_t len)
{
	return strmap_intern_hashed(m, s, len, strmap_hash(s, len));
}

void strmap_free(struct strmap *m)
{
	strpool_free(&m->pool);
	free(m->str);
	free(m->slot);
	memset(m, 0, sizeof *m);
}
