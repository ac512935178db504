/* test_view_pos.c: the one movement rule of the views: a pager's scrolling
 * and a list's selection, with group headers that cannot be selected. */
#include "t.h"
#include "view_pos.h"

/* Rows that are group headers in the test lists. */
static bool not_header(const void *ctx, size_t i)
{
	const char *kinds = ctx;	/* 'h' header, 'a' article */
	return kinds[i] != 'h';
}

static struct view_pos list_of(const char *kinds)
{
	struct view_pos p = { strlen(kinds), 0, -1, false, not_header, kinds };
	return p;
}

TEST(pager)
{
	struct view_pos p = { 100, 0, -1, true, NULL, NULL };
	size_t rows = 23;	/* a page is 22 lines, half a page 11 */
	T_OK(view_pos_move(&p, ACT_DOWN, rows));
	T_EQ_INT(p.top, 1);
	view_pos_move(&p, ACT_PAGE_DOWN, rows);
	T_EQ_INT(p.top, 23);
	view_pos_move(&p, ACT_HALF_DOWN, rows);
	T_EQ_INT(p.top, 34);
	view_pos_move(&p, ACT_BOTTOM, rows);
	T_EQ_INT(p.top, 77);	/* the last line on the last screen row */
	view_pos_move(&p, ACT_DOWN, rows);
	view_pos_move(&p, ACT_PAGE_DOWN, rows);
	T_EQ_INT(p.top, 77);
	view_pos_move(&p, ACT_PAGE_UP, rows);
	T_EQ_INT(p.top, 55);
	view_pos_move(&p, ACT_HALF_UP, rows);
	T_EQ_INT(p.top, 44);
	view_pos_move(&p, ACT_TOP, rows);
	T_EQ_INT(p.top, 0);
	view_pos_move(&p, ACT_UP, rows);
	T_EQ_INT(p.top, 0);
	T_EQ_INT(p.sel, -1);
	/* shorter than the screen: nowhere to go */
	struct view_pos s = { 10, 0, -1, true, NULL, NULL };
	view_pos_move(&s, ACT_BOTTOM, rows);
	T_EQ_INT(s.top, 0);
	view_pos_scroll_to(&p, 90, rows);
	T_EQ_INT(p.top, 77);
	view_pos_scroll_to(&p, -4, rows);
	T_EQ_INT(p.top, 0);
	/* tiny screens still move */
	view_pos_move(&p, ACT_PAGE_DOWN, 1);
	T_EQ_INT(p.top, 1);
	view_pos_move(&p, ACT_HALF_DOWN, 2);
	T_EQ_INT(p.top, 2);
}

TEST(other_actions)
{
	struct view_pos p = list_of("haaa");
	view_pos_move(&p, ACT_TOP, 2);
	struct view_pos before = p;
	T_OK(!view_pos_move(&p, ACT_OPEN, 2));
	T_OK(!view_pos_move(&p, ACT_FIND_NEXT, 2));
	T_OK(!view_pos_move(&p, ACT_NONE, 2));
	T_EQ_INT(p.sel, before.sel);
	T_EQ_INT(p.top, before.top);
}

TEST(list_with_headers)
{
	/*                        0    5    10   */
	struct view_pos p = list_of("haaaahaaaahaaaa");
	size_t rows = 4;	/* a page is 3 rows, half a page 1 */
	view_pos_move(&p, ACT_TOP, rows);
	T_EQ_INT(p.sel, 1);	/* the header cannot be selected */
	T_EQ_INT(p.top, 0);
	for (int i = 0; i < 4; i++)
		view_pos_move(&p, ACT_DOWN, rows);
	T_EQ_INT(p.sel, 6);	/* over the header at 5 */
	T_EQ_INT(p.top, 3);
	view_pos_move(&p, ACT_UP, rows);
	T_EQ_INT(p.sel, 4);
	T_EQ_INT(p.top, 3);
	view_pos_move(&p, ACT_UP, rows);
	view_pos_move(&p, ACT_UP, rows);
	view_pos_move(&p, ACT_UP, rows);
	T_EQ_INT(p.sel, 1);
	T_EQ_INT(p.top, 0);	/* its header in sight */
	view_pos_move(&p, ACT_PAGE_DOWN, rows);
	T_EQ_INT(p.sel, 4);
	view_pos_move(&p, ACT_PAGE_DOWN, rows);
	T_EQ_INT(p.sel, 7);	/* 4 + 3 */
	T_EQ_INT(p.top, 4);
	view_pos_move(&p, ACT_HALF_UP, rows);
	T_EQ_INT(p.sel, 6);
	T_EQ_INT(p.top, 4);
	view_pos_move(&p, ACT_HALF_UP, rows);
	T_EQ_INT(p.sel, 4);	/* a header is passed, not stopped on */
	view_pos_move(&p, ACT_BOTTOM, rows);
	T_EQ_INT(p.sel, 14);
	T_EQ_INT(p.top, 11);
	view_pos_move(&p, ACT_PAGE_UP, rows);
	T_EQ_INT(p.sel, 11);
	T_EQ_INT(p.top, 10);	/* the header of 11's group */
	view_pos_move(&p, ACT_DOWN, 100);
	T_EQ_INT(p.sel, 12);
	T_EQ_INT(p.top, 0);	/* a screen taller than the list shows it all */
}

TEST(list_ends)
{
	/* a target past the last article falls back to the nearest one */
	struct view_pos p = list_of("aah");
	view_pos_move(&p, ACT_BOTTOM, 5);
	T_EQ_INT(p.sel, 1);
	p.sel = 0;
	view_pos_move(&p, ACT_PAGE_DOWN, 10);
	T_EQ_INT(p.sel, 1);
	/* no selectable row at all: nothing to select, the top in sight */
	struct view_pos h = list_of("hh");
	h.top = 1;
	view_pos_move(&h, ACT_TOP, 1);
	T_EQ_INT(h.sel, -1);
	T_EQ_INT(h.top, 0);
	view_pos_move(&h, ACT_DOWN, 1);
	T_EQ_INT(h.sel, -1);
	T_OK(view_pos_selectable(&p, 0));
	T_OK(!view_pos_selectable(&p, 2));	/* a header */
	T_OK(!view_pos_selectable(&p, 3));	/* past the end */
	T_OK(!view_pos_selectable(&p, -1));
	struct view_pos e = list_of("");
	view_pos_move(&e, ACT_BOTTOM, 3);
	view_pos_move(&e, ACT_DOWN, 3);
	T_EQ_INT(e.sel, -1);
	T_EQ_INT(e.top, 0);
}

TEST(every_row_selectable)
{
	struct view_pos p = { 5, 0, 0, false, NULL, NULL };
	view_pos_move(&p, ACT_BOTTOM, 2);
	T_EQ_INT(p.sel, 4);
	T_EQ_INT(p.top, 3);
	view_pos_move(&p, ACT_PAGE_UP, 2);
	T_EQ_INT(p.sel, 3);
	view_pos_move(&p, ACT_TOP, 2);
	T_EQ_INT(p.sel, 0);
	T_EQ_INT(p.top, 0);
}

TEST(show_after_resize)
{
	struct view_pos p = { 50, 0, -1, false, NULL, NULL };
	view_pos_move(&p, ACT_TOP, 10);
	view_pos_move(&p, ACT_BOTTOM, 10);
	T_EQ_INT(p.top, 40);
	/* the window grew: no empty rows under the last item */
	view_pos_show(&p, 30);
	T_EQ_INT(p.top, 20);
	T_EQ_INT(p.sel, 49);
	/* it shrank: the selection stays in sight */
	view_pos_show(&p, 5);
	T_EQ_INT(p.top, 45);
	struct view_pos g = { 50, 45, -1, true, NULL, NULL };
	view_pos_show(&g, 30);
	T_EQ_INT(g.top, 20);
}

T_MAIN(RUN(pager); RUN(other_actions); RUN(list_with_headers); RUN(list_ends);
       RUN(every_row_selectable); RUN(show_after_resize))
