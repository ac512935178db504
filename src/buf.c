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
	fputs("filo: out of memory\n", stderr);	/* constant text: no memory for out.c */
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

char *xvasprintf(const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;
	buf_vaddf(&b, fmt, ap);
	return buf_detach(&b, NULL);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

int file_open_regular(const char *path, int flags, mode_t mode)
{
	/* O_NONBLOCK: opening a FIFO must not wait for the other end */
	int fd = open(path, flags | O_NONBLOCK | O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno == ENXIO)	/* a FIFO without a reader, a socket */
			errno = EINVAL;
		return -1;
	}
	return file_keep_regular(fd, flags);
}

int file_keep_regular(int fd, int flags)
{
	if (fd < 0)
		return -1;
	struct stat st;
	int err = fstat(fd, &st) < 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR
		: !S_ISREG(st.st_mode) ? EINVAL : 0;
	if (!err && !(flags & O_NONBLOCK) &&
	    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		err = errno;
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int file_regular_or_absent(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (S_ISREG(st.st_mode))
		return 0;
	errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
	return -1;
}

/* 0 when the regular file fd is at most max bytes, else EFBIG. *size
 * gets its size. */
static int file_check(int fd, size_t max, long long *size)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return errno;
	*size = (long long)st.st_size;
	return (unsigned long long)st.st_size > max ? EFBIG : 0;
}

/* Appends fd's bytes up to its end, at most max of them: 0 or an errno.
 * The size fstat gave is only a hint (a file may grow while read, and
 * /proc files say 0), so the limit is checked on what is read, reading one
 * byte past it to see an excess. Reads straight into the buffer. */
static int read_fd(int fd, struct buf *b, size_t max, size_t hint)
{
	size_t start = b->len;
	buf_grow(b, (hint < max ? hint : max) + 1);
	for (;;) {
		size_t got = b->len - start;
		if (got > max)
			return EFBIG;
		if (b->cap - b->len < 2)
			buf_grow(b, 8192);
		size_t room = b->cap - b->len - 1;
		if (room > max - got + 1)
			room = max - got + 1;
		ssize_t n = read(fd, b->data + b->len, room);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? errno : 0;
		b->len += (size_t)n;
	}
}

int buf_read_file_max(struct buf *b, const char *path, size_t max,
		      long long *size)
{
	long long seen = 0;
	size_t start = b->len;
	bool had = b->data != NULL;
	int fd = file_open_regular(path, O_RDONLY, 0);
	int err = fd < 0 ? errno : file_check(fd, max, &seen);
	if (!err)
		err = read_fd(fd, b, max, (size_t)seen);
	if (fd >= 0)
		close(fd);
	if (err == EFBIG && (long long)(b->len - start) > seen)
		seen = (long long)(b->len - start);	/* it grew while read */
	if (size)
		*size = seen;
	if (err) {
		if (had) {
			b->len = start;
			b->data[start] = '\0';
		} else {
			buf_free(b);
		}
		errno = err;
		return -1;
	}
	buf_add(b, "", 0);	/* the NUL, and data even for an empty file */
	return 0;
}

int buf_read_file(struct buf *b, const char *path)
{
	return buf_read_file_max(b, path, BUF_FILE_MAX, NULL);
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
