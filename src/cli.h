/* cli.h: the small command-line toolkit shared by main.c's subcommands:
 * option matching and the articles folder to use. */
#ifndef FILO_CLI_H
#define FILO_CLI_H

#include <stdbool.h>

struct diag;
struct state;

/* Matches "--name VALUE", "--name=VALUE" or "-n VALUE" at argv[*i]; on a
 * match stores the value, advances *i past it and returns 1; returns -1 when
 * the option is given without a value, 0 when argv[*i] is another word. */
int cli_value(int argc, char **argv, int *i, const char *lng, const char *shrt,
	      const char **value);

/* One option of a command, in a table ended by { NULL }: a value
 * ("--sort date") when value is set, else a flag ("--json") set to true. */
struct cli_opt {
	const char *lng, *shrt;	/* "--sort", "-s" (or NULL) */
	const char **value;
	bool *flag;
};

/* Matches argv[*i] against the options of opts (as cli_value does for a
 * value); on a match advances *i past it and returns 1; -1 when a value is
 * missing, 0 when argv[*i] is none of them. */
int cli_option(int argc, char **argv, int *i, const struct cli_opt *opts);

/* Parses a whole number in [min, max]; false when s is not one. */
bool cli_number(const char *s, long min, long max, long *out);

/* The articles folder: dir when given, else $FILO_ARTICLES, else the
 * configured folder (may be NULL), else the installed articles. Returns a
 * static or given string. */
const char *cli_articles_dir(const char *dir, const char *configured);

/* For a message that the installed articles folder cannot be opened (no
 * folder named, nothing installed: a clone's ./filo), the line to add:
 * how to name a folder. NULL after any other message. */
const char *cli_folder_hint(const char *msg);

/* The reader's state of the articles folder dir, for the is: filters of
 * `filo list` and `filo search`: read only (a damaged file is not set
 * aside, a lock is not taken; its bad lines are reported in d and
 * skipped). NULL when there is none yet (every article unread and
 * unflagged); free with state_close. */
struct state *cli_state_read(const char *dir, struct diag *d);

#endif
