/* test_cli.c: the command-line options shared by the subcommands: values
 * ("--sort date", "--sort=date", "-s date"), flags, a missing value, and
 * numbers. */
#include "t.h"
#include "cli.h"

static const char *sort, *dir;
static bool json;
static const struct cli_opt opts[] = {
	{ "--sort", "-s", &sort, NULL }, { "--dir", NULL, &dir, NULL },
	{ "--json", NULL, NULL, &json }, { NULL, NULL, NULL, NULL }
};

/* Runs cli_option over the words of argv (argv[0] is the command) until
 * a word is no option; returns its index, or -1 after a missing value. */
static int parse(int argc, char **argv)
{
	sort = dir = NULL;
	json = false;
	int i = 1;
	while (i < argc) {
		int r = cli_option(argc, argv, &i, opts);
		if (r < 0)
			return -1;
		if (r == 0)
			return i;
	}
	return i;
}

TEST(values_and_flags)
{
	char *a[] = { "list", "--sort", "title", "--json", "--dir=x", "rest" };
	T_EQ_INT(parse(6, a), 5);
	T_EQ_STR(sort, "title");
	T_EQ_STR(dir, "x");
	T_OK(json);
	char *b[] = { "list", "-s", "source", "word" };
	T_EQ_INT(parse(4, b), 3);
	T_EQ_STR(sort, "source");
	T_OK(!json && !dir);
	/* a flag takes no value, an unknown word stops */
	char *c[] = { "list", "--json=yes", "--json" };
	T_EQ_INT(parse(3, c), 1);
	T_OK(!json);
	char *d[] = { "list", "--sorted", "x" };
	T_EQ_INT(parse(3, d), 1);
	T_OK(sort == NULL);
}

TEST(missing_value)
{
	char *a[] = { "list", "--json", "--sort" };
	T_EQ_INT(parse(3, a), -1);
	T_OK(json);
	char *b[] = { "list", "--sort=" };	/* an empty value is a value */
	T_EQ_INT(parse(2, b), 2);
	T_EQ_STR(sort, "");
}

TEST(numbers)
{
	long v = 0;
	T_OK(cli_number("16", 1, 16, &v) && v == 16);
	T_OK(!cli_number("17", 1, 16, &v));
	T_OK(!cli_number("0", 1, 16, &v));
	T_OK(!cli_number("3x", 1, 16, &v));
	T_OK(!cli_number("", 1, 16, &v));
	T_OK(!cli_number("99999999999999999999", 1, 16, &v));
}

T_MAIN(RUN(values_and_flags); RUN(missing_value); RUN(numbers))
