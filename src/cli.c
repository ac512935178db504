/* cli.c: option matching and folder defaults for the subcommands. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "cli.h"
#include "datadir.h"
#include "diag.h"
#include "state.h"

int cli_value(int argc, char **argv, int *i, const char *lng, const char *shrt,
	      const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(lng);
	if (strncmp(a, lng, n) == 0 && a[n] == '=') {
		*value = a + n + 1;
		(*i)++;
		return 1;
	}
	if (strcmp(a, lng) != 0 && !(shrt && strcmp(a, shrt) == 0))
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[*i + 1];
	*i += 2;
	return 1;
}

int cli_option(int argc, char **argv, int *i, const struct cli_opt *opts)
{
	for (const struct cli_opt *o = opts; o->lng; o++) {
		if (o->value) {
			int r = cli_value(argc, argv, i, o->lng, o->shrt, o->value);
			if (r)
				return r;
		} else if (strcmp(argv[*i], o->lng) == 0 ||
			   (o->shrt && strcmp(argv[*i], o->shrt) == 0)) {
			*o->flag = true;
			(*i)++;
			return 1;
		}
	}
	return 0;
}

bool cli_number(const char *s, long min, long max, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

const char *cli_articles_dir(const char *dir, const char *configured)
{
	if (dir)
		return dir;
	const char *env = getenv("FILO_ARTICLES");
	if (env && *env)
		return env;
	if (configured && *configured)
		return configured;
	return FILO_DATADIR "/articles";
}

const char *cli_folder_hint(const char *msg)
{
	static const char gone[] = FILO_DATADIR "/articles: cannot open folder";
	if (strncmp(msg, gone, sizeof gone - 1) != 0)
		return NULL;
	return "no articles folder was named (name one as an argument, in "
	       "FILO_ARTICLES, or as 'set articles DIR' in the config file; see filo(5))";
}

/* As large as the reader accepts (state.c). */
#define CLI_STATE_MAX (256u * 1024 * 1024)

struct state *cli_state_read(const char *dir, struct diag *d)
{
	struct buf path = BUF_INIT, text = BUF_INIT;
	struct state *st = NULL;
	if (state_file_for_dir(dir, &path) == 0 &&
	    buf_read_file_max(&text, path.data, CLI_STATE_MAX, NULL) == 0)
		st = state_parse(path.data, buf_str(&text), text.len, d);
	else if (path.len && errno != ENOENT)
		diag_add(d, path.data, 0, "cannot read the reading state: %s "
			 "(every article taken as unread and unflagged)",
			 buf_read_error(errno));
	buf_free(&path);
	buf_free(&text);
	return st;
}
