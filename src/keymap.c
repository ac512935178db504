/* keymap.c: the action table, key names and the per-view key bindings.
 * Bindings are short arrays searched linearly: a view has a few dozen keys
 * and a lookup happens once per key press. */
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>
#include "buf.h"
#include "keymap.h"

#define KEYMAP_NAME_(e, name, help) name,
#define KEYMAP_HELP_(e, name, help) help,
static const char *const action_names[ACT_COUNT] = {
	"none", KEYMAP_ACTIONS(KEYMAP_NAME_)
};
static const char *const action_help[ACT_COUNT] = {
	"", KEYMAP_ACTIONS(KEYMAP_HELP_)
};
#undef KEYMAP_NAME_
#undef KEYMAP_HELP_

/* Help that is more exact in one view than the table's. */
static const struct {
	enum keymap_view view;
	enum keymap_action action;
	const char *help;
} view_help[] = {
	{ VIEW_ARTICLE, ACT_CLOSE, "Close the article (back to the list)" },
	{ VIEW_LIST, ACT_FIND_NEXT, "Go to the next article the filter keeps" },
	{ VIEW_LINKS, ACT_OPEN_URL, "Open the selected address in the browser" },
};

static const char *const view_names[VIEW_COUNT] = {
	"generic", "list", "article", "help", "entities", "index", "mentions",
	"thread", "search", "links"
};

/* Named keys; the first name of a key is the one keymap_key_name writes. */
static const struct {
	int key;
	const char *name;
} key_names[] = {
	{ ' ', "Space" }, { FKEY_ENTER, "Enter" }, { FKEY_TAB, "Tab" },
	{ FKEY_BTAB, "S-Tab" }, { FKEY_ESC, "Esc" },
	{ FKEY_BACKSPACE, "Backspace" }, { FKEY_DEL, "Del" },
	{ FKEY_INS, "Ins" }, { FKEY_UP, "Up" }, { FKEY_DOWN, "Down" },
	{ FKEY_LEFT, "Left" }, { FKEY_RIGHT, "Right" }, { FKEY_PGUP, "PgUp" },
	{ FKEY_PGDN, "PgDn" }, { FKEY_HOME, "Home" }, { FKEY_END, "End" },
};
#define NKEY_NAMES (sizeof key_names / sizeof key_names[0])

struct binding {
	int key;
	enum keymap_action action;	/* ACT_NONE masks a generic binding */
};

struct binding_list {
	struct binding *b;
	size_t n, cap;
};

struct keymap {
	struct binding_list view[VIEW_COUNT];
};

/* The defaults: less, vim and mutt habits. */
static const struct {
	uint8_t view;
	uint8_t action;
	int key;
} default_bindings[] = {
	{ VIEW_GENERIC, ACT_QUIT, 'Q' },
	{ VIEW_GENERIC, ACT_HELP, '?' },
	{ VIEW_GENERIC, ACT_HELP, FKEY_F(1) },
	{ VIEW_GENERIC, ACT_BACK, 'h' },
	{ VIEW_GENERIC, ACT_BACK, FKEY_BACKSPACE },
	{ VIEW_GENERIC, ACT_BACK, FKEY_LEFT },
	{ VIEW_GENERIC, ACT_FORWARD, 'l' },
	{ VIEW_GENERIC, ACT_FORWARD, FKEY_RIGHT },
	{ VIEW_GENERIC, ACT_DOWN, 'j' },
	{ VIEW_GENERIC, ACT_DOWN, FKEY_DOWN },
	{ VIEW_GENERIC, ACT_DOWN, KEY_CTRL('n') },
	{ VIEW_GENERIC, ACT_UP, 'k' },
	{ VIEW_GENERIC, ACT_UP, FKEY_UP },
	{ VIEW_GENERIC, ACT_UP, KEY_CTRL('p') },
	{ VIEW_GENERIC, ACT_PAGE_DOWN, ' ' },
	{ VIEW_GENERIC, ACT_PAGE_DOWN, FKEY_PGDN },
	{ VIEW_GENERIC, ACT_PAGE_DOWN, KEY_CTRL('f') },
	{ VIEW_GENERIC, ACT_PAGE_UP, 'b' },
	{ VIEW_GENERIC, ACT_PAGE_UP, FKEY_PGUP },
	{ VIEW_GENERIC, ACT_PAGE_UP, KEY_CTRL('b') },
	{ VIEW_GENERIC, ACT_HALF_DOWN, KEY_CTRL('d') },
	{ VIEW_GENERIC, ACT_HALF_UP, KEY_CTRL('u') },
	{ VIEW_GENERIC, ACT_TOP, 'g' },
	{ VIEW_GENERIC, ACT_TOP, FKEY_HOME },
	{ VIEW_GENERIC, ACT_BOTTOM, 'G' },
	{ VIEW_GENERIC, ACT_BOTTOM, FKEY_END },
	{ VIEW_GENERIC, ACT_OPEN, FKEY_ENTER },
	{ VIEW_GENERIC, ACT_CLEAR, FKEY_ESC },
	{ VIEW_GENERIC, ACT_REDRAW, KEY_CTRL('l') },
	{ VIEW_GENERIC, ACT_CYCLE_THEME, 'T' },
	{ VIEW_GENERIC, ACT_ENTITY_INDEX, 'E' },
	{ VIEW_GENERIC, ACT_SEARCH, 'S' },
	{ VIEW_GENERIC, ACT_RELOAD, FKEY_F(5) },
	/* newsboat's R (reload-all) fetches; C-r reloads, as a browser does */
	{ VIEW_GENERIC, ACT_FETCH, 'R' },
	{ VIEW_GENERIC, ACT_RELOAD, KEY_CTRL('r') },
	{ VIEW_GENERIC, ACT_OPEN_URL, 'w' },	/* the web */
	{ VIEW_GENERIC, ACT_COPY_URL, 'y' },	/* vim's yank */

	{ VIEW_LIST, ACT_QUIT, 'q' },
	{ VIEW_LIST, ACT_FILTER, '/' },
	{ VIEW_LIST, ACT_SORT, 'o' },
	{ VIEW_LIST, ACT_REVERSE, 'O' },
	{ VIEW_LIST, ACT_GROUP, 'v' },
	{ VIEW_LIST, ACT_TOGGLE_READ, 'N' },
	{ VIEW_LIST, ACT_FLAG, 'f' },
	{ VIEW_LIST, ACT_NEXT_UNREAD, 'u' },
	{ VIEW_LIST, ACT_PREV_UNREAD, 'p' },
	{ VIEW_LIST, ACT_FIND_NEXT, 'n' },
	{ VIEW_LIST, ACT_CATCH_UP, 'A' },
	{ VIEW_LIST, ACT_CATCH_UP_THREAD, 'M' },
	{ VIEW_LIST, ACT_CATCH_UP_DAY, 'D' },
	{ VIEW_LIST, ACT_UNDO, 'z' },
	{ VIEW_LIST, ACT_ONLY_UNREAD, 'U' },
	{ VIEW_LIST, ACT_ONLY_FLAGGED, 'F' },
	{ VIEW_LIST, ACT_THREAD, 't' },

	{ VIEW_ARTICLE, ACT_CLOSE, 'q' },
	{ VIEW_ARTICLE, ACT_FIND, '/' },
	{ VIEW_ARTICLE, ACT_FIND_NEXT, 'n' },
	{ VIEW_ARTICLE, ACT_FIND_PREV, 'N' },
	{ VIEW_ARTICLE, ACT_NEXT_MENTION, FKEY_TAB },
	{ VIEW_ARTICLE, ACT_PREV_MENTION, FKEY_BTAB },
	{ VIEW_ARTICLE, ACT_ENTITIES, 'e' },
	{ VIEW_ARTICLE, ACT_RELATED, 'r' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_1, '1' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_2, '2' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_3, '3' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_4, '4' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_5, '5' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_6, '6' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_7, '7' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_8, '8' },
	{ VIEW_ARTICLE, ACT_OPEN_RELATED_9, '9' },
	{ VIEW_ARTICLE, ACT_THREAD_NEXT, ']' },
	{ VIEW_ARTICLE, ACT_THREAD_PREV, '[' },
	{ VIEW_ARTICLE, ACT_THREAD, 't' },
	{ VIEW_ARTICLE, ACT_FLAG, 'f' },
	{ VIEW_ARTICLE, ACT_NEXT_ARTICLE, 'J' },
	{ VIEW_ARTICLE, ACT_PREV_ARTICLE, 'K' },
	{ VIEW_ARTICLE, ACT_NEXT_UNREAD, 'u' },
	{ VIEW_ARTICLE, ACT_PREV_UNREAD, 'p' },
	{ VIEW_ARTICLE, ACT_OPEN_URL, 'o' },	/* newsboat's open-in-browser */
	{ VIEW_ARTICLE, ACT_LINKS, 'L' },

	{ VIEW_HELP, ACT_CLOSE, 'q' },
	{ VIEW_ENTITIES, ACT_CLOSE, 'q' },
	{ VIEW_ENTITIES, ACT_FILTER, '/' },
	{ VIEW_INDEX, ACT_CLOSE, 'q' },
	{ VIEW_INDEX, ACT_FILTER, '/' },
	{ VIEW_MENTIONS, ACT_CLOSE, 'q' },
	{ VIEW_MENTIONS, ACT_FILTER, '/' },
	{ VIEW_THREAD, ACT_CLOSE, 'q' },
	{ VIEW_THREAD, ACT_FILTER, '/' },
	{ VIEW_SEARCH, ACT_CLOSE, 'q' },
	{ VIEW_SEARCH, ACT_SORT, 'o' },
	{ VIEW_LINKS, ACT_CLOSE, 'q' },
	{ VIEW_LINKS, ACT_FILTER, '/' },
	{ VIEW_LINKS, ACT_OPEN_URL, 'o' },
};

int keymap_key_normalize(int key)
{
	switch (key) {
	case '\n': case '\r': return FKEY_ENTER;
	case '\t': return FKEY_TAB;
	case 27: return FKEY_ESC;
	case 8: case 127: return FKEY_BACKSPACE;
	default: return key;
	}
}

/* A code point that can be typed and shown as itself on the help screen:
 * not a control (C0, DEL, C1), not space (it has a name), not a surrogate,
 * and no other character one cannot see or that changes how the line is
 * shown: format characters (bidi overrides and isolates, zero-width
 * joiners), unassigned and private-use code points, separators, lone
 * combining marks. */
static int key_is_printable(int key)
{
	if (key <= ' ' || key == 127 || (key >= 0x80 && key < 0xa0))
		return 0;
	if (key >= 0xd800 && key <= 0xdfff)
		return 0;
	if (key >= FKEY_BASE || key > 0x10ffff)
		return 0;
	ucs4_t c = (ucs4_t)key;
	return !uc_is_general_category(c, UC_CATEGORY_C) &&
	       !uc_is_general_category(c, UC_CATEGORY_Z) &&
	       !uc_is_general_category(c, UC_CATEGORY_M);
}

/* "C-x": a letter in either case, or one of [\]^_ (C-@ would be NUL). */
static int key_parse_ctrl(const char *c)
{
	if (!c[0] || c[1])
		return -1;
	int ch = (unsigned char)c[0];
	if (ch >= 'A' && ch <= 'Z')
		ch += 'a' - 'A';
	if ((ch >= 'a' && ch <= 'z') || strchr("[\\]^_", ch))
		return keymap_key_normalize(KEY_CTRL(ch));
	return -1;
}

/* One whole UTF-8 character, printable. */
static int key_parse_char(const char *name)
{
	size_t n = strlen(name);
	ucs4_t uc;
	int len = u8_mbtoucr(&uc, (const uint8_t *)name, n);
	if (len <= 0 || (size_t)len != n || !key_is_printable((int)uc))
		return -1;
	return (int)uc;
}

int keymap_key_parse(const char *name)
{
	if (!name || !name[0])
		return -1;
	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (strcasecmp(name, key_names[i].name) == 0)
			return key_names[i].key;
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		int n = name[1] - '0';
		if (name[2] >= '0' && name[2] <= '9' && !name[3])
			n = n * 10 + (name[2] - '0');
		else if (name[2])
			n = 0;
		if (n >= 1 && n <= 12)
			return FKEY_F(n);
		return -1;
	}
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2])
		return key_parse_ctrl(name + 2);
	return key_parse_char(name);
}

char *keymap_key_name(int key, char *buf)
{
	key = keymap_key_normalize(key);
	for (size_t i = 0; i < NKEY_NAMES; i++)
		if (key == key_names[i].key)
			return strcpy(buf, key_names[i].name);
	if (key >= FKEY_F(1) && key <= FKEY_F(12)) {
		buf[0] = 'F';
		int n = key - FKEY_F0, i = 1;
		if (n >= 10)
			buf[i++] = '1';
		buf[i++] = (char)('0' + n % 10);
		buf[i] = '\0';
		return buf;
	}
	if (key >= 1 && key < ' ') {
		buf[0] = 'C';
		buf[1] = '-';
		buf[2] = (char)(key < 27 ? key + 'a' - 1 : key + '@');
		buf[3] = '\0';
		return buf;
	}
	if (!key_is_printable(key))
		return NULL;
	int len = u8_uctomb((uint8_t *)buf, (ucs4_t)key, 6);
	if (len <= 0)
		return NULL;
	buf[len] = '\0';
	return buf;
}

const char *keymap_action_name(enum keymap_action a)
{
	return (unsigned)a < ACT_COUNT ? action_names[a] : "none";
}

enum keymap_action keymap_action_from_name(const char *name)
{
	for (int a = 1; a < ACT_COUNT; a++)
		if (strcmp(name, action_names[a]) == 0)
			return (enum keymap_action)a;
	return ACT_NONE;
}

const char *keymap_action_help(enum keymap_action a)
{
	return (unsigned)a < ACT_COUNT ? action_help[a] : "";
}

const char *keymap_view_help(enum keymap_view v, enum keymap_action a)
{
	for (size_t i = 0; i < sizeof view_help / sizeof *view_help; i++)
		if (view_help[i].view == v && view_help[i].action == a)
			return view_help[i].help;
	return keymap_action_help(a);
}

const char *keymap_view_name(enum keymap_view v)
{
	return (unsigned)v < VIEW_COUNT ? view_names[v] : "";
}

int keymap_view_from_name(const char *name)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		if (strcmp(name, view_names[v]) == 0)
			return v;
	return -1;
}

struct keymap *keymap_new_empty(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

struct keymap *keymap_new_default(void)
{
	struct keymap *km = keymap_new_empty();
	size_t n = sizeof default_bindings / sizeof default_bindings[0];
	for (size_t i = 0; i < n; i++)
		keymap_bind(km, default_bindings[i].view, default_bindings[i].key,
			    default_bindings[i].action);
	return km;
}

void keymap_free(struct keymap *km)
{
	if (!km)
		return;
	for (int v = 0; v < VIEW_COUNT; v++)
		free(km->view[v].b);
	free(km);
}

static struct binding *list_find(const struct binding_list *l, int key)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->b[i].key == key)
			return &l->b[i];
	return NULL;
}

/* Sets key's entry in l (in place when present, so help order is stable). */
static void list_set(struct binding_list *l, int key, enum keymap_action a)
{
	struct binding *b = list_find(l, key);
	if (!b) {
		l->b = xgrow(l->b, &l->cap, l->n + 1, sizeof *l->b);
		b = &l->b[l->n++];
		b->key = key;
	}
	b->action = a;
}

static int key_is_bindable(int key)
{
	char name[KEYMAP_KEY_NAME_MAX];
	return keymap_key_name(key, name) != NULL;
}

int keymap_bind(struct keymap *km, enum keymap_view view, int key,
		enum keymap_action action)
{
	if ((unsigned)view >= VIEW_COUNT || (unsigned)action >= ACT_COUNT ||
	    !key_is_bindable(key))
		return -1;
	if (action == ACT_NONE)
		return keymap_unbind(km, view, key);
	list_set(&km->view[view], keymap_key_normalize(key), action);
	return 0;
}

int keymap_unbind(struct keymap *km, enum keymap_view view, int key)
{
	if ((unsigned)view >= VIEW_COUNT)
		return -1;
	key = keymap_key_normalize(key);
	struct binding_list *l = &km->view[view];
	if (view != VIEW_GENERIC) {
		list_set(l, key, ACT_NONE);
		return 0;
	}
	struct binding *b = list_find(l, key);
	if (b) {
		size_t i = (size_t)(b - l->b);
		memmove(b, b + 1, (l->n - i - 1) * sizeof *b);
		l->n--;
	}
	return 0;
}

enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_view view,
				 int key)
{
	if ((unsigned)view >= VIEW_COUNT)
		return ACT_NONE;
	key = keymap_key_normalize(key);
	const struct binding *b = list_find(&km->view[view], key);
	if (!b && view != VIEW_GENERIC)
		b = list_find(&km->view[VIEW_GENERIC], key);
	return b ? b->action : ACT_NONE;
}

size_t keymap_keys_for(const struct keymap *km, enum keymap_view view,
		       enum keymap_action action, int *keys, size_t max)
{
	if ((unsigned)view >= VIEW_COUNT || action == ACT_NONE)
		return 0;
	size_t n = 0;
	const struct binding_list *own = &km->view[view];
	for (size_t i = 0; i < own->n && n < max; i++)
		if (own->b[i].action == action)
			keys[n++] = own->b[i].key;
	if (view == VIEW_GENERIC)
		return n;
	const struct binding_list *gen = &km->view[VIEW_GENERIC];
	for (size_t i = 0; i < gen->n && n < max; i++)
		if (gen->b[i].action == action && !list_find(own, gen->b[i].key))
			keys[n++] = gen->b[i].key;
	return n;
}
