/* Fuzz target: the one output path (text.c's sanitiser, out.c over it).
 * Any bytes in; what comes out must be valid UTF-8 with no C0 control but
 * the format's own TAB and LF (and LF where newlines are kept), no DEL, no
 * C1 control and no bidi embedding, override or isolate; sanitising twice
 * changes nothing; a JSON string is valid JSON and decodes to the input
 * (an invalid byte as U+FFFD); a value can neither add a line nor a column
 * to out_printf's output; nothing printed is longer than the cap allows. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include "out.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* No control, DEL, C1 or bidi character but those in allowed; valid UTF-8. */
static bool safe(const char *s, size_t n, const char *allowed)
{
	const uint8_t *u = (const uint8_t *)s;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int k = u8_mbtoucr(&c, u + i, n - i);
		if (k <= 0)
			return false;
		if ((c < 0x20 && !strchr(allowed, (int)c)) || c == 0 ||
		    (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
		    (c >= 0x2066 && c <= 0x2069))
			return false;
		i += (size_t)k;
	}
	return true;
}

static int hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	     : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the inside of a JSON string (no surrogate escapes are made by
 * the sanitiser, so none are accepted); false when it is not valid JSON. */
static bool json_decode(const char *s, size_t n, uint8_t *out, size_t *outlen)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c < 0x20)
			return false;
		if (c != '\\') {
			out[o++] = c;
			continue;
		}
		if (++i == n)
			return false;
		const char *simple = strchr("\"\\/bfnrt", s[i]);
		if (simple && s[i]) {
			out[o++] = (uint8_t)"\"\\/\b\f\n\r\t"[simple - "\"\\/bfnrt"];
			continue;
		}
		if (s[i] != 'u')
			return false;
		ucs4_t cp = 0;
		for (int k = 1; k <= 4; k++) {
			if (i + (size_t)k >= n || hexval(s[i + k]) < 0)
				return false;
			cp = cp * 16 + (ucs4_t)hexval(s[i + k]);
		}
		if (cp >= 0xD800 && cp <= 0xDFFF)
			return false;
		i += 4;
		o += (size_t)u8_uctomb(out + o, cp, 4);
	}
	*outlen = o;
	return true;
}

/* The input as JSON decoding must give it back: invalid bytes as U+FFFD. */
static uint8_t *expected_json(const uint8_t *s, size_t n, size_t *len)
{
	uint8_t *e = malloc(3 * n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		int k = s[i] < 0x80 ? (c = s[i], 1) : u8_mbtoucr(&c, s + i, n - i);
		if (k <= 0) {
			c = 0xFFFD;
			k = 1;
		}
		o += (size_t)u8_uctomb(e + o, c, 4);
		i += (size_t)k;
	}
	*len = o;
	return e;
}

static void check_sanitize(const char *s, size_t n, bool newlines)
{
	size_t len, len2;
	char *out = text_sanitize(s, n, newlines, &len);
	if (!safe(out, len, newlines ? "\n" : "") || !text_is_sanitized(out, len, newlines))
		abort();
	char *again = text_sanitize(out, len, newlines, &len2);
	if (len2 != len || memcmp(out, again, len) != 0)
		abort();
	if (text_is_sanitized(s, n, newlines) && (len != n || memcmp(s, out, n) != 0))
		abort();
	free(out);
	free(again);
}

static void check_json(const char *s, size_t n)
{
	size_t len, dlen, elen;
	char *j = text_sanitize_json(s, n, &len);
	uint8_t *dec = malloc(len + 1);
	if (!safe(j, len, "") || !json_decode(j, len, dec, &dlen))
		abort();
	uint8_t *exp = expected_json((const uint8_t *)s, n, &elen);
	if (dlen != elen || memcmp(dec, exp, elen) != 0)
		abort();
	free(j);
	free(dec);
	free(exp);
}

static void check_out(const char *s, size_t n)
{
	char *z = malloc(n + 1);
	memcpy(z, s, n);
	z[n] = '\0';
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return;
	out_printf(f, "%s\t%.*s|%-3c\n", z, (int)(n / 2), z, n ? z[0] : 'x');
	fclose(f);
	/* one TAB and one LF, both the format's; each value cut to the cap */
	size_t tabs = 0, lfs = 0;
	for (size_t i = 0; i < len; i++) {
		tabs += buf[i] == '\t';
		lfs += buf[i] == '\n';
	}
	if (!safe(buf, len, "\t\n") || tabs != 1 || lfs != 1 || buf[len - 1] != '\n' ||
	    len > 3 * (2 * 4 * OUT_FIELD_MAX + 16))
		abort();
	free(buf);
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	out_json(f, z);
	fclose(f);
	size_t dlen;
	uint8_t *dec = malloc(len + 1);
	if (len < 2 || buf[0] != '"' || buf[len - 1] != '"' || !safe(buf, len, "") ||
	    !json_decode(buf + 1, len - 2, dec, &dlen))
		abort();
	free(dec);
	free(buf);
	f = open_memstream(&buf, &len);
	if (!f)
		return;
	out_text(f, s, n);
	fclose(f);
	if (!safe(buf, len, "\n"))
		abort();
	free(buf);
	free(z);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	check_sanitize(s, size, false);
	check_sanitize(s, size, true);
	check_json(s, size);
	check_out(s, size);
	return 0;
}
