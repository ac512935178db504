/* Fuzz target: the HTML importer (html_import) and the fragment converter
 * (html_to_markdown), with their contracts checked: every field and the
 * body valid UTF-8 without control bytes (a newline in the body only), a
 * date article_parse_date accepts, and the article written by
 * article_format read back by article_parse with the same fields. The
 * first input byte picks a charset hint, so the hint's path is fuzzed too. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "article.h"
#include "diag.h"
#include "html.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8, no C0 control but (when newlines) '\n', no DEL, no C1
 * control, no bidi embedding, override or isolate. */
static bool clean_text(const char *s, size_t n, bool newlines)
{
	if (!text_valid_utf8(s, n, NULL))
		return false;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		if ((u[i] < 0x20 && !(newlines && u[i] == '\n')) || u[i] == 0x7F)
			return false;
		if (u[i] == 0xC2 && i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] < 0xA0)
			return false;
		if (u[i] == 0xE2 && i + 2 < n &&
		    ((u[i + 1] == 0x80 && u[i + 2] >= 0xAA && u[i + 2] <= 0xAE) ||
		     (u[i + 1] == 0x81 && u[i + 2] >= 0xA6 && u[i + 2] <= 0xA9)))
			return false;
	}
	return true;
}

static void check_field(const char *s)
{
	if (!s || !clean_text(s, strlen(s), false))
		abort();
}

static void check_article(const struct article *a)
{
	check_field(a->title);
	check_field(a->date);
	check_field(a->source);
	check_field(a->lang);
	check_field(a->url);
	for (size_t i = 0; i < a->nextra; i++)
		check_field(a->extra[i].value);
	if (!a->body || strlen(a->body) != a->body_len ||
	    !clean_text(a->body, a->body_len, true))
		abort();
	int y, m, d;
	if (article_parse_date(a->date, &y, &m, &d) != 0)
		abort();
	/* what the importer would write reads back as the same article */
	size_t len;
	char *text = article_format(a, &len);
	struct article b;
	struct diag dg = DIAG_INIT;
	if (article_parse(&b, "fuzz.md", text, len, true, &dg) != 0 ||
	    strcmp(a->date, b.date) || strcmp(a->source, b.source) ||
	    strcmp(a->url, b.url) || strcmp(a->lang, b.lang) ||
	    (a->title[0] && strcmp(a->title, b.title)))
		abort();
	article_free(&b);
	diag_free(&dg);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const hints[] = {
		NULL, "text/html; charset=utf-8", "iso-8859-1", "windows-1252",
		"shift_jis", "utf-16", "x-bogus",
	};
	const char *hint = size ? hints[data[0] % (sizeof hints / sizeof *hints)] : NULL;
	struct article a;
	struct diag d = DIAG_INIT;
	(void)html_sniff((const char *)data, size);
	if (html_import((const char *)data, size, hint, "https://fuzz.example/a/b.html",
			&a, &d) == 0)
		check_article(&a);
	article_free(&a);
	diag_free(&d);
	size_t n;
	char *md = html_to_markdown((const char *)data, size, "https://fuzz.example/", &n);
	if (!md || strlen(md) != n || !clean_text(md, n, true))
		abort();
	free(md);
	return 0;
}
