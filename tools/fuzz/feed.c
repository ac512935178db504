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

static void feed_need(bool ok)
{
	if (!ok)
		abort();
}

static void feed_check_line(const char *s)
{
	feed_need(s != NULL && text_valid_utf8(s, strlen(s), NULL));
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		feed_need(*p >= 0x20 && *p != 0x7f);
}

static void feed_check_item(const struct feed_item *it)
{
	int y, m, d;
	feed_check_line(it->title);
	feed_check_line(it->url);
	feed_check_line(it->guid);
	feed_check_line(it->author);
	feed_check_line(it->lang);
	feed_need(!it->url[0] || strncasecmp(it->url, "http://", 7) == 0 ||
	     strncasecmp(it->url, "https://", 8) == 0);
	feed_need(!it->date[0] || (strlen(it->date) == 10 &&
			      article_parse_date(it->date, &y, &m, &d) == 0));
	feed_need(it->content != NULL && strlen(it->content) == it->content_len);
}

/* The article as written, read back: the same fields, a valid checksum. */
static void feed_check_article(const struct article *a)
{
	size_t len;
	char *text = import_dir_format(a, &len);
	feed_need(import_dir_verify(text, len) == 1);
	struct article b;
	feed_need(article_parse(&b, "fuzz.md", text, len, true, NULL) == 0);
	feed_need(strcmp(a->title, b.title) == 0 || !a->title[0]);
	feed_need(strcmp(a->date, b.date) == 0);
	feed_need(strcmp(a->url, b.url) == 0);
	feed_need(strcmp(a->source, b.source) == 0);
	feed_need(b.body && text_valid_utf8(b.body, b.body_len, NULL));
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
		feed_need(f.nitems == 0 && d.n >= 1);
	} else {
		feed_check_line(f.title);
		feed_check_line(f.url);
		for (size_t i = 0; i < f.nitems; i++) {
			struct article a;
			feed_check_item(&f.items[i]);
			import_feed_item(&f, &f.items[i], "fuzz.xml", &a);
			feed_check_article(&a);
			article_free(&a);
		}
	}
	feed_free(&f);
	diag_free(&d);
	return 0;
}
