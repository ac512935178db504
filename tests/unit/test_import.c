/* test_import.c: the five seed pages (title, date, clutter, no invented
 * source), dates stated versus events in the story, CommonMark escaping
 * checked by parsing the body with libcmark, slugs and file writing. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmark.h>
#include "t.h"
#include "import.h"
#include "buf.h"

#define SEEDS "../shared/seeds"	/* relative to the repo root, where tests run */

static struct diag d = DIAG_INIT;

static int imp(struct article *a, const char *text)
{
	diag_free(&d);
	return import_text("t.txt", text, strlen(text), a, &d);
}

/* The seed whose name starts with prefix ("001_"), read whole; aborts the
 * run when the seeds are missing: they are part of the test. */
static char *read_seed(const char *prefix, size_t *len)
{
	DIR *dir = opendir(SEEDS);
	if (!dir) {
		fprintf(stderr, "FAIL: cannot open %s: %s (the seed pages are "
			"required)\n", SEEDS, strerror(errno));
		exit(1);
	}
	struct dirent *e;
	char path[512] = "";
	while ((e = readdir(dir)))
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0)
			snprintf(path, sizeof path, "%s/%s", SEEDS, e->d_name);
	closedir(dir);
	char *text = path[0] ? t_read_file(path, len) : NULL;
	if (!text) {
		fprintf(stderr, "FAIL: no seed %s* in %s\n", prefix, SEEDS);
		exit(1);
	}
	return text;
}

static int import_seed(const char *prefix, struct article *a)
{
	size_t len;
	char *text = read_seed(prefix, &len);
	diag_free(&d);
	int rc = import_text(prefix, text, len, a, &d);
	free(text);
	return rc;
}

/* Plain text of each paragraph of md, joined by "\n"; "!" marks anything
 * but a paragraph of plain text (a heading, a list, emphasis, a link...). */
static char *render_plain(const char *md, size_t len)
{
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT);
	struct buf b = BUF_INIT;
	for (cmark_node *p = cmark_node_first_child(doc); p; p = cmark_node_next(p)) {
		if (cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
			buf_adds(&b, "!block");
		for (cmark_node *c = cmark_node_first_child(p); c; c = cmark_node_next(c)) {
			if (cmark_node_get_type(c) == CMARK_NODE_TEXT)
				buf_adds(&b, cmark_node_get_literal(c));
			else
				buf_adds(&b, "!inline");
		}
		buf_addc(&b, '\n');
	}
	cmark_node_free(doc);
	return buf_detach(&b, NULL);
}

static bool body_has(const struct article *a, const char *s)
{
	bool ok = a->body && strstr(a->body, s);
	if (!ok)
		fprintf(stderr, "  body lacks: %s\n", s);
	return ok;
}

/* Clutter phrases no imported body may contain. */
static const char *const clutter[] = {
	"Salta al contenuto", "CONDIVIDI", "Condividi", "Leggi anche",
	"Leggi Anche", "Torna in alto", "Lascia un commento",
	"Il tuo indirizzo email", "I campi obbligatori", "IN QUESTO ARTICOLO",
	"READ", "Più recente", "Fonte foto", "ANSA", "NEWS >", "DUEMILA23",
	"date 2023", "città...", "determinazione a...",
};

static void check_clean(const struct article *a)
{
	for (size_t i = 0; i < sizeof clutter / sizeof clutter[0]; i++)
		T_CHECK(!strstr(a->body, clutter[i]), "clutter left: %s", clutter[i]);
	T_EQ_STR(a->source, "");
	T_EQ_STR(a->lang, "it");
	T_EQ_STR(a->url, "");
	char *plain = render_plain(a->body, a->body_len);
	T_CHECK(!strchr(plain, '!'), "markup in rendered body: %s", plain);
	free(plain);
}

TEST(seed_000)
{
	struct article a;
	T_EQ_INT(import_seed("000_", &a), 0);
	T_EQ_STR(a.title, "Putin e Kim: un incontro segreto che potrebbe cambiare il mondo");
	T_EQ_STR(a.date, "");
	T_EQ_INT(a.year, 0);
	check_clean(&a);
	T_OK(body_has(&a, "\n\nLa visita di Kim alla fabbrica di aerei"));
	T_OK(body_has(&a, "nel paese a ottobre.\n\nLa visita di Kim Jong Un in Russia"));
	T_OK(!strstr(a.body, "un incontro segreto"));	/* the title is not repeated */
	char *name = import_file_name(&a);
	T_EQ_STR(name, "undated-putin-e-kim-un-incontro-segreto-che-potrebbe-cambiare-il.md");
	free(name);
	article_free(&a);
}

TEST(seed_001)
{
	struct article a;
	T_EQ_INT(import_seed("001_", &a), 0);
	T_EQ_STR(a.title, "Vertice Putin – Kim Jong-un: Alleanza Contro "
		 "l’Imperialismo e la Lotta ‘Sacra’ in Ucraina");
	T_EQ_STR(a.date, "2023-09-14");
	T_EQ_INT(a.year * 10000 + a.month * 100 + a.day, 20230914);
	check_clean(&a);
	/* The lead, once: its truncated teaser copy is gone. */
	const char *lead = "Il presidente russo: “Ci sono prospettive di cooperazione "
			   "militare“. Il leader nordcoreano è ripartito, prossime tappe "
			   "della visita la città industriale di Komsomolsk e poi Vladivostok.\n";
	T_OK(strncmp(a.body, lead, strlen(lead)) == 0);
	T_OK(strstr(a.body + 1, "Il presidente russo: “Ci") == NULL);
	T_OK(body_has(&a, "Vostochny, Siberia – Il mondo ha tenuto il fiato"));
	T_OK(body_has(&a, "dalla cooperazione economica e commerciale agli affari internazionali.\n"));
	T_OK(!strstr(a.body, "Vertice Putin"));
	char *name = import_file_name(&a);
	T_EQ_STR(name, "2023-09-14-vertice-putin-kim-jong-un-alleanza-contro-l-imperialismo-e.md");
	free(name);
	article_free(&a);
}

TEST(seed_002)
{
	struct article a;
	T_EQ_INT(import_seed("002_", &a), 0);
	T_EQ_STR(a.date, "2023-09");
	T_EQ_INT(a.day, 0);
	T_EQ_STR(a.title, "Si è concluso il viaggio in Russia di Kim Jong-un");
	check_clean(&a);
	/* The first line was the lead: it stays whole, without the date. */
	T_OK(strncmp(a.body, "Si è concluso il viaggio in Russia di Kim Jong-un. "
		     "Il leader nordcoreano ha ricevuto", 80) == 0);
	/* The caption goes, the paragraphs around it stay. */
	T_OK(!strstr(a.body, "Uno dei momenti della visita ufficiale"));
	T_OK(body_has(&a, "infrastrutture militari.\n\nConsegnati al leader nordcoreano"));
	T_OK(body_has(&a, "ha scritto l’agenzia Ria Novosti."));
	T_OK(body_has(&a, "\n\nGli obiettivi della visita\n\n"));
	article_free(&a);
}

TEST(seed_003)
{
	struct article a;
	T_EQ_INT(import_seed("003_", &a), 0);
	T_EQ_STR(a.title, "Incontro in Russia: Putin e Kim negoziano accordi sulle armi");
	T_EQ_STR(a.date, "");	/* "nell’aprile 2019", "nel 2016" are events */
	check_clean(&a);
	T_OK(!strstr(a.body, "Trump ha posto il veto"));
	T_OK(!strstr(a.body, "Politica"));
	T_OK(body_has(&a, "I governanti di Russia e Corea del Nord"));
	T_OK(body_has(&a, "nell’aprile 2019."));
	T_OK(body_has(&a, "\n\nParallelamente all’incontro, nella Corea del Nord vengono condotti test missilistici\n\n"));
	T_OK(body_has(&a, "intensificare la cooperazione nel campo della politica di sicurezza.\n"));
	const char *end = "nel campo della politica di sicurezza.\n";
	size_t n = strlen(a.body), en = strlen(end);
	T_OK(n > en && strcmp(a.body + n - en, end) == 0);	/* comment form gone */
	article_free(&a);
}

TEST(seed_004)
{
	struct article a;
	T_EQ_INT(import_seed("004_", &a), 0);
	T_EQ_STR(a.title, "Il leader nordcoreano Kim Jong-un e il presidente russo "
		 "Vladimir Putin si impegnano ad intensificare la loro alleanza "
		 "durante le discussioni a Pechino");
	/* Undated: "il 3 settembre 2025", the summit's date, is inferred. */
	T_EQ_STR(a.date, "2025-09-03");
	T_EQ_STR(a.date_from, "text");
	check_clean(&a);
	T_OK(!strstr(a.body, "si impegnano ad intensificare"));	/* title repeat */
	const char *full = "Il leader nordcoreano Kim e il presidente russo Putin "
			   "confermano la loro determinazione a rafforzare la loro "
			   "alleanza durante i colloqui a Pechino.";
	const char *at = strstr(a.body, full);
	T_OK(at && !strstr(at + 1, full));	/* once */
	T_OK(body_has(&a, "Kim Jong Un promette un appoggio indisturbato\n\n"));
	T_OK(body_has(&a, "il 3 settembre 2025 durante la rara visita"));
	T_OK(body_has(&a, "per la regione e per il mondo.\n"));
	article_free(&a);
}

/* ---- dates ---- */

TEST(date_events_are_not_dates)
{
	struct article a;
	/* Events in the story are not the article's date: the first full
	 * one is taken only for an undated text, marked as inferred. */
	imp(&a, "Vertice a Pechino\n\nIl summit si è tenuto il 3 settembre 2025 a "
	    "Pechino.\n\n14 settembre 2023\n\nNell'aprile 2019 si erano visti.\n");
	T_EQ_STR(a.date, "2025-09-03");
	T_EQ_STR(a.date_from, "text");
	T_OK(body_has(&a, "14 settembre 2023"));	/* a lone date deep in the text */
	article_free(&a);
	/* A wire dateline counts only in the first paragraph; further down
	 * it is an event's date, inferred. */
	imp(&a, "Titolo\n\nPrimo.\n\nROMA, 14 settembre 2023 – Il governo ha deciso.\n");
	T_EQ_STR(a.date, "2023-09-14");
	T_EQ_STR(a.date_from, "text");
	article_free(&a);
	/* A month and year, a date without a year: nothing to infer. */
	imp(&a, "Titolo\n\nNell'aprile 2019 e poi il 3 settembre si erano visti.\n");
	T_EQ_STR(a.date, "");
	T_EQ_STR(a.date_from, "");
	article_free(&a);
	/* A stated date is not marked. */
	imp(&a, "Titolo\n14 settembre 2023\n\nIl 3 settembre 2025 si erano visti.\n");
	T_EQ_STR(a.date, "2023-09-14");
	T_EQ_STR(a.date_from, "");
	article_free(&a);
}

/* Pages and what the importer makes of them: the date, title and
 * language found (NULL: not checked), a text the body keeps and one it
 * must lack. */
static const struct page_case {
	const char *text, *date, *title, *lang, *has, *lacks;
} page_cases[] = {
	/* a date stated at the top, in any of its forms */
	{ "date 2023-09-14 Titolo della notizia\n\nTesto.\n", "2023-09-14",
	  "Titolo della notizia", NULL, NULL, NULL },
	{ "date 2023-02-30 Titolo\n\nTesto.\n", "", NULL, NULL, NULL, NULL },	/* invalid */
	{ "Home > Esteri > 3 marzo\nduemilaventuno\nTitolo\n\nTesto.\n", "2021-03-03",
	  "Titolo", NULL, NULL, "duemila" },
	{ "Pubblicato il mercoledì 13 settembre 2023 alle ore 10:30\nTitolo\n\nTesto.\n",
	  "2023-09-13", "Titolo", NULL, NULL, NULL },
	{ "A headline\nSeptember 14, 2023\n\nThe text was about the thing "
	  "that has been said by the minister of the country.\n", "2023-09-14",
	  NULL, "en", NULL, "September" },
	{ "Titolo\n\nROMA, 14 settembre 2023 – Il governo ha deciso.\n", "2023-09-14",
	  NULL, NULL, "ROMA, 14 settembre 2023 – Il governo", NULL },	/* kept */
	{ "Titolo\n29 febbraio 2023\n\nTesto.\n", "", NULL, NULL, NULL, NULL },	/* no such day */
	{ "Titolo\n14/09/2023\n\nTesto.\n", "2023-09-14", NULL, NULL, NULL, NULL },
	/* titles */
	{ "«Una citazione» – Esteri\n\nTesto.\n", NULL, "Una citazione", NULL, NULL, NULL },
	{ "“Uno” e “due”\n\nTesto.\n", NULL, "“Uno” e “due”",	/* two quotes, not one pair */
	  NULL, NULL, NULL },
	{ "Guerra - Pace: il libro\n\nTesto.\n", NULL, "Guerra - Pace: il libro",	/* not a section */
	  NULL, NULL, NULL },
};

TEST(pages)
{
	for (size_t i = 0; i < sizeof page_cases / sizeof *page_cases; i++) {
		const struct page_case *c = &page_cases[i];
		struct article a;
		imp(&a, c->text);
		if (c->date)
			T_CHECK(a.date && strcmp(a.date, c->date) == 0, "case %zu: date \"%s\"",
				i, a.date ? a.date : "(null)");
		if (c->title)
			T_CHECK(a.title && strcmp(a.title, c->title) == 0, "case %zu: title \"%s\"",
				i, a.title ? a.title : "(null)");
		if (c->lang)
			T_CHECK(a.lang && strcmp(a.lang, c->lang) == 0, "case %zu: lang \"%s\"",
				i, a.lang ? a.lang : "(null)");
		if (c->has)
			T_CHECK(body_has(&a, c->has), "case %zu", i);
		if (c->lacks)
			T_CHECK(a.body && !strstr(a.body, c->lacks), "case %zu: body has %s",
				i, c->lacks);
		article_free(&a);
	}
}

/* ---- pages copied as text, in five languages ---- */

/* Imports text and checks the fields and that the body is exactly the
 * given paragraphs (plain text, in order). */
static void page_check(const char *text, const char *title, const char *date,
		       const char *source, const char *lang, const char *const *paras)
{
	struct article a;
	T_EQ_INT(imp(&a, text), 0);
	T_EQ_STR(a.title, title);
	T_EQ_STR(a.date, date);
	T_EQ_STR(a.source, source);
	T_EQ_STR(a.lang, lang);
	struct buf want = BUF_INIT;
	for (size_t i = 0; paras[i]; i++)
		buf_addf(&want, "%s\n", paras[i]);
	char *plain = render_plain(a.body, a.body_len);
	T_EQ_STR(plain, buf_str(&want));
	free(plain);
	buf_free(&want);
	article_free(&a);
}

TEST(page_spanish)
{
	const char *text =
		"Saltar al contenido\n\nEl Diario del Sur\nPortada\nInternacional\nEspaña\n"
		"Economía\nDeportes\n\nEconomía\n\n"
		"El Gobierno aprueba el plan de vivienda para jóvenes\n\n"
		"Por Ana Ruiz\nPublicado el 14 de marzo de 2024, 09:30\n\n"
		"Compartir en Facebook\nCompartir en X\n\n"
		"El Consejo de Ministros aprobó este martes un plan para facilitar el acceso "
		"de los jóvenes a la vivienda, con ayudas al alquiler y avales para la compra.\n\n"
		"Leer más\n\nLos precios del alquiler siguen subiendo\nLa banca sube los tipos\n\n"
		"El plan entrará en vigor en junio y tendrá un coste de 1.200 millones de euros, "
		"según fuentes del ministerio.\n\n"
		"Etiquetas: vivienda, alquiler\n\nComentarios (5)\n\n"
		"María López: Muy bien explicado, gracias por el artículo de hoy.\n\n"
		"© 2024 El Diario del Sur S.L. Todos los derechos reservados.\n";
	const char *body[] = {
		"El Consejo de Ministros aprobó este martes un plan para facilitar el acceso "
		"de los jóvenes a la vivienda, con ayudas al alquiler y avales para la compra.",
		"El plan entrará en vigor en junio y tendrá un coste de 1.200 millones de euros, "
		"según fuentes del ministerio.", NULL };
	page_check(text, "El Gobierno aprueba el plan de vivienda para jóvenes", "2024-03-14",
		   "El Diario del Sur", "es", body);
}

TEST(page_german)
{
	/* A wrapped dump (w3m), with bullets and a dateline of the day above. */
	const char *text =
		"Nordkurier Online Mittwoch, 6. März 2024 Abo Anmelden\n"
		"  • Region\n  • Politik\n  • Sport\n\n"
		"Region\n\n"
		"Hafenfest fällt wegen Sturmwarnung aus\n\n"
		"Von Jens Möller Veröffentlicht am 05.03.2024, 18:10 Uhr\n"
		"Aktualisiert am 06.03.2024, 08:00 Uhr\n\n"
		"  • Facebook\n  • E-Mail\n\n"
		"Das für Samstag geplante Hafenfest wird abgesagt. Der Wetterdienst erwartet\n"
		"Orkanböen an der ganzen Küste, teilte die Stadtverwaltung am Dienstag mit.\n\n"
		"Betroffen sind:\n\n"
		"  • der Markt am Kai, die Bühne am Fischereihafen und die Stände der\n"
		"    Händler\n"
		"  • die Bootsfahrten\n\n"
		"Mehr zum Thema\n\n  • Sturm: Fähren fahren nicht\n\n"
		"Ein neuer Termin soll im Mai gefunden werden, sagte der Bürgermeister.\n\n"
		"Schlagworte: Hafenfest, Sturm\n\n"
		"© 2024 Nordkurier Medien GmbH & Co. KG\n\n"
		"Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten.\n";
	const char *body[] = {
		"Das für Samstag geplante Hafenfest wird abgesagt. Der Wetterdienst erwartet "
		"Orkanböen an der ganzen Küste, teilte die Stadtverwaltung am Dienstag mit.",
		"Betroffen sind:", "!block", NULL };
	struct article a;
	T_EQ_INT(imp(&a, text), 0);
	T_EQ_STR(a.title, "Hafenfest fällt wegen Sturmwarnung aus");
	T_EQ_STR(a.date, "2024-03-05");	/* published, not updated, not the masthead's day */
	T_EQ_STR(a.source, "Nordkurier Online");
	T_EQ_STR(a.lang, "de");
	T_OK(body_has(&a, "- der Markt am Kai, die Bühne am Fischereihafen und die Stände der Händler\n"));
	T_OK(body_has(&a, "- die Bootsfahrten\n"));
	T_OK(body_has(&a, "Ein neuer Termin soll im Mai gefunden werden"));
	T_OK(!strstr(a.body, "Fähren") && !strstr(a.body, "Schlagworte") &&
	     !strstr(a.body, "Cookies") && !strstr(a.body, "Facebook"));
	(void)body;
	article_free(&a);
}

TEST(page_french)
{
	const char *text =
		"Le Courrier de l'Ouest\n\nInternational\nFrance\nÉconomie\n\n"
		"La Loire atteint son plus haut niveau depuis vingt ans\n\n"
		"Les pompiers ont évacué plusieurs quartiers de Nantes dans la nuit.\n\n"
		"Par Luc Martin Publié le 12 février 2024 à 07h45, mis à jour le 13 février 2024\n\n"
		"Les habitants des quais ont été réveillés par les sirènes peu après minuit. "
		"La préfecture a ouvert trois gymnases pour les accueillir.\n\n"
		"Lire aussi : Crues : les assurances face à la facture\n\n"
		"Selon les prévisions, la décrue ne commencera pas avant jeudi.\n\n"
		"Nos newsletters\n\nInscrivez-vous à notre lettre du matin pour recevoir "
		"l'essentiel de l'actualité.\n\n"
		"Le Courrier de l'Ouest est un quotidien régional fondé en 1944.\n";
	const char *body[] = {
		"Les pompiers ont évacué plusieurs quartiers de Nantes dans la nuit.",
		"Les habitants des quais ont été réveillés par les sirènes peu après minuit. "
		"La préfecture a ouvert trois gymnases pour les accueillir.",
		"Selon les prévisions, la décrue ne commencera pas avant jeudi.",
		"Le Courrier de l'Ouest est un quotidien régional fondé en 1944.", NULL };
	page_check(text, "La Loire atteint son plus haut niveau depuis vingt ans", "2024-02-12",
		   "Le Courrier de l'Ouest", "fr", body);
}

TEST(page_english)
{
	/* The example: site name first, menu, cookie banner, a
	 * byline with a numeric date, share buttons, Read more, a footer. */
	const char *text =
		"Harbor City Times\nHome\nNews\nSport\n\n"
		"This website uses cookies to improve your experience.\nAccept cookies\n\n"
		"Council approves new ferry terminal\n\n"
		"By Staff Reporter · 13.03.2007\n\n"
		"Share on Facebook\nShare on Twitter\n\n"
		"The council voted on Tuesday to build a new ferry terminal at the "
		"old coal pier, ending ten years of debate.\n\n"
		"Read more\n\nFerry fares to rise in April\n\n"
		"Work is due to start in the autumn.\n\n"
		"Most read\n\nFive things to do this weekend\n\n"
		"About us | Contact us | Privacy | Terms\n"
		"© 2007 Harbor City Times Ltd. All rights reserved.\n";
	const char *body[] = {
		"The council voted on Tuesday to build a new ferry terminal at the "
		"old coal pier, ending ten years of debate.",
		"Work is due to start in the autumn.", NULL };
	page_check(text, "Council approves new ferry terminal", "2007-03-13",
		   "Harbor City Times", "en", body);
}

TEST(page_italian)
{
	/* The ANSA example: the date on the page, the site's name
	 * never the title. */
	const char *text =
		"ANSA.it\nCronaca Politica Economia Mondo Sport Cultura\n"
		"Home > Cronaca > Notizie\n\n"
		"Maltempo, allerta rossa in Emilia-Romagna\n\n"
		"19 giugno 2023 12:41\n"
		"Condividi: Facebook X WhatsApp Email\n"
		"Il fiume in piena a Faenza. Foto: ANSA\n\n"
		"(ANSA) - BOLOGNA, 19 GIU - La Protezione civile ha diramato l'allerta "
		"rossa per le prossime 24 ore su tutta la pianura.\n\n"
		"Leggi anche\nFaenza, riaprono le scuole\n\n"
		"I sindaci hanno chiuso i parchi e i cimiteri.\n\n"
		"© Riproduzione riservata\n\n"
		"Copyright © 2023 ANSA.it. Tutti i diritti riservati.\n";
	const char *body[] = {
		"(ANSA) - BOLOGNA, 19 GIU - La Protezione civile ha diramato l'allerta "
		"rossa per le prossime 24 ore su tutta la pianura.",
		"I sindaci hanno chiuso i parchi e i cimiteri.", NULL };
	page_check(text, "Maltempo, allerta rossa in Emilia-Romagna", "2023-06-19",
		   "ANSA.it", "it", body);
}

TEST(timeline_dates_stay)
{
	/* A byline, then the text: a date line further down heads an entry
	 * of a timeline, it is neither dropped nor the article's date. */
	const char *text =
		"Il vertice, giorno per giorno\n\ndi Paolo Neri\n\n"
		"Una cronologia dei colloqui tra i due leader, dalla prima visita "
		"all'accordo firmato ieri sera a Mosca.\n\n"
		"12 marzo 2024\n\nI due leader si incontrano per la prima volta.\n";
	const char *body[] = {
		"Una cronologia dei colloqui tra i due leader, dalla prima visita "
		"all'accordo firmato ieri sera a Mosca.",
		"12 marzo 2024", "I due leader si incontrano per la prima volta.", NULL };
	page_check(text, "Il vertice, giorno per giorno", "2024-03-12", "", "it", body);
	struct article a;
	imp(&a, text);
	T_EQ_STR(a.date_from, "text");	/* inferred, not stated */
	article_free(&a);
}

TEST(relative_dates_and_comments)
{
	/* "3 ore fa" is no date; comments and their dates are not the text. */
	const char *text =
		"Il Giornale di Prova\n\nScuola, firmato il nuovo contratto\n\n"
		"di Paolo Neri\n3 ore fa\n\n"
		"Sindacati e governo hanno firmato nella notte il contratto della scuola, "
		"che porta aumenti medi di cento euro al mese.\n\n"
		"3 commenti su “Scuola, firmato il nuovo contratto”\n\n"
		"Luca ha detto:\n12 marzo 2024\n\nFinalmente una buona notizia per tutti.\n";
	const char *body[] = {
		"Sindacati e governo hanno firmato nella notte il contratto della scuola, "
		"che porta aumenti medi di cento euro al mese.", NULL };
	page_check(text, "Scuola, firmato il nuovo contratto", "", "", "it", body);
}

TEST(site_name_is_never_the_title)
{
	struct article a;
	/* No byline to find the headline by: the site's address, and a
	 * masthead over its menu, are names, not titles. */
	imp(&a, "ANSA.it\n\nBorsa, Milano chiude in rialzo\n\nPiazza Affari ha chiuso "
	    "la seduta in rialzo, trainata dai titoli delle banche.\n");
	T_EQ_STR(a.title, "Borsa, Milano chiude in rialzo");
	T_EQ_STR(a.source, "ANSA.it");
	article_free(&a);
	imp(&a, "Harbor City Times\nHome\nNews\nSport\n\nAirbus confirms new delay\n\n"
	    "Airbus said on Tuesday that deliveries would slip again.\n");
	T_EQ_STR(a.title, "Airbus confirms new delay");
	T_EQ_STR(a.source, "Harbor City Times");
	article_free(&a);
	/* A short headline over its byline stays the title. */
	imp(&a, "Kim a Mosca\nBy Staff Reporter\n\nThe North Korean leader arrived in "
	    "Moscow on Tuesday.\n");
	T_EQ_STR(a.title, "Kim a Mosca");
	T_EQ_STR(a.source, "");
	T_OK(!strstr(a.body, "Staff Reporter"));
	article_free(&a);
}

/* ---- clutter, title, source ---- */

TEST(teasers_in_the_middle)
{
	struct article a;
	imp(&a, "Titolo\n\nPrimo paragrafo della notizia.\n\nLeggi anche\n\n"
	    "Un altro titolo di un altro articolo\n\nSecondo paragrafo lungo. "
	    "Con due frasi.\n\nTerzo.\n\nQuarto.\n\nQuinto.\n\nSesto.\n\nSettimo.\n");
	T_OK(!strstr(a.body, "Leggi anche"));
	T_OK(!strstr(a.body, "Un altro titolo"));
	T_OK(body_has(&a, "Secondo paragrafo lungo."));
	T_OK(body_has(&a, "Settimo."));
	article_free(&a);
	imp(&a, "Titolo\n\nTesto.\n\nLeggi anche: Un altro articolo sul tema\n\nFine.\n");
	T_OK(!strstr(a.body, "Un altro articolo"));
	T_OK(body_has(&a, "Fine."));
	article_free(&a);
	/* Words that only look like clutter stay. */
	imp(&a, "Titolo\n\nFoto di gruppo per i leader.\n\nCondividi la scelta, "
	    "ha detto.\n\nREAD the report, he said.\n");
	T_OK(body_has(&a, "Foto di gruppo"));
	T_OK(body_has(&a, "Condividi la scelta"));
	T_OK(body_has(&a, "READ the report"));
	article_free(&a);
}

/* Pages with no title left: none, or the file's name. */
TEST(titles)
{
	struct article a;
	imp(&a, "\n\n\n");
	T_OK(d.n == 1 && strcmp(d.msg[0], "t.txt: empty file (skipped)") == 0);
	article_free(&a);
	imp(&a, "Salta al contenuto\nCONDIVIDI\n");
	T_EQ_STR(a.title, "t");	/* nothing left: the file's name */
	T_EQ_STR(a.body, "");
	article_free(&a);
}

TEST(source)
{
	struct article a;
	imp(&a, "Titolo\n\nTesto della notizia.\n\nFonte: Il Post\n");
	T_EQ_STR(a.source, "Il Post");
	T_OK(!strstr(a.body, "Il Post"));
	article_free(&a);
	imp(&a, "Titolo\n\nFonte foto: ANSA Una didascalia\n\nLa fonte: ha detto "
	    "l'agenzia Reuters.\n");
	T_EQ_STR(a.source, "");
	T_OK(body_has(&a, "La fonte: ha detto"));
	article_free(&a);
}

TEST(invalid_input)
{
	struct article a;
	const char bin[] = "Titolo\n\0\x01\x02";
	diag_free(&d);
	T_EQ_INT(import_text("b.txt", bin, sizeof bin, &a, &d), -1);
	T_OK(d.n == 1 && strcmp(d.msg[0], "b.txt: binary file (skipped)") == 0);
	T_EQ_INT(imp(&a, "Titolo\n\nok\nbad \xFF byte\x1b[31m\n"), 0);
	T_OK(d.n == 1 && strcmp(d.msg[0], "t.txt:4: invalid UTF-8 (replaced with U+FFFD)") == 0);
	T_OK(body_has(&a, "bad \xEF\xBF\xBD byte\\[31m"));	/* ESC dropped */
	article_free(&a);
}

/* ---- CommonMark ---- */

TEST(markdown_escapes)
{
	const char *lines[] = {
		"Titolo",
		"# not a heading",
		"- not a list",
		"+ nor this",
		"2019. was a year",
		"3) neither",
		"> not a quote",
		"---",
		"***",
		"=== equals",
		"```",
		"~~~ tilde",
		"*stars* and _under_ and `code` and **bold**",
		"[a link](http://x.it) and ![img](y.png) and [ref]",
		"<b>html</b> and <http://auto.link> and &amp; &#39; & plain",
		"back\\slash \\* and trailing\\",
		"2.000 soldati restano testo",
	};
	struct buf in = BUF_INIT, want = BUF_INIT;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		buf_addf(&in, "%s\n\n", lines[i]);
		if (i)
			buf_addf(&want, "%s\n", lines[i]);
	}
	struct article a;
	imp(&a, buf_str(&in));
	T_EQ_STR(a.title, "Titolo");
	char *plain = render_plain(a.body, a.body_len);
	T_EQ_STR(plain, buf_str(&want));
	free(plain);
	T_OK(body_has(&a, "2.000 soldati"));	/* no needless escape */
	article_free(&a);
	buf_free(&in);
	buf_free(&want);
}

/* ---- names and files ---- */

TEST(slugs)
{
	char *s = import_slug("Città, Perché è così? «Sì»!");
	T_EQ_STR(s, "citta-perche-e-cosi-si");
	free(s);
	s = import_slug("!!!");
	T_EQ_STR(s, "");
	free(s);
	s = import_slug("Una frase molto lunga che supera di gran lunga i sessanta caratteri del limite");
	T_EQ_STR(s, "una-frase-molto-lunga-che-supera-di-gran-lunga-i-sessanta");
	T_OK(strlen(s) <= 60);
	free(s);
	s = import_slug("Supercalifragilistichespiralidosoesagerato-ancora-piu-lungo-di-prima");
	T_OK(strlen(s) <= 60 && s[strlen(s) - 1] != '-');
	free(s);
	struct article a = { 0 };
	a.title = "";
	a.date = "";
	char *name = import_file_name(&a);
	T_EQ_STR(name, "undated-article.md");
	free(name);
	a.title = "Kim a Mosca";
	a.date = "2023-09";
	name = import_file_name(&a);
	T_EQ_STR(name, "2023-09-kim-a-mosca.md");
	free(name);
}

/* ---- writing files ---- */

static char tmpdir[64];

/* A scratch folder per test, removed with what is in it. */
static void scratch(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/filo-test-import-XXXXXX");
	T_OK(mkdtemp(tmpdir) != NULL);
}

static void scratch_done(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	T_OK(system(cmd) == 0);
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	T_OK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Number of entries in dir (hidden ones too: a temporary file would show). */
static int count_files(const char *dir)
{
	DIR *dp = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (dp && (e = readdir(dp)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (dp)
		closedir(dp);
	return n;
}

/* Imports text as name into DIR/out; one file expected; its status. */
static int import_one(const char *text, const struct import_options *o,
		      char *path, size_t pathsz)
{
	struct import_result res = { 0 };
	diag_free(&d);
	int rc = import_data("page.txt", text, strlen(text), o, &res, &d);
	int st = rc == 0 && res.n == 1 ? (int)res.files[0].status : -1;
	if (path && res.n == 1)
		snprintf(path, pathsz, "%s", res.files[0].path);
	import_result_free(&res);
	return st;
}

static bool diag_has(const char *s)
{
	for (size_t i = 0; i < d.n; i++)
		if (strstr(d.msg[i], s))
			return true;
	fprintf(stderr, "  no message with: %s\n", s);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "  message: %s\n", d.msg[i]);
	return false;
}

TEST(files)
{
	scratch();
	char in[128], out[128], want[256];
	snprintf(in, sizeof in, "%s/page.txt", tmpdir);
	snprintf(out, sizeof out, "%s/out", tmpdir);	/* created on demand */
	put_file(in, "NEWS > 14 Settembre\nDUEMILA23\n\nKim a Mosca\n\nIl testo.\n");
	struct import_options o = { .outdir = out };
	struct import_result res = { 0 };
	diag_free(&d);
	T_EQ_INT(import_file(in, &o, &res, &d), 0);
	T_EQ_INT(d.n, 0);
	snprintf(want, sizeof want, "%s/2023-09-14-kim-a-mosca.md", out);
	T_OK(res.n == 1 && res.files[0].status == IMPORT_NEW);
	T_EQ_STR(res.n ? res.files[0].path : "", want);
	import_result_free(&res);
	struct article a;
	T_EQ_INT(article_load(&a, want, true, &d), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_STR(a.title, "Kim a Mosca");
	T_EQ_STR(a.date, "2023-09-14");
	T_EQ_STR(a.lang, "");	/* too few words to tell */
	T_EQ_STR(a.body, "Il testo.\n");
	T_EQ_INT(strlen(a.import_checksum), 16);
	article_free(&a);
	size_t len;
	char *text = t_read_file(want, &len);
	T_EQ_INT(import_dir_verify(text, len), 1);
	text[len - 2] = 'X';	/* "Il testoX" */
	T_EQ_INT(import_dir_verify(text, len), 0);
	T_EQ_INT(import_dir_verify("---\ntitle: t\n---\n", 17), -1);
	free(text);

	/* Unreadable input: nothing written. */
	res = (struct import_result){ 0 };
	diag_free(&d);
	T_EQ_INT(import_file(tmpdir, &o, &res, &d), -1);
	snprintf(want, sizeof want, "%s: cannot read: Is a directory (skipped)", tmpdir);
	T_OK(d.n == 1 && strcmp(d.msg[0], want) == 0);
	T_EQ_INT(res.n, 0);
	T_EQ_INT(count_files(out), 1);
	scratch_done();
}

TEST(reimport)
{
	scratch();
	char out[128], path[256], again[256];
	snprintf(out, sizeof out, "%s/out", tmpdir);
	struct import_options o = { .outdir = out };
	const char *v1 = "Kim a Mosca\n\nIl primo testo della notizia.\n";
	const char *v2 = "Kim a Mosca\n\nIl testo della notizia, corretto.\n";
	T_EQ_INT(import_one(v1, &o, path, sizeof path), IMPORT_NEW);
	T_EQ_INT(import_one(v1, &o, again, sizeof again), IMPORT_UNCHANGED);
	T_EQ_STR(again, path);
	/* The same page again, its text changed: the same file, updated. */
	T_EQ_INT(import_one(v2, &o, again, sizeof again), IMPORT_UPDATED);
	T_EQ_STR(again, path);
	T_EQ_INT(count_files(out), 1);
	size_t len;
	char *text = t_read_file(path, &len);
	T_OK(text && strstr(text, "corretto") && import_dir_verify(text, len) == 1);
	free(text);

	/* Edited by hand: kept, unless --force. */
	FILE *f = fopen(path, "a");
	fputs("\nMy own note.\n", f);
	fclose(f);
	T_EQ_INT(import_one(v1, &o, again, sizeof again), IMPORT_KEPT);
	T_OK(diag_has("edited by hand (not updated; --force replaces it)"));
	text = t_read_file(path, &len);
	T_OK(text && strstr(text, "My own note."));
	free(text);
	o.force = true;
	T_EQ_INT(import_one(v1, &o, again, sizeof again), IMPORT_UPDATED);
	text = t_read_file(path, &len);
	T_OK(text && !strstr(text, "My own note.") && strstr(text, "primo testo"));
	free(text);
	T_EQ_INT(count_files(out), 1);

	/* A file filo did not make is never written, even with --force. */
	char mine[256];
	snprintf(mine, sizeof mine, "%s/mine.md", out);
	put_file(mine, "---\ntitle: Mine\nurl: https://x.example/a\n---\n\nMy text.\n");
	T_EQ_INT(import_one("Kim a Mosca\n\nAltro.\n", &(struct import_options){
		.outdir = out, .url = "https://x.example/a", .force = true }, again,
		sizeof again), IMPORT_KEPT);
	T_EQ_STR(again, mine);
	T_OK(diag_has("mine.md: the same article, not made by filo import (left as it is)"));
	text = t_read_file(mine, &len);
	T_EQ_STR(text, "---\ntitle: Mine\nurl: https://x.example/a\n---\n\nMy text.\n");
	free(text);

	/* Another article whose name is taken gets "-2". */
	o.force = false;
	T_EQ_INT(import_one("Kim a Mosca\n\nUn'altra storia.\n", &(struct import_options){
		.outdir = out, .url = "https://x.example/b" }, again, sizeof again), IMPORT_NEW);
	T_OK(strstr(again, "/undated-kim-a-mosca-2.md") != NULL);
	T_EQ_INT(count_files(out), 3);
	scratch_done();
}

TEST(overrides)
{
	scratch();
	char out[128], path[256];
	snprintf(out, sizeof out, "%s/out", tmpdir);
	struct import_options o = { .outdir = out, .source = "Il Post",
				    .url = "https://ilpost.example/kim", .date = "2023-09-13",
				    .lang = "it-IT" };
	T_EQ_INT(import_one("Kim a Mosca\n14 settembre 2023\n\nThe text.\n", &o,
			    path, sizeof path), IMPORT_NEW);
	struct article a;
	T_EQ_INT(article_load(&a, path, true, &d), 0);
	T_EQ_STR(a.source, "Il Post");
	T_EQ_STR(a.url, "https://ilpost.example/kim");
	T_EQ_STR(a.date, "2023-09-13");
	T_EQ_STR(a.lang, "it");
	T_OK(strstr(path, "/2023-09-13-kim-a-mosca.md") != NULL);
	article_free(&a);
	o.date = "2023-02-29";
	T_EQ_INT(import_one("Kim\n\nTesto.\n", &o, NULL, 0), -1);
	T_OK(diag_has("page.txt: bad --date '2023-02-29'"));
	T_EQ_INT(import_check_date("2024-02-29"), 0);
	T_EQ_INT(import_check_date("2024-2-29"), -1);
	T_EQ_INT(import_check_date(""), -1);
	scratch_done();
}

TEST(atomic_writes)
{
	scratch();
	char file[128], out[160];
	snprintf(file, sizeof file, "%s/file", tmpdir);
	put_file(file, "not a folder");
	snprintf(out, sizeof out, "%s/sub", file);	/* under a file: ENOTDIR */
	struct import_options o = { .outdir = out };
	T_EQ_INT(import_one("Titolo\n\nTesto.\n", &o, NULL, 0), -1);
	T_OK(diag_has("cannot"));
	T_EQ_INT(count_files(tmpdir), 1);

	/* A write that fails half-way (the file size limit) leaves nothing:
	 * no article, no temporary file. */
	snprintf(out, sizeof out, "%s/out", tmpdir);
	o.outdir = out;
	struct buf big = BUF_INIT;
	buf_adds(&big, "Titolo lungo\n\n");
	for (int i = 0; i < 2000; i++)
		buf_addf(&big, "Il paragrafo numero %d riempie il file.\n\n", i);
	struct rlimit old, small = { 8192, 8192 };
	getrlimit(RLIMIT_FSIZE, &old);
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	small.rlim_max = old.rlim_max;
	T_OK(setrlimit(RLIMIT_FSIZE, &small) == 0);
	T_EQ_INT(import_one(big.data, &o, NULL, 0), -1);
	setrlimit(RLIMIT_FSIZE, &old);
	signal(SIGXFSZ, prev);
	T_OK(diag_has("cannot write: File too large (nothing written)"));
	T_EQ_INT(count_files(out), 0);
	buf_free(&big);
	scratch_done();
}

TEST(standard_input)
{
	scratch();
	char out[128];
	snprintf(out, sizeof out, "%s/out", tmpdir);
	int fds[2], saved = dup(0);
	T_OK(pipe(fds) == 0);
	const char *text = "Titolo da una pipe\n\nIl testo arrivato da standard input.\n";
	T_OK(write(fds[1], text, strlen(text)) == (ssize_t)strlen(text));
	close(fds[1]);
	dup2(fds[0], 0);
	close(fds[0]);
	struct import_options o = { .outdir = out };
	struct import_result res = { 0 };
	diag_free(&d);
	T_EQ_INT(import_file("-", &o, &res, &d), 0);
	T_OK(res.n == 1 && strstr(res.files[0].path, "undated-titolo-da-una-pipe.md"));
	import_result_free(&res);
	/* At its end, standard input is empty: reported as such. */
	T_EQ_INT(import_file("-", &o, &res, &d), -1);
	T_OK(diag_has("stdin: empty file (skipped)"));
	dup2(saved, 0);
	close(saved);
	scratch_done();
}

/* ---- feeds ---- */

static const char rss_v1[] =
	"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n"
	"<title>Harbor City Times</title><link>https://hct.example/</link>\n"
	"<item><title>Port reopens</title><link>https://hct.example/port</link>"
	"<pubDate>Tue, 13 Mar 2007 10:00:00 +0000</pubDate>"
	"<description>&lt;p&gt;The port reopened on Tuesday after the storm, the "
	"harbour master said.&lt;/p&gt;</description></item>\n"
	"<item><guid isPermaLink=\"false\">hct-2</guid>"
	"<description>No title, no link, no date: the first sentence is the title. "
	"More text follows here.</description></item>\n"
	"<item><title>Only a title</title></item>\n"
	"</channel></rss>\n";

TEST(feed_import)
{
	scratch();
	char out[128];
	snprintf(out, sizeof out, "%s/out", tmpdir);
	struct import_options o = { .outdir = out };
	struct import_result res = { 0 };
	diag_free(&d);
	T_EQ_INT(import_sniff(rss_v1, strlen(rss_v1)), IMPORT_FEED);
	T_EQ_INT(import_data("feed.xml", rss_v1, strlen(rss_v1), &o, &res, &d), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(res.n, 3);
	for (size_t i = 0; i < res.n; i++)
		T_EQ_INT(res.files[i].status, IMPORT_NEW);
	struct article a;
	if (res.n == 3) {
		T_OK(strstr(res.files[0].path, "/2007-03-13-port-reopens.md") != NULL);
		T_EQ_INT(article_load(&a, res.files[0].path, true, &d), 0);
		T_EQ_STR(a.source, "Harbor City Times");
		T_EQ_STR(a.url, "https://hct.example/port");
		T_EQ_STR(a.lang, "en");
		T_OK(body_has(&a, "The port reopened on Tuesday"));
		article_free(&a);
		T_EQ_INT(article_load(&a, res.files[1].path, true, &d), 0);
		T_EQ_STR(a.title, "No title, no link, no date: the first sentence is the title");
		T_EQ_STR(a.date, "");
		T_EQ_STR(a.guid, "hct-2");
		article_free(&a);
		T_OK(strstr(res.files[2].path, "/undated-only-a-title.md") != NULL);
	}
	import_result_free(&res);
	/* Again: nothing new. */
	T_EQ_INT(import_data("feed.xml", rss_v1, strlen(rss_v1), &o, &res, &d), 0);
	T_EQ_INT(res.n, 3);
	for (size_t i = 0; i < res.n; i++)
		T_EQ_INT(res.files[i].status, IMPORT_UNCHANGED);
	import_result_free(&res);
	/* A later version: the item found by its link (title changed) and by
	 * its guid are updated in their files; a malformed one changes
	 * nothing and says where. */
	struct buf v2 = BUF_INIT;
	buf_adds(&v2, rss_v1);
	char *t = strstr(v2.data, "Port reopens");
	memcpy(t, "Port REOPENS", 12);
	t = strstr(v2.data, "More text follows");
	memcpy(t, "Less", 4);
	T_EQ_INT(import_data("feed.xml", v2.data, v2.len, &o, &res, &d), 0);
	T_OK(res.n == 3 && res.files[0].status == IMPORT_UPDATED &&
	     res.files[1].status == IMPORT_UPDATED && res.files[2].status == IMPORT_UNCHANGED);
	T_OK(res.n && strstr(res.files[0].path, "/2007-03-13-port-reopens.md"));
	import_result_free(&res);
	T_EQ_INT(count_files(out), 3);
	diag_free(&d);
	T_EQ_INT(import_data("feed.xml", "<rss><channel>\n<item>\n</channel></rss>", 36,
			     &o, &res, &d), -1);
	T_EQ_INT(res.n, 0);
	T_OK(diag_has("feed.xml:3: Opening and ending tag mismatch: item line 2 and channel "
		      "(feed not imported)"));
	T_EQ_INT(count_files(out), 3);
	buf_free(&v2);
	scratch_done();
}

/* The input is read by buf_read_file_max: what is not a regular file of at
 * most 32 MiB (a page's limit; text has 16) is never read (a FIFO must not
 * block), is said, and nothing is written. */
static void expect_skipped(const char *in, const char *out, const char *why)
{
	struct import_options o = { .outdir = out };
	struct import_result res = { 0 };
	char want[256];
	diag_free(&d);
	T_EQ_INT(import_file(in, &o, &res, &d), -1);
	T_EQ_INT(res.n, 0);
	import_result_free(&res);
	snprintf(want, sizeof want, "%s: %s", in, why);
	T_CHECK(d.n == 1 && strcmp(d.msg[0], want) == 0, "%s",
		d.n ? d.msg[0] : "(nothing said)");
	struct stat st;
	T_OK(stat(out, &st) != 0 && errno == ENOENT);	/* not even made */
}

TEST(special_inputs)
{
	char dir[64], path[128], out[128];
	t_tmpdir(dir, sizeof dir, "import");
	snprintf(out, sizeof out, "%s/out", dir);

	snprintf(path, sizeof path, "%s/fifo.txt", dir);
	T_EQ_INT(mkfifo(path, 0600), 0);
	expect_skipped(path, out, "cannot read: not a regular file (skipped)");
	expect_skipped("/dev/zero", out, "cannot read: not a regular file (skipped)");
	expect_skipped(dir, out, "cannot read: Is a directory (skipped)");
	snprintf(path, sizeof path, "%s/none.txt", dir);
	expect_skipped(path, out, "cannot read: No such file or directory (skipped)");

	/* Sparse: over the limit without using the disk. */
	snprintf(path, sizeof path, "%s/big.txt", dir);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	T_OK(fd >= 0);
	T_EQ_INT(ftruncate(fd, 32 * 1024 * 1024 + 1), 0);
	close(fd);
	expect_skipped(path, out, "too large (33554433 bytes, limit 32 MiB; skipped)");

	snprintf(path, sizeof path, "%s/empty.txt", dir);
	t_write_file(NULL, path, "");
	expect_skipped(path, out, "empty file (skipped)");
	T_EQ_INT(t_remove_tree(dir), 0);
}

T_MAIN(RUN(seed_000); RUN(seed_001); RUN(seed_002); RUN(seed_003);
       RUN(seed_004); RUN(date_events_are_not_dates); RUN(pages);
       RUN(page_spanish); RUN(page_german); RUN(page_french); RUN(page_english);
       RUN(page_italian); RUN(relative_dates_and_comments);
       RUN(site_name_is_never_the_title); RUN(timeline_dates_stay);
       RUN(teasers_in_the_middle); RUN(titles); RUN(source);
       RUN(invalid_input); RUN(markdown_escapes); RUN(slugs); RUN(files);
       RUN(special_inputs); RUN(reimport); RUN(overrides); RUN(atomic_writes);
       RUN(standard_input); RUN(feed_import);
       diag_free(&d))
