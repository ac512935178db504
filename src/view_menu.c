/* view_menu.c: a generic list of rows with columns, a selection, a filter
 * as you type and an "open" callback. The entity panel, the entity index,
 * the list of articles that mention an entity, the thread timeline and an
 * article's links are all menus. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "menu.h"
#include "text.h"
#include "view_pos.h"

struct menu_view {
	struct view v;
	struct menu_spec spec;
	struct menu_row *rows;
	size_t n;
	size_t *vis;		/* rows passing the filter */
	size_t nvis;
	struct view_pos pos;	/* over vis; header rows are not selected */
	int height;		/* the title's row and the rows' */
	struct buf filter;
};

static struct menu_view *mv_of(struct view *v)
{
	return (struct menu_view *)v;
}

/* Header rows (target -1) are not selected. */
static bool row_has_target(const void *mv, size_t i)
{
	const struct menu_view *m = mv;
	return m->rows[m->vis[i]].target >= 0;
}

static bool selectable(const struct menu_view *mv, long i)
{
	return view_pos_selectable(&mv->pos, i);
}

/* Rows on screen: all but the title's. */
static size_t screen_rows(const struct menu_view *mv)
{
	return mv->height > 1 ? (size_t)mv->height - 1 : 1;
}

static bool row_matches(const struct menu_row *r, const char *q)
{
	struct buf b = BUF_INIT;
	for (int c = 0; c < MENU_COLS; c++)
		if (r->cells[c]) {
			buf_adds(&b, r->cells[c]);
			buf_addc(&b, '\t');
		}
	size_t n;
	char *f = text_fold(buf_str(&b), b.len, &n, NULL);
	bool ok = true;
	for (const char *w = q; *w;) {
		size_t wl = strcspn(w, " ");
		if (wl && text_find(f, n, w, wl, 0) == (size_t)-1)
			ok = false;
		w += wl + (w[wl] == ' ');
	}
	free(f);
	buf_free(&b);
	return ok;
}

static void keep_visible(struct menu_view *mv)
{
	view_pos_show(&mv->pos, screen_rows(mv));
}

static void refilter(struct menu_view *mv)
{
	size_t qn;
	char *q = text_fold(buf_str(&mv->filter), mv->filter.len, &qn, NULL);
	mv->nvis = 0;
	for (size_t i = 0; i < mv->n; i++)
		if (!*q || mv->rows[i].target < 0 || row_matches(&mv->rows[i], q))
			mv->vis[mv->nvis++] = i;
	free(q);
	mv->pos.n = mv->nvis;
	mv->pos.top = 0;
	view_pos_move(&mv->pos, ACT_TOP, screen_rows(mv));
}

static void draw_row(struct menu_view *mv, const struct menu_row *r, int y,
		     int cols, bool selected)
{
	int x = 1;
	ui_fill(y, 0, cols, selected ? THEME_LIST_SELECTED : THEME_LIST_ROW);
	if (r->target < 0) {
		ui_fill(y, 0, cols, THEME_GROUP_HEADER);
		ui_text(y, 1, cols - 1, r->cells[0], strlen(r->cells[0]), THEME_GROUP_HEADER);
		return;
	}
	for (int c = 0; c < MENU_COLS && x < cols; c++) {
		if (!r->cells[c])
			continue;
		int w = mv->spec.width[c] ? mv->spec.width[c] : cols - x;
		if (x + w > cols)
			w = cols - x;
		enum theme_element el = selected ? THEME_LIST_SELECTED : r->el[c];
		ui_cell(y, x, w, r->cells[c], el);
		x += w + 1;
	}
}

static void mv_draw(struct view *v, int rows, int cols)
{
	struct menu_view *mv = mv_of(v);
	mv->height = rows;
	keep_visible(mv);
	ui_fill(0, 0, cols, THEME_TITLE);
	ui_text(0, 1, cols - 1, mv->spec.title, strlen(mv->spec.title), THEME_TITLE);
	if (!mv->nvis) {
		const char *m = mv->n ? "Nothing matches the filter (Esc clears it)" : mv->spec.empty;
		ui_text(2, 2, cols - 2, m, strlen(m), THEME_NORMAL);
	}
	for (int y = 1; y < rows; y++) {
		long i = (long)mv->pos.top + y - 1;
		if ((size_t)i >= mv->nvis)
			break;
		draw_row(mv, &mv->rows[mv->vis[i]], y, cols, i == mv->pos.sel);
	}
}

static void on_filter(struct view *v, const char *text)
{
	(void)text;
	refilter(mv_of(v));
}

/* The selected row's target, or -1. */
static long selected_target(const struct menu_view *mv)
{
	return selectable(mv, mv->pos.sel) ? mv->rows[mv->vis[mv->pos.sel]].target : -1;
}

static void open_row(struct view *v, long target)
{
	struct menu_view *mv = mv_of(v);
	if (mv->spec.open)
		mv->spec.open(v->app, target);
	else if (mv->spec.act)
		mv->spec.act(v, mv->spec.ctx, ACT_OPEN, target);
}

static bool mv_action(struct view *v, enum keymap_action a)
{
	struct menu_view *mv = mv_of(v);
	if (view_pos_move(&mv->pos, a, screen_rows(mv)))
		return true;
	switch (a) {
	case ACT_OPEN:
		if (selectable(mv, mv->pos.sel))
			open_row(v, selected_target(mv));
		break;
	case ACT_FILTER:
	case ACT_FIND:
	case ACT_CLEAR:
		ui_filter(v, &mv->filter, a != ACT_CLEAR, on_filter);
		break;
	case ACT_CLOSE:	/* a menu is a step on the way: q goes back one */
		ui_back();
		break;
	default:
		return mv->spec.act && mv->spec.act(v, mv->spec.ctx, a, selected_target(mv));
	}
	return true;
}

static void mv_status(struct view *v, struct buf *left, struct buf *right)
{
	struct menu_view *mv = mv_of(v);
	size_t pos = 0, total = 0;
	for (size_t i = 0; i < mv->nvis; i++) {
		bool s = selectable(mv, (long)i);
		total += s;
		pos += s && (long)i <= mv->pos.sel;
	}
	buf_addf(left, "%s  %zu/%zu", mv->spec.name, pos, total);
	if (mv->filter.len)
		buf_addf(left, "  filter:%s", mv->filter.data);
	buf_adds(right, "Enter open  h back  ? help");
}

static void mv_resize(struct view *v, int rows, int cols)
{
	(void)cols;
	mv_of(v)->height = rows;
	keep_visible(mv_of(v));
}

static void mv_free(struct view *v)
{
	struct menu_view *mv = mv_of(v);
	for (size_t i = 0; i < mv->n; i++)
		for (int c = 0; c < MENU_COLS; c++)
			free(mv->rows[i].cells[c]);
	free(mv->rows);
	free(mv->vis);
	free(mv->spec.title);
	if (mv->spec.free_ctx)
		mv->spec.free_ctx(mv->spec.ctx);
	buf_free(&mv->filter);
	free((void *)mv->v.ops);
	free(mv);
}

static void mv_click(struct view *v, int y, int x, bool twice)
{
	struct menu_view *mv = mv_of(v);
	(void)x;
	long i = (long)mv->pos.top + y - 1;
	if (y < 1 || !selectable(mv, i))
		return;
	mv->pos.sel = i;
	if (twice)
		open_row(v, mv->rows[mv->vis[i]].target);
}

static const struct view_ops menu_ops = {
	.click = mv_click,
	.name = "menu",
	.draw = mv_draw,
	.action = mv_action,
	.status = mv_status,
	.resize = mv_resize,
	.free = mv_free,
};

struct view *view_menu_new(struct app *app, const struct menu_spec *spec,
			   struct menu_row *rows, size_t n, long select)
{
	struct menu_view *mv = xcalloc(1, sizeof *mv);
	/* each menu gets its own copy of the ops so name and keys are its own */
	struct view_ops *ops = xmalloc(sizeof *ops);
	*ops = menu_ops;
	ops->name = spec->name;
	ops->keys = spec->keys;
	mv->v.ops = ops;
	mv->v.app = app;
	mv->spec = *spec;
	mv->spec.title = xstrdup(spec->title);
	mv->rows = rows;
	mv->n = n;
	mv->vis = xcalloc(n + 1, sizeof *mv->vis);
	mv->pos = (struct view_pos){ .sel = -1, .selectable = row_has_target, .ctx = mv };
	refilter(mv);
	for (size_t i = 0; select >= 0 && i < mv->nvis; i++)
		if (mv->rows[mv->vis[i]].target == select)
			mv->pos.sel = (long)i;
	return &mv->v;
}
