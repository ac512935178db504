/* test_cache.c: the index cache against the files: first build, edits,
 * deletions, additions, damaged and old caches, a cache that cannot be
 * created, two processes at once, and agreement with archive_build. */
#include <fcntl.h>
#include <stdarg.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "t.h"
#include "buf.h"
#include "cache.h"

static char root[64];
static char dir[128];

static void write_at(const char *name, long long mtime, const char *fmt, ...)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fclose(f);
	/* explicit times: a change must be seen even within one clock tick */
	struct timespec ts[2] = { { mtime, 0 }, { mtime, 0 } };
	utimensat(AT_FDCWD, path, ts, 0);
}

static void write_article(const char *id, const char *title, const char *date,
			  const char *body, long long mtime)
{
	char name[128];
	snprintf(name, sizeof name, "%s.md", id);
	write_at(name, mtime, "---\ntitle: %s\ndate: %s\nsource: Test Wire\nlang: it\n"
		 "url: https://example.org/%s\ntags: prova, %s\n---\n\n%s\n",
		 title, date, id, id, body);
}

static const char *const bodies[] = {
	"Giulia Ferretti ha incontrato a Roma i vertici della Banca Centrale Europea. "
	"Giulia Ferretti ha detto che la riforma delle pensioni arriverà presto.",
	"A Roma la riforma delle pensioni divide il governo. Giulia Ferretti e "
	"Marco Bianchi discutono della riforma con la Banca Centrale Europea.",
	"Il porto di Genova riapre dopo la tempesta. Il sindaco di Genova, Paolo "
	"Conti, ringrazia i lavoratori del porto.",
	"Genova: il porto torna a lavorare. Paolo Conti annuncia nuovi fondi per il porto.",
	"A Tokyo la Toyota presenta una nuova auto elettrica. Kenji Tanaka guida il progetto.",
};

static void make_folder(void)
{
	t_archive_dir(root, sizeof root, dir, sizeof dir, "cache");
	char id[16], title[64], date[32];
	for (int i = 0; i < 5; i++) {
		snprintf(id, sizeof id, "art%d", i);
		snprintf(title, sizeof title, "Articolo numero %d", i);
		snprintf(date, sizeof date, "2023-09-%02d", 10 + i);
		write_article(id, title, date, bodies[i], 1700000000 + i);
	}
}

static void remove_folder(void)
{
	T_EQ_INT(t_remove_tree(root), 0);
}

/* Opens, refreshes and loads; returns the refresh's result. */
static int refresh(struct cache_stats *st, struct diag *d)
{
	struct cache *c;
	cache_open(&c, dir, d);
	struct store s = { 0 };
	struct archive a = { 0 };
	int r = cache_refresh(c, &s, &a, NULL, NULL, st, d);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	return r;
}

static bool diag_has(const struct diag *d, const char *what)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->msg[i], what))
			return true;
	return false;
}

static char *cache_file(void)
{
	struct cache *c;
	struct diag d = DIAG_INIT;
	cache_open(&c, dir, &d);
	char *p = xstrdup(cache_path(c));
	cache_close(c);
	diag_free(&d);
	return p;
}

TEST(build_then_current)
{
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.articles, 5);
	T_EQ_INT(st.added, 5);
	T_OK(st.related);
	T_OK(st.entities > 0);
	T_EQ_INT(refresh(&st, &d), 0);
	T_EQ_INT(st.articles, 5);
	T_EQ_INT(st.added + st.changed + st.removed, 0);
	T_OK(!st.related);
	T_EQ_INT(d.n, 0);
	char *path = cache_file();
	T_OK(strstr(path, "/filo/articles-") != NULL);
	T_OK(strlen(path) > 20 && strcmp(path + strlen(path) - 3, ".db") == 0);
	free(path);
	diag_free(&d);
}

/* The cached store equals a scan of the folder, field by field. */
TEST(load_matches_scan)
{
	struct diag d = DIAG_INIT;
	struct cache *c;
	T_EQ_INT(cache_open(&c, dir, &d), 0);
	struct store s, ref;
	T_EQ_INT(cache_load(c, &s, &d), 0);
	T_EQ_INT(store_open(&ref, dir, &d), 0);
	T_EQ_INT(s.n, ref.n);
	for (size_t i = 0; i < s.n && i < ref.n; i++) {
		T_EQ_STR(s.art[i].id, ref.art[i].id);
		for (size_t k = 0; k < article_nkeys; k++)	/* every front-matter key */
			T_EQ_STR(*article_key_value(&s.art[i], &article_keys[k]),
				 *article_key_value(&ref.art[i], &article_keys[k]));
		T_EQ_STR(s.art[i].path, ref.art[i].path);
		T_EQ_STR(s.fold[i], ref.fold[i]);
		T_EQ_INT(s.art[i].year, ref.art[i].year);
		T_EQ_INT(s.art[i].day, ref.art[i].day);
		T_EQ_INT(s.art[i].size, ref.art[i].size);
		T_EQ_INT(s.art[i].body_line, ref.art[i].body_line);
		T_OK(s.art[i].body == NULL);
	}
	T_OK(store_find(&s, "art3") == 3);
	/* the first screen: the first rows of the full order, for each key */
	for (int key = 0; key < STORE_SORT_COUNT; key++) {
		size_t all[8], part[8];
		struct store first;
		T_EQ_INT(cache_load_first(c, &first, (enum store_sort)key, 3, &d), 0);
		T_EQ_INT(first.n, 3);
		for (size_t i = 0; i < s.n; i++)
			all[i] = i;
		for (size_t i = 0; i < first.n; i++)
			part[i] = i;
		store_sort(&s, all, s.n, (enum store_sort)key, false);
		store_sort(&first, part, first.n, (enum store_sort)key, false);
		for (size_t i = 0; i < first.n; i++)
			T_EQ_STR(first.art[part[i]].id, s.art[all[i]].id);
		store_close(&first);
	}
	store_close(&ref);
	store_close(&s);
	cache_close(c);
	diag_free(&d);
}

static bool same_thread(const struct archive *a, size_t x, size_t y)
{
	return archive_thread_of(a, x) == archive_thread_of(a, y);
}

/* Entities, related lists and threads from the cache are what
 * archive_build computes from the files. */
TEST(archive_matches_build)
{
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	struct store s;
	struct archive a, ref;
	T_EQ_INT(cache_load(c, &s, &d), 0);
	T_EQ_INT(cache_load_archive(c, &s, &a, &d), 0);
	archive_build(&ref, &s, &d);
	T_OK(a.rel == NULL);
	T_EQ_INT(a.nent, ref.nent);
	for (size_t i = 0; i < s.n; i++) {
		T_EQ_INT(a.doc_nent[i], ref.doc_nent[i]);
		for (size_t k = 0; k < a.doc_nent[i] && k < ref.doc_nent[i]; k++) {
			T_EQ_STR(a.ent[a.doc_ent[i][k].entity].name,
				 ref.ent[ref.doc_ent[i][k].entity].name);
			T_EQ_INT(a.doc_ent[i][k].count, ref.doc_ent[i][k].count);
		}
		struct related_hit h1[RELATED_MAX], h2[RELATED_MAX];
		size_t n1 = archive_related(&a, i, h1, RELATED_MAX);
		size_t n2 = archive_related(&ref, i, h2, RELATED_MAX);
		T_EQ_INT(n1, n2);
		for (size_t k = 0; k < n1 && k < n2; k++) {
			T_EQ_INT(h1[k].doc, h2[k].doc);
			T_OK(h1[k].score == h2[k].score);
			T_EQ_INT(h1[k].nent, h2[k].nent);
			if (h1[k].nent && h2[k].nent)
				T_EQ_STR(h1[k].shared_entities[0], h2[k].shared_entities[0]);
		}
		for (size_t j = 0; j < s.n; j++)
			T_OK(same_thread(&a, i, j) == same_thread(&ref, i, j));
	}
	T_EQ_INT(archive_thread_count(&a), archive_thread_count(&ref));
	/* the two Genova articles are one story */
	T_OK(same_thread(&a, 2, 3));
	size_t m[8];
	size_t t = archive_thread_of(&a, 2);
	T_EQ_INT(archive_thread_members(&a, t, m, 8), 2);
	T_EQ_INT(m[0], 2);
	T_EQ_INT(m[1], 3);
	T_OK(archive_entity_find(&a, "giulia ferretti") >= 0);
	archive_free(&ref);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	diag_free(&d);
}

TEST(edit_delete_add)
{
	struct store s;
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	/* edit: new title, new size, new time */
	write_article("art1", "Titolo cambiato", "2023-09-11", bodies[1], 1700001000);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.changed, 1);
	T_EQ_INT(st.added + st.removed, 0);
	T_OK(st.related);
	struct cache *c;
	cache_open(&c, dir, &d);
	T_EQ_INT(cache_load(c, &s, &d), 0);
	T_EQ_STR(s.art[1].title, "Titolo cambiato");
	store_close(&s);
	cache_close(c);
	/* same size, new time: read again all the same */
	write_article("art1", "Titolo cambiatO", "2023-09-11", bodies[1], 1700002000);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.changed, 1);
	cache_open(&c, dir, &d);
	cache_load(c, &s, &d);
	T_EQ_STR(s.art[1].title, "Titolo cambiatO");
	store_close(&s);
	cache_close(c);
	/* delete */
	char path[256];
	snprintf(path, sizeof path, "%s/art4.md", dir);
	T_EQ_INT(unlink(path), 0);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.removed, 1);
	T_EQ_INT(st.articles, 4);
	/* add */
	write_article("art5", "Nuovo a Genova", "2023-09-20", bodies[3], 1700003000);
	write_article("art0b", "Sorted between", "2023-09-21", bodies[2], 1700003000);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.added, 2);
	T_EQ_INT(st.articles, 6);
	cache_open(&c, dir, &d);
	T_EQ_INT(cache_load(c, &s, &d), 0);
	T_EQ_INT(s.n, 6);
	T_EQ_STR(s.art[1].id, "art0b");
	T_OK(store_find(&s, "art4") < 0);
	T_OK(store_find(&s, "art5") >= 0);
	struct archive arc;
	T_EQ_INT(cache_load_archive(c, &s, &arc, &d), 0);
	/* the new Genova articles joined the story of the old ones */
	T_OK(archive_thread_of(&arc, 3) == archive_thread_of(&arc, (size_t)store_find(&s, "art5")));
	archive_free(&arc);
	store_close(&s);
	cache_close(c);
	T_EQ_INT(refresh(&st, &d), 0);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* An edit in the same second as the refresh, same size, same time (a
 * coarse clock): seen all the same, by the next refresh. */
TEST(racy_edit)
{
	struct store s;
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	long long t = (long long)time(NULL) + 1;	/* "now", and so racy */
	write_article("racy", "Prima versione", "2023-09-30", bodies[0], t);
	T_EQ_INT(refresh(&st, &d), 1);
	write_article("racy", "Altra versione", "2023-09-30", bodies[0], t);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.changed, 1);
	struct cache *c;
	cache_open(&c, dir, &d);
	cache_load(c, &s, &d);
	long i = store_find(&s, "racy");
	T_OK(i >= 0 && strcmp(s.art[i].title, "Altra versione") == 0);
	store_close(&s);
	cache_close(c);
	char path[256];
	snprintf(path, sizeof path, "%s/racy.md", dir);
	T_EQ_INT(unlink(path), 0);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.removed, 1);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* The size column of the cached row of file name. */
static long long cached_size(const char *name)
{
	char *path = cache_file();
	sqlite3 *db;
	sqlite3_stmt *q = NULL;
	long long size = 0;
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, "SELECT size FROM article WHERE name = ?",
			       -1, &q, NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			size = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	free(path);
	return size;
}

/* A file written in the second of the refresh is read again by the next
 * one, and is no change when its content is the same: a start right after
 * an import or a fetch finds the cache current, and once the second is
 * past, the file's true size is kept so that it is not read again. */
TEST(racy_unchanged)
{
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	long long t = (long long)time(NULL) + 1;	/* "now", and so racy */
	write_article("same", "Stessa versione", "2023-09-30", bodies[1], t);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.added, 1);
	T_OK(cached_size("same.md") < 0);	/* to be read again */
	T_EQ_INT(refresh(&st, &d), 0);	/* read again, found the same: current */
	T_EQ_INT(st.changed, 0);
	T_OK(st.articles > 0);		/* the cache's figures */
	T_OK(cached_size("same.md") < 0);	/* still in the second: racy */
	while ((long long)time(NULL) <= t)	/* the file's second is past */
		usleep(100000);
	T_EQ_INT(refresh(&st, &d), 0);
	struct stat sb;
	char path[256];
	snprintf(path, sizeof path, "%s/same.md", dir);
	T_EQ_INT(stat(path, &sb), 0);
	T_EQ_INT(cached_size("same.md"), (long long)sb.st_size);
	T_EQ_INT(refresh(&st, &d), 0);
	/* the same size, another content: a change */
	t = (long long)time(NULL) + 1;
	write_article("same", "Stessa versione", "2023-09-30", bodies[1], t);
	T_EQ_INT(refresh(&st, &d), 1);	/* its time changed */
	write_article("same", "Stessa versionE", "2023-09-30", bodies[1], t);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.changed, 1);
	T_EQ_INT(unlink(path), 0);
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* An unreadable article is reported once, then left alone until it
 * changes; a change of the entities file re-reads everything. */
TEST(bad_file_and_entities_file)
{
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	write_at("empty.md", 1700004000, "%s", "");
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.added, 1);
	T_EQ_INT(st.articles, 6);
	T_OK(d.n >= 1);
	diag_free(&d);
	T_EQ_INT(refresh(&st, &d), 0);
	T_EQ_INT(d.n, 0);
	write_at("entities", 1700005000, "%s", "PER Toyota Tanaka\n");
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.changed, 7);
	T_EQ_INT(refresh(&st, &d), 0);
	diag_free(&d);
}

static void damage(const char *path, bool truncate_half)
{
	struct stat stt;
	T_EQ_INT(stat(path, &stt), 0);
	if (truncate_half) {
		T_EQ_INT(truncate(path, stt.st_size / 2), 0);
		return;
	}
	FILE *f = fopen(path, "r+");
	for (int i = 0; i < 4096; i++)
		fputc((i * 7919) & 0xff, f);
	fclose(f);
}

static void check_rebuilt(const char *what)
{
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	T_EQ_INT(refresh(&st, &d), 1);
	T_CHECK(diag_has(&d, what), "no message '%s' (%zu messages)", what, d.n);
	T_EQ_INT(st.articles, 6);
	T_EQ_INT(st.added, 7);
	diag_free(&d);
	T_EQ_INT(refresh(&st, &d), 0);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

TEST(damaged_cache)
{
	char *path = cache_file();
	damage(path, false);
	check_rebuilt("damaged (rebuilt)");
	damage(path, true);
	check_rebuilt("damaged (rebuilt)");
	/* a cache of another version */
	sqlite3 *db;
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_EQ_INT(sqlite3_exec(db, "PRAGMA user_version=999", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	check_rebuilt("another version (rebuilt)");
	/* nothing but garbage, short */
	FILE *f = fopen(path, "w");
	fputs("garbage", f);
	fclose(f);
	check_rebuilt("damaged (rebuilt)");
	free(path);
}

/* Runs one SQL statement on the cache file, from outside. */
static void cache_sql(const char *sql)
{
	char *path = cache_file();
	sqlite3 *db;
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	T_CHECK(sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK, "%s: %s", sql,
		sqlite3_errmsg(db));
	sqlite3_close(db);
	free(path);
}

/* A related list cut short inside a hit gives the whole hits before it
 * (reading it again and again at the cut was a hang). */
TEST(damaged_related_list)
{
	struct diag d = DIAG_INIT;
	struct cache *c;
	struct store s;
	struct archive a;
	struct related_hit hit[RELATED_MAX];
	cache_open(&c, dir, &d);
	T_EQ_INT(cache_load(c, &s, &d), 0);
	T_EQ_INT(cache_load_archive(c, &s, &a, &d), 0);
	size_t doc = 0, n = 0;
	while (doc < s.n && (n = archive_related(&a, doc, hit, RELATED_MAX)) < 2)
		doc++;
	T_OK(n >= 2);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	cache_sql("UPDATE related SET hits = substr(hits, 1, length(hits) - 3)");
	cache_open(&c, dir, &d);
	T_EQ_INT(cache_load(c, &s, &d), 0);
	T_EQ_INT(cache_load_archive(c, &s, &a, &d), 0);
	T_EQ_INT(archive_related(&a, doc, hit, RELATED_MAX), n - 1);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* The analysis stamp of the cache (info "analysis"), NULL when none. */
static char *stored_analysis(void)
{
	char *path = cache_file(), *v = NULL;
	sqlite3 *db;
	sqlite3_stmt *q;
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_prepare_v2(db, "SELECT value FROM info WHERE key = 'analysis'",
			       -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		v = xstrdup((const char *)sqlite3_column_text(q, 0));
	sqlite3_finalize(q);
	sqlite3_close(db);
	free(path);
	return v;
}

/* A cache made by another analysis (another stamp: other lexicons, other
 * weights, another filo) is analysed again by itself: its stale entities
 * and related lists (emptied here, to tell) are made anew, with one
 * message, and it is current after. */
TEST(analysis_stamp)
{
	struct store s;
	struct archive a;
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	T_EQ_INT(refresh(&st, &d), 0);
	char *now = archive_stamp(), *stored = stored_analysis();
	T_EQ_STR(stored, now);
	T_OK(strstr(now, "filo " FILO_VERSION "; ") && strstr(now, related_stamp()));
	free(stored);
	cache_sql("UPDATE info SET value = 'filo 0.0.1; analysis 0' WHERE key = 'analysis';"
		  "DELETE FROM docent; UPDATE related SET hits = x''");
	size_t files = st.articles + 1;		/* and empty.md */
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.changed, files);
	T_EQ_INT(st.added + st.removed, 0);
	T_OK(st.related);
	T_OK(diag_has(&d, "made by another analysis (every article analysed again)"));
	stored = stored_analysis();
	T_EQ_STR(stored, now);
	free(stored);
	struct cache *c;
	struct related_hit hit[RELATED_MAX];
	cache_open(&c, dir, &d);
	T_EQ_INT(cache_load(c, &s, &d), 0);
	T_EQ_INT(cache_load_archive(c, &s, &a, &d), 0);
	long i = store_find(&s, "art0");
	T_OK(i >= 0 && a.doc_nent[i] > 0);
	T_OK(i >= 0 && archive_related(&a, (size_t)i, hit, RELATED_MAX) > 0);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	diag_free(&d);
	T_EQ_INT(refresh(&st, &d), 0);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
	/* a cache from before the stamp has none: analysed again too */
	cache_sql("DELETE FROM info WHERE key = 'analysis'");
	T_EQ_INT(refresh(&st, &d), 1);
	T_EQ_INT(st.changed, files);
	T_EQ_INT(refresh(&st, &d), 0);
	diag_free(&d);
	free(now);
}

/* A cache whose schema is not filo's (a column gone, a trigger or a view
 * of someone else's, a table dropped) would fail every refresh, or answer
 * wrongly, for good: it is found when opened and rebuilt, with the usual
 * message. */
TEST(foreign_schema)
{
	static const char *const plant[] = {
		"ALTER TABLE article DROP COLUMN tags",
		"CREATE TRIGGER t BEFORE INSERT ON article BEGIN SELECT RAISE(ABORT, 'x'); END",
		"DROP TABLE related; CREATE VIEW related(doc, hits) AS SELECT 1, x''",
		"DROP TABLE docent",
		"CREATE TABLE mine(x)",
		"CREATE INDEX mine ON article(fold)",
	};
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	T_EQ_INT(refresh(&st, &d), 0);
	for (size_t i = 0; i < sizeof plant / sizeof *plant; i++) {
		diag_free(&d);
		cache_sql(plant[i]);
		T_EQ_INT(refresh(&st, &d), 1);
		T_CHECK(diag_has(&d, "index cache damaged (rebuilt)"), "%s", plant[i]);
		T_EQ_INT(st.articles, 6);	/* and empty.md, said again */
		T_OK(st.entities > 0);
		diag_free(&d);
		T_EQ_INT(refresh(&st, &d), 0);
		T_EQ_INT(d.n, 0);
	}
	diag_free(&d);
}

/* Anything but a regular file where the cache or one of SQLite's files
 * beside it should be (a FIFO would hang SQLite's open) is left alone: the
 * cache works in memory, and says why. */
TEST(special_cache_files)
{
	static const char *const suffix[] = { "", "-wal", "-journal" };
	char *path = cache_file();
	for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
		char fifo[600];
		snprintf(fifo, sizeof fifo, "%s%s", path, suffix[i]);
		unlink(fifo);
		T_EQ_INT(mkfifo(fifo, 0600), 0);
		struct diag d = DIAG_INIT;
		struct cache *c;
		T_EQ_INT(cache_open(&c, dir, &d), 1);
		T_OK(diag_has(&d, "not a regular file (working without a cache)"));
		T_EQ_STR(cache_path(c), ":memory:");
		struct cache_stats st;
		T_EQ_INT(cache_refresh(c, NULL, NULL, NULL, NULL, &st, &d), 1);
		T_EQ_INT(st.articles, 6);
		T_OK(st.memory);
		cache_close(c);
		diag_free(&d);
		struct stat sb;
		T_OK(stat(fifo, &sb) == 0 && S_ISFIFO(sb.st_mode));	/* not ours */
		unlink(fifo);
	}
	free(path);
}

/* A refresh that cannot write the cache (here a file size limit, as a full
 * disk) is done again in memory: the archive is whole, and the message
 * says why. Run in a child, which the limit would otherwise outlive. */
TEST(unwritable_cache)
{
	char *path = cache_file();
	unlink(path);
	free(cache_file());	/* an empty cache, its schema only */
	struct stat sb;
	T_EQ_INT(stat(path, &sb), 0);
	pid_t pid = fork();
	if (pid == 0) {
		/* room for SQLite's -shm file (32 KiB), not for the build */
		rlim_t max = 36864;
		struct rlimit rl = { max, max };
		signal(SIGXFSZ, SIG_IGN);
		setrlimit(RLIMIT_FSIZE, &rl);
		struct diag d = DIAG_INIT;
		struct cache *c;
		struct store s = { 0 };
		struct archive a = { 0 };
		struct cache_stats st;
		bool ok = cache_open(&c, dir, &d) == 0 &&
			  cache_refresh(c, &s, &a, NULL, NULL, &st, &d) == 1 &&
			  st.memory && s.n == 6 && st.articles == 6 && a.nent > 0 &&
			  diag_has(&d, "cannot write the index cache: ") &&
			  diag_has(&d, " (working in memory)") &&
			  strcmp(cache_path(c), ":memory:") == 0;
		for (size_t i = 0; !ok && i < d.n; i++)
			fprintf(stderr, "  child: %s\n", d.msg[i]);
		_exit(ok ? 0 : 1);
	}
	int status = -1;
	T_EQ_INT(waitpid(pid, &status, 0), pid);
	T_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
	unlink(path);
	free(path);
}

/* Without a usable cache folder filo works from memory, and says so. */
TEST(uncreatable_cache)
{
	char bad[256];
	snprintf(bad, sizeof bad, "%s/articles/art0.md/sub", root);
	char *old = xstrdup(getenv("XDG_CACHE_HOME"));
	setenv("XDG_CACHE_HOME", bad, 1);
	struct diag d = DIAG_INIT;
	struct cache *c;
	T_EQ_INT(cache_open(&c, dir, &d), 1);
	T_OK(diag_has(&d, "working without a cache"));
	T_EQ_STR(cache_path(c), ":memory:");
	struct store s = { 0 };
	struct archive a = { 0 };
	struct cache_stats st;
	T_EQ_INT(cache_refresh(c, &s, &a, NULL, NULL, &st, &d), 1);
	T_EQ_INT(s.n, 6);
	T_OK(a.nent > 0);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	setenv("XDG_CACHE_HOME", old, 1);
	free(old);
	diag_free(&d);
}

static int child_refresh(void)
{
	struct diag d = DIAG_INIT;
	struct cache *c;
	if (cache_open(&c, dir, &d) != 0) {
		for (size_t i = 0; i < d.n; i++)
			fprintf(stderr, "child: %s\n", d.msg[i]);
		return 3;
	}
	struct store s = { 0 };
	struct archive a = { 0 };
	struct cache_stats st;
	int r = cache_refresh(c, &s, &a, NULL, NULL, &st, &d);
	int ok = r >= 0 && st.articles == 26 && s.n == 26 && a.nent > 0;
	if (!ok)
		fprintf(stderr, "child: refresh %d, %zu articles, %zu loaded, %zu entities%s%s\n",
			r, st.articles, s.n, a.nent, d.n ? ": " : "", d.n ? d.msg[0] : "");
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	diag_free(&d);
	return ok ? 0 : 4;
}

/* Two processes building the same cache at once both succeed, and the
 * cache they leave is whole and current. */
TEST(two_processes)
{
	char *path = cache_file();
	unlink(path);
	char id[16], title[64];
	for (int i = 0; i < 20; i++) {
		snprintf(id, sizeof id, "more%02d", i);
		snprintf(title, sizeof title, "Altro articolo %d", i);
		write_article(id, title, "2023-10-01", bodies[i % 5], 1700006000);
	}
	fflush(NULL);
	pid_t p[2];
	for (int i = 0; i < 2; i++)
		if ((p[i] = fork()) == 0)
			_exit(child_refresh());
	for (int i = 0; i < 2; i++) {
		int status = -1;
		waitpid(p[i], &status, 0);
		T_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child %d: %d", i, status);
	}
	struct cache_stats st;
	struct diag d = DIAG_INIT;
	T_EQ_INT(refresh(&st, &d), 0);
	T_EQ_INT(st.articles, 26);
	sqlite3 *db;
	T_EQ_INT(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *q;
	sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL);
	T_EQ_INT(sqlite3_step(q), SQLITE_ROW);
	T_EQ_STR((const char *)sqlite3_column_text(q, 0), "ok");
	sqlite3_finalize(q);
	sqlite3_prepare_v2(db, "SELECT count(*) FROM article WHERE ok", -1, &q, NULL);
	T_EQ_INT(sqlite3_step(q), SQLITE_ROW);
	T_EQ_INT(sqlite3_column_int(q, 0), 26);
	sqlite3_finalize(q);
	sqlite3_close(db);
	free(path);
	diag_free(&d);
}

/* Enough files for the second reading thread: same store, same entities
 * as archive_build, messages of bad files kept. */
TEST(many_files)
{
	char id[16], title[64];
	for (int i = 0; i < 90; i++) {
		snprintf(id, sizeof id, "many%02d", i);
		snprintf(title, sizeof title, "Molti %d", i);
		write_article(id, title, "2023-11-01", bodies[i % 5], 1700007000 + i);
	}
	write_at("many-bad.md", 1700008000, "%s", "\x01\x02\x03 binary\n");
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	struct store s = { 0 }, ref;
	struct archive a = { 0 }, aref;
	struct cache_stats st;
	T_EQ_INT(cache_refresh(c, &s, &a, NULL, NULL, &st, &d), 1);
	T_EQ_INT(st.added, 91);
	size_t nmsg = d.n;
	T_OK(nmsg >= 1);
	T_EQ_INT(store_open(&ref, dir, &d), 0);
	/* the scan says the same about the bad file (and about empty.md, which
	 * the cache knows already and does not read again) */
	size_t bad = 0;
	for (size_t i = 0; i < nmsg; i++)
		T_OK(strstr(d.msg[i], "many-bad.md") != NULL);
	for (size_t i = nmsg; i < d.n; i++)
		bad += strstr(d.msg[i], "many-bad.md") != NULL;
	T_EQ_INT(bad, nmsg);
	T_EQ_INT(s.n, ref.n);
	archive_build(&aref, &ref, &d);
	T_EQ_INT(a.nent, aref.nent);
	size_t same = 0;
	for (size_t i = 0; i < s.n && i < ref.n; i++)
		same += strcmp(s.art[i].id, ref.art[i].id) == 0 &&
			a.doc_nent[i] == aref.doc_nent[i];
	T_EQ_INT(same, s.n);
	archive_free(&aref);
	store_close(&ref);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	diag_free(&d);
}

T_MAIN(make_folder(); RUN(build_then_current); RUN(load_matches_scan);
       RUN(archive_matches_build); RUN(edit_delete_add); RUN(racy_edit); RUN(racy_unchanged);
       RUN(bad_file_and_entities_file); RUN(damaged_related_list);
       RUN(analysis_stamp); RUN(foreign_schema); RUN(damaged_cache);
       RUN(special_cache_files); RUN(unwritable_cache); RUN(uncreatable_cache); RUN(two_processes); RUN(many_files);
       remove_folder())
