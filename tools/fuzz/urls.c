/* Fuzz target: the feeds file parser. Every feed kept must be fetchable
 * (http or https, no blank, control or invalid byte in the URL), its name
 * and tags clean UTF-8 without control characters, and every note printable
 * as it is: they all reach a terminal or a request. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "diag.h"
#include "text.h"
#include "urls.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Valid UTF-8 without C0 controls or DEL (when no_blank, without spaces). */
static bool urls_fuzz_clean(const char *s, bool no_blank)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f || (no_blank && s[i] == ' '))
			return false;
	return text_valid_utf8(s, n, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct urls u = { 0 };
	struct diag d = DIAG_INIT;
	size_t skipped = urls_parse(&u, "urls", (const char *)data, size, &d);
	size_t lines = 1;
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (u.n + skipped > lines || d.n < skipped)
		abort();
	for (size_t i = 0; i < u.n; i++) {
		const struct urls_feed *f = &u.feed[i];
		if (strncasecmp(f->url, "http://", 7) && strncasecmp(f->url, "https://", 8))
			abort();
		if (!urls_fuzz_clean(f->url, true) || strlen(f->url) > URLS_URL_MAX)
			abort();
		if ((f->name && (!*f->name || !urls_fuzz_clean(f->name, false))) || f->line > lines)
			abort();
		for (size_t t = 0; t < f->ntags; t++)
			if (!*f->tags[t] || !urls_fuzz_clean(f->tags[t], false))
				abort();
		for (size_t j = 0; j < i; j++)
			if (strcmp(u.feed[j].url, f->url) == 0)
				abort();
	}
	for (size_t i = 0; i < d.n; i++)
		if (!urls_fuzz_clean(d.msg[i], false))
			abort();
	urls_free(&u);
	diag_free(&d);
	return 0;
}
