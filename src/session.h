/* session.h: one reader session over an articles folder: the open archive
 * (the index cache connection, the store, its entities, related stories and
 * threads, and the per-article tables derived from them), the refresh that
 * brings it up to date in the background, and the reader's marks. One value
 * owns all of it, so that the archive is opened, replaced and closed by one
 * call each. Nothing here prints or knows curses: problems go to a struct
 * diag and news to a struct session_update, for the UI to tell.
 *
 *	session_open(&s, dir, sort, rows, &d);	paint s.store at once
 *	while (session_poll(&s, &u, &d) > 0)	in the key loop
 *		session_take(&s, &u);		after closing views, unless u.same
 *	session_close(&s);
 */
#ifndef FILO_SESSION_H
#define FILO_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include "archive.h"
#include "cache.h"
#include "diag.h"
#include "state.h"
#include "store.h"
#include "watch.h"

struct loader;

/* The views read these fields; only session.c changes them. store and arc
 * are replaced whole (by pointer) when the refresh brings a new archive, so
 * a pointer into them is good until the next session_take. */
struct session {
	struct store *store;	/* the articles, as loaded (owned) */
	struct archive *arc;	/* entities, related stories, threads of store */
	struct cache *cache;	/* the connection both read (search uses it) */
	size_t *thread_of;	/* per article: its story thread */
	size_t *thread_size;	/* per article: the articles of its thread */
	struct state *state;	/* read, flagged, reading positions: views
				   query it and set positions (state.h) */
	struct loader *loader;	/* the refresh under way, or NULL */
	bool scanned;		/* a refresh went through the whole folder and
				   store holds all of it: marks of articles
				   gone may be forgotten (at the next save) */
	bool pruned;		/* they were, this session */
	/* Bumped by every session_take: a view that keeps anything taken from
	 * the archive (related hits, entity indexes, article indexes) compares
	 * it with the value it saw and fetches them again when it differs.
	 * Only the store, the archive and the cache are replaced: marks and
	 * positions (state) stay. */
	unsigned long generation;
	char *dir;		/* the articles folder, as opened */
	struct watch *watch;	/* changes to the folder, or NULL */
	bool again;		/* refresh again once the one under way is over */
	char **undo;		/* ids the last catch-up marked read */
	size_t nundo;
	bool first_build;	/* nothing was cached: the list comes from the
				   files, and the build brings no news */
};

/* Opens dir: the first rows articles in sort order from the cache at once
 * (a few milliseconds whatever its size), then a refresh in the background
 * that loads the rest and checks the files; a small first build (nothing
 * cached) is waited for up to half a second, so that it shows complete.
 * Problems (damaged cache, bad articles, state file) go to d. Returns 0, or
 * -1 when the folder cannot be read and the cache knows nothing of it (the
 * last message of d says why; nothing is left to close). */
int session_open(struct session *s, const char *dir, enum store_sort sort,
		 size_t rows, struct diag *d);

/* Waits for a refresh under way (a first build finishes its transaction),
 * saves nothing, frees everything. */
void session_close(struct session *s);

/* A new archive from the refresh, to put in place of the open one. */
struct session_update {
	struct cache *cache;
	struct store *store;
	struct archive *arc;	/* points at store */
	bool same;		/* same articles in the same order as the open
				   store: article indexes held by views stay good */
	bool announce;		/* a refresh changed articles the reader already
				   had (not a first build): st says how many */
	struct cache_stats st;
};

/* Never blocks. Returns 1 when the refresh has a new archive ready in *u
 * (the whole cached list after the first screen, then the refreshed one),
 * to be taken with session_take (or dropped with session_drop) before the
 * next call; 0 when there is nothing (more) now; -1 when the refresh
 * failed (the folder cannot be read any more; message in d, the open
 * archive stays). Other problems it found also go to d. */
int session_poll(struct session *s, struct session_update *u, struct diag *d);
void session_take(struct session *s, struct session_update *u);
void session_drop(struct session_update *u);

/* Is a refresh under way or asked for (keep polling)? */
bool session_refreshing(const struct session *s);

/* Brings the archive up to date with the folder now, as at start: a
 * refresh in the background (or, when one is under way, another one after
 * it, since it may have scanned the folder before the change). Its result
 * comes through session_poll like any other. */
void session_reload(struct session *s);

/* The live folder: starts watching the folder for new, changed and
 * deleted articles (watch.h; WATCH_OFF stops). A change starts
 * session_reload by itself, from session_tick. */
void session_watch(struct session *s, enum watch_mode mode);

/* For the UI's key loop: how long it may wait for a key before calling
 * session_tick and session_poll again, in ms (-1: as long as it likes),
 * and in *fd a file descriptor whose being readable also ends the wait
 * (-1 for none). A refresh under way asks for 100 ms, for its progress. */
int session_wait(const struct session *s, int *fd);

/* Reads the watch and starts a refresh when the folder changed. Never
 * blocks. */
void session_tick(struct session *s);

/* The refresh's progress, for a status line: false when none is under way.
 * stage names it ("checking", "reading"...), done of total (0: unknown). */
bool session_progress(const struct session *s, const char **stage,
		      size_t *done, size_t *total);

/* The reader's marks of article id. Setting one saves the state at once
 * when it changed, so that a crash loses nothing: returns 0, or -1 when the
 * save failed (message in d; the mark holds in memory). */
enum session_mark { SESSION_READ, SESSION_FLAGGED };
bool session_mark(const struct session *s, const char *id, enum session_mark m);
int session_set_mark(struct session *s, const char *id, enum session_mark m,
		     bool on, struct diag *d);

/* Catch-up: marks the articles ids[0..n) read at once and saves. The ones
 * that were unread (their number in *marked) are remembered, so that
 * session_undo_catch_up makes them unread again. One level: a new catch-up
 * replaces what an undo would restore. Returns 0, or -1 when the save
 * failed (the marks hold in memory; message in d). */
int session_catch_up(struct session *s, const char *const *ids, size_t n,
		     size_t *marked, struct diag *d);

/* Makes the articles the last catch-up marked read unread again, and
 * forgets them (*restored: how many; 0 when there is nothing to undo).
 * Returns 0, or -1 when the save failed (message in d). */
int session_undo_catch_up(struct session *s, size_t *restored, struct diag *d);

/* Saves the reader state (marks and positions) if it changed: 0, or -1
 * with the message in d. The first save after a complete refresh also
 * forgets the marks of articles whose files are gone (state_prune: never
 * when none of the marked articles is left, and not for a file that is
 * there but could not be read). */
int session_save(struct session *s, struct diag *d);

#endif
