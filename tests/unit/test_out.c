/* test_out.c: the one output path (out.c): formats print as printf does,
 * every value is sanitised and cut, the format's own TABs and newlines
 * stay, JSON strings escape what a terminal must not get. */
#include <stdint.h>
#include "t.h"
#include "diag.h"
#include "out.h"
#include "text.h"

/* What f printed, as a string (malloc'd). */
struct cap {
	char *buf;
	size_t len;
	FILE *f;
};

static void cap_open(struct cap *c)
{
	c->buf = NULL;
	c->len = 0;
	c->f = open_memstream(&c->buf, &c->len);
	T_CHECK(c->f != NULL, "open_memstream: %s", strerror(errno));
}

static char *cap_close(struct cap *c)
{
	fclose(c->f);
	return c->buf;
}

#define PRINTED(expect, ...) do { struct cap c_; cap_open(&c_); \
	out_printf(c_.f, __VA_ARGS__); char *got_ = cap_close(&c_); \
	T_EQ_STR(got_, expect); free(got_); } while (0)

TEST(numbers_as_printf)
{
	PRINTED("7\t-3\t42\t2.5000\t0.123\t000x1f", "%zu\t%d\t%ld\t%.4f\t%.3f\t%02x%#x", (size_t)7, -3, 42L,
		2.5, 0.1234, 0, 31);
	PRINTED("100%", "%d%%", 100);
	PRINTED("  -5|18446744073709551615|-9", "%4lld|%llu|%jd", -5LL, 18446744073709551615ULL,
		(intmax_t)-9);
}

TEST(strings_padded_and_cut_as_printf)
{
	PRINTED("undated     x\tab|", "%-10s  %s\t%.*s|", "undated", "x", 2, "abcdef");
	PRINTED("   ab", "%5s", "ab");
	PRINTED("[^[]", "[%c]", 27);
}

TEST(values_sanitised_format_kept)
{
	/* the format's TAB and LF stay, a value's become caret notation or
	 * spaces: a value cannot add a column or a line */
	PRINTED("a^[]52;c;x^G    b^Jc\tz\n", "%s\t%s\n", "a\033]52;c;x\007\tb\nc", "z");
	PRINTED("bidi \xef\xbf\xbd x \xef\xbf\xbd", "%s", "bidi \xe2\x80\xae x \xc2\x9b");
	PRINTED("bad \xef\xbf\xbd", "%s", "bad \xff");
}

TEST(long_value_cut_with_ellipsis)
{
	size_t n = OUT_FIELD_MAX * 3;
	char *s = malloc(n + 1);
	memset(s, 'T', n);
	s[n] = '\0';
	s[OUT_FIELD_MAX - 1] = '\xc3';	/* "à" across the cut: never split */
	s[OUT_FIELD_MAX] = '\xa0';
	struct cap c;
	cap_open(&c);
	out_printf(c.f, "%s|", s);
	char *got = cap_close(&c);
	size_t len = strlen(got);
	T_CHECK(len < OUT_FIELD_MAX + 8, "%zu bytes printed", len);
	T_OK(len >= 4 && strcmp(got + len - 4, "\xe2\x80\xa6|") == 0);
	T_OK(text_valid_utf8(got, len, NULL));
	T_OK(text_is_sanitized(got, len, false));
	free(got);
	cap_open(&c);
	out_json(c.f, s);
	got = cap_close(&c);
	len = strlen(got);
	T_CHECK(len < OUT_FIELD_MAX + 8 && got[len - 1] == '"', "%zu bytes", len);
	free(got);
	free(s);
}

TEST(json_strings)
{
	struct cap c;
	cap_open(&c);
	out_json(c.f, "q\"b\\ \n\t\r\033\007\x7f \xc2\x9b \xe2\x80\xae \xe2\x81\xa9 \xff é");
	char *got = cap_close(&c);
	T_EQ_STR(got, "\"q\\\"b\\\\ \\n\\t\\r\\u001b\\u0007\\u007f \\u009b \\u202e \\u2069 \\ufffd é\"");
	free(got);
}

TEST(diag_and_text)
{
	struct diag d = DIAG_INIT;
	diag_add(&d, "d/e\033]0;t\007.md", 3, "bad '%s'", "\xe2\x80\xae");
	diag_add(&d, NULL, 0, "two\nlines");
	struct cap c;
	cap_open(&c);
	out_diag(c.f, "filo: ", &d);
	char *got = cap_close(&c);
	T_EQ_STR(got, "filo: d/e^[]0;t^G.md:3: bad '\xef\xbf\xbd'\nfilo: two^Jlines\n");
	free(got);
	diag_free(&d);
	cap_open(&c);
	out_text(c.f, "line 1\nline\0332\n", 14);
	got = cap_close(&c);
	T_EQ_STR(got, "line 1\nline^[2\n");
	free(got);
}

T_MAIN(RUN(numbers_as_printf); RUN(strings_padded_and_cut_as_printf);
       RUN(values_sanitised_format_kept); RUN(long_value_cut_with_ellipsis);
       RUN(json_strings); RUN(diag_and_text))
