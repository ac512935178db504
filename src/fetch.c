/* fetch.c: many HTTP(S) downloads at once on one libcurl multi handle
 * (shared connections and DNS cache). Downloads wait in filo's own queue
 * until a slot is free, not in curl's: a download's timeout then counts
 * from its own start, never from the time it spent waiting. */
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <curl/curl.h>
#include "fetch.h"

#define ACCEPT "Accept: application/rss+xml, application/atom+xml, " \
	"application/feed+json, application/xml;q=0.9, text/xml;q=0.9, " \
	"application/json;q=0.8, text/html;q=0.8, */*;q=0.5"

struct job {
	struct fetch *f;
	char *url;
	char host[256];		/* lower case, for the per-host cap */
	CURL *easy;
	struct curl_slist *headers;
	bool conditional;
	bool too_large, headers_too_large;
	char errbuf[CURL_ERROR_SIZE];
	struct fetch_result res;
};

struct fetch {
	CURLM *multi;
	struct fetch_options o;
	fetch_done_fn done;
	void *ctx;
	struct job **queue;	/* waiting, first come first served */
	size_t nqueue, qcap;
	struct job **active;	/* o.parallel slots; NULL when free */
	size_t nactive;
	atomic_bool cancelled;
	char ua[48];
};

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_init_code;

static void curl_init(void)
{
	curl_init_code = curl_global_init(CURL_GLOBAL_DEFAULT);
}

void fetch_options_default(struct fetch_options *o)
{
	o->timeout = FETCH_TIMEOUT;
	o->connect_timeout = FETCH_CONNECT_TIMEOUT;
	o->max_size = FETCH_MAX_SIZE;
	o->max_redirects = FETCH_MAX_REDIRECTS;
	o->parallel = FETCH_PARALLEL;
	o->per_host = FETCH_PER_HOST;
	o->user_agent = NULL;
}

char *fetch_size_text(size_t n, char *out)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		snprintf(out, 24, "%zu MiB", n >> 20);
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(out, 24, "%zu KiB", n >> 10);
	else
		snprintf(out, 24, "%zu bytes", n);
	return out;
}

struct fetch *fetch_new(const struct fetch_options *o, fetch_done_fn done, void *ctx)
{
	pthread_once(&curl_once, curl_init);
	if (curl_init_code != CURLE_OK)
		return NULL;
	struct fetch *f = xcalloc(1, sizeof *f);
	f->multi = curl_multi_init();
	if (!f->multi) {
		free(f);
		return NULL;
	}
	f->o = *o;
	if (f->o.parallel < 1)
		f->o.parallel = 1;
	if (f->o.per_host < 1)
		f->o.per_host = 1;
	if (f->o.connect_timeout > f->o.timeout)
		f->o.connect_timeout = f->o.timeout;
	f->active = xcalloc((size_t)f->o.parallel, sizeof *f->active);
	f->done = done;
	f->ctx = ctx;
	atomic_init(&f->cancelled, false);
	snprintf(f->ua, sizeof f->ua, "filo/%s", FILO_VERSION);
	return f;
}

/* The host part of url, lower case ("" when there is none). */
static void host_of(const char *url, char *host, size_t size)
{
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url;
	size_t n = strcspn(p, "/?#");
	const char *at = memchr(p, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		host[i] = (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] - 'A' + 'a') : p[i];
	host[n] = '\0';
}

static struct curl_slist *add_header(struct curl_slist *l, const char *name,
				     const char *value)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s: %s", name, value);
	struct curl_slist *r = curl_slist_append(l, b.data);
	buf_free(&b);
	return r ? r : l;
}

void fetch_add(struct fetch *f, const char *url, const char *etag,
	       const char *last_modified, void *user)
{
	struct job *j = xcalloc(1, sizeof *j);
	j->f = f;
	j->url = xstrdup(url);
	host_of(url, j->host, sizeof j->host);
	j->res.url = j->url;
	j->res.user = user;
	http_meta_init(&j->res.meta);
	j->headers = curl_slist_append(NULL, ACCEPT);
	if (etag && *etag)
		j->headers = add_header(j->headers, "If-None-Match", etag);
	if (last_modified && *last_modified)
		j->headers = add_header(j->headers, "If-Modified-Since", last_modified);
	j->conditional = (etag && *etag) || (last_modified && *last_modified);
	f->queue = xgrow(f->queue, &f->qcap, f->nqueue + 1, sizeof *f->queue);
	f->queue[f->nqueue++] = j;
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = size * n;
	if (len > j->f->o.max_size - j->res.body.len) {
		j->too_large = true;
		return 0;	/* stops the download: CURLE_WRITE_ERROR */
	}
	buf_add(&j->res.body, data, len);
	return len;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
	struct job *j = arg;
	size_t len = size * n;
	if (http_meta_line(&j->res.meta, data, len) < 0) {
		j->headers_too_large = true;
		return 0;
	}
	return len;
}

static CURL *make_easy(struct fetch *f, struct job *j)
{
	CURL *e = curl_easy_init();
	if (!e)
		return NULL;
	curl_easy_setopt(e, CURLOPT_URL, j->url);
	curl_easy_setopt(e, CURLOPT_PRIVATE, j);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(e, CURLOPT_MAXREDIRS, f->o.max_redirects);
	curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(e, CURLOPT_TIMEOUT, f->o.timeout);
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, f->o.connect_timeout);
	curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->o.max_size);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_PIPEWAIT, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, f->o.user_agent ? f->o.user_agent : f->ua);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, j->headers);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, j->errbuf);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, j);
	curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(e, CURLOPT_HEADERDATA, j);
	return e;
}

static void free_job(struct job *j)
{
	if (j->easy)
		curl_easy_cleanup(j->easy);
	curl_slist_free_all(j->headers);
	free(j->url);
	free(j->res.final_url);
	free(j->res.moved_to);
	free(j->res.error);
	buf_free(&j->res.body);
	http_meta_free(&j->res.meta);
	free(j);
}

/* Hands the result to the caller and forgets the download. */
static void finish(struct fetch *f, struct job *j)
{
	if (!j->res.final_url)
		j->res.final_url = xstrdup(j->url);
	if (j->res.outcome != FETCH_OK)
		buf_free(&j->res.body);
	if (f->done)
		f->done(f->ctx, &j->res);
	free_job(j);
}

static void fail(struct job *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void fail(struct job *j, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(j->res.error);
	j->res.error = xvasprintf(fmt, ap);
	va_end(ap);
	j->res.outcome = FETCH_FAILED;
}

/* curl's own words for code: its error buffer, else its strerror. */
static const char *curl_words(const struct job *j, CURLcode code)
{
	return j->errbuf[0] ? j->errbuf : curl_easy_strerror(code);
}

/* A transfer error in filo's words. */
static void describe_curl_error(struct fetch *f, struct job *j, CURLcode code)
{
	char size[24];
	double connect = 0;
	curl_easy_getinfo(j->easy, CURLINFO_CONNECT_TIME, &connect);
	switch (code) {
	case CURLE_OPERATION_TIMEDOUT:
		if (connect > 0)
			fail(j, "timed out after %ld s", f->o.timeout);
		else
			fail(j, "could not connect within %ld s", f->o.connect_timeout);
		break;
	case CURLE_FILESIZE_EXCEEDED:
		fail(j, "larger than %s (download stopped)", fetch_size_text(f->o.max_size, size));
		break;
	case CURLE_WRITE_ERROR:
		if (j->headers_too_large)
			fail(j, "headers larger than %s (download stopped)",
			     fetch_size_text(HTTP_HEADERS_MAX, size));
		else if (j->too_large)
			fail(j, "larger than %s (download stopped)", fetch_size_text(f->o.max_size, size));
		else
			fail(j, "%s", curl_words(j, code));
		break;
	case CURLE_TOO_MANY_REDIRECTS:
		fail(j, "more than %ld redirects", f->o.max_redirects);
		break;
	case CURLE_UNSUPPORTED_PROTOCOL:
		fail(j, j->res.meta.responses ? "redirected to a scheme other than http or https (refused)"
					      : "not an http or https URL");
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
		fail(j, "cannot find the host '%s'", j->host);
		break;
	default:
		fail(j, "%s", curl_words(j, code));
	}
}

/* The outcome of a transfer that ended with code. */
static void describe(struct fetch *f, struct job *j, CURLcode code)
{
	long status = 0;
	char *eff = NULL;
	curl_easy_getinfo(j->easy, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_getinfo(j->easy, CURLINFO_EFFECTIVE_URL, &eff);
	curl_easy_getinfo(j->easy, CURLINFO_TOTAL_TIME, &j->res.seconds);
	j->res.final_url = xstrdup(eff ? eff : j->url);
	const struct http_meta *m = &j->res.meta;
	if ((m->first_status == 301 || m->first_status == 308) && m->responses > 1 &&
	    strcmp(j->res.final_url, j->url) != 0)
		j->res.moved_to = xstrdup(j->res.final_url);
	if (code != CURLE_OK)
		describe_curl_error(f, j, code);
	else if (status == 304 && j->conditional)
		j->res.outcome = FETCH_NOT_MODIFIED;
	else if (status == 204)
		fail(j, "HTTP 204 (no content)");
	else if (status >= 200 && status < 300)
		j->res.outcome = FETCH_OK;
	else if (status >= 300 && status < 400)
		fail(j, "HTTP %ld (a redirect without a usable Location)", status);
	else
		fail(j, "HTTP %ld", status);
}

/* Is another download from host allowed now? */
static bool host_free(const struct fetch *f, const char *host)
{
	long n = 0;
	for (long i = 0; i < f->o.parallel; i++)
		n += f->active[i] && strcmp(f->active[i]->host, host) == 0;
	return n < f->o.per_host;
}

/* Moves waiting downloads into free slots, in order, skipping those whose
 * host is at its cap. */
static void start_more(struct fetch *f)
{
	for (size_t q = 0; q < f->nqueue && f->nactive < (size_t)f->o.parallel;) {
		struct job *j = f->queue[q];
		if (!host_free(f, j->host)) {
			q++;
			continue;
		}
		memmove(&f->queue[q], &f->queue[q + 1], (f->nqueue - q - 1) * sizeof *f->queue);
		f->nqueue--;
		j->easy = make_easy(f, j);
		if (!j->easy || curl_multi_add_handle(f->multi, j->easy) != CURLM_OK) {
			fail(j, "cannot start the download (out of memory)");
			finish(f, j);
			continue;
		}
		long slot = 0;
		while (f->active[slot])
			slot++;
		f->active[slot] = j;
		f->nactive++;
	}
}

static void take_slot(struct fetch *f, struct job *j)
{
	for (long i = 0; i < f->o.parallel; i++)
		if (f->active[i] == j)
			f->active[i] = NULL;
	f->nactive--;
	curl_multi_remove_handle(f->multi, j->easy);
}

/* Ends every download as cancelled. */
static void cancel_all(struct fetch *f)
{
	for (long i = 0; i < f->o.parallel; i++) {
		struct job *j = f->active[i];
		if (!j)
			continue;
		take_slot(f, j);
		fail(j, "cancelled");
		finish(f, j);
	}
	while (f->nqueue) {
		struct job *j = f->queue[--f->nqueue];
		fail(j, "cancelled");
		finish(f, j);
	}
}

/* Finishes the downloads curl says are done; returns how many. */
static int collect(struct fetch *f)
{
	int n = 0, left;
	CURLMsg *msg;
	while ((msg = curl_multi_info_read(f->multi, &left))) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		char *priv = NULL;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &priv);
		struct job *j = (struct job *)(void *)priv;
		CURLcode code = msg->data.result;
		take_slot(f, j);
		describe(f, j, code);
		finish(f, j);
		n++;
	}
	return n;
}

int fetch_run(struct fetch *f)
{
	while (f->nactive || f->nqueue) {
		if (atomic_load(&f->cancelled)) {
			cancel_all(f);
			return -1;
		}
		start_more(f);
		int running;
		curl_multi_perform(f->multi, &running);
		if (collect(f) == 0 && f->nactive)
			curl_multi_poll(f->multi, NULL, 0, 1000, NULL);
	}
	return atomic_load(&f->cancelled) ? -1 : 0;
}

void fetch_cancel(struct fetch *f)
{
	atomic_store(&f->cancelled, true);
	curl_multi_wakeup(f->multi);
}

void fetch_free(struct fetch *f)
{
	if (!f)
		return;
	for (long i = 0; i < f->o.parallel; i++)
		if (f->active[i]) {
			curl_multi_remove_handle(f->multi, f->active[i]->easy);
			free_job(f->active[i]);
		}
	for (size_t q = 0; q < f->nqueue; q++)
		free_job(f->queue[q]);
	free(f->queue);
	free(f->active);
	curl_multi_cleanup(f->multi);
	free(f);
}
