/* cache.h: the on-disk index cache of one articles folder: every article's
 * metadata, entities and full text (for search), the related lists and the
 * threads, in an SQLite database under $XDG_CACHE_HOME/filo/ (default
 * ~/.cache/filo/). An accelerator, never a source of truth: every entry is
 * checked against its file's size and modification time, and a cache that
 * is missing, damaged or of another version is rebuilt with a message only.
 * Each cache is stamped with the analysis that made it (archive_stamp:
 * filo's version, the lexicons, the ranking's weights): made by another,
 * every article is analysed again at the next refresh, with a message.
 * Several filo processes may share it (WAL, one transaction per refresh).
 *
 * Start-up, fastest first:
 *	cache_open(&c, dir, &d);
 *	cache_load_first(c, &first, sort, rows, &d);	paint the first screen
 *	if (cache_load(c, &store, &d) == 0)	paint the list
 *	cache_load_archive(c, &store, &arc, &d);	entities, threads
 *	cache_refresh(c, &store, &arc, ...);	check the files (1: reload)
 * Storage is cache.c, the refresh cache_build.c. No curses here. */
#ifndef FILO_CACHE_H
#define FILO_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "archive.h"
#include "diag.h"
#include "related.h"
#include "store.h"

/* Bumped whenever the meaning of a stored field changes: a cache of
 * another version is rebuilt. A change of the schema itself (a new
 * front-matter key is a new column) counts by itself. */
#define CACHE_VERSION 6

struct cache;		/* opaque */
struct sqlite3;

/* What a refresh found and did. */
struct cache_stats {
	size_t articles;	/* articles in the folder now (readable) */
	size_t entities;	/* distinct entities */
	size_t threads;		/* story threads */
	size_t added, changed, removed;	/* files read again or dropped */
	bool related;		/* related lists and threads were recomputed */
	bool memory;		/* the cache is in memory (it could not be created
				   or written): nothing was kept for the next run */
};

/* Progress of a long refresh: stage is "reading", "related" or "saving". */
typedef void cache_progress(void *ctx, const char *stage, size_t done,
			    size_t total);

/* Opens (creating, or rebuilding when damaged or old) the cache of the
 * articles folder dir. Always gives a usable cache in *c: when the cache
 * file cannot be created (read-only home) it works in memory, uncached, and
 * says so in d. Returns 0 on disk, 1 in memory. Free with cache_close. */
int cache_open(struct cache **c, const char *dir, struct diag *d);
void cache_close(struct cache *c);

/* The cache file's path, or ":memory:". Owned by c. */
const char *cache_path(const struct cache *c);

/* Fills s (uninitialised on entry; free with store_close) with the cached
 * metadata: no file is read. Returns 0, or -1 when the cache holds nothing
 * yet or could not be read (s is then an empty store of dir: refresh). */
int cache_load(struct cache *c, struct store *s, struct diag *d);

/* The first screen at once: fills s as cache_load does, but with only the
 * first n articles in store_sort order key (not reversed), read through
 * an index: a few milliseconds whatever the archive's size. Paint them,
 * then cache_load the whole store (and swap). Returns as cache_load. */
int cache_load_first(struct cache *c, struct store *s, enum store_sort key,
		     size_t n, struct diag *d);

/* Fills a (uninitialised on entry; free with archive_free) with the cached
 * entities and threads of s, which must come from cache_load or
 * cache_refresh of c and outlive a. Related lists are read from the cache
 * when asked for (archive_related), so c must outlive a too. Returns 0 or
 * -1 (then a is an archive without entities). */
int cache_load_archive(struct cache *c, const struct store *s,
		       struct archive *a, struct diag *d);

/* Brings the cache up to date with the files: stats every file, reads the
 * new and changed ones again, drops the removed ones, and recomputes the
 * related lists and threads when anything changed. When the file cannot
 * take the writes (a full disk, a file size limit, a read-only file) the
 * refresh is done again in memory, with a message: c then works as
 * cache_open does without a file. s and a may be NULL;
 * otherwise they must be either zeroed or filled by cache_load /
 * cache_load_archive / cache_refresh of c: when anything changed (or they
 * were empty) they are freed and filled again. st (may be NULL) gets the
 * figures. Returns 1 when the cache changed, 0 when it was current, -1 when
 * the folder cannot be read (message in d).
 * Costs: a check is a stat per file; any change recomputes the related
 * lists of the whole archive (seconds at 100,000 articles): call it away
 * from the key loop. Files are read on a second thread when there are many.
 * A first build writes through a rollback journal, during which another
 * process's reads of this cache wait for it. */
int cache_refresh(struct cache *c, struct store *s, struct archive *a,
		  cache_progress *progress, void *ctx, struct cache_stats *st,
		  struct diag *d);

/* The cached related list of article doc of the store loaded last, as
 * related_top gives it; strings live until cache_close. */
size_t cache_related(struct cache *c, size_t doc, struct related_hit *out,
		     size_t k);

/* Store index of the article stored under an SQL rowid (search results), or
 * -1 when the loaded store does not have it. */
long cache_doc_of_rowid(const struct cache *c, int64_t rowid);

/* Whether the whole list was loaded (by cache_load, not only its first
 * screen by cache_load_first): then the lookups here know every article. */
bool cache_rows_loaded(const struct cache *c);

/* article_date_key of the article under rowid in the loaded store; 0 when
 * undated or not loaded. */
uint32_t cache_date_of_rowid(const struct cache *c, int64_t rowid);

/* The database, for search.c, and its FTS5 extensions (rank.h). */
struct sqlite3 *cache_db(struct cache *c);
struct rank *cache_rank(struct cache *c);

/* Called by users of cache_db on an SQLite error: a damaged database is
 * deleted so that the next cache_open rebuilds it (message in d). */
void cache_check_damage(struct cache *c, int sqlite_rc, struct diag *d);

#endif
