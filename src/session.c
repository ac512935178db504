/* session.c: the open archive of one reader session and its hand-over
 * with the background refresh (loader.c); the reader's marks. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "loader.h"
#include "session.h"

/* While a refresh runs, the key loop looks at its progress this often. */
#define SESSION_PROGRESS_MS 100

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Per article: its story thread and how many articles that has, for the
 * list's Story column and grouping by thread. */
static void index_threads(struct session *s)
{
	size_t n = s->store->n, most = 0;
	free(s->thread_of);
	free(s->thread_size);
	s->thread_of = xcalloc(n + 1, sizeof *s->thread_of);
	s->thread_size = xcalloc(n + 1, sizeof *s->thread_size);
	for (size_t i = 0; i < n; i++) {
		s->thread_of[i] = archive_thread_of(s->arc, i);
		if (s->thread_of[i] != (size_t)-1 && s->thread_of[i] > most)
			most = s->thread_of[i];
	}
	/* no thread known (not analysed yet): a story of its own */
	size_t *members = xcalloc(most + 2, sizeof *members);
	for (size_t i = 0; i < n; i++)
		if (s->thread_of[i] != (size_t)-1)
			members[s->thread_of[i]]++;
	for (size_t i = 0; i < n; i++)
		s->thread_size[i] = s->thread_of[i] == (size_t)-1 ? 1 : members[s->thread_of[i]];
	free(members);
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
	s->generation++;
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
	/* the refreshed store (taken next), or the whole cached one */
	s->scanned = r == 1 || (r == 0 && cache_rows_loaded(s->cache));
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

int session_poll(struct session *s, struct session_update *u, struct diag *d)
{
	memset(u, 0, sizeof *u);
	if (!s->loader && s->again) {
		s->again = false;
		s->loader = loader_start(s->dir, false);
	}
	if (!s->loader)
		return 0;
	if (loader_loaded(s->loader) && take_loaded(s, u))
		return 1;
	if (!loader_done(s->loader))
		return 0;
	return take_finished(s, u, d);
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
	s->dir = xstrdup(dir);
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

static void forget_undo(struct session *s)
{
	for (size_t i = 0; i < s->nundo; i++)
		free(s->undo[i]);
	free(s->undo);
	s->undo = NULL;
	s->nundo = 0;
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
	free(s->thread_size);
	watch_close(s->watch);
	forget_undo(s);
	free(s->dir);
	memset(s, 0, sizeof *s);
}

bool session_refreshing(const struct session *s)
{
	return s->loader != NULL || s->again;
}

void session_reload(struct session *s)
{
	if (s->loader)
		s->again = true;
	else
		s->loader = loader_start(s->dir, false);
}

void session_watch(struct session *s, enum watch_mode mode)
{
	watch_close(s->watch);
	s->watch = mode == WATCH_OFF ? NULL : watch_open(s->dir, mode, now_ms());
}

int session_wait(const struct session *s, int *fd)
{
	*fd = watch_fd(s->watch);
	if (session_refreshing(s))
		return SESSION_PROGRESS_MS;
	long long ms = watch_timeout(s->watch, now_ms());
	return ms < 0 ? -1 : ms > 60000 ? 60000 : (int)ms;
}

void session_tick(struct session *s)
{
	if (watch_check(s->watch, now_ms()))
		session_reload(s);
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

/* An article with marks is still there: in the store, or its file is
 * (unreadable this time, or of a name the store spells otherwise). */
static bool still_there(void *ctx, const char *id)
{
	const struct store *st = ctx;
	if (store_find(st, id) >= 0)
		return true;
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/%s.md", st->dir, id);
	struct stat sb;
	bool there = !strchr(id, '/') && lstat(path.data, &sb) == 0;
	buf_free(&path);
	return there;
}

int session_catch_up(struct session *s, const char *const *ids, size_t n,
		     size_t *marked, struct diag *d)
{
	forget_undo(s);
	s->undo = xcalloc(n + 1, sizeof *s->undo);
	for (size_t i = 0; i < n; i++)
		if (!state_read(s->state, ids[i])) {
			state_set_read(s->state, ids[i], true);
			s->undo[s->nundo++] = xstrdup(ids[i]);
		}
	*marked = s->nundo;
	return session_save(s, d);
}

int session_undo_catch_up(struct session *s, size_t *restored, struct diag *d)
{
	*restored = s->nundo;
	for (size_t i = 0; i < s->nundo; i++)
		state_set_read(s->state, s->undo[i], false);
	forget_undo(s);
	return session_save(s, d);
}

int session_save(struct session *s, struct diag *d)
{
	if (s->scanned && !s->pruned && !s->loader) {
		state_prune(s->state, still_there, s->store);
		s->pruned = true;
	}
	return state_save(s->state, d);
}
