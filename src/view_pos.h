/* view_pos.h: where a view stands in its items, and the one rule by which
 * every view moves (as tig's move_view): a line, a page, half a page, the
 * first and the last item. A list moves its selection, skipping rows that
 * cannot be selected (group headers), and scrolls to keep it in sight; a
 * pager (the article, the help) scrolls without one. A page is the screen
 * less one row, which stays in sight; half a page is half of that. Plain
 * arithmetic, no curses: each view says how many items fit its screen. */
#ifndef FILO_VIEW_POS_H
#define FILO_VIEW_POS_H

#include <stdbool.h>
#include <stddef.h>
#include "keymap.h"

struct view_pos {
	size_t n;	/* items: list rows, pager lines */
	size_t top;	/* the first item on screen */
	long sel;	/* the selected item, -1 for none (always, in a pager) */
	bool pager;	/* scrolls without a selection */
	/* Can item i (< n) be selected? NULL: every item can. */
	bool (*selectable)(const void *ctx, size_t i);
	const void *ctx;
};

/* Applies a movement action (ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN,
 * ACT_HALF_UP, ACT_HALF_DOWN, ACT_TOP, ACT_BOTTOM) for a screen of rows
 * items, then keeps the selection in sight. A list without a selection
 * moves only to its first or last item. Returns false, changing nothing,
 * for any other action: the view's own. */
bool view_pos_move(struct view_pos *p, enum keymap_action a, size_t rows);

/* Scrolls as little as needed for the selection to be on a screen of rows
 * items (with the group header above it when it is the first of its
 * group), and no further down than a full last screen; without a
 * selection, to the top. A pager's top is only kept in range. */
void view_pos_show(struct view_pos *p, size_t rows);

/* Is i an item that can be selected (false out of range)? */
bool view_pos_selectable(const struct view_pos *p, long i);

/* A pager scrolled to top (clamped to the lines there are). */
void view_pos_scroll_to(struct view_pos *p, long top, size_t rows);

/* The last top that still fills a screen of rows items. */
size_t view_pos_max_top(const struct view_pos *p, size_t rows);

#endif
