/* html.h: a saved HTML page -> an article: charset, parsing (libxml2's
 * HTML parser, never loading anything), the page's metadata (pagemeta.c),
 * its main text found by scoring the DOM (readable.c), written as
 * CommonMark (html_md.c). Also an HTML fragment (a feed item's content)
 * -> CommonMark. No curses; nothing printed: problems go to a diag. */
#ifndef FILO_HTML_H
#define FILO_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include "article.h"
#include "diag.h"

/* Pages larger than this are refused (a clear message, nothing parsed). */
#define HTML_MAX_SIZE (32u * 1024 * 1024)

/* Is data[0..len) an HTML page, by its content (not its name): after a
 * BOM, blanks, comments and an XML declaration, a doctype or an <html>,
 * <head>, <body>, <meta>, <title>, <link>, <base>, <script> or <style>
 * tag. A file with many NUL bytes in its first 8 KiB (more than one in
 * 64: a binary file) is no page; RSS and Atom feeds are not pages either. */
bool html_sniff(const char *data, size_t len);

/* Converts the page data[0..len) into *out (the caller frees it with
 * article_free): title (the headline, never the site's name), date
 * ("YYYY-MM-DD", "YYYY-MM" when a byline gives only the month, or ""),
 * source (the publisher), lang (a primary language subtag such as "it",
 * or ""), url (absolute, or ""), body (CommonMark of the main text; cut
 * between two blocks, and said, where longer than ARTICLE_MAX_SIZE lets
 * the reader load). Extra fields: "author" when the page names one, and
 * "date-from: byline" when the date was read from the visible byline or
 * dateline rather than the page's metadata (a publication date all the
 * same, but one read from text: "date-from: text" is kept for a date the
 * text gives of the event it reports). The charset comes from a BOM, <meta charset>,
 * <meta http-equiv="Content-Type">, else charset_hint (an HTTP
 * Content-Type's charset; may be NULL), else UTF-8 when the bytes are
 * valid UTF-8, else windows-1252. url_hint (may be NULL) is where the page
 * came from: links and a relative canonical URL resolve against it, and
 * it is the url when the page states none. id and path are "".
 * Messages go to d as "PAGE: message" with PAGE url_hint, else "page".
 * Returns 0, or -1 for a page that is empty, too large (HTML_MAX_SIZE) or
 * not parsable (message in d, *out left empty). */
int html_import(const char *data, size_t len, const char *charset_hint,
		const char *url_hint, struct article *out, struct diag *d);

/* html_import with name (a file name) in messages and as the article's
 * path, its base name without extension as the id. */
int html_import_named(const char *name, const char *data, size_t len,
		      const char *charset_hint, const char *url_hint,
		      struct article *out, struct diag *d);

/* An HTML fragment (UTF-8; invalid bytes replaced), such as a feed item's
 * content:encoded, as CommonMark in the form html_import writes, without
 * looking for a main text (scripts, styles, forms, media still dropped);
 * links resolve against base_url (may be NULL). Malloc'd, never NULL
 * ("" for no text); *outlen (if not NULL) its length. */
char *html_to_markdown(const char *html, size_t len, const char *base_url,
		       size_t *outlen);

#endif
