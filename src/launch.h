/* launch.h: an article's address taken out of filo: opened in the user's
 * browser without a shell ever seeing it, or put on the clipboard through
 * the terminal (OSC 52). No curses here: the UI leaves and restores the
 * screen around launch_run and writes the OSC 52 sequence itself.
 *
 * The browser follows the BROWSER convention: $BROWSER is a list of
 * commands separated by ':', tried in turn until one can be started; in a
 * command, "%s" stands for the address, "%%" for '%' and "%c" for ':', and
 * a command without "%s" gets the address as its last argument. filo
 * splits each command into words at blanks (no quotes, no shell) and runs
 * it with execvp: the address is always one argument of its own, whatever
 * it holds. Without $BROWSER, "xdg-open". */
#ifndef FILO_LAUNCH_H
#define FILO_LAUNCH_H

#include <stdbool.h>
#include <stddef.h>

struct buf;
struct diag;

/* Is url one filo hands to a browser: http:// or https:// with a host,
 * no blank or control character, valid UTF-8? (Anything else might be an
 * option to the browser, a local file or a script.) */
bool launch_url_ok(const char *url);

struct launch_cmd {
	char **argv;	/* NULL-terminated; argv[0] the program */
	size_t argc;
};

/* The commands to try for url, in order. */
struct launch_plan {
	struct launch_cmd *cmd;
	size_t n;
};

/* Fills *p (free with launch_plan_free) from browser (the value of
 * $BROWSER; NULL or blank: xdg-open). Empty commands are skipped; a
 * browser of only empty commands is xdg-open too. */
void launch_plan_make(struct launch_plan *p, const char *browser, const char *url);
void launch_plan_free(struct launch_plan *p);

/* Runs the plan's commands in turn, each in a child process (fork,
 * execvp) with the terminal as it is, and waits for the one started to
 * exit. A command that cannot be started (not found, not executable) is
 * skipped for the next. SIGINT and SIGQUIT are ignored by filo meanwhile
 * (a Control-C is the browser's). Returns 0 when a command ran (its exit
 * status in *status when not NULL), -1 when none could be started (why
 * in d: "cannot run 'w3m': No such file or directory"). */
int launch_run(const struct launch_plan *p, int *status, struct diag *d);

/* The OSC 52 sequence that asks the terminal to put text on the
 * clipboard: ESC ] 52 ; c ; BASE64 BEL, appended to out. */
void launch_osc52(const char *text, size_t len, struct buf *out);

#endif
