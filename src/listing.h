/* listing.h: the rows of the list view (and of `filo list`): the articles
 * that pass a filter, in sort order, with group header rows. Also the column
 * layout of a row. Pure data: the view draws it, main.c prints it. */
#ifndef FILO_LISTING_H
#define FILO_LISTING_H

#include <stddef.h>
#include <stdbool.h>
#include "store.h"

struct query_match;

enum listing_group { LISTING_GROUP_NONE, LISTING_GROUP_DAY,
		     LISTING_GROUP_SOURCE, LISTING_GROUP_THREAD,
		     LISTING_GROUP_COUNT };

struct listing_row {
	long art;	/* article index in the store, or -1 for a header */
	char *header;	/* header text (owned), NULL for articles */
	size_t count;	/* header: number of articles in the group */
};

struct listing {
	struct listing_row *rows;
	size_t n;
	size_t cap;
	size_t narticles;	/* article rows (excluding headers) */
};

/* How to build the rows. */
struct listing_query {
	enum store_sort sort;
	bool reverse;
	enum listing_group group;
	const struct query_match *match;	/* the filter (query.h); NULL for all */
	/* Extra test an article must pass (NULL for none). */
	bool (*keep)(void *ctx, size_t art);
	void *ctx;
	/* Story thread of each article (by store index), for grouping by
	 * thread; NULL groups everything as one thread each. */
	const size_t *thread;
	/* The articles already in q->sort order (store_order), so no sort is
	 * needed; NULL sorts here. */
	const size_t *order;
	/* Only these articles (in sort order) are tested: the previous result
	 * when a filter grew by a letter. NULL tests every article. */
	const size_t *within;
	size_t nwithin;
};

/* Rebuilds l: the articles of s that pass q, ordered by q->sort, then
 * grouped (groups in the order of their first article) with header rows
 * when q->group is not NONE. */
void listing_build(struct listing *l, const struct store *s,
		   const struct listing_query *q);
void listing_free(struct listing *l);

/* Row index of article art, or -1. */
long listing_find(const struct listing *l, long art);

/* Column widths of a row for a total width: mark, date, source, count,
 * title (title takes the rest, so nothing stands apart from it at any
 * width; source is narrowed on small widths). The source column is as
 * wide as the widest source, up to LISTING_SOURCE columns, or up to
 * LISTING_SOURCE_WIDE on a screen LISTING_WIDE columns wide or more. */
enum { LISTING_SOURCE = 18, LISTING_SOURCE_WIDE = 28, LISTING_WIDE = 120 };
struct listing_cols {
	size_t mark, date, source, title;
	size_t count;	/* the story thread's size ("Story": "    4 "), 0 if none */
};
void listing_columns(const struct store *s, size_t width, bool counts,
		     size_t date_width, struct listing_cols *c);

/* How every view of the reader shows an article without a date. */
#define LISTING_UNDATED "undated"

/* The date as shown in the list: a full date through the strftime format
 * fmt (NULL for "%Y-%m-%d"), a partial one as written ("2023-09"), or "";
 * followed by '~' when it was inferred from the text (date-from: text).
 * Writes into out (size n) and returns it. */
char *listing_date(const struct article *a, const char *fmt, char *out, size_t n);

/* Columns a date takes with fmt (the widest month and weekday names), and
 * one for the '~' of an inferred date. */
size_t listing_date_width(const char *fmt);

const char *listing_group_name(enum listing_group g);
int listing_group_from_name(const char *name);

#endif
