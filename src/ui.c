/* ui.c: terminal set-up, the main loop, history, status line, prompts and
 * the drawing of styled text. The only module besides view_*.c that knows
 * curses. */
#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <signal.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "app.h"
#include "cli.h"
#include "config.h"
#include "launch.h"
#include "menu.h"
#include "out.h"
#include "text.h"
#include "ui.h"
#include "update.h"
#include "urls.h"
#include "datadir.h"

#define HISTORY_MAX 64
#define KEY_MOUSE_EVENT (FKEY_BASE + 0x200)	/* internal: not bindable */
/* A bracketed paste (the terminal's ESC[200~ TEXT ESC[201~): its start and
 * end, as keys of our own for curses (define_key) and for us. */
#define KEY_PASTE_BEGIN (FKEY_BASE + 0x201)
#define KEY_PASTE_END (FKEY_BASE + 0x202)
#define CURSES_PASTE_BEGIN (KEY_MAX + 1)
#define CURSES_PASTE_END (KEY_MAX + 2)
/* A paste whose end never comes ends after this long without input. */
#define PASTE_WAIT_MS 1000
#define MIN_COLS 20
#define MIN_ROWS 5

/* The UI's global state: one terminal, one session. */
static struct {
	struct app app;
	struct view *hist[HISTORY_MAX];
	int nhist, cur;
	bool quit;
	struct keymap *km;
	struct theme theme;
	char theme_dir[4096];	/* the user's themes folder, "" if none */
	bool color;
	attr_t attr[THEME_COUNT];
	struct buf msg;
	bool msg_error;
	struct diag diag;	/* problems found at start (config, archive, theme) */
	struct update_job *fetch;	/* the fetch key's downloads, or NULL */
	bool reload_asked;	/* the reload key: say so when nothing changed */
	bool fetch_reload;	/* a reload after a fetch: its message says it */
} ui;

/* ---- colours ---- */

/* Direct-colour terminals (TERM=xterm-direct and the like) take #rrggbb as
 * it is; the others get the nearest of their palette. */
static bool direct_color(void)
{
	return COLORS >= 0x1000000 || tigetflag("RGB") > 0;
}

static int pair_for(struct theme_color fg, struct theme_color bg)
{
	bool direct = direct_color();
	int f = direct ? theme_color_direct(fg) : theme_color_for(fg, COLORS);
	int b = direct ? theme_color_direct(bg) : theme_color_for(bg, COLORS);
	if (f < 0 && b < 0)
		return 0;
	int p = alloc_pair(f, b);
	return p < 0 ? 0 : p;
}

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
	return r;
}

static void apply_theme(void)
{
	for (int e = 0; e < THEME_COUNT; e++) {
		const struct theme_style *s = theme_style(&ui.theme, e);
		attr_t a = attrs_of(s->attrs);
		if (ui.color)
			a |= COLOR_PAIR(pair_for(s->fg, s->bg));
		ui.attr[e] = a;
	}
	bkgdset(' ' | ui.attr[THEME_NORMAL]);
}

/* Puts top over a: its attributes add, and its colour replaces a's unless
 * it is just the normal text colour inherited by the element. */
static attr_t attr_over(attr_t a, attr_t top)
{
	attr_t c = top & A_COLOR;
	if (c && c != (ui.attr[THEME_NORMAL] & A_COLOR))
		a = (a & ~A_COLOR) | c;
	return a | (top & ~A_COLOR);
}

/* The attribute of a span: the line's element, then inline styles on top;
 * an entity's colour wins over the text's, a match over everything. */
static attr_t span_attr(enum theme_element base, const struct render_span *sp)
{
	static const struct { unsigned flag; enum theme_element el; } map[] = {
		{ RF_EMPH, THEME_EMPHASIS }, { RF_STRONG, THEME_STRONG },
		{ RF_CODE, THEME_CODE }, { RF_LINK, THEME_LINK },
		{ RF_LINKNUM, THEME_LINK_NUMBER }, { RF_IMAGE, THEME_IMAGE },
		{ RF_MARKER, THEME_LIST_MARKER } };
	static const enum theme_element ent_el[] = {
		THEME_NORMAL, THEME_ENTITY_PER, THEME_ENTITY_LOC,
		THEME_ENTITY_ORG, THEME_ENTITY_MISC };
	attr_t a = ui.attr[base];
	if (!sp)
		return a;
	if (sp->flags & RF_MATCH)
		return ui.attr[THEME_SEARCH_MATCH];
	for (size_t i = 0; i < sizeof map / sizeof *map; i++)
		if (sp->flags & map[i].flag)
			a = attr_over(a, ui.attr[map[i].el]);
	if (sp->ent && sp->ent < sizeof ent_el / sizeof *ent_el)
		a = attr_over(a, ui.attr[ent_el[sp->ent]]);
	return a;
}

/* ---- drawing ---- */

void ui_fill(int y, int x, int cols, enum theme_element el)
{
	attrset(ui.attr[el]);
	for (int i = 0; i < cols; i++)
		mvaddch(y, x + i, ' ');
}

/* Draws one cluster at x with attribute a; returns its width. A zero-width
 * cluster (a lone combining mark) is drawn on a space so it shows. The
 * last guard of the terminal: text reaches here sanitised (ui_text and
 * ui_cell see to it, render.c sanitises what it lays out), and a cluster
 * that is not (a control, a bidi override, an invalid byte) is drawn as
 * U+FFFD, never sent. */
static int draw_cluster(int y, int x, const char *s, size_t n, attr_t a)
{
	if (!text_is_sanitized(s, n, false)) {
		s = "\xef\xbf\xbd";
		n = 3;
	}
	int w = text_grapheme_width(s, n);
	attrset(a);
	if (w == 0) {
		mvaddstr(y, x, " ");
		addnstr(s, (int)n);
		return 1;
	}
	mvaddnstr(y, x, s, (int)n);
	return w;
}

static int draw_text_attr(int y, int x, int cols, const char *s, size_t n, attr_t a)
{
	int used = 0;
	while (n) {
		size_t cl = text_grapheme_len(s, n);
		int w = text_grapheme_width(s, cl);
		if (w == 0)
			w = 1;
		if (used + w > cols)
			break;
		draw_cluster(y, x + used, s, cl, a);
		used += w;
		s += cl;
		n -= cl;
	}
	return used;
}

/* Text from anywhere (an entity name from the entities file, a title read
 * back from the cache, a message quoting a file name) is sanitised here,
 * as on the command line (text_sanitize: "^[" for ESC), before its widths
 * are measured; the usual sanitised text costs a scan and no copy. */
int ui_text(int y, int x, int cols, const char *s, size_t n, enum theme_element el)
{
	if (text_is_sanitized(s, n, false))
		return draw_text_attr(y, x, cols, s, n, ui.attr[el]);
	size_t len;
	char *clean = text_sanitize(s, n, false, &len);
	int used = draw_text_attr(y, x, cols, clean, len, ui.attr[el]);
	free(clean);
	return used;
}

void ui_cell(int y, int x, int cols, const char *s, enum theme_element el)
{
	if (cols <= 0)
		return;
	size_t n = strlen(s);
	char *clean = NULL;
	if (!text_is_sanitized(s, n, false))
		s = clean = text_sanitize(s, n, false, &n);
	char *tmp = xmalloc(n + (size_t)cols + 8);
	size_t len = text_pad(tmp, s, n, (size_t)cols);
	int used = ui_text(y, x, cols, tmp, len, el);
	if (used < cols)
		ui_fill(y, x + used, cols - used, el);
	free(tmp);
	free(clean);
}

void ui_render_line(int y, int x, int cols, const struct render_line *l,
		    const struct ui_mark *marks, size_t nmarks)
{
	static const enum theme_element block_el[RB_COUNT] = {
		[RB_TEXT] = THEME_NORMAL, [RB_TITLE] = THEME_TITLE,
		[RB_META] = THEME_HEADER, [RB_H1] = THEME_H1, [RB_H2] = THEME_H2,
		[RB_H3] = THEME_H3, [RB_H4] = THEME_H4, [RB_H5] = THEME_H5,
		[RB_H6] = THEME_H6, [RB_QUOTE] = THEME_QUOTE,
		[RB_CODE] = THEME_CODE_BLOCK, [RB_RULE] = THEME_RULE,
		[RB_LINKS] = THEME_LINK, [RB_BLANK] = THEME_NORMAL };
	enum theme_element base = l->block < RB_COUNT ? block_el[l->block] : THEME_NORMAL;
	int used = 0;
	size_t off = 0, si = 0;
	while (off < l->len && used < cols) {
		const struct render_span *sp = NULL;
		while (si < l->nspans && l->spans[si].off + l->spans[si].len <= off)
			si++;
		size_t end = l->len;
		if (si < l->nspans) {
			if (l->spans[si].off <= off) {
				sp = &l->spans[si];
				end = sp->off + sp->len;
			} else {
				end = l->spans[si].off;
			}
		}
		attr_t a = span_attr(base, sp);
		/* marks (matches, the entity cursor) split the run and win */
		for (size_t m = 0; m < nmarks; m++) {
			size_t mo = marks[m].off, me = mo + marks[m].len;
			if (me <= off || mo >= end)
				continue;
			if (mo > off) {
				end = mo;
			} else {
				if (me < end)
					end = me;
				a = ui.attr[marks[m].el];
			}
		}
		used += draw_text_attr(y, x + used, cols - used, l->text + off, end - off, a);
		off = end;
	}
	if (used < cols)
		ui_fill(y, x + used, cols - used, THEME_NORMAL);
}

/* ---- status line, messages ---- */

void ui_message(bool error, const char *fmt, ...)
{
	va_list ap;
	buf_reset(&ui.msg);
	va_start(ap, fmt);
	buf_vaddf(&ui.msg, fmt, ap);
	va_end(ap);
	ui.msg_error = error;
}

static void draw_status(struct view *v)
{
	int y = LINES - 1;
	struct buf left = BUF_INIT, right = BUF_INIT;
	if (ui.msg.len) {
		buf_add(&left, ui.msg.data, ui.msg.len);
	} else if (v->ops->status) {
		v->ops->status(v, &left, &right);
	}
	const char *stage;
	size_t done, total;
	if (ui.fetch) {
		update_job_progress(ui.fetch, &done, &total);
		buf_reset(&right);
		buf_addf(&right, "fetching %zu/%zu", done, total);
	} else if (session_progress(&ui.app.ses, &stage, &done, &total)) {
		buf_reset(&right);
		if (total)
			buf_addf(&right, "indexing: %s %zu/%zu", stage, done, total);
		else
			buf_addf(&right, "indexing: %s", stage);
	}
	enum theme_element el = ui.msg_error && ui.msg.len ? THEME_STATUS_ERROR : THEME_STATUS;
	ui_fill(y, 0, COLS, el);
	int rw = (int)text_width(buf_str(&right), right.len);
	if (rw > COLS / 2)
		rw = 0;
	ui_text(y, 1, COLS - rw - 3, buf_str(&left), left.len, el);
	if (rw)
		ui_text(y, COLS - rw - 1, rw, buf_str(&right), right.len, el);
	buf_free(&left);
	buf_free(&right);
}

static void draw(void)
{
	erase();
	if (COLS < MIN_COLS || LINES < MIN_ROWS) {
		/* the longest that fits whole: "window too smal" said less */
		char need[64];
		snprintf(need, sizeof need, "window too small (needs %dx%d)", MIN_COLS, MIN_ROWS);
		const char *say[] = { need, "window too small", "too small", "small", "!" };
		size_t i = 0;
		while (i + 1 < sizeof say / sizeof *say && (int)strlen(say[i]) > COLS)
			i++;
		ui_text(0, 0, COLS, say[i], strlen(say[i]), THEME_ERROR);
		refresh();
		return;
	}
	struct view *v = ui.hist[ui.cur];
	v->ops->draw(v, LINES - 1, COLS);
	draw_status(v);
	refresh();
}

/* ---- keys ---- */

static int read_key(void)
{
	wint_t c;
	int r = get_wch(&c);
	if (r == ERR)
		return -1;
	if (r == OK)
		return keymap_key_normalize((int)c);
	switch (c) {
	case KEY_UP: return FKEY_UP;
	case KEY_DOWN: return FKEY_DOWN;
	case KEY_LEFT: return FKEY_LEFT;
	case KEY_RIGHT: return FKEY_RIGHT;
	case KEY_PPAGE: return FKEY_PGUP;
	case KEY_NPAGE: return FKEY_PGDN;
	case KEY_HOME: return FKEY_HOME;
	case KEY_END: return FKEY_END;
	case KEY_ENTER: return FKEY_ENTER;
	case KEY_BTAB: return FKEY_BTAB;
	case KEY_BACKSPACE: return FKEY_BACKSPACE;
	case KEY_DC: return FKEY_DEL;
	case KEY_IC: return FKEY_INS;
	case KEY_RESIZE: return FKEY_RESIZE;
	case KEY_MOUSE: return KEY_MOUSE_EVENT;
	case CURSES_PASTE_BEGIN: return KEY_PASTE_BEGIN;
	case CURSES_PASTE_END: return KEY_PASTE_END;
	}
	if (c >= KEY_F(1) && c <= KEY_F(12))
		return FKEY_F(c - KEY_F0);
	return -1;
}

static void resize_all(void)
{
	for (int i = 0; i < ui.nhist; i++)
		if (ui.hist[i]->ops->resize)
			ui.hist[i]->ops->resize(ui.hist[i], LINES - 1, COLS);
}

/* Backspace: the last grapheme cluster goes whole (an accented letter
 * typed as two code points, a flag, a ZWJ emoji sequence). */
static void buf_chop_cluster(struct buf *b)
{
	if (!b->len)
		return;
	b->len -= text_last_grapheme_len(b->data, b->len);
	b->data[b->len] = '\0';
}

static int cluster_cols(const char *s, size_t n)
{
	int w = text_grapheme_width(s, n);
	return w ? w : 1;	/* a lone combining mark is drawn on a space */
}

/* Where the end of s[0..n) that fits in cols columns starts, on a cluster
 * boundary: two passes forward (clusters are only known going forward),
 * so that a long input costs its length, not its length squared. */
static size_t fit_tail(const char *s, size_t n, int cols)
{
	size_t width = 0, off = 0;
	for (size_t p = 0, cl; p < n; p += cl) {
		cl = text_grapheme_len(s + p, n - p);
		width += (size_t)cluster_cols(s + p, cl);
	}
	while (off < n && width > (size_t)(cols > 0 ? cols : 0)) {
		size_t cl = text_grapheme_len(s + off, n - off);
		width -= (size_t)cluster_cols(s + off, cl);
		off += cl;
	}
	return off;
}

static void draw_prompt(const char *label, const struct buf *text)
{
	int y = LINES - 1;
	ui_fill(y, 0, COLS, THEME_PROMPT);
	int x = ui_text(y, 0, COLS, label, strlen(label), THEME_PROMPT);
	/* show the end of a long input */
	size_t skip = fit_tail(buf_str(text), text->len, COLS - x - 2);
	x += ui_text(y, x, COLS - x, buf_str(text) + skip, text->len - skip, THEME_PROMPT);
	move(y, x < COLS ? x : COLS - 1);
	curs_set(1);
	refresh();
}

/* One key typed at a prompt: true when it changed the text. */
static bool prompt_edit(struct buf *out, int k)
{
	char u[4];
	size_t n;
	size_t before = out->len;
	if (k == FKEY_BACKSPACE || k == KEY_CTRL('h'))
		buf_chop_cluster(out);
	else if (k == KEY_CTRL('u'))
		buf_reset(out);
	else if (k >= 0x20 && k != 0x7f && (n = text_encode_char((unsigned long)k, u)))
		buf_add(out, u, n);
	return out->len != before;
}

/* The text of a bracketed paste, up to its end: one insertion, line ends
 * and tabs as spaces (a prompt is one line), other controls dropped.
 * out NULL drops the whole paste (no prompt is open). */
static bool read_paste(struct buf *out)
{
	bool changed = false;
	int k;
	timeout(PASTE_WAIT_MS);
	while ((k = read_key()) >= 0 && k != KEY_PASTE_END) {
		if (k == FKEY_ENTER || k == FKEY_TAB)
			k = ' ';
		if (out && k != FKEY_BACKSPACE && k != KEY_CTRL('h') && k != KEY_CTRL('u'))
			changed |= prompt_edit(out, k);
	}
	return changed;
}

bool ui_prompt(const char *label, struct buf *out,
	       void (*on_change)(struct view *v, const char *text),
	       struct view *v)
{
	for (;;) {
		draw();
		draw_prompt(label, out);
		timeout(-1);
		int k = read_key(), end = 0;
		bool changed = false;
		/* the keys already waiting (a paste without bracketed paste, fast
		 * typing) are one edit: one filter, one redraw */
		for (;;) {
			if (k == FKEY_ENTER || k == FKEY_ESC) {
				end = k;
				break;
			}
			if (k == FKEY_RESIZE)
				resize_all();
			else if (k == KEY_PASTE_BEGIN)
				changed |= read_paste(out);
			else
				changed |= prompt_edit(out, k);
			timeout(0);
			if ((k = read_key()) < 0)
				break;
		}
		timeout(-1);
		if (changed && on_change)
			on_change(v, buf_str(out));
		if (end) {
			curs_set(0);
			return end == FKEY_ENTER;
		}
	}
}

void ui_filter(struct view *v, struct buf *filter, bool prompt,
	       void (*apply)(struct view *v, const char *text))
{
	if (prompt && ui_prompt("Filter: ", filter, apply, v))
		return;
	buf_reset(filter);
	apply(v, "");
}

/* ---- history ---- */

static void free_view(struct view *v)
{
	if (v && v->ops->free)
		v->ops->free(v);
}

void ui_push(struct view *v)
{
	for (int i = ui.cur + 1; i < ui.nhist; i++)
		free_view(ui.hist[i]);
	ui.nhist = ui.nhist ? ui.cur + 1 : 0;
	if (ui.nhist == HISTORY_MAX) {
		/* drop the oldest entry after the list, which always stays */
		free_view(ui.hist[1]);
		memmove(&ui.hist[1], &ui.hist[2], (HISTORY_MAX - 2) * sizeof *ui.hist);
		ui.nhist--;
	}
	ui.hist[ui.nhist++] = v;
	ui.cur = ui.nhist - 1;
	if (v->ops->resize)
		v->ops->resize(v, LINES - 1, COLS);
}

static void entered(void)
{
	struct view *v = ui.hist[ui.cur];
	if (v->ops->resize)
		v->ops->resize(v, LINES - 1, COLS);
	if (v->ops->enter)
		v->ops->enter(v);
}

bool ui_back(void)
{
	if (ui.cur == 0)
		return false;
	ui.cur--;
	entered();
	return true;
}

bool ui_forward(void)
{
	if (ui.cur + 1 >= ui.nhist)
		return false;
	ui.cur++;
	entered();
	return true;
}

void ui_close_to_list(void)
{
	for (int i = 1; i < ui.nhist; i++)
		free_view(ui.hist[i]);
	ui.nhist = 1;
	ui.cur = 0;
	entered();
}

void ui_quit(void)
{
	ui.quit = true;
}

void ui_keys_text(enum keymap_view view, enum keymap_action a, struct buf *out)
{
	int keys[8];
	size_t n = keymap_keys_for(ui.km, view, a, keys, 8);
	for (size_t i = 0; i < n; i++) {
		char name[KEYMAP_KEY_NAME_MAX];
		if (!keymap_key_name(keys[i], name))
			continue;
		if (out->len)
			buf_addc(out, ' ');
		buf_adds(out, name);
	}
}

static void cycle_theme(void);
static void start_fetch(struct app *app);

/* Actions every view shares; a view's own handler runs first. */
static void generic_action(struct view *v, enum keymap_action a)
{
	switch (a) {
	case ACT_QUIT: ui_quit(); break;
	case ACT_BACK: if (!ui_back()) ui_message(false, "No earlier view"); break;
	case ACT_FORWARD: if (!ui_forward()) ui_message(false, "No later view"); break;
	case ACT_CLOSE: if (ui.cur) ui_close_to_list(); else ui_quit(); break;
	case ACT_HELP:
		ui_push(view_help_new(v->app, v->ops->keys, v->ops->name));
		break;
	case ACT_REDRAW: clearok(curscr, TRUE); break;
	case ACT_ENTITY_INDEX: ui_push(view_index_new(v->app)); break;
	case ACT_CYCLE_THEME: cycle_theme(); break;
	case ACT_FETCH: start_fetch(v->app); break;
	case ACT_RELOAD:
		session_reload(&v->app->ses);
		ui.reload_asked = true;
		ui_message(false, "Reading the folder again");
		break;
	case ACT_SEARCH: {
		struct buf q = BUF_INIT;
		if (ui_prompt("Search: ", &q, NULL, v) && q.len)
			ui_push(view_search_new(v->app, q.data));
		buf_free(&q);
		break;
	}
	case ACT_NONE: break;
	default:
		ui_message(false, "%s: not available in this view",
			   keymap_action_name(a));
	}
}

/* Wheel scrolls three lines; a click goes to the view. */
static void handle_mouse(void)
{
	MEVENT ev;
	if (getmouse(&ev) != OK)
		return;
	struct view *v = ui.hist[ui.cur];
	enum keymap_action a = ev.bstate & BUTTON4_PRESSED ? ACT_UP
			     : ev.bstate & BUTTON5_PRESSED ? ACT_DOWN : ACT_NONE;
	if (a != ACT_NONE) {
		for (int i = 0; i < 3; i++)
			if (v->ops->action)
				v->ops->action(v, a);
		return;
	}
	bool twice = ev.bstate & BUTTON1_DOUBLE_CLICKED;
	if ((twice || ev.bstate & BUTTON1_CLICKED) && v->ops->click && ev.y < LINES - 1)
		v->ops->click(v, ev.y, ev.x, twice);
}

static void handle_key(int k)
{
	struct view *v = ui.hist[ui.cur];
	if (k == KEY_MOUSE_EVENT) {
		handle_mouse();
		return;
	}
	if (k == KEY_PASTE_BEGIN) {	/* no prompt is open: not keystrokes */
		read_paste(NULL);
		ui_message(false, "Paste ignored: no prompt is open (/ or S first)");
		return;
	}
	enum keymap_action a = keymap_lookup(ui.km, v->ops->keys, k);
	if (a == ACT_NONE) {
		char name[KEYMAP_KEY_NAME_MAX];
		if (keymap_key_name(k, name))
			ui_message(false, "Key %s is not bound (? for help)", name);
		return;
	}
	if (!v->ops->action || !v->ops->action(v, a))
		generic_action(v, a);
}

/* ---- start and stop ---- */

static int check_terminal(void)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		out_error("not a terminal (for plain output use 'filo list' or 'filo show ID')");
		return 1;
	}
	const char *term = getenv("TERM");
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		out_error("this terminal (TERM=dumb or unset) cannot show the reader; "
			  "use 'filo list' and 'filo show ID', or set TERM");
		return 1;
	}
	const char *cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") != 0) {
		out_error("the locale's character set is %s, not UTF-8; "
			  "set a UTF-8 locale, e.g. LANG=C.UTF-8", cs);
		return 1;
	}
	return 0;
}

/* "dir/sub/file:3: msg" shown as "file:3: msg": the status line is short. */
static const char *short_message(const char *m)
{
	const char *colon = strchr(m, ':'), *slash = NULL;
	for (const char *p = m; colon && p < colon; p++)
		if (*p == '/')
			slash = p;
	return slash ? slash + 1 : m;
}

/* Loads a theme by name or path; colours stripped for NO_COLOR or
 * --color=never. Problems go to the status line. */
static void load_theme(const char *name)
{
	struct diag d = DIAG_INIT;
	theme_load(&ui.theme, name, ui.theme_dir[0] ? ui.theme_dir : NULL,
		   FILO_DATADIR "/themes", &d);
	if (!ui.color)
		theme_strip_colors(&ui.theme);
	diag_move(&ui.diag, &d);
}

static void choose_colors(const struct ui_options *opt)
{
	int mode = opt->color;
	if (mode == -2)
		mode = opt->cfg->color == CONFIG_COLOR_ALWAYS ? 1
		     : opt->cfg->color == CONFIG_COLOR_NEVER ? 0 : -1;
	const char *nc = getenv("NO_COLOR");
	bool want = mode == 1 || (mode == -1 && !(nc && *nc));
	ui.color = want && has_colors();
	struct buf dir = BUF_INIT;
	if (config_dir_default(&dir) == 0 && dir.len + 8 < sizeof ui.theme_dir)
		snprintf(ui.theme_dir, sizeof ui.theme_dir, "%s/themes", dir.data);
	buf_free(&dir);
}

/* T: the next built-in theme after the current one. */
static void cycle_theme(void)
{
	const char *names[32];
	size_t n = theme_list_builtin(names, 32), i = 0;
	if (n > 32)
		n = 32;
	while (i < n && strcmp(names[i], ui.theme.name) != 0)
		i++;
	const char *next = names[i < n ? (i + 1) % n : 0];
	size_t before = ui.diag.n;
	load_theme(next);
	apply_theme();
	if (ui.diag.n > before)
		ui_message(true, "%s", short_message(ui.diag.msg[before]));
	else
		ui_message(false, "Theme: %s%s", next, ui.color ? "" : " (colours off)");
}

/* ---- bracketed paste: on while the reader runs, off on suspend and exit
 * (a shell would otherwise see the markers around what is pasted) ---- */

static const char PASTE_ON[] = "\033[?2004h", PASTE_OFF[] = "\033[?2004l";
static struct sigaction tstp_prev;
static bool paste_mode;

static void tstp_handler(int sig)
{
	int saved = errno;
	(void)!write(STDOUT_FILENO, PASTE_OFF, sizeof PASTE_OFF - 1);
	if (!(tstp_prev.sa_flags & SA_SIGINFO) && tstp_prev.sa_handler != SIG_DFL &&
	    tstp_prev.sa_handler != SIG_IGN) {
		tstp_prev.sa_handler(sig);	/* curses' own: resets, stops, redraws */
	} else {
		struct sigaction self;
		sigaction(SIGTSTP, &tstp_prev, &self);
		sigset_t set;
		sigemptyset(&set);
		sigaddset(&set, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		raise(SIGTSTP);		/* stops here until SIGCONT */
		sigaction(SIGTSTP, &self, NULL);
	}
	(void)!write(STDOUT_FILENO, PASTE_ON, sizeof PASTE_ON - 1);
	errno = saved;
}

/* Only when curses knows the markers as keys: unknown, they would come as
 * Esc and keystrokes. */
static void paste_start(void)
{
	if (define_key("\033[200~", CURSES_PASTE_BEGIN) == ERR ||
	    define_key("\033[201~", CURSES_PASTE_END) == ERR)
		return;
	/* straight to the terminal: putp's stdio buffer would wait for exit */
	(void)!write(STDOUT_FILENO, PASTE_ON, sizeof PASTE_ON - 1);
	paste_mode = true;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = tstp_handler;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTSTP, &sa, &tstp_prev);
}

static void paste_stop(void)
{
	if (!paste_mode)
		return;
	sigaction(SIGTSTP, &tstp_prev, NULL);
	(void)!write(STDOUT_FILENO, PASTE_OFF, sizeof PASTE_OFF - 1);
	paste_mode = false;
}

static int start_curses(const struct ui_options *opt)
{
	if (!newterm(NULL, stdout, stdin)) {
		out_error("cannot start the terminal '%s'", getenv("TERM"));
		return 1;
	}
	set_escdelay(25);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	choose_colors(opt);
	load_theme(opt->theme ? opt->theme : opt->cfg->theme);
	apply_theme();
	if (opt->cfg->mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED
			  | BUTTON5_PRESSED, NULL);
	paste_start();
	return 0;
}

/* "3 new articles", "1 changed, 1 removed": what a refresh changed. */
static void announce(const struct cache_stats *st)
{
	struct buf b = BUF_INIT;
	size_t n[] = { st->added, st->changed, st->removed }, total = 0;
	const char *what[] = { "new", "changed", "removed" };
	for (int i = 0; i < 3; i++) {
		if (n[i])
			buf_addf(&b, "%s%zu %s", b.len ? ", " : "", n[i], what[i]);
		total += n[i];
	}
	if (total && total == st->added)
		buf_addf(&b, " article%s", total == 1 ? "" : "s");
	if (b.len)
		ui_message(false, "%s", b.data);
	buf_free(&b);
}

/* Takes what the background refresh has ready: the whole cached list after
 * the first screen, then the refreshed archive. No view closes: each one
 * finds its articles again by id when it sees the session's generation
 * change (an article view reads its file again, at the same place); the
 * list keeps its row. */
static void take_updates(void)
{
	struct session_update u;
	struct diag d = DIAG_INIT;
	int r;
	session_tick(&ui.app.ses);
	while ((r = session_poll(&ui.app.ses, &u, &d)) > 0) {
		char *sel = view_list_selected_id(ui.app.list);
		session_take(&ui.app.ses, &u);
		view_list_refresh(ui.app.list, sel);
		free(sel);
		if (u.announce && !ui.fetch_reload)	/* a fetch said what it added */
			announce(&u.st);
		if (u.st.memory)
			ui_message(true, "The index cache cannot be written: working in memory"
				   " (filo index says why)");
		if (u.announce)
			ui.reload_asked = false;
	}
	if (r < 0 && d.n)
		ui_message(true, "%s", short_message(d.msg[d.n - 1]));
	diag_free(&d);
	if (!session_refreshing(&ui.app.ses)) {
		if (ui.reload_asked && r == 0)
			ui_message(false, "The folder is as it was: nothing new, changed or removed");
		ui.reload_asked = ui.fetch_reload = false;
	}
}

/* ---- the article's address, outside filo ---- */

void app_open_url(struct app *app, const char *url)
{
	(void)app;
	if (!url || !*url) {
		ui_message(false, "No address: the article has no url in its front matter");
		return;
	}
	if (!launch_url_ok(url)) {
		ui_message(true, "Not opened: not an http or https address: %s", url);
		return;
	}
	struct launch_plan p;
	launch_plan_make(&p, getenv("BROWSER"), url);
	struct diag d = DIAG_INIT;
	int st = 0;
	def_prog_mode();	/* a browser in this terminal needs it */
	endwin();
	int r = launch_run(&p, &st, &d);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (r != 0)
		ui_message(true, "%s (set BROWSER to your browser)", d.n ? d.msg[d.n - 1] : "no browser");
	else if (WIFEXITED(st) && WEXITSTATUS(st) != 0)
		ui_message(true, "The browser exited with status %d: %s", WEXITSTATUS(st), url);
	else
		ui_message(false, "Opened %s", url);
	diag_free(&d);
	launch_plan_free(&p);
}

void app_copy_url(struct app *app, const char *url)
{
	if (!url || !*url) {
		ui_message(false, "No address to copy: the article has no url in its front matter");
		return;
	}
	if (!app->copy_osc52) {
		ui_message(false, "Copying is off: 'set clipboard osc52' in the configuration "
			   "turns it on (see filo(5))");
		return;
	}
	struct buf seq = BUF_INIT;
	launch_osc52(url, strlen(url), &seq);
	fflush(stdout);	/* after what curses wrote: the sequence draws nothing */
	fwrite(seq.data, 1, seq.len, stdout);	/* constant text in effect: OSC 52 with a base64 payload, sent on purpose */
	fflush(stdout);
	buf_free(&seq);
	ui_message(false, "Copied to the clipboard: %s", url);
}

/* ---- the fetch key: filo fetch in a thread, the keys still working ---- */

/* Why there is nothing to fetch, on the status line. */
static void say_feeds_problem(const struct diag *d, size_t nfeeds)
{
	if (nfeeds)
		return;
	struct buf path = BUF_INIT;
	bool missing = urls_path_default(&path) == 0 && access(path.data, F_OK) != 0;
	if (missing)
		ui_message(true, "No feeds file: put the feeds' URLs in %s, one a line "
			   "(newsboat's urls file works as it is; see filo(5))", path.data);
	else if (d->n)
		ui_message(true, "%s", short_message(d->msg[d->n - 1]));
	else
		ui_message(true, "No feeds to fetch in %s (see filo(5))", buf_str(&path));
	buf_free(&path);
}

static void start_fetch(struct app *app)
{
	if (ui.fetch) {
		ui_message(false, "A fetch is under way (see the status line)");
		return;
	}
	struct urls feeds = { 0 };
	struct diag d = DIAG_INIT;
	urls_load(&feeds, NULL, &d);
	if (feeds.n) {
		struct update_options o = { .dir = app->ses.store->dir };
		fetch_options_default(&o.fetch);
		o.fetch.timeout = app->fetch_timeout;
		ui.fetch = update_job_start(&feeds, &o);
		if (!ui.fetch)
			ui_message(true, "Cannot start the fetch: no thread");
		else if (d.n)
			ui_message(false, "Fetching %zu feeds (%zu lines of the feeds file skipped: "
				   "filo fetch says why)", feeds.n, d.n);
		else
			ui_message(false, "Fetching %zu feed%s", feeds.n, feeds.n == 1 ? "" : "s");
	}
	say_feeds_problem(&d, feeds.n);
	diag_free(&d);
	urls_free(&feeds);
}

/* The first failed feed, for the status line. */
static const struct update_feed *first_failure(const struct update_report *r)
{
	for (size_t i = 0; i < r->n; i++)
		if (r->feed[i].state == UPDATE_FAILED)
			return &r->feed[i];
	return NULL;
}

/* The fetch is over: what it did on the status line, and the folder read
 * again when it wrote anything. */
static void finish_fetch(void)
{
	size_t done, total;
	if (!ui.fetch || !update_job_progress(ui.fetch, &done, &total))
		return;
	struct update_report r;
	struct diag d = DIAG_INIT;
	int rc = update_job_finish(ui.fetch, &r, &d);
	ui.fetch = NULL;
	const struct update_feed *bad = rc < 0 ? NULL : first_failure(&r);
	if (rc < 0)
		ui_message(true, "%s", d.n ? short_message(d.msg[d.n - 1]) : "fetch failed");
	else if (bad)
		ui_message(true, "Fetched %zu feeds: %zu new, %zu updated; %zu failed, first: %s (%s)",
			   r.n, r.added, r.updated, r.failed, bad->error, bad->name);
	else
		ui_message(false, "Fetched %zu feed%s: %zu new, %zu updated, %zu not modified",
			   r.n, r.n == 1 ? "" : "s", r.added, r.updated, r.not_modified);
	if (rc >= 0 && (r.added || r.updated || r.pages)) {
		session_reload(&ui.app.ses);
		ui.fetch_reload = true;
	}
	update_report_free(&r);
	diag_free(&d);
}

/* Waits for a key, or for the folder watch, at most as long as the
 * session allows (a refresh's progress, the end of a burst of changes).
 * curses may hold keys already read: those come first. Returns a key or
 * -1. */
static int wait_key(void)
{
	timeout(0);
	int k = read_key();
	if (k < 0) {
		int fd, ms = session_wait(&ui.app.ses, &fd);
		if (ui.fetch && (ms < 0 || ms > 100))	/* the fetch's progress */
			ms = 100;
		struct pollfd p[2] = { { STDIN_FILENO, POLLIN, 0 }, { fd, POLLIN, 0 } };
		poll(p, fd >= 0 ? 2 : 1, ms);
		k = read_key();	/* a key, or a resize that cut the wait short */
	}
	timeout(-1);	/* prompts wait for their keys */
	return k;
}

/* For benchmarks: FILO_BENCH_PAINT=FILE writes the wall clock (seconds since
 * the epoch, as `date +%s.%N`) at the first painted list to FILE, then
 * quits, so a harness can time a start from exec to paint. */
static void bench_paint_mark(void)
{
	const char *path = getenv("FILO_BENCH_PAINT");
	if (!path || !*path)
		return;
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	FILE *f = fopen(path, "w");
	if (f) {
		out_printf(f, "%lld.%09ld %zu\n", (long long)t.tv_sec, t.tv_nsec, ui.app.ses.store->n);
		fclose(f);
	}
	ui.quit = true;
}

/* Problems found at start (articles, config, theme): the first one, and
 * how many more there are. */
static void report_load(void)
{
	size_t n = ui.diag.n;
	if (!n)
		return;
	if (n == 1)
		ui_message(true, "%s", short_message(ui.diag.msg[0]));
	else
		ui_message(true, "%zu problems (filo check lists them); first: %s", n,
			   short_message(ui.diag.msg[0]));
}

int ui_main(const struct ui_options *opt)
{
	setlocale(LC_ALL, "");
	if (check_terminal())
		return 1;
	struct config *cfg = opt->cfg;
	app_init(&ui.app, cfg);
	if (opt->cfg_diag)
		diag_move(&ui.diag, opt->cfg_diag);
	if (session_open(&ui.app.ses, opt->dir, ui.app.sort, 300, &ui.diag) != 0) {
		const char *m = ui.diag.msg[ui.diag.n - 1];
		out_error("%s", m);
		if (cli_folder_hint(m))
			out_error("%s", cli_folder_hint(m));
		diag_free(&ui.diag);
		return 1;
	}
	ui.km = cfg->keymap;
	cfg->keymap = NULL;
	app_start(&ui.app);
	session_watch(&ui.app.ses, cfg->watch);
	if (start_curses(opt)) {
		keymap_free(ui.km);
		session_close(&ui.app.ses);
		diag_free(&ui.diag);
		return 1;
	}
	report_load();
	ui.app.list = view_list_new(&ui.app);
	ui_push(ui.app.list);
	draw();
	bench_paint_mark();
	while (!ui.quit) {
		draw();
		int k = wait_key();
		finish_fetch();
		take_updates();
		if (k < 0)
			continue;
		if (k == FKEY_RESIZE) {
			resize_all();
			continue;
		}
		buf_reset(&ui.msg);
		handle_key(k);
	}
	if (ui.fetch) {	/* what was written stays; the rest is not waited for */
		struct update_report r;
		struct diag d = DIAG_INIT;
		update_job_cancel(ui.fetch);
		if (update_job_finish(ui.fetch, &r, &d) >= 0)
			update_report_free(&r);
		diag_free(&d);
		ui.fetch = NULL;
	}
	for (int i = ui.nhist - 1; i >= 0; i--)
		free_view(ui.hist[i]);	/* article views record their positions */
	app_save_state(&ui.app);
	endwin();
	paste_stop();
	if (ui.msg.len && ui.msg_error)
		out_error("%s", ui.msg.data);
	keymap_free(ui.km);
	buf_free(&ui.msg);
	session_close(&ui.app.ses);
	diag_free(&ui.diag);
	return 0;
}
