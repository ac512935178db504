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

static void *run(void *arg)
{
	struct loader *l = arg;
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

struct loader *loader_start(const char *dir)
{
	struct loader *l = xcalloc(1, sizeof *l);
	l->dir = xstrdup(dir);
	atomic_store(&l->stage, "checking");
	if (pthread_create(&l->thread, NULL, run, l) != 0) {
		fputs("filo: cannot start a thread\n", stderr);
		abort();
	}
	return l;
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
