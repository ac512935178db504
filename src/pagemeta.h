/* pagemeta.h: what a parsed HTML page says about itself, in order of
 * trust: JSON-LD (NewsArticle and kin, also in @graph), Open Graph,
 * <meta name=...>, microdata, <time datetime>, <link rel=canonical>,
 * <html lang>, <title> and <h1>; the title cleared of the site's name.
 * Internal to the HTML importer (html.c). No curses; nothing printed. */
#ifndef FILO_PAGEMETA_H
#define FILO_PAGEMETA_H

#include <libxml/tree.h>

struct pagemeta {
	/* Cleaned UTF-8, malloc'd, never NULL ("" when unknown). */
	char *title;	/* the headline, site decorations removed */
	char *site;	/* the publisher or site name */
	char *date;	/* "YYYY-MM-DD" from the metadata */
	char *url;	/* the page's own absolute URL */
	char *lang;	/* as stated ("en-US", "it") */
	char *author;	/* names, ", " between them */
	char *base;	/* what relative links resolve against */
	/* The element showing the headline (an h1 whose text is the title),
	 * or NULL: where the byline and dateline are looked for. */
	const xmlNode *heading;
};

/* Reads doc's metadata into *m (pagemeta_free frees it). url_hint: where
 * the page came from (may be NULL). Iterative over the tree. */
void pagemeta_read(xmlDoc *doc, const char *url_hint, struct pagemeta *m);

void pagemeta_free(struct pagemeta *m);

/* lang's primary subtag in lower case ("en-US" -> "en", "it_IT" -> "it"),
 * "" when it is no language tag. Malloc'd. */
char *pagemeta_lang_primary(const char *lang);

#endif
