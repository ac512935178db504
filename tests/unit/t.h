/* t.h: a minimal unit-test harness. Each tests/unit/test_*.c is a program
 * that defines TESTS with TEST(name) blocks and ends with T_MAIN().
 * Prints "ok"/"FAIL" per check failing, and "N passed, N failed" at the end;
 * exit status 1 when anything failed. */
#ifndef FILO_T_H
#define FILO_T_H

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "buf.h"

static int t_pass, t_fail;
static const char *t_name = "setup";

#define T_CHECK(cond, ...) do { \
	if (cond) { t_pass++; } else { t_fail++; \
		fprintf(stderr, "FAIL %s:%d [%s]: %s: ", __FILE__, __LINE__, t_name, #cond); \
		fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } \
	} while (0)
#define T_OK(cond) T_CHECK(cond, "false")
#define T_EQ_INT(a, b) do { long long t_a = (long long)(a), t_b = (long long)(b); \
	T_CHECK(t_a == t_b, "%lld != %lld", t_a, t_b); } while (0)
#define T_EQ_STR(a, b) do { const char *t_a = (a), *t_b = (b); \
	T_CHECK(t_a && t_b && strcmp(t_a, t_b) == 0, "\"%s\" != \"%s\"", \
		t_a ? t_a : "(null)", t_b ? t_b : "(null)"); } while (0)
#define T_EQ_MEM(a, alen, b) do { const char *t_b = (b); size_t t_bl = strlen(t_b); \
	T_CHECK((size_t)(alen) == t_bl && memcmp((a), t_b, t_bl) == 0, \
		"\"%.*s\" != \"%s\"", (int)(alen), (const char *)(a), t_b); } while (0)

/* The whole file at path (malloc'd, NUL-terminated; its length in *len
 * when len is not NULL), or NULL when it cannot be read. */
static inline char *t_read_file(const char *path, size_t *len)
{
	struct buf b = BUF_INIT;
	if (buf_read_file(&b, path) != 0)
		return NULL;
	return buf_detach(&b, len);
}

/* ---- temporary files: each test program works in folders of its own ---- */

/* Makes a fresh folder "/tmp/filo-test-NAME-XXXXXX" and puts its path in
 * path (size bytes). A check: no test can go on without it, so a failure
 * also exits (status 2). */
static inline void t_tmpdir(char *path, size_t size, const char *name)
{
	int n = snprintf(path, size, "/tmp/filo-test-%s-XXXXXX", name);
	int ok = n > 0 && (size_t)n < size && mkdtemp(path);
	T_CHECK(ok, "cannot make a folder for %s: %s", name, strerror(errno));
	if (!ok)
		exit(2);
}

/* A fresh test archive: root (a t_tmpdir) holding an empty folder
 * "articles" (its path in dir), and XDG_CACHE_HOME set to ROOT/xdg so
 * that the cache the test builds stays inside root. */
static inline void t_archive_dir(char *root, size_t rsize, char *dir,
				 size_t dsize, const char *name)
{
	t_tmpdir(root, rsize, name);
	snprintf(dir, dsize, "%s/articles", root);
	if (mkdir(dir, 0755) != 0) {
		perror(dir);
		exit(2);
	}
	struct buf xdg = BUF_INIT;
	buf_addf(&xdg, "%s/xdg", root);
	setenv("XDG_CACHE_HOME", xdg.data, 1);
	buf_free(&xdg);
}

/* Writes n bytes of data to the file dir/name (just name when dir is
 * NULL), replacing what was there. A failure counts as a failed check;
 * returns 0 or -1. */
static inline int t_write_mem(const char *dir, const char *name,
			      const void *data, size_t n)
{
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
	int fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	size_t done = 0;
	ssize_t w = 0;
	while (fd >= 0 && done < n &&
	       ((w = write(fd, (const char *)data + done, n - done)) > 0 || errno == EINTR))
		done += w > 0 ? (size_t)w : 0;
	int ok = fd >= 0 && done == n;
	T_CHECK(ok, "cannot write %s: %s", path.data, strerror(errno));
	if (fd >= 0)
		close(fd);
	buf_free(&path);
	return ok ? 0 : -1;
}

/* The same for a C string. */
static inline int t_write_file(const char *dir, const char *name,
			       const char *text)
{
	return t_write_mem(dir, name, text, strlen(text));
}

static inline int t_remove_one(const char *path, const struct stat *sb,
			       int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	return remove(path);
}

/* Removes path and everything under it, never following a link out of
 * it: 0, or -1 when anything could not be removed. */
static inline int t_remove_tree(const char *path)
{
	return nftw(path, t_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#define TEST(name) static void test_##name(void)
#define RUN(name) do { t_name = #name; test_##name(); } while (0)

#define T_MAIN(...) int main(void) { __VA_ARGS__; \
	printf("%s: %d passed, %d failed\n", __FILE__, t_pass, t_fail); \
	return t_fail ? 1 : 0; }

#endif
