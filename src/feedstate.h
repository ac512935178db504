/* feedstate.h: what `filo fetch` remembers of each feed URL between two
 * runs: its validators (ETag, Last-Modified), so that an unchanged feed
 * costs a 304 and no download, and its title, so that an unchanged feed
 * is still named by it. No curses, no printing: problems go to a diag.
 *
 * Where: one file per articles folder in the cache folder,
 * $XDG_CACHE_HOME/filo/NAME-HASH.fetch (default ~/.cache/filo/), named as
 * the index cache is. A cache, not state: losing it costs one full
 * download of each feed and changes no article (the importer finds each
 * item's earlier file by url or guid), which is what XDG's cache folder is
 * for. Per folder, because a validator says what one folder already has:
 * a 304 for a feed fetched into another folder would leave this one empty.
 *
 * Format, version 1 (text; every line ends with "\n"):
 *
 *     filo-fetch 1
 *     URL<TAB>ETAG<TAB>LAST-MODIFIED<TAB>TITLE   one line per URL, sorted
 *     end<TAB>COUNT                    COUNT = number of URL lines
 *
 * URL is as in the feeds file (printable, no blank); ETAG and
 * LAST-MODIFIED are as the server sent them (printable ASCII, no TAB; ETAG
 * no blank); TITLE is the feed's title (UTF-8 without control characters,
 * at most FEEDSTATE_TITLE_MAX bytes); each may be empty, not all three.
 * A bad line is reported and
 * skipped; a bad first line, or a file without its end line, is reported
 * and its lines are kept as far as they read well (a cache: the worst a
 * lost validator does is one full download). Saved atomically (a
 * temporary file renamed over the old one). */
#ifndef FILO_FEEDSTATE_H
#define FILO_FEEDSTATE_H

#include <stddef.h>

struct buf;
struct diag;

struct feedstate;	/* opaque */

/* An empty set; free with feedstate_free. Never NULL. */
struct feedstate *feedstate_new(void);
void feedstate_free(struct feedstate *v);

/* Parses a file's text (need not be NUL-terminated); label names it in
 * messages ("label:LINE: ..."). Never NULL. */
struct feedstate *feedstate_parse(const char *label, const char *text,
				    size_t len, struct diag *d);

/* Loads the file at path: a missing file is an empty set (no message); an
 * unreadable or damaged one is reported in d and read as far as it goes.
 * Never NULL. */
struct feedstate *feedstate_load(const char *path, struct diag *d);

#define FEEDSTATE_TITLE_MAX 300

/* The validators of url, each NULL when not known. */
void feedstate_get(const struct feedstate *v, const char *url,
		    const char **etag, const char **last_modified);

/* Sets the validators of url (copies); a NULL or empty value is not known.
 * A value that could not be written back (a control character, a TAB, a
 * blank in an ETag, too long) is not kept. A URL with nothing known is
 * forgotten. */
void feedstate_set(struct feedstate *v, const char *url, const char *etag,
		    const char *last_modified);

/* The feed's title as last seen, or NULL; and setting it (copied; NULL,
 * "" or a title with a control character or too long: not known). */
const char *feedstate_title(const struct feedstate *v, const char *url);
void feedstate_set_title(struct feedstate *v, const char *url, const char *title);

/* Number of URLs with anything known. */
size_t feedstate_count(const struct feedstate *v);

/* The file's text (malloc'd; *len its length when len is not NULL). */
char *feedstate_format(const struct feedstate *v, size_t *len);

/* Writes the file at path (its folder created when missing) through a
 * temporary file renamed into place. Returns 0, or -1 with "PATH: cannot
 * save what filo knows of the feeds: why (old file kept)" in d. */
int feedstate_save(const struct feedstate *v, const char *path,
		    struct diag *d);

/* The feed state file of articles folder dir (xdg.h), appended to out; -1 when
 * there is no cache folder (neither XDG_CACHE_HOME nor HOME) or dir cannot
 * be resolved. Nothing is created. */
int feedstate_path_for_dir(const char *dir, struct buf *out);

#endif
