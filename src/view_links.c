/* view_links.c: an article's links as a menu (L): the article's own address
 * first, then each link of its text under the number it has on screen;
 * Enter or o opens the selected one in the browser, y copies it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "menu.h"
#include "render.h"

/* The menu's addresses, by target. */
struct links {
	char **url;
	size_t n;
};

static void links_free(void *ctx)
{
	struct links *l = ctx;
	for (size_t i = 0; i < l->n; i++)
		free(l->url[i]);
	free(l->url);
	free(l);
}

static bool links_act(struct view *v, void *ctx, enum keymap_action a, long target)
{
	struct links *l = ctx;
	if (a != ACT_OPEN && a != ACT_OPEN_URL && a != ACT_COPY_URL)
		return false;
	if (target < 0 || (size_t)target >= l->n)
		ui_message(false, "No link selected");
	else if (a == ACT_COPY_URL)
		app_copy_url(v->app, l->url[target]);
	else
		app_open_url(v->app, l->url[target]);
	return true;
}

static void add_row(struct menu_row **rows, size_t *n, size_t *cap, struct links *l,
		    char *label, const char *url)
{
	*rows = xgrow(*rows, cap, *n + 1, sizeof **rows);
	struct menu_row *r = &(*rows)[(*n)++];
	memset(r, 0, sizeof *r);
	r->cells[0] = label;
	r->el[0] = THEME_LINK_NUMBER;
	r->cells[1] = xstrdup(url);
	r->el[1] = THEME_LINK;
	r->target = (long)l->n;
	l->url = xrealloc(l->url, (l->n + 1) * sizeof *l->url);
	l->url[l->n++] = xstrdup(url);
}

struct view *view_links_new(struct app *app, const char *title, const char *url,
			    const struct render_doc *doc)
{
	struct links *l = xcalloc(1, sizeof *l);
	struct menu_row *rows = NULL;
	size_t n = 0, cap = 0;
	if (url && *url)
		add_row(&rows, &n, &cap, l, xstrdup("page"), url);
	for (size_t k = 1; k <= render_link_count(doc); k++) {
		char num[24];
		snprintf(num, sizeof num, "[%zu]", k);
		add_row(&rows, &n, &cap, l, xstrdup(num), render_link_url(doc, k));
	}
	struct buf t = BUF_INIT;
	buf_addf(&t, "Links of %s", title);
	struct menu_spec spec = {
		.name = "links", .keys = VIEW_LINKS, .title = t.data,
		.empty = "This article has no address and no links",
		.width = { 6, 0 }, .ctx = l, .act = links_act, .free_ctx = links_free,
	};
	struct view *v = view_menu_new(app, &spec, rows, n, -1);
	buf_free(&t);
	return v;
}
