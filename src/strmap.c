/* strmap.c: string interning with open addressing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "strmap.h"

static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

static size_t lookup(const struct strmap *m, const char *s, size_t len)
{
	size_t mask = m->nslots - 1;
	for (size_t i = hash(s, len) & mask;; i = (i + 1) & mask) {
		size_t id = m->slot[i];
		if (!id)
			return i;
		const char *t = m->str[id - 1];
		if (strncmp(t, s, len) == 0 && t[len] == '\0')
			return i;
	}
}

static void rehash(struct strmap *m)
{
	size_t n = m->nslots ? m->nslots * 2 : 64;
	free(m->slot);
	m->slot = xcalloc(n, sizeof *m->slot);
	m->nslots = n;
	for (size_t id = 0; id < m->n; id++)
		m->slot[lookup(m, m->str[id], strlen(m->str[id]))] = id + 1;
}

size_t strmap_find(const struct strmap *m, const char *s, size_t len)
{
	if (!m->nslots)
		return (size_t)-1;
	size_t id = m->slot[lookup(m, s, len)];
	return id ? id - 1 : (size_t)-1;
}

size_t strmap_intern(struct strmap *m, const char *s, size_t len)
{
	if ((m->n + 1) * 2 > m->nslots)
		rehash(m);
	size_t i = lookup(m, s, len);
	if (m->slot[i])
		return m->slot[i] - 1;
	m->str = xgrow(m->str, &m->cap, m->n + 1, sizeof *m->str);
	m->str[m->n] = xstrndup(s, len);
	m->slot[i] = ++m->n;
	return m->n - 1;
}

void strmap_free(struct strmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->str[i]);
	free(m->str);
	free(m->slot);
	memset(m, 0, sizeof *m);
}
