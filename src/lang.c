/* lang.c: language identification by function-word profiles. Each word
 * of a text that is in a language's list (src/lexicon/lang_*.txt) counts
 * for that language, shared words split their weight; the language with
 * the most evidence wins when it leads clearly enough. */
#include <stdlib.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "lang.h"
#include "lexicon.h"
#include "strmap.h"

struct lang_db {
	struct strmap words;	/* folded function word -> id */
	uint8_t *mask;		/* per id: bit l for each language l */
	size_t cap;
};

static const char *const codes[LANG_N] = {
	"", "it", "en", "fr", "es", "de", "pt", "nl"
};

/* ISO 639-2 codes and the names of each language in itself and English. */
static const char *const names[LANG_N][4] = {
	{ NULL },
	{ "ita", "italiano", "italian", NULL },
	{ "eng", "english", "inglese", NULL },
	{ "fra", "fre", "francais", "french" },
	{ "spa", "espanol", "spanish", NULL },
	{ "deu", "ger", "deutsch", "german" },
	{ "por", "portugues", "portuguese", NULL },
	{ "nld", "dut", "nederlands", "dutch" },
};

const char *lang_code(int lang)
{
	return lang > 0 && lang < LANG_N ? codes[lang] : "";
}

int lang_from_code(const char *s, size_t n)
{
	/* a region or an encoding after the code: "en-GB", "pt_BR.UTF-8" */
	size_t base = 0;
	while (base < n && s[base] != '-' && s[base] != '_' && s[base] != '.')
		base++;
	if (base == 0)
		return LANG_UNKNOWN;
	for (int l = 1; l < LANG_N; l++) {
		if (base == 2 && strncasecmp(s, codes[l], 2) == 0)
			return l;
		for (int k = 0; k < 4 && names[l][k]; k++)
			if (strlen(names[l][k]) == base &&
			    strncasecmp(s, names[l][k], base) == 0)
				return l;
	}
	return LANG_UNKNOWN;
}

/* ---- words ---- */

/* Length of the UTF-8 sequence led by c, and whether it is (taken as) a
 * letter: punctuation and symbols of U+0080..U+00BF and U+2000..U+2FFF
 * ("«", "’", "—", "€") separate words, other non-ASCII characters do not. */
static size_t char_len(const unsigned char *p, size_t n, int *letter)
{
	unsigned char c = p[0];
	size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (l > n)
		l = n;
	if (c < 0x80)
		*letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	else
		*letter = c != 0xC2 && c != 0xE2 && c >= 0xC3;
	return l;
}

static int is_apostrophe(const unsigned char *p, size_t n, size_t *len)
{
	if (n >= 1 && p[0] == '\'') {
		*len = 1;
		return 1;
	}
	if (n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && p[2] == 0x99) {
		*len = 3;
		return 1;
	}
	return 0;
}

/* Writes the lower-case form of one character to w, returns its length:
 * ASCII and the Latin-1 capitals (U+00C0..U+00DE) are lowered, others
 * kept as written. */
static size_t add_lower(char *w, const unsigned char *p, size_t l)
{
	if (l == 1) {
		w[0] = (char)((p[0] >= 'A' && p[0] <= 'Z') ? p[0] + 32 : p[0]);
	} else if (l == 2 && p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E &&
		   p[1] != 0x97) {
		w[0] = (char)p[0];
		w[1] = (char)(p[1] + 0x20);
	} else {
		memcpy(w, p, l);
	}
	return l;
}

/* Calls fn on each folded word of text: letters, with an eliding
 * apostrophe kept on the word it ends ("dell'", "qu'"). Words longer than
 * any function word are skipped. Returns early when fn returns nonzero. */
typedef int word_fn(void *ctx, const char *w, size_t n);

enum { WORD_MAX = 32 };

static void each_word(const char *text, size_t len, word_fn *fn, void *ctx)
{
	const unsigned char *p = (const unsigned char *)text;
	char w[WORD_MAX + 4];
	for (size_t i = 0; i < len;) {
		int letter;
		size_t l = char_len(p + i, len - i, &letter);
		if (!letter) {
			i += l;
			continue;
		}
		size_t n = 0;
		int fits = 1;
		while (i < len) {
			l = char_len(p + i, len - i, &letter);
			size_t al;
			if (!letter && is_apostrophe(p + i, len - i, &al) &&
			    i + al < len) {
				int next;
				char_len(p + i + al, len - i - al, &next);
				if (next) {
					if (n < WORD_MAX)
						w[n++] = '\'';
					i += al;
				}
				break;
			}
			if (!letter)
				break;
			if (n + l > WORD_MAX)
				fits = 0;
			else
				n += add_lower(w + n, p + i, l);
			i += l;
		}
		if (fits && fn(ctx, w, n))
			break;
	}
}

/* ---- the table ---- */

struct load {
	struct lang_db *db;
	int lang;
};

static int load_word(void *ctx, const char *w, size_t n)
{
	struct load *ld = ctx;
	struct lang_db *db = ld->db;
	size_t id = strmap_intern(&db->words, w, n);
	if (id >= db->cap) {
		size_t old = db->cap;
		db->mask = xgrow(db->mask, &db->cap, id + 1, sizeof *db->mask);
		memset(db->mask + old, 0, db->cap - old);
	}
	db->mask[id] |= (uint8_t)(1u << ld->lang);
	return 0;
}

struct lang_db *lang_db_new(void)
{
	struct lang_db *db = xcalloc(1, sizeof *db);
	struct buf name = BUF_INIT;
	for (int l = 1; l < LANG_N; l++) {
		buf_reset(&name);
		buf_addf(&name, "lang_%s", codes[l]);
		const char *text = lexicon_get(name.data);
		struct load ld = { db, l };
		/* comment lines hold words too: skip them line by line */
		while (text && *text) {
			size_t n = strcspn(text, "\n");
			if (*text != '#')
				each_word(text, n, load_word, &ld);
			text += n + (text[n] == '\n');
		}
	}
	buf_free(&name);
	return db;
}

void lang_db_free(struct lang_db *db)
{
	if (!db)
		return;
	strmap_free(&db->words);
	free(db->mask);
	free(db);
}

/* ---- scoring ---- */

struct scoring {
	const struct lang_db *db;
	struct lang_score *sc;
	int early;	/* stop once the language is plain */
};

/* Evidence enough to stop reading: a lead this large over this many
 * function words does not turn. */
static int decided(const struct lang_score *sc)
{
	uint32_t best = 0, second = 0;
	for (int l = 1; l < LANG_N; l++) {
		if (sc->score[l] > best) {
			second = best;
			best = sc->score[l];
		} else if (sc->score[l] > second) {
			second = sc->score[l];
		}
	}
	return best >= 60 * LANG_WEIGHT && second * 4 < best;
}

static int score_word(void *ctx, const char *w, size_t n)
{
	struct scoring *s = ctx;
	s->sc->words++;
	if (s->early && (s->sc->words & 63) == 0 && decided(s->sc))
		return 1;
	size_t id = strmap_find(&s->db->words, w, n);
	if (id == (size_t)-1)
		return 0;
	unsigned m = s->db->mask[id], k = 0;
	for (unsigned b = m; b; b &= b - 1)
		k++;
	for (int l = 1; l < LANG_N; l++)
		if (m & (1u << l))
			s->sc->score[l] += LANG_WEIGHT / k;
	return 0;
}

void lang_score_add(const struct lang_db *db, const char *text, size_t len,
		    struct lang_score *sc)
{
	struct scoring s = { db, sc, 0 };
	each_word(text, len, score_word, &s);
}

/* The best must lead the runner-up by this share of its own evidence. */
#define LANG_MIN_LEAD 0.25

int lang_score_best(const struct lang_score *sc, double *confidence)
{
	int best = LANG_UNKNOWN;
	uint32_t second = 0;
	for (int l = 1; l < LANG_N; l++) {
		if (best == LANG_UNKNOWN || sc->score[l] > sc->score[best]) {
			if (best != LANG_UNKNOWN)
				second = sc->score[best];
			best = l;
		} else if (sc->score[l] > second) {
			second = sc->score[l];
		}
	}
	uint32_t b = sc->score[best];
	double lead = b ? (double)(b - second) / b : 0.0;
	if (b < LANG_MIN_WORDS * LANG_WEIGHT || lead < LANG_MIN_LEAD) {
		if (confidence)
			*confidence = 0.0;
		return LANG_UNKNOWN;
	}
	if (confidence)
		*confidence = lead;
	return best;
}

int lang_detect(const struct lang_db *db, const char *text, size_t len,
		double *confidence)
{
	struct lang_score sc = { { 0 }, 0 };
	struct scoring s = { db, &sc, 1 };
	each_word(text, len < LANG_MAX_BYTES ? len : LANG_MAX_BYTES, score_word, &s);
	return lang_score_best(&sc, confidence);
}

static struct lang_db *shared_db;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_load(void)
{
	shared_db = lang_db_new();	/* for the process's lifetime */
}

const struct lang_db *lang_db_shared(void)
{
	pthread_once(&shared_once, shared_load);
	return shared_db;
}

const char *lang_text_code(const char *text, size_t len)
{
	return lang_code(lang_detect(lang_db_shared(), text, len, NULL));
}
