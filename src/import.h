/* import.h: scraped plain text (a news page saved as text) turned into an
 * article file: title, publication date, language and a CommonMark body,
 * with web-page clutter removed (lexicons clutter, months, langs in
 * src/lexicon/). `filo import FILE... [-o DIR]` calls import_file per file.
 * No curses here; nothing is printed: problems go to a diag. */
#ifndef FILO_IMPORT_H
#define FILO_IMPORT_H

#include <stddef.h>
#include "article.h"
#include "diag.h"

/* Converts text[0..len) (need not be NUL-terminated; invalid UTF-8 is
 * replaced and reported once) into *out, which the caller frees with
 * article_free. Fills title, date (only a date the text states for the
 * article itself, never one of an event in the story; else ""), source
 * (only a publisher the text names; else ""), lang ("it", "en" or ""),
 * body and body_len; id and path are name's base name and name. Returns 0,
 * or -1 for an empty or binary text (message in d, *out left empty). */
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

/* Reads the text file at path, converts it, and writes a new article file
 * in outdir (created if missing; NULL means "."). Never overwrites: when
 * the name is taken, reports "DIR/NAME: exists (not overwritten)" and
 * returns -1. On success returns 0 and, if written is not NULL, sets it to
 * the new file's path (malloc'd, the caller frees). A failed write leaves
 * no file behind. */
int import_file(const char *path, const char *outdir, char **written,
		struct diag *d);

#endif
