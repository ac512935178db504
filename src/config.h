/* config.h: the user's configuration file, parsed into plain settings and a
 * keymap. No curses, no printing: bad lines go to a struct diag.
 *
 * File: $XDG_CONFIG_HOME/filo/config (default ~/.config/filo/config), or
 * the file given with --config. One command a line:
 *
 *     # a comment (a line whose first non-blank character is '#')
 *     set articles PATH          archive folder; "~" and "~/..." expanded
 *     set theme NAME-OR-PATH     see theme.h
 *     set width N                reading width in columns, 0 = whole window
 *     set sort date|source|title
 *     set reverse yes|no         flip the natural order (newest first, A-Z)
 *     set group none|day|source|thread
 *     set date-format FORMAT     strftime(3) format, e.g. %a %d %b %Y
 *     set mouse on|off
 *     set color auto|always|never
 *     set clipboard off|osc52    how the copy-url key reaches the clipboard
 *     set fetch-timeout N        seconds a feed download may take (1-3600)
 *     bind VIEW KEY ACTION       e.g. bind list x toggle-read
 *     unbind VIEW KEY            (same as: bind VIEW KEY none)
 *     include PATH               another config file, relative to this one;
 *                                nests CONFIG_INCLUDE_MAX deep, no cycles
 *
 * A set value is the rest of the line with surrounding blanks removed; a
 * value in double quotes keeps its blanks ("%H:%M "). yes/no, on/off and
 * true/false are all accepted for booleans. Views, keys and actions are
 * those of keymap.h. A bad line is reported ("config:12: unknown action
 * 'dwn' (line ignored)") and skipped; the rest still applies. */
#ifndef FILO_CONFIG_H
#define FILO_CONFIG_H

#include <stdbool.h>
#include "listing.h"
#include "store.h"

struct buf;
struct diag;
struct keymap;

enum config_color { CONFIG_COLOR_AUTO, CONFIG_COLOR_ALWAYS, CONFIG_COLOR_NEVER };
enum config_clipboard { CONFIG_CLIPBOARD_OFF, CONFIG_CLIPBOARD_OSC52 };

#define CONFIG_INCLUDE_MAX 8

struct config {
	char *articles;		/* owned, expanded; NULL = not set (main decides) */
	char *theme;		/* owned; default "default" */
	int width;		/* default 80; 0 = whole window */
	enum store_sort sort;	/* default date; names from store.c */
	bool reverse;		/* default no */
	enum listing_group group;	/* default none; names from listing.c */
	char *date_format;	/* owned; default "%Y-%m-%d" */
	bool mouse;		/* default on */
	enum config_color color;	/* default auto */
	enum config_clipboard clipboard;	/* default off */
	int fetch_timeout;	/* seconds; default FETCH_TIMEOUT (fetch.h) */
	struct keymap *keymap;	/* owned; starts as keymap_new_default() */
};

/* Fills cfg with the defaults (allocates; free with config_free). */
void config_defaults(struct config *cfg);
void config_free(struct config *cfg);

/* Applies the lines of text to cfg (which holds defaults or earlier
 * settings). label names text in messages ("config" or a path); relative
 * includes are resolved against the directory of label. Returns the number
 * of lines ignored. */
int config_parse(struct config *cfg, const char *label, const char *text,
		 struct diag *d);

/* Reads and applies a config file. path NULL means the default file, which
 * may be missing (returns 0, nothing changed). An explicit path that cannot
 * be read is an error: returns -1 with a message in d. Bad lines are only
 * reported (return 0). */
int config_load(struct config *cfg, const char *path, struct diag *d);

/* The default config file: "$XDG_CONFIG_HOME/filo/config" when that
 * variable is an absolute path, else "$HOME/.config/filo/config".
 * config_dir_default gives the directory ("~/.config/filo"), under which
 * user themes live in "themes/". Both append to out and return 0, or -1
 * when neither variable is usable (out unchanged). */
int config_path_default(struct buf *out);
int config_dir_default(struct buf *out);

/* "~" and "~/rest" become $HOME and $HOME/rest; other paths are copied.
 * Returns a malloc'd string, or NULL for "~user" forms and when HOME is
 * needed but unset. */
char *config_expand_path(const char *path);

#endif
