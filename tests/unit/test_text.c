/* test_text.c: unit tests for text.c (widths, clusters, fitting, sanitising,
 * folding, line breaking and wrapping); also prints folding throughput. */
#include <stdint.h>
#include <time.h>
#include "t.h"
#include "buf.h"
#include "text.h"

#define S(lit) lit, (sizeof lit - 1)

static size_t width_of(const char *s)
{
	return text_width(s, strlen(s));
}

/* Marks b[i] = 1 at every cluster boundary of s (including 0 and n). */
static char *cluster_bounds(const char *s, size_t n)
{
	char *b = xcalloc(n + 1, 1);
	size_t p = 0;
	b[0] = 1;
	while (p < n) {
		size_t k = text_grapheme_len(s + p, n - p);
		if (k == 0 || k > n - p)
			break;
		p += k;
		b[p] = 1;
	}
	return b;
}

TEST(valid_utf8)
{
	size_t bad = 99;
	T_OK(text_valid_utf8(S("città 中文"), &bad));
	T_OK(!text_valid_utf8(S("ab\xff"), &bad));
	T_EQ_INT(bad, 2);
	T_OK(!text_valid_utf8(S("a\0b"), &bad));
	T_EQ_INT(bad, 1);
	T_OK(!text_valid_utf8(S("x\xc0\x80"), &bad));
	T_EQ_INT(bad, 1);
	T_OK(!text_valid_utf8(S("\xed\xa0\x80"), &bad));
	T_EQ_INT(bad, 0);
	T_OK(!text_valid_utf8(S("\xe2\x80"), NULL));
	T_OK(text_valid_utf8("", 0, NULL));
}

TEST(grapheme_len)
{
	T_EQ_INT(text_grapheme_len("", 0), 0);
	T_EQ_INT(text_grapheme_len(S("e\xcc\x81x")), 3);
	T_EQ_INT(text_grapheme_len(S("\xff\xfe")), 1);
	T_EQ_INT(text_grapheme_len(S("\r\nx")), 2);
	T_EQ_INT(text_grapheme_len(S("ab")), 1);
	/* Two flags in a row are two clusters, not one of eight bytes. */
	T_EQ_INT(text_grapheme_len(S("🇮🇹🇫🇷")), 8);
	T_EQ_INT(text_grapheme_len(S("👨‍👩‍👧x")), strlen("👨‍👩‍👧"));
	T_EQ_INT(text_grapheme_len(S("👍🏽x")), 8);
	T_EQ_INT(text_grapheme_len(S("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xabx")), 9);
	/* A ZWJ after a letter does not glue the next emoji to it. */
	T_EQ_INT(text_grapheme_len(S("a\xe2\x80\x8d😀")), 4);
}

TEST(widths)
{
	T_EQ_INT(width_of("hello, world"), 12);
	T_EQ_INT(width_of("citt\xc3\xa0"), 5);		/* NFC */
	T_EQ_INT(width_of("citta\xcc\x80"), 5);	/* NFD */
	T_EQ_INT(width_of("中文"), 4);
	T_EQ_INT(width_of("😀"), 2);
	T_EQ_INT(width_of("👍🏽"), 2);
	T_EQ_INT(width_of("👨‍👩‍👧"), 2);
	T_EQ_INT(width_of("🇮🇹"), 2);
	T_EQ_INT(width_of("🇮🇹🇫🇷"), 4);
	T_EQ_INT(width_of("❤️"), 2);
	T_EQ_INT(width_of("❤"), 1);
	T_EQ_INT(width_of("1\xef\xb8\x8f\xe2\x83\xa3"), 2);	/* keycap 1 */
	T_EQ_INT(width_of("\xf0\x9f\x8f\xbd"), 2);	/* lone skin tone */
	T_EQ_INT(width_of("e\xcc\x81"), 1);
	T_EQ_INT(text_grapheme_len(S("e\xcc\x81")), 3);
	T_EQ_INT(width_of("\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab"), 2);	/* jamo */
	T_EQ_INT(width_of("한국"), 4);
	T_EQ_INT(width_of("\xcc\x81"), 1);	/* lone combining mark */
	T_EQ_INT(width_of("\xff\xfe"), 2);
	T_EQ_INT(width_of("\xc0\x80"), 2);
	T_EQ_INT(width_of("\x1b"), 0);
	T_EQ_INT(width_of("\xc2\x9b"), 0);
	T_EQ_INT(width_of("a…b"), 3);
	T_EQ_INT(text_grapheme_width(S("中x")), 2);
	T_EQ_INT(text_grapheme_width("", 0), 0);
	T_EQ_INT(text_width(S("a\0b")), 2);
}

static const char mixed[] = "ae\xcc\x81中👨‍👩‍👧x🇮🇹🇫🇷\xff"
	"\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab❤️ z👍🏽";

TEST(fit_never_splits)
{
	size_t n = strlen(mixed), total = text_width(mixed, n);
	char *b = cluster_bounds(mixed, n);
	for (size_t cols = 0; cols <= total + 2; cols++) {
		size_t used = 999, k = text_fit(mixed, n, cols, &used);
		T_CHECK(k <= n && b[k], "cols %zu: split at %zu", cols, k);
		T_CHECK(used <= cols, "cols %zu used %zu", cols, used);
		T_EQ_INT(text_width(mixed, k), used);
		if (k < n) {
			size_t next = text_grapheme_len(mixed + k, n - k);
			T_CHECK(used + text_width(mixed + k, next) > cols,
				"cols %zu: next cluster would fit", cols);
		}
	}
	T_EQ_INT(text_fit(mixed, n, total, NULL), n);
	free(b);
}

TEST(pad)
{
	static const char cjk[] = "中文字";
	size_t n = strlen(cjk);
	char *b = cluster_bounds(cjk, n);
	for (size_t cols = 0; cols <= 10; cols++) {
		char out[64];
		memset(out, '#', sizeof out);
		size_t k = text_pad(out, cjk, n, cols);
		T_CHECK(k <= n + cols + 4, "cols %zu wrote %zu", cols, k);
		T_CHECK(out[k] == '#', "cols %zu: wrote past the returned length", cols);
		T_CHECK(text_width(out, k) == cols, "cols %zu: width %zu", cols,
			text_width(out, k));
		/* The kept part is a whole-cluster prefix of the input. */
		size_t keep = 0;
		while (keep < k && keep < n && out[keep] == cjk[keep])
			keep++;
		T_CHECK(b[keep], "cols %zu: prefix of %zu bytes splits", cols, keep);
	}
	free(b);
	/* Cut with an ellipsis, or padded with spaces, to exactly cols. */
	static const struct { const char *s; size_t cols; const char *want; } pads[] = {
		{ "中文字", 5, "中文…" },
		{ "中文字", 4, "中… " },
		{ "中文字", 6, "中文字" },
		{ "中文字", 8, "中文字  " },
		{ "中文字", 1, "…" },
		{ "abcdef", 4, "abc…" },
		{ "abc", 0, "" },
		{ "citta\xcc\x80 x", 6, "citta\xcc\x80…" },
	};
	for (size_t i = 0; i < sizeof pads / sizeof *pads; i++) {
		char out[64];
		size_t k = text_pad(out, pads[i].s, strlen(pads[i].s), pads[i].cols);
		T_EQ_MEM(out, k, pads[i].want);
	}
}

static void check_sanitize(const char *in, size_t n, bool nl, const char *want)
{
	size_t len = 0;
	char *out = text_sanitize(in, n, nl, &len);
	T_EQ_MEM(out, len, want);
	T_EQ_INT(strlen(out), len);
	free(out);
}

#define FFFD "\xef\xbf\xbd"

TEST(sanitize)
{
	check_sanitize(S("\x1b[2Jboom"), true, "^[[2Jboom");
	check_sanitize(S("\x1b]52;c;aGVsbG8=\x07"), true, "^[]52;c;aGVsbG8=^G");
	check_sanitize(S("\x1b]52;c;aGVsbG8=\x1b\\"), true, "^[]52;c;aGVsbG8=^[\\");
	check_sanitize(S("a\rb"), true, "a^Mb");
	check_sanitize(S("a\0b"), true, "a^@b");
	check_sanitize(S("a\x7f"), true, "a^?");
	check_sanitize(S("\x1f\x1c"), true, "^_^\\");
	check_sanitize(S("\xc2\x9b" "2J"), true, FFFD "2J");
	check_sanitize(S("\xc2\x85x"), true, FFFD "x");
	check_sanitize(S("\x9b" "2J"), true, FFFD "2J");
	check_sanitize(S("a\xff"), true, "a" FFFD);
	check_sanitize(S("\xc0\x80"), true, FFFD FFFD);
	check_sanitize(S("\xed\xa0\x80"), true, FFFD FFFD FFFD);
	check_sanitize(S("\xe2\x82"), true, FFFD FFFD);
	check_sanitize(S("a\tb"), true, "a    b");
	check_sanitize(S("a\nb"), true, "a\nb");
	check_sanitize(S("a\nb"), false, "a^Jb");
	check_sanitize(S("a\r\nb"), true, "a\nb");
	check_sanitize(S("a\r\nb"), false, "a^M^Jb");
	check_sanitize(S("x\xe2\x80\xae" "evil\xe2\x81\xa6"), true, "x" FFFD "evil" FFFD);
	check_sanitize(S("città 中文 😀 ❤️ e\xcc\x81 \xc2\xa0"), true,
		       "città 中文 😀 ❤️ e\xcc\x81 \xc2\xa0");
	check_sanitize("", 0, true, "");
}

/* Random bytes, biased towards the interesting ones, must always come out as
 * valid UTF-8 without any byte a terminal would act on. */
TEST(sanitize_random)
{
	static const unsigned char pick[] = { 0x1b, 0x07, 0x00, 0x0d, 0x0a, 0x09,
		0x7f, 0x80, 0x9b, 0xc2, 0xc0, 0xe2, 0x80, 0xae, 0xed, 0xa0, 0xf4,
		0x90, 0xff, 'a', '[' };
	uint32_t seed = 12345;
	for (int round = 0; round < 2000; round++) {
		unsigned char in[24];
		for (size_t i = 0; i < sizeof in; i++) {
			seed = seed * 1103515245u + 12345u;
			unsigned r = seed >> 16;
			in[i] = (r & 1) ? pick[(r >> 1) % sizeof pick] : (unsigned char)(r >> 3);
		}
		size_t len;
		char *out = text_sanitize((const char *)in, sizeof in, round & 1, &len);
		T_CHECK(text_valid_utf8(out, len, NULL), "round %d not valid", round);
		T_CHECK(!memchr(out, 0x1b, len) && !memchr(out, 0x07, len) &&
			!memchr(out, '\r', len) && !memchr(out, 0x7f, len),
			"round %d: control byte left", round);
		T_CHECK(!strstr(out, "\xc2\x9b") && !strstr(out, "\xe2\x80\xae"),
			"round %d: C1 or bidi left", round);
		free(out);
	}
}

static void check_fold(const char *in, const char *want)
{
	size_t len = 0, *map = NULL;
	char *out = text_fold(in, strlen(in), &len, &map);
	T_EQ_MEM(out, len, want);
	T_EQ_INT(map[len], strlen(in));
	for (size_t i = 1; i < len; i++)
		T_CHECK(map[i] >= map[i - 1], "%s: map not monotonic at %zu", in, i);
	free(out);
	free(map);
}

TEST(fold)
{
	check_fold("CITTÀ", "citta");
	check_fold("Citta\xcc\x80", "citta");
	check_fold("PECHINO", "pechino");
	check_fold("Kim Jong–un", "kim jong-un");
	check_fold("Kim Jong—un", "kim jong-un");
	check_fold("Kim Jong\xe2\x80\x90un", "kim jong-un");
	check_fold("\xe2\x88\x92" "5", "-5");
	check_fold("Straße", "strasse");
	check_fold("l’Italia l‘x Hawai\xca\xbci", "l'italia l'x hawai'i");
	check_fold("Ber\xc2\xadlusconi", "berlusconi");
	check_fold("ﬁne ÉCOLE İstanbul", "fine ecole istanbul");
	check_fold("ＡＢＣ１", "abc1");
	check_fold("ΣΟΦΊΑ", "σοφια");
	check_fold("a\xff" "b", "a" FFFD "b");
	check_fold("", "");
	size_t len = 7;
	char *out = text_fold("", 0, &len, NULL);
	T_EQ_INT(len, 0);
	T_EQ_STR(out, "");
	free(out);
}

TEST(fold_map)
{
	/* "Citte\u0301 x": the dropped accent leaves no folded byte. */
	static const char in[] = "Citte\xcc\x81 x";
	static const size_t want[] = { 0, 1, 2, 3, 4, 7, 8, 9 };
	size_t len, *map;
	char *out = text_fold(S(in), &len, &map);
	T_EQ_MEM(out, len, "citte x");
	for (size_t i = 0; i <= len && i < 8; i++)
		T_CHECK(map[i] == want[i], "map[%zu] = %zu, want %zu", i, map[i], want[i]);
	free(out);
	free(map);

	/* ß gives two bytes, both from offset 4. */
	out = text_fold(S("Straße!"), &len, &map);
	T_EQ_MEM(out, len, "strasse!");
	T_OK(map[4] == 4 && map[5] == 4 && map[6] == 6 && map[7] == 7 && map[8] == 8);
	free(out);
	free(map);

	/* A match in the folded text highlights the right original bytes. */
	static const char doc[] = "La CITTA\xcc\x80 eterna e la Città vecchia";
	out = text_fold(S(doc), &len, &map);
	size_t at = text_find(out, len, S("citta"), 0);
	T_EQ_INT(at, 3);
	/* The end maps to the byte after the whole cluster (the space), so
	 * the dropped accent is highlighted with its letter. */
	T_EQ_MEM(doc + map[at], map[at + 5] - map[at], "CITTA\xcc\x80");
	T_EQ_INT(map[at + 5], 10);
	at = text_find(out, len, S("citta"), at + 1);
	T_OK(at != (size_t)-1);
	T_EQ_MEM(doc + map[at], map[at + 5] - map[at], "Città");
	T_EQ_INT(text_find(out, len, S("citta"), at + 1), (size_t)-1);
	free(out);
	free(map);
}

/* Folding the whole string must equal folding each character alone: this
 * exercises every slot of the cache, with collisions. */
TEST(fold_cache_consistent)
{
	struct buf in = BUF_INIT, want = BUF_INIT;
	for (uint32_t c = 0xA0; c < 0x3000; c += 7) {
		char u[8];
		size_t k;
		if (c >= 0xD800 && c < 0xE000)
			continue;
		k = c < 0x800 ? 2 : 3;
		if (k == 2) {
			u[0] = (char)(0xC0 | (c >> 6));
			u[1] = (char)(0x80 | (c & 0x3F));
		} else {
			u[0] = (char)(0xE0 | (c >> 12));
			u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
			u[2] = (char)(0x80 | (c & 0x3F));
		}
		buf_add(&in, u, k);
		size_t fl;
		char *f = text_fold(u, k, &fl, NULL);
		buf_add(&want, f, fl);
		free(f);
	}
	for (int rep = 0; rep < 3; rep++) {
		size_t fl;
		char *f = text_fold(in.data, in.len, &fl, NULL);
		T_OK(fl == want.len && memcmp(f, want.data, fl) == 0);
		free(f);
	}
	buf_free(&in);
	buf_free(&want);
}

static const char italian[] =
	"La città di Pechino ha ospitato l’incontro tra il presidente della "
	"Repubblica e la delegazione cinese: «È un passo avanti», ha detto "
	"il ministro. Però le perplessità restano – soprattutto sull’energia, "
	"sulla libertà di stampa e sui diritti umani. Così si è chiusa "
	"la giornata più lunga dell’anno a Palazzo Chigi.\n";

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

TEST(fold_throughput)
{
	struct buf big = BUF_INIT;
	size_t plen = strlen(italian), reps = (4u << 20) / plen;
	for (size_t i = 0; i < reps; i++)
		buf_add(&big, italian, plen);
	size_t one_len;
	char *one = text_fold(italian, plen, &one_len, NULL);
	for (int with_map = 0; with_map < 2; with_map++) {
		size_t len, *map = NULL;
		double t0 = now_seconds();
		char *out = text_fold(big.data, big.len, &len, with_map ? &map : NULL);
		double dt = now_seconds() - t0;
		printf("text_fold%s: %.1f MB in %.3f s = %.0f MB/s\n",
		       with_map ? " with map" : "", big.len / 1e6, dt,
		       big.len / 1e6 / (dt > 0 ? dt : 1e-9));
		T_EQ_INT(len, one_len * reps);
		T_OK(memcmp(out, one, one_len) == 0 &&
		     memcmp(out + len - one_len, one, one_len) == 0);
		if (map)
			T_EQ_INT(map[len], big.len);
		free(out);
		free(map);
	}
	double t0 = now_seconds();
	size_t w = text_width(big.data, big.len);
	double dt = now_seconds() - t0;
	printf("text_width: %.0f MB/s\n", big.len / 1e6 / (dt > 0 ? dt : 1e-9));
	T_EQ_INT(w, text_width(italian, plen) * reps);
	size_t *st, *ln;
	t0 = now_seconds();
	size_t lines = text_wrap(big.data, big.len, 72, 72, &st, &ln);
	dt = now_seconds() - t0;
	printf("text_wrap at 72: %.0f MB/s, %zu lines\n",
	       big.len / 1e6 / (dt > 0 ? dt : 1e-9), lines);
	T_OK(lines > big.len / 72);
	free(st);
	free(ln);
	T_OK(strstr(one, "la citta di pechino") && strstr(one, "l'incontro") &&
	     strstr(one, "restano - soprattutto") && strstr(one, "«e un passo"));
	free(one);
	buf_free(&big);
}

TEST(find)
{
	T_EQ_INT(text_find(S("abcabc"), S("bc"), 0), 1);
	T_EQ_INT(text_find(S("abcabc"), S("bc"), 2), 4);
	T_EQ_INT(text_find(S("abcabc"), S("bc"), 5), (size_t)-1);
	T_EQ_INT(text_find(S("abcabc"), S("abc"), 3), 3);
	T_EQ_INT(text_find(S("abc"), S("x"), 0), (size_t)-1);
	T_EQ_INT(text_find(S("abc"), S("b"), 9), (size_t)-1);
	T_EQ_INT(text_find(S("abc"), "", 0, 2), 2);
}

TEST(word_char)
{
	size_t len = 0;
	T_OK(text_is_word_char(S("a"), &len) && len == 1);
	T_OK(text_is_word_char(S("Z"), &len) && len == 1);
	T_OK(text_is_word_char(S("7"), &len));
	T_OK(text_is_word_char(S("àx"), &len) && len == 2);
	T_OK(text_is_word_char(S("中"), &len) && len == 3);
	T_OK(text_is_word_char(S("\xcc\x81"), &len) && len == 2);
	T_OK(text_is_word_char(S("\xd9\xa3"), &len));	/* Arabic-Indic 3 */
	T_OK(!text_is_word_char(S(" "), &len) && len == 1);
	T_OK(!text_is_word_char(S("-"), &len));
	T_OK(!text_is_word_char(S("_"), &len));
	T_OK(!text_is_word_char(S("’"), &len) && len == 3);
	T_OK(!text_is_word_char(S("\xc2\xa0"), &len) && len == 2);
	T_OK(!text_is_word_char(S("\xff" "a"), &len) && len == 1);
	T_OK(!text_is_word_char("", 0, &len) && len == 0);
}

/* Scripts without spaces between words, which search cuts per character. */
TEST(cjk)
{
	size_t len = 0;
	T_OK(text_is_cjk(S("中文"), &len) && len == 3);	/* Han */
	T_OK(text_is_cjk(S("ひ"), &len) && len == 3);	/* hiragana */
	T_OK(text_is_cjk(S("カ"), &len) && len == 3);	/* katakana */
	T_OK(text_is_cjk(S("서"), &len) && len == 3);	/* hangul */
	T_OK(text_is_cjk(S("\xf0\xa0\x80\x80"), &len) && len == 4);	/* U+20000 */
	T_OK(!text_is_cjk(S("a"), &len) && len == 1);
	T_OK(!text_is_cjk(S("à"), &len) && len == 2);
	T_OK(!text_is_cjk(S("ก"), &len) && len == 3);	/* Thai: runs stay whole */
	T_OK(!text_is_cjk(S("\xe4\xb8"), &len) && len == 1);	/* cut short: one bad byte */
	T_OK(!text_is_cjk("", 0, &len) && len == 0);
}

TEST(break_opportunities)
{
	char br[32];
	memset(br, 9, sizeof br);
	text_break_opportunities(S("foo bar"), br);
	for (size_t i = 0; i <= 7; i++)
		T_CHECK(br[i] == (i == 4 ? TEXT_BREAK_ALLOWED : TEXT_BREAK_NO),
			"foo bar: br[%zu] = %d", i, br[i]);
	memset(br, 9, sizeof br);
	text_break_opportunities(S("a\nb"), br);
	T_EQ_INT(br[0], TEXT_BREAK_NO);
	T_EQ_INT(br[1], TEXT_BREAK_NO);
	T_EQ_INT(br[2], TEXT_BREAK_MANDATORY);
	T_EQ_INT(br[3], TEXT_BREAK_NO);
	text_break_opportunities(S("a\r\nb"), br);
	T_EQ_INT(br[2], TEXT_BREAK_NO);
	T_EQ_INT(br[3], TEXT_BREAK_MANDATORY);
	text_break_opportunities(S("ab\n"), br);
	T_EQ_INT(br[3], TEXT_BREAK_MANDATORY);
	text_break_opportunities(S("中文字"), br);
	T_OK(br[3] == TEXT_BREAK_ALLOWED && br[6] == TEXT_BREAK_ALLOWED);
	T_OK(br[1] == TEXT_BREAK_NO && br[4] == TEXT_BREAK_NO && br[0] == TEXT_BREAK_NO);
	text_break_opportunities(S("Jong-un"), br);
	T_EQ_INT(br[5], TEXT_BREAK_ALLOWED);
	br[0] = 9;
	text_break_opportunities("", 0, br);
	T_EQ_INT(br[0], TEXT_BREAK_NO);
}

static bool is_blank(const char *s, size_t a, size_t e)
{
	for (size_t i = a; i < e; i++)
		if (s[i] != ' ' && s[i] != '\n' && s[i] != '\r')
			return false;
	return true;
}

/* Checks the invariants of a wrap and returns the line count. */
static size_t check_wrap(const char *s, size_t first, size_t width,
			 size_t **start, size_t **len)
{
	size_t n = strlen(s);
	size_t count = text_wrap(s, n, first, width, start, len);
	char *b = cluster_bounds(s, n);
	size_t prev_end = 0;
	T_OK(count >= 1);
	for (size_t i = 0; i < count; i++) {
		size_t a = (*start)[i], e = a + (*len)[i];
		size_t limit = i ? width : first;
		T_CHECK(a >= prev_end && e <= n, "line %zu out of order", i);
		T_CHECK(b[a] && b[e], "line %zu splits a cluster", i);
		T_CHECK(is_blank(s, prev_end, a), "line %zu: lost text before it", i);
		size_t w = text_width(s + a, e - a);
		/* Only a cluster wider than the line may overflow it, followed
		 * at most by zero-width ones. */
		T_CHECK(w <= limit || w == (size_t)text_grapheme_width(s + a, e - a),
			"line %zu \"%.*s\" is %zu wide", i, (int)(e - a), s + a, w);
		T_CHECK(e == a || s[e - 1] != ' ', "line %zu keeps a trailing space", i);
		prev_end = e;
	}
	T_CHECK(is_blank(s, prev_end, n), "text lost at the end");
	free(b);
	return count;
}

/* Random bytes drawn from pieces that stress clusters and breaks: every
 * function must keep its invariants on any input (run under ASan too). */
static size_t random_text(uint32_t *seed, char *out, size_t cap)
{
	static const char *const piece[] = { "a", " ", "  ", "\n", "\r\n", "-",
		"e\xcc\x81", "\xcc\x81", "中", "😀", "\xe2\x80\x8d", "\xef\xb8\x8f",
		"🇮", "\xff", "\xe2\x82", "\xc0\x80", "\x1b", "\t", "À", "ß", "–",
		"\xe1\x84\x92", "\xe1\x85\xa1", "\xc2\xad", "\xef\xac\x81", "word" };
	size_t n = 0;
	for (;;) {
		*seed = *seed * 1103515245u + 12345u;
		const char *p = piece[(*seed >> 16) % (sizeof piece / sizeof piece[0])];
		size_t k = strlen(p);
		if (n + k > cap)
			return n;
		memcpy(out + n, p, k);
		n += k;
	}
}

static size_t check_wrap(const char *s, size_t first, size_t width,
			 size_t **start, size_t **len);

#ifndef RANDOM_ROUNDS
#define RANDOM_ROUNDS 400	/* raise with -DRANDOM_ROUNDS=... to search longer */
#endif

TEST(random_invariants)
{
	uint32_t seed = 777;
	for (int round = 0; round < RANDOM_ROUNDS; round++) {
		char s[80];
		size_t n = random_text(&seed, s, sizeof s - 1);
		s[n] = '\0';
		char *b = cluster_bounds(s, n);
		size_t total = 0;
		for (size_t p = 0; p < n;) {
			size_t k = text_grapheme_len(s + p, n - p);
			int w = text_grapheme_width(s + p, n - p);
			T_CHECK(k >= 1 && w >= 0 && w <= 2, "round %d at %zu", round, p);
			total += (size_t)w;
			p += k;
		}
		T_EQ_INT(text_width(s, n), total);
		size_t cols = (size_t)round % 13, used;
		size_t k = text_fit(s, n, cols, &used);
		T_CHECK(b[k] && used <= cols, "round %d: fit", round);
		size_t len, *map;
		char *f = text_fold(s, n, &len, &map);
		T_CHECK(text_valid_utf8(f, len, NULL) || memchr(f, 0, len),
			"round %d: fold not UTF-8", round);
		for (size_t i = 0; i < len; i++)
			T_CHECK(map[i] < n && (i == 0 || map[i] >= map[i - 1]),
				"round %d: map[%zu]", round, i);
		free(f);
		free(map);
		/* check_wrap() works on C strings: a NUL from the pieces is fine
		 * since none contains one. */
		size_t *st, *ln, w = 1 + (size_t)round % 7;
		size_t count = check_wrap(s, w, w, &st, &ln);
		for (size_t i = 0; i < count; i++)
			T_CHECK(ln[i] > 0 || i + 1 == count || count == 1 ||
				s[st[i]] == '\n' || s[st[i]] == '\r' || s[st[i]] == ' ' ||
				st[i] == n, "round %d: empty line %zu", round, i);
		free(st);
		free(ln);
		free(b);
	}
}

static void check_line(const char *s, size_t *start, size_t *len, size_t i,
		       const char *want)
{
	T_EQ_MEM(s + start[i], len[i], want);
}

TEST(wrap_italian)
{
	size_t *st, *ln;
	size_t count = check_wrap(italian, 20, 20, &st, &ln);
	T_OK(count >= strlen(italian) / 20);
	for (size_t i = 0; i < count; i++) {
		T_CHECK(ln[i] > 0, "empty line %zu", i);
		/* Greedy: the next line's first word did not fit here. */
		if (i + 1 < count) {
			size_t nw = 0;
			while (st[i + 1] + nw < st[i + 1] + ln[i + 1] &&
			       italian[st[i + 1] + nw] != ' ')
				nw++;
			T_CHECK(text_width(italian + st[i], ln[i]) + 1 +
				text_width(italian + st[i + 1], nw) > 20,
				"line %zu could hold the next word", i);
		}
	}
	check_line(italian, st, ln, 0, "La città di Pechino");
	free(st);
	free(ln);
}

TEST(wrap_long_word)
{
	char word[51];
	size_t *st, *ln;
	for (int i = 0; i < 50; i++)
		word[i] = (char)('a' + i % 26);
	word[50] = '\0';
	size_t count = check_wrap(word, 10, 10, &st, &ln);
	T_EQ_INT(count, 5);
	for (size_t i = 0; i < count; i++)
		T_OK(st[i] == i * 10 && ln[i] == 10);
	free(st);
	free(ln);
	count = check_wrap("", 10, 10, &st, &ln);
	T_EQ_INT(count, 1);
	T_OK(st[0] == 0 && ln[0] == 0);
	free(st);
	free(ln);
}

/* Wraps of a text to first and later widths: the line count (when not 0)
 * and some lines by number; check_wrap checks the invariants of each. */
static const struct wrap_case {
	const char *s;
	size_t first, width, count;
	struct { size_t i; const char *text; } line[3];
} wrap_cases[] = {
	/* CJK and emoji clusters, one or two columns each */
	{ "中文字符串测试文本", 5, 5, 5, { { 0, "中文" }, { 4, "本" } } },
	{ "中文字", 1, 1, 3, { { 1, "文" } } },
	{ "👨‍👩‍👧👍🏽🇮🇹", 1, 1, 3, { { 0, "👨‍👩‍👧" } } },
	/* a word longer than the line is cut between clusters */
	{ "ab citta\xcc\x80" "citta\xcc\x80", 4, 4, 0,
	  { { 0, "ab" }, { 1, "citt" }, { 2, "a\xcc\x80" "cit" } } },
	/* newlines end lines; blanks before them go */
	{ "ab\ncd", 10, 10, 2, { { 0, "ab" }, { 1, "cd" } } },
	{ "a\n\nb", 10, 10, 3, { { 1, "" } } },
	{ "ab   \ncd\n", 10, 10, 2, { { 0, "ab" } } },
	{ "  indented text", 10, 10, 0, { { 0, "  indented" } } },
	/* the first line has its own width */
	{ "aaa bbb ccc ddd", 3, 7, 3, { { 0, "aaa" }, { 1, "bbb ccc" }, { 2, "ddd" } } },
	{ "a       b", 3, 3, 2, { { 0, NULL } } },
};

TEST(wrap_cases)
{
	for (size_t k = 0; k < sizeof wrap_cases / sizeof *wrap_cases; k++) {
		const struct wrap_case *c = &wrap_cases[k];
		size_t *st, *ln;
		size_t count = check_wrap(c->s, c->first, c->width, &st, &ln);
		if (c->count)
			T_CHECK(count == c->count, "\"%s\": %zu lines, want %zu", c->s,
				count, c->count);
		for (size_t j = 0; j < 3 && c->line[j].text; j++) {
			size_t i = c->line[j].i;
			T_CHECK(i < count, "\"%s\": no line %zu", c->s, i);
			if (i < count)
				check_line(c->s, st, ln, i, c->line[j].text);
		}
		free(st);
		free(ln);
	}
}

/* Found by the render fuzzer: a Prepend character (U+0605) joins the
 * cluster after it, so a line measured whole could be one column wider
 * than its clusters measured apart. No line may pass the width. */
TEST(wrap_prepend)
{
	static const char *const text[] = {
		"\xef\xbf\xbd\xef\xbf\xbd(( \xd8\x85> x",
		"ab \xd8\x85 \xd8\x85> cd \xd8\x85\xd8\x85 e",
		"\xd8\x85 \xd8\x85 \xd8\x85 \xd8\x85 \xd8\x85 \xd8\x85",
	};
	for (size_t t = 0; t < sizeof text / sizeof *text; t++)
		for (size_t w = 1; w <= 12; w++) {
			size_t *st, *ln, n = strlen(text[t]);
			size_t lines = text_wrap(text[t], n, w, w, &st, &ln);
			for (size_t i = 0; i < lines; i++) {
				size_t lw = text_width(text[t] + st[i], ln[i]);
				T_CHECK(lw <= w || text_grapheme_len(text[t] + st[i], ln[i]) == ln[i],
					"text %zu width %zu line %zu is %zu wide", t, w, i, lw);
			}
			free(st);
			free(ln);
		}
}

TEST(hex_digits)
{
	T_EQ_INT(text_hex_digit('0'), 0);
	T_EQ_INT(text_hex_digit('9'), 9);
	T_EQ_INT(text_hex_digit('a'), 10);
	T_EQ_INT(text_hex_digit('F'), 15);
	T_EQ_INT(text_hex_digit('g'), -1);
	T_EQ_INT(text_hex_digit('/'), -1);
	T_EQ_INT(text_hex_digit((char)0xc3), -1);
}

/* The prompt's editing: one Backspace takes the whole last cluster. */
TEST(last_grapheme)
{
	static const struct { const char *s; size_t last; } cases[] = {
		{ "", 0 },
		{ "ab", 1 },
		{ "caf\xc3\xa9", 2 },				/* precomposed é */
		{ "cafe\xcc\x81", 3 },			/* e + U+0301 */
		{ "a\xf0\x9f\x87\xae\xf0\x9f\x87\xb9", 8 },	/* flag IT */
		{ "\xf0\x9f\x87\xae\xf0\x9f\x87\xb9\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 8 }, /* IT FR */
		{ "\xf0\x9f\x87\xae\xf0\x9f\x87\xb9\xf0\x9f\x87\xab", 4 },	/* IT, then a lone R */
		/* man ZWJ woman ZWJ girl: 18 bytes, one cluster */
		{ "x\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 18 },
		{ "\xea\xb0\x80\xe1\x84\x80", 3 },	/* a Hangul syllable, a lone L jamo */
		{ "ok\xff", 1 },				/* an invalid byte */
		{ "e\xe2\x80\x8d", 4 },			/* ZWJ extends the e */
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		T_CHECK(text_last_grapheme_len(cases[i].s, strlen(cases[i].s)) == cases[i].last,
			"case %zu: %zu", i, text_last_grapheme_len(cases[i].s, strlen(cases[i].s)));
	/* deleting cluster by cluster ends exactly at the start */
	const char *s = "n\xcc\x83o\xf0\x9f\x87\xae\xf0\x9f\x87\xb9!";
	size_t n = strlen(s), steps = 0;
	while (n) {
		n -= text_last_grapheme_len(s, n);
		steps++;
	}
	T_EQ_INT(steps, 4);
}

TEST(encode_char)
{
	char out[4];
	T_EQ_INT(text_encode_char('a', out), 1);
	T_EQ_MEM(out, 1, "a");
	T_EQ_INT(text_encode_char(0xE9, out), 2);
	T_EQ_MEM(out, 2, "\xc3\xa9");
	T_EQ_INT(text_encode_char(0x20AC, out), 3);
	T_EQ_MEM(out, 3, "\xe2\x82\xac");
	T_EQ_INT(text_encode_char(0x1F600, out), 4);
	T_EQ_MEM(out, 4, "\xf0\x9f\x98\x80");
	T_EQ_INT(text_encode_char(0x10FFFF, out), 4);
	T_EQ_INT(text_encode_char(0xD800, out), 0);
	T_EQ_INT(text_encode_char(0x110000, out), 0);
}

T_MAIN(RUN(hex_digits); RUN(wrap_prepend); RUN(valid_utf8); RUN(grapheme_len); RUN(widths); RUN(fit_never_splits);
       RUN(pad); RUN(sanitize); RUN(sanitize_random); RUN(fold); RUN(fold_map);
       RUN(fold_cache_consistent); RUN(fold_throughput); RUN(find);
       RUN(word_char); RUN(cjk); RUN(break_opportunities); RUN(wrap_italian);
       RUN(wrap_long_word); RUN(wrap_cases); RUN(random_invariants);
       RUN(last_grapheme); RUN(encode_char))
