/* buf.c: growable byte buffer and allocation helpers. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buf.h"

static void die_oom(void)
{
	fputs("filo: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *xgrow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 8;
	while (c < need)
		c = c / 2 * 3 + 8;
	if (c > (size_t)-1 / size)
		die_oom();
	*cap = c;
	return xrealloc(p, c * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void buf_grow(struct buf *b, size_t n)
{
	b->data = xgrow(b->data, &b->cap, b->len + n + 1, 1);
}

void buf_add(struct buf *b, const void *data, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

int buf_read_file(struct buf *b, const char *path)
{
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	int err = fstat(fd, &st) < 0 ? errno
		  : S_ISDIR(st.st_mode) ? EISDIR
		  : !S_ISREG(st.st_mode) ? EINVAL
		  : st.st_size > BUF_FILE_MAX ? EFBIG : 0;
	size_t start = b->len, total = 0;
	while (!err) {
		char chunk[8192];
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			err = n < 0 ? errno : 0;
			break;
		}
		total += (size_t)n;
		if (total > BUF_FILE_MAX)
			err = EFBIG;	/* it grew while we read */
		else
			buf_add(b, chunk, (size_t)n);
	}
	close(fd);
	if (err) {
		b->len = start;
		if (b->data)
			b->data[start] = '\0';
		errno = err;
		return -1;
	}
	buf_add(b, "", 0);
	return 0;
}

const char *buf_read_error(int err)
{
	if (err == EINVAL)
		return "not a regular file";
	if (err == EFBIG)
		return "file too large (over 4 MiB)";
	return strerror(err);
}

bool buf_next_line(const char **text, struct buf *line)
{
	const char *t = *text;
	if (!*t)
		return false;
	const char *end = strchr(t, '\n');
	size_t n = end ? (size_t)(end - t) : strlen(t);
	buf_reset(line);
	buf_add(line, t, n && t[n - 1] == '\r' ? n - 1 : n);
	*text = t + (end ? n + 1 : n);
	return true;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *s = b->data ? b->data : xstrdup("");
	if (len)
		*len = b->len;
	buf_init(b);
	return s;
}

const char *buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}
