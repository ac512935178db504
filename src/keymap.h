/* keymap.h: the one table of user actions (name, help text), key codes that
 * do not depend on curses, key names for config files, and the bindings of
 * keys to actions per view. No curses here: the UI turns curses keys into
 * these codes (see "Keys" below) and asks keymap_lookup() what to do. */
#ifndef FILO_KEYMAP_H
#define FILO_KEYMAP_H

#include <stddef.h>

/* Every action: X(ENUM, "config-name", "help text"). The config file, the
 * help screen and the man page's key list all come from this table. */
#define KEYMAP_ACTIONS(X) \
	X(ACT_QUIT,          "quit",           "Quit filo") \
	X(ACT_CLOSE,         "close",          "Close the view (back to the list)") \
	X(ACT_HELP,          "help",           "Show the keys of this view") \
	X(ACT_BACK,          "back",           "Go back in history") \
	X(ACT_FORWARD,       "forward",        "Go forward in history") \
	X(ACT_DOWN,          "down",           "Move down one line") \
	X(ACT_UP,            "up",             "Move up one line") \
	X(ACT_PAGE_DOWN,     "page-down",      "Move down one page") \
	X(ACT_PAGE_UP,       "page-up",        "Move up one page") \
	X(ACT_HALF_DOWN,     "half-down",      "Move down half a page") \
	X(ACT_HALF_UP,       "half-up",        "Move up half a page") \
	X(ACT_TOP,           "top",            "Go to the first line") \
	X(ACT_BOTTOM,        "bottom",         "Go to the last line") \
	X(ACT_OPEN,          "open",           "Open the selected item") \
	X(ACT_FILTER,        "filter",         "Filter the list as you type") \
	X(ACT_FIND,          "find",           "Find text in the article") \
	X(ACT_FIND_NEXT,     "find-next",      "Go to the next match") \
	X(ACT_FIND_PREV,     "find-prev",      "Go to the previous match") \
	X(ACT_CLEAR,         "clear",          "Clear the filter or the search") \
	X(ACT_SORT,          "sort",           "Cycle the sort key (date, source, title)") \
	X(ACT_REVERSE,       "reverse",        "Reverse the sort order") \
	X(ACT_GROUP,         "group",          "Cycle grouping (none, day, source, thread)") \
	X(ACT_NEXT_MENTION,  "next-mention",   "Go to the next entity mention") \
	X(ACT_PREV_MENTION,  "prev-mention",   "Go to the previous entity mention") \
	X(ACT_ENTITIES,      "entities",       "Show the entities of the article") \
	X(ACT_ENTITY_INDEX,  "entity-index",   "Show the entities of the whole archive") \
	X(ACT_RELATED,       "related",        "Show or hide the related articles") \
	X(ACT_OPEN_RELATED_1, "open-related-1", "Open related article 1") \
	X(ACT_OPEN_RELATED_2, "open-related-2", "Open related article 2") \
	X(ACT_OPEN_RELATED_3, "open-related-3", "Open related article 3") \
	X(ACT_OPEN_RELATED_4, "open-related-4", "Open related article 4") \
	X(ACT_OPEN_RELATED_5, "open-related-5", "Open related article 5") \
	X(ACT_OPEN_RELATED_6, "open-related-6", "Open related article 6") \
	X(ACT_OPEN_RELATED_7, "open-related-7", "Open related article 7") \
	X(ACT_OPEN_RELATED_8, "open-related-8", "Open related article 8") \
	X(ACT_OPEN_RELATED_9, "open-related-9", "Open related article 9") \
	X(ACT_THREAD_NEXT,   "thread-next",    "Open the next article of the thread") \
	X(ACT_THREAD_PREV,   "thread-prev",    "Open the previous article of the thread") \
	X(ACT_THREAD,        "thread",         "Show the thread of the article") \
	X(ACT_SEARCH,        "search",         "Search the whole archive") \
	X(ACT_TOGGLE_READ,   "toggle-read",    "Mark as read or unread") \
	X(ACT_FLAG,          "flag",           "Flag or unflag") \
	X(ACT_NEXT_UNREAD,   "next-unread",    "Go to the next unread article") \
	X(ACT_ONLY_UNREAD,   "only-unread",    "Show only unread articles (toggle)") \
	X(ACT_ONLY_FLAGGED,  "only-flagged",   "Show only flagged articles (toggle)") \
	X(ACT_FETCH,         "fetch",          "Download the feeds into this folder") \
	X(ACT_RELOAD,        "reload",         "Read the folder again from disk") \
	X(ACT_OPEN_URL,      "open-url",       "Open the article's address in the browser") \
	X(ACT_LINKS,         "links",          "List the article's links to open one") \
	X(ACT_COPY_URL,      "copy-url",       "Copy the address to the clipboard") \
	X(ACT_CYCLE_THEME,   "cycle-theme",    "Switch to the next built-in theme") \
	X(ACT_REDRAW,        "redraw",         "Redraw the screen")

#define KEYMAP_ENUM_(e, name, help) e,
/* ACT_NONE (name "none") is "no action": an unbound key. The nine
 * ACT_OPEN_RELATED_N are consecutive: ACT_OPEN_RELATED_1 + (n - 1). */
enum keymap_action {
	ACT_NONE,
	KEYMAP_ACTIONS(KEYMAP_ENUM_)
	ACT_COUNT
};
#undef KEYMAP_ENUM_

/* Views that have bindings of their own. A key not bound in a view is
 * looked up in VIEW_GENERIC. Names: "generic", "list", "article", "help",
 * "entities", "index", "mentions", "thread", "search", "links". */
enum keymap_view {
	VIEW_GENERIC, VIEW_LIST, VIEW_ARTICLE, VIEW_HELP, VIEW_ENTITIES,
	VIEW_INDEX, VIEW_MENTIONS, VIEW_THREAD, VIEW_SEARCH, VIEW_LINKS, VIEW_COUNT
};

/* Keys are ints:
 * - a printable key is its Unicode code point ('j', 'J', ' ', 0xE9 for é);
 * - a control key is KEY_CTRL(c): KEY_CTRL('d') == 4;
 * - special keys are FKEY_* constants above the Unicode range.
 * The UI must give Enter, Tab, Esc and Backspace as FKEY_ENTER, FKEY_TAB,
 * FKEY_ESC and FKEY_BACKSPACE, never as the raw bytes 13/10, 9, 27, 8/127
 * nor curses' KEY_ENTER/KEY_BACKSPACE; keymap_key_normalize() does the raw
 * byte part. So C-m, C-j, C-i, C-[ and C-h are not separate keys: their
 * names parse to Enter, Tab, Esc and Backspace. */
#define KEY_CTRL(c) ((c) & 0x1f)
enum keymap_fkey {
	FKEY_BASE = 0x110000,
	FKEY_UP, FKEY_DOWN, FKEY_LEFT, FKEY_RIGHT,
	FKEY_PGUP, FKEY_PGDN, FKEY_HOME, FKEY_END,
	FKEY_ENTER, FKEY_TAB, FKEY_BTAB, FKEY_ESC,
	FKEY_BACKSPACE, FKEY_DEL, FKEY_INS,
	FKEY_RESIZE,		/* terminal resized: an event, never bindable */
	FKEY_F0 = FKEY_BASE + 0x100	/* FKEY_F(1) .. FKEY_F(12) */
};
#define FKEY_F(n) (FKEY_F0 + (n))

/* Room for any key name plus NUL ("Backspace", "C-d", a 4-byte character). */
#define KEYMAP_KEY_NAME_MAX 16

/* Maps raw terminal bytes to the key codes above: 10 and 13 to FKEY_ENTER,
 * 9 to FKEY_TAB, 27 to FKEY_ESC, 8 and 127 to FKEY_BACKSPACE; other keys
 * are returned unchanged. */
int keymap_key_normalize(int key);

/* Parses a key name: "j", "J", "<", "é" (any single UTF-8 character except
 * space and controls), "C-d" (C- with a letter, either case, or one of
 * @[\]^_), "Space", "Enter", "Tab", "S-Tab", "Esc", "Backspace", "Del",
 * "Ins", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
 * "F1".."F12". Special names are case-insensitive. Returns the key, or -1
 * for a bad name. */
int keymap_key_parse(const char *name);

/* Writes the name of key into buf (KEYMAP_KEY_NAME_MAX bytes) in the form
 * keymap_key_parse() reads back ("C-d", "Enter", "é"). Returns buf, or NULL
 * for a key that has no name (not bindable, e.g. FKEY_RESIZE or -1). */
char *keymap_key_name(int key, char *buf);

/* Action names, from the table: "quit", "page-down"... ACT_NONE is "none".
 * keymap_action_from_name returns ACT_NONE for an unknown name (and for
 * "none"). keymap_action_help returns "" for ACT_NONE or out of range. */
const char *keymap_action_name(enum keymap_action a);
enum keymap_action keymap_action_from_name(const char *name);
const char *keymap_action_help(enum keymap_action a);

/* View names; keymap_view_from_name returns -1 for an unknown name. */
const char *keymap_view_name(enum keymap_view v);
int keymap_view_from_name(const char *name);

/* The bindings: owned by the caller, made by keymap_new_default() and freed
 * with keymap_free(). */
struct keymap;

/* The default bindings (less/vim/mutt habits); see keymap.c for the list,
 * or keymap_keys_for() to ask. Never NULL (aborts on out-of-memory). */
struct keymap *keymap_new_default(void);
/* An empty keymap (for tests and for "start from nothing" configs). */
struct keymap *keymap_new_empty(void);
void keymap_free(struct keymap *km);

/* Binds key to action in view, replacing what key did there. Binding to
 * ACT_NONE is the same as keymap_unbind(). Returns 0, or -1 (nothing
 * changed) for a bad view, action or an unbindable key. */
int keymap_bind(struct keymap *km, enum keymap_view view, int key,
		enum keymap_action action);

/* Makes key do nothing in view. In VIEW_GENERIC the binding is removed; in
 * another view the key is masked there, so a generic binding of the same
 * key no longer applies in that view. Returns 0, or -1 for a bad view. */
int keymap_unbind(struct keymap *km, enum keymap_view view, int key);

/* The action of key in view: the view's own binding (or mask), else the
 * generic one, else ACT_NONE. */
enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_view view,
				 int key);

/* The keys that do action in view, as keymap_lookup() sees them: the view's
 * own bindings first, then the generic ones not overridden in the view, each
 * in binding order. Stores at most max keys; returns how many were stored.
 * For the help screen ("j Down C-n  Move down one line"). */
size_t keymap_keys_for(const struct keymap *km, enum keymap_view view,
		       enum keymap_action action, int *keys, size_t max);

#endif
