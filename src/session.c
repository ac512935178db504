/* session.c: the open archive of one reader session and its hand-over
 * with the background refresh (loader.c); the reader's marks. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "buf.h"
#include "loader.h"
#include "session.h"

/* Per article: its thread and how many related stories it has, for the
 * list's count column and grouping by thread. */
static void index_threads(struct session *s)
{
	size_t n = s->store->n;
	struct related_hit hit[RELATED_MAX];
	free(s->thread_of);
	free(s->nrelated);
	s->thread_of = xcalloc(n + 1, sizeof *s->thread_of);
	s->nrelated = xcalloc(n + 1, sizeof *s->nrelated);
	for (size_t i = 0; i < n; i++) {
		s->thread_of[i] = archive_thread_of(s->arc, i);
		s->nrelated[i] = archive_related(s->arc, i, hit, RELATED_MAX);
	}
}

/* The shells the loader fills: on the heap, so the archive's pointer to
 * its store stays good when the session takes them. */
static void update_init(struct session_update *u)
{
	memset(u, 0, sizeof *u);
	u->store = xcalloc(1, sizeof *u->store);
	u->arc = xcalloc(1, sizeof *u->arc);
}

/* Frees the shells the loader left empty. */
static void update_free_shells(struct session_update *u)
{
	free(u->store);
	free(u->arc);
	u->store = NULL;
	u->arc = NULL;
}

/* An archive, its store and the connection it reads go together. */
static void close_archive(struct cache *c, struct store *st, struct archive *a)
{
	archive_free(a);
	store_close(st);
	cache_close(c);
	free(a);
	free(st);
}

void session_drop(struct session_update *u)
{
	close_archive(u->cache, u->store, u->arc);
	memset(u, 0, sizeof *u);
}

static bool same_articles(const struct store *a, const struct store *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->art[i].id, b->art[i].id) != 0)
			return false;
	return true;
}

void session_take(struct session *s, struct session_update *u)
{
	close_archive(s->cache, s->store, s->arc);
	s->cache = u->cache;
	s->store = u->store;
	s->arc = u->arc;
	u->cache = NULL;
	u->store = NULL;
	u->arc = NULL;
	index_threads(s);
}

/* The whole cached list, loaded after the first screen. */
static int take_loaded(struct session *s, struct session_update *u)
{
	update_init(u);
	if (loader_take_loaded(s->loader, &u->cache, u->store, u->arc) != 0) {
		update_free_shells(u);
		return 0;
	}
	u->same = same_articles(s->store, u->store);
	return 1;
}

/* The refresh is over: its archive when anything changed. */
static int take_finished(struct session *s, struct session_update *u,
			 struct diag *d)
{
	update_init(u);
	int r = loader_finish(s->loader, &u->cache, u->store, u->arc, &u->st, d);
	s->loader = NULL;
	if (r != 1) {
		update_free_shells(u);
		return r < 0 ? -1 : 0;
	}
	u->same = same_articles(s->store, u->store);
	/* a first build has nothing to announce */
	u->announce = s->store->n && !s->first_build &&
		      (u->st.added || u->st.removed || u->st.changed);
	s->first_build = false;
	return 1;
}

void session_reload(struct session *s)
{
	if (s->loader)
		s->reread = true;
	else
		s->loader = loader_start(s->store->dir, false);
}

int session_poll(struct session *s, struct session_update *u, struct diag *d)
{
	memset(u, 0, sizeof *u);
	if (!s->loader)
		return 0;
	if (loader_loaded(s->loader) && take_loaded(s, u))
		return 1;
	if (!loader_done(s->loader))
		return 0;
	int r = take_finished(s, u, d);
	if (s->reread) {	/* a reload asked meanwhile: one more refresh */
		s->reread = false;
		s->loader = loader_start(s->store->dir, false);
	}
	return r;
}

/* Nothing cached: the folder itself must at least be readable. */
static int check_folder(const char *dir, struct diag *d)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		diag_add(d, dir, 0, "cannot open folder: %s", strerror(errno));
		return -1;
	}
	closedir(dp);
	return 0;
}

/* Paints from the cache: the store and archive as cached (no file read),
 * then a loader brings the cache up to date in the background. */
int session_open(struct session *s, const char *dir, enum store_sort sort,
		 size_t rows, struct diag *d)
{
	memset(s, 0, sizeof *s);
	s->store = xcalloc(1, sizeof *s->store);
	s->arc = xcalloc(1, sizeof *s->arc);
	cache_open(&s->cache, dir, d);
	bool cached = cache_load_first(s->cache, s->store, sort, rows, d) == 0;
	if (!cached) {
		store_close(s->store);
		store_init(s->store, dir);
	}
	archive_init(s->arc, s->store, d);
	if (!s->store->n && check_folder(dir, d) != 0) {
		session_close(s);
		return -1;
	}
	index_threads(s);
	/* nothing cached: the files' front matter first, then the build */
	s->first_build = !cached;
	s->loader = loader_start(dir, !cached || s->store->n);
	/* a small first build is done in a blink: show its result rather
	 * than an empty list; a large one shows progress instead */
	for (int i = 0; i < 50 && !s->store->n && !loader_done(s->loader); i++)
		usleep(10000);
	struct session_update u;
	if (!s->store->n && loader_done(s->loader) && take_finished(s, &u, d) > 0)
		session_take(s, &u);
	s->state = state_open(s->store->dir, d);
	return 0;
}

void session_close(struct session *s)
{
	struct session_update u;
	struct diag d = DIAG_INIT;	/* too late to tell anyone */
	if (s->loader && take_finished(s, &u, &d) > 0)
		session_drop(&u);	/* let a first build finish its transaction */
	diag_free(&d);
	state_close(s->state);
	close_archive(s->cache, s->store, s->arc);
	free(s->thread_of);
	free(s->nrelated);
	memset(s, 0, sizeof *s);
}

bool session_refreshing(const struct session *s)
{
	return s->loader != NULL;
}

bool session_progress(const struct session *s, const char **stage,
		      size_t *done, size_t *total)
{
	if (!s->loader)
		return false;
	loader_progress(s->loader, stage, done, total);
	return true;
}

bool session_mark(const struct session *s, const char *id, enum session_mark m)
{
	return m == SESSION_READ ? state_read(s->state, id) : state_flagged(s->state, id);
}

int session_set_mark(struct session *s, const char *id, enum session_mark m,
		     bool on, struct diag *d)
{
	if (session_mark(s, id, m) == on)
		return 0;
	if (m == SESSION_READ)
		state_set_read(s->state, id, on);
	else
		state_set_flag(s->state, id, on);
	return session_save(s, d);
}

int session_save(struct session *s, struct diag *d)
{
	return state_save(s->state, d);
}
