/* view_help.c: the ? screen, made from the live key map: every action that
 * has a key in the view that asked for help, with its keys and help text. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "text.h"
#include "ui.h"
#include "view_pos.h"

struct help_row {
	char *keys;	/* NULL for a heading row */
	const char *text;
};

struct help_view {
	struct view v;
	enum keymap_view keys;
	struct help_row *rows;
	size_t n, cap;
	struct view_pos pos;	/* a pager over the rows */
	int height;		/* the title's row and the rows' */
	char *title;
};

static void add_row(struct help_view *hv, char *keys, const char *text)
{
	hv->rows = xgrow(hv->rows, &hv->cap, hv->n + 1, sizeof *hv->rows);
	hv->rows[hv->n++] = (struct help_row){ keys, text };
}

static void build(struct help_view *hv)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		struct buf keys = BUF_INIT;
		ui_keys_text(hv->keys, a, &keys);
		if (!keys.len)
			continue;
		add_row(hv, buf_detach(&keys, NULL), keymap_view_help(hv->keys, a));
	}
	hv->pos = (struct view_pos){ .n = hv->n, .sel = -1, .pager = true };
}

/* Rows on screen: all but the title's. */
static size_t screen_rows(const struct help_view *hv)
{
	return hv->height > 1 ? (size_t)hv->height - 1 : 1;
}

static void hv_draw(struct view *v, int rows, int cols)
{
	struct help_view *hv = (struct help_view *)v;
	hv->height = rows;
	view_pos_show(&hv->pos, screen_rows(hv));	/* the window may have grown */
	struct buf t = BUF_INIT;
	buf_addf(&t, "Keys of the %s view (q or h to go back)", hv->title);
	ui_fill(0, 0, cols, THEME_HELP_TITLE);
	ui_text(0, 1, cols - 1, t.data, t.len, THEME_HELP_TITLE);
	buf_free(&t);
	int kw = 18;
	for (int y = 1; y < rows; y++) {
		size_t i = hv->pos.top + (size_t)y - 1;
		ui_fill(y, 0, cols, THEME_HELP);
		if (i >= hv->n)
			continue;
		ui_cell(y, 2, kw, hv->rows[i].keys, THEME_HELP_KEY);
		ui_text(y, 2 + kw + 1, cols - kw - 3, hv->rows[i].text,
			strlen(hv->rows[i].text), THEME_HELP);
	}
}

static bool hv_action(struct view *v, enum keymap_action a)
{
	struct help_view *hv = (struct help_view *)v;
	if (view_pos_move(&hv->pos, a, screen_rows(hv)))
		return true;
	switch (a) {
	case ACT_CLOSE: case ACT_HELP: ui_back(); break;
	default: return false;
	}
	return true;
}

static void hv_status(struct view *v, struct buf *left, struct buf *right)
{
	struct help_view *hv = (struct help_view *)v;
	buf_addf(left, "Help: %s", hv->title);
	buf_addf(right, "%zu keys", hv->n);
}

static void hv_free(struct view *v)
{
	struct help_view *hv = (struct help_view *)v;
	for (size_t i = 0; i < hv->n; i++)
		free(hv->rows[i].keys);
	free(hv->rows);
	free(hv->title);
	free(hv);
}

static const struct view_ops help_ops = {
	.name = "help",
	.keys = VIEW_HELP,
	.draw = hv_draw,
	.action = hv_action,
	.status = hv_status,
	.free = hv_free,
};

struct view *view_help_new(struct app *app, enum keymap_view keys, const char *title)
{
	struct help_view *hv = xcalloc(1, sizeof *hv);
	hv->v.ops = &help_ops;
	hv->v.app = app;
	hv->keys = keys;
	hv->title = xstrdup(title);
	build(hv);
	return &hv->v;
}
