/* import.h: news as people have it turned into article files: a web page
 * (HTML), a feed (RSS, Atom, JSON Feed: one article per item) or scraped
 * plain text, told apart by content, never by file name. Scraped text is
 * read here (title, the article's own date, language, a CommonMark body,
 * web-page clutter removed: lexicons clutter and months in src/lexicon/,
 * the language by lang.c); pages by html.c, feeds by feed.c; import_dir.c writes.
 * `filo import FILE... -o DIR` calls import_file per file, `filo fetch`
 * import_data per downloaded feed. No curses here; nothing is printed:
 * problems go to a diag. */
#ifndef FILO_IMPORT_H
#define FILO_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "article.h"
#include "diag.h"
#include "import_dir.h"

/* What an input is, found by content (import_sniff). */
enum import_kind { IMPORT_TEXT, IMPORT_HTML, IMPORT_FEED };

/* How to import. Strings may be NULL or "" for "not given". */
struct import_options {
	const char *outdir;	/* the articles folder; NULL: "." */
	struct import_dir *dir;	/* outdir already opened (import_dir_open),
				 * kept across calls by a caller importing
				 * many inputs; NULL: opened for this call */
	/* Overrides of what the input says, for every article written: */
	const char *source;	/* publisher */
	const char *url;	/* a page's or text's address; for a feed, the
				 * feed's own address, against which relative
				 * links resolve (items keep their links) */
	const char *date;	/* "YYYY-MM-DD", "YYYY-MM" or "YYYY" */
	const char *lang;
	bool force;		/* replace filo's articles edited by hand */
};

/* One article file an import dealt with. */
struct import_done {
	char *path;	/* "OUTDIR/NAME.md" */
	enum import_status status;
};

/* What an import did, in order; import_result_free releases it. */
struct import_result {
	struct import_done *files;
	size_t n, cap;
	char *feed_title;	/* a feed's own title (malloc'd), else NULL */
};

void import_result_free(struct import_result *res);

/* The kind of data[0..len): a feed (feed_sniff), an HTML page
 * (html_sniff), else text. */
enum import_kind import_sniff(const char *data, size_t len);

/* Checks an override date: 0 when it is "YYYY-MM-DD", "YYYY-MM" or
 * "YYYY" and exists, else -1. */
int import_check_date(const char *date);

/* Turns the bytes of one input (a page, a feed or text; need not be
 * NUL-terminated; name is used in messages, as "name:line: message") into
 * article files in opt->outdir (or opt->dir), one per page or text, one per
 * feed item, applying the overrides. Each file written, updated, found
 * unchanged or kept is appended to res (which the caller initialises to
 * zero and frees). Re-importing the same article updates its file, never
 * makes a second one (see import_dir_write). Returns 0 when every article
 * of the input was dealt with, -1 when the input could not be read as
 * anything (empty, binary, a malformed feed: nothing written) or an
 * article could not be written (the others still are); messages in d. */
int import_data(const char *name, const char *data, size_t len,
		const struct import_options *opt, struct import_result *res,
		struct diag *d);

struct feed;
struct feed_item;

/* The article import_data writes for item it of feed f (feed_parse): its
 * title (else the first sentence of its text), date, the feed's title as
 * source, lang (the item's or the feed's primary subtag, else told from
 * the text), url, "guid", and its content as CommonMark (HTML through
 * html_to_markdown, links resolved against it->base). Before overrides;
 * id "", path name. The caller frees *out with article_free. */
void import_feed_item(const struct feed *f, const struct feed_item *it,
		      const char *name, struct article *out);

/* Reads the file at path ("-" reads standard input, named "stdin" in
 * messages; at most 16 MiB) and imports it as import_data does. */
int import_file(const char *path, const struct import_options *opt,
		struct import_result *res, struct diag *d);

/* Converts scraped text[0..len) (need not be NUL-terminated; invalid UTF-8
 * is replaced and reported once) into *out, which the caller frees with
 * article_free. Fills title, date (a date the text states for the article
 * itself; failing that, the full date of the event an undated text reports,
 * with the extra field "date-from: text"; else ""), source (only a
 * publisher the text names; else ""), lang ("it", "en", "fr", "es", "de" or
 * ""), body and body_len; id and path are name's base name and name.
 * Returns 0, or -1 for an empty or binary text (message in d, *out left
 * empty). */
int import_text(const char *name, const char *text, size_t len,
		struct article *out, struct diag *d);

/* Slug of a title: folded (lower case, accents removed), every run of
 * non-alphanumerics one '-', at most 60 bytes cut at a '-'. Malloc'd;
 * "" when the title has no letter or digit. */
char *import_slug(const char *title);

/* File name for an imported article: "YYYY-MM-DD-slug.md" (or with the
 * date as precise as known: "2023-09-slug.md"), "undated-slug.md" without
 * a date; the slug "article" when the title gives none. Malloc'd. */
char *import_file_name(const struct article *a);

#endif
