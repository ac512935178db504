/* test_state.c: reader state: the file format and its damage handling,
 * atomic saving, merging between processes, a full disk. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "t.h"
#include "buf.h"
#include "diag.h"
#include "state.h"

static char tmpdir[64];

static bool diag_has(const struct diag *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->msg[i], needle))
			return true;
	return false;
}


/* Files in dir whose name contains part. */
static int count_files(const char *dir, const char *part)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	int n = 0;
	while (dp && (de = readdir(dp)))
		n += strstr(de->d_name, part) != NULL;
	if (dp)
		closedir(dp);
	return n;
}

/* A fresh folder under tmpdir with a made-up articles folder inside,
 * and XDG_STATE_HOME pointing beside it. */
static void fresh(const char *name, struct buf *articles, struct buf *statedir)
{
	buf_reset(articles);
	buf_reset(statedir);
	buf_addf(articles, "%s/%s-articles", tmpdir, name);
	buf_addf(statedir, "%s/%s-state", tmpdir, name);
	T_OK(mkdir(articles->data, 0755) == 0);
	setenv("XDG_STATE_HOME", statedir->data, 1);
	T_OK(mkdir(statedir->data, 0700) == 0);
	buf_adds(statedir, "/filo");
}

/* fresh, with the folder's state file (its path in path) already holding
 * text when the reader comes. */
static void fresh_with_file(const char *name, const char *text,
			    struct buf *articles, struct buf *statedir,
			    struct buf *path)
{
	fresh(name, articles, statedir);
	buf_reset(path);
	T_EQ_INT(state_file_for_dir(articles->data, path), 0);
	T_OK(mkdir(statedir->data, 0700) == 0);
	t_write_file(NULL, path->data, text);
}

TEST(format_round_trip)
{
	struct state *st = state_parse("x", "", 0, NULL);
	state_set_read(st, "2023-09-01-a", true);
	state_set_flag(st, "2023-09-01-a", true);
	state_set_flag(st, "b", true);
	state_set_position(st, "c", 1234);
	state_set_position(st, "max", SIZE_MAX);
	state_set_read(st, "gone", true);
	state_set_read(st, "gone", false);	/* back to nothing: not written */
	size_t len;
	char *text = state_format(st, &len);
	char want[256];
	snprintf(want, sizeof want,
		 "filo-state 1\n2023-09-01-a\trf\t0\nb\tf\t0\nc\t-\t1234\nmax\t-\t%zu\nend\t4\n",
		 (size_t)SIZE_MAX);
	T_EQ_STR(text, want);
	T_EQ_INT(len, strlen(want));
	struct diag d = DIAG_INIT;
	struct state *back = state_parse("x", text, len, &d);
	T_EQ_INT(d.n, 0);
	T_OK(state_read(back, "2023-09-01-a") && state_flagged(back, "2023-09-01-a"));
	T_OK(!state_read(back, "b") && state_flagged(back, "b"));
	T_EQ_INT(state_position(back, "c"), 1234);
	T_OK(state_position(back, "max") == SIZE_MAX);
	T_OK(!state_read(back, "gone") && !state_read(back, "nope"));
	T_EQ_INT(state_count(back), 4);
	free(text);
	diag_free(&d);
	state_close(st);
	state_close(back);
}

TEST(escaped_ids)
{
	const char *ids[] = { "tab\there", "nl\nhere", "back\\slash", "cr\rx",
			      "bell\ax", "del\x7fx", "bad\xff\xfe utf8", "città 北京 🙂",
			      "\\x41", "end" };
	size_t n = sizeof ids / sizeof *ids;
	struct state *st = state_parse("x", "", 0, NULL);
	for (size_t i = 0; i < n; i++)
		state_set_position(st, ids[i], i + 1);
	size_t len;
	char *text = state_format(st, &len);
	/* Every line has exactly two tabs, so escapes did their work. */
	T_OK(strstr(text, "tab\\there\t") != NULL);
	T_OK(strstr(text, "bad\\xFF\\xFE utf8\t") != NULL);
	T_OK(strstr(text, "back\\\\slash\t") != NULL);
	T_OK(strstr(text, "città 北京 🙂\t") != NULL);
	struct diag d = DIAG_INIT;
	struct state *back = state_parse("x", text, len, &d);
	T_EQ_INT(d.n, 0);
	for (size_t i = 0; i < n; i++)
		T_CHECK(state_position(back, ids[i]) == i + 1, "id %zu", i);
	T_EQ_INT(state_count(back), n);
	free(text);
	diag_free(&d);
	state_close(st);
	state_close(back);
}

/* Preferences: written as version 2 pref lines, read back, unset again
 * (then the file is version 1 once more); bad names refused, bad lines
 * reported; an article called "pref" is still an article. */
TEST(prefs)
{
	struct state *st = state_parse("x", "", 0, NULL);
	T_OK(state_pref(st, "related-panel") == NULL);
	T_EQ_INT(state_set_pref(st, "related-panel", "open"), 0);
	T_EQ_INT(state_set_pref(st, "bad name", "x"), -1);
	T_EQ_INT(state_set_pref(st, "ok", "tab\there"), -1);
	T_EQ_INT(state_set_pref(st, "", "x"), -1);
	state_set_read(st, "pref", true);
	char *text = state_format(st, NULL);
	T_EQ_STR(text, "filo-state 2\npref\trelated-panel=open\npref\tr\t0\nend\t1\n");
	struct diag d = DIAG_INIT;
	struct state *back = state_parse("x", text, strlen(text), &d);
	T_EQ_INT(d.n, 0);
	T_EQ_STR(state_pref(back, "related-panel"), "open");
	T_OK(state_read(back, "pref"));
	T_EQ_INT(state_count(back), 1);
	free(text);
	state_set_pref(back, "related-panel", NULL);
	text = state_format(back, NULL);
	T_EQ_STR(text, "filo-state 1\npref\tr\t0\nend\t1\n");
	free(text);
	state_close(back);
	state_close(st);

	const char *bad = "filo-state 2\npref\tno-equals\npref\ta=b c\npref\tgood=1\nend\t0\n";
	st = state_parse("S", bad, strlen(bad), &d);
	T_OK(diag_has(&d, "S:2: bad preference line"));
	T_OK(diag_has(&d, "S:3: bad preference line"));
	T_EQ_STR(state_pref(st, "good"), "1");
	state_close(st);
	diag_free(&d);
}

/* Two readers: the preference one of them set wins, the other keeps the
 * file's; a saved preference survives a reopen. */
TEST(prefs_saved_and_merged)
{
	struct buf a = BUF_INIT, s = BUF_INIT;
	fresh("prefs", &a, &s);
	struct diag d = DIAG_INIT;
	struct state *p = state_open(a.data, &d), *q = state_open(a.data, &d);
	state_set_pref(p, "related-panel", "open");
	state_set_read(q, "x", true);
	T_EQ_INT(state_save(p, &d), 0);
	T_EQ_INT(state_save(q, &d), 0);
	T_EQ_STR(state_pref(q, "related-panel"), "open");	/* q took p's */
	struct state *r = state_open(a.data, &d);
	T_EQ_STR(state_pref(r, "related-panel"), "open");
	T_OK(state_read(r, "x"));
	state_set_pref(q, "related-panel", "closed");
	T_EQ_INT(state_save(q, &d), 0);
	state_set_read(p, "y", true);
	T_EQ_INT(state_save(p, &d), 0);
	T_EQ_STR(state_pref(p, "related-panel"), "closed");	/* q's later choice */
	T_EQ_INT(d.n, 0);
	state_close(p); state_close(q); state_close(r);
	diag_free(&d);
	buf_free(&a); buf_free(&s);
}

/* Each bad line: its message with the line number, the good lines kept. */
TEST(bad_lines)
{
	static const struct { const char *line, *msg; } cases[] = {
		{ "a\tr", "not ID<TAB>FLAGS<TAB>POSITION" },
		{ "a\tr\t1\t2", "not ID<TAB>FLAGS<TAB>POSITION" },
		{ "\tr\t1", "empty id" },
		{ "a\tx\t1", "bad flags" },
		{ "a\trr\t1", "bad flags" },
		{ "a\t\t1", "empty flags" },
		{ "a\tr\t", "bad position" },
		{ "a\tr\t-1", "bad position" },
		{ "a\tr\t 1", "bad position" },
		{ "a\tr\t18446744073709551616", "bad position" },
		{ "a\\q\tr\t1", "bad escape" },
		{ "a\\x0\tr\t1", "bad escape" },
		{ "a\\x00\tr\t1", "bad escape" },
		{ "a\\\tr\t1", "bad escape" },
		{ "a\rb\tr\t1", "control character" },
		{ "a\xc0\x80\tr\t1", "invalid UTF-8" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct buf text = BUF_INIT;
		buf_addf(&text, "filo-state 1\ngood\tr\t5\n%s\nlast\tf\t7\nend\t3\n",
			 cases[i].line);
		struct diag d = DIAG_INIT;
		struct state *st = state_parse("S", text.data, text.len, &d);
		T_CHECK(d.n == 1 && strncmp(d.msg[0], "S:3: ", 5) == 0 &&
			strstr(d.msg[0], cases[i].msg), "case %zu: %s", i,
			d.n ? d.msg[0] : "(no message)");
		T_OK(state_read(st, "good") && state_position(st, "good") == 5);
		T_OK(state_flagged(st, "last") && state_position(st, "last") == 7);
		T_EQ_INT(state_count(st), 2);
		state_close(st);
		diag_free(&d);
		buf_free(&text);
	}
}

TEST(header_and_end)
{
	struct diag d = DIAG_INIT;
	struct state *st = state_parse("S", "", 0, &d);
	T_OK(diag_has(&d, "S:1: empty state file"));
	state_close(st);
	diag_free(&d);

	st = state_parse("S", "hello\na\tr\t1\nend\t1\n", 19, &d);
	T_OK(diag_has(&d, "S:1: not a filo state file"));
	T_OK(state_read(st, "a"));	/* good lines survive a lost header */
	state_close(st);
	diag_free(&d);

	const char *newer = "filo-state 3\nsomething new\n";
	st = state_parse("S", newer, strlen(newer), &d);
	T_OK(d.n == 1 && diag_has(&d, "S:1: state file version 3 is newer"));
	state_close(st);
	diag_free(&d);

	const char *miscount = "filo-state 1\na\tr\t1\nend\t2\n";
	st = state_parse("S", miscount, strlen(miscount), &d);
	T_OK(diag_has(&d, "S:3: end line counts 2 entries, the file has 1"));
	state_close(st);
	diag_free(&d);

	const char *after = "filo-state 1\nend\t0\na\tr\t1\nb\tr\t1\n";
	st = state_parse("S", after, strlen(after), &d);
	T_OK(d.n == 1 && diag_has(&d, "S:3: text after the end line"));
	T_OK(!state_read(st, "a"));
	state_close(st);
	diag_free(&d);

	struct buf many = BUF_INIT;
	buf_adds(&many, "filo-state 1\n");
	for (int i = 0; i < 30; i++)
		buf_adds(&many, "bad line\n");
	buf_adds(&many, "end\t30\n");
	st = state_parse("S", many.data, many.len, &d);
	T_EQ_INT(d.n, 11);	/* ten reported, then a summary */
	T_OK(diag_has(&d, "S: 20 more bad lines"));
	state_close(st);
	diag_free(&d);
	buf_free(&many);
}

/* A file cut anywhere, even at a line boundary, is seen as damaged. */
TEST(every_truncation_detected)
{
	struct state *st = state_parse("x", "", 0, NULL);
	state_set_read(st, "alpha", true);
	state_set_flag(st, "beta", true);
	state_set_position(st, "gamma", 42);
	size_t len;
	char *text = state_format(st, &len);
	for (size_t cut = 0; cut < len; cut++) {
		struct diag d = DIAG_INIT;
		struct state *part = state_parse("x", text, cut, &d);
		T_CHECK(d.n > 0, "cut at %zu not detected", cut);
		state_close(part);
		diag_free(&d);
	}
	free(text);
	state_close(st);
}

TEST(null_state)
{
	T_OK(!state_read(NULL, "a") && !state_flagged(NULL, "a"));
	T_EQ_INT(state_position(NULL, "a"), 0);
	state_set_read(NULL, "a", true);
	state_set_flag(NULL, "a", true);
	state_set_position(NULL, "a", 3);
	T_EQ_INT(state_save(NULL, NULL), 0);
	T_OK(!state_dirty(NULL));
	T_EQ_INT(state_count(NULL), 0);
	state_close(NULL);
	struct state *st = state_parse("x", "", 0, NULL);
	state_set_read(st, "", true);	/* no empty ids */
	T_EQ_INT(state_count(st), 0);
	T_OK(!state_dirty(st));
	state_set_read(st, "a", true);
	struct diag d = DIAG_INIT;
	T_EQ_INT(state_save(st, &d), -1);	/* parsed text has no file */
	T_OK(diag_has(&d, "state not saved"));
	diag_free(&d);
	state_close(st);
}

TEST(file_name)
{
	struct buf a = BUF_INIT, s = BUF_INIT, p1 = BUF_INIT, p2 = BUF_INIT,
		   p3 = BUF_INIT, other = BUF_INIT;
	fresh("name", &a, &s);
	T_EQ_INT(state_file_for_dir(a.data, &p1), 0);
	/* Another spelling of the same folder: the same file. */
	buf_addf(&other, "%s/../%s/./", a.data, strrchr(a.data, '/') + 1);
	T_EQ_INT(state_file_for_dir(other.data, &p2), 0);
	T_EQ_STR(p1.data, p2.data);
	T_OK(strncmp(p1.data, s.data, s.len) == 0);
	T_OK(strstr(p1.data, "/name-articles-") != NULL);
	T_OK(strlen(strrchr(p1.data, '-')) == strlen("-0123456789abcdef.state"));
	/* The same base name elsewhere: another file. */
	buf_reset(&other);
	buf_addf(&other, "%s/sub", tmpdir);
	mkdir(other.data, 0755);
	buf_addf(&other, "/name-articles");
	mkdir(other.data, 0755);
	T_EQ_INT(state_file_for_dir(other.data, &p3), 0);
	T_OK(strcmp(p1.data, p3.data) != 0);
	/* HOME when XDG_STATE_HOME is unset or relative. */
	setenv("XDG_STATE_HOME", "relative/path", 1);
	setenv("HOME", tmpdir, 1);
	buf_reset(&p3);
	T_EQ_INT(state_file_for_dir(a.data, &p3), 0);
	buf_reset(&other);
	buf_addf(&other, "%s/.local/state/filo/name-articles-", tmpdir);
	T_OK(strncmp(p3.data, other.data, other.len) == 0);
	buf_reset(&p3);
	T_EQ_INT(state_file_for_dir("/nonexistent/folder/x", &p3), -1);
	T_EQ_INT(p3.len, 0);
	buf_free(&a); buf_free(&s); buf_free(&p1); buf_free(&p2);
	buf_free(&p3); buf_free(&other);
}

TEST(save_and_reopen)
{
	struct buf a = BUF_INIT, s = BUF_INIT;
	fresh("save", &a, &s);
	struct buf art = BUF_INIT;
	buf_addf(&art, "%s/one.md", a.data);
	t_write_file(NULL, art.data, "---\ntitle: One\n---\nText.\n");
	struct diag d = DIAG_INIT;
	struct state *st = state_open(a.data, &d);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(state_count(st), 0);
	T_EQ_INT(state_save(st, &d), 0);	/* nothing to save: nothing made */
	T_EQ_INT(count_files(s.data, ".state"), 0);
	state_set_read(st, "one", true);
	state_set_flag(st, "two", true);
	state_set_position(st, "one", 99);
	T_OK(state_dirty(st));
	T_EQ_INT(state_save(st, &d), 0);
	T_OK(!state_dirty(st));
	T_EQ_INT(d.n, 0);
	T_EQ_INT(count_files(s.data, ".state"), 2);	/* and its .state.lock */
	T_EQ_INT(count_files(s.data, ".lock"), 1);
	T_EQ_INT(count_files(s.data, ".tmp-"), 0);
	struct stat sb;
	T_OK(stat(state_path(st), &sb) == 0 && (sb.st_mode & 0777) == 0600);
	state_close(st);
	/* The articles folder holds what it held. */
	T_EQ_INT(count_files(a.data, ""), 3);	/* ., .., one.md */
	char *body = t_read_file(art.data, NULL);
	T_EQ_STR(body, "---\ntitle: One\n---\nText.\n");
	free(body);
	st = state_open(a.data, &d);
	T_EQ_INT(d.n, 0);
	T_OK(state_read(st, "one") && state_position(st, "one") == 99);
	T_OK(state_flagged(st, "two") && !state_read(st, "two"));
	state_close(st);
	diag_free(&d);
	buf_free(&a); buf_free(&s); buf_free(&art);
}

/* A damaged file is renamed aside, never overwritten; its good lines go
 * into the next save. */
TEST(corrupt_set_aside)
{
	struct buf a = BUF_INIT, s = BUF_INIT, path = BUF_INIT;
	const char *damaged = "filo-state 1\nkeep\tr\t3\n\x01garbage\nalso\tf\t0\nend\t3\n";
	fresh_with_file("corrupt", damaged, &a, &s, &path);
	struct diag d = DIAG_INIT;
	struct state *st = state_open(a.data, &d);
	T_OK(d.n == 1 && strstr(d.msg[0], ":3: ") && strstr(d.msg[0], "(set aside as ") &&
	     strstr(d.msg[0], ".state.corrupt-") && strstr(d.msg[0], "2 good entries kept"));
	T_EQ_INT(count_files(s.data, ".corrupt-"), 1);
	T_OK(access(path.data, F_OK) != 0);	/* moved, not copied */
	T_OK(state_read(st, "keep") && state_flagged(st, "also"));
	T_OK(state_dirty(st));	/* the kept lines are to be written */
	diag_free(&d);
	T_EQ_INT(state_save(st, &d), 0);
	T_EQ_INT(d.n, 0);
	state_close(st);
	/* The set-aside file is byte for byte the damaged one. */
	DIR *dp = opendir(s.data);
	struct dirent *de;
	while (dp && (de = readdir(dp))) {
		if (!strstr(de->d_name, ".corrupt-"))
			continue;
		struct buf p = BUF_INIT;
		buf_addf(&p, "%s/%s", s.data, de->d_name);
		char *got = t_read_file(p.data, NULL);
		T_EQ_STR(got, damaged);
		free(got);
		buf_free(&p);
	}
	if (dp)
		closedir(dp);
	st = state_open(a.data, &d);
	T_EQ_INT(d.n, 0);
	T_OK(state_read(st, "keep") && state_flagged(st, "also"));
	state_close(st);
	/* A second damage the same second gets its own name. */
	t_write_file(NULL, path.data, "filo-state 1\ncut");
	st = state_open(a.data, &d);
	T_OK(diag_has(&d, ":2: line cut off"));
	T_EQ_INT(count_files(s.data, ".corrupt-"), 2);
	state_close(st);
	diag_free(&d);
	buf_free(&a); buf_free(&s); buf_free(&path);
}

/* What this filo cannot read or set aside is left alone. */
TEST(left_alone)
{
	struct buf a = BUF_INIT, s = BUF_INIT, path = BUF_INIT;
	const char *newer = "filo-state 7\nwhatever\n";
	fresh_with_file("alone", newer, &a, &s, &path);
	struct diag d = DIAG_INIT;
	struct state *st = state_open(a.data, &d);
	T_OK(diag_has(&d, ":1: state file version 7 is newer"));
	state_set_read(st, "x", true);
	diag_free(&d);
	T_EQ_INT(state_save(st, &d), -1);
	T_OK(diag_has(&d, "state not saved"));
	char *got = t_read_file(path.data, NULL);
	T_EQ_STR(got, newer);
	free(got);
	state_close(st);
	diag_free(&d);

	/* A directory where the file should be (works as root too). */
	unlink(path.data);
	mkdir(path.data, 0700);
	st = state_open(a.data, &d);
	T_OK(diag_has(&d, "cannot read it: Is a directory"));
	state_set_read(st, "x", true);
	diag_free(&d);
	T_EQ_INT(state_save(st, &d), -1);
	T_OK(diag_has(&d, "state not saved: cannot read it"));
	struct stat sb;
	T_OK(stat(path.data, &sb) == 0 && S_ISDIR(sb.st_mode));
	state_close(st);
	diag_free(&d);
	rmdir(path.data);

	/* A file this user cannot read (root reads anything: said, not hidden). */
	t_write_file(NULL, path.data, "filo-state 1\nend\t0\n");
	chmod(path.data, 0);
	if (geteuid() == 0) {
		printf("note: running as root, chmod 000 does not stop reads: unreadable-file case checked as a directory above\n");
	} else {
		st = state_open(a.data, &d);
		T_OK(diag_has(&d, "cannot read it: Permission denied"));
		state_set_read(st, "x", true);
		T_EQ_INT(state_save(st, &d), -1);
		state_close(st);
		diag_free(&d);
	}
	chmod(path.data, 0600);
	got = t_read_file(path.data, NULL);
	T_EQ_STR(got, "filo-state 1\nend\t0\n");
	free(got);
	buf_free(&a); buf_free(&s); buf_free(&path);
}

/* The state file is read by buf_read_file_max: what is not a regular file
 * of at most 256 MiB is never read (a FIFO must not block the start), is
 * said, and is not saved over; an empty file is damage, set aside. */
static void expect_unread(const char *path, const char *why)
{
	struct diag d = DIAG_INIT;
	struct state *st = state_open_file(path, &d);
	char want[256];
	snprintf(want, sizeof want, "%s: cannot read it: %s (left alone)", path, why);
	T_CHECK(d.n == 1 && strcmp(d.msg[0], want) == 0, "%s",
		d.n ? d.msg[0] : "(nothing said)");
	T_EQ_INT(state_count(st), 0);
	state_set_read(st, "x", true);
	diag_free(&d);
	T_EQ_INT(state_save(st, &d), -1);
	snprintf(want, sizeof want, "%s: state not saved: cannot read it: %s (left alone)",
		 path, why);
	T_CHECK(d.n == 1 && strcmp(d.msg[0], want) == 0, "%s",
		d.n ? d.msg[0] : "(nothing said)");
	state_close(st);
	diag_free(&d);
}

TEST(special_files)
{
	struct buf dir = BUF_INIT, path = BUF_INIT;
	buf_addf(&dir, "%s/special", tmpdir);
	T_EQ_INT(mkdir(dir.data, 0700), 0);
	struct stat sb;

	buf_addf(&path, "%s/fifo.state", dir.data);
	T_EQ_INT(mkfifo(path.data, 0600), 0);
	expect_unread(path.data, "not a regular file");
	T_OK(lstat(path.data, &sb) == 0 && S_ISFIFO(sb.st_mode));

	buf_reset(&path);
	buf_addf(&path, "%s/zero.state", dir.data);
	T_EQ_INT(symlink("/dev/zero", path.data), 0);
	expect_unread(path.data, "not a regular file");
	T_OK(lstat(path.data, &sb) == 0 && S_ISLNK(sb.st_mode));

	buf_reset(&path);
	buf_addf(&path, "%s/dir.state", dir.data);
	T_EQ_INT(mkdir(path.data, 0700), 0);
	expect_unread(path.data, "Is a directory");

	/* Sparse: over the limit without using the disk. */
	buf_reset(&path);
	buf_addf(&path, "%s/big.state", dir.data);
	int fd = open(path.data, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	T_OK(fd >= 0);
	T_EQ_INT(ftruncate(fd, 256ll * 1024 * 1024 + 1), 0);
	close(fd);
	expect_unread(path.data, "too large (over 256 MiB)");
	T_OK(stat(path.data, &sb) == 0 && sb.st_size == 256ll * 1024 * 1024 + 1);

	buf_reset(&path);
	buf_addf(&path, "%s/empty.state", dir.data);
	t_write_file(NULL, path.data, "");
	struct diag d = DIAG_INIT;
	struct state *st = state_open_file(path.data, &d);
	T_OK(d.n == 1 && strstr(d.msg[0], "empty.state:1: empty state file (set aside as empty.state.corrupt-"));
	state_set_read(st, "x", true);
	diag_free(&d);
	T_EQ_INT(state_save(st, &d), 0);
	char *got = t_read_file(path.data, NULL);
	T_EQ_STR(got, "filo-state 1\nx\tr\t0\nend\t1\n");
	free(got);
	state_close(st);
	diag_free(&d);
	buf_free(&dir);
	buf_free(&path);
}

/* The lock beside the state file is opened by a name filo did not make
 * sure of: a FIFO, a device or a link there is refused (and left), and
 * the save says so; the state file is not touched. */
TEST(special_lock)
{
	struct buf a = BUF_INIT, s = BUF_INIT, path = BUF_INIT, lock = BUF_INIT;
	fresh_with_file("lock", "filo-state 1\nold\tr\t0\nend\t1\n", &a, &s, &path);
	buf_addf(&lock, "%s.lock", path.data);
	for (int k = 0; k < 2; k++) {
		unlink(lock.data);
		T_EQ_INT(k ? symlink("/dev/null", lock.data) : mkfifo(lock.data, 0600), 0);
		struct diag d = DIAG_INIT;
		struct state *st = state_open(a.data, &d);
		state_set_read(st, "new", true);
		T_EQ_INT(state_save(st, &d), -1);
		T_CHECK(diag_has(&d, k ? "cannot save state: Too many levels of symbolic links"
				       : "cannot save state: not a regular file"),
			"%s", d.n ? d.msg[d.n - 1] : "(nothing said)");
		char *got = t_read_file(path.data, NULL);
		T_EQ_STR(got, "filo-state 1\nold\tr\t0\nend\t1\n");
		free(got);
		struct stat sb;
		T_OK(lstat(lock.data, &sb) == 0 && (k ? S_ISLNK(sb.st_mode) : S_ISFIFO(sb.st_mode)));
		state_close(st);
		diag_free(&d);
	}
	unlink(lock.data);
	buf_free(&a); buf_free(&s); buf_free(&path); buf_free(&lock);
}

/* Two readers on one folder keep each other's marks; each one's own
 * changes win for the fields it changed. */
TEST(merge_two_states)
{
	struct buf a = BUF_INIT, s = BUF_INIT;
	fresh("merge", &a, &s);
	struct diag d = DIAG_INIT;
	struct state *first = state_open(a.data, &d);
	state_set_read(first, "shared", true);
	state_set_position(first, "shared", 10);
	T_EQ_INT(state_save(first, &d), 0);
	struct state *p = state_open(a.data, &d), *q = state_open(a.data, &d);
	state_set_read(p, "p-only", true);
	state_set_flag(p, "shared", true);
	state_set_read(q, "q-only", true);
	state_set_read(q, "shared", false);
	state_set_position(first, "shared", 20);
	T_EQ_INT(state_save(p, &d), 0);
	T_EQ_INT(state_save(q, &d), 0);
	T_EQ_INT(state_save(first, &d), 0);
	T_EQ_INT(d.n, 0);
	struct state *r = state_open(a.data, &d);
	T_OK(state_read(r, "p-only") && state_read(r, "q-only"));
	T_OK(state_flagged(r, "shared"));	/* p's flag */
	T_OK(!state_read(r, "shared"));	/* q's unread */
	T_EQ_INT(state_position(r, "shared"), 20);	/* first's position */
	/* After saving, a state also sees what the others saved. */
	T_OK(state_read(first, "p-only") && state_read(first, "q-only"));
	T_OK(!state_read(p, "q-only"));	/* p saved before q */
	state_close(first); state_close(p); state_close(q); state_close(r);
	diag_free(&d);
	buf_free(&a); buf_free(&s);
}

/* Processes saving at the same time lose nothing. */
TEST(merge_processes)
{
	struct buf a = BUF_INIT, s = BUF_INIT;
	fresh("procs", &a, &s);
	enum { PROCS = 4, MARKS = 40 };
	pid_t pid[PROCS];
	for (int p = 0; p < PROCS; p++) {
		fflush(NULL);
		pid[p] = fork();
		if (pid[p] != 0)
			continue;
		struct state *st = state_open(a.data, NULL);
		int bad = 0;
		for (int i = 0; i < MARKS; i++) {
			char id[32];
			snprintf(id, sizeof id, "p%d-%d", p, i);
			state_set_read(st, id, true);
			state_set_position(st, id, (size_t)(p * 1000 + i));
			bad += state_save(st, NULL) != 0;
		}
		state_close(st);
		buf_free(&a); buf_free(&s);
		_exit(bad ? 1 : 0);
	}
	for (int p = 0; p < PROCS; p++) {
		int status;
		waitpid(pid[p], &status, 0);
		T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	struct diag d = DIAG_INIT;
	struct state *st = state_open(a.data, &d);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(state_count(st), PROCS * MARKS);
	for (int p = 0; p < PROCS; p++)
		for (int i = 0; i < MARKS; i++) {
			char id[32];
			snprintf(id, sizeof id, "p%d-%d", p, i);
			T_CHECK(state_read(st, id) &&
				state_position(st, id) == (size_t)(p * 1000 + i), "%s", id);
		}
	state_close(st);
	diag_free(&d);
	buf_free(&a); buf_free(&s);
}

/* A full disk (a file size limit here: EFBIG as ENOSPC would be) fails the
 * save with a message and leaves the old file whole. */
TEST(full_disk)
{
	struct buf a = BUF_INIT, s = BUF_INIT, path = BUF_INIT;
	fresh("full", &a, &s);
	struct state *st = state_open(a.data, NULL);
	state_set_read(st, "old", true);
	T_EQ_INT(state_save(st, NULL), 0);
	state_close(st);
	T_EQ_INT(state_file_for_dir(a.data, &path), 0);
	char *before = t_read_file(path.data, NULL);
	int fds[2];
	T_OK(pipe(fds) == 0);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = { 4096, 4096 };
		setrlimit(RLIMIT_FSIZE, &rl);
		struct state *c = state_open(a.data, NULL);
		for (int i = 0; i < 1000; i++) {
			char id[32];
			snprintf(id, sizeof id, "new-article-%d", i);
			state_set_read(c, id, true);
		}
		struct diag cd = DIAG_INIT;
		int r = state_save(c, &cd);
		for (size_t i = 0; i < cd.n; i++)
			if (write(fds[1], cd.msg[i], strlen(cd.msg[i])) < 0)
				break;
		/* The changes stay for a later try. */
		int code = r == -1 && state_dirty(c) ? 0 : 1;
		state_close(c);
		diag_free(&cd);
		free(before);
		buf_free(&a); buf_free(&s); buf_free(&path);
		_exit(code);
	}
	close(fds[1]);
	char msg[512] = "";
	ssize_t got = read(fds[0], msg, sizeof msg - 1);
	msg[got > 0 ? got : 0] = '\0';
	close(fds[0]);
	int status;
	waitpid(pid, &status, 0);
	T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	T_CHECK(strstr(msg, "cannot save state: File too large (old file kept)") != NULL,
		"%s", msg);
	char *after = t_read_file(path.data, NULL);
	T_EQ_STR(after, before);
	T_EQ_INT(count_files(s.data, ".tmp-"), 0);
	free(before);
	free(after);
	buf_free(&a); buf_free(&s); buf_free(&path);
}

TEST(stale_temp_removed)
{
	struct buf a = BUF_INIT, s = BUF_INIT, tmp = BUF_INIT;
	fresh("stale", &a, &s);
	struct state *st = state_open(a.data, NULL);
	state_set_read(st, "x", true);
	T_EQ_INT(state_save(st, NULL), 0);
	buf_addf(&tmp, "%s.tmp-999999", state_path(st));
	t_write_file(NULL, tmp.data, "filo-state 1\nhalf");
	state_set_read(st, "y", true);
	T_EQ_INT(state_save(st, NULL), 0);
	T_EQ_INT(count_files(s.data, ".tmp-"), 0);
	state_close(st);
	buf_free(&a); buf_free(&s); buf_free(&tmp);
}

TEST(vanished_folder)
{
	struct diag d = DIAG_INIT;
	struct buf gone = BUF_INIT;
	buf_addf(&gone, "%s/never-was", tmpdir);
	struct state *st = state_open(gone.data, &d);
	T_OK(st != NULL);
	T_OK(diag_has(&d, "cannot resolve the articles folder: No such file or directory (reading state not kept)"));
	state_set_read(st, "a", true);
	T_OK(state_read(st, "a"));	/* still works in memory */
	diag_free(&d);
	T_EQ_INT(state_save(st, &d), -1);
	T_OK(diag_has(&d, "state not saved"));
	state_close(st);
	diag_free(&d);
	/* Nowhere to keep state at all: said, and the reader goes on. */
	char *home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	unsetenv("HOME");
	unsetenv("XDG_STATE_HOME");
	st = state_open(tmpdir, &d);
	T_OK(diag_has(&d, "no HOME or XDG_STATE_HOME to keep reading state in (reading state not kept)"));
	state_set_flag(st, "a", true);
	T_OK(state_flagged(st, "a"));
	state_close(st);
	diag_free(&d);
	if (home)
		setenv("HOME", home, 1);
	free(home);
	buf_free(&gone);
}

int main(void)
{
	t_tmpdir(tmpdir, sizeof tmpdir, "state");
	RUN(format_round_trip);
	RUN(escaped_ids);
	RUN(prefs);
	RUN(prefs_saved_and_merged);
	RUN(bad_lines);
	RUN(header_and_end);
	RUN(every_truncation_detected);
	RUN(null_state);
	RUN(file_name);
	RUN(save_and_reopen);
	RUN(corrupt_set_aside);
	RUN(left_alone);
	RUN(special_files);
	RUN(special_lock);
	RUN(merge_two_states);
	RUN(merge_processes);
	RUN(full_disk);
	RUN(stale_temp_removed);
	RUN(vanished_folder);
	if (t_remove_tree(tmpdir) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	printf("%s: %d passed, %d failed\n", __FILE__, t_pass, t_fail);
	return t_fail ? 1 : 0;
}
