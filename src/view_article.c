/* view_article.c: the pager: a rendered article, scrolled like less, with
 * find-in-article; re-wraps on resize and keeps the reading position. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "text.h"
#include "ui.h"

struct match {
	size_t line, off, len;	/* in the rendered line's text */
};

struct article_view {
	struct view v;
	size_t art;
	struct article a;
	struct render_doc *doc;
	size_t width;		/* layout width */
	int height, cols;
	size_t top;		/* first line on screen */
	size_t anchor;		/* plain-text offset of the top line (for resize) */
	struct buf find;	/* the find text as typed */
	struct match *m;
	size_t nm, mcap, cur;	/* matches and the current one */
};

static struct article_view *av_of(struct view *v)
{
	return (struct article_view *)v;
}

static size_t max_top(const struct article_view *av)
{
	size_t n = render_line_count(av->doc), h = av->height > 0 ? (size_t)av->height : 1;
	return n > h ? n - h : 0;
}

static void set_top(struct article_view *av, long top)
{
	if (top < 0)
		top = 0;
	if ((size_t)top > max_top(av))
		top = (long)max_top(av);
	av->top = (size_t)top;
	av->anchor = render_plain_of_line(av->doc, av->top);
}

/* Collects every match of the folded needle in every line. A match cannot
 * span two lines: lines are searched one by one after folding. */
static void find_all(struct article_view *av, const char *needle, size_t nlen)
{
	av->nm = 0;
	size_t n = render_line_count(av->doc);
	for (size_t i = 0; nlen && i < n; i++) {
		const struct render_line *l = render_line_at(av->doc, i);
		size_t flen, *map;
		char *f = text_fold(l->text, l->len, &flen, &map);
		for (size_t at = 0; (at = text_find(f, flen, needle, nlen, at)) != (size_t)-1; at += nlen) {
			av->m = xgrow(av->m, &av->mcap, av->nm + 1, sizeof *av->m);
			av->m[av->nm++] = (struct match){ i, map[at], map[at + nlen] - map[at] };
		}
		free(f);
		free(map);
	}
}

static void refind(struct article_view *av)
{
	size_t nlen;
	char *needle = text_fold(buf_str(&av->find), av->find.len, &nlen, NULL);
	find_all(av, needle, nlen);
	free(needle);
}

static void layout(struct article_view *av, int cols)
{
	size_t w = av->v.app->reading_width;
	if (!w || w > (size_t)cols - 2)
		w = cols > 4 ? (size_t)cols - 2 : 8;
	av->width = w;
	render_layout(av->doc, w);
	av->top = render_line_of_plain(av->doc, av->anchor);
	if (av->top > max_top(av))
		av->top = max_top(av);
	if (av->find.len)
		refind(av);
}

static void show_match(struct article_view *av, size_t k)
{
	if (!av->nm)
		return;
	av->cur = k % av->nm;
	size_t line = av->m[av->cur].line, h = (size_t)(av->height > 0 ? av->height : 1);
	if (line < av->top || line >= av->top + h)
		set_top(av, (long)line - (long)h / 3);
}

/* First match at or after the top of the screen (less does the same). */
static size_t match_from_top(const struct article_view *av)
{
	for (size_t k = 0; k < av->nm; k++)
		if (av->m[k].line >= av->top)
			return k;
	return 0;
}

static void on_find_change(struct view *v, const char *text)
{
	struct article_view *av = av_of(v);
	(void)text;
	refind(av);
	if (av->nm)
		show_match(av, match_from_top(av));
}

static void av_draw(struct view *v, int rows, int cols)
{
	struct article_view *av = av_of(v);
	if (cols != av->cols || rows != av->height) {
		av->height = rows;
		av->cols = cols;
		layout(av, cols);
	}
	int x0 = cols > (int)av->width ? (cols - (int)av->width) / 2 : 0;
	size_t k = 0;
	for (int y = 0; y < rows; y++) {
		size_t i = av->top + (size_t)y;
		if (i >= render_line_count(av->doc)) {
			ui_fill(y, 0, cols, THEME_NORMAL);
			continue;
		}
		struct ui_mark marks[16];
		size_t nmarks = 0;
		while (k < av->nm && av->m[k].line < i)
			k++;
		for (size_t j = k; j < av->nm && av->m[j].line == i && nmarks < 16; j++)
			marks[nmarks++] = (struct ui_mark){ av->m[j].off, av->m[j].len,
				j == av->cur ? THEME_ENTITY_CURSOR : THEME_SEARCH_MATCH };
		ui_fill(y, 0, x0, THEME_NORMAL);
		ui_render_line(y, x0, cols - x0, render_line_at(av->doc, i), marks, nmarks);
	}
}

static void find_step(struct article_view *av, int dir)
{
	if (!av->find.len) {
		ui_message(false, "No find text (press / first)");
		return;
	}
	if (!av->nm) {
		ui_message(true, "Not found: %s", av->find.data);
		return;
	}
	show_match(av, dir > 0 ? av->cur + 1 : av->cur + av->nm - 1);
}

static bool av_action(struct view *v, enum keymap_action a)
{
	struct article_view *av = av_of(v);
	long page = av->height > 2 ? av->height - 2 : 1;
	switch (a) {
	case ACT_DOWN: set_top(av, (long)av->top + 1); break;
	case ACT_UP: set_top(av, (long)av->top - 1); break;
	case ACT_PAGE_DOWN: set_top(av, (long)av->top + page); break;
	case ACT_PAGE_UP: set_top(av, (long)av->top - page); break;
	case ACT_HALF_DOWN: set_top(av, (long)av->top + av->height / 2); break;
	case ACT_HALF_UP: set_top(av, (long)av->top - av->height / 2); break;
	case ACT_TOP: set_top(av, 0); break;
	case ACT_BOTTOM: set_top(av, (long)max_top(av)); break;
	case ACT_FIND: {
		struct buf old = BUF_INIT;
		buf_add(&old, buf_str(&av->find), av->find.len);
		buf_reset(&av->find);
		if (!ui_prompt("Find: ", &av->find, on_find_change, v)) {
			buf_reset(&av->find);
			av->nm = 0;
		} else if (av->find.len && !av->nm) {
			ui_message(true, "Not found: %s", av->find.data);
		}
		buf_free(&old);
		break;
	}
	case ACT_FIND_NEXT: find_step(av, 1); break;
	case ACT_FIND_PREV: find_step(av, -1); break;
	case ACT_CLEAR: buf_reset(&av->find); av->nm = 0; break;
	case ACT_CLOSE:
		view_list_select(v->app->list, (long)av->art);
		return false;	/* the generic close goes back to the list */
	default:
		return false;
	}
	return true;
}

static void av_status(struct view *v, struct buf *left, struct buf *right)
{
	struct article_view *av = av_of(v);
	buf_adds(left, av->a.title);
	size_t n = render_line_count(av->doc), h = (size_t)(av->height > 0 ? av->height : 1);
	size_t last = av->top + h < n ? av->top + h : n;
	if (av->find.len)
		buf_addf(right, "%s %zu/%zu  ", av->find.data, av->nm ? av->cur + 1 : 0, av->nm);
	buf_addf(right, "%zu-%zu/%zu %s", n ? av->top + 1 : 0, last, n,
		 last >= n ? "(END)" : "");
	if (last < n)
		buf_addf(right, "%zu%%", n ? last * 100 / n : 100);
}

static void av_resize(struct view *v, int rows, int cols)
{
	struct article_view *av = av_of(v);
	av->height = rows;
	av->cols = cols;
	layout(av, cols);
}

static void av_enter(struct view *v)
{
	view_list_select(v->app->list, (long)av_of(v)->art);
}

static void av_free(struct view *v)
{
	struct article_view *av = av_of(v);
	render_free(av->doc);
	article_free(&av->a);
	buf_free(&av->find);
	free(av->m);
	free(av);
}

static const struct view_ops article_ops = {
	.name = "article",
	.keys = VIEW_ARTICLE,
	.draw = av_draw,
	.action = av_action,
	.status = av_status,
	.resize = av_resize,
	.enter = av_enter,
	.free = av_free,
};

struct view *view_article_new(struct app *app, size_t art)
{
	struct article_view *av = xcalloc(1, sizeof *av);
	av->v.ops = &article_ops;
	av->v.app = app;
	av->art = art;
	struct diag d = DIAG_INIT;
	if (store_load_body(&app->store, art, &av->a, &d) != 0) {
		/* the file changed or vanished since the list was made */
		av->a.title = xstrdup(app->store.art[art].title);
		av->a.body = xstrdup("");
	}
	if (d.n)
		ui_message(true, "%s", d.msg[0]);
	diag_free(&d);
	av->doc = render_blocks(av->a.body ? av->a.body : "", av->a.body_len,
				av->a.title, av->a.date, av->a.source);
	view_list_select(app->list, (long)art);
	return &av->v;
}
