/* entity_tok.c: tokenizer and word folding for the entity recogniser. One
 * pass over the bytes, ASCII fast path, no allocation per token; only words
 * with characters outside Latin-1/Latin Extended-A go through text_fold. */
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <unictype.h>
#include "entity_tok.h"
#include "text.h"

/* Base letters of U+00C0..U+017F after NFKD, case folding and mark removal;
 * '0' where that is not a single ASCII letter (those go through text_fold). */
static const char latin_base[] =
	"aaaaaa0ceeeeiiii0nooooo00uuuuy00"	/* C0..DF */
	"aaaaaa0ceeeeiiii0nooooo00uuuuy0y"	/* E0..FF */
	"aaaaaaccccccccdd00eeeeeeeeeegggg"	/* 100..11F */
	"gggghh00iiiiiiiii000jjkk0llllll0"	/* 120..13F */
	"000nnnnnn000oooooo00rrrrrrssssss"	/* 140..15F */
	"sstttt00uuuuuuuuuuuuwwyyyzzzzzzs";	/* 160..17F */

static int is_apostrophe(ucs4_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

static int is_hyphen(ucs4_t c)
{
	return c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_dash(ucs4_t c)
{
	return is_hyphen(c) || (c >= 0x2012 && c <= 0x2015) || c == 0x2212;
}

static int is_quote(ucs4_t c)
{
	return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E ||
	       c == 0x00AB || c == 0x00BB || c == 0x2018 || c == 0x201A;
}

static size_t decode(const char *s, size_t n, ucs4_t *c)
{
	if ((unsigned char)s[0] < 0x80) {
		*c = (unsigned char)s[0];
		return 1;
	}
	int l = u8_mbtouc(c, (const uint8_t *)s, n);
	return l > 0 ? (size_t)l : 1;
}

static int is_word_cp(ucs4_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       (c >= '0' && c <= '9');
	return uc_is_alpha(c) || uc_is_digit(c) ||
	       uc_is_general_category(c, UC_CATEGORY_M);
}

static int is_upper_cp(ucs4_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return uc_is_upper(c);
}

static int is_lower_cp(ucs4_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return uc_is_lower(c);
}

static void fold_fallback(struct buf *out, const char *s, size_t n)
{
	size_t fl;
	char *f = text_fold(s, n, &fl, NULL);
	buf_add(out, f, fl);
	free(f);
}

void etok_fold_word(struct buf *out, const char *s, size_t n)
{
	size_t start = out->len;
	buf_grow(out, n);
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		size_t l = decode(s + i, n - i, &c);
		char b = 0;
		if (c < 0x80)
			b = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : (char)c;
		else if (is_apostrophe(c))
			b = '\'';
		else if (is_dash(c))
			b = '-';
		else if (c >= 0xC0 && c <= 0x17F && latin_base[c - 0xC0] != '0')
			b = latin_base[c - 0xC0];
		if (!b) {
			out->len = start;
			fold_fallback(out, s, n);
			return;
		}
		out->data[out->len++] = b;
		i += l;
	}
	out->data[out->len] = '\0';
}

void etoks_init(struct etoks *ts)
{
	memset(ts, 0, sizeof *ts);
	buf_init(&ts->fold);
}

void etoks_free(struct etoks *ts)
{
	free(ts->t);
	buf_free(&ts->fold);
	etoks_init(ts);
}

static struct etok *tok_push(struct etoks *ts, size_t off, size_t len,
			     uint32_t shape)
{
	ts->t = xgrow(ts->t, &ts->cap, ts->n + 1, sizeof *ts->t);
	struct etok *t = &ts->t[ts->n++];
	t->off = (uint32_t)off;
	t->len = (uint32_t)len;
	t->foff = (uint32_t)ts->fold.len;
	t->shape = shape;
	return t;
}

/* End of the word starting at s[i]; sets *elided when it ends in an
 * apostrophe that elides a vowel ("dell'Ucraina"), not a possessive. */
static size_t word_end(const char *s, size_t n, size_t i, int *elided,
		       int *letters, int *lower)
{
	*elided = *letters = *lower = 0;
	while (i < n) {
		ucs4_t c;
		size_t l = decode(s + i, n - i, &c);
		if (is_word_cp(c)) {
			*letters += !(c >= '0' && c <= '9');
			*lower |= is_lower_cp(c);
			i += l;
			continue;
		}
		if (!is_apostrophe(c) || i + l >= n)
			return i;
		ucs4_t d, e = 0;
		size_t dl = decode(s + i + l, n - i - l, &d);
		if (!is_word_cp(d) || uc_is_digit(d))
			return i;
		if (i + l + dl < n)
			decode(s + i + l + dl, n - i - l - dl, &e);
		if ((d == 's' || d == 'S') && !is_word_cp(e))
			return i;	/* English possessive: "Putin's" */
		*elided = 1;
		return i + l;
	}
	return i;
}

/* Abbreviations whose final period does not end a sentence. */
static int is_abbrev(const struct etoks *ts)
{
	static const char *const ab[] = { "mr", "mrs", "ms", "dr", "st", "prof",
		"sig", "sigg", "dott", "gen", "sen", "on", "jr", "avv", "ing",
		"mons", "col", "magg", "cap", "gov", "rep", "sr", "ss", NULL };
	if (ts->n == 0)
		return 0;
	const struct etok *p = &ts->t[ts->n - 1];
	if (!(p->shape & ETOK_WORD))
		return 0;
	const char *f = ts->fold.data + p->foff;
	if (p->flen == 1 && (p->shape & ETOK_CAP))
		return 1;	/* an initial: "J. R. Tolkien" */
	for (int i = 0; ab[i]; i++)
		if (strlen(ab[i]) == p->flen && memcmp(ab[i], f, p->flen) == 0)
			return 1;
	return 0;
}

static void fold_punct(struct buf *out, const char *s, size_t l, ucs4_t c)
{
	if (is_apostrophe(c))
		buf_addc(out, '\'');
	else if (is_dash(c))
		buf_addc(out, '-');
	else if (is_quote(c))
		buf_addc(out, '"');
	else
		buf_add(out, s, l);
}

static int is_space_cp(ucs4_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
	return c == 0xA0 || c == 0xFEFF || (c >= 0x2000 && c <= 0x200B) ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

static int is_ascii_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* End of a dotted abbreviation starting at s[i]: two or more groups of one
 * or two ASCII letters, each followed by a period ("U.S.", "N.V.",
 * "S.p.A.", "a.m."), so that it is one token; else i. *letters and *lower
 * count its letters as word_end does. */
static size_t dotted_end(const char *s, size_t n, size_t i, int *letters,
			 int *lower)
{
	size_t k = i;
	int groups = 0, nl = 0, lc = 0;
	for (;;) {
		size_t g = k;
		while (g < n && g - k < 3 && is_ascii_letter(s[g])) {
			lc |= s[g] >= 'a';
			g++;
		}
		if (g == k || g - k > 2 || g >= n || s[g] != '.')
			break;
		nl += (int)(g - k);
		groups++;
		k = g + 1;
	}
	if (groups < 2 || (k < n && is_ascii_letter(s[k])))
		return i;
	*letters = nl;
	*lower = lc;
	return k;
}

/* Removes the periods from the folded text after offset from. */
static void drop_dots(struct buf *fold, size_t from)
{
	size_t o = from;
	for (size_t k = from; k < fold->len; k++)
		if (fold->data[k] != '.')
			fold->data[o++] = fold->data[k];
	fold->len = o;
	fold->data[o] = '\0';
}

static uint32_t word_shape(const char *s, size_t n, int letters, int lower)
{
	ucs4_t c;
	decode(s, n, &c);
	uint32_t shape = ETOK_WORD;
	if (is_upper_cp(c))
		shape |= ETOK_CAP;
	else if (c < 0x80 ? (c >= '0' && c <= '9') : uc_is_digit(c))
		shape |= ETOK_DIGIT;
	if (letters >= 2 && !lower)
		shape |= ETOK_UPPER;
	return shape;
}

void etoks_scan(struct etoks *ts, const char *s, size_t n)
{
	ts->n = 0;
	buf_reset(&ts->fold);
	if (n > UINT32_MAX)
		n = UINT32_MAX;
	/* room for typical prose at once: growing by copies costs more */
	ts->t = xgrow(ts->t, &ts->cap, n / 5 + 16, sizeof *ts->t);
	buf_grow(&ts->fold, n + n / 4 + 16);
	uint32_t pending = ETOK_SSTART | ETOK_BREAK;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		size_t l = decode(s + i, n - i, &c);
		if (c == '\n') {
			pending = (pending & ~ETOK_HYPHEN) | ETOK_SSTART | ETOK_BREAK;
			i += l;
			continue;
		}
		if (is_space_cp(c)) {
			pending &= ~ETOK_HYPHEN;
			i += l;
			continue;
		}
		if (!is_word_cp(c)) {
			struct etok *t = tok_push(ts, i, l, pending & ETOK_BREAK);
			fold_punct(&ts->fold, s + i, l, c);
			t->flen = (uint32_t)(ts->fold.len - t->foff);
			buf_addc(&ts->fold, ' ');
			pending &= ~(ETOK_BREAK | ETOK_HYPHEN);
			if (c == '.' || c == '!' || c == '?' || c == ':' || c == 0x2026) {
				if (!(c == '.' && is_abbrev(ts))) {
					t->shape |= ETOK_SENTEND;
					pending |= ETOK_SSTART;
				}
			}
			i += l;
			continue;
		}
		int elided, letters, lower, dotted = 0;
		size_t e = word_end(s, n, i, &elided, &letters, &lower);
		if (!elided && e < n && s[e] == '.') {
			size_t d = dotted_end(s, n, i, &letters, &lower);
			dotted = d > e;
			e = dotted ? d : e;
		}
		uint32_t shape = word_shape(s + i, e - i, letters, lower) | pending;
		if (elided)
			shape |= ETOK_ELIDED;
		struct etok *t = tok_push(ts, i, e - i, shape);
		etok_fold_word(&ts->fold, s + i, e - i);
		if (dotted)	/* "U.S.A." is "usa", as a lexicon writes it */
			drop_dots(&ts->fold, t->foff);
		t->flen = (uint32_t)(ts->fold.len - t->foff);
		buf_addc(&ts->fold, ' ');
		pending = 0;
		i = e;
		if (elided || i >= n)
			continue;
		/* A hyphen between two words glues them: "Jong-un". */
		size_t hl = decode(s + i, n - i, &c);
		ucs4_t d;
		if (is_hyphen(c) && i + hl < n) {
			decode(s + i + hl, n - i - hl, &d);
			if (is_word_cp(d)) {
				pending = ETOK_HYPHEN;
				i += hl;
			}
		}
	}
}
