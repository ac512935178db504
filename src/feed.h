/* feed.h: news feeds (RSS 2.0 and 1.0, Atom, JSON Feed 1.0/1.1) parsed
 * into their items, for `filo import` and `filo fetch`. Parsing only: the
 * items' HTML stays HTML (import.c converts it). XML is read with libxml2
 * safely: no network, no external entity or DTD ever loaded, entities not
 * substituted, libxml2's entity amplification and depth limits on. No
 * curses here; nothing is printed: problems go to a diag. */
#ifndef FILO_FEED_H
#define FILO_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"

/* Inputs larger than this are not parsed (reported). */
#define FEED_MAX_SIZE (16u * 1024 * 1024)

enum feed_kind { FEED_NONE, FEED_RSS, FEED_ATOM, FEED_JSON };

/* One item (RSS item, Atom entry, JSON Feed item). Every string is
 * malloc'd, valid UTF-8 and never NULL ("" when absent); the one-line
 * fields (title, url, guid, author, lang) hold no control characters. */
struct feed_item {
	char *title;	/* plain text (HTML titles reduced to their text) */
	char *url;	/* the item's page: absolute http(s) URL, or "" */
	char *guid;	/* RSS guid, Atom id or JSON Feed id, as written */
	char *date;	/* publication date "YYYY-MM-DD" as the feed states it
			 * (its own time zone: dates_parse_meta), else the
			 * update date, or "" */
	char *author;
	char *lang;	/* the item's language, else the feed's, or "" */
	char *content;	/* the body, HTML when content_html, else plain text */
	size_t content_len;
	bool content_html;
	bool summary_only;	/* the body is a summary or description only */
	char *base;	/* URL the content's relative links resolve against */
	size_t line;	/* of the item in the input; 0 when unknown (JSON) */
};

struct feed {
	enum feed_kind kind;
	char *title;	/* the feed's title (plain text), or "" */
	char *url;	/* the site's home page, or "" */
	char *lang;
	struct feed_item *items;	/* in the order of the input */
	size_t nitems;
	size_t nempty;	/* items skipped: no title, link, id or content */
};

/* The kind of feed data[0..len) looks like, from its first bytes (after a
 * BOM, blanks, the XML declaration, comments and a DOCTYPE): the root
 * element rss, rdf:RDF or feed, or a JSON object with a jsonfeed.org
 * version; FEED_NONE otherwise. Cheap: nothing is parsed. */
enum feed_kind feed_sniff(const char *data, size_t len);

/* Parses the feed data[0..len) (need not be NUL-terminated). name is used
 * in messages ("name:line: message"); base_url (may be NULL) is the URL
 * the feed was fetched from, against which relative links resolve (else
 * xml:base, else the feed's own link). Fills *out (the caller frees it
 * with feed_free, also after a failure) and returns 0; returns -1 when the
 * data is not a feed this parser reads, is malformed (the parser's first
 * fatal error, with its line, "(feed not imported)"), too large or too
 * deep, with nothing in out->items. Items without a title, link, id or
 * content are counted in nempty, not kept. A date that cannot be read is
 * reported and the item left undated; a link that is not http(s) is
 * reported and dropped. Safe to call from several threads. */
int feed_parse(const char *name, const char *data, size_t len,
	       const char *base_url, struct feed *out, struct diag *d);

void feed_free(struct feed *f);

#endif
