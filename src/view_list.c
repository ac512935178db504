/* view_list.c: the start screen: one row per article (date, source, title),
 * sortable, groupable and filtered as you type. */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "menu.h"
#include "query.h"
#include "text.h"
#include "ui.h"
#include "view_pos.h"

struct list_view {
	struct view v;
	struct listing rows;
	struct view_pos pos;	/* over rows; only article rows are selected */
	int height, width;	/* height: rows of articles, under the names */
	struct buf filter;	/* as typed */
	char *applied;		/* the text of query, "" when none */
	struct query *query;	/* the filter (query.h) */
	bool narrowing;		/* the filter only grew: test the last matches */
	size_t *last;		/* the articles listed last, in order */
	size_t nlast;
};

static struct list_view *lv_of(struct view *v)
{
	return (struct list_view *)v;
}

/* Group headers are not selected. */
static bool row_is_article(const void *lv, size_t r)
{
	return ((const struct list_view *)lv)->rows.rows[r].art >= 0;
}

static bool is_article(const struct list_view *lv, long r)
{
	return view_pos_selectable(&lv->pos, r);
}

static size_t screen_rows(const struct list_view *lv)
{
	return lv->height > 0 ? (size_t)lv->height : 1;
}

static void scroll_to_sel(struct list_view *lv)
{
	view_pos_show(&lv->pos, screen_rows(lv));
}

/* The only-unread and only-flagged limits. */
static bool keep_marked(void *ctx, size_t art)
{
	const struct list_view *lv = ctx;
	const struct app *app = lv->v.app;
	const char *id = app->ses.store->art[art].id;
	if (app->only_unread && state_read(app->ses.state, id))
		return false;
	return !app->only_flagged || state_flagged(app->ses.state, id);
}

/* Keeps the listed articles, so a filter that grows tests only these. */
static void remember_articles(struct list_view *lv)
{
	free(lv->last);
	lv->last = xcalloc(lv->rows.narticles + 1, sizeof *lv->last);
	lv->nlast = 0;
	for (size_t r = 0; r < lv->rows.n; r++)
		if (lv->rows.rows[r].art >= 0)
			lv->last[lv->nlast++] = (size_t)lv->rows.rows[r].art;
}

static void rebuild(struct list_view *lv)
{
	struct app *app = lv->v.app;
	long art = is_article(lv, lv->pos.sel) ? lv->rows.rows[lv->pos.sel].art : -1;
	/* made again each time: the session's store and archive change */
	struct query_match *m = lv->query->n ? query_match_new(lv->query, app->ses.store,
							       app->ses.arc, app->ses.state) : NULL;
	struct listing_query q = { .sort = app->sort, .reverse = app->reverse,
				   .group = app->group, .match = m,
				   .thread = app->ses.thread_of, .ctx = lv,
				   .keep = app->only_unread || app->only_flagged ? keep_marked : NULL,
				   .order = store_order(app->ses.store, app->sort) };
	if (lv->narrowing && app->group == LISTING_GROUP_NONE) {
		q.within = lv->last;
		q.nwithin = lv->nlast;
	}
	lv->narrowing = false;
	listing_build(&lv->rows, app->ses.store, &q);
	query_match_free(m);
	remember_articles(lv);
	lv->pos.n = lv->rows.n;
	lv->pos.sel = art >= 0 ? listing_find(&lv->rows, art) : -1;
	if (lv->pos.sel < 0)	/* the first article */
		view_pos_move(&lv->pos, ACT_TOP, screen_rows(lv));
	scroll_to_sel(lv);
}

char *view_list_selected_id(struct view *v)
{
	struct list_view *lv = v ? lv_of(v) : NULL;
	if (!lv || !is_article(lv, lv->pos.sel))
		return NULL;
	return xstrdup(v->app->ses.store->art[lv->rows.rows[lv->pos.sel].art].id);
}

void view_list_refresh(struct view *v, const char *select_id)
{
	struct list_view *lv = lv_of(v);
	lv->pos.sel = -1;
	rebuild(lv);
	long art = select_id ? store_find(v->app->ses.store, select_id) : -1;
	if (art >= 0)
		view_list_select(v, art);
}

void view_list_select(struct view *v, long art)
{
	struct list_view *lv = lv_of(v);
	long r = listing_find(&lv->rows, art);
	if (r >= 0) {
		lv->pos.sel = r;
		scroll_to_sel(lv);
	}
}

static void draw_header_row(const struct listing_row *row, int y, int cols)
{
	char count[32];
	int n = snprintf(count, sizeof count, " (%zu)", row->count);
	size_t w = text_width(row->header, strlen(row->header));
	int lw = (int)w < cols - n - 1 ? (int)w : cols - n - 1;
	ui_fill(y, 0, cols, THEME_GROUP_HEADER);
	ui_cell(y, 1, lw, row->header, THEME_GROUP_HEADER);
	ui_text(y, 1 + lw, cols - 1 - lw, count, (size_t)n, THEME_GROUP_HEADER);
}

/* s in exactly cols columns, then gap blank columns: a value as wide as
 * its column never runs into the next one. Returns the column after. */
static int draw_column(int y, int x, int cols, int gap, const char *s,
		       enum theme_element el)
{
	ui_cell(y, x, cols, s, el);
	ui_fill(y, x + cols, gap, el);
	return x + cols + gap;
}

static void draw_article_row(struct list_view *lv, const struct article *a,
			     int y, int cols, bool selected)
{
	struct listing_cols c;
	struct app *app = lv->v.app;
	char day[128];
	listing_columns(app->ses.store, (size_t)cols, app->ses.nrelated != NULL, app->date_width, &c);
	enum theme_element row = selected ? THEME_LIST_SELECTED : THEME_LIST_ROW;
	enum theme_element date = selected ? row : THEME_LIST_DATE;
	enum theme_element src = selected ? row : THEME_LIST_SOURCE;
	int x = 0;
	bool read = state_read(app->ses.state, a->id);
	const char *mark = "";
	enum theme_element mark_el = THEME_LIST_ROW;
	if (a->broken) {
		mark = "!";
		mark_el = THEME_ERROR;
	} else if (state_flagged(app->ses.state, a->id)) {
		mark = "⚑";
		mark_el = THEME_LIST_FLAG;
	} else if (!read) {
		mark = "•";
		mark_el = THEME_LIST_UNREAD;
	}
	if (!selected)
		row = read ? THEME_LIST_READ : THEME_LIST_UNREAD;
	ui_cell(y, x, (int)c.mark, mark, selected ? row : mark_el);
	x += (int)c.mark;
	x = draw_column(y, x, (int)c.date, 1, listing_date(a, app->date_format, day, sizeof day),
			date);
	if (c.source)
		x = draw_column(y, x, (int)c.source, 2, a->source, src);
	if (c.count) {
		char n[24] = "";
		size_t k = (size_t)(a - app->ses.store->art);
		if (app->ses.nrelated[k])
			snprintf(n, sizeof n, "%3zu ", app->ses.nrelated[k]);
		ui_cell(y, cols - (int)c.count, (int)c.count, n, selected ? row : THEME_LIST_COUNT);
	}
	ui_cell(y, x, cols - x - (int)c.count, a->title, row);
}

/* The first screen row names the columns. */
static void draw_column_names(struct list_view *lv, int cols)
{
	struct app *app = lv->v.app;
	struct listing_cols c;
	listing_columns(app->ses.store, (size_t)cols, app->ses.nrelated != NULL, app->date_width, &c);
	ui_fill(0, 0, cols, THEME_HEADER);
	int x = (int)c.mark;
	x = draw_column(0, x, (int)c.date, 1, "Date", THEME_HEADER);
	if (c.source)
		x = draw_column(0, x, (int)c.source, 2, "Source", THEME_HEADER);
	ui_cell(0, x, cols - x - (int)c.count, "Title", THEME_HEADER);
	if (c.count)
		ui_cell(0, cols - (int)c.count, (int)c.count, "Rel", THEME_HEADER);
}

static void lv_draw(struct view *v, int rows, int cols)
{
	struct list_view *lv = lv_of(v);
	draw_column_names(lv, cols);
	lv->height = rows - 1;
	lv->width = cols;
	scroll_to_sel(lv);
	if (lv->rows.n == 0) {
		const char *m = lv->v.app->ses.store->n ? "No article matches the filter (Esc clears it)"
						  : "No articles in this folder";
		ui_text(2, 2, cols - 2, m, strlen(m), THEME_NORMAL);
		return;
	}
	for (int y = 0; y < lv->height; y++) {
		long r = (long)lv->pos.top + y;
		if ((size_t)r >= lv->rows.n)
			break;
		const struct listing_row *row = &lv->rows.rows[r];
		if (row->art < 0)
			draw_header_row(row, y + 1, cols);
		else
			draw_article_row(lv, &v->app->ses.store->art[row->art], y + 1, cols, r == lv->pos.sel);
	}
}

/* The filter as typed so far: the shared query language (query.h); a
 * mistake in it is said in the status line. */
static void set_filter(struct list_view *lv, const char *text)
{
	struct diag d = DIAG_INIT;
	struct query *q = query_parse(text, &d);
	size_t old = strlen(lv->applied);
	/* every match of a longer query of words matched the shorter one */
	lv->narrowing = old && strlen(text) > old && strncmp(text, lv->applied, old) == 0 &&
			query_only_words(lv->query) && query_only_words(q);
	query_free(lv->query);
	lv->query = q;
	free(lv->applied);
	lv->applied = xstrdup(text);
	if (d.n)
		ui_message(true, "%s", d.msg[0]);
	else
		ui_message(false, "%s", "");
	diag_free(&d);
	rebuild(lv);
}

static void on_filter_change(struct view *v, const char *text)
{
	set_filter(lv_of(v), text);
}

static void open_selected(struct list_view *lv)
{
	if (!is_article(lv, lv->pos.sel))
		return;
	ui_push(view_article_new(lv->v.app, (size_t)lv->rows.rows[lv->pos.sel].art));
}

/* u: the next unread article below the selection, wrapping around. */
static void next_unread(struct list_view *lv)
{
	size_t n = lv->rows.n;
	for (size_t k = 1; k <= n; k++) {
		long r = (long)(((size_t)(lv->pos.sel < 0 ? 0 : lv->pos.sel) + k) % n);
		if (is_article(lv, r) &&
		    !state_read(lv->v.app->ses.state, lv->v.app->ses.store->art[lv->rows.rows[r].art].id)) {
			lv->pos.sel = r;
			scroll_to_sel(lv);
			return;
		}
	}
	ui_message(false, "No unread articles");
}

static bool lv_action(struct view *v, enum keymap_action a)
{
	struct list_view *lv = lv_of(v);
	struct app *app = v->app;
	if (view_pos_move(&lv->pos, a, screen_rows(lv)))
		return true;
	switch (a) {
	case ACT_OPEN: open_selected(lv); break;
	case ACT_OPEN_URL:
	case ACT_COPY_URL: {	/* the selected article's address */
		if (!is_article(lv, lv->pos.sel))
			break;
		const char *url = app->ses.store->art[lv->rows.rows[lv->pos.sel].art].url;
		(a == ACT_OPEN_URL ? app_open_url : app_copy_url)(app, url);
		break;
	}
	case ACT_TOGGLE_READ:
	case ACT_FLAG:
		if (!is_article(lv, lv->pos.sel))
			break;
		app_toggle_mark(app, app->ses.store->art[lv->rows.rows[lv->pos.sel].art].id,
				a == ACT_TOGGLE_READ ? SESSION_READ : SESSION_FLAGGED);
		if (app->only_unread || app->only_flagged)
			rebuild(lv);
		break;
	case ACT_NEXT_UNREAD: next_unread(lv); break;
	case ACT_ONLY_UNREAD:
	case ACT_ONLY_FLAGGED: {
		bool *b = a == ACT_ONLY_UNREAD ? &app->only_unread : &app->only_flagged;
		*b = !*b;
		rebuild(lv);
		ui_message(false, "%s %s", a == ACT_ONLY_UNREAD ? "Only unread:" : "Only flagged:",
			   *b ? "on" : "off");
		break;
	}
	case ACT_THREAD:
		if (is_article(lv, lv->pos.sel))
			ui_push(view_thread_new(app, (size_t)lv->rows.rows[lv->pos.sel].art));
		break;
	case ACT_FILTER:
	case ACT_CLEAR:
		ui_filter(v, &lv->filter, a == ACT_FILTER, on_filter_change);
		break;
	case ACT_SORT:
		app->sort = (app->sort + 1) % STORE_SORT_COUNT;
		rebuild(lv);
		ui_message(false, "Sorted by %s", store_sort_name(app->sort));
		break;
	case ACT_REVERSE:
		app->reverse = !app->reverse;
		rebuild(lv);
		break;
	case ACT_GROUP:
		app->group = (app->group + 1) % LISTING_GROUP_COUNT;
		rebuild(lv);
		ui_message(false, "Grouped by %s", listing_group_name(app->group));
		break;
	default:
		return false;
	}
	return true;
}

static void lv_status(struct view *v, struct buf *left, struct buf *right)
{
	struct list_view *lv = lv_of(v);
	struct app *app = v->app;
	long pos = 0;
	for (long r = 0; r <= lv->pos.sel && (size_t)r < lv->rows.n; r++)
		pos += is_article(lv, r);
	buf_addf(left, "%ld/%zu", pos, lv->rows.narticles);
	if (lv->rows.narticles != app->ses.store->n)
		buf_addf(left, " of %zu", app->ses.store->n);
	buf_addf(left, "  sort:%s%s", store_sort_name(app->sort), app->reverse ? "↑" : "");
	if (app->group)
		buf_addf(left, "  group:%s", listing_group_name(app->group));
	if (lv->filter.len)
		buf_addf(left, "  filter:%s", lv->filter.data);
	if (app->only_unread)
		buf_adds(left, "  unread only");
	if (app->only_flagged)
		buf_adds(left, "  flagged only");
	buf_adds(right, "? help");
}

static void lv_free(struct view *v)
{
	struct list_view *lv = lv_of(v);
	listing_free(&lv->rows);
	free(lv->last);
	buf_free(&lv->filter);
	free(lv->applied);
	query_free(lv->query);
	free(lv);
}

static void lv_resize(struct view *v, int rows, int cols)
{
	struct list_view *lv = lv_of(v);
	lv->height = rows - 1;
	lv->width = cols;
	scroll_to_sel(lv);
}

static void lv_click(struct view *v, int y, int x, bool twice)
{
	struct list_view *lv = lv_of(v);
	(void)x;
	long r = (long)lv->pos.top + y - 1;
	if (!is_article(lv, r))
		return;
	lv->pos.sel = r;
	if (twice)
		open_selected(lv);
}

static const struct view_ops list_ops = {
	.click = lv_click,
	.name = "list",
	.keys = VIEW_LIST,
	.draw = lv_draw,
	.action = lv_action,
	.status = lv_status,
	.resize = lv_resize,
	.free = lv_free,
};

struct view *view_list_new(struct app *app)
{
	struct list_view *lv = xcalloc(1, sizeof *lv);
	lv->v.ops = &list_ops;
	lv->v.app = app;
	lv->applied = xstrdup("");
	lv->query = query_parse("", NULL);
	lv->pos = (struct view_pos){ .sel = -1, .selectable = row_is_article, .ctx = lv };
	rebuild(lv);
	return &lv->v;
}
