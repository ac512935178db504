/* test_feedstate.c: the per-URL ETag/Last-Modified/title file: set and get,
 * the exact file text, damaged files read as far as they go, atomic save
 * and where the file of a folder is. */
#include <sys/stat.h>
#include <unistd.h>
#include "t.h"
#include "diag.h"
#include "feedstate.h"

static void check_diag(const struct diag *d, const char *const *want, size_t n)
{
	T_EQ_INT(d->n, n);
	for (size_t i = 0; i < n && i < d->n; i++)
		T_EQ_STR(d->msg[i], want[i]);
	for (size_t i = n; i < d->n; i++)
		fprintf(stderr, "  extra diag: %s\n", d->msg[i]);
}

TEST(set_get_format)
{
	struct feedstate *v = feedstate_new();
	const char *e, *l;
	feedstate_get(v, "https://a.example/f", &e, &l);
	T_OK(e == NULL && l == NULL);
	feedstate_set(v, "https://b.example/f", "\"b1\"", NULL);
	feedstate_set(v, "https://a.example/f", "W/\"a1\"", "Wed, 21 Oct 2015 07:28:00 GMT");
	feedstate_set(v, "https://c.example/f", NULL, "Thu, 01 Jan 2026 00:00:00 GMT");
	T_EQ_INT(feedstate_count(v), 3);
	feedstate_get(v, "https://a.example/f", &e, &l);
	T_EQ_STR(e, "W/\"a1\"");
	T_EQ_STR(l, "Wed, 21 Oct 2015 07:28:00 GMT");
	size_t len;
	char *text = feedstate_format(v, &len);
	feedstate_set_title(v, "https://c.example/f", "C news · world");
	feedstate_set_title(v, "https://d.example/f", "Only a title");
	T_EQ_INT(feedstate_count(v), 4);
	T_EQ_STR(feedstate_title(v, "https://c.example/f"), "C news · world");
	T_OK(feedstate_title(v, "https://a.example/f") == NULL);
	free(text);
	text = feedstate_format(v, &len);
	T_EQ_STR(text, "filo-fetch 1\n"
		 "https://a.example/f\tW/\"a1\"\tWed, 21 Oct 2015 07:28:00 GMT\t\n"
		 "https://b.example/f\t\"b1\"\t\t\n"
		 "https://c.example/f\t\tThu, 01 Jan 2026 00:00:00 GMT\tC news · world\n"
		 "https://d.example/f\t\t\tOnly a title\n"
		 "end\t4\n");
	T_EQ_INT(len, strlen(text));
	/* the title alone keeps a URL known; titles that cannot be kept */
	feedstate_set_title(v, "https://d.example/f", "Tab\there");
	T_OK(feedstate_title(v, "https://d.example/f") == NULL);
	T_EQ_INT(feedstate_count(v), 3);
	/* replaced, then forgotten */
	feedstate_set(v, "https://b.example/f", "\"b2\"", "");
	feedstate_get(v, "https://b.example/f", &e, &l);
	T_EQ_STR(e, "\"b2\"");
	T_OK(l == NULL);
	feedstate_set(v, "https://b.example/f", NULL, NULL);
	feedstate_get(v, "https://b.example/f", &e, &l);
	T_OK(e == NULL && l == NULL);
	T_EQ_INT(feedstate_count(v), 2);	/* a and c */
	/* what could not be written back is not kept */
	feedstate_set(v, "https://d.example/f", "\"x\ty\"", "bad\nvalue");
	feedstate_set(v, "https://e.example/f", "\"has space\"", NULL);
	feedstate_set(v, "https://bad url/", "\"e\"", NULL);
	T_EQ_INT(feedstate_count(v), 2);
	/* and the file reads back the same */
	free(text);
	text = feedstate_format(v, &len);
	struct diag d = DIAG_INIT;
	struct feedstate *back = feedstate_parse("x", text, len, &d);
	check_diag(&d, NULL, 0);
	size_t len2;
	char *text2 = feedstate_format(back, &len2);
	T_EQ_STR(text2, text);
	free(text);
	free(text2);
	feedstate_free(back);
	feedstate_free(v);
}

TEST(damaged_files)
{
	struct diag d = DIAG_INIT;
	static const char good_then_bad[] =
		"filo-fetch 1\n"
		"https://a.example/f\t\"a\"\t\t\n"
		"no tabs at all\n"
		"https://b.example/f\t\t\t\n"
		"https://c.example/f\t\"c\"\tx\ty\tz\n"
		"https://d.example/f\t\"d\"\tLM\tD\n"
		"https://e.example/f\t\"e\"\t\n"
		"end\t3\n"
		"trailing\n";
	struct feedstate *v = feedstate_parse("val", good_then_bad, sizeof good_then_bad - 1, &d);
	static const char *const want[] = {
		"val:3: not a line of URL, ETag, Last-Modified and title (ignored)",
		"val:4: not a line of URL, ETag, Last-Modified and title (ignored)",
		"val:5: not a line of URL, ETag, Last-Modified and title (ignored)",
		"val:7: not a line of URL, ETag, Last-Modified and title (ignored)",
		"val:9: text after the end line (ignored)",
	};
	check_diag(&d, want, 5);
	T_EQ_INT(feedstate_count(v), 2);
	const char *e, *l;
	feedstate_get(v, "https://d.example/f", &e, &l);
	T_EQ_STR(e, "\"d\"");
	T_EQ_STR(l, "LM");
	T_EQ_STR(feedstate_title(v, "https://d.example/f"), "D");
	feedstate_free(v);
	diag_free(&d);

	static const char cut[] = "filo-fetch 1\nhttps://a.example/f\t\"a\"\t\t\nhttps://b.exa";
	v = feedstate_parse("val", cut, sizeof cut - 1, &d);
	static const char *const want_cut[] = {
		"val:3: not a line of URL, ETag, Last-Modified and title (ignored)",
		"val:3: the file is cut short (read as far as it goes)",
	};
	check_diag(&d, want_cut, 2);
	T_EQ_INT(feedstate_count(v), 1);
	feedstate_free(v);
	diag_free(&d);

	v = feedstate_parse("val", "filo-fetch 2\nend\t0\n", 19, &d);
	static const char *const want_ver[] = { "val:1: not a filo-fetch 1 file (ignored)" };
	check_diag(&d, want_ver, 1);
	T_EQ_INT(feedstate_count(v), 0);
	feedstate_free(v);
	diag_free(&d);

	v = feedstate_parse("val", "", 0, &d);	/* empty: nothing to say */
	check_diag(&d, NULL, 0);
	feedstate_free(v);
}

TEST(load_and_save)
{
	char dir[] = "/tmp/filo-test-val-XXXXXX";
	T_OK(mkdtemp(dir) != NULL);
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/sub/deeper/x.fetch", dir);
	struct diag d = DIAG_INIT;
	struct feedstate *v = feedstate_load(path.data, &d);	/* missing: empty */
	check_diag(&d, NULL, 0);
	feedstate_set(v, "https://a.example/f", "\"a\"", NULL);
	T_EQ_INT(feedstate_save(v, path.data, &d), 0);
	check_diag(&d, NULL, 0);
	feedstate_free(v);
	v = feedstate_load(path.data, &d);
	check_diag(&d, NULL, 0);
	T_EQ_INT(feedstate_count(v), 1);
	/* no temporary file is left beside it */
	struct buf tmp = BUF_INIT;
	buf_addf(&tmp, "%s.tmp-%ld", path.data, (long)getpid());
	T_OK(access(tmp.data, F_OK) != 0);
	/* a folder in the way of the file: the old file stays, said so */
	struct buf blocked = BUF_INIT;
	buf_addf(&blocked, "%s/sub/deeper/x.fetch", dir);
	T_EQ_INT(chmod(path.data, 0600), 0);
	struct buf dirpath = BUF_INIT;
	buf_addf(&dirpath, "%s/sub/deeper", dir);
	if (geteuid() != 0) {
		T_EQ_INT(chmod(dirpath.data, 0500), 0);
		T_EQ_INT(feedstate_save(v, path.data, &d), -1);
		T_EQ_INT(d.n, 1);
		T_OK(d.n && strstr(d.msg[0], "cannot save what filo knows of the feeds: Permission denied (old file kept)"));
		T_EQ_INT(chmod(dirpath.data, 0700), 0);
		diag_free(&d);
	}
	feedstate_free(v);
	unlink(path.data);
	rmdir(dirpath.data);
	dirpath.len -= strlen("/deeper");
	dirpath.data[dirpath.len] = '\0';
	rmdir(dirpath.data);
	rmdir(dir);
	buf_free(&dirpath);
	buf_free(&blocked);
	buf_free(&tmp);
	buf_free(&path);
}

TEST(path_for_dir)
{
	struct buf b = BUF_INIT;
	setenv("XDG_CACHE_HOME", "/xdg-cache", 1);
	T_EQ_INT(feedstate_path_for_dir("/", &b), 0);
	T_OK(strncmp(b.data, "/xdg-cache/filo/root-", 21) == 0);
	T_OK(b.len == 21 + 16 + 6 && strcmp(b.data + b.len - 6, ".fetch") == 0);
	buf_reset(&b);
	T_EQ_INT(feedstate_path_for_dir("/nonexistent-filo-dir", &b), -1);
	T_EQ_INT(b.len, 0);
	char dir[] = "/tmp/filo test.val-XXXXXX";
	T_OK(mkdtemp(dir) != NULL);
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "/home/u", 1);
	T_EQ_INT(feedstate_path_for_dir(dir, &b), 0);
	T_OK(strncmp(b.data, "/home/u/.cache/filo/filo_test.val-", 34) == 0);
	buf_free(&b);
	rmdir(dir);
}

T_MAIN(RUN(set_get_format); RUN(damaged_files); RUN(load_and_save); RUN(path_for_dir))
