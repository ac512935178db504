/* view_search.c: archive-wide search results: two rows a result (date and
 * title, then a snippet with the matches highlighted), ranked by relevance
 * or by date; Enter opens the article at its first match. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "search.h"
#include "text.h"
#include "ui.h"
#include "view_pos.h"

#define SEARCH_LIMIT 500

struct search_view {
	struct view v;
	char *query;
	struct query *q;
	enum search_order order;
	struct search_results res;
	struct view_pos pos;	/* over the results */
	int height;		/* the title's row and the results' */
};

static struct search_view *sv_of(struct view *v)
{
	return (struct search_view *)v;
}

static void run(struct search_view *sv)
{
	struct diag d = DIAG_INIT;
	search_results_free(&sv->res);
	memset(&sv->res, 0, sizeof sv->res);
	search_run(sv->v.app->ses.cache, sv->q, sv->v.app->ses.state, sv->order, SEARCH_LIMIT, &sv->res, &d);
	if (d.n)
		ui_message(true, "%s", d.msg[0]);
	diag_free(&d);
	sv->pos = (struct view_pos){ .n = sv->res.n, .sel = sv->res.n ? 0 : -1 };
}

/* Results on screen: two rows each, under the title. */
static size_t screen_rows(const struct search_view *sv)
{
	return sv->height > 2 ? (size_t)(sv->height - 1) / 2 : 1;
}

static void keep_visible(struct search_view *sv)
{
	view_pos_show(&sv->pos, screen_rows(sv));
}

static void draw_snippet(const struct search_hit *h, int y, int cols)
{
	struct ui_mark marks[16];
	size_t n = h->nhl < 16 ? h->nhl : 16;
	for (size_t k = 0; k < n; k++)
		marks[k] = (struct ui_mark){ h->hl[k].off, h->hl[k].len, THEME_SEARCH_MATCH };
	struct render_line l = { .text = h->snippet, .len = (uint32_t)strlen(h->snippet),
				 .block = RB_TEXT };
	ui_fill(y, 0, 4, THEME_NORMAL);
	ui_render_line(y, 4, cols - 4, &l, marks, n);
}

static void draw_result(struct search_view *sv, long i, int y, int cols)
{
	const struct search_hit *h = &sv->res.hit[i];
	bool sel = i == sv->pos.sel;
	enum theme_element row = sel ? THEME_LIST_SELECTED : THEME_LIST_ROW;
	ui_fill(y, 0, cols, row);
	ui_cell(y, 1, 11, *h->date ? h->date : "undated", sel ? row : THEME_LIST_DATE);
	ui_cell(y, 12, cols - 12, h->title, sel ? row : THEME_RELATED_TITLE);
	draw_snippet(h, y + 1, cols);
}

static void sv_draw(struct view *v, int rows, int cols)
{
	struct search_view *sv = sv_of(v);
	sv->height = rows;
	keep_visible(sv);
	struct buf t = BUF_INIT;
	buf_addf(&t, "Search: %s - %zu article%s, by %s", sv->query, sv->res.total,
		 sv->res.total == 1 ? "" : "s", sv->order == SEARCH_BY_DATE ? "date" : "relevance");
	ui_fill(0, 0, cols, THEME_TITLE);
	ui_text(0, 1, cols - 1, t.data, t.len, THEME_TITLE);
	buf_free(&t);
	if (!sv->res.n) {
		const char *m = "Nothing found. Words must all match; \"a phrase\", -word, "
				"source:, date:2023-09, entity:, type:PER narrow it.";
		ui_text(2, 2, cols - 2, m, strlen(m), THEME_NORMAL);
		return;
	}
	for (int y = 1; y + 1 < rows; y += 2) {
		long i = (long)sv->pos.top + (y - 1) / 2;
		if ((size_t)i >= sv->res.n)
			break;
		draw_result(sv, i, y, cols);
	}
}

/* The first word or phrase of the query, to find inside the article. */
static const char *find_text(const struct query *q)
{
	for (size_t i = 0; i < q->n; i++)
		if (!q->item[i].exclude &&
		    (q->item[i].kind == QUERY_WORD || q->item[i].kind == QUERY_PHRASE))
			return q->item[i].text;
	return NULL;
}

/* The first match of a hit when it is another form of the query's word
 * ("azioni" for "azione"): what n then finds in the article (malloc'd);
 * NULL when it is the word itself. */
static char *other_form(const char *word, const struct search_hit *h)
{
	if (!word || !h->nhl || strchr(word, ' '))
		return NULL;
	size_t n1, n2;
	char *a = text_fold(word, strlen(word), &n1, NULL);
	char *b = text_fold(h->snippet + h->hl[0].off, h->hl[0].len, &n2, NULL);
	bool same = n1 == n2 && memcmp(a, b, n1) == 0;
	free(a);
	free(b);
	return same ? NULL : xstrndup(h->snippet + h->hl[0].off, h->hl[0].len);
}

static void open_sel(struct search_view *sv)
{
	if (sv->pos.sel < 0)
		return;
	const struct search_hit *h = &sv->res.hit[sv->pos.sel];
	long art = h->art >= 0 ? h->art : store_find(sv->v.app->ses.store, h->id);
	if (art < 0) {
		ui_message(true, "%s is no longer in the archive", h->id);
		return;
	}
	const char *text = find_text(sv->q);
	char *word = other_form(text, h);
	ui_push(view_article_new_at(sv->v.app, (size_t)art, h->match_off,
				    word ? word : text));
	free(word);
}

static bool sv_action(struct view *v, enum keymap_action a)
{
	struct search_view *sv = sv_of(v);
	if (view_pos_move(&sv->pos, a, screen_rows(sv)))
		return true;
	switch (a) {
	case ACT_OPEN: open_sel(sv); break;
	case ACT_SORT:
		sv->order = sv->order == SEARCH_BY_RANK ? SEARCH_BY_DATE : SEARCH_BY_RANK;
		run(sv);
		break;
	case ACT_CLOSE: ui_back(); break;
	default: return false;
	}
	return true;
}

static void sv_status(struct view *v, struct buf *left, struct buf *right)
{
	struct search_view *sv = sv_of(v);
	buf_addf(left, "search  %ld/%zu", sv->pos.sel + 1, sv->res.n);
	if (sv->res.total > sv->res.n)
		buf_addf(left, " (first %zu of %zu)", sv->res.n, sv->res.total);
	buf_adds(right, "Enter open  o order  h back");
}

static void sv_click(struct view *v, int y, int x, bool twice)
{
	struct search_view *sv = sv_of(v);
	(void)x;
	long i = (long)sv->pos.top + (y - 1) / 2;
	if (y < 1 || i < 0 || (size_t)i >= sv->res.n)
		return;
	sv->pos.sel = i;
	if (twice)
		open_sel(sv);
}

static void sv_free(struct view *v)
{
	struct search_view *sv = sv_of(v);
	search_results_free(&sv->res);
	query_free(sv->q);
	free(sv->query);
	free(sv);
}

static const struct view_ops search_ops = {
	.name = "search",
	.keys = VIEW_SEARCH,
	.draw = sv_draw,
	.action = sv_action,
	.status = sv_status,
	.click = sv_click,
	.free = sv_free,
};

struct view *view_search_new(struct app *app, const char *query)
{
	struct search_view *sv = xcalloc(1, sizeof *sv);
	sv->v.ops = &search_ops;
	sv->v.app = app;
	sv->query = xstrdup(query);
	struct diag d = DIAG_INIT;
	sv->q = query_parse(query, &d);
	if (d.n)
		ui_message(true, "%s", d.msg[0]);
	diag_free(&d);
	run(sv);
	return &sv->v;
}
