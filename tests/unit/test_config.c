/* test_config.c: config lines good and bad (exact messages), key bindings,
 * includes, default file location and loading. Files for include and load
 * tests are written to a fresh temporary directory. */
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>
#include "t.h"
#include "buf.h"
#include "config.h"
#include "diag.h"
#include "keymap.h"

static char tmpdir[64];

static void check_diag(const struct diag *d, const char *const *want, size_t n)
{
	T_EQ_INT(d->n, n);
	for (size_t i = 0; i < n && i < d->n; i++)
		T_EQ_STR(d->msg[i], want[i]);
	for (size_t i = n; i < d->n; i++)
		fprintf(stderr, "  extra diag: %s\n", d->msg[i]);
}

TEST(defaults)
{
	struct config c;
	config_defaults(&c);
	T_OK(c.articles == NULL);
	T_EQ_STR(c.theme, "default");
	T_EQ_INT(c.width, 80);
	T_EQ_INT(c.sort, STORE_SORT_DATE);
	T_EQ_INT(c.reverse, false);
	T_EQ_INT(c.group, LISTING_GROUP_NONE);
	T_EQ_STR(c.date_format, "%Y-%m-%d");
	T_EQ_INT(c.mouse, true);
	T_EQ_INT(c.color, CONFIG_COLOR_AUTO);
	T_EQ_INT(c.clipboard, CONFIG_CLIPBOARD_OFF);
	T_EQ_INT(c.fetch_timeout, 20);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, 'j'), ACT_DOWN);
	config_free(&c);
}

/* The settings of filo fetch and the links: clipboard and fetch-timeout. */
TEST(fetch_and_clipboard)
{
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);
	T_EQ_INT(config_parse(&c, "config", "set clipboard OSC52\nset fetch-timeout 3600\n", &d), 0);
	T_EQ_INT(c.clipboard, CONFIG_CLIPBOARD_OSC52);
	T_EQ_INT(c.fetch_timeout, 3600);
	T_EQ_INT(config_parse(&c, "config", "set clipboard xclip\nset fetch-timeout 0\n"
			      "set fetch-timeout 3601\nset fetch-timeout 1.5\nset clipboard off\n"
			      "set fetch-timeout 1\n", &d), 4);
	static const char *const want[] = {
		"config:1: bad value for clipboard: 'xclip' (expected off or osc52; line ignored)",
		"config:2: bad value for fetch-timeout: '0' (expected a number of seconds from 1 to 3600; line ignored)",
		"config:3: bad value for fetch-timeout: '3601' (expected a number of seconds from 1 to 3600; line ignored)",
		"config:4: bad value for fetch-timeout: '1.5' (expected a number of seconds from 1 to 3600; line ignored)",
	};
	check_diag(&d, want, 4);
	T_EQ_INT(c.clipboard, CONFIG_CLIPBOARD_OFF);
	T_EQ_INT(c.fetch_timeout, 1);
	diag_free(&d);
	config_free(&c);
}

TEST(good_lines)
{
	setenv("HOME", "/home/reader", 1);
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);
	int bad = config_parse(&c, "config",
		"# filo config\n"
		"\n"
		"set articles ~/news/archive\r\n"
		"   set theme solarized-dark   \n"
		"set width 72\n"
		"set sort source\n"
		"set reverse yes\n"
		"set group Thread\n"
		"set date-format %a %d %b %Y\n"
		"set mouse on\n"
		"set color never\n"
		"\t# indented comment\n", &d);
	T_EQ_INT(bad, 0);
	T_EQ_INT(d.n, 0);
	T_EQ_STR(c.articles, "/home/reader/news/archive");
	T_EQ_STR(c.theme, "solarized-dark");
	T_EQ_INT(c.width, 72);
	T_EQ_INT(c.sort, STORE_SORT_SOURCE);
	T_EQ_INT(c.reverse, true);
	T_EQ_INT(c.group, LISTING_GROUP_THREAD);
	T_EQ_STR(c.date_format, "%a %d %b %Y");
	T_EQ_INT(c.mouse, true);
	T_EQ_INT(c.color, CONFIG_COLOR_NEVER);
	/* later lines win; quotes keep blanks; every boolean spelling */
	config_parse(&c, "config",
		"set date-format \"%H:%M \"\nset reverse off\nset mouse false\n"
		"set width 0\nset articles /srv/news\nset theme ./my.theme\n", &d);
	T_EQ_INT(d.n, 0);
	T_EQ_STR(c.date_format, "%H:%M ");
	T_EQ_INT(c.reverse, false);
	T_EQ_INT(c.mouse, false);
	T_EQ_INT(c.width, 0);
	T_EQ_STR(c.articles, "/srv/news");
	T_EQ_STR(c.theme, "./my.theme");
	config_parse(&c, "config", "set reverse TRUE\nset articles ~\n", &d);
	T_EQ_INT(c.reverse, true);
	T_EQ_STR(c.articles, "/home/reader");
	diag_free(&d);
	config_free(&c);
}

TEST(bad_lines)
{
	setenv("HOME", "/home/reader", 1);
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);
	int bad = config_parse(&c, "config",
		"set width x\n"			/* 1 */
		"set width -3\n"
		"set width 100000\n"
		"set colour never\n"
		"set sort size\n"		/* 5 */
		"set reverse maybe\n"
		"set group week\n"
		"set mouse yes please\n"
		"set color sometimes\n"
		"set theme\n"			/* 10 */
		"set\n"
		"set articles ~bob/news\n"
		"bind lst j down\n"
		"bind list C- down\n"
		"bind list j dwn\n"		/* 15 */
		"bind list j\n"
		"bind list j down now\n"
		"unbind list\n"
		"unbind nowhere j\n"
		"bnd list j down\n"		/* 20 */
		"set date-format \"\"\n"
		"set width 80\n", &d);
	static const char *const want[] = {
		"config:1: bad value for width: 'x' (expected a number; line ignored)",
		"config:2: bad value for width: '-3' (expected a number; line ignored)",
		"config:3: bad value for width: '100000' (expected a number up to 9999; line ignored)",
		"config:4: unknown setting 'colour' (line ignored)",
		"config:5: bad value for sort: 'size' (expected date, source or title; line ignored)",
		"config:6: bad value for reverse: 'maybe' (expected yes or no; line ignored)",
		"config:7: bad value for group: 'week' (expected none, day, source or thread; line ignored)",
		"config:8: bad value for mouse: 'yes please' (expected on or off; line ignored)",
		"config:9: bad value for color: 'sometimes' (expected auto, always or never; line ignored)",
		"config:10: missing value for theme (line ignored)",
		"config:11: set: expected a setting and a value (line ignored)",
		"config:12: bad value for articles: '~bob/news' (expected a folder; '~user' is not supported; line ignored)",
		"config:13: unknown view 'lst' (line ignored)",
		"config:14: bad key name 'C-' (line ignored)",
		"config:15: unknown action 'dwn' (line ignored)",
		"config:16: bind: expected VIEW KEY ACTION (line ignored)",
		"config:17: bind: expected VIEW KEY ACTION (line ignored)",
		"config:18: unbind: expected VIEW KEY (line ignored)",
		"config:19: unknown view 'nowhere' (line ignored)",
		"config:20: unknown command 'bnd' (line ignored)",
		"config:21: bad value for date-format: '' (expected a strftime format; line ignored)",
	};
	size_t n = sizeof want / sizeof want[0];
	T_EQ_INT(bad, n);
	check_diag(&d, want, n);
	/* nothing of the bad lines applied, the good last line did */
	T_EQ_INT(c.width, 80);
	T_EQ_INT(c.sort, STORE_SORT_DATE);
	T_EQ_INT(c.color, CONFIG_COLOR_AUTO);
	T_EQ_STR(c.theme, "default");
	T_EQ_STR(c.date_format, "%Y-%m-%d");
	T_OK(c.articles == NULL);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, 'j'), ACT_DOWN);
	diag_free(&d);
	config_free(&c);
}

/* Sort and group names come from store.c and listing.c (every one of them
 * is accepted), in any case; anything else is rejected. */
TEST(enum_names)
{
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);
	T_EQ_INT(config_parse(&c, "config", "set sort TITLE\nset group Source\n", &d), 0);
	T_EQ_INT(c.sort, STORE_SORT_TITLE);
	T_EQ_INT(c.group, LISTING_GROUP_SOURCE);
	T_EQ_INT(config_parse(&c, "config", "set sort DateDateDateDateDate\n"
			      "set group none-at-all\n", &d), 2);
	T_EQ_INT(c.sort, STORE_SORT_TITLE);
	T_EQ_INT(c.group, LISTING_GROUP_SOURCE);
	for (int k = 0; k < STORE_SORT_COUNT; k++) {
		char line[64];
		snprintf(line, sizeof line, "set sort %s\n", store_sort_name(k));
		T_EQ_INT(config_parse(&c, "config", line, &d), 0);
		T_EQ_INT(c.sort, k);
	}
	for (int g = 0; g < LISTING_GROUP_COUNT; g++) {
		char line[64];
		snprintf(line, sizeof line, "set group %s\n", listing_group_name(g));
		T_EQ_INT(config_parse(&c, "config", line, &d), 0);
		T_EQ_INT(c.group, g);
	}
	diag_free(&d);
	config_free(&c);
}

TEST(bindings)
{
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);
	config_parse(&c, "config",
		"bind list x toggle-read\n"
		"bind article C-d quit\n"
		"bind generic \xc3\xa9 search\n"
		"bind list # flag\n"
		"unbind generic j\n"
		"unbind article k\n"
		"bind list o none\n"
		"bind article F5 redraw\n"
		"bind list S-Tab next-unread\n", &d);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, 'x'), ACT_TOGGLE_READ);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_ARTICLE, 'x'), ACT_NONE);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_ARTICLE, KEY_CTRL('d')), ACT_QUIT);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, KEY_CTRL('d')), ACT_HALF_DOWN);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_THREAD, 0xe9), ACT_SEARCH);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, '#'), ACT_FLAG);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, 'j'), ACT_NONE);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, FKEY_DOWN), ACT_DOWN);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_ARTICLE, 'k'), ACT_NONE);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, 'k'), ACT_UP);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, 'o'), ACT_NONE);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_ARTICLE, FKEY_F(5)), ACT_REDRAW);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, FKEY_BTAB), ACT_NEXT_UNREAD);
	diag_free(&d);
	config_free(&c);
}

TEST(includes)
{
	t_write_file(tmpdir, "main", "set width 60\ninclude keys\ninclude sub/more\nset sort title\n");
	t_write_file(tmpdir, "keys", "bind list x flag\nset width 70\n");
	char sub[128];
	snprintf(sub, sizeof sub, "%s/sub", tmpdir);
	mkdir(sub, 0700);
	t_write_file(tmpdir, "sub/more", "include ../colors\nset group day\n");
	t_write_file(tmpdir, "colors", "set color always\nset bogus 1\n");
	char path[128];
	snprintf(path, sizeof path, "%s/main", tmpdir);
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);
	T_EQ_INT(config_load(&c, path, &d), 0);
	char msg[256];
	snprintf(msg, sizeof msg, "%s/sub/../colors:2: unknown setting 'bogus' (line ignored)",
		 tmpdir);
	const char *want[] = { msg };
	check_diag(&d, want, 1);
	T_EQ_INT(c.width, 70);
	T_EQ_INT(c.sort, STORE_SORT_TITLE);
	T_EQ_INT(c.group, LISTING_GROUP_DAY);
	T_EQ_INT(c.color, CONFIG_COLOR_ALWAYS);
	T_EQ_INT(keymap_lookup(c.keymap, VIEW_LIST, 'x'), ACT_FLAG);
	diag_free(&d);
	config_free(&c);
}

TEST(include_errors)
{
	t_write_file(tmpdir, "loop-a", "include loop-b\nset width 11\n");
	t_write_file(tmpdir, "loop-b", "include ./loop-a\nset width 22\n");
	t_write_file(tmpdir, "self", "# me again\ninclude self\nset width 33\n");
	for (int i = 1; i <= 9; i++) {
		char name[16], text[64];
		snprintf(name, sizeof name, "deep%d", i);
		if (i < 9)
			snprintf(text, sizeof text, "include deep%d\n", i + 1);
		else
			snprintf(text, sizeof text, "set width 99\n");
		t_write_file(tmpdir, name, text);
	}
	char path[128], msg[256];
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);

	snprintf(path, sizeof path, "%s/loop-a", tmpdir);
	T_EQ_INT(config_load(&c, path, &d), 0);
	snprintf(msg, sizeof msg, "%s/loop-b:1: include cycle: './loop-a' (line ignored)", tmpdir);
	const char *w1[] = { msg };
	check_diag(&d, w1, 1);
	T_EQ_INT(c.width, 11);
	diag_free(&d);

	snprintf(path, sizeof path, "%s/self", tmpdir);
	T_EQ_INT(config_load(&c, path, &d), 0);
	snprintf(msg, sizeof msg, "%s/self:2: include cycle: 'self' (line ignored)", tmpdir);
	check_diag(&d, w1, 1);
	T_EQ_INT(c.width, 33);
	diag_free(&d);

	snprintf(path, sizeof path, "%s/deep1", tmpdir);
	c.width = 0;
	T_EQ_INT(config_load(&c, path, &d), 0);
	snprintf(msg, sizeof msg, "%s/deep8:1: include 'deep9': nested too deeply (line ignored)",
		 tmpdir);
	check_diag(&d, w1, 1);
	T_EQ_INT(c.width, 0);
	diag_free(&d);
	snprintf(path, sizeof path, "%s/deep2", tmpdir);
	T_EQ_INT(config_load(&c, path, &d), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(c.width, 99);

	setenv("HOME", "/home/reader", 1);
	T_EQ_INT(config_parse(&c, "cfg", "include\ninclude nosuch\ninclude ~x/y\n", &d), 3);
	const char *w2[] = {
		"cfg:1: include: expected a file (line ignored)",
		"cfg:2: cannot read 'nosuch': No such file or directory (line ignored)",
		"cfg:3: include: cannot expand '~x/y' (line ignored)",
	};
	check_diag(&d, w2, 3);
	diag_free(&d);
	config_free(&c);
}

TEST(default_location)
{
	struct buf b = BUF_INIT;
	setenv("HOME", "/home/reader", 1);
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	T_EQ_INT(config_path_default(&b), 0);
	T_EQ_STR(buf_str(&b), "/xdg/filo/config");
	buf_reset(&b);
	T_EQ_INT(config_dir_default(&b), 0);
	T_EQ_STR(buf_str(&b), "/xdg/filo");
	buf_reset(&b);
	setenv("XDG_CONFIG_HOME", "relative", 1);	/* the spec says ignore it */
	T_EQ_INT(config_path_default(&b), 0);
	T_EQ_STR(buf_str(&b), "/home/reader/.config/filo/config");
	buf_reset(&b);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	T_EQ_INT(config_path_default(&b), -1);
	T_EQ_INT(b.len, 0);
	T_OK(config_expand_path("~/x") == NULL);
	buf_free(&b);
}

TEST(load)
{
	struct config c;
	struct diag d = DIAG_INIT;
	config_defaults(&c);
	/* default file missing: fine, nothing changes */
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	T_EQ_INT(config_load(&c, NULL, &d), 0);
	T_EQ_INT(d.n, 0);
	/* default file present */
	char dir[128];
	snprintf(dir, sizeof dir, "%s/filo", tmpdir);
	mkdir(dir, 0700);
	t_write_file(tmpdir, "filo/config", "set width 64\nset widht 3\n");
	T_EQ_INT(config_load(&c, NULL, &d), 0);
	T_EQ_INT(c.width, 64);
	char msg[256];
	snprintf(msg, sizeof msg, "%s/filo/config:2: unknown setting 'widht' (line ignored)", tmpdir);
	const char *w[] = { msg };
	check_diag(&d, w, 1);
	diag_free(&d);
	/* an explicit file that is missing is an error */
	char path[128];
	snprintf(path, sizeof path, "%s/none", tmpdir);
	T_EQ_INT(config_load(&c, path, &d), -1);
	snprintf(msg, sizeof msg, "%s/none: cannot read config file: No such file or directory", tmpdir);
	check_diag(&d, w, 1);
	diag_free(&d);
	/* an empty file is fine */
	t_write_file(tmpdir, "empty", "");
	snprintf(path, sizeof path, "%s/empty", tmpdir);
	T_EQ_INT(config_load(&c, path, &d), 0);
	T_EQ_INT(d.n, 0);
	unsetenv("XDG_CONFIG_HOME");
	config_free(&c);
}

static void cleanup(void)
{
	if (t_remove_tree(tmpdir) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
}

static void setup(void)
{
	t_tmpdir(tmpdir, sizeof tmpdir, "config");
	atexit(cleanup);
}

T_MAIN(setup(); RUN(defaults); RUN(fetch_and_clipboard); RUN(good_lines); RUN(bad_lines);
       RUN(enum_names);
       RUN(bindings); RUN(includes); RUN(include_errors);
       RUN(default_location); RUN(load))
