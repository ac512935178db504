/* cache.c: the index cache: an SQLite database per articles folder, opened
 * (and repaired) here, read back into a store and an archive, and brought
 * up to date with the files by cache_refresh. */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>

#include "blob.h"
#include "buf.h"
#include "cache.h"
#include "hash.h"
#include "rank.h"
#include "strmap.h"
#include "text.h"
#include "xdg.h"

struct cache_rowmap {
	int64_t rowid;
	uint32_t doc;
	uint32_t date;		/* article_date_key */
};

struct cache {
	sqlite3 *db;
	char *dir;		/* the articles folder, as given */
	char *path;		/* the database file, or ":memory:" */
	bool memory;		/* working without a cache file */
	bool old_version;	/* the file had another CACHE_VERSION */
	int last_rc;		/* SQLite result of the last failed call */
	/* the store loaded last: rowid of each article, and back */
	int64_t *rowid;
	size_t rowcap, nrowid;
	struct cache_rowmap *byrow;
	bool all_rows;		/* the whole list, not only its first screen */
	struct strmap strs;	/* strings of related hits handed out */
	sqlite3_stmt *st_hits;
};

/* ---- the schema ---- */

/* How a column holds a member of struct article. */
enum col_kind { COL_STR, COL_INT, COL_SIZE, COL_BOOL };

struct cache_col {
	const char *name;
	enum col_kind kind;
	size_t offset;		/* of the member in struct article */
};

/* The columns of an article row that hold members of struct article: id,
 * a column per front-matter key of article_keys (named as the key: a key
 * must not take the name of another column), then the rest of these. A
 * new front-matter key needs nothing here. */
static const struct cache_col member_cols[] = {
	{ "id", COL_STR, offsetof(struct article, id) },
	{ "year", COL_INT, offsetof(struct article, year) },
	{ "month", COL_INT, offsetof(struct article, month) },
	{ "day", COL_INT, offsetof(struct article, day) },
	{ "body_line", COL_SIZE, offsetof(struct article, body_line) },
	{ "broken", COL_BOOL, offsetof(struct article, broken) },
};
#define NMEMBER_COLS (sizeof member_cols / sizeof *member_cols)

/* Member column i, in table order; false past the last. */
static bool cache_member_col(size_t i, struct cache_col *col)
{
	if (i >= 1 && i - 1 < article_nkeys) {
		const struct article_key *k = &article_keys[i - 1];
		*col = (struct cache_col){ k->name, COL_STR, k->offset };
		return true;
	}
	i = i >= 1 ? i - article_nkeys : i;
	if (i >= NMEMBER_COLS)
		return false;
	*col = member_cols[i];
	return true;
}

static size_t cache_member_count(void)
{
	return NMEMBER_COLS + article_nkeys;
}

/* Adds ', "id", "title", ...', with each column's type when types. */
static void cache_add_member_names(struct buf *sql, bool types)
{
	struct cache_col col;
	for (size_t i = 0; cache_member_col(i, &col); i++)
		buf_addf(sql, ", \"%s\"%s", col.name,
			 !types ? "" : col.kind == COL_STR ? " TEXT" : " INTEGER");
}

static void cache_col_bind(sqlite3_stmt *st, int i, const struct cache_col *col,
			   const struct article *a)
{
	const char *p = (const char *)a + col->offset;
	switch (col->kind) {
	case COL_STR:
		sqlite3_bind_text(st, i, *(char *const *)p, -1, SQLITE_TRANSIENT);
		break;
	case COL_INT:
		sqlite3_bind_int(st, i, *(const int *)p);
		break;
	case COL_SIZE:
		sqlite3_bind_int64(st, i, (int64_t)*(const size_t *)p);
		break;
	case COL_BOOL:
		sqlite3_bind_int(st, i, *(const bool *)p);
		break;
	}
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

static void cache_col_load(sqlite3_stmt *st, int i, const struct cache_col *col,
			   struct article *a)
{
	char *p = (char *)a + col->offset;
	switch (col->kind) {
	case COL_STR:
		*(char **)p = xstrdup(col_text(st, i));
		break;
	case COL_INT:
		*(int *)p = sqlite3_column_int(st, i);
		break;
	case COL_SIZE:
		*(size_t *)p = (size_t)sqlite3_column_int64(st, i);
		break;
	case COL_BOOL:
		*(bool *)p = sqlite3_column_int(st, i) != 0;
		break;
	}
}

/* article: one row per file seen, also unreadable ones (ok = 0) so that
 * they are not read again until they change; only what the list needs, so
 * that a start reads little: the file, the members of struct article, the
 * unknown keys (extra), folded title and source for the orders of the
 * first screen, and the day number. docent: the entities of each readable
 * article, fts: its title, plain body text, entity keys and types,
 * related: its related list, all under the article's rowid. The threads
 * are one blob in info: a start reads them at once. */
static void cache_schema(struct buf *sql)
{
	buf_adds(sql, "CREATE TABLE info(key TEXT PRIMARY KEY, value);"
		 "CREATE TABLE article(rowid INTEGER PRIMARY KEY, name TEXT NOT NULL"
		 " UNIQUE, size INTEGER, mtime INTEGER, ok INTEGER");
	cache_add_member_names(sql, true);
	buf_adds(sql, ", extra BLOB, fold TEXT, source_fold TEXT, days INTEGER);"
		 "CREATE TABLE docent(rowid INTEGER PRIMARY KEY, ents BLOB);"
		 /* counts by date need not read rows */
		 "CREATE INDEX article_date ON article(date, ok);"
		 "CREATE VIRTUAL TABLE fts USING fts5(title, body, ents, etypes,"
		 " tokenize = 'filo');"
		 "CREATE TABLE related(doc INTEGER PRIMARY KEY, hits BLOB);");
}

/* The version of a schema, as PRAGMA user_version keeps it: CACHE_VERSION
 * in the last two digits, a hash of the schema's text before them, so
 * that a new column (a new front-matter key) needs no bump. Never 0, the
 * version of an empty file. */
static int cache_schema_version(const struct buf *schema)
{
	return (int)(hash_fnv32(schema->data, schema->len) % 100000) * 100 + CACHE_VERSION;
}

/* Milliseconds a process waits for another one's refresh to end. */
#define CACHE_BUSY_MS 120000

/* ---- small helpers ---- */

static int cache_exec(struct cache *c, const char *sql)
{
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
	c->last_rc = rc;
	return rc == SQLITE_OK ? 0 : -1;
}

static sqlite3_stmt *cache_prepare(struct cache *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	c->last_rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
	return c->last_rc == SQLITE_OK ? st : NULL;
}

static long long cache_info_int(struct cache *c, const char *key, long long def)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT value FROM info WHERE key = ?");
	if (!st)
		return def;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	long long v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : def;
	sqlite3_finalize(st);
	return v;
}

/* The text value of key (malloc'd), or NULL. */
static char *cache_info_text(struct cache *c, const char *key)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT value FROM info WHERE key = ?");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	char *v = NULL;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

static int cache_info_set(struct cache *c, const char *key, const char *text,
			  long long num)
{
	sqlite3_stmt *st = cache_prepare(c, "INSERT OR REPLACE INTO info VALUES(?, ?)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (text)
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 2, num);
	c->last_rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return c->last_rc == SQLITE_DONE ? 0 : -1;
}

static int cache_info_set_blob(struct cache *c, const char *key,
			       const void *data, size_t len)
{
	sqlite3_stmt *st = cache_prepare(c, "INSERT OR REPLACE INTO info VALUES(?, ?)");
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, data, (int)len, SQLITE_STATIC);
	c->last_rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return c->last_rc == SQLITE_DONE ? 0 : -1;
}

static bool cache_rc_busy(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

static bool cache_rc_damaged(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

static const struct xdg_kind cache_kind = { "XDG_CACHE_HOME", ".cache", ".db" };

/* $XDG_CACHE_HOME/filo/NAME-HASH.db; the folder is created. NULL when
 * there is no home to put it in (why says so), or no folder to name: one
 * that cannot be resolved cannot be read either, and its refresh says so
 * (why stays empty). */
static char *cache_file_name(const char *dir, struct buf *why)
{
	struct buf base = BUF_INIT, b = BUF_INIT;
	if (xdg_dir(&cache_kind, &base) != 0)
		buf_adds(why, "neither $XDG_CACHE_HOME nor $HOME is set");
	else if (xdg_mkdir_p(base.data) != 0)
		buf_addf(why, "cannot create %s: %s", base.data, strerror(errno));
	else
		xdg_file_for_dir(&cache_kind, dir, &b);
	buf_free(&base);
	return b.len ? buf_detach(&b, NULL) : NULL;
}

static void cache_unlink(const char *path)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		buf_reset(&b);
		buf_addf(&b, "%s%s", path, suffix[i]);
		unlink(b.data);
	}
	buf_free(&b);
}

/* A damaged file that SQLite might not notice at once: not an SQLite
 * header, or shorter than its header says (truncated) while no WAL holds
 * pages of it. */
static bool cache_file_damaged(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	unsigned char h[100];
	struct stat st;
	ssize_t n = read(fd, h, sizeof h);
	bool bad = fstat(fd, &st) != 0;
	close(fd);
	if (bad || st.st_size == 0)
		return bad;
	if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return true;
	unsigned long pgsz = (unsigned long)h[16] << 8 | h[17];
	if (pgsz == 1)
		pgsz = 65536;
	unsigned long long pages = (unsigned long long)h[28] << 24 |
		(unsigned long long)h[29] << 16 | (unsigned long long)h[30] << 8 | h[31];
	struct buf wal = BUF_INIT;
	buf_addf(&wal, "%s-wal", path);
	struct stat ws;
	bool has_wal = stat(wal.data, &ws) == 0 && ws.st_size > 0;
	buf_free(&wal);
	return !has_wal && (unsigned long long)st.st_size < pages * pgsz;
}

static void cache_close_db(struct cache *c)
{
	sqlite3_finalize(c->st_hits);
	c->st_hits = NULL;
	sqlite3_close(c->db);
	c->db = NULL;
}

/* ---- opening ---- */

/* Reads the file's PRAGMA user_version into *version (-1 when it cannot
 * be read); -1 when it cannot even be asked (c->last_rc says why). */
static int cache_user_version(struct cache *c, int *version)
{
	sqlite3_stmt *st = cache_prepare(c, "PRAGMA user_version");
	if (!st)
		return -1;
	*version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	c->last_rc = sqlite3_finalize(st);
	return 0;
}

static int cache_setup(struct cache *c)
{
	sqlite3_busy_timeout(c->db, CACHE_BUSY_MS);
	/* a first build in another process holds the file in rollback mode
	 * and sets WAL again when it is done: not being able to now is fine */
	if (!c->memory && cache_exec(c, "PRAGMA journal_mode=WAL") != 0 &&
	    !cache_rc_busy(c->last_rc))
		return -1;
	if (cache_exec(c, "PRAGMA synchronous=NORMAL") != 0)
		return -1;
	int version;
	if (cache_user_version(c, &version) != 0)
		return -1;
	struct buf sql = BUF_INIT;
	cache_schema(&sql);
	int want = cache_schema_version(&sql);
	if (version != 0) {
		buf_free(&sql);
		if (version == want)
			return 0;
		c->last_rc = SQLITE_NOTADB;	/* another version: start anew */
		c->old_version = true;
		return -1;
	}
	int r = cache_exec(c, "BEGIN IMMEDIATE");
	/* another process may have created it while we waited */
	if (r == 0 && cache_user_version(c, &version) == 0 && version == 0) {
		buf_addf(&sql, "PRAGMA user_version=%d;", want);
		r = cache_exec(c, sql.data);
	}
	buf_free(&sql);
	if (r != 0 || cache_exec(c, "COMMIT") != 0) {
		int rc = c->last_rc;
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		c->last_rc = rc;
		return -1;
	}
	return 0;
}

static int cache_try_open(struct cache *c, const char *file)
{
	c->memory = strcmp(file, ":memory:") == 0;
	c->last_rc = sqlite3_open_v2(file, &c->db, SQLITE_OPEN_READWRITE |
				     SQLITE_OPEN_CREATE, NULL);
	if (c->last_rc == SQLITE_OK && rank_register(c->db) != 0)
		c->last_rc = SQLITE_ERROR;	/* an SQLite without FTS5 */
	if (c->last_rc == SQLITE_OK && cache_setup(c) == 0)
		return 0;
	cache_close_db(c);
	return -1;
}

/* why: the reason for a message, "" for none. */
static void cache_open_memory(struct cache *c, const char *why, struct diag *d)
{
	if (why[0])
		diag_add(d, c->path ? c->path : "cache", 0,
			 "cannot use the index cache: %s (working without a cache)", why);
	free(c->path);
	c->path = xstrdup(":memory:");
	if (cache_try_open(c, ":memory:") != 0)
		abort();	/* an in-memory database fails only without memory */
}

int cache_open(struct cache **cp, const char *dir, struct diag *d)
{
	struct cache *c = xcalloc(1, sizeof *c);
	*cp = c;
	c->dir = xstrdup(dir);
	struct buf why = BUF_INIT;
	c->path = cache_file_name(dir, &why);
	if (!c->path) {
		cache_open_memory(c, buf_str(&why), d);
		buf_free(&why);
		return 1;
	}
	if (cache_file_damaged(c->path)) {
		diag_add(d, c->path, 0, "index cache damaged (rebuilt)");
		cache_unlink(c->path);
	}
	/* SQLite does not wait on some lock conflicts (another process
	 * switching journal modes): wait here, as long as for a refresh */
	for (int ms = 0; ms < CACHE_BUSY_MS; ms += 50) {
		if (cache_try_open(c, c->path) == 0)
			return 0;
		if (!cache_rc_busy(c->last_rc))
			break;
		usleep(50000);
	}
	if (cache_rc_damaged(c->last_rc)) {
		diag_add(d, c->path, 0, c->old_version ?
			 "index cache of another version (rebuilt)" :
			 "index cache damaged (rebuilt)");
		cache_unlink(c->path);
		if (cache_try_open(c, c->path) == 0)
			return 0;
	}
	cache_open_memory(c, sqlite3_errstr(c->last_rc), d);
	return 1;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	cache_close_db(c);
	strmap_free(&c->strs);
	free(c->rowid);
	free(c->byrow);
	free(c->dir);
	free(c->path);
	free(c);
}

const char *cache_path(const struct cache *c)
{
	return c->path;
}

struct sqlite3 *cache_db(struct cache *c)
{
	return c->db;
}

/* A damaged database found in use: start again from an empty one, so the
 * next refresh rebuilds it; this process goes on in memory until then. */
void cache_check_damage(struct cache *c, int rc, struct diag *d)
{
	if (!cache_rc_damaged(rc) || c->memory)
		return;
	diag_add(d, c->path, 0, "index cache damaged (rebuilt)");
	cache_close_db(c);
	cache_unlink(c->path);
	if (cache_try_open(c, c->path) != 0)
		cache_open_memory(c, sqlite3_errstr(c->last_rc), d);
	c->nrowid = 0;
}

/* ---- rowid <-> store index ---- */

static int cmp_rowmap(const void *pa, const void *pb)
{
	const struct cache_rowmap *a = pa, *b = pb;
	return (a->rowid > b->rowid) - (a->rowid < b->rowid);
}

/* Records which rowid each store index has (rowid[i] set by the loader),
 * and its date, which search orders by without reading the table. */
static void cache_map_rows(struct cache *c, const struct store *s)
{
	size_t n = s->n;
	free(c->byrow);
	c->byrow = xmalloc((n ? n : 1) * sizeof *c->byrow);
	for (size_t i = 0; i < n; i++)
		c->byrow[i] = (struct cache_rowmap){ c->rowid[i], (uint32_t)i,
						     article_date_key(s->art[i].date) };
	qsort(c->byrow, n, sizeof *c->byrow, cmp_rowmap);
	c->nrowid = n;
}

static const struct cache_rowmap *cache_row(const struct cache *c, int64_t rowid)
{
	struct cache_rowmap key = { rowid, 0, 0 };
	return c->nrowid ? bsearch(&key, c->byrow, c->nrowid, sizeof key, cmp_rowmap)
			 : NULL;
}

long cache_doc_of_rowid(const struct cache *c, int64_t rowid)
{
	const struct cache_rowmap *r = cache_row(c, rowid);
	return r ? (long)r->doc : -1;
}

bool cache_rows_loaded(const struct cache *c)
{
	return c->nrowid > 0 && c->all_rows;
}

uint32_t cache_date_of_rowid(const struct cache *c, int64_t rowid)
{
	const struct cache_rowmap *r = cache_row(c, rowid);
	return r ? r->date : 0;
}

/* ---- loading the store ---- */

static void load_extra(struct article *a, const void *blob, size_t n)
{
	struct blob_reader r = blob_reader(blob, n);
	size_t cap = 0;
	while (blob_more(&r)) {
		const char *k = blob_str(&r), *v = blob_str(&r);
		if (r.bad)
			break;
		a->extra = xgrow(a->extra, &cap, a->nextra + 1, sizeof *a->extra);
		a->extra[a->nextra++] = (struct article_field){ xstrdup(k), xstrdup(v) };
	}
}

/* The columns cache_load_rows reads: these, then the member columns. */
#define LOAD_COLS "rowid, name, size, mtime, extra, fold"
enum { LOAD_MEMBERS = 6 };

static void load_article_row(struct cache *c, sqlite3_stmt *st, struct store *s)
{
	struct article a;
	memset(&a, 0, sizeof a);
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/%s", s->dir, col_text(st, 1));
	a.path = buf_detach(&path, NULL);
	a.size = sqlite3_column_int64(st, 2);
	a.mtime = sqlite3_column_int64(st, 3) / 1000000000;
	load_extra(&a, sqlite3_column_blob(st, 4), (size_t)sqlite3_column_bytes(st, 4));
	struct cache_col col;
	for (size_t i = 0; cache_member_col(i, &col); i++)
		cache_col_load(st, LOAD_MEMBERS + (int)i, &col, &a);
	c->rowid = xgrow(c->rowid, &c->rowcap, s->n + 1, sizeof *c->rowid);
	c->rowid[s->n] = sqlite3_column_int64(st, 0);
	store_add(s, &a, xstrdup(col_text(st, 5)));
}

struct id_row {
	const char *id;
	int64_t rowid;
};

static int cmp_id_row(const void *pa, const void *pb)
{
	return strcmp(((const struct id_row *)pa)->id, ((const struct id_row *)pb)->id);
}

/* store_finish sorts by id: the rowids must follow. Rows are written in id
 * order by a first build, so this is for caches that were changed since. */
static void cache_sort_rows(struct cache *c, struct store *s)
{
	struct id_row *r = xmalloc((s->n ? s->n : 1) * sizeof *r);
	for (size_t i = 0; i < s->n; i++)
		r[i] = (struct id_row){ s->art[i].id, c->rowid[i] };
	qsort(r, s->n, sizeof *r, cmp_id_row);
	for (size_t i = 0; i < s->n; i++)
		c->rowid[i] = r[i].rowid;
	free(r);
	store_finish(s);
}

/* Adds the rows of "SELECT ... FROM article " + tail (limit bound to ?1). */
static int cache_load_rows(struct cache *c, struct store *s, const char *tail,
			   size_t limit)
{
	struct buf sql = BUF_INIT;
	buf_adds(&sql, "SELECT " LOAD_COLS);
	cache_add_member_names(&sql, false);
	buf_addf(&sql, " FROM article %s", tail);
	sqlite3_stmt *st = cache_prepare(c, sql.data);
	buf_free(&sql);
	if (!st)
		return -1;
	if (strstr(tail, "?1"))
		sqlite3_bind_int64(st, 1, (int64_t)limit);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		load_article_row(c, st, s);
	sqlite3_finalize(st);
	c->last_rc = rc;
	return rc == SQLITE_DONE ? 0 : -1;
}

static bool store_sorted(const struct store *s)
{
	for (size_t i = 1; i < s->n; i++)
		if (strcmp(s->art[i - 1].id, s->art[i].id) >= 0)
			return false;
	return true;
}

/* Fills s with the rows of each tail in turn, in one read transaction. */
static int cache_load_store(struct cache *c, struct store *s,
			    const char *const *tails, size_t limit, struct diag *d)
{
	store_init(s, c->dir);
	c->nrowid = 0;
	c->all_rows = limit == SIZE_MAX;
	if (!cache_info_int(c, "built", 0))
		return -1;
	int r = cache_exec(c, "BEGIN");
	for (size_t i = 0; tails[i] && r == 0 && s->n < limit; i++)
		r = cache_load_rows(c, s, tails[i], limit - s->n);
	if (r != 0) {
		int rc = c->last_rc;
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		store_close(s);
		store_init(s, c->dir);
		cache_check_damage(c, rc, d);
		return -1;
	}
	cache_exec(c, "COMMIT");
	if (!store_sorted(s))
		cache_sort_rows(c, s);
	cache_map_rows(c, s);
	return 0;
}

int cache_load(struct cache *c, struct store *s, struct diag *d)
{
	static const char *const all[] = { "WHERE ok", NULL };
	return cache_load_store(c, s, all, SIZE_MAX, d);
}

/* The orders of store_sort, in SQL; dated and undated articles apart, so
 * that the date index serves the usual order. */
int cache_load_first(struct cache *c, struct store *s, enum store_sort key,
		     size_t n, struct diag *d)
{
	static const char *const by_date[] = {
		"WHERE ok AND date <> '' ORDER BY date DESC, fold, id LIMIT ?1",
		"WHERE ok AND date = '' ORDER BY fold, id LIMIT ?1", NULL };
	static const char *const by_source[] = {
		"WHERE ok AND source_fold <> '' ORDER BY source_fold, date = '',"
		" date DESC, fold, id LIMIT ?1",
		"WHERE ok AND source_fold = '' ORDER BY date = '', date DESC, fold,"
		" id LIMIT ?1", NULL };
	static const char *const by_title[] = {
		"WHERE ok ORDER BY fold, date = '', date DESC, id LIMIT ?1", NULL };
	const char *const *tails = key == STORE_SORT_SOURCE ? by_source
		: key == STORE_SORT_TITLE ? by_title : by_date;
	return cache_load_store(c, s, tails, n, d);
}

/* ---- loading the archive ---- */

/* Per-article entities: type (1 byte), count (4), key and name (each
 * NUL-terminated), repeated. */
static void cache_ents_encode(struct buf *b, const struct entity_ref *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		blob_put_u8(b, (unsigned)e[i].type);
		blob_put_u32(b, (uint32_t)e[i].count);
		blob_put_str(b, e[i].key);
		blob_put_str(b, e[i].name);
	}
}

/* Decodes into *refs (strings point into the blob); returns how many. */
static size_t cache_ents_decode(const void *blob, size_t len, struct entity_ref **refs,
			 size_t *cap)
{
	struct blob_reader r = blob_reader(blob, len);
	size_t n = 0;
	while (blob_more(&r)) {
		struct entity_ref e;
		e.type = blob_u8(&r);
		e.count = (int)blob_u32(&r);
		e.key = (char *)blob_str(&r);
		e.name = (char *)blob_str(&r);
		if (r.bad)
			break;
		*refs = xgrow(*refs, cap, n + 1, sizeof **refs);
		(*refs)[n++] = e;
	}
	return n;
}

static int cache_load_entities(struct cache *c, struct archive *a)
{
	sqlite3_stmt *st = cache_prepare(c, "SELECT rowid, ents FROM docent");
	if (!st)
		return -1;
	struct entity_ref *refs = NULL;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long i = cache_doc_of_rowid(c, sqlite3_column_int64(st, 0));
		if (i < 0 || a->doc_nent[i])
			continue;
		size_t n = cache_ents_decode(sqlite3_column_blob(st, 1),
					     (size_t)sqlite3_column_bytes(st, 1), &refs, &cap);
		archive_add_entities(a, (size_t)i, refs, n);
	}
	free(refs);
	sqlite3_finalize(st);
	c->last_rc = rc;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Threads are renumbered in store order, so that numbers do not depend on
 * the order rows were written in. */
static int cache_load_threads(struct cache *c, struct archive *a)
{
	size_t n = a->store->n;
	uint32_t *raw = xmalloc((n ? n : 1) * sizeof *raw);
	for (size_t i = 0; i < n; i++)
		raw[i] = UINT32_MAX;
	sqlite3_stmt *st = cache_prepare(c, "SELECT value FROM info WHERE key = 'thread_map'");
	if (!st) {
		free(raw);
		return -1;
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct blob_reader r = blob_reader(sqlite3_column_blob(st, 0),
						   (size_t)sqlite3_column_bytes(st, 0));
		while (blob_more(&r)) {
			long i = cache_doc_of_rowid(c, (int64_t)blob_u64(&r));
			uint32_t t = blob_u32(&r);
			if (i >= 0 && !r.bad)
				raw[i] = t;
		}
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	c->last_rc = rc;
	/* stored numbers are below the number of articles then; an article
	 * without a row (or with a number out of range) is a thread alone */
	uint32_t *num = xmalloc((n ? n : 1) * sizeof *num), nthreads = 0;
	for (size_t i = 0; i < n; i++)
		num[i] = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		if (raw[i] < n && num[raw[i]] == UINT32_MAX)
			num[raw[i]] = nthreads++;
		raw[i] = raw[i] < n ? num[raw[i]] : nthreads++;
	}
	archive_set_threads(a, raw, nthreads);
	free(num);
	free(raw);
	return rc == SQLITE_DONE ? 0 : -1;
}

static size_t related_from_cache(void *c, size_t doc, struct related_hit *out,
				 size_t k)
{
	return cache_related(c, doc, out, k);
}

int cache_load_archive(struct cache *c, const struct store *s,
		       struct archive *a, struct diag *d)
{
	archive_init(a, s, d);
	a->related_from = related_from_cache;
	a->related_ctx = c;
	if (c->nrowid != s->n)
		return -1;
	int r = -1;
	if (cache_exec(c, "BEGIN") == 0 && cache_load_entities(c, a) == 0 &&
	    cache_load_threads(c, a) == 0)
		r = 0;
	int rc = c->last_rc;
	sqlite3_exec(c->db, r == 0 ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	if (r != 0)
		cache_check_damage(c, rc, d);
	return r;
}

/* ---- related lists ---- */

static const char *cache_intern(struct cache *c, const char *s)
{
	size_t id = strmap_intern(&c->strs, s, strlen(s));
	return c->strs.str[id];
}

/* One hit: rowid (8), score (8), days apart (8), then nent times (type,
 * key) and nterm times a term. */
static void cache_hits_encode(struct buf *b, const struct related_hit *h, size_t n,
		       const int64_t *docrow)
{
	for (size_t i = 0; i < n; i++) {
		blob_put_u64(b, (uint64_t)docrow[h[i].doc]);
		blob_put_f64(b, h[i].score);
		blob_put_u64(b, (uint64_t)(int64_t)h[i].days_apart);
		blob_put_u8(b, (unsigned)h[i].nent);
		for (size_t k = 0; k < h[i].nent; k++) {
			blob_put_u8(b, (unsigned)h[i].shared_entity_types[k]);
			blob_put_str(b, h[i].shared_entities[k]);
		}
		blob_put_u8(b, (unsigned)h[i].nterm);
		for (size_t k = 0; k < h[i].nterm; k++)
			blob_put_str(b, h[i].shared_terms[k]);
	}
}

static bool cache_hit_decode(struct cache *c, struct blob_reader *r,
			     struct related_hit *h)
{
	memset(h, 0, sizeof *h);
	int64_t row = (int64_t)blob_u64(r);
	h->score = blob_f64(r);
	h->days_apart = (long)(int64_t)blob_u64(r);
	size_t ne = blob_u8(r);
	for (size_t k = 0; k < ne && !r->bad; k++) {
		int type = blob_u8(r);
		const char *key = blob_str(r);
		if (k < RELATED_REASONS && !r->bad) {
			h->shared_entity_types[h->nent] = type;
			h->shared_entities[h->nent++] = cache_intern(c, key);
		}
	}
	size_t nt = blob_u8(r);
	for (size_t k = 0; k < nt && !r->bad; k++) {
		const char *t = blob_str(r);
		if (k < RELATED_REASONS && !r->bad)
			h->shared_terms[h->nterm++] = cache_intern(c, t);
	}
	long doc = cache_doc_of_rowid(c, row);
	h->doc = doc < 0 ? 0 : (size_t)doc;
	return !r->bad && doc >= 0;
}

size_t cache_related(struct cache *c, size_t doc, struct related_hit *out,
		     size_t k)
{
	if (doc >= c->nrowid)
		return 0;
	if (!c->st_hits)
		c->st_hits = cache_prepare(c, "SELECT hits FROM related WHERE doc = ?");
	if (!c->st_hits)
		return 0;
	sqlite3_bind_int64(c->st_hits, 1, c->rowid[doc]);
	size_t n = 0;
	if (sqlite3_step(c->st_hits) == SQLITE_ROW) {
		struct blob_reader r = blob_reader(sqlite3_column_blob(c->st_hits, 0),
						   (size_t)sqlite3_column_bytes(c->st_hits, 0));
		while (n < k && blob_more(&r))
			if (cache_hit_decode(c, &r, &out[n]))
				n++;
	}
	sqlite3_reset(c->st_hits);
	return n;
}

/* ---- refreshing: what changed on disk ---- */

enum file_state { FILE_SAME, FILE_CHANGED, FILE_NEW };

/* An article file, and what the cache has of it. */
struct file_rec {
	const struct store_file *file;	/* name, size, time (mtime_ns) */
	int64_t rowid;		/* its cached row, 0 when none */
	enum file_state state;
};

struct cached_rec {
	int64_t rowid;
	long long size, mtime;
	bool ok, seen;
};

struct scan {
	struct store_file *files;	/* as store_scan found them */
	size_t nfiles;
	struct file_rec *f;	/* the regular ones, in store (id) order */
	size_t n;
	char *stamp;		/* of DIR/entities: its changes re-tag all */
	struct cached_rec *cr;
	size_t ncr, crcap;
	struct strmap names;	/* cached file name -> index into cr */
	size_t nchanged, nnew, nremoved, ncached_ok;
	long long started;	/* seconds: when the folder was scanned */
};

/* Size and time of the entities corrections file, "-" when absent. */
static char *entities_stamp(const char *dir)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s/entities", dir);
	struct stat st;
	bool there = stat(b.data, &st) == 0;
	buf_reset(&b);
	if (there)
		buf_addf(&b, "%lld:%lld", (long long)st.st_size,
			 (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec);
	else
		buf_adds(&b, "-");
	return buf_detach(&b, NULL);
}

/* Every article file of dir with its size and time, in store (id) order.
 * What is not a regular file is left to store_open's messages. */
static int scan_dir(const char *dir, struct scan *sc, struct diag *d)
{
	if (store_scan(dir, &sc->files, &sc->nfiles, d) != 0)
		return -1;
	sc->f = xmalloc((sc->nfiles ? sc->nfiles : 1) * sizeof *sc->f);
	for (size_t i = 0; i < sc->nfiles; i++)
		if (sc->files[i].regular)
			sc->f[sc->n++] = (struct file_rec){ &sc->files[i], 0, FILE_NEW };
	sc->stamp = entities_stamp(dir);
	sc->started = (long long)time(NULL);
	return 0;
}

static void scan_free(struct scan *sc)
{
	store_files_free(sc->files, sc->nfiles);
	free(sc->f);
	free(sc->stamp);
	free(sc->cr);
	strmap_free(&sc->names);
	memset(sc, 0, sizeof *sc);
}

static int scan_read_cached(struct cache *c, struct scan *sc)
{
	sc->ncr = 0;
	strmap_free(&sc->names);
	sqlite3_stmt *st = cache_prepare(c, "SELECT rowid, name, size, mtime, ok FROM article");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = col_text(st, 1);
		strmap_intern(&sc->names, name, strlen(name));
		sc->cr = xgrow(sc->cr, &sc->crcap, sc->ncr + 1, sizeof *sc->cr);
		sc->cr[sc->ncr++] = (struct cached_rec){ sqlite3_column_int64(st, 0),
			sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
			sqlite3_column_int(st, 4) != 0, false };
	}
	sqlite3_finalize(st);
	c->last_rc = rc;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Compares the files with the cached rows; all true re-reads every file. */
static void scan_classify(struct scan *sc, bool all)
{
	sc->nchanged = sc->nnew = sc->nremoved = sc->ncached_ok = 0;
	for (size_t i = 0; i < sc->ncr; i++) {
		sc->cr[i].seen = false;
		sc->ncached_ok += sc->cr[i].ok;
	}
	for (size_t i = 0; i < sc->n; i++) {
		struct file_rec *f = &sc->f[i];
		const char *name = f->file->name;
		size_t k = strmap_find(&sc->names, name, strlen(name));
		if (k == (size_t)-1) {
			f->state = FILE_NEW;
			f->rowid = 0;
			sc->nnew++;
			continue;
		}
		struct cached_rec *r = &sc->cr[k];
		r->seen = true;
		f->rowid = r->rowid;
		f->state = !all && r->size == f->file->size && r->mtime == f->file->mtime_ns
			? FILE_SAME : FILE_CHANGED;
		sc->nchanged += f->state == FILE_CHANGED;
	}
	for (size_t i = 0; i < sc->ncr; i++)
		sc->nremoved += !sc->cr[i].seen;
}

/* ---- refreshing: writing what changed ---- */

struct refresh {
	struct cache *c;
	struct scan *sc;
	struct store estore;		/* empty: gives archive_init its folder */
	struct archive arc;		/* its entity database tags articles */
	struct related_index *rel;	/* fed while reading (a first build) */
	int64_t *docrow;		/* related doc -> rowid */
	size_t ndoc, doccap;
	struct strmap keys;		/* distinct entity keys */
	sqlite3_stmt *ins_art, *ins_ent, *del_ent, *ins_fts, *del_fts, *del_art;
	sqlite3_stmt *del_rel, *ins_rel;
	cache_progress *progress;
	void *ctx;
	struct diag *d;
};

/* The columns of an article row written: these (numbered from 1), then
 * the member columns. */
#define INSERT_COLS "rowid, name, size, mtime, ok, extra, fold, source_fold, days"
enum { INSERT_MEMBERS = 10 };

static sqlite3_stmt *prepare_insert_article(struct cache *c)
{
	struct buf sql = BUF_INIT;
	buf_adds(&sql, "INSERT OR IGNORE INTO article(" INSERT_COLS);
	cache_add_member_names(&sql, false);
	buf_adds(&sql, ") VALUES(?");
	for (size_t i = 1; i < INSERT_MEMBERS - 1 + cache_member_count(); i++)
		buf_adds(&sql, ", ?");
	buf_addc(&sql, ')');
	sqlite3_stmt *st = cache_prepare(c, sql.data);
	buf_free(&sql);
	return st;
}

static int refresh_prepare(struct refresh *rf)
{
	struct cache *c = rf->c;
	/* Plain inserts into tables whose row was deleted first: a statement
	 * that could fail half-way (REPLACE, UNIQUE) opens a savepoint, and
	 * at each savepoint FTS5 writes its pending terms out as a new tiny
	 * segment, which made a first build several times slower. */
	/* the first failure stops, so that c->last_rc keeps its error (a
	 * later success would say SQLITE_OK, and the refresh "succeed") */
	return (rf->ins_art = prepare_insert_article(c)) &&
	       (rf->ins_ent = cache_prepare(c, "INSERT INTO docent VALUES(?, ?)")) &&
	       (rf->del_ent = cache_prepare(c, "DELETE FROM docent WHERE rowid = ?")) &&
	       (rf->ins_fts = cache_prepare(c, "INSERT INTO fts(rowid, title, body,"
					    " ents, etypes) VALUES(?, ?, ?, ?, ?)")) &&
	       (rf->del_fts = cache_prepare(c, "DELETE FROM fts WHERE rowid = ?")) &&
	       (rf->del_art = cache_prepare(c, "DELETE FROM article WHERE rowid = ?")) &&
	       (rf->del_rel = cache_prepare(c, "DELETE FROM related WHERE doc = ?")) &&
	       (rf->ins_rel = cache_prepare(c, "INSERT INTO related VALUES(?, ?)"))
	       ? 0 : -1;
}

static void refresh_free(struct refresh *rf)
{
	sqlite3_finalize(rf->ins_art);
	sqlite3_finalize(rf->ins_ent);
	sqlite3_finalize(rf->del_ent);
	sqlite3_finalize(rf->ins_fts);
	sqlite3_finalize(rf->del_fts);
	sqlite3_finalize(rf->del_art);
	sqlite3_finalize(rf->del_rel);
	sqlite3_finalize(rf->ins_rel);
	if (rf->arc.db)
		archive_free(&rf->arc);
	store_close(&rf->estore);
	related_free(rf->rel);
	free(rf->docrow);
	strmap_free(&rf->keys);
}

/* Runs a prepared statement with one rowid parameter. */
static int run_rowid(struct refresh *rf, sqlite3_stmt *st, int64_t rowid)
{
	sqlite3_bind_int64(st, 1, rowid);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	rf->c->last_rc = rc;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int step_done(struct refresh *rf, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	rf->c->last_rc = rc;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* A file changed in the second of the scan may change again within that
 * second without its time changing (coarse file system clocks): its size
 * is recorded as unknown, so that the next refresh reads it again (git's
 * "racy clean" entries). */
static long long recorded_size(const struct refresh *rf, const struct file_rec *f)
{
	const struct store_file *file = f->file;
	return file->mtime_ns / 1000000000LL >= rf->sc->started ? -1 : file->size;
}

/* Drops everything derived from a file but its row. */
static int refresh_drop_derived(struct refresh *rf, int64_t rowid)
{
	return run_rowid(rf, rf->del_fts, rowid) == 0 &&
	       run_rowid(rf, rf->del_ent, rowid) == 0 &&
	       run_rowid(rf, rf->del_rel, rowid) == 0 ? 0 : -1;
}

/* Deletes every row of a file; its rowid is used again for the new ones. */
static int refresh_forget(struct refresh *rf, int64_t rowid)
{
	return run_rowid(rf, rf->del_art, rowid) == 0 ? refresh_drop_derived(rf, rowid) : -1;
}

/* The article row's first columns: its rowid when it has one, the file's
 * name, size and time, and whether it could be read. */
static void bind_file(struct refresh *rf, const struct file_rec *f, bool ok)
{
	sqlite3_stmt *st = rf->ins_art;
	if (f->rowid)
		sqlite3_bind_int64(st, 1, f->rowid);
	sqlite3_bind_text(st, 2, f->file->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, recorded_size(rf, f));
	sqlite3_bind_int64(st, 4, f->file->mtime_ns);
	sqlite3_bind_int(st, 5, ok);
}

/* A file that could not be read keeps a row (ok = 0) with its size and
 * time, so that it is not read again until it changes. */
static int refresh_failed_row(struct refresh *rf, struct file_rec *f)
{
	if (f->rowid && refresh_forget(rf, f->rowid) != 0)
		return -1;
	bind_file(rf, f, false);
	return step_done(rf, rf->ins_art);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s, size_t n)
{
	sqlite3_bind_text(st, i, s, (int)n, SQLITE_TRANSIENT);
}

static int refresh_article_row(struct refresh *rf, struct file_rec *f,
			       const struct article *a, const struct archive_doc *ad)
{
	sqlite3_stmt *st = rf->ins_art;
	struct buf extra = BUF_INIT, ents = BUF_INIT;
	for (size_t i = 0; i < a->nextra; i++) {
		blob_put_str(&extra, a->extra[i].key);
		blob_put_str(&extra, a->extra[i].value);
	}
	cache_ents_encode(&ents, ad->ents.ent, ad->ents.nent);
	char *fold = store_fold_meta(a);
	size_t sflen;
	char *sfold = text_fold(a->source, strlen(a->source), &sflen, NULL);
	bind_file(rf, f, true);
	sqlite3_bind_blob(st, 6, extra.data ? extra.data : "", (int)extra.len, SQLITE_TRANSIENT);
	bind_str(st, 7, fold, strlen(fold));
	bind_str(st, 8, sfold, sflen);
	sqlite3_bind_int64(st, 9, article_days(a));
	struct cache_col col;
	for (size_t i = 0; cache_member_col(i, &col); i++)
		cache_col_bind(st, INSERT_MEMBERS + (int)i, &col, a);
	int r = step_done(rf, st);
	if (r == 0 && !f->rowid)
		f->rowid = sqlite3_last_insert_rowid(rf->c->db);
	if (r == 0) {
		sqlite3_bind_int64(rf->ins_ent, 1, f->rowid);
		sqlite3_bind_blob(rf->ins_ent, 2, ents.data ? ents.data : "",
				  (int)ents.len, SQLITE_STATIC);
		r = step_done(rf, rf->ins_ent);
	}
	free(fold);
	free(sfold);
	buf_free(&extra);
	buf_free(&ents);
	return r;
}

/* The full-text row: title, plain text, and the entities as words (keys,
 * a token no key has between two, so that a phrase never spans two) and
 * types, for the entity: and type: filters. */
static int refresh_fts_row(struct refresh *rf, const struct file_rec *f,
			   const struct article *a, const struct archive_doc *ad)
{
	struct buf ents = BUF_INIT, types = BUF_INIT;
	bool seen[ENTITY_NTYPES] = { false };
	for (size_t i = 0; i < ad->ents.nent; i++) {
		const struct entity_ref *e = &ad->ents.ent[i];
		buf_addf(&ents, "%s%s", i ? " zq0 " : "", e->key);
		if (e->type > 0 && e->type < ENTITY_NTYPES && !seen[e->type]) {
			seen[e->type] = true;
			buf_addf(&types, "%s ", entity_type_name(e->type));
		}
	}
	sqlite3_stmt *st = rf->ins_fts;
	sqlite3_bind_int64(st, 1, f->rowid);
	bind_str(st, 2, a->title, strlen(a->title));
	bind_str(st, 3, ad->plain, ad->plain_len);
	bind_str(st, 4, buf_str(&ents), ents.len);
	bind_str(st, 5, buf_str(&types), types.len);
	int r = step_done(rf, st);
	buf_free(&ents);
	buf_free(&types);
	return r;
}

static void refresh_count_keys(struct refresh *rf, const struct entity_ref *e,
			       size_t n)
{
	for (size_t i = 0; i < n; i++)
		strmap_intern(&rf->keys, e[i].key, strlen(e[i].key));
}

static void refresh_feed(struct refresh *rf, int64_t rowid, const char *plain,
			 size_t len, const struct entity_ref *e, size_t n, long days)
{
	archive_related_add(rf->rel, plain, len, e, n, days);
	rf->docrow = xgrow(rf->docrow, &rf->doccap, rf->ndoc + 1, sizeof *rf->docrow);
	rf->docrow[rf->ndoc++] = rowid;
	refresh_count_keys(rf, e, n);
}

/* One file read and analysed, waiting to be written. */
struct read_job {
	struct file_rec *f;
	struct article a;
	struct archive_doc ad;
	struct diag d;		/* its messages, passed on in file order */
	int r;			/* article_load's result */
};

/* Reading and analysing a file touches no shared state but the entity
 * database, which is only read: a second thread may do it. */
static void refresh_read(const char *dir, const struct archive *arc,
			 struct read_job *j)
{
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/%s", dir, j->f->file->name);
	memset(&j->d, 0, sizeof j->d);
	j->r = article_load(&j->a, path.data, true, &j->d);
	buf_free(&path);
	if (j->r == 0)
		archive_analyse(arc, &j->a, &j->ad);
}

static void read_job_free(struct read_job *j)
{
	if (j->r == 0) {
		archive_doc_free(&j->ad);
		article_free(&j->a);
	}
	diag_free(&j->d);
}

/* Writes the rows of one file read. */
static int refresh_write(struct refresh *rf, struct read_job *j)
{
	struct file_rec *f = j->f;
	if (rf->d)
		diag_move(rf->d, &j->d);
	if (j->r != 0)
		return refresh_failed_row(rf, f);
	int r = f->rowid ? refresh_forget(rf, f->rowid) : 0;
	if (r == 0)
		r = refresh_article_row(rf, f, &j->a, &j->ad);
	if (r == 0)
		r = refresh_fts_row(rf, f, &j->a, &j->ad);
	if (r == 0 && rf->rel)
		refresh_feed(rf, f->rowid, j->ad.plain, j->ad.plain_len, j->ad.ents.ent,
			     j->ad.ents.nent, article_days(&j->a));
	return r;
}

static int refresh_removed(struct refresh *rf)
{
	struct scan *sc = rf->sc;
	for (size_t i = 0; i < sc->ncr; i++) {
		if (sc->cr[i].seen)
			continue;
		if (refresh_forget(rf, sc->cr[i].rowid) != 0)
			return -1;
	}
	return 0;
}

/* ---- reading files on a second core ---- */

/* Files read ahead of the writer, at most. */
#define READ_AHEAD 32
/* Fewer files than this are read in one thread: a thread costs more. */
#define READ_THREAD_MIN 64

/* The reader thread fills slots in file order; the writer (the calling
 * thread: SQLite and the related index stay in one thread) empties them. */
struct read_pipe {
	pthread_mutex_t mu;
	pthread_cond_t filled, emptied;
	struct read_job slot[READ_AHEAD];
	size_t produced, consumed;	/* counts; slot = count % READ_AHEAD */
	bool stop;			/* the writer failed: read no more */
	struct file_rec **todo;
	size_t ntodo;
	const char *dir;
	const struct archive *arc;
};

static void *read_thread(void *arg)
{
	struct read_pipe *p = arg;
	for (size_t k = 0; k < p->ntodo; k++) {
		pthread_mutex_lock(&p->mu);
		while (p->produced - p->consumed == READ_AHEAD && !p->stop)
			pthread_cond_wait(&p->emptied, &p->mu);
		bool stop = p->stop;
		pthread_mutex_unlock(&p->mu);
		if (stop)
			break;
		struct read_job *j = &p->slot[k % READ_AHEAD];
		j->f = p->todo[k];
		refresh_read(p->dir, p->arc, j);
		pthread_mutex_lock(&p->mu);
		p->produced++;
		pthread_cond_signal(&p->filled);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

static struct read_job *pipe_next(struct read_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	while (p->produced == p->consumed)
		pthread_cond_wait(&p->filled, &p->mu);
	pthread_mutex_unlock(&p->mu);
	return &p->slot[p->consumed % READ_AHEAD];
}

static void pipe_done(struct read_pipe *p)
{
	pthread_mutex_lock(&p->mu);
	p->consumed++;
	pthread_cond_signal(&p->emptied);
	pthread_mutex_unlock(&p->mu);
}

/* Stops the reader (after a failure) and frees what it read ahead. */
static void pipe_finish(struct read_pipe *p, pthread_t th)
{
	pthread_mutex_lock(&p->mu);
	p->stop = true;
	pthread_cond_signal(&p->emptied);
	pthread_mutex_unlock(&p->mu);
	pthread_join(th, NULL);
	for (; p->consumed < p->produced; p->consumed++)
		read_job_free(&p->slot[p->consumed % READ_AHEAD]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->emptied);
}

static int refresh_files_threaded(struct refresh *rf, struct file_rec **todo,
				  size_t n)
{
	struct read_pipe p;
	memset(&p, 0, sizeof p);
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.filled, NULL);
	pthread_cond_init(&p.emptied, NULL);
	p.todo = todo;
	p.ntodo = n;
	p.dir = rf->c->dir;
	p.arc = &rf->arc;
	pthread_t th;
	if (pthread_create(&th, NULL, read_thread, &p) != 0) {
		pthread_mutex_destroy(&p.mu);
		pthread_cond_destroy(&p.filled);
		pthread_cond_destroy(&p.emptied);
		return 1;	/* no thread: the caller reads alone */
	}
	int r = 0;
	for (size_t k = 0; k < n && r == 0; k++) {
		struct read_job *j = pipe_next(&p);
		r = refresh_write(rf, j);
		read_job_free(j);
		pipe_done(&p);
		if (rf->progress)
			rf->progress(rf->ctx, "reading", k + 1, n);
	}
	pipe_finish(&p, th);
	return r;
}

static int refresh_files(struct refresh *rf)
{
	struct scan *sc = rf->sc;
	size_t n = 0;
	struct file_rec **todo = xmalloc((sc->n ? sc->n : 1) * sizeof *todo);
	for (size_t i = 0; i < sc->n; i++)
		if (sc->f[i].state != FILE_SAME)
			todo[n++] = &sc->f[i];
	int r = n >= READ_THREAD_MIN ? refresh_files_threaded(rf, todo, n) : 1;
	if (r == 1) {
		r = 0;
		for (size_t k = 0; k < n && r == 0; k++) {
			struct read_job j = { todo[k], { 0 }, { 0 }, DIAG_INIT, 0 };
			refresh_read(rf->c->dir, &rf->arc, &j);
			r = refresh_write(rf, &j);
			read_job_free(&j);
			if (rf->progress)
				rf->progress(rf->ctx, "reading", k + 1, n);
		}
	}
	free(todo);
	return r;
}

/* Feeds the related index from the cache (plain text and entities of every
 * readable article), when only some files were read. */
static int refresh_feed_cached(struct refresh *rf)
{
	sqlite3_stmt *st = cache_prepare(rf->c, "SELECT a.rowid, a.days, e.ents,"
		" f.body FROM article a CROSS JOIN docent e ON e.rowid = a.rowid"
		" CROSS JOIN fts f ON f.rowid = a.rowid WHERE a.ok ORDER BY a.rowid");
	if (!st)
		return -1;
	struct entity_ref *refs = NULL;
	size_t cap = 0, total = rf->sc->n, done = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t n = cache_ents_decode(sqlite3_column_blob(st, 2),
					     (size_t)sqlite3_column_bytes(st, 2), &refs, &cap);
		const char *body = col_text(st, 3);
		refresh_feed(rf, sqlite3_column_int64(st, 0), body,
			     (size_t)sqlite3_column_bytes(st, 3), refs, n,
			     (long)sqlite3_column_int64(st, 1));
		if (rf->progress && ++done % 256 == 0)
			rf->progress(rf->ctx, "related", done, total);
	}
	free(refs);
	sqlite3_finalize(st);
	rf->c->last_rc = rc;
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Writes every related list and thread, after related_finish. */
static int refresh_write_related(struct refresh *rf)
{
	if (cache_exec(rf->c, "DELETE FROM related") != 0)
		return -1;
	struct related_hit hit[RELATED_MAX];
	struct buf b = BUF_INIT;
	int r = 0;
	for (size_t d = 0; d < rf->ndoc && r == 0; d++) {
		size_t n = related_top(rf->rel, d, hit, RELATED_MAX);
		buf_reset(&b);
		cache_hits_encode(&b, hit, n, rf->docrow);
		sqlite3_bind_int64(rf->ins_rel, 1, rf->docrow[d]);
		sqlite3_bind_blob(rf->ins_rel, 2, b.data ? b.data : "", (int)b.len, SQLITE_STATIC);
		r = step_done(rf, rf->ins_rel);
		if (rf->progress && (d + 1) % 256 == 0)
			rf->progress(rf->ctx, "saving", d + 1, rf->ndoc);
	}
	/* the threads: (rowid, thread) pairs */
	buf_reset(&b);
	for (size_t d = 0; d < rf->ndoc; d++) {
		blob_put_u64(&b, (uint64_t)rf->docrow[d]);
		blob_put_u32(&b, (uint32_t)related_thread_of(rf->rel, d));
	}
	if (r == 0)
		r = cache_info_set_blob(rf->c, "thread_map", b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

static int refresh_info(struct refresh *rf, struct cache_stats *st)
{
	st->articles = rf->ndoc;
	st->entities = rf->keys.n;
	st->threads = related_thread_count(rf->rel);
	st->related = true;
	struct cache *c = rf->c;
	return cache_info_set(c, "entities_file", rf->sc->stamp, 0) == 0 &&
	       cache_info_set(c, "articles", NULL, (long long)st->articles) == 0 &&
	       cache_info_set(c, "entities", NULL, (long long)st->entities) == 0 &&
	       cache_info_set(c, "threads", NULL, (long long)st->threads) == 0 &&
	       cache_info_set(c, "built", NULL, 1) == 0 ? 0 : -1;
}

/* Inside the write transaction: everything that changed, then the related
 * lists of the whole archive. */
static int refresh_apply(struct refresh *rf, struct cache_stats *st)
{
	struct scan *sc = rf->sc;
	/* a first build feeds the related index while it reads; otherwise the
	 * unchanged articles come from the cache after the changes are in */
	bool first = sc->ncached_ok == 0 && sc->nremoved == 0;
	store_init(&rf->estore, rf->c->dir);
	archive_init(&rf->arc, &rf->estore, rf->d);
	rf->rel = related_new();
	if (!first) {
		related_free(rf->rel);
		rf->rel = NULL;
	}
	if (refresh_prepare(rf) != 0 || refresh_removed(rf) != 0 ||
	    refresh_files(rf) != 0)
		return -1;
	if (!first) {
		rf->rel = related_new();
		if (refresh_feed_cached(rf) != 0)
			return -1;
	}
	if (rf->progress)
		rf->progress(rf->ctx, "related", rf->ndoc, rf->ndoc);
	related_finish(rf->rel);
	if (refresh_write_related(rf) != 0 || refresh_info(rf, st) != 0)
		return -1;
	st->added = sc->nnew;
	st->changed = sc->nchanged;
	st->removed = sc->nremoved;
	return 0;
}

/* ---- refreshing: the whole ---- */

/* A first build writes the whole database once through a rollback journal:
 * in WAL mode each page would be written to the log, often several times
 * while FTS5 merges, and then again to the database. Switching needs the
 * only connection; when another process has the cache open the build just
 * stays in WAL mode. Returns whether the mode was set. */
static bool cache_journal(struct cache *c, const char *mode, int wait_ms)
{
	sqlite3_busy_timeout(c->db, wait_ms);
	struct buf sql = BUF_INIT;
	buf_addf(&sql, "PRAGMA journal_mode=%s", mode);
	sqlite3_stmt *st = cache_prepare(c, sql.data);
	bool ok = st && sqlite3_step(st) == SQLITE_ROW &&
		  strcasecmp(col_text(st, 0), mode) == 0;
	sqlite3_finalize(st);
	buf_free(&sql);
	sqlite3_busy_timeout(c->db, CACHE_BUSY_MS);
	return ok;
}

static void stats_from_info(struct cache *c, struct cache_stats *st)
{
	st->articles = (size_t)cache_info_int(c, "articles", 0);
	st->entities = (size_t)cache_info_int(c, "entities", 0);
	st->threads = (size_t)cache_info_int(c, "threads", 0);
}

/* Reads the cached rows and compares; true when something must be done. */
static int refresh_check(struct cache *c, struct scan *sc, bool *todo)
{
	if (scan_read_cached(c, sc) != 0)
		return -1;
	char *stamp = cache_info_text(c, "entities_file");
	bool all = !stamp || strcmp(stamp, sc->stamp) != 0;
	free(stamp);
	scan_classify(sc, all);
	*todo = sc->nchanged || sc->nnew || sc->nremoved ||
		!cache_info_int(c, "built", 0);
	return 0;
}

/* One attempt: 1 changed, 0 current, -1 SQLite failed (c->last_rc). */
static int refresh_once(struct cache *c, struct scan *sc, cache_progress *progress,
			void *ctx, struct cache_stats *st, struct diag *d)
{
	bool todo;
	if (refresh_check(c, sc, &todo) != 0)
		return -1;
	if (!todo)
		return 0;
	bool first = sc->ncached_ok == 0 && !c->memory && cache_journal(c, "DELETE", 0);
	/* no fsync at each spill of the page cache: a first build that a
	 * crash interrupts leaves a cache that is found damaged and rebuilt */
	if (first)
		cache_exec(c, "PRAGMA synchronous=OFF");
	if (cache_exec(c, "BEGIN IMMEDIATE") != 0) {
		if (first)
			cache_journal(c, "WAL", CACHE_BUSY_MS);
		return -1;
	}
	/* another process may have done the work while this one waited */
	int r = refresh_check(c, sc, &todo);
	struct refresh rf = { .c = c, .sc = sc, .progress = progress, .ctx = ctx, .d = d };
	if (r == 0 && todo)
		r = refresh_apply(&rf, st);
	refresh_free(&rf);
	int rc = c->last_rc;
	if (r == 0 && cache_exec(c, "COMMIT") == 0)
		rc = SQLITE_OK;
	if (rc == SQLITE_OK && !todo)
		stats_from_info(c, st);	/* another process did it: its figures */
	else
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	if (first) {
		cache_exec(c, "PRAGMA synchronous=NORMAL");
		cache_journal(c, "WAL", CACHE_BUSY_MS);
	}
	c->last_rc = rc;
	return rc == SQLITE_OK ? 1 : -1;
}

static int refresh_reload(struct cache *c, struct store *s, struct archive *a,
			  bool changed, struct diag *d)
{
	if (s && (changed || !s->dir)) {
		if (a && a->db)
			archive_free(a);
		if (s->dir)
			store_close(s);
		cache_load(c, s, d);
	}
	if (s && a && (changed || !a->db)) {
		if (a->db)
			archive_free(a);
		cache_load_archive(c, s, a, d);
	}
	return 0;
}

int cache_refresh(struct cache *c, struct store *s, struct archive *a,
		  cache_progress *progress, void *ctx, struct cache_stats *st,
		  struct diag *d)
{
	struct cache_stats local;
	st = st ? st : &local;
	memset(st, 0, sizeof *st);
	struct scan sc;
	memset(&sc, 0, sizeof sc);
	if (scan_dir(c->dir, &sc, d) != 0)
		return -1;
	int r = refresh_once(c, &sc, progress, ctx, st, d);
	if (r < 0 && cache_rc_damaged(c->last_rc)) {
		cache_check_damage(c, c->last_rc, d);
		r = refresh_once(c, &sc, progress, ctx, st, d);
	}
	if (r < 0) {
		diag_add(d, c->path, 0, "cannot update the index cache: %s",
			 sqlite3_errstr(c->last_rc));
		scan_free(&sc);
		return -1;
	}
	if (r == 0)
		stats_from_info(c, st);
	scan_free(&sc);
	refresh_reload(c, s, a, r == 1, d);
	return r;
}
