/* hash.h: FNV-1a, the one string hash of filo: hash tables (strmap, which
 * also numbers a rendered article's links, the lexicon, the importer's
 * paragraph table) and the names of the per-folder cache and state files. Incremental, so a key can be extended
 * piece by piece (a phrase token by token). No curses here. */
#ifndef FILO_HASH_H
#define FILO_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_FNV32_INIT 2166136261u
#define HASH_FNV64_INIT 14695981039346656037u

static inline uint32_t hash_fnv32_add(uint32_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

static inline uint64_t hash_fnv64_add(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211u;
	return h;
}

static inline uint32_t hash_fnv32(const void *data, size_t n)
{
	return hash_fnv32_add(HASH_FNV32_INIT, data, n);
}

static inline uint64_t hash_fnv64(const void *data, size_t n)
{
	return hash_fnv64_add(HASH_FNV64_INIT, data, n);
}

#endif
