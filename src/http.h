/* http.h: what filo reads from the headers of an HTTP response, one header
 * line at a time as libcurl hands them over: the status, the validators
 * for the next conditional request (ETag, Last-Modified), the media type
 * and charset, the redirect target and the announced length. Plain C, no
 * curl and no curses: fuzzed on its own. Every string kept is safe to send
 * back in a request header (no control character, no CR or LF) and to
 * print (printable ASCII only). */
#ifndef FILO_HTTP_H
#define FILO_HTTP_H

#include <stdbool.h>
#include <stddef.h>

/* Headers larger than this in all (every response of a redirect chain)
 * stop the transfer: a server that sends more is broken or hostile. */
#define HTTP_HEADERS_MAX (256u * 1024)
/* The longest validator kept; a longer one is dropped (no conditional
 * request next time, nothing else lost). */
#define HTTP_VALIDATOR_MAX 512

struct http_meta {
	long status;		/* of the latest status line; 0 before any */
	long first_status;	/* of the first one (a redirect's, say) */
	unsigned responses;	/* status lines seen: redirects, 100 Continue */
	size_t bytes;		/* header bytes seen in all */
	/* Of the latest response only (a new status line clears them);
	 * malloc'd, NULL when absent or unusable: */
	char *etag;		/* as sent, W/ and quotes kept: "\"abc\"" */
	char *last_modified;	/* as sent: "Wed, 21 Oct 2015 07:28:00 GMT" */
	char *media_type;	/* lower case, no parameters: "application/rss+xml" */
	char *charset;		/* Content-Type's charset, lower case: "iso-8859-1" */
	char *location;		/* a redirect's target, as sent */
	long long content_length;	/* -1 when absent or invalid */
};

void http_meta_init(struct http_meta *m);
void http_meta_free(struct http_meta *m);

/* Reads one header line, s[0..n) (need not be NUL-terminated; the CR LF
 * that ends it may be there or not). A status line ("HTTP/1.1 200 OK",
 * "HTTP/2 304") starts a new response; "Name: value" lines set the fields
 * above (names in any case, the last of a repeated header wins); folded
 * continuation lines, the blank line and anything else are ignored. Returns
 * 0, or -1 once the headers exceed HTTP_HEADERS_MAX bytes in all (the line
 * is then not read). */
int http_meta_line(struct http_meta *m, const char *s, size_t n);

#endif
