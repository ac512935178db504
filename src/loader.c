/* loader.c: the cache refresh in a background thread. The thread owns its
 * own SQLite connection (WAL lets the reader's connection go on reading) and
 * hands over a finished store and archive; nothing is shared while it runs
 * but the progress counters. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "loader.h"

struct loader {
	pthread_t thread;
	char *dir;
	atomic_bool done;
	atomic_size_t n, total;
	const char *_Atomic stage;
	/* the first load, when asked for */
	bool load;
	atomic_bool loaded;
	bool taken;
	int load_status;
	struct cache *c1;
	struct store s1;
	struct archive a1;
	/* results, valid once done */
	int status;
	struct cache *c;
	struct store s;
	struct archive a;
	struct cache_stats st;
	struct diag d;
};

static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct loader *l = ctx;
	atomic_store(&l->stage, stage);
	atomic_store(&l->n, done);
	atomic_store(&l->total, total);
}

/* The articles' front matter, when nothing is cached yet: no body is read
 * and nothing analysed, so that the list shows before a first build, which
 * a large folder or one large article makes long. Each article is a
 * thread of its own until the build has the stories. */
static int load_files(struct loader *l)
{
	atomic_store(&l->stage, "scanning");
	if (store_open(&l->s1, l->dir, NULL) != 0)
		return -1;
	archive_init(&l->a1, &l->s1, NULL);
	size_t n = l->s1.n;
	uint32_t *alone = xmalloc((n ? n : 1) * sizeof *alone);
	for (size_t i = 0; i < n; i++)
		alone[i] = (uint32_t)i;
	archive_set_threads(&l->a1, alone, n);
	free(alone);
	return 0;
}

/* The whole archive, cached, or else the files' front matter, on a
 * connection the reader then keeps. */
static void load_cached(struct loader *l)
{
	atomic_store(&l->stage, "loading");
	cache_open(&l->c1, l->dir, &l->d);
	l->load_status = cache_load(l->c1, &l->s1, &l->d);
	if (l->load_status == 0) {
		cache_load_archive(l->c1, &l->s1, &l->a1, &l->d);
	} else {
		store_close(&l->s1);
		l->load_status = load_files(l);
	}
	atomic_store(&l->loaded, true);
}

static void *run(void *arg)
{
	struct loader *l = arg;
	if (l->load)
		load_cached(l);
	atomic_store(&l->stage, "checking");
	cache_open(&l->c, l->dir, &l->d);
	l->status = cache_refresh(l->c, NULL, NULL, on_progress, l, &l->st, &l->d);
	if (l->status == 1) {
		atomic_store(&l->stage, "loading");
		if (cache_load(l->c, &l->s, &l->d) == 0)
			cache_load_archive(l->c, &l->s, &l->a, &l->d);
		else
			l->status = -1;
	}
	atomic_store(&l->done, true);
	return NULL;
}

struct loader *loader_start(const char *dir, bool load)
{
	struct loader *l = xcalloc(1, sizeof *l);
	l->dir = xstrdup(dir);
	l->load = load;
	atomic_store(&l->stage, "checking");
	if (pthread_create(&l->thread, NULL, run, l) != 0) {
		fputs("filo: cannot start a thread\n", stderr);	/* constant text */
		abort();
	}
	return l;
}

bool loader_loaded(const struct loader *l)
{
	return l->load && !l->taken && atomic_load(&l->loaded);
}

int loader_take_loaded(struct loader *l, struct cache **c, struct store *s,
		       struct archive *a)
{
	l->taken = true;
	if (l->load_status != 0) {
		store_close(&l->s1);
		cache_close(l->c1);
		return -1;
	}
	*c = l->c1;
	*s = l->s1;
	*a = l->a1;
	a->store = s;	/* the archive followed the store's move */
	return 0;
}

bool loader_done(const struct loader *l)
{
	return atomic_load(&l->done);
}

void loader_progress(const struct loader *l, const char **stage, size_t *done,
		     size_t *total)
{
	*stage = atomic_load(&l->stage);
	*done = atomic_load(&l->n);
	*total = atomic_load(&l->total);
}

int loader_finish(struct loader *l, struct cache **c, struct store *s,
		  struct archive *a, struct cache_stats *st, struct diag *d)
{
	pthread_join(l->thread, NULL);
	if (l->load && !l->taken) {	/* loaded but never taken: drop it */
		struct cache *c1;
		struct store s1;
		struct archive a1;
		if (loader_take_loaded(l, &c1, &s1, &a1) == 0) {
			archive_free(&a1);
			store_close(&s1);
			cache_close(c1);
		}
	}
	int status = l->status;
	if (status == 1) {
		*c = l->c;
		*s = l->s;
		*a = l->a;
		a->store = s;	/* the archive followed the store's move */
	} else {
		cache_close(l->c);
	}
	if (st)
		*st = l->st;
	diag_move(d, &l->d);
	free(l->dir);
	free(l);
	return status;
}
