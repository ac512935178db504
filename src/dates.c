/* dates.c: publication dates in metadata and in visible text, and byline /
 * dateline lines, in Italian, English, French, Spanish, German, Portuguese
 * and Dutch. The words come from the lexicons months.txt and bylines.txt,
 * folded once per process; every scan moves forward through bounded
 * attempts, so time is linear in the input. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "dates.h"
#include "lexicon.h"
#include "strmap.h"
#include "text.h"

#define WORD_MAX	24	/* a longer word is no month, weekday or particle */
#define BLANK_MAX	8	/* blanks between the parts of one date */
#define BYLINE_MAX	160	/* a longer line is body text */
#define BYLINE_WORDS	24	/* ... and so is one of more words */
#define META_FREE	64	/* a metadata string this short may be free text */

/* ---- word lists ---- */

enum kind { K_MONTH = 1, K_WEEKDAY, K_TIME, K_PARTICLE, K_DATELINE_WORD };

struct phrase {
	char *f;	/* folded */
	size_t n;
};

struct word {
	unsigned char kind;	/* enum kind */
	unsigned char value;	/* a month's number */
};

struct lists {
	struct strmap words;	/* folded word -> id */
	struct word *w;		/* id -> what the word is */
	size_t cap;
	struct phrase *by, *dateline;
	size_t nby, ndateline, capby, capdl;
};

static struct lists L;
static pthread_once_t lists_once = PTHREAD_ONCE_INIT;

static void word_add(const char *w, size_t n, enum kind k, int value)
{
	size_t fn;
	char *f = text_fold(w, n, &fn, NULL);
	size_t id = strmap_intern(&L.words, f, fn), old = L.cap;
	free(f);
	L.w = xgrow(L.w, &L.cap, id + 1, sizeof *L.w);
	if (L.cap > old)
		memset(L.w + old, 0, (L.cap - old) * sizeof *L.w);
	/* A word both a month and a weekday ("mar") is read as a month: a
	 * weekday is only ever skipped. */
	if (!L.w[id].kind || k == K_MONTH)
		L.w[id] = (struct word){ (unsigned char)k, (unsigned char)value };
}

/* "kind: [number] word word..." lines of months.txt. */
static void load_months(void)
{
	static const struct { const char *name; enum kind k; } kinds[] = {
		{ "month", K_MONTH }, { "weekday", K_WEEKDAY }, { "time", K_TIME },
		{ "dateline", K_DATELINE_WORD },
	};
	const char *t = lexicon_get("months");
	while (t && *t) {
		const char *end = strchr(t, '\n');
		end = end ? end : t + strlen(t);
		const char *colon = memchr(t, ':', (size_t)(end - t));
		enum kind k = 0;
		for (size_t i = 0; colon && i < sizeof kinds / sizeof kinds[0]; i++)
			if (strlen(kinds[i].name) == (size_t)(colon - t) &&
			    memcmp(t, kinds[i].name, (size_t)(colon - t)) == 0)
				k = kinds[i].k;
		int value = 0;
		for (const char *s = colon ? colon + 1 : end; k && s < end; ) {
			while (s < end && *s == ' ')
				s++;
			const char *w = s;
			while (s < end && *s != ' ')
				s++;
			if (s == w)
				break;
			if (*w >= '0' && *w <= '9')
				value = atoi(w);
			else
				word_add(w, (size_t)(s - w), k, value);
		}
		t = *end ? end + 1 : end;
	}
}

static void phrase_add(struct phrase **a, size_t *n, size_t *cap,
		       const char *s, size_t len)
{
	while (len && *s == ' ')
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	if (!len)
		return;
	*a = xgrow(*a, cap, *n + 1, sizeof **a);
	(*a)[*n].f = text_fold(s, len, &(*a)[*n].n, NULL);
	(*n)++;
}

/* "by: phrase", "dateline: phrase", "particle: words" of bylines.txt. */
static void load_bylines(void)
{
	const char *t = lexicon_get("bylines");
	while (t && *t) {
		const char *end = strchr(t, '\n');
		end = end ? end : t + strlen(t);
		const char *colon = memchr(t, ':', (size_t)(end - t));
		size_t kn = colon ? (size_t)(colon - t) : 0;
		const char *v = colon ? colon + 1 : end;
		if (*t == '#' || !colon)
			;
		else if (kn == 2 && memcmp(t, "by", 2) == 0)
			phrase_add(&L.by, &L.nby, &L.capby, v, (size_t)(end - v));
		else if (kn == 8 && memcmp(t, "dateline", 8) == 0)
			phrase_add(&L.dateline, &L.ndateline, &L.capdl, v, (size_t)(end - v));
		else if (kn == 8 && memcmp(t, "particle", 8) == 0)
			for (const char *s = v; s < end; ) {
				while (s < end && *s == ' ')
					s++;
				const char *w = s;
				while (s < end && *s != ' ')
					s++;
				if (s > w)
					word_add(w, (size_t)(s - w), K_PARTICLE, 0);
			}
		t = *end ? end + 1 : end;
	}
}

static void lists_load(void)
{
	load_months();
	load_bylines();
}

/* The kind of the word s[0..n) (and its month in *value), 0 if none. */
static enum kind word_kind(const char *s, size_t n, int *value)
{
	char low[WORD_MAX];
	size_t id;
	if (n == 0 || n > WORD_MAX)
		return 0;
	bool ascii = true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		ascii &= c < 0x80;
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (ascii) {
		id = strmap_find(&L.words, low, n);
	} else {
		size_t fn;
		char *f = text_fold(s, n, &fn, NULL);
		id = strmap_find(&L.words, f, fn);
		free(f);
	}
	if (id == (size_t)-1)
		return 0;
	if (value)
		*value = L.w[id].value;
	return (enum kind)L.w[id].kind;
}

/* ---- scanning ---- */

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_ascii_alpha(unsigned char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* Length of a blank at s[i] (space, tab, no-break, narrow or thin
 * space), 0 if none. */
static size_t blank_at(const char *s, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t left = n - i;
	if (left >= 1 && (u[0] == ' ' || u[0] == '\t'))
		return 1;
	if (left >= 2 && u[0] == 0xC2 && u[1] == 0xA0)
		return 2;
	if (left >= 3 && u[0] == 0xE2 && u[1] == 0x80 &&
	    (u[2] == 0xAF || u[2] == 0x89 || u[2] == 0x8A || u[2] == 0x82))
		return 3;
	return 0;
}

static size_t skip_blanks(const char *s, size_t n, size_t i)
{
	size_t k, count = 0;
	while (i < n && count < BLANK_MAX && (k = blank_at(s, n, i)))
		i += k, count++;
	return i;
}

/* End of the run of letters (no digits) starting at i; i when none. */
static size_t letters_end(const char *s, size_t n, size_t i)
{
	size_t k;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (!is_ascii_alpha(c))
				break;
			i++;
		} else if (text_is_word_char(s + i, n - i, &k)) {
			i += k;
		} else {
			break;
		}
	}
	return i;
}

/* Number of digits at s[i]. */
static size_t digits_at(const char *s, size_t n, size_t i)
{
	size_t k = i;
	while (k < n && is_digit((unsigned char)s[k]))
		k++;
	return k - i;
}

static int num_of(const char *s, size_t len)
{
	int v = 0;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Does a word or number go on at s[i] (so a date cannot end there)? */
static bool word_goes_on(const char *s, size_t n, size_t i)
{
	size_t k;
	if (i >= n)
		return false;
	if ((unsigned char)s[i] < 0x80)
		return is_digit((unsigned char)s[i]) || is_ascii_alpha((unsigned char)s[i]);
	return text_is_word_char(s + i, n - i, &k);
}

static bool date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m != 2 || d <= 28 || leap;
}

static bool date_put(int y, int m, int d, char out[11])
{
	if (!date_valid(y, m, d))
		return false;
	/* Checked above: four digits, two and two, never truncated. */
	out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10), out[3] = (char)('0' + y % 10);
	out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
	out[7] = '-', out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return true;
}

/* A month name at i ("März", "sept.", "de marzo"): its number, the end in
 * *end (past a '.'); 0 when none. */
static int month_at(const char *s, size_t n, size_t i, size_t *end)
{
	size_t e = letters_end(s, n, i);
	int m = 0;
	if (word_kind(s + i, e - i, &m) != K_MONTH)
		return 0;
	if (e < n && s[e] == '.')
		e++;
	*end = e;
	return m;
}

/* Skips a small connecting word ("de", "del", "of") at i followed by a
 * blank, as in "13 de marzo de 2007", "13th of March". */
static size_t skip_connector(const char *s, size_t n, size_t i)
{
	static const char *const words[] = { "de", "del", "of" };
	size_t e = letters_end(s, n, i);
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (e - i == strlen(words[k]) && strncasecmp(s + i, words[k], e - i) == 0 &&
		    blank_at(s, n, e))
			return skip_blanks(s, n, e);
	return i;
}

/* An ordinal ending right after a day number: "st", "th", "er", "º", ".". */
static size_t skip_ordinal(const char *s, size_t n, size_t i)
{
	static const char *const ends[] = { "st", "nd", "rd", "th", "er", "re",
					    "o", "a", "\xC2\xBA", "\xC2\xB0", "\xC2\xAA" };
	for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
		size_t l = strlen(ends[k]);
		if (i + l <= n && strncasecmp(s + i, ends[k], l) == 0 &&
		    !(is_ascii_alpha((unsigned char)ends[k][0]) &&
		      i + l < n && is_ascii_alpha((unsigned char)s[i + l]))) {
			i += l;
			break;
		}
	}
	if (i < n && s[i] == '.')
		i++;
	return i;
}

/* A four-digit year at i that no digit or letter follows. */
static int year_at(const char *s, size_t n, size_t i, size_t *end)
{
	if (digits_at(s, n, i) != 4 || word_goes_on(s, n, i + 4))
		return 0;
	*end = i + 4;
	return num_of(s + i, 4);
}

/* A time after a date at i: blanks, separators and time words ("alle",
 * "à", "um"), then "12:41", "12.41", "10h12", then "am", "Uhr"... The end
 * of the time, or i when there is none. */
static size_t time_after(const char *s, size_t n, size_t i)
{
	size_t k = i;
	for (int parts = 0; parts < 4 && k < n; parts++) {
		size_t b = skip_blanks(s, n, k);
		if (b < n && (s[b] == ',' || s[b] == '-' || s[b] == '|'))
			b++;
		else if (b + 3 <= n && (memcmp(s + b, "\xE2\x80\x93", 3) == 0 ||
					memcmp(s + b, "\xE2\x80\x94", 3) == 0))
			b += 3;
		else if (b + 2 <= n && memcmp(s + b, "\xC2\xB7", 2) == 0)
			b += 2;
		b = skip_blanks(s, n, b);
		size_t e = letters_end(s, n, b);
		if (e > b && word_kind(s + b, e - b, NULL) == K_TIME && !word_goes_on(s, n, e))
			k = e;
		else {
			k = b;
			break;
		}
	}
	size_t hd = digits_at(s, n, k);
	if (hd < 1 || hd > 2 || k + hd + 3 > n)
		return i;
	char sep = s[k + hd];
	size_t m = k + hd + 1;
	if ((sep != ':' && sep != '.' && sep != 'h' && sep != 'H') ||
	    digits_at(s, n, m) != 2)
		return i;
	int h = num_of(s + k, hd), mi = num_of(s + m, 2);
	if (h > 23 || mi > 59)
		return i;
	m += 2;
	if (m + 3 <= n && s[m] == ':' && digits_at(s, n, m + 1) == 2)
		m += 3;
	if (word_goes_on(s, n, m) && !is_ascii_alpha((unsigned char)s[m]))
		return i;
	size_t b = skip_blanks(s, n, m), e = letters_end(s, n, b);
	if (e > b && word_kind(s + b, e - b, NULL) == K_TIME)
		m = e;
	else if (word_goes_on(s, n, m))
		return i;
	return m;
}

static bool lang_is_us(const char *lang)
{
	return lang && (strncasecmp(lang, "en-us", 5) == 0 ||
			strncasecmp(lang, "en_us", 5) == 0) &&
	       !is_ascii_alpha((unsigned char)lang[5]) && !is_digit((unsigned char)lang[5]);
}

/* "2007-03-13", "13.03.2007", "01/03/2008" at i (a digit run that no
 * word or number part precedes); the end in *end. */
static bool numeric_at(const char *s, size_t n, size_t i, bool us,
		       char out[11], size_t *end)
{
	size_t a = digits_at(s, n, i);
	if (i + a + 1 >= n)
		return false;
	char sep = s[i + a];
	if (sep != '-' && sep != '/' && sep != '.')
		return false;
	size_t j = i + a + 1, b = digits_at(s, n, j);
	if (b < 1 || b > 2 || j + b + 1 >= n || s[j + b] != sep)
		return false;
	size_t k = j + b + 1, c = digits_at(s, n, k);
	int x = num_of(s + i, a), y = num_of(s + j, b);
	/* "2023-06-19T12:41" is a date too */
	bool stamp = k + c + 1 < n && s[k + c] == 'T' && is_digit((unsigned char)s[k + c + 1]);
	if (a == 4 && c >= 1 && c <= 2 && (stamp || !word_goes_on(s, n, k + c))) {
		*end = k + c;
		return date_put(x, y, num_of(s + k, c), out);
	}
	if (a > 2 || c != 4 || word_goes_on(s, n, k + 4))
		return false;
	/* "13.03.2007." ends a sentence; "13.03.2007.5" is something else. */
	if (k + 5 < n && s[k + 4] == sep && is_digit((unsigned char)s[k + 5]))
		return false;
	int yr = num_of(s + k, 4);
	bool month_first = us && sep != '.';
	*end = k + 4;
	if (month_first)
		return date_put(yr, x, y, out) || (x > 12 && date_put(yr, y, x, out));
	return date_put(yr, y, x, out) || (y > 12 && date_put(yr, x, y, out));
}

/* "19 giugno 2023", "13. März 2007", "13 de marzo de 2007", "1st of May,
 * 2007" at the day number i. */
static bool day_first_at(const char *s, size_t n, size_t i, char out[11],
			 size_t *end)
{
	size_t a = digits_at(s, n, i), k, e;
	if (a < 1 || a > 2)
		return false;
	int d = num_of(s + i, a);
	k = skip_ordinal(s, n, i + a);
	size_t b = skip_blanks(s, n, k);
	if (b == k && !(k > i + a && s[k - 1] == '.'))
		return false;	/* "13March" is no date */
	b = skip_connector(s, n, b);
	int m = month_at(s, n, b, &e);
	if (!m)
		return false;
	k = skip_blanks(s, n, e);
	if (k < n && s[k] == ',')
		k = skip_blanks(s, n, k + 1);
	k = skip_connector(s, n, k);
	int y = year_at(s, n, k, end);
	return y && date_put(y, m, d, out);
}

/* "March 13, 2007", "Sept. 3rd 2025" at the month name i. */
static bool month_first_at(const char *s, size_t n, size_t i, char out[11],
			   size_t *end)
{
	size_t e, k;
	int m = month_at(s, n, i, &e);
	if (!m)
		return false;
	k = skip_blanks(s, n, e);
	if (k == e)
		return false;
	size_t a = digits_at(s, n, k);
	if (a < 1 || a > 2)
		return false;
	int d = num_of(s + k, a);
	k = skip_ordinal(s, n, k + a);
	if (k < n && s[k] == ',')
		k++;
	size_t b = skip_blanks(s, n, k);
	if (b == k)
		return false;
	int y = year_at(s, n, b, end);
	return y && date_put(y, m, d, out);
}

/* Could a number starting at i be a date's first part? Not inside a word
 * ("A13") nor a longer number ("1.13.03.2007"). */
static bool number_may_start(const char *s, size_t i)
{
	if (i == 0)
		return true;
	unsigned char p = (unsigned char)s[i - 1];
	if (is_ascii_alpha(p) || p >= 0x80)
		return p >= 0x80;	/* after a non-ASCII letter it is odd but harmless */
	if ((p == '.' || p == '/' || p == '-' || p == ',') && i >= 2 &&
	    is_digit((unsigned char)s[i - 2]))
		return false;
	return true;
}

long dates_find(const char *s, size_t n, const char *lang, char out[11],
		size_t *match_len)
{
	pthread_once(&lists_once, lists_load);
	bool us = lang_is_us(lang);
	out[0] = '\0';
	size_t i = 0, end = 0, k;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		bool found = false;
		size_t next;
		if (is_digit(c)) {
			next = i + digits_at(s, n, i);
			if (next - i <= 4 && number_may_start(s, i))
				found = numeric_at(s, n, i, us, out, &end) ||
					day_first_at(s, n, i, out, &end);
		} else if (is_ascii_alpha(c) || (c >= 0x80 && text_is_word_char(s + i, n - i, &k))) {
			next = letters_end(s, n, i);
			found = month_first_at(s, n, i, out, &end);
		} else {
			next = i + 1;
			if (c >= 0x80)
				text_is_word_char(s + i, n - i, &k), next = i + (k ? k : 1);
		}
		if (found) {
			if (match_len)
				*match_len = time_after(s, n, end) - i;
			return (long)i;
		}
		out[0] = '\0';
		i = next > i ? next : i + 1;
	}
	return -1;
}

long dates_find_month(const char *s, size_t n, char out[8], size_t *match_len)
{
	pthread_once(&lists_once, lists_load);
	out[0] = '\0';
	size_t prev_num = (size_t)-1;	/* end of the last number seen */
	for (size_t i = 0, k; i < n; ) {
		unsigned char c = (unsigned char)s[i];
		if (is_digit(c)) {
			i += digits_at(s, n, i);
			prev_num = i;
			continue;
		}
		bool letter = is_ascii_alpha(c) || (c >= 0x80 && text_is_word_char(s + i, n - i, &k));
		if (!letter) {
			if (c >= 0x80)
				text_is_word_char(s + i, n - i, &k), i += k ? k : 1;
			else
				i++;
			continue;
		}
		size_t e, y_end, b;
		int m = month_at(s, n, i, &e);
		bool after_day = prev_num != (size_t)-1 &&
				 (skip_blanks(s, n, prev_num) == i ||
				  (prev_num < n && s[prev_num] == '.' && skip_blanks(s, n, prev_num + 1) == i));
		if (m && !after_day && (b = skip_blanks(s, n, e)) > e) {
			int y = year_at(s, n, b, &y_end);
			if (y >= 1000 && y <= 2999) {
				out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10);
				out[2] = (char)('0' + y / 10 % 10), out[3] = (char)('0' + y % 10);
				out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
				out[7] = '\0';
				if (match_len)
					*match_len = y_end - i;
				return (long)i;
			}
		}
		i = letters_end(s, n, i);
	}
	return -1;
}

/* ---- metadata ---- */

enum shape { SHAPE_NOT, SHAPE_BAD, SHAPE_OK };

/* "hh:mm[:ss[.frac]]" at *i; false if malformed. */
static bool meta_time(const char *s, size_t n, size_t *i)
{
	size_t k = *i;
	if (digits_at(s, n, k) != 2 || k + 5 > n || s[k + 2] != ':' ||
	    digits_at(s, n, k + 3) != 2)
		return false;
	int h = num_of(s + k, 2), m = num_of(s + k + 3, 2), sec = 0;
	k += 5;
	if (k < n && s[k] == ':') {
		if (digits_at(s, n, k + 1) != 2)
			return false;
		sec = num_of(s + k + 1, 2);
		k += 3;
		if (k < n && (s[k] == '.' || s[k] == ',')) {
			size_t f = digits_at(s, n, k + 1);
			if (!f)
				return false;
			k += 1 + f;
		}
	}
	*i = k;
	return h <= 24 && m <= 59 && sec <= 60;
}

/* How a zone may be written: numbers only (RFC 3339), also a name
 * ("GMT", "CEST", RFC 822), or the offset after a name ("GMT+2"). */
enum zone { ZONE_NUMERIC, ZONE_NAMED, ZONE_AFTER_NAME };

/* "Z", "+02:00", "+0200", "+02", or a named zone; "" too. True when the
 * zone reaches the end. */
static bool meta_zone(const char *s, size_t n, size_t k, enum zone how)
{
	k = skip_blanks(s, n, k);
	if (k == n)
		return true;
	if (s[k] == 'Z' || s[k] == 'z')
		return k + 1 == n;
	if (s[k] == '+' || s[k] == '-') {
		size_t d = digits_at(s, n, k + 1);
		if (d == 4 || d == 2 || (d == 1 && how == ZONE_AFTER_NAME)) {
			int h = num_of(s + k + 1, d == 1 ? 1 : 2);
			k += 1 + d;
			if (d <= 2 && k + 3 <= n && s[k] == ':' && digits_at(s, n, k + 1) == 2)
				k += 3;
			return h <= 23 && skip_blanks(s, n, k) == n;
		}
		return false;
	}
	if (how != ZONE_NAMED)
		return false;
	size_t e = letters_end(s, n, k);
	if (e - k < 1 || e - k > 5)
		return false;
	for (size_t j = k; j < e; j++)
		if (!is_ascii_alpha((unsigned char)s[j]))
			return false;
	/* "GMT+1", "UTC+02:00" */
	if (e < n && (s[e] == '+' || s[e] == '-'))
		return meta_zone(s, n, e, ZONE_AFTER_NAME);
	return skip_blanks(s, n, e) == n;
}

static enum shape meta_iso(const char *s, size_t n, char out[11])
{
	if (digits_at(s, n, 0) == 8 && n == 8)
		return date_put(num_of(s, 4), num_of(s + 4, 2), num_of(s + 6, 2), out) ?
		       SHAPE_OK : SHAPE_BAD;
	if (digits_at(s, n, 0) != 4 || n < 5 || s[4] != '-')
		return SHAPE_NOT;
	if (n < 10 || digits_at(s, n, 5) != 2 || s[7] != '-' || digits_at(s, n, 8) != 2)
		return SHAPE_BAD;
	if (!date_valid(num_of(s, 4), num_of(s + 5, 2), num_of(s + 8, 2)))
		return SHAPE_BAD;
	size_t k = 10;
	if (k < n && (s[k] == 'T' || s[k] == 't' || s[k] == ' ')) {
		k++;
		if (!meta_time(s, n, &k))
			return SHAPE_BAD;
		if (!meta_zone(s, n, k, ZONE_NUMERIC))
			return SHAPE_BAD;
	} else if (k != n) {
		return SHAPE_BAD;
	}
	date_put(num_of(s, 4), num_of(s + 5, 2), num_of(s + 8, 2), out);
	return SHAPE_OK;
}

/* "[Mon,] 19 Jun 2023 [10:41[:00] [zone]]". */
static enum shape meta_rfc822(const char *s, size_t n, char out[11])
{
	size_t k = 0, e = letters_end(s, n, 0);
	if (e > 0) {
		if (word_kind(s, e, NULL) != K_WEEKDAY)
			return SHAPE_NOT;
		k = e;
		if (k < n && s[k] == '.')
			k++;
		if (k < n && s[k] == ',')
			k++;
		k = skip_blanks(s, n, k);
	}
	size_t a = digits_at(s, n, k);
	if (a < 1 || a > 2 || !blank_at(s, n, k + a))
		return SHAPE_NOT;
	int d = num_of(s + k, a), m;
	k = skip_blanks(s, n, k + a);
	if (!(m = month_at(s, n, k, &e)))
		return SHAPE_NOT;
	k = skip_blanks(s, n, e);
	size_t yd = digits_at(s, n, k);
	if (yd != 2 && yd != 4)
		return SHAPE_BAD;
	int y = num_of(s + k, yd);
	if (yd == 2)
		y += y >= 70 ? 1900 : 2000;
	k += yd;
	size_t t = skip_blanks(s, n, k);
	if (t < n && t > k) {
		if (!meta_time(s, n, &t) || !meta_zone(s, n, t, ZONE_NAMED))
			return SHAPE_BAD;
	} else if (t != n) {
		return SHAPE_BAD;
	}
	return date_put(y, m, d, out) ? SHAPE_OK : SHAPE_BAD;
}

int dates_parse_meta(const char *s, char out[11])
{
	pthread_once(&lists_once, lists_load);
	out[0] = '\0';
	if (!s)
		return -1;
	size_t n = strlen(s), i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
			 s[n - 1] == '\r'))
		n--;
	s += i, n -= i;
	enum shape sh = meta_iso(s, n, out);
	if (sh == SHAPE_NOT)
		sh = meta_rfc822(s, n, out);
	if (sh == SHAPE_NOT && n <= META_FREE && dates_find(s, n, NULL, out, NULL) >= 0)
		sh = SHAPE_OK;
	if (sh != SHAPE_OK)
		out[0] = '\0';
	return sh == SHAPE_OK ? 0 : -1;
}

/* ---- bylines ---- */

/* Does the folded f[0..fn) start with one of the phrases, at a word
 * boundary? Returns the longest such phrase's length, 0 if none. */
static size_t phrase_prefix(const struct phrase *p, size_t np, const char *f,
			    size_t fn)
{
	size_t best = 0;
	for (size_t i = 0; i < np; i++)
		if (p[i].n <= fn && p[i].n > best && memcmp(p[i].f, f, p[i].n) == 0 &&
		    !word_goes_on(f, fn, p[i].n))
			best = p[i].n;
	return best;
}

/* Does the word at s start with a capital (Latin scripts: ASCII, Latin-1
 * and Latin Extended-A, where capitals are the even code points)? */
static bool word_capital(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n >= 1 && u[0] >= 'A' && u[0] <= 'Z')
		return true;
	if (n >= 2 && u[0] == 0xC3)
		return u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97;
	if (n >= 2 && (u[0] == 0xC4 || u[0] == 0xC5))
		return (u[1] & 1) == 0;
	return false;
}

/* Is c a character that separates a byline's name from what follows
 * ("· 13.03.2007", "| Rome", ", staff")? */
static size_t separator_at(const char *s, size_t n, size_t i)
{
	static const char *const seps[] = { "\xC2\xB7", "\xE2\x80\x93", "\xE2\x80\x94",
					    "\xE2\x80\xA2", "|", ",", "-", "/", "(", ":",
					    ";" };
	for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
		size_t l = strlen(seps[k]);
		if (i + l <= n && memcmp(s + i, seps[k], l) == 0)
			return l;
	}
	return 0;
}

/* Words of s[from..to): do they read as names (capitals, particles,
 * date words, numbers) up to the first separator? caps gets the number of
 * capitalised words; all_words false stops at a separator. */
static bool words_are_names(const char *s, size_t from, size_t to,
			    bool all_words, size_t *caps, size_t *words)
{
	size_t i = from;
	while (i < to) {
		size_t k;
		unsigned char c = (unsigned char)s[i];
		if (separator_at(s, to, i) && !all_words)
			return true;
		if (is_digit(c)) {
			i += digits_at(s, to, i);
			(*words)++;
			continue;
		}
		bool letter = is_ascii_alpha(c) || (c >= 0x80 && text_is_word_char(s + i, to - i, &k));
		if (!letter) {
			size_t step = 1;
			if (c >= 0x80) {
				text_is_word_char(s + i, to - i, &k);
				step = k ? k : 1;
			}
			i += step;
			continue;
		}
		size_t e = letters_end(s, to, i);
		/* "O'Brien", "Jean-Pierre" stay one name */
		while (e + 1 < to && (s[e] == '\'' || s[e] == '-') &&
		       letters_end(s, to, e + 1) > e + 1)
			e = letters_end(s, to, e + 1);
		(*words)++;
		if (word_capital(s + i, e - i))
			(*caps)++;
		else if (!word_kind(s + i, e - i, NULL))
			return false;	/* a lower-case word of a sentence */
		i = e;
	}
	return true;
}

bool dates_is_byline(const char *line, size_t n)
{
	pthread_once(&lists_once, lists_load);
	size_t a = 0;
	while (a < n && (blank_at(line, n, a) || line[a] == '\n' || line[a] == '\r'))
		a += blank_at(line, n, a) ? blank_at(line, n, a) : 1;
	while (n > a && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
			 line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	if (n == a || n - a > BYLINE_MAX)
		return false;
	const char *s = line + a;
	n -= a;
	size_t fn, *map;
	char *f = text_fold(s, n, &fn, &map);
	char iso[11];
	size_t mlen = 0, caps = 0, words = 0;
	long at = dates_find(s, n, NULL, iso, &mlen);
	bool yes = false;
	size_t p = phrase_prefix(L.dateline, L.ndateline, f, fn);
	if (p && at >= 0 && (size_t)at >= map[p]) {
		yes = true;
	} else if (p && at < 0) {
		/* "Published 6 May Updated 7 May": a date without its year */
		size_t digits = 0;
		for (size_t i = map[p]; i < n; i++)
			digits += is_digit((unsigned char)s[i]);
		yes = digits && words_are_names(s, map[p], n, true, &caps, &words) &&
		      words <= BYLINE_WORDS;
	} else if ((p = phrase_prefix(L.by, L.nby, f, fn)) > 0) {
		size_t r = map[p];
		while (r < n && (blank_at(s, n, r) || s[r] == ':'))
			r += blank_at(s, n, r) ? blank_at(s, n, r) : 1;
		size_t e = letters_end(s, n, r);
		yes = e > r && word_capital(s + r, e - r) &&
		      words_are_names(s, r, n, false, &caps, &words) && words <= BYLINE_WORDS;
	} else if (at >= 0) {
		/* A date alone, or beside a name or place in capitals. */
		yes = words_are_names(s, 0, (size_t)at, true, &caps, &words) &&
		      words_are_names(s, (size_t)at + mlen, n, true, &caps, &words) &&
		      words <= 8;
	}
	free(f);
	free(map);
	return yes;
}
