/* theme.c: theme files (built-in, user or installed) to resolved styles per
 * screen element, and pure colour mapping helpers for the view layer. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "diag.h"
#include "lexicon.h"
#include "text.h"
#include "theme.h"

#define THEME_NAME_(e, name, parent, attrs) name,
#define THEME_PARENT_(e, name, parent, attrs) parent,
#define THEME_BASE_(e, name, parent, attrs) attrs,
static const char *const element_names[THEME_COUNT] = {
	THEME_ELEMENTS(THEME_NAME_)
};
static const unsigned char element_parent[THEME_COUNT] = {
	THEME_ELEMENTS(THEME_PARENT_)
};
static const unsigned char element_base[THEME_COUNT] = {
	THEME_ELEMENTS(THEME_BASE_)
};
#undef THEME_NAME_
#undef THEME_PARENT_
#undef THEME_BASE_

static const char *const ansi_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

static const struct {
	const char *name;
	unsigned attr;
} attr_names[] = {
	{ "bold", THEME_BOLD }, { "dim", THEME_DIM }, { "italic", THEME_ITALIC },
	{ "underline", THEME_UNDERLINE }, { "reverse", THEME_REVERSE },
	{ "none", 0 },
};

/* xterm's default palette for the 16 ANSI colours. */
static const unsigned char xterm16[16][3] = {
	{ 0, 0, 0 }, { 205, 0, 0 }, { 0, 205, 0 }, { 205, 205, 0 },
	{ 0, 0, 238 }, { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 }, { 0, 255, 0 }, { 255, 255, 0 },
	{ 92, 92, 255 }, { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};
static const unsigned char cube_level[6] = { 0, 95, 135, 175, 215, 255 };

#define MAX_WORDS 16

/* State of one theme_load/theme_parse call, shared by nested includes. */
struct loader {
	struct theme *t;
	const char *user_dir, *data_dir;
	struct diag *d;
	char *stack[THEME_INCLUDE_MAX + 1];	/* identities being parsed */
	int depth;
	size_t ignored;
};

static void parse_text(struct loader *ld, const char *label, const char *text);

const char *theme_element_name(enum theme_element e)
{
	return (unsigned)e < THEME_COUNT ? element_names[e] : "";
}

int theme_element_from_name(const char *name)
{
	for (int e = 0; e < THEME_COUNT; e++)
		if (strcmp(name, element_names[e]) == 0)
			return e;
	return -1;
}

/* Parents come first in the table, so one pass resolves everything. */
static void theme_resolve(struct theme *t)
{
	static const struct theme_color deflt = { THEME_DEFAULT, 0, 0, 0, 0 };
	for (int e = 0; e < THEME_COUNT; e++) {
		const struct theme_style *p = e == THEME_NORMAL ? NULL
			: &t->style[element_parent[e]];
		struct theme_style *s = &t->style[e];
		if (!t->set[e]) {
			s->fg = p ? p->fg : deflt;
			s->bg = p ? p->bg : deflt;
			s->attrs = (p ? p->attrs : 0) | element_base[e];
			continue;
		}
		*s = t->spec[e];
		if (s->fg.kind == THEME_INHERIT)
			s->fg = p ? p->fg : deflt;
		if (s->bg.kind == THEME_INHERIT)
			s->bg = p ? p->bg : deflt;
	}
}

void theme_init(struct theme *t)
{
	memset(t, 0, sizeof *t);
	theme_resolve(t);
}

const struct theme_style *theme_style(const struct theme *t,
				      enum theme_element e)
{
	return &t->style[(unsigned)e < THEME_COUNT ? e : THEME_NORMAL];
}

static int parse_hex_color(const char *s, struct theme_color *c)
{
	int v[6];
	if (strlen(s) != 7)
		return -1;
	for (int i = 0; i < 6; i++)
		if ((v[i] = text_hex_digit((unsigned char)s[i + 1])) < 0)
			return -1;
	c->kind = THEME_RGB;
	c->r = (uint8_t)(v[0] * 16 + v[1]);
	c->g = (uint8_t)(v[2] * 16 + v[3]);
	c->b = (uint8_t)(v[4] * 16 + v[5]);
	return 0;
}

/* "0".."255", no sign, no leading junk; returns -1 otherwise. */
static int parse_index(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 3 || strspn(s, "0123456789") != n)
		return -1;
	int v = atoi(s);
	return v <= 255 ? v : -1;
}

static int parse_ansi_name(const char *s)
{
	if (strcasecmp(s, "grey") == 0 || strcasecmp(s, "gray") == 0)
		return 8;
	int bright = 0;
	if (strncasecmp(s, "bright-", 7) == 0)
		s += 7, bright = 8;
	else if (strncasecmp(s, "bright", 6) == 0)
		s += 6, bright = 8;
	for (int i = 0; i < 8; i++)
		if (strcasecmp(s, ansi_names[i]) == 0)
			return i + bright;
	return -1;
}

static int parse_color(const char *s, struct theme_color *c)
{
	memset(c, 0, sizeof *c);
	if (s[0] == '#')
		return parse_hex_color(s, c);
	if (strcmp(s, "-") == 0) {
		c->kind = THEME_INHERIT;
		return 0;
	}
	if (strcasecmp(s, "default") == 0)
		return 0;
	int i = parse_ansi_name(s);
	if (i >= 0) {
		c->kind = THEME_ANSI;
		c->index = (uint8_t)i;
		return 0;
	}
	if (strncasecmp(s, "colour", 6) == 0)
		s += 6;
	else if (strncasecmp(s, "color", 5) == 0)
		s += 5;
	if ((i = parse_index(s)) < 0)
		return -1;
	c->kind = THEME_256;
	c->index = (uint8_t)i;
	return 0;
}

static int parse_attr(const char *s, unsigned *attrs)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strcasecmp(s, attr_names[i].name) == 0) {
			*attrs |= attr_names[i].attr;
			return 0;
		}
	return -1;
}

static int is_path(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 6 && strcmp(s + n - 6, ".theme") == 0);
}

/* A theme found by name or path: its text, what to call it in messages and
 * an identity for cycle detection. */
struct found {
	struct buf text;
	struct buf label;
	struct buf id;
};

static int find_in_dir(const char *dir, const char *name, struct found *f)
{
	if (!dir || !dir[0]) {
		errno = ENOENT;
		return -1;
	}
	buf_reset(&f->text);
	buf_reset(&f->label);
	buf_addf(&f->label, "%s/%s.theme", dir, name);
	return buf_read_file(&f->text, buf_str(&f->label));
}

static void set_file_id(struct found *f)
{
	char *real = realpath(buf_str(&f->label), NULL);
	buf_reset(&f->id);
	buf_adds(&f->id, real ? real : buf_str(&f->label));
	free(real);
}

/* user dir, then built-in, then data dir. A file that is there but cannot
 * be read (a FIFO, a directory, no permission) stops the search: -1 with
 * errno saying why and f->label naming it; else errno is ENOENT. */
static int find_by_name(const struct loader *ld, const char *name, struct found *f)
{
	if (find_in_dir(ld->user_dir, name, f) == 0) {
		set_file_id(f);
		return 0;
	}
	if (errno != ENOENT)
		return -1;
	struct buf key = BUF_INIT;
	buf_addf(&key, "theme:%s", name);
	const char *text = lexicon_get(buf_str(&key));
	if (text) {
		buf_adds(&f->text, text);
		buf_reset(&f->label);
		buf_adds(&f->label, buf_str(&key));
		buf_reset(&f->id);
		buf_adds(&f->id, buf_str(&key));
		buf_free(&key);
		return 0;
	}
	buf_free(&key);
	if (find_in_dir(ld->data_dir, name, f) == 0) {
		set_file_id(f);
		return 0;
	}
	return -1;	/* errno from the data dir: ENOENT, or why it is unreadable */
}

/* A relative path in an include is relative to the including file. */
static int find_by_path(const char *path, const char *from, struct found *f)
{
	buf_reset(&f->label);
	const char *slash = from ? strrchr(from, '/') : NULL;
	if (path[0] != '/' && slash)
		buf_add(&f->label, from, (size_t)(slash - from + 1));
	buf_adds(&f->label, path);
	if (buf_read_file(&f->text, buf_str(&f->label)) < 0)
		return -1;
	set_file_id(f);
	return 0;
}

static void found_free(struct found *f)
{
	buf_free(&f->text);
	buf_free(&f->label);
	buf_free(&f->id);
}

static void ignore(struct loader *ld, const char *label, size_t line,
		   const char *what, const char *word)
{
	diag_add(ld->d, label, line, "%s '%s' (line ignored)", what, word);
	ld->ignored++;
}

static int on_stack(const struct loader *ld, const char *id)
{
	for (int i = 0; i < ld->depth; i++)
		if (strcmp(ld->stack[i], id) == 0)
			return 1;
	return 0;
}

/* Parses found text as one more level of the include stack. */
static void parse_found(struct loader *ld, struct found *f)
{
	ld->stack[ld->depth++] = xstrdup(buf_str(&f->id));
	parse_text(ld, buf_str(&f->label), buf_str(&f->text));
	free(ld->stack[--ld->depth]);
}

static void do_include(struct loader *ld, const char *label, size_t line,
		       char **w, int nw)
{
	if (nw != 2) {
		diag_add(ld->d, label, line,
			 "include: expected one theme name or path (line ignored)");
		ld->ignored++;
		return;
	}
	if (ld->depth >= THEME_INCLUDE_MAX) {
		diag_add(ld->d, label, line,
			 "include '%s': nested too deeply (line ignored)", w[1]);
		ld->ignored++;
		return;
	}
	struct found f = { BUF_INIT, BUF_INIT, BUF_INIT };
	int r = is_path(w[1]) ? find_by_path(w[1], label, &f)
		: find_by_name(ld, w[1], &f);
	int err = errno;
	if (r < 0 && (is_path(w[1]) || err != ENOENT)) {
		diag_add(ld->d, label, line, "cannot read theme '%s': %s (line ignored)",
			 is_path(w[1]) ? w[1] : buf_str(&f.label), buf_read_error(err));
		ld->ignored++;
	} else if (r < 0)
		ignore(ld, label, line, "unknown theme", w[1]);
	else if (on_stack(ld, buf_str(&f.id)))
		ignore(ld, label, line, "include cycle:", w[1]);
	else
		parse_found(ld, &f);
	found_free(&f);
}

/* "ELEMENT FG BG [ATTR...]": all or nothing, so a typo never half-applies. */
static void do_element(struct loader *ld, const char *label, size_t line,
		       char **w, int nw)
{
	int e = theme_element_from_name(w[0]);
	if (e < 0) {
		ignore(ld, label, line, "unknown element", w[0]);
		return;
	}
	if (nw < 3) {
		ignore(ld, label, line, nw < 2 ? "missing colours for"
		       : "missing background colour for", w[0]);
		return;
	}
	struct theme_style s = { .attrs = 0 };
	for (int i = 1; i < 3; i++)
		if (parse_color(w[i], i == 1 ? &s.fg : &s.bg) < 0) {
			ignore(ld, label, line, "unknown colour", w[i]);
			return;
		}
	for (int i = 3; i < nw; i++)
		if (parse_attr(w[i], &s.attrs) < 0) {
			ignore(ld, label, line, "unknown attribute", w[i]);
			return;
		}
	ld->t->spec[e] = s;
	ld->t->set[e] = 1;
}

/* Splits line (modified in place) at blanks; returns the word count, or -1
 * when there are more than max. */
static int split_words(char *line, char **w, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *p = strtok_r(line, " \t\r", &save); p;
	     p = strtok_r(NULL, " \t\r", &save)) {
		if (n == max)
			return -1;
		w[n++] = p;
	}
	return n;
}

static void parse_line(struct loader *ld, const char *label, size_t line,
		       char *text)
{
	char *w[MAX_WORDS];
	int nw = split_words(text, w, MAX_WORDS);
	if (nw == 0 || w[0][0] == '#')
		return;
	if (nw < 0) {
		diag_add(ld->d, label, line, "too many words (line ignored)");
		ld->ignored++;
	} else if (strcmp(w[0], "include") == 0) {
		do_include(ld, label, line, w, nw);
	} else {
		do_element(ld, label, line, w, nw);
	}
}

static void parse_text(struct loader *ld, const char *label, const char *text)
{
	struct buf line = BUF_INIT;
	size_t lineno = 0;
	while (buf_next_line(&text, &line))
		parse_line(ld, label, ++lineno, line.data);
	buf_free(&line);
}

size_t theme_parse(struct theme *t, const char *label, const char *text,
		   const char *user_dir, const char *data_dir, struct diag *d)
{
	struct loader ld = { .t = t, .user_dir = user_dir,
			     .data_dir = data_dir, .d = d };
	parse_text(&ld, label, text);
	theme_resolve(t);
	return ld.ignored;
}

static void load_default(struct theme *out)
{
	theme_init(out);
	const char *text = lexicon_get("theme:default");
	if (text)
		theme_parse(out, "theme:default", text, NULL, NULL, NULL);
	strcpy(out->name, "default");
}

int theme_load(struct theme *out, const char *name_or_path,
	       const char *user_dir, const char *data_dir, struct diag *d)
{
	if (!name_or_path)
		name_or_path = "default";
	struct loader ld = { .t = out, .user_dir = user_dir,
			     .data_dir = data_dir, .d = d };
	struct found f = { BUF_INIT, BUF_INIT, BUF_INIT };
	int path = is_path(name_or_path);
	if ((path ? find_by_path(name_or_path, NULL, &f)
	     : find_by_name(&ld, name_or_path, &f)) < 0) {
		int err = errno;
		if (path || err != ENOENT)
			diag_add(d, path ? name_or_path : buf_str(&f.label), 0,
				 "cannot read theme: %s (using default)", buf_read_error(err));
		else
			diag_add(d, NULL, 0, "unknown theme '%s' (using default)",
				 name_or_path);
		found_free(&f);
		load_default(out);
		return -1;
	}
	theme_init(out);
	snprintf(out->name, sizeof out->name, "%s", name_or_path);
	parse_found(&ld, &f);
	theme_resolve(out);
	found_free(&f);
	return 0;
}

static int color_is_default(struct theme_color c)
{
	return c.kind == THEME_DEFAULT || c.kind == THEME_INHERIT;
}

static int color_equal(struct theme_color a, struct theme_color b)
{
	if (a.kind != b.kind)
		return 0;
	if (a.kind == THEME_RGB)
		return a.r == b.r && a.g == b.g && a.b == b.b;
	return a.kind == THEME_DEFAULT || a.index == b.index;
}

/* Without colour the entity types must still look apart and stand out:
 * each gets its base attribute (PER bold, LOC underline, ORG italic, MISC
 * dim) on top of the theme's, or only that when the theme's would make two
 * alike. */
static void mark_entities(struct theme *t)
{
	unsigned a[THEME_ENTITY_MISC - THEME_ENTITY_PER + 1];
	int n = THEME_ENTITY_MISC - THEME_ENTITY_PER + 1, alike = 0;
	for (int i = 0; i < n; i++)
		a[i] = t->style[THEME_ENTITY_PER + i].attrs |
		       element_base[THEME_ENTITY_PER + i];
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			alike |= a[i] == a[j];
	for (int i = 0; i < n; i++)
		t->style[THEME_ENTITY_PER + i].attrs =
			alike ? element_base[THEME_ENTITY_PER + i] : a[i];
}

void theme_strip_colors(struct theme *t)
{
	static const struct theme_color deflt = { THEME_DEFAULT, 0, 0, 0, 0 };
	struct theme_color normal_bg = t->style[THEME_NORMAL].bg;
	for (int e = 0; e < THEME_COUNT; e++) {
		struct theme_style *s = &t->style[e];
		if (!color_is_default(s->bg) && !color_equal(s->bg, normal_bg))
			s->attrs |= THEME_REVERSE;
		s->fg = deflt;
		s->bg = deflt;
	}
	mark_entities(t);
}

size_t theme_list_builtin(const char **names, size_t max)
{
	size_t n = 0;
	for (const struct lexicon_file *f = lexicon_files; f->name; f++) {
		if (strncmp(f->name, "theme:", 6) != 0)
			continue;
		if (n < max)
			names[n] = f->name + 6;
		n++;
	}
	return n;
}

static long dist2(int r, int g, int b, int r2, int g2, int b2)
{
	long dr = r - r2, dg = g - g2, db = b - b2;
	return dr * dr + dg * dg + db * db;
}

static int cube_index(int v)
{
	int best = 0;
	for (int i = 1; i < 6; i++)
		if (abs(v - cube_level[i]) < abs(v - cube_level[best]))
			best = i;
	return best;
}

int theme_rgb_to_256(int r, int g, int b)
{
	int ri = cube_index(r), gi = cube_index(g), bi = cube_index(b);
	long cube = dist2(r, g, b, cube_level[ri], cube_level[gi], cube_level[bi]);
	int avg = (r + g + b) / 3;
	int gi2 = (avg - 8 + 5) / 10;	/* greys are 8, 18, ..., 238 */
	if (gi2 < 0)
		gi2 = 0;
	if (gi2 > 23)
		gi2 = 23;
	int grey = 8 + 10 * gi2;
	if (dist2(r, g, b, grey, grey, grey) < cube)
		return 232 + gi2;
	return 16 + 36 * ri + 6 * gi + bi;
}

void theme_256_to_rgb(int n, int *r, int *g, int *b)
{
	if (n < 0 || n > 255)
		n = 0;
	if (n < 16) {
		*r = xterm16[n][0], *g = xterm16[n][1], *b = xterm16[n][2];
	} else if (n < 232) {
		n -= 16;
		*r = cube_level[n / 36], *g = cube_level[n / 6 % 6], *b = cube_level[n % 6];
	} else {
		*r = *g = *b = 8 + 10 * (n - 232);
	}
}

/* Nearest of the first count (8 or 16) ANSI colours. */
static int nearest_ansi(int r, int g, int b, int count)
{
	int best = 0;
	long bestd = LONG_MAX;
	for (int i = 0; i < count; i++) {
		long d = dist2(r, g, b, xterm16[i][0], xterm16[i][1], xterm16[i][2]);
		if (d < bestd)
			bestd = d, best = i;
	}
	return best;
}

int theme_rgb_to_8(int r, int g, int b)
{
	return nearest_ansi(r, g, b, 8);
}

int theme_256_to_8(int n)
{
	if (n >= 0 && n < 16)
		return n & 7;
	int r, g, b;
	theme_256_to_rgb(n, &r, &g, &b);
	return theme_rgb_to_8(r, g, b);
}

int theme_color_direct(struct theme_color c)
{
	if (color_is_default(c))
		return -1;
	int r = c.r, g = c.g, b = c.b;
	if ((c.kind == THEME_ANSI || c.kind == THEME_256) && c.index < 8)
		return c.index;
	if (c.kind == THEME_ANSI || c.kind == THEME_256)
		theme_256_to_rgb(c.index, &r, &g, &b);
	int v = r << 16 | g << 8 | b;
	return v < 8 ? 8 : v;	/* 0-7 would mean the basic colours */
}

int theme_color_for(struct theme_color c, int ncolors)
{
	if (color_is_default(c) || ncolors < 8)
		return -1;
	int palette = ncolors >= 16 ? 16 : 8;
	int r, g, b;
	switch (c.kind) {
	case THEME_ANSI:
		return c.index < palette ? c.index : c.index & 7;
	case THEME_256:
		if (ncolors >= 256 || c.index < palette)
			return c.index;
		theme_256_to_rgb(c.index, &r, &g, &b);
		return nearest_ansi(r, g, b, palette);
	default:
		if (ncolors >= 256)
			return theme_rgb_to_256(c.r, c.g, c.b);
		return nearest_ansi(c.r, c.g, c.b, palette);
	}
}
