/* test_keymap.c: key names, the action table and default/custom bindings. */
#include "t.h"
#include "keymap.h"

static const char *name_of(int key, char *buf)
{
	const char *s = keymap_key_name(key, buf);
	return s ? s : "(null)";
}

TEST(special_key_round_trip)
{
	static const int keys[] = {
		FKEY_UP, FKEY_DOWN, FKEY_LEFT, FKEY_RIGHT, FKEY_PGUP, FKEY_PGDN,
		FKEY_HOME, FKEY_END, FKEY_ENTER, FKEY_TAB, FKEY_BTAB, FKEY_ESC,
		FKEY_BACKSPACE, FKEY_DEL, FKEY_INS, ' '
	};
	char buf[KEYMAP_KEY_NAME_MAX];
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		T_OK(keymap_key_name(keys[i], buf) != NULL);
		T_EQ_INT(keymap_key_parse(buf), keys[i]);
	}
	for (int n = 1; n <= 12; n++) {
		T_OK(keymap_key_name(FKEY_F(n), buf) != NULL);
		T_EQ_INT(keymap_key_parse(buf), FKEY_F(n));
	}
	for (int c = 1; c < 32; c++) {
		int key = keymap_key_normalize(c);
		T_OK(keymap_key_name(key, buf) != NULL);
		T_EQ_INT(keymap_key_parse(buf), key);
	}
	/* every printable ASCII character and a few others are their own name */
	for (int c = 33; c < 127; c++) {
		T_OK(keymap_key_name(c, buf) != NULL);
		T_EQ_INT(keymap_key_parse(buf), c);
	}
	static const int uni[] = { 0xe9, 0x20ac, 0x4e2d, 0x1f600 };
	for (size_t i = 0; i < sizeof uni / sizeof uni[0]; i++) {
		T_OK(keymap_key_name(uni[i], buf) != NULL);
		T_EQ_INT(keymap_key_parse(buf), uni[i]);
	}
}

TEST(key_names)
{
	char buf[KEYMAP_KEY_NAME_MAX];
	T_EQ_STR(name_of(KEY_CTRL('d'), buf), "C-d");
	T_EQ_STR(name_of(FKEY_F(10), buf), "F10");
	T_EQ_STR(name_of(FKEY_F(1), buf), "F1");
	T_EQ_STR(name_of(FKEY_BTAB, buf), "S-Tab");
	T_EQ_STR(name_of(' ', buf), "Space");
	T_EQ_STR(name_of('\r', buf), "Enter");
	T_EQ_STR(name_of(127, buf), "Backspace");
	T_EQ_STR(name_of(0xe9, buf), "\xc3\xa9");
	T_EQ_STR(name_of(KEY_CTRL(']'), buf), "C-]");
	T_OK(keymap_key_name(FKEY_RESIZE, buf) == NULL);
	T_OK(keymap_key_name(-1, buf) == NULL);
	T_OK(keymap_key_name(0, buf) == NULL);
	T_OK(keymap_key_name(0x85, buf) == NULL);
	T_OK(keymap_key_name(0xd800, buf) == NULL);
	T_OK(keymap_key_name(FKEY_F(13), buf) == NULL);
}

TEST(key_parse)
{
	T_EQ_INT(keymap_key_parse("C-d"), 4);
	T_EQ_INT(keymap_key_parse("C-D"), 4);
	T_EQ_INT(keymap_key_parse("j"), 'j');
	T_EQ_INT(keymap_key_parse("J"), 'J');
	T_EQ_INT(keymap_key_parse("<"), '<');
	T_EQ_INT(keymap_key_parse("C"), 'C');
	T_EQ_INT(keymap_key_parse("F"), 'F');
	T_EQ_INT(keymap_key_parse("-"), '-');
	T_EQ_INT(keymap_key_parse("\xc3\xa9"), 0xe9);
	T_EQ_INT(keymap_key_parse("enter"), FKEY_ENTER);
	T_EQ_INT(keymap_key_parse("PGDN"), FKEY_PGDN);
	T_EQ_INT(keymap_key_parse("C-i"), FKEY_TAB);
	T_EQ_INT(keymap_key_parse("C-m"), FKEY_ENTER);
	T_EQ_INT(keymap_key_parse("C-["), FKEY_ESC);
	T_EQ_INT(keymap_key_parse("C-h"), FKEY_BACKSPACE);
	T_EQ_INT(keymap_key_parse("F12"), FKEY_F(12));
	static const char *const bad[] = {
		"", "C-", "C-1", "C-@", "C-dd", "F0", "F13", "F1x", "jj", "Resize",
		"\xc3", "\xc3\xa9x", "\x01", "\x7f", "\xed\xa0\x80", "Spacebar"
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		T_CHECK(keymap_key_parse(bad[i]) == -1, "\"%s\" parsed", bad[i]);
	T_EQ_INT(keymap_key_parse(NULL), -1);
}

TEST(action_table)
{
	T_EQ_STR(keymap_action_name(ACT_NONE), "none");
	T_EQ_STR(keymap_action_name(ACT_PAGE_DOWN), "page-down");
	T_EQ_INT(keymap_action_from_name("page-down"), ACT_PAGE_DOWN);
	T_EQ_INT(keymap_action_from_name("dwn"), ACT_NONE);
	T_EQ_INT(keymap_action_from_name("none"), ACT_NONE);
	T_EQ_INT(keymap_action_from_name("open-related-7"), ACT_OPEN_RELATED_1 + 6);
	/* every action round-trips and has help; names are unique */
	for (int a = 1; a < ACT_COUNT; a++) {
		T_EQ_INT(keymap_action_from_name(keymap_action_name(a)), a);
		T_OK(keymap_action_help(a)[0] != '\0');
	}
	T_EQ_STR(keymap_action_help(ACT_COUNT), "");
	for (int v = 0; v < VIEW_COUNT; v++)
		T_EQ_INT(keymap_view_from_name(keymap_view_name(v)), v);
	T_EQ_STR(keymap_view_name(VIEW_MENTIONS), "mentions");
	T_EQ_INT(keymap_view_from_name("lst"), -1);
}

TEST(default_bindings)
{
	struct keymap *km = keymap_new_default();
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'j'), ACT_DOWN);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'q'), ACT_QUIT);
	T_EQ_INT(keymap_lookup(km, VIEW_ARTICLE, 'q'), ACT_CLOSE);
	T_EQ_INT(keymap_lookup(km, VIEW_HELP, 'q'), ACT_CLOSE);
	T_EQ_INT(keymap_lookup(km, VIEW_GENERIC, 'q'), ACT_NONE);
	T_EQ_INT(keymap_lookup(km, VIEW_SEARCH, 'Q'), ACT_QUIT);
	T_EQ_INT(keymap_lookup(km, VIEW_ARTICLE, FKEY_TAB), ACT_NEXT_MENTION);
	T_EQ_INT(keymap_lookup(km, VIEW_ARTICLE, '\t'), ACT_NEXT_MENTION);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, '\r'), ACT_OPEN);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 127), ACT_BACK);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'N'), ACT_TOGGLE_READ);
	T_EQ_INT(keymap_lookup(km, VIEW_ARTICLE, 'N'), ACT_FIND_PREV);
	T_EQ_INT(keymap_lookup(km, VIEW_ARTICLE, '9'), ACT_OPEN_RELATED_9);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, '9'), ACT_NONE);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, KEY_CTRL('d')), ACT_HALF_DOWN);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'x'), ACT_NONE);
	T_EQ_INT(keymap_lookup(km, VIEW_COUNT, 'j'), ACT_NONE);

	int keys[8];
	size_t n = keymap_keys_for(km, VIEW_LIST, ACT_DOWN, keys, 8);
	T_EQ_INT(n, 3);
	T_EQ_INT(keys[0], 'j');
	T_EQ_INT(keys[1], FKEY_DOWN);
	T_EQ_INT(keys[2], KEY_CTRL('n'));
	T_EQ_INT(keymap_keys_for(km, VIEW_LIST, ACT_DOWN, keys, 2), 2);
	n = keymap_keys_for(km, VIEW_ARTICLE, ACT_HELP, keys, 8);
	T_EQ_INT(n, 2);
	T_EQ_INT(keys[0], '?');
	T_EQ_INT(keys[1], FKEY_F(1));
	T_EQ_INT(keymap_keys_for(km, VIEW_LIST, ACT_CLOSE, keys, 8), 0);
	keymap_free(km);
}

/* Every action but close-only ones has a default key somewhere, so the help
 * screen and the man page never list an unreachable action. */
TEST(every_action_reachable)
{
	struct keymap *km = keymap_new_default();
	for (int a = 1; a < ACT_COUNT; a++) {
		int keys[4];
		size_t n = 0;
		for (int v = 0; v < VIEW_COUNT && !n; v++)
			n = keymap_keys_for(km, v, a, keys, 4);
		T_CHECK(n > 0, "no key for %s", keymap_action_name(a));
	}
	keymap_free(km);
}

TEST(rebind_unbind)
{
	struct keymap *km = keymap_new_default();
	/* a view binding overrides generic only in that view */
	T_EQ_INT(keymap_bind(km, VIEW_LIST, 'j', ACT_FLAG), 0);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'j'), ACT_FLAG);
	T_EQ_INT(keymap_lookup(km, VIEW_ARTICLE, 'j'), ACT_DOWN);
	int keys[8];
	size_t n = keymap_keys_for(km, VIEW_LIST, ACT_DOWN, keys, 8);
	T_EQ_INT(n, 2);
	T_EQ_INT(keys[0], FKEY_DOWN);
	/* unbinding in a view masks the generic key there */
	T_EQ_INT(keymap_unbind(km, VIEW_ARTICLE, 'k'), 0);
	T_EQ_INT(keymap_lookup(km, VIEW_ARTICLE, 'k'), ACT_NONE);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'k'), ACT_UP);
	/* unbinding in generic removes it everywhere it is not overridden */
	T_EQ_INT(keymap_unbind(km, VIEW_GENERIC, 'Q'), 0);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'Q'), ACT_NONE);
	T_EQ_INT(keymap_lookup(km, VIEW_GENERIC, 'G'), ACT_BOTTOM);
	/* rebinding a key replaces its action, keeping one entry */
	T_EQ_INT(keymap_bind(km, VIEW_GENERIC, 'G', ACT_TOP), 0);
	n = keymap_keys_for(km, VIEW_GENERIC, ACT_TOP, keys, 8);
	T_EQ_INT(n, 3);
	T_EQ_INT(keymap_keys_for(km, VIEW_GENERIC, ACT_BOTTOM, keys, 8), 1);
	/* bind to none is unbind; bad inputs change nothing */
	T_EQ_INT(keymap_bind(km, VIEW_LIST, 'o', ACT_NONE), 0);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'o'), ACT_NONE);
	T_EQ_INT(keymap_bind(km, VIEW_LIST, FKEY_RESIZE, ACT_QUIT), -1);
	T_EQ_INT(keymap_bind(km, VIEW_LIST, -5, ACT_QUIT), -1);
	T_EQ_INT(keymap_bind(km, VIEW_COUNT, 'x', ACT_QUIT), -1);
	T_EQ_INT(keymap_bind(km, VIEW_LIST, 'x', ACT_COUNT), -1);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'x'), ACT_NONE);
	/* raw bytes bind as their normalised key */
	T_EQ_INT(keymap_bind(km, VIEW_LIST, '\n', ACT_FLAG), 0);
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, FKEY_ENTER), ACT_FLAG);
	keymap_free(km);
}

TEST(empty_keymap)
{
	struct keymap *km = keymap_new_empty();
	T_EQ_INT(keymap_lookup(km, VIEW_LIST, 'j'), ACT_NONE);
	T_EQ_INT(keymap_bind(km, VIEW_GENERIC, 0x1f600, ACT_QUIT), 0);
	T_EQ_INT(keymap_lookup(km, VIEW_THREAD, 0x1f600), ACT_QUIT);
	keymap_free(km);
	keymap_free(NULL);
}

T_MAIN(RUN(special_key_round_trip); RUN(key_names); RUN(key_parse);
       RUN(action_table); RUN(default_bindings); RUN(every_action_reachable);
       RUN(rebind_unbind); RUN(empty_keymap))
