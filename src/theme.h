/* theme.h: colour themes as plain data: the styled elements of the screen,
 * the theme file parser, loading by name or path, and pure colour mapping
 * helpers. No curses here: the view layer turns styles into colour pairs.
 *
 * Theme file format (one setting a line):
 *
 *     # a comment (a line whose first non-blank character is '#')
 *     include NAME-OR-PATH
 *     ELEMENT FOREGROUND BACKGROUND [ATTRIBUTE ...]
 *
 * ELEMENT is a name of THEME_ELEMENTS below ("list-selected").
 * A colour is one of:
 *     default          the terminal's own colour
 *     -                the colour of the element's parent (see below)
 *     black red green yellow blue magenta cyan white
 *     bright-black ... bright-white  (also "brightred", and "grey" / "gray"
 *                      for bright-black)          ANSI colours 0-15
 *     0 .. 255 or color0 .. color255              the xterm 256 palette
 *     #rrggbb                                     24-bit colour
 * ATTRIBUTEs are words separated by spaces: bold dim italic underline
 * reverse (or "none", which sets nothing). They replace, not add to, the
 * parent's attributes.
 *
 * Inheritance: each element has a parent (list-date's is list-row, whose is
 * normal). An element no line sets takes its parent's colours and the
 * parent's attributes plus a built-in base attribute of its own (strong is
 * bold, link underlined, list-selected reversed, entities bold / underline /
 * italic / dim), so a theme of one line still shows every structure.
 * A later line for the same element replaces an earlier one, so
 * "include dark" followed by a few lines is a variant of dark.
 *
 * include: a value containing '/' or ending in ".theme" is a file path
 * (relative to the including file's directory); otherwise a theme name,
 * looked up like theme_load() does. Includes nest up to THEME_INCLUDE_MAX
 * deep; a cycle is reported and skipped.
 *
 * Bad lines ("file:line: unknown colour 'bleu' (line ignored)") are
 * reported to the diag and skipped; the rest of the theme still applies. */
#ifndef FILO_THEME_H
#define FILO_THEME_H

#include <stddef.h>
#include <stdint.h>

struct diag;

/* Attributes, a bitmask. */
enum theme_attr {
	THEME_BOLD = 1 << 0,
	THEME_DIM = 1 << 1,
	THEME_ITALIC = 1 << 2,
	THEME_UNDERLINE = 1 << 3,
	THEME_REVERSE = 1 << 4
};

/* Every element: X(ENUM, "name", PARENT, BASE_ATTRS). A parent comes before
 * its children. Which renderer style maps where:
 *   RB_TITLE title, RB_META header, RB_H1..6 h1..h6, RB_QUOTE quote,
 *   RB_CODE code-block, RB_RULE rule, RB_LINKS link, RB_TEXT normal;
 *   RF_EMPH emphasis, RF_STRONG strong, RF_CODE code, RF_LINK link,
 *   RF_LINKNUM link-number, RF_IMAGE image, RF_MARKER list-marker,
 *   RF_MATCH search-match; RE_PER..RE_MISC entity-per..entity-misc. */
#define THEME_ELEMENTS(X) \
	X(THEME_NORMAL,        "normal",        THEME_NORMAL, 0) \
	X(THEME_LIST_ROW,      "list-row",      THEME_NORMAL, 0) \
	X(THEME_LIST_SELECTED, "list-selected", THEME_LIST_ROW, THEME_REVERSE) \
	X(THEME_LIST_READ,     "list-read",     THEME_LIST_ROW, 0) \
	X(THEME_LIST_UNREAD,   "list-unread",   THEME_LIST_ROW, THEME_BOLD) \
	X(THEME_LIST_FLAG,     "list-flag",     THEME_LIST_ROW, THEME_BOLD) \
	X(THEME_LIST_DATE,     "list-date",     THEME_LIST_ROW, 0) \
	X(THEME_LIST_SOURCE,   "list-source",   THEME_LIST_ROW, 0) \
	X(THEME_LIST_COUNT,    "list-count",    THEME_LIST_ROW, 0) \
	X(THEME_GROUP_HEADER,  "group-header",  THEME_NORMAL, THEME_BOLD) \
	X(THEME_TITLE,         "title",         THEME_NORMAL, THEME_BOLD) \
	X(THEME_HEADER,        "header",        THEME_NORMAL, 0) \
	X(THEME_H1,            "h1",            THEME_NORMAL, THEME_BOLD | THEME_UNDERLINE) \
	X(THEME_H2,            "h2",            THEME_NORMAL, THEME_BOLD) \
	X(THEME_H3,            "h3",            THEME_NORMAL, THEME_BOLD) \
	X(THEME_H4,            "h4",            THEME_NORMAL, THEME_BOLD) \
	X(THEME_H5,            "h5",            THEME_NORMAL, THEME_BOLD) \
	X(THEME_H6,            "h6",            THEME_NORMAL, THEME_BOLD) \
	X(THEME_EMPHASIS,      "emphasis",      THEME_NORMAL, THEME_ITALIC) \
	X(THEME_STRONG,        "strong",        THEME_NORMAL, THEME_BOLD) \
	X(THEME_LINK,          "link",          THEME_NORMAL, THEME_UNDERLINE) \
	X(THEME_LINK_NUMBER,   "link-number",   THEME_NORMAL, 0) \
	X(THEME_QUOTE,         "quote",         THEME_NORMAL, 0) \
	X(THEME_CODE,          "code",          THEME_NORMAL, 0) \
	X(THEME_CODE_BLOCK,    "code-block",    THEME_CODE, 0) \
	X(THEME_RULE,          "rule",          THEME_NORMAL, 0) \
	X(THEME_IMAGE,         "image",         THEME_NORMAL, THEME_ITALIC) \
	X(THEME_LIST_MARKER,   "list-marker",   THEME_NORMAL, THEME_BOLD) \
	X(THEME_ENTITY_PER,    "entity-per",    THEME_NORMAL, THEME_BOLD) \
	X(THEME_ENTITY_LOC,    "entity-loc",    THEME_NORMAL, THEME_UNDERLINE) \
	X(THEME_ENTITY_ORG,    "entity-org",    THEME_NORMAL, THEME_ITALIC) \
	X(THEME_ENTITY_MISC,   "entity-misc",   THEME_NORMAL, THEME_DIM) \
	X(THEME_ENTITY_CURSOR, "entity-cursor", THEME_NORMAL, THEME_REVERSE) \
	X(THEME_SEARCH_MATCH,  "search-match",  THEME_NORMAL, THEME_REVERSE) \
	X(THEME_BORDER,        "border",        THEME_NORMAL, 0) \
	X(THEME_RELATED,       "related",       THEME_NORMAL, 0) \
	X(THEME_RELATED_TITLE, "related-title", THEME_RELATED, THEME_BOLD) \
	X(THEME_RELATED_SCORE, "related-score", THEME_RELATED, 0) \
	X(THEME_STATUS,        "status",        THEME_NORMAL, THEME_REVERSE) \
	X(THEME_STATUS_ERROR,  "status-error",  THEME_STATUS, THEME_BOLD) \
	X(THEME_HELP,          "help",          THEME_NORMAL, 0) \
	X(THEME_HELP_TITLE,    "help-title",    THEME_HELP, THEME_BOLD) \
	X(THEME_HELP_KEY,      "help-key",      THEME_HELP, THEME_BOLD) \
	X(THEME_ERROR,         "error",         THEME_NORMAL, THEME_BOLD) \
	X(THEME_PROMPT,        "prompt",        THEME_NORMAL, 0)

#define THEME_ENUM_(e, name, parent, attrs) e,
enum theme_element {
	THEME_ELEMENTS(THEME_ENUM_)
	THEME_COUNT
};
#undef THEME_ENUM_

enum theme_color_kind {
	THEME_DEFAULT,	/* the terminal's default colour */
	THEME_ANSI,	/* index 0-15 */
	THEME_256,	/* index 0-255 */
	THEME_RGB,	/* r, g, b */
	THEME_INHERIT	/* "-": only in theme.spec, never in a resolved style */
};

struct theme_color {
	uint8_t kind;	/* enum theme_color_kind */
	uint8_t index;	/* THEME_ANSI, THEME_256 */
	uint8_t r, g, b;	/* THEME_RGB */
};

struct theme_style {
	struct theme_color fg, bg;
	unsigned attrs;	/* enum theme_attr bits */
};

#define THEME_INCLUDE_MAX 8
#define THEME_NAME_MAX 64

/* A theme is a plain value (no heap): declare one, theme_init() or
 * theme_load() it. Read styles through theme_style(); spec and set are the
 * parser's working state. */
struct theme {
	char name[THEME_NAME_MAX];	/* what was loaded, for messages */
	struct theme_style style[THEME_COUNT];	/* resolved: no THEME_INHERIT */
	struct theme_style spec[THEME_COUNT];	/* as the lines set them */
	unsigned char set[THEME_COUNT];		/* did a line set spec[i]? */
};

/* Element names; theme_element_from_name returns -1 for an unknown name. */
const char *theme_element_name(enum theme_element e);
int theme_element_from_name(const char *name);

/* The bare base: no line set, every element at terminal colours with its
 * base attributes. */
void theme_init(struct theme *t);

/* Applies the lines of text on top of t (which must have been initialised)
 * and resolves inheritance. label names text in messages ("dark.theme" or a
 * path); includes are looked up as theme_load() does, with user_dir and
 * data_dir (either may be NULL). Returns the number of lines ignored. */
size_t theme_parse(struct theme *t, const char *label, const char *text,
		   const char *user_dir, const char *data_dir, struct diag *d);

/* Loads a theme into out from scratch. A value containing '/' or ending in
 * ".theme" is a path; otherwise a name, tried as user_dir/NAME.theme, then
 * the built-in theme NAME (themes/NAME.theme compiled in), then
 * data_dir/NAME.theme. user_dir, data_dir may be NULL (skipped).
 * Returns 0 when found (bad lines are only reported), or -1 when not found
 * or unreadable: then out holds the built-in "default" theme and d says why
 * ("theme 'x': not found (using default)"). */
int theme_load(struct theme *out, const char *name_or_path,
	       const char *user_dir, const char *data_dir, struct diag *d);

/* The resolved style of an element. */
const struct theme_style *theme_style(const struct theme *t,
				      enum theme_element e);

/* For NO_COLOR and --color=never: every colour becomes THEME_DEFAULT and
 * attributes are kept. An element that stood out only by its background
 * (a selection bar, a status line) gets THEME_REVERSE so it still shows,
 * and each entity type its base attribute (PER bold, LOC underline, ORG
 * italic, MISC dim), so that the four stay visible and apart. */
void theme_strip_colors(struct theme *t);

/* Names of the built-in themes, alphabetical, e.g. for cycle-theme. Stores
 * at most max pointers (to static strings); returns how many exist. */
size_t theme_list_builtin(const char **names, size_t max);

/* Colour mapping, pure functions for the view layer. */
/* Nearest xterm 256-palette index (16-231 colour cube or 232-255 greys). */
int theme_rgb_to_256(int r, int g, int b);
/* Nearest of the 8 basic ANSI colours (xterm's default palette). */
int theme_rgb_to_8(int r, int g, int b);
/* A 256-palette index to the nearest basic colour: 0-7 stay, 8-15 lose
 * their brightness, the rest go through their RGB value. */
int theme_256_to_8(int n);
/* The RGB value of a 256-palette index, xterm's default palette. */
void theme_256_to_rgb(int n, int *r, int *g, int *b);
/* The curses colour number of c on a terminal with ncolors colours
 * (8, 16, 256 or more): -1 for THEME_DEFAULT (and THEME_INHERIT), else the
 * nearest index below ncolors. RGB uses the 256 palette, not
 * init_color(): redefining the terminal's palette would leak into other
 * programs. */
int theme_color_for(struct theme_color c, int ncolors);
/* The same for a direct-colour terminal (ncurses' xterm-direct model:
 * values 0-7 are the basic colours, others are 0xRRGGBB): #rrggbb is
 * drawn exactly, palette colours above 7 by their RGB value. */
int theme_color_direct(struct theme_color c);

#endif
