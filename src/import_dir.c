/* import_dir.c: the folder an import writes into: an index of its articles'
 * front matter (url, guid, checksum, name), the checksum that tells a hand
 * edit, and atomic writes (temporary file, then link or rename). */
#ifdef __linux__
#define _GNU_SOURCE	/* syncfs */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buf.h"
#include "hash.h"
#include "import.h"
#include "import_dir.h"
#include "strmap.h"
#include "text.h"

#define SUFFIX_MAX	99	/* name-2.md ... name-99.md, then give up */
#define FM_LINES	100	/* the front matter closes by this line */

/* One article of the folder. */
struct entry {
	char *name;	/* file name */
	char *title, *date;
	bool filo;	/* has an import-checksum: filo import wrote it */
	bool plain;	/* neither url nor guid: known by title and date */
};

struct import_dir {
	char *path;
	struct entry *e;
	size_t n, cap;
	/* Keys "u URL", "g GUID", "c CHECKSUM", "n NAME" -> entry index: the
	 * strmap gives each key an id, owner[id] its entry (the first one). */
	struct strmap keys;
	size_t *owner;
	size_t owner_cap;
	bool batch;		/* no fsync per file: import_dir_sync at the end */
	bool unsynced;		/* written in batch mode since the last sync */
};

/* ---- the checksum ---- */

/* Finds the checksum line in the front matter of text: its start and end
 * (after its newline) and the value. false when there is none. */
static bool checksum_line(const char *text, size_t len, size_t *start,
			  size_t *end, uint64_t *value)
{
	static const char key[] = IMPORT_CHECKSUM_KEY ":";
	size_t pos = 0, line = 0;
	while (pos < len && line++ < FM_LINES) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - text) + 1 : len;
		size_t n = e - pos - (nl ? 1 : 0);
		if (line > 1 && n == 3 && memcmp(text + pos, "---", 3) == 0)
			return false;
		if (line == 1 && (n != 3 || memcmp(text, "---", 3) != 0))
			return false;
		if (n > sizeof key && memcmp(text + pos, key, sizeof key - 1) == 0) {
			const char *v = text + pos + sizeof key - 1;
			char hex[17] = "";
			size_t k = 0;
			while (v < text + pos + n && *v == ' ')
				v++;
			while (v < text + pos + n && k < 16 && text_hex_digit(*v) >= 0)
				hex[k++] = *v++;
			if (k != 16 || v != text + pos + n)
				return false;
			*value = strtoull(hex, NULL, 16);
			*start = pos;
			*end = e;
			return true;
		}
		pos = e;
	}
	return false;
}

static uint64_t checksum_of(const char *text, size_t len, size_t start, size_t end)
{
	uint64_t h = hash_fnv64_add(HASH_FNV64_INIT, text, start);
	return hash_fnv64_add(h, text + end, len - end);
}

int import_dir_verify(const char *text, size_t len)
{
	size_t start, end;
	uint64_t v;
	if (!checksum_line(text, len, &start, &end, &v))
		return -1;
	return checksum_of(text, len, start, end) == v ? 1 : 0;
}

char *import_dir_format(const struct article *a, size_t *len)
{
	struct article c = *a;
	c.import_checksum = "0000000000000000";
	char *text = article_format(&c, len);
	size_t start, end;
	uint64_t v;
	if (checksum_line(text, *len, &start, &end, &v)) {
		char hex[17];
		snprintf(hex, sizeof hex, "%016" PRIx64, checksum_of(text, *len, start, end));
		memcpy(text + end - 17, hex, 16);
	}
	return text;
}

/* ---- the index ---- */

static void key_add(struct import_dir *dir, char kind, const char *s, size_t idx)
{
	if (!s || !*s)
		return;
	struct buf k = BUF_INIT;
	buf_addf(&k, "%c %s", kind, s);
	size_t before = dir->keys.n;
	size_t id = strmap_intern(&dir->keys, k.data, k.len);
	buf_free(&k);
	if (id < before)
		return;	/* the first file with the key keeps it */
	dir->owner = xgrow(dir->owner, &dir->owner_cap, id + 1, sizeof *dir->owner);
	dir->owner[id] = idx;
}

static long key_find(const struct import_dir *dir, char kind, const char *s)
{
	if (!s || !*s)
		return -1;
	struct buf k = BUF_INIT;
	buf_addf(&k, "%c %s", kind, s);
	size_t id = strmap_find(&dir->keys, k.data, k.len);
	buf_free(&k);
	return id == (size_t)-1 ? -1 : (long)dir->owner[id];
}

static const char *guid_of(const struct article *a)
{
	return a->guid ? a->guid : "";
}

/* Adds the article a (front matter as read or written) as file name. */
static void index_add(struct import_dir *dir, const char *name,
		      const struct article *a, const char *checksum)
{
	dir->e = xgrow(dir->e, &dir->cap, dir->n + 1, sizeof *dir->e);
	size_t idx = dir->n++;
	struct entry *e = &dir->e[idx];
	e->name = xstrdup(name);
	e->title = xstrdup(a->title ? a->title : "");
	e->date = xstrdup(a->date ? a->date : "");
	e->filo = checksum != NULL;
	e->plain = !(a->url && a->url[0]) && !guid_of(a)[0];
	key_add(dir, 'n', name, idx);
	key_add(dir, 'u', a->url, idx);
	key_add(dir, 'g', guid_of(a), idx);
	key_add(dir, 'c', checksum, idx);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void index_scan(struct import_dir *dir, DIR *dp)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(dp)))
		if (article_is_file_name(de->d_name)) {
			names = xgrow(names, &cap, n + 1, sizeof *names);
			names[n++] = xstrdup(de->d_name);
		}
	if (n)
		qsort(names, n, sizeof *names, cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct buf path = BUF_INIT;
		buf_addf(&path, "%s/%s", dir->path, names[i]);
		struct article a;
		if (article_load(&a, path.data, false, NULL) == 0) {
			const char *sum = a.import_checksum;
			index_add(dir, names[i], &a, sum && *sum ? sum : NULL);
		}
		article_free(&a);
		buf_free(&path);
		free(names[i]);
	}
	free(names);
}

struct import_dir *import_dir_open(const char *path, struct diag *d)
{
	DIR *dp = opendir(path);
	if (!dp && errno != ENOENT) {
		diag_add(d, path, 0, "cannot read: %s (nothing imported)", strerror(errno));
		return NULL;
	}
	struct import_dir *dir = xcalloc(1, sizeof *dir);
	dir->path = xstrdup(path);
	if (dp) {
		index_scan(dir, dp);
		closedir(dp);
	}
	return dir;
}

void import_dir_batch(struct import_dir *dir, bool on)
{
	dir->batch = on;
}

int import_dir_sync(struct import_dir *dir, struct diag *d)
{
	if (!dir->unsynced)
		return 0;
	int fd = open(dir->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#ifdef __linux__
	int rc = fd < 0 ? -1 : syncfs(fd);	/* one commit for the lot */
#else
	int rc = fd < 0 ? -1 : (sync(), fsync(fd));
#endif
	if (rc != 0)
		diag_add(d, dir->path, 0, "cannot flush to disk: %s", strerror(errno));
	else
		dir->unsynced = false;
	if (fd >= 0)
		close(fd);
	return rc;
}

void import_dir_close(struct import_dir *dir)
{
	if (!dir)
		return;
	for (size_t i = 0; i < dir->n; i++) {
		free(dir->e[i].name);
		free(dir->e[i].title);
		free(dir->e[i].date);
	}
	free(dir->e);
	strmap_free(&dir->keys);
	free(dir->owner);
	free(dir->path);
	free(dir);
}

const char *import_dir_path(const struct import_dir *dir)
{
	return dir->path;
}

/* ---- writing ---- */

/* Writes data to a new temporary file beside final; its name in tmp. */
static int write_temp(const char *final, const char *data, size_t len,
		      bool durable, struct buf *tmp, struct diag *d)
{
	static unsigned counter;	/* only makes names differ; races are harmless */
	const char *slash = strrchr(final, '/');
	int fd = -1;
	for (int tries = 0; fd < 0 && tries < 100; tries++) {
		buf_reset(tmp);
		buf_addf(tmp, "%.*s.%s.tmp%ld-%u", slash ? (int)(slash - final + 1) : 0,
			 final, slash ? slash + 1 : final, (long)getpid(), counter++);
		fd = open(tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		diag_add(d, final, 0, "cannot write: %s (nothing written)", strerror(errno));
		return -1;
	}
	size_t done = 0;
	ssize_t r = 0;
	while (done < len && ((r = write(fd, data + done, len - done)) > 0 || errno == EINTR))
		done += r > 0 ? (size_t)r : 0;
	int err = done < len ? (r == 0 ? EIO : errno) : 0;
	if (!err && durable && fsync(fd) < 0)
		err = errno;
	if (close(fd) < 0 && !err)
		err = errno;
	if (!err)
		return 0;
	unlink(tmp->data);
	diag_add(d, final, 0, "cannot write: %s (nothing written)", strerror(err));
	return -1;
}

/* The folder's entry made durable after a rename or link. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

/* Puts data at final: replacing it (rename) or only when final does not
 * exist (link, which fails with EEXIST: *taken is then set). */
static int write_atomic(struct import_dir *dir, const char *final, const char *data,
			size_t len, bool replace, bool *taken, struct diag *d)
{
	struct buf tmp = BUF_INIT;
	int rc = write_temp(final, data, len, !dir->batch, &tmp, d);
	if (rc == 0) {
		rc = replace ? rename(tmp.data, final) : link(tmp.data, final);
		int err = errno;
		unlink(tmp.data);	/* after rename: already gone */
		if (rc != 0 && !replace && err == EEXIST)
			*taken = true;
		else if (rc != 0)
			diag_add(d, final, 0, "cannot write: %s (nothing written)", strerror(err));
		else if (dir->batch)
			dir->unsynced = true;
		else
			sync_dir(dir->path);
	}
	buf_free(&tmp);
	return rc;
}

/* Reads the whole file at path (at most ARTICLE_MAX_SIZE bytes). */
static char *read_whole(const char *path, size_t *len, struct diag *d)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	char *data = NULL;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    (unsigned long long)st.st_size <= ARTICLE_MAX_SIZE) {
		size_t want = (size_t)st.st_size, got = 0;
		ssize_t r = 1;
		data = xmalloc(want + 1);
		while (got < want && (r = read(fd, data + got, want - got)) != 0)
			if (r > 0)
				got += (size_t)r;
			else if (errno != EINTR)
				break;
		if (r < 0) {
			free(data);
			data = NULL;
		} else {
			*len = got;
		}
	}
	if (!data)
		diag_add(d, path, 0, "cannot read: %s (not updated)",
			 fd < 0 ? strerror(errno) : "not a regular file of at most 16 MiB");
	if (fd >= 0)
		close(fd);
	return data;
}

/* The entry holding the earlier import of a (whose text has checksum
 * sum), or -1. */
static long find_earlier(const struct import_dir *dir, const struct article *a,
			 const char *sum, const char *name)
{
	long i = -1;
	if (a->url && a->url[0])
		i = key_find(dir, 'u', a->url);
	if (i < 0 && guid_of(a)[0])
		i = key_find(dir, 'g', guid_of(a));
	if (i < 0)
		i = key_find(dir, 'c', sum);
	bool plain = !(a->url && a->url[0]) && !guid_of(a)[0];
	if (i < 0 && plain) {
		long k = key_find(dir, 'n', name);
		if (k >= 0 && dir->e[k].plain && strcmp(dir->e[k].title, a->title) == 0 &&
		    strcmp(dir->e[k].date, a->date) == 0)
			i = k;
	}
	return i;
}

/* When the old file's body came from the item's page (filo fetch --full)
 * and a, its feed item again, does not say so: a's fields with the old
 * body, formatted, so that the full text outlives the feed's summary.
 * NULL when a's own text is the one to write. */
static char *keep_page_body(const struct article *a, const char *old, size_t olen,
			    size_t *len)
{
	if (article_extra(a, IMPORT_BODY_FROM_KEY))
		return NULL;
	struct article o;
	if (article_parse(&o, "old", old, olen, true, NULL) != 0)
		return NULL;
	const char *from = article_extra(&o, IMPORT_BODY_FROM_KEY);
	char *text = NULL;
	if (from && strcmp(from, "page") == 0) {
		struct article c = *a;
		c.body = o.body;
		c.body_len = o.body_len;
		c.extra = xcalloc(a->nextra + 1, sizeof *c.extra);
		if (a->nextra)
			memcpy(c.extra, a->extra, a->nextra * sizeof *c.extra);
		c.extra[c.nextra++] = (struct article_field){ IMPORT_BODY_FROM_KEY, "page" };
		text = import_dir_format(&c, len);
		free(c.extra);
	}
	article_free(&o);
	return text;
}

static int write_checked(struct import_dir *dir, size_t i, const struct article *a,
			 const char *text, size_t len, bool force, int verify,
			 enum import_status *status, const char *path, struct diag *d);

/* The file of entry i takes text: unchanged, updated or kept. */
static int write_over(struct import_dir *dir, size_t i, const struct article *a,
		      const char *text, size_t len, bool force,
		      enum import_status *status, const char *path, struct diag *d)
{
	if (!dir->e[i].filo) {
		diag_add(d, path, 0, "the same article, not made by filo import "
			 "(left as it is)");
		*status = IMPORT_KEPT;
		return 0;
	}
	size_t olen = 0;
	char *old = read_whole(path, &olen, d);
	if (!old)
		return -1;
	int verify = import_dir_verify(old, olen);
	size_t klen = 0;
	char *kept = keep_page_body(a, old, olen, &klen);
	if (kept) {
		text = kept;
		len = klen;
	}
	bool same = olen == len && memcmp(old, text, len) == 0;
	free(old);
	int rc = same ? 0 : write_checked(dir, i, a, text, len, force, verify, status, path, d);
	if (same)
		*status = IMPORT_UNCHANGED;
	free(kept);
	return rc;
}

/* Writes text over the file of entry i unless it was edited (verify 0,
 * without force) or lost its checksum (verify -1). */
static int write_checked(struct import_dir *dir, size_t i, const struct article *a,
			 const char *text, size_t len, bool force, int verify,
			 enum import_status *status, const char *path, struct diag *d)
{
	if (verify < 0) {
		diag_add(d, path, 0, "its import-checksum is gone: not made by filo "
			 "import, or edited (left as it is)");
		*status = IMPORT_KEPT;
		return 0;
	}
	if (verify == 0 && !force) {
		diag_add(d, path, 0, "edited by hand (not updated; --force replaces it)");
		*status = IMPORT_KEPT;
		return 0;
	}
	bool taken = false;
	if (write_atomic(dir, path, text, len, true, &taken, d) != 0)
		return -1;
	size_t start, end;
	uint64_t v;
	char hex[17] = "";
	if (checksum_line(text, len, &start, &end, &v))
		snprintf(hex, sizeof hex, "%016" PRIx64, v);
	struct entry *e = &dir->e[i];
	e->plain = !(a->url && a->url[0]) && !guid_of(a)[0];
	free(e->title);
	free(e->date);
	e->title = xstrdup(a->title);
	e->date = xstrdup(a->date);
	key_add(dir, 'u', a->url, i);
	key_add(dir, 'g', guid_of(a), i);
	key_add(dir, 'c', hex, i);
	*status = IMPORT_UPDATED;
	return 0;
}

/* mkdir -p: the folder and any missing parents. */
static int make_dirs(const char *path)
{
	if (mkdir(path, 0777) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -1;
	char *parent = xstrdup(path);
	char *slash = strrchr(parent, '/');
	while (slash && slash > parent && slash[-1] == '/')
		slash--;
	int rc = -1;
	if (slash && slash != parent) {
		*slash = '\0';
		rc = make_dirs(parent);
	}
	free(parent);
	return rc == 0 && (mkdir(path, 0777) == 0 || errno == EEXIST) ? 0 : -1;
}

/* A new file: the name, else name-2.md, name-3.md... */
static int write_new(struct import_dir *dir, const struct article *a, const char *name,
		     const char *text, size_t len, const char *sum, char **path,
		     struct diag *d)
{
	if (make_dirs(dir->path) < 0) {
		diag_add(d, dir->path, 0, "cannot create: %s (nothing written)", strerror(errno));
		return -1;
	}
	size_t stem = strlen(name) - 3;	/* without ".md" */
	for (int k = 1; k <= SUFFIX_MAX; k++) {
		struct buf file = BUF_INIT, full = BUF_INIT;
		if (k == 1)
			buf_adds(&file, name);
		else
			buf_addf(&file, "%.*s-%d.md", (int)stem, name, k);
		buf_addf(&full, "%s/%s", dir->path, file.data);
		bool taken = key_find(dir, 'n', file.data) >= 0;
		int rc = taken ? -1 : write_atomic(dir, full.data, text, len, false, &taken, d);
		if (rc == 0) {
			index_add(dir, file.data, a, sum);
			*path = buf_detach(&full, NULL);
		}
		buf_free(&file);
		buf_free(&full);
		if (rc == 0 || !taken)
			return rc;
	}
	diag_add(d, dir->path, 0, "%s and %d other names taken (nothing written)",
		 name, SUFFIX_MAX - 1);
	return -1;
}

int import_dir_write(struct import_dir *dir, const struct article *a,
		     bool force, enum import_status *status, char **path,
		     struct diag *d)
{
	size_t len;
	char *text = import_dir_format(a, &len);
	char *name = import_file_name(a);
	char *where = NULL;
	size_t start, end;
	uint64_t v = 0;
	char sum[17] = "";
	if (checksum_line(text, len, &start, &end, &v))
		snprintf(sum, sizeof sum, "%016" PRIx64, v);
	long i = find_earlier(dir, a, sum, name);
	int rc;
	*status = IMPORT_NEW;
	if (i >= 0) {
		struct buf full = BUF_INIT;
		buf_addf(&full, "%s/%s", dir->path, dir->e[i].name);
		rc = write_over(dir, (size_t)i, a, text, len, force, status, full.data, d);
		where = buf_detach(&full, NULL);
	} else {
		rc = write_new(dir, a, name, text, len, sum, &where, d);
	}
	if (path)
		*path = rc == 0 ? where : NULL;
	if (!path || rc != 0)
		free(where);
	free(name);
	free(text);
	return rc;
}
