/* state.c: the reader's per-folder state (read, flagged, position) in a
 * versioned text file, saved atomically and merged under a lock so that
 * concurrent readers keep each other's marks. See state.h for the format. */
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "buf.h"
#include "diag.h"
#include "state.h"
#include "strmap.h"
#include "text.h"
#include "xdg.h"

#define STATE_VERSION 1
#define STATE_HEADER "filo-state "
/* Longer ids cannot come from a file name (NAME_MAX is far below). */
#define STATE_ID_MAX 1024
/* A bigger file is not ours to parse (100,000 articles take ~6 MB). */
#define STATE_FILE_MAX (256u * 1024 * 1024)
/* Bad lines reported one by one before a summary. */
#define STATE_REPORT_MAX 10

enum { F_READ = 1, F_FLAG = 2 };		/* entry.flags */
enum { D_READ = 1, D_FLAG = 2, D_POS = 4 };	/* entry.dirty */

struct entry {
	unsigned char flags;
	unsigned char dirty;	/* fields this process changed since load/save */
	size_t pos;
};

/* Ids interned to dense indexes, with the entry of each index. */
struct table {
	struct strmap ids;
	struct entry *e;
	size_t cap;
};

struct state {
	struct table t;
	char *path;		/* NULL when there is no file to save to */
	char *no_save;		/* why saving is refused, or NULL */
	bool dirty;
};

/* What reading a state file found. */
struct problem {
	size_t line;
	char *msg;
};

struct parse {
	struct problem p[STATE_REPORT_MAX];
	size_t np;		/* stored in p */
	size_t bad;		/* all problems */
	long newer;		/* version number when newer than ours, else 0 */
};

/* ---- the table ---- */

static size_t table_get(struct table *t, const char *id, size_t len)
{
	size_t i = strmap_intern(&t->ids, id, len);
	if (i >= t->cap) {
		size_t old = t->cap;
		t->e = xgrow(t->e, &t->cap, i + 1, sizeof *t->e);
		memset(t->e + old, 0, (t->cap - old) * sizeof *t->e);
	}
	return i;
}

static const struct entry *table_find(const struct table *t, const char *id)
{
	size_t i = strmap_find(&t->ids, id, strlen(id));
	return i == (size_t)-1 ? NULL : &t->e[i];
}

static void table_free(struct table *t)
{
	strmap_free(&t->ids);
	free(t->e);
	memset(t, 0, sizeof *t);
}

static bool entry_empty(const struct entry *e)
{
	return e->flags == 0 && e->pos == 0;
}

/* ---- parsing ---- */

static void parse_problem(struct parse *p, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void parse_problem(struct parse *p, size_t line, const char *fmt, ...)
{
	p->bad++;
	if (p->np == STATE_REPORT_MAX)
		return;
	struct buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	p->p[p->np].line = line;
	p->p[p->np++].msg = buf_detach(&b, NULL);
}

static void parse_free(struct parse *p)
{
	for (size_t i = 0; i < p->np; i++)
		free(p->p[i].msg);
	memset(p, 0, sizeof *p);
}

/* Undoes the id escapes into out; returns NULL or what is wrong. */
static const char *id_unescape(const char *s, size_t n, struct buf *out)
{
	if (n == 0)
		return "empty id";
	if (n > STATE_ID_MAX * 4)
		return "id too long";
	if (!text_valid_utf8(s, n, NULL))
		return "invalid UTF-8 in id";
	if (!memchr(s, '\\', n)) {
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
				return "control character in id";
		buf_add(out, s, n);
		return out->len > STATE_ID_MAX ? "id too long" : NULL;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			return "control character in id";
		if (c != '\\') {
			buf_addc(out, (char)c);
			continue;
		}
		if (++i == n)
			return "bad escape in id";
		switch (s[i]) {
		case '\\': buf_addc(out, '\\'); break;
		case 't': buf_addc(out, '\t'); break;
		case 'n': buf_addc(out, '\n'); break;
		case 'r': buf_addc(out, '\r'); break;
		case 'x': {
			int hi = i + 2 < n ? text_hex_digit(s[i + 1]) : -1;
			int lo = hi >= 0 ? text_hex_digit(s[i + 2]) : -1;
			if (lo < 0 || (hi | lo) == 0)
				return "bad escape in id";
			buf_addc(out, (char)(hi << 4 | lo));
			i += 2;
			break;
		}
		default:
			return "bad escape in id";
		}
	}
	if (out->len > STATE_ID_MAX)
		return "id too long";
	return NULL;
}

static const char *flags_parse(const char *s, size_t n, unsigned char *flags)
{
	*flags = 0;
	if (n == 1 && s[0] == '-')
		return NULL;
	if (n == 0)
		return "empty flags";
	for (size_t i = 0; i < n; i++) {
		unsigned char f = s[i] == 'r' ? F_READ : s[i] == 'f' ? F_FLAG : 0;
		if (!f || (*flags & f))
			return "bad flags";
		*flags |= f;
	}
	return NULL;
}

/* A decimal number without sign or blanks that fits max. */
static bool number_parse(const char *s, size_t n, size_t max, size_t *out)
{
	size_t v = 0;
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		size_t digit = (size_t)(s[i] - '0');
		if (v > (max - digit) / 10)
			return false;
		v = v * 10 + digit;
	}
	*out = v;
	return true;
}

/* "ID\tFLAGS\tPOSITION": stores the entry or reports the line. */
static void parse_entry(struct table *t, const char *s, size_t n, size_t line,
			struct parse *p)
{
	const char *tab1 = memchr(s, '\t', n);
	const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', n - (size_t)(tab1 + 1 - s)) : NULL;
	if (!tab2 || memchr(tab2 + 1, '\t', n - (size_t)(tab2 + 1 - s))) {
		parse_problem(p, line, "bad line: not ID<TAB>FLAGS<TAB>POSITION");
		return;
	}
	struct buf id = BUF_INIT;
	unsigned char flags;
	size_t pos;
	const char *why = id_unescape(s, (size_t)(tab1 - s), &id);
	if (!why)
		why = flags_parse(tab1 + 1, (size_t)(tab2 - tab1 - 1), &flags);
	if (!why && !number_parse(tab2 + 1, n - (size_t)(tab2 + 1 - s), SIZE_MAX, &pos))
		why = "bad position";
	if (why) {
		parse_problem(p, line, "%s", why);
	} else {
		size_t i = table_get(t, id.data, id.len);
		t->e[i].flags = flags;
		t->e[i].pos = pos;
	}
	buf_free(&id);
}

/* "filo-state N": 1 when ours, 0 when not a header (reported), and the
 * version's negation when newer. */
static long parse_header(const char *s, size_t n, struct parse *p)
{
	size_t hl = sizeof STATE_HEADER - 1, v;
	if (n > hl && memcmp(s, STATE_HEADER, hl) == 0 &&
	    number_parse(s + hl, n - hl, LONG_MAX, &v) && v >= 1) {
		if (v == STATE_VERSION)
			return 1;
		parse_problem(p, 1, "state file version %zu is newer than this filo reads (%d)",
			      v, STATE_VERSION);
		p->newer = (long)v;
		return -(long)v;
	}
	parse_problem(p, 1, "not a filo state file (no 'filo-state %d' header)",
		      STATE_VERSION);
	return 0;
}

/* Parses a whole file's text into t. */
static void parse_text(struct table *t, const char *text, size_t len,
		       struct parse *p)
{
	size_t line = 0, entries = 0, off = 0;
	bool ended = false, after_end = false;
	while (off < len) {
		const char *s = text + off;
		const char *nl = memchr(s, '\n', len - off);
		size_t n = nl ? (size_t)(nl - s) : len - off;
		off += n + (nl != NULL);
		line++;
		if (!nl) {
			parse_problem(p, line, "line cut off (no newline at the end)");
			break;
		}
		if (line == 1) {
			long h = parse_header(s, n, p);
			if (h < 0)
				return;	/* a newer format: not ours to judge */
			if (h == 1)
				continue;
		}
		if (ended) {
			if (!after_end)
				parse_problem(p, line, "text after the end line");
			after_end = true;
			continue;
		}
		size_t count;
		if (n > 4 && memcmp(s, "end\t", 4) == 0 && !memchr(s + 4, '\t', n - 4)) {
			ended = true;
			if (!number_parse(s + 4, n - 4, SIZE_MAX, &count))
				parse_problem(p, line, "bad end line");
			else if (count != entries)
				parse_problem(p, line, "end line counts %zu entries, the file has %zu",
					      count, entries);
			continue;
		}
		entries++;
		parse_entry(t, s, n, line, p);
	}
	if (line == 0)
		parse_problem(p, 1, "empty state file");
	else if (!ended)
		parse_problem(p, line + 1, "cut off: no end line");
}

/* Reports p's problems for label; suffix goes after the first one. */
static void parse_report(const struct parse *p, const char *label,
			 const char *suffix, struct diag *d)
{
	for (size_t i = 0; i < p->np; i++)
		diag_add(d, label, p->p[i].line, "%s%s", p->p[i].msg,
			 i == 0 && suffix ? suffix : "");
	if (p->bad > p->np)
		diag_add(d, label, 0, "%zu more bad lines", p->bad - p->np);
}

/* ---- formatting ---- */

/* Valid UTF-8 s[0..n) with the ASCII escapes of state.h; plain runs are
 * copied whole (ids rarely need an escape). */
static void escape_valid(struct buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != 0x7f && c != '\\')
			continue;
		buf_add(b, s + run, i - run);
		run = i + 1;
		if (c == '\\')
			buf_adds(b, "\\\\");
		else if (c == '\t')
			buf_adds(b, "\\t");
		else if (c == '\n')
			buf_adds(b, "\\n");
		else if (c == '\r')
			buf_adds(b, "\\r");
		else
			buf_addf(b, "\\x%02X", c);
	}
	buf_add(b, s + run, n - run);
}

static void escape_id(struct buf *b, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t bad = n - i;
		text_valid_utf8(s + i, n - i, &bad);
		escape_valid(b, s + i, bad);
		i += bad;
		if (i < n)
			buf_addf(b, "\\x%02X", (unsigned char)s[i++]);
	}
}

struct sorted {
	const char *id;
	size_t i;
};

static int cmp_sorted(const void *a, const void *b)
{
	return strcmp(((const struct sorted *)a)->id, ((const struct sorted *)b)->id);
}

/* "\tFLAGS\tPOSITION\n", without printf: a big state has many lines. */
static void add_fields(struct buf *b, const struct entry *e)
{
	char tmp[32], *p = tmp + sizeof tmp;
	size_t v = e->pos;
	*--p = '\n';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	*--p = '\t';
	if (e->flags & F_FLAG)
		*--p = 'f';
	if (e->flags & F_READ)
		*--p = 'r';
	if (!e->flags)
		*--p = '-';
	*--p = '\t';
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

char *state_format(const struct state *st, size_t *len)
{
	const struct table *t = &st->t;
	struct sorted *v = xcalloc(t->ids.n + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < t->ids.n; i++)
		if (!entry_empty(&t->e[i])) {
			v[n].id = t->ids.str[i];
			v[n++].i = i;
		}
	qsort(v, n, sizeof *v, cmp_sorted);
	struct buf b = BUF_INIT;
	buf_grow(&b, n * 48 + 64);
	buf_addf(&b, "%s%d\n", STATE_HEADER, STATE_VERSION);
	for (size_t k = 0; k < n; k++) {
		const struct entry *e = &t->e[v[k].i];
		const char *id = v[k].id;
		escape_id(&b, id, strlen(id));
		add_fields(&b, e);
	}
	buf_addf(&b, "end\t%zu\n", n);
	free(v);
	return buf_detach(&b, len);
}

/* ---- where the file lives ---- */

static const struct xdg_kind state_kind = { "XDG_STATE_HOME", ".local/state", ".state", false };

static int state_dir(struct buf *out)
{
	return xdg_dir(&state_kind, out);
}

int state_file_for_dir(const char *dir, struct buf *out)
{
	return xdg_file_for_dir(&state_kind, dir, out);
}

/* ---- files ---- */

static char *path_with(const char *path, const char *suffix)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s%s", path, suffix);
	return buf_detach(&b, NULL);
}

/* The directory part of path ("." when none). */
static char *path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return xstrdup(".");
	return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

/* Renames a damaged file to a free "PATH.corrupt-STAMP[-N]" name (the
 * caller holds the lock, so the name stays free). Returns the new base
 * name (malloc'd) or NULL with errno. */
static char *set_aside(const char *path)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm) ||
	    !strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm))
		snprintf(stamp, sizeof stamp, "%lld", (long long)now);
	for (int n = 1; n < 1000; n++) {
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s.corrupt-%s", path, stamp);
		if (n > 1)
			buf_addf(&b, "-%d", n);
		struct stat sb;
		if (lstat(b.data, &sb) != 0 && errno == ENOENT) {
			if (rename(path, b.data) != 0) {
				int saved = errno;
				buf_free(&b);
				errno = saved;
				return NULL;
			}
			const char *slash = strrchr(b.data, '/');
			char *name = xstrdup(slash ? slash + 1 : b.data);
			buf_free(&b);
			return name;
		}
		buf_free(&b);
	}
	errno = EEXIST;
	return NULL;
}

/* Why this process must not write the file; reported at every save. */
static void refuse_save(struct state *st, const char *fmt, const char *arg)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, fmt, arg);
	free(st->no_save);
	st->no_save = buf_detach(&b, NULL);
}

/* Loads the file at st->path into t, setting a damaged file aside.
 * Returns 0 when t holds what the file had (possibly nothing), 1 when
 * good lines were recovered from a file set aside, -1 when the file must
 * not be written over (then st->no_save says why). */
static int load_file(struct state *st, struct table *t, struct diag *d)
{
	struct buf text = BUF_INIT;
	if (buf_read_file_max(&text, st->path, STATE_FILE_MAX, NULL) != 0) {
		if (errno == ENOENT)
			return 0;
		refuse_save(st, "cannot read it: %s (left alone)", strerror(errno));
		diag_add(d, st->path, 0, "%s", st->no_save);
		return -1;
	}
	struct parse p = { 0 };
	parse_text(t, text.data, text.len, &p);
	buf_free(&text);
	if (!p.bad) {
		parse_free(&p);
		return 0;
	}
	int ret;
	if (p.newer) {
		refuse_save(st, "written by a newer filo (left alone)%s", "");
		parse_report(&p, st->path, " (left alone, state not saved)", d);
		ret = -1;
	} else {
		char *name = set_aside(st->path);
		struct buf suffix = BUF_INIT;
		if (name)
			buf_addf(&suffix, " (set aside as %s; %zu good entries kept)",
				 name, t->ids.n);
		else
			buf_addf(&suffix, " (could not set it aside: %s; left alone, state not saved)",
				 strerror(errno));
		if (!name)
			refuse_save(st, "damaged and could not be set aside (left alone)%s", "");
		parse_report(&p, st->path, suffix.data, d);
		buf_free(&suffix);
		ret = name ? 1 : -1;
		free(name);
	}
	parse_free(&p);
	return ret;
}

/* An exclusive flock on PATH.lock, held until the fd is closed; -1 when
 * the lock file cannot be made. */
static int lock_take(const char *path)
{
	char *lock = path_with(path, ".lock");
	int fd = file_open_regular(lock, O_RDWR | O_CREAT | O_NOFOLLOW, 0600);
	free(lock);
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) != 0) {
		/* No locking on this file system: go on, the rename is still
		 * atomic; only concurrent marks could be lost. */
		if (errno != EINTR)
			break;
	}
	return fd;
}

static void lock_release(int fd)
{
	if (fd >= 0)
		close(fd);
}

static struct state *state_new(void)
{
	return xcalloc(1, sizeof(struct state));
}

struct state *state_open_file(const char *path, struct diag *d)
{
	struct state *st = state_new();
	st->path = xstrdup(path);
	struct stat sb;
	if (stat(path, &sb) != 0)
		return st;	/* nothing saved yet (or unreachable: save says) */
	int lock = lock_take(path);
	if (load_file(st, &st->t, d) == 1) {
		/* Recovered lines live only here now: write them next save. */
		for (size_t i = 0; i < st->t.ids.n; i++)
			st->t.e[i].dirty = D_READ | D_FLAG | D_POS;
		st->dirty = st->t.ids.n > 0;
	}
	lock_release(lock);
	return st;
}

struct state *state_open(const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	if (state_file_for_dir(dir, &path) == 0) {
		struct state *st = state_open_file(path.data, d);
		buf_free(&path);
		return st;
	}
	int saved = errno;
	struct state *st = state_new();
	buf_reset(&path);
	if (state_dir(&path) != 0)
		refuse_save(st, "no HOME or XDG_STATE_HOME to keep reading state in%s", "");
	else
		refuse_save(st, "cannot resolve the articles folder: %s", strerror(saved));
	buf_free(&path);
	diag_add(d, dir, 0, "%s (reading state not kept)", st->no_save);
	return st;
}

struct state *state_parse(const char *label, const char *text, size_t len,
			  struct diag *d)
{
	struct state *st = state_new();
	struct parse p = { 0 };
	parse_text(&st->t, text, len, &p);
	parse_report(&p, label, NULL, d);
	parse_free(&p);
	return st;
}

const char *state_path(const struct state *st)
{
	return st && st->path ? st->path : "";
}

/* ---- queries and changes ---- */

static const struct entry *state_entry(const struct state *st, const char *id)
{
	return st && id ? table_find(&st->t, id) : NULL;
}

bool state_read(const struct state *st, const char *id)
{
	const struct entry *e = state_entry(st, id);
	return e && (e->flags & F_READ);
}

bool state_flagged(const struct state *st, const char *id)
{
	const struct entry *e = state_entry(st, id);
	return e && (e->flags & F_FLAG);
}

size_t state_position(const struct state *st, const char *id)
{
	const struct entry *e = state_entry(st, id);
	return e ? e->pos : 0;
}

size_t state_count(const struct state *st)
{
	size_t n = 0;
	for (size_t i = 0; st && i < st->t.ids.n; i++)
		n += !entry_empty(&st->t.e[i]);
	return n;
}

/* The entry to change, or NULL for ids the file cannot hold. */
static struct entry *state_entry_mut(struct state *st, const char *id)
{
	if (!st || !id || !id[0] || strlen(id) > STATE_ID_MAX)
		return NULL;
	size_t i = table_get(&st->t, id, strlen(id));	/* may move e */
	return &st->t.e[i];
}

static void state_set_bit(struct state *st, const char *id, unsigned char bit,
			  unsigned char dirty, bool on)
{
	struct entry *e = state_entry_mut(st, id);
	if (!e || !!(e->flags & bit) == on)
		return;	/* unchanged: no intent to merge */
	e->flags = on ? (e->flags | bit) : (e->flags & ~bit);
	e->dirty |= dirty;
	st->dirty = true;
}

void state_set_read(struct state *st, const char *id, bool read)
{
	state_set_bit(st, id, F_READ, D_READ, read);
}

void state_set_flag(struct state *st, const char *id, bool flagged)
{
	state_set_bit(st, id, F_FLAG, D_FLAG, flagged);
}

void state_set_position(struct state *st, const char *id, size_t plain_offset)
{
	struct entry *e = state_entry_mut(st, id);
	if (!e || e->pos == plain_offset)
		return;
	e->pos = plain_offset;
	e->dirty |= D_POS;
	st->dirty = true;
}

bool state_dirty(const struct state *st)
{
	return st && st->dirty;
}

/* ---- saving ---- */

/* Our changed fields over what the file holds now: every field this
 * process did not change takes the file's value (absent = default). */
static void state_merge(struct state *st, const struct table *disk)
{
	struct table *t = &st->t;
	for (size_t i = 0; i < t->ids.n; i++) {
		struct entry *e = &t->e[i];
		if (!(e->dirty & D_READ))
			e->flags &= ~F_READ;
		if (!(e->dirty & D_FLAG))
			e->flags &= ~F_FLAG;
		if (!(e->dirty & D_POS))
			e->pos = 0;
	}
	for (size_t j = 0; j < disk->ids.n; j++) {
		const char *id = disk->ids.str[j];
		const struct entry *o = &disk->e[j];
		size_t i = table_get(t, id, strlen(id));
		struct entry *e = &t->e[i];
		if (!(e->dirty & D_READ))
			e->flags |= o->flags & F_READ;
		if (!(e->dirty & D_FLAG))
			e->flags |= o->flags & F_FLAG;
		if (!(e->dirty & D_POS))
			e->pos = o->pos;
	}
}

/* Temp files of writers that were killed: under the lock no other writer
 * is busy, so every "NAME.tmp-*" beside the file is stale. */
static void remove_stale_temps(const char *path)
{
	char *dir = path_dir(path);
	const char *slash = strrchr(path, '/');
	char *prefix = path_with(slash ? slash + 1 : path, ".tmp-");
	DIR *dp = opendir(dir);
	struct dirent *de;
	while (dp && (de = readdir(dp))) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s/%s", dir, de->d_name);
		unlink(b.data);
		buf_free(&b);
	}
	if (dp)
		closedir(dp);
	free(prefix);
	free(dir);
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The new file is complete on disk before it replaces the old one, and
 * the rename is on disk before we say it was saved. */
static int write_atomic(const char *path, const char *text, size_t len)
{
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	int fd = file_open_regular(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	int r = fd < 0 ? -1 : 0;
	if (r == 0 && (write_all(fd, text, len) != 0 || fsync(fd) != 0))
		r = -1;
	int saved = errno;
	if (fd >= 0 && close(fd) != 0 && r == 0)
		r = -1, saved = errno;
	if (r == 0 && rename(tmp.data, path) != 0)
		r = -1, saved = errno;
	if (r != 0)
		unlink(tmp.data);
	buf_free(&tmp);
	if (r == 0) {
		char *dir = path_dir(path);
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0 && fsync(dfd) != 0 && errno == EIO)
			r = -1, saved = errno;
		if (dfd >= 0)
			close(dfd);
		free(dir);
	}
	errno = saved;
	return r;
}

static int save_failed(const struct state *st, struct diag *d, const char *why)
{
	diag_add(d, st->path ? st->path : "state", 0,
		 "cannot save state: %s (old file kept)", why);
	return -1;
}

int state_save(struct state *st, struct diag *d)
{
	if (!st || !st->dirty)
		return 0;
	if (st->no_save || !st->path) {
		diag_add(d, st->path ? st->path : "state", 0, "state not saved: %s",
			 st->no_save ? st->no_save : "no state file");
		return -1;
	}
	char *dir = path_dir(st->path);
	int r = xdg_mkdir_p(dir);
	free(dir);
	if (r != 0)
		return save_failed(st, d, strerror(errno));
	int lock = lock_take(st->path);
	if (lock < 0)	/* a FIFO or a link in its place: "not a regular file" */
		return save_failed(st, d, buf_read_error(errno));
	struct table disk = { 0 };
	r = load_file(st, &disk, d);
	if (r >= 0) {
		state_merge(st, &disk);
		remove_stale_temps(st->path);
		size_t len;
		char *text = state_format(st, &len);
		r = write_atomic(st->path, text, len);
		free(text);
		if (r != 0)
			save_failed(st, d, strerror(errno));
	}
	table_free(&disk);
	lock_release(lock);
	if (r != 0)
		return -1;
	for (size_t i = 0; i < st->t.ids.n; i++)
		st->t.e[i].dirty = 0;
	st->dirty = false;
	return 0;
}

void state_close(struct state *st)
{
	if (!st)
		return;
	table_free(&st->t);
	free(st->path);
	free(st->no_save);
	free(st);
}
