/* view_article.c: the pager: a rendered article, scrolled like less, with
 * find-in-article; re-wraps on resize and keeps the reading position. */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "menu.h"
#include "text.h"
#include "ui.h"
#include "view_pos.h"

#define RELATED_SHOWN 5	/* rows of the related panel */

struct match {
	size_t line, off, len;	/* in the rendered line's text */
};

#define NO_ART ((size_t)-1)	/* the article left the folder */

struct article_view {
	struct view v;
	size_t art;		/* in the session's store, or NO_ART */
	char *id;		/* finds it again in a new store */
	unsigned long gen;	/* the session generation art and hit are of */
	struct article a;
	struct render_doc *doc;
	size_t width;		/* layout width */
	int height, cols;
	struct view_pos pos;	/* a pager over the laid-out lines */
	size_t anchor;		/* plain-text offset of the top line (for resize) */
	struct buf find;	/* the find text as typed */
	struct match *m;
	size_t nm, mcap, cur;	/* matches and the current one */
	bool pending_find;	/* find once laid out (opened from a search) */
	struct entity_doc ents;	/* the article's entities and mentions */
	long cursor;		/* mention under the entity cursor, or -1 */
	struct related_hit hit[9];	/* point into the archive of gen */
	size_t nhit;
};

static struct article_view *av_of(struct view *v)
{
	return (struct article_view *)v;
}

static void sync(struct article_view *av);

/* Rows of the related panel (title and one a story), 0 when hidden. */
static int panel_rows(const struct article_view *av)
{
	if (!av->v.app->related_open)
		return 0;
	int want = 1 + (int)(av->nhit ? (av->nhit < RELATED_SHOWN ? av->nhit : RELATED_SHOWN) : 1);
	return want < av->height / 2 ? want : av->height / 2;
}

static size_t body_rows(const struct article_view *av)
{
	int h = av->height - panel_rows(av);
	return h > 0 ? (size_t)h : 1;
}

/* The reading position follows the top line: kept across a resize (which
 * lays the lines out again) and saved for the next visit. */
static void keep_position(struct article_view *av)
{
	av->anchor = render_plain_of_line(av->doc, av->pos.top);
	state_set_position(av->v.app->ses.state, av->id, av->anchor);
}

static void set_top(struct article_view *av, long top)
{
	view_pos_scroll_to(&av->pos, top, body_rows(av));
	keep_position(av);
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

/* First match at or after the top of the screen (less does the same). */
static size_t match_from_top(const struct article_view *av)
{
	for (size_t k = 0; k < av->nm; k++)
		if (av->m[k].line >= av->pos.top)
			return k;
	return 0;
}

static void show_match(struct article_view *av, size_t k)
{
	if (!av->nm)
		return;
	av->cur = k % av->nm;
	size_t line = av->m[av->cur].line, h = body_rows(av);
	if (line < av->pos.top || line >= av->pos.top + h)
		set_top(av, (long)line - (long)h / 3);
}

static void layout(struct article_view *av, int cols)
{
	size_t w = av->v.app->reading_width;
	if (!w || w > (size_t)cols - 2)
		w = cols > 4 ? (size_t)cols - 2 : 8;
	av->width = w;
	render_layout(av->doc, w);
	av->pos.n = render_line_count(av->doc);
	view_pos_scroll_to(&av->pos, (long)render_line_of_plain(av->doc, av->anchor),
			   body_rows(av));
	if (av->find.len)
		refind(av);
	if (av->pending_find && av->nm) {
		av->pending_find = false;
		show_match(av, match_from_top(av));
	}
}


static void on_find_change(struct view *v, const char *text)
{
	struct article_view *av = av_of(v);
	(void)text;
	refind(av);
	if (av->nm)
		show_match(av, match_from_top(av));
}

/* Adds to marks the part of the cursor mention that lies on line i. */
static size_t cursor_mark(const struct article_view *av, size_t i,
			  struct ui_mark *mark)
{
	if (av->cursor < 0)
		return 0;
	const struct entity_mention *m = &av->ents.m[av->cursor];
	const struct render_line *l = render_line_at(av->doc, i);
	size_t pre = render_line_prefix_len(l);
	size_t p = render_plain_of_line(av->doc, i), e = p + (l->len - pre);
	if (l->block == RB_TITLE || l->block == RB_META || m->off + m->len <= p || m->off >= e)
		return 0;
	size_t from = m->off > p ? m->off : p, to = m->off + m->len < e ? m->off + m->len : e;
	/* lines without body text (rules, underlines) share the offset of the
	 * text before them: only a line that shows these very bytes is marked */
	size_t plen;
	const char *plain = render_plain_text(av->doc, &plen);
	if (to > plen || memcmp(l->text + pre + (from - p), plain + from, to - from) != 0)
		return 0;
	*mark = (struct ui_mark){ pre + from - p, to - from, THEME_ENTITY_CURSOR };
	return 1;
}

static void draw_body(struct article_view *av, int rows, int cols, int x0)
{
	size_t k = 0;
	for (int y = 0; y < rows; y++) {
		size_t i = av->pos.top + (size_t)y;
		if (i >= render_line_count(av->doc)) {
			ui_fill(y, 0, cols, THEME_NORMAL);
			continue;
		}
		struct ui_mark marks[17];
		size_t nmarks = 0;
		while (k < av->nm && av->m[k].line < i)
			k++;
		for (size_t j = k; j < av->nm && av->m[j].line == i && nmarks < 16; j++)
			marks[nmarks++] = (struct ui_mark){ av->m[j].off, av->m[j].len,
				j == av->cur ? THEME_ENTITY_CURSOR : THEME_SEARCH_MATCH };
		nmarks += cursor_mark(av, i, &marks[nmarks]);
		ui_fill(y, 0, x0, THEME_NORMAL);
		ui_render_line(y, x0, cols - x0, render_line_at(av->doc, i), marks, nmarks);
	}
}

/* A score as a bar of eighths, 5 cells wide; 0.5 (a strong link in
 * practice: most related stories score 0.1-0.4) fills it. */
static void score_bar(double score, struct buf *b)
{
	static const char *const part[] = { "", "▏", "▎", "▍", "▌", "▋", "▊", "▉" };
	int e = (int)(score * 80 + 0.5);
	if (e < 1)
		e = 1;
	if (e > 40)
		e = 40;
	for (int i = 0; i < e / 8; i++)
		buf_adds(b, "█");
	buf_adds(b, part[e % 8]);
}

/* Why hit k is related: "· " and its shared entities, or else its shared
 * words. */
static void related_reasons_text(struct article_view *av, size_t k, struct buf *b)
{
	const struct related_hit *h = &av->hit[k];
	for (size_t e = 0; e < h->nent; e++) {
		long id = archive_entity_find(av->v.app->ses.arc, h->shared_entities[e]);
		buf_addf(b, "%s%s", e ? ", " : "· ",
			 id >= 0 ? av->v.app->ses.arc->ent[id].name : h->shared_entities[e]);
	}
	for (size_t t = 0; t < h->nterm && !h->nent; t++)
		buf_addf(b, "%s%s", t ? ", " : "· ", h->shared_terms[t]);
}

/* The first related columns: number, score bar, date. */
#define RELATED_LEAD (3 + 6 + 11)

/* One row; its reasons, why, take the last ew columns (one column from
 * the edge), the same in every row so that they line up. */
static void draw_related_row(struct article_view *av, size_t k, int y, int cols,
			     const struct buf *why, int ew)
{
	const struct related_hit *h = &av->hit[k];
	const struct article *a = &av->v.app->ses.store->art[h->doc];
	struct buf b = BUF_INIT;
	ui_fill(y, 0, cols, THEME_RELATED);
	buf_addf(&b, "%2zu", k + 1);
	ui_cell(y, 0, 3, b.data, THEME_HELP_KEY);
	int x = 3;
	buf_reset(&b);
	score_bar(h->score, &b);
	ui_cell(y, x, 6, b.data, THEME_RELATED_SCORE);
	x += 6;
	ui_cell(y, x, 11, *a->date ? a->date : "undated", THEME_LIST_DATE);
	x += 11;
	ui_cell(y, x, cols - x - 1 - ew - (ew ? 1 : 0), a->title, THEME_RELATED_TITLE);
	if (ew)
		ui_cell(y, cols - ew - 1, ew, buf_str(why), THEME_RELATED);
	buf_free(&b);
}

static void draw_related(struct article_view *av, int y0, int rows, int cols)
{
	const char *t = av->nhit ? " Related stories (r hides, 1-9 open) "
				 : " No related stories in this archive (r hides) ";
	ui_fill(y0, 0, cols, THEME_BORDER);
	int x = ui_text(y0, 0, cols, "──", strlen("──"), THEME_BORDER);
	x += ui_text(y0, x, cols - x, t, strlen(t), THEME_RELATED_TITLE);
	for (; x < cols; x++)
		ui_text(y0, x, 1, "─", strlen("─"), THEME_BORDER);
	size_t shown = (size_t)(rows > 1 ? rows - 1 : 0);
	shown = shown < av->nhit ? shown : av->nhit;
	/* the reasons' column: as wide as the widest shown, at most a third
	 * of what follows the date */
	struct buf why[sizeof av->hit / sizeof *av->hit];
	int most = (cols - RELATED_LEAD - 1) / 3, ew = 0;
	for (size_t r = 0; r < shown; r++) {
		buf_init(&why[r]);
		related_reasons_text(av, r, &why[r]);
		int w = (int)text_width(buf_str(&why[r]), why[r].len);
		ew = w > ew ? w : ew;
	}
	ew = ew < most ? ew : most > 0 ? most : 0;
	for (size_t r = 0; r < shown; r++) {
		draw_related_row(av, r, y0 + 1 + (int)r, cols, &why[r], ew);
		buf_free(&why[r]);
	}
}

static void av_draw(struct view *v, int rows, int cols)
{
	struct article_view *av = av_of(v);
	sync(av);
	if (cols != av->cols || rows != av->height) {
		av->height = rows;
		av->cols = cols;
		layout(av, cols);
	}
	int x0 = cols > (int)av->width ? (cols - (int)av->width) / 2 : 0;
	int pr = panel_rows(av);
	draw_body(av, rows - pr, cols, x0);
	if (pr)
		draw_related(av, rows - pr, pr, cols);
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

/* Moves the entity cursor to the next (dir 1) or previous mention, starting
 * from the screen's top when the cursor is not on screen. */
static void move_cursor(struct article_view *av, int dir)
{
	size_t n = av->ents.nm;
	if (!n) {
		ui_message(false, "No entities in this article");
		return;
	}
	size_t top_off = render_plain_of_line(av->doc, av->pos.top);
	size_t bottom = av->pos.top + body_rows(av);
	bool visible = false;
	if (av->cursor >= 0) {
		size_t line = render_line_of_plain(av->doc, av->ents.m[av->cursor].off);
		visible = line >= av->pos.top && line < bottom;
	}
	long c;
	if (visible) {
		c = (av->cursor + dir + (long)n) % (long)n;
	} else {
		for (c = 0; (size_t)c < n && av->ents.m[c].off < top_off; c++)
			;
		if (dir < 0)
			c--;
		c = (c + (long)n) % (long)n;
	}
	av->cursor = c;
	size_t line = render_line_of_plain(av->doc, av->ents.m[c].off);
	if (line < av->pos.top || line >= bottom)
		set_top(av, (long)line - (long)body_rows(av) / 3);
	const struct entity_ref *e = &av->ents.ent[av->ents.m[c].entity];
	ui_message(false, "%s (%s) - Enter lists the articles that mention it",
		   e->name, entity_type_name(e->type));
}

static void open_cursor(struct article_view *av)
{
	if (av->cursor < 0) {
		ui_message(false, "Tab moves to an entity; Enter then lists its articles");
		return;
	}
	const struct entity_ref *e = &av->ents.ent[av->ents.m[av->cursor].entity];
	long id = archive_entity_find(av->v.app->ses.arc, e->key);
	if (id >= 0)
		ui_push(view_mentions_new(av->v.app, (size_t)id));
}

static void open_related(struct article_view *av, size_t k)
{
	if (k >= av->nhit) {
		ui_message(false, "No related story %zu", k + 1);
		return;
	}
	ui_push(view_article_new(av->v.app, av->hit[k].doc));
}

/* Opens the next (dir 1) or previous article of this article's thread. */
static void thread_step(struct article_view *av, int dir)
{
	const struct archive *arc = av->v.app->ses.arc;
	if (av->art == NO_ART)
		return;
	size_t n = av->v.app->ses.store->n, *m = xcalloc(n + 1, sizeof *m);
	size_t nm = archive_thread_members(arc, archive_thread_of(arc, av->art), m, n);
	size_t at = 0;
	while (at < nm && m[at] != av->art)
		at++;
	long to = (long)at + dir;
	if (nm < 2)
		ui_message(false, "This article is a thread of its own");
	else if (to < 0 || (size_t)to >= nm)
		ui_message(false, "%s of the thread (%zu articles)", dir > 0 ? "End" : "Start", nm);
	else
		ui_push(view_article_new(av->v.app, m[to]));
	free(m);
}

/* Find in the article, and q, which leaves the article selected in the
 * list. */
static bool find_action(struct article_view *av, enum keymap_action a)
{
	struct view *v = &av->v;
	switch (a) {
	case ACT_FIND:
		buf_reset(&av->find);
		if (!ui_prompt("Find: ", &av->find, on_find_change, v)) {
			buf_reset(&av->find);
			av->nm = 0;
		} else if (av->find.len && !av->nm) {
			ui_message(true, "Not found: %s", av->find.data);
		}
		break;
	case ACT_FIND_NEXT: find_step(av, 1); break;
	case ACT_FIND_PREV: find_step(av, -1); break;
	case ACT_CLEAR: buf_reset(&av->find); av->nm = 0; break;
	case ACT_CLOSE:
		if (av->art != NO_ART)
			view_list_select(v->app->list, (long)av->art);
		return false;	/* the generic close goes back to the list */
	default:
		return false;
	}
	return true;
}

/* The article's address: as loaded, else as listed. */
static const char *article_url(const struct article_view *av)
{
	const char *url = av->a.url;
	if (url && *url)
		return url;
	return av->art == NO_ART ? "" : av->v.app->ses.store->art[av->art].url;
}

static bool at_end(const struct article_view *av)
{
	return av->pos.top + body_rows(av) >= render_line_count(av->doc);
}

/* J, K, u, p, and Space at the end: the next (dir 1) or previous article
 * of the list as it is shown, or the next unread one; with notice the
 * status line names it. */
static void open_step(struct article_view *av, int dir, bool unread, bool notice)
{
	struct app *app = av->v.app;
	long next = view_list_step(app->list, av->art, dir, unread);
	if (next < 0) {
		ui_message(false, "%s", unread ? "No more unread articles"
				  : dir > 0 ? "Last article of the list"
				  : "First article of the list");
		return;
	}
	ui_push(view_article_new(app, (size_t)next));
	if (notice)
		ui_message(false, "Next unread: %s", app->ses.store->art[next].title);
}

/* The actions that need the article in the archive (its entities, thread
 * and related stories). */
static bool archive_action(struct article_view *av, enum keymap_action a)
{
	struct view *v = &av->v;
	if (av->art == NO_ART) {
		ui_message(true, "This article is no longer in the folder");
		return true;
	}
	if (a >= ACT_OPEN_RELATED_1 && a <= ACT_OPEN_RELATED_9) {
		open_related(av, (size_t)(a - ACT_OPEN_RELATED_1));
		return true;
	}
	switch (a) {
	case ACT_ENTITIES: ui_push(view_entities_new(v->app, av->art)); return true;
	case ACT_THREAD_NEXT: thread_step(av, 1); return true;
	case ACT_THREAD_PREV: thread_step(av, -1); return true;
	case ACT_THREAD: ui_push(view_thread_new(v->app, av->art)); return true;
	default: return false;
	}
}

static bool av_action(struct view *v, enum keymap_action a)
{
	struct article_view *av = av_of(v);
	sync(av);
	if (a == ACT_PAGE_DOWN && at_end(av)) {	/* Space at (END): read on */
		open_step(av, 1, true, true);
		return true;
	}
	if (view_pos_move(&av->pos, a, body_rows(av))) {
		keep_position(av);
		return true;
	}
	switch (a) {
	case ACT_NEXT_MENTION: move_cursor(av, 1); return true;
	case ACT_PREV_MENTION: move_cursor(av, -1); return true;
	case ACT_OPEN: open_cursor(av); return true;
	case ACT_RELATED:
		app_set_related(v->app, !v->app->related_open);
		set_top(av, (long)av->pos.top);
		return true;
	case ACT_NEXT_ARTICLE: open_step(av, 1, false, false); return true;
	case ACT_PREV_ARTICLE: open_step(av, -1, false, false); return true;
	case ACT_NEXT_UNREAD: open_step(av, 1, true, false); return true;
	case ACT_PREV_UNREAD: open_step(av, -1, true, false); return true;
	case ACT_FLAG:
		app_toggle_mark(v->app, av->id, SESSION_FLAGGED);
		return true;
	case ACT_OPEN_URL: app_open_url(v->app, article_url(av)); return true;
	case ACT_COPY_URL: app_copy_url(v->app, article_url(av)); return true;
	case ACT_LINKS:
		ui_push(view_links_new(v->app, av->a.title, article_url(av), av->doc));
		return true;
	case ACT_ENTITIES: case ACT_THREAD_NEXT: case ACT_THREAD_PREV: case ACT_THREAD:
		return archive_action(av, a);
	default:
		if (a >= ACT_OPEN_RELATED_1 && a <= ACT_OPEN_RELATED_9)
			return archive_action(av, a);
		return find_action(av, a);
	}
}

static void av_status(struct view *v, struct buf *left, struct buf *right)
{
	struct article_view *av = av_of(v);
	sync(av);
	buf_adds(left, av->a.title);
	size_t n = render_line_count(av->doc), h = body_rows(av);
	size_t last = av->pos.top + h < n ? av->pos.top + h : n;
	if (av->find.len)
		buf_addf(right, "%s %zu/%zu  ", av->find.data, av->nm ? av->cur + 1 : 0, av->nm);
	buf_addf(right, "%zu-%zu/%zu %s", n ? av->pos.top + 1 : 0, last, n,
		 last >= n ? "(END)" : "");
	if (last < n)
		buf_addf(right, "%zu%%", n ? last * 100 / n : 100);
}

static void av_resize(struct view *v, int rows, int cols)
{
	struct article_view *av = av_of(v);
	sync(av);
	/* coming back through history at the same size keeps the exact line */
	if (rows == av->height && cols == av->cols && render_line_count(av->doc))
		return;
	av->height = rows;
	av->cols = cols;
	layout(av, cols);
}

static void av_enter(struct view *v)
{
	struct article_view *av = av_of(v);
	sync(av);
	if (av->art != NO_ART)
		view_list_select(v->app->list, (long)av->art);
}

static void av_free(struct view *v)
{
	struct article_view *av = av_of(v);
	state_set_position(v->app->ses.state, av->id, av->anchor);
	free(av->id);
	render_free(av->doc);
	article_free(&av->a);
	buf_free(&av->find);
	free(av->m);
	entity_doc_free(&av->ents);
	free(av);
}

/* A click on a related story opens it. */
static void av_click(struct view *v, int y, int x, bool twice)
{
	struct article_view *av = av_of(v);
	sync(av);
	int pr = panel_rows(av), row = y - (av->height - pr) - 1;
	(void)x;
	(void)twice;
	if (pr && row >= 0 && (size_t)row < av->nhit)
		open_related(av, (size_t)row);
}

static const struct view_ops article_ops = {
	.click = av_click,
	.name = "article",
	.keys = VIEW_ARTICLE,
	.draw = av_draw,
	.action = av_action,
	.status = av_status,
	.resize = av_resize,
	.enter = av_enter,
	.free = av_free,
};

struct view *view_article_new_at(struct app *app, size_t art, size_t off,
				 const char *find)
{
	struct view *v = view_article_new(app, art);
	struct article_view *av = av_of(v);
	if (off != (size_t)-1)
		av->anchor = off;
	if (find && *find) {
		buf_adds(&av->find, find);
		av->pending_find = true;
	}
	return v;
}

/* Reads the article's file and lays it out: its text, entities and
 * related stories, from the session's archive as it is now. */
static void load(struct article_view *av)
{
	struct app *app = av->v.app;
	struct diag d = DIAG_INIT;
	article_free(&av->a);
	render_free(av->doc);
	entity_doc_free(&av->ents);
	memset(&av->ents, 0, sizeof av->ents);
	if (store_load_body(app->ses.store, av->art, &av->a, &d) != 0) {
		/* the file changed or vanished since the list was made */
		av->a.title = xstrdup(app->ses.store->art[av->art].title);
		av->a.body = xstrdup("");
	}
	if (d.n)
		ui_message(true, "%s", d.msg[0]);
	diag_free(&d);
	av->doc = archive_render(app->ses.arc, &av->a, &av->ents);
	/* under the date line, shortened in the middle to the width */
	render_add_url(av->doc, article_url(av), RENDER_URL_FIT);
	if (render_as_text(av->doc))
		ui_message(true, "%s.md: " RENDER_AS_TEXT " (shown as plain text)",
			   app->ses.store->art[av->art].id);
	av->cursor = -1;
	av->nhit = archive_related(app->ses.arc, av->art, av->hit, 9);
	av->gen = app->ses.generation;
}

/* The session took a new archive (a refresh, the live folder): the
 * related hits point into the old one, which is gone, and the file may
 * have changed. Finds the article again by id and reads it again, at the
 * same place; an article no longer in the folder stays as it was read,
 * without related stories. */
static void sync(struct article_view *av)
{
	struct app *app = av->v.app;
	if (av->gen == app->ses.generation)
		return;
	av->gen = app->ses.generation;
	av->nhit = 0;
	long art = store_find(app->ses.store, av->id);
	if (art < 0) {
		if (av->art != NO_ART)
			ui_message(true, "This article is no longer in the folder (its file is gone)");
		av->art = NO_ART;
		return;
	}
	av->art = (size_t)art;
	load(av);
	if (av->cols)	/* laid out before: again, at the same text */
		layout(av, av->cols);
}

struct view *view_article_new(struct app *app, size_t art)
{
	struct article_view *av = xcalloc(1, sizeof *av);
	av->v.ops = &article_ops;
	av->v.app = app;
	av->art = art;
	av->id = xstrdup(app->ses.store->art[av->art].id);
	av->pos = (struct view_pos){ .sel = -1, .pager = true };
	load(av);
	av->anchor = state_position(app->ses.state, av->id);	/* where the reader left it */
	app_mark(app, av->id, SESSION_READ, true);
	view_list_select(app->list, (long)art);
	return &av->v;
}
