/* main.c: the command line: subcommands and their options. Each subcommand
 * parses its arguments and calls the modules; no logic of its own. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "listing.h"
#include "render.h"
#include "store.h"
#include "text.h"
#include "ui.h"

enum { EXIT_OK = 0, EXIT_ERR = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
	"usage: filo [--theme NAME] [--color=auto|always|never] [--config PATH] [DIR]\n"
	"       filo list [DIR] [--sort date|source|title] [--filter TEXT]\n"
	"       filo show ID [--width N] [--styled] [--dir DIR]\n"
	"       filo check [DIR]\n"
	"       filo import FILE... [-o DIR]\n"
	"       filo tag --conll\n"
	"       filo --help | --version\n"
	"See filo(1).\n";

static int usage_error(const char *fmt, const char *arg)
{
	fputs("filo: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

static void print_diag(const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "filo: %s\n", d->msg[i]);
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

static int cmd_list(int argc, char **argv)
{
	const char *dir = NULL, *sort = "date", *filter = "";
	for (int i = 1; i < argc;) {
		int r;
		if ((r = cli_value(argc, argv, &i, "--sort", "-s", &sort)) ||
		    (r = cli_value(argc, argv, &i, "--filter", "-f", &filter))) {
			if (r < 0)
				return usage_error("option %s needs a value", argv[i]);
			continue;
		}
		if (argv[i][0] == '-' || dir)
			return usage_error("list: unexpected argument '%s'", argv[i]);
		dir = argv[i++];
	}
	int key = store_sort_from_name(sort);
	if (key < 0)
		return usage_error("unknown sort key '%s' (date, source or title)", sort);
	struct store s;
	if (open_store(&s, dir, true) != 0)
		return EXIT_ERR;
	size_t flen;
	char *folded = text_fold(filter, strlen(filter), &flen, NULL);
	struct listing l = { 0 };
	listing_build(&l, &s, key, false, LISTING_GROUP_NONE, folded, NULL, NULL);
	for (size_t i = 0; i < l.n; i++) {
		const struct article *a = &s.art[l.rows[i].art];
		printf("%s\t%s\t%s\t%s\n", a->id, a->date, a->source, a->title);
	}
	listing_free(&l);
	free(folded);
	store_close(&s);
	return EXIT_OK;
}

static int cmd_show(int argc, char **argv)
{
	const char *dir = NULL, *id = NULL, *width_s = "80";
	bool styled = false;
	for (int i = 1; i < argc;) {
		int r;
		if ((r = cli_value(argc, argv, &i, "--width", "-w", &width_s)) ||
		    (r = cli_value(argc, argv, &i, "--dir", "-d", &dir))) {
			if (r < 0)
				return usage_error("option %s needs a value", argv[i]);
			continue;
		}
		if (strcmp(argv[i], "--styled") == 0) {
			styled = true;
			i++;
			continue;
		}
		if (argv[i][0] == '-' || id)
			return usage_error("show: unexpected argument '%s'", argv[i]);
		id = argv[i++];
	}
	long width;
	if (!id)
		return usage_error("show: which article? (%s)", "filo show ID");
	if (!cli_number(width_s, 8, 10000, &width))
		return usage_error("bad width '%s' (a number from 8 to 10000)", width_s);
	struct store s;
	if (open_store(&s, dir, true) != 0)
		return EXIT_ERR;
	long i = store_find(&s, id);
	if (i < 0) {
		fprintf(stderr, "filo: no article '%s' in %s\n", id, s.dir);
		store_close(&s);
		return EXIT_ERR;
	}
	struct article a;
	struct diag d = DIAG_INIT;
	int r = store_load_body(&s, (size_t)i, &a, &d);
	print_diag(&d);
	diag_free(&d);
	if (r == 0) {
		struct render_doc *doc = render_blocks(a.body, a.body_len, a.title, a.date, a.source);
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

static int cmd_check(int argc, char **argv)
{
	if (argc > 2)
		return usage_error("check: unexpected argument '%s'", argv[2]);
	const char *dir = cli_articles_dir(argc > 1 ? argv[1] : NULL, NULL);
	struct store s;
	struct diag d = DIAG_INIT;
	int r = store_open(&s, dir, &d);
	for (size_t i = 0; i < d.n; i++)
		printf("%s\n", d.msg[i]);
	size_t problems = d.n;
	if (r == 0)
		printf("%zu article%s, %zu problem%s\n", s.n, s.n == 1 ? "" : "s",
		       problems, problems == 1 ? "" : "s");
	diag_free(&d);
	store_close(&s);
	return r == 0 && problems == 0 ? EXIT_OK : EXIT_ERR;
}

static int cmd_reader(int argc, char **argv)
{
	struct ui_options opt = { NULL, NULL, -1, NULL };
	const char *color = NULL;
	for (int i = 1; i < argc;) {
		int r;
		if ((r = cli_value(argc, argv, &i, "--theme", "-t", &opt.theme)) ||
		    (r = cli_value(argc, argv, &i, "--config", "-c", &opt.config)) ||
		    (r = cli_value(argc, argv, &i, "--color", NULL, &color))) {
			if (r < 0)
				return usage_error("option %s needs a value", argv[i]);
			continue;
		}
		if (argv[i][0] == '-' || opt.dir)
			return usage_error("unexpected argument '%s'", argv[i]);
		opt.dir = argv[i++];
	}
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
	opt.dir = cli_articles_dir(opt.dir, NULL);
	return ui_main(&opt);
}

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "list", cmd_list },
	{ "show", cmd_show },
	{ "check", cmd_check },
};

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(usage_text, stdout);
		return EXIT_OK;
	}
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)) {
		printf("filo %s\n", FILO_VERSION);
		return EXIT_OK;
	}
	for (size_t i = 0; argc > 1 && i < sizeof commands / sizeof *commands; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	return cmd_reader(argc, argv);
}
