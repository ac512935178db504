/* test_related.c: related-article ranking and story threads, on the bundled
 * seed reports (../shared/seeds, read from the repository root) and on
 * synthetic archives whose right answer is known by construction. */
#include <stdint.h>

#include "t.h"
#include "buf.h"
#include "entity.h"
#include "related.h"

#define SEEDS "../shared/seeds/"
#define NSEEDS 5

/* 000 and 003 are undated reports of the 2023 summit at Vostochny, 001 is
 * dated 2023-09-14, 002 "2023-09" (counted as the first of the month, as
 * article_days does); 004 is the 2025 meeting in Beijing, undated. */
static const char *const seed_file[NSEEDS] = {
	"000_460b4537c1ae1914.txt", "001_76c55c3dbf951fc0.txt",
	"002_b4583ddbe9c4ee44.txt", "003_1a2c2d1ce45f909c.txt",
	"004_626f7cffec2aa7c6.txt",
};
static const long seed_days[NSEEDS] = { -1, 19614, 19601, -1, -1 };
enum { Y2025 = 4 };

/* A few entities per seed, as a recogniser would give them. */
static const char *const seed_hand[NSEEDS][8] = {
	{ "vladimir putin", "kim jong un", "vostochny", "komsomolsk", "vladivostok" },
	{ "vladimir putin", "kim jong un", "vostochny", "komsomolsk", "dmitry peskov" },
	{ "vladimir putin", "kim jong un", "vostochny", "sergei shoigu", "pyongyang" },
	{ "vladimir putin", "kim jong un", "vostochny", "sergei shoigu", "vladivostok" },
	{ "vladimir putin", "kim jong un", "pechino", "xi jinping", "cina" },
};

static char *seed_read(size_t i, size_t *len)
{
	char path[256];
	snprintf(path, sizeof path, SEEDS "%s", seed_file[i]);
	char *text = t_read_file(path, len);
	T_CHECK(text != NULL, "cannot open %s: run the tests from the repository root, "
		"with the shared seeds beside it", path);
	return text;
}

/* The seeds with entities from the recogniser (db) or by hand (db NULL);
 * NULL when a seed is missing. */
static struct related_index *seed_index(const struct entity_db *db)
{
	struct related_index *ix = related_new();
	for (size_t i = 0; i < NSEEDS; i++) {
		size_t len;
		char *text = seed_read(i, &len);
		if (!text) {
			related_free(ix);
			return NULL;
		}
		if (db) {
			struct entity_doc ed = { 0 };
			entity_tag(db, text, len, &ed);
			const char *keys[256];
			int types[256], counts[256];
			size_t n = 0;
			for (; n < ed.nent && n < 256; n++) {
				keys[n] = ed.ent[n].key;
				types[n] = ed.ent[n].type;
				counts[n] = ed.ent[n].count;
			}
			T_EQ_INT(related_add(ix, text, len, keys, types, counts, n,
					     seed_days[i]), 0);
			entity_doc_free(&ed);
		} else {
			size_t n = 0;
			while (seed_hand[i][n])
				n++;
			T_EQ_INT(related_add(ix, text, len, seed_hand[i], NULL, NULL, n,
					     seed_days[i]), 0);
		}
		free(text);
	}
	related_finish(ix);
	return ix;
}

/* Position of doc in the list, or -1. */
static int rank_of(const struct related_hit *h, size_t n, size_t doc)
{
	for (size_t i = 0; i < n; i++)
		if (h[i].doc == doc)
			return (int)i;
	return -1;
}

static void seed_check(struct related_index *ix, const char *how)
{
	struct related_hit h[RELATED_MAX];
	for (size_t d = 0; d < Y2025; d++) {
		size_t n = related_top(ix, d, h, RELATED_MAX);
		int late = rank_of(h, n, Y2025);
		for (size_t e = 0; e < Y2025; e++) {
			if (e == d)
				continue;
			int r = rank_of(h, n, e);
			T_CHECK(r >= 0 && (late < 0 || r < late),
				"%s: seed %zu ranks seed %zu at %d, the 2025 report at %d",
				how, d, e, r, late);
		}
	}
	size_t n = related_top(ix, Y2025, h, RELATED_MAX);
	for (size_t e = 0; e < Y2025; e++) {
		int r = rank_of(h, n, e);
		T_CHECK(r >= 0 && h[r].score > 0 && h[r].nent > 0,
			"%s: the 2025 report and seed %zu share no entity (rank %d)", how, e, r);
	}
	size_t t = related_thread_of(ix, 0);
	for (size_t d = 1; d < Y2025; d++)
		T_CHECK(related_thread_of(ix, d) == t, "%s: seed %zu not in thread %zu", how, d, t);
	T_CHECK(related_thread_of(ix, Y2025) != t, "%s: the 2025 report joined the 2023 thread", how);
	T_EQ_INT(related_thread_count(ix), 2);
	size_t m[NSEEDS] = { 0 };
	T_EQ_INT(related_thread_members(ix, t, m, NSEEDS), 4);
	/* dated first, by date; then undated in the order they were added */
	T_OK(m[0] == 2 && m[1] == 1 && m[2] == 0 && m[3] == 3);
}

TEST(seeds_with_hand_entities)
{
	struct related_index *ix = seed_index(NULL);
	if (!ix)
		return;
	seed_check(ix, "hand");
	related_free(ix);
}

TEST(seeds_with_recogniser)
{
	struct entity_db *db = entity_db_new();
	struct related_index *ix = seed_index(db);
	if (ix) {
		seed_check(ix, "recogniser");
		related_free(ix);
	}
	entity_db_free(db);
}

TEST(seed_reasons)
{
	struct related_index *ix = seed_index(NULL);
	if (!ix)
		return;
	struct related_hit h[RELATED_MAX];
	size_t n = related_top(ix, 1, h, RELATED_MAX);
	int r0 = rank_of(h, n, 0), r2 = rank_of(h, n, 2);
	T_OK(r0 >= 0 && r2 >= 0);
	if (r0 >= 0 && r2 >= 0) {
		T_EQ_INT(h[r0].days_apart, -1);
		T_EQ_INT(h[r2].days_apart, 13);
		T_OK(h[r0].nent > 0 && h[r0].nterm > 0);
		/* an entity key, without the index's internal marks */
		T_OK(h[r0].nent > 0 && h[r0].shared_entities[0][0] >= 'a' &&
		     h[r0].shared_entities[0][0] <= 'z');
		/* a shared word is shown as written, never a word of a listed name */
		for (size_t i = 0; i < h[r0].nterm; i++)
			for (size_t e = 0; e < h[r0].nent; e++)
				T_OK(!strstr(h[r0].shared_entities[e], h[r0].shared_terms[i]));
	}
	related_free(ix);
}

/* ---- synthetic archives ---- */

/* Adds text; returns 1 when related_add refused it (counted by the caller
 * in loops, so a large archive makes one check, not thousands). */
static int add_quiet(struct related_index *ix, const char *text, long days)
{
	return related_add(ix, text, strlen(text), NULL, NULL, NULL, 0, days) != 0;
}

static void add_text(struct related_index *ix, const char *text, long days)
{
	T_EQ_INT(add_quiet(ix, text, days), 0);
}

static const char *const story_a =
	"La diga sul fiume Adige ha ceduto dopo le piogge torrenziali, allagando "
	"i paesi della valle; i vigili del fuoco hanno evacuato centinaia di famiglie.";
static const char *const story_b =
	"Il festival del cinema di Venezia premia un documentario sulle api e sul "
	"miele di montagna, girato in tre anni tra alveari e apicoltori.";

TEST(empty_and_misuse)
{
	struct related_index *ix = related_new();
	struct related_hit h[2];
	T_EQ_INT(related_top(ix, 0, h, 2), 0);	/* before finish */
	related_finish(ix);
	T_EQ_INT(related_count(ix), 0);
	T_EQ_INT(related_thread_count(ix), 0);
	T_EQ_INT(related_top(ix, 0, h, 2), 0);
	T_OK(related_thread_of(ix, 0) == (size_t)-1);
	T_EQ_INT(related_add(ix, "tardi", 5, NULL, NULL, NULL, 0, -1), -1);
	related_free(ix);
	related_free(NULL);
}

TEST(identical_undated_articles)
{
	struct related_index *ix = related_new();
	add_text(ix, story_a, -1);
	add_text(ix, story_b, -1);
	add_text(ix, story_a, -1);
	add_text(ix, "", -1);
	related_finish(ix);
	struct related_hit h[RELATED_MAX];
	size_t n = related_top(ix, 0, h, RELATED_MAX);
	T_EQ_INT(n, 1);	/* story b shares nothing with it */
	T_EQ_INT(h[0].doc, 2);
	T_OK(h[0].score > 0.99 && h[0].score <= 1.0001);
	T_EQ_INT(h[0].days_apart, -1);
	T_EQ_INT(related_top(ix, 3, h, RELATED_MAX), 0);
	T_OK(related_thread_of(ix, 0) == related_thread_of(ix, 2));
	T_OK(related_thread_of(ix, 1) != related_thread_of(ix, 0));
	T_OK(related_thread_of(ix, 3) != related_thread_of(ix, 1));
	T_EQ_INT(related_thread_count(ix), 3);
	/* k smaller than the list */
	T_EQ_INT(related_top(ix, 0, h, 0), 0);
	related_free(ix);
}

TEST(time_decays_but_does_not_kill)
{
	struct related_index *ix = related_new();
	add_text(ix, story_a, 20000);
	add_text(ix, story_a, 20365);
	add_text(ix, story_a, 20001);
	add_text(ix, story_b, 20000);
	related_finish(ix);
	struct related_hit h[RELATED_MAX];
	size_t n = related_top(ix, 0, h, RELATED_MAX);
	T_EQ_INT(n, 2);
	if (n == 2) {
		T_EQ_INT(h[0].doc, 2);
		T_EQ_INT(h[0].days_apart, 1);
		T_EQ_INT(h[1].doc, 1);
		T_EQ_INT(h[1].days_apart, 365);
		T_OK(h[1].score < h[0].score && h[1].score > 0.5 * h[0].score);
	}
	/* a year apart is no thread; a day apart is */
	T_OK(related_thread_of(ix, 0) == related_thread_of(ix, 2));
	T_OK(related_thread_of(ix, 1) != related_thread_of(ix, 0));
	related_free(ix);
}

TEST(undated_article_does_not_glue_stories)
{
	struct related_index *ix = related_new();
	add_text(ix, story_a, 20000);
	add_text(ix, story_a, 20100);
	add_text(ix, story_a, -1);
	related_finish(ix);
	/* the undated copy is the best match of both, but mutual with one only */
	T_OK(related_thread_of(ix, 0) != related_thread_of(ix, 1));
	size_t m[3];
	size_t t = related_thread_of(ix, 2);
	size_t n = related_thread_members(ix, t, m, 3);
	T_EQ_INT(n, 2);
	if (n == 2)
		T_EQ_INT(m[1], 2);	/* undated last */
	T_EQ_INT(related_thread_members(ix, t, m, 1), 2);	/* size, whatever max */
	T_EQ_INT(related_thread_members(ix, 99, m, 3), 0);
	related_free(ix);
}

TEST(entities_alone_and_bad_entries)
{
	struct related_index *ix = related_new();
	const char *k1[] = { "ursula von der leyen", NULL, "", "bruxelles" };
	int ty1[] = { ENTITY_PER, ENTITY_LOC, ENTITY_LOC, 99 };
	const char *k2[] = { "bruxelles", "ursula von der leyen" };
	int ty2[] = { ENTITY_LOC, ENTITY_LOC };	/* typed otherwise: same key */
	int c2[] = { 0, 3 };
	T_EQ_INT(related_add(ix, NULL, 0, k1, ty1, NULL, 4, -1), 0);
	T_EQ_INT(related_add(ix, NULL, 0, k2, ty2, c2, 2, -1), 0);
	add_text(ix, story_b, -1);
	related_finish(ix);
	struct related_hit h[RELATED_MAX];
	size_t n = related_top(ix, 0, h, RELATED_MAX);
	T_EQ_INT(n, 1);
	if (n == 1) {
		T_EQ_INT(h[0].doc, 1);
		T_EQ_INT(h[0].nent, 2);
		T_EQ_INT(h[0].nterm, 0);
		T_EQ_STR(h[0].shared_entities[0], "ursula von der leyen");
		T_EQ_INT(h[0].shared_entity_types[0], ENTITY_PER);
		T_EQ_STR(h[0].shared_entities[1], "bruxelles");
		T_EQ_INT(h[0].shared_entity_types[1], ENTITY_NONE);
	}
	related_free(ix);
}

TEST(reasons_show_words_as_written)
{
	struct related_index *ix = related_new();
	add_text(ix, "La città di Matera e le sue cattedrali scavate nel tufo.", -1);
	add_text(ix, "Città e cattedrale: Matera attira turisti dal tufo antico.", -1);
	add_text(ix, story_b, -1);
	related_finish(ix);
	struct related_hit h[RELATED_MAX];
	size_t n = related_top(ix, 1, h, RELATED_MAX);
	T_OK(n >= 1 && h[0].doc == 0);
	int seen = 0;
	for (size_t i = 0; n && i < h[0].nterm; i++)
		seen += !strcmp(h[0].shared_terms[i], "città") ||
			!strcmp(h[0].shared_terms[i], "cattedrali");
	T_OK(seen >= 1);
	related_free(ix);
}

/* Words no dictionary has, unique per (topic, index): letters only. */
static void fake_word(struct buf *b, unsigned topic, unsigned i)
{
	buf_addc(b, ' ');
	buf_addc(b, (char)('b' + topic % 20));
	for (unsigned v = topic / 20 * 97 + i + 1; v; v /= 20)
		buf_addc(b, (char)('b' + v % 20));
	buf_adds(b, "zu");
}

static uint32_t lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* Many topics, each its own vocabulary plus words every article uses: every
 * article's related list should stay within its topic. */
TEST(topics_stay_apart_at_scale)
{
	enum { TOPICS = 60, PER = 40, VOCAB = 30, WORDS = 40 };
	struct related_index *ix = related_new();
	struct buf b = BUF_INIT;
	uint32_t seed = 12345;
	unsigned refused = 0;
	for (unsigned d = 0; d < TOPICS * PER; d++) {
		buf_reset(&b);
		for (unsigned w = 0; w < WORDS; w++) {
			uint32_t r = lcg(&seed);
			if (r % 4 == 0)
				fake_word(&b, 900, r % 50);	/* shared by all topics */
			else
				fake_word(&b, d % TOPICS, r % VOCAB);
		}
		refused += add_quiet(ix, b.data, -1);
	}
	T_EQ_INT(refused, 0);
	related_finish(ix);
	struct related_hit h[5];
	unsigned wrong = 0, short_lists = 0;
	for (unsigned d = 0; d < TOPICS * PER; d++) {
		size_t n = related_top(ix, d, h, 5);
		short_lists += n < 5;
		for (size_t i = 0; i < n; i++)
			wrong += h[i].doc % TOPICS != d % TOPICS;
	}
	T_EQ_INT(short_lists, 0);
	T_EQ_INT(wrong, 0);
	buf_free(&b);
	related_free(ix);
}

/* How many of docs 0..n-1 (twins 2i and 2i+1) do not list their twin
 * first among their top k (k <= 3). */
static unsigned twins_missed(struct related_index *ix, unsigned n, size_t k)
{
	struct related_hit h[3];
	unsigned wrong = 0;
	for (unsigned d = 0; d < n; d++) {
		size_t got = related_top(ix, d, h, k);
		wrong += got < 1 || h[0].doc != (d ^ 1u);
	}
	return wrong;
}

/* An archive large enough that a word in every article is skipped when
 * looking for candidates: pairs sharing rare words still find each other. */
TEST(common_features_skipped_in_large_archive)
{
	enum { PAIRS = 6000 };
	struct related_index *ix = related_new();
	struct buf b = BUF_INIT;
	unsigned refused = 0;
	for (unsigned d = 0; d < 2 * PAIRS; d++) {
		buf_reset(&b);
		buf_adds(&b, "comunicato notizia giornale");
		fake_word(&b, d / 2, 0);
		fake_word(&b, d / 2, 1);
		fake_word(&b, 1000 + d, 0);	/* the article's own */
		refused += add_quiet(ix, b.data, -1);
	}
	T_EQ_INT(refused, 0);
	related_finish(ix);
	T_EQ_INT(twins_missed(ix, 2 * PAIRS, 3), 0);
	T_EQ_INT(related_thread_count(ix), PAIRS);
	buf_free(&b);
	related_free(ix);
}

/* Long articles, enough of them that their counts fill several blocks of
 * the coded raw counts (~4 MB each): every article still finds its twin,
 * so no article is lost or misread at a block's end. Some words occur
 * several times, which codes a count after the feature. */
TEST(long_articles_cross_raw_blocks)
{
	enum { PAIRS = 2500, SHARED = 120, OWN = 300 };
	struct related_index *ix = related_new();
	struct buf b = BUF_INIT;
	unsigned refused = 0;
	for (unsigned d = 0; d < 2 * PAIRS; d++) {
		buf_reset(&b);
		for (unsigned i = 0; i < SHARED; i++)
			fake_word(&b, 3000 + d / 2, i % 7 == 0 ? 0 : i);
		for (unsigned i = 0; i < OWN; i++)
			fake_word(&b, 20000 + d, i);
		refused += add_quiet(ix, b.data, -1);
	}
	T_EQ_INT(refused, 0);
	related_finish(ix);
	T_EQ_INT(twins_missed(ix, 2 * PAIRS, 2), 0);
	buf_free(&b);
	related_free(ix);
}

T_MAIN(
	RUN(seeds_with_hand_entities);
	RUN(seeds_with_recogniser);
	RUN(seed_reasons);
	RUN(empty_and_misuse);
	RUN(identical_undated_articles);
	RUN(time_decays_but_does_not_kill);
	RUN(undated_article_does_not_glue_stories);
	RUN(entities_alone_and_bad_entries);
	RUN(reasons_show_words_as_written);
	RUN(topics_stay_apart_at_scale);
	RUN(common_features_skipped_in_large_archive);
	RUN(long_articles_cross_raw_blocks)
)
