/* test_manpage.c: the KEYS tables of man/filo.1 against the key map, so the
 * page can never drift from keymap.c. Runs from the repository root.
 *
 * The page's rule, which this test reads: under ".Sh KEYS", one ".Ss" per
 * view, titled "Generic keys" or "NAME view" (NAME as keymap_view_name
 * gives it, any case), holding one row per action:
 *
 *     .It Ic KEY KEY ... Ta Cm ACTION Ta HELP TEXT
 *
 * The keys are the words after "Ic", each as keymap_key_name() writes it in
 * roff escaping (\- for '-', \& before '?', '[' or ']', \e for '\'). A view's
 * table holds the keys bound in that view itself (the generic table: the
 * generic ones). Every default binding must be on its action's row, every
 * key on a row must do that action in that view, and the help text must be
 * the one the help screen shows there (keymap_view_help). */
#include <ctype.h>
#include <stdbool.h>
#include <strings.h>
#include "t.h"
#include "buf.h"
#include "keymap.h"

#define MAN_PATH "man/filo.1"
#define ROW_KEYS_MAX 16
#define KEYS_MAX 32

struct row {
	char *action;		/* unescaped */
	char *help;		/* unescaped, trimmed */
	char *keys[ROW_KEYS_MAX];
	size_t nkeys;
	size_t line;		/* in the page, for messages */
};

struct table {
	struct row *rows;
	size_t n, cap;
	size_t line;		/* of its .Ss; 0 when the view has no table */
};

static struct table tables[VIEW_COUNT];
static struct keymap *defaults;

/* The roff escapes a key name, action name or help text may use. Anything
 * else is kept as written, so an unexpected escape makes a mismatch. */
static const struct {
	const char *esc, *text;
} escapes[] = {
	{ "\\-", "-" }, { "\\&", "" }, { "\\e", "\\" }, { "\\ ", " " },
	{ "\\(rs", "\\" }, { "\\(dq", "\"" }, { "\\(aq", "'" },
	{ "\\(ga", "`" }, { "\\(ti", "~" }, { "\\(ha", "^" },
};

static char *unescape(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n;) {
		size_t k, el = 0;
		for (k = 0; s[i] == '\\' && k < sizeof escapes / sizeof *escapes; k++) {
			el = strlen(escapes[k].esc);
			if (i + el <= n && memcmp(s + i, escapes[k].esc, el) == 0)
				break;
		}
		if (s[i] == '\\' && k < sizeof escapes / sizeof *escapes) {
			buf_adds(&b, escapes[k].text);
			i += el;
		} else {
			buf_addc(&b, s[i++]);
		}
	}
	return buf_detach(&b, NULL);
}

static void trim(const char **s, size_t *n)
{
	while (*n && isspace((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n && isspace((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Which view a ".Ss" title names, or -1 (a subsection of another kind). */
static int view_of_title(const char *title)
{
	char want[64];
	for (int v = 0; v < VIEW_COUNT; v++) {
		snprintf(want, sizeof want, v == VIEW_GENERIC ? "%s keys" : "%s view",
			 keymap_view_name((enum keymap_view)v));
		if (strcasecmp(title, want) == 0)
			return v;
	}
	return -1;
}

/* Splits the words of s[0..n) after "Ic" macros into row keys. */
static void parse_keys(struct row *r, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		while (i < n && isspace((unsigned char)s[i]))
			i++;
		size_t start = i;
		while (i < n && !isspace((unsigned char)s[i]))
			i++;
		if (i == start || (i - start == 2 && memcmp(s + start, "Ic", 2) == 0))
			continue;
		T_CHECK(r->nkeys < ROW_KEYS_MAX, "line %zu: too many keys", r->line);
		if (r->nkeys < ROW_KEYS_MAX)
			r->keys[r->nkeys++] = unescape(s + start, i - start);
	}
}

/* ".It KEYS Ta Cm ACTION Ta HELP": false when the row has another shape. */
static bool parse_row(struct row *r, const char *s, size_t n)
{
	const char *cell[3];
	size_t len[3], nc = 0;
	const char *p = s, *end = s + n;
	while (nc < 3) {
		const char *ta = NULL;
		for (const char *q = p; q + 4 <= end && !ta; q++)
			if (memcmp(q, " Ta ", 4) == 0)
				ta = q;
		cell[nc] = p;
		len[nc++] = (size_t)((ta ? ta : end) - p);
		if (!ta)
			break;
		p = ta + 4;
	}
	if (nc != 3 || p < cell[2])
		return false;
	trim(&cell[1], &len[1]);
	if (len[1] < 4 || memcmp(cell[1], "Cm ", 3) != 0)
		return false;
	parse_keys(r, cell[0], len[0]);
	const char *a = cell[1] + 3;
	size_t an = len[1] - 3;
	trim(&a, &an);
	r->action = unescape(a, an);
	trim(&cell[2], &len[2]);
	r->help = unescape(cell[2], len[2]);
	return true;
}

static void add_row(int view, const char *s, size_t n, size_t line)
{
	struct table *t = &tables[view];
	t->rows = xgrow(t->rows, &t->cap, t->n + 1, sizeof *t->rows);
	struct row *r = &t->rows[t->n];
	memset(r, 0, sizeof *r);
	r->line = line;
	bool ok = parse_row(r, s, n);
	T_CHECK(ok, MAN_PATH ":%zu: a key row must be '.It Ic KEYS Ta Cm ACTION Ta HELP'",
		line);
	if (ok)
		t->n++;
}

/* One line of the page; *view is the table being read, -1 for none. */
static void page_line(const char *s, size_t n, size_t line, bool *in_keys, int *view)
{
	if (n >= 4 && memcmp(s, ".Sh ", 4) == 0) {
		*in_keys = n == 8 && memcmp(s + 4, "KEYS", 4) == 0;
		*view = -1;
	} else if (*in_keys && n >= 4 && memcmp(s, ".Ss ", 4) == 0) {
		const char *t = s + 4;
		size_t tn = n - 4;
		trim(&t, &tn);
		char *title = unescape(t, tn);
		*view = view_of_title(title);
		free(title);
		if (*view >= 0) {
			T_CHECK(!tables[*view].line, MAN_PATH ":%zu: second table for view %s",
				line, keymap_view_name((enum keymap_view)*view));
			tables[*view].line = line;
		}
	} else if (*in_keys && *view >= 0 && n >= 4 && memcmp(s, ".It ", 4) == 0) {
		add_row(*view, s + 4, n - 4, line);
	}
}

static bool load_page(void)
{
	char *page = t_read_file(MAN_PATH, NULL);
	T_CHECK(page != NULL, "cannot read %s (run from the repository root)", MAN_PATH);
	if (!page)
		return false;
	bool in_keys = false;
	int view = -1;
	size_t line = 0;
	for (const char *s = page; *s;) {
		size_t n = strcspn(s, "\n");
		page_line(s, n, ++line, &in_keys, &view);
		s += n + (s[n] == '\n');
	}
	free(page);
	return true;
}

static const struct row *find_row(int view, const char *action)
{
	for (size_t i = 0; i < tables[view].n; i++)
		if (strcmp(tables[view].rows[i].action, action) == 0)
			return &tables[view].rows[i];
	return NULL;
}

static bool row_has_key(const struct row *r, const char *name)
{
	for (size_t i = 0; i < r->nkeys; i++)
		if (strcmp(r->keys[i], name) == 0)
			return true;
	return false;
}

/* The keys bound to a in view itself: keymap_keys_for() without the generic
 * ones it falls back to (for VIEW_GENERIC, all of them). */
static size_t own_keys(int view, enum keymap_action a, int *out)
{
	int all[KEYS_MAX], gen[KEYS_MAX];
	size_t n = keymap_keys_for(defaults, (enum keymap_view)view, a, all, KEYS_MAX);
	if (view == VIEW_GENERIC) {
		memcpy(out, all, n * sizeof *all);
		return n;
	}
	size_t ng = keymap_keys_for(defaults, VIEW_GENERIC, a, gen, KEYS_MAX), m = 0;
	for (size_t i = 0; i < n; i++) {
		bool generic = false;
		for (size_t j = 0; j < ng && !generic; j++)
			generic = gen[j] == all[i];
		if (!generic)
			out[m++] = all[i];
	}
	return m;
}

static bool is_own_key(int view, enum keymap_action a, int key)
{
	int keys[KEYS_MAX];
	size_t n = own_keys(view, a, keys);
	for (size_t i = 0; i < n; i++)
		if (keys[i] == key)
			return true;
	return false;
}

TEST(every_view_has_a_table)
{
	for (int v = 0; v < VIEW_COUNT; v++)
		T_CHECK(tables[v].line != 0, "no '.Ss %s %s' table under KEYS",
			keymap_view_name((enum keymap_view)v),
			v == VIEW_GENERIC ? "keys" : "view");
}

TEST(every_default_binding_is_documented)
{
	for (int v = 0; v < VIEW_COUNT; v++) {
		const char *vn = keymap_view_name((enum keymap_view)v);
		for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
			int keys[KEYS_MAX];
			size_t n = own_keys(v, (enum keymap_action)a, keys);
			const char *an = keymap_action_name((enum keymap_action)a);
			const struct row *r = n ? find_row(v, an) : NULL;
			T_CHECK(!n || r, "view %s: no row for action %s", vn, an);
			for (size_t i = 0; r && i < n; i++) {
				char name[KEYMAP_KEY_NAME_MAX];
				T_OK(keymap_key_name(keys[i], name) != NULL);
				T_CHECK(row_has_key(r, name), MAN_PATH ":%zu: view %s: key %s "
					"of %s is missing", r->line, vn, name, an);
			}
		}
	}
}

TEST(every_documented_key_does_its_action)
{
	for (int v = 0; v < VIEW_COUNT; v++) {
		const char *vn = keymap_view_name((enum keymap_view)v);
		for (size_t i = 0; i < tables[v].n; i++) {
			const struct row *r = &tables[v].rows[i];
			enum keymap_action a = keymap_action_from_name(r->action);
			T_CHECK(a != ACT_NONE, MAN_PATH ":%zu: unknown action '%s'",
				r->line, r->action);
			T_CHECK(find_row(v, r->action) == r, MAN_PATH ":%zu: view %s: "
				"second row for %s", r->line, vn, r->action);
			const char *help = keymap_view_help((enum keymap_view)v, a);
			T_CHECK(strcmp(r->help, help) == 0, MAN_PATH
				":%zu: help of %s is '%s', the key map says '%s'",
				r->line, r->action, r->help, help);
			for (size_t k = 0; k < r->nkeys; k++) {
				int key = keymap_key_parse(r->keys[k]);
				T_CHECK(key >= 0 && is_own_key(v, a, key), MAN_PATH ":%zu: "
					"view %s: key '%s' does not do %s there",
					r->line, vn, r->keys[k], r->action);
			}
		}
	}
}

/* An action without a default key still needs a row (with no keys). */
TEST(every_action_is_documented)
{
	for (int a = ACT_NONE + 1; a < ACT_COUNT; a++) {
		const char *an = keymap_action_name((enum keymap_action)a);
		bool found = false;
		for (int v = 0; v < VIEW_COUNT && !found; v++)
			found = find_row(v, an) != NULL;
		T_CHECK(found, "action %s is in no KEYS table", an);
	}
}

/* The matching rule itself: a key name in roff escaping reads back. */
TEST(unescape_reads_roff)
{
	const char *roff = "C\\-d \\&? \\e \\(dqx\\(dq";
	char *s = unescape(roff, strlen(roff));
	T_EQ_STR(s, "C-d ? \\ \"x\"");
	free(s);
	s = unescape("\\(zz", 4);
	T_EQ_STR(s, "\\(zz");
	free(s);
}

static void free_tables(void)
{
	for (int v = 0; v < VIEW_COUNT; v++) {
		for (size_t i = 0; i < tables[v].n; i++) {
			struct row *r = &tables[v].rows[i];
			free(r->action);
			free(r->help);
			for (size_t k = 0; k < r->nkeys; k++)
				free(r->keys[k]);
		}
		free(tables[v].rows);
	}
	keymap_free(defaults);
}

T_MAIN(defaults = keymap_new_default(); RUN(unescape_reads_roff);
       if (load_page()) { RUN(every_view_has_a_table);
       RUN(every_default_binding_is_documented);
       RUN(every_documented_key_does_its_action);
       RUN(every_action_is_documented); }
       free_tables())
