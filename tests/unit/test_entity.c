/* test_entity.c: the entity recogniser on the seed reports and on small
 * synthetic sentences, one per rule; keys; the user's corrections file. */
#include <stdio.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include "t.h"
#include "buf.h"
#include "diag.h"
#include "entity.h"

static struct entity_db *db;

/* The type of the mention whose text is exactly name, or -1. */
static int type_of(const struct entity_doc *d, const char *text,
		   const char *name)
{
	for (size_t i = 0; i < d->nm; i++)
		if (d->m[i].len == strlen(name) &&
		    memcmp(text + d->m[i].off, name, d->m[i].len) == 0)
			return d->m[i].type;
	return -1;
}

/* The entity index of the first mention with this text, or -1. */
static int entity_of(const struct entity_doc *d, const char *text,
		     const char *name)
{
	for (size_t i = 0; i < d->nm; i++)
		if (d->m[i].len == strlen(name) &&
		    memcmp(text + d->m[i].off, name, d->m[i].len) == 0)
			return d->m[i].entity;
	return -1;
}

/* Does any mention contain the byte range of name's first occurrence? */
static int covered(const struct entity_doc *d, const char *text,
		   const char *name)
{
	const char *p = strstr(text, name);
	if (!p)
		return 0;
	size_t a = (size_t)(p - text), b = a + strlen(name);
	for (size_t i = 0; i < d->nm; i++)
		if (d->m[i].off < b && d->m[i].off + d->m[i].len > a)
			return 1;
	return 0;
}

/* Does any mention of the Italian text contain the first occurrence of
 * what? */
static int covered_text(const char *text, const char *what);

/* The sentences below are Italian unless a test says otherwise. */
static void tag(const char *text, struct entity_doc *d)
{
	entity_tag_lang(db, LANG_IT, text, strlen(text), d);
}

static int covered_text(const char *text, const char *what)
{
	struct entity_doc d;
	tag(text, &d);
	int c = covered(&d, text, what);
	entity_doc_free(&d);
	return c;
}

#define T_TYPE(text, name, want) do { struct entity_doc t_d; tag(text, &t_d); \
	T_CHECK(type_of(&t_d, text, name) == (want), "%s in \"%s\": %s", name, \
		text, entity_type_name(type_of(&t_d, text, name))); \
	entity_doc_free(&t_d); } while (0)
#define T_NONE(text, name) do { struct entity_doc t_d; tag(text, &t_d); \
	T_CHECK(!covered(&t_d, text, name), "%s in \"%s\" is tagged", name, text); \
	entity_doc_free(&t_d); } while (0)

/* ---- the seed reports ---- */

static const char *const seed_files[] = {
	"000_460b4537c1ae1914.txt", "001_76c55c3dbf951fc0.txt",
	"002_b4583ddbe9c4ee44.txt", "003_1a2c2d1ce45f909c.txt",
	"004_626f7cffec2aa7c6.txt", NULL
};

static struct { const char *name; int type; } const seed_names[] = {
	{ "Vladimir Putin", ENTITY_PER }, { "Kim Jong Un", ENTITY_PER },
	{ "Kim Jong-un", ENTITY_PER }, { "Sergei Shoigu", ENTITY_PER },
	{ "Sergey Shoigu", ENTITY_PER }, { "Dmitry Peskov", ENTITY_PER },
	{ "Xi Jinping", ENTITY_PER }, { "Sergei Lavrov", ENTITY_PER },
	{ "Vostochny", ENTITY_LOC }, { "Komsomolsk-on-Amur", ENTITY_LOC },
	{ "Vladivostok", ENTITY_LOC }, { "Pyongyang", ENTITY_LOC },
	{ "Pechino", ENTITY_LOC }, { "Corea del Nord", ENTITY_LOC },
	{ "Russia", ENTITY_LOC }, { "Cina", ENTITY_LOC },
	{ "Ucraina", ENTITY_LOC }, { "Siberia", ENTITY_LOC },
	{ "Seul", ENTITY_LOC }, { "Cremlino", ENTITY_ORG },
	{ "Tass", ENTITY_ORG }, { "Ria Novosti", ENTITY_ORG },
	{ "Interfax", ENTITY_ORG }, { "Kcna", ENTITY_ORG },
	{ "Nazioni Unite", ENTITY_ORG }, { "Cnn", ENTITY_ORG },
	{ NULL, 0 }
};

struct seed {
	char *text;
	size_t len;
	struct entity_doc doc;
};

static int load_seeds(struct seed *s)
{
	char path[256];
	for (int i = 0; seed_files[i]; i++) {
		snprintf(path, sizeof path, "../shared/seeds/%s", seed_files[i]);
		s[i].text = t_read_file(path, &s[i].len);
		if (!s[i].text) {
			fprintf(stderr, "FAIL: cannot read %s (run from the "
				"repository root with ../shared beside it)\n", path);
			return -1;
		}
		entity_tag(db, s[i].text, s[i].len, &s[i].doc);
	}
	return 0;
}

TEST(seeds)
{
	struct seed s[5] = { { 0 } };
	int ok = load_seeds(s) == 0;
	T_CHECK(ok, "seed files missing");
	if (!ok)
		return;
	for (int k = 0; seed_names[k].name; k++) {
		int found = 0;
		for (int i = 0; i < 5; i++) {
			int t = type_of(&s[i].doc, s[i].text, seed_names[k].name);
			T_CHECK(t == -1 || t == seed_names[k].type, "%s typed %s in %s",
				seed_names[k].name, entity_type_name(t), seed_files[i]);
			found |= t == seed_names[k].type;
		}
		T_CHECK(found, "%s not found in the seeds", seed_names[k].name);
	}
	for (int i = 0; i < 5; i++) {
		T_CHECK(!strstr(s[i].text, "Fienile") ||
			!covered(&s[i].doc, s[i].text, "Fienile"), "Fienile tagged");
		entity_doc_free(&s[i].doc);
		free(s[i].text);
	}
}

/* Variants in one seed are one entity: Kim Jong-un = Kim Jong Un = Kim,
 * Sergey Shoigu = Shoigu. */
TEST(seed_variants_merge)
{
	struct seed s[5] = { { 0 } };
	if (load_seeds(s) < 0) {
		T_CHECK(0, "seed files missing");
		return;
	}
	struct entity_doc *d = &s[2].doc;
	const char *t = s[2].text;
	int kim = entity_of(d, t, "Kim Jong-un");
	T_CHECK(kim >= 0 && kim == entity_of(d, t, "Kim Jong Un"), "Kim variants");
	T_EQ_INT(entity_of(d, t, "Kim"), kim);
	T_EQ_INT(entity_of(d, t, "Shoigu"), entity_of(d, t, "Sergey Shoigu"));
	T_EQ_STR(d->ent[kim].key, "kim jong un");
	d = &s[4].doc;
	t = s[4].text;
	T_EQ_INT(entity_of(d, t, "Xi"), entity_of(d, t, "Xi Jinping"));
	for (int i = 0; i < 5; i++) {
		entity_doc_free(&s[i].doc);
		free(s[i].text);
	}
}

/* ---- one sentence per rule ---- */

TEST(cue_words)
{
	T_TYPE("Ieri il sindaco Gualberto Zanzottera ha parlato.",
	       "Gualberto Zanzottera", ENTITY_PER);
	T_TYPE("Il ministro degli Esteri russo, Zorbatov, ha parlato.",
	       "Zorbatov", ENTITY_PER);
	T_TYPE("Siamo arrivati nella città di Kribbelstad ieri.", "Kribbelstad",
	       ENTITY_LOC);
	T_TYPE("Lo ha detto l'agenzia Flonko in serata.", "Flonko", ENTITY_ORG);
	T_TYPE("Secondo l'agenzia di stampa Flonko, tutto va bene.", "Flonko",
	       ENTITY_ORG);
	T_TYPE("La delegazione è passata dal valico di Strubnik.", "Strubnik",
	       ENTITY_LOC);
}

TEST(first_names_and_titles)
{
	T_TYPE("Ne ha parlato Giovanni Frabbolotti ieri.", "Giovanni Frabbolotti",
	       ENTITY_PER);
	/* a capitalised title is not part of the name */
	T_TYPE("Lo ha detto il Presidente Xi Jinping.", "Xi Jinping", ENTITY_PER);
	T_NONE("Lo ha detto il Presidente Xi Jinping.", "Presidente");
}

TEST(particles)
{
	T_TYPE("Ha incontrato Ursula von der Leyen a Bruxelles.",
	       "Ursula von der Leyen", ENTITY_PER);
	T_TYPE("Una visita di Giacomo de Vrumbo a Roma.", "Giacomo de Vrumbo",
	       ENTITY_PER);
	T_TYPE("Ne discute la Corte dei Conti da mesi.", "Corte dei Conti",
	       ENTITY_ORG);
	T_TYPE("Ne discute la Banca d'Italia da mesi.", "Banca d'Italia",
	       ENTITY_ORG);
	T_TYPE("Ne discute il Ministero della Difesa da mesi.",
	       "Ministero della Difesa", ENTITY_ORG);
	T_TYPE("Un accordo con la Federazione russa è vicino.", "Federazione russa",
	       ENTITY_LOC);
	T_TYPE("Ha studiato alla Università di Pordrecht per anni.",
	       "Università di Pordrecht", ENTITY_ORG);
	/* an Italian "di" does not join two names */
	T_TYPE("Il leader Kim Jong Un della Corea del Nord.", "Kim Jong Un",
	       ENTITY_PER);
	T_TYPE("Il leader Kim Jong Un della Corea del Nord.", "Corea del Nord",
	       ENTITY_LOC);
}

TEST(institutions_and_lower_case_heads)
{
	T_TYPE("Lo ha deciso il governo tedesco ieri.", "governo tedesco",
	       ENTITY_ORG);
	T_TYPE("Lo ha votato il consiglio comunale ieri.", "consiglio comunale",
	       ENTITY_ORG);
	T_TYPE("Abita in provincia di Pordrecht da anni.", "provincia di Pordrecht",
	       ENTITY_LOC);
	T_TYPE("Lo dice il ministero della Difesa da mesi.",
	       "ministero della Difesa", ENTITY_ORG);
	T_NONE("Lo dice la città tutta.", "città");
}

TEST(acronyms)
{
	T_TYPE("Lo ha annunciato la FLUB in una nota.", "FLUB", ENTITY_ORG);
	T_TYPE("Le truppe degli USA sono arrivate.", "USA", ENTITY_LOC);
	T_TYPE("Lo ha deciso la NATO ieri.", "NATO", ENTITY_ORG);
	/* "UN" is listed in capitals: the article "Un" is no organisation */
	T_NONE("Un gruppo di ricercatori ha scoperto tutto.", "Un");
	T_TYPE("Il voto all'UN è stato rinviato.", "UN", ENTITY_ORG);
}

TEST(sentence_initial_function_words)
{
	T_NONE("Dopo la visita, tutti sono partiti.", "Dopo");
	T_NONE("Inoltre la visita è finita. Mentre tutti parlano.", "Inoltre");
	T_NONE("Inoltre la visita è finita. Mentre tutti parlano.", "Mentre");
	T_TYPE("Durante la visita a Pechino, nulla.", "Pechino", ENTITY_LOC);
	T_NONE("Durante la visita a Pechino, nulla.", "Durante");
	/* an unknown capitalised word at the start of a sentence is no name */
	T_NONE("Fienile come riportato da tutti.", "Fienile");
}

TEST(months_and_days)
{
	T_NONE("Si sono incontrati Mercoledì 13 Settembre a Mosca.", "Mercoledì");
	T_NONE("Si sono incontrati Mercoledì 13 Settembre a Mosca.", "Settembre");
	T_TYPE("Si sono incontrati Mercoledì 13 Settembre a Mosca.", "Mosca",
	       ENTITY_LOC);
}

TEST(case_accents_hyphens)
{
	T_TYPE("Il viaggio a PECHINO è finito.", "PECHINO", ENTITY_LOC);
	T_TYPE("Il leader KIM JONG-UN ha parlato.", "KIM JONG-UN", ENTITY_PER);
	T_TYPE("Il viaggio a Bogota è finito.", "Bogota", ENTITY_LOC);
	T_TYPE("Il viaggio a Bogotá è finito.", "Bogotá", ENTITY_LOC);
}

TEST(doc_consistency)
{
	/* typed once by a cue, kept everywhere, even sentence-initially */
	const char *t = "Il sindaco Zumbrelli ha parlato. Zumbrelli ha poi "
			"lasciato la sala.";
	struct entity_doc d;
	tag(t, &d);
	int n = 0;
	for (size_t i = 0; i < d.nm; i++)
		n += d.m[i].type == ENTITY_PER;
	T_EQ_INT(n, 2);
	T_EQ_INT(d.nent, 1);
	entity_doc_free(&d);
	/* a word of a full name is that person */
	t = "Arriva Sergei Grubonov. Poi Grubonov riparte; Sergey Grubonov saluta.";
	tag(t, &d);
	int e = entity_of(&d, t, "Sergei Grubonov");
	T_CHECK(e >= 0, "full name");
	T_EQ_INT(entity_of(&d, t, "Grubonov"), e);
	T_EQ_INT(entity_of(&d, t, "Sergey Grubonov"), e);
	T_EQ_INT(d.ent[e].count, 3);
	T_EQ_STR(d.ent[e].name, "Sergei Grubonov");
	entity_doc_free(&d);
	/* the same single word in two texts is independent */
	T_NONE("Zumbrelli ha lasciato la sala.", "Zumbrelli");
}

TEST(mentions_sorted_and_linked)
{
	const char *t = "Putin e Kim a Mosca. La Tass scrive che Putin e Xi Jinping "
			"hanno parlato con l'ONU.";
	struct entity_doc d;
	tag(t, &d);
	for (size_t i = 0; i < d.nm; i++) {
		T_OK(d.m[i].entity >= 0 && (size_t)d.m[i].entity < d.nent);
		T_EQ_INT(d.m[i].type, d.ent[d.m[i].entity].type);
		if (i)
			T_OK(d.m[i].off >= d.m[i - 1].off + d.m[i - 1].len);
	}
	/* named as the text spells them, keyed by the lexicon's name */
	int putin = entity_of(&d, t, "Putin");
	T_OK(putin >= 0);
	T_EQ_INT(d.ent[putin].count, 2);
	T_EQ_STR(d.ent[putin].name, "Putin");
	T_EQ_STR(d.ent[putin].key, "vladimir putin");
	int onu = entity_of(&d, t, "ONU");
	T_OK(onu >= 0);
	T_EQ_STR(d.ent[onu].name, "ONU");
	T_EQ_STR(d.ent[onu].key, "nazioni unite");
	entity_doc_free(&d);
}

TEST(keys)
{
	static const char *const same[][2] = {
		{ "Kim Jong-un", "Kim Jong Un" }, { "KIM JONG-UN", "kim jong un" },
		{ "Sergey Shoigu", "Sergei Shoigu" }, { "Sergej Shoygu", "Sergei Shoigu" },
		{ "Dmitry Peskov", "Dmitri Peskov" }, { "Dmitriy Peskov", "Dmitrii Peskov" },
		{ "Zelenskyy", "Zelensky" }, { "Zelenskij", "Zelenskiy" },
		{ "Nikolay", "Nikolai" }, { "Città", "CITTA" },
		{ "Komsomolsk-on-Amur", "Komsomolsk on Amur" },
	};
	static const char *const differ[][2] = {
		{ "Khan", "Han" }, { "Yury", "Iury" }, { "Maya", "Maia" },
		{ "Kim", "Kin" },
	};
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		char *a = entity_key(same[i][0], strlen(same[i][0]));
		char *b = entity_key(same[i][1], strlen(same[i][1]));
		T_CHECK(strcmp(a, b) == 0, "%s -> %s, %s -> %s", same[i][0], a,
			same[i][1], b);
		free(a);
		free(b);
	}
	for (size_t i = 0; i < sizeof differ / sizeof differ[0]; i++) {
		char *a = entity_key(differ[i][0], strlen(differ[i][0]));
		char *b = entity_key(differ[i][1], strlen(differ[i][1]));
		T_CHECK(strcmp(a, b) != 0, "%s and %s both -> %s", differ[i][0],
			differ[i][1], a);
		free(a);
		free(b);
	}
	char *k = entity_key("Sergey  Shoigu", 14);
	T_EQ_STR(k, "sergei shoigu");
	free(k);
}

TEST(type_names)
{
	for (int t = 0; t < ENTITY_NTYPES; t++)
		T_EQ_INT(entity_type_from_name(entity_type_name(t)), t);
	T_EQ_INT(entity_type_from_name("loc"), ENTITY_LOC);
	T_EQ_INT(entity_type_from_name("XYZ"), -1);
	T_EQ_STR(entity_type_name(42), "O");
}

TEST(teams_and_places)
{
	/* a place after an article in a sports report is a team */
	T_TYPE("Nella partita di ieri la Francia ha battuto la Spagna 2-1.",
	       "Francia", ENTITY_ORG);
	T_TYPE("Nella partita di ieri la Francia ha battuto la Spagna 2-1.",
	       "Spagna", ENTITY_ORG);
	T_TYPE("Nella partita di ieri gli Atlanta Braves hanno vinto 3-1.",
	       "Atlanta Braves", ENTITY_ORG);
	T_TYPE("Alla fiera Lucca Comics c'erano mille persone.", "Lucca",
	       ENTITY_LOC);
	T_TYPE("Il Galles attacca poco e il portiere italiano para tutto.",
	       "Galles", ENTITY_ORG);
	T_TYPE("La partita si gioca a Madrid domenica.", "Madrid", ENTITY_LOC);
	/* a place's administration, headed by an office holder */
	T_TYPE("Lo ha detto il presidente della regione Zorbania ieri.",
	       "regione Zorbania", ENTITY_ORG);
	T_TYPE("Abita nella regione Zorbania da anni.", "regione Zorbania",
	       ENTITY_LOC);
	T_TYPE("La Francia ha approvato la nuova legge.", "Francia", ENTITY_LOC);
	/* offices and their place are tagged apart; services are no place */
	T_TYPE("Indaga la Procura di Pordrecht da mesi.", "Procura", ENTITY_ORG);
	T_TYPE("Indaga la Procura di Pordrecht da mesi.", "Pordrecht",
	       ENTITY_LOC);
	T_TYPE("Lo hanno fermato all'aeroporto di Pechino ieri.", "Pechino",
	       ENTITY_LOC);
	T_NONE("Lo hanno fermato all'aeroporto di Pechino ieri.", "aeroporto");
	T_TYPE("Abita a Scandicci (FI) da anni.", "FI", ENTITY_LOC);
}

TEST(institution_names)
{
	T_TYPE("Lo ha detto la Guardia Nazionale ieri.", "Guardia Nazionale",
	       ENTITY_ORG);
	T_TYPE("Lo ha detto il Ministero della sanità ieri.",
	       "Ministero della sanità", ENTITY_ORG);
	T_TYPE("Lo chiede il Movimento per l'Autonomia da anni.",
	       "Movimento per l'Autonomia", ENTITY_ORG);
	T_TYPE("Lo dice la Banca d'Italia il Presidente no.", "Banca d'Italia",
	       ENTITY_ORG);
	/* no head swallows the person a title introduces */
	T_TYPE("Parla il presidente del Consiglio Mario Frabbolotti oggi.",
	       "Mario Frabbolotti", ENTITY_PER);
}

TEST(person_names)
{
	T_TYPE("Ha parlato don Gualberto Zanzottera ieri.",
	       "don Gualberto Zanzottera", ENTITY_PER);
	T_TYPE("Ne ha parlato Lorella Di Frabbolo ieri.", "Lorella Di Frabbolo",
	       ENTITY_PER);
	/* a first name that is also a preposition starts no name */
	T_NONE("Nella giornata di ieri tutto tace.", "Nella");
}

TEST(not_entities)
{
	T_NONE("Il volo parte alle 10 UTC di domani.", "UTC");
	T_NONE("Nel XXI secolo tutto cambia.", "XXI");
	T_NONE("Il virus H1N1 è tornato.", "H1N1");
	/* a social network is a product (MISC, written O by tag --conll) */
	T_TYPE("Ha scritto su Facebook ieri.", "Facebook", ENTITY_MISC);
	T_TYPE("Ha vinto il Premio Zanzottera per la poesia.", "Premio Zanzottera",
	       ENTITY_MISC);
	/* an event named after a place is tagged as that place */
	T_TYPE("Ha vinto il Festival di Pechino per la poesia.", "Pechino",
	       ENTITY_LOC);
	T_NONE("Ha vinto il Festival di Pechino per la poesia.", "Festival");
	T_TYPE("Abita a Pioltello (MI) da anni.", "MI", ENTITY_LOC);
	/* a maker's name for its product; a newspaper's name read as words */
	T_TYPE("Viaggiava su un Boeing 737 della compagnia.", "Boeing",
	       ENTITY_MISC);
	T_TYPE("Lo ha venduto la Boeing ieri.", "Boeing", ENTITY_ORG);
	T_NONE("Il giorno dopo tutto tace.", "Il giorno");
}

/* ---- issue 14: each error class seen on English and Italian Wikinews ----
 * These go through entity_tag, which tells the language from the text
 * itself: each text has enough function words to tell it. */

static void tag_auto(const char *text, struct entity_doc *d)
{
	entity_tag(db, text, strlen(text), d);
}

#define A_TYPE(text, name, want) do { struct entity_doc t_d; tag_auto(text, &t_d); \
	T_CHECK(type_of(&t_d, text, name) == (want), "%s in \"%s\": %s", name, \
		text, entity_type_name(type_of(&t_d, text, name))); \
	entity_doc_free(&t_d); } while (0)
#define A_NONE(text, name) do { struct entity_doc t_d; tag_auto(text, &t_d); \
	T_CHECK(!covered(&t_d, text, name), "%s in \"%s\" is tagged", name, text); \
	entity_doc_free(&t_d); } while (0)
/* the mentions a and b (exact texts) are one entity */
#define A_SAME(text, a, b) do { struct entity_doc t_d; tag_auto(text, &t_d); \
	int t_a = entity_of(&t_d, text, a), t_b = entity_of(&t_d, text, b); \
	T_CHECK(t_a >= 0 && t_a == t_b, "%s (%d) and %s (%d) in \"%s\"", a, t_a, \
		b, t_b, text); entity_doc_free(&t_d); } while (0)
/* the entity of mention m is named as the article spells it: want */
#define A_NAME(text, m, want) do { struct entity_doc t_d; tag_auto(text, &t_d); \
	int t_e = entity_of(&t_d, text, m); \
	T_CHECK(t_e >= 0 && strcmp(t_d.ent[t_e].name, want) == 0, \
		"%s in \"%s\" named %s", m, text, t_e >= 0 ? t_d.ent[t_e].name : "-"); \
	entity_doc_free(&t_d); } while (0)

TEST(en_sentence_initial_words)
{
	A_NONE("Unlike Chrylser, the company said that it would keep all of "
	       "its plants open.", "Unlike");
	A_NONE("Although Gallois was not there, he said that the deal was done "
	       "and that it would be signed.", "Although");
	A_NONE("Three Democrats voted against the bill on Tuesday, and the "
	       "Senate passed it.", "Three");
	A_NONE("Pre-orders of the phone began on Friday, and they were all "
	       "sold out by the end of the day.", "Pre-orders");
	/* a capitalised word that the text also writes in lower case */
	A_NONE("Reportedly Zanzottera had left. It was reportedly the end of the "
	       "deal that they had been working on for years.", "Reportedly");
	/* Italian "via" is an English preposition */
	A_NONE("The phones can be updated via Wi-Fi, and the plane flew to "
	       "Toulouse via New York.", "via");
	A_NONE("The phones can be updated via Wi-Fi, and the plane flew to "
	       "Toulouse via New York.", "Wi-Fi");
	A_TYPE("The phones can be updated via Wi-Fi, and the plane flew to "
	       "Toulouse via New York.", "New York", ENTITY_LOC);
}

TEST(it_sentence_initial_words)
{
	/* "Un" is an article, not the end of "Kim Jong Un" nor the UN */
	A_NONE("Il leader Kim Jong Un ha parlato a lungo con i suoi generali.\n\n"
	       "Un paragrafo del testo parla di altro e non di lui.", "Un paragrafo");
	/* a lower-case common noun is no entity by itself */
	A_NONE("Il governo ha deciso di rinviare la riforma, ma il governo "
	       "tedesco non è d'accordo.", "governo ha");
	A_TYPE("Il governo ha deciso di rinviare la riforma, ma il governo "
	       "tedesco non è d'accordo.", "governo tedesco", ENTITY_ORG);
}

TEST(roles)
{
	const char *t = "Prime Minister Gordon Brown said that he would visit the "
			"plant with the Chief Executive Officer of the company.";
	A_NONE(t, "Prime Minister");
	A_NONE(t, "Chief Executive Officer");
	A_TYPE(t, "Gordon Brown", ENTITY_PER);
	t = "The Chief Executive Officer Steve Jobs said that the new phone would "
	    "be sold in June, and Airbus chief executive Louis Gallois agreed.";
	A_NONE(t, "Chief Executive Officer");
	A_TYPE(t, "Steve Jobs", ENTITY_PER);
	A_TYPE(t, "Louis Gallois", ENTITY_PER);
	t = "The Foreign Minister Sergei Lavrov said that the President would not "
	    "go, and the CEO was not there either.";
	A_NONE(t, "Foreign Minister");
	A_NONE(t, "President");
	A_NONE(t, "CEO");
	t = "Ha parlato il Presidente Emerito Gualberto Zanzottera, poi "
	    "l'Amministratore Delegato Giovanni Frabbolotti ha detto che il "
	    "Segretario Generale non c'era.";
	A_NONE(t, "Presidente Emerito");
	A_NONE(t, "Amministratore Delegato");
	A_NONE(t, "Segretario Generale");
	A_TYPE(t, "Gualberto Zanzottera", ENTITY_PER);
	A_TYPE(t, "Giovanni Frabbolotti", ENTITY_PER);
}

TEST(corporate_heads_and_tails)
{
	const char *t = "Cerberus Capital Management bought the company from Daimler "
			"AG, and it was said that Cingular Wireless and the United Auto "
			"Workers were also in the talks.";
	A_TYPE(t, "Cerberus Capital Management", ENTITY_ORG);
	A_TYPE(t, "Daimler AG", ENTITY_ORG);
	A_TYPE(t, "Cingular Wireless", ENTITY_ORG);
	A_TYPE(t, "United Auto Workers", ENTITY_ORG);
	t = "The shares of Ford Motor Company fell on the New York Stock Exchange, "
	    "and the Dow Jones Industrial Average was down by two per cent.";
	A_TYPE(t, "Ford Motor Company", ENTITY_ORG);
	A_TYPE(t, "New York Stock Exchange", ENTITY_ORG);
	A_TYPE(t, "Dow Jones Industrial Average", ENTITY_ORG);
	t = "It was said that Thai Airways International and Zorbex Inc. have "
	    "ordered the plane, and so has Flonko Corp. in its home market.";
	A_TYPE(t, "Thai Airways International", ENTITY_ORG);
	A_TYPE(t, "Zorbex Inc.", ENTITY_ORG);
	A_TYPE(t, "Flonko Corp.", ENTITY_ORG);
	t = "Secondo il Ministero dell'Economia, la Zorbex SpA e la Flonko Group "
	    "hanno chiuso l'anno in perdita.";
	A_TYPE(t, "Ministero dell'Economia", ENTITY_ORG);
	A_TYPE(t, "Zorbex SpA", ENTITY_ORG);
	A_TYPE(t, "Flonko Group", ENTITY_ORG);
	/* a company is no place, however it is written */
	t = "The merger of DaimlerChrysler was undone, and it was sold in the "
	    "end to the fund.";
	A_TYPE(t, "DaimlerChrysler", ENTITY_ORG);
}

TEST(initials_and_connectors)
{
	A_TYPE("Michael M. Sears was fired on Monday, and he said that he was "
	       "sorry.", "Michael M. Sears", ENTITY_PER);
	A_TYPE("It was said that George W. Bush would not go to the summit.",
	       "George W. Bush", ENTITY_PER);
	A_TYPE("The plane is built by the European Aeronautic Defence and Space "
	       "Company, which is based in France and Germany.",
	       "European Aeronautic Defence and Space Company", ENTITY_ORG);
	A_TYPE("The loan was made by the Bank of Zorbania, which is the central "
	       "bank of the country.", "Bank of Zorbania", ENTITY_ORG);
}

TEST(short_mentions)
{
	const char *t = "Ford Motor Company said on Monday that it would cut jobs. "
			"Ford also said that it would close two of its plants.";
	A_TYPE(t, "Ford", ENTITY_ORG);
	A_SAME(t, "Ford Motor Company", "Ford");
	t = "Lockheed Martin won the contract, and it was the first time that "
	    "Lockheed had won one of them.";
	A_SAME(t, "Lockheed Martin", "Lockheed");
	t = "Cerberus Capital Management bought the company. It is the first time "
	    "that Cerberus has bought a car maker.";
	A_TYPE(t, "Cerberus", ENTITY_ORG);
	A_SAME(t, "Cerberus Capital Management", "Cerberus");
}

TEST(names_as_spelled)
{
	const char *en = "The United States and the US are one country, and the "
			 "plane was built in Toulouse by the company.";
	A_NAME(en, "United States", "United States");
	A_SAME(en, "United States", "US");
	A_NAME(en, "Toulouse", "Toulouse");
	const char *it = "Gli Stati Uniti hanno detto che Putin non andrà a Tolosa "
			 "con il suo governo.";
	A_NAME(it, "Stati Uniti", "Stati Uniti");
	A_NAME(it, "Putin", "Putin");
	/* the keys that link articles still merge spellings and languages */
	struct entity_doc a, b;
	tag_auto(en, &a);
	tag_auto(it, &b);
	int us = entity_of(&a, en, "United States"), su = entity_of(&b, it, "Stati Uniti");
	int tl = entity_of(&a, en, "Toulouse"), to = entity_of(&b, it, "Tolosa");
	T_CHECK(us >= 0 && su >= 0 && strcmp(a.ent[us].key, b.ent[su].key) == 0,
		"United States / Stati Uniti keys differ");
	T_CHECK(tl >= 0 && to >= 0 && strcmp(a.ent[tl].key, b.ent[to].key) == 0,
		"Toulouse / Tolosa keys differ");
	entity_doc_free(&a);
	entity_doc_free(&b);
	A_SAME("It is said that the U.S. and the United States are the same.",
	       "U.S.", "United States");
}

TEST(places_and_facilities)
{
	T_TYPE("Le piogge hanno colpito la Garfagnana e la Lunigiana.",
	       "Garfagnana", ENTITY_LOC);
	T_TYPE("È ricoverato all'ospedale Zorbilino da ieri.", "ospedale Zorbilino",
	       ENTITY_LOC);
	T_TYPE("La polizia ha chiuso Zorbadilly Circus per ore.",
	       "Zorbadilly Circus", ENTITY_LOC);
	T_TYPE("Il corteo ha raggiunto Zorbyrood Palace in un'ora.",
	       "Zorbyrood Palace", ENTITY_LOC);
	T_TYPE("Un incidente sull'autostrada A22 ha bloccato il traffico.",
	       "autostrada A22", ENTITY_LOC);
	A_TYPE("The traffic on the motorway M25 was stopped for hours, and the "
	       "police said that it was the worst day of the year.", "M25",
	       ENTITY_LOC);
	T_TYPE("Da ieri la SS 131 è chiusa al traffico.", "SS 131", ENTITY_LOC);
	T_TYPE("Lo hanno ricoverato al Policlinico Zanzottera ieri.",
	       "Policlinico Zanzottera", ENTITY_LOC);
	T_TYPE("La pioggia ha colpito la Sicilia orientale ieri.",
	       "Sicilia orientale", ENTITY_LOC);
	T_TYPE("Una nave è affondata nel Golfo di Napoli ieri.",
	       "Golfo di Napoli", ENTITY_LOC);
	T_TYPE("Un terremoto ha colpito l'isola di Haiti ieri.", "isola di Haiti",
	       ENTITY_LOC);
	/* an unknown word does not swallow the full name after it */
	T_TYPE("Lo ha annunciato Zorbex Paolo Frabbolotti ieri.",
	       "Paolo Frabbolotti", ENTITY_PER);
	/* an aeroplane is no road */
	A_NONE("It was said that the A380 would fly to the United States in "
	       "June, and that it was the largest of them all.", "A380");
	A_SAME("It was said that the U.S.A. and the USA were the same country.",
	       "U.S.A.", "USA");
	/* a currency is no place */
	A_NONE("The contract is worth US$ 40 billion, and it was said that the "
	       "plane would be built in the US.", "US$");
	/* a word the text also writes in lower case is still the short form
	 * of a name it gives in full */
	A_TYPE("Steve Jobs said that the company would add jobs. Jobs also said "
	       "that the phone would be sold in June.", "Jobs", ENTITY_PER);
	/* a camel-case event is no company */
	T_TYPE("Si è aperto ieri lo ZorbFestival a Roma.", "ZorbFestival",
	       ENTITY_MISC);
}

/* ---- the measuring interface ---- */

/* ---- the second round of issue 14: rules for Italian news ---- */

/* mentions a and b of the Italian text belong to one entity */
#define I_SAME(text, a, b) do { struct entity_doc t_d; tag(text, &t_d); \
	int t_a = entity_of(&t_d, text, a), t_b = entity_of(&t_d, text, b); \
	T_CHECK(t_a >= 0 && t_a == t_b, "%s (%d) and %s (%d) in \"%s\"", a, t_a, \
		b, t_b, text); entity_doc_free(&t_d); } while (0)

TEST(listed_names_with_punctuation)
{
	/* a name the lexicon spells with "!" keeps it; no other name takes it */
	T_TYPE("Ieri Yahoo! ha comprato la società.", "Yahoo!", ENTITY_ORG);
	T_TYPE("Ieri Yahoo ! ha comprato la società.", "Yahoo !", ENTITY_ORG);
	T_OK(!covered_text("Ha gridato Zorbex! e poi è uscito.", "!"));
}

TEST(organisation_and_its_place)
{
	T_TYPE("La multa colpisce Ikea Italia e altre società.", "Ikea Italia",
	       ENTITY_ORG);
	T_TYPE("La sede di Heineken Amsterdam è chiusa.", "Heineken Amsterdam",
	       ENTITY_ORG);
	/* punctuation keeps them apart */
	T_TYPE("Hanno parlato Ikea, Italia e Francia.", "Ikea", ENTITY_ORG);
	T_TYPE("Hanno parlato Ikea, Italia e Francia.", "Italia", ENTITY_LOC);
}

TEST(institution_with_lower_case_tail)
{
	T_TYPE("Il rapporto della Commissione internazionale per la tutela delle "
	       "foreste è uscito ieri.",
	       "Commissione internazionale per la tutela delle foreste", ENTITY_ORG);
	T_TYPE("La Federazione nazionale di vela sportiva ha votato.",
	       "Federazione nazionale di vela sportiva", ENTITY_ORG);
	T_TYPE("L'Organizzazione internazionale della lana e del cotone si riunisce.",
	       "Organizzazione internazionale della lana e del cotone", ENTITY_ORG);
	/* the tail ends at a function word ... */
	T_TYPE("La Commissione nazionale per la ricerca non ha risposto.",
	       "Commissione nazionale per la ricerca", ENTITY_ORG);
	T_TYPE("La Commissione europea per la prima volta ha risposto.",
	       "Commissione europea", ENTITY_ORG);
	/* ... and a name with a capitalised part has none */
	T_TYPE("Il Ministero della Difesa per la sicurezza nazionale ha scritto.",
	       "Ministero della Difesa", ENTITY_ORG);
}

/* English names quoted whole in another language's text: links after an
 * English head word ("Bureau", "Institute") belong to the name. */
TEST(english_names_in_italian_text)
{
	T_TYPE("Secondo il Federal Bureau of Investigation il caso è chiuso.",
	       "Federal Bureau of Investigation", ENTITY_ORG);
	T_TYPE("Lo studio del Zorbanian Institute for Marine Research è uscito.",
	       "Zorbanian Institute for Marine Research", ENTITY_ORG);
	T_TYPE("Lo conferma il Zorbanian Centre for Disease Policy di Londra.",
	       "Zorbanian Centre for Disease Policy", ENTITY_ORG);
	/* "The" inside an Italian sentence belongs to the name after it */
	T_TYPE("Lo ha scritto ieri il quotidiano The Nation.", "The Nation",
	       ENTITY_ORG);
	T_TYPE("Secondo The Daily Telegraph il premier si dimetterà.",
	       "The Daily Telegraph", ENTITY_ORG);
	/* an Italian "e" is no English link */
	T_TYPE("Lo dice il British Trust e la stampa ne parla.", "British Trust",
	       ENTITY_ORG);
}

/* Offices named after the place they serve keep a name of their own whole
 * and leave the place apart. */
TEST(offices_and_their_own_names)
{
	T_TYPE("La Procura della Repubblica di Prato ha aperto un'inchiesta.",
	       "Procura della Repubblica", ENTITY_ORG);
	T_TYPE("La Procura della Repubblica di Prato ha aperto un'inchiesta.",
	       "Prato", ENTITY_LOC);
	T_TYPE("Il Tribunale del Riesame ha deciso ieri.", "Tribunale del Riesame",
	       ENTITY_ORG);
	T_TYPE("Il ricorso al Tribunale della libertà è stato respinto.",
	       "Tribunale della libertà", ENTITY_ORG);
	T_TYPE("Il Tribunale di Nola ha deciso ieri.", "Tribunale", ENTITY_ORG);
	T_TYPE("Il Tribunale di Nola ha deciso ieri.", "Nola", ENTITY_LOC);
	T_TYPE("Lo ha dichiarato il Tribunale fallimentare ieri.",
	       "Tribunale fallimentare", ENTITY_ORG);
	T_TYPE("Il presidente della Camera bassa si è dimesso.", "Camera bassa",
	       ENTITY_ORG);
}

/* A ministry with two portfolios is one name; two bodies joined by "e"
 * stay two. */
TEST(ministries_and_portfolios)
{
	T_TYPE("Il Ministero delle Infrastrutture e dei Trasporti ha risposto.",
	       "Ministero delle Infrastrutture e dei Trasporti", ENTITY_ORG);
	/* what only a company has: shareholders, employees, a network it runs */
	T_TYPE("Il treno era gestito da Zorbanord e si è fermato.", "Zorbanord",
	       ENTITY_ORG);
	T_TYPE("Gli azionisti di Zorbamedia avranno 0,69 azioni.", "Zorbamedia",
	       ENTITY_ORG);
	/* the body a title leads; a place near which */
	T_TYPE("Lo ha detto il presidente della Zorbex ieri sera.", "Zorbex",
	       ENTITY_ORG);
	T_TYPE("Lo ha detto il presidente del Kazakistan Nursultan Nazarbayev.",
	       "Nursultan Nazarbayev", ENTITY_PER);
	T_TYPE("Il campo sorge nei pressi di Zorbello.", "Zorbello", ENTITY_LOC);
	T_TYPE("Lo ha scritto il tabloid Zorby Mirror ieri.", "Zorby Mirror",
	       ENTITY_ORG);
	T_TYPE("Ha giocato con la Nazionale azzurra per dieci anni.",
	       "Nazionale azzurra", ENTITY_ORG);
	/* capitalised adjectives after a known body */
	T_TYPE("Lo ha detto la Protezione Civile Regionale ieri.",
	       "Protezione Civile Regionale", ENTITY_ORG);
	/* an adjective before the head word; orchestras */
	T_TYPE("Lo ha deciso il Pontificio Consiglio per i Testi Legislativi.",
	       "Pontificio Consiglio per i Testi Legislativi", ENTITY_ORG);
	T_TYPE("Suona con la Zorbonic Philharmonic Orchestra da anni.",
	       "Zorbonic Philharmonic Orchestra", ENTITY_ORG);
	/* railways, teams */
	T_TYPE("Da lunedì le Ferrovie della Sardegna sospendono due treni.",
	       "Ferrovie della Sardegna", ENTITY_ORG);
	T_TYPE("Nella regata di ieri il Team Zorbania ha vinto.", "Team Zorbania",
	       ENTITY_ORG);
	/* military units, with their ordinal */
	T_TYPE("All'alba il 15º Stormo è decollato.", "15º Stormo", ENTITY_ORG);
	/* nationality adjectives of every country stay with the body */
	T_TYPE("Il Parlamento macedone ha approvato la legge.",
	       "Parlamento macedone", ENTITY_ORG);
	T_TYPE("Lo ha scritto il Ministero dello Sviluppo Economico in una nota.",
	       "Ministero dello Sviluppo Economico", ENTITY_ORG);
	T_TYPE("La ricerca delle Università di Princeton e dell'Iowa è uscita.",
	       "Università di Princeton", ENTITY_ORG);
}

/* The gazetteers: every Italian comune and the world's large towns are
 * places, unless a capitalised word next to one makes it part of a
 * longer name. */
TEST(gazetteer_towns)
{
	T_TYPE("Un incendio è scoppiato ieri sera a Casteldaccia.", "Casteldaccia",
	       ENTITY_LOC);
	T_TYPE("Il corteo è partito da Edolo alle nove.", "Edolo", ENTITY_LOC);
	T_TYPE("La fabbrica di Remscheid chiuderà a marzo.", "Remscheid",
	       ENTITY_LOC);
	/* Lirio is a comune too, and here a given name */
	T_TYPE("Lo racconta il giornalista Lirio Abbate nel suo libro.",
	       "Lirio Abbate", ENTITY_PER);
}

/* Words in capitals are acronyms only among words that are not: a
 * shouted headline names no organisations, and technical abbreviations
 * name none either. */
TEST(shouted_words_and_technical_acronyms)
{
	T_NONE("ICARDI, BONUS DA 1.3 MLN.", "BONUS");
	T_NONE("ICARDI, BONUS DA 1.3 MLN.", "MLN");
	T_NONE("Il passaggio al DVB-T2 inizierà a maggio.", "DVB-T2");
	T_NONE("Un'autocisterna carica di GPL ha preso fuoco.", "GPL");
	T_NONE("Ha venduto servizi IPTV non autorizzati.", "IPTV");
	/* a dateline's month; a product model after a person cue */
	T_NONE("PARIGI, 19 GIU - La compagnia ha ordinato 500 aerei.", "GIU");
	T_NONE("Ha ordinato aerei della famiglia Airbus A320neo ieri.", "A320neo");
	/* a list of party acronyms stays a list of parties */
	T_TYPE("Hanno votato contro M5S, FI, SEL e LN.", "FI", ENTITY_ORG);
}

/* Names listed together are of one kind: an unknown word in a list of
 * people is a person, in a list of places a place; a list of mixed types
 * or of two items tells nothing. */
TEST(enumerations)
{
	T_TYPE("Al vertice c'erano Mario Rossi, Giulio Bianchi, Zorbetti e Anna "
	       "Verdi.", "Zorbetti", ENTITY_PER);
	T_TYPE("Le centrali di Parigi, Zorbaville, Lione e Marsiglia sono ferme.",
	       "Zorbaville", ENTITY_LOC);
	T_NONE("Hanno firmato Mario Rossi, Zorbax, Parigi e Fiat.", "Zorbax");
	T_NONE("Ne hanno parlato Zorbax e Mario Rossi.", "Zorbax");
}

/* The person who holds an office is no part of its name; the person a
 * body is named after is. */
TEST(office_holders)
{
	T_TYPE("Applausi per il presidente del Consiglio Romano Prodi a Bari.",
	       "Romano Prodi", ENTITY_PER);
	T_TYPE("Lo ha firmato il dirigente del Ministero dei Trasporti Ercole "
	       "Zorbini ieri.", "Ercole Zorbini", ENTITY_PER);
	T_TYPE("Lo ha firmato il dirigente del Ministero dei Trasporti Ercole "
	       "Zorbini ieri.", "Ministero dei Trasporti", ENTITY_ORG);
	T_TYPE("Ha vinto la Lega Zorbina di Mario Rossi.", "Lega Zorbina",
	       ENTITY_ORG);
	T_TYPE("Ha vinto la Lega Zorbina di Mario Rossi.", "Mario Rossi",
	       ENTITY_PER);
	/* capitalised words in quotes are a title, not a person */
	T_TYPE("Ieri sera ha visto \"Zorbus Magnus\" al cinema.", "Zorbus Magnus",
	       ENTITY_MISC);
	T_TYPE("Ha cantato il brano Zorby Song davanti a tutti.", "Zorby Song",
	       ENTITY_MISC);
	T_TYPE("La casa della famiglia Zorbetti è stata venduta.", "Zorbetti",
	       ENTITY_PER);
	/* a nickname in quotes inside the name */
	T_TYPE("Arrestato il boss Giuseppe \"Pippo\" Zorbò a Palermo.",
	       "Giuseppe \"Pippo\" Zorbò", ENTITY_PER);
	T_TYPE("Ha vinto Marco «Canelo» Zorbarez ai punti.",
	       "Marco «Canelo» Zorbarez", ENTITY_PER);
	/* a surname that is also a nationality adjective */
	T_TYPE("Ha vinto l'oro il pugile Clemente Russo ieri sera.",
	       "Clemente Russo", ENTITY_PER);
	T_TYPE("La Fondazione Luigi Einaudi ha sede a Torino.",
	       "Fondazione Luigi Einaudi", ENTITY_ORG);
}

TEST(institution_nouns_as_short_forms)
{
	/* alone, a lower-case institution is no entity ... */
	T_NONE("Il governo ha detto che la polizia indaga.", "governo");
	T_NONE("Il governo ha detto che la polizia indaga.", "polizia");
	/* ... but it stands for the body the text names with it */
	const char *t = "Il governo tedesco ha approvato la legge. Ieri il governo "
			"ha detto che la polizia indaga.";
	struct entity_doc d;
	tag(t, &d);
	const char *bare = strstr(t, "il governo ha");
	int e = -1;
	for (size_t i = 0; bare && i < d.nm; i++)
		if (d.m[i].off == (size_t)(bare + 3 - t) && d.m[i].len == 7)
			e = d.m[i].entity;
	T_CHECK(e >= 0, "the second governo is no mention");
	T_CHECK(e >= 0 && e == entity_of(&d, t, "governo tedesco"),
		"governo is not the governo tedesco");
	T_OK(!covered(&d, t, "polizia"));
	entity_doc_free(&d);
	/* the latest body named before it, none named after it: "il
	 * governo" there is another government */
	I_SAME("Il governo cileno accusa il governo peruviano. Poi il governo ha "
	       "risposto.", "governo peruviano", "governo");
	T_NONE("Il governo ha risposto subito. Il governo cileno accusa il governo "
	       "peruviano.", "governo ha");
}

TEST(runs_of_common_words)
{
	/* after an article an unknown run is as often a work or a thing */
	T_TYPE("Ieri hanno spento il Boreal Orbit Collider per due mesi.",
	       "Boreal Orbit Collider", ENTITY_MISC);
	/* words the text writes in lower case too are no person's name */
	T_TYPE("Sognava una notte serena. Ora Notte Serena è un libro.",
	       "Notte Serena", ENTITY_MISC);
	T_TYPE("Ora Marta Kowalczyk è una scrittrice.", "Marta Kowalczyk",
	       ENTITY_PER);
}

TEST(surnames_by_their_endings)
{
	T_TYPE("Il gol è stato segnato ieri, ha detto Berlinelli ai giornalisti.",
	       "Berlinelli", ENTITY_PER);
	T_TYPE("La pugile ha battuto la bulgara Dragneva in finale.", "Dragneva",
	       ENTITY_PER);
	T_TYPE("Secondo Kovalenko la guerra durerà.", "Kovalenko", ENTITY_PER);
	/* a known word, or the start of a sentence, tells otherwise */
	T_NONE("Gli spinelli sono vietati. Spinelli e droghe no.", "Spinelli");
}

TEST(places_that_are_surnames)
{
	const char *t = "Carla Bergamo cantava da bambina. La Bergamo era amata "
			"da tutti, e a Bergamo si ricorda ancora la sua voce.";
	struct entity_doc d;
	tag(t, &d);
	const char *second = strstr(t, "La Bergamo") + 3;
	const char *third = strstr(t, ", e a Bergamo") + 6;
	int t2 = -1, t3 = -1, e2 = -2;
	for (size_t i = 0; i < d.nm; i++) {
		if (t + d.m[i].off == second) {
			t2 = d.m[i].type;
			e2 = d.m[i].entity;
		}
		if (t + d.m[i].off == third)
			t3 = d.m[i].type;
	}
	T_EQ_INT(t2, ENTITY_PER);
	T_EQ_INT(e2, entity_of(&d, t, "Carla Bergamo"));
	T_EQ_INT(t3, ENTITY_LOC);	/* after a preposition of places */
	entity_doc_free(&d);
	T_TYPE("Ieri a Bergamo faceva caldo.", "Bergamo", ENTITY_LOC);
}

TEST(initials_before_a_name)
{
	T_TYPE("Ha vinto V. Borodkin contro tutti.", "V. Borodkin", ENTITY_PER);
}

TEST(bands_and_teams_by_their_plural)
{
	/* a foreign plural no lexicon knows, after a plural article */
	T_TYPE("Stasera al teatro suonano i Zorbex Stompers.", "Zorbex Stompers",
	       ENTITY_ORG);
	T_TYPE("La partita dei Flonkers finisce tardi.", "Flonkers", ENTITY_ORG);
	/* no article, or not a plural one: the rule says nothing */
	T_OK(!covered_text("Ne ha parlato con Flonkers ieri.", "Flonkers"));
}

TEST(contrade_near_their_palio)
{
	const char *t = "Dopo la tratta del Palio sono Tartuca, Bruco e Nicchio "
			"le contrade favorite. Onda - Zorbo Frabbi su Giaguaro.";
	T_TYPE(t, "Tartuca", ENTITY_ORG);
	T_TYPE(t, "Bruco", ENTITY_ORG);
	T_TYPE(t, "Nicchio", ENTITY_ORG);
	T_TYPE(t, "Onda", ENTITY_ORG);	/* a neighbouring sentence tells */
	/* with no word of the contest around, the words are other things */
	struct entity_doc d;
	const char *u = "Ieri la Torre era chiusa e il Drago non ha volato.";
	tag(u, &d);
	T_OK(type_of(&d, u, "Torre") != ENTITY_ORG);
	T_OK(type_of(&d, u, "Drago") != ENTITY_ORG);
	entity_doc_free(&d);
}

TEST(the_state)
{
	/* "Stato" after an article, standing alone, is the institution */
	T_TYPE("Il sito costava allo Stato circa venti miliardi.", "Stato",
	       ENTITY_ORG);
	T_TYPE("Non è giusto che lo Stato, dopo aver pagato, chieda ancora.",
	       "Stato", ENTITY_ORG);
	/* a link, an adjective or a name after it makes another phrase */
	T_NONE("Difendono lo Stato di diritto da anni.", "Stato");
	T_NONE("Lo Stato americano della Zorbania vota.", "Stato");
	T_NONE("Il treno è stato fermato a lungo.", "stato");
}

TEST(town_councils)
{
	/* "Comune" with a capital is the council, and keeps its town */
	T_TYPE("Il Comune di Pistoia ha approvato il bilancio.",
	       "Comune di Pistoia", ENTITY_ORG);
	T_TYPE("Abita nel comune di Pistoia da anni.", "comune di Pistoia",
	       ENTITY_LOC);
}

TEST(sports_datelines)
{
	/* a dash makes a match only between two names: "Pisa - Lucca", not
	 * the dateline of an agency's report; its month is no acronym */
	const char *t = "(AM) - PISA, 3 MAR - Il Zorbense vince il derby e "
			"raggiunge la capolista.";
	T_TYPE(t, "PISA", ENTITY_LOC);
	T_NONE(t, "MAR");
	T_NONE("ROMA, 3 MAR - La compagnia ha ordinato 500 aerei.", "MAR");
	T_TYPE("Il derby Pisa - Lucca finisce con un gol.", "Pisa", ENTITY_ORG);
	/* clubs named by a sports word and a place */
	T_TYPE("Nel derby il Zorbense ha battuto l'Atletico Zorbania 2-1.",
	       "Atletico Zorbania", ENTITY_ORG);
}

TEST(province_codes)
{
	T_TYPE("È successo a Pioltello (MI) ieri sera.", "MI", ENTITY_LOC);
	/* another code in parentheses is no province */
	struct entity_doc d;
	const char *t = "Lo riferisce l'agenzia (AM) in una nota.";
	tag(t, &d);
	T_OK(type_of(&d, t, "AM") != ENTITY_LOC);
	entity_doc_free(&d);
}

TEST(express_ends_an_organisation)
{
	T_TYPE("Il Zorbex Express parte da Milano ogni ora.", "Zorbex Express",
	       ENTITY_ORG);
}

TEST(tag_tokens)
{
	const char *tok[] = { "Il", "presidente", "russo", "Vladimir", "Putin",
		"ha", "visitato", "la", "Corea", "del", "Nord", ".", "",
		"Fienile", "e", "l'", "ONU", ".", "", "Kim", "Jong-un", "parla",
		"con", "l'", "agenzia", "Tass", "." };
	size_t n = sizeof tok / sizeof tok[0];
	int want[] = { 0, 0, 0, ENTITY_PER, ENTITY_PER, 0, 0, 0, ENTITY_LOC,
		ENTITY_LOC, ENTITY_LOC, 0, 0, 0, 0, 0, ENTITY_ORG, 0, 0,
		ENTITY_PER, ENTITY_PER, 0, 0, 0, 0, ENTITY_ORG, 0 };
	int lab[sizeof tok / sizeof tok[0]];
	entity_tag_tokens(db, LANG_IT, tok, n, lab);
	for (size_t i = 0; i < n; i++)
		T_CHECK(lab[i] == want[i], "token %zu \"%s\": %s, want %s", i, tok[i],
			entity_type_name(lab[i]), entity_type_name(want[i]));
	entity_tag_tokens(db, LANG_IT, tok, 0, lab);	/* nothing to do, no crash */
}

/* ---- the user's corrections ---- */

/* Writes text to the corrections file of a fresh folder (removed by
 * remove_tmp): its path. */
static char tmpdir[64], tmppath[96];

static const char *write_tmp(const char *text)
{
	if (!tmpdir[0])
		t_tmpdir(tmpdir, sizeof tmpdir, "entities");
	snprintf(tmppath, sizeof tmppath, "%s/entities", tmpdir);
	t_write_file(tmpdir, "entities", text);
	return tmppath;
}

TEST(user_corrections)
{
	const char *path = write_tmp(
		"# corrections\n"
		"PER Zorglub Tramontano | Zorglub\n"
		"not Tass\n"
		"XYZ Something\n"
		"\n"
		"ORG Vladivostok\n"
		"LOC\n"
		"loc Fienile\n"
		"PER Gamma Ray | | Gamma\n");
	struct diag d = DIAG_INIT;
	struct entity_db *u = entity_db_new();
	T_EQ_INT(entity_db_load_user(u, path, &d), 0);
	T_EQ_INT(d.n, 2);
	if (d.n == 2) {
		char want[128];
		snprintf(want, sizeof want, "%s:4: unknown type 'XYZ' (line ignored)",
			 path);
		T_EQ_STR(d.msg[0], want);
		snprintf(want, sizeof want, "%s:7: no name after 'LOC' (line ignored)",
			 path);
		T_EQ_STR(d.msg[1], want);
	}
	const char *t = "Ieri zorglub ha visto Zorglub a Vladivostok. La Tass tace. "
			"Fienile e Gamma.";
	struct entity_doc doc;
	entity_tag_lang(u, LANG_IT, t, strlen(t), &doc);
	T_EQ_INT(type_of(&doc, t, "Zorglub"), ENTITY_PER);
	T_EQ_STR(doc.ent[entity_of(&doc, t, "Zorglub")].name, "Zorglub");
	T_EQ_STR(doc.ent[entity_of(&doc, t, "Zorglub")].key, "zorglub tramontano");
	T_EQ_INT(type_of(&doc, t, "Vladivostok"), ENTITY_ORG);
	T_OK(!covered(&doc, t, "Tass"));
	T_EQ_INT(type_of(&doc, t, "Fienile"), ENTITY_LOC);
	T_EQ_INT(type_of(&doc, t, "Gamma"), ENTITY_PER);
	T_OK(!covered(&doc, t, "zorglub"));
	entity_doc_free(&doc);
	/* a later line overrides an earlier one */
	path = write_tmp("not Cremlino\nORG Cremlino\nPER Pechino\nnot Pechino\n");
	T_EQ_INT(entity_db_load_user(u, path, &d), 0);
	t = "Il Cremlino e Pechino.";
	entity_tag_lang(u, LANG_IT, t, strlen(t), &doc);
	T_EQ_INT(type_of(&doc, t, "Cremlino"), ENTITY_ORG);
	T_OK(!covered(&doc, t, "Pechino"));
	entity_doc_free(&doc);
	T_OK(t_remove_tree(tmpdir) == 0);
	/* a missing file is no error; a directory cannot be read */
	T_EQ_INT(entity_db_load_user(u, "/nonexistent/entities", &d), 0);
	T_EQ_INT(d.n, 2);
	T_EQ_INT(entity_db_load_user(u, "/", &d), -1);
	T_EQ_INT(d.n, 3);
	diag_free(&d);
	entity_db_free(u);
}

/* ---- speed (printed only) ---- */

TEST(speed)
{
	size_t len;
	char *one = t_read_file("../shared/seeds/002_b4583ddbe9c4ee44.txt", &len);
	T_CHECK(one != NULL, "seed missing");
	if (!one)
		return;
	struct buf big = BUF_INIT;
	while (big.len < 4u << 20)
		buf_add(&big, one, len);
	clock_t t0 = clock();
	struct entity_doc d;
	entity_tag(db, big.data, big.len, &d);
	double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("entity_tag: %.1f MB in %.3f s: %.1f MB/s (%zu mentions)\n",
	       big.len / 1e6, s, s > 0 ? big.len / s / 1e6 : 0.0, d.nm);
	T_OK(d.nm > 0);
	entity_doc_free(&d);
	buf_free(&big);
	free(one);
}

T_MAIN(db = entity_db_new(); RUN(seeds); RUN(seed_variants_merge);
       RUN(cue_words); RUN(first_names_and_titles); RUN(particles);
       RUN(institutions_and_lower_case_heads); RUN(acronyms); RUN(sentence_initial_function_words);
       RUN(months_and_days); RUN(case_accents_hyphens);
       RUN(doc_consistency); RUN(mentions_sorted_and_linked); RUN(keys);
       RUN(teams_and_places); RUN(institution_names); RUN(person_names);
       RUN(not_entities); RUN(en_sentence_initial_words);
       RUN(it_sentence_initial_words); RUN(roles);
       RUN(corporate_heads_and_tails); RUN(initials_and_connectors);
       RUN(short_mentions); RUN(names_as_spelled); RUN(places_and_facilities);
       RUN(type_names); RUN(listed_names_with_punctuation);
       RUN(organisation_and_its_place); RUN(institution_with_lower_case_tail);
       RUN(english_names_in_italian_text); RUN(offices_and_their_own_names);
       RUN(ministries_and_portfolios); RUN(gazetteer_towns);
       RUN(shouted_words_and_technical_acronyms); RUN(enumerations);
       RUN(office_holders);
       RUN(institution_nouns_as_short_forms); RUN(runs_of_common_words);
       RUN(surnames_by_their_endings);
       RUN(places_that_are_surnames); RUN(initials_before_a_name);
       RUN(bands_and_teams_by_their_plural); RUN(contrade_near_their_palio);
       RUN(the_state); RUN(town_councils); RUN(express_ends_an_organisation);
       RUN(sports_datelines); RUN(province_codes);
       RUN(tag_tokens); RUN(user_corrections); RUN(speed);
       entity_db_free(db))
