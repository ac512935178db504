/* menu.h: the generic menu view (view_menu.c) and the views built on it:
 * entity panel, entity index, entity mentions, thread timeline, links. */
#ifndef FILO_MENU_H
#define FILO_MENU_H

#include "ui.h"

#define MENU_COLS 4

struct menu_row {
	char *cells[MENU_COLS];		/* owned; NULL cells are skipped */
	enum theme_element el[MENU_COLS];
	long target;			/* what open gets; -1 for a header row */
};

struct menu_spec {
	const char *name;		/* status line: "entities" */
	enum keymap_view keys;
	char *title;			/* first screen line (copied) */
	const char *empty;		/* shown when there are no rows */
	int width[MENU_COLS];		/* column widths; 0 takes the rest */
	void (*open)(struct app *app, long target);
	/* Optional, for a menu with data of its own: act gets ctx, the
	 * selected row's target (-1 when none) and each action the menu does
	 * not take itself (Enter too, when open is NULL); true when it took
	 * it. free_ctx (may be NULL) frees ctx with the view. */
	void *ctx;
	bool (*act)(struct view *v, void *ctx, enum keymap_action a, long target);
	void (*free_ctx)(void *ctx);
};

/* Takes ownership of rows (malloc'd array of n). select: the target to
 * select first, or -1. */
struct view *view_menu_new(struct app *app, const struct menu_spec *spec,
			   struct menu_row *rows, size_t n, long select);

/* The menus of filo (view_entity.c). */
struct view *view_entities_new(struct app *app, size_t art);	/* e */
struct view *view_index_new(struct app *app);			/* E */
struct view *view_mentions_new(struct app *app, size_t entity);	/* Enter on a mention */
struct view *view_thread_new(struct app *app, size_t art);	/* t */

/* The links of an article (view_links.c): its own address first, then each
 * link of its text by number; Enter or o opens one in the browser, y
 * copies it. doc is the article as rendered (its links numbered as on
 * screen); url its address (may be NULL or ""). */
struct render_doc;
struct view *view_links_new(struct app *app, const char *title, const char *url,
			    const struct render_doc *doc);

#endif
