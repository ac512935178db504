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

/* Version 2 adds preference lines; a file without any is still written as
 * version 1, so that an older filo goes on reading (and saving) it. */
#define STATE_VERSION 2
#define STATE_HEADER "filo-state "
#define STATE_PREF_LINE "pref\t"
/* Preference names and values: short words (state_set_pref checks). */
#define STATE_PREF_MAX 64
/* Longer ids cannot come from a file name (NAME_MAX is far below). */
#define STATE_ID_MAX 1024
/* A bigger file is not ours to parse (100,000 articles take ~6 MB). */
#define STATE_FILE_MAX (256u * 1024 * 1024)
/* Bad lines reported one by one before a summary. */
#define STATE_REPORT_MAX 10
/* An entry line is at most an id of STATE_ID_MAX bytes written with
 * escapes (4 bytes each at worst), its flags and a position: a longer line
 * is damage, skipped without being kept. */
#define STATE_LINE_MAX (STATE_ID_MAX * 4 + 64)
/* Bytes read at a time. */
#define STATE_CHUNK 65536

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

/* A reader preference ("related-panel" = "open"), merged on save as the
 * marks are: a value this process set wins, else the file's. */
struct pref {
	char *name, *value;	/* value NULL: unset */
	bool dirty;
};

struct prefs {
	struct pref *p;
	size_t n, cap;
};

struct state {
	struct table t;
	struct prefs prefs;
	char *path;		/* NULL when there is no file to save to */
	char *no_save;		/* why saving is refused, or NULL */
	bool dirty;
};

/* What reading a state file found. */
struct problem {
	size_t line;
	char *msg;
};

/* One reading of a state file, line by line (a file is never held whole:
 * a state of a million articles is read in chunks). */
struct parse {
	struct problem p[STATE_REPORT_MAX];
	size_t np;		/* stored in p */
	size_t bad;		/* all problems */
	long newer;		/* version number when newer than ours, else 0 */
	size_t line, entries;	/* lines and entry lines read so far */
	bool ended, after_end;	/* the end line was read; text after it */
	bool done;		/* nothing more is read (newer format, cut line) */
	struct table *t;	/* where the entries go */
	struct prefs *ps;	/* where the preferences go */
	bool merge;		/* into a table loaded before: see merge_begin */
	bool begun;		/* merge_begin was done */
	struct buf id;		/* an id unescaped: one buffer for every line */
	struct buf pending;	/* a line cut by the end of a chunk */
	bool overlong;		/* pending grew past STATE_LINE_MAX: skipped */
	size_t good;		/* entries taken */
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

/* ---- preferences ---- */

static struct pref *prefs_find(const struct prefs *ps, const char *name)
{
	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->p[i].name, name) == 0)
			return &ps->p[i];
	return NULL;
}

/* Sets name to value (NULL unsets); returns the entry. */
static struct pref *prefs_set(struct prefs *ps, const char *name, const char *value)
{
	struct pref *p = prefs_find(ps, name);
	if (!p) {
		ps->p = xgrow(ps->p, &ps->cap, ps->n + 1, sizeof *ps->p);
		p = &ps->p[ps->n++];
		*p = (struct pref){ xstrdup(name), NULL, false };
	}
	free(p->value);
	p->value = value ? xstrdup(value) : NULL;
	return p;
}

static void prefs_free(struct prefs *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->p[i].name);
		free(ps->p[i].value);
	}
	free(ps->p);
	memset(ps, 0, sizeof *ps);
}

/* A name or value a pref line can hold: 1 to STATE_PREF_MAX of
 * [A-Za-z0-9._-] (no blank, tab, '=' or escape to worry about). */
static bool pref_word_ok(const char *s, size_t n)
{
	if (n == 0 || n > STATE_PREF_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static size_t prefs_count(const struct prefs *ps)
{
	size_t n = 0;
	for (size_t i = 0; i < ps->n; i++)
		n += ps->p[i].value != NULL;
	return n;
}

/* ---- parsing ---- */

static void parse_problem(struct parse *p, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void parse_problem(struct parse *p, size_t line, const char *fmt, ...)
{
	p->bad++;
	if (p->np == STATE_REPORT_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	p->p[p->np].line = line;
	p->p[p->np++].msg = xvasprintf(fmt, ap);
	va_end(ap);
}

static void parse_init(struct parse *p, struct table *t, struct prefs *ps,
		       bool merge)
{
	memset(p, 0, sizeof *p);
	p->t = t;
	p->ps = ps;
	p->merge = merge;
}

static void parse_free(struct parse *p)
{
	for (size_t i = 0; i < p->np; i++)
		free(p->p[i].msg);
	buf_free(&p->id);
	buf_free(&p->pending);
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

/* Merging what the file holds now into the table of this process (at a
 * save): every field this process did not change takes the file's value,
 * absent meaning the default, so first those fields are emptied. Done
 * once the file is known to be ours to read (not of a newer format). */
static void merge_begin(struct parse *p)
{
	if (p->begun || !p->merge)
		return;
	p->begun = true;
	for (size_t i = 0; i < p->ps->n; i++)
		if (!p->ps->p[i].dirty)
			prefs_set(p->ps, p->ps->p[i].name, NULL);
	struct table *t = p->t;
	for (size_t i = 0; i < t->ids.n; i++) {
		struct entry *e = &t->e[i];
		if (!(e->dirty & D_READ))
			e->flags &= ~F_READ;
		if (!(e->dirty & D_FLAG))
			e->flags &= ~F_FLAG;
		if (!(e->dirty & D_POS))
			e->pos = 0;
	}
}

/* One entry of the file into the table (a later line for an id replaces
 * an earlier one); when merging, only the fields not changed here. */
static void parse_put(struct parse *p, const char *id, size_t len,
		      unsigned char flags, size_t pos)
{
	struct table *t = p->t;
	size_t i = table_get(t, id, len);	/* may move t->e */
	struct entry *e = &t->e[i];
	p->good++;
	if (!p->merge) {
		e->flags = flags;
		e->pos = pos;
		return;
	}
	if (!(e->dirty & D_READ))
		e->flags = (unsigned char)((e->flags & ~F_READ) | (flags & F_READ));
	if (!(e->dirty & D_FLAG))
		e->flags = (unsigned char)((e->flags & ~F_FLAG) | (flags & F_FLAG));
	if (!(e->dirty & D_POS))
		e->pos = pos;
}

/* "ID\tFLAGS\tPOSITION": stores the entry or reports the line. */
static void parse_entry(const char *s, size_t n, size_t line, struct parse *p)
{
	const char *tab1 = memchr(s, '\t', n);
	const char *tab2 = tab1 ? memchr(tab1 + 1, '\t', n - (size_t)(tab1 + 1 - s)) : NULL;
	if (!tab2 || memchr(tab2 + 1, '\t', n - (size_t)(tab2 + 1 - s))) {
		parse_problem(p, line, "bad line: not ID<TAB>FLAGS<TAB>POSITION");
		return;
	}
	struct buf *id = &p->id;
	unsigned char flags;
	size_t pos;
	buf_reset(id);
	const char *why = id_unescape(s, (size_t)(tab1 - s), id);
	if (!why)
		why = flags_parse(tab1 + 1, (size_t)(tab2 - tab1 - 1), &flags);
	if (!why && !number_parse(tab2 + 1, n - (size_t)(tab2 + 1 - s), SIZE_MAX, &pos))
		why = "bad position";
	if (why)
		parse_problem(p, line, "%s", why);
	else
		parse_put(p, id->data, id->len, flags, pos);
}

/* "filo-state N": 1 when ours, 0 when not a header (reported), and the
 * version's negation when newer. */
static long parse_header(const char *s, size_t n, struct parse *p)
{
	size_t hl = sizeof STATE_HEADER - 1, v;
	if (n > hl && memcmp(s, STATE_HEADER, hl) == 0 &&
	    number_parse(s + hl, n - hl, LONG_MAX, &v) && v >= 1) {
		if (v <= STATE_VERSION)
			return 1;
		parse_problem(p, 1, "state file version %zu is newer than this filo reads (%d)",
			      v, STATE_VERSION);
		p->newer = (long)v;
		return -(long)v;
	}
	parse_problem(p, 1, "not a filo state file (no 'filo-state N' header)%s", "");
	return 0;
}

/* "pref\tNAME=VALUE": stores the preference (when merging, unless this
 * process set it) or reports the line. */
static void parse_pref(struct parse *p, const char *s, size_t n, size_t line)
{
	const char *eq = memchr(s, '=', n);
	size_t nl = eq ? (size_t)(eq - s) : 0, vl = eq ? n - nl - 1 : 0;
	if (!eq || !pref_word_ok(s, nl) || !pref_word_ok(eq + 1, vl)) {
		parse_problem(p, line, "bad preference line: not pref<TAB>NAME=VALUE");
		return;
	}
	char *name = xstrndup(s, nl), *value = xstrndup(eq + 1, vl);
	const struct pref *mine = prefs_find(p->ps, name);
	if (!(p->merge && mine && mine->dirty))
		prefs_set(p->ps, name, value);
	free(name);
	free(value);
}

/* One line of the file (s[0..n), without its newline; has_nl false for
 * the last bytes of a file that does not end with one). */
static void parse_line(struct parse *p, const char *s, size_t n, bool has_nl)
{
	if (p->done)
		return;
	size_t line = ++p->line;
	if (!has_nl) {
		parse_problem(p, line, "line cut off (no newline at the end)");
		p->done = true;
		return;
	}
	if (line == 1) {
		long h = parse_header(s, n, p);
		if (h < 0) {
			p->done = true;	/* a newer format: not ours to judge */
			return;
		}
		merge_begin(p);
		if (h == 1)
			return;
	}
	if (p->ended) {
		if (!p->after_end)
			parse_problem(p, line, "text after the end line");
		p->after_end = true;
		return;
	}
	size_t count;
	if (n > 4 && memcmp(s, "end\t", 4) == 0 && !memchr(s + 4, '\t', n - 4)) {
		p->ended = true;
		if (!number_parse(s + 4, n - 4, SIZE_MAX, &count))
			parse_problem(p, line, "bad end line");
		else if (count != p->entries)
			parse_problem(p, line, "end line counts %zu entries, the file has %zu",
				      count, p->entries);
		return;
	}
	size_t pl = sizeof STATE_PREF_LINE - 1;
	if (n > pl && memcmp(s, STATE_PREF_LINE, pl) == 0 && !memchr(s + pl, '\t', n - pl)) {
		parse_pref(p, s + pl, n - pl, line);
		return;
	}
	p->entries++;
	parse_entry(s, n, line, p);
}

/* A line longer than any entry: counted and reported, its bytes dropped
 * as they come. */
static void parse_overlong(struct parse *p)
{
	if (p->done)
		return;
	p->entries += p->line > 0 && !p->ended;
	if (++p->line == 1)
		merge_begin(p);	/* no header: an old or damaged file, still ours */
	parse_problem(p, p->line, "line too long");
}

/* The next bytes of the file: whole lines are parsed where they lie, a
 * line cut by the end of data waits in p->pending for the rest. */
static void parse_feed(struct parse *p, const char *data, size_t n)
{
	while (n && !p->done) {
		const char *nl = memchr(data, '\n', n);
		size_t len = nl ? (size_t)(nl - data) : n;
		if (p->overlong) {
			/* the rest of a skipped line */
		} else if (p->pending.len + len > STATE_LINE_MAX) {
			p->overlong = true;
			buf_reset(&p->pending);
			parse_overlong(p);
		} else if (nl && !p->pending.len) {
			parse_line(p, data, len, true);
		} else {
			buf_add(&p->pending, data, len);
			if (nl)
				parse_line(p, p->pending.data, p->pending.len, true);
		}
		if (nl) {
			p->overlong = false;
			buf_reset(&p->pending);
		}
		data += len + (nl != NULL);
		n -= len + (nl != NULL);
	}
}

/* The end of the file: a last line without a newline, a missing end line. */
static void parse_finish(struct parse *p)
{
	if (p->pending.len && !p->overlong)
		parse_line(p, p->pending.data, p->pending.len, false);
	buf_reset(&p->pending);
	if (p->newer)
		return;
	merge_begin(p);	/* an empty file: nothing of it is kept either */
	if (p->line == 0)
		parse_problem(p, 1, "empty state file");
	else if (!p->ended)
		parse_problem(p, p->line + 1, "cut off: no end line");
}

/* The whole text of a file at once (state_parse). */
static void parse_text(struct parse *p, const char *text, size_t len)
{
	parse_feed(p, text, len);
	parse_finish(p);
}

/* Why a state file could not be read, for its messages. */
static const char *read_error(int err)
{
	if (err == EINVAL)
		return "not a regular file";
	if (err == EFBIG)
		return "too large (over 256 MiB)";
	return strerror(err);
}

/* Reads the file at path into p, STATE_CHUNK bytes at a time. Returns 0,
 * or -1 with errno: ENOENT when there is no file, EINVAL when it is not a
 * regular file (a FIFO must not block the reader), EFBIG over
 * STATE_FILE_MAX. On -1 nothing was parsed, unless the error came while
 * reading (then what came before was). */
static int parse_file(struct parse *p, const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat sb;
	int err = fstat(fd, &sb) != 0 ? errno
		: S_ISDIR(sb.st_mode) ? EISDIR
		: !S_ISREG(sb.st_mode) ? EINVAL
		: (unsigned long long)sb.st_size > STATE_FILE_MAX ? EFBIG : 0;
	char *chunk = err ? NULL : xmalloc(STATE_CHUNK);
	unsigned long long total = 0;
	while (!err) {
		ssize_t r = read(fd, chunk, STATE_CHUNK);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			err = errno;
		else if (r == 0)
			break;
		else if ((total += (unsigned long long)r) > STATE_FILE_MAX)
			err = EFBIG;	/* it grew while read */
		else
			parse_feed(p, chunk, (size_t)r);
	}
	free(chunk);
	close(fd);
	if (err) {
		errno = err;
		return -1;
	}
	parse_finish(p);
	return 0;
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

/* The file's text into b; with fd >= 0 written out whenever STATE_CHUNK
 * bytes are ready, so that a big state is never held twice. Returns 0, or
 * -1 with errno when a write failed. */
static int format_out(const struct state *st, struct buf *b, int fd)
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
	buf_grow(b, fd >= 0 ? STATE_CHUNK + STATE_LINE_MAX : n * 48 + 64);
	buf_addf(b, "%s%d\n", STATE_HEADER, prefs_count(&st->prefs) ? STATE_VERSION : 1);
	for (size_t i = 0; i < st->prefs.n; i++)
		if (st->prefs.p[i].value)
			buf_addf(b, "%s%s=%s\n", STATE_PREF_LINE, st->prefs.p[i].name,
				 st->prefs.p[i].value);
	int r = 0;
	for (size_t k = 0; k < n && r == 0; k++) {
		const struct entry *e = &t->e[v[k].i];
		const char *id = v[k].id;
		escape_id(b, id, strlen(id));
		add_fields(b, e);
		if (fd >= 0 && b->len >= STATE_CHUNK) {
			r = write_all(fd, b->data, b->len);
			buf_reset(b);
		}
	}
	buf_addf(b, "end\t%zu\n", n);
	if (fd >= 0 && r == 0)
		r = write_all(fd, b->data, b->len);
	free(v);
	return r;
}

char *state_format(const struct state *st, size_t *len)
{
	struct buf b = BUF_INIT;
	format_out(st, &b, -1);
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

/* Loads the file at st->path into t (merging into st->t at a save, see
 * merge_begin), setting a damaged file aside. Returns 0 when t holds what
 * the file had (possibly nothing), 1 when good lines were recovered from
 * a file set aside, -1 when the file must not be written over (then
 * st->no_save says why). */
static int load_file(struct state *st, bool merge, struct diag *d)
{
	struct parse p;
	parse_init(&p, &st->t, &st->prefs, merge);
	if (parse_file(&p, st->path) != 0) {
		int err = errno;
		if (err == ENOENT) {
			merge_begin(&p);	/* no file: nothing of it is kept */
			parse_free(&p);
			return 0;
		}
		refuse_save(st, "cannot read it: %s (left alone)", read_error(err));
		diag_add(d, st->path, 0, "%s", st->no_save);
		parse_free(&p);
		return -1;
	}
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
				 name, p.good);
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
	if (load_file(st, false, d) == 1) {
		/* Recovered lines live only here now: write them next save. */
		for (size_t i = 0; i < st->t.ids.n; i++)
			st->t.e[i].dirty = D_READ | D_FLAG | D_POS;
		for (size_t i = 0; i < st->prefs.n; i++)
			st->prefs.p[i].dirty = true;
		st->dirty = st->t.ids.n > 0 || st->prefs.n > 0;
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

/* Files beside path named "BASE.corrupt-*": damaged state files the
 * reader set aside. */
static size_t list_set_aside(const char *path, struct diag *d)
{
	char *dir = path_dir(path);
	const char *slash = strrchr(path, '/');
	char *prefix = path_with(slash ? slash + 1 : path, ".corrupt-");
	size_t n = 0;
	DIR *dp = opendir(dir);
	for (struct dirent *de; dp && (de = readdir(dp));) {
		if (strncmp(de->d_name, prefix, strlen(prefix)) != 0)
			continue;
		struct buf b = BUF_INIT;
		buf_addf(&b, "%s/%s", dir, de->d_name);
		diag_add(d, b.data, 0, "a damaged state file set aside by the reader "
			 "(its good marks were kept; delete it once looked at)");
		buf_free(&b);
		n++;
	}
	if (dp)
		closedir(dp);
	free(prefix);
	free(dir);
	return n;
}

size_t state_check(const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT;
	if (state_file_for_dir(dir, &path) != 0)
		return 0;
	struct table t = { 0 };
	struct prefs ps = { 0 };
	struct parse p;
	parse_init(&p, &t, &ps, false);
	size_t n = 0;
	if (parse_file(&p, path.data) != 0) {
		if (errno != ENOENT) {
			diag_add(d, path.data, 0, "cannot read it: %s (the reader leaves "
				 "it alone and saves no marks)", read_error(errno));
			n++;
		}
	} else if (p.bad) {
		parse_report(&p, path.data, p.newer
			     ? " (the reader leaves it alone and saves no marks)"
			     : " (the reader sets the file aside and keeps its good lines)", d);
		n += p.np + (p.bad > p.np);
	}
	parse_free(&p);
	table_free(&t);
	prefs_free(&ps);
	n += list_set_aside(path.data, d);
	buf_free(&path);
	return n;
}

struct state *state_parse(const char *label, const char *text, size_t len,
			  struct diag *d)
{
	struct state *st = state_new();
	struct parse p;
	parse_init(&p, &st->t, &st->prefs, false);
	parse_text(&p, text, len);
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

size_t state_prune(struct state *st, bool (*present)(void *ctx, const char *id),
		   void *ctx)
{
	if (!st)
		return 0;
	struct table *t = &st->t;
	bool *gone = xcalloc(t->ids.n + 1, sizeof *gone);
	size_t ngone = 0, kept = 0;
	for (size_t i = 0; i < t->ids.n; i++) {
		if (entry_empty(&t->e[i]))
			continue;
		if (present(ctx, t->ids.str[i]))
			kept++;
		else
			gone[i] = true, ngone++;
	}
	if (!kept)	/* not one marked article here: another folder, or an
			   empty one (unmounted): nothing is forgotten */
		ngone = 0;
	for (size_t i = 0; ngone && i < t->ids.n; i++) {
		if (!gone[i])
			continue;
		/* changed here: wins over the file at the merge, as a delete */
		t->e[i] = (struct entry){ 0, D_READ | D_FLAG | D_POS, 0 };
		st->dirty = true;
	}
	free(gone);
	return ngone;
}

const char *state_pref(const struct state *st, const char *name)
{
	const struct pref *p = st && name ? prefs_find(&st->prefs, name) : NULL;
	return p ? p->value : NULL;
}

int state_set_pref(struct state *st, const char *name, const char *value)
{
	if (!name || !pref_word_ok(name, strlen(name)) ||
	    (value && !pref_word_ok(value, strlen(value))))
		return -1;
	if (!st)
		return 0;
	const char *old = state_pref(st, name);
	if ((!old && !value) || (old && value && strcmp(old, value) == 0))
		return 0;
	prefs_set(&st->prefs, name, value)->dirty = true;
	st->dirty = true;
	return 0;
}

bool state_dirty(const struct state *st)
{
	return st && st->dirty;
}

/* ---- saving ---- */

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

/* The new file is complete on disk before it replaces the old one, and
 * the rename is on disk before we say it was saved. */
static int write_atomic(const char *path, const struct state *st)
{
	struct buf tmp = BUF_INIT, text = BUF_INIT;
	buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	int fd = file_open_regular(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0600);
	int r = fd < 0 ? -1 : 0;
	if (r == 0 && (format_out(st, &text, fd) != 0 || fsync(fd) != 0))
		r = -1;
	buf_free(&text);
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

/* A save that wrote nothing: the old file, when there is one, is as it
 * was. */
static int save_failed(const struct state *st, struct diag *d, const char *why)
{
	struct stat sb;
	bool old = st->path && lstat(st->path, &sb) == 0;
	diag_add(d, st->path ? st->path : "state", 0, "cannot save state: %s (%s)", why,
		 old ? "old file kept" : "nothing written");
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
	/* what the file holds now, merged in (our changed fields win) */
	r = load_file(st, true, d);
	if (r >= 0) {
		remove_stale_temps(st->path);
		r = write_atomic(st->path, st);
		if (r != 0)
			save_failed(st, d, strerror(errno));
	}
	lock_release(lock);
	if (r != 0)
		return -1;
	for (size_t i = 0; i < st->t.ids.n; i++)
		st->t.e[i].dirty = 0;
	for (size_t i = 0; i < st->prefs.n; i++)
		st->prefs.p[i].dirty = false;
	st->dirty = false;
	return 0;
}

void state_close(struct state *st)
{
	if (!st)
		return;
	table_free(&st->t);
	prefs_free(&st->prefs);
	free(st->path);
	free(st->no_save);
	free(st);
}
