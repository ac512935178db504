/* cache.c: the index cache's storage: the SQLite database of an articles
 * folder, opened (and repaired) here, its schema and record formats, and
 * what is read back from it: the store, the archive, the related lists.
 * cache_build.c brings it up to date with the files. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "blob.h"
#include "cache_int.h"
#include "hash.h"
#include "rank.h"
#include "search.h"
#include "xdg.h"

/* ---- the schema ---- */

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
	{ "text_lang", COL_STR, offsetof(struct article, text_lang) },
};
#define NMEMBER_COLS (sizeof member_cols / sizeof *member_cols)

/* Fills c->cols: id, a column per front-matter key, the rest of
 * member_cols. */
static void cache_member_cols(struct cache *c)
{
	c->ncols = NMEMBER_COLS + article_nkeys;
	c->cols = xmalloc(c->ncols * sizeof *c->cols);
	c->cols[0] = member_cols[0];
	for (size_t i = 0; i < article_nkeys; i++)
		c->cols[1 + i] = (struct cache_col){ article_keys[i].name, COL_STR,
						     article_keys[i].offset };
	for (size_t i = 1; i < NMEMBER_COLS; i++)
		c->cols[article_nkeys + i] = member_cols[i];
}

void cache_add_member_names(const struct cache *c, struct buf *sql, bool types)
{
	for (size_t i = 0; i < c->ncols; i++)
		buf_addf(sql, ", \"%s\"%s", c->cols[i].name, !types ? ""
			 : c->cols[i].kind == COL_STR ? " TEXT" : " INTEGER");
}

void cache_col_bind(sqlite3_stmt *st, int i, const struct cache_col *col,
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

const char *cache_col_text(sqlite3_stmt *st, int i)
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
		*(char **)p = xstrdup(cache_col_text(st, i));
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
 * are one blob in info: a start reads them at once. stem: every word the
 * full-text index has seen in an article of language lang (rank.h), with
 * its stem in that language, so that a search finds the other forms of a
 * word (search.c); words of articles gone stay (they then match nothing). */
static void cache_schema(const struct cache *c, struct buf *sql)
{
	buf_adds(sql, "CREATE TABLE info(key TEXT PRIMARY KEY, value);"
		 "CREATE TABLE article(rowid INTEGER PRIMARY KEY, name TEXT NOT NULL"
		 " UNIQUE, size INTEGER, mtime INTEGER, ok INTEGER");
	cache_add_member_names(c, sql, true);
	buf_adds(sql, ", extra BLOB, fold TEXT, source_fold TEXT, days INTEGER);"
		 "CREATE TABLE docent(rowid INTEGER PRIMARY KEY, ents BLOB);"
		 /* counts by date need not read rows */
		 "CREATE INDEX article_date ON article(date, ok);"
		 "CREATE VIRTUAL TABLE fts USING fts5(title, body, ents, etypes,"
		 " tokenize = 'filo');"
		 "CREATE TABLE related(doc INTEGER PRIMARY KEY, hits BLOB);"
		 "CREATE TABLE stem(lang TEXT, stem TEXT, word TEXT,"
		 " PRIMARY KEY(lang, stem, word)) WITHOUT ROWID;");
}

/* The version of a schema, as PRAGMA user_version keeps it: CACHE_VERSION
 * in the last two digits, a hash of the schema's text before them, so
 * that a new column (a new front-matter key) needs no bump. Never 0, the
 * version of an empty file. */
static int cache_schema_version(const struct buf *schema)
{
	return (int)(hash_fnv32(schema->data, schema->len) % 100000) * 100 + CACHE_VERSION;
}

/* ---- small helpers ---- */

int cache_exec(struct cache *c, const char *sql)
{
	int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
	c->last_rc = rc;
	return rc == SQLITE_OK ? 0 : -1;
}

sqlite3_stmt *cache_prepare(struct cache *c, const char *sql)
{
	sqlite3_stmt *st = NULL;
	c->last_rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
	return c->last_rc == SQLITE_OK ? st : NULL;
}

long long cache_info_int(struct cache *c, const char *key, long long def)
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
char *cache_info_text(struct cache *c, const char *key)
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

int cache_info_set(struct cache *c, const char *key, const char *text,
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

int cache_info_set_blob(struct cache *c, const char *key,
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

bool cache_rc_damaged(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

bool cache_rc_unwritable(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_READONLY ||
	       rc == SQLITE_CANTOPEN || rc == SQLITE_PERM;
}

static const struct xdg_kind cache_kind = { "XDG_CACHE_HOME", ".cache", ".db", true };

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

/* The database file and those SQLite keeps beside it. */
static const char *const cache_suffix[] = { "", "-wal", "-shm", "-journal" };
#define NCACHE_SUFFIX (sizeof cache_suffix / sizeof *cache_suffix)

static void cache_unlink(const char *path)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < NCACHE_SUFFIX; i++) {
		buf_reset(&b);
		buf_addf(&b, "%s%s", path, cache_suffix[i]);
		unlink(b.data);
	}
	buf_free(&b);
}

/* SQLite opens its files without O_NONBLOCK: a FIFO in place of one of
 * them would hang it, a device would be written to. Anything there that
 * is not a regular file makes the cache unusable (why says which). */
static bool cache_files_special(const char *path, struct buf *why)
{
	struct buf b = BUF_INIT;
	bool special = false;
	for (size_t i = 0; i < NCACHE_SUFFIX && !special; i++) {
		buf_reset(&b);
		buf_addf(&b, "%s%s", path, cache_suffix[i]);
		if (file_regular_or_absent(b.data) != 0) {
			special = true;
			if (i)
				buf_addf(why, "%s: ", b.data);
			buf_adds(why, buf_read_error(errno));
		}
	}
	buf_free(&b);
	return special;
}

/* A damaged file that SQLite might not notice at once: not an SQLite
 * header, or shorter than its header says (truncated) while no WAL holds
 * pages of it. */
static bool cache_file_damaged(const char *path)
{
	int fd = file_open_regular(path, O_RDONLY | O_NOFOLLOW, 0);
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
	c->rank = NULL;	/* freed with the connection */
}

/* ---- opening ---- */

/* Reads the file's PRAGMA user_version into *version; -1 when it cannot
 * be read (c->last_rc says why: a damaged file, or one that cannot be
 * written, as the -shm file SQLite makes to read in WAL mode). */
static int cache_user_version(struct cache *c, int *version)
{
	sqlite3_stmt *st = cache_prepare(c, "PRAGMA user_version");
	if (!st)
		return -1;
	bool row = sqlite3_step(st) == SQLITE_ROW;
	*version = row ? sqlite3_column_int(st, 0) : -1;
	c->last_rc = sqlite3_finalize(st);
	return row && c->last_rc == SQLITE_OK ? 0 : -1;
}

/* The objects of db's schema, a line each (type, name, table, SQL), in
 * order; an SQLite result code. */
static int cache_schema_list(sqlite3 *db, struct buf *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM"
				    " sqlite_schema ORDER BY type, name", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (int i = 0; i < 4; i++)
			buf_addf(out, "%s%c", cache_col_text(st, i), i < 3 ? '\t' : '\n');
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* What the schema of a cache made by this filo lists (FTS5's own tables
 * and SQLite's indexes included), made once per process in memory. */
static const char *cache_schema_wanted(const struct buf *schema)
{
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	static char *wanted;
	pthread_mutex_lock(&mu);
	if (!wanted) {
		sqlite3 *db;
		struct buf list = BUF_INIT;
		if (sqlite3_open(":memory:", &db) == SQLITE_OK && rank_register(db) &&
		    sqlite3_exec(db, schema->data, NULL, NULL, NULL) == SQLITE_OK)
			cache_schema_list(db, &list);
		sqlite3_close(db);
		wanted = buf_detach(&list, NULL);
	}
	pthread_mutex_unlock(&mu);
	return wanted;
}

/* A cache whose schema is not exactly filo's (a trigger, a view or a
 * table of someone else's, a table dropped or altered) would fail every
 * write, or answer wrongly, for good: it counts as damaged. An empty file
 * (version 0) must hold nothing. */
static bool cache_schema_foreign(struct cache *c, const struct buf *schema,
				 int version)
{
	struct buf have = BUF_INIT;
	c->last_rc = cache_schema_list(c->db, &have);
	bool foreign = c->last_rc == SQLITE_OK &&
		strcmp(buf_str(&have), version ? cache_schema_wanted(schema) : "") != 0;
	buf_free(&have);
	return foreign;
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
	cache_schema(c, &sql);
	int want = cache_schema_version(&sql);
	if (version != 0 && version != want) {
		buf_free(&sql);
		c->last_rc = SQLITE_NOTADB;	/* another version: start anew */
		c->old_version = true;
		return -1;
	}
	if (!c->memory && cache_schema_foreign(c, &sql, version)) {
		buf_free(&sql);
		c->last_rc = SQLITE_NOTADB;
		return -1;
	}
	if (c->last_rc != SQLITE_OK || version != 0) {
		buf_free(&sql);
		return c->last_rc == SQLITE_OK ? 0 : -1;
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

/* Why the last call failed: "File too large" or "No space left on
 * device" say more than SQLite's "disk I/O error". */
static const char *cache_why(const struct cache *c)
{
	return c->last_errno && cache_rc_unwritable(c->last_rc) ? strerror(c->last_errno)
							       : sqlite3_errstr(c->last_rc);
}

static int cache_try_open(struct cache *c, const char *file)
{
	c->memory = strcmp(file, ":memory:") == 0;
	c->last_rc = sqlite3_open_v2(file, &c->db, SQLITE_OPEN_READWRITE |
				     SQLITE_OPEN_CREATE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (c->last_rc == SQLITE_OK && (!(c->rank = rank_register(c->db)) ||
					search_register(c->db) != 0))
		c->last_rc = SQLITE_ERROR;	/* an SQLite without FTS5 */
	if (c->last_rc == SQLITE_OK && cache_setup(c) == 0)
		return 0;
	c->last_errno = c->db ? sqlite3_system_errno(c->db) : 0;
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
	cache_member_cols(c);
	struct buf why = BUF_INIT;
	c->path = cache_file_name(dir, &why);
	if (!c->path || cache_files_special(c->path, &why)) {
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
	cache_open_memory(c, cache_why(c), d);
	return 1;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	cache_close_db(c);
	strmap_free(&c->strs);
	free(c->cols);
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

struct rank *cache_rank(struct cache *c)
{
	return c->rank;
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
		cache_open_memory(c, cache_why(c), d);
	c->nrowid = 0;
}

void cache_to_memory(struct cache *c, struct diag *d)
{
	diag_add(d, c->path, 0, "cannot write the index cache: %s (working in memory)",
		 cache_why(c));
	cache_close_db(c);
	free(c->path);
	c->path = xstrdup(":memory:");
	if (cache_try_open(c, ":memory:") != 0)
		abort();	/* an in-memory database fails only without memory */
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

/* The unknown keys of an article: key and value (NUL-terminated) in turn. */
void cache_extra_encode(struct buf *b, const struct article *a)
{
	for (size_t i = 0; i < a->nextra; i++) {
		blob_put_str(b, a->extra[i].key);
		blob_put_str(b, a->extra[i].value);
	}
}

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
	buf_addf(&path, "%s/%s", s->dir, cache_col_text(st, 1));
	a.path = buf_detach(&path, NULL);
	a.size = sqlite3_column_int64(st, 2);
	a.mtime = sqlite3_column_int64(st, 3) / 1000000000;
	load_extra(&a, sqlite3_column_blob(st, 4), (size_t)sqlite3_column_bytes(st, 4));
	for (size_t i = 0; i < c->ncols; i++)
		cache_col_load(st, LOAD_MEMBERS + (int)i, &c->cols[i], &a);
	c->rowid = xgrow(c->rowid, &c->rowcap, s->n + 1, sizeof *c->rowid);
	c->rowid[s->n] = sqlite3_column_int64(st, 0);
	store_add(s, &a, xstrdup(cache_col_text(st, 5)));
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
	cache_add_member_names(c, &sql, false);
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
void cache_ents_encode(struct buf *b, const struct entity_ref *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		blob_put_u8(b, (unsigned)e[i].type);
		blob_put_u32(b, (uint32_t)e[i].count);
		blob_put_str(b, e[i].key);
		blob_put_str(b, e[i].name);
	}
}

/* Decodes into *refs (strings point into the blob); returns how many. */
size_t cache_ents_decode(const void *blob, size_t len, struct entity_ref **refs,
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

/* The threads, one blob in info (thread_map): (rowid (8), thread (4))
 * pairs. */
void cache_thread_put(struct buf *b, int64_t rowid, uint32_t thread)
{
	blob_put_u64(b, (uint64_t)rowid);
	blob_put_u32(b, thread);
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
void cache_hits_encode(struct buf *b, const struct related_hit *h, size_t n,
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

