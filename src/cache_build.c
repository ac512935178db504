/* cache_build.c: the index cache brought up to date with the files
 * (cache_refresh): scan the folder, compare with the cached rows, read and
 * analyse what changed (on a second thread when there is much), write it,
 * and rank the related stories of the whole archive again. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "cache_int.h"
#include "rank.h"
#include "stem.h"
#include "text.h"

/* ---- what changed on disk ---- */

/* FILE_RACY: written in the second of the last refresh, so read again;
 * changed only when its content hash differs (recorded_size). FILE_KEPT:
 * a racy file read again before any work and found the same: nothing of
 * it is written but, once it is no longer racy, its true size. */
enum file_state { FILE_SAME, FILE_CHANGED, FILE_NEW, FILE_RACY, FILE_KEPT };

/* An article file, and what the cache has of it. */
struct file_rec {
	const struct store_file *file;	/* name, size, time (mtime_ns) */
	int64_t rowid;		/* its cached row, 0 when none */
	enum file_state state;
	long long recorded;	/* the cached size (FILE_RACY: of its hash) */
	long long same;		/* a recorded value its content was found to
				   match (scan_keep_racy), 0 when none */
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
	char *analysis;		/* archive_stamp: a cache made by another one is
				   analysed again */
	bool reanalyse;		/* the cache's analysis is another one */
	struct cached_rec *cr;
	size_t ncr, crcap;
	struct strmap names;	/* cached file name -> index into cr */
	size_t nchanged, nnew, nremoved, ncached_ok;
	size_t nracy;		/* FILE_RACY files, read again */
	size_t nsettle;		/* FILE_KEPT files no longer racy */
	bool built;		/* the cache has been built once */
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
			sc->f[sc->n++] = (struct file_rec){ &sc->files[i], 0, FILE_NEW, 0, 0 };
	sc->stamp = entities_stamp(dir);
	sc->analysis = archive_stamp();
	sc->started = (long long)time(NULL);
	return 0;
}

static void scan_free(struct scan *sc)
{
	store_files_free(sc->files, sc->nfiles);
	free(sc->f);
	free(sc->stamp);
	free(sc->analysis);
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
		const char *name = cache_col_text(st, 1);
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
	sc->nchanged = sc->nnew = sc->nremoved = sc->ncached_ok = sc->nracy = 0;
	sc->nsettle = 0;
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
		f->recorded = r->size;
		if (all || r->mtime != f->file->mtime_ns)
			f->state = FILE_CHANGED;
		else if (r->size == f->file->size)
			f->state = FILE_SAME;
		else
			f->state = r->size < 0 ? FILE_RACY : FILE_CHANGED;
		sc->nchanged += f->state == FILE_CHANGED;
		sc->nracy += f->state == FILE_RACY;
	}
	for (size_t i = 0; i < sc->ncr; i++)
		sc->nremoved += !sc->cr[i].seen;
}

/* Was the file written in the second of the scan? It may change again
 * within that second without its time changing (coarse file system
 * clocks). */
static bool written_in_scan(const struct scan *sc, const struct file_rec *f)
{
	return f->file->mtime_ns / 1000000000LL >= sc->started;
}

/* The size column of a racy file: not its size, so that the next refresh
 * reads it again (git's "racy clean" entries), but a negative number made
 * of its content's hash (-1 when it could not be read), so that reading it
 * again tells an edit from the same content. */
static long long racy_size(const struct article *a)
{
	return a ? -2 - (long long)(article_hash(a) >> 2) : -1;
}

/* Does the racy file f still hold the content its row recorded? Found
 * so once, it is not read again (the check runs again inside the write
 * transaction); a file that cannot be read does not. */
static bool racy_same(const char *dir, struct file_rec *f, struct buf *path)
{
	if (f->same == f->recorded)
		return true;
	buf_reset(path);
	buf_addf(path, "%s/%s", dir, f->file->name);
	struct article a;
	struct diag d = DIAG_INIT;
	if (article_load(&a, path->data, true, &d) == 0) {
		if (racy_size(&a) == f->recorded)
			f->same = f->recorded;
		article_free(&a);
	}
	diag_free(&d);
	return f->same == f->recorded;
}

/* Reads the racy files again before any work: one rewritten with the same
 * content (by an import or a fetch just before) is kept, so that a start
 * right after one neither analyses it again nor ranks the related stories
 * anew. One that cannot be read stays racy: the refresh reports it. */
static void scan_keep_racy(const char *dir, struct scan *sc)
{
	struct buf path = BUF_INIT;
	for (size_t i = 0; i < sc->n; i++) {
		struct file_rec *f = &sc->f[i];
		if (f->state != FILE_RACY || !racy_same(dir, f, &path))
			continue;
		f->state = FILE_KEPT;
		sc->nracy--;
		sc->nsettle += !written_in_scan(sc, f);
	}
	buf_free(&path);
}

/* ---- writing what changed ---- */

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
	sqlite3_stmt *del_rel, *ins_rel, *ins_stem;
	struct stem *stem;		/* text languages, stems of the words */
	struct buf word;		/* scratch for a stem */
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
	cache_add_member_names(c, &sql, false);
	buf_adds(&sql, ") VALUES(?");
	for (size_t i = 1; i < INSERT_MEMBERS - 1 + c->ncols; i++)
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
	       (rf->ins_rel = cache_prepare(c, "INSERT INTO related VALUES(?, ?)")) &&
	       (rf->ins_stem = cache_prepare(c, "INSERT OR IGNORE INTO stem VALUES(?, ?, ?)"))
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
	sqlite3_finalize(rf->ins_stem);
	rank_vocab_take(rf->c->rank, NULL, NULL);	/* after a failure: unwritten */
	stem_free(rf->stem);
	buf_free(&rf->word);
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

static long long recorded_size(const struct refresh *rf, const struct file_rec *f,
			       const struct article *a)
{
	return written_in_scan(rf->sc, f) ? racy_size(a) : f->file->size;
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
static void bind_file(struct refresh *rf, const struct file_rec *f,
		      const struct article *a)
{
	sqlite3_stmt *st = rf->ins_art;
	bool ok = a != NULL;
	if (f->rowid)
		sqlite3_bind_int64(st, 1, f->rowid);
	sqlite3_bind_text(st, 2, f->file->name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, recorded_size(rf, f, a));
	sqlite3_bind_int64(st, 4, f->file->mtime_ns);
	sqlite3_bind_int(st, 5, ok);
}

/* A file that could not be read keeps a row (ok = 0) with its size and
 * time, so that it is not read again until it changes. */
static int refresh_failed_row(struct refresh *rf, struct file_rec *f)
{
	if (f->rowid && refresh_forget(rf, f->rowid) != 0)
		return -1;
	bind_file(rf, f, NULL);
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
	cache_extra_encode(&extra, a);
	cache_ents_encode(&ents, ad->ents.ent, ad->ents.nent);
	char *fold = store_fold_meta(a);
	size_t sflen;
	char *sfold = text_fold(a->source, strlen(a->source), &sflen, NULL);
	bind_file(rf, f, a);
	sqlite3_bind_blob(st, 6, extra.data ? extra.data : "", (int)extra.len, SQLITE_TRANSIENT);
	bind_str(st, 7, fold, strlen(fold));
	bind_str(st, 8, sfold, sflen);
	sqlite3_bind_int64(st, 9, article_days(a));
	for (size_t i = 0; i < rf->c->ncols; i++)
		cache_col_bind(st, INSERT_MEMBERS + (int)i, &rf->c->cols[i], a);
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
	/* the words FTS5 reads in this step, for the stem table: title and
	 * body, and the entity keys and types too (words of the text mostly;
	 * a stray one only costs a row) */
	rank_vocab_lang(rf->c->rank, stem_has_lang(rf->stem, a->text_lang)
			? a->text_lang : NULL);
	int r = step_done(rf, st);
	rank_vocab_lang(rf->c->rank, NULL);
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
	if (j->r == 0)
		archive_analyse(arc, &j->a, &j->ad);
	if (j->r == 0 && render_as_text(j->ad.doc))
		diag_add(&j->d, path.data, 0, RENDER_AS_TEXT " (indexed as plain text)");
	buf_free(&path);
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
	/* a racy file rewritten with the same content is no change */
	if (f->state == FILE_RACY)
		rf->sc->nchanged += f->recorded != racy_size(j->r == 0 ? &j->a : NULL) ||
				    j->r != 0;
	if (j->r != 0)
		return refresh_failed_row(rf, f);
	char lang[STEM_LANG_MAX];
	stem_text_lang(rf->stem, j->a.lang, j->ad.plain, j->ad.plain_len, lang);
	free(j->a.text_lang);
	j->a.text_lang = xstrdup(lang);
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

/* One word the full-text index saw in an article of language lang, with
 * its stem, into the stem table (once: INSERT OR IGNORE). */
static int refresh_stem_word(void *ctx, const char *lang, const char *w, size_t n)
{
	struct refresh *rf = ctx;
	buf_reset(&rf->word);
	if (!stem_word(rf->stem, lang, w, n, &rf->word))
		return 0;
	sqlite3_stmt *st = rf->ins_stem;
	sqlite3_bind_text(st, 1, lang, -1, SQLITE_STATIC);
	bind_str(st, 2, rf->word.data, rf->word.len);
	bind_str(st, 3, w, n);
	return step_done(rf, st);
}

/* The words gathered while the new and changed articles were written. */
static int refresh_stems(struct refresh *rf)
{
	return rank_vocab_take(rf->c->rank, refresh_stem_word, rf);
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
		if (sc->f[i].state != FILE_SAME && sc->f[i].state != FILE_KEPT)
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
		const char *body = cache_col_text(st, 3);
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
	for (size_t d = 0; d < rf->ndoc; d++)
		cache_thread_put(&b, rf->docrow[d], (uint32_t)related_thread_of(rf->rel, d));
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
	       cache_info_set(c, "analysis", rf->sc->analysis, 0) == 0 &&
	       cache_info_set(c, "articles", NULL, (long long)st->articles) == 0 &&
	       cache_info_set(c, "entities", NULL, (long long)st->entities) == 0 &&
	       cache_info_set(c, "threads", NULL, (long long)st->threads) == 0 &&
	       cache_info_set(c, "built", NULL, 1) == 0 ? 0 : -1;
}

/* Inside the write transaction: everything that changed, then the related
 * lists of the whole archive. */
/* Writes the true size of each kept file that is no longer racy, so that
 * the next refresh leaves it alone. */
static int refresh_settle(struct refresh *rf)
{
	struct scan *sc = rf->sc;
	if (!sc->nsettle)
		return 0;
	sqlite3_stmt *st = cache_prepare(rf->c, "UPDATE article SET size = ? "
					 "WHERE rowid = ?");
	int r = st ? 0 : -1;
	for (size_t i = 0; i < sc->n && r == 0; i++) {
		struct file_rec *f = &sc->f[i];
		if (f->state != FILE_KEPT || written_in_scan(sc, f))
			continue;
		sqlite3_bind_int64(st, 1, f->file->size);
		sqlite3_bind_int64(st, 2, f->rowid);
		r = step_done(rf, st);
	}
	sqlite3_finalize(st);
	return r;
}

/* Nothing but kept files to settle: no article changed. */
static bool only_settling(const struct scan *sc)
{
	return sc->built && !sc->reanalyse && !sc->nchanged && !sc->nnew &&
	       !sc->nremoved && !sc->nracy;
}

/* Returns 0 when the cache was brought up to date, 1 when no article had
 * changed (kept racy files got their size), -1 on failure. */
static int refresh_apply(struct refresh *rf, struct cache_stats *st)
{
	struct scan *sc = rf->sc;
	if (only_settling(sc))
		return refresh_settle(rf) == 0 ? 1 : -1;
	/* a first build feeds the related index while it reads; otherwise the
	 * unchanged articles come from the cache after the changes are in */
	bool first = sc->ncached_ok == 0 && sc->nremoved == 0;
	if (sc->reanalyse)
		diag_add(rf->d, rf->c->path, 0, "index cache made by another analysis"
			 " (every article analysed again)");
	store_init(&rf->estore, rf->c->dir);
	archive_init(&rf->arc, &rf->estore, rf->d);
	rf->rel = related_new();
	if (!first) {
		related_free(rf->rel);
		rf->rel = NULL;
	}
	rf->stem = stem_new();
	if (refresh_prepare(rf) != 0 || refresh_removed(rf) != 0 ||
	    refresh_files(rf) != 0 || refresh_settle(rf) != 0 ||
	    refresh_stems(rf) != 0)
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

/* ---- the whole refresh ---- */

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
		  strcasecmp(cache_col_text(st, 0), mode) == 0;
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

/* Does the info table hold value under key? */
static bool info_is(struct cache *c, const char *key, const char *value)
{
	char *v = cache_info_text(c, key);
	bool same = v && strcmp(v, value) == 0;
	free(v);
	return same;
}

/* Reads the cached rows and compares; true when something must be done.
 * Another entities file or another analysis than the cache's reads every
 * file again (then its entities, text and related lists are new). */
static int refresh_check(struct cache *c, struct scan *sc, bool *todo)
{
	if (scan_read_cached(c, sc) != 0)
		return -1;
	sc->built = cache_info_int(c, "built", 0);
	sc->reanalyse = sc->built && !info_is(c, "analysis", sc->analysis);
	scan_classify(sc, sc->reanalyse || !info_is(c, "entities_file", sc->stamp));
	if (sc->nracy)
		scan_keep_racy(c->dir, sc);
	*todo = sc->nchanged || sc->nnew || sc->nremoved || sc->nracy ||
		sc->nsettle || !sc->built;
	return 0;
}

/* One attempt: 1 changed, 0 current (perhaps with kept files settled), -1
 * SQLite failed (c->last_rc). */
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
	bool kept = false;
	if (r == 0 && todo && (r = refresh_apply(&rf, st)) == 1) {
		kept = true;	/* no article changed */
		r = 0;
	}
	refresh_free(&rf);
	int rc = c->last_rc;
	if (r == 0)	/* a full disk may show only now, when pages are written */
		rc = cache_exec(c, "COMMIT") == 0 ? SQLITE_OK : c->last_rc;
	c->last_errno = rc == SQLITE_OK ? 0 : sqlite3_system_errno(c->db);
	if (rc == SQLITE_OK && (!todo || kept))
		stats_from_info(c, st);	/* another process did it, or no change */
	else
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	if (first) {
		cache_exec(c, "PRAGMA synchronous=NORMAL");
		cache_journal(c, "WAL", CACHE_BUSY_MS);
	}
	c->last_rc = rc;
	return rc != SQLITE_OK ? -1 : kept ? 0 : 1;
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
	/* the problems of the articles of an attempt that failed come again
	 * with the next one: only the last one's are kept */
	struct diag tried = DIAG_INIT;
	int r = refresh_once(c, &sc, progress, ctx, st, &tried);
	if (r < 0 && cache_rc_damaged(c->last_rc)) {
		cache_check_damage(c, c->last_rc, d);
		diag_free(&tried);
		r = refresh_once(c, &sc, progress, ctx, st, &tried);
	}
	if (r < 0 && !c->memory && cache_rc_unwritable(c->last_rc)) {
		diag_free(&tried);
		cache_to_memory(c, d);
		memset(st, 0, sizeof *st);
		r = refresh_once(c, &sc, progress, ctx, st, &tried);
	}
	diag_move(d, &tried);
	st->memory = c->memory;
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
