/* view_menu.c: a generic list of rows with columns, a selection, a filter
 * as you type and an "open" callback. The entity panel, the entity index,
 * the list of articles that mention an entity and the thread timeline are
 * all menus. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "menu.h"
#include "text.h"

struct menu_view {
	struct view v;
	struct menu_spec spec;
	struct menu_row *rows;
	size_t n;
	size_t *vis;		/* rows passing the filter */
	size_t nvis;
	long sel, top;
	int height;
	struct buf filter;
};

static struct menu_view *mv_of(struct view *v)
{
	return (struct menu_view *)v;
}

static bool selectable(const struct menu_view *mv, long i)
{
	return i >= 0 && (size_t)i < mv->nvis && mv->rows[mv->vis[i]].target >= 0;
}

static long next_selectable(const struct menu_view *mv, long i, int dir)
{
	for (; i >= 0 && (size_t)i < mv->nvis; i += dir)
		if (selectable(mv, i))
			return i;
	return -1;
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
	long h = mv->height > 1 ? mv->height - 1 : 1;	/* first row is the title */
	if (mv->sel < 0)
		return;
	long want = mv->sel > 0 && !selectable(mv, mv->sel - 1) ? mv->sel - 1 : mv->sel;
	if (want < mv->top)
		mv->top = want;
	if (mv->sel >= mv->top + h)
		mv->top = mv->sel - h + 1;
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
	mv->top = 0;
	mv->sel = next_selectable(mv, 0, 1);
	keep_visible(mv);
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
		long i = mv->top + y - 1;
		if ((size_t)i >= mv->nvis)
			break;
		draw_row(mv, &mv->rows[mv->vis[i]], y, cols, i == mv->sel);
	}
}

static void move_sel(struct menu_view *mv, long d)
{
	if (mv->sel < 0)
		return;
	long t = mv->sel + d;
	if (t < 0)
		t = 0;
	if ((size_t)t >= mv->nvis)
		t = (long)mv->nvis - 1;
	long r = next_selectable(mv, t, d >= 0 ? 1 : -1);
	if (r < 0)
		r = next_selectable(mv, t, d >= 0 ? -1 : 1);
	if (r >= 0)
		mv->sel = r;
	keep_visible(mv);
}

static void on_filter(struct view *v, const char *text)
{
	(void)text;
	refilter(mv_of(v));
}

static bool mv_action(struct view *v, enum keymap_action a)
{
	struct menu_view *mv = mv_of(v);
	long page = mv->height > 2 ? mv->height - 2 : 1;
	switch (a) {
	case ACT_DOWN: move_sel(mv, 1); break;
	case ACT_UP: move_sel(mv, -1); break;
	case ACT_PAGE_DOWN: move_sel(mv, page); break;
	case ACT_PAGE_UP: move_sel(mv, -page); break;
	case ACT_HALF_DOWN: move_sel(mv, page / 2 + 1); break;
	case ACT_HALF_UP: move_sel(mv, -(page / 2 + 1)); break;
	case ACT_TOP: mv->sel = next_selectable(mv, 0, 1); keep_visible(mv); break;
	case ACT_BOTTOM: mv->sel = next_selectable(mv, (long)mv->nvis - 1, -1); keep_visible(mv); break;
	case ACT_OPEN:
		if (selectable(mv, mv->sel))
			mv->spec.open(v->app, mv->rows[mv->vis[mv->sel]].target);
		break;
	case ACT_FILTER:
	case ACT_FIND:
		if (!ui_prompt("Filter: ", &mv->filter, on_filter, v)) {
			buf_reset(&mv->filter);
			refilter(mv);
		}
		break;
	case ACT_CLEAR:
		buf_reset(&mv->filter);
		refilter(mv);
		break;
	case ACT_CLOSE:	/* a menu is a step on the way: q goes back one */
		ui_back();
		break;
	default:
		return false;
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
		pos += s && (long)i <= mv->sel;
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
	buf_free(&mv->filter);
	free((void *)mv->v.ops);
	free(mv);
}

static void mv_click(struct view *v, int y, int x, bool twice)
{
	struct menu_view *mv = mv_of(v);
	(void)x;
	long i = mv->top + y - 1;
	if (y < 1 || !selectable(mv, i))
		return;
	mv->sel = i;
	if (twice)
		mv->spec.open(v->app, mv->rows[mv->vis[i]].target);
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
	refilter(mv);
	for (size_t i = 0; select >= 0 && i < mv->nvis; i++)
		if (mv->rows[mv->vis[i]].target == select)
			mv->sel = (long)i;
	return &mv->v;
}
