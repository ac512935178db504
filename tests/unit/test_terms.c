/* test_terms.c: tokenising, folding, stop words and light stemming of the
 * related-article terms. */
#include "t.h"
#include "terms.h"

/* Stems a copy of w and returns it in a static buffer. */
static const char *stem(const char *w, int lang)
{
	static char b[64];
	size_t n = strlen(w);
	memcpy(b, w, n);
	b[terms_stem(b, n, lang)] = '\0';
	return b;
}

static int same_stem(const char *a, const char *b, int lang)
{
	char x[64];
	snprintf(x, sizeof x, "%s", stem(a, lang));
	return strcmp(x, stem(b, lang)) == 0;
}

/* Scans text and returns its ids in a static array; *n gets the count. */
static uint32_t *scan(struct terms *t, const char *text, size_t *n, int *lang)
{
	static uint32_t *ids;
	static size_t cap;
	if (!t) {
		free(ids);
		ids = NULL;
		cap = 0;
		return NULL;
	}
	*n = terms_scan(t, text, strlen(text), &ids, &cap, lang);
	return ids;
}

static uint32_t one_id(struct terms *t, const char *word)
{
	size_t n;
	uint32_t *ids = scan(t, word, &n, NULL);
	return n == 1 ? ids[0] : TERMS_NONE - 1;
}

TEST(stem_italian_inflections_meet)
{
	T_OK(same_stem("cooperazione", "cooperazioni", TERMS_IT));
	T_OK(same_stem("russo", "russa", TERMS_IT));
	T_OK(same_stem("russi", "russe", TERMS_IT));
	T_OK(same_stem("bianco", "bianchi", TERMS_IT));
	T_OK(same_stem("banca", "banche", TERMS_IT));
	T_OK(same_stem("viaggio", "viaggi", TERMS_IT));
	T_OK(same_stem("finalmente", "finale", TERMS_IT));
	T_OK(same_stem("militare", "militari", TERMS_IT));
	T_EQ_STR(stem("cooperazioni", TERMS_IT), "cooperazion");
}

TEST(stem_italian_is_conservative)
{
	T_OK(!same_stem("cooperazione", "cooperativa", TERMS_IT));
	T_OK(!same_stem("visita", "visitare", TERMS_IT));
	T_OK(!same_stem("militare", "milite", TERMS_IT));
	T_EQ_STR(stem("tre", TERMS_IT), "tre");
	T_EQ_STR(stem("arma", TERMS_IT), "arm");
	T_EQ_STR(stem("putin", TERMS_IT), "putin");
	T_EQ_STR(stem("su35s", TERMS_IT), "su35s");
	/* a short -mente word keeps its stem long enough */
	T_EQ_STR(stem("mente", TERMS_IT), "ment");
}

TEST(stem_english)
{
	T_EQ_STR(stem("countries", TERMS_EN), "country");
	T_EQ_STR(stem("meeting", TERMS_EN), "meet");
	T_EQ_STR(stem("talks", TERMS_EN), "talk");
	T_EQ_STR(stem("matches", TERMS_EN), "match");
	T_EQ_STR(stem("stopped", TERMS_EN), "stop");
	T_EQ_STR(stem("classes", TERMS_EN), "class");
	T_EQ_STR(stem("news", TERMS_EN), "news");
	T_EQ_STR(stem("bring", TERMS_EN), "bring");
	T_EQ_STR(stem("speed", TERMS_EN), "speed");
	T_EQ_STR(stem("status", TERMS_EN), "status");
	T_OK(same_stem("missile", "missiles", TERMS_EN));
	T_OK(same_stem("talked", "talking", TERMS_EN));
}

TEST(scan_drops_stop_words_and_merges_forms)
{
	struct terms *t = terms_new();
	size_t n;
	int lang = -1;
	uint32_t *ids = scan(t, "Il presidente russo e la Russia: è più forte", &n, &lang);
	T_EQ_INT(lang, TERMS_IT);
	T_EQ_INT(n, 4);	/* presidente russo russia forte */
	if (n == 4) {
		T_EQ_STR(terms_name(t, ids[0]), "president");
		T_OK(ids[1] == ids[2]);
		T_EQ_STR(terms_surface(t, ids[1]), "russo");
		T_EQ_STR(terms_name(t, ids[3]), "fort");
	}
	terms_free(t);
}

TEST(scan_folds_case_and_accents)
{
	struct terms *t = terms_new();
	uint32_t a = one_id(t, "Città");
	T_OK(a != TERMS_NONE - 1);
	T_OK(one_id(t, "CITTÀ") == a);
	T_OK(one_id(t, "citta") == a);
	/* decomposed accent: a combining grave after the a */
	T_OK(one_id(t, "citta\xcc\x80") == a);
	T_EQ_STR(terms_surface(t, a), "città");
	T_EQ_STR(terms_name(t, a), "citt");
	terms_free(t);
}

TEST(scan_splits_at_apostrophes_and_hyphens)
{
	struct terms *t = terms_new();
	size_t n;
	uint32_t *ids = scan(t, "dell'Ucraina dell\xe2\x80\x99Ucraina Komsomolsk-on-Amur", &n, NULL);
	T_EQ_INT(n, 5);	/* ucraina ucraina komsomolsk on amur */
	if (n == 5) {
		T_OK(ids[0] == ids[1]);
		T_EQ_STR(terms_name(t, ids[2]), "komsomolsk");
		T_EQ_STR(terms_name(t, ids[4]), "amur");
	}
	terms_free(t);
}

TEST(scan_numbers_single_letters_long_words)
{
	struct terms *t = terms_new();
	size_t n;
	uint32_t *ids = scan(t, "Nel 2023 circa 650 chilometri, 2.000 soldati, il 15,7% e 3 x y: 1, 2. "
			     "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghij", &n, NULL);
	/* 2023 650 chilometri 2.000 soldati 15.7: one-character words (the
	 * digits too) and the over-long word are dropped, a mark between digits
	 * belongs to the figure, and a comma after one does not */
	T_EQ_INT(n, 6);
	if (n == 6) {
		T_EQ_STR(terms_name(t, ids[0]), "2023");
		T_EQ_STR(terms_name(t, ids[1]), "650");
		T_EQ_STR(terms_name(t, ids[2]), "chilometr");
		T_EQ_STR(terms_name(t, ids[3]), "2.000");
		T_EQ_STR(terms_name(t, ids[4]), "soldat");
		T_EQ_STR(terms_name(t, ids[5]), "15.7");
	}
	/* Italian and English marks meet */
	T_OK(one_id(t, "15.7") == one_id(t, "15,7"));
	T_OK(one_id(t, "6.000") != one_id(t, "6000"));
	terms_free(t);
}

TEST(scan_long_and_repeated_words_hit_the_cache)
{
	struct terms *t = terms_new();
	size_t n = 0;
	/* the same long word (past the cache's length) and a short one, many
	 * times, in several texts: the ids must not change */
	uint32_t a = one_id(t, "precipitevolissimevolmente");
	uint32_t b = one_id(t, "Guerra");
	T_OK(a != TERMS_NONE - 1 && b != TERMS_NONE - 1 && a != b);
	for (int i = 0; i < 3; i++) {
		uint32_t *ids = scan(t, "guerra precipitevolissimevolmente GUERRA "
				     "Precipitevolissimevolmente guerra", &n, NULL);
		T_EQ_INT(n, 5);
		if (n == 5)
			T_OK(ids[0] == b && ids[1] == a && ids[2] == b && ids[3] == a && ids[4] == b);
	}
	T_EQ_STR(terms_surface(t, a), "precipitevolissimevolmente");
	terms_free(t);
}

TEST(scan_detects_english)
{
	struct terms *t = terms_new();
	size_t n;
	int lang = -1;
	uint32_t *ids = scan(t, "The president said that the talks were useful", &n, &lang);
	T_EQ_INT(lang, TERMS_EN);
	T_EQ_INT(n, 3);	/* president talks useful */
	if (n == 3)
		T_EQ_STR(terms_name(t, ids[1]), "talk");
	/* "are" is an English stop word but an Italian word ("aree"): only the
	 * text's own language removes it */
	scan(t, "Le are verdi della città sono grandi", &n, &lang);
	T_EQ_INT(lang, TERMS_IT);
	T_EQ_INT(n, 4);
	terms_free(t);
}

TEST(scan_tolerates_bad_input)
{
	struct terms *t = terms_new();
	size_t n = 99;
	scan(t, "", &n, NULL);
	T_EQ_INT(n, 0);
	uint32_t *ids = scan(t, "\xff\xfe" "guerra\xc3" " pace", &n, NULL);
	T_EQ_INT(n, 2);
	if (n == 2)
		T_EQ_STR(terms_name(t, ids[1]), "pac");
	T_OK(terms_name(t, (uint32_t)terms_count(t)) == NULL);
	terms_free(t);
}

TEST(intern_is_stable_and_separate)
{
	struct terms *t = terms_new();
	uint32_t w = one_id(t, "kim");
	uint32_t e = terms_intern(t, "\001kim", 4);
	T_OK(e != w);
	T_OK(terms_intern(t, "\001kim", 4) == e);
	T_OK(one_id(t, "Kim") == w);
	T_EQ_STR(terms_name(t, e), "\001kim");
	T_EQ_STR(terms_surface(t, e), "\001kim");
	T_EQ_INT(terms_count(t), 2);
	T_OK(terms_is_stop(t, "perche", 6, TERMS_IT));
	T_OK(!terms_is_stop(t, "perche", 6, TERMS_EN));
	T_OK(terms_is_stop(t, "the", 3, TERMS_EN));
	terms_free(t);
}

T_MAIN(
	RUN(stem_italian_inflections_meet);
	RUN(stem_italian_is_conservative);
	RUN(stem_english);
	RUN(scan_drops_stop_words_and_merges_forms);
	RUN(scan_folds_case_and_accents);
	RUN(scan_splits_at_apostrophes_and_hyphens);
	RUN(scan_numbers_single_letters_long_words);
	RUN(scan_long_and_repeated_words_hit_the_cache);
	RUN(scan_detects_english);
	RUN(scan_tolerates_bad_input);
	RUN(intern_is_stable_and_separate);
	scan(NULL, NULL, NULL, NULL)
)
