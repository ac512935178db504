/* urls.h: the feeds file, in the format newsboat users keep in their
 * `urls` file, so that theirs works as it is. No curses; nothing printed:
 * problems go to a diag.
 *
 * File: $XDG_CONFIG_HOME/filo/urls (default ~/.config/filo/urls), or the
 * file given with `filo fetch --feeds FILE`. One feed a line:
 *
 *     # a comment
 *     https://example.org/feed.xml  news "world news" "~Example Daily"
 *
 * The first word is the feed's URL, the others its tags, separated by
 * blanks; a tag in double quotes may hold blanks, and inside quotes \" \\
 * \n \t \r are escapes (as newsboat reads them). A word starting with '#'
 * ends the line. The tag "~Name" names the feed (filo uses it as the
 * articles' source instead of the feed's own title); the tag "!" (hidden in
 * newsboat) is accepted and means nothing to filo. Blank lines are skipped.
 * Lines filo cannot fetch are skipped with a "file:line: ... (line skipped)"
 * note, never fatal: newsboat's query:, exec: and filter: feeds, schemes
 * other than http and https, words that are not a URL, and a URL already
 * given on an earlier line. */
#ifndef FILO_URLS_H
#define FILO_URLS_H

#include <stddef.h>

struct buf;
struct diag;

/* A URL longer than this is skipped. */
#define URLS_URL_MAX 8192

struct urls_feed {
	char *url;	/* http:// or https://, no blank or control character */
	char *name;	/* the "~Name" tag without '~' (the last one given),
			 * NULL when none; valid UTF-8, no control character */
	char **tags;	/* the other tags in order, cleaned as name */
	size_t ntags;
	size_t line;	/* of the feed in the file */
};

/* The feeds of one file; owned by the caller: zero it, fill it with
 * urls_parse or urls_load, free it with urls_free. */
struct urls {
	struct urls_feed *feed;
	size_t n, cap;
};

/* Adds the feeds of text[0..len) (need not be NUL-terminated; a NUL byte or
 * invalid UTF-8 spoils only its line) to u. label names the text in
 * messages ("urls:12: ..."). Returns the number of lines skipped. */
size_t urls_parse(struct urls *u, const char *label, const char *text,
		  size_t len, struct diag *d);

/* Reads the feeds file at path (NULL: the default file) and adds its
 * feeds to u. Returns 0, or -1 when the file cannot be read (a missing
 * default file too), with "PATH: cannot read the feeds file: why" in d.
 * Skipped lines are only reported (return 0). */
int urls_load(struct urls *u, const char *path, struct diag *d);

/* The default feeds file: "$XDG_CONFIG_HOME/filo/urls" when that variable
 * is an absolute path, else "$HOME/.config/filo/urls", appended to out.
 * Returns 0, or -1 when neither variable is usable (out unchanged). */
int urls_path_default(struct buf *out);

void urls_free(struct urls *u);

#endif
