/* test_html.c: the HTML importer on small pages of its own: recognising a
 * page, charsets, metadata in its order of trust, titles cleared of the
 * site's name, the main text without clutter, the one CommonMark form
 * (checked by parsing it back with libcmark), and hostile pages: XXE,
 * deep nesting, control and bidi characters, invalid UTF-8. */
#include <cmark.h>
#include "t.h"
#include "html.h"
#include "buf.h"

static struct diag d = DIAG_INIT;

static int imp(struct article *a, const char *html, const char *hint, const char *url)
{
	diag_free(&d);
	return html_import(html, strlen(html), hint, url, a, &d);
}

static const char *extra(const struct article *a, const char *key)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->extra[i].key, key) == 0)
			return a->extra[i].value;
	return "";
}

static char *md(const char *html, const char *base)
{
	return html_to_markdown(html, strlen(html), base, NULL);
}

/* The HTML cmark makes of s: what a reader of the CommonMark sees. */
static char *render(const char *s)
{
	return cmark_markdown_to_html(s, strlen(s), CMARK_OPT_DEFAULT);
}

static bool has(const char *hay, const char *needle)
{
	bool ok = hay && strstr(hay, needle);
	if (!ok)
		fprintf(stderr, "  lacks \"%s\" in:\n%s\n", needle, hay ? hay : "(null)");
	return ok;
}

TEST(sniff)
{
	const char *yes[] = {
		"<!DOCTYPE html><p>x", "<!doctype HTML>", "\xEF\xBB\xBF<html>",
		"  \n<!-- saved --> <html lang=it>", "<head><title>x</title>",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0\">",
		"<HTML>", "<meta charset=utf-8>", "<title>x</title>", "<body>",
		"<script>x</script>",
	};
	const char *no[] = {
		"", "Just some text", "<p>a paragraph", "<?xml version=\"1.0\"?><rss>",
		"<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">",
		"<!DOCTYPE rss>", "<!-- never closed <html>", "<htmlx>", "title: x\n---\n",
		"<html", "# <html>",
	};
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		T_CHECK(html_sniff(yes[i], strlen(yes[i])), "not sniffed: %s", yes[i]);
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		T_CHECK(!html_sniff(no[i], strlen(no[i])), "sniffed: %s", no[i]);
	static const char bin[] = "<html>\0\x01\x02\0\0";
	T_OK(!html_sniff(bin, sizeof bin));
	static const char nul[] = "<html><title>A NUL \0 in a title</title></html>, a page still, and long "
				  "enough for the one NUL byte to be few among the bytes";
	T_OK(html_sniff(nul, sizeof nul - 1));
	static const char u16[] = "\xFF\xFE<\0h\0t\0m\0l\0>\0";
	T_OK(html_sniff(u16, sizeof u16 - 1));
}

static const char *page_en =
	"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
	"<title>Harbor council approves new seawall | Harbor City Times</title>"
	"<meta property=\"og:site_name\" content=\"Harbor City Times\">"
	"<link rel=\"canonical\" href=\"/news/seawall\">"
	"<script>document.write('<p>SCRIPT-LEAK</p>')</script><style>p{}</style></head>"
	"<body><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/n\">News</a></li></ul></nav>"
	"<div class=\"cookie-consent\">We use cookies to improve your experience on our site. <button>OK</button></div>"
	"<div id=\"main\"><h1>Harbor council approves new seawall</h1>"
	"<p class=\"byline\">By Staff Reporter \xC2\xB7 13.03.2007</p>"
	"<div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div>"
	"<div class=\"story-body\">"
	"<p>The city council voted on Tuesday to build a new seawall along the harbor, after years of debate about flooding, costs, and the old market.</p>"
	"<p>The project, which will cost an estimated <strong>$40 million</strong>, is expected to take three years, <em>officials</em> said, citing the <a href=\"/docs/plan.pdf\">published plan</a>.</p>"
	"<div class=\"read-more\"><h3>Read more</h3><ul><li><a href=\"/x\">Storm hits the coast again</a></li></ul></div>"
	"<h2>What happens next</h2><ol start=\"3\"><li>Public hearings in April</li><li>Works from 2008</li></ol>"
	"<blockquote><p>\"We cannot wait any longer,\" said the mayor, who has pushed for it since 2005.</p></blockquote>"
	"<p>The council will publish a timeline next month, with details of the road closures near the ferry terminal.</p>"
	"</div></div>"
	"<div class=\"comments\"><h3>Comments</h3><p>Great news, finally the council does something useful for all of us, thanks.</p></div>"
	"<footer><p>\xC2\xA9 2007 Harbor City Times. All rights reserved.</p></footer></body></html>";

TEST(page_english)
{
	struct article a;
	T_EQ_INT(imp(&a, page_en, NULL, "https://hct.example/news/index.html"), 0);
	T_EQ_STR(a.title, "Harbor council approves new seawall");
	T_EQ_STR(a.date, "2007-03-13");
	T_EQ_STR(extra(&a, "date-from"), "byline");	/* said so, never guessed */
	T_EQ_STR(a.source, "Harbor City Times");
	T_EQ_STR(a.lang, "en");
	T_EQ_STR(a.url, "https://hct.example/news/seawall");
	const char *want =
		"The city council voted on Tuesday to build a new seawall along the harbor, after years of debate about flooding, costs, and the old market.\n"
		"\n"
		"The project, which will cost an estimated **$40 million**, is expected to take three years, *officials* said, citing the [published plan](https://hct.example/docs/plan.pdf).\n"
		"\n"
		"## What happens next\n"
		"\n"
		"3. Public hearings in April\n"
		"4. Works from 2008\n"
		"\n"
		"> \"We cannot wait any longer,\" said the mayor, who has pushed for it since 2005.\n"
		"\n"
		"The council will publish a timeline next month, with details of the road closures near the ferry terminal.\n";
	T_EQ_STR(a.body, want);
	T_EQ_INT(a.body_len, strlen(want));
	article_free(&a);
}

/* A page that names no language is read by lang.c's word lists, which
 * know Portuguese and Dutch as well as the corpus's five languages. */
TEST(language_from_the_words)
{
	static const struct { const char *text, *lang; } pages[] = {
		{ "<html><body><article><h1>Seca no sertão</h1><p>A estiagem que "
		  "atinge o sertão desde junho reduziu pela metade a colheita de "
		  "milho, segundo a cooperativa, que pede crédito para os "
		  "agricultores. Não há chuva prevista para as próximas semanas "
		  "e os produtores dizem que não têm como pagar as dívidas.</p>"
		  "</article></body></html>", "pt" },
		{ "<html><body><article><h1>Geld voor de dijk</h1><p>De "
		  "gemeenteraad heeft dinsdagavond ingestemd met een plan om de "
		  "oude dijk langs het dorp te versterken. Het waterschap betaalt "
		  "het grootste deel van de kosten en het werk begint in het "
		  "najaar, als er geen bezwaren zijn.</p></article></body></html>",
		  "nl" },
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct article a;
		T_EQ_INT(imp(&a, pages[i].text, NULL, NULL), 0);
		T_EQ_STR(a.lang, pages[i].lang);
		article_free(&a);
	}
}

/* The "read also" lines and share bars of Portuguese and Dutch pages go,
 * and a Dutch byline gives the date. */
TEST(clutter_in_portuguese_and_dutch)
{
	struct article a;
	const char *nl = "<html><body><article><h1>Geld voor de dijk</h1>"
		"<div class=\"meta\">Door Sanne de Wit · Gepubliceerd: 5 maart 2024 "
		"14:20 · Bijgewerkt: 6 maart 2024</div>"
		"<p>De gemeenteraad heeft dinsdagavond ingestemd met een plan om de "
		"oude dijk langs het dorp te versterken.</p>"
		"<p>Lees ook: <a href=\"/x\">Nieuw gemaal draait op volle kracht</a></p>"
		"<p>Het waterschap betaalt het grootste deel van de kosten en het werk "
		"begint in het najaar.</p>"
		"<div class=\"deel\">Deel dit artikel: Facebook · X · WhatsApp</div>"
		"</article></body></html>";
	T_EQ_INT(imp(&a, nl, NULL, "https://dp.example/a"), 0);
	T_EQ_STR(a.date, "2024-03-05");
	T_OK(has(a.body, "najaar"));
	T_OK(!strstr(a.body, "Lees ook") && !strstr(a.body, "Deel dit"));
	article_free(&a);
	const char *pt = "<html><body><article><h1>Seca no sertão</h1>"
		"<p>A estiagem que atinge o sertão desde junho reduziu pela metade a "
		"colheita de milho.</p>"
		"<p class=\"leia-tambem\"><b>Leia também:</b> <a href=\"/y\">Preço "
		"do feijão sobe</a></p>"
		"<p>Os agricultores pedem uma linha de crédito emergencial.</p>"
		"<div class=\"publicidade\">Publicidade</div>"
		"<p>O governo estadual diz que estuda a proposta.</p>"
		"</article></body></html>";
	T_EQ_INT(imp(&a, pt, NULL, "https://fs.example/b"), 0);
	T_OK(has(a.body, "estuda a proposta"));
	T_OK(!strstr(a.body, "Leia") && !strstr(a.body, "Publicidade"));
	article_free(&a);
}

TEST(metadata_order)
{
	const char *page =
		"<html lang=\"fr\"><head><title>Wrong title - Site</title>"
		"<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@graph\":["
		"{\"@type\":\"WebSite\",\"@id\":\"#site\",\"name\":\"Agenzia Meridiana\"},"
		"{\"@type\":[\"NewsArticle\"],\"headline\":\"Caldo, bollino rosso in 18 citt\\u00e0 &amp; oltre\","
		"\"datePublished\":\"2023-06-20T00:15:00+02:00\",\"dateModified\":\"2023-06-21T10:00:00+02:00\","
		"\"publisher\":{\"@id\":\"#org\"},\"inLanguage\":\"it-IT\","
		"\"mainEntityOfPage\":{\"@id\":\"https://am.example/caldo\"},"
		"\"author\":[{\"@type\":\"Person\",\"name\":\"Anna Verdi\"}]},"
		"{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"Agenzia Meridiana\"}]}</script>"
		"<meta property=\"og:title\" content=\"Other\">"
		"<meta property=\"article:published_time\" content=\"2020-01-01\">"
		"</head><body><article><h1>Caldo</h1><p>Testo dell'articolo abbastanza lungo da essere il corpo, con virgole, e altro.</p></article></body></html>";
	struct article a;
	T_EQ_INT(imp(&a, page, NULL, NULL), 0);
	T_EQ_STR(a.title, "Caldo, bollino rosso in 18 città & oltre");
	T_EQ_STR(a.date, "2023-06-20");	/* its own zone, not UTC */
	T_EQ_STR(extra(&a, "date-from"), "");
	T_EQ_STR(a.source, "Agenzia Meridiana");
	T_EQ_STR(a.lang, "it");
	T_EQ_STR(a.url, "https://am.example/caldo");
	T_EQ_STR(extra(&a, "author"), "Anna Verdi");
	article_free(&a);

	/* Open Graph, then <meta name>, then <time>. */
	const char *og =
		"<html><head><title>Site | Headline here</title>"
		"<meta property=\"og:site_name\" content=\"Site\">"
		"<meta name=\"date\" content=\"2019-09-13\"></head>"
		"<body><time class=\"updated\" datetime=\"2019-09-14\">x</time><h1>Headline here</h1>"
		"<p>Body text of the article, long enough to be found, with commas, and more.</p></body></html>";
	T_EQ_INT(imp(&a, og, NULL, NULL), 0);
	T_EQ_STR(a.title, "Headline here");
	T_EQ_STR(a.date, "2019-09-13");
	T_EQ_STR(a.source, "Site");
	T_EQ_STR(a.url, "");
	article_free(&a);
	const char *tm =
		"<html><head><title>Headline :: Some Site</title></head><body>"
		"<article><header><h1>Headline</h1><time datetime=\"2021-05-06T22:05:00+01:00\">6 May</time></header>"
		"<p>Body text of the article, long enough to be found, with commas, and more.</p></article>"
		"<div class=\"comments\"><time datetime=\"2021-05-09\">x</time></div></body></html>";
	T_EQ_INT(imp(&a, tm, NULL, NULL), 0);
	T_EQ_STR(a.title, "Headline");
	T_EQ_STR(a.date, "2021-05-06");
	T_EQ_STR(a.source, "Some Site");	/* the title's decoration */
	article_free(&a);
}

/* The plain paragraphs of a body: one line each, blank lines dropped. */
static bool body_is(const struct article *a, const char *want)
{
	bool ok = a->body && strcmp(a->body, want) == 0;
	if (!ok)
		fprintf(stderr, "  body:\n%s\n  wanted:\n%s\n", a->body ? a->body : "(null)", want);
	return ok;
}

TEST(main_text)
{
	struct article a;
	/* the standfirst in the header, even as a heading, opens the body as
	 * a paragraph; kicker, byline, share bar, caption and credit go */
	const char *p1 =
		"<html lang=it><head><title>Titolo | Agenzia</title></head><body><main><article>"
		"<header><p class=kicker>Mondo</p><h1>Titolo</h1>"
		"<h2 class=sub>Il sommario scritto per questo articolo, con una virgola.</h2>"
		"<div class=meta><span class=author>di Mario Rossi</span> <span>13 settembre 2023 12:41</span></div>"
		"<div class=social>Condividi: <a href=#>Facebook</a> <a href=#>X</a></div></header>"
		"<figure><img src=x.jpg><figcaption>Una foto. Foto: Ansa</figcaption></figure>"
		"<div class=testo><p>ROMA, 13 SET - Il primo paragrafo del testo, lungo abbastanza, con virgole, e altro ancora.</p>"
		"<p><strong>Leggi anche:</strong> <a href=/x>Un altro articolo</a></p>"
		"<p>Il secondo paragrafo del testo, anche questo lungo, con virgole, e altre parole ancora.</p></div>"
		"<div class=tags><a href=/t1>Russia</a> <a href=/t2>Corea</a></div>"
		"</article></main></body></html>";
	T_EQ_INT(imp(&a, p1, NULL, NULL), 0);
	T_EQ_STR(a.date, "2023-09-13");
	T_EQ_STR(extra(&a, "date-from"), "byline");
	T_OK(body_is(&a, "Il sommario scritto per questo articolo, con una virgola.\n\n"
		     "ROMA, 13 SET - Il primo paragrafo del testo, lungo abbastanza, con virgole, e altro ancora.\n\n"
		     "Il secondo paragrafo del testo, anche questo lungo, con virgole, e altre parole ancora.\n"));
	article_free(&a);
	/* a legacy page: <br><br> paragraphs, the headline and what is above
	 * it, the signature under it, tool links; the language from the words */
	const char *p2 =
		"<HTML><HEAD><TITLE>Sagra del tartufo :: La Voce</TITLE></HEAD><BODY><TABLE><TR>"
		"<TD><A HREF=/>Home</A><BR><A HREF=/c>Cronaca</A></TD><TD>"
		"EVENTI<BR><B>Sagra del tartufo</B><BR><I>Redazione</I><BR><BR>"
		"Tutto pronto per la sagra, che sabato e domenica porter\xC3\xA0 nel centro storico oltre cento espositori.<BR><BR>"
		"<B>Il programma</B><BR><BR>"
		"Sabato mattina l'apertura degli stand, domenica la gara con i cani e la premiazione, come ogni anno.<BR><BR>"
		"<CENTER><A HREF=\"javascript:print()\">Stampa</A> | <A HREF=\"mailto:x\">Invia ad un amico</A></CENTER>"
		"</TD></TR></TABLE></BODY></HTML>";
	T_EQ_INT(imp(&a, p2, NULL, NULL), 0);
	T_EQ_STR(a.title, "Sagra del tartufo");
	T_EQ_STR(a.lang, "it");
	T_OK(body_is(&a, "Tutto pronto per la sagra, che sabato e domenica porterà nel centro storico oltre cento espositori.\n\n"
		     "**Il programma**\n\n"
		     "Sabato mattina l'apertura degli stand, domenica la gara con i cani e la premiazione, come ogni anno.\n"));
	article_free(&a);
	/* boxes in five languages between paragraphs; a list of paragraphs
	 * and a heading in a box of its own stay; bylines in the body go */
	const char *p3 =
		"<html><head><title>T</title></head><body><div id=content><h1>T</h1>"
		"<p>Par Claire Dubois</p><p>Publi\xC3\xA9 le 3 septembre 2025 \xC3\xA0 10h12</p>"
		"<p>First paragraph of the story, long enough to count, with a comma, and more words.</p>"
		"<div class=box><h4>Lire aussi</h4><ul><li><a href=/a>Autre chose</a></li></ul></div>"
		"<p>Leer m\xC3\xA1s: <a href=/b>Otra cosa</a></p>"
		"<aside><h3>Mehr zum Thema</h3><a href=/c>Anderes</a></aside>"
		"<div><h2>A heading</h2></div>"
		"<ul><li><p>an item</p></li><li><p>another item</p></li></ul>"
		"<section><h3>Read more</h3><a href=/d>Elsewhere</a> <a href=/e>More</a></section>"
		"<p>Last paragraph of the story, also long enough to count, with commas, and words.</p>"
		"</div></body></html>";
	T_EQ_INT(imp(&a, p3, NULL, NULL), 0);
	T_EQ_STR(a.date, "2025-09-03");
	T_OK(body_is(&a, "First paragraph of the story, long enough to count, with a comma, and more words.\n\n"
		     "## A heading\n\n- an item\n- another item\n\n"
		     "Last paragraph of the story, also long enough to count, with commas, and words.\n"));
	article_free(&a);
	/* a date the story tells is no publication date; a wire dateline is */
	const char *p5 =
		"<html><head><title>Council</title></head><body><article><h1>Council</h1>"
		"<p>On 3 March 2020, the council met for the last time before the vote, and nothing changed.</p>"
		"<p>It met again later, with the same members, and the same result, as everyone expected.</p>"
		"</article></body></html>";
	T_EQ_INT(imp(&a, p5, NULL, NULL), 0);
	T_EQ_STR(a.date, "");
	T_EQ_STR(extra(&a, "date-from"), "");
	article_free(&a);
	const char *p6 =
		"<html><head><title>Consiglio</title></head><body><article><h1>Consiglio</h1>"
		"<p>ROMA, 14 settembre 2023 \xE2\x80\x93 Il consiglio si \xC3\xA8 riunito per l'ultima volta, e nulla \xC3\xA8 cambiato.</p>"
		"</article></body></html>";
	T_EQ_INT(imp(&a, p6, NULL, NULL), 0);
	T_EQ_STR(a.date, "2023-09-14");
	T_EQ_STR(extra(&a, "date-from"), "byline");
	article_free(&a);
	/* only a month and year under the headline */
	const char *p4 =
		"<html><head><title>Vendemmia</title></head><body><article><h1>Vendemmia</h1>"
		"<div>Rubrica mensile \xC2\xB7 Settembre 2007</div>"
		"<p>Le uve sono sane ma poche, dicono le cantine, e il calo sar\xC3\xA0 del venti per cento.</p>"
		"</article></body></html>";
	T_EQ_INT(imp(&a, p4, NULL, NULL), 0);
	T_EQ_STR(a.date, "2007-09");
	T_EQ_INT(a.year * 100 + a.month, 200709);
	T_EQ_STR(extra(&a, "date-from"), "byline");
	article_free(&a);
}

TEST(titles)
{
	static const struct { const char *title, *site, *h1, *want; } cases[] = {
		{ "Council approves the seawall - Harbor City Times", NULL, NULL,
		  "Council approves the seawall" },
		{ "Harbor City Times | The council votes", NULL, NULL, "The council votes" },
		{ "The council votes - World - Harbor City Times", "Harbor City Times",
		  "The council votes", "The council votes" },
		{ "Vertice Putin \xE2\x80\x93 Kim Jong-un: alleanza", NULL,
		  "Vertice Putin \xE2\x80\x93 Kim Jong-un: alleanza",
		  "Vertice Putin \xE2\x80\x93 Kim Jong-un: alleanza" },
		{ "Vertice Putin \xE2\x80\x93 Kim Jong-un: alleanza", NULL, NULL,
		  "Vertice Putin \xE2\x80\x93 Kim Jong-un: alleanza" },
		{ "A headline \xE2\x80\x94 Orbit & Runway", "Orbit & Runway", NULL, "A headline" },
		{ "AgenziaMeridiana.it | Derby in Serie C", "AgenziaMeridiana.it", NULL,
		  "Derby in Serie C" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "<html><head><title>%s</title>", cases[i].title);
		if (cases[i].site)
			buf_addf(&b, "<meta property=\"og:site_name\" content=\"%s\">", cases[i].site);
		buf_adds(&b, "</head><body>");
		if (cases[i].h1)
			buf_addf(&b, "<h1>%s</h1>", cases[i].h1);
		buf_adds(&b, "<p>Some text of the page that is long enough, with a comma, to be the body.</p></body></html>");
		struct article a;
		T_EQ_INT(imp(&a, b.data, NULL, NULL), 0);
		T_EQ_STR(a.title, cases[i].want);
		article_free(&a);
		buf_free(&b);
	}
}

TEST(charsets)
{
	struct article a;
	/* windows-1252 declared the old way: 0x92 is ’, 0xE8 is è */
	const char *w =
		"<HTML><HEAD><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=windows-1252\">"
		"<TITLE>Citt\xE0</TITLE></HEAD><BODY><P>L\x92orario \xE8 cambiato, dice l\x92""azienda, da luned\xEC prossimo in poi.</P></BODY></HTML>";
	T_EQ_INT(imp(&a, w, NULL, NULL), 0);
	T_EQ_STR(a.title, "Città");
	T_OK(has(a.body, "L’orario è cambiato, dice l’azienda, da lunedì"));
	T_EQ_INT(d.n, 0);
	article_free(&a);
	/* ISO-8859-1 in <meta charset> is read as windows-1252 (0x80 is €) */
	const char *l = "<html><head><meta charset=\"ISO-8859-1\"><title>Prix \x80 et \x9c""uvre</title></head><body></body></html>";
	T_EQ_INT(imp(&a, l, NULL, NULL), 0);
	T_EQ_STR(a.title, "Prix € et œuvre");
	article_free(&a);
	/* no declaration: the HTTP hint, else UTF-8 if valid, else windows-1252 */
	const char *n = "<html><head><title>Caf\xE9</title></head></html>";
	T_EQ_INT(imp(&a, n, NULL, NULL), 0);
	T_EQ_STR(a.title, "Café");
	article_free(&a);
	T_EQ_INT(imp(&a, n, "text/html; charset=iso-8859-15", NULL), 0);
	T_EQ_STR(a.title, "Café");
	article_free(&a);
	const char *u = "<html><head><title>Caf\xC3\xA9</title></head></html>";
	T_EQ_INT(imp(&a, u, NULL, NULL), 0);
	T_EQ_STR(a.title, "Café");
	article_free(&a);
	/* a BOM wins over the <meta> */
	const char *bom = "\xEF\xBB\xBF<html><head><meta charset=\"windows-1252\"><title>Caf\xC3\xA9</title></head></html>";
	T_EQ_INT(imp(&a, bom, NULL, NULL), 0);
	T_EQ_STR(a.title, "Café");
	article_free(&a);
	/* declared UTF-8 but broken: replaced, and said with its line */
	const char *bad = "<html><head><meta charset=utf-8>\n<title>A\xFF""B</title></head></html>";
	T_EQ_INT(imp(&a, bad, NULL, NULL), 0);
	T_EQ_STR(a.title, "A\xEF\xBF\xBD""B");
	T_OK(d.n >= 1 && has(d.msg[0], "page:2: invalid UTF-8 (replaced with U+FFFD)"));
	article_free(&a);
	/* a NUL inside a <meta> tag: the charset prescan goes on (it looped) */
	static const char nul[] = "<html><head><meta chars\0et=\"utf-8\"\0 =\0><title>Caf\xC3\xA9</title></head></html>";
	diag_free(&d);
	T_EQ_INT(html_import(nul, sizeof nul - 1, NULL, NULL, &a, &d), 0);
	T_EQ_STR(a.title, "Café");
	article_free(&a);
	/* an unknown charset: said, and read as windows-1252 */
	const char *unk = "<html><head><meta charset=\"x-klingon\"><title>Caf\xE9</title></head></html>";
	T_EQ_INT(imp(&a, unk, NULL, NULL), 0);
	T_EQ_STR(a.title, "Café");
	T_OK(d.n >= 1 && has(d.msg[0], "page: unknown charset \"x-klingon\" (read as windows-1252)"));
	article_free(&a);
}

TEST(markdown_forms)
{
	char *m = md("<h3>Sub <em>head</em> #</h3><p>a  \n b<br>c</p><ul><li>one<ul><li>nested</li></ul></li>"
		     "<li><p>two</p><p>more</p></li></ul><pre>code\n  kept &lt;x&gt;</pre>"
		     "<p>use <code>a`b</code> here</p>", "https://x.example/");
	T_EQ_STR(m, "### Sub *head* \\#\n\na b\\\nc\n\n- one\n  - nested\n- two\n\n  more\n\n"
		    "```\ncode\n  kept <x>\n```\n\nuse ``a`b`` here\n");
	free(m);
	/* emphasis: blanks outside the markers, empty ones gone, no nesting of one kind */
	m = md("<p>a<em> b </em>c <strong></strong>d <b>x<b>y</b></b> <i> </i>e</p>", NULL);
	T_EQ_STR(m, "a *b* c d **xy** e\n");
	free(m);
	/* links: absolute, relative to the base; none for javascript: or #anchors */
	m = md("<p><a href=\"/p?q=1 2\">one</a> <a href=\"javascript:alert(1)\">two</a> "
	       "<a href=\"#top\">three</a> <a href=\"x(1).html\"><img src=y></a> "
	       "<a href=\"mailto:a@b.example\">mail</a></p>", "https://x.example/dir/page.html");
	T_EQ_STR(m, "[one](https://x.example/p?q=1%202) two three [mail](mailto:a@b.example)\n");
	free(m);
	/* text that looks like markup is escaped and renders as written */
	const char *tricky = "<p># not a heading</p><p>1. not a list</p><p>- nor this</p>"
			     "<p>*stars* _under_ [brackets] `tick` &lt;tag&gt; &amp;amp; a\\b</p>"
			     "<p>2019. The year</p><p>+ plus</p><p>&gt; quote</p><p>=== line</p>";
	m = md(tricky, NULL);
	char *h = render(m);
	T_EQ_STR(h, "<p># not a heading</p>\n<p>1. not a list</p>\n<p>- nor this</p>\n"
		    "<p>*stars* _under_ [brackets] `tick` &lt;tag&gt; &amp;amp; a\\b</p>\n"
		    "<p>2019. The year</p>\n<p>+ plus</p>\n<p>&gt; quote</p>\n<p>=== line</p>\n");
	free(h);
	free(m);
	/* quotes with several paragraphs and a list inside */
	m = md("<blockquote><p>one</p><p>two</p><ul><li>x</li></ul></blockquote><p>after</p>", NULL);
	T_EQ_STR(m, "> one\n>\n> two\n>\n> - x\n\nafter\n");
	free(m);
	/* <br><br> is a new paragraph, one <br> a hard break */
	m = md("<p>a<br><br>b<br>c<br> <br><em>d</em></p>", NULL);
	T_EQ_STR(m, "a\n\nb\\\nc\n\n*d*\n");
	free(m);
	/* tables: one row a line of cells */
	m = md("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td>2</td></tr></table>", NULL);
	T_EQ_STR(m, "A | B\n\n1 | 2\n");
	free(m);
	m = md("", NULL);
	T_EQ_STR(m, "");
	free(m);
}

TEST(fragment_drops)
{
	char *m = md("<p>Kept</p><script>alert('SCRIPT-LEAK')</script><style>.x{}</style>"
		     "<noscript>NOSCRIPT-LEAK</noscript><template><p>TEMPLATE-LEAK</p></template>"
		     "<p hidden>HIDDEN-LEAK</p><p style=\"display: none\">HIDDEN-LEAK</p>"
		     "<div aria-hidden=\"true\">HIDDEN-LEAK</div><form><input value=\"FORM-LEAK\"></form>"
		     "<iframe src=\"x\">IFRAME-LEAK</iframe><![CDATA[ CDATA-LEAK ]]>"
		     "<![if !IE]>IE<![endif]><p>Also kept</p>", NULL);
	T_EQ_STR(m, "Kept\n\nIE\n\nAlso kept\n");
	free(m);
}

TEST(controls_never_pass)
{
	/* ESC, C1 (CSI), bidi overrides, BOM, zero-width space, NUL as &#0; */
	const char *p =
		"<html><head><title>Evil\x1b[31m title\xE2\x80\xAE&#x202E;gnp.exe &#27;]52;c;x&#7;&#x9b;1m</title></head>"
		"<body><p>Text\x1b[2J with \xC2\x9B""escapes\xE2\x81\xA6 and &#0;&#1; and \xEF\xBB\xBF"
		"zero\xE2\x80\x8Bwidth, long enough to be the body of the article, with commas.</p></body></html>";
	struct article a;
	T_EQ_INT(imp(&a, p, NULL, NULL), 0);
	const char *fields[] = { a.title, a.body };
	for (size_t f = 0; f < 2; f++) {
		const unsigned char *s = (const unsigned char *)fields[f];
		for (size_t i = 0; s[i]; i++) {
			T_CHECK(s[i] >= 0x20 || s[i] == '\n', "control byte %02x in %s", s[i], fields[f]);
			T_CHECK(!(s[i] == 0xC2 && s[i + 1] >= 0x80 && s[i + 1] < 0xA0), "C1 in %s", fields[f]);
			T_CHECK(!(s[i] == 0xE2 && s[i + 1] == 0x80 && s[i + 2] >= 0xAA && s[i + 2] <= 0xAE),
				"bidi in %s", fields[f]);
			T_CHECK(!(s[i] == 0xE2 && s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9),
				"bidi isolate in %s", fields[f]);
		}
	}
	T_EQ_STR(a.title, "Evil[31m titlegnp.exe ]52;c;x1m");
	T_OK(has(a.body, "Text\\[2J with escapes and and zerowidth"));
	article_free(&a);
}

TEST(xxe_never_reads)
{
	const char *p =
		"<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
		"<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]>\n"
		"<html><head><title>T &xxe;</title></head><body><p>Before &xxe; after, and a long enough "
		"paragraph to count as the body of this page.</p>"
		"<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\" parse=\"text\"/></body></html>";
	struct article a;
	T_EQ_INT(imp(&a, p, NULL, NULL), 0);
	T_OK(!strstr(a.title, "root:") && !strstr(a.body, "root:"));
	T_OK(!strstr(a.body, "/bin/"));
	article_free(&a);
}

TEST(deep_nesting)
{
	/* 10,000 open divs (and as many spans) : no recursion may overflow */
	struct buf b = BUF_INIT;
	buf_adds(&b, "<html><head><title>Deep</title></head><body>");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, i % 2 ? "<div>" : "<span><blockquote><ul><li>");
	buf_adds(&b, "<p>The text at the bottom of a very deep page, with commas, and more words.</p>");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, i % 2 ? "</div>" : "</li></ul></blockquote></span>");
	buf_adds(&b, "</body></html>");
	struct article a;
	diag_free(&d);
	T_EQ_INT(html_import(b.data, b.len, NULL, NULL, &a, &d), 0);
	T_EQ_STR(a.title, "Deep");
	article_free(&a);
	char *m = html_to_markdown(b.data, b.len, NULL, NULL);
	T_OK(m != NULL);
	free(m);
	buf_free(&b);
}

TEST(refusals)
{
	struct article a;
	diag_free(&d);
	T_EQ_INT(html_import("  \n", 3, NULL, NULL, &a, &d), -1);
	T_OK(d.n == 1 && has(d.msg[0], "page: empty file (skipped)"));
	diag_free(&d);
	T_EQ_INT(html_import_named("big.html", "<html>", (size_t)HTML_MAX_SIZE + 1, NULL, NULL, &a, &d), -1);
	T_OK(d.n == 1 && has(d.msg[0], "big.html: too large (33554433 bytes, limit 32 MiB; skipped)"));
	article_free(&a);
	/* a page without text: kept, and said */
	T_EQ_INT(imp(&a, "<html><head><title>Only a title</title></head><body><script>x</script></body></html>",
		     NULL, "https://x.example/a"), 0);
	T_EQ_STR(a.title, "Only a title");
	T_EQ_STR(a.url, "https://x.example/a");
	T_EQ_STR(a.body, "");
	T_OK(d.n == 1 && has(d.msg[0], "https://x.example/a: no article text found"));
	article_free(&a);
}

T_MAIN(RUN(sniff); RUN(page_english); RUN(language_from_the_words); RUN(clutter_in_portuguese_and_dutch); RUN(metadata_order); RUN(main_text); RUN(titles); RUN(charsets);
       RUN(markdown_forms); RUN(fragment_drops); RUN(controls_never_pass);
       RUN(xxe_never_reads); RUN(deep_nesting); RUN(refusals))
