/* view_pos.c: movement and scrolling, once for every view. */
#include "view_pos.h"

bool view_pos_selectable(const struct view_pos *p, long i)
{
	return i >= 0 && (size_t)i < p->n && (!p->selectable || p->selectable(p->ctx, (size_t)i));
}

/* The selectable item nearest to i in direction dir (+1, -1), or -1. */
static long nearest(const struct view_pos *p, long i, int dir)
{
	for (; i >= 0 && (size_t)i < p->n; i += dir)
		if (view_pos_selectable(p, i))
			return i;
	return -1;
}

size_t view_pos_max_top(const struct view_pos *p, size_t rows)
{
	return p->n > rows ? p->n - rows : 0;
}

void view_pos_scroll_to(struct view_pos *p, long top, size_t rows)
{
	size_t max = view_pos_max_top(p, rows ? rows : 1);
	p->top = top < 0 ? 0 : (size_t)top > max ? max : (size_t)top;
}

void view_pos_show(struct view_pos *p, size_t rows)
{
	if (!rows)
		rows = 1;
	if (p->pager) {
		view_pos_scroll_to(p, (long)p->top, rows);
		return;
	}
	if (p->sel < 0) {
		p->top = 0;
		return;
	}
	size_t sel = (size_t)p->sel;
	/* the header above the first article of a group stays in sight */
	size_t want = sel > 0 && !view_pos_selectable(p, p->sel - 1) ? sel - 1 : sel;
	if (want < p->top)
		p->top = want;
	if (sel >= p->top + rows)
		p->top = sel - rows + 1;
	size_t max = view_pos_max_top(p, rows);
	if (p->top > max)
		p->top = max;
}

/* The step of a movement action; *end is set for first and last. */
static long step_of(enum keymap_action a, size_t rows, int *end)
{
	long page = rows > 1 ? (long)rows - 1 : 1, half = page / 2 ? page / 2 : 1;
	*end = 0;
	switch (a) {
	case ACT_DOWN: return 1;
	case ACT_UP: return -1;
	case ACT_PAGE_DOWN: return page;
	case ACT_PAGE_UP: return -page;
	case ACT_HALF_DOWN: return half;
	case ACT_HALF_UP: return -half;
	case ACT_TOP: *end = -1; return 0;
	case ACT_BOTTOM: *end = 1; return 0;
	default: return 0;
	}
}

/* Moves the selection by step, or to an end, onto a selectable item:
 * the nearest one onward, else the nearest one back. */
static void move_sel(struct view_pos *p, long step, int end)
{
	if (p->n == 0 || (!end && p->sel < 0))
		return;
	long t = end < 0 ? 0 : end > 0 ? (long)p->n - 1 : p->sel + step;
	if (t < 0)
		t = 0;
	if ((size_t)t >= p->n)
		t = (long)p->n - 1;
	int dir = end ? -end : step >= 0 ? 1 : -1;
	long r = nearest(p, t, dir);
	if (r < 0)
		r = nearest(p, t, -dir);
	if (r >= 0 || end)
		p->sel = r;
}

bool view_pos_move(struct view_pos *p, enum keymap_action a, size_t rows)
{
	int end;
	long step = step_of(a, rows ? rows : 1, &end);
	if (!step && !end)
		return false;
	if (p->pager) {
		long top = end < 0 ? 0 : end > 0 ? (long)view_pos_max_top(p, rows ? rows : 1)
			 : (long)p->top + step;
		view_pos_scroll_to(p, top, rows);
		return true;
	}
	move_sel(p, step, end);
	view_pos_show(p, rows);
	return true;
}
