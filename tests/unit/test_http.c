/* test_http.c: response header lines as libcurl hands them over: status
 * lines across redirects, validators, media type and charset, and the
 * values refused because they could not be sent back or printed. */
#include "t.h"
#include "http.h"

/* Feeds each string of lines[] as one header line. */
static void feed(struct http_meta *m, const char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++)
		T_EQ_INT(http_meta_line(m, lines[i], strlen(lines[i])), 0);
}

#define FEED(m, ...) do { static const char *const l_[] = { __VA_ARGS__ }; \
	feed(m, l_, sizeof l_ / sizeof *l_); } while (0)

TEST(plain_response)
{
	struct http_meta m;
	http_meta_init(&m);
	T_EQ_INT(m.status, 0);
	T_EQ_INT(m.content_length, -1);
	FEED(&m, "HTTP/1.1 200 OK\r\n",
	     "Content-Type: application/rss+xml; charset=ISO-8859-1\r\n",
	     "ETag: \"33a64df5\"\r\n",
	     "last-modified:   Wed, 21 Oct 2015 07:28:00 GMT  \r\n",
	     "Content-Length: 1234\r\n",
	     "X-Other: whatever\r\n",
	     "\r\n");
	T_EQ_INT(m.status, 200);
	T_EQ_INT(m.first_status, 200);
	T_EQ_INT(m.responses, 1);
	T_EQ_STR(m.media_type, "application/rss+xml");
	T_EQ_STR(m.charset, "iso-8859-1");
	T_EQ_STR(m.etag, "\"33a64df5\"");
	T_EQ_STR(m.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
	T_EQ_INT(m.content_length, 1234);
	T_OK(m.location == NULL);
	http_meta_free(&m);
	T_OK(m.etag == NULL && m.status == 0);
}

/* Each status line starts a new response: what the redirect said is not
 * taken for the feed's own validators. */
TEST(redirect_chain)
{
	struct http_meta m;
	http_meta_init(&m);
	FEED(&m, "HTTP/1.1 301 Moved Permanently\r\n",
	     "Location: https://new.example/feed\r\n",
	     "ETag: \"of-the-redirect\"\r\n",
	     "\r\n",
	     "HTTP/2 200\r\n",
	     "content-type: text/xml\r\n",
	     "\r\n");
	T_EQ_INT(m.status, 200);
	T_EQ_INT(m.first_status, 301);
	T_EQ_INT(m.responses, 2);
	T_OK(m.etag == NULL);
	T_OK(m.location == NULL);
	T_EQ_STR(m.media_type, "text/xml");
	T_OK(m.charset == NULL);
	http_meta_free(&m);

	http_meta_init(&m);
	FEED(&m, "HTTP/1.1 302 Found\n", "Location: /other\n");
	T_EQ_INT(m.status, 302);
	T_EQ_STR(m.location, "/other");
	http_meta_free(&m);
}

TEST(content_type_forms)
{
	static const struct { const char *line, *type, *charset; } c[] = {
		{ "Content-Type: text/xml;charset=\"UTF-8\"", "text/xml", "utf-8" },
		{ "Content-Type: Application/Atom+XML ; Charset=windows-1252 ; q=1", "application/atom+xml", "windows-1252" },
		{ "Content-Type: text/html; foo=bar; charset=utf-8", "text/html", "utf-8" },
		{ "Content-Type: text/html; charset=", "text/html", NULL },
		{ "Content-Type: text/html; charset=\"unterminated", "text/html", NULL },
		{ "Content-Type: text/html; charset=ut\x1b" "f-8", "text/html", NULL },
		{ "Content-Type: text/html; charset=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "text/html", NULL },
		{ "Content-Type: text/\x01html", NULL, NULL },
		{ "Content-Type:", NULL, NULL },
	};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		struct http_meta m;
		http_meta_init(&m);
		T_EQ_INT(http_meta_line(&m, c[i].line, strlen(c[i].line)), 0);
		T_CHECK(c[i].type ? m.media_type && strcmp(m.media_type, c[i].type) == 0
				  : m.media_type == NULL, "%zu: type %s", i, m.media_type ? m.media_type : "(null)");
		T_CHECK(c[i].charset ? m.charset && strcmp(m.charset, c[i].charset) == 0
				     : m.charset == NULL, "%zu: charset %s", i, m.charset ? m.charset : "(null)");
		http_meta_free(&m);
	}
}

/* A validator is sent back in the next request: a CR, LF or any control
 * would be a header injection, so such values are not kept at all. */
TEST(unusable_values)
{
	struct http_meta m;
	http_meta_init(&m);
	static const char nul_etag[] = "ETag: \"a\0b\"";
	T_EQ_INT(http_meta_line(&m, nul_etag, sizeof nul_etag - 1), 0);
	T_OK(m.etag == NULL);
	FEED(&m, "ETag: \"x\r\nInjected: 1\"\r\n");
	T_OK(m.etag == NULL);
	FEED(&m, "ETag: \"with space\"", "Last-Modified: Wed,\x7f 21 Oct", "ETag: \"\xc3\xa9\"");
	T_OK(m.etag == NULL);
	T_OK(m.last_modified == NULL);
	FEED(&m, "ETag: W/\"weak-1\"", "ETag: \"second\"");	/* the last wins */
	T_EQ_STR(m.etag, "\"second\"");
	FEED(&m, "ETag: \"bad\x1b[2J\"");	/* and a bad last one clears it */
	T_OK(m.etag == NULL);
	FEED(&m, "Content-Length: 12x", "Content-Length: 99999999999999999999");
	T_EQ_INT(m.content_length, -1);
	FEED(&m, "Content-Length: -5");
	T_EQ_INT(m.content_length, -1);
	/* folded lines and lines without a colon are ignored */
	FEED(&m, " ETag: \"folded\"", "ETag \"no colon\"", "HTTP/1.1 2000 Too long", "HTTP/x");
	T_OK(m.etag == NULL);
	T_EQ_INT(m.status, 0);
	struct buf big = BUF_INIT;
	buf_adds(&big, "ETag: \"");
	for (int i = 0; i < HTTP_VALIDATOR_MAX; i++)
		buf_addc(&big, 'e');
	buf_adds(&big, "\"");
	T_EQ_INT(http_meta_line(&m, big.data, big.len), 0);
	T_OK(m.etag == NULL);
	buf_free(&big);
	http_meta_free(&m);
}

/* Huge headers: refused once they pass the cap in all, however split. */
TEST(header_cap)
{
	struct http_meta m;
	http_meta_init(&m);
	struct buf line = BUF_INIT;
	buf_adds(&line, "X-Junk: ");
	while (line.len < 1000)
		buf_addc(&line, 'j');
	buf_adds(&line, "\r\n");
	size_t ok = 0;
	while (http_meta_line(&m, line.data, line.len) == 0 && ok < 10000)
		ok++;
	T_EQ_INT(ok, HTTP_HEADERS_MAX / line.len);
	T_OK(m.bytes <= HTTP_HEADERS_MAX);
	size_t bytes = m.bytes;	/* a refused line counts nothing */
	T_EQ_INT(http_meta_line(&m, line.data, line.len), -1);
	T_EQ_INT(m.bytes, bytes);
	buf_free(&line);
	http_meta_free(&m);
}

T_MAIN(RUN(plain_response); RUN(redirect_chain); RUN(content_type_forms);
       RUN(unusable_values); RUN(header_cap))
