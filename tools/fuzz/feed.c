/* Fuzz target: feeds (RSS, Atom, JSON Feed) parsed and turned into the
 * articles filo import writes, with the output contracts checked: a failed
 * parse says why and keeps no item; every field is valid UTF-8, one-line
 * fields hold no control character, links are http(s), dates valid; the
 * file text parses back to the same fields and its checksum verifies. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "article.h"
#include "diag.h"
#include "feed.h"
#include "import.h"
#include "import_dir.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void need(bool ok)
{
	if (!ok)
		abort();
}

static void check_line(const char *s)
{
	need(s != NULL && text_valid_utf8(s, strlen(s), NULL));
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		need(*p >= 0x20 && *p != 0x7f);
}

static void check_item(const struct feed_item *it)
{
	int y, m, d;
	check_line(it->title);
	check_line(it->url);
	check_line(it->guid);
	check_line(it->author);
	check_line(it->lang);
	need(!it->url[0] || strncasecmp(it->url, "http://", 7) == 0 ||
	     strncasecmp(it->url, "https://", 8) == 0);
	need(!it->date[0] || (strlen(it->date) == 10 &&
			      article_parse_date(it->date, &y, &m, &d) == 0));
	need(it->content != NULL && strlen(it->content) == it->content_len);
}

/* The article as written, read back: the same fields, a valid checksum. */
static void check_article(const struct article *a)
{
	size_t len;
	char *text = import_dir_format(a, &len);
	need(import_dir_verify(text, len) == 1);
	struct article b;
	need(article_parse(&b, "fuzz.md", text, len, true, NULL) == 0);
	need(strcmp(a->title, b.title) == 0 || !a->title[0]);
	need(strcmp(a->date, b.date) == 0);
	need(strcmp(a->url, b.url) == 0);
	need(strcmp(a->source, b.source) == 0);
	need(b.body && text_valid_utf8(b.body, b.body_len, NULL));
	article_free(&b);
	free(text);
	free(import_file_name(a));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct feed f;
	struct diag d = DIAG_INIT;
	int rc = feed_parse("fuzz.xml", (const char *)data, size,
			    "https://fuzz.example/feeds/rss.xml", &f, &d);
	if (rc != 0) {
		need(f.nitems == 0 && d.n >= 1);
	} else {
		check_line(f.title);
		check_line(f.url);
		for (size_t i = 0; i < f.nitems; i++) {
			struct article a;
			check_item(&f.items[i]);
			import_feed_item(&f, &f.items[i], "fuzz.xml", &a);
			check_article(&a);
			article_free(&a);
		}
	}
	feed_free(&f);
	diag_free(&d);
	return 0;
}
