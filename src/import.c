/* import.c: scraped text -> article: finds the title and the article's own
 * date at the top, drops web-page clutter (lexicons clutter and months),
 * tells the language (lang.c) and writes the paragraphs as CommonMark that
 * renders back to the text. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buf.h"
#include "dates.h"
#include "feed.h"
#include "hash.h"
#include "html.h"
#include "import.h"
#include "lang.h"
#include "lexicon.h"
#include "text.h"

#define BINARY_SCAN	8192	/* NULs in these first bytes mean binary */
#define HEAD_AFTER	3	/* lines after the title searched for a dateline */
#define BYLINE_MAX	80	/* a longer line under the title starts the text */
#define TAIL_LINES	6	/* at most this many short lines after "Leggi anche" */
#define TAIL_LINE_MAX	200	/* ... each at most this long, to be teasers */
#define TITLE_SPLIT	100	/* a longer first line of sentences: title is the first */
#define TRUNC_MIN	20	/* shortest prefix of a truncated duplicate */
#define TRUNC_NEAR	10	/* ... whose full paragraph is this close */
#define SOURCE_MAX	60	/* longest publisher name on a "Fonte:" line */
#define SHARE_MAX	120	/* longest share bar */
#define MENU_WORDS	4	/* a menu item has fewer words */
#define CAPTION_MAX	300	/* longest photo caption */
#define CREDIT_WORDS	6	/* ... its credit has at most this many words */
#define AGO_WORDS	6	/* "4 hours ago" lines have at most this many */
#define BOX_HEADING_MAX	60	/* "Get the Morning Briefing" */
#define SITE_MAX	60	/* longest site name */
#define SITE_WORDS	5	/* ... in words */
#define SITE_TOP	30	/* blocks at the top searched for a masthead */
#define MASTHEAD_WORDS	4	/* a masthead line of its own has at most */
#define HEADLINE_WORDS	3	/* a headline has at least this many words */
#define HEADLINE_MAX	300	/* ... and at most this many bytes */
#define STANDFIRST_MIN	160	/* a longer block under a headline is text */
#define HEAD_MAX	60	/* the head of a page: at most this many blocks */
#define BODY_MIN	200	/* ... ending at the first block this long */
#define TEXT_MIN	80	/* a sentence this long is the article's text */
#define CRUMB_MAX	100	/* longest breadcrumb line */
#define SLUG_MAX	60
#define TOK_MAX		16	/* a date line has fewer words than this */
#define WRAP_MIN	60	/* a dump wrapped at a column between these */
#define WRAP_MAX	80
#define WRAP_SLACK	12	/* ... has lines ending this close to it */
#define WRAP_LINES	3	/* ... at least this many */
#define LANG_WORDS	3000	/* enough words to tell the language */

/* ---- lexicons ---- */

/* One entry of a lexicon: kind ("line", "month", "it"...), a number for
 * months and number words, and the folded phrase or word. */
struct entry {
	char kind[12];
	int value;
	char *text;
	size_t n;
};

struct lex {
	struct entry *e;
	size_t n, cap;
};

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

static bool starts_with(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);
	return wn <= n && memcmp(s, w, wn) == 0;
}

static bool ends_with(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);
	return wn <= n && memcmp(s + n - wn, w, wn) == 0;
}

/* Does s[0..n) (n >= 1) start with a capital or an opening quote? */
static bool is_upper_start(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0], c2 = n > 1 ? (unsigned char)s[1] : 0;
	return (c >= 'A' && c <= 'Z') || (c == 0xC3 && c2 >= 0x80 && c2 <= 0x9E) ||
	       starts_with(s, n, "\xE2\x80\x9C") || c == '"' ||
	       starts_with(s, n, "\xC2\xAB");
}

/* End of the first sentence of s when more follow, else n. An initial
 * ("J. Smith") does not end a sentence. */
static size_t first_sentence(const char *s, size_t n)
{
	for (size_t i = 2; i + 2 < n; i++) {
		if ((s[i] != '.' && s[i] != '!' && s[i] != '?') || s[i + 1] != ' ' ||
		    !is_upper_start(s + i + 2, n - i - 2))
			continue;
		size_t w = i;
		while (w > 0 && s[w - 1] != ' ')
			w--;
		if (i - w >= 2 && s[i - 1] != '.')
			return i + (s[i] != '.');
	}
	return n;
}

/* Folded copy with blank runs made one space, trimmed; a trailing ':' is
 * removed too when strip_colon. */
static char *fold_norm(const char *s, size_t n, bool strip_colon, size_t *len)
{
	size_t fn;
	char *f = text_fold(s, n, &fn, NULL);
	size_t o = 0;
	for (size_t i = 0; i < fn; i++) {
		bool blank = f[i] == ' ' || f[i] == '\t';
		if (blank && (o == 0 || f[o - 1] == ' '))
			continue;
		f[o++] = blank ? ' ' : f[i];
	}
	while (o && (f[o - 1] == ' ' || (strip_colon && f[o - 1] == ':')))
		o--;
	f[o] = '\0';
	*len = o;
	return f;
}

static void lex_add(struct lex *lx, const char *kind, size_t kn, int value,
		    const char *s, size_t n, bool strip_colon)
{
	lx->e = xgrow(lx->e, &lx->cap, lx->n + 1, sizeof *lx->e);
	struct entry *e = &lx->e[lx->n++];
	snprintf(e->kind, sizeof e->kind, "%.*s", (int)kn, kind);
	e->value = value;
	if (strncmp(kind, "teaser", kn) == 0 && kn == 6) {
		while (n && *s == ' ')
			s++, n--;
		while (n && s[n - 1] == ' ')
			n--;
		e->text = xstrndup(s, n);	/* matched as written */
		e->n = n;
	} else {
		e->text = fold_norm(s, n, strip_colon, &e->n);
	}
}

/* Adds the words of one "kind: [number] word word" line. */
static void lex_add_words(struct lex *lx, const char *kind, size_t kn,
			  const char *s, const char *end)
{
	int value = 0;
	while (s < end) {
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		const char *w = s;
		while (s < end && *s != ' ' && *s != '\t')
			s++;
		if (s == w)
			break;
		if (*w >= '0' && *w <= '9' && value == 0)
			value = atoi(w);
		else
			lex_add(lx, kind, kn, value, w, (size_t)(s - w), false);
	}
}

/* Loads lexicon name: "kind: rest" lines, '#' comments. phrases: the rest
 * is one phrase (clutter) rather than a list of words. */
static void lex_load(struct lex *lx, const char *name, bool phrases)
{
	const char *t = lexicon_get(name);
	while (t && *t) {
		const char *end = strchr(t, '\n');
		end = end ? end : t + strlen(t);
		const char *colon = memchr(t, ':', (size_t)(end - t));
		if (*t != '#' && colon) {
			const char *v = colon + 1;
			size_t kn = (size_t)(colon - t);
			bool strip = strncmp(t, "start", kn) && strncmp(t, "caption", kn);
			if (phrases)
				lex_add(lx, t, kn, 0, v, (size_t)(end - v), strip);
			else
				lex_add_words(lx, t, kn, v, end);
		}
		t = *end ? end + 1 : end;
	}
}

/* The word lists, folded once per process (folding them for every file
 * cost more than importing it) and only read afterwards. */
static struct lex lex_clutter, lex_months;
static pthread_once_t lexicons_once = PTHREAD_ONCE_INIT;

static void lexicons_load(void)
{
	lex_load(&lex_clutter, "clutter", true);
	lex_load(&lex_months, "months", false);
}

static const struct entry *lex_find(const struct lex *lx, const char *kind,
				    const char *s, size_t n)
{
	for (size_t i = 0; i < lx->n; i++)
		if (lx->e[i].n == n && memcmp(lx->e[i].text, s, n) == 0 &&
		    strcmp(lx->e[i].kind, kind) == 0)
			return &lx->e[i];
	return NULL;
}

/* An entry of kind that f starts with, ending at a word boundary. */
static const struct entry *lex_prefix(const struct lex *lx, const char *kind,
				      const char *f, size_t n)
{
	for (size_t i = 0; i < lx->n; i++) {
		const struct entry *e = &lx->e[i];
		if (e->n && e->n <= n && memcmp(e->text, f, e->n) == 0 &&
		    strcmp(e->kind, kind) == 0 &&
		    (e->n == n || e->text[e->n - 1] == ':' || !is_alnum(f[e->n])))
			return e;
	}
	return NULL;
}

/* ---- the text being imported ---- */

struct para {
	const char *s;	/* into imp.text, trimmed, no newline, no list marker */
	size_t n;
	int item;	/* a list item: 0 no, -1 a bullet, N numbered N */
	bool gap;	/* a blank line comes before it: it starts a group */
	bool drop;
};

struct ymd {
	int y, m, d;
};

struct imp {
	const char *name;
	struct diag *d;
	const struct lex *clutter, *months;	/* shared, read-only */
	char *text;		/* cleaned input, owned */
	struct para *p;
	size_t np, cap;
	size_t title;		/* index of the title line, np if none */
	const char *title_raw;	/* the title line as it was, for duplicates */
	size_t title_raw_n;
	char *title_text;
	bool title_in_body;	/* the title line stays as the first paragraph */
	struct ymd date;
	bool date_inferred;	/* the date of an event the text reports */
	char *source;		/* named on a "Fonte:" line */
	char *site;		/* the site's name: masthead, copyright */
};

/* Copies the text without C0 controls (but TAB and LF), CRLF and lone CR
 * as LF, no-break spaces as spaces, zero-width spaces and BOMs removed, then
 * sanitises it (invalid UTF-8, C1 and bidi controls). */
static char *prep_text(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	buf_grow(&b, n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\r' && !(i + 1 < n && s[i + 1] == '\n'))
			buf_addc(&b, '\n');
		else if (c < 0x20 && c != '\t' && c != '\n')
			continue;
		else if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
			buf_addc(&b, ' '), i++;
		else if (c == 0xE2 && i + 2 < n && s[i + 1] == '\x80' &&
			 (s[i + 2] == '\xAF' || s[i + 2] == '\x8B'))
			buf_adds(&b, s[i + 2] == '\xAF' ? " " : ""), i += 2;
		else if (c == 0xEF && i + 2 < n && s[i + 1] == '\xBB' && s[i + 2] == '\xBF')
			i += 2;
		else
			buf_addc(&b, (char)c);
	}
	char *out = text_sanitize(buf_str(&b), b.len, true, NULL);
	buf_free(&b);
	return out;
}

/* ---- lines and blocks ---- */

struct line {
	const char *s;	/* into the text, the whole line */
	size_t n;
	size_t width;	/* display columns, leading blanks included */
	size_t indent;	/* columns of leading blanks */
	size_t body;	/* columns before the text: indent, plus a list marker */
	bool item;	/* starts with a list marker */
};

static const char *const bullets[] = {
	"\xE2\x80\xA2 ", "\xE2\x97\xA6 ", "\xE2\x96\xAA ", "\xE2\x80\xA3 ", "* "
};

/* Length of a list marker at s ("• ", "12. "), 0 when there is none. A
 * number counts only in an indented line: "2019. was a year" at the
 * start of a line is text. */
static size_t list_marker(const char *s, size_t n, bool indented, int *num)
{
	*num = -1;
	for (size_t k = 0; k < sizeof bullets / sizeof bullets[0]; k++)
		if (n > strlen(bullets[k]) && memcmp(s, bullets[k], strlen(bullets[k])) == 0)
			return strlen(bullets[k]);
	size_t i = 0;
	int v = 0;
	while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + (s[i++] - '0');
	if (!indented || i == 0 || i + 2 >= n || s[i] != '.' || s[i + 1] != ' ')
		return 0;
	*num = v;
	return i + 2;
}

static void line_measure(struct line *l)
{
	size_t i = 0;
	int num;
	while (i < l->n && l->s[i] == ' ')
		i++;
	l->indent = i;
	l->width = text_width(l->s, l->n);
	size_t m = list_marker(l->s + i, l->n - i, i > 0, &num);
	l->item = m > 0;
	l->body = i + (m ? text_width(l->s + i, m) : 0);
}

/* Columns of the first word of a line (after its indent). */
static size_t first_word_width(const struct line *l)
{
	size_t i = l->indent, st = i;
	while (i < l->n && l->s[i] != ' ')
		i++;
	return text_width(l->s + st, i - st);
}

/* Dumps such as w3m's wrap paragraphs at a fixed column: most long lines
 * end close to it and none passes it. The column, or 0 when the text is
 * not wrapped. */
static size_t wrap_column(const struct line *l, size_t n)
{
	size_t max = 0, near = 0;
	for (size_t i = 0; i < n; i++)
		max = l[i].width > max ? l[i].width : max;
	for (size_t i = 0; i < n; i++)
		near += l[i].width + WRAP_SLACK >= max;
	return max >= WRAP_MIN && max <= WRAP_MAX && near >= WRAP_LINES ? max : 0;
}

/* Does line b continue line a, cut where the next word did not fit? */
static bool continues(const struct line *a, const struct line *b, size_t col)
{
	return a->n && b->width > b->indent && !b->item && b->indent == a->body &&
	       a->width + 1 + first_word_width(b) > col;
}

/* Joins the lines of wrapped paragraphs (and list items) into one line
 * each, so that a block is one line whatever the dump's width. */
static void unwrap(struct imp *im)
{
	struct line *l = NULL;
	size_t n = 0, cap = 0;
	for (const char *s = im->text; *s; ) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		l = xgrow(l, &cap, n + 1, sizeof *l);
		l[n] = (struct line){ s, len, 0, 0, 0, false };
		line_measure(&l[n++]);
		s = nl ? nl + 1 : s + strlen(s);
	}
	size_t col = wrap_column(l, n);
	if (!col) {
		free(l);
		return;
	}
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i && continues(&l[i - 1], &l[i], col)) {
			l[i].body = l[i - 1].body;	/* the next line continues it too */
			buf_addc(&b, ' ');
			buf_add(&b, l[i].s + l[i].indent, l[i].n - l[i].indent);
			continue;
		}
		if (i)
			buf_addc(&b, '\n');
		buf_add(&b, l[i].s, l[i].n);
	}
	free(l);
	free(im->text);
	im->text = buf_detach(&b, NULL);
}

static void split_paras(struct imp *im)
{
	bool gap = true;
	for (const char *s = im->text; *s; ) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		const char *a = s, *e = end;
		while (a < e && (*a == ' ' || *a == '\t'))
			a++;
		while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		int num;
		size_t m = list_marker(a, (size_t)(e - a), a > s, &num);
		if (e > a + m) {
			im->p = xgrow(im->p, &im->cap, im->np + 1, sizeof *im->p);
			im->p[im->np++] = (struct para){ a + m, (size_t)(e - a) - m,
							 m ? num : 0, gap, false };
		}
		gap = e == a;
		s = nl ? nl + 1 : end;
	}
	im->title = im->np;
}

/* ---- dates ---- */

struct tok {
	const char *s;
	size_t n;
};

/* Words of a folded string; TOK_MAX + 1 when there are too many. */
static size_t tok_split(const char *f, size_t n, struct tok *t)
{
	size_t k = 0, i = 0;
	while (i < n) {
		while (i < n && !is_alnum(f[i]) && (unsigned char)f[i] < 0x80)
			i++;
		size_t st = i;
		while (i < n && (is_alnum(f[i]) || (unsigned char)f[i] >= 0x80))
			i++;
		if (i == st)
			break;
		if (k == TOK_MAX)
			return TOK_MAX + 1;
		t[k++] = (struct tok){ f + st, i - st };
	}
	return k;
}

/* A number, allowing an ordinal ending ("1st", "1°", "1o"); -1 if not. */
static int tok_num(struct tok t)
{
	static const char *const ends[] = { "", "st", "nd", "rd", "th", "o",
					    "\xC2\xB0", "\xC2\xBA" };
	size_t i = 0;
	int v = 0;
	while (i < t.n && i < 5 && t.s[i] >= '0' && t.s[i] <= '9')
		v = v * 10 + (t.s[i++] - '0');
	if (i == 0)
		return -1;
	for (size_t e = 0; e < sizeof ends / sizeof ends[0]; e++)
		if (strlen(ends[e]) == t.n - i && memcmp(ends[e], t.s + i, t.n - i) == 0)
			return v;
	return -1;
}

static bool tok_is(const struct imp *im, const char *kind, struct tok t)
{
	return lex_find(im->months, kind, t.s, t.n) != NULL;
}

static int tok_month(const struct imp *im, struct tok t)
{
	const struct entry *e = lex_find(im->months, "month", t.s, t.n);
	return e ? e->value : 0;
}

/* 0..99 spelled in Italian words ("ventitre", "ventuno"), or -1. */
static int words_small(const struct imp *im, const char *s, size_t n)
{
	for (size_t i = 0; i < im->months->n; i++) {
		const struct entry *e = &im->months->e[i];
		if (strcmp(e->kind, "number") || e->value >= 100 || e->n > n ||
		    memcmp(e->text, s, e->n))
			continue;
		if (e->n == n)
			return e->value;
		const struct entry *u = lex_find(im->months, "number", s + e->n, n - e->n);
		if (e->value >= 20 && u && u->value < 10)
			return e->value + u->value;
	}
	return -1;
}

/* A year: four digits, or words such as "duemila23", "duemilaventitre". */
static int tok_year(const struct imp *im, struct tok t)
{
	int v = tok_num(t);
	if (v >= 1000 && v <= 2999 && t.n == 4)
		return v;
	for (size_t i = 0; i < im->months->n; i++) {
		const struct entry *e = &im->months->e[i];
		if (strcmp(e->kind, "number") || e->value < 1000 || e->n > t.n ||
		    memcmp(e->text, t.s, e->n))
			continue;
		struct tok rest = { t.s + e->n, t.n - e->n };
		int r = rest.n == 0 ? 0 : rest.n <= 2 ? tok_num(rest) :
			words_small(im, rest.s, rest.n);
		if (r >= 0 && r < 100)
			return e->value + r;
	}
	return -1;
}

static bool ymd_valid(struct ymd d)
{
	char s[16];
	int y, m, dd;
	if (!d.y)
		return d.m >= 1 && d.m <= 12 && d.d >= 0 && d.d <= 31;
	snprintf(s, sizeof s, d.d ? "%04d-%02d-%02d" : "%04d-%02d", d.y, d.m, d.d);
	return article_parse_date(s, &y, &m, &dd) == 0;
}

/* Reads "Y M [D]", "D MONTH [Y]", "D M Y", "MONTH D [Y]" or "MONTH Y" at
 * t[*i]; the year may be missing (y = 0). */
static bool date_core(const struct imp *im, const struct tok *t, size_t n,
		      size_t *i, struct ymd *o)
{
	size_t k = *i;
	int a = k < n ? tok_num(t[k]) : -1, b, y;
	*o = (struct ymd){ 0, 0, 0 };
	if (k + 1 < n && t[k].n == 4 && a >= 1000 && t[k + 1].n <= 2 &&
	    (b = tok_num(t[k + 1])) >= 1) {
		*o = (struct ymd){ a, b, 0 };
		k += 2;
		if (k < n && t[k].n <= 2 && (o->d = tok_num(t[k])) > 0)
			k++;
		else
			o->d = 0;
	} else if (k + 1 < n && a >= 1 && a <= 31 && (b = tok_month(im, t[k + 1]))) {
		*o = (struct ymd){ 0, b, a };
		k += 2;
		if (k < n && (y = tok_year(im, t[k])) > 0)
			o->y = y, k++;
	} else if (k + 2 < n && a >= 1 && t[k].n <= 2 && t[k + 1].n <= 2 &&
		   (b = tok_num(t[k + 1])) >= 1 && (y = tok_year(im, t[k + 2])) > 0) {
		*o = (struct ymd){ y, b, a };
		k += 3;
	} else if (k < n && (b = tok_month(im, t[k]))) {
		*o = (struct ymd){ 0, b, 0 };
		k++;
		if (k < n && t[k].n <= 2 && (a = tok_num(t[k])) >= 1)
			o->d = a, k++;
		if (k < n && (y = tok_year(im, t[k])) > 0)
			o->y = y, k++;
		if (!o->d && !o->y)
			return false;
	} else {
		return false;
	}
	*i = k;
	return ymd_valid(*o);
}

/* Skips a time after a date: "alle ore 10:30", "10.30 am". */
static size_t skip_time(const struct imp *im, const struct tok *t, size_t n, size_t k)
{
	while (k < n && tok_is(im, "time", t[k]))
		k++;
	int h = k + 1 < n ? tok_num(t[k]) : -1;
	if (h >= 0 && h <= 23 && t[k].n <= 2 && t[k + 1].n == 2 &&
	    tok_num(t[k + 1]) >= 0 && tok_num(t[k + 1]) <= 59)
		k += 2;
	while (k < n && tok_is(im, "time", t[k]))
		k++;
	return k;
}

/* Is the whole of s a date (with dateline words, a weekday, a time)? */
static bool date_whole(const struct imp *im, const char *s, size_t n,
		       bool need_year, struct ymd *o)
{
	size_t fn;
	char *f = fold_norm(s, n, false, &fn);
	struct tok t[TOK_MAX];
	size_t nt = tok_split(f, fn, t), k = 0;
	bool ok = false;
	while (nt <= TOK_MAX && k < nt && tok_is(im, "dateline", t[k]))
		k++;
	/* "mar" is a weekday and a month: try with and without the skip. */
	for (int skip = 1; skip >= 0 && !ok && nt <= TOK_MAX; skip--) {
		size_t i = k + (size_t)(skip && k < nt && tok_is(im, "weekday", t[k]));
		ok = date_core(im, t, nt, &i, o) && skip_time(im, t, nt, i) == nt &&
		     (o->y || !need_year);
	}
	free(f);
	return ok;
}

/* A line that is only a year ("DUEMILA23", "2023"). */
static int year_line(const struct imp *im, const struct para *p)
{
	size_t fn;
	char *f = fold_norm(p->s, p->n, false, &fn);
	struct tok t[TOK_MAX];
	int y = tok_split(f, fn, t) == 1 ? tok_year(im, t[0]) : -1;
	free(f);
	return y;
}

static void date_take(struct imp *im, struct ymd d)
{
	if (!im->date.y && d.y)
		im->date = d;
}

/* A date without a year completed by a year on the next line, as in the
 * breadcrumb "NEWS > 14 Settembre" / "DUEMILA23". */
static void date_year_next(struct imp *im, size_t i, struct ymd *d)
{
	if (d->y || i + 1 >= im->np)
		return;
	int y = year_line(im, &im->p[i + 1]);
	d->y = y > 0 ? y : 0;
	if (d->y && ymd_valid(*d))
		im->p[i + 1].drop = true;
	else
		d->y = 0;
}

/* "date 2023-09 Text..." at the very start: the scraper's own date field. */
static void head_date_prefix(struct imp *im)
{
	if (!im->np)
		return;
	struct para *p = &im->p[0];
	if (p->n < 9 || (strncasecmp(p->s, "date", 4) && strncasecmp(p->s, "data", 4)))
		return;
	size_t i = 4, st;
	if (p->s[i] == ':')
		i++;
	while (i < p->n && p->s[i] == ' ')
		i++;
	st = i;
	while (i < p->n && ((p->s[i] >= '0' && p->s[i] <= '9') || p->s[i] == '-'))
		i++;
	char iso[11];
	int y, m, d;
	if (i == st || i - st > 10 || (i < p->n && p->s[i] != ' '))
		return;
	snprintf(iso, sizeof iso, "%.*s", (int)(i - st), p->s + st);
	if (article_parse_date(iso, &y, &m, &d) || !y)
		return;
	date_take(im, (struct ymd){ y, m, d });
	while (i < p->n && p->s[i] == ' ')
		i++;
	p->s += i;
	p->n -= i;
	p->drop = p->n == 0;
}

/* ---- clutter ---- */

enum clutter { CL_NONE, CL_DROP, CL_TAIL, CL_SOURCE, CL_END, CL_BOX };

/* A capitals marker before another article's headline: "READ  Trump...". */
static bool is_teaser(const struct imp *im, const struct para *p)
{
	for (size_t i = 0; i < im->clutter->n; i++) {
		const struct entry *e = &im->clutter->e[i];
		if (strcmp(e->kind, "teaser") || p->n < e->n + 10 ||
		    memcmp(p->s, e->text, e->n) || p->s[e->n] != ' ')
			continue;
		const char *h = p->s + e->n;
		while (*h == ' ')
			h++;
		unsigned char c = (unsigned char)*h;
		if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
		    c == '"' || c == '\'')
			return true;
	}
	return false;
}

/* A "Fonte: X" line naming the publisher; sets *name (malloc'd). */
static bool source_line(const struct imp *im, const struct para *p,
			const char *f, size_t fn, char **name)
{
	const struct entry *e = lex_prefix(im->clutter, "source", f, fn);
	const char *colon = memchr(p->s, ':', p->n);
	if (!e || !colon)
		return false;
	size_t at = e->n;
	while (at < fn && f[at] == ' ')
		at++;
	if (at >= fn || f[at] != ':')	/* "Fonte foto:" and prose are not */
		return false;
	const char *v = colon + 1;
	size_t vn = p->n - (size_t)(v - p->s);
	while (vn && *v == ' ')
		v++, vn--;
	if (vn == 0 || vn > SOURCE_MAX)
		return false;
	*name = xstrndup(v, vn);
	return true;
}

/* Does f (folded) hold at least two names of share buttons, as a share
 * bar does ("Share this story: Facebook Twitter Email", "FacebookXCopy
 * link")? */
static bool share_bar(const struct imp *im, const char *f, size_t fn)
{
	int hits = 0;
	if (fn > SHARE_MAX)
		return false;
	for (size_t i = 0; i < im->clutter->n && hits < 2; i++) {
		const struct entry *e = &im->clutter->e[i];
		if (strcmp(e->kind, "share") == 0 && text_find(f, fn, e->text, e->n, 0) != (size_t)-1)
			hits++;
	}
	return hits >= 2;
}

/* "About us | Contact | Privacy", "Chi siamo · Contatti · Privacy": three
 * or more short items between bars or dots. */
static bool menu_line(const char *s, size_t n)
{
	static const char *const seps[] = { " | ", " \xC2\xB7 ", " \xE2\x80\xA2 " };
	for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
		size_t items = 1, words = 0, most = 0, sn = strlen(seps[k]);
		for (size_t i = 0; i < n; i++) {
			if (i + sn <= n && memcmp(s + i, seps[k], sn) == 0) {
				items++;
				most = words > most ? words : most;
				words = 0;
				i += sn - 1;
			} else if (s[i] == ' ') {
				words++;
			}
		}
		most = words > most ? words : most;
		if (items >= 3 && most < MENU_WORDS)
			return true;
	}
	return false;
}

/* A photo caption ending in its credit: "... on Saturday. Picture: Mike
 * Dunne", "Les troupes défilent. Photo : agence / pool". */
static bool credit_line(const struct imp *im, const char *f, size_t fn)
{
	if (fn > CAPTION_MAX)
		return false;
	for (size_t i = 0; i < im->clutter->n; i++) {
		const struct entry *e = &im->clutter->e[i];
		if (strcmp(e->kind, "credit"))
			continue;
		for (size_t at = 0; (at = text_find(f, fn, e->text, e->n, at)) != (size_t)-1; at++) {
			size_t k = at + e->n;
			if (at && f[at - 1] != ' ')
				continue;
			while (k < fn && f[k] == ' ')
				k++;
			if (k >= fn || f[k] != ':')
				continue;
			size_t words = 0;
			for (size_t j = k; j < fn; j++)
				words += f[j] == ' ';
			if (words <= CREDIT_WORDS && (at == 0 || (at >= 2 && strchr(".!?)", f[at - 2]))))
				return true;
		}
	}
	return false;
}

/* "4 hours ago", "3 ore fa", "il y a 2 heures", "vor 5 Minuten". */
static bool ago_line(const struct imp *im, const char *f, size_t fn)
{
	struct tok t[TOK_MAX];
	size_t nt = tok_split(f, fn, t);
	bool num = false, unit = false, ago = false;
	if (nt > AGO_WORDS)
		return false;
	for (size_t i = 0; i < nt; i++) {
		num = num || tok_num(t[i]) >= 0 || lex_find(im->clutter, "number", t[i].s, t[i].n);
		unit = unit || lex_find(im->clutter, "unit", t[i].s, t[i].n);
	}
	for (size_t i = 0; i < im->clutter->n && !ago; i++) {
		const struct entry *e = &im->clutter->e[i];
		size_t at = strcmp(e->kind, "ago") ? (size_t)-1 : text_find(f, fn, e->text, e->n, 0);
		ago = at != (size_t)-1 && (at == 0 || f[at - 1] == ' ') &&
		      (at + e->n == fn || f[at + e->n] == ' ');
	}
	return num && unit && ago;
}

/* Folded f without a count before or after it: "3 commenti su", "Comments
 * (2)" compare as "commenti su", "comments". */
static void strip_count(const char **f, size_t *fn)
{
	size_t i = 0;
	while (i < *fn && (*f)[i] >= '0' && (*f)[i] <= '9')
		i++;
	if (i && i < *fn && (*f)[i] == ' ')
		*f += i + 1, *fn -= i + 1;
	size_t n = *fn;
	if (n && (*f)[n - 1] == ')') {
		size_t k = n - 1;
		while (k && (*f)[k - 1] >= '0' && (*f)[k - 1] <= '9')
			k--;
		if (k >= 2 && (*f)[k - 1] == '(' && (*f)[k - 2] == ' ' && k < n - 1)
			*fn = k - 2;
	}
}

/* The start of the page's after-article part: comments, tags, most read,
 * a rights line ("© 2007 Harbor City Times. All rights reserved"). */
static bool end_line(const struct imp *im, const char *f, size_t fn)
{
	const char *g = f;
	size_t gn = fn;
	strip_count(&g, &gn);
	size_t ln = gn && g[gn - 1] == ':' ? gn - 1 : gn;
	if (lex_find(im->clutter, "end", g, ln) || lex_prefix(im->clutter, "endstart", g, gn))
		return true;
	bool copy = starts_with(f, fn, "\xC2\xA9") || starts_with(f, fn, "copyright") ||
		    starts_with(f, fn, "(c) ");
	if (!copy)
		return false;
	for (size_t i = 0; i < im->clutter->n; i++) {	/* "© Reuters" is a credit */
		const struct entry *e = &im->clutter->e[i];
		if (strcmp(e->kind, "rights") == 0 && text_find(f, fn, e->text, e->n, 0) != (size_t)-1)
			return true;
	}
	for (size_t i = 0; i + 4 <= fn; i++)	/* a year: "© 2007 ..." */
		if ((f[i] == '1' || f[i] == '2') && f[i + 1] >= '0' && f[i + 1] <= '9' &&
		    f[i + 2] >= '0' && f[i + 2] <= '9' && f[i + 3] >= '0' && f[i + 3] <= '9')
			return true;
	return false;
}

/* "Leggi anche: headline", "Lire aussi : headline", "Read next:headline". */
static bool tail_with_headline(const struct imp *im, const char *f, size_t fn)
{
	const struct entry *e = NULL;
	for (size_t i = 0; i < im->clutter->n && !e; i++) {
		const struct entry *c = &im->clutter->e[i];
		if (strcmp(c->kind, "tail") == 0 && c->n < fn && memcmp(f, c->text, c->n) == 0)
			e = c;
	}
	if (!e)
		return false;
	size_t k = e->n;
	while (k < fn && f[k] == ' ')
		k++;
	return k < fn && f[k] == ':' && (k == e->n || k == e->n + 1);
}

static bool bracketed(const char *s, size_t n)
{
	return n >= 2 && s[0] == '[' && s[n - 1] == ']' && !memchr(s + 1, ']', n - 2);
}

static enum clutter clutter_of(const struct imp *im, const struct para *p, char **source)
{
	size_t fn, ln;
	char *f = fold_norm(p->s, p->n, false, &fn);
	ln = fn && f[fn - 1] == ':' ? fn - 1 : fn;
	enum clutter c = CL_NONE;
	if (end_line(im, f, fn))
		c = CL_END;
	else if (lex_find(im->clutter, "line", f, ln) || bracketed(p->s, p->n))
		c = CL_DROP;
	else if (lex_find(im->clutter, "tail", f, ln))
		c = CL_TAIL;
	else if (lex_prefix(im->clutter, "box", f, fn))
		c = CL_BOX;
	else if (lex_prefix(im->clutter, "start", f, fn) ||
		 lex_prefix(im->clutter, "caption", f, fn) || is_teaser(im, p) ||
		 share_bar(im, f, fn) || menu_line(p->s, p->n) ||
		 credit_line(im, f, fn) || ago_line(im, f, fn) ||
		 tail_with_headline(im, f, fn))
		c = CL_DROP;
	else if (source && source_line(im, p, f, fn, source))
		c = CL_SOURCE;
	free(f);
	return c;
}

/* A block that reads as a sentence: it ends in . ! or ?, maybe inside
 * closing quotes or brackets ("... he said.”"). */
static bool sentence_end(const struct para *p)
{
	static const char *const closers[] = { "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB",
					       "\"", "'", ")", "\xE2\x80\x9C" };
	size_t n = p->n;
	for (bool again = true; again && n; ) {
		again = false;
		for (size_t k = 0; k < sizeof closers / sizeof closers[0]; k++)
			if (ends_with(p->s, n, closers[k])) {
				n -= strlen(closers[k]);
				again = true;
			}
	}
	return n && strchr(".!?", p->s[n - 1]);
}

/* A headline of another article in a teaser box: short, no sentence. */
static bool teaser_like(const struct para *p)
{
	return p->item || (p->n <= TAIL_LINE_MAX && !sentence_end(p));
}

/* A teaser block ("Read more", "Leggi anche"): the marker's own group of
 * lines, or the teaser headlines of the group after it; at the end of the
 * text, with a few short lines, all that follows. */
static void drop_tail(struct imp *im, size_t i)
{
	size_t rest = 0;
	bool teasers = true;	/* what follows, clutter aside, is headlines */
	for (size_t j = i + 1; j < im->np && rest <= TAIL_LINES; j++)
		if (!im->p[j].drop && clutter_of(im, &im->p[j], NULL) == CL_NONE) {
			rest++;
			teasers = teasers && teaser_like(&im->p[j]);
		}
	im->p[i].drop = true;
	if (rest <= TAIL_LINES && teasers) {
		for (size_t j = i + 1; j < im->np; j++)
			im->p[j].drop = true;
		return;
	}
	size_t j = i + 1;
	if (j < im->np && !im->p[j].gap)	/* the marker heads its group */
		for (; j < im->np && !im->p[j].gap; j++)
			im->p[j].drop = true;
	else	/* the headlines come as the next group */
		for (bool first = true; j < im->np && (first || !im->p[j].gap) &&
		     teaser_like(&im->p[j]); j++, first = false)
			im->p[j].drop = true;
}

/* The page after the article: the end marker and all that follows, and
 * before it the short lines of its own group ("Farmacie di turno"...). */
static void drop_end(struct imp *im, size_t i)
{
	for (size_t j = i; j < im->np; j++)
		im->p[j].drop = true;
	for (size_t j = i; j > im->title + 1 && !im->p[j].gap; j--) {
		struct para *q = &im->p[j - 1];
		if (!q->drop && (q->item || sentence_end(q) || q->n > TAIL_LINE_MAX))
			break;
		q->drop = true;
	}
}

/* A newsletter box: the pitch, and its heading just before it. */
static void drop_box(struct imp *im, size_t i)
{
	im->p[i].drop = true;
	size_t j = i;
	while (j > im->title + 1 && im->p[j - 1].drop)
		j--;
	if (j > im->title + 1 && !sentence_end(&im->p[j - 1]) &&
	    im->p[j - 1].n <= BOX_HEADING_MAX && !im->p[j - 1].item)
		im->p[j - 1].drop = true;
}

/* ---- the site's name ---- */

/* Does s start with the words of w (a whole word at its end)? */
static bool starts_with_words(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);
	return wn && wn <= n && memcmp(s, w, wn) == 0 &&
	       (wn == n || !text_is_word_char(s + wn, n - wn, NULL));
}

/* Cuts *n at the first of the separators that follow a name in a
 * copyright line: ", " ". " " - " " | "... */
static void name_cut(const char *s, size_t *n)
{
	static const char *const seps[] = { ", ", ". ", " - ", " \xE2\x80\x93 ",
					    " \xE2\x80\x94 ", " | ", " \xC2\xB7 ", " (" };
	size_t cut = *n;
	for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
		size_t sn = strlen(seps[k]);
		for (size_t i = 0; i + sn <= cut; i++)
			if (memcmp(s + i, seps[k], sn) == 0) {
				cut = i;
				break;
			}
	}
	while (cut && (s[cut - 1] == '.' || s[cut - 1] == ' '))
		cut--;
	*n = cut;
}

/* Drops a legal form at the end of a company name ("Ltd", "S.p.A."). */
static void name_unlegal(const struct imp *im, const char *s, size_t *n)
{
	for (size_t i = 0; i < im->clutter->n; i++) {
		const struct entry *e = &im->clutter->e[i];
		size_t fn;
		if (strcmp(e->kind, "legal"))
			continue;
		for (size_t at = *n; at-- > 1; ) {
			if (s[at - 1] != ' ')
				continue;
			char *f = fold_norm(s + at, *n - at, false, &fn);
			bool hit = fn == e->n && memcmp(f, e->text, fn) == 0;
			free(f);
			if (hit) {
				*n = at - 1;
				while (*n && (s[*n - 1] == ' ' || s[*n - 1] == ','))
					(*n)--;
				return;
			}
		}
	}
}

/* The name in a copyright line ("© 2007 Harbor City Times, 12 Wharf
 * Road. All rights reserved." gives "Harbor City Times"), malloc'd; NULL
 * when the line names nobody ("© Riproduzione riservata"). */
static char *copyright_name(const struct imp *im, const struct para *p)
{
	const char *s = p->s;
	size_t n = p->n;
	bool mark = false;
	for (;;) {
		while (n && (*s == ' ' || *s == ':'))
			s++, n--;
		if (starts_with(s, n, "\xC2\xA9"))
			s += 2, n -= 2, mark = true;
		else if (n >= 9 && strncasecmp(s, "copyright", 9) == 0)
			s += 9, n -= 9, mark = true;
		else if (n >= 3 && strncasecmp(s, "(c)", 3) == 0)
			s += 3, n -= 3, mark = true;
		else if (mark && n && *s >= '0' && *s <= '9')	/* years, "2007-2023" */
			while (n && ((*s >= '0' && *s <= '9') || *s == '-' || *s == ','))
				s++, n--;
		else
			break;
	}
	if (!mark)
		return NULL;
	name_cut(s, &n);
	name_unlegal(im, s, &n);
	size_t fn, words = 1;
	for (size_t i = 0; i < n; i++)
		words += s[i] == ' ';
	if (n < 2 || n > SITE_MAX || words > SITE_WORDS || !is_upper_start(s, n))
		return NULL;
	char *f = fold_norm(s, n, false, &fn);
	bool rights = false;
	for (size_t i = 0; i < im->clutter->n && !rights; i++)
		rights = strcmp(im->clutter->e[i].kind, "rights") == 0 &&
			 text_find(f, fn, im->clutter->e[i].text, im->clutter->e[i].n, 0) != (size_t)-1;
	free(f);
	return rights ? NULL : xstrndup(s, n);
}

/* A short line near the top that the text names again later, as a
 * sentence's subject or alone: "Orbit & Runway" ... "Orbit & Runway is
 * written by two former engineers". */
static char *site_repeated(const struct imp *im, size_t limit)
{
	for (size_t i = 0; i < limit && i < im->np; i++) {
		const struct para *p = &im->p[i];
		size_t words = 1;
		for (size_t k = 0; k < p->n; k++)
			words += p->s[k] == ' ';
		if (words > SITE_WORDS || p->n < 3 || !is_upper_start(p->s, p->n) ||
		    clutter_of(im, p, NULL) != CL_NONE || sentence_end(p))
			continue;
		char *name = xstrndup(p->s, p->n);
		for (size_t j = im->np / 2 > i + 2 ? im->np / 2 : i + 3; j < im->np; j++)
			if (im->p[j].n > p->n && starts_with_words(im->p[j].s, im->p[j].n, name))
				return name;
		free(name);
	}
	return NULL;
}

/* The name part of a masthead line: before the day's date ("Rheinische
 * Abendpost Dienstag, 13. März 2007 Abo Anmelden") or the buttons
 * ("Agenzia Meridiana Abbonati Accedi"); 0 when that leaves more than
 * MASTHEAD_WORDS words. */
static size_t masthead_cut(const struct imp *im, const struct para *p)
{
	char iso[11];
	long at = dates_find(p->s, p->n, NULL, iso, NULL);
	size_t n = at >= 0 ? (size_t)at : p->n;
	for (size_t k = 0; k < n; k++) {	/* a button: "Abo", "Accedi" */
		if (k && p->s[k - 1] != ' ')
			continue;
		size_t e = k;
		while (e < n && p->s[e] != ' ')
			e++;
		while (e > k && strchr(",.:;", p->s[e - 1]))
			e--;
		size_t fn;
		char *f = fold_norm(p->s + k, e - k, true, &fn);
		bool cut = lex_find(im->clutter, "line", f, fn) ||
			   lex_find(im->months, "weekday", f, fn);
		free(f);
		if (cut && k) {
			n = k;
			break;
		}
	}
	while (n && strchr(" ,-|", p->s[n - 1]))
		n--;
	size_t words = 1;
	for (size_t k = 0; k < n; k++)
		words += p->s[k] == ' ';
	return words <= MASTHEAD_WORDS ? n : 0;
}

/* The site's name as the text shows it: a copyright line's name, as the
 * masthead spells it when a line at the top starts like it ("Northwind
 * News" over "© 2023 Northwind Media Ltd."); else a top line named again
 * further down. */
static void site_find(struct imp *im)
{
	char *name = NULL;
	for (size_t i = 0; i < im->np && !name; i++)
		name = copyright_name(im, &im->p[i]);
	size_t top = im->np < SITE_TOP ? im->np : SITE_TOP;
	if (!name) {
		im->site = site_repeated(im, top);
		return;
	}
	size_t first = 0;	/* the first word of the name */
	while (name[first] && name[first] != ' ')
		first++;
	for (size_t i = 0; i < top; i++) {
		const struct para *p = &im->p[i];
		if (starts_with_words(p->s, p->n, name))
			break;
		size_t n = masthead_cut(im, p);
		if (n > first && memcmp(p->s, name, first) == 0 && p->s[first] == ' ' &&
		    clutter_of(im, p, NULL) == CL_NONE) {
			free(name);
			name = xstrndup(p->s, n);
			break;
		}
	}
	im->site = name;
}

/* ---- the top: headline, byline, dateline ---- */

static bool is_site_line(const struct imp *im, const struct para *p)
{
	return im->site && starts_with_words(p->s, p->n, im->site);
}

/* A byline or dateline ("By Staff Reporter · 13.03.2007", "Pubblicato il
 * 27 luglio 2023", "di Sandra Bartolini"), not the masthead's date. */
static bool is_anchor(const struct imp *im, const struct para *p)
{
	return !p->item && dates_is_byline(p->s, p->n) && !is_site_line(im, p);
}

/* Could the block be a headline: a few words, no list or menu, not
 * ending in ':' nor the site's name. */
static bool headline_like(const struct imp *im, const struct para *p)
{
	size_t words = 1;
	for (size_t k = 0; k < p->n; k++)
		words += p->s[k] == ' ';
	return words >= HEADLINE_WORDS && p->n <= HEADLINE_MAX && !p->item &&
	       p->s[p->n - 1] != ':' && !bracketed(p->s, p->n) && !is_site_line(im, p) &&
	       clutter_of(im, p, NULL) == CL_NONE;
}

/* A standfirst under a headline: a sentence or more. */
static bool standfirst_like(const struct para *p)
{
	return sentence_end(p) || first_sentence(p->s, p->n) < p->n || p->n > STANDFIRST_MIN;
}

/* A line that is a date and nothing else ("13 settembre 2023 12:41"). */
static bool date_only(const struct para *p)
{
	char iso[11];
	size_t len = 0;
	return dates_find(p->s, p->n, NULL, iso, &len) == 0 && len + 1 >= p->n;
}

/* The block before i that is neither dropped, clutter nor a byline. */
static long prev_content(const struct imp *im, size_t i)
{
	while (i-- > 0) {
		const struct para *p = &im->p[i];
		if (!p->drop && clutter_of(im, p, NULL) == CL_NONE && !is_anchor(im, p))
			return (long)i;
	}
	return -1;
}

/* The headline a byline or dateline at j stands under: the block just
 * before it, or the one before a standfirst. -1 when there is none. */
static long headline_before(const struct imp *im, size_t j)
{
	long c1 = prev_content(im, j);
	if (c1 < 0 || !headline_like(im, &im->p[c1]))
		return -1;
	if (!standfirst_like(&im->p[c1]))
		return c1;
	if (date_only(&im->p[j]) && sentence_end(&im->p[c1]))
		return -1;	/* a date under text may head a timeline entry */
	long c2 = prev_content(im, (size_t)c1);
	if (c2 >= 0 && headline_like(im, &im->p[c2]) && !standfirst_like(&im->p[c2]))
		return c2;
	return first_sentence(im->p[c1].s, im->p[c1].n) == im->p[c1].n ? c1 : -1;
}

/* Where the head of the page ends: the first long block of text. */
static size_t head_limit(const struct imp *im)
{
	size_t i = 0;
	while (i < im->np && i < HEAD_MAX &&
	       (im->p[i].n < BODY_MIN || clutter_of(im, &im->p[i], NULL) != CL_NONE))
		i++;
	return i;
}

/* The date of the byline or dateline at i, unless it says "updated". */
static bool anchor_date(struct imp *im, size_t i)
{
	const struct para *p = &im->p[i];
	size_t fn;
	char *f = fold_norm(p->s, p->n, false, &fn);
	bool update = lex_prefix(im->clutter, "updated", f, fn) != NULL;
	free(f);
	char iso[11];
	int y, m, d;
	if (update || dates_find(p->s, p->n, NULL, iso, NULL) < 0 ||
	    article_parse_date(iso, &y, &m, &d) != 0)
		return false;
	date_take(im, (struct ymd){ y, m, d });
	return true;
}

/* Finds the headline by its byline or dateline: the title is the block
 * above the first one that has a headline above it; the bylines between
 * it and the body go, their date is the article's (else that of a
 * dateline just above the title). false when there is no such byline. */
static bool head_anchor(struct imp *im)
{
	size_t limit = head_limit(im);
	long t = -1;
	for (size_t j = 0; j < limit && t < 0; j++)
		if (!im->p[j].drop && is_anchor(im, &im->p[j]))
			t = headline_before(im, j);
	if (t < 0)
		return false;
	for (size_t i = 0; i < (size_t)t; i++)
		im->p[i].drop = true;
	im->title = (size_t)t;
	/* The bylines and datelines under the title (one standfirst may come
	 * before them); the text starts with the first block after them. */
	bool anchors = false;
	size_t content = 0;
	for (size_t i = (size_t)t + 1; i < limit; i++) {
		const struct para *p = &im->p[i];
		if (p->drop || clutter_of(im, p, NULL) != CL_NONE)
			continue;
		if (!is_anchor(im, p)) {
			if (anchors || ++content > 1)
				break;
			continue;
		}
		anchors = true;
		anchor_date(im, i);
		im->p[i].drop = true;
	}
	for (size_t i = (size_t)t; !im->date.y && i-- > 0; ) {
		const struct para *p = &im->p[i];
		if (is_anchor(im, p) && !is_site_line(im, p))
			anchor_date(im, i);
		if (!is_anchor(im, p) && clutter_of(im, p, NULL) == CL_NONE)
			break;	/* only a dateline right above the title */
	}
	return true;
}

/* ---- the top: breadcrumbs, datelines, title ---- */

static const char *const crumb_seps[] = { " > ", " \xC2\xBB ", " \xE2\x80\xBA " };

/* A breadcrumb such as "NEWS > 14 Settembre": dropped, its date kept. */
static bool head_breadcrumb(struct imp *im, size_t i)
{
	struct para *p = &im->p[i];
	const char *last = NULL;
	if (p->n > CRUMB_MAX)
		return false;
	for (size_t k = 0; k < sizeof crumb_seps / sizeof crumb_seps[0]; k++)
		for (const char *s = p->s; (s = strstr(s, crumb_seps[k])) && s < p->s + p->n; s++)
			if (!last || s > last)
				last = s + strlen(crumb_seps[k]);
	if (!last || last > p->s + p->n)
		return false;
	struct ymd d;
	if (date_whole(im, last, p->n - (size_t)(last - p->s), false, &d)) {
		date_year_next(im, i, &d);
		date_take(im, d);
	}
	p->drop = true;
	return true;
}

/* A line that is only a date ("Pubblicato il 14 settembre 2023"). */
static bool head_date_line(struct imp *im, size_t i)
{
	struct ymd d;
	if (!date_whole(im, im->p[i].s, im->p[i].n, false, &d))
		return false;
	date_year_next(im, i, &d);
	if (!d.y)
		return false;
	date_take(im, d);
	im->p[i].drop = true;
	return true;
}

/* Navigation at the top of a page: the site's name (masthead), a menu
 * of section names, a section label. */
/* "ANSA.it", "www.example.co.uk": a site's address as its name. */
static bool domain_like(const struct para *p)
{
	if (memchr(p->s, ' ', p->n) || p->n > SITE_MAX)
		return false;
	size_t dot = p->n;
	while (dot && p->s[dot - 1] != '.')
		dot--;
	if (dot < 2 || p->n - dot < 2 || p->n - dot > 6)
		return false;
	for (size_t i = dot; i < p->n; i++)
		if (p->s[i] < 'a' || p->s[i] > 'z')
			return false;
	return is_alnum(p->s[dot - 2]);
}

/* A short line over a menu (the next lines of its group are section
 * names): a masthead. */
static bool masthead_over_menu(const struct imp *im, size_t i)
{
	size_t words = 1, menu = 0, seen = 0;
	for (size_t k = 0; k < im->p[i].n; k++)
		words += im->p[i].s[k] == ' ';
	if (words > MASTHEAD_WORDS)
		return false;
	for (size_t j = i + 1; j < im->np && seen < 3 && !im->p[j].gap; j++, seen++) {
		size_t fn;
		char *f = fold_norm(im->p[j].s, im->p[j].n, true, &fn);
		menu += lex_find(im->clutter, "section", f, fn) || lex_find(im->clutter, "line", f, fn);
		free(f);
	}
	return menu >= 2;
}

static bool head_nav(const struct imp *im, const struct para *p)
{
	if (is_site_line(im, p) || bracketed(p->s, p->n))
		return true;
	size_t fn, words = 0, sections = 0;
	char *f = fold_norm(p->s, p->n, true, &fn);
	bool label = lex_find(im->clutter, "section", f, fn) != NULL;
	for (size_t a = 0; a < fn && !label; ) {
		size_t b = a;
		while (b < fn && f[b] != ' ')
			b++;
		words++;
		sections += lex_find(im->clutter, "section", f + a, b - a) != NULL;
		a = b + 1;
	}
	free(f);
	return label || (words >= 3 && 3 * sections >= 2 * words);
}

static void head_scan(struct imp *im)
{
	size_t i = 0;
	head_date_prefix(im);
	for (; i < im->np; i++) {
		struct para *p = &im->p[i];
		if (p->drop)
			continue;
		if (clutter_of(im, p, NULL) != CL_NONE || head_nav(im, p)) {
			p->drop = true;
		} else if (domain_like(p) || masthead_over_menu(im, i)) {
			p->drop = true;	/* the site's name */
			if (!im->site)
				im->site = xstrndup(p->s, p->n);
		}
		else if (!head_breadcrumb(im, i) && !head_date_line(im, i))
			break;
	}
	im->title = i;
	/* Under the title, only short lines (byline, kicker) may come before
	 * a dateline: a lone date further down may head a timeline entry. */
	for (size_t j = i + 1; j < im->np && j <= i + HEAD_AFTER; j++) {
		const struct para *p = &im->p[j];
		if (p->drop || head_date_line(im, j))
			continue;
		if (p->n > BYLINE_MAX || p->s[p->n - 1] == '.')
			break;
	}
}

/* Removes one pair of quotes around the whole title, not “A” and “B”. */
static void title_unquote(const char **s, size_t *n)
{
	static const char *const pairs[][2] = {
		{ "\xE2\x80\x9C", "\xE2\x80\x9D" }, { "\"", "\"" },
		{ "\xC2\xAB", "\xC2\xBB" }, { "\xE2\x80\x9E", "\xE2\x80\x9C" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		size_t o = strlen(pairs[i][0]), c = strlen(pairs[i][1]);
		if (*n <= o + c || !starts_with(*s, *n, pairs[i][0]) ||
		    !ends_with(*s, *n, pairs[i][1]))
			continue;
		char *in = xstrndup(*s + o, *n - o - c);
		bool nested = strstr(in, pairs[i][0]) || strstr(in, pairs[i][1]);
		free(in);
		if (!nested) {
			*s += o;
			*n -= o + c;
			return;
		}
	}
}

/* Drops a section label after a dash or bar: "... – Politica". */
static void title_unsection(const struct imp *im, const char *s, size_t *n)
{
	static const char *const seps[] = { " \xE2\x80\x93 ", " \xE2\x80\x94 ", " - ", " | " };
	for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++) {
		size_t sn = strlen(seps[k]);
		for (size_t i = *n; i-- > 0; ) {
			if (i + sn > *n || memcmp(s + i, seps[k], sn))
				continue;
			size_t fn;
			char *f = fold_norm(s + i + sn, *n - i - sn, true, &fn);
			bool label = lex_find(im->clutter, "section", f, fn) != NULL;
			free(f);
			if (label)
				*n = i;
			break;	/* only the last separator can end in a label */
		}
	}
}

static void title_pick(struct imp *im)
{
	if (im->title >= im->np) {
		im->title_text = xstrdup("");
		return;
	}
	struct para *p = &im->p[im->title];
	const char *s = p->s;
	size_t n = p->n, first = first_sentence(s, n);
	im->title_raw = s;
	im->title_raw_n = n;
	im->title_in_body = n > TITLE_SPLIT && first < n;
	p->drop = !im->title_in_body;
	n = first;
	title_unsection(im, s, &n);
	title_unquote(&s, &n);
	if (n >= 2 && s[n - 1] == '.' && s[n - 2] != '.')
		n--;
	im->title_text = xstrndup(s, n);
}

/* ---- the body ---- */

/* Drops the clutter of the body. What ends the article (comments, tags)
 * does so only after some of its text: above it, it is only a line. */
static void body_clean(struct imp *im)
{
	bool text = false;
	for (size_t i = im->title + 1; i < im->np; i++) {
		struct para *p = &im->p[i];
		char *src = NULL;
		if (p->drop)
			continue;
		switch (clutter_of(im, p, &src)) {
		case CL_DROP:
			p->drop = true;
			break;
		case CL_TAIL:
			drop_tail(im, i);
			break;
		case CL_END:
			if (text)
				drop_end(im, i);
			else
				p->drop = true;
			break;
		case CL_BOX:
			drop_box(im, i);
			break;
		case CL_SOURCE:
			p->drop = true;
			if (!im->source)
				im->source = src, src = NULL;
			break;
		case CL_NONE:
			text = text || (p->n >= TEXT_MIN && sentence_end(p));
			break;
		}
		free(src);
	}
}

static bool para_eq(const struct para *p, const char *s, size_t n)
{
	return p->n == n && memcmp(p->s, s, n) == 0;
}

static size_t para_hash(const struct para *p)
{
	return hash_fnv32(p->s, p->n);
}

/* "Il leader ... la loro determinazione a..." teasing a paragraph nearby
 * that starts with the same words. */
static bool is_truncated_copy(const struct imp *im, size_t i)
{
	const struct para *p = &im->p[i];
	size_t n = p->n;
	if (ends_with(p->s, n, "..."))
		n -= 3;
	else if (ends_with(p->s, n, "\xE2\x80\xA6"))
		n -= 3;
	else
		return false;
	while (n && p->s[n - 1] == ' ')
		n--;
	if (n < TRUNC_MIN)
		return false;
	size_t from = i > TRUNC_NEAR + im->title ? i - TRUNC_NEAR : im->title;
	for (size_t j = from; j < im->np && j <= i + TRUNC_NEAR; j++)
		if (j != i && !im->p[j].drop && im->p[j].n > n &&
		    memcmp(im->p[j].s, p->s, n) == 0)
			return true;
	return false;
}

/* Drops exact repeats (the title line counts as the first) and truncated
 * copies of other paragraphs. */
static void body_dedup(struct imp *im)
{
	/* A hash table of kept paragraphs keeps a huge input linear. */
	size_t cap = 2 * im->np + 1;
	size_t *seen = xcalloc(cap, sizeof *seen);	/* index + 1, 0 empty */
	for (size_t i = im->title + 1; i < im->np; i++) {
		struct para *p = &im->p[i];
		if (p->drop)
			continue;
		if (im->title_raw && para_eq(p, im->title_raw, im->title_raw_n)) {
			p->drop = true;
			continue;
		}
		size_t h = para_hash(p) % cap;
		while (seen[h] && !para_eq(p, im->p[seen[h] - 1].s, im->p[seen[h] - 1].n))
			h = (h + 1) % cap;
		if (seen[h])
			p->drop = true;
		else
			seen[h] = i + 1;
	}
	free(seen);
	for (size_t i = im->title; i < im->np; i++)
		if (!im->p[i].drop && is_truncated_copy(im, i))
			im->p[i].drop = true;
}

/* A wire dateline opening the first paragraph: "ROMA, 14 settembre 2023 –". */
static void body_dateline(struct imp *im)
{
	static const char *const dashes[] = { " \xE2\x80\x93 ", " \xE2\x80\x94 ", " - " };
	size_t i = im->title_in_body ? im->title : im->title + 1;
	while (i < im->np && im->p[i].drop)
		i++;
	if (im->date.y || i >= im->np)
		return;
	const struct para *p = &im->p[i];
	const char *comma = memchr(p->s, ',', p->n < 40 ? p->n : 40);
	for (size_t k = 0; comma && k < sizeof dashes / sizeof dashes[0]; k++) {
		const char *dash = strstr(comma, dashes[k]);
		struct ymd d;
		if (dash && dash < p->s + p->n && dash - comma < 60 &&
		    date_whole(im, comma + 1, (size_t)(dash - comma - 1), true, &d))
			date_take(im, d);
	}
}

/* A text with no date of its own that states the full date of the event
 * it reports ("il 3 settembre 2025"): that date, marked as inferred. */
static void date_infer(struct imp *im)
{
	for (size_t i = im->title; i < im->np && !im->date.y; i++) {
		const struct para *p = &im->p[i];
		char iso[11];
		int y, m, d;
		if ((p->drop && !(i == im->title && im->title_in_body)) ||
		    dates_find(p->s, p->n, NULL, iso, NULL) < 0 ||
		    article_parse_date(iso, &y, &m, &d) != 0)
			continue;
		im->date = (struct ymd){ y, m, d };
		im->date_inferred = true;
	}
}

/* The language of the kept paragraphs and the title, from their first
 * LANG_WORDS words, by lang.c's function words; "" when they do not tell. */
static const char *detect_lang(const struct imp *im)
{
	struct lang_score sc = { { 0 }, 0 };
	for (size_t i = 0; i < im->np && sc.words < LANG_WORDS; i++)
		if (!im->p[i].drop || i == im->title)
			lang_score_add(lang_db_shared(), im->p[i].s, im->p[i].n, &sc);
	return lang_code(lang_score_best(&sc, NULL));
}

/* ---- CommonMark ---- */

/* "&amp;" "&#39;" would render as the character: the '&' needs escaping. */
static bool entity_like(const char *s, size_t n)
{
	size_t i = 1;
	if (i < n && s[i] == '#')
		i++;
	size_t st = i;
	while (i < n && i - st < 32 && is_alnum(s[i]))
		i++;
	return i > st && i < n && s[i] == ';';
}

/* Writes one paragraph so that it renders as exactly its text: block
 * markers at its start and inline syntax characters are escaped. */
static void md_para(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, k = 0;
	while (k < n && k < 10 && s[k] >= '0' && s[k] <= '9')
		k++;
	if (strchr("#>-+=~", s[0]))
		buf_addc(b, '\\');
	else if (k >= 1 && k <= 9 && k < n && (s[k] == '.' || s[k] == ')') &&
		 (k + 1 == n || s[k + 1] == ' ' || s[k + 1] == '\t')) {
		buf_add(b, s, k);	/* "2019. " would start a list */
		buf_addc(b, '\\');
		i = k;
	}
	for (; i < n; i++) {
		if (strchr("\\`*_[]<", s[i]) || (s[i] == '&' && entity_like(s + i, n - i)))
			buf_addc(b, '\\');
		buf_addc(b, s[i]);
	}
}

static char *body_markdown(const struct imp *im, size_t *len)
{
	struct buf b = BUF_INIT;
	for (size_t i = im->title; i < im->np; i++) {
		const struct para *p = &im->p[i];
		if (p->drop)
			continue;
		if (b.len)
			buf_addc(&b, '\n');
		if (p->item < 0)
			buf_adds(&b, "- ");
		else if (p->item > 0)
			buf_addf(&b, "%d. ", p->item);
		md_para(&b, p->s, p->n);
		buf_addc(&b, '\n');
	}
	return buf_detach(&b, len);
}

/* ---- results ---- */

static char *base_name(const char *name, bool strip_ext)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	const char *dot = strip_ext ? strrchr(base, '.') : NULL;
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	return text_sanitize(base, n, false, NULL);
}

static char *date_string(struct ymd d)
{
	char s[16] = "";
	if (d.y && d.d)
		snprintf(s, sizeof s, "%04d-%02d-%02d", d.y, d.m, d.d);
	else if (d.y && d.m)
		snprintf(s, sizeof s, "%04d-%02d", d.y, d.m);
	else if (d.y)
		snprintf(s, sizeof s, "%04d", d.y);
	return xstrdup(s);
}

static void fill_article(struct imp *im, struct article *a, size_t len)
{
	memset(a, 0, sizeof *a);
	a->id = base_name(im->name, true);
	a->path = xstrdup(im->name);
	a->title = im->title_text[0] ? im->title_text : xstrdup(a->id);
	if (!im->title_text[0])
		free(im->title_text);
	im->title_text = NULL;
	a->date = date_string(im->date);
	a->year = im->date.y, a->month = im->date.m, a->day = im->date.d;
	a->source = im->source ? im->source : im->site ? im->site : xstrdup("");
	if (a->source == im->site)
		im->site = NULL;
	im->source = NULL;
	a->lang = xstrdup(detect_lang(im));
	a->url = xstrdup("");
	a->tags = xstrdup("");
	a->body = body_markdown(im, &a->body_len);
	a->body_line = 0;
	a->size = (long long)len;
	a->guid = xstrdup("");
	a->date_from = xstrdup(im->date_inferred ? "text" : "");
	a->import_checksum = xstrdup("");
}

/* NUL bytes in the first 8 KiB, one in a hundred or more of them or with
 * one byte in twenty not UTF-8: a binary file (or UTF-16). A stray NUL in
 * scraped text is only dropped. */
static bool is_binary(const char *text, size_t len)
{
	size_t scan = len < BINARY_SCAN ? len : BINARY_SCAN, nul = 0, bad = 0;
	for (size_t i = 0; i < scan; i++)
		nul += text[i] == '\0';
	for (size_t at = 0, off; at < scan && !text_valid_utf8(text + at, scan - at, &off); at += off + 1)
		bad += text[at + off] != '\0';
	return nul && (nul * 100 >= scan || bad * 20 >= scan);
}

/* Empty, binary or over limit bytes. */
static int import_reject(const char *name, const char *text, size_t len,
			 size_t limit, struct diag *d)
{
	size_t i = 0;
	while (i < len && strchr(" \t\r\n", text[i]) && text[i])
		i++;
	if (i == len)
		diag_add(d, name, 0, "empty file (skipped)");
	else if (is_binary(text, len))
		diag_add(d, name, 0, "binary file (skipped)");
	else if (len > limit)
		diag_add(d, name, 0, "too large (%zu bytes, limit %zu MiB; skipped)",
			 len, limit >> 20);
	else
		return 0;
	return -1;
}

int import_text(const char *name, const char *text, size_t len,
		struct article *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	if (import_reject(name, text, len, ARTICLE_MAX_SIZE, d))
		return -1;
	size_t bad;
	if (!text_valid_utf8(text, len, &bad)) {
		size_t line = 1;
		for (size_t i = 0; i < bad; i++)
			line += text[i] == '\n';
		diag_add(d, name, line, "invalid UTF-8 (replaced with U+FFFD)");
	}
	pthread_once(&lexicons_once, lexicons_load);
	struct imp im = { .name = name, .d = d, .clutter = &lex_clutter,
			  .months = &lex_months };
	im.text = prep_text(text, len);
	unwrap(&im);
	split_paras(&im);
	site_find(&im);
	if (!head_anchor(&im))
		head_scan(&im);
	title_pick(&im);
	body_clean(&im);
	body_dedup(&im);
	body_dateline(&im);
	date_infer(&im);
	fill_article(&im, out, len);
	free(im.text);
	free(im.p);
	free(im.title_text);
	free(im.source);
	free(im.site);
	return 0;
}

/* ---- file names ---- */

char *import_slug(const char *title)
{
	size_t fn;
	char *f = text_fold(title, strlen(title), &fn, NULL);
	struct buf b = BUF_INIT;
	bool gap = false;
	for (size_t i = 0; i < fn; ) {
		size_t cl = 1;
		bool word = (unsigned char)f[i] < 0x80 ? is_alnum(f[i]) :
			    text_is_word_char(f + i, fn - i, &cl);
		if (!word) {
			gap = true;
			i += cl ? cl : 1;
			continue;
		}
		if (gap && b.len)
			buf_addc(&b, '-');
		gap = false;
		buf_add(&b, f + i, cl);
		i += cl;
	}
	free(f);
	if (b.len > SLUG_MAX) {
		size_t cut = SLUG_MAX;
		while (cut > 0 && b.data[cut] != '-')
			cut--;
		if (cut == 0)	/* one long word: cut between characters */
			for (cut = SLUG_MAX; (b.data[cut] & 0xC0) == 0x80; cut--)
				;
		b.len = cut;
		b.data[cut] = '\0';
	}
	return buf_detach(&b, NULL);
}

char *import_file_name(const struct article *a)
{
	char *slug = import_slug(a->title ? a->title : "");
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s-%s.md", a->date && a->date[0] ? a->date : "undated",
		 slug[0] ? slug : "article");
	free(slug);
	return buf_detach(&b, NULL);
}

/* ---- inputs ---- */

/* Reads a whole regular file; NULL with a message in d. */
static char *read_input(const char *path, size_t *len, struct diag *d)
{
	struct buf b = BUF_INIT;
	long long size;
	if (buf_read_file_max(&b, path, HTML_MAX_SIZE, &size) == 0)	/* text: 16 MiB, later */
		return buf_detach(&b, len);
	if (errno == EFBIG)
		diag_add(d, path, 0, "too large (%lld bytes, limit %u MiB; skipped)",
			 size, HTML_MAX_SIZE >> 20);
	else
		diag_add(d, path, 0, "cannot read: %s (skipped)", buf_read_error(errno));
	return NULL;
}

/* Reads standard input to its end, at most HTML_MAX_SIZE bytes. */
static char *read_stdin(size_t *len, struct diag *d)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t r = read(STDIN_FILENO, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(d, "stdin", 0, "cannot read: %s (skipped)", strerror(errno));
			buf_free(&b);
			return NULL;
		}
		if (r == 0)
			break;
		if (b.len + (size_t)r > HTML_MAX_SIZE) {
			diag_add(d, "stdin", 0, "too large (over %u MiB; skipped)",
				 HTML_MAX_SIZE >> 20);
			buf_free(&b);
			return NULL;
		}
		buf_add(&b, chunk, (size_t)r);
	}
	return buf_detach(&b, len);
}

enum import_kind import_sniff(const char *data, size_t len)
{
	if (feed_sniff(data, len) != FEED_NONE)
		return IMPORT_FEED;
	if (html_sniff(data, len))
		return IMPORT_HTML;
	return IMPORT_TEXT;
}

int import_check_date(const char *date)
{
	int y, m, d;
	return date && *date && article_parse_date(date, &y, &m, &d) == 0 ? 0 : -1;
}

void import_result_free(struct import_result *res)
{
	for (size_t i = 0; i < res->n; i++)
		free(res->files[i].path);
	free(res->files);
	free(res->feed_title);
	memset(res, 0, sizeof *res);
}

/* ---- articles of any kind ---- */

static bool given(const char *s)
{
	return s && *s;
}

/* "en-GB", "EN_us" -> "en": the primary subtag, lower case, letters only. */
static char *primary_subtag(const char *tag)
{
	char code[9];
	size_t n = 0;
	while (tag && n < sizeof code - 1 && ((tag[n] | 0x20) >= 'a' && (tag[n] | 0x20) <= 'z'))
		code[n] = (char)(tag[n] | 0x20), n++;
	code[n] = '\0';
	bool whole = tag && (tag[n] == '\0' || tag[n] == '-' || tag[n] == '_');
	return xstrdup(n >= 2 && n <= 3 && whole ? code : "");
}

static void set_field(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

/* Every front-matter key a member, never NULL, as article_parse makes
 * them: a converter that sets only some (html.c) or leaves a known key
 * among the extra fields ("date-from") gives the same article. */
static void keys_complete(struct article *a)
{
	for (size_t k = 0; k < article_nkeys; k++) {
		char **slot = article_key_value(a, &article_keys[k]);
		if (!*slot)
			*slot = xstrdup("");
	}
	size_t kept = 0;
	for (size_t i = 0; i < a->nextra; i++) {
		size_t k = 0;
		while (k < article_nkeys && strcmp(article_keys[k].name, a->extra[i].key) != 0)
			k++;
		char **slot = k < article_nkeys ? article_key_value(a, &article_keys[k]) : NULL;
		if (slot && !(*slot)[0]) {
			free(*slot);
			*slot = a->extra[i].value;
			free(a->extra[i].key);
		} else if (slot) {
			free(a->extra[i].key);
			free(a->extra[i].value);
		} else {
			a->extra[kept++] = a->extra[i];
		}
	}
	a->nextra = kept;
}

/* The overrides the user gave win over what the input said. */
static void apply_overrides(struct article *a, const struct import_options *opt,
			    bool is_feed)
{
	if (given(opt->source))
		set_field(&a->source, opt->source);
	if (given(opt->url) && !is_feed)
		set_field(&a->url, opt->url);
	if (given(opt->lang)) {
		char *code = primary_subtag(opt->lang);
		set_field(&a->lang, code[0] ? code : opt->lang);
		free(code);
	}
	if (given(opt->date) && import_check_date(opt->date) == 0) {
		set_field(&a->date, opt->date);
		article_parse_date(a->date, &a->year, &a->month, &a->day);
		set_field(&a->date_from, "");
	}
}

static int write_article(const char *name, struct article *a,
			 const struct import_options *opt, struct import_dir *dir,
			 struct import_result *res, struct diag *d)
{
	enum import_status st;
	char *path = NULL;
	(void)name;
	if (import_dir_write(dir, a, opt->force, &st, &path, d) != 0)
		return -1;
	res->files = xgrow(res->files, &res->cap, res->n + 1, sizeof *res->files);
	res->files[res->n++] = (struct import_done){ path, st };
	return 0;
}

/* ---- feeds ---- */

/* Plain text as CommonMark paragraphs: blank lines separate them, the
 * lines of one are joined. */
static char *text_markdown(const char *s, size_t n, size_t *len)
{
	struct buf b = BUF_INIT, para = BUF_INIT;
	char *clean = prep_text(s, n);
	for (const char *p = clean; ; ) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		const char *a = p, *e = end;
		while (a < e && (*a == ' ' || *a == '\t'))
			a++;
		while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > a) {
			if (para.len)
				buf_addc(&para, ' ');
			buf_add(&para, a, (size_t)(e - a));
		}
		if ((e == a || !nl) && para.len) {
			if (b.len)
				buf_addc(&b, '\n');
			md_para(&b, para.data, para.len);
			buf_addc(&b, '\n');
			buf_reset(&para);
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	buf_free(&para);
	free(clean);
	return buf_detach(&b, len);
}

/* A title for an item that has none: the first sentence of its text, or
 * its first words, cut at a word with "…". */
static char *title_from_text(const char *md, size_t len)
{
	char *plain = prep_text(md, len);
	size_t n = 0;
	while (plain[n] && plain[n] != '\n')
		n++;
	size_t first = first_sentence(plain, n);
	if (first < n)
		n = first;
	char *out;
	if (n <= 100) {
		out = xstrndup(plain, n);
	} else {
		size_t cut = 80;
		while (cut > 20 && plain[cut] != ' ')
			cut--;
		while (cut && (plain[cut] & 0xC0) == 0x80)
			cut--;
		struct buf b = BUF_INIT;
		buf_add(&b, plain, cut);
		buf_adds(&b, "\xE2\x80\xA6");
		out = buf_detach(&b, NULL);
	}
	free(plain);
	return out;
}

void import_feed_item(const struct feed *f, const struct feed_item *it,
		      const char *name, struct article *a)
{
	memset(a, 0, sizeof *a);
	a->id = xstrdup("");
	a->path = xstrdup(name);
	a->body = it->content_html ? html_to_markdown(it->content, it->content_len, it->base, &a->body_len)
				   : text_markdown(it->content, it->content_len, &a->body_len);
	a->title = it->title[0] ? xstrdup(it->title) : title_from_text(a->body, a->body_len);
	a->date = xstrdup(it->date);
	article_parse_date(a->date, &a->year, &a->month, &a->day);
	a->source = xstrdup(f->title);
	a->lang = primary_subtag(it->lang);
	if (!a->lang[0])
		set_field(&a->lang, lang_text_code(a->body, a->body_len));
	a->url = xstrdup(it->url);
	a->tags = xstrdup("");
	a->guid = xstrdup(it->guid);
	a->date_from = xstrdup("");
	a->import_checksum = xstrdup("");
}

static int import_feed(const char *name, const char *data, size_t len,
		       const struct import_options *opt, struct import_dir *dir,
		       struct import_result *res, struct diag *d)
{
	struct feed f;
	int rc = feed_parse(name, data, len, given(opt->url) ? opt->url : NULL, &f, d);
	if (rc == 0 && !res->feed_title)
		res->feed_title = xstrdup(f.title);
	for (size_t i = 0; rc == 0 && i < f.nitems; i++) {
		struct article a;
		import_feed_item(&f, &f.items[i], name, &a);
		apply_overrides(&a, opt, true);
		if (write_article(name, &a, opt, dir, res, d) != 0)
			rc = -1;
		article_free(&a);
	}
	if (f.nempty)
		diag_add(d, name, 0, "%zu empty item%s (no title, link, id or text; skipped)",
			 f.nempty, f.nempty == 1 ? "" : "s");
	feed_free(&f);
	return rc;
}

/* ---- the entry points ---- */

int import_data(const char *name, const char *data, size_t len,
		const struct import_options *opt, struct import_result *res,
		struct diag *d)
{
	if (given(opt->date) && import_check_date(opt->date) != 0) {
		diag_add(d, name, 0, "bad --date '%s' (expected YYYY-MM-DD, YYYY-MM "
			 "or YYYY; nothing imported)", opt->date);
		return -1;
	}
	if (import_reject(name, data, len, HTML_MAX_SIZE, d))
		return -1;
	struct import_dir *dir = opt->dir;
	if (!dir && !(dir = import_dir_open(opt->outdir ? opt->outdir : ".", d)))
		return -1;
	enum import_kind kind = import_sniff(data, len);
	int rc;
	if (kind == IMPORT_FEED) {
		rc = import_feed(name, data, len, opt, dir, res, d);
	} else {
		struct article a;
		rc = kind == IMPORT_HTML ?
		     html_import_named(name, data, len, NULL, given(opt->url) ? opt->url : NULL, &a, d) :
		     import_text(name, data, len, &a, d);
		if (rc == 0) {
			keys_complete(&a);
			apply_overrides(&a, opt, false);
			rc = write_article(name, &a, opt, dir, res, d);
		}
		article_free(&a);
	}
	if (dir != opt->dir)
		import_dir_close(dir);
	return rc;
}

int import_file(const char *path, const struct import_options *opt,
		struct import_result *res, struct diag *d)
{
	bool in = strcmp(path, "-") == 0;
	size_t len = 0;
	char *data = in ? read_stdin(&len, d) : read_input(path, &len, d);
	if (!data)
		return -1;
	int rc = import_data(in ? "stdin" : path, data, len, opt, res, d);
	free(data);
	return rc;
}
