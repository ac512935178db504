/* ui.h: the curses view layer: the terminal, the main loop, drawing of
 * styled text, the status line, prompts, and browser-like history of views.
 * Only ui.c and view_*.c include curses. */
#ifndef FILO_UI_H
#define FILO_UI_H

#include <stdbool.h>
#include <stddef.h>
#include "buf.h"
#include "keymap.h"
#include "render.h"
#include "theme.h"

struct app;	/* what the views share: the session, the settings (app.h) */

/* A view is a table of operations (as tig's struct view_ops) and its own
 * state, which embeds struct view as its first member. */
struct view;
struct view_ops {
	const char *name;		/* for the status line ("list") */
	enum keymap_view keys;		/* which bindings apply */
	void (*draw)(struct view *v, int rows, int cols);
	/* Returns true when the view handled the action. */
	bool (*action)(struct view *v, enum keymap_action a);
	/* Left and right parts of the status line. */
	void (*status)(struct view *v, struct buf *left, struct buf *right);
	/* The window size changed (optional). */
	void (*resize)(struct view *v, int rows, int cols);
	/* A mouse click on screen row y, column x (optional); twice is a
	 * double click. */
	void (*click)(struct view *v, int y, int x, bool twice);
	/* The view becomes current again (history back/forward; optional). */
	void (*enter)(struct view *v);
	void (*free)(struct view *v);
};

struct view {
	const struct view_ops *ops;
	struct app *app;
};

/* Runs the reader until the user quits; returns the exit status. */
struct config;
struct ui_options {
	const char *dir;
	const char *theme;	/* name or path, NULL for the config's */
	int color;		/* -1 auto, 0 never, 1 always, -2 the config's */
	struct config *cfg;	/* loaded config; ui_main takes its keymap */
	struct diag *cfg_diag;	/* problems in the config, to show */
};
int ui_main(const struct ui_options *opt);

/* History: open a new view (dropping any forward history), go back or
 * forward. ui_push takes ownership of v. */
void ui_push(struct view *v);
bool ui_back(void);
bool ui_forward(void);
/* Closes every view back to the first (the list). */
void ui_close_to_list(void);
void ui_quit(void);

/* A message for the status line until the next key; error ones stand out. */
void ui_message(bool error, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reads a line of input on the status line. on_change (may be NULL) is
 * called after every edit so the view can react as the user types. Returns
 * true on Enter (text in *out), false on Esc (out holds the last text). */
bool ui_prompt(const char *label, struct buf *out,
	       void (*on_change)(struct view *v, const char *text),
	       struct view *v);

/* The filter of a list-like view: with prompt, / reads it as the user
 * types (apply runs after every edit) and Esc there empties it; without, it
 * is emptied at once (clear). Either way apply sees the last text. */
void ui_filter(struct view *v, struct buf *filter, bool prompt,
	       void (*apply)(struct view *v, const char *text));

/* Drawing. Styles are theme elements; y/x are screen cells. */
void ui_fill(int y, int x, int cols, enum theme_element el);
/* Draws UTF-8 text clipped to cols columns, cluster by cluster (so our widths,
 * not the C library's, decide positions). Returns the columns used. Any
 * text may be passed: what text_sanitize would change is sanitised first
 * (a control as "^[", a bidi override as U+FFFD), so nothing raw reaches
 * the terminal; ui_cell and ui_render_line draw through the same guard. */
int ui_text(int y, int x, int cols, const char *s, size_t n, enum theme_element el);
/* Same, padded or truncated with an ellipsis to exactly cols columns. */
void ui_cell(int y, int x, int cols, const char *s, enum theme_element el);
/* Draws a rendered line at (y, x) clipped to cols. marks are extra ranges
 * of the line's text drawn in their own element (find matches, the entity
 * cursor), sorted by offset; later marks win where they overlap. */
struct ui_mark {
	size_t off, len;
	enum theme_element el;
};
void ui_render_line(int y, int x, int cols, const struct render_line *l,
		    const struct ui_mark *marks, size_t nmarks);

/* The keys bound to an action in a view, as "j Down" (for help screens). */
void ui_keys_text(enum keymap_view view, enum keymap_action a, struct buf *out);

/* Views (view_*.c). */
struct view *view_list_new(struct app *app);
struct view *view_article_new(struct app *app, size_t art);
/* An article opened at plain-text offset off (or at its saved position when
 * off is (size_t)-1), with find set to find (may be NULL). */
struct view *view_article_new_at(struct app *app, size_t art, size_t off,
				 const char *find);
struct view *view_search_new(struct app *app, const char *query);
struct view *view_help_new(struct app *app, enum keymap_view keys, const char *title);

/* The id of the list's selected article (malloc'd) or NULL, and a rebuild
 * of the list after the store was replaced, selecting that id again. */
char *view_list_selected_id(struct view *list);
void view_list_refresh(struct view *list, const char *select_id);

/* The list view's selected article follows the last article opened. */
void view_list_select(struct view *list, long art);

/* The article after (dir 1) or before (dir -1) article art in the list as
 * it is shown (sort, filter, groups), or with unread the next unread one
 * in that direction, round the ends; -1 when there is none. An article
 * the list does not show counts from the list's selection. */
long view_list_step(struct view *list, size_t art, int dir, bool unread);

#endif
