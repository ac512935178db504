/* terms.c: content words of a text for related-article ranking: tokenising,
 * folding, stop words, light stemming, and interning words to integer ids. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lexicon.h"
#include "strmap.h"
#include "terms.h"
#include "text.h"

/* Longest word kept, in bytes after folding; longer "words" are URLs, hashes
 * or glued text, which never make two stories related. */
#define TERMS_MAXWORD 40
/* Raw spellings longer than this are skipped before folding. */
#define TERMS_MAXRAW 160
/* Spellings remembered in front of the map (a power of two), and their
 * longest: news repeat a few thousand words most of the time. */
#define TERMS_CACHE 8192
#define TERMS_CACHE_WORD 23

/* ---- the terms table ---- */

enum {
	SP_DROP = 1,		/* never a term: too short, a number, too long */
	SP_STOP_IT = 2,		/* stop word of TERMS_IT ... */
	SP_STOP_EN = 4,		/* ... and of TERMS_EN: SP_STOP_IT << lang */
};

/* What is known about one spelling (a word as written, ASCII lower-cased),
 * indexed by its id in the spelling map. */
struct spelling {
	uint32_t foff, flen;	/* folded form, in terms.folded */
	uint32_t flags;
	uint32_t id[TERMS_NLANGS];	/* term id per language, TERMS_NONE until needed */
};

/* One word of the cache in front of the spelling map. */
struct terms_cached {
	uint32_t spell;
	uint8_t len;		/* 0 = empty */
	char w[TERMS_CACHE_WORD];
};

struct terms {
	struct strmap stop;	/* folded stop words */
	uint8_t *stopflag;	/* stop word id -> SP_STOP_* */
	size_t stopcap;
	struct strmap spell;	/* spellings seen, each folded once */
	struct spelling *sp;
	size_t spcap;
	struct buf folded;	/* folded spellings, NUL-separated */
	struct strmap term;	/* stems and interned strings: map id == term id */
	uint32_t *tspell;	/* term id -> spelling shown for it, or TERMS_NONE */
	size_t tspellcap;
	uint32_t *tok;		/* spellings of the text being scanned */
	size_t tokcap;
	char lower[128];	/* ASCII byte -> its lower-case word char, or 0 */
	struct terms_cached cache[TERMS_CACHE];
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

/* The lexicon is folded as a whole, so its entries may keep their accents
 * ("più") and still match the folded words of a text. */
static void terms_load_stop(struct terms *t, const char *name, int lang)
{
	const char *text = lexicon_get(name);
	if (!text)
		return;
	size_t n;
	char *f = text_fold(text, strlen(text), &n, NULL);
	for (size_t i = 0; i < n;) {
		size_t eol = i;
		while (eol < n && f[eol] != '\n')
			eol++;
		for (size_t j = i; j < eol && f[i] != '#';) {
			while (j < eol && (f[j] == ' ' || f[j] == '\t' || f[j] == '\r'))
				j++;
			size_t w = j;
			while (j < eol && f[j] != ' ' && f[j] != '\t' && f[j] != '\r')
				j++;
			if (j > w)
				terms_add_stop(t, f + w, j - w, lang);
		}
		i = eol + 1;
	}
	free(f);
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
	strmap_free(&t->spell);
	strmap_free(&t->term);
	buf_free(&t->folded);
	free(t->stopflag);
	free(t->sp);
	free(t->tspell);
	free(t->tok);
	free(t);
}

bool terms_is_stop(const struct terms *t, const char *w, size_t n, int lang)
{
	size_t e = strmap_find(&t->stop, w, n);
	return e != (size_t)-1 && (t->stopflag[e] & (SP_STOP_IT << lang));
}

/* Folding can turn one word character into several (a ligature, "½"):
 * whatever is not a letter or digit after folding is dropped. */
static size_t terms_keep_alnum(char *f, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c >= 0x80 || c == '.' || terms_is_ascii_alnum(c))
			f[k++] = f[i];
	}
	f[k] = '\0';
	return k;
}

static uint32_t terms_spelling_flags(const struct terms *t, const char *f, size_t n)
{
	if (n < 2 || n > TERMS_MAXWORD)
		return SP_DROP;
	size_t e = strmap_find(&t->stop, f, n);
	return e == (size_t)-1 ? 0 : t->stopflag[e];
}

/* First sight of a spelling: fold it once, and keep the verdict. */
static uint32_t terms_new_spelling(struct terms *t, const char *w, size_t n,
				   uint64_t hash)
{
	size_t flen;
	char *f = text_fold(w, n, &flen, NULL);
	flen = terms_keep_alnum(f, flen);
	uint32_t e = (uint32_t)strmap_intern_hashed(&t->spell, w, n, hash);
	t->sp = xgrow(t->sp, &t->spcap, e + 1, sizeof *t->sp);
	struct spelling *sp = &t->sp[e];
	sp->foff = (uint32_t)t->folded.len;
	sp->flen = (uint32_t)flen;
	sp->flags = terms_spelling_flags(t, f, flen);
	for (int l = 0; l < TERMS_NLANGS; l++)
		sp->id[l] = TERMS_NONE;
	buf_add(&t->folded, f, flen + 1);
	free(f);
	return e;
}

/* The spelling of w[0..n) (hash its strmap_hash), added when new. Frequent
 * words are found in the small cache without touching the large map. */
static uint32_t terms_spelling(struct terms *t, const char *w, size_t n,
			       uint64_t hash)
{
	struct terms_cached *c = &t->cache[(hash >> 40) & (TERMS_CACHE - 1)];
	if (c->len == n && memcmp(c->w, w, n) == 0)
		return c->spell;
	size_t e = strmap_find_hashed(&t->spell, w, n, hash);
	if (e == (size_t)-1)
		e = terms_new_spelling(t, w, n, hash);
	if (n <= sizeof c->w) {
		c->len = (uint8_t)n;
		memcpy(c->w, w, n);
		c->spell = (uint32_t)e;
	}
	return (uint32_t)e;
}

/* tok has room for every word: see terms_split. */
static void terms_push_word(struct terms *t, const char *w, size_t n,
			    uint64_t hash, size_t *ntok, size_t hits[TERMS_NLANGS])
{
	if (n > TERMS_MAXRAW)
		return;	/* too long: dropped */
	uint32_t e = terms_spelling(t, w, n, hash);
	t->tok[(*ntok)++] = e;
	for (int l = 0; l < TERMS_NLANGS; l++)
		hits[l] += (t->sp[e].flags & (SP_STOP_IT << l)) != 0;
}

/* A decimal or thousands mark inside a figure ("6.000", "15,7") belongs to
 * it: split there, "2.000" would be two numbers that say nothing. Either
 * mark becomes '.', so "15,7" and "15.7" meet (Italian and English write
 * them the other way round). */
static bool terms_number_mark(const char *s, size_t n, size_t i,
			      const char *word, size_t k)
{
	if ((s[i] != '.' && s[i] != ',') || i + 1 >= n || k == 0 || k > TERMS_MAXRAW)
		return false;
	return word[k - 1] >= '0' && word[k - 1] <= '9' && s[i + 1] >= '0' && s[i + 1] <= '9';
}

/* The word being read: its bytes (as far as they fit) and their hash. */
struct terms_word {
	char w[TERMS_MAXRAW];
	size_t k;
	uint64_t hash;
};

static void terms_word_add(struct terms_word *wd, const char *b, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		if (wd->k < sizeof wd->w)
			wd->w[wd->k] = b[j];
		wd->k++;	/* past sizeof w: too long, dropped */
		wd->hash = (wd->hash ^ (unsigned char)b[j]) * 1099511628211u;
	}
}

static void terms_word_end(struct terms *t, struct terms_word *wd, size_t *ntok,
			   size_t hits[TERMS_NLANGS])
{
	if (wd->k)
		terms_push_word(t, wd->w, wd->k, wd->hash, ntok, hits);
	wd->k = 0;
	wd->hash = strmap_hash("", 0);
}

/* Splits text into words (runs of word characters), ASCII lower-cased on
 * the way so that "Putin" and "PUTIN" share one cached spelling, and
 * hashed as they are copied. Text is mostly ASCII, looked up in a table:
 * only other bytes ask libunistring what they are. */
static size_t terms_split(struct terms *t, const char *s, size_t n,
			  size_t hits[TERMS_NLANGS])
{
	struct terms_word wd = { .k = 0, .hash = strmap_hash("", 0) };
	size_t ntok = 0;
	/* a word takes a byte and a separator: this bounds the count */
	t->tok = xgrow(t->tok, &t->tokcap, n / 2 + 1, sizeof *t->tok);
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t step = 1;
		if (c < 0x80 && t->lower[c]) {
			terms_word_add(&wd, &t->lower[c], 1);
		} else if (c < 0x80 && terms_number_mark(s, n, i, wd.w, wd.k)) {
			terms_word_add(&wd, ".", 1);
		} else if (c >= 0x80 && text_is_word_char(s + i, n - i, &step)) {
			terms_word_add(&wd, s + i, step);
		} else {
			terms_word_end(t, &wd, &ntok, hits);
		}
		i += step ? step : 1;
	}
	terms_word_end(t, &wd, &ntok, hits);
	return ntok;
}

static uint32_t terms_add_term(struct terms *t, const char *s, size_t n,
			       uint32_t spelling)
{
	size_t old = t->term.n;
	uint32_t id = (uint32_t)strmap_intern(&t->term, s, n);
	if (id == old) {
		t->tspell = xgrow(t->tspell, &t->tspellcap, id + 1, sizeof *t->tspell);
		t->tspell[id] = spelling;
	}
	return id;
}

static uint32_t terms_intern_spelling(struct terms *t, uint32_t e, int lang)
{
	char w[TERMS_MAXWORD + 1];
	const struct spelling *sp = &t->sp[e];
	memcpy(w, t->folded.data + sp->foff, sp->flen);
	return terms_add_term(t, w, terms_stem(w, sp->flen, lang), e);
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
	size_t n = 0;
	*ids = xgrow(*ids, cap, ntok + 1, sizeof **ids);
	for (size_t i = 0; i < ntok; i++) {
		uint32_t e = t->tok[i];
		if (t->sp[e].flags & skip)
			continue;
		if (t->sp[e].id[l] == TERMS_NONE)
			t->sp[e].id[l] = terms_intern_spelling(t, e, l);
		(*ids)[n++] = t->sp[e].id[l];
	}
	return n;
}

uint32_t terms_intern(struct terms *t, const char *s, size_t n)
{
	return terms_add_term(t, s, n, TERMS_NONE);
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
	if (t->tspell[id] == TERMS_NONE)
		return t->term.str[id];
	return t->spell.str[t->tspell[id]];
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
