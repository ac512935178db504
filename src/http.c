/* http.c: response header lines read into struct http_meta. Values are
 * checked byte by byte before they are kept: whatever a server sends, what
 * filo stores, prints or sends back is printable ASCII. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "http.h"

#define MEDIA_TYPE_MAX 127
#define CHARSET_MAX 40

void http_meta_init(struct http_meta *m)
{
	memset(m, 0, sizeof *m);
	m->content_length = -1;
}

/* Forgets what belongs to one response. */
static void clear_response(struct http_meta *m)
{
	free(m->etag);
	free(m->last_modified);
	free(m->media_type);
	free(m->charset);
	free(m->location);
	m->etag = m->last_modified = m->media_type = m->charset = m->location = NULL;
	m->content_length = -1;
}

void http_meta_free(struct http_meta *m)
{
	clear_response(m);
	http_meta_init(m);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Are s[0..n) all printable ASCII (space only when blanks)? */
static bool printable(const char *s, size_t n, bool blanks)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7e || (c == ' ' && !blanks))
			return false;
	}
	return true;
}

/* "HTTP/1.1 200 OK", "HTTP/2 304": the three-digit code, or -1. */
static long status_code(const char *s, size_t n)
{
	if (n < 5 || memcmp(s, "HTTP/", 5) != 0)
		return -1;
	size_t i = 5;
	while (i < n && !is_blank(s[i]))
		i++;
	while (i < n && is_blank(s[i]))
		i++;
	if (n - i < 3 || (n - i > 3 && !is_blank(s[i + 3])))
		return -1;
	long code = 0;
	for (size_t k = i; k < i + 3; k++) {
		if (s[k] < '0' || s[k] > '9')
			return -1;
		code = code * 10 + (s[k] - '0');
	}
	return code >= 100 ? code : -1;
}

/* Replaces *field with v[0..n) when it is printable and short enough;
 * a value that is not leaves the field empty (the last header wins). */
static void keep(char **field, const char *v, size_t n, size_t max, bool blanks)
{
	free(*field);
	*field = n && n <= max && printable(v, n, blanks) ? xstrndup(v, n) : NULL;
}

static char *lower(char *s)
{
	for (char *p = s; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* A charset name: RFC 2978's mime-charset characters. */
static bool charset_chars(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "0123456789!#$%&'+-^_`{}~.:", s[i]) || !s[i])
			return false;
	return n > 0;
}

/* The charset parameter of a Content-Type's parameters p[0..n)
 * ("; charset=UTF-8", "; charset=\"utf-8\""). */
static void read_charset(struct http_meta *m, const char *p, size_t n)
{
	const char *end = p + n;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (!semi)
			return;
		p = semi + 1;
		while (p < end && is_blank(*p))
			p++;
		if (end - p < 8 || strncasecmp(p, "charset=", 8) != 0)
			continue;
		p += 8;
		const char *v = p;
		bool quoted = p < end && *p == '"';
		if (quoted)
			v = ++p;
		while (p < end && (quoted ? *p != '"' : *p != ';' && !is_blank(*p)))
			p++;
		size_t len = (size_t)(p - v);
		free(m->charset);
		m->charset = (!quoted || p < end) && len <= CHARSET_MAX && charset_chars(v, len)
			   ? lower(xstrndup(v, len)) : NULL;
		return;
	}
}

static void read_content_type(struct http_meta *m, const char *v, size_t n)
{
	size_t t = 0;
	while (t < n && v[t] != ';' && !is_blank(v[t]))
		t++;
	keep(&m->media_type, v, t, MEDIA_TYPE_MAX, false);
	lower(m->media_type);
	free(m->charset);
	m->charset = NULL;
	read_charset(m, v + t, n - t);
}

static void read_length(struct http_meta *m, const char *v, size_t n)
{
	long long len = 0;
	if (n == 0 || n > 18)
		len = -1;
	for (size_t i = 0; i < n && len >= 0; i++)
		len = v[i] >= '0' && v[i] <= '9' ? len * 10 + (v[i] - '0') : -1;
	m->content_length = len;
}

/* "Name: value" with the value's outer blanks removed. */
static void read_field(struct http_meta *m, const char *s, size_t n)
{
	const char *colon = memchr(s, ':', n);
	if (!colon)
		return;
	size_t nlen = (size_t)(colon - s);
	const char *v = colon + 1, *end = s + n;
	while (v < end && is_blank(*v))
		v++;
	while (end > v && is_blank(end[-1]))
		end--;
	size_t vlen = (size_t)(end - v);
#define NAME_IS(lit) (nlen == sizeof lit - 1 && strncasecmp(s, lit, nlen) == 0)
	if (NAME_IS("etag"))
		keep(&m->etag, v, vlen, HTTP_VALIDATOR_MAX, false);
	else if (NAME_IS("last-modified"))
		keep(&m->last_modified, v, vlen, HTTP_VALIDATOR_MAX, true);
	else if (NAME_IS("content-type"))
		read_content_type(m, v, vlen);
	else if (NAME_IS("location"))
		keep(&m->location, v, vlen, 8192, false);
	else if (NAME_IS("content-length"))
		read_length(m, v, vlen);
#undef NAME_IS
}

int http_meta_line(struct http_meta *m, const char *s, size_t n)
{
	if (n > HTTP_HEADERS_MAX - m->bytes)
		return -1;
	m->bytes += n;
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	long code = status_code(s, n);
	if (code > 0) {
		clear_response(m);
		m->status = code;
		if (!m->responses++)
			m->first_status = code;
		return 0;
	}
	if (n && !is_blank(s[0]))	/* a folded line continues the previous */
		read_field(m, s, n);
	return 0;
}
