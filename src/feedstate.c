/* feedstate.c: the per-URL ETag, Last-Modified and title of the last
 * fetch, as a small text file in the cache folder, written atomically. */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buf.h"
#include "diag.h"
#include "http.h"
#include "strmap.h"
#include "text.h"
#include "feedstate.h"
#include "xdg.h"

#define HEADER "filo-fetch 1"
#define URL_MAX 8192

struct feedstate {
	struct strmap urls;	/* url -> id */
	struct entry {
		char *etag, *lm, *title;	/* NULL when not known */
	} *e;			/* by id */
	size_t cap;
	size_t count;		/* ids with a validator */
};

struct feedstate *feedstate_new(void)
{
	struct feedstate *v = xcalloc(1, sizeof *v);
	struct strmap empty = STRMAP_INIT;
	v->urls = empty;
	return v;
}

void feedstate_free(struct feedstate *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->urls.n; i++) {
		free(v->e[i].etag);
		free(v->e[i].lm);
		free(v->e[i].title);
	}
	free(v->e);
	strmap_free(&v->urls);
	free(v);
}

/* Can s be written in a field (and sent back in a header)? */
static bool field_ok(const char *s, bool blanks, size_t max)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c > 0x7e || (c == ' ' && !blanks))
			return false;
	}
	return n <= max;
}

/* A URL as the feeds file keeps them: UTF-8, no blank or control. */
static bool url_ok(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return false;
	return n > 0 && n <= URL_MAX && text_valid_utf8(s, n, NULL);
}

static char *value_or_null(const char *s, bool blanks)
{
	return s && *s && field_ok(s, blanks, HTTP_VALIDATOR_MAX) ? xstrdup(s) : NULL;
}

/* A title that can be kept in a field: UTF-8, no control character. */
static bool title_ok(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return n > 0 && n <= FEEDSTATE_TITLE_MAX && text_valid_utf8(s, n, NULL);
}

static bool known(const struct entry *en)
{
	return en->etag || en->lm || en->title;
}

/* The entry of url, made when missing and make is set; NULL otherwise. */
static struct entry *entry_of(struct feedstate *v, const char *url, bool make)
{
	size_t id = strmap_find(&v->urls, url, strlen(url));
	if (id == (size_t)-1 && (!make || !url_ok(url)))
		return NULL;
	if (id == (size_t)-1) {
		id = strmap_intern(&v->urls, url, strlen(url));
		v->e = xgrow(v->e, &v->cap, id + 1, sizeof *v->e);
		memset(&v->e[id], 0, sizeof v->e[id]);
	}
	return &v->e[id];
}

/* Replaces what is known of an entry, keeping the count right. */
static void entry_change(struct feedstate *v, struct entry *en, char **field, char *value)
{
	bool had = known(en);
	free(*field);
	*field = value;
	v->count = v->count + known(en) - had;
}

void feedstate_set(struct feedstate *v, const char *url, const char *etag,
		    const char *last_modified)
{
	char *e = value_or_null(etag, false), *l = value_or_null(last_modified, true);
	struct entry *en = entry_of(v, url, e || l);
	if (!en) {
		free(e);
		free(l);
		return;
	}
	entry_change(v, en, &en->etag, e);
	entry_change(v, en, &en->lm, l);
}

void feedstate_set_title(struct feedstate *v, const char *url, const char *title)
{
	char *t = title && title_ok(title) ? xstrdup(title) : NULL;
	struct entry *en = entry_of(v, url, t != NULL);
	if (en)
		entry_change(v, en, &en->title, t);
}

const char *feedstate_title(const struct feedstate *v, const char *url)
{
	size_t id = strmap_find(&v->urls, url, strlen(url));
	return id == (size_t)-1 ? NULL : v->e[id].title;
}

void feedstate_get(const struct feedstate *v, const char *url,
		    const char **etag, const char **last_modified)
{
	size_t id = strmap_find(&v->urls, url, strlen(url));
	*etag = id == (size_t)-1 ? NULL : v->e[id].etag;
	*last_modified = id == (size_t)-1 ? NULL : v->e[id].lm;
}

size_t feedstate_count(const struct feedstate *v)
{
	return v->count;
}

/* "URL\tETAG\tLM\tTITLE": the four fields, or -1 when the line is not
 * that. */
static int split_line(char *s, char **f)
{
	for (int i = 0; i < 4; i++) {
		f[i] = s;
		s += strcspn(s, "\t");
		if (i < 3 && !*s)
			return -1;
		if (i < 3)
			*s++ = '\0';
	}
	return strchr(f[3], '\t') ? -1 : 0;
}

/* The count of an end line, or -1 when s is not one. */
static long end_count(const char *s)
{
	if (strncmp(s, "end\t", 4) != 0 || !s[4] || strspn(s + 4, "0123456789") != strlen(s + 4)
	    || strlen(s + 4) > 9)
		return -1;
	return atol(s + 4);
}

/* Reads the URL lines after the header; returns the end line's count,
 * or -1 when there is none. */
static long read_lines(struct feedstate *v, const char *label, const char **text,
		       const char *end, size_t *lineno, struct diag *d)
{
	struct buf line = BUF_INIT;
	long count = -1;
	while (*text < end && count < 0) {
		const char *nl = memchr(*text, '\n', (size_t)(end - *text));
		size_t n = nl ? (size_t)(nl - *text) : (size_t)(end - *text);
		buf_reset(&line);
		buf_add(&line, *text, n);
		*text += n + (nl != NULL);
		++*lineno;
		char *f[4];
		if ((count = end_count(line.data)) >= 0)
			break;
		if (memchr(line.data, '\0', n) || split_line(line.data, f) < 0 || !url_ok(f[0]) ||
		    (*f[1] && !field_ok(f[1], false, HTTP_VALIDATOR_MAX)) ||
		    (*f[2] && !field_ok(f[2], true, HTTP_VALIDATOR_MAX)) ||
		    (*f[3] && !title_ok(f[3])) || (!*f[1] && !*f[2] && !*f[3])) {
			diag_add(d, label, *lineno, "not a line of URL, ETag, Last-Modified "
				 "and title (ignored)");
			continue;
		}
		feedstate_set(v, f[0], f[1], f[2]);
		feedstate_set_title(v, f[0], f[3]);
	}
	buf_free(&line);
	return count;
}

struct feedstate *feedstate_parse(const char *label, const char *text,
				    size_t len, struct diag *d)
{
	struct feedstate *v = feedstate_new();
	const char *end = text + len;
	size_t hlen = strlen(HEADER), lineno = 1;
	if (len < hlen + 1 || memcmp(text, HEADER "\n", hlen + 1) != 0) {
		if (len)
			diag_add(d, label, 1, "not a filo-fetch 1 file (ignored)");
		return v;
	}
	text += hlen + 1;
	long count = read_lines(v, label, &text, end, &lineno, d);
	if (count < 0)
		diag_add(d, label, lineno, "the file is cut short (read as far as it goes)");
	else if (text < end)
		diag_add(d, label, lineno + 1, "text after the end line (ignored)");
	return v;
}

struct feedstate *feedstate_load(const char *path, struct diag *d)
{
	struct buf text = BUF_INIT;
	struct feedstate *v;
	if (buf_read_file(&text, path) < 0) {
		if (errno != ENOENT)
			diag_add(d, path, 0, "cannot read: %s (every feed "
				 "downloaded in full)", buf_read_error(errno));
		v = feedstate_new();
	} else {
		v = feedstate_parse(path, buf_str(&text), text.len, d);
	}
	buf_free(&text);
	return v;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *feedstate_format(const struct feedstate *v, size_t *len)
{
	const char **sorted = xcalloc(v->urls.n + 1, sizeof *sorted);
	size_t n = 0;
	for (size_t i = 0; i < v->urls.n; i++)
		if (known(&v->e[i]))
			sorted[n++] = v->urls.str[i];
	qsort(sorted, n, sizeof *sorted, cmp_str);
	struct buf b = BUF_INIT;
	buf_adds(&b, HEADER "\n");
	for (size_t k = 0; k < n; k++) {
		const char *e, *l, *t = feedstate_title(v, sorted[k]);
		feedstate_get(v, sorted[k], &e, &l);
		buf_addf(&b, "%s\t%s\t%s\t%s\n", sorted[k], e ? e : "", l ? l : "", t ? t : "");
	}
	buf_addf(&b, "end\t%zu\n", n);
	free(sorted);
	return buf_detach(&b, len);
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

/* text to a temporary file beside path, then renamed over it: a reader
 * sees the old file or the new one, never half of one. No fsync: a cache
 * file lost in a crash costs a download, and a fetch of 200 feeds should
 * not wait for the disk. */
static int write_atomic(const char *path, const char *text, size_t len)
{
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	int fd = open(tmp.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	int r = fd < 0 || write_all(fd, text, len) != 0 ? -1 : 0;
	int saved = errno;
	if (fd >= 0 && close(fd) != 0 && r == 0)
		r = -1, saved = errno;
	if (r == 0 && rename(tmp.data, path) != 0)
		r = -1, saved = errno;
	if (r != 0 && fd >= 0)
		unlink(tmp.data);
	buf_free(&tmp);
	errno = saved;
	return r;
}

int feedstate_save(const struct feedstate *v, const char *path, struct diag *d)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int r = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		r = xdg_mkdir_p(dir);
	}
	free(dir);
	size_t len;
	char *text = feedstate_format(v, &len);
	if (r == 0)
		r = write_atomic(path, text, len);
	if (r != 0)
		diag_add(d, path, 0, "cannot save what filo knows of the feeds: %s (old file kept)",
			 strerror(errno));
	free(text);
	return r;
}

int feedstate_path_for_dir(const char *dir, struct buf *out)
{
	static const struct xdg_kind kind = { "XDG_CACHE_HOME", ".cache", ".fetch", false };
	return xdg_file_for_dir(&kind, dir, out);
}
