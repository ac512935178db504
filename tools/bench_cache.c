/* bench_cache.c: the measuring driver of tools/bench.sh. Each mode does one
 * thing to an articles folder and prints "name seconds" lines (and the
 * process's peak RSS), so that bench.sh can run it several times, in fresh
 * processes, and take medians.
 *   bench_cache read DIR     the floor: read every file
 *   bench_cache parse DIR    the floor: read and parse every file (libcmark)
 *   bench_cache index DIR    cold build of the cache (deletes it first)
 *   bench_cache warm DIR     start from a valid cache: first screen, whole
 *                            list, archive, file check
 *   bench_cache keys DIR     list keystrokes, opening an article
 *   bench_cache search DIR   search queries */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <cmark.h>

#include "buf.h"
#include "cache.h"
#include "listing.h"
#include "query.h"
#include "search.h"
#include "text.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* CPU seconds of the process (all threads): on a shared machine the wall
 * clock also counts the time others had the cores. */
static double cpu_seconds(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void print_rss(const char *name)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%s %.1f\n", name, (double)ru.ru_maxrss / 1024.0);
}

/* Reads every article file; parse also builds and frees the cmark tree. */
static int floor_run(const char *dir, bool parse)
{
	double t0 = now();
	DIR *dp = opendir(dir);
	if (!dp)
		return 1;
	struct buf path = BUF_INIT, data = BUF_INIT;
	char chunk[65536];
	for (struct dirent *e; (e = readdir(dp));) {
		if (!article_is_file_name(e->d_name))
			continue;
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, e->d_name);
		int fd = open(path.data, O_RDONLY);
		if (fd < 0)
			continue;
		buf_reset(&data);
		for (ssize_t n; (n = read(fd, chunk, sizeof chunk)) > 0;)
			buf_add(&data, chunk, (size_t)n);
		close(fd);
		if (parse && data.len)
			cmark_node_free(cmark_parse_document(data.data, data.len, 0));
	}
	closedir(dp);
	buf_free(&path);
	buf_free(&data);
	printf("%s %.4f\n", parse ? "read_parse" : "read", now() - t0);
	printf("%s %.4f\n", parse ? "read_parse_cpu" : "read_cpu", cpu_seconds());
	return 0;
}

struct stages {
	double t0, related, saving;
};

static void on_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	struct stages *s = ctx;
	(void)done;
	(void)total;
	if (strcmp(stage, "related") == 0 && !s->related)
		s->related = now();
	if (strcmp(stage, "saving") == 0 && !s->saving)
		s->saving = now();
}

static int index_run(const char *dir)
{
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	char *path = xstrdup(cache_path(c));
	cache_close(c);
	unlink(path);
	free(path);
	struct stages st = { now(), 0, 0 };
	cache_open(&c, dir, &d);
	struct cache_stats cs;
	int r = cache_refresh(c, NULL, NULL, on_progress, &st, &cs, &d);
	double t1 = now();
	cache_close(c);
	printf("index %.4f\nindex_cpu %.4f\n", t1 - st.t0, cpu_seconds());
	/* related_finish runs between the last "related" report and the first
	 * "saving" one: the ranking proper */
	if (st.related && st.saving)
		printf("related %.4f\n", st.saving - st.related);
	printf("articles %zu\nentities %zu\nthreads %zu\n", cs.articles, cs.entities, cs.threads);
	print_rss("rss_cold");
	diag_free(&d);
	return r < 0;
}

/* As the list view does: the filter parsed and prepared (query.h), the
 * kept date order, and a filter that grew by a letter tests only the
 * previous matches (within). */
static void list_within(struct store *s, struct listing *l, const char *filter,
			const size_t *within, size_t nwithin)
{
	struct query *fq = query_parse(filter, NULL);
	struct query_match *m = fq->n ? query_match_new(fq, s, NULL, NULL) : NULL;
	struct listing_query q = { .sort = STORE_SORT_DATE, .match = m,
				   .order = store_order(s, STORE_SORT_DATE),
				   .within = within, .nwithin = nwithin };
	listing_build(l, s, &q);
	query_match_free(m);
	query_free(fq);
}

static void list_all(struct store *s, struct listing *l, const char *filter)
{
	list_within(s, l, filter, NULL, 0);
}

/* From a valid cache: the first screen (cache_load_first: what the reader
 * can paint at once), the whole list, the archive, the check of every file. */
static int warm_run(const char *dir)
{
	double t0 = now();
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	struct store first, s;
	struct listing l = { 0 };
	if (cache_load_first(c, &first, STORE_SORT_DATE, 60, &d) != 0) {
		fprintf(stderr, "bench_cache: no cache for %s\n", dir);
		return 1;
	}
	list_all(&first, &l, NULL);
	double t1 = now();
	cache_load(c, &s, &d);
	list_all(&s, &l, NULL);
	double t2 = now();
	struct archive a;
	cache_load_archive(c, &s, &a, &d);
	double t3 = now();
	int r = cache_refresh(c, &s, &a, NULL, NULL, NULL, &d);
	double t4 = now();
	printf("first_paint %.4f\nfull_list %.4f\narchive %.4f\ncheck %.4f\n",
	       t1 - t0, t2 - t0, t3 - t2, t4 - t3);
	printf("changed %d\n", r);
	print_rss("rss_mb");
	listing_free(&l);
	archive_free(&a);
	store_close(&s);
	store_close(&first);
	cache_close(c);
	diag_free(&d);
	return 0;
}

static double median3(double *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j] < v[j - 1]; j--) {
			double t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

/* The slowest of the keystrokes of typing a filter, one letter at a time
 * (each rebuilds the listing, as the list view does). */
static double filter_typing(struct store *s)
{
	static const char word[] = "giulia ferretti";
	double worst = 0;
	struct listing l = { 0 };
	size_t *prev = NULL, nprev = 0;
	for (size_t k = 1; k < sizeof word; k++) {
		char prefix[sizeof word];
		memcpy(prefix, word, k);
		prefix[k] = '\0';
		double t0 = now();
		list_within(s, &l, prefix, prev, k > 1 ? nprev : 0);
		free(prev);
		prev = xcalloc(l.n + 1, sizeof *prev);
		for (nprev = 0; nprev < l.n; nprev++)
			prev[nprev] = (size_t)l.rows[nprev].art;
		double t = now() - t0;
		worst = t > worst ? t : worst;
	}
	free(prev);
	listing_free(&l);
	return worst;
}

static double open_article(const struct store *s, const struct archive *a, size_t i)
{
	double t0 = now();
	struct article art;
	if (store_load_body(s, i, &art, NULL) != 0)
		return 0;
	struct entity_doc e = { 0 };
	struct render_doc *doc = archive_render(a, &art, &e);
	render_layout(doc, 80);
	struct related_hit h[9];
	archive_related(a, i, h, 9);
	double t = now() - t0;
	render_free(doc);
	entity_doc_free(&e);
	article_free(&art);
	return t;
}

static int keys_run(const char *dir)
{
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	struct store s;
	struct archive a;
	if (cache_load(c, &s, &d) != 0)
		return 1;
	cache_load_archive(c, &s, &a, &d);
	double v[7];
	struct listing l = { 0 };
	for (int i = 0; i < 7; i++) {
		double t0 = now();
		list_all(&s, &l, NULL);
		v[i] = now() - t0;
	}
	printf("relist %.5f\n", median3(v, 7));
	for (int i = 0; i < 7; i++)
		v[i] = filter_typing(&s);
	printf("filter_key %.5f\n", median3(v, 7));
	for (int i = 0; i < 7; i++)
		v[i] = open_article(&s, &a, (size_t)(i * 7919) % (s.n ? s.n : 1));
	printf("open %.5f\n", median3(v, 7));
	listing_free(&l);
	archive_free(&a);
	store_close(&s);
	cache_close(c);
	diag_free(&d);
	return 0;
}

/* One query, median of 5 runs; *first gets the very first run's time (the
 * process's first search reads the document lengths), *cpu the median CPU
 * time. */
static double search_one(struct cache *c, const char *query, enum search_order order,
			 double *first, double *cpu, struct diag *d)
{
	double v[5], u[5];
	size_t total = 0;
	for (int i = 0; i < 5; i++) {
		double t0 = now(), c0 = cpu_seconds();
		struct query *q = query_parse(query, d);
		struct search_results r;
		search_run(c, q, NULL, order, 20, &r, d);
		v[i] = now() - t0;
		u[i] = cpu_seconds() - c0;
		if (first && i == 0)
			*first = v[i];
		total = r.total;
		search_results_free(&r);
		query_free(q);
	}
	double m = median3(v, 5);
	*cpu = median3(u, 5);
	printf("query %.5f %zu %s%s\n", m, total, query,
	       order == SEARCH_BY_DATE ? " (by date)" : "");
	return m;
}

static int search_run_all(const char *dir)
{
	static const char *const queries[] = {
		"pechino", "giulia ferretti", "\"la città di\"", "governo -roma",
		"entity:ferretti type:ORG", "vertice source:sentinella date:2022",
		"citta", "date:2021..2022",
	};
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	/* as in the reader, which searches with the list loaded (by date, the
	 * dates come from it) */
	struct store s;
	memset(&s, 0, sizeof s);
	cache_load(c, &s, &d);
	double worst = 0, worst_cpu = 0, first = 0, cpu;
	for (size_t k = 0; k <= sizeof queries / sizeof *queries; k++) {
		bool by_date = k == sizeof queries / sizeof *queries;
		double m = search_one(c, by_date ? "\"la città di\"" : queries[k],
				      by_date ? SEARCH_BY_DATE : SEARCH_BY_RANK,
				      k ? NULL : &first, &cpu, &d);
		worst = m > worst ? m : worst;
		worst_cpu = cpu > worst_cpu ? cpu : worst_cpu;
	}
	printf("search_first %.5f\n", first);
	printf("search_worst %.5f\n", worst);
	printf("search_worst_cpu %.5f\n", worst_cpu);
	store_close(&s);
	cache_close(c);
	diag_free(&d);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: bench_cache read|parse|index|warm|keys|search DIR\n", stderr);
		return 2;
	}
	const char *mode = argv[1], *dir = argv[2];
	if (strcmp(mode, "read") == 0 || strcmp(mode, "parse") == 0)
		return floor_run(dir, mode[0] == 'p');
	if (strcmp(mode, "index") == 0)
		return index_run(dir);
	if (strcmp(mode, "warm") == 0)
		return warm_run(dir);
	if (strcmp(mode, "keys") == 0)
		return keys_run(dir);
	if (strcmp(mode, "search") == 0)
		return search_run_all(dir);
	fprintf(stderr, "bench_cache: unknown mode %s\n", mode);
	return 2;
}
