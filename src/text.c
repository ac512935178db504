/* text.c: filo's Unicode layer over libunistring: grapheme clusters and their
 * terminal widths, fitting and padding, sanitising, folding, line wrapping. */
#include <string.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistr.h>
#include <uniwidth.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unicase.h>
#include <uninorm.h>
#include <unictype.h>
#include "buf.h"
#include "text.h"

/* Stands for one invalid byte: it is not a code point, so it can never be
 * mistaken for real text. */
#define TEXT_BAD ((ucs4_t)-1)

#define CP_ZWJ 0x200D
#define CP_VS16 0xFE0F

/* Decodes one character. An invalid or truncated sequence counts as a single
 * bad byte so that decoding resynchronises on the very next byte, the same
 * way the sanitiser and the width functions count it. */
static size_t text_decode(const uint8_t *s, size_t n, ucs4_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	int r = u8_mbtoucr(c, s, n);
	if (r <= 0) {
		*c = TEXT_BAD;
		return 1;
	}
	return (size_t)r;
}

bool text_valid_utf8(const char *s, size_t n, size_t *bad)
{
	const uint8_t *u = (const uint8_t *)s;
	const uint8_t *e = u8_check(u, n);
	size_t at = e ? (size_t)(e - u) : n;
	const char *nul = memchr(s, '\0', at);
	if (nul)
		at = (size_t)(nul - s);
	if (at == n)
		return true;
	if (bad)
		*bad = at;
	return false;
}

/* ---- grapheme clusters ---- */

struct cluster {
	size_t len;
	ucs4_t base;	/* first code point, TEXT_BAD for an invalid byte */
	bool emoji;	/* VS16 after an emoji, or pictographs joined by ZWJ */
	int ri;		/* regional indicators (two make a flag) */
};

static bool text_is_ri(ucs4_t c)
{
	return c >= 0x1F1E6 && c <= 0x1F1FF;
}

/* uc_is_grapheme_break() only looks at pairs, so it cannot apply the rules
 * that need context (UAX #29 GB11 for ZWJ emoji sequences, GB12/13 for flag
 * pairs): those two are decided here from the state of the cluster. */
static bool text_joins(ucs4_t prev, ucs4_t c, bool pict, int ri)
{
	if (text_is_ri(prev) && text_is_ri(c))
		return ri % 2 == 1;
	if (prev == CP_ZWJ && pict && uc_is_property_extended_pictographic(c))
		return true;
	return !uc_is_grapheme_break(prev, c);
}

/* Tracks "Extended_Pictographic Extend* ZWJ?" for GB11. */
static bool text_pict_state(bool pict, ucs4_t c)
{
	if (uc_is_property_extended_pictographic(c))
		return true;
	if (c == CP_ZWJ || uc_graphemeclusterbreak_property(c) == GBP_EXTEND)
		return pict;
	return false;
}

static void text_cluster_scan(const uint8_t *s, size_t n, struct cluster *cl)
{
	ucs4_t prev, c;
	cl->emoji = false;
	cl->ri = 0;
	/* Printable ASCII followed by ASCII is a whole cluster: the common case. */
	if (s[0] >= 0x20 && s[0] < 0x7F && (n == 1 || s[1] < 0x80)) {
		cl->len = 1;
		cl->base = s[0];
		return;
	}
	size_t i = text_decode(s, n, &prev);
	cl->base = prev;
	if (prev == TEXT_BAD) {
		cl->len = 1;
		return;
	}
	bool pict = text_pict_state(false, prev);
	cl->ri = text_is_ri(prev);
	while (i < n) {
		size_t k = text_decode(s + i, n - i, &c);
		if (c == TEXT_BAD || !text_joins(prev, c, pict, cl->ri))
			break;
		if (c == CP_VS16 && uc_is_property_emoji(cl->base))
			cl->emoji = true;
		if (prev == CP_ZWJ && pict)
			cl->emoji = true;
		pict = text_pict_state(pict, c);
		cl->ri += text_is_ri(c);
		prev = c;
		i += k;
	}
	cl->len = i;
}

static int text_cluster_width(const struct cluster *cl)
{
	ucs4_t c = cl->base;
	if (c == TEXT_BAD)
		return 1;	/* drawn as U+FFFD by the sanitiser */
	if (c >= 0x20 && c < 0x7F && !cl->emoji)	/* keycaps are emoji */
		return 1;
	if (cl->emoji || cl->ri >= 2 || uc_is_property_emoji_presentation(c))
		return 2;
	int w = uc_width(c, "UTF-8");
	if (w < 0)
		return 0;	/* control: the sanitiser shows it, never the raw byte */
	if (w == 0 && uc_is_general_category(c, UC_CATEGORY_M))
		return 1;	/* a lone mark is drawn on a space */
	return w > 2 ? 2 : w;
}

size_t text_grapheme_len(const char *s, size_t n)
{
	struct cluster cl;
	if (n == 0)
		return 0;
	text_cluster_scan((const uint8_t *)s, n, &cl);
	return cl.len;
}

int text_grapheme_width(const char *s, size_t n)
{
	struct cluster cl;
	if (n == 0)
		return 0;
	text_cluster_scan((const uint8_t *)s, n, &cl);
	return text_cluster_width(&cl);
}

size_t text_width(const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t w = 0;
	struct cluster cl;
	for (size_t p = 0; p < n; p += cl.len) {
		text_cluster_scan(u + p, n - p, &cl);
		w += (size_t)text_cluster_width(&cl);
	}
	return w;
}

size_t text_fit(const char *s, size_t n, size_t cols, size_t *used)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t p = 0, w = 0;
	struct cluster cl;
	while (p < n) {
		text_cluster_scan(u + p, n - p, &cl);
		size_t cw = (size_t)text_cluster_width(&cl);
		if (w + cw > cols)
			break;
		w += cw;
		p += cl.len;
	}
	if (used)
		*used = w;
	return p;
}

size_t text_pad(char *out, const char *s, size_t n, size_t cols)
{
	static const char ellipsis[] = "\xe2\x80\xa6";	/* U+2026, width 1 */
	size_t used, k = text_fit(s, n, cols, &used), o;
	if (k == n || cols == 0) {
		memcpy(out, s, k);
		o = k;
	} else {
		k = text_fit(s, n, cols - 1, &used);
		memcpy(out, s, k);
		memcpy(out + k, ellipsis, 3);
		o = k + 3;
		used++;
	}
	/* A wide cluster that would overflow by one column leaves a gap here. */
	memset(out + o, ' ', cols - used);
	return o + cols - used;
}

/* ---- sanitising ---- */

static const char text_fffd[] = "\xef\xbf\xbd";

/* Bidi embeddings, overrides and isolates can visually reorder what follows
 * them on the terminal line (a "Trojan Source" style spoof). */
static bool text_is_bidi_control(ucs4_t c)
{
	return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* Handles one ASCII byte at s[i]; returns the bytes consumed. */
static size_t text_sanitize_ascii(struct buf *b, const uint8_t *s, size_t n,
				  size_t i, bool keep_newlines)
{
	uint8_t c = s[i];
	if (c == '\t') {
		buf_add(b, "    ", 4);
	} else if (c == '\n' && keep_newlines) {
		buf_addc(b, '\n');
	} else if (c == '\r' && keep_newlines && i + 1 < n && s[i + 1] == '\n') {
		buf_addc(b, '\n');	/* CRLF files read like LF ones */
		return 2;
	} else if (c < 0x20 || c == 0x7F) {
		char caret[2] = { '^', (char)(c == 0x7F ? '?' : c + 0x40) };
		buf_add(b, caret, 2);
	} else {
		buf_addc(b, (char)c);
	}
	return 1;
}

char *text_sanitize(const char *s, size_t n, bool keep_newlines, size_t *outlen)
{
	const uint8_t *u = (const uint8_t *)s;
	struct buf b = BUF_INIT;
	buf_add(&b, "", 0);	/* allocates and terminates even when n == 0 */
	buf_grow(&b, n);
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && u[run] >= 0x20 && u[run] < 0x7F)
			run++;
		if (run > i) {
			buf_add(&b, s + i, run - i);
			i = run;
			continue;
		}
		if (u[i] < 0x80) {
			i += text_sanitize_ascii(&b, u, n, i, keep_newlines);
			continue;
		}
		ucs4_t c;
		size_t k = text_decode(u + i, n - i, &c);
		if (c == TEXT_BAD || c < 0xA0 || text_is_bidi_control(c))
			buf_add(&b, text_fffd, 3);	/* C1 controls included */
		else
			buf_add(&b, s + i, k);
		i += k;
	}
	return buf_detach(&b, outlen);
}

/* ---- folding ---- */

static bool text_is_dash(ucs4_t c)
{
	return c == 0x2212 || uc_is_general_category(c, UC_CATEGORY_Pd);
}

static bool text_is_apostrophe(ucs4_t c)
{
	return c == 0x2019 || c == 0x2018 || c == 0x201B || c == 0x02BC;
}

/* No character folds to more than 18 code points (U+FDFA) of 4 bytes. */
#define FOLD_MAX 96

/* Folds one non-ASCII character into out; returns the byte count. */
static size_t text_fold_char(ucs4_t c, uint8_t *out)
{
	if (text_is_apostrophe(c)) {
		out[0] = '\'';
		return 1;
	}
	/* Soft hyphens and zero-width joiners are invisible: they must not make
	 * two spellings of one word differ. */
	if (uc_is_general_category(c, UC_CATEGORY_Cf))
		return 0;
	if (text_is_dash(c)) {
		out[0] = '-';
		return 1;
	}
	ucs4_t tmp[32];
	size_t m = sizeof tmp / sizeof tmp[0];
	ucs4_t *r = u32_casefold(&c, 1, NULL, UNINORM_NFKD, tmp, &m);
	if (!r) {
		r = tmp;
		tmp[0] = c;
		m = 1;
	}
	size_t len = 0;
	for (size_t i = 0; i < m; i++) {
		ucs4_t d = r[i];
		if (uc_is_general_category(d, UC_CATEGORY_M))
			continue;
		if (text_is_dash(d))
			d = '-';
		else if (text_is_apostrophe(d))
			d = '\'';
		int k = u8_uctomb(out + len, d, (int)(FOLD_MAX - len));
		if (k <= 0)
			break;
		len += (size_t)k;
	}
	if (r != tmp)
		free(r);
	return len;
}

/* Text repeats the same few accented letters, and libunistring's casefold
 * with normalisation is costly per call: a small direct-mapped cache keeps
 * folding close to the speed of the ASCII path. */
#define FOLD_SLOTS 256
struct fold_slot {
	ucs4_t cp;
	uint8_t len;
	uint8_t out[27];
};

struct fold {
	struct buf out;
	size_t *map;
	size_t mapcap;
	bool want_map;
	struct fold_slot cache[FOLD_SLOTS];
};

static void fold_emit(struct fold *f, const uint8_t *bytes, size_t k, size_t origin)
{
	buf_add(&f->out, bytes, k);
	if (!f->want_map)
		return;
	f->map = xgrow(f->map, &f->mapcap, f->out.len + 1, sizeof *f->map);
	for (size_t i = f->out.len - k; i < f->out.len; i++)
		f->map[i] = origin;
}

static void fold_ascii_run(struct fold *f, const uint8_t *s, size_t a, size_t b)
{
	size_t k = b - a, o = f->out.len;
	buf_grow(&f->out, k);
	for (size_t i = 0; i < k; i++) {
		uint8_t c = s[a + i];
		f->out.data[o + i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	f->out.len += k;
	f->out.data[f->out.len] = '\0';
	if (!f->want_map)
		return;
	f->map = xgrow(f->map, &f->mapcap, f->out.len + 1, sizeof *f->map);
	for (size_t i = 0; i < k; i++)
		f->map[o + i] = a + i;
}

static void fold_char(struct fold *f, ucs4_t c, size_t origin)
{
	struct fold_slot *slot = &f->cache[(c ^ (c >> 8)) % FOLD_SLOTS];
	if (slot->cp != c) {
		uint8_t tmp[FOLD_MAX];
		size_t k = text_fold_char(c, tmp);
		if (k > sizeof slot->out) {
			fold_emit(f, tmp, k, origin);
			return;
		}
		slot->cp = c;
		slot->len = (uint8_t)k;
		memcpy(slot->out, tmp, k);
	}
	fold_emit(f, slot->out, slot->len, origin);
}

char *text_fold(const char *s, size_t n, size_t *outlen, size_t **map)
{
	const uint8_t *u = (const uint8_t *)s;
	struct fold *f = xmalloc(sizeof *f);
	buf_init(&f->out);
	buf_add(&f->out, "", 0);
	buf_grow(&f->out, n);
	f->map = NULL;
	f->mapcap = 0;
	f->want_map = map != NULL;
	if (f->want_map)	/* folding rarely grows text: one allocation */
		f->map = xgrow(f->map, &f->mapcap, n + 1, sizeof *f->map);
	for (size_t i = 0; i < FOLD_SLOTS; i++)
		f->cache[i].cp = TEXT_BAD;
	size_t i = 0;
	while (i < n) {
		size_t run = i;
		while (run < n && u[run] < 0x80)
			run++;
		if (run > i) {
			fold_ascii_run(f, u, i, run);
			i = run;
			continue;
		}
		ucs4_t c;
		size_t k = text_decode(u + i, n - i, &c);
		if (c == TEXT_BAD)
			fold_emit(f, (const uint8_t *)text_fffd, 3, i);
		else
			fold_char(f, c, i);
		i += k;
	}
	char *res = buf_detach(&f->out, outlen);
	if (map) {
		f->map = xgrow(f->map, &f->mapcap, *outlen + 1, sizeof *f->map);
		f->map[*outlen] = n;
		*map = f->map;
	}
	free(f);
	return res;
}

size_t text_find(const char *hay, size_t hay_len, const char *needle,
		 size_t needle_len, size_t from)
{
	if (from > hay_len || needle_len > hay_len - from)
		return (size_t)-1;
	if (needle_len == 0)
		return from;
	/* memchr finds candidates at libc speed; memmem would need _GNU_SOURCE. */
	const char *p = hay + from, *last = hay + hay_len - needle_len;
	while (p <= last) {
		p = memchr(p, needle[0], (size_t)(last - p) + 1);
		if (!p)
			break;
		if (memcmp(p + 1, needle + 1, needle_len - 1) == 0)
			return (size_t)(p - hay);
		p++;
	}
	return (size_t)-1;
}

bool text_is_cjk(const char *s, size_t n, size_t *len)
{
	ucs4_t c = TEXT_BAD;
	*len = n ? text_decode((const uint8_t *)s, n, &c) : 0;
	return (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x31f0 && c <= 0x31ff) ||
	       (c >= 0x20000 && c <= 0x3ffff);
}

int text_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool text_is_word_char(const char *s, size_t n, size_t *len)
{
	ucs4_t c;
	if (n == 0) {
		if (len)
			*len = 0;
		return false;
	}
	size_t k = text_decode((const uint8_t *)s, n, &c);
	if (len)
		*len = k;
	if (c == TEXT_BAD)
		return false;
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
	return uc_is_general_category(c, UC_CATEGORY_L) ||
	       uc_is_general_category(c, UC_CATEGORY_N) ||
	       uc_is_general_category(c, UC_CATEGORY_M);
}

/* ---- line breaking ---- */

void text_break_opportunities(const char *s, size_t n, char *breaks)
{
	const uint8_t *u = (const uint8_t *)s;
	breaks[n] = TEXT_BREAK_NO;
	if (n == 0)
		return;
	u8_possible_linebreaks(u, n, "UTF-8", breaks);
	/* libunistring marks the newline character itself; the contract marks
	 * the position after it. Walking backwards lets the conversion run in
	 * place: a mandatory mark only ever moves to a later, converted slot. */
	for (size_t i = n; i-- > 0;) {
		int r = breaks[i];
		breaks[i] = (r == UC_BREAK_POSSIBLE || r == UC_BREAK_HYPHENATION)
			? TEXT_BREAK_ALLOWED : TEXT_BREAK_NO;
		if (r == UC_BREAK_MANDATORY) {
			ucs4_t c;
			breaks[i + text_decode(u + i, n - i, &c)] = TEXT_BREAK_MANDATORY;
		}
	}
	breaks[0] = TEXT_BREAK_NO;
}

struct wrap {
	size_t *start, *len;
	size_t count, cap;
};

/* Length of the line-ending character (LF, CR, VT, FF, NEL, LS, PS) or
 * space that ends s[a..e), or 0. */
static size_t wrap_trailing_blank(const char *s, size_t a, size_t e)
{
	unsigned char c = (unsigned char)s[e - 1];
	if (c == ' ' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	if (e - a >= 2 && c == 0x85 && (unsigned char)s[e - 2] == 0xC2)
		return 2;
	if (e - a >= 3 && (c == 0xA8 || c == 0xA9) && memcmp(s + e - 3, "\xe2\x80", 2) == 0)
		return 3;
	return 0;
}

static size_t trimmed_end(const char *s, size_t a, size_t e);

static void wrap_push(struct wrap *w, const char *s, size_t a, size_t e)
{
	e = trimmed_end(s, a, e);
	if (w->count == w->cap) {
		w->start = xgrow(w->start, &w->cap, w->count + 1, sizeof *w->start);
		w->len = xrealloc(w->len, w->cap * sizeof *w->len);
	}
	w->start[w->count] = a;
	w->len[w->count] = e - a;
	w->count++;
}

/* Finds where the line starting at *ls ends (before trimming) and returns
 * that offset, which is also where the next line starts. Leading spaces that
 * alone overflow the line are skipped by moving *ls. */
static size_t wrap_line_end(const char *s, size_t n, const char *br,
			    size_t *ls, size_t limit)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t p = *ls, col = 0, bp = 0;
	bool content = false;
	struct cluster cl;
	while (p < n) {
		if (p > *ls && br[p] == TEXT_BREAK_MANDATORY)
			return p;
		if (content && br[p] == TEXT_BREAK_ALLOWED)
			bp = p;
		text_cluster_scan(u + p, n - p, &cl);
		size_t w = (size_t)text_cluster_width(&cl);
		bool space = cl.len == 1 && u[p] == ' ';
		/* A zero-width cluster only overflows a line that trailing spaces
		 * or an oversized cluster already filled, and is never split off
		 * from the word it belongs to. */
		bool over = !space && col + w > limit && (w > 0 || col > limit);
		if (over && bp)
			return bp;
		if (over && !content && p > *ls) {
			*ls = p;	/* drop indentation that cannot fit */
			col = 0;
		} else if (over && w > 0 && content) {
			return p;	/* a word longer than the line */
		}
		col += w;
		content = content || !space;
		p += cl.len;
	}
	return n;
}

/* The end of the line [a, e) once its trailing blanks are dropped. */
static size_t trimmed_end(const char *s, size_t a, size_t e)
{
	size_t k;
	while (e > a && (k = wrap_trailing_blank(s, a, e)) > 0)
		e -= k;
	return e;
}

/* A line measured as a whole can come out wider than its clusters measured
 * one by one (a Prepend character such as U+0605 joins the cluster that
 * follows it): such a line is cut hard at the limit, never past it. */
static size_t wrap_clamp(const char *s, size_t ls, size_t e, size_t limit)
{
	size_t t = trimmed_end(s, ls, e);
	if (text_width(s + ls, t - ls) <= limit)
		return e;
	size_t fit = text_fit(s + ls, t - ls, limit, NULL);
	return ls + (fit ? fit : text_grapheme_len(s + ls, t - ls));
}

size_t text_wrap(const char *s, size_t n, size_t first_width, size_t width,
		 size_t **start, size_t **len)
{
	struct wrap w = { NULL, NULL, 0, 0 };
	char *br = xmalloc(n + 1);
	text_break_opportunities(s, n, br);
	size_t ls = 0, limit = first_width ? first_width : 1;
	while (ls < n) {
		size_t e = wrap_line_end(s, n, br, &ls, limit);
		e = wrap_clamp(s, ls, e, limit);
		wrap_push(&w, s, ls, e);
		ls = e;
		limit = width ? width : 1;
	}
	if (w.count == 0)
		wrap_push(&w, s, 0, 0);
	free(br);
	*start = w.start;
	*len = w.len;
	return w.count;
}

/* ---- editing a line of input (the prompts) ---- */

size_t text_encode_char(unsigned long cp, char *out)
{
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	int r = u8_uctomb((uint8_t *)out, (ucs4_t)cp, 4);
	return r > 0 ? (size_t)r : 0;
}

size_t text_last_grapheme_len(const char *s, size_t n)
{
	/* clusters are only known going forward (flag pairs, ZWJ sequences
	 * need what came before): walk them, keep the last */
	size_t at = 0, last = 0;
	while (at < n) {
		last = text_grapheme_len(s + at, n - at);
		at += last;
	}
	return last;
}
