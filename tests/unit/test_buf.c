/* test_buf.c: reading whole files (buf_read_file_max, the one reader of
 * state files, imported pages, config, themes and word lists): what it
 * refuses, with which errno, and the buffer left as it was. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "t.h"
#include "buf.h"

static char dir[64];

static const char *path_in(const char *name)
{
	static char p[128];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

/* Reads path with limit max into a buffer holding "keep"; checks the
 * result, the errno and that a failure leaves "keep" as it was. Returns
 * the size reported. */
static long long expect_read(const char *path, size_t max, int want_errno,
			     const char *want_text)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "keep");
	long long size = -1;
	errno = 0;
	int r = buf_read_file_max(&b, path, max, &size);
	if (want_errno) {
		int e = errno;
		T_CHECK(r == -1 && e == want_errno, "%s: %d, errno %s", path, r,
			strerror(e));
		T_EQ_STR(buf_str(&b), "keep");
		T_EQ_INT(b.len, 4);
	} else {
		T_CHECK(r == 0, "%s: %s", path, strerror(errno));
		T_OK(strncmp(buf_str(&b), "keep", 4) == 0);
		if (want_text)
			T_EQ_STR(buf_str(&b) + 4, want_text);
	}
	buf_free(&b);
	return size;
}

TEST(regular_and_empty)
{
	t_write_file(dir, "small", "abc\n");
	T_EQ_INT(expect_read(path_in("small"), 100, 0, "abc\n"), 4);
	/* Exactly at the limit is fine; one byte over is not. */
	T_EQ_INT(expect_read(path_in("small"), 4, 0, "abc\n"), 4);
	T_EQ_INT(expect_read(path_in("small"), 3, EFBIG, NULL), 4);

	/* An empty file gives an empty C string, not NULL. */
	t_write_file(dir, "empty", "");
	T_EQ_INT(expect_read(path_in("empty"), 100, 0, ""), 0);
	struct buf b = BUF_INIT;
	T_EQ_INT(buf_read_file(&b, path_in("empty")), 0);
	T_OK(b.data != NULL && b.len == 0 && b.data[0] == '\0');
	buf_free(&b);
}

TEST(special_files)
{
	/* A FIFO with no writer: the open must not wait for one. */
	T_EQ_INT(mkfifo(path_in("fifo"), 0600), 0);
	T_EQ_INT(expect_read(path_in("fifo"), 100, EINVAL, NULL), 0);
	T_EQ_INT(expect_read("/dev/zero", 100, EINVAL, NULL), 0);
	T_EQ_INT(mkdir(path_in("sub"), 0700), 0);
	T_EQ_INT(expect_read(path_in("sub"), 100, EISDIR, NULL), 0);
	T_EQ_INT(expect_read(path_in("missing"), 100, ENOENT, NULL), 0);
	/* A buffer that had nothing stays without data. */
	struct buf b = BUF_INIT;
	T_EQ_INT(buf_read_file(&b, "/dev/zero"), -1);
	T_OK(b.data == NULL && b.len == 0);
	T_EQ_STR(buf_read_error(EINVAL), "not a regular file");
	T_EQ_STR(buf_read_error(EISDIR), strerror(EISDIR));
}

TEST(over_the_limit)
{
	/* Sparse: the size says too large before a byte is read. */
	int fd = open(path_in("big"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	T_OK(fd >= 0);
	T_EQ_INT(ftruncate(fd, (off_t)BUF_FILE_MAX + 1), 0);
	close(fd);
	struct buf b = BUF_INIT;
	errno = 0;
	T_EQ_INT(buf_read_file(&b, path_in("big")), -1);
	T_EQ_INT(errno, EFBIG);
	T_OK(b.data == NULL);
	T_EQ_STR(buf_read_error(EFBIG), "file too large (over 4 MiB)");
	T_EQ_INT(expect_read(path_in("big"), BUF_FILE_MAX, EFBIG, NULL),
		 (long long)BUF_FILE_MAX + 1);
	/* At the limit exactly: read whole. */
	T_EQ_INT(truncate(path_in("big"), (off_t)BUF_FILE_MAX), 0);
	T_EQ_INT(buf_read_file(&b, path_in("big")), 0);
	T_EQ_INT(b.len, BUF_FILE_MAX);
	buf_free(&b);
}

/* A file whose size fstat does not know (0 for /proc files) is still
 * held to the limit by what is read: the size then says what was read. */
TEST(size_unknown_in_advance)
{
	struct stat st;
	T_OK(stat("/proc/self/status", &st) == 0 && S_ISREG(st.st_mode) &&
	     st.st_size == 0);
	T_EQ_INT(expect_read("/proc/self/status", 16, EFBIG, NULL), 17);
	struct buf b = BUF_INIT;
	T_EQ_INT(buf_read_file(&b, "/proc/self/status"), 0);
	T_OK(b.len > 16 && strncmp(b.data, "Name:", 5) == 0);
	T_EQ_INT(strlen(b.data), b.len);
	buf_free(&b);
}

TEST(formatted_strings)
{
	char *s = xasprintf("%s-%d %s", "vertice", 2023, "");
	T_EQ_STR(s, "vertice-2023 ");
	free(s);
	struct buf b = BUF_INIT;	/* longer than any first guess */
	for (int k = 0; k < 300; k++)
		buf_adds(&b, "abcdefghij");
	s = xasprintf("<%s>", b.data);
	T_EQ_INT(strlen(s), 3002);
	T_OK(s[0] == '<' && s[3001] == '>');
	free(s);
	buf_free(&b);
}

T_MAIN(t_tmpdir(dir, sizeof dir, "buf"); RUN(regular_and_empty); RUN(formatted_strings);
       RUN(special_files); RUN(over_the_limit); RUN(size_unknown_in_advance);
       T_EQ_INT(t_remove_tree(dir), 0))
