/* loader.h: brings the index cache of an articles folder up to date in a
 * thread of its own, so the reader paints at once from the cache and keeps
 * answering keys during a long first build. No curses here. */
#ifndef FILO_LOADER_H
#define FILO_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include "archive.h"
#include "cache.h"
#include "store.h"

struct loader;

/* Starts refreshing the cache of dir with a connection of its own. With
 * load, it first loads the whole cached store and archive (the reader
 * painted only a first screen), or, when nothing is cached, the articles'
 * front matter alone (no entities, related stories or threads yet: the
 * list before a first build), and makes them available through
 * loader_take_loaded before it checks the files. Never NULL (aborts on
 * out-of-memory or when no thread can be made). */
struct loader *loader_start(const char *dir, bool load);

/* Has the first load finished (and not been taken yet)? Never blocks. */
bool loader_loaded(const struct loader *l);

/* Takes the loaded store and archive with their connection, as
 * loader_finish gives them. Returns 0, or -1 when the cache held nothing
 * (outputs untouched). Call once, after loader_loaded. */
int loader_take_loaded(struct loader *l, struct cache **c, struct store *s,
		       struct archive *a);

/* Has the refresh finished? Never blocks. */
bool loader_done(const struct loader *l);

/* How far it is: a stage ("reading", "related", "saving"), done of total. */
void loader_progress(const struct loader *l, const char **stage, size_t *done,
		     size_t *total);

/* Waits for the refresh and frees l. When the cache changed (returns 1),
 * *c, *s and *a receive a new connection, store and archive (the archive
 * points at *s); the caller closes the ones it had. Returns 0 when nothing
 * changed (outputs untouched), -1 when the folder could not be read.
 * Problems go to d. */
int loader_finish(struct loader *l, struct cache **c, struct store *s,
		  struct archive *a, struct cache_stats *st, struct diag *d);

#endif
