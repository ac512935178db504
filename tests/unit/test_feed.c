/* test_feed.c: RSS 2.0 and 1.0, Atom and JSON Feed parsed into items
 * (titles, links resolved, guids, dates, content kinds), the sniffer, and
 * hostile XML: entity expansion, external entities, depth, malformed input
 * reported with its line. */
#include <unistd.h>
#include "t.h"
#include "feed.h"

static struct diag d = DIAG_INIT;
static struct feed f;

static int parse(const char *text, const char *base)
{
	feed_free(&f);
	diag_free(&d);
	return feed_parse("f.xml", text, strlen(text), base, &f, &d);
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

TEST(rss2)
{
	const char *x =
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"\n"
		"     xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		"<channel>\n"
		"  <title>Harbor City &amp; Times</title>\n"
		"  <link>https://harbor.example/</link>\n"
		"  <language>en-gb</language>\n"
		"  <item>\n"
		"    <title>Port reopens after storm</title>\n"
		"    <link>/news/port-reopens</link>\n"
		"    <guid isPermaLink=\"false\">hc-1234</guid>\n"
		"    <pubDate>Tue, 13 Mar 2007 23:30:00 -0500</pubDate>\n"
		"    <dc:creator>Staff Reporter</dc:creator>\n"
		"    <description>Short &lt;b&gt;summary&lt;/b&gt;</description>\n"
		"    <content:encoded><![CDATA[<p>The <a href=\"/x\">port</a> reopened.</p>]]></content:encoded>\n"
		"  </item>\n"
		"  <item>\n"
		"    <title>Second &lt;em&gt;story&lt;/em&gt;</title>\n"
		"    <guid>https://harbor.example/2</guid>\n"
		"    <dc:date>2007-03-14T08:00:00+01:00</dc:date>\n"
		"    <description>Only a summary.</description>\n"
		"  </item>\n"
		"  <item><description></description></item>\n"
		"</channel></rss>\n";
	T_EQ_INT(feed_sniff(x, strlen(x)), FEED_RSS);
	T_EQ_INT(parse(x, NULL), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(f.kind, FEED_RSS);
	T_EQ_STR(f.title, "Harbor City & Times");
	T_EQ_STR(f.url, "https://harbor.example/");
	T_EQ_STR(f.lang, "en-gb");
	T_EQ_INT(f.nitems, 2);
	T_EQ_INT(f.nempty, 1);
	if (f.nitems < 2)
		return;
	struct feed_item *a = &f.items[0], *b = &f.items[1];
	T_EQ_STR(a->title, "Port reopens after storm");
	T_EQ_STR(a->url, "https://harbor.example/news/port-reopens");
	T_EQ_STR(a->guid, "hc-1234");
	T_EQ_STR(a->date, "2007-03-13");	/* as written, not moved to UTC */
	T_EQ_STR(a->author, "Staff Reporter");
	T_EQ_STR(a->lang, "en-gb");
	T_EQ_STR(a->content, "<p>The <a href=\"/x\">port</a> reopened.</p>");
	T_OK(a->content_html && !a->summary_only);
	T_EQ_STR(a->base, "https://harbor.example/news/port-reopens");
	T_EQ_INT(a->line, 8);
	T_EQ_STR(b->title, "Second story");
	T_EQ_STR(b->url, "https://harbor.example/2");	/* the permalink guid */
	T_EQ_STR(b->date, "2007-03-14");
	T_EQ_STR(b->content, "Only a summary.");
	T_OK(b->content_html && b->summary_only);
}

TEST(rss1)
{
	const char *x =
		"<?xml version=\"1.0\"?>\n"
		"<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
		" xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
		"<channel rdf:about=\"https://s.example/\"><title>Sito</title>"
		"<link>https://s.example/</link><dc:language>it</dc:language></channel>\n"
		"<item rdf:about=\"https://s.example/a\"><title>Uno</title>"
		"<link>https://s.example/a</link><dc:date>2023-09-14</dc:date>"
		"<description>Testo.</description></item>\n"
		"</rdf:RDF>\n";
	T_EQ_INT(feed_sniff(x, strlen(x)), FEED_RSS);
	T_EQ_INT(parse(x, NULL), 0);
	T_EQ_STR(f.title, "Sito");
	T_EQ_INT(f.nitems, 1);
	if (f.nitems) {
		T_EQ_STR(f.items[0].title, "Uno");
		T_EQ_STR(f.items[0].url, "https://s.example/a");
		T_EQ_STR(f.items[0].date, "2023-09-14");
		T_EQ_STR(f.items[0].lang, "it");
	}
}

TEST(atom)
{
	const char *x =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\"\n"
		"      xml:base=\"https://journal.example/fr/\">\n"
		"  <title type=\"html\">Le &lt;i&gt;Journal&lt;/i&gt;</title>\n"
		"  <link rel=\"self\" href=\"https://journal.example/feed.atom\"/>\n"
		"  <link href=\"https://journal.example/\"/>\n"
		"  <entry>\n"
		"    <title>Premier</title>\n"
		"    <link rel=\"enclosure\" href=\"a.mp3\"/>\n"
		"    <link rel=\"alternate\" href=\"articles/1\"/>\n"
		"    <id>tag:journal.example,2023:1</id>\n"
		"    <updated>2023-09-15T10:00:00Z</updated>\n"
		"    <published>2023-09-14T22:00:00-02:00</published>\n"
		"    <author><name>Marie Dupont</name></author>\n"
		"    <summary>Résumé</summary>\n"
		"    <content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">"
		"<p>Un <b>texte</b>.</p></div></content>\n"
		"  </entry>\n"
		"  <entry xml:lang=\"de\">\n"
		"    <title type=\"text\">Zweiter &lt;Titel&gt;</title>\n"
		"    <id>urn:uuid:2</id>\n"
		"    <updated>2023-09-16T10:00:00Z</updated>\n"
		"    <summary type=\"html\">&lt;p&gt;Nur &amp;amp; kurz&lt;/p&gt;</summary>\n"
		"  </entry>\n"
		"  <entry><title>Texte</title><content type=\"text\">a &lt; b</content></entry>\n"
		"</feed>\n";
	T_EQ_INT(feed_sniff(x, strlen(x)), FEED_ATOM);
	T_EQ_INT(parse(x, NULL), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(f.kind, FEED_ATOM);
	T_EQ_STR(f.title, "Le Journal");
	T_EQ_STR(f.url, "https://journal.example/");
	T_EQ_STR(f.lang, "fr");
	T_EQ_INT(f.nitems, 3);
	if (f.nitems < 3)
		return;
	struct feed_item *a = &f.items[0], *b = &f.items[1], *c = &f.items[2];
	T_EQ_STR(a->title, "Premier");
	T_EQ_STR(a->url, "https://journal.example/fr/articles/1");	/* xml:base */
	T_EQ_STR(a->guid, "tag:journal.example,2023:1");
	T_EQ_STR(a->date, "2023-09-14");	/* published before updated */
	T_EQ_STR(a->author, "Marie Dupont");
	T_EQ_STR(a->lang, "fr");
	T_EQ_STR(a->content, "<p>Un <b>texte</b>.</p>");
	T_OK(a->content_html && !a->summary_only);
	T_EQ_STR(b->title, "Zweiter <Titel>");	/* text: kept as written */
	T_EQ_STR(b->lang, "de");
	T_EQ_STR(b->date, "2023-09-16");
	T_EQ_STR(b->url, "");
	T_EQ_STR(b->content, "<p>Nur &amp; kurz</p>");
	T_OK(b->content_html && b->summary_only);
	T_EQ_STR(b->base, "https://journal.example/fr/");
	T_EQ_STR(c->content, "a < b");
	T_OK(!c->content_html);
	T_EQ_STR(c->date, "");
}

TEST(json_feed)
{
	const char *x =
		"{\"version\": \"https:\\/\\/jsonfeed.org\\/version\\/1.1\",\n"
		" \"title\": \"Diario\", \"home_page_url\": \"https://diario.example/\",\n"
		" \"feed_url\": \"https://diario.example/feed.json\", \"language\": \"es\",\n"
		" \"items\": [\n"
		"  {\"id\": \"1\", \"url\": \"/noticias/1\", \"title\": \"Uno\",\n"
		"   \"content_html\": \"<p>Hola</p>\", \"date_published\": \"2023-09-14T10:00:00+02:00\",\n"
		"   \"authors\": [{\"name\": \"Ana\"}]},\n"
		"  {\"id\": 2, \"content_text\": \"Sin t\\u00edtulo \\u001b[31m\", \"date_modified\": \"bad\"},\n"
		"  {\"id\": \"\"}, 7,\n"
		"  {\"id\": \"3\", \"external_url\": \"javascript:alert(1)\", \"summary\": \"s\"}\n"
		" ]}\n";
	T_EQ_INT(feed_sniff(x, strlen(x)), FEED_JSON);
	T_EQ_INT(parse(x, NULL), 0);
	T_EQ_INT(f.kind, FEED_JSON);
	T_EQ_STR(f.title, "Diario");
	T_EQ_STR(f.lang, "es");
	T_EQ_INT(f.nitems, 3);
	T_EQ_INT(f.nempty, 1);
	T_OK(diag_has("unreadable date 'bad' (item left undated)"));
	T_OK(diag_has("link 'javascript:alert(1)' is not an http(s) address (left out)"));
	if (f.nitems < 3)
		return;
	T_EQ_STR(f.items[0].url, "https://diario.example/noticias/1");
	T_EQ_STR(f.items[0].date, "2023-09-14");
	T_EQ_STR(f.items[0].author, "Ana");
	T_EQ_STR(f.items[0].lang, "es");
	T_OK(f.items[0].content_html);
	T_EQ_STR(f.items[1].guid, "2");
	T_EQ_STR(f.items[1].title, "");
	T_EQ_STR(f.items[1].content, "Sin título \x1b[31m");	/* a body: import cleans it */
	T_OK(!f.items[1].content_html);
	T_EQ_STR(f.items[2].url, "");
	T_OK(f.items[2].summary_only);
	/* Not a JSON Feed, and broken JSON with its line. */
	T_EQ_INT(parse("{\"version\": \"jsonfeed.org\"}", NULL), -1);
	T_OK(diag_has("f.xml: not a JSON Feed"));
	T_EQ_INT(parse("{\"version\": \"https://jsonfeed.org/version/1\",\n\"items\": [\n{,}]}", NULL), -1);
	T_OK(diag_has("f.xml:3: "));
	T_OK(diag_has("(feed not imported)"));
}

TEST(sniff)
{
	const char *feeds[] = {
		"\xEF\xBB\xBF<?xml version='1.0'?><!-- c --><rss/>",
		"<!DOCTYPE rss [ <!ENTITY a 'b>c'> ]>\n<rss version='2.0'>",
		"  <feed xmlns='http://www.w3.org/2005/Atom'>",
		"<rdf:RDF xmlns:rdf='x'>",
	};
	for (size_t i = 0; i < sizeof feeds / sizeof feeds[0]; i++)
		T_CHECK(feed_sniff(feeds[i], strlen(feeds[i])) != FEED_NONE, "%s", feeds[i]);
	const char *not[] = {
		"<!doctype html><html>", "<html><body>rss</body></html>", "Plain text <rss>",
		"{\"a\": 1}", "", "<?xml version='1.0'", "<rsss>", "<x:rss>",
	};
	for (size_t i = 0; i < sizeof not / sizeof not[0]; i++)
		T_CHECK(feed_sniff(not[i], strlen(not[i])) == FEED_NONE, "%s", not[i]);
}

TEST(malformed)
{
	T_EQ_INT(parse("<rss><channel>\n<item><title>a</item>\n</channel></rss>", NULL), -1);
	T_EQ_INT(f.nitems, 0);
	T_OK(d.n == 1);
	T_OK(diag_has("f.xml:2: Opening and ending tag mismatch"));
	T_OK(diag_has("(feed not imported)"));
	T_EQ_INT(parse("<rss><channel><title>&nbsp;</title></channel></rss>", NULL), -1);
	T_OK(diag_has("f.xml:1: Entity 'nbsp' not defined"));
	T_EQ_INT(parse("<feed><entry><title>t", NULL), -1);
	T_EQ_INT(parse("<html><body/></html>", NULL), -1);
	T_OK(diag_has("not an RSS, Atom or JSON feed"));
	/* 10,000 levels: libxml2's depth limit, reported. */
	struct buf b = BUF_INIT;
	buf_adds(&b, "<rss><channel><item><description>");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "<b>");
	T_EQ_INT(parse(buf_str(&b), NULL), -1);
	T_OK(diag_has("Excessive depth"));
	buf_free(&b);
}

TEST(billion_laughs)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n");
	for (int i = 1; i <= 9; i++) {
		buf_addf(&b, "<!ENTITY l%d \"", i);
		for (int k = 0; k < 10; k++)
			buf_addf(&b, "&l%d;", i - 1);
		buf_adds(&b, "\">\n");
	}
	buf_adds(&b, "]>\n<rss><channel><title>&l9;</title><item><title>&l9;</title>"
		 "</item></channel></rss>\n");
	T_EQ_INT(parse(buf_str(&b), NULL), -1);
	T_OK(diag_has("entity reference loop"));
	T_EQ_INT(f.nitems, 0);
	buf_free(&b);
	/* A small internal entity is read through, once. */
	T_EQ_INT(parse("<!DOCTYPE rss [<!ENTITY n \"Nord\"><!ENTITY m \"&n;-&n;\">]>"
		       "<rss><channel><item><title>&m;</title></item></channel></rss>", NULL), 0);
	T_EQ_STR(f.nitems ? f.items[0].title : "", "Nord-Nord");
}

TEST(external_entities)
{
	char path[] = "/tmp/filo-test-xxe-XXXXXX";
	int fd = mkstemp(path);
	T_OK(fd >= 0);
	T_OK(write(fd, "SECRET-XXE", 10) == 10);
	close(fd);
	struct buf b = BUF_INIT;
	buf_addf(&b, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
		 "<!ENTITY x SYSTEM \"file://%s\">\n<!ENTITY %% p SYSTEM \"file://%s\">\n%%p;\n]>\n"
		 "<rss><channel><title>a&x;b</title><item><title>t&x;</title>"
		 "<description>&x;</description></item></channel></rss>\n", path, path);
	int rc = parse(buf_str(&b), NULL);
	if (rc == 0 && f.nitems == 1) {
		T_EQ_STR(f.title, "ab");
		T_EQ_STR(f.items[0].title, "t");
		T_OK(!strstr(f.items[0].content, "SECRET"));
	}
	for (size_t i = 0; i < d.n; i++)
		T_OK(!strstr(d.msg[i], "SECRET"));
	buf_free(&b);
	/* A network DTD is not fetched either (no error, nothing read). */
	T_EQ_INT(parse("<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/x.dtd\">"
		       "<rss><channel><title>t</title></channel></rss>", NULL), 0);
	T_EQ_STR(f.title, "t");
	unlink(path);
}

TEST(escapes_and_links)
{
	/* XML forbids control characters, even as references. */
	T_EQ_INT(parse("<rss><channel><title>a&#27;[31m</title></channel></rss>", NULL), -1);
	T_OK(diag_has("f.xml:1: xmlParseCharRef: invalid xmlChar value 27 (feed not imported)"));
	T_EQ_INT(parse("<rss><channel><title>a\x1b[2Jb</title></channel></rss>", NULL), -1);
	T_EQ_INT(parse("<rss><channel><title>a\xC2\x9B" "2Jb</title>"
		       "<item><title>  one\n\t two  </title><link>file:///etc/passwd</link>"
		       "<guid>data:text/html,x</guid></item>"
		       "<item><title>x</title><link>https://h.example/a b/\xC3\xA8\xC2\x9D</link></item>"
		       "</channel></rss>", NULL), 0);
	T_EQ_STR(f.title, "a\xEF\xBF\xBD" "2Jb");	/* a C1 CSI is replaced */
	T_OK(f.nitems == 2);
	if (f.nitems == 2) {
		T_EQ_STR(f.items[0].title, "one two");
		T_EQ_STR(f.items[0].url, "");
		T_EQ_STR(f.items[1].url, "https://h.example/a%20b/%C3%A8%C2%9D");
	}
	T_OK(diag_has("f.xml:1: link 'file:///etc/passwd' is not an http(s) address (left out)"));
	/* The fetched URL is the base of relative links. */
	T_EQ_INT(parse("<rss><channel><link>/home</link><item><link>a/b</link></item>"
		       "</channel></rss>", "https://x.example/feeds/rss.xml"), 0);
	T_EQ_STR(f.url, "https://x.example/home");
	T_EQ_STR(f.nitems ? f.items[0].url : "", "https://x.example/feeds/a/b");
}

TEST(many_empty_items)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "<rss><channel><title>t</title>\n");
	for (int i = 0; i < 10000; i++)
		buf_adds(&b, "<item></item>\n");
	buf_adds(&b, "<item><title>last</title></item></channel></rss>");
	T_EQ_INT(parse(buf_str(&b), NULL), 0);
	T_EQ_INT(f.nitems, 1);
	T_EQ_INT(f.nempty, 10000);
	T_EQ_INT(f.nitems ? f.items[0].line : 0, 10002);
	buf_free(&b);
}

T_MAIN(RUN(rss2); RUN(rss1); RUN(atom); RUN(json_feed); RUN(sniff);
       RUN(malformed); RUN(billion_laughs); RUN(external_entities);
       RUN(escapes_and_links); RUN(many_empty_items);
       feed_free(&f); diag_free(&d))
