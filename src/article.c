/* article.c: one article file: front matter, body, title fallback, dates,
 * and the file text the importer writes (article_format). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "article.h"
#include "hash.h"
#include "buf.h"
#include "text.h"

#define BINARY_SCAN	8192	/* a NUL in these first bytes means binary */
#define FM_MAX_LINES	100	/* the closing "---" must come by this line */
#define TITLE_SCAN	8192	/* body bytes searched for a fallback title */
#define PREFIX_READ	65536	/* metadata-only loads read this much first */
#define NEED_MORE	(-2)	/* internal: a prefix was not enough */

/* State of one parse, so helpers need not pass five arguments around. */
struct parse {
	struct article *a;
	const char *name;	/* for messages */
	const char *data;
	size_t len;
	bool complete;		/* data is the whole file, not a prefix */
	bool bad_utf8;		/* already reported (once per file) */
	unsigned seen;		/* known keys met, bit per article_keys index */
	struct diag *d;
};

const struct article_key article_keys[] = {
	{ "title", offsetof(struct article, title), ARTICLE_KEY_ALWAYS },
	{ "date", offsetof(struct article, date), ARTICLE_KEY_ALWAYS | ARTICLE_KEY_DATE },
	{ "source", offsetof(struct article, source), 0 },
	{ "lang", offsetof(struct article, lang), 0 },
	{ "url", offsetof(struct article, url), 0 },
	{ "tags", offsetof(struct article, tags), 0 },
	{ "guid", offsetof(struct article, guid), 0 },
	{ "date-from", offsetof(struct article, date_from), 0 },
	{ "import-checksum", offsetof(struct article, import_checksum), 0 },
};
const size_t article_nkeys = sizeof article_keys / sizeof *article_keys;
_Static_assert(sizeof article_keys / sizeof *article_keys <= 32,
	       "struct parse marks the keys seen in an unsigned");

char **article_key_value(struct article *a, const struct article_key *k)
{
	return (char **)((char *)a + k->offset);
}

static const char *key_text(const struct article *a, const struct article_key *k)
{
	const char *v = *(char *const *)((const char *)a + k->offset);
	return v ? v : "";
}

/* ---- small string helpers ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static void trim(const char **s, size_t *n)
{
	while (*n && is_blank(**s))
		(*s)++, (*n)--;
	while (*n && is_blank((*s)[*n - 1]))
		(*n)--;
}

/* Next line of data at *pos: s/n without the line ending; false at EOF. */
static bool line_next(const char *data, size_t len, size_t *pos,
		      const char **s, size_t *n)
{
	if (*pos >= len)
		return false;
	const char *p = data + *pos;
	const char *nl = memchr(p, '\n', len - *pos);
	size_t l = nl ? (size_t)(nl - p) : len - *pos;
	*s = p;
	*n = l && p[l - 1] == '\r' ? l - 1 : l;
	*pos += nl ? l + 1 : l;
	return true;
}

static size_t count_lines(const char *s, size_t n)
{
	size_t lines = 0;
	for (const char *p = s; (p = memchr(p, '\n', n - (size_t)(p - s))); p++)
		lines++;
	return lines;
}

static char *sanitize_line(const char *s, size_t n)
{
	return text_sanitize(s, n, false, NULL);
}

static void set_str(char **slot, char *value)
{
	free(*slot);
	*slot = value;
}

/* ---- validation ---- */

static void problem_utf8(struct parse *p, size_t region, size_t n)
{
	size_t bad;
	if (p->bad_utf8 || text_valid_utf8(p->data + region, n, &bad))
		return;
	p->bad_utf8 = true;
	p->a->broken = true;
	diag_add(p->d, p->name, count_lines(p->data, region + bad) + 1,
		 "invalid UTF-8 (replaced with U+FFFD)");
}

static int days_in_month(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

static int parse_digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int article_parse_date(const char *s, int *year, int *month, int *day)
{
	size_t n = strlen(s);
	int y = 0, m = 0, d = 0;
	if (n != 0 && n != 4 && n != 7 && n != 10)
		return -1;
	if (n >= 4 && (y = parse_digits(s, 4)) < 1)
		return -1;
	if (n >= 7 && (s[4] != '-' || (m = parse_digits(s + 5, 2)) < 1 || m > 12))
		return -1;
	if (n == 10 && (s[7] != '-' || (d = parse_digits(s + 8, 2)) < 1 ||
			d > days_in_month(y, m)))
		return -1;
	*year = y;
	*month = m;
	*day = d;
	return 0;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian
 * calendar and free of time zones, unlike mktime. */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long article_days(const struct article *a)
{
	if (a->year <= 0)
		return -1;
	return days_from_civil(a->year, a->month ? a->month : 1,
			       a->day ? a->day : 1);
}

uint32_t article_date_key(const char *date)
{
	int y, m, d;
	if (!date || article_parse_date(date, &y, &m, &d) != 0)
		return 0;
	return (uint32_t)y * 10000 + (uint32_t)m * 100 + (uint32_t)d;
}

/* ---- front matter ---- */

/* A YAML escape's character, or -1 for one that is not simple. */
static int yaml_escape(char e)
{
	switch (e) {
	case '0': return '\0';
	case 'a': return '\a';
	case 'b': return '\b';
	case 't': case '\t': return '\t';
	case 'n': return '\n';
	case 'v': return '\v';
	case 'f': return '\f';
	case 'r': return '\r';
	case 'e': return 033;
	case ' ': case '"': case '/': case '\\': return e;
	default: return -1;
	}
}

/* \xHH, \uHHHH or \UHHHHHHHH at s (after the backslash) into b; returns
 * the bytes read after the backslash, 0 when it is not one. */
static size_t yaml_hex(struct buf *b, const char *s, size_t n)
{
	size_t hex = s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : s[0] == 'U' ? 8 : 0;
	if (!hex || n < 1 + hex)
		return 0;
	unsigned long cp = 0;
	for (size_t k = 1; k <= hex; k++) {
		unsigned char c = (unsigned char)s[k];
		if (!isxdigit(c))
			return 0;
		cp = cp * 16 + (unsigned long)(isdigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	char out[4];
	size_t len = text_encode_char(cp, out);
	buf_add(b, out, len);
	return len ? 1 + hex : 0;
}

/* The value v[0..n) into b, as YAML reads it: a double-quoted value with
 * its escapes undone (\" \\ \n \xHH \u00E8...; an unknown one stays as
 * written), a single-quoted one with '' read as ', anything else as it is.
 * A NUL or control character it makes is left to the sanitiser. */
static void fm_unquote(struct buf *b, const char *v, size_t n)
{
	char q = n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0] ? v[0] : 0;
	if (!q) {
		buf_add(b, v, n);
		return;
	}
	const char *s = v + 1;
	size_t len = n - 2;
	for (size_t i = 0; i < len; i++) {
		if (q == '\'' && s[i] == '\'' && i + 1 < len && s[i + 1] == '\'') {
			buf_addc(b, '\'');
			i++;
			continue;
		}
		if (q == '\'' || s[i] != '\\' || i + 1 == len) {
			buf_addc(b, s[i]);
			continue;
		}
		int c = yaml_escape(s[i + 1]);
		size_t used = c < 0 ? yaml_hex(b, s + i + 1, len - i - 1) : 0;
		if (c >= 0) {
			buf_addc(b, (char)c);
			i++;
		} else if (used) {
			i += used;
		} else {
			buf_addc(b, s[i]);
		}
	}
}

static bool extra_has(const struct article *a, const char *key)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->extra[i].key, key) == 0)
			return true;
	return false;
}

static void extra_add(struct article *a, char *key, char *value)
{
	a->extra = xrealloc(a->extra, (a->nextra + 1) * sizeof *a->extra);
	a->extra[a->nextra].key = key;
	a->extra[a->nextra].value = value;
	a->nextra++;
}

static void fm_set_date(struct parse *p, char *value, size_t lineno)
{
	struct article *a = p->a;
	if (article_parse_date(value, &a->year, &a->month, &a->day) == 0) {
		set_str(&a->date, value);
		return;
	}
	diag_add(p->d, p->name, lineno, "bad date '%s' (expected YYYY-MM-DD, "
		 "YYYY-MM or YYYY; left empty)", value);
	a->broken = true;
	free(value);
}

/* Stores key/value (both sanitised, owned) unless the key came before. */
static void fm_store(struct parse *p, char *key, char *value, size_t lineno)
{
	size_t i = 0;
	while (i < article_nkeys && strcmp(article_keys[i].name, key) != 0)
		i++;
	bool dup = i < article_nkeys ? (p->seen >> i) & 1 : extra_has(p->a, key);
	if (dup) {
		diag_add(p->d, p->name, lineno,
			 "duplicate key '%s' (the first is kept)", key);
		p->a->broken = true;
		free(key);
		free(value);
	} else if (i == article_nkeys) {
		extra_add(p->a, key, value);
	} else {
		p->seen |= 1u << i;
		free(key);
		if (article_keys[i].flags & ARTICLE_KEY_DATE)
			fm_set_date(p, value, lineno);
		else
			set_str(article_key_value(p->a, &article_keys[i]), value);
	}
}

static void fm_line(struct parse *p, const char *s, size_t n, size_t lineno)
{
	trim(&s, &n);
	if (n == 0 || s[0] == '#')
		return;
	const char *colon = memchr(s, ':', n);
	size_t kn = colon ? (size_t)(colon - s) : 0;
	const char *k = s;
	trim(&k, &kn);
	if (kn == 0) {
		diag_add(p->d, p->name, lineno,
			 "expected 'key: value' (line ignored)");
		p->a->broken = true;
		return;
	}
	const char *v = colon + 1;
	size_t vn = n - (size_t)(v - s);
	trim(&v, &vn);
	struct buf val = BUF_INIT;
	fm_unquote(&val, v, vn);
	char *key = sanitize_line(k, kn);
	for (char *c = key; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	fm_store(p, key, sanitize_line(buf_str(&val), val.len), lineno);
	buf_free(&val);
}

static bool is_fence(const char *s, size_t n, const char *mark)
{
	trim(&s, &n);
	return n == 3 && memcmp(s, mark, 3) == 0;
}

/* Reads the block after an opening "---" at *pos (line 2 on). Returns the
 * offset just after the closing line, or (size_t)-1 when there is none. */
static size_t fm_find_close(struct parse *p, size_t pos)
{
	const char *s;
	size_t n;
	for (size_t lineno = 2; lineno <= FM_MAX_LINES; lineno++) {
		if (!line_next(p->data, p->len, &pos, &s, &n) ||
		    (!p->complete && pos == p->len))	/* maybe a cut line */
			return p->complete ? (size_t)-1 : (size_t)NEED_MORE;
		if (is_fence(s, n, "---") || is_fence(s, n, "..."))
			return pos;
	}
	return (size_t)-1;
}

static void fm_parse_block(struct parse *p, size_t pos, size_t end)
{
	const char *s;
	size_t n, lineno = 1;
	while (line_next(p->data, end, &pos, &s, &n)) {
		lineno++;
		if (pos < end)	/* the last line read is the closer */
			fm_line(p, s, n, lineno);
	}
}

/* Parses the front matter starting at off (after any BOM) and returns the
 * offset where the body starts; NEED_MORE when a prefix is too short. */
static long fm_parse(struct parse *p, size_t off)
{
	size_t pos = off;
	const char *s;
	size_t n;
	if (!line_next(p->data, p->len, &pos, &s, &n) || !is_fence(s, n, "---")) {
		diag_add(p->d, p->name, 1,
			 "no front matter (title taken from the first heading)");
		p->a->broken = true;
		return (long)off;
	}
	size_t end = fm_find_close(p, pos);
	if (end == (size_t)NEED_MORE)
		return NEED_MORE;
	if (end == (size_t)-1) {
		diag_add(p->d, p->name, 1,
			 "front matter has no closing '---' (read as body)");
		p->a->broken = true;
		return (long)off;
	}
	problem_utf8(p, off, end - off);
	fm_parse_block(p, pos, end);
	return (long)end;
}

/* ---- title fallback: first ATX or setext heading ---- */

static size_t indent_of(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* Heading text of an ATX line ("## Title ##"), or false. */
static bool atx_text(const char *s, size_t n, const char **t, size_t *tn)
{
	size_t i = indent_of(s, n), h = 0;
	if (i > 3)
		return false;
	while (i + h < n && s[i + h] == '#')
		h++;
	if (h < 1 || h > 6 || (i + h < n && s[i + h] != ' ' && s[i + h] != '\t'))
		return false;
	*t = s + i + h;
	*tn = n - i - h;
	trim(t, tn);
	size_t e = *tn;
	while (e && (*t)[e - 1] == '#')
		e--;
	if (e == 0 || (*t)[e - 1] == ' ' || (*t)[e - 1] == '\t')
		*tn = e;	/* a closing sequence, not part of the text */
	trim(t, tn);
	return true;
}

static bool setext_underline(const char *s, size_t n)
{
	size_t i = indent_of(s, n);
	trim(&s, &n);
	if (i > 3 || n == 0 || (s[0] != '=' && s[0] != '-'))
		return false;
	for (size_t j = 0; j < n; j++)
		if (s[j] != s[0])
			return false;
	return true;
}

/* Could this line continue a paragraph that a setext underline turns into
 * a heading? Block starts (lists, quotes, fences, code) cannot. */
static bool is_para_line(const char *s, size_t n)
{
	size_t i = indent_of(s, n);
	const char *t = s;
	size_t tn = n;
	trim(&t, &tn);
	if (tn == 0 || i > 3)
		return false;
	if (strchr(">#`~", t[0]) || (strchr("-*+", t[0]) && (tn == 1 || t[1] == ' ')))
		return false;
	return true;
}

/* Copy of heading text with Markdown backslash escapes undone, sanitised. */
static char *heading_clean(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i + 1]))
			i++;
		buf_addc(&b, s[i]);
	}
	char *out = text_sanitize(b.data ? b.data : "", b.len, false, NULL);
	buf_free(&b);
	return out;
}

struct heading_scan {
	size_t para_start, para_end;	/* current paragraph, offsets */
	bool in_para, fence;
	char fence_char;
};

static char *heading_from_para(struct parse *p, const struct heading_scan *h)
{
	struct buf b = BUF_INIT;
	size_t pos = h->para_start;
	const char *s;
	size_t n;
	while (line_next(p->data, h->para_end, &pos, &s, &n)) {
		trim(&s, &n);
		if (b.len)
			buf_addc(&b, ' ');
		buf_add(&b, s, n);
	}
	char *out = heading_clean(b.data ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

/* One line of the heading scan: returns the heading text when found. */
static char *heading_step(struct parse *p, struct heading_scan *h,
			  const char *s, size_t n, size_t start, size_t end)
{
	const char *t;
	size_t tn, ind = indent_of(s, n);
	if (ind <= 3 && n - ind >= 3 && (s[ind] == '`' || s[ind] == '~') &&
	    s[ind + 1] == s[ind] && s[ind + 2] == s[ind]) {
		if (!h->fence || h->fence_char == s[ind])
			h->fence = !h->fence;
		h->fence_char = s[ind];
		h->in_para = false;
		return NULL;
	}
	if (h->fence)
		return NULL;
	if (setext_underline(s, n)) {
		if (h->in_para)
			return heading_from_para(p, h);
		return NULL;	/* a thematic break, or "===" no heading needs */
	}
	if (atx_text(s, n, &t, &tn)) {
		h->in_para = false;
		return tn ? heading_clean(t, tn) : NULL;
	}
	if (!is_para_line(s, n)) {
		h->in_para = false;
		return NULL;
	}
	if (!h->in_para)
		h->para_start = start;
	h->in_para = true;
	h->para_end = end;
	return NULL;
}

/* Searches the start of the body for a heading; NULL if none. The same
 * bytes are searched whether or not the body is kept, so the title never
 * depends on how the article was loaded. */
static char *title_from_body(struct parse *p, size_t body, long *need)
{
	size_t limit = body + TITLE_SCAN < p->len ? body + TITLE_SCAN : p->len;
	struct heading_scan h = { 0, 0, false, false, 0 };
	size_t pos = body, start;
	const char *s;
	size_t n;
	*need = 0;
	while (start = pos, pos < limit && line_next(p->data, p->len, &pos, &s, &n)) {
		char *title = heading_step(p, &h, s, n, start, pos);
		if (title) {
			problem_utf8(p, start, pos - start);
			return title;
		}
	}
	if (!p->complete && limit == p->len)
		*need = NEED_MORE;
	return NULL;
}

/* ---- body ---- */

/* Skips blank lines so that the "\n" article_format puts after the front
 * matter is not part of the body; counts them for body_line. */
static size_t body_skip_blank(struct parse *p, size_t pos, size_t *lineno)
{
	const char *s;
	size_t n, next = pos;
	while (line_next(p->data, p->len, &next, &s, &n)) {
		trim(&s, &n);
		if (n)
			break;
		pos = next;
		(*lineno)++;
	}
	return pos;
}

static void body_keep(struct parse *p, size_t pos)
{
	const char *s = p->data + pos;
	size_t n = p->len - pos;
	problem_utf8(p, pos, n);
	struct buf b = BUF_INIT;
	if (memchr(s, '\r', n)) {	/* CRLF and lone CR become LF */
		for (size_t i = 0; i < n; i++)
			if (s[i] != '\r')
				buf_addc(&b, s[i]);
			else if (i + 1 == n || s[i + 1] != '\n')
				buf_addc(&b, '\n');
		s = buf_str(&b);
		n = b.len;
	}
	p->a->body = text_sanitize(s, n, true, &p->a->body_len);
	buf_free(&b);
}

/* ---- whole article ---- */

static char *id_from_name(const char *name)
{
	const char *base = strrchr(name, '/');
	base = base ? base + 1 : name;
	size_t n = strlen(base);
	if (n > 3 && strcmp(base + n - 3, ".md") == 0)
		n -= 3;
	return sanitize_line(base, n);
}

static void article_init(struct article *a, const char *name, size_t len)
{
	memset(a, 0, sizeof *a);
	a->id = id_from_name(name);
	a->path = xstrdup(name);
	for (size_t i = 0; i < article_nkeys; i++)
		*article_key_value(a, &article_keys[i]) = xstrdup("");
	a->size = (long long)len;
}

static int parse_reject(struct parse *p)
{
	size_t scan = p->len < BINARY_SCAN ? p->len : BINARY_SCAN;
	if (p->len == 0)
		diag_add(p->d, p->name, 0, "empty file (skipped)");
	else if (memchr(p->data, '\0', scan))
		diag_add(p->d, p->name, 0, "binary file (skipped)");
	else if (p->len > ARTICLE_MAX_SIZE)
		diag_add(p->d, p->name, 0, "too large (%zu bytes, limit 16 MiB; "
			 "skipped)", p->len);
	else
		return 0;
	return -1;
}

/* Front matter, body, title fallback, date parts: 0, -1 or NEED_MORE. */
static long parse_steps(struct parse *p, bool with_body)
{
	struct article *a = p->a;
	if (parse_reject(p))
		return -1;
	bool bom = p->len >= 3 && memcmp(p->data, "\xEF\xBB\xBF", 3) == 0;
	long body = fm_parse(p, bom ? 3 : 0);
	if (body < 0)
		return body;
	size_t lineno = count_lines(p->data, (size_t)body) + 1;
	body = (long)body_skip_blank(p, (size_t)body, &lineno);
	a->body_line = lineno;
	if (with_body)	/* first, so a bad byte is reported at its first line */
		body_keep(p, (size_t)body);
	if (!a->title[0]) {
		long need;
		char *t = title_from_body(p, (size_t)body, &need);
		if (need == NEED_MORE)
			return NEED_MORE;
		set_str(&a->title, t ? t : xstrdup(a->id));
	}
	return 0;
}

/* complete false: data is only a prefix of the file; NEED_MORE asks for all
 * of it (the front matter or the fallback title goes past the prefix). */
static int parse_impl(struct article *a, const char *name, const char *data,
		      size_t len, bool with_body, bool complete, struct diag *d)
{
	struct diag local = DIAG_INIT;	/* held back until the prefix sufficed */
	struct parse p = { a, name, data, len, complete, false, 0, &local };
	article_init(a, name, len);
	long rc = parse_steps(&p, with_body);
	if (rc == NEED_MORE || !d)
		diag_free(&local);
	else
		diag_move(d, &local);
	if (rc < 0)
		article_free(a);
	return rc == NEED_MORE ? NEED_MORE : rc < 0 ? -1 : 0;
}

int article_parse(struct article *a, const char *name, const char *data,
		  size_t len, bool with_body, struct diag *d)
{
	return parse_impl(a, name, data, len, with_body, true, d);
}

/* ---- files ---- */

static int load_fail(struct article *a, const char *path, const char *why,
		     struct diag *d)
{
	memset(a, 0, sizeof *a);
	diag_add(d, path, 0, "cannot read: %s (skipped)", why);
	return -1;
}

/* Reads up to want bytes at offset into buf; returns the count or -1. */
static ssize_t read_full(int fd, char *buf, size_t want, size_t off)
{
	size_t got = 0;
	while (got < want) {
		ssize_t r = pread(fd, buf + got, want - got, (off_t)(off + got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/* Reads (a prefix of) the open file and parses it. */
static int load_fd(struct article *a, const char *path, int fd, size_t size,
		   bool with_body, struct diag *d)
{
	size_t want = !with_body && size > PREFIX_READ ? PREFIX_READ : size;
	char *buf = xmalloc(want + 1);
	ssize_t got = read_full(fd, buf, want, 0);
	int rc = -1;
	if (got >= 0)
		rc = parse_impl(a, path, buf, (size_t)got, with_body,
				(size_t)got < want || want == size, d);
	if (rc == NEED_MORE) {
		buf = xrealloc(buf, size + 1);
		ssize_t more = read_full(fd, buf + got, size - (size_t)got, (size_t)got);
		got = more < 0 ? -1 : got + more;
		if (got >= 0)
			rc = parse_impl(a, path, buf, (size_t)got, with_body, true, d);
	}
	if (got < 0)
		rc = load_fail(a, path, strerror(errno), d);
	free(buf);
	return rc;
}

/* Set once at start, before any thread reads an article. */
static bool follow_links;

void article_follow_links(bool on)
{
	follow_links = on;
}

/* A name of a shared folder may be a link to a reader's own files
 * (/etc/passwd, ~/.ssh/id_rsa): a link is followed only when its target
 * lies in the same folder, unless the user asked for all. */
bool article_link_leaves(const char *path)
{
	struct stat st;
	if (follow_links || lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return false;
	char *target = realpath(path, NULL);
	if (!target)
		return false;	/* dangling or a loop: open says so */
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path + (slash == path))) : xstrdup(".");
	char *real_dir = realpath(dir, NULL);
	size_t n = real_dir ? strlen(real_dir) : 0;
	bool leaves = !real_dir || strncmp(target, real_dir, n) != 0 ||
		(target[n] != '/' && !(n == 1 && real_dir[0] == '/'));
	free(real_dir);
	free(dir);
	free(target);
	return leaves;
}

/* A folder near PATH_MAX holds files whose full path is longer than
 * open takes (ENAMETOOLONG) though the folder itself opens: the file is
 * opened relative to its folder, as file_open_regular would (a regular
 * file only, never waiting on a FIFO). A link there cannot be resolved
 * to be checked, so it is not followed unless links are (ELOOP). */
static int open_in_folder(const char *path, int flags)
{
	const char *slash = strrchr(path, '/');
	if (!slash || slash == path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	char *dir = xstrndup(path, (size_t)(slash - path));
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
	if (dfd < 0)
		return -1;
	int fd = openat(dfd, slash + 1, flags | O_NONBLOCK | O_CLOEXEC |
			(follow_links ? 0 : O_NOFOLLOW));
	int err = errno;
	close(dfd);
	errno = err == ENXIO ? EINVAL : err;
	return file_keep_regular(fd, flags);
}

int article_load(struct article *a, const char *path, bool with_body,
		 struct diag *d)
{
	if (article_link_leaves(path)) {
		memset(a, 0, sizeof *a);
		diag_add(d, path, 0, "a link to a file outside the folder "
			 "(not followed; filo --follow-links follows it)");
		return -1;
	}
	int fd = file_open_regular(path, O_RDONLY, 0);
	if (fd < 0 && errno == ENAMETOOLONG) {
		fd = open_in_folder(path, O_RDONLY);
		if (fd < 0 && errno == ELOOP && !follow_links) {
			memset(a, 0, sizeof *a);
			diag_add(d, path, 0, "a link whose path is too long to check where "
				 "it leads (not followed; filo --follow-links follows it)");
			return -1;
		}
	}
	if (fd < 0)
		return load_fail(a, path, buf_read_error(errno), d);
	struct stat st;
	int rc = -1;
	if (fstat(fd, &st) < 0)
		load_fail(a, path, strerror(errno), d);
	else if ((unsigned long long)st.st_size > ARTICLE_MAX_SIZE) {
		memset(a, 0, sizeof *a);
		diag_add(d, path, 0, "too large (%lld bytes, limit 16 MiB; "
			 "skipped)", (long long)st.st_size);
	} else if ((rc = load_fd(a, path, fd, (size_t)st.st_size, with_body, d)) == 0) {
		a->size = (long long)st.st_size;
		a->mtime = (long long)st.st_mtime;
	}
	close(fd);
	return rc;
}

uint64_t article_hash(const struct article *a)
{
	uint64_t h = HASH_FNV64_INIT;
	for (size_t k = 0; k < article_nkeys; k++) {
		const char *v = *(char *const *)((const char *)a + article_keys[k].offset);
		h = hash_fnv64_add(h, v, strlen(v) + 1);
	}
	for (size_t i = 0; i < a->nextra; i++) {
		h = hash_fnv64_add(h, a->extra[i].key, strlen(a->extra[i].key) + 1);
		h = hash_fnv64_add(h, a->extra[i].value, strlen(a->extra[i].value) + 1);
	}
	return a->body ? hash_fnv64_add(h, a->body, a->body_len) : h;
}

void article_free(struct article *a)
{
	free(a->id);
	free(a->path);
	free(a->text_lang);
	for (size_t i = 0; i < article_nkeys; i++)
		free(*article_key_value(a, &article_keys[i]));
	for (size_t i = 0; i < a->nextra; i++) {
		free(a->extra[i].key);
		free(a->extra[i].value);
	}
	free(a->extra);
	free(a->body);
	memset(a, 0, sizeof *a);
}

const char *article_extra(const struct article *a, const char *key)
{
	for (size_t i = 0; i < a->nextra; i++)
		if (strcmp(a->extra[i].key, key) == 0)
			return a->extra[i].value;
	return NULL;
}

bool article_date_inferred(const struct article *a)
{
	return a->date && a->date[0] && a->date_from && strcmp(a->date_from, "text") == 0;
}

char *article_date_label(const struct article *a, char *out, size_t n)
{
	snprintf(out, n, "%s%s", a->date ? a->date : "",
		 article_date_inferred(a) ? " (inferred)" : "");
	return out;
}

/* ---- writing ---- */

/* Values are quoted when article_parse would otherwise change them: outer
 * blanks are trimmed and one pair of matching outer quotes is removed. */
static void format_field(struct buf *b, const char *key, const char *v)
{
	size_t n = strlen(v);
	bool quote = n && (is_blank(v[0]) || is_blank(v[n - 1]) ||
			   (n >= 2 && (v[0] == '"' || v[0] == '\'') && v[n - 1] == v[0]));
	buf_adds(b, key);
	buf_addc(b, ':');
	if (!n) {
		buf_addc(b, '\n');
		return;
	}
	buf_adds(b, quote ? " \"" : " ");
	for (size_t i = 0; i < n; i++) {	/* a newline would end the field */
		if (quote && (v[i] == '"' || v[i] == '\\'))
			buf_addc(b, '\\');	/* read back by fm_unquote */
		buf_addc(b, v[i] == '\n' || v[i] == '\r' ? ' ' : v[i]);
	}
	buf_adds(b, quote ? "\"\n" : "\n");
}

char *article_format(const struct article *a, size_t *len)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "---\n");
	for (size_t i = 0; i < article_nkeys; i++) {
		const char *v = key_text(a, &article_keys[i]);
		if ((article_keys[i].flags & ARTICLE_KEY_ALWAYS) || v[0])
			format_field(&b, article_keys[i].name, v);
	}
	for (size_t i = 0; i < a->nextra; i++)
		if (a->extra[i].key[0])
			format_field(&b, a->extra[i].key, a->extra[i].value);
	buf_adds(&b, "---\n");
	if (a->body && a->body_len) {
		buf_addc(&b, '\n');
		buf_add(&b, a->body, a->body_len);
	}
	return buf_detach(&b, len);
}

bool article_is_file_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 3 && strcmp(name + n - 3, ".md") == 0;
}
