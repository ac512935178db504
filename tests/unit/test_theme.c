/* test_theme.c: theme parsing, inheritance, includes, loading, the built-in
 * themes, NO_COLOR stripping and colour mapping. Run from the repository
 * root (tests/data/themes holds the theme files used here). */
#include "t.h"
#include "diag.h"
#include "theme.h"

#define DATA "tests/data/themes"

static const struct theme_style *st(const struct theme *t, enum theme_element e)
{
	return theme_style(t, e);
}

static int is_ansi(struct theme_color c, int index)
{
	return c.kind == THEME_ANSI && c.index == index;
}

static int is_rgb(struct theme_color c, int r, int g, int b)
{
	return c.kind == THEME_RGB && c.r == r && c.g == g && c.b == b;
}

static int same_color(struct theme_color a, struct theme_color b)
{
	return a.kind == b.kind && a.index == b.index && a.r == b.r &&
	       a.g == b.g && a.b == b.b;
}

static void dump_diag(const struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  diag: %s\n", d->msg[i]);
}

TEST(element_table)
{
	for (int e = 0; e < THEME_COUNT; e++)
		T_EQ_INT(theme_element_from_name(theme_element_name(e)), e);
	T_EQ_INT(theme_element_from_name("entity-loc"), THEME_ENTITY_LOC);
	T_EQ_INT(theme_element_from_name("bogus"), -1);
	T_EQ_STR(theme_element_name(THEME_LIST_SELECTED), "list-selected");
}

TEST(base_theme)
{
	struct theme t;
	theme_init(&t);
	T_EQ_INT(st(&t, THEME_NORMAL)->fg.kind, THEME_DEFAULT);
	T_EQ_INT(st(&t, THEME_NORMAL)->attrs, 0);
	T_EQ_INT(st(&t, THEME_LIST_SELECTED)->attrs, THEME_REVERSE);
	T_EQ_INT(st(&t, THEME_STATUS_ERROR)->attrs, THEME_REVERSE | THEME_BOLD);
	T_EQ_INT(st(&t, THEME_ENTITY_PER)->attrs, THEME_BOLD);
	T_EQ_INT(st(&t, THEME_ENTITY_LOC)->attrs, THEME_UNDERLINE);
}

TEST(parse_lines)
{
	const char *text =
		"# comment\n"
		"\n"
		"normal white blue\n"
		"list-date bleu default\n"
		"foo red red\n"
		"link red default blink\n"
		"title red\n"
		"strong\n"
		"h1 #FF0000 - bold underline\n"
		"code 256 default\n"
		"code color12 #12345g\n"
		"  emphasis   yellow  default  italic  \r\n"
		"h2 red default bold bold bold bold bold bold bold bold bold bold bold bold bold bold\n"
		"   # indented comment\n"
		"quote colour200 bright-red none";	/* no final newline */
	struct theme t;
	struct diag d = DIAG_INIT;
	theme_init(&t);
	size_t ignored = theme_parse(&t, "t", text, NULL, NULL, &d);
	static const char *const want[] = {
		"t:4: unknown colour 'bleu' (line ignored)",
		"t:5: unknown element 'foo' (line ignored)",
		"t:6: unknown attribute 'blink' (line ignored)",
		"t:7: missing background colour for 'title' (line ignored)",
		"t:8: missing colours for 'strong' (line ignored)",
		"t:10: unknown colour '256' (line ignored)",
		"t:11: unknown colour '#12345g' (line ignored)",
		"t:13: too many words (line ignored)",
	};
	size_t nwant = sizeof want / sizeof want[0];
	T_EQ_INT(ignored, nwant);
	T_EQ_INT(d.n, nwant);
	for (size_t i = 0; i < nwant && i < d.n; i++)
		T_EQ_STR(d.msg[i], want[i]);
	/* good lines applied, bad ones left the base */
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 7));
	T_OK(is_ansi(st(&t, THEME_NORMAL)->bg, 4));
	T_OK(is_rgb(st(&t, THEME_H1)->fg, 255, 0, 0));
	T_OK(is_ansi(st(&t, THEME_H1)->bg, 4));	/* "-": normal's */
	T_EQ_INT(st(&t, THEME_H1)->attrs, THEME_BOLD | THEME_UNDERLINE);
	T_OK(is_ansi(st(&t, THEME_EMPHASIS)->fg, 3));
	T_EQ_INT(st(&t, THEME_EMPHASIS)->bg.kind, THEME_DEFAULT);
	T_EQ_INT(st(&t, THEME_EMPHASIS)->attrs, THEME_ITALIC);
	T_EQ_INT(st(&t, THEME_QUOTE)->fg.kind, THEME_256);
	T_EQ_INT(st(&t, THEME_QUOTE)->fg.index, 200);
	T_OK(is_ansi(st(&t, THEME_QUOTE)->bg, 9));
	T_EQ_INT(st(&t, THEME_QUOTE)->attrs, 0);
	/* unset elements: parent's colours plus their base attribute */
	T_OK(is_ansi(st(&t, THEME_LIST_DATE)->fg, 7));
	T_OK(is_ansi(st(&t, THEME_LIST_DATE)->bg, 4));
	T_EQ_INT(st(&t, THEME_LIST_DATE)->attrs, 0);
	T_OK(is_ansi(st(&t, THEME_LINK)->fg, 7));
	T_EQ_INT(st(&t, THEME_LINK)->attrs, THEME_UNDERLINE);
	T_OK(is_ansi(st(&t, THEME_TITLE)->fg, 7));
	T_EQ_INT(st(&t, THEME_TITLE)->attrs, THEME_BOLD);
	T_OK(is_ansi(st(&t, THEME_CODE)->fg, 7));
	diag_free(&d);
}

TEST(colour_syntax)
{
	static const struct {
		const char *word;
		int kind, index;
	} ok[] = {
		{ "default", THEME_DEFAULT, 0 }, { "DEFAULT", THEME_DEFAULT, 0 },
		{ "black", THEME_ANSI, 0 }, { "white", THEME_ANSI, 7 },
		{ "bright-black", THEME_ANSI, 8 }, { "brightred", THEME_ANSI, 9 },
		{ "Bright-White", THEME_ANSI, 15 }, { "grey", THEME_ANSI, 8 },
		{ "gray", THEME_ANSI, 8 }, { "0", THEME_256, 0 },
		{ "255", THEME_256, 255 }, { "color17", THEME_256, 17 },
		{ "colour231", THEME_256, 231 },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		struct theme t;
		struct diag d = DIAG_INIT;
		char line[64];
		snprintf(line, sizeof line, "rule %s default\n", ok[i].word);
		theme_init(&t);
		T_EQ_INT(theme_parse(&t, "c", line, NULL, NULL, &d), 0);
		T_CHECK(st(&t, THEME_RULE)->fg.kind == ok[i].kind &&
			st(&t, THEME_RULE)->fg.index == ok[i].index, "%s", ok[i].word);
		diag_free(&d);
	}
	static const char *const bad[] = {
		"bright", "brightest-red", "-1", "1000", "color", "color256",
		"#fff", "#1234567", "x12", "+5", "bright-", "--"
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct theme t;
		struct diag d = DIAG_INIT;
		char line[64];
		snprintf(line, sizeof line, "rule %s default\n", bad[i]);
		theme_init(&t);
		T_CHECK(theme_parse(&t, "c", line, NULL, NULL, &d) == 1, "%s", bad[i]);
		T_EQ_INT(d.n, 1);
		diag_free(&d);
	}
}

TEST(inheritance)
{
	struct theme t;
	theme_init(&t);
	T_EQ_INT(theme_parse(&t, "i", "normal white black\nlist-row red -\n"
			     "related green default\nlist-selected - blue\n",
			     NULL, NULL, NULL), 0);
	/* list-date: unset, child of list-row */
	T_OK(is_ansi(st(&t, THEME_LIST_DATE)->fg, 1));
	T_OK(is_ansi(st(&t, THEME_LIST_DATE)->bg, 0));
	/* list-selected: set with "-" fg, so list-row's red; attrs as written */
	T_OK(is_ansi(st(&t, THEME_LIST_SELECTED)->fg, 1));
	T_OK(is_ansi(st(&t, THEME_LIST_SELECTED)->bg, 4));
	T_EQ_INT(st(&t, THEME_LIST_SELECTED)->attrs, 0);
	/* related-title: unset child of related: its colours plus bold */
	T_OK(is_ansi(st(&t, THEME_RELATED_TITLE)->fg, 2));
	T_EQ_INT(st(&t, THEME_RELATED_TITLE)->bg.kind, THEME_DEFAULT);
	T_EQ_INT(st(&t, THEME_RELATED_TITLE)->attrs, THEME_BOLD);
	/* a later parse overrides and re-resolves children */
	theme_parse(&t, "i2", "list-row yellow -\n", NULL, NULL, NULL);
	T_OK(is_ansi(st(&t, THEME_LIST_DATE)->fg, 3));
	/* resolved styles never hold INHERIT */
	for (int e = 0; e < THEME_COUNT; e++) {
		T_OK(st(&t, e)->fg.kind != THEME_INHERIT);
		T_OK(st(&t, e)->bg.kind != THEME_INHERIT);
	}
}

/* Parents precede children, which the one-pass resolver relies on. */
TEST(parent_order)
{
	struct theme t;
	theme_init(&t);
	theme_parse(&t, "p", "normal red default\n", NULL, NULL, NULL);
	for (int e = 0; e < THEME_COUNT; e++)
		T_CHECK(is_ansi(st(&t, e)->fg, 1) || t.set[e], "%s",
			theme_element_name(e));
}

TEST(builtin_themes)
{
	const char *names[32];
	size_t n = theme_list_builtin(names, 32);
	T_EQ_INT(n, 7);
	T_EQ_INT(theme_list_builtin(names, 2), n);
	theme_list_builtin(names, 32);
	static const char *const expect[] = { "dark", "default", "high-contrast",
		"light", "mono", "solarized-dark", "solarized-light" };
	for (size_t i = 0; i < n && i < 7; i++)
		T_EQ_STR(names[i], expect[i]);
	for (size_t i = 0; i < n && i < 32; i++) {
		struct theme t;
		struct diag d = DIAG_INIT;
		T_EQ_INT(theme_load(&t, names[i], NULL, NULL, &d), 0);
		T_CHECK(d.n == 0, "theme %s has %zu messages", names[i], d.n);
		dump_diag(&d);
		T_EQ_STR(t.name, names[i]);
		/* every element is set explicitly: a built-in theme is complete */
		for (int e = 0; e < THEME_COUNT; e++)
			T_CHECK(t.set[e], "%s does not set %s", names[i],
				theme_element_name(e));
		/* no invisible text */
		for (int e = 0; e < THEME_COUNT; e++) {
			const struct theme_style *s = st(&t, e);
			T_CHECK(s->fg.kind == THEME_DEFAULT || !same_color(s->fg, s->bg),
				"%s: %s fg == bg", names[i], theme_element_name(e));
		}
		diag_free(&d);
	}
}

/* PER, LOC, ORG, MISC must tell apart: by colour in coloured themes, by
 * attributes in mono (which has no colour at all). */
TEST(entities_distinct)
{
	const char *names[32];
	size_t n = theme_list_builtin(names, 32);
	static const enum theme_element ent[4] = {
		THEME_ENTITY_PER, THEME_ENTITY_LOC, THEME_ENTITY_ORG, THEME_ENTITY_MISC
	};
	for (size_t i = 0; i < n && i < 32; i++) {
		struct theme t;
		theme_load(&t, names[i], NULL, NULL, NULL);
		int mono = strcmp(names[i], "mono") == 0;
		for (int a = 0; a < 4; a++)
			for (int b = a + 1; b < 4; b++) {
				const struct theme_style *x = st(&t, ent[a]), *y = st(&t, ent[b]);
				if (mono)
					T_CHECK(x->attrs != y->attrs, "mono %d %d", a, b);
				else
					T_CHECK(!same_color(x->fg, y->fg), "%s %d %d", names[i], a, b);
			}
		/* an entity's colour is its own: no other element of the screen
		 * is drawn in it, so the colour alone says "a place" */
		for (int a = 0; a < 4 && !mono; a++)
			for (int e = 0; e < THEME_COUNT; e++) {
				const struct theme_style *x = st(&t, ent[a]), *y = st(&t, e);
				if (e >= THEME_ENTITY_PER && e <= THEME_ENTITY_MISC)
					continue;
				T_CHECK(!same_color(x->fg, y->fg) &&
					(y->bg.kind == THEME_DEFAULT || !same_color(x->fg, y->bg)),
					"%s: %s shares its colour with %s", names[i],
					theme_element_name(ent[a]), theme_element_name(e));
			}
		/* without colour (NO_COLOR, --color=never) each type keeps an
		 * attribute of its own, so mentions stay visible */
		theme_strip_colors(&t);
		for (int a = 0; a < 4; a++) {
			T_CHECK(st(&t, ent[a])->attrs != st(&t, THEME_NORMAL)->attrs,
				"%s: %s unmarked without colour", names[i],
				theme_element_name(ent[a]));
			for (int b = a + 1; b < 4; b++)
				T_CHECK(st(&t, ent[a])->attrs != st(&t, ent[b])->attrs,
					"%s without colour: %s and %s look alike", names[i],
					theme_element_name(ent[a]), theme_element_name(ent[b]));
		}
		if (!mono)
			continue;
		for (int e = 0; e < THEME_COUNT; e++) {
			T_EQ_INT(st(&t, e)->fg.kind, THEME_DEFAULT);
			T_EQ_INT(st(&t, e)->bg.kind, THEME_DEFAULT);
		}
	}
}

TEST(load_paths_and_names)
{
	struct theme t;
	struct diag d = DIAG_INIT;
	/* include by name from the user dir, then an override */
	T_EQ_INT(theme_load(&t, "child", DATA, NULL, &d), 0);
	T_EQ_INT(d.n, 0);
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 1));
	T_OK(is_ansi(st(&t, THEME_LIST_DATE)->fg, 2));
	T_OK(is_ansi(st(&t, THEME_LINK)->fg, 3));
	T_EQ_STR(t.name, "child");
	/* a path: includes relative to the file */
	T_EQ_INT(theme_load(&t, DATA "/relative.theme", NULL, NULL, &d), 0);
	T_EQ_INT(d.n, 0);
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 1));
	T_OK(is_ansi(st(&t, THEME_LINK)->fg, 5));
	T_OK(is_ansi(st(&t, THEME_LINK)->bg, 0));	/* "-": normal's black */
	T_EQ_INT(st(&t, THEME_LINK)->attrs, 0);
	/* the user dir shadows a built-in; the data dir does not */
	T_EQ_INT(theme_load(&t, "light", DATA, NULL, &d), 0);
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 1));
	T_EQ_INT(theme_load(&t, "light", NULL, DATA, &d), 0);
	T_OK(is_rgb(st(&t, THEME_NORMAL)->bg, 255, 255, 255));
	/* the data dir is the last place looked */
	T_EQ_INT(theme_load(&t, "base", NULL, DATA, &d), 0);
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 1));
	T_EQ_INT(d.n, 0);
	/* a user theme may build on a built-in one */
	theme_init(&t);
	T_EQ_INT(theme_parse(&t, "mine", "include solarized-dark\ntitle red -\n",
			     NULL, NULL, &d), 0);
	T_OK(is_rgb(st(&t, THEME_NORMAL)->bg, 0x00, 0x2b, 0x36));
	T_OK(is_ansi(st(&t, THEME_TITLE)->fg, 1));
	T_OK(is_rgb(st(&t, THEME_TITLE)->bg, 0x00, 0x2b, 0x36));
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

TEST(bad_file_still_loads)
{
	struct theme t;
	struct diag d = DIAG_INIT;
	T_EQ_INT(theme_load(&t, DATA "/bad.theme", NULL, NULL, &d), 0);
	T_EQ_INT(d.n, 3);
	if (d.n == 3) {
		T_EQ_STR(d.msg[0], DATA "/bad.theme:3: unknown colour 'bleu' (line ignored)");
		T_EQ_STR(d.msg[1], DATA "/bad.theme:5: unknown element 'flashing' (line ignored)");
		T_EQ_STR(d.msg[2], DATA "/bad.theme:6: unknown attribute 'blink' (line ignored)");
	}
	T_OK(is_ansi(st(&t, THEME_NORMAL)->bg, 4));
	T_OK(is_ansi(st(&t, THEME_LIST_SOURCE)->fg, 2));
	T_OK(is_ansi(st(&t, THEME_LIST_DATE)->fg, 7));
	diag_free(&d);
}

TEST(include_errors)
{
	struct theme t;
	struct diag d = DIAG_INIT;
	T_EQ_INT(theme_load(&t, "cycle-a", DATA, NULL, &d), 0);
	T_EQ_INT(d.n, 1);
	if (d.n)
		T_EQ_STR(d.msg[0], DATA "/cycle-b.theme:1: include cycle: 'cycle-a' (line ignored)");
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 1));
	T_OK(is_ansi(st(&t, THEME_LINK)->fg, 2));
	diag_free(&d);

	T_EQ_INT(theme_load(&t, DATA "/self.theme", NULL, NULL, &d), 0);
	T_EQ_INT(d.n, 1);
	if (d.n)
		T_EQ_STR(d.msg[0], DATA "/self.theme:2: include cycle: 'self.theme' (line ignored)");
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 6));
	diag_free(&d);

	T_EQ_INT(theme_load(&t, "deep1", DATA, NULL, &d), 0);
	T_EQ_INT(d.n, 1);
	if (d.n)
		T_EQ_STR(d.msg[0], DATA "/deep8.theme:1: include 'deep9': nested too deeply (line ignored)");
	T_EQ_INT(st(&t, THEME_NORMAL)->fg.kind, THEME_DEFAULT);
	diag_free(&d);
	/* deep2 is one level less: deep9 is reached */
	T_EQ_INT(theme_load(&t, "deep2", DATA, NULL, &d), 0);
	T_EQ_INT(d.n, 0);
	T_OK(is_ansi(st(&t, THEME_NORMAL)->fg, 2));

	theme_init(&t);
	T_EQ_INT(theme_parse(&t, "u", "include nosuch\ninclude ./nosuch.theme\n"
			     "include\ninclude a b\n", DATA, NULL, &d), 4);
	T_EQ_INT(d.n, 4);
	if (d.n == 4) {
		T_EQ_STR(d.msg[0], "u:1: unknown theme 'nosuch' (line ignored)");
		T_EQ_STR(d.msg[1], "u:2: cannot read theme './nosuch.theme': No such file or directory (line ignored)");
		T_EQ_STR(d.msg[2], "u:3: include: expected one theme name or path (line ignored)");
		T_EQ_STR(d.msg[3], "u:4: include: expected one theme name or path (line ignored)");
	}
	diag_free(&d);
}

TEST(load_fallback)
{
	struct theme want, t;
	T_EQ_INT(theme_load(&want, "default", NULL, NULL, NULL), 0);
	struct diag d = DIAG_INIT;
	T_EQ_INT(theme_load(&t, "nosuch", DATA, DATA, &d), -1);
	T_EQ_INT(d.n, 1);
	if (d.n)
		T_EQ_STR(d.msg[0], "unknown theme 'nosuch' (using default)");
	T_OK(memcmp(t.style, want.style, sizeof t.style) == 0);
	T_EQ_STR(t.name, "default");
	diag_free(&d);
	T_EQ_INT(theme_load(&t, DATA "/missing.theme", NULL, NULL, &d), -1);
	T_EQ_INT(d.n, 1);
	if (d.n)
		T_EQ_STR(d.msg[0], DATA "/missing.theme: cannot read theme: "
			 "No such file or directory (using default)");
	T_OK(memcmp(t.style, want.style, sizeof t.style) == 0);
	diag_free(&d);
	/* the default theme is not the bare base */
	struct theme base;
	theme_init(&base);
	T_OK(memcmp(base.style, want.style, sizeof want.style) != 0);
}

TEST(strip_colors)
{
	struct theme t;
	theme_load(&t, "dark", NULL, NULL, NULL);
	unsigned unread = st(&t, THEME_LIST_UNREAD)->attrs;
	T_EQ_INT(st(&t, THEME_LIST_SELECTED)->attrs & THEME_REVERSE, 0);
	theme_strip_colors(&t);
	for (int e = 0; e < THEME_COUNT; e++) {
		T_EQ_INT(st(&t, e)->fg.kind, THEME_DEFAULT);
		T_EQ_INT(st(&t, e)->bg.kind, THEME_DEFAULT);
	}
	T_EQ_INT(st(&t, THEME_LIST_UNREAD)->attrs, unread);
	/* stood out by its background only: made visible again */
	T_OK(st(&t, THEME_LIST_SELECTED)->attrs & THEME_REVERSE);
	T_OK(st(&t, THEME_SEARCH_MATCH)->attrs & THEME_REVERSE);
	T_EQ_INT(st(&t, THEME_NORMAL)->attrs, 0);
	T_EQ_INT(st(&t, THEME_LIST_DATE)->attrs, 0);
}

TEST(rgb_to_256)
{
	T_EQ_INT(theme_rgb_to_256(0, 0, 0), 16);
	T_EQ_INT(theme_rgb_to_256(255, 255, 255), 231);
	T_EQ_INT(theme_rgb_to_256(0x80, 0x80, 0x80), 244);	/* grey 128 */
	T_EQ_INT(theme_rgb_to_256(0x76, 0x76, 0x76), 243);	/* grey 118 */
	T_EQ_INT(theme_rgb_to_256(0x5f, 0x87, 0xaf), 67);	/* cube 1,2,3 */
	T_EQ_INT(theme_rgb_to_256(255, 0, 0), 196);
	T_EQ_INT(theme_rgb_to_256(0x08, 0x08, 0x08), 232);
	T_EQ_INT(theme_rgb_to_256(0xee, 0xee, 0xee), 255);
	T_EQ_INT(theme_rgb_to_256(0x00, 0x2b, 0x36), 234);	/* solarized base03: grey */
	/* every cube and grey colour maps back to itself */
	for (int n = 16; n < 256; n++) {
		int r, g, b;
		theme_256_to_rgb(n, &r, &g, &b);
		T_EQ_INT(theme_rgb_to_256(r, g, b), n);
	}
}

TEST(to_8_colours)
{
	T_EQ_INT(theme_rgb_to_8(0, 0, 0), 0);
	T_EQ_INT(theme_rgb_to_8(255, 0, 0), 1);
	T_EQ_INT(theme_rgb_to_8(0, 0, 255), 4);
	T_EQ_INT(theme_rgb_to_8(255, 255, 255), 7);
	T_EQ_INT(theme_rgb_to_8(0xb5, 0x89, 0x00), 3);	/* solarized yellow */
	T_EQ_INT(theme_rgb_to_8(0x00, 0x2b, 0x36), 0);	/* solarized base03 */
	T_EQ_INT(theme_256_to_8(5), 5);
	T_EQ_INT(theme_256_to_8(9), 1);
	T_EQ_INT(theme_256_to_8(196), 1);
	T_EQ_INT(theme_256_to_8(231), 7);
	T_EQ_INT(theme_256_to_8(16), 0);
	T_EQ_INT(theme_256_to_8(46), 2);
}

TEST(color_for)
{
	struct theme_color def = { THEME_DEFAULT, 0, 0, 0, 0 };
	struct theme_color bred = { THEME_ANSI, 9, 0, 0, 0 };
	struct theme_color c200 = { THEME_256, 200, 0, 0, 0 };
	struct theme_color c12 = { THEME_256, 12, 0, 0, 0 };
	struct theme_color rgb = { THEME_RGB, 0, 0x5f, 0x87, 0xaf };
	T_EQ_INT(theme_color_for(def, 256), -1);
	T_EQ_INT(theme_color_for(bred, 256), 9);
	T_EQ_INT(theme_color_for(bred, 16), 9);
	T_EQ_INT(theme_color_for(bred, 8), 1);
	T_EQ_INT(theme_color_for(bred, 2), -1);
	T_EQ_INT(theme_color_for(c200, 256), 200);
	T_EQ_INT(theme_color_for(c200, 8), theme_256_to_8(200));
	T_OK(theme_color_for(c200, 16) < 16);
	T_EQ_INT(theme_color_for(c12, 16), 12);
	T_EQ_INT(theme_color_for(c12, 8), 4);
	T_EQ_INT(theme_color_for(rgb, 256), 67);
	T_OK(theme_color_for(rgb, 88) < 16);
	T_EQ_INT(theme_color_for(rgb, 8), theme_rgb_to_8(0x5f, 0x87, 0xaf));
}

TEST(direct_colour)
{
	struct theme_color rgb = { THEME_RGB, 0, 0x12, 0x34, 0x56 };
	T_EQ_INT(theme_color_direct(rgb), 0x123456);
	struct theme_color black = { THEME_RGB, 0, 0, 0, 0 };
	T_EQ_INT(theme_color_direct(black), 8);	/* never a basic colour */
	struct theme_color red = { THEME_ANSI, 1, 0, 0, 0 };
	T_EQ_INT(theme_color_direct(red), 1);
	struct theme_color grey = { THEME_256, 244, 0, 0, 0 };
	T_EQ_INT(theme_color_direct(grey), 0x808080);
	struct theme_color def = { THEME_DEFAULT, 0, 0, 0, 0 };
	T_EQ_INT(theme_color_direct(def), -1);
}

T_MAIN(RUN(direct_colour); RUN(element_table); RUN(base_theme); RUN(parse_lines);
       RUN(colour_syntax); RUN(inheritance); RUN(parent_order);
       RUN(builtin_themes); RUN(entities_distinct); RUN(load_paths_and_names);
       RUN(bad_file_still_loads); RUN(include_errors); RUN(load_fallback);
       RUN(strip_colors); RUN(rgb_to_256); RUN(to_8_colours); RUN(color_for))
