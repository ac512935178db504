/* html.c: a saved web page -> an article: recognise it, find its charset,
 * make it valid UTF-8, parse it with libxml2 (nothing loaded from disk or
 * network), then metadata (pagemeta.c), main text (readable.c) and
 * CommonMark (html_md.c); the date from the visible text only when the
 * metadata has none, and then said so. */
#include <errno.h>
#include <iconv.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include "buf.h"
#include "dates.h"
#include "html.h"
#include "html_md.h"
#include "lang.h"
#include "lexicon.h"
#include "pagemeta.h"
#include "readable.h"
#include "strmap.h"
#include "text.h"

#define SNIFF_MAX	65536	/* blanks and comments skipped looking for a tag */
#define BINARY_SCAN	8192	/* NULs in these first bytes: */
#define NUL_RATIO	64	/* ... more than one in this many: binary */
#define PRESCAN_MAX	8192	/* bytes searched for <meta charset> */
#define LABEL_MAX	40	/* longest charset name */
#define TEXT_LINES	12	/* lines after the headline read for a date */
#define TEXT_BYTES	3000	/* ... and at most this much text */
#define LEAD_LINES	6	/* blocks at the start read for bylines */
#define BODY_MAX	(ARTICLE_MAX_SIZE - 65536)	/* room for the front matter */
#define MONTH_LINES	3	/* lines after the headline read for a month */
#define LABEL_LINE	80	/* ... each shorter than this */
#define WIRE_LINE	80	/* bytes of a line read for a wire dateline */
#define WIRE_PLACE	40	/* the place before its date is shorter */

/* ---- recognising ---- */

static bool starts_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return n >= k && strncasecmp(s, w, k) == 0;
}

/* A UTF-16 page (by its BOM) seen through its ASCII characters. */
static size_t ascii_of_utf16(const char *d, size_t len, bool le, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 2; i + 1 < len && o + 1 < cap; i += 2) {
		unsigned char lo = (unsigned char)d[le ? i : i + 1], hi = (unsigned char)d[le ? i + 1 : i];
		out[o++] = hi == 0 && lo < 0x80 && lo ? (char)lo : 'x';
	}
	return o;
}

static bool sniff_ascii(const char *d, size_t len)
{
	size_t i = 0, lim = len < SNIFF_MAX ? len : SNIFF_MAX;
	if (lim >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (;;) {
		while (i < lim && d[i] && strchr(" \t\r\n\f", d[i]))
			i++;
		if (starts_ci(d + i, lim - i, "<!--")) {
			const char *e = NULL;
			for (size_t k = i + 4; k + 3 <= lim && !e; k++)
				if (memcmp(d + k, "-->", 3) == 0)
					e = d + k;
			if (!e)
				return false;
			i = (size_t)(e - d) + 3;
		} else if (starts_ci(d + i, lim - i, "<?xml")) {
			const char *e = NULL;
			for (size_t k = i + 5; k + 2 <= lim && !e; k++)
				if (memcmp(d + k, "?>", 2) == 0)
					e = d + k;
			if (!e)
				return false;
			i = (size_t)(e - d) + 2;
		} else {
			break;
		}
	}
	static const char *const tags[] = { "<html", "<head", "<body", "<meta",
					    "<title", "<link", "<base", "<script",
					    "<style", NULL };
	if (starts_ci(d + i, lim - i, "<!doctype")) {
		size_t k = i + 9;
		while (k < lim && (d[k] == ' ' || d[k] == '\t' || d[k] == '\n' || d[k] == '\r'))
			k++;
		return starts_ci(d + k, lim - k, "html");
	}
	for (size_t t = 0; tags[t]; t++) {
		size_t k = strlen(tags[t]);
		if (starts_ci(d + i, lim - i, tags[t]) && i + k < lim &&
		    d[i + k] && strchr(" \t\r\n/>", d[i + k]))
			return true;
	}
	return false;
}

bool html_sniff(const char *data, size_t len)
{
	if (!data || len < 5)
		return false;
	if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
	    ((unsigned char)data[1] == 0xFE || (unsigned char)data[1] == 0xFF) &&
	    data[0] != data[1]) {
		char a[2048];
		size_t n = ascii_of_utf16(data, len, (unsigned char)data[0] == 0xFF, a, sizeof a);
		return sniff_ascii(a, n);
	}
	/* a few NULs do not make a page binary; many do */
	size_t scan = len < BINARY_SCAN ? len : BINARY_SCAN, nul = 0;
	for (const char *p = data; (p = memchr(p, '\0', scan - (size_t)(p - data))); p++)
		nul++;
	if (nul * NUL_RATIO > scan)
		return false;
	return sniff_ascii(data, len);
}

/* ---- charsets ---- */

/* Is c one of the characters of set (never NUL, which strchr finds)? */
static bool in_set(char c, const char *set)
{
	return c && strchr(set, c);
}


/* A charset label as iconv knows it: ISO-8859-1 and ASCII are read as
 * windows-1252 (as browsers do), UTF-16 in a <meta> means UTF-8 (the
 * <meta> was readable as ASCII). NULL for an empty label. */
static char *label_norm(const char *s, size_t n, bool from_meta)
{
	static const char *const w1252[] = {
		"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1",
		"us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252", "cp819",
		"ibm819", "iso-ir-100", "csisolatin1", "x-user-defined", NULL
	};
	while (n && strchr(" \t\r\n\"'", *s))
		s++, n--;
	while (n && strchr(" \t\r\n\"';", s[n - 1]))
		n--;
	if (!n || n > LABEL_MAX)
		return NULL;
	char low[LABEL_MAX + 1];
	for (size_t i = 0; i < n; i++)
		low[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
	low[n] = '\0';
	for (size_t i = 0; w1252[i]; i++)
		if (strcmp(low, w1252[i]) == 0)
			return xstrdup("WINDOWS-1252");
	if (!strcmp(low, "utf-8") || !strcmp(low, "utf8") || !strcmp(low, "unicode-1-1-utf-8") ||
	    (from_meta && !strncmp(low, "utf-16", 6)))
		return xstrdup("UTF-8");
	for (size_t i = 0; i < n; i++)
		if (!((low[i] >= 'a' && low[i] <= 'z') || (low[i] >= '0' && low[i] <= '9') ||
		      in_set(low[i], "-_.:")))
			return NULL;
	return xstrdup(low);
}

/* The value of "charset=" in a Content-Type ("text/html; charset=utf-8"). */
static char *charset_in_type(const char *v, size_t n, bool from_meta)
{
	for (size_t i = 0; i + 8 <= n; i++) {
		if (strncasecmp(v + i, "charset", 7))
			continue;
		size_t k = i + 7;
		while (k < n && v[k] == ' ')
			k++;
		if (k >= n || v[k] != '=')
			continue;
		k++;
		while (k < n && (v[k] == ' ' || v[k] == '"' || v[k] == '\''))
			k++;
		size_t e = k;
		while (e < n && !strchr(" \t;\"',", v[e]))
			e++;
		return label_norm(v + k, e - k, from_meta);
	}
	return NULL;
}

/* One attribute of a tag at d[*i] (HTML's prescan rules, simplified):
 * its name and value as spans; false at the tag's end. Always moves on. */
static bool prescan_attr(const char *d, size_t n, size_t *i, const char **name,
			 size_t *nn, const char **val, size_t *vn)
{
	size_t k = *i;
	while (k < n && in_set(d[k], " \t\r\n\f/"))
		k++;
	if (k >= n || d[k] == '>')
		return false;
	*name = d + k;
	while (k < n && !in_set(d[k], " \t\r\n\f/>="))
		k++;
	if (d + k == *name)
		k++;	/* a NUL or a lone '=': skipped */
	*nn = (size_t)(d + k - *name);
	while (k < n && in_set(d[k], " \t\r\n\f"))
		k++;
	*val = d + k, *vn = 0;
	if (k < n && d[k] == '=') {
		k++;
		while (k < n && in_set(d[k], " \t\r\n\f"))
			k++;
		if (k < n && (d[k] == '"' || d[k] == '\'')) {
			char q = d[k++];
			*val = d + k;
			while (k < n && d[k] != q)
				k++;
			*vn = (size_t)(d + k - *val);
			k += k < n;
		} else {
			*val = d + k;
			while (k < n && !in_set(d[k], " \t\r\n\f>"))
				k++;
			*vn = (size_t)(d + k - *val);
		}
	}
	*i = k;
	return true;
}

/* <meta charset=X> or <meta http-equiv=Content-Type content="...; charset=X">
 * in the first bytes, comments skipped. */
static char *meta_charset(const char *d, size_t n)
{
	n = n < PRESCAN_MAX ? n : PRESCAN_MAX;
	for (size_t i = 0; i < n; i++) {
		if (d[i] != '<')
			continue;
		if (starts_ci(d + i, n - i, "<!--")) {
			size_t k = i + 4;
			while (k + 3 <= n && memcmp(d + k, "-->", 3))
				k++;
			i = k + 2;
			continue;
		}
		if (!starts_ci(d + i, n - i, "<meta") || i + 5 >= n ||
		    !in_set(d[i + 5], " \t\r\n\f/"))
			continue;
		size_t k = i + 5, nn, vn;
		const char *name, *val;
		char *charset = NULL, *content = NULL;
		bool ctype = false;
		while (prescan_attr(d, n, &k, &name, &nn, &val, &vn)) {
			if (nn == 7 && strncasecmp(name, "charset", 7) == 0 && !charset)
				charset = label_norm(val, vn, true);
			else if (nn == 10 && strncasecmp(name, "http-equiv", 10) == 0)
				ctype = vn == 12 && strncasecmp(val, "content-type", 12) == 0;
			else if (nn == 7 && strncasecmp(name, "content", 7) == 0 && !content)
				content = xstrndup(val, vn);
		}
		if (!charset && ctype && content)
			charset = charset_in_type(content, strlen(content), true);
		free(content);
		if (charset)
			return charset;
		i = k;
	}
	return NULL;
}

/* Length of the valid UTF-8 character at s (shortest form, no surrogate,
 * at most U+10FFFF), 0 when it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k = s[0] >= 0xC2 && s[0] <= 0xDF ? 2 : s[0] >= 0xE0 && s[0] <= 0xEF ? 3 :
		   s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : 0;
	if (!k || k > n)
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return k;
}

/* UTF-8 with each invalid byte as U+FFFD and NULs dropped; *bad counts
 * the invalid bytes, *first_bad is the offset of the first. */
static char *utf8_fix(const char *s, size_t n, size_t *outlen, size_t *bad, size_t *first_bad)
{
	struct buf b = BUF_INIT;
	buf_grow(&b, n);
	*bad = 0;
	for (size_t i = 0; i < n; ) {
		size_t run = i;
		while (run < n && (unsigned char)s[run] < 0x80 && s[run])
			run++;
		if (run > i) {
			buf_add(&b, s + i, run - i);
			i = run;
			continue;
		}
		if (s[i] == '\0') {
			i++;
			continue;
		}
		size_t ok = utf8_len((const unsigned char *)s + i, n - i);
		if (ok == 0) {
			if (!*bad)
				*first_bad = i;
			(*bad)++;
			buf_add(&b, "\xEF\xBF\xBD", 3);
			i++;
			continue;
		}
		buf_add(&b, s + i, ok);
		i += ok;
	}
	return buf_detach(&b, outlen);
}

/* s in charset cs -> UTF-8 through iconv, each unconvertible byte as
 * U+FFFD; NULL when iconv does not know cs. */
static char *to_utf8(const char *s, size_t n, const char *cs, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1)
		return NULL;
	struct buf b = BUF_INIT;
	buf_grow(&b, n + n / 2 + 16);
	char *in = (char *)s;
	size_t left = n;
	while (left) {
		buf_grow(&b, left * 2 + 16);
		char *out = b.data + b.len;
		size_t room = b.cap - b.len - 1, before = room;
		size_t r = iconv(cd, &in, &left, &out, &room);
		b.len += before - room;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG)
			continue;
		buf_add(&b, "\xEF\xBF\xBD", 3);	/* EILSEQ or EINVAL */
		in++, left--;
	}
	iconv_close(cd);
	b.data[b.len] = '\0';
	/* iconv may pass NULs and, for odd charsets, odd bytes: check again */
	size_t bad, first, len;
	char *fixed = utf8_fix(b.data, b.len, &len, &bad, &first);
	buf_free(&b);
	*outlen = len;
	return fixed;
}

/* The page as UTF-8 (malloc'd, *outlen its length): its charset by BOM,
 * <meta>, the hint, valid UTF-8, else windows-1252; an unknown charset or
 * invalid UTF-8 is said in dg. */
static char *page_utf8(const char *name, const char *d, size_t n, const char *hint,
		       size_t *outlen, struct diag *dg)
{
	char *cs = NULL;
	size_t skip = 0;
	const unsigned char *u = (const unsigned char *)d;
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		cs = xstrdup("UTF-8"), skip = 3;
	else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		cs = xstrdup("UTF-16LE"), skip = 2;
	else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		cs = xstrdup("UTF-16BE"), skip = 2;
	if (!cs)
		cs = meta_charset(d, n);
	if (!cs && hint)
		cs = charset_in_type(hint, strlen(hint), false);
	if (!cs && hint)
		cs = label_norm(hint, strlen(hint), false);
	if (!cs)
		cs = xstrdup(text_valid_utf8(d, n, NULL) || memchr(d, '\0', n) ? "UTF-8" : "WINDOWS-1252");
	char *out = NULL;
	if (strcmp(cs, "UTF-8") != 0) {
		out = to_utf8(d + skip, n - skip, cs, outlen);
		if (!out) {
			diag_add(dg, name, 0, "unknown charset \"%s\" (read as windows-1252)", cs);
			out = to_utf8(d + skip, n - skip, "WINDOWS-1252", outlen);
		}
	}
	if (!out) {
		size_t bad, first = 0;
		out = utf8_fix(d + skip, n - skip, outlen, &bad, &first);
		if (bad) {
			size_t line = 1;
			for (size_t i = 0; i < first + skip && i < n; i++)
				line += d[i] == '\n';
			diag_add(dg, name, line, "invalid UTF-8 (replaced with U+FFFD)");
		}
	}
	free(cs);
	return out;
}

/* "<![CDATA[ x ]]>", "<![if !IE]>" and other "<!" that are neither a
 * comment nor a doctype are comments to a browser (HTML's bogus comment,
 * up to the next '>'), but text to libxml2's HTML parser: made comments,
 * unless a '<' comes before the '>' (then it is not such a marker: in a
 * script, "a<!b)...</script>" must not swallow the end tag). */
static bool is_bogus_at(const char *s, size_t n, size_t i)
{
	return i + 2 < n && s[i] == '<' && s[i + 1] == '!' && s[i + 2] != '-' &&
	       (s[i + 2] | 32) != 'd';
}

static char *bogus_comments(char *s, size_t *n)
{
	size_t i = 0;
	while (i < *n && !is_bogus_at(s, *n, i))
		i++;
	if (i == *n)
		return s;
	struct buf b = BUF_INIT;
	buf_grow(&b, *n + 64);
	buf_add(&b, s, i);
	while (i < *n) {
		const char *lt = memchr(s + i, '<', *n - i);
		size_t k = lt ? (size_t)(lt - s) : *n;
		buf_add(&b, s + i, k - i);
		i = k;
		if (i >= *n)
			break;
		const char *gt = is_bogus_at(s, *n, i) ? memchr(s + i, '>', *n - i) : NULL;
		/* a '<' before its end: markup or a script, not a lone marker */
		if (gt && memchr(s + i + 1, '<', (size_t)(gt - s) - i - 1))
			gt = NULL;
		if (!gt) {
			buf_addc(&b, '<');
			i++;
			continue;
		}
		size_t e = (size_t)(gt - s);
		buf_adds(&b, "<!--");
		for (size_t j = i + 2; j < e; j++)	/* no "--" inside a comment */
			buf_addc(&b, s[j] == '-' && j + 1 < e && s[j + 1] == '-' ? '_' : s[j]);
		buf_adds(&b, "-->");
		i = e + 1;
	}
	free(s);
	return buf_detach(&b, n);
}

/* ---- parsing ---- */

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

static void xml_init(void)
{
	xmlInitParser();
}

/* Parses UTF-8 text; never loads a DTD, an entity or anything over the
 * network (HTML_PARSE_NONET; the HTML parser reads no external subset). */
static xmlDoc *parse(const char *s, size_t n)
{
	pthread_once(&xml_once, xml_init);
	if (n > (size_t)INT32_MAX)
		return NULL;
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	if (!ctxt)
		return NULL;
	/* No HTML_PARSE_NOBLANKS: the blank between two inline elements
	 * ("<b>a</b> <i>b</i>") is text. XML_PARSE_HUGE lifts the depth
	 * limit of 256, at which libxml2 stops reading the page (losing all
	 * text after it); the HTML parser defines no entities for the other
	 * limits to guard, the size is capped (HTML_MAX_SIZE), and nothing
	 * here recurses per level. */
	xmlDoc *doc = htmlCtxtReadMemory(ctxt, s, (int)n, NULL, "UTF-8",
					 HTML_PARSE_RECOVER | HTML_PARSE_NONET |
					 HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					 HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC |
					 XML_PARSE_HUGE);
	htmlFreeParserCtxt(ctxt);
	return doc;
}

/* ---- the date in the visible text ---- */

/* The next node in document order after n's subtree is done, or its
 * first child (children when down). */
static const xmlNode *next_node(const xmlNode *n, bool down)
{
	if (down && n->children && n->type == XML_ELEMENT_NODE && !html_md_never_text(n))
		return n->children;
	while (n && !n->next)
		n = n->parent;
	return n ? n->next : NULL;
}

/* Lines of text (one per block) after the headline (inside: from the
 * start of the article when there is no headline): the byline area. */
static void text_after(const xmlNode *from, bool inside, struct buf *out)
{
	struct buf line = BUF_INIT;
	int lines = 0;
	bool down = inside;	/* the headline's own text is no dateline */
	for (const xmlNode *n = next_node(from, down); n && lines < TEXT_LINES &&
	     out->len < TEXT_BYTES; n = next_node(n, down)) {
		down = true;
		if (n->type == XML_TEXT_NODE && n->content) {
			html_md_clean(&line, (const char *)n->content,
				      strlen((const char *)n->content));
			continue;
		}
		if (n->type == XML_ELEMENT_NODE && (html_md_is_block(n) || html_md_is(n, "time")) &&
		    line.len) {
			buf_addf(out, "%s\n", line.data);
			buf_reset(&line);
			lines++;
		}
	}
	if (line.len)
		buf_addf(out, "%s\n", line.data);
	buf_free(&line);
}

/* Does the date at s[at..at+ml) open a wire dateline, "ROMA, 14 settembre
 * 2023 – text": a place in capitals and a comma before, a dash after? */
static bool wire_dateline(const char *s, size_t n, size_t at, size_t ml)
{
	if (at < 3 || at > WIRE_PLACE || s[at - 2] != ',' || s[at - 1] != ' ' ||
	    !(s[0] >= 'A' && s[0] <= 'Z'))
		return false;
	size_t k = at + ml;
	while (k < n && s[k] == ' ')
		k++;
	return k < n && (s[k] == '-' || (k + 3 <= n && (memcmp(s + k, "\xE2\x80\x93", 3) == 0 ||
							memcmp(s + k, "\xE2\x80\x94", 3) == 0)));
}

/* A short line that is no sentence: "Rubrica mensile · Settembre 2007". */
static bool label_line(const char *s, size_t n)
{
	return n < LABEL_LINE && n && s[n - 1] != '.' && s[n - 1] != '!' && s[n - 1] != '?';
}

/* The publication date stated by the byline or dateline lines near the
 * headline (and the byline elements readable.c set aside), then a wire
 * dateline opening a line; else a month and year on a short line there
 * ("Settembre 2007", in the first lines only). */
static bool date_in_text(const struct pagemeta *m, const struct readable *r, char iso[11])
{
	struct buf area = BUF_INIT;
	buf_adds(&area, r->byline);
	if (m->heading)
		text_after(m->heading, false, &area);
	else if (r->nroots)
		text_after(r->roots[0], true, &area);
	bool found = false;
	for (int round = 0; round < 2 && !found; round++) {
		for (const char *s = buf_str(&area); *s && !found; ) {
			const char *nl = strchr(s, '\n');
			size_t n = nl ? (size_t)(nl - s) : strlen(s);
			size_t ml = 0;
			long at = -1;
			if (round == 0 && dates_is_byline(s, n))
				at = dates_find(s, n, m->lang, iso, &ml);
			else if (round == 1 && n > 0)
				at = dates_find(s, n < WIRE_LINE ? n : WIRE_LINE, m->lang, iso, &ml);
			found = at >= 0 && (round == 0 || wire_dateline(s, n, (size_t)at, ml));
			s = nl ? nl + 1 : s + n;
		}
	}
	int line = 0;
	for (const char *s = buf_str(&area); *s && !found && line < MONTH_LINES; line++) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		char ym[8];
		if (label_line(s, n) && dates_find_month(s, n, ym, NULL) >= 0) {
			memcpy(iso, ym, 8);
			found = true;
		}
		s = nl ? nl + 1 : s + n;
	}
	buf_free(&area);
	return found;
}

/* ---- the body ---- */

struct body {
	struct readable *r;
	char *title_key;	/* the headline, letters and digits folded */
	bool after_title;	/* the last line was the headline */
};

/* A line of one to three capitalised words and nothing else, as the
 * signature "Redazione" under a headline. */
static bool signature_like(const char *s, size_t n)
{
	size_t words = 0;
	for (size_t i = 0; i < n; ) {
		while (i < n && s[i] == ' ')
			i++;
		if (i == n)
			break;
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'A' && c <= 'Z') || (c == 0xC3 && i + 1 < n &&
						 (unsigned char)s[i + 1] >= 0x80 &&
						 (unsigned char)s[i + 1] <= 0x9E)))
			return false;
		while (i < n && s[i] != ' ') {
			if (strchr(".:;!?0123456789", s[i]))
				return false;
			i++;
		}
		words++;
	}
	return words >= 1 && words <= 3;
}

static bool body_skip(const xmlNode *n, void *ctx)
{
	return readable_skip(n, ((struct body *)ctx)->r);
}

static bool body_as_para(const xmlNode *n, void *ctx)
{
	return readable_as_para(n, ((struct body *)ctx)->r);
}

/* Lines that are not the article's text: the headline repeated (and a
 * kicker above it), a byline or dateline, the signature under the
 * headline; only among the first blocks. */
static int body_line(const char *s, size_t n, size_t nth, void *ctx)
{
	struct body *b = ctx;
	bool after = b->after_title;
	b->after_title = false;
	if (nth >= LEAD_LINES)
		return HTML_MD_KEEP;
	char *k = html_md_key(s, n);
	bool title = *b->title_key && strcmp(k, b->title_key) == 0;
	free(k);
	if (title) {
		b->after_title = true;
		return nth < 3 ? HTML_MD_DROP_BEFORE : HTML_MD_DROP;
	}
	if (dates_is_byline(s, n) || (after && signature_like(s, n)))
		return HTML_MD_DROP;
	return HTML_MD_KEEP;
}

/* ---- the article ---- */

static char *base_name(const char *name)
{
	const char *b = strrchr(name, '/');
	b = b ? b + 1 : name;
	const char *dot = strrchr(b, '.');
	size_t n = dot && dot > b ? (size_t)(dot - b) : strlen(b);
	return text_sanitize(b, n, false, NULL);
}

static void add_extra(struct article *a, const char *key, const char *value)
{
	size_t cap = a->nextra;
	a->extra = xgrow(a->extra, &cap, a->nextra + 1, sizeof *a->extra);
	a->extra[a->nextra++] = (struct article_field){ xstrdup(key), xstrdup(value) };
}

static void fill(struct article *a, const char *name, struct pagemeta *m,
		 char *body, size_t body_len, bool date_from_text, size_t size)
{
	memset(a, 0, sizeof *a);
	a->id = name ? base_name(name) : xstrdup("");
	a->path = xstrdup(name ? name : "");
	a->title = m->title, m->title = NULL;
	if (!*a->title) {
		free(a->title);
		a->title = xstrdup(*a->id ? a->id : "");
	}
	a->date = m->date, m->date = NULL;
	article_parse_date(a->date, &a->year, &a->month, &a->day);
	a->source = m->site, m->site = NULL;
	a->lang = pagemeta_lang_primary(m->lang);
	if (!*a->lang) {	/* the page does not say: its words do */
		free(a->lang);
		a->lang = xstrdup(lang_text_code(body, body_len));
	}
	a->url = m->url, m->url = NULL;
	a->tags = xstrdup("");
	if (*m->author)
		add_extra(a, "author", m->author);
	if (date_from_text)
		add_extra(a, "date-from", "byline");
	a->body = body;
	a->body_len = body_len;
	a->size = (long long)size;
}

int html_import_named(const char *name, const char *data, size_t len,
		      const char *charset_hint, const char *url_hint,
		      struct article *out, struct diag *d)
{
	memset(out, 0, sizeof *out);
	const char *who = name ? name : url_hint ? url_hint : "page";
	size_t i = 0;
	while (i < len && in_set(data[i], " \t\r\n"))
		i++;
	if (i == len) {
		diag_add(d, who, 0, "empty file (skipped)");
		return -1;
	}
	if (len > HTML_MAX_SIZE) {
		diag_add(d, who, 0, "too large (%zu bytes, limit %u MiB; skipped)", len,
			 HTML_MAX_SIZE >> 20);
		return -1;
	}
	size_t ulen;
	char *utf = page_utf8(who, data, len, charset_hint, &ulen, d);
	utf = bogus_comments(utf, &ulen);
	xmlDoc *doc = parse(utf, ulen);
	free(utf);
	if (!doc) {
		diag_add(d, who, 0, "cannot parse as HTML (skipped)");
		return -1;
	}
	struct pagemeta m;
	pagemeta_read(doc, url_hint, &m);
	struct readable r;
	readable_find(doc, m.heading, &r);
	struct buf body = BUF_INIT;
	struct body bc = { &r, html_md_key(m.title, strlen(m.title)), false };
	struct html_md_opts o = { m.base, m.title, body_skip, body_line, body_as_para, &bc };
	html_md_write(&body, r.roots, r.nroots, &o);
	free(bc.title_key);
	char iso[11];
	bool from_text = false;
	if (!*m.date && date_in_text(&m, &r, iso)) {
		free(m.date);
		m.date = xstrdup(iso);
		from_text = true;
	}
	if (!body.len)
		diag_add(d, who, 0, "no article text found (title and metadata kept)");
	if (body.len > BODY_MAX) {
		/* the reader loads no file over ARTICLE_MAX_SIZE: cut between blocks */
		size_t cut = BODY_MAX;
		while (cut > 1 && !(body.data[cut - 1] == '\n' && body.data[cut - 2] == '\n'))
			cut--;
		body.len = cut > 1 ? cut - 1 : BODY_MAX;
		body.data[body.len] = '\0';
		diag_add(d, who, 0, "article text cut at %zu bytes (articles are read up to %u MiB)",
			 body.len, ARTICLE_MAX_SIZE >> 20);
	}
	readable_free(&r);
	xmlFreeDoc(doc);
	size_t blen;
	char *b = buf_detach(&body, &blen);
	fill(out, name, &m, b, blen, from_text, len);
	pagemeta_free(&m);
	return 0;
}

int html_import(const char *data, size_t len, const char *charset_hint,
		const char *url_hint, struct article *out, struct diag *d)
{
	return html_import_named(NULL, data, len, charset_hint, url_hint, out, d);
}

char *html_to_markdown(const char *html, size_t len, const char *base_url,
		       size_t *outlen)
{
	size_t ulen, bad, first;
	if (!html || len == 0 || len > HTML_MAX_SIZE) {
		if (outlen)
			*outlen = 0;
		return xstrdup("");
	}
	char *utf = utf8_fix(html, len, &ulen, &bad, &first);
	utf = bogus_comments(utf, &ulen);
	xmlDoc *doc = parse(utf, ulen);
	free(utf);
	struct buf b = BUF_INIT;
	if (doc) {
		xmlNode *root = xmlDocGetRootElement(doc);
		struct html_md_opts o = { base_url, NULL, NULL, NULL, NULL, NULL };
		html_md_write(&b, &root, root ? 1 : 0, &o);
		xmlFreeDoc(doc);
	}
	return buf_detach(&b, outlen);
}
