/* update.c: filo fetch: downloads (fetch.c) handed to the importer as each
 * ends, so that parsing and writing overlap the downloads still running;
 * the feeds' validators and titles kept for next time (feedstate.c). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "article.h"
#include "buf.h"
#include "feed.h"
#include "feedstate.h"
#include "html.h"
#include "import.h"
#include "text.h"
#include "update.h"
#include "urls.h"
#include "xdg.h"

/* What a download is for: a feed (path NULL), or the page of one of its
 * new items (path: the item's article file). */
struct dl {
	struct update_feed *feed;
	char *path;
};

static struct dl *dl_new(struct update_feed *feed, const char *path)
{
	struct dl *x = xcalloc(1, sizeof *x);
	x->feed = feed;
	x->path = path ? xstrdup(path) : NULL;
	return x;
}

struct run {
	const struct urls *feeds;
	const struct update_options *o;
	struct update_report *r;
	struct feedstate *state;
	struct import_dir *dir;
	struct fetch *f;
	size_t done, total;	/* downloads */
};

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* s as one printable line (malloc'd). */
static char *clean(const char *s)
{
	size_t n;
	return text_sanitize(s, strlen(s), false, &n);
}

static void set_error(struct update_feed *uf, const char *msg)
{
	free(uf->error);
	uf->error = clean(msg);
	uf->state = UPDATE_FAILED;
}

/* ---- one feed downloaded ---- */

/* Why a body that is not a feed is not one, in words. */
static void not_a_feed(struct update_feed *uf, const struct fetch_result *res)
{
	const char *data = res->body.data ? res->body.data : "";
	size_t n = res->body.len, head = n < 4096 ? n : 4096;
	const char *what = html_sniff(data, n) ? "a web page"
			 : memchr(data, '\0', head) ? "binary data"
			 : n == 0 ? "an empty document"
			 : "neither RSS, Atom nor JSON Feed";
	struct buf b = BUF_INIT;
	buf_addf(&b, "not a feed: %s", what);
	if (res->meta.media_type)
		buf_addf(&b, " (%s)", res->meta.media_type);
	set_error(uf, b.data);
	buf_free(&b);
}

/* An importer message about the feed as a whole, "URL:12: what" or "URL:
 * what", as the feed's error: "line 12: what" or "what". */
static void import_error(struct update_feed *uf, const char *msg)
{
	size_t n = strlen(uf->url);
	struct buf b = BUF_INIT;
	if (strncmp(msg, uf->url, n) == 0 && msg[n] == ':') {
		msg += n + 1;
		size_t digits = strspn(msg, "0123456789");
		if (digits && msg[digits] == ':')
			buf_addf(&b, "line %.*s:", (int)digits, msg);
		else
			digits = 0;
		buf_adds(&b, msg + digits + (digits ? 1 : 0));
	} else {
		buf_adds(&b, msg);
	}
	const char *s = b.data;
	set_error(uf, s + strspn(s, " "));
	buf_free(&b);
}

static size_t count_words(const char *s, size_t n)
{
	size_t words = 0;
	bool in = false;
	for (size_t i = 0; i < n; i++) {
		bool blank = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
		words += !blank && !in;
		in = !blank;
	}
	return words;
}

/* The items of a feed that it gives only a summary of, by URL: a list of
 * their addresses. */
static size_t summary_items(const struct fetch_result *res, char ***urls)
{
	struct feed f;
	size_t n = 0, cap = 0;
	*urls = NULL;
	if (feed_parse(res->url, res->body.data, res->body.len, res->final_url, &f, NULL) == 0) {
		for (size_t i = 0; i < f.nitems; i++) {
			const struct feed_item *it = &f.items[i];
			if (!it->url[0] || (!it->summary_only &&
			    count_words(it->content, it->content_len) >= UPDATE_SUMMARY_WORDS))
				continue;
			*urls = xgrow(*urls, &cap, n + 1, sizeof **urls);
			(*urls)[n++] = xstrdup(it->url);
		}
	}
	feed_free(&f);
	return n;
}

/* With full: queues the page of each new article whose item the feed
 * gives only a summary of. */
static void queue_pages(struct run *run, struct update_feed *uf,
			const struct fetch_result *res, const struct import_result *ir)
{
	char **urls;
	size_t nurls = summary_items(res, &urls);
	for (size_t i = 0; i < ir->n && nurls; i++) {
		if (ir->files[i].status != IMPORT_NEW)
			continue;
		struct article a;
		if (article_load(&a, ir->files[i].path, false, NULL) != 0)
			continue;
		for (size_t k = 0; k < nurls; k++) {
			if (strcmp(urls[k], a.url) != 0)
				continue;
			fetch_add(run->f, a.url, NULL, NULL, dl_new(uf, ir->files[i].path));
			run->total++;
			break;
		}
		article_free(&a);
	}
	for (size_t k = 0; k < nurls; k++)
		free(urls[k]);
	free(urls);
}

static void count_import(struct update_feed *uf, const struct import_result *ir)
{
	for (size_t i = 0; i < ir->n; i++) {
		switch (ir->files[i].status) {
		case IMPORT_NEW: uf->added++; break;
		case IMPORT_UPDATED: uf->updated++; break;
		case IMPORT_UNCHANGED: uf->unchanged++; break;
		case IMPORT_KEPT: uf->kept++; break;
		}
	}
}

/* A feed's body through the importer; its validators and title kept when
 * every item was written, so that a feed half written is downloaded in
 * full next time. */
static void import_feed(struct run *run, struct update_feed *uf,
			const struct urls_feed *src, struct fetch_result *res)
{
	if (feed_sniff(res->body.data ? res->body.data : "", res->body.len) == FEED_NONE) {
		not_a_feed(uf, res);
		return;
	}
	struct import_options opt = {
		.outdir = run->o->dir, .dir = run->dir, .source = src->name,
		.url = res->final_url,
	};
	struct import_result ir = { 0 };
	struct diag d = DIAG_INIT;
	int rc = import_data(uf->url, res->body.data, res->body.len, &opt, &ir, &d);
	count_import(uf, &ir);
	if (rc != 0 && ir.n == 0 && d.n) {
		import_error(uf, d.msg[d.n - 1]);
		free(d.msg[--d.n]);
	} else if (rc != 0) {
		set_error(uf, "some items could not be written (see above)");
	} else {
		uf->state = UPDATE_IMPORTED;
		feedstate_set(run->state, uf->url, res->meta.etag, res->meta.last_modified);
		feedstate_set_title(run->state, uf->url, ir.feed_title);
	}
	if (!src->name && ir.feed_title && *ir.feed_title) {
		free(uf->name);
		uf->name = clean(ir.feed_title);
	}
	diag_move(&run->r->notes, &d);
	if (rc == 0 && run->o->full && uf->added)
		queue_pages(run, uf, res, &ir);
	import_result_free(&ir);
}

static void feed_done(struct run *run, struct update_feed *uf, struct fetch_result *res)
{
	const struct urls_feed *src = &run->feeds->feed[uf - run->r->feed];
	if (res->moved_to)
		uf->moved_to = clean(res->moved_to);
	if (res->outcome == FETCH_FAILED)
		set_error(uf, res->error);
	else if (res->outcome == FETCH_NOT_MODIFIED)
		uf->state = UPDATE_NOT_MODIFIED;
	else
		import_feed(run, uf, src, res);
}

/* ---- one page downloaded (full) ---- */

/* The page's main text as the body of the item's article at path, when it
 * says more than the feed's summary did: 1 written, 0 not needed, -1
 * failed (why in d). */
static int put_page(struct run *run, const char *path, struct article *page,
		    struct diag *d)
{
	struct article a;
	if (article_load(&a, path, true, d) != 0)
		return -1;
	int r = 0;
	if (count_words(page->body, page->body_len) > count_words(a.body, a.body_len)) {
		free(a.body);
		a.body = page->body;
		a.body_len = page->body_len;
		page->body = NULL;
		a.extra = xrealloc(a.extra, (a.nextra + 1) * sizeof *a.extra);
		a.extra[a.nextra++] = (struct article_field){ xstrdup(IMPORT_BODY_FROM_KEY),
							      xstrdup("page") };
		enum import_status st;
		r = import_dir_write(run->dir, &a, false, &st, NULL, d) == 0 &&
		    st == IMPORT_UPDATED ? 1 : -1;
	}
	article_free(&a);
	return r;
}

static void page_done(struct run *run, struct dl *p, struct fetch_result *res)
{
	struct diag d = DIAG_INIT;
	int r = -1;
	if (res->outcome != FETCH_OK) {
		diag_add(&d, res->url, 0, "%s (the feed's summary kept)", res->error);
	} else {
		struct article page;
		if (html_import(res->body.data ? res->body.data : "", res->body.len,
				res->meta.charset, res->final_url, &page, &d) == 0) {
			r = put_page(run, p->path, &page, &d);
			article_free(&page);
		}
	}
	p->feed->pages += r == 1;
	p->feed->pages_failed += r < 0;
	diag_move(&run->r->notes, &d);
}

static void on_done(void *ctx, struct fetch_result *res)
{
	struct run *run = ctx;
	struct dl *x = res->user;
	if (x->path)
		page_done(run, x, res);
	else
		feed_done(run, x->feed, res);
	free(x->path);
	free(x);
	run->done++;
	if (run->o->progress)
		run->o->progress(run->o->ctx, run->done, run->total);
}

/* ---- the run ---- */

/* Takes the lock of the folder's fetches, "state_path.lock": two at once
 * would race to write the same items. Returns its fd; -1 when another
 * fetch holds it; -2 when it cannot be made (errno set). */
static int take_lock(const char *state_path)
{
	struct buf lock = BUF_INIT;
	buf_addf(&lock, "%s.lock", state_path);
	char *slash = strrchr(lock.data, '/');
	if (slash) {
		*slash = '\0';
		xdg_mkdir_p(lock.data);
		*slash = '/';
	}
	int fd = open(lock.data, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int err = errno;
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		fd = -1;
	} else if (fd < 0) {
		fd = -2;
	}
	buf_free(&lock);
	errno = err;
	return fd;
}

/* The lock, and where the feed state is (path; "" when it is kept in
 * memory only): in the cache folder, else, when there is none or it
 * cannot be written, in the articles folder itself (".filo-fetch.lock"),
 * with every feed downloaded in full. Returns the lock's fd, or -1 (why
 * in d). */
static int lock_folder(const char *dir, struct buf *path, struct diag *notes,
		       struct diag *d)
{
	int fd = -2;
	if (feedstate_path_for_dir(dir, path) == 0 && (fd = take_lock(path->data)) == -2)
		diag_add(notes, path->data, 0, "cannot write: %s (every feed downloaded "
			 "in full)", strerror(errno));
	else if (fd == -2)
		diag_add(notes, "fetch", 0, "no cache folder ($XDG_CACHE_HOME, $HOME): "
			 "every feed downloaded in full");
	if (fd == -2) {
		buf_reset(path);
		buf_addf(path, "%s/.filo-fetch", dir);
		fd = take_lock(path->data);
		buf_reset(path);
	}
	if (fd == -1)
		diag_add(d, dir, 0, "another filo fetch into this folder is running (nothing fetched)");
	else if (fd == -2)
		diag_add(d, dir, 0, "cannot lock: %s (nothing fetched)", strerror(errno));
	return fd < 0 ? -1 : fd;
}

/* The report's feeds (r is zeroed but for its notes). */
static void report_init(struct update_report *r, const struct urls *feeds,
			const struct feedstate *state)
{
	r->feed = xcalloc(feeds->n ? feeds->n : 1, sizeof *r->feed);
	r->n = feeds->n;
	for (size_t i = 0; i < feeds->n; i++) {
		const struct urls_feed *f = &feeds->feed[i];
		const char *title = state ? feedstate_title(state, f->url) : NULL;
		r->feed[i].url = xstrdup(f->url);
		r->feed[i].line = f->line;
		r->feed[i].name = clean(f->name ? f->name : title ? title : f->url);
	}
}

static void report_sum(struct update_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct update_feed *f = &r->feed[i];
		if (f->state == UPDATE_WAITING && !f->error) {
			r->feed[i].error = xstrdup("cancelled");
			r->feed[i].state = UPDATE_FAILED;
		}
		r->failed += f->state == UPDATE_FAILED;
		r->not_modified += f->state == UPDATE_NOT_MODIFIED;
		r->added += f->added;
		r->updated += f->updated;
		r->unchanged += f->unchanged;
		r->kept += f->kept;
		r->pages += f->pages;
	}
}

/* Downloads and imports with the folder locked and opened. */
static void run_all(struct run *run)
{
	const struct urls *feeds = run->feeds;
	run->f = fetch_new(&run->o->fetch, on_done, run);
	if (!run->f) {
		for (size_t i = 0; i < feeds->n; i++)
			set_error(&run->r->feed[i], "cannot start libcurl");
		return;
	}
	if (run->o->started)
		run->o->started(run->o->ctx, run->f);
	for (size_t i = 0; i < feeds->n; i++) {
		const char *etag = NULL, *lm = NULL;
		feedstate_get(run->state, feeds->feed[i].url, &etag, &lm);
		fetch_add(run->f, feeds->feed[i].url, etag, lm, dl_new(&run->r->feed[i], NULL));
	}
	run->total = feeds->n;
	fetch_run(run->f);
	if (run->o->started)
		run->o->started(run->o->ctx, NULL);
	fetch_free(run->f);
	run->f = NULL;
}

int update_run(const struct urls *feeds, const struct update_options *o,
	       struct update_report *r, struct diag *d)
{
	double t0 = now();
	memset(r, 0, sizeof *r);
	if (mkdir(o->dir, 0777) != 0 && errno != EEXIST) {	/* as filo import does */
		diag_add(d, o->dir, 0, "cannot create the folder: %s (nothing fetched)", strerror(errno));
		return -1;
	}
	struct buf path = BUF_INIT;
	int lock = lock_folder(o->dir, &path, &r->notes, d);
	struct import_dir *dir = lock < 0 ? NULL : import_dir_open(o->dir, d);
	if (!dir) {
		if (lock >= 0)
			close(lock);
		buf_free(&path);
		diag_free(&r->notes);
		return -1;
	}
	bool have_state = path.len > 0;
	import_dir_batch(dir, true);	/* one flush to disk for the whole run */
	struct run run = { .feeds = feeds, .o = o, .r = r, .dir = dir };
	run.state = have_state ? feedstate_load(path.data, &r->notes) : feedstate_new();
	report_init(r, feeds, run.state);
	run_all(&run);
	/* the articles are on disk before the validators that say so */
	int synced = import_dir_sync(dir, &r->notes);
	if (have_state && synced == 0)
		feedstate_save(run.state, path.data, &r->notes);
	feedstate_free(run.state);
	import_dir_close(dir);
	close(lock);
	buf_free(&path);
	report_sum(r);
	r->seconds = now() - t0;
	return r->failed ? 1 : 0;
}

void update_report_free(struct update_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->feed[i].url);
		free(r->feed[i].name);
		free(r->feed[i].error);
		free(r->feed[i].moved_to);
	}
	free(r->feed);
	diag_free(&r->notes);
	memset(r, 0, sizeof *r);
}

/* ---- in a thread ---- */

struct update_job {
	pthread_t thread;
	struct urls feeds;		/* a copy */
	struct update_options o;
	char *dir;
	atomic_size_t done, total;
	atomic_bool finished;
	pthread_mutex_t lock;		/* guards f and cancelled */
	struct fetch *f;
	bool cancelled;
	struct update_report r;
	struct diag d;
	int rc;
};

static void job_progress(void *ctx, size_t done, size_t total)
{
	struct update_job *j = ctx;
	atomic_store(&j->done, done);
	atomic_store(&j->total, total);
}

static void job_started(void *ctx, struct fetch *f)
{
	struct update_job *j = ctx;
	pthread_mutex_lock(&j->lock);
	j->f = f;
	if (f && j->cancelled)
		fetch_cancel(f);
	pthread_mutex_unlock(&j->lock);
}

static void *job_main(void *arg)
{
	struct update_job *j = arg;
	atomic_store(&j->total, j->feeds.n);
	j->rc = update_run(&j->feeds, &j->o, &j->r, &j->d);
	atomic_store(&j->finished, true);
	return NULL;
}

static void copy_feeds(struct urls *to, const struct urls *from)
{
	memset(to, 0, sizeof *to);
	to->feed = xcalloc(from->n ? from->n : 1, sizeof *to->feed);
	to->n = to->cap = from->n;
	for (size_t i = 0; i < from->n; i++) {
		const struct urls_feed *s = &from->feed[i];
		struct urls_feed *t = &to->feed[i];
		t->url = xstrdup(s->url);
		t->name = s->name ? xstrdup(s->name) : NULL;
		t->line = s->line;
		t->tags = xcalloc(s->ntags ? s->ntags : 1, sizeof *t->tags);
		for (t->ntags = 0; t->ntags < s->ntags; t->ntags++)
			t->tags[t->ntags] = xstrdup(s->tags[t->ntags]);
	}
}

struct update_job *update_job_start(const struct urls *feeds,
				    const struct update_options *o)
{
	struct update_job *j = xcalloc(1, sizeof *j);
	copy_feeds(&j->feeds, feeds);
	j->o = *o;
	j->dir = xstrdup(o->dir);
	j->o.dir = j->dir;
	j->o.progress = job_progress;
	j->o.started = job_started;
	j->o.ctx = j;
	atomic_init(&j->done, 0);
	atomic_init(&j->total, feeds->n);
	atomic_init(&j->finished, false);
	pthread_mutex_init(&j->lock, NULL);
	if (pthread_create(&j->thread, NULL, job_main, j) != 0) {
		pthread_mutex_destroy(&j->lock);
		urls_free(&j->feeds);
		free(j->dir);
		free(j);
		return NULL;
	}
	return j;
}

bool update_job_progress(struct update_job *j, size_t *done, size_t *total)
{
	*done = atomic_load(&j->done);
	*total = atomic_load(&j->total);
	return atomic_load(&j->finished);
}

void update_job_cancel(struct update_job *j)
{
	pthread_mutex_lock(&j->lock);
	j->cancelled = true;
	if (j->f)
		fetch_cancel(j->f);
	pthread_mutex_unlock(&j->lock);
}

int update_job_finish(struct update_job *j, struct update_report *r, struct diag *d)
{
	pthread_join(j->thread, NULL);
	*r = j->r;
	diag_move(d, &j->d);
	int rc = j->rc;
	pthread_mutex_destroy(&j->lock);
	urls_free(&j->feeds);
	free(j->dir);
	free(j);
	return rc;
}
