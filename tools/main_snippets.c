/* main_snippets.c: `filo index` and `filo search`, written against main.c's
 * own helpers (usage_error, print_diag, cli_value, cli_articles_dir,
 * EXIT_*), for the lead to paste into src/main.c. Not compiled on its own.
 *
 * Paste: the three includes below beside main.c's, the functions before the
 * command table, the table entries, and the usage lines:
 *	"       filo index [DIR]\n"
 *	"       filo search QUERY [DIR] [--json] [--by-date] [-n N]\n"
 * Table:
 *	{ "index", cmd_index },
 *	{ "search", cmd_search },
 */
#include <time.h>
#include <unistd.h>
#include "cache.h"
#include "search.h"

static double now_seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A first build of a large folder takes a while: say how far it is, on a
 * terminal only, so that scripts read one line. */
static void index_progress(void *ctx, const char *stage, size_t done, size_t total)
{
	(void)ctx;
	if (done % 1000 == 0 || done == total)
		fprintf(stderr, "\r%s %zu/%zu ", stage, done, total);
}

/* filo index [DIR]: builds or refreshes the cache; one line of figures. */
static int cmd_index(int argc, char **argv)
{
	const char *dir = NULL;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' || dir)
			return usage_error("index: unexpected argument '%s'", argv[i]);
		dir = argv[i];
	}
	dir = cli_articles_dir(dir, NULL);
	double t0 = now_seconds();
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	struct cache_stats st;
	bool tty = isatty(2);
	int r = cache_refresh(c, NULL, NULL, tty ? index_progress : NULL, NULL, &st, &d);
	if (tty)
		fputs("\r\033[K", stderr);
	print_diag(&d);
	diag_free(&d);
	if (r >= 0)
		printf("%zu articles, %zu entities, %zu threads, %.2f s\n",
		       st.articles, st.entities, st.threads, now_seconds() - t0);
	cache_close(c);
	return r >= 0 ? EXIT_OK : EXIT_ERR;
}

static void print_hit_json(const struct search_hit *h, bool first)
{
	printf("%s\n  {\"id\": ", first ? "" : ",");
	json_str(stdout, h->id);
	printf(", \"score\": %.4f, \"date\": ", h->score);
	json_str(stdout, h->date);
	printf(", \"title\": ");
	json_str(stdout, h->title);
	printf(", \"snippet\": ");
	json_str(stdout, h->snippet);
	printf(", \"highlights\": [");
	for (size_t k = 0; k < h->nhl; k++)
		printf("%s[%zu, %zu]", k ? ", " : "", h->hl[k].off, h->hl[k].len);
	if (h->match_off == (size_t)-1)
		printf("], \"match_offset\": null}");
	else
		printf("], \"match_offset\": %zu}", h->match_off);
}

static void print_results(const struct search_results *r, bool json)
{
	if (json) {
		printf("{\"total\": %zu, \"results\": [", r->total);
		for (size_t i = 0; i < r->n; i++)
			print_hit_json(&r->hit[i], i == 0);
		printf("\n]}\n");
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hit[i];
		printf("%s\t%.3f\t%s\t%s\t%s\n", h->id, h->score, h->date, h->title,
		       h->snippet);
	}
}

/* filo search QUERY [DIR] [--json] [--by-date] [-n N]: exit 1 when nothing
 * matches, as grep does. */
static int cmd_search(int argc, char **argv)
{
	const char *dir = NULL, *query = NULL, *n_s = "20";
	bool json = false, by_date = false;
	for (int i = 1; i < argc;) {
		int r;
		if ((r = cli_value(argc, argv, &i, "-n", NULL, &n_s))) {
			if (r < 0)
				return usage_error("option %s needs a value", argv[i]);
			continue;
		}
		if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--by-date") == 0) {
			*(argv[i][2] == 'j' ? &json : &by_date) = true;
			i++;
			continue;
		}
		if (argv[i][0] == '-' && argv[i][1] == '-')
			return usage_error("search: unknown option '%s'", argv[i]);
		if (query && dir)
			return usage_error("search: unexpected argument '%s'", argv[i]);
		*(query ? &dir : &query) = argv[i++];
	}
	long limit;
	if (!query)
		return usage_error("search: what? (%s)", "filo search QUERY [DIR]");
	if (!cli_number(n_s, 1, 100000, &limit))
		return usage_error("-n expects a number from 1, not '%s'", n_s);
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, cli_articles_dir(dir, NULL), &d);
	int r = cache_refresh(c, NULL, NULL, NULL, NULL, NULL, &d);
	struct search_query *q = search_parse(query, &d);
	struct search_results res = { 0 };
	if (r >= 0)
		r = search_run(c, q, by_date ? SEARCH_BY_DATE : SEARCH_BY_RANK,
			       (size_t)limit, &res, &d);
	print_diag(&d);
	if (r >= 0)
		print_results(&res, json);
	int status = r < 0 ? EXIT_ERR : res.n ? EXIT_OK : EXIT_ERR;
	search_results_free(&res);
	search_query_free(q);
	cache_close(c);
	diag_free(&d);
	return status;
}
