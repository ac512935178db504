/* readable.h: the main text of a web page found by scoring its DOM, as
 * reader modes do (Readability's method): paragraph text length, commas,
 * link density and class/id hints (src/lexicon/readable.txt) give each
 * element a score that flows to its parents; the best candidate and its
 * qualifying siblings are the article, cleaned of the boxes, bylines and
 * clutter inside it. No rule is keyed to a particular site. Internal to
 * the HTML importer (html.c). No curses; nothing printed. */
#ifndef FILO_READABLE_H
#define FILO_READABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <libxml/tree.h>

struct readable_node;	/* private: what was learnt of one element */

struct readable {
	xmlNode **roots;	/* the article's subtrees, in document order */
	size_t nroots;
	char *byline;		/* text of the byline and dateline elements
				 * found (malloc'd, "" if none) */
	/* private */
	struct readable_node *info;
	size_t ninfo;
	unsigned pass;
};

/* Finds the main text of doc into *r (readable_free frees it; doc must
 * outlive it: r points into it and marks its elements through their
 * _private field). Text between <br><br> is first made a <p> of its own
 * (the tree changes). heading: the element showing the page's headline
 * (may be NULL): the summary just under it (the standfirst) becomes the
 * first root. Time linear in the page; iterative. */
void readable_find(xmlDoc *doc, const xmlNode *heading, struct readable *r);

/* For html_md_write: is the element n (inside one of r's roots) to be
 * left out (boxes, share bars, captions, bylines, clutter)? ctx is r. */
bool readable_skip(const xmlNode *n, void *ctx);

/* For html_md_write: is n the standfirst, written as a paragraph even
 * when it is a heading? ctx is r. */
bool readable_as_para(const xmlNode *n, void *ctx);

void readable_free(struct readable *r);

#endif
