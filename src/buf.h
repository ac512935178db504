/* buf.h: the one growable byte buffer, used everywhere instead of ad-hoc
 * realloc. The data is always NUL-terminated once anything was added. */
#ifndef FILO_BUF_H
#define FILO_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdarg.h>
#include <sys/types.h>

struct buf {
	char *data;	/* owned; NULL until the first add */
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_init(struct buf *b);
void buf_free(struct buf *b);
/* Empties without freeing. */
void buf_reset(struct buf *b);
/* Makes room for n more bytes (plus the terminating NUL); aborts on OOM. */
void buf_grow(struct buf *b, size_t n);
void buf_add(struct buf *b, const void *data, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vaddf(struct buf *b, const char *fmt, va_list ap);
/* Appends the whole file at path; the data stays NUL-terminated (also when
 * the file is empty). Meant for small text files (config, themes, word
 * lists): a file that is not regular (a FIFO, /dev/zero, a terminal) fails
 * with EINVAL, a directory with EISDIR, one over BUF_FILE_MAX bytes with
 * EFBIG, so that none can hang or exhaust memory. Returns 0, or -1 with
 * errno set and the buffer as it was. */
#define BUF_FILE_MAX (4u << 20)
int buf_read_file(struct buf *b, const char *path);
/* The same with a limit of max bytes: the one way filo reads a whole file
 * (imported pages, state files, config, themes, word lists; article_load
 * reads a prefix first and has its own reader). size, when not NULL, gets
 * the file's size for a message: fstat's, or the bytes read when it grew
 * past max while read (0 when the path is not a regular file). */
int buf_read_file_max(struct buf *b, const char *path, size_t max,
		      long long *size);
/* Opens path as open(2) does (flags, and mode for O_CREAT), but only when
 * it is a regular file: the one rule for every file filo opens by a name
 * it did not create (articles, config, themes, the state file and its lock
 * and temporary, imported pages, the entities file). A FIFO, a device or a
 * socket is refused without blocking (EINVAL), a directory with EISDIR.
 * flags may add O_NOFOLLOW; O_CLOEXEC is always set. Returns the
 * descriptor, or -1 with errno set. */
int file_open_regular(const char *path, int flags, mode_t mode);
/* The check of file_open_regular on a descriptor fd opened with flags and
 * O_NONBLOCK (openat relative to a folder, say): returns fd, blocking
 * again unless flags has O_NONBLOCK, when it is a regular file; else
 * closes it and returns -1 with errno EISDIR or EINVAL. -1 for fd -1. */
int file_keep_regular(int fd, int flags);
/* For a file another library opens (SQLite's cache and its -wal, -shm and
 * -journal): 0 when path does not exist or is a regular file (not a
 * symbolic link), else -1 with errno EISDIR or EINVAL. Never blocks. */
int file_regular_or_absent(const char *path);
/* The message for a buf_read_file failure: strerror, but for its own
 * EINVAL and EFBIG cases. */
const char *buf_read_error(int err);

/* Copies the line at *text into line (without its "\n" or "\r\n") and
 * moves *text past it; false once *text is at the end. line->data is then
 * a writable C string. For config and theme files, read line by line. */
bool buf_next_line(const char **text, struct buf *line);

/* Hands the data to the caller (who frees it) and empties the buffer.
 * Never returns NULL: an empty buffer yields "". */
char *buf_detach(struct buf *b, size_t *len);
/* The contents as a C string ("" when empty); valid until the next add. */
const char *buf_str(const struct buf *b);

/* Allocation helpers that abort with a message on out-of-memory: filo has no
 * sensible way to go on without memory, and checking every call hides logic. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grows an array of count elements of size each to hold at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
/* The formatted text, malloc'd (aborts on out-of-memory). */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);
char *xstrndup(const char *s, size_t n);

#endif
