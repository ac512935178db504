/* config.c: the configuration file parser: settings, key bindings and
 * includes, each bad line reported as "file:line: what (line ignored)". */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "fetch.h"
#include "keymap.h"

#define WIDTH_MAX 9999

/* State of one config_parse/config_load call, shared by nested includes. */
struct cparser {
	struct config *cfg;
	struct diag *d;
	const char *label;	/* file being parsed, for messages */
	size_t line;
	char *stack[CONFIG_INCLUDE_MAX + 1];	/* files being parsed */
	int depth;
	int ignored;
};

static void parse_text(struct cparser *p, const char *label, const char *text);

/* Reports the current line as ignored. */
static void reject(struct cparser *p, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void reject(struct cparser *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(p->d, p->label, p->line, "%s", msg);
	free(msg);
	p->ignored++;
}

static void replace_str(char **dst, const char *value)
{
	free(*dst);
	*dst = xstrdup(value);
}

/* Setting handlers: 0, or -1 with *expected saying what would do. */
static int set_articles(struct config *cfg, const char *v, const char **expected)
{
	char *path = config_expand_path(v);
	if (!path || !path[0]) {
		free(path);
		*expected = "a folder; '~user' is not supported";
		return -1;
	}
	free(cfg->articles);
	cfg->articles = path;
	return 0;
}

static int set_theme(struct config *cfg, const char *v, const char **expected)
{
	if (!v[0]) {
		*expected = "a theme name or path";
		return -1;
	}
	replace_str(&cfg->theme, v);
	return 0;
}

static int set_date_format(struct config *cfg, const char *v, const char **expected)
{
	if (!v[0]) {
		*expected = "a strftime format";
		return -1;
	}
	replace_str(&cfg->date_format, v);
	return 0;
}

static int set_width(struct config *cfg, const char *v, const char **expected)
{
	size_t n = strlen(v);
	if (n == 0 || strspn(v, "0123456789") != n) {
		*expected = "a number";
		return -1;
	}
	if (n > 4 || atoi(v) > WIDTH_MAX) {
		*expected = "a number up to 9999";
		return -1;
	}
	cfg->width = atoi(v);
	return 0;
}

/* Index of v in a NULL-terminated list of names, or -1. */
static int choice(const char *v, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strcasecmp(v, names[i]) == 0)
			return i;
	return -1;
}

static int parse_bool(const char *v)
{
	static const char *const names[] = {
		"no", "yes", "off", "on", "false", "true", NULL
	};
	int i = choice(v, names);
	return i < 0 ? -1 : i % 2;
}

static int set_reverse(struct config *cfg, const char *v, const char **expected)
{
	int b = parse_bool(v);
	*expected = "yes or no";
	if (b < 0)
		return -1;
	cfg->reverse = b;
	return 0;
}

static int set_mouse(struct config *cfg, const char *v, const char **expected)
{
	int b = parse_bool(v);
	*expected = "on or off";
	if (b < 0)
		return -1;
	cfg->mouse = b;
	return 0;
}

/* v in ASCII lower case into out (n bytes), "" when too long to be a name:
 * the modules that own the sort and group enums name them in lower-case
 * ASCII, and a config value may be written in any case ("Date"). */
static const char *lower_name(const char *v, char *out, size_t n)
{
	size_t i = 0;
	for (; v[i] && i + 1 < n; i++)
		out[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] - 'A' + 'a') : v[i];
	out[v[i] ? 0 : i] = '\0';
	return out;
}

static int set_sort(struct config *cfg, const char *v, const char **expected)
{
	char low[16];
	int i = store_sort_from_name(lower_name(v, low, sizeof low));
	*expected = "date, source or title";
	if (i < 0)
		return -1;
	cfg->sort = (enum store_sort)i;
	return 0;
}

static int set_group(struct config *cfg, const char *v, const char **expected)
{
	char low[16];
	int i = listing_group_from_name(lower_name(v, low, sizeof low));
	*expected = "none, day, source or thread";
	if (i < 0)
		return -1;
	cfg->group = (enum listing_group)i;
	return 0;
}

static int set_color(struct config *cfg, const char *v, const char **expected)
{
	static const char *const names[] = { "auto", "always", "never", NULL };
	int i = choice(v, names);
	*expected = "auto, always or never";
	if (i < 0)
		return -1;
	cfg->color = (enum config_color)i;
	return 0;
}

static int set_related_panel(struct config *cfg, const char *v, const char **expected)
{
	static const char *const names[] = { "last", "open", "closed", NULL };
	int i = choice(v, names);
	*expected = "last, open or closed";
	if (i < 0)
		return -1;
	cfg->related_panel = (enum config_panel)i;
	return 0;
}

static int set_watch(struct config *cfg, const char *v, const char **expected)
{
	char low[16];
	int i = watch_mode_from_name(lower_name(v, low, sizeof low));
	*expected = "auto, poll or off";
	if (i < 0)
		return -1;
	cfg->watch = (enum watch_mode)i;
	return 0;
}

static int set_clipboard(struct config *cfg, const char *v, const char **expected)
{
	static const char *const names[] = { "off", "osc52", NULL };
	int i = choice(v, names);
	*expected = "off or osc52";
	if (i < 0)
		return -1;
	cfg->clipboard = (enum config_clipboard)i;
	return 0;
}

static int set_fetch_timeout(struct config *cfg, const char *v, const char **expected)
{
	size_t n = strlen(v);
	*expected = "a number of seconds from 1 to 3600";
	if (n == 0 || n > 4 || strspn(v, "0123456789") != n || atoi(v) < 1 || atoi(v) > 3600)
		return -1;
	cfg->fetch_timeout = atoi(v);
	return 0;
}

static const struct {
	const char *name;
	int (*set)(struct config *, const char *, const char **);
} settings[] = {
	{ "articles", set_articles }, { "theme", set_theme },
	{ "width", set_width }, { "sort", set_sort },
	{ "reverse", set_reverse }, { "group", set_group },
	{ "date-format", set_date_format }, { "mouse", set_mouse },
	{ "color", set_color }, { "related-panel", set_related_panel },
	{ "watch", set_watch }, { "clipboard", set_clipboard },
	{ "fetch-timeout", set_fetch_timeout },
};

/* Cuts the next blank-separated word off *s; NULL when none is left. */
static char *next_word(char **s)
{
	char *w = *s + strspn(*s, " \t");
	if (!*w)
		return NULL;
	char *end = w + strcspn(w, " \t");
	*s = *end ? end + 1 : end;
	*end = '\0';
	return w;
}

/* The rest of the line without surrounding blanks or one pair of quotes. */
static char *rest_of_line(char *s)
{
	s += strspn(s, " \t");
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"') {
		s[n - 1] = '\0';
		s++;
	}
	return s;
}

static void do_set(struct cparser *p, char *args)
{
	char *name = next_word(&args);
	if (!name) {
		reject(p, "set: expected a setting and a value (line ignored)");
		return;
	}
	size_t i, n = sizeof settings / sizeof settings[0];
	for (i = 0; i < n && strcmp(name, settings[i].name) != 0; i++)
		;
	if (i == n) {
		reject(p, "unknown setting '%s' (line ignored)", name);
		return;
	}
	if (!args[strspn(args, " \t")]) {
		reject(p, "missing value for %s (line ignored)", name);
		return;
	}
	char *value = rest_of_line(args);
	const char *expected = "";
	if (settings[i].set(p->cfg, value, &expected) < 0)
		reject(p, "bad value for %s: '%s' (expected %s; line ignored)",
		       name, value, expected);
}

/* Checks VIEW and KEY of bind/unbind; -1 after reporting. */
static int parse_view_key(struct cparser *p, const char *view, const char *key,
			  int *v, int *k)
{
	if ((*v = keymap_view_from_name(view)) < 0) {
		reject(p, "unknown view '%s' (line ignored)", view);
		return -1;
	}
	if ((*k = keymap_key_parse(key)) < 0) {
		reject(p, "bad key name '%s' (line ignored)", key);
		return -1;
	}
	return 0;
}

static void do_bind(struct cparser *p, char *args)
{
	char *view = next_word(&args), *key = next_word(&args);
	char *action = next_word(&args);
	if (!action || next_word(&args)) {
		reject(p, "bind: expected VIEW KEY ACTION (line ignored)");
		return;
	}
	int v, k;
	if (parse_view_key(p, view, key, &v, &k) < 0)
		return;
	enum keymap_action a = keymap_action_from_name(action);
	if (a == ACT_NONE && strcmp(action, "none") != 0) {
		reject(p, "unknown action '%s' (line ignored)", action);
		return;
	}
	keymap_bind(p->cfg->keymap, (enum keymap_view)v, k, a);
}

static void do_unbind(struct cparser *p, char *args)
{
	char *view = next_word(&args), *key = next_word(&args);
	if (!key || next_word(&args)) {
		reject(p, "unbind: expected VIEW KEY (line ignored)");
		return;
	}
	int v, k;
	if (parse_view_key(p, view, key, &v, &k) == 0)
		keymap_unbind(p->cfg->keymap, (enum keymap_view)v, k);
}

/* Parses file path as one more include level; -1 (errno set) if unreadable. */
static int parse_file(struct cparser *p, const char *path)
{
	struct buf text = BUF_INIT;
	if (buf_read_file(&text, path) < 0) {
		int saved = errno;
		buf_free(&text);
		errno = saved;
		return -1;
	}
	char *real = realpath(path, NULL);
	p->stack[p->depth++] = real ? real : xstrdup(path);
	const char *label = p->label;
	size_t line = p->line;
	parse_text(p, path, buf_str(&text));
	p->label = label;
	p->line = line;
	free(p->stack[--p->depth]);
	buf_free(&text);
	return 0;
}

static int on_stack(const struct cparser *p, const char *path)
{
	char *real = realpath(path, NULL);
	const char *id = real ? real : path;
	int found = 0;
	for (int i = 0; i < p->depth && !found; i++)
		found = strcmp(p->stack[i], id) == 0;
	free(real);
	return found;
}

/* A relative include is relative to the including file. */
static void do_include(struct cparser *p, char *args)
{
	char *arg = rest_of_line(args);
	if (!arg[0]) {
		reject(p, "include: expected a file (line ignored)");
		return;
	}
	char *path = config_expand_path(arg);
	if (!path) {
		reject(p, "include: cannot expand '%s' (line ignored)", arg);
		return;
	}
	struct buf full = BUF_INIT;
	const char *slash = strrchr(p->label, '/');
	if (path[0] != '/' && slash)
		buf_add(&full, p->label, (size_t)(slash - p->label + 1));
	buf_adds(&full, path);
	free(path);
	if (p->depth >= CONFIG_INCLUDE_MAX)
		reject(p, "include '%s': nested too deeply (line ignored)", arg);
	else if (on_stack(p, buf_str(&full)))
		reject(p, "include cycle: '%s' (line ignored)", arg);
	else if (parse_file(p, buf_str(&full)) < 0)
		reject(p, "cannot read '%s': %s (line ignored)", buf_str(&full),
		       buf_read_error(errno));
	buf_free(&full);
}

static void parse_line(struct cparser *p, char *s)
{
	char *cmd = next_word(&s);
	if (!cmd || cmd[0] == '#')
		return;
	if (strcmp(cmd, "set") == 0)
		do_set(p, s);
	else if (strcmp(cmd, "bind") == 0)
		do_bind(p, s);
	else if (strcmp(cmd, "unbind") == 0)
		do_unbind(p, s);
	else if (strcmp(cmd, "include") == 0)
		do_include(p, s);
	else
		reject(p, "unknown command '%s' (line ignored)", cmd);
}

static void parse_text(struct cparser *p, const char *label, const char *text)
{
	struct buf line = BUF_INIT;
	size_t lineno = 0;
	while (buf_next_line(&text, &line)) {
		p->label = label;
		p->line = ++lineno;
		parse_line(p, line.data);
	}
	buf_free(&line);
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->theme = xstrdup("default");
	cfg->date_format = xstrdup("%Y-%m-%d");
	cfg->width = 80;
	cfg->sort = STORE_SORT_DATE;
	cfg->reverse = false;
	cfg->group = LISTING_GROUP_NONE;
	cfg->mouse = true;
	cfg->color = CONFIG_COLOR_AUTO;
	cfg->related_panel = CONFIG_PANEL_LAST;
	cfg->watch = WATCH_AUTO;
	cfg->clipboard = CONFIG_CLIPBOARD_OFF;
	cfg->fetch_timeout = FETCH_TIMEOUT;
	cfg->keymap = keymap_new_default();
}

void config_free(struct config *cfg)
{
	free(cfg->articles);
	free(cfg->theme);
	free(cfg->date_format);
	keymap_free(cfg->keymap);
	memset(cfg, 0, sizeof *cfg);
}

int config_parse(struct config *cfg, const char *label, const char *text,
		 struct diag *d)
{
	struct cparser p = { .cfg = cfg, .d = d };
	parse_text(&p, label, text);
	return p.ignored;
}

int config_load(struct config *cfg, const char *path, struct diag *d)
{
	struct buf def = BUF_INIT;
	if (!path) {
		if (config_path_default(&def) < 0)
			return 0;
		path = buf_str(&def);
	}
	struct cparser p = { .cfg = cfg, .d = d };
	int r = 0;
	if (parse_file(&p, path) < 0 && !(def.len && errno == ENOENT)) {
		diag_add(d, path, 0, "cannot read config file: %s", buf_read_error(errno));
		r = -1;
	}
	buf_free(&def);
	return r;
}

int config_dir_default(struct buf *out)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		buf_addf(out, "%s/filo", xdg);
	else if (home && home[0])
		buf_addf(out, "%s/.config/filo", home);
	else
		return -1;
	return 0;
}

int config_path_default(struct buf *out)
{
	if (config_dir_default(out) < 0)
		return -1;
	buf_adds(out, "/config");
	return 0;
}

char *config_expand_path(const char *path)
{
	if (path[0] != '~')
		return xstrdup(path);
	if (path[1] && path[1] != '/')
		return NULL;	/* ~user: not worth getpwnam for a reader */
	const char *home = getenv("HOME");
	if (!home || !home[0])
		return NULL;
	struct buf b = BUF_INIT;
	buf_adds(&b, home);
	buf_adds(&b, path + 1);
	return buf_detach(&b, NULL);
}
