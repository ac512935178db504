/* listing.c: filtered, sorted, grouped rows of the article list. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include "buf.h"
#include "listing.h"
#include "query.h"
#include "strmap.h"
#include "text.h"

static void add_row(struct listing *l, long art, char *header, size_t count)
{
	l->rows = xgrow(l->rows, &l->cap, l->n + 1, sizeof *l->rows);
	l->rows[l->n++] = (struct listing_row){ art, header, count };
}

static void clear_rows(struct listing *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->rows[i].header);
	l->n = 0;
	l->narticles = 0;
}

/* The group of article i; for threads a number, turned into the title of
 * the group's first article when the header is made. */
static char *group_label(const struct store *s, size_t i,
			 const struct listing_query *q)
{
	const struct article *a = &s->art[i];
	struct buf b = BUF_INIT;
	if (q->group == LISTING_GROUP_DAY)
		buf_adds(&b, a->year ? a->date : "Undated");
	else if (q->group == LISTING_GROUP_SOURCE)
		buf_adds(&b, *a->source ? a->source : "No source");
	else
		buf_addf(&b, "%zu", q->thread ? q->thread[i] : i);
	return buf_detach(&b, NULL);
}

static char *header_text(const struct store *s, size_t first, const char *label,
			 const struct listing_query *q)
{
	if (q->group != LISTING_GROUP_THREAD)
		return xstrdup(label);
	struct buf b = BUF_INIT;
	buf_addf(&b, "Story: %s", s->art[first].title);
	return buf_detach(&b, NULL);
}

/* Groups keep the order in which their first article appears, so grouping
 * by day under a date sort gives days newest first, and grouping by source
 * under a title sort gives sources in order of their first title; within a
 * group the sort order stays. Linear: labels are interned to group ids. */
static void add_grouped(struct listing *l, const struct store *s,
			const size_t *idx, size_t n, const struct listing_query *q)
{
	struct strmap groups = STRMAP_INIT;
	size_t *gid = xcalloc(n, sizeof *gid);
	size_t *first = xcalloc(n, sizeof *first);	/* group -> first k */
	size_t *count = xcalloc(n, sizeof *count);
	size_t *start = xcalloc(n + 1, sizeof *start);
	size_t *slot = xcalloc(n, sizeof *slot);
	for (size_t k = 0; k < n; k++) {
		char *label = group_label(s, idx[k], q);
		size_t before = groups.n;
		gid[k] = strmap_intern(&groups, label, strlen(label));
		if (groups.n > before)
			first[gid[k]] = k;
		count[gid[k]]++;
		free(label);
	}
	for (size_t g = 0; g < groups.n; g++)
		start[g + 1] = start[g] + count[g];
	size_t *fill = xcalloc(groups.n + 1, sizeof *fill);
	for (size_t k = 0; k < n; k++)
		slot[start[gid[k]] + fill[gid[k]]++] = idx[k];
	for (size_t g = 0; g < groups.n; g++) {
		add_row(l, -1, header_text(s, idx[first[g]], groups.str[g], q), count[g]);
		for (size_t j = start[g]; j < start[g + 1]; j++)
			add_row(l, (long)slot[j], NULL, 0);
	}
	strmap_free(&groups);
	free(gid);
	free(first);
	free(count);
	free(start);
	free(slot);
	free(fill);
}

void listing_build(struct listing *l, const struct store *s,
		   const struct listing_query *q)
{
	clear_rows(l);
	const size_t *from = q->within ? q->within : q->order;
	size_t total = q->within ? q->nwithin : s->n;
	size_t *idx = xcalloc(total + 1, sizeof *idx), n = 0;
	for (size_t k = 0; k < total; k++) {
		size_t i = from ? from[k] : k;
		if (q->match && !query_match_article(q->match, i))
			continue;
		if (q->keep && !q->keep(q->ctx, i))
			continue;
		idx[n++] = i;
	}
	if (!from)
		store_sort(s, idx, n, q->sort, false);
	/* reversed by date, the dated articles turn round and the undated
	 * stay last: they have no place in either direction */
	size_t turn = n;
	if (q->sort == STORE_SORT_DATE)
		while (turn && !s->art[idx[turn - 1]].year)
			turn--;
	if (q->reverse && !q->within)
		for (size_t a = 0, b = turn; a + 1 < b; a++, b--) {
			size_t t = idx[a];
			idx[a] = idx[b - 1];
			idx[b - 1] = t;
		}
	l->narticles = n;
	if (q->group == LISTING_GROUP_NONE)
		for (size_t k = 0; k < n; k++)
			add_row(l, (long)idx[k], NULL, 0);
	else
		add_grouped(l, s, idx, n, q);
	free(idx);
}

void listing_free(struct listing *l)
{
	clear_rows(l);
	free(l->rows);
	memset(l, 0, sizeof *l);
}

long listing_find(const struct listing *l, long art)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->rows[i].art == art)
			return (long)i;
	return -1;
}

void listing_columns(const struct store *s, size_t width, bool counts,
		     size_t date_width, struct listing_cols *c)
{
	/* a wide screen has room for whole names ("Rheinische Abendpost") */
	size_t cap = width >= LISTING_WIDE ? LISTING_SOURCE_WIDE : LISTING_SOURCE;
	size_t src = 0;
	for (size_t i = 0; i < s->n && src < cap; i++) {
		size_t w = text_width(s->art[i].source, strlen(s->art[i].source));
		if (w > src)
			src = w;
	}
	c->mark = 2;
	c->date = date_width ? date_width : 11;	/* "2023-09-14~" */
	c->source = src > cap ? cap : src;
	/* On narrow screens the title matters most: give up source first. */
	if (width < 60)
		c->source = c->source > 10 ? 10 : c->source;
	c->count = counts ? 6 : 0;	/* "Story" and a blank, before the title */
	size_t fixed = c->mark + c->date + 1 + (c->source ? c->source + 2 : 0) + c->count;
	c->title = width > fixed + 8 ? width - fixed : 8;
}

char *listing_date(const struct article *a, const char *fmt, char *out, size_t n)
{
	if (!fmt || !a->day) {
		snprintf(out, n, "%s", a->date);
	} else {
		struct tm tm = { .tm_year = a->year - 1900, .tm_mon = a->month - 1,
				 .tm_mday = a->day, .tm_hour = 12 };
		time_t t = timegm(&tm);	/* fills the weekday */
		gmtime_r(&t, &tm);
		if (!strftime(out, n, fmt, &tm))
			snprintf(out, n, "%s", a->date);
	}
	size_t len = strlen(out);
	if (article_date_inferred(a) && len + 2 <= n)	/* read from the text */
		memcpy(out + len, "~", 2);
	return out;
}

size_t listing_date_width(const char *fmt)
{
	struct article a = { .date = "2023-09-27", .year = 2023, .month = 9, .day = 27 };
	char buf[128];
	size_t w = 7;	/* "2023-09" */
	for (int m = 1; m <= 12; m++) {	/* every month name, weekdays vary too */
		a.month = m;
		a.day = 20 + m % 7;
		listing_date(&a, fmt, buf, sizeof buf);
		size_t bw = text_width(buf, strlen(buf));
		if (bw > w)
			w = bw;
	}
	return (w > 40 ? 40 : w) + 1;	/* and the '~' of an inferred date */
}

static const char *const group_names[LISTING_GROUP_COUNT] = { "none", "day", "source", "thread" };

const char *listing_group_name(enum listing_group g)
{
	return g < LISTING_GROUP_COUNT ? group_names[g] : "?";
}

int listing_group_from_name(const char *name)
{
	for (int g = 0; g < LISTING_GROUP_COUNT; g++)
		if (strcmp(group_names[g], name) == 0)
			return g;
	return -1;
}
