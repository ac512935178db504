/* bench_entity.c: entity tagging speed on article text: reads the article
 * files of a folder (bodies only), then tags each one RUNS times and prints
 * MB/s per run and the median. Time is the process's CPU time, so that the
 * figure is per core and other load on the machine does not lower it.
 * Usage: bench_entity DIR [RUNS] */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "article.h"
#include "buf.h"
#include "entity.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return fprintf(stderr, "usage: bench_entity DIR [RUNS]\n"), 2;
	int runs = argc > 2 ? atoi(argv[2]) : 5;
	DIR *dp = opendir(argv[1]);
	if (!dp)
		return perror(argv[1]), 1;
	char **body = NULL;
	size_t *len = NULL, n = 0, cap = 0, lcap = 0, total = 0;
	for (struct dirent *e; (e = readdir(dp)) && n < 20000;) {
		if (!article_is_file_name(e->d_name))
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
		struct article a;
		if (article_load(&a, path, true, NULL) != 0)
			continue;
		body = xgrow(body, &cap, n + 1, sizeof *body);
		len = xgrow(len, &lcap, n + 1, sizeof *len);
		body[n] = a.body;
		len[n] = a.body_len;
		total += a.body_len;
		a.body = NULL;
		article_free(&a);
		n++;
	}
	closedir(dp);
	struct entity_db *db = entity_db_new();
	double *mbs = xcalloc((size_t)runs, sizeof *mbs);
	for (int r = 0; r < runs; r++) {
		double t0 = now();
		for (size_t i = 0; i < n; i++) {
			struct entity_doc d = { 0 };
			entity_tag(db, body[i], len[i], &d);
			entity_doc_free(&d);
		}
		mbs[r] = (double)total / 1e6 / (now() - t0);
		printf("run %d: %.1f MB/s\n", r + 1, mbs[r]);
	}
	qsort(mbs, (size_t)runs, sizeof *mbs, cmp_double);
	printf("entity tagging: %zu articles, %.1f MB, median %.1f MB/s (min %.1f, max %.1f)\n",
	       n, (double)total / 1e6, mbs[runs / 2], mbs[0], mbs[runs - 1]);
	for (size_t i = 0; i < n; i++)
		free(body[i]);
	free(body);
	free(len);
	free(mbs);
	entity_db_free(db);
	return 0;
}
