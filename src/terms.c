/* terms.c: content words of a text for related-article ranking: tokenising,
 * folding, stop words, light stemming, and interning words to integer ids. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "lexicon.h"
#include "strmap.h"
#include "terms.h"
#include "text.h"

/* Longest word kept, in bytes after folding; longer "words" are URLs, hashes
 * or glued text, which never make two stories related. */
#define TERMS_MAXWORD 40
/* Raw spellings longer than this are skipped before folding. */
#define TERMS_MAXRAW 160
/* Spellings remembered (a power of two), and their longest: news repeat
 * a few thousand words most of the time. */
#define TERMS_CACHE 16384
#define TERMS_CACHE_WORD 22

/* ---- the terms table ---- */

enum {
	SP_DROP = 1,		/* never a term: too short or too long */
	SP_STOP_IT = 2,		/* stop word of TERMS_IT ... */
	SP_STOP_EN = 4,		/* ... and of TERMS_EN: SP_STOP_IT << lang */
};

/* What is known about one spelling (a word as written, ASCII lower-cased).
 * Only the cache keeps spellings: an archive has a million of them, and
 * the few thousand common ones make most of the text. */
struct spelling {
	uint32_t id[TERMS_NLANGS];	/* term id per language, TERMS_NONE until needed */
	uint8_t len;		/* 0 = empty slot */
	uint8_t flags;		/* SP_* */
	char w[TERMS_CACHE_WORD];
};

/* A word of the text being scanned, in terms.words. */
struct terms_tok {
	uint64_t hash;
	uint32_t off, len;
};

/* Words whose term is not cached are stemmed first and their slots in the
 * term map fetched together, then looked up: the lookups of a text wait
 * for memory side by side rather than one after the other. */
struct terms_pending {
	uint32_t out, tok;	/* where the id goes; which word */
	uint32_t soff, slen;	/* the stem, in terms.stems */
	uint64_t hash;		/* the stem's */
};

struct terms {
	struct strmap stop;	/* folded stop words */
	uint8_t *stopflag;	/* stop word id -> SP_STOP_* */
	size_t stopcap;
	struct strmap term;	/* stems and interned strings: map id == term id */
	char **surface;		/* term id -> first spelling that gave it, or NULL */
	size_t surfcap;
	struct strpool kept;	/* those spellings */
	struct terms_tok *tok;	/* words of the text being scanned ... */
	size_t tokcap;
	struct buf words;	/* ... and their lower-cased bytes */
	struct terms_pending *pend;	/* words whose term is being looked up */
	size_t pendcap;
	struct buf stems;	/* ... and their stems */
	char lower[128];	/* ASCII byte -> its lower-case word char, or 0 */
	struct spelling big;	/* scratch for a spelling too long to cache */
	struct spelling cache[TERMS_CACHE];
};

static void terms_add_stop(struct terms *t, const char *w, size_t n, int lang)
{
	size_t old = t->stop.n;
	size_t e = strmap_intern(&t->stop, w, n);
	if (e == old) {
		t->stopflag = xgrow(t->stopflag, &t->stopcap, e + 1, 1);
		t->stopflag[e] = 0;
	}
	t->stopflag[e] |= (uint8_t)(SP_STOP_IT << lang);
}

struct stop_ctx {
	struct terms *t;
	int lang;
};

static void terms_add_stop_word(void *ctx, const char *w, size_t n)
{
	struct stop_ctx *c = ctx;
	terms_add_stop(c->t, w, n, c->lang);
}

/* The stop words of one language (lexicon_each_folded_word: entries may
 * keep their accents). */
static void terms_load_stop(struct terms *t, const char *name, int lang)
{
	struct stop_ctx c = { t, lang };
	lexicon_each_folded_word(name, terms_add_stop_word, &c);
}

static bool terms_is_ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z');
}

struct terms *terms_new(void)
{
	struct terms *t = xcalloc(1, sizeof *t);
	for (int c = 0; c < 128; c++)
		t->lower[c] = (char)(c >= 'A' && c <= 'Z' ? c + 32 :
				     terms_is_ascii_alnum((unsigned char)c) ? c : 0);
	terms_load_stop(t, "stopwords_it", TERMS_IT);
	terms_load_stop(t, "stopwords_en", TERMS_EN);
	return t;
}

void terms_free(struct terms *t)
{
	if (!t)
		return;
	strmap_free(&t->stop);
	strmap_free(&t->term);
	strpool_free(&t->kept);
	buf_free(&t->words);
	buf_free(&t->stems);
	free(t->pend);
	free(t->stopflag);
	free(t->surface);
	free(t->tok);
	free(t);
}

bool terms_is_stop(const struct terms *t, const char *w, size_t n, int lang)
{
	size_t e = strmap_find(&t->stop, w, n);
	return e != (size_t)-1 && (t->stopflag[e] & (SP_STOP_IT << lang));
}

/* The folded form of the spelling w[0..n) in f (TERMS_MAXWORD + 1 bytes),
 * or (size_t)-1 when it is too long to be a term. A lower-cased ASCII word
 * is its own folded form; other bytes ask libunistring. Folding can turn
 * one character into several (a ligature, "½"): whatever is not a letter,
 * a digit or a figure's mark after folding is dropped. */
static size_t terms_fold(const char *w, size_t n, char *f)
{
	size_t k = 0;
	bool ascii = true;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)w[i] < 0x80;
	char *g = NULL;
	size_t gn = n;
	const char *src = w;
	if (!ascii)
		src = g = text_fold(w, n, &gn, NULL);
	for (size_t i = 0; i < gn; i++) {
		unsigned char c = (unsigned char)src[i];
		if (!(c >= 0x80 || c == '.' || terms_is_ascii_alnum(c)))
			continue;
		if (k == TERMS_MAXWORD) {
			k = (size_t)-1;
			break;
		}
		f[k++] = (char)c;
	}
	free(g);
	if (k != (size_t)-1)
		f[k] = '\0';
	return k;
}

static uint8_t terms_flags(const struct terms *t, const char *f, size_t n)
{
	if (n < 2 || n > TERMS_MAXWORD)
		return SP_DROP;
	size_t e = strmap_find(&t->stop, f, n);
	return e == (size_t)-1 ? 0 : t->stopflag[e];
}

/* What is known of the spelling w[0..n) (hash its strmap_hash): from the
 * cache, or worked out (folded, checked for stop words) into its slot. */
static struct spelling *terms_spelling(struct terms *t, const char *w, size_t n,
				       uint64_t hash)
{
	struct spelling *sp = n <= TERMS_CACHE_WORD ?
		&t->cache[(hash >> 40) & (TERMS_CACHE - 1)] : &t->big;
	if (sp != &t->big && sp->len == n && memcmp(sp->w, w, n) == 0)
		return sp;
	char f[TERMS_MAXWORD + 1];
	size_t fn = terms_fold(w, n, f);
	sp->flags = fn == (size_t)-1 ? SP_DROP : terms_flags(t, f, fn);
	for (int l = 0; l < TERMS_NLANGS; l++)
		sp->id[l] = TERMS_NONE;
	sp->len = (uint8_t)(sp == &t->big ? 0 : n);
	if (sp != &t->big)
		memcpy(sp->w, w, n);
	return sp;
}

static uint32_t terms_add_term(struct terms *t, const char *s, size_t n,
			       uint64_t hash, const char *spelling, size_t sn)
{
	size_t old = t->term.n;
	uint32_t id = (uint32_t)strmap_intern_hashed(&t->term, s, n, hash);
	if (id == old) {
		t->surface = xgrow(t->surface, &t->surfcap, id + 1, sizeof *t->surface);
		t->surface[id] = NULL;
		if (spelling)
			t->surface[id] = strpool_add(&t->kept, spelling, sn);
	}
	return id;
}

/* The term id of the spelling w[0..n) in lang: folded and stemmed. */

/* A decimal or thousands mark inside a figure ("6.000", "15,7") belongs to
 * it: split there, "2.000" would be two numbers that say nothing. Either
 * mark becomes '.', so "15,7" and "15.7" meet (Italian and English write
 * them the other way round). */
static bool terms_number_mark(const char *s, size_t n, size_t i, char last)
{
	if ((s[i] != '.' && s[i] != ',') || i + 1 >= n)
		return false;
	return last >= '0' && last <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9';
}

/* Ends the word that started at words.len - k (if any): a token, with its
 * stop-word verdicts counted per language. */
static void terms_end_word(struct terms *t, size_t *k, uint64_t *hash,
			   size_t *ntok, size_t hits[TERMS_NLANGS])
{
	if (*k && *k <= TERMS_MAXRAW) {
		struct terms_tok *tk = &t->tok[(*ntok)++];
		tk->off = (uint32_t)(t->words.len - *k);
		tk->len = (uint32_t)*k;
		tk->hash = *hash;
		struct spelling *sp = terms_spelling(t, t->words.data + tk->off, *k, *hash);
		for (int l = 0; l < TERMS_NLANGS; l++)
			hits[l] += (sp->flags & (SP_STOP_IT << l)) != 0;
	}
	if (*k > TERMS_MAXRAW)
		t->words.len -= *k;	/* too long: dropped */
	*k = 0;
	*hash = HASH_FNV64_INIT;
}

/* words has room: terms_split grew it to the text's length. */
static void terms_add_bytes(struct terms *t, const char *b, size_t n,
			    size_t *k, uint64_t *hash)
{
	for (size_t j = 0; j < n; j++)
		t->words.data[t->words.len++] = b[j];
	*hash = hash_fnv64_add(*hash, b, n);	/* strmap_hash, piece by piece */
	*k += n;
}

/* Splits text into words (runs of word characters), ASCII lower-cased on
 * the way so that "Putin" and "PUTIN" share one cached spelling, and
 * hashed as they are copied. Text is mostly ASCII, looked up in a table:
 * only other bytes ask libunistring what they are. */
static size_t terms_split(struct terms *t, const char *s, size_t n,
			  size_t hits[TERMS_NLANGS])
{
	size_t k = 0, ntok = 0;
	uint64_t hash = HASH_FNV64_INIT;
	buf_reset(&t->words);
	buf_grow(&t->words, n);	/* each byte kept is a byte of the text */
	/* a word takes a byte and a separator: this bounds the count */
	t->tok = xgrow(t->tok, &t->tokcap, n / 2 + 1, sizeof *t->tok);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t step = 1;
		char last = k ? t->words.data[t->words.len - 1] : 0;
		if (c < 0x80 && t->lower[c])
			terms_add_bytes(t, &t->lower[c], 1, &k, &hash);
		else if (c < 0x80 && terms_number_mark(s, n, i, last))
			terms_add_bytes(t, ".", 1, &k, &hash);
		else if (c >= 0x80 && text_is_word_char(s + i, n - i, &step))
			terms_add_bytes(t, s + i, step, &k, &hash);
		else
			terms_end_word(t, &k, &hash, &ntok, hits);
		i += step ? step : 1;
	}
	terms_end_word(t, &k, &hash, &ntok, hits);
	return ntok;
}

static void terms_defer(struct terms *t, size_t out, size_t tok, int lang,
			size_t *np)
{
	const struct terms_tok *tk = &t->tok[tok];
	char f[TERMS_MAXWORD + 1];
	size_t fn = terms_fold(t->words.data + tk->off, tk->len, f);
	fn = terms_stem(f, fn, lang);
	struct terms_pending *p = &t->pend[(*np)++];
	*p = (struct terms_pending){ (uint32_t)out, (uint32_t)tok,
		(uint32_t)t->stems.len, (uint32_t)fn, strmap_hash(f, fn) };
	buf_add(&t->stems, f, fn);
	strmap_prefetch(&t->term, p->hash);
}

static void terms_resolve(struct terms *t, uint32_t *ids, size_t np, int lang)
{
	for (size_t i = 0; i < np; i++) {
		const struct terms_pending *p = &t->pend[i];
		const struct terms_tok *tk = &t->tok[p->tok];
		const char *w = t->words.data + tk->off;
		ids[p->out] = terms_add_term(t, t->stems.data + p->soff, p->slen,
					     p->hash, w, tk->len);
		struct spelling *sp = terms_spelling(t, w, tk->len, tk->hash);
		sp->id[lang] = ids[p->out];
	}
}

size_t terms_scan(struct terms *t, const char *text, size_t len,
		  uint32_t **ids, size_t *cap, int *lang)
{
	size_t hits[TERMS_NLANGS] = { 0 };
	size_t ntok = terms_split(t, text, len, hits);
	int l = hits[TERMS_EN] > hits[TERMS_IT] ? TERMS_EN : TERMS_IT;
	if (lang)
		*lang = l;
	uint32_t skip = SP_DROP | (uint32_t)(SP_STOP_IT << l);
	size_t n = 0, np = 0;
	*ids = xgrow(*ids, cap, ntok + 1, sizeof **ids);
	t->pend = xgrow(t->pend, &t->pendcap, ntok + 1, sizeof *t->pend);
	buf_reset(&t->stems);
	for (size_t i = 0; i < ntok; i++) {
		const struct terms_tok *tk = &t->tok[i];
		struct spelling *sp = terms_spelling(t, t->words.data + tk->off,
						     tk->len, tk->hash);
		if (sp->flags & skip)
			continue;
		if (sp->id[l] == TERMS_NONE)
			terms_defer(t, n, i, l, &np);
		(*ids)[n++] = sp->id[l];
	}
	terms_resolve(t, *ids, np, l);
	return n;
}

uint32_t terms_intern(struct terms *t, const char *s, size_t n)
{
	return terms_add_term(t, s, n, strmap_hash(s, n), NULL, 0);
}

size_t terms_count(const struct terms *t)
{
	return t->term.n;
}

const char *terms_name(const struct terms *t, uint32_t id)
{
	return id < t->term.n ? t->term.str[id] : NULL;
}

const char *terms_surface(const struct terms *t, uint32_t id)
{
	if (id >= t->term.n)
		return NULL;
	return t->surface[id] ? t->surface[id] : t->term.str[id];
}

/* ---- light stemming ---- */

static bool stem_ends(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(w + n - k, suf, k) == 0;
}

static bool stem_plain(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	return true;
}

/* Italian: the final vowel carries number and gender ("russo", "russa",
 * "russi", "russe"; "cooperazione", "cooperazioni"), so dropping it merges
 * them. -chi/-ghi plurals lose the h ("bianchi" meets "bianco"), and an i
 * left before the vowel goes too ("viaggio" meets "viaggi"). Adverbs in
 * -mente meet their adjective ("finalmente", "finale"). Stems keep at least
 * three letters, so short words are not mangled. */
static size_t stem_it(char *w, size_t n)
{
	if (n >= 9 && stem_ends(w, n, "mente"))
		return n - 5;
	char v = w[n - 1];
	if (v != 'a' && v != 'e' && v != 'i' && v != 'o')
		return n;
	n--;
	if ((v == 'e' || v == 'i') && w[n - 1] == 'h' &&
	    (w[n - 2] == 'c' || w[n - 2] == 'g'))
		return n - 1;
	if (w[n - 1] == 'i' && n >= 5)
		return n - 1;
	return n;
}

/* "stopp" -> "stop", "runn" -> "run": undoes the doubling before -ing/-ed. */
static size_t stem_undouble(const char *w, size_t n)
{
	if (n >= 4 && w[n - 1] == w[n - 2] && strchr("bdfgmnprt", w[n - 1]))
		return n - 1;
	return n;
}

static bool stem_has_vowel(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strchr("aeiouy", w[i]))
			return true;
	return false;
}

/* English: plural -s/-es/-ies and the -ing/-ed forms; the stem must keep a
 * vowel and four letters before -ing/-ed ("meeting" -> "meet", but "bring"
 * and "speed" stay), and -s is left on short words ("news", "gas"). */
static size_t stem_en(char *w, size_t n)
{
	if (n >= 5 && (stem_ends(w, n, "ies") || stem_ends(w, n, "ied"))) {
		w[n - 3] = 'y';
		return n - 2;
	}
	if (stem_ends(w, n, "sses"))
		return n - 2;
	if (n >= 5 && (stem_ends(w, n, "ches") || stem_ends(w, n, "shes") ||
		       stem_ends(w, n, "xes") || stem_ends(w, n, "zes")))
		return n - 2;
	if (n >= 5 && w[n - 1] == 's' && !strchr("siu", w[n - 2]))
		return n - 1;
	if (n >= 7 && stem_ends(w, n, "ing") && stem_has_vowel(w, n - 3))
		return stem_undouble(w, n - 3);
	if (n >= 6 && stem_ends(w, n, "ed") && stem_has_vowel(w, n - 2))
		return stem_undouble(w, n - 2);
	return n;
}

size_t terms_stem(char *w, size_t n, int lang)
{
	if (n < 4 || !stem_plain(w, n))
		return n;
	return lang == TERMS_EN ? stem_en(w, n) : stem_it(w, n);
}
