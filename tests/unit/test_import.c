/* test_import.c: the five seed pages (title, date, clutter, no invented
 * source), dates stated versus events in the story, CommonMark escaping
 * checked by parsing the body with libcmark, slugs and file writing. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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
	T_EQ_STR(a.date, "");	/* "il 3 settembre 2025" is the summit's date */
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
	imp(&a, "Vertice a Pechino\n\nIl summit si è tenuto il 3 settembre 2025 a "
	    "Pechino.\n\n14 settembre 2023\n\nNell'aprile 2019 si erano visti.\n");
	T_EQ_STR(a.date, "");
	T_OK(body_has(&a, "14 settembre 2023"));	/* a lone date deep in the text */
	article_free(&a);
	/* A wire dateline counts only in the first paragraph. */
	imp(&a, "Titolo\n\nPrimo.\n\nROMA, 14 settembre 2023 – Il governo ha deciso.\n");
	T_EQ_STR(a.date, "");
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

TEST(files)
{
	char dir[64];
	t_tmpdir(dir, sizeof dir, "import");
	char in[128], out[128];
	snprintf(in, sizeof in, "%s/page.txt", dir);
	snprintf(out, sizeof out, "%s/out", dir);	/* created on demand */
	t_write_file(NULL, in, "NEWS > 14 Settembre\nDUEMILA23\n\nKim a Mosca\n\nIl testo.\n");
	char *written = NULL;
	diag_free(&d);
	T_EQ_INT(import_file(in, out, &written, &d), 0);
	T_EQ_INT(d.n, 0);
	char want[256];
	snprintf(want, sizeof want, "%s/2023-09-14-kim-a-mosca.md", out);
	T_EQ_STR(written, want);
	struct article a;
	T_EQ_INT(article_load(&a, want, true, &d), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_STR(a.title, "Kim a Mosca");
	T_EQ_STR(a.date, "2023-09-14");
	T_EQ_STR(a.lang, "");	/* too few words to tell */
	T_EQ_STR(a.body, "Il testo.\n");
	long long size = a.size;
	article_free(&a);

	/* Again: never overwritten, reported, the file untouched. */
	free(written);
	t_write_file(NULL, in, "NEWS > 14 Settembre\nDUEMILA23\n\nKim a Mosca\n\nAltro testo, più lungo.\n");
	T_EQ_INT(import_file(in, out, &written, &d), -1);
	T_OK(written == NULL);
	snprintf(want + strlen(want), sizeof want - strlen(want), ": exists (not overwritten)");
	T_OK(d.n == 1 && strcmp(d.msg[0], want) == 0);
	want[strlen(want) - strlen(": exists (not overwritten)")] = '\0';
	struct stat st;
	T_OK(stat(want, &st) == 0 && st.st_size == size);
	unlink(want);

	/* Unreadable input: nothing written. */
	diag_free(&d);
	T_EQ_INT(import_file(dir, out, &written, &d), -1);
	snprintf(want, sizeof want, "%s: cannot read: Is a directory (skipped)", dir);
	T_OK(d.n == 1 && strcmp(d.msg[0], want) == 0);
	T_OK(rmdir(out) == 0);	/* empty: nothing was written */
	T_EQ_INT(t_remove_tree(dir), 0);
}

/* The input is read by buf_read_file_max: what is not a regular file of at
 * most 16 MiB is never read (a FIFO must not block), is said, and nothing
 * is written. */
static void expect_skipped(const char *in, const char *out, const char *why)
{
	char *written = NULL;
	char want[256];
	diag_free(&d);
	T_EQ_INT(import_file(in, out, &written, &d), -1);
	T_OK(written == NULL);
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
	T_EQ_INT(ftruncate(fd, 16 * 1024 * 1024 + 1), 0);
	close(fd);
	expect_skipped(path, out, "too large (16777217 bytes, limit 16 MiB; skipped)");

	snprintf(path, sizeof path, "%s/empty.txt", dir);
	t_write_file(NULL, path, "");
	expect_skipped(path, out, "empty file (skipped)");
	T_EQ_INT(t_remove_tree(dir), 0);
}

T_MAIN(RUN(seed_000); RUN(seed_001); RUN(seed_002); RUN(seed_003);
       RUN(seed_004); RUN(date_events_are_not_dates); RUN(pages);
       RUN(teasers_in_the_middle); RUN(titles); RUN(source);
       RUN(invalid_input); RUN(markdown_escapes); RUN(slugs); RUN(files);
       RUN(special_inputs);
       diag_free(&d))
