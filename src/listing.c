/* listing.c: filtered, sorted, grouped rows of the article list. */
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "listing.h"
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

static char *group_label(const struct article *a, enum listing_group g)
{
	if (g == LISTING_GROUP_DAY)
		return xstrdup(a->year ? a->date : "Undated");
	return xstrdup(*a->source ? a->source : "No source");
}

/* Groups keep the order in which their first article appears, so grouping
 * by day under a date sort gives days newest first, and grouping by source
 * under a title sort gives sources in order of their first title. A stable
 * pass per group keeps each group's own order. */
static void add_grouped(struct listing *l, const struct store *s,
			const size_t *idx, size_t n, enum listing_group g)
{
	char **label = xcalloc(n, sizeof *label);
	bool *done = xcalloc(n, sizeof *done);
	for (size_t k = 0; k < n; k++)
		label[k] = group_label(&s->art[idx[k]], g);
	for (size_t k = 0; k < n; k++) {
		if (done[k])
			continue;
		size_t head = l->n, count = 0;
		add_row(l, -1, xstrdup(label[k]), 0);
		for (size_t j = k; j < n; j++) {
			if (done[j] || strcmp(label[j], label[k]) != 0)
				continue;
			done[j] = true;
			add_row(l, (long)idx[j], NULL, 0);
			count++;
		}
		l->rows[head].count = count;
	}
	for (size_t k = 0; k < n; k++)
		free(label[k]);
	free(label);
	free(done);
}

void listing_build(struct listing *l, const struct store *s,
		   enum store_sort sort, bool reverse, enum listing_group group,
		   const char *filter,
		   bool (*keep)(void *ctx, size_t art), void *ctx)
{
	clear_rows(l);
	size_t *idx = xcalloc(s->n, sizeof *idx), n = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (filter && *filter && !store_match(s, i, filter))
			continue;
		if (keep && !keep(ctx, i))
			continue;
		idx[n++] = i;
	}
	store_sort(s, idx, n, sort, reverse);
	l->narticles = n;
	if (group == LISTING_GROUP_NONE)
		for (size_t k = 0; k < n; k++)
			add_row(l, (long)idx[k], NULL, 0);
	else
		add_grouped(l, s, idx, n, group);
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

void listing_columns(const struct store *s, size_t width,
		     struct listing_cols *c)
{
	size_t src = 0;
	for (size_t i = 0; i < s->n && src < 18; i++) {
		size_t w = text_width(s->art[i].source, strlen(s->art[i].source));
		if (w > src)
			src = w;
	}
	c->mark = 2;
	c->date = 10;
	c->source = src > 18 ? 18 : src;
	/* On narrow screens the title matters most: give up source first. */
	if (width < 60)
		c->source = c->source > 10 ? 10 : c->source;
	size_t fixed = c->mark + c->date + 1 + (c->source ? c->source + 2 : 0);
	c->title = width > fixed + 8 ? width - fixed : 8;
}

const char *listing_date(const struct article *a)
{
	return a->date;
}

static const char *const group_names[LISTING_GROUP_COUNT] = { "none", "day", "source" };

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
