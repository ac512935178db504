/* stem.c: Snowball stemmers (libstemmer) by language code, and the
 * language of a text by its function words (see stem.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <libstemmer.h>

#include "buf.h"
#include "lexicon.h"
#include "stem.h"
#include "strmap.h"
#include "text.h"

/* The languages a text is guessed in, and their function words. */
static const char *const guess_langs[] = { "it", "en" };
#define NGUESS (sizeof guess_langs / sizeof *guess_langs)

struct stemmer_slot {
	char lang[STEM_LANG_MAX];
	struct sb_stemmer *sb;	/* NULL: libstemmer has none for lang */
};

struct stem {
	struct stemmer_slot *slot;
	size_t n, cap;
	bool loaded;			/* func, when first needed */
	struct strmap func[NGUESS];	/* function words, folded */
};

static void stem_add_word(void *ctx, const char *w, size_t n)
{
	strmap_intern(ctx, w, n);
}

/* Each word of a word list, folded as the text will be. */
static void stem_load_words(struct strmap *m, const char *name)
{
	lexicon_each_folded_word(name, stem_add_word, m);
}

struct stem *stem_new(void)
{
	return xcalloc(1, sizeof(struct stem));
}

static void stem_load_func(struct stem *s)
{
	for (size_t l = 0; l < NGUESS && !s->loaded; l++) {
		char name[32];
		strcpy(name, "stopwords_");
		strcat(name, guess_langs[l]);
		stem_load_words(&s->func[l], name);
	}
	s->loaded = true;
}

void stem_free(struct stem *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		sb_stemmer_delete(s->slot[i].sb);
	free(s->slot);
	for (size_t l = 0; l < NGUESS; l++)
		strmap_free(&s->func[l]);
	free(s);
}

static struct sb_stemmer *stem_for(struct stem *s, const char *lang)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->slot[i].lang, lang) == 0)
			return s->slot[i].sb;
	if (strlen(lang) >= STEM_LANG_MAX)
		return NULL;
	s->slot = xgrow(s->slot, &s->cap, s->n + 1, sizeof *s->slot);
	struct stemmer_slot *sl = &s->slot[s->n++];
	strcpy(sl->lang, lang);
	/* lower case letters only: libstemmer also knows "porter" and
	 * "english", which are not codes */
	sl->sb = lang[0] ? sb_stemmer_new(lang, "UTF_8") : NULL;
	return sl->sb;
}

bool stem_has_lang(struct stem *s, const char *lang)
{
	return stem_for(s, lang) != NULL;
}

bool stem_word(struct stem *s, const char *lang, const char *w, size_t n,
	       struct buf *out)
{
	struct sb_stemmer *sb = stem_for(s, lang);
	if (!sb || n > INT32_MAX)
		return false;
	const sb_symbol *r = sb_stemmer_stem(sb, (const sb_symbol *)w, (int)n);
	if (!r)	/* out of memory in libstemmer: the word is its own stem */
		buf_add(out, w, n);
	else
		buf_add(out, r, (size_t)sb_stemmer_length(sb));
	return true;
}

void stem_lang_code(const char *value, char code[STEM_LANG_MAX])
{
	size_t n = 0;
	code[0] = '\0';
	while (value[n] && value[n] != '-' && value[n] != '_')
		n++;
	if (n < 2 || n >= STEM_LANG_MAX)
		return;
	for (size_t i = 0; i < n; i++) {
		char c = value[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c < 'a' || c > 'z') {
			code[0] = '\0';
			return;
		}
		code[i] = c;
	}
	code[n] = '\0';
}

static bool is_ascii_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80;
}

/* Counts the function words of each guessed language in text. */
static void stem_count(const struct stem *s, const char *text, size_t len,
		       size_t hits[NGUESS])
{
	size_t n;
	char *f = text_fold(text, len, &n, NULL);
	for (size_t i = 0; i < n;) {
		while (i < n && !is_ascii_alnum(f[i]))
			i++;
		size_t w = i;
		while (i < n && is_ascii_alnum(f[i]))
			i++;
		for (size_t l = 0; i > w && l < NGUESS; l++)
			hits[l] += strmap_find(&s->func[l], f + w, i - w) != (size_t)-1;
	}
	free(f);
}

void stem_text_lang(struct stem *s, const char *field, const char *text,
		    size_t len, char code[STEM_LANG_MAX])
{
	stem_lang_code(field ? field : "", code);
	if (code[0])
		return;
	if (len > STEM_GUESS_BYTES) {	/* not inside a character */
		len = STEM_GUESS_BYTES;
		while (len > 0 && ((unsigned char)text[len] & 0xc0) == 0x80)
			len--;
	}
	size_t hits[NGUESS] = { 0 };
	stem_load_func(s);
	stem_count(s, text, len, hits);
	size_t best = 0;
	for (size_t l = 1; l < NGUESS; l++)
		if (hits[l] > hits[best])
			best = l;
	if (hits[best])
		strcpy(code, guess_langs[best]);
}
