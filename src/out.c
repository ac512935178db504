/* out.c: printing for the command line and stderr, every value through the
 * one sanitiser of text.c (see out.h). A small printf of its own, so that
 * the sanitising happens per argument: the format's TABs and newlines stay
 * structure, a value's never become one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "out.h"
#include "text.h"

static const char out_ellipsis[] = "\xe2\x80\xa6";

/* How many bytes of s[0..n) to print: at most OUT_FIELD_MAX, never
 * splitting a UTF-8 sequence (an invalid byte is cut like any other). */
static size_t out_cap(const char *s, size_t n)
{
	if (n <= OUT_FIELD_MAX)
		return n;
	size_t k = OUT_FIELD_MAX;
	for (int back = 0; back < 3 && ((unsigned char)s[k] & 0xC0) == 0x80; back++)
		k--;
	return k;
}

/* s[0..n) as one sanitised, capped line, appended to b. */
static void out_add_value(struct buf *b, const char *s, size_t n)
{
	size_t k = out_cap(s, n), len;
	char *clean = text_sanitize(s, k, false, &len);
	buf_add(b, clean, len);
	free(clean);
	if (k < n)
		buf_add(b, out_ellipsis, 3);
}

/* One conversion specification of a format, as read. */
struct spec {
	char flags[8];
	int width, prec;	/* -1 when not given */
	char len[3];		/* length modifier: "", "h", "hh", "l", "ll", ... */
	char conv;
};

static const char *spec_read(const char *p, struct spec *sp, va_list *ap)
{
	size_t nf = 0;
	memset(sp, 0, sizeof *sp);
	sp->width = sp->prec = -1;
	while (*p && strchr("-+ #0", *p) && nf + 1 < sizeof sp->flags)
		sp->flags[nf++] = *p++;
	if (*p == '*') {
		sp->width = va_arg(*ap, int);
		p++;
	} else {
		for (sp->width = *p >= '0' && *p <= '9' ? 0 : -1; *p >= '0' && *p <= '9'; p++)
			sp->width = sp->width * 10 + (*p - '0');
	}
	if (*p == '.') {
		p++;
		sp->prec = 0;
		if (*p == '*') {
			sp->prec = va_arg(*ap, int);
			p++;
		}
		for (; *p >= '0' && *p <= '9'; p++)
			sp->prec = sp->prec * 10 + (*p - '0');
	}
	size_t nl = 0;
	while (*p && strchr("hljztL", *p) && nl + 1 < sizeof sp->len)
		sp->len[nl++] = *p++;
	sp->conv = *p ? *p++ : '\0';
	return p;
}

/* The specification back as a printf format, precision left out when
 * with_prec is false. */
static void spec_format(const struct spec *sp, bool with_prec, char *out, size_t n)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%%%s", sp->flags);
	if (sp->width >= 0)
		buf_addf(&b, "%d", sp->width);
	if (with_prec && sp->prec >= 0)
		buf_addf(&b, ".%d", sp->prec);
	buf_addf(&b, "%s%c", sp->len, sp->conv);
	snprintf(out, n, "%s", buf_str(&b));
	buf_free(&b);
}

/* A string argument: sanitised and capped, then padded to the width. */
static void out_add_string(struct buf *b, const struct spec *sp, const char *s, size_t n)
{
	struct buf v = BUF_INIT;
	out_add_value(&v, s, n);
	char f[32];
	struct spec plain = *sp;
	plain.len[0] = '\0';
	plain.conv = 's';
	spec_format(&plain, false, f, sizeof f);
	buf_addf(b, f, buf_str(&v));
	buf_free(&v);
}

static void out_add_int(struct buf *b, const struct spec *sp, const char *f, va_list *ap)
{
	bool sig = sp->conv == 'd' || sp->conv == 'i';
	const char *l = sp->len;
	if (!strcmp(l, "ll"))
		sig ? buf_addf(b, f, va_arg(*ap, long long)) : buf_addf(b, f, va_arg(*ap, unsigned long long));
	else if (!strcmp(l, "l"))
		sig ? buf_addf(b, f, va_arg(*ap, long)) : buf_addf(b, f, va_arg(*ap, unsigned long));
	else if (!strcmp(l, "z"))
		buf_addf(b, f, va_arg(*ap, size_t));
	else if (!strcmp(l, "j"))
		sig ? buf_addf(b, f, va_arg(*ap, intmax_t)) : buf_addf(b, f, va_arg(*ap, uintmax_t));
	else if (!strcmp(l, "t"))
		buf_addf(b, f, va_arg(*ap, ptrdiff_t));
	else	/* int, and the promoted char and short */
		sig ? buf_addf(b, f, va_arg(*ap, int)) : buf_addf(b, f, va_arg(*ap, unsigned));
}

static void out_add_conv(struct buf *b, const struct spec *sp, va_list *ap)
{
	char f[32];
	spec_format(sp, true, f, sizeof f);
	switch (sp->conv) {
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		size_t n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
		out_add_string(b, sp, s, n);
		break;
	}
	case 'c': {
		char c = (char)va_arg(*ap, int);
		out_add_string(b, sp, &c, 1);
		break;
	}
	case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
		out_add_int(b, sp, f, ap);
		break;
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A':
		if (!strcmp(sp->len, "L"))
			buf_addf(b, f, va_arg(*ap, long double));
		else
			buf_addf(b, f, va_arg(*ap, double));
		break;
	case 'p':
		buf_addf(b, f, va_arg(*ap, void *));
		break;
	case '%':
		buf_addc(b, '%');
		break;
	default:	/* %n or a typo the compiler's format check let through */
		abort();
	}
}

static void out_format(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	for (const char *p = fmt; *p;) {
		const char *pct = strchr(p, '%');
		size_t lit = pct ? (size_t)(pct - p) : strlen(p);
		buf_add(b, p, lit);
		if (!pct)
			break;
		struct spec sp;
		p = spec_read(pct + 1, &sp, &cp);
		out_add_conv(b, &sp, &cp);
	}
	va_end(cp);
}

static void out_write(FILE *f, const struct buf *b)
{
	if (b->len)
		fwrite(b->data, 1, b->len, f);
}

void out_vprintf(FILE *f, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	out_format(&b, fmt, ap);
	out_write(f, &b);
	buf_free(&b);
}

void out_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vprintf(f, fmt, ap);
	va_end(ap);
}

void out_error(const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "filo: ");
	va_list ap;
	va_start(ap, fmt);
	out_format(&b, fmt, ap);
	va_end(ap);
	buf_addc(&b, '\n');
	out_write(stderr, &b);
	buf_free(&b);
}

void out_diag(FILE *f, const char *prefix, const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		out_printf(f, "%s%s\n", prefix, d->msg[i]);
}

void out_json(FILE *f, const char *s)
{
	size_t n = strlen(s), k = out_cap(s, n), len;
	char *clean = text_sanitize_json(s, k, &len);
	struct buf b = BUF_INIT;
	buf_addc(&b, '"');
	buf_add(&b, clean, len);
	if (k < n)
		buf_add(&b, out_ellipsis, 3);
	buf_addc(&b, '"');
	out_write(f, &b);
	buf_free(&b);
	free(clean);
}

void out_text(FILE *f, const char *s, size_t n)
{
	if (text_is_sanitized(s, n, true)) {
		fwrite(s, 1, n, f);
		return;
	}
	size_t len;
	char *clean = text_sanitize(s, n, true, &len);
	fwrite(clean, 1, len, f);
	free(clean);
}
