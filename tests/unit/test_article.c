/* test_article.c: front matter, diagnostics with line numbers, dates, title
 * fallback, the written format, and files that cannot be articles. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "t.h"
#include "article.h"
#include "buf.h"

static struct diag d = DIAG_INIT;

/* Parses s as file "x.md" with the body; diagnostics left in d. */
static int parse(struct article *a, const char *s)
{
	diag_free(&d);
	return article_parse(a, "x.md", s, strlen(s), true, &d);
}

static bool has_msg(const char *msg)
{
	for (size_t i = 0; i < d.n; i++)
		if (strcmp(d.msg[i], msg) == 0)
			return true;
	fprintf(stderr, "  (messages:");
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, " [%s]", d.msg[i]);
	fprintf(stderr, ")\n");
	return false;
}

TEST(happy_path)
{
	struct article a;
	T_EQ_INT(parse(&a, "---\ntitle: Vertice a Vostochny\ndate: 2023-09-14\n"
		       "source: Il Post\nlang: it\nurl: https://x.it/a\n"
		       "tags: politica, esteri\n---\n\n# Heading\n\nText.\n"), 0);
	T_EQ_STR(a.id, "x");
	T_EQ_STR(a.title, "Vertice a Vostochny");
	T_EQ_STR(a.date, "2023-09-14");
	T_EQ_INT(a.year, 2023);
	T_EQ_INT(a.month, 9);
	T_EQ_INT(a.day, 14);
	T_EQ_STR(a.source, "Il Post");
	T_EQ_STR(a.lang, "it");
	T_EQ_STR(a.url, "https://x.it/a");
	T_EQ_STR(a.tags, "politica, esteri");
	T_EQ_STR(a.body, "# Heading\n\nText.\n");
	T_EQ_INT(a.body_len, strlen("# Heading\n\nText.\n"));
	T_EQ_INT(a.body_line, 10);
	T_EQ_INT(a.nextra, 0);
	T_OK(!a.broken);
	T_EQ_INT(d.n, 0);
	article_free(&a);
}

TEST(keys_case_quotes_extra)
{
	struct article a;
	T_EQ_INT(parse(&a, "---\nTITLE:  \"Quoted: title\"  \nSource: 'Reuters'\n"
		       "Author: Mario Rossi\nwords: 120\nlang: \"it'\n---\nBody\n"), 0);
	T_EQ_STR(a.title, "Quoted: title");
	T_EQ_STR(a.source, "Reuters");
	T_EQ_STR(a.lang, "\"it'");	/* unmatched quotes are kept */
	T_EQ_INT(a.nextra, 2);
	if (a.nextra == 2) {
		T_EQ_STR(a.extra[0].key, "author");
		T_EQ_STR(a.extra[0].value, "Mario Rossi");
		T_EQ_STR(a.extra[1].key, "words");
		T_EQ_STR(a.extra[1].value, "120");
	}
	T_EQ_STR(a.body, "Body\n");
	T_EQ_INT(d.n, 0);
	article_free(&a);
}

TEST(crlf_and_bom)
{
	struct article a;
	T_EQ_INT(parse(&a, "\xEF\xBB\xBF---\r\ntitle: Win\r\ndate: 2024-02-29\r\n"
		       "---\r\n\r\nLine one\r\nLine two\r\n"), 0);
	T_EQ_STR(a.title, "Win");
	T_EQ_STR(a.date, "2024-02-29");
	T_EQ_STR(a.body, "Line one\nLine two\n");
	T_EQ_INT(a.body_line, 6);
	T_EQ_INT(d.n, 0);
	T_OK(!a.broken);
	article_free(&a);
}

TEST(dot_closer)
{
	struct article a;
	T_EQ_INT(parse(&a, "---\ntitle: Dots\n...\nBody\n"), 0);
	T_EQ_STR(a.title, "Dots");
	T_EQ_STR(a.body, "Body\n");
	T_EQ_INT(a.body_line, 4);
	T_EQ_INT(d.n, 0);
	article_free(&a);
}

TEST(duplicate_key)
{
	struct article a;
	parse(&a, "---\ntitle: First\nx-a: 1\ntitle: Second\nX-A: 2\n---\nB\n");
	T_EQ_STR(a.title, "First");
	T_EQ_INT(a.nextra, 1);
	T_OK(has_msg("x.md:4: duplicate key 'title' (the first is kept)"));
	T_OK(has_msg("x.md:5: duplicate key 'x-a' (the first is kept)"));
	T_EQ_INT(d.n, 2);
	T_OK(a.broken);
	article_free(&a);
}

TEST(line_without_colon)
{
	struct article a;
	parse(&a, "---\ntitle: T\n\njust words\n# a comment\n---\nB\n");
	T_EQ_STR(a.title, "T");
	T_OK(has_msg("x.md:4: expected 'key: value' (line ignored)"));
	T_EQ_INT(d.n, 1);
	article_free(&a);
	parse(&a, "---\n: no key\n---\n");
	T_OK(has_msg("x.md:2: expected 'key: value' (line ignored)"));
	article_free(&a);
}

TEST(no_closing)
{
	struct article a;
	T_EQ_INT(parse(&a, "---\ntitle: T\n\n# Real heading\n\ntext\n"), 0);
	T_OK(has_msg("x.md:1: front matter has no closing '---' (read as body)"));
	T_EQ_STR(a.body, "---\ntitle: T\n\n# Real heading\n\ntext\n");
	T_EQ_STR(a.title, "Real heading");
	T_OK(a.broken);
	article_free(&a);

	/* The closer at line 101 is too late. */
	struct buf b = BUF_INIT;
	buf_adds(&b, "---\n");
	for (int i = 2; i <= 100; i++)
		buf_addf(&b, "k%d: v\n", i);
	buf_adds(&b, "---\nbody\n");
	T_EQ_INT(parse(&a, buf_str(&b)), 0);
	T_OK(has_msg("x.md:1: front matter has no closing '---' (read as body)"));
	T_EQ_INT(a.nextra, 0);
	article_free(&a);
	/* At line 100 it is in time. */
	b.len = 0;
	buf_adds(&b, "---\n");
	for (int i = 2; i <= 99; i++)
		buf_addf(&b, "k%d: v\n", i);
	buf_adds(&b, "---\nbody\n");
	T_EQ_INT(parse(&a, buf_str(&b)), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(a.nextra, 98);
	T_EQ_STR(a.body, "body\n");
	T_EQ_INT(a.body_line, 101);
	article_free(&a);
	buf_free(&b);
}

TEST(no_front_matter)
{
	struct article a;
	T_EQ_INT(parse(&a, "Intro line\n\n## Second *level* \\#1 ##\n\ntext\n"), 0);
	T_OK(has_msg("x.md:1: no front matter (title taken from the first heading)"));
	T_EQ_STR(a.title, "Second *level* #1");
	T_EQ_STR(a.body, "Intro line\n\n## Second *level* \\#1 ##\n\ntext\n");
	T_EQ_INT(a.body_line, 1);
	T_OK(a.broken);
	article_free(&a);
}

TEST(title_fallback)
{
	struct article a;
	parse(&a, "---\ndate: 2023\n---\n\n```\n# not a heading\n```\n"
	      "A setext\nheading\n=======\n\n# later\n");
	T_EQ_STR(a.title, "A setext heading");
	article_free(&a);
	parse(&a, "---\ndate: 2023\n---\n\n- item\n---\n#nospace\n    # code\n");
	T_EQ_STR(a.title, "x");	/* no heading at all: the id */
	article_free(&a);
	parse(&a, "---\ntitle:\n---\n\nSub\n---\n");
	T_EQ_STR(a.title, "Sub");
	article_free(&a);
	/* The same title whether or not the body is kept. */
	const char *s = "---\ndate: 2023\n---\n\ntext\n\n### Deep ###\n";
	diag_free(&d);
	T_EQ_INT(article_parse(&a, "dir/y.md", s, strlen(s), false, &d), 0);
	T_EQ_STR(a.title, "Deep");
	T_EQ_STR(a.id, "y");
	T_OK(a.body == NULL);
	article_free(&a);
}

TEST(dates)
{
	int y, m, dd;
	T_EQ_INT(article_parse_date("2024-02-29", &y, &m, &dd), 0);
	T_EQ_INT(y * 10000 + m * 100 + dd, 20240229);
	T_EQ_INT(article_parse_date("2023-02-29", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("2000-02-29", &y, &m, &dd), 0);
	T_EQ_INT(article_parse_date("1900-02-29", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("2023-04-31", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("2023-12-31", &y, &m, &dd), 0);
	T_EQ_INT(article_parse_date("2023-13", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("2023-00", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("2023-09", &y, &m, &dd), 0);
	T_EQ_INT(y * 10000 + m * 100 + dd, 20230900);
	T_EQ_INT(article_parse_date("2023", &y, &m, &dd), 0);
	T_EQ_INT(article_parse_date("", &y, &m, &dd), 0);
	T_EQ_INT(y + m + dd, 0);
	T_EQ_INT(article_parse_date("23-09-14", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("2023/09/14", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("2023-9-14", &y, &m, &dd), -1);
	T_EQ_INT(article_parse_date("14 settembre", &y, &m, &dd), -1);

	struct article a;
	parse(&a, "---\ntitle: T\n\ndate: 2023-02-29\n---\n");
	T_OK(has_msg("x.md:4: bad date '2023-02-29' (expected YYYY-MM-DD, "
		     "YYYY-MM or YYYY; left empty)"));
	T_EQ_STR(a.date, "");
	T_EQ_INT(a.year, 0);
	T_EQ_INT(article_days(&a), -1);
	article_free(&a);
}

TEST(days)
{
	struct article a = { 0 };
	T_EQ_INT(article_days(&a), -1);
	a.year = 1970, a.month = 1, a.day = 1;
	T_EQ_INT(article_days(&a), 0);
	a.year = 2000, a.month = 3, a.day = 1;
	T_EQ_INT(article_days(&a), 11017);
	a.year = 2023, a.month = 9, a.day = 14;
	T_EQ_INT(article_days(&a), 19614);
	a.day = 0;	/* 2023-09 counts as its first day */
	T_EQ_INT(article_days(&a), 19601);
	a.month = 0;
	T_EQ_INT(article_days(&a), 19358);
	a.year = 2024, a.month = 3, a.day = 1;
	T_EQ_INT(article_days(&a), 19783);
	a.month = 2, a.day = 29;
	T_EQ_INT(article_days(&a), 19782);
	a.year = 1969, a.month = 12, a.day = 30;
	T_EQ_INT(article_days(&a), -2);
}

/* Date keys order as the date strings do; anything invalid is undated. */
TEST(date_keys)
{
	T_EQ_INT(article_date_key("2023-09-14"), 20230914);
	T_EQ_INT(article_date_key("2023-09"), 20230900);
	T_EQ_INT(article_date_key("2023"), 20230000);
	T_EQ_INT(article_date_key(""), 0);
	T_EQ_INT(article_date_key(NULL), 0);
	static const char *const bad[] = { "2023-13-01", "2023-02-29", "2023-9-14",
					   "14 settembre", "2023-09-14x", "\xff\xfe" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		T_CHECK(article_date_key(bad[i]) == 0, "'%s' gave a key", bad[i]);
	static const char *const ordered[] = { "", "1999", "2023", "2023-09", "2023-09-01",
					       "2023-09-30", "2023-10", "2024-01-01" };
	for (size_t i = 1; i < sizeof ordered / sizeof *ordered; i++)
		T_CHECK(article_date_key(ordered[i - 1]) < article_date_key(ordered[i]) &&
			strcmp(ordered[i - 1], ordered[i]) < 0, "%s before %s",
			ordered[i - 1], ordered[i]);
}

TEST(sanitised_metadata)
{
	struct article a;
	parse(&a, "---\ntitle: Evil\x1b]52;c;aGk=\x07 title\x1b[2J\n"
	      "source: ok\x9b" "31m\n---\nbody \x1b[31mred\tTAB\n");
	T_OK(strchr(a.title, 0x1b) == NULL);
	T_OK(strchr(a.title, 0x07) == NULL);
	T_OK(strstr(a.title, "Evil") && strstr(a.title, "title"));
	T_OK(strchr(a.body, 0x1b) == NULL);
	T_OK(strstr(a.body, "red") != NULL);
	/* The lone 0x9b byte is invalid UTF-8 (a raw C1 CSI). */
	T_OK(has_msg("x.md:3: invalid UTF-8 (replaced with U+FFFD)"));
	T_OK(strstr(a.source, "\xEF\xBF\xBD") != NULL);
	T_EQ_INT(d.n, 1);
	article_free(&a);
}

TEST(invalid_utf8_once)
{
	struct article a;
	parse(&a, "---\ntitle: T\n---\n\nok\nbad \xC3\x28 here\nbad \xFF again\n");
	T_OK(has_msg("x.md:6: invalid UTF-8 (replaced with U+FFFD)"));
	T_EQ_INT(d.n, 1);
	T_OK(strstr(a.body, "bad \xEF\xBF\xBD( here") != NULL);
	T_OK(a.broken);
	article_free(&a);
}

TEST(rejected)
{
	struct article a;
	diag_free(&d);
	T_EQ_INT(article_parse(&a, "e.md", "", 0, true, &d), -1);
	T_OK(has_msg("e.md: empty file (skipped)"));
	T_OK(a.title == NULL && a.id == NULL);	/* nothing to free */
	article_free(&a);
	T_EQ_INT(article_parse(&a, "b.md", "---\n\0\x01", 6, true, &d), -1);
	T_OK(has_msg("b.md: binary file (skipped)"));
	/* A NUL after the first 8 KiB is not taken for a binary file. */
	struct buf b = BUF_INIT;
	buf_adds(&b, "---\ntitle: late nul\n---\n");
	while (b.len < 9000)
		buf_adds(&b, "text text text text\n");
	buf_add(&b, "\0\n", 2);
	diag_free(&d);
	T_EQ_INT(article_parse(&a, "n.md", b.data, b.len, true, &d), 0);
	T_EQ_STR(a.title, "late nul");
	article_free(&a);
	buf_free(&b);
}

TEST(format_round_trip)
{
	struct article a, r;
	parse(&a, "---\ntitle: '\"Quoted\" from start to \"end\"'\ndate: 2023-09\n"
	      "lang: it\nnote: kept\nempty:\n---\n\nPara *one*.\n\nPara two.\n");
	T_EQ_STR(a.title, "\"Quoted\" from start to \"end\"");
	size_t len;
	char *text = article_format(&a, &len);
	T_EQ_INT(strlen(text), len);
	T_EQ_STR(text, "---\ntitle: \"\\\"Quoted\\\" from start to \\\"end\\\"\"\n"
		 "date: 2023-09\nlang: it\nnote: kept\nempty:\n---\n\n"
		 "Para *one*.\n\nPara two.\n");
	diag_free(&d);
	T_EQ_INT(article_parse(&r, "x.md", text, len, true, &d), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_STR(r.title, a.title);
	T_EQ_STR(r.date, a.date);
	T_EQ_STR(r.lang, a.lang);
	T_EQ_STR(r.source, "");
	T_EQ_STR(r.body, a.body);
	T_EQ_INT(r.nextra, 2);
	if (r.nextra == 2)
		T_EQ_STR(r.extra[1].key, "empty");
	free(text);
	article_free(&r);

	/* Empty date still written; surrounding blanks survive via quotes. */
	free(a.date);
	a.date = xstrdup("");
	free(a.title);
	a.title = xstrdup(" padded ");
	text = article_format(&a, &len);
	T_OK(strstr(text, "\ndate:\n") != NULL);
	T_EQ_INT(article_parse(&r, "x.md", text, len, true, &d), 0);
	T_EQ_STR(r.title, " padded ");
	free(text);
	article_free(&r);

	/* a quoted value's backslashes and quotes are escaped, read back */
	free(a.title);
	a.title = xstrdup(" C:\\dir \"x\" \\n ");
	text = article_format(&a, &len);
	T_OK(strstr(text, "title: \" C:\\\\dir \\\"x\\\" \\\\n \"\n") != NULL);
	T_EQ_INT(article_parse(&r, "x.md", text, len, true, &d), 0);
	T_EQ_STR(r.title, a.title);
	free(text);
	article_free(&r);
	article_free(&a);
}

/* Quoted values as YAML reads them: escapes in double quotes, '' in single
 * ones; Wikinews titles showed a literal \" (issue #15). */
TEST(yaml_quoted)
{
	struct article a;
	T_EQ_INT(parse(&a, "---\ntitle: \"la \\\" Nuova GM \\\"\"\n"
		       "source: 'l''Unit\u00e0'\n"
		       "author: \"Citt\\u00E0 \\x41\\U0001F600 a\\\\b\\/c\"\n"
		       "note: \"tab\\there, line\\nbreak, bad \\q \\u12 \\uD800\"\n"
		       "url: plain \\\" kept\n"
		       "lang: \"ends in a backslash\\\"\n---\nBody\n"), 0);
	T_EQ_STR(a.title, "la \" Nuova GM \"");
	T_EQ_STR(a.source, "l'Unit\u00e0");
	T_EQ_STR(a.url, "plain \\\" kept");	/* unquoted: as written */
	T_EQ_STR(a.lang, "ends in a backslash\\");
	T_EQ_INT(a.nextra, 2);
	if (a.nextra == 2) {
		T_EQ_STR(a.extra[0].value, "Citt\u00e0 A\U0001F600 a\\b/c");
		/* controls go through the sanitiser; unknown escapes stay */
		T_OK(strstr(a.extra[1].value, "\\q \\u12 \\uD800") != NULL);
		T_OK(!strchr(a.extra[1].value, '\n') && !strchr(a.extra[1].value, '\t'));
	}
	article_free(&a);
}

TEST(file_names)
{
	T_OK(article_is_file_name("2023-09-14-vertice.md"));
	T_OK(article_is_file_name("a.md"));
	T_OK(!article_is_file_name(".hidden.md"));
	T_OK(!article_is_file_name(".md"));
	T_OK(!article_is_file_name("notes.txt"));
	T_OK(!article_is_file_name("x.md~"));
	T_OK(!article_is_file_name("md"));
}

/* ---- files on disk ---- */

static char dir[64];

static const char *path_in(const char *name)
{
	static char p[128];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

static void expect_load_fail(const char *name, const char *suffix)
{
	struct article a;
	char want[256];
	diag_free(&d);
	T_EQ_INT(article_load(&a, path_in(name), false, &d), -1);
	snprintf(want, sizeof want, "%s: %s", path_in(name), suffix);
	T_OK(has_msg(want));
	article_free(&a);
}

TEST(files)
{
	t_tmpdir(dir, sizeof dir, "article");
	const char *ok = "---\ntitle: On disk\ndate: 2023-09-14\n---\n\nBody.\n";
	t_write_file(dir, "ok.md", ok);
	struct article a;
	diag_free(&d);
	T_EQ_INT(article_load(&a, path_in("ok.md"), true, &d), 0);
	T_EQ_STR(a.title, "On disk");
	T_EQ_STR(a.body, "Body.\n");
	T_EQ_STR(a.path, path_in("ok.md"));
	T_EQ_INT(a.size, strlen(ok));
	T_OK(a.mtime > 0);
	article_free(&a);

	t_write_mem(dir, "empty.md", "", 0);
	expect_load_fail("empty.md", "empty file (skipped)");
	t_write_mem(dir, "bin.md", "\x89PNG\r\n\x1a\n\0\0\0", 11);
	expect_load_fail("bin.md", "binary file (skipped)");
	T_EQ_INT(mkdir(path_in("dir.md"), 0755), 0);
	expect_load_fail("dir.md", "cannot read: Is a directory (skipped)");
	T_EQ_INT(symlink("nowhere.md", path_in("dangling.md")), 0);
	expect_load_fail("dangling.md", "cannot read: No such file or directory (skipped)");
	expect_load_fail("missing.md", "cannot read: No such file or directory (skipped)");

	int fd = open(path_in("big.md"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
	T_EQ_INT(ftruncate(fd, 17 * 1024 * 1024), 0);	/* sparse: no disk used */
	close(fd);
	expect_load_fail("big.md", "too large (17825792 bytes, limit 16 MiB; skipped)");

	T_EQ_INT(t_remove_tree(dir), 0);
}

/* A metadata-only load reads a prefix first; a front matter or a heading
 * beyond it must still be found. */
TEST(long_files)
{
	t_tmpdir(dir, sizeof dir, "article");
	struct buf b = BUF_INIT;
	buf_adds(&b, "---\nnote: ");
	while (b.len < 70000)
		buf_adds(&b, "long long value ");
	buf_adds(&b, "\ntitle: After the prefix\n---\nbody\n");
	t_write_mem(dir, "long.md", b.data, b.len);
	struct article a;
	diag_free(&d);
	T_EQ_INT(article_load(&a, path_in("long.md"), false, &d), 0);
	T_EQ_STR(a.title, "After the prefix");
	T_EQ_INT(a.size, b.len);
	T_EQ_INT(d.n, 0);
	article_free(&a);

	buf_reset(&b);
	b.len = 0;
	buf_adds(&b, "---\ndate: 2023\n---\n");
	while (b.len < 66000)
		buf_adds(&b, "\n");
	buf_adds(&b, "# Far heading\n");
	t_write_mem(dir, "far.md", b.data, b.len);
	T_EQ_INT(article_load(&a, path_in("far.md"), false, &d), 0);
	T_EQ_STR(a.title, "Far heading");
	article_free(&a);
	buf_free(&b);
	T_EQ_INT(t_remove_tree(dir), 0);
}


/* Writes text into name, made in the folder open as dfd. */
static void write_at(int dfd, const char *name, const char *text)
{
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	T_OK(fd >= 0);
	if (fd < 0)
		return;
	T_EQ_INT(write(fd, text, strlen(text)), (long)strlen(text));
	close(fd);
}

/* A folder near PATH_MAX: the full paths of its files are longer than
 * open(2) takes, so article_load opens them relative to their folder, by
 * the rule of every other file: a regular file loads, a FIFO or a folder
 * is refused at once. */
TEST(files_past_path_max)
{
	t_tmpdir(dir, sizeof dir, "article");
	struct buf deep = BUF_INIT, path = BUF_INIT;
	char seg[201], name[251];
	memset(seg, 'd', 200);
	seg[200] = '\0';
	buf_adds(&deep, dir);
	while (deep.len < 3900) {
		buf_addf(&deep, "/%s", seg);
		T_EQ_INT(mkdir(deep.data, 0755), 0);
	}
	int dfd = open(deep.data, O_RDONLY | O_DIRECTORY);
	T_OK(dfd >= 0);
	memset(name, 'a', 247);
	strcpy(name + 247, ".md");
	write_at(dfd, name, "---\ntitle: Deep down\n---\n\nBody.\n");
	buf_addf(&path, "%s/%s", deep.data, name);
	T_OK(path.len > 4096);
	struct article a;
	diag_free(&d);
	T_EQ_INT(article_load(&a, path.data, true, &d), 0);
	T_EQ_STR(a.title, "Deep down");
	article_free(&a);

	static const char *const why[] = {
		"cannot read: not a regular file (skipped)",
		"cannot read: Is a directory (skipped)" };
	for (int k = 0; k < 2; k++) {
		name[0] = k ? 'c' : 'b';
		T_EQ_INT(k ? mkdirat(dfd, name, 0755) : mkfifoat(dfd, name, 0600), 0);
		buf_reset(&path);
		buf_addf(&path, "%s/%s", deep.data, name);
		diag_free(&d);
		T_EQ_INT(article_load(&a, path.data, true, &d), -1);
		buf_addf(&path, ": %s", why[k]);
		T_OK(has_msg(path.data));
		article_free(&a);
		T_EQ_INT(unlinkat(dfd, name, k ? AT_REMOVEDIR : 0), 0);
	}
	name[0] = 'a';
	T_EQ_INT(unlinkat(dfd, name, 0), 0);
	close(dfd);
	while (deep.len > strlen(dir)) {	/* nftw stops at PATH_MAX */
		T_EQ_INT(rmdir(deep.data), 0);
		deep.len -= 201;
		deep.data[deep.len] = '\0';
	}
	buf_free(&deep);
	buf_free(&path);
	T_EQ_INT(t_remove_tree(dir), 0);
}

/* The broken files shipped in tests/data/bad: each gives its message and,
 * unless it cannot be an article, still an article with a title. */
TEST(bad_folder)
{
	static const struct { const char *file, *msg, *title; } cases[] = {
		{ "bad-date.md", ":3: bad date '2023-02-29' (expected YYYY-MM-DD, "
		  "YYYY-MM or YYYY; left empty)", "Senza data valida" },
		{ "duplicate-key.md", ":4: duplicate key 'title' (the first is kept)",
		  "Il primo titolo" },
		{ "no-colon.md", ":3: expected 'key: value' (line ignored)",
		  "Riga senza due punti" },
		{ "no-closing.md", ":1: front matter has no closing '---' (read as body)",
		  "Il titolo dal corpo" },
		{ "no-front-matter.md", ":1: no front matter (title taken from the "
		  "first heading)", "Titolo sottolineato" },
		{ "invalid-utf8.md", ":6: invalid UTF-8 (replaced with U+FFFD)",
		  "Byte non valido" },
		{ "empty.md", ": empty file (skipped)", NULL },
		{ "binary.md", ": binary file (skipped)", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char path[128], want[256];
		snprintf(path, sizeof path, "tests/data/bad/%s", cases[i].file);
		snprintf(want, sizeof want, "%s%s", path, cases[i].msg);
		struct article a;
		diag_free(&d);
		int rc = article_load(&a, path, true, &d);
		T_EQ_INT(rc, cases[i].title ? 0 : -1);
		T_CHECK(d.n == 1 && strcmp(d.msg[0], want) == 0, "%s", want);
		if (cases[i].title) {
			T_EQ_STR(a.title, cases[i].title);
			T_OK(a.broken);
		}
		article_free(&a);
	}
	struct article a;
	diag_free(&d);
	T_EQ_INT(article_load(&a, "tests/data/bad/crlf-bom.md", true, &d), 0);
	T_EQ_INT(d.n, 0);
	T_EQ_STR(a.title, "Windows, con BOM");
	T_EQ_STR(a.date, "2024-02-29");
	T_EQ_STR(a.body, "Testo CRLF.\n");
	article_free(&a);
	T_EQ_INT(article_load(&a, "tests/data/bad/escape-title.md", true, &d), 0);
	T_OK(a.title && !strchr(a.title, 0x1b) && !strchr(a.title, 0x07));
	T_OK(a.body && !strchr(a.body, 0x1b));
	T_OK(a.title && strstr(a.title, "sequenze"));
	article_free(&a);
}

/* Every row of article_keys: read into its member, written back by
 * article_format, read again alike; a new key is tested by its row. */
TEST(key_table)
{
	struct buf text = BUF_INIT;
	char value[64];
	buf_adds(&text, "---\n");
	for (size_t i = 0; i < article_nkeys; i++) {
		const struct article_key *k = &article_keys[i];
		if (k->flags & ARTICLE_KEY_DATE)
			snprintf(value, sizeof value, "2023-09-%02zu", i + 1);
		else
			snprintf(value, sizeof value, "value of %s", k->name);
		buf_addf(&text, "%s: %s\n", k->name, value);
	}
	buf_adds(&text, "---\n\nBody.\n");
	struct article a, b;
	T_EQ_INT(article_parse(&a, "keys.md", text.data, text.len, true, &d), 0);
	T_EQ_INT(a.nextra, 0);
	size_t len;
	char *again = article_format(&a, &len);
	T_EQ_INT(article_parse(&b, "keys.md", again, len, true, &d), 0);
	for (size_t i = 0; i < article_nkeys; i++) {
		const struct article_key *k = &article_keys[i];
		const char *v = *article_key_value(&a, k);
		T_CHECK(strstr(text.data, v) != NULL && v[0], "%s: '%s'", k->name, v);
		T_EQ_STR(*article_key_value(&b, k), v);
	}
	T_EQ_INT(a.year, 2023);
	T_EQ_INT(d.n, 0);
	free(again);
	article_free(&a);
	article_free(&b);
	buf_free(&text);
}

T_MAIN(RUN(happy_path); RUN(keys_case_quotes_extra); RUN(crlf_and_bom);
       RUN(dot_closer); RUN(duplicate_key); RUN(line_without_colon);
       RUN(no_closing); RUN(no_front_matter); RUN(title_fallback);
       RUN(dates); RUN(days); RUN(date_keys); RUN(sanitised_metadata); RUN(invalid_utf8_once);
       RUN(rejected); RUN(format_round_trip); RUN(file_names); RUN(files);
       RUN(long_files); RUN(files_past_path_max); RUN(bad_folder); RUN(key_table); RUN(yaml_quoted); diag_free(&d))
