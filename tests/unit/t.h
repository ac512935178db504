/* t.h: a minimal unit-test harness. Each tests/unit/test_*.c is a program
 * that defines TESTS with TEST(name) blocks and ends with T_MAIN().
 * Prints "ok"/"FAIL" per check failing, and "N passed, N failed" at the end;
 * exit status 1 when anything failed. */
#ifndef FILO_T_H
#define FILO_T_H

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include "buf.h"

static int t_pass, t_fail;
static const char *t_name;

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

#define TEST(name) static void test_##name(void)
#define RUN(name) do { t_name = #name; test_##name(); } while (0)

#define T_MAIN(...) int main(void) { __VA_ARGS__; \
	printf("%s: %d passed, %d failed\n", __FILE__, t_pass, t_fail); \
	return t_fail ? 1 : 0; }

#endif
