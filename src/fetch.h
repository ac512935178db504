/* fetch.h: downloads over HTTP and HTTPS with libcurl's multi interface:
 * many URLs at once (a cap in all and per host), conditional requests
 * (If-None-Match, If-Modified-Since), gzip/deflate/brotli/zstd, redirects
 * (a cap; http and https only, never file:// or another scheme), connect
 * and total timeouts, and a cap on the size of each body (decoded, so a
 * small compressed bomb is stopped too). Each download ends with a result
 * that says in words what went wrong. No curses, no printing.
 *
 * Use: f = fetch_new(&opt, done, ctx); fetch_add(f, url, ...) for each
 * URL; fetch_run(f) returns when every download (also those added by done
 * meanwhile) has ended, calling done once per download, in the thread that
 * runs fetch_run, as each ends; fetch_free(f). fetch_cancel may be called
 * from any thread. */
#ifndef FILO_FETCH_H
#define FILO_FETCH_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "http.h"

#define FETCH_TIMEOUT 20		/* seconds for a whole download */
#define FETCH_CONNECT_TIMEOUT 10	/* seconds to connect (at most the above) */
#define FETCH_MAX_SIZE (10u << 20)	/* bytes of a body, decoded */
#define FETCH_MAX_REDIRECTS 5
#define FETCH_PARALLEL 16		/* downloads at once in all */
#define FETCH_PER_HOST 6		/* downloads at once from one host */

struct fetch_options {
	long timeout;		/* seconds, >= 1 */
	long connect_timeout;	/* seconds, >= 1; at most timeout */
	size_t max_size;
	long max_redirects;
	long parallel, per_host;
	const char *user_agent;	/* NULL: "filo/VERSION" */
};

/* The defaults above. */
void fetch_options_default(struct fetch_options *o);

enum fetch_outcome {
	FETCH_OK,		/* a 2xx response with its body */
	FETCH_NOT_MODIFIED,	/* 304 to a conditional request */
	FETCH_FAILED		/* see error */
};

struct fetch_result {
	enum fetch_outcome outcome;
	const char *url;	/* as added */
	void *user;		/* as added */
	char *final_url;	/* where the body came from (malloc'd; the
				 * same as url without redirects) */
	/* When the first response was a permanent redirect (301 or 308), the
	 * address the feed now lives at (malloc'd), else NULL. */
	char *moved_to;
	struct buf body;	/* FETCH_OK: the body, decoded; done may take it */
	struct http_meta meta;	/* of the last response */
	/* FETCH_FAILED: why, without the URL (malloc'd): "HTTP 404", "timed
	 * out after 20 s", "larger than 10 MiB (download stopped)"... Made of
	 * filo's words, the status and curl's own messages; print it
	 * sanitised all the same. */
	char *error;
	double seconds;		/* the download's own time */
};

/* Called as each download ends; r is freed after it returns (take the
 * body with buf_detach to keep it). It may call fetch_add. */
typedef void (*fetch_done_fn)(void *ctx, struct fetch_result *r);

struct fetch;	/* opaque */

/* A set of downloads; NULL when libcurl cannot start (out of memory). */
struct fetch *fetch_new(const struct fetch_options *o, fetch_done_fn done, void *ctx);

/* Queues a download of url (copied). etag and last_modified (may be NULL)
 * make it conditional: a 304 then ends it as FETCH_NOT_MODIFIED. user is
 * handed back in the result. */
void fetch_add(struct fetch *f, const char *url, const char *etag,
	       const char *last_modified, void *user);

/* Runs every download queued (and queued meanwhile) to its end. Returns 0,
 * or -1 when cancelled (the downloads cut short end FETCH_FAILED,
 * "cancelled", and those not started end so too). */
int fetch_run(struct fetch *f);

/* Stops fetch_run soon; safe from another thread or a signal handler's
 * thread (not from the handler itself). */
void fetch_cancel(struct fetch *f);

void fetch_free(struct fetch *f);

/* "10 MiB", "512 KiB", "300 bytes": a size in words for messages; writes
 * to out (at least 24 bytes) and returns it. */
char *fetch_size_text(size_t n, char *out);

#endif
