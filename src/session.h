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

struct loader;

/* The views read these fields; only session.c changes them. store and arc
 * are replaced whole (by pointer) when the refresh brings a new archive, so
 * a pointer into them is good until the next session_take. */
struct session {
	struct store *store;	/* the articles, as loaded (owned) */
	struct archive *arc;	/* entities, related stories, threads of store */
	struct cache *cache;	/* the connection both read (search uses it) */
	size_t *thread_of;	/* per article: its story thread */
	size_t *nrelated;	/* per article: how many related stories */
	struct state *state;	/* read, flagged, reading positions: views
				   query it and set positions (state.h) */
	struct loader *loader;	/* the refresh under way, or NULL */
	bool first_build;	/* nothing was cached: the list comes from the
				   files, and the build brings no news */
	bool reread;		/* session_reload asked while it was under way */
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

/* Reads the folder again in the background, as at start: new, changed and
 * removed articles come through session_poll like any refresh's. Asked
 * while a refresh is under way (which may have read the folder before the
 * change), another follows it. The reader's reload key calls it, filo
 * fetch's key after writing, and a watcher of the folder may. */
void session_reload(struct session *s);

/* Is a refresh under way (keep polling)? */
bool session_refreshing(const struct session *s);

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

/* Saves the reader state (marks and positions) if it changed: 0, or -1
 * with the message in d. */
int session_save(struct session *s, struct diag *d);

#endif
