/* import.c: scraped text -> article: finds the title and the article's own
 * date at the top, drops web-page clutter (lexicons clutter, months, langs),
 * and writes the paragraphs as CommonMark that renders back to the text. */
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
#include "feed.h"
#include "html.h"
#include "import.h"
#include "lexicon.h"
#include "text.h"

#define BINARY_SCAN	8192	/* a NUL in these first bytes means binary */
#define HEAD_AFTER	3	/* lines after the title searched for a dateline */
#define BYLINE_MAX	80	/* a longer line under the title starts the text */
#define TAIL_LINES	6	/* at most this many short lines after "Leggi anche" */
#define TAIL_LINE_MAX	200	/* ... each at most this long, to be teasers */
#define TITLE_SPLIT	100	/* a longer first line of sentences: title is the first */
#define TRUNC_MIN	20	/* shortest prefix of a truncated duplicate */
#define TRUNC_NEAR	10	/* ... whose full paragraph is this close */
#define SOURCE_MAX	60	/* longest publisher name on a "Fonte:" line */
#define CRUMB_MAX	100	/* longest breadcrumb line */
#define SLUG_MAX	60
#define TOK_MAX		16	/* a date line has fewer words than this */
#define LANG_WORDS	3000	/* enough words to tell the language */
#define LANG_BYTES	20000	/* ... about this much text */
#define LANG_MAX	8	/* languages in the langs lexicon */

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
static struct lex lex_clutter, lex_months, lex_langs;
static pthread_once_t lexicons_once = PTHREAD_ONCE_INIT;

static void lexicons_load(void)
{
	lex_load(&lex_clutter, "clutter", true);
	lex_load(&lex_months, "months", false);
	lex_load(&lex_langs, "langs", false);
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
	const char *s;	/* into imp.text, trimmed, no newline */
	size_t n;
	size_t line;	/* in the input file */
	bool drop;
};

struct ymd {
	int y, m, d;
};

struct imp {
	const char *name;
	struct diag *d;
	const struct lex *clutter, *months, *langs;	/* shared, read-only */
	char *text;		/* cleaned input, owned */
	struct para *p;
	size_t np, cap;
	size_t title;		/* index of the title line, np if none */
	const char *title_raw;	/* the title line as it was, for duplicates */
	size_t title_raw_n;
	char *title_text;
	bool title_in_body;	/* the title line stays as the first paragraph */
	struct ymd date;
	char *source;
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

static void split_paras(struct imp *im)
{
	size_t line = 0;
	for (const char *s = im->text; *s; ) {
		const char *nl = strchr(s, '\n');
		const char *end = nl ? nl : s + strlen(s);
		const char *a = s, *e = end;
		line++;
		while (a < e && (*a == ' ' || *a == '\t'))
			a++;
		while (e > a && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > a) {
			im->p = xgrow(im->p, &im->cap, im->np + 1, sizeof *im->p);
			im->p[im->np++] = (struct para){ a, (size_t)(e - a), line, false };
		}
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

enum clutter { CL_NONE, CL_DROP, CL_TAIL, CL_SOURCE };

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

static enum clutter clutter_of(const struct imp *im, const struct para *p, char **source)
{
	size_t fn, ln;
	char *f = fold_norm(p->s, p->n, false, &fn);
	ln = fn && f[fn - 1] == ':' ? fn - 1 : fn;
	enum clutter c = CL_NONE;
	if (lex_find(im->clutter, "line", f, ln))
		c = CL_DROP;
	else if (lex_find(im->clutter, "tail", f, ln))
		c = CL_TAIL;
	else if (lex_prefix(im->clutter, "start", f, fn) ||
		 lex_prefix(im->clutter, "caption", f, fn) || is_teaser(im, p))
		c = CL_DROP;
	else if (source && source_line(im, p, f, fn, source))
		c = CL_SOURCE;
	else {	/* "Leggi anche: headline" on one line */
		const struct entry *e = lex_prefix(im->clutter, "tail", f, fn);
		if (e && e->n < fn && f[e->n] == ':')
			c = CL_DROP;
	}
	free(f);
	return c;
}

/* A teaser block: at the end, a few short lines go with it; elsewhere only
 * the headline after it. */
static void drop_tail(struct imp *im, size_t i)
{
	size_t rest = 0;
	bool short_lines = true;
	for (size_t j = i + 1; j < im->np && rest <= TAIL_LINES; j++)
		if (!im->p[j].drop) {
			rest++;
			short_lines = short_lines && im->p[j].n <= TAIL_LINE_MAX;
		}
	size_t end = rest <= TAIL_LINES && short_lines ? im->np : i + 2;
	for (size_t j = i; j < end && j < im->np; j++)
		im->p[j].drop = true;
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

static void head_scan(struct imp *im)
{
	size_t i = 0;
	head_date_prefix(im);
	for (; i < im->np; i++) {
		struct para *p = &im->p[i];
		if (p->drop)
			continue;
		if (clutter_of(im, p, NULL) != CL_NONE)
			p->drop = true;
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

static void body_clean(struct imp *im)
{
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
		case CL_SOURCE:
			p->drop = true;
			if (!im->source)
				im->source = src, src = NULL;
			break;
		case CL_NONE:
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
	size_t h = 2166136261u;	/* FNV-1a */
	for (size_t i = 0; i < p->n; i++)
		h = (h ^ (unsigned char)p->s[i]) * 16777619u;
	return h;
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

/* Counts the words of s[0..n) and, per language of the langs lexicon,
 * those of its frequent words. */
struct lang_tally {
	long words;
	size_t n;
	struct { const char *code; long hits; } lang[LANG_MAX];
};

static void lang_count(const struct lex *langs, const char *s, size_t n,
		       struct lang_tally *t)
{
	size_t fn;
	char *f = fold_norm(s, n, false, &fn);
	for (size_t a = 0; a < fn; ) {
		size_t b = a;
		while (b < fn && is_alnum(f[b]))
			b++;
		for (size_t i = 0; b > a && i < langs->n; i++) {
			const struct entry *e = &langs->e[i];
			if (e->n != b - a || memcmp(e->text, f + a, e->n) != 0)
				continue;
			size_t k = 0;
			while (k < t->n && strcmp(t->lang[k].code, e->kind) != 0)
				k++;
			if (k == t->n && t->n < LANG_MAX)
				t->lang[t->n++].code = e->kind;
			if (k < t->n)
				t->lang[k].hits++;
		}
		t->words += b > a;
		a = b + 1;
	}
	free(f);
}

/* The language with at least 3 hits and twice as many as any other, or "". */
static const char *lang_pick(const struct lang_tally *t)
{
	size_t best = t->n;
	long second = 0;
	for (size_t k = 0; k < t->n; k++)
		if (best == t->n || t->lang[k].hits > t->lang[best].hits) {
			if (best < t->n)
				second = t->lang[best].hits;
			best = k;
		} else if (t->lang[k].hits > second) {
			second = t->lang[k].hits;
		}
	if (best < t->n && t->lang[best].hits >= 3 && t->lang[best].hits >= 2 * second)
		return t->lang[best].code;
	return "";
}

/* The language of the kept paragraphs and the title, from their first
 * LANG_WORDS words. */
static const char *detect_lang(const struct imp *im)
{
	struct lang_tally t = { 0, 0, { { NULL, 0 } } };
	for (size_t i = 0; i < im->np && t.words < LANG_WORDS; i++)
		if (!im->p[i].drop || i == im->title)
			lang_count(im->langs, im->p[i].s, im->p[i].n, &t);
	return lang_pick(&t);
}

/* The language of any text (a feed item's body), as detect_lang tells it. */
static const char *lang_of(const char *s, size_t n)
{
	pthread_once(&lexicons_once, lexicons_load);
	struct lang_tally t = { 0, 0, { { NULL, 0 } } };
	lang_count(&lex_langs, s, n < LANG_BYTES ? n : LANG_BYTES, &t);
	return lang_pick(&t);
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
	a->source = im->source ? im->source : xstrdup("");
	im->source = NULL;
	a->lang = xstrdup(detect_lang(im));
	a->url = xstrdup("");
	a->tags = xstrdup("");
	a->body = body_markdown(im, &a->body_len);
	a->body_line = 0;
	a->size = (long long)len;
}

/* Empty, binary (a NUL byte in the first 8 KiB) or over limit bytes. */
static int import_reject(const char *name, const char *text, size_t len,
			 size_t limit, struct diag *d)
{
	size_t i = 0;
	while (i < len && strchr(" \t\r\n", text[i]) && text[i])
		i++;
	if (i == len)
		diag_add(d, name, 0, "empty file (skipped)");
	else if (memchr(text, '\0', len < BINARY_SCAN ? len : BINARY_SCAN))
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
			  .months = &lex_months, .langs = &lex_langs };
	im.text = prep_text(text, len);
	split_paras(&im);
	head_scan(&im);
	title_pick(&im);
	body_clean(&im);
	body_dedup(&im);
	body_dateline(&im);
	fill_article(&im, out, len);
	free(im.text);
	free(im.p);
	free(im.title_text);
	free(im.source);
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
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	const char *why = NULL;
	char *data = NULL;
	if (fd < 0 || fstat(fd, &st) < 0)
		why = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		why = strerror(EISDIR);
	else if (!S_ISREG(st.st_mode))
		why = "not a regular file";
	else if ((unsigned long long)st.st_size > HTML_MAX_SIZE)	/* text: 16 MiB, later */
		diag_add(d, path, 0, "too large (%lld bytes, limit %u MiB; skipped)",
			 (long long)st.st_size, HTML_MAX_SIZE >> 20);
	else {
		size_t want = (size_t)st.st_size, got = 0;
		ssize_t r = 1;
		data = xmalloc(want + 1);
		while (got < want && (r = read(fd, data + got, want - got)) != 0)
			if (r > 0)
				got += (size_t)r;
			else if (errno != EINTR)
				break;
		if (r < 0) {
			why = strerror(errno);
			free(data);
			data = NULL;
		}
		*len = got;
	}
	if (why)
		diag_add(d, path, 0, "cannot read: %s (skipped)", why);
	if (fd >= 0)
		close(fd);
	return data;
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
static char *lang_code(const char *tag)
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

/* Sets the extra field key (added at the end when new; removed when value
 * is NULL). */
static void set_extra(struct article *a, const char *key, const char *value)
{
	for (size_t i = 0; i < a->nextra; i++) {
		if (strcmp(a->extra[i].key, key) != 0)
			continue;
		free(a->extra[i].value);
		if (value) {
			a->extra[i].value = xstrdup(value);
			return;
		}
		free(a->extra[i].key);
		memmove(&a->extra[i], &a->extra[i + 1], (a->nextra - i - 1) * sizeof *a->extra);
		a->nextra--;
		return;
	}
	if (!value)
		return;
	a->extra = xrealloc(a->extra, (a->nextra + 1) * sizeof *a->extra);
	a->extra[a->nextra++] = (struct article_field){ xstrdup(key), xstrdup(value) };
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
		char *code = lang_code(opt->lang);
		set_field(&a->lang, code[0] ? code : opt->lang);
		free(code);
	}
	if (given(opt->date) && import_check_date(opt->date) == 0) {
		set_field(&a->date, opt->date);
		article_parse_date(a->date, &a->year, &a->month, &a->day);
		set_extra(a, "date-from", NULL);
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

static void item_article(const struct feed *f, const struct feed_item *it,
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
	a->lang = lang_code(it->lang);
	if (!a->lang[0])
		set_field(&a->lang, lang_of(a->body, a->body_len));
	a->url = xstrdup(it->url);
	a->tags = xstrdup("");
	if (it->guid[0])
		set_extra(a, "guid", it->guid);
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
		item_article(&f, &f.items[i], name, &a);
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
