/* main.c: the command line: subcommands and their options. Each subcommand
 * parses its arguments and calls the modules; no logic of its own. */
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "archive.h"
#include "cli.h"
#include "config.h"
#include <time.h>
#include <unistd.h>
#include "cache.h"
#include "import.h"
#include "query.h"
#include "search.h"
#include "state.h"
#include "out.h"
#include "listing.h"
#include "render.h"
#include "store.h"
#include "theme.h"
#include "text.h"
#include "ui.h"
#include "update.h"
#include "urls.h"
#include "datadir.h"

enum { EXIT_OK = 0, EXIT_ERR = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: filo [--theme NAME] [--color=auto|always|never] [--config PATH] [DIR]\n"
	"       filo list [DIR] [--sort date|source|title] [--filter TEXT] [--json]\n"
	"       filo show ID [--width N] [--styled] [--dir DIR]\n"
	"       filo check [DIR] [--config PATH] | filo check --theme NAME|PATH\n"
	"       filo import FILE...|- [-o DIR] [--source S] [--url U] [--date D]\n"
	"                   [--lang L] [--force]\n"
	"       filo fetch [--feeds FILE] [--full] [DIR]\n"
	"       filo entities ID [--json] [--dir DIR]\n"
	"       filo related ID [-n K] [--json] [--dir DIR]\n"
	"       filo related --all [DIR] [-n K]\n"
	"       filo threads [DIR] [--json]\n"
	"       filo tag --conll [--lang LANG]\n"
	"       filo index [DIR]\n"
	"       filo search QUERY [DIR] [--json] [--by-date] [-n N]\n"
	"       filo --follow-links [COMMAND ...]   (links out of the folder followed)\n"
	"       filo --help | --version\n"
	"See filo(1).\n";

/* What is wrong on the command line, then the usage. */
static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int usage_error(const char *fmt, ...)
{
	va_list ap;
	out_printf(stderr, "filo: ");
	va_start(ap, fmt);
	out_vprintf(stderr, fmt, ap);
	va_end(ap);
	out_printf(stderr, "\n");
	out_text(stderr, usage_text, sizeof usage_text - 1);
	return EXIT_USAGE;
}

/* The next argument from argv[*i] on that is none of the options of opts
 * (which it takes on the way), or NULL at the end, and also when an option
 * lacks its value: then *bad gets the status of the usage error printed. */
static const char *next_word(int argc, char **argv, int *i,
			     const struct cli_opt *opts, int *bad)
{
	while (*i < argc) {
		int r = cli_option(argc, argv, i, opts);
		if (r < 0) {
			*bad = usage_error("option %s needs a value", argv[*i]);
			return NULL;
		}
		if (r == 0)
			return argv[(*i)++];
	}
	return NULL;
}

/* Parses the arguments of a command: the options of opts and at most one
 * other word, kept in *word. Returns 0, or the status of the usage error
 * it printed; cmd names the command in it ("list: unexpected argument"),
 * or NULL. */
static int parse_args(int argc, char **argv, const struct cli_opt *opts,
		      const char **word, const char *cmd)
{
	int i = 1, bad = 0;
	const char *w;
	while ((w = next_word(argc, argv, &i, opts, &bad))) {
		if (w[0] == '-' || *word)
			return cmd ? usage_error("%s: unexpected argument '%s'", cmd, w)
				   : usage_error("unexpected argument '%s'", w);
		*word = w;
	}
	return bad;
}

/* After the messages, how to name a folder when one said the installed
 * folder cannot be opened (cli_folder_hint). */
static void print_hints(FILE *f, const char *prefix, const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *hint = cli_folder_hint(d->msg[i]);
		if (hint)
			out_printf(f, "%s%s\n", prefix, hint);
	}
}

static void print_diag(const struct diag *d)
{
	out_diag(stderr, "filo: ", d);
	print_hints(stderr, "filo: ", d);
}

/* Opens the store of dir; prints problems; returns -1 if unusable. */
static int open_store(struct store *s, const char *dir, bool quiet)
{
	struct diag d = DIAG_INIT;
	int r = store_open(s, cli_articles_dir(dir, NULL), &d);
	if (r != 0 || !quiet)
		print_diag(&d);
	diag_free(&d);
	if (r != 0)
		store_close(s);
	return r;
}

/* Finds article id, or says why it is not there. */
static long find_article(const struct store *s, const char *id)
{
	long i = store_find(s, id);
	if (i < 0) {
		struct diag d = DIAG_INIT;
		store_why_missing(s, id, &d);
		print_diag(&d);
		diag_free(&d);
	}
	return i;
}

static void print_list_json(const struct article *a, bool first)
{
	out_printf(stdout, "%s\n  {\"id\": ", first ? "" : ",");
	out_json(stdout, a->id);
	out_printf(stdout, ", \"date\": ");
	out_json(stdout, a->date);
	out_printf(stdout, ", \"source\": ");
	out_json(stdout, a->source);
	out_printf(stdout, ", \"title\": ");
	out_json(stdout, a->title);
	out_printf(stdout, ", \"url\": ");
	out_json(stdout, a->url);
	out_printf(stdout, "}");
}

static int cmd_list(int argc, char **argv)
{
	const char *dir = NULL, *sort = "date", *filter = "";
	bool json = false;
	const struct cli_opt opts[] = { { "--sort", "-s", &sort, NULL },
		{ "--filter", "-f", &filter, NULL }, { "--json", NULL, NULL, &json },
		{ NULL, NULL, NULL, NULL } };
	int bad = parse_args(argc, argv, opts, &dir, "list");
	if (bad)
		return bad;
	int key = store_sort_from_name(sort);
	if (key < 0)
		return usage_error("unknown sort key '%s' (date, source or title)", sort);
	struct diag d = DIAG_INIT;
	struct query *q = query_parse(filter, &d);
	print_diag(&d);
	diag_free(&d);
	struct store s;
	struct archive a;
	memset(&s, 0, sizeof s);
	memset(&a, 0, sizeof a);
	struct cache *c = NULL;
	/* entities, types and text languages are the index cache's */
	if (query_has(q, QUERY_ENTITY) || query_has(q, QUERY_TYPE) || query_has(q, QUERY_LANG)) {
		cache_open(&c, cli_articles_dir(dir, NULL), &d);
		if (cache_refresh(c, &s, &a, NULL, NULL, NULL, &d) < 0) {
			print_diag(&d);
			diag_free(&d);
			cache_close(c);
			query_free(q);
			return EXIT_ERR;
		}
		diag_free(&d);	/* unreadable files are skipped silently */
	} else if (open_store(&s, dir, true) != 0) {
		query_free(q);
		return EXIT_ERR;
	}
	struct state *st = NULL;
	if (query_has(q, QUERY_IS)) {
		st = cli_state_read(s.dir, &d);
		print_diag(&d);
		diag_free(&d);
	}
	struct query_match *m = query_match_new(q, &s, &a, st);
	struct listing l = { 0 };
	struct listing_query lq = { .sort = key, .match = m };
	listing_build(&l, &s, &lq);
	if (json)
		out_printf(stdout, "[");
	for (size_t i = 0; i < l.n; i++) {
		const struct article *art = &s.art[l.rows[i].art];
		if (json)
			print_list_json(art, i == 0);
		else
			out_printf(stdout, "%s\t%s\t%s\t%s\n", art->id, art->date, art->source, art->title);
	}
	if (json)
		out_printf(stdout, "\n]\n");
	listing_free(&l);
	query_match_free(m);
	state_close(st);
	if (a.db)
		archive_free(&a);
	store_close(&s);
	cache_close(c);
	query_free(q);
	return EXIT_OK;
}

static int cmd_show(int argc, char **argv)
{
	const char *dir = NULL, *id = NULL, *width_s = "80";
	bool styled = false;
	const struct cli_opt opts[] = { { "--width", "-w", &width_s, NULL },
		{ "--dir", "-d", &dir, NULL }, { "--styled", NULL, NULL, &styled },
		{ NULL, NULL, NULL, NULL } };
	int bad = parse_args(argc, argv, opts, &id, "show");
	if (bad)
		return bad;
	long width;
	if (!id)
		return usage_error("show: which article? (%s)", "filo show ID");
	if (!cli_number(width_s, 8, 10000, &width))
		return usage_error("bad width '%s' (a number from 8 to 10000)", width_s);
	struct store s;
	if (open_store(&s, dir, true) != 0)
		return EXIT_ERR;
	long i = find_article(&s, id);
	if (i < 0) {
		store_close(&s);
		return EXIT_ERR;
	}
	struct article a;
	struct diag d = DIAG_INIT;
	int r = store_load_body(&s, (size_t)i, &a, &d);
	print_diag(&d);
	diag_free(&d);
	if (r == 0) {
		char date[64];
		struct render_doc *doc = render_blocks(a.body, a.body_len, a.title,
						       article_date_label(&a, date, sizeof date),
						       a.source);
		render_add_url(doc, a.url, RENDER_URL_FULL);
		if (render_as_text(doc)) {
			diag_add(&d, a.path, 0, RENDER_AS_TEXT " (shown as plain text)");
			print_diag(&d);
			diag_free(&d);
		}
		render_layout(doc, (size_t)width);
		if (styled)
			render_dump(doc, stdout);
		else
			render_print(doc, stdout);
		render_free(doc);
		article_free(&a);
	}
	store_close(&s);
	return r == 0 ? EXIT_OK : EXIT_ERR;
}

/* Prints each problem on stdout; returns how many. */
static size_t report(struct diag *d)
{
	out_diag(stdout, "", d);
	print_hints(stdout, "", d);
	size_t n = d->n;
	diag_free(d);
	return n;
}

/* Problems of one theme (name or path), lines included. */
static size_t check_theme(const char *name)
{
	struct theme t;
	struct diag d = DIAG_INIT;
	struct buf dir = BUF_INIT;
	if (config_dir_default(&dir) == 0)
		buf_adds(&dir, "/themes");
	theme_load(&t, name, dir.len ? dir.data : NULL, FILO_DATADIR "/themes", &d);
	buf_free(&dir);
	return report(&d);
}

/* filo check [DIR] [--config PATH] | filo check --theme NAME: validates
 * articles, the entities file, the config file and its theme. */
static int cmd_check(int argc, char **argv)
{
	const char *dir = NULL, *theme = NULL, *config = NULL;
	const struct cli_opt opts[] = { { "--theme", "-t", &theme, NULL },
		{ "--config", "-c", &config, NULL }, { NULL, NULL, NULL, NULL } };
	int bad = parse_args(argc, argv, opts, &dir, "check");
	if (bad)
		return bad;
	if (theme && !dir && !config) {
		size_t n = check_theme(theme);
		out_printf(stdout, "theme %s: %zu problem%s\n", theme, n, n == 1 ? "" : "s");
		return n ? EXIT_ERR : EXIT_OK;
	}
	struct config cfg;
	struct diag d = DIAG_INIT;
	config_defaults(&cfg);
	config_load(&cfg, config, &d);
	size_t problems = report(&d);
	problems += check_theme(theme ? theme : cfg.theme);
	dir = cli_articles_dir(dir, cfg.articles);
	struct store s;
	int r = store_open_checked(&s, dir, &d);
	problems += report(&d);
	if (r == 0) {
		struct entity_db *db = entity_db_new();
		struct buf path = BUF_INIT;
		buf_addf(&path, "%s/entities", s.dir);
		entity_db_load_user(db, path.data, &d);
		problems += report(&d);
		buf_free(&path);
		entity_db_free(db);
		state_check(s.dir, &d);	/* the reader's marks of this folder */
		problems += report(&d);
		out_printf(stdout, "%zu article%s, %zu problem%s\n", s.n, s.n == 1 ? "" : "s",
			   problems, problems == 1 ? "" : "s");
	}
	store_close(&s);
	config_free(&cfg);
	return r == 0 && problems == 0 ? EXIT_OK : EXIT_ERR;
}

/* Opens the store and analyses it (entities, related stories). */
static int open_archive(struct store *s, struct archive *a, const char *dir)
{
	if (open_store(s, dir, true) != 0)
		return -1;
	struct diag d = DIAG_INIT;
	archive_build(a, s, &d);
	print_diag(&d);
	diag_free(&d);
	return 0;
}


struct id_opts {
	const char *dir, *id, *n;
	bool json, all;
};

/* The options shared by entities, related and threads. */
static int parse_id_opts(int argc, char **argv, struct id_opts *o)
{
	const struct cli_opt opts[] = { { "--dir", "-d", &o->dir, NULL },
		{ "-n", NULL, &o->n, NULL }, { "--json", NULL, NULL, &o->json },
		{ "--all", NULL, NULL, &o->all }, { NULL, NULL, NULL, NULL } };
	return parse_args(argc, argv, opts, &o->id, NULL);
}

static void print_entities_json(const struct article *art, const struct entity_doc *e)
{
	out_printf(stdout, "{\"id\": ");
	out_json(stdout, art->id);
	out_printf(stdout, ", \"entities\": [");
	for (size_t k = 0; k < e->nent; k++) {
		out_printf(stdout, "%s\n  {\"name\": ", k ? "," : "");
		out_json(stdout, e->ent[k].name);
		out_printf(stdout, ", \"type\": \"%s\", \"key\": ", entity_type_name(e->ent[k].type));
		out_json(stdout, e->ent[k].key);
		out_printf(stdout, ", \"count\": %d, \"mentions\": [", e->ent[k].count);
		bool first = true;
		for (size_t m = 0; m < e->nm; m++) {
			if (e->m[m].entity != (int)k)
				continue;
			out_printf(stdout, "%s[%zu, %zu]", first ? "" : ", ", e->m[m].off, e->m[m].len);
			first = false;
		}
		out_printf(stdout, "]}");
	}
	out_printf(stdout, "\n]}\n");
}

static void print_entities_text(const struct entity_doc *e)
{
	for (size_t k = 0; k < e->nent; k++) {
		out_printf(stdout, "%s\t%d\t%s\t", entity_type_name(e->ent[k].type),
		       e->ent[k].count, e->ent[k].name);
		bool first = true;
		for (size_t m = 0; m < e->nm; m++) {
			if (e->m[m].entity != (int)k)
				continue;
			out_printf(stdout, "%s%zu+%zu", first ? "" : ",", e->m[m].off, e->m[m].len);
			first = false;
		}
		out_printf(stdout, "\n");
	}
}

static int cmd_entities(int argc, char **argv)
{
	struct id_opts o = { 0 };
	if (parse_id_opts(argc, argv, &o))
		return EXIT_USAGE;
	if (!o.id)
		return usage_error("entities: which article? (%s)", "filo entities ID");
	struct store s;
	if (open_store(&s, o.dir, true) != 0)
		return EXIT_ERR;
	long i = find_article(&s, o.id);
	struct article art;
	int r = i < 0 ? -1 : store_load_body(&s, (size_t)i, &art, NULL);
	if (r == 0) {
		struct archive a = { 0 };
		a.db = entity_db_new();
		struct buf path = BUF_INIT;	/* any length: never cut */
		buf_addf(&path, "%s/entities", s.dir);
		struct diag d = DIAG_INIT;
		entity_db_load_user(a.db, path.data, &d);
		buf_free(&path);
		print_diag(&d);
		diag_free(&d);
		struct entity_doc e = { 0 };
		render_free(archive_render(&a, &art, &e));
		if (o.json)
			print_entities_json(&art, &e);
		else
			print_entities_text(&e);
		entity_doc_free(&e);
		entity_db_free(a.db);
		article_free(&art);
	}
	store_close(&s);
	return r == 0 ? EXIT_OK : EXIT_ERR;
}

static void print_related_all(const struct archive *a, size_t k)
{
	struct related_hit hit[RELATED_MAX];
	for (size_t i = 0; i < a->store->n; i++) {
		size_t n = archive_related(a, i, hit, k);
		for (size_t j = 0; j < n; j++)
			out_printf(stdout, "%s\t%s\t%.4f\n", a->store->art[i].id,
			       a->store->art[hit[j].doc].id, hit[j].score);
	}
}

static void print_reasons(const struct related_hit *h, bool json)
{
	for (size_t k = 0; k < h->nent; k++) {
		if (json)
			out_json(stdout, h->shared_entities[k]);
		else
			out_printf(stdout, "%s", h->shared_entities[k]);
		out_printf(stdout, "%s", k + 1 < h->nent ? ", " : "");
	}
	if (json)
		out_printf(stdout, "], \"terms\": [");
	else
		out_printf(stdout, "\t");
	for (size_t k = 0; k < h->nterm; k++) {
		if (json)
			out_json(stdout, h->shared_terms[k]);
		else
			out_printf(stdout, "%s", h->shared_terms[k]);
		out_printf(stdout, "%s", k + 1 < h->nterm ? ", " : "");
	}
}

static void print_related(const struct archive *a, size_t i, size_t k, bool json)
{
	struct related_hit hit[RELATED_MAX];
	size_t n = archive_related(a, i, hit, k);
	if (json) {
		out_printf(stdout, "{\"id\": ");
		out_json(stdout, a->store->art[i].id);
		out_printf(stdout, ", \"related\": [");
	}
	for (size_t j = 0; j < n; j++) {
		const struct article *r = &a->store->art[hit[j].doc];
		if (json) {
			out_printf(stdout, "%s\n  {\"id\": ", j ? "," : "");
			out_json(stdout, r->id);
			out_printf(stdout, ", \"score\": %.4f, \"days_apart\": %ld, \"title\": ",
			       hit[j].score, hit[j].days_apart);
			out_json(stdout, r->title);
			out_printf(stdout, ", \"entities\": [");
			print_reasons(&hit[j], true);
			out_printf(stdout, "]}");
		} else {
			out_printf(stdout, "%s\t%.4f\t%ld\t%s\t", r->id, hit[j].score,
			       hit[j].days_apart, r->title);
			print_reasons(&hit[j], false);
			out_printf(stdout, "\n");
		}
	}
	if (json)
		out_printf(stdout, "\n]}\n");
}

static int cmd_related(int argc, char **argv)
{
	struct id_opts o = { 0 };
	if (parse_id_opts(argc, argv, &o))
		return EXIT_USAGE;
	long k = 5;
	if (o.n && !cli_number(o.n, 1, RELATED_MAX, &k))
		return usage_error("bad -n '%s' (1 to 16)", o.n);
	if (o.all && o.id && o.dir)
		return usage_error("related --all: unexpected argument '%s'", o.id);
	if (!o.all && !o.id)
		return usage_error("related: which article? (%s)", "filo related ID");
	struct store s;
	struct archive a;
	if (open_archive(&s, &a, o.all ? (o.id ? o.id : o.dir) : o.dir) != 0)
		return EXIT_ERR;
	long i = o.all ? 0 : find_article(&s, o.id);
	if (o.all)
		print_related_all(&a, (size_t)k);
	else if (i >= 0)
		print_related(&a, (size_t)i, (size_t)k, o.json);
	archive_free(&a);
	store_close(&s);
	return i >= 0 ? EXIT_OK : EXIT_ERR;
}

static int cmd_threads(int argc, char **argv)
{
	struct id_opts o = { 0 };
	if (parse_id_opts(argc, argv, &o))
		return EXIT_USAGE;
	struct store s;
	struct archive a;
	if (open_archive(&s, &a, o.id ? o.id : o.dir) != 0)
		return EXIT_ERR;
	size_t nt = archive_thread_count(&a), *m = xcalloc(s.n + 1, sizeof *m);
	if (o.json)
		out_printf(stdout, "[");
	for (size_t t = 0; t < nt; t++) {
		size_t n = archive_thread_members(&a, t, m, s.n);
		if (o.json)
			out_printf(stdout, "%s\n  {\"thread\": %zu, \"articles\": [", t ? "," : "", t + 1);
		else
			out_printf(stdout, "thread %zu: %zu article%s\n", t + 1, n, n == 1 ? "" : "s");
		for (size_t j = 0; j < n; j++) {
			const struct article *art = &s.art[m[j]];
			if (o.json) {
				out_printf(stdout, "%s{\"id\": ", j ? ", " : "");
				out_json(stdout, art->id);
				out_printf(stdout, ", \"date\": ");
				out_json(stdout, art->date);
				out_printf(stdout, "}");
			} else {
				out_printf(stdout, "  %-10s  %s\t%s\n", *art->date ? art->date : "undated",
				       art->id, art->title);
			}
		}
		if (o.json)
			out_printf(stdout, "]}");
	}
	if (o.json)
		out_printf(stdout, "\n]\n");
	free(m);
	archive_free(&a);
	store_close(&s);
	return EXIT_OK;
}

/* Reads tokens one a line (a blank line between sentences; anything after a
 * TAB is ignored, so gold files can be fed as they are) and writes
 * token<TAB>LABEL with LABEL PER, LOC, ORG or O: the measuring interface.
 * Every token and blank line is kept. The whole input is tagged at once,
 * sentences separated by empty tokens, so that document-level consistency
 * applies across sentences, as it does in an article. --lang LANG sets the
 * language of all of it; without it each sentence gets the language of
 * the sentences around it (entity_tag_tokens). */
static int cmd_tag(int argc, char **argv)
{
	bool conll = false;
	int lang = LANG_UNKNOWN;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--conll") == 0) {
			conll = true;
		} else if (strcmp(argv[i], "--lang") == 0) {
			if (++i >= argc)
				return usage_error("option %s needs a value", "--lang");
			lang = lang_from_code(argv[i], strlen(argv[i]));
			if (lang == LANG_UNKNOWN && strcmp(argv[i], "auto") != 0)
				return usage_error("tag: unknown language '%s' (it, en, "
						   "fr, es, de, pt, nl or auto)", argv[i]);
		} else {
			return usage_error("tag: unexpected argument '%s'", argv[i]);
		}
	}
	if (!conll)
		return usage_error("tag: only %s is supported", "--conll");
	char *line = NULL, **tok = NULL;
	size_t linecap = 0, n = 0, cap = 0;
	while (getline(&line, &linecap, stdin) >= 0) {
		line[strcspn(line, "\t\r\n")] = '\0';
		tok = xgrow(tok, &cap, n + 1, sizeof *tok);
		tok[n++] = xstrdup(line);
	}
	free(line);
	int *lab = xcalloc(n, sizeof *lab);
	struct entity_db *db = entity_db_new();
	entity_tag_tokens(db, lang, (const char *const *)tok, n, lab);
	for (size_t k = 0; k < n; k++) {
		int l = lab[k] == ENTITY_MISC ? ENTITY_NONE : lab[k];
		if (*tok[k])
			out_printf(stdout, "%s\t%s\n", tok[k], entity_type_name(l));
		else
			out_printf(stdout, "\n");
		free(tok[k]);
	}
	entity_db_free(db);
	free(lab);
	free(tok);
	return EXIT_OK;
}

/* ---- index and search (the cache) ---- */

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
		out_printf(stderr, "\r%s %zu/%zu ", stage, done, total);
}

/* filo index [DIR]: builds or refreshes the cache; one line of figures. */
static int cmd_index(int argc, char **argv)
{
	const char *dir = NULL;
	const struct cli_opt none[] = { { NULL, NULL, NULL, NULL } };
	int bad = parse_args(argc, argv, none, &dir, "index");
	if (bad)
		return bad;
	dir = cli_articles_dir(dir, NULL);
	double t0 = now_seconds();
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, dir, &d);
	struct cache_stats st;
	bool tty = isatty(2);
	int r = cache_refresh(c, NULL, NULL, tty ? index_progress : NULL, NULL, &st, &d);
	if (tty)
		out_printf(stderr, "\r\033[K");	/* our own: clears the progress */
	print_diag(&d);
	diag_free(&d);
	if (r >= 0)
		out_printf(stdout, "%zu articles, %zu entities, %zu threads, %.2f s\n",
		       st.articles, st.entities, st.threads, now_seconds() - t0);
	cache_close(c);
	/* built in memory only: nothing was kept, which was the point */
	return r >= 0 && !st.memory ? EXIT_OK : EXIT_ERR;
}

static void print_hit_json(const struct search_hit *h, bool first)
{
	out_printf(stdout, "%s\n  {\"id\": ", first ? "" : ",");
	out_json(stdout, h->id);
	out_printf(stdout, ", \"score\": %.4f, \"date\": ", h->score);
	out_json(stdout, h->date);
	out_printf(stdout, ", \"title\": ");
	out_json(stdout, h->title);
	out_printf(stdout, ", \"url\": ");
	out_json(stdout, h->url);
	out_printf(stdout, ", \"snippet\": ");
	out_json(stdout, h->snippet);
	out_printf(stdout, ", \"highlights\": [");
	for (size_t k = 0; k < h->nhl; k++)
		out_printf(stdout, "%s[%zu, %zu]", k ? ", " : "", h->hl[k].off, h->hl[k].len);
	if (h->match_off == (size_t)-1)
		out_printf(stdout, "], \"match_offset\": null}");
	else
		out_printf(stdout, "], \"match_offset\": %zu}", h->match_off);
}

static void print_results(const struct search_results *r, bool json)
{
	if (json) {
		out_printf(stdout, "{\"total\": %zu, \"results\": [", r->total);
		for (size_t i = 0; i < r->n; i++)
			print_hit_json(&r->hit[i], i == 0);
		out_printf(stdout, "\n]}\n");
		return;
	}
	for (size_t i = 0; i < r->n; i++) {
		const struct search_hit *h = &r->hit[i];
		out_printf(stdout, "%s\t%.3f\t%s\t%s\t%s\n", h->id, h->score, h->date, h->title,
		       h->snippet);
	}
}

/* filo search QUERY [DIR] [--json] [--by-date] [-n N]: exit 1 when nothing
 * matches, as grep does. */
static int cmd_search(int argc, char **argv)
{
	const char *dir = NULL, *query = NULL, *n_s = "20";
	bool json = false, by_date = false;
	const struct cli_opt opts[] = { { "-n", NULL, &n_s, NULL },
		{ "--json", NULL, NULL, &json }, { "--by-date", NULL, NULL, &by_date },
		{ NULL, NULL, NULL, NULL } };
	int i = 1, bad = 0;
	const char *w;
	while ((w = next_word(argc, argv, &i, opts, &bad))) {
		if (w[0] == '-' && w[1] == '-')
			return usage_error("search: unknown option '%s'", w);
		if (query && dir)
			return usage_error("search: unexpected argument '%s'", w);
		*(query ? &dir : &query) = w;
	}
	if (bad)
		return bad;
	long limit;
	if (!query)
		return usage_error("search: what? (%s)", "filo search QUERY [DIR]");
	if (!cli_number(n_s, 1, 100000, &limit))
		return usage_error("-n expects a number from 1, not '%s'", n_s);
	struct diag d = DIAG_INIT;
	struct cache *c;
	cache_open(&c, cli_articles_dir(dir, NULL), &d);
	int r = cache_refresh(c, NULL, NULL, NULL, NULL, NULL, &d);
	struct query *q = query_parse(query, &d);
	if (!q->n)	/* an empty query, or only filters that were ignored */
		diag_add(&d, "search", 0, "nothing to search for (give words, "
			 "\"phrases\" or filters such as source:NAME or date:2023-09)");
	struct state *st = query_has(q, QUERY_IS)
			   ? cli_state_read(cli_articles_dir(dir, NULL), &d) : NULL;
	struct search_results res = { 0 };
	if (r >= 0)
		r = search_run(c, q, st, by_date ? SEARCH_BY_DATE : SEARCH_BY_RANK,
			       (size_t)limit, &res, &d);
	print_diag(&d);
	if (r >= 0)
		print_results(&res, json);
	int status = r < 0 ? EXIT_ERR : res.n ? EXIT_OK : EXIT_ERR;
	search_results_free(&res);
	state_close(st);
	query_free(q);
	cache_close(c);
	diag_free(&d);
	return status;
}

/* filo import FILE... [-o DIR] [--source S] [--url U] [--date D]
 * [--lang L] [--force]: each input ("-": standard input) becomes article
 * files; the paths written (new or updated) go to stdout, one a line. */
static int cmd_import(int argc, char **argv)
{
	struct import_options o = { .outdir = "." };
	const struct cli_opt opts[] = { { "--output", "-o", &o.outdir, NULL },
		{ "--source", NULL, &o.source, NULL }, { "--url", NULL, &o.url, NULL },
		{ "--date", NULL, &o.date, NULL }, { "--lang", NULL, &o.lang, NULL },
		{ "--force", NULL, NULL, &o.force }, { NULL, NULL, NULL, NULL } };
	const char **files = xcalloc((size_t)argc, sizeof *files);
	int nfiles = 0, failed = 0, i = 1, bad = 0;
	const char *w;
	while ((w = next_word(argc, argv, &i, opts, &bad))) {
		if (w[0] == '-' && w[1]) {
			free(files);
			return usage_error("import: unknown option '%s'", w);
		}
		files[nfiles++] = w;
	}
	if (bad) {
		free(files);
		return bad;
	}
	if (!nfiles) {
		free(files);
		return usage_error("import: which files? (%s)", "filo import FILE... [-o DIR]");
	}
	if (o.date && import_check_date(o.date) != 0) {
		free(files);
		return usage_error("import: bad --date '%s' (YYYY-MM-DD, YYYY-MM or YYYY)", o.date);
	}
	struct diag d = DIAG_INIT;
	o.dir = import_dir_open(o.outdir, &d);
	print_diag(&d);
	diag_free(&d);
	for (int k = 0; o.dir && k < nfiles; k++) {
		struct import_result res = { 0 };
		if (import_file(files[k], &o, &res, &d) != 0)
			failed++;
		for (size_t j = 0; j < res.n; j++) {
			enum import_status st = res.files[j].status;
			if (st == IMPORT_NEW || st == IMPORT_UPDATED)
				out_printf(stdout, "%s\n", res.files[j].path);
			if (st == IMPORT_UPDATED || st == IMPORT_UNCHANGED)
				out_error("%s: %s", res.files[j].path,
					  st == IMPORT_UPDATED ? "updated" : "unchanged");
		}
		fflush(stdout);
		print_diag(&d);
		diag_free(&d);
		import_result_free(&res);
	}
	free(files);
	if (!o.dir)
		return EXIT_ERR;
	import_dir_close(o.dir);
	return failed ? EXIT_ERR : EXIT_OK;
}

/* ---- fetch ---- */

/* A message from the network or a feed, printed sanitised (out.c). */
static void print_clean(FILE *out, const char *prefix, const char *msg)
{
	out_printf(out, "%s%s\n", prefix, msg);
}

static void fetch_progress(void *ctx, size_t done, size_t total)
{
	(void)ctx;
	out_printf(stderr, "\rfetching %zu/%zu ", done, total);
}

/* One line per feed: those that worked on stdout, the failures (and
 * permanent redirects) on stderr as feeds-file:line: URL: why. */
static void print_feed(const char *feeds, const struct update_feed *f)
{
	struct buf b = BUF_INIT;
	if (f->moved_to) {
		buf_addf(&b, "%s:%zu: %s moved permanently to %s (the feeds file was "
			 "not changed: update it there)", feeds, f->line, f->url, f->moved_to);
		print_clean(stderr, "filo: ", b.data);
		buf_reset(&b);
	}
	if (f->state == UPDATE_FAILED) {
		buf_addf(&b, "%s:%zu: %s: %s (nothing changed)", feeds, f->line, f->url, f->error);
		print_clean(stderr, "filo: ", b.data);
	} else if (f->state == UPDATE_NOT_MODIFIED) {
		out_printf(stdout, "%s\tnot modified\n", f->name);
	} else {
		buf_addf(&b, "%zu new, %zu updated, %zu unchanged", f->added,
			 f->updated, f->unchanged);
		if (f->kept)
			buf_addf(&b, ", %zu kept", f->kept);
		if (f->pages || f->pages_failed)
			buf_addf(&b, ", %zu page%s", f->pages, f->pages == 1 ? "" : "s");
		out_printf(stdout, "%s\t%s\n", f->name, b.data);
	}
	buf_free(&b);
}

static void print_report(const char *feeds, const struct update_report *r)
{
	for (size_t i = 0; i < r->notes.n; i++)
		print_clean(stderr, "filo: ", r->notes.msg[i]);
	for (size_t i = 0; i < r->n; i++)
		print_feed(feeds, &r->feed[i]);
	out_printf(stdout, "%zu feed%s: %zu new, %zu updated, %zu unchanged; %zu not modified, "
		   "%zu failed (%.2f s)\n", r->n, r->n == 1 ? "" : "s", r->added, r->updated,
		   r->unchanged, r->not_modified, r->failed, r->seconds);
}

/* The folder fetch writes into: DIR, $FILO_ARTICLES or the configured
 * one; never the bundled sample articles. NULL when none is given. */
static const char *fetch_dir(const char *dir, const struct config *cfg)
{
	const char *env = getenv("FILO_ARTICLES");
	return dir ? dir : env && *env ? env : cfg->articles;
}

/* filo fetch [--feeds FILE] [--full] [DIR]: every feed of the feeds file
 * downloaded and its items written into DIR; exit 1 when a feed failed. */
static int cmd_fetch(int argc, char **argv)
{
	const char *dir = NULL, *feeds_path = NULL;
	bool full = false;
	const struct cli_opt opts[] = { { "--feeds", NULL, &feeds_path, NULL },
		{ "--full", NULL, NULL, &full }, { NULL, NULL, NULL, NULL } };
	int bad = parse_args(argc, argv, opts, &dir, "fetch");
	if (bad)
		return bad;
	struct config cfg;
	struct diag d = DIAG_INIT;
	config_defaults(&cfg);
	config_load(&cfg, NULL, &d);
	dir = fetch_dir(dir, &cfg);
	struct urls feeds = { 0 };
	struct buf label = BUF_INIT;
	if (feeds_path)
		buf_adds(&label, feeds_path);
	else if (urls_path_default(&label) < 0)
		buf_adds(&label, "urls");
	int r = -1;
	if (!dir)
		diag_add(&d, NULL, 0, "fetch: into which folder? Give DIR, or set articles "
			 "in the configuration file");
	else if (urls_load(&feeds, feeds_path, &d) == 0 && feeds.n == 0)
		diag_add(&d, label.data, 0, "no feeds to fetch (one URL a line; see filo(5))");
	else if (feeds.n)
		r = 0;
	for (size_t i = 0; i < d.n; i++)
		print_clean(stderr, "filo: ", d.msg[i]);
	diag_free(&d);
	if (r == 0) {
		struct update_options o = { .dir = dir, .full = full };
		fetch_options_default(&o.fetch);
		o.fetch.timeout = cfg.fetch_timeout;
		if (isatty(2))
			o.progress = fetch_progress;
		struct update_report rep;
		r = update_run(&feeds, &o, &rep, &d);
		if (o.progress)
			out_printf(stderr, "\r\033[K");	/* the format's own: clears the progress */
		for (size_t i = 0; i < d.n; i++)
			print_clean(stderr, "filo: ", d.msg[i]);
		if (r >= 0)
			print_report(label.data, &rep);
		update_report_free(&rep);
		diag_free(&d);
	}
	buf_free(&label);
	urls_free(&feeds);
	config_free(&cfg);
	return r == 0 ? EXIT_OK : EXIT_ERR;
}

static int cmd_reader(int argc, char **argv)
{
	struct ui_options opt = { NULL, NULL, -2, NULL, NULL };
	const char *color = NULL, *config = NULL;
	const struct cli_opt opts[] = { { "--theme", "-t", &opt.theme, NULL },
		{ "--config", "-c", &config, NULL }, { "--color", NULL, &color, NULL },
		{ NULL, NULL, NULL, NULL } };
	int bad = parse_args(argc, argv, opts, &opt.dir, NULL);
	if (bad)
		return bad;
	if (color) {
		if (strcmp(color, "auto") == 0)
			opt.color = -1;
		else if (strcmp(color, "always") == 0)
			opt.color = 1;
		else if (strcmp(color, "never") == 0)
			opt.color = 0;
		else
			return usage_error("bad --color '%s' (auto, always or never)", color);
	}
	struct config cfg;
	struct diag d = DIAG_INIT;
	config_defaults(&cfg);
	if (config_load(&cfg, config, &d) != 0) {
		print_diag(&d);
		diag_free(&d);
		config_free(&cfg);
		return EXIT_ERR;
	}
	opt.cfg = &cfg;
	opt.cfg_diag = &d;
	opt.dir = cli_articles_dir(opt.dir, cfg.articles);
	int r = ui_main(&opt);
	config_free(&cfg);
	diag_free(&d);
	return r;
}

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "check", cmd_check },
	{ "import", cmd_import },
	{ "fetch", cmd_fetch },
	{ "entities", cmd_entities },
	{ "related", cmd_related },
	{ "threads", cmd_threads },
	{ "tag", cmd_tag },
	{ "index", cmd_index },
	{ "search", cmd_search },
};

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	/* a file size limit (ulimit -f) makes a write fail, which the cache
	 * and the state file handle, rather than kill filo */
	signal(SIGXFSZ, SIG_IGN);
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		out_text(stdout, usage_text, sizeof usage_text - 1);
		return EXIT_OK;
	}
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		out_printf(stdout, "filo %s\n", FILO_VERSION);
		return EXIT_OK;
	}
	if (argc > 1 && strcmp(argv[1], "--follow-links") == 0) {
		/* before any command: every article read obeys it */
		article_follow_links(true);
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return cmd_reader(argc, argv);
}
