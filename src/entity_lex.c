/* entity_lex.c: the hash table of folded words and phrases behind the
 * entity recogniser, and the parsing of lexicon lines into it. */
#include <stdlib.h>
#include <string.h>
#include "entity_lex.h"

uint32_t lex_hash_start(void)
{
	return 2166136261u;
}

/* FNV-1a: incremental, so a phrase can be extended token by token. */
uint32_t lex_hash_add(uint32_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

void lex_init(struct lex *lx)
{
	memset(lx, 0, sizeof *lx);
	lx->cap = 1024;
	lx->e = xcalloc(lx->cap, sizeof *lx->e);
	buf_init(&lx->keys);
	buf_addc(&lx->keys, '\0');	/* offset 0 is never a key */
	etoks_init(&lx->scratch);
	lx->lflags = xgrow(NULL, &lx->caplrows, 16, sizeof *lx->lflags);
	memset(lx->lflags[0], 0, sizeof lx->lflags[0]);
	lx->nlrows = 1;
}

void lex_free(struct lex *lx)
{
	free(lx->e);
	buf_free(&lx->keys);
	for (size_t i = 0; i < lx->ncanon; i++)
		free(lx->canon[i]);
	free(lx->canon);
	free(lx->lflags);
	etoks_free(&lx->scratch);
	memset(lx, 0, sizeof *lx);
}

static struct lexent *slot(const struct lex *lx, const char *k, size_t n,
			   uint32_t h)
{
	size_t mask = lx->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct lexent *e = &lx->e[i];
		if (e->klen == 0)
			return e;
		if (e->hash == h && e->klen == n &&
		    memcmp(lx->keys.data + e->koff, k, n) == 0)
			return e;
	}
}

const struct lexent *lex_find(const struct lex *lx, const char *k, size_t n,
			      uint32_t h)
{
	if (n == 0)
		return NULL;
	const struct lexent *e = slot(lx, k, n, h);
	return e->klen ? e : NULL;
}

static void grow(struct lex *lx)
{
	struct lexent *old = lx->e;
	size_t oldcap = lx->cap;
	lx->cap *= 2;
	lx->e = xcalloc(lx->cap, sizeof *lx->e);
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].klen)
			continue;
		size_t mask = lx->cap - 1, j = old[i].hash & mask;
		while (lx->e[j].klen)
			j = (j + 1) & mask;
		lx->e[j] = old[i];
	}
	free(old);
}

/* The entry for key k (created empty when missing). */
static struct lexent *lex_put(struct lex *lx, const char *k, size_t n)
{
	if ((lx->n + 1) * 2 > lx->cap)
		grow(lx);
	uint32_t h = lex_hash_add(lex_hash_start(), k, n);
	struct lexent *e = slot(lx, k, n, h);
	if (e->klen)
		return e;
	e->koff = (uint32_t)lx->keys.len;
	buf_add(&lx->keys, k, n);
	buf_addc(&lx->keys, '\0');
	e->klen = (uint32_t)n;
	e->hash = h;
	e->canon = -1;
	lx->n++;
	return e;
}

/* Sets flags on the entry of one folded word: for every language
 * (lang < 0) or for one. */
static void put_word(struct lex *lx, const char *k, size_t n, lexflags flags,
		     int lang)
{
	struct lexent *e = lex_put(lx, k, n);
	if (lang < 0) {
		e->flags |= flags;
		return;
	}
	if (e->lrow == 0) {
		if (lx->nlrows > UINT16_MAX)
			return;	/* never with the lexicons shipped */
		lx->lflags = xgrow(lx->lflags, &lx->caplrows, lx->nlrows + 1,
				   sizeof *lx->lflags);
		memset(lx->lflags[lx->nlrows], 0, sizeof lx->lflags[0]);
		e->lrow = (uint16_t)lx->nlrows++;
	}
	lx->lflags[e->lrow][lang] |= flags;
	lx->lflags[e->lrow][LANG_UNKNOWN] |= flags & LX_NOTENT;
}

static void add_words(struct lex *lx, const char *text, lexflags flags,
		      int lang)
{
	struct buf f = BUF_INIT;
	const char *p = text;
	while (*p) {
		p += strspn(p, " \t\r\n");
		if (*p == '#') {	/* a comment runs to the end of the line */
			p += strcspn(p, "\n");
			continue;
		}
		size_t wl = strcspn(p, " \t\r\n");
		if (wl == 0)
			continue;
		buf_reset(&f);
		etok_fold_word(&f, p, wl);
		if (f.len)
			put_word(lx, f.data, f.len, flags, lang);
		p += wl;
	}
	buf_free(&f);
}

void lex_add_words(struct lex *lx, const char *text, lexflags flags)
{
	add_words(lx, text, flags, -1);
}

void lex_add_words_lang(struct lex *lx, const char *text, lexflags flags,
			int lang)
{
	add_words(lx, text, flags, lang > LANG_UNKNOWN && lang < LANG_N ? lang : -1);
}

void lex_add_phrases_lang(struct lex *lx, const char *text, lexflags flags,
			  int lang)
{
	struct etoks *ts = &lx->scratch;
	if (lang <= LANG_UNKNOWN || lang >= LANG_N)
		lang = -1;
	while (*text) {
		size_t len = strcspn(text, "\n");
		etoks_scan(ts, text, *text == '#' ? 0 : len);
		for (size_t i = 0; i + 1 < ts->n; i++) {
			const struct etok *t = &ts->t[i];
			lex_put(lx, ts->fold.data, t->foff + t->flen)->flags |= LX_PREFIX;
		}
		if (ts->n > 1)	/* the first word says a phrase may start */
			put_word(lx, ts->fold.data, ts->t[0].flen, LX_ROLE_START,
				 lang);
		if (ts->n) {
			const struct etok *last = &ts->t[ts->n - 1];
			put_word(lx, ts->fold.data, last->foff + last->flen, flags,
				 lang);
		}
		text += len + (text[len] == '\n');
	}
}

static int32_t add_canon(struct lex *lx, const char *s, size_t n)
{
	lx->canon = xgrow(lx->canon, &lx->capcanon, lx->ncanon + 1,
			  sizeof *lx->canon);
	lx->canon[lx->ncanon] = xstrndup(s, n);
	return (int32_t)lx->ncanon++;
}

static void trim(const char **s, size_t *n)
{
	while (*n && (**s == ' ' || **s == '\t' || **s == '\r')) {
		(*s)++;
		(*n)--;
	}
	while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' ||
		      (*s)[*n - 1] == '\r'))
		(*n)--;
}

/* Adds one name (already trimmed): its folded key gets flags, type and
 * canon, each proper prefix of it LX_PREFIX. */
static void add_one(struct lex *lx, const char *s, size_t n, int type,
		    lexflags flags, int32_t canon)
{
	struct etoks *ts = &lx->scratch;
	etoks_scan(ts, s, n);
	if (ts->n == 0)
		return;
	for (size_t i = 0; i + 1 < ts->n; i++) {
		const struct etok *t = &ts->t[i];
		lex_put(lx, ts->fold.data, t->foff + t->flen)->flags |= LX_PREFIX;
	}
	const struct etok *last = &ts->t[ts->n - 1];
	struct lexent *e = lex_put(lx, ts->fold.data, last->foff + last->flen);
	int caps = 1;
	for (size_t i = 0; i < ts->n; i++)
		if ((ts->t[i].shape & ETOK_WORD) && !(ts->t[i].shape & ETOK_UPPER))
			caps = 0;
	if (!caps)
		e->flags = (e->flags & ~LX_CAPSONLY) | LX_MIXEDCASE;
	else if (!(e->flags & LX_MIXEDCASE))
		e->flags |= LX_CAPSONLY;
	int user = (flags & LX_USER) != 0;
	if ((e->flags & LX_NAME) && !user)
		return;		/* built-in lexicons: the first listing wins */
	if (user)	/* the user's later line overrides an earlier one */
		e->flags &= (flags & LX_NOT) ? ~LX_NAME : ~LX_NOT;
	e->flags |= flags;
	if (type != ENTITY_NONE) {
		e->flags |= LX_NAME;
		e->type = (int16_t)type;
		e->canon = canon;
	}
}

/* Calls add_one for each '|'-separated name of the line; the first is the
 * canonical name. Returns the number of names. */
static int add_line(struct lex *lx, const char *line, size_t len, int type,
		    lexflags flags)
{
	int32_t canon = -1;
	int count = 0;
	for (;;) {
		size_t part = 0;
		while (part < len && line[part] != '|')
			part++;
		const char *s = line;
		size_t n = part;
		trim(&s, &n);
		if (n > 0) {
			if (canon < 0 && type != ENTITY_NONE)
				canon = add_canon(lx, s, n);
			add_one(lx, s, n, type, flags, canon);
			count++;
		}
		if (part >= len)
			break;
		line += part + 1;
		len -= part + 1;
	}
	return count;
}

int lex_add_names(struct lex *lx, const char *line, size_t len, int type,
		  lexflags flags)
{
	return add_line(lx, line, len, type, flags) > 0 ? 0 : -1;
}

int lex_add_not(struct lex *lx, const char *line, size_t len)
{
	return add_line(lx, line, len, ENTITY_NONE, LX_NOT | LX_USER) > 0 ? 0 : -1;
}

void lex_add_name_file(struct lex *lx, const char *text, int type,
		       lexflags flags)
{
	while (*text) {
		size_t len = strcspn(text, "\n");
		if (*text != '#')
			add_line(lx, text, len, type, flags);
		text += len + (text[len] == '\n');
	}
}
