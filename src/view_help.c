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
	int height;		/* the title's, the legend's and the keys' rows */
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

/* Rows above the keys: the title and the legend of the entity colours. */
enum { HELP_HEAD_ROWS = 2 };

/* Rows on screen for the keys: all but the title's and the legend's. */
static size_t screen_rows(const struct help_view *hv)
{
	return hv->height > HELP_HEAD_ROWS ? (size_t)(hv->height - HELP_HEAD_ROWS) : 1;
}

/* The legend of the entity colours, each word in its type's style, so
 * that the colours (or, without colour, the attributes) explain
 * themselves: "Names: person place organisation other". */
static void draw_legend(int y, int cols)
{
	static const struct { const char *word; enum theme_element el; } leg[] = {
		{ "person", THEME_ENTITY_PER }, { "place", THEME_ENTITY_LOC },
		{ "organisation", THEME_ENTITY_ORG }, { "other", THEME_ENTITY_MISC },
	};
	ui_fill(y, 0, cols, THEME_HELP);
	int x = 2;
	ui_text(y, x, cols - x, "Names:", 6, THEME_HELP_KEY);
	x += 8;
	for (size_t k = 0; k < sizeof leg / sizeof leg[0] && x < cols; k++) {
		size_t n = strlen(leg[k].word);
		ui_text(y, x, cols - x, leg[k].word, n, leg[k].el);
		x += (int)n + 2;
	}
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
	if (rows > 1)
		draw_legend(1, cols);
	int kw = 18;
	for (int y = HELP_HEAD_ROWS; y < rows; y++) {
		size_t i = hv->pos.top + (size_t)(y - HELP_HEAD_ROWS);
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
