/* test_lang.c: language identification by function words: a paragraph of
 * each language, texts too short or too mixed to tell, language codes. */
#include "t.h"
#include "lang.h"

static struct lang_db *db;

static int detect(const char *text, double *conf)
{
	return lang_detect(db, text, strlen(text), conf);
}

#define T_LANG(text, want) do { double t_c; int t_l = detect(text, &t_c); \
	T_CHECK(t_l == (want), "\"%.40s...\": %s, want %s", text, \
		lang_code(t_l), lang_code(want)); \
	T_CHECK(t_l == LANG_UNKNOWN ? t_c == 0.0 : t_c > 0.0 && t_c <= 1.0, \
		"confidence %f", t_c); } while (0)

TEST(paragraphs)
{
	T_LANG("Il presidente russo ha incontrato il leader nordcoreano nella "
	       "regione dell'Amur, dove i due hanno parlato per quattro ore.",
	       LANG_IT);
	T_LANG("The president said on Monday that the company would cut jobs "
	       "in its plants, which have been losing money for years.", LANG_EN);
	T_LANG("Le président a déclaré lundi que l'entreprise allait supprimer "
	       "des emplois dans ses usines, qui perdent de l'argent depuis "
	       "des années.", LANG_FR);
	T_LANG("El presidente dijo el lunes que la empresa va a recortar empleos "
	       "en sus fábricas, que han perdido dinero durante años.", LANG_ES);
	T_LANG("Der Präsident sagte am Montag, dass das Unternehmen in seinen "
	       "Werken Stellen streichen wird, die seit Jahren Geld verlieren.",
	       LANG_DE);
	T_LANG("O presidente disse na segunda-feira que a empresa vai cortar "
	       "empregos nas suas fábricas, que perdem dinheiro há anos.", LANG_PT);
	T_LANG("De president zei maandag dat het bedrijf banen gaat schrappen in "
	       "zijn fabrieken, die al jaren geld verliezen.", LANG_NL);
}

TEST(capitals_and_punctuation)
{
	/* capitals, accented capitals, curly apostrophes and quotes */
	T_LANG("È STATO IL PRESIDENTE DELLA REPUBBLICA A DIRE CHE NON È VERO.",
	       LANG_IT);
	T_LANG("«L’accordo è nell’interesse di tutti», ha detto il ministro.",
	       LANG_IT);
	T_LANG("“It is not over,” he said, “and we will be back.”", LANG_EN);
}

TEST(unknown)
{
	T_LANG("", LANG_UNKNOWN);
	T_LANG("Vladimir Putin, Kim Jong Un.", LANG_UNKNOWN);
	T_LANG("Lockheed said.", LANG_UNKNOWN);
	/* half Italian, half English: no language leads */
	T_LANG("Non è chiaro che cosa sia successo nella notte. The government "
	       "did not say.", LANG_UNKNOWN);
}

TEST(scores_add_up)
{
	/* each sentence alone is too short; together they tell */
	struct lang_score sc = { { 0 }, 0 };
	const char *a = "Lockheed said.", *b = "It was not over.";
	lang_score_add(db, a, strlen(a), &sc);
	T_EQ_INT(lang_score_best(&sc, NULL), LANG_UNKNOWN);
	lang_score_add(db, b, strlen(b), &sc);
	T_EQ_INT(lang_score_best(&sc, NULL), LANG_EN);
	T_EQ_INT(sc.words, 6);
}

TEST(codes)
{
	static const struct { const char *s; int lang; } c[] = {
		{ "it", LANG_IT }, { "IT", LANG_IT }, { "it-IT", LANG_IT },
		{ "en_GB.UTF-8", LANG_EN }, { "eng", LANG_EN }, { "English", LANG_EN },
		{ "italiano", LANG_IT }, { "fr", LANG_FR }, { "es-419", LANG_ES },
		{ "de", LANG_DE }, { "pt_BR", LANG_PT }, { "nl", LANG_NL },
		{ "", LANG_UNKNOWN }, { "xx", LANG_UNKNOWN }, { "i", LANG_UNKNOWN },
		{ "-it", LANG_UNKNOWN }, { "itx", LANG_UNKNOWN },
	};
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
		T_CHECK(lang_from_code(c[i].s, strlen(c[i].s)) == c[i].lang,
			"\"%s\" -> %s", c[i].s,
			lang_code(lang_from_code(c[i].s, strlen(c[i].s))));
	for (int l = 1; l < LANG_N; l++)
		T_EQ_INT(lang_from_code(lang_code(l), 2), l);
	T_EQ_STR(lang_code(LANG_UNKNOWN), "");
	T_EQ_STR(lang_code(LANG_N), "");
	T_EQ_STR(lang_code(-1), "");
}

TEST(bad_bytes)
{
	/* invalid UTF-8 and a cut sequence at the end: no crash, no language */
	const char bad[] = "\xff\xfe il \xc3 la \xe2\x80";
	int l = lang_detect(db, bad, sizeof bad - 1, NULL);
	T_OK(l >= LANG_UNKNOWN && l < LANG_N);
}

T_MAIN(db = lang_db_new(); RUN(paragraphs); RUN(capitals_and_punctuation);
       RUN(unknown); RUN(scores_add_up); RUN(codes); RUN(bad_bytes);
       lang_db_free(db))
