/* cache_int.h: what the two halves of the index cache share, and no one
 * else: cache.c (storage: open, repair, schema, load, lookups, the record
 * formats) and cache_build.c (the refresh: scan, compare, read, analyse,
 * write). Others use cache.h. */
#ifndef FILO_CACHE_INT_H
#define FILO_CACHE_INT_H

#include <sqlite3.h>
#include "buf.h"
#include "cache.h"
#include "strmap.h"

/* Milliseconds a process waits for another one's refresh to end. */
#define CACHE_BUSY_MS 120000

/* How a column of the article table holds a member of struct article. */
enum col_kind { COL_STR, COL_INT, COL_SIZE, COL_BOOL };

struct cache_col {
	const char *name;
	enum col_kind kind;
	size_t offset;		/* of the member in struct article */
};

/* ---- the connection ---- */

struct cache_rowmap {
	int64_t rowid;
	uint32_t doc;
	uint32_t date;		/* article_date_key */
};

struct cache {
	sqlite3 *db;
	struct rank *rank;	/* filo's FTS5 extensions on db (rank.h) */
	char *dir;		/* the articles folder, as given */
	char *path;		/* the database file, or ":memory:" */
	bool memory;		/* working without a cache file */
	bool old_version;	/* the file had another schema version */
	int last_rc;		/* SQLite result of the last failed call */
	int last_errno;		/* and the system's error then, when known */
	/* the store loaded last: rowid of each article, and back */
	int64_t *rowid;
	size_t rowcap, nrowid;
	struct cache_rowmap *byrow;
	bool all_rows;		/* the whole list, not only its first screen */
	struct strmap strs;	/* strings of related hits handed out */
	sqlite3_stmt *st_hits;
	struct cache_col *cols;	/* the member columns, in table order */
	size_t ncols;
};

/* ---- SQLite, with the result kept in c->last_rc ---- */

int cache_exec(struct cache *c, const char *sql);
sqlite3_stmt *cache_prepare(struct cache *c, const char *sql);
/* Column i as text, "" for NULL. */
const char *cache_col_text(sqlite3_stmt *st, int i);
bool cache_rc_damaged(int rc);
/* The file cannot take what was written: full disk, file size limit,
 * read-only file or folder, I/O error. */
bool cache_rc_unwritable(int rc);
/* Goes on with an empty database in memory after a write failed
 * (c->last_rc and c->last_errno say why), so that reading never depends
 * on the cache being writable; says so in d. */
void cache_to_memory(struct cache *c, struct diag *d);

/* The info table: key -> number, text (malloc'd; NULL when none), blob. */
long long cache_info_int(struct cache *c, const char *key, long long def);
char *cache_info_text(struct cache *c, const char *key);
int cache_info_set(struct cache *c, const char *key, const char *text,
		   long long num);
int cache_info_set_blob(struct cache *c, const char *key, const void *data,
			size_t len);

/* ---- the member columns (c->cols) ---- */

/* Adds ', "id", "title", ...' (c->cols) to an SQL text, with types when
 * types. */
void cache_add_member_names(const struct cache *c, struct buf *sql, bool types);
/* Binds the member of a that col holds as parameter i. */
void cache_col_bind(sqlite3_stmt *st, int i, const struct cache_col *col,
		    const struct article *a);

/* ---- the record formats of the BLOB columns ---- */

void cache_extra_encode(struct buf *b, const struct article *a);
void cache_ents_encode(struct buf *b, const struct entity_ref *e, size_t n);
/* Decodes into *refs (of *cap; strings point into the blob): how many. */
size_t cache_ents_decode(const void *blob, size_t len, struct entity_ref **refs,
			 size_t *cap);
/* n hits, their docs given as rowids through docrow. */
void cache_hits_encode(struct buf *b, const struct related_hit *h, size_t n,
		       const int64_t *docrow);
void cache_thread_put(struct buf *b, int64_t rowid, uint32_t thread);

#endif
