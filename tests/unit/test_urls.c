/* test_urls.c: the feeds file: newsboat's urls lines (tags, quotes,
 * escapes, "~Name", comments), the lines filo skips with their exact
 * notes, and where the default file is. */
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>
#include "t.h"
#include "buf.h"
#include "diag.h"
#include "urls.h"

static size_t parse(struct urls *u, struct diag *d, const char *text)
{
	memset(u, 0, sizeof *u);
	return urls_parse(u, "urls", text, strlen(text), d);
}

static void check_diag(const struct diag *d, const char *const *want, size_t n)
{
	T_EQ_INT(d->n, n);
	for (size_t i = 0; i < n && i < d->n; i++)
		T_EQ_STR(d->msg[i], want[i]);
	for (size_t i = n; i < d->n; i++)
		fprintf(stderr, "  extra diag: %s\n", d->msg[i]);
}

TEST(plain_lines)
{
	struct urls u;
	struct diag d = DIAG_INIT;
	T_EQ_INT(parse(&u, &d, "https://a.example/feed.xml\n"
			      "\n"
			      "# a comment\n"
			      "   # an indented comment\n"
			      "http://b.example/rss news world\r\n"
			      "\thttps://c.example/atom   \t\n"), 0);
	check_diag(&d, NULL, 0);
	T_EQ_INT(u.n, 3);
	T_EQ_STR(u.feed[0].url, "https://a.example/feed.xml");
	T_EQ_INT(u.feed[0].line, 1);
	T_EQ_INT(u.feed[0].ntags, 0);
	T_OK(u.feed[0].name == NULL);
	T_EQ_STR(u.feed[1].url, "http://b.example/rss");
	T_EQ_INT(u.feed[1].line, 5);
	T_EQ_INT(u.feed[1].ntags, 2);
	T_EQ_STR(u.feed[1].tags[0], "news");
	T_EQ_STR(u.feed[1].tags[1], "world");
	T_EQ_STR(u.feed[2].url, "https://c.example/atom");
	T_EQ_INT(u.feed[2].line, 6);
	urls_free(&u);
	T_EQ_INT(u.n, 0);
	diag_free(&d);
}

/* The newsboat forms: quoted tags with blanks, "~Name", "!", a comment
 * after the tags, escapes inside quotes. */
TEST(tags_and_names)
{
	struct urls u;
	struct diag d = DIAG_INIT;
	parse(&u, &d, "https://x.example/f \"world news\" \"~Example Daily\" ! tech # not a tag\n"
		      "https://y.example/f \"~First\" \"~Second\"\n"
		      "https://z.example/f \"say \\\"hi\\\"\" \"back\\\\slash\" \"~Line\\nbreak\"\n"
		      "https://w.example/f \"a\"b ~ \"~\" \"\"\n");
	check_diag(&d, NULL, 0);
	T_EQ_INT(u.n, 4);
	T_EQ_STR(u.feed[0].name, "Example Daily");
	T_EQ_INT(u.feed[0].ntags, 2);
	T_EQ_STR(u.feed[0].tags[0], "world news");
	T_EQ_STR(u.feed[0].tags[1], "tech");
	T_EQ_STR(u.feed[1].name, "Second");	/* the last one, as newsboat */
	T_EQ_INT(u.feed[1].ntags, 0);
	T_EQ_INT(u.feed[2].ntags, 2);
	T_EQ_STR(u.feed[2].tags[0], "say \"hi\"");
	T_EQ_STR(u.feed[2].tags[1], "back\\slash");
	/* a newline in a name would break a front-matter line: caret form */
	T_EQ_STR(u.feed[2].name, "Line^Jbreak");
	/* "a"b is two words; an empty name or tag is no name or tag */
	T_EQ_INT(u.feed[3].ntags, 2);
	T_EQ_STR(u.feed[3].tags[0], "a");
	T_EQ_STR(u.feed[3].tags[1], "b");
	T_OK(u.feed[3].name == NULL);
	urls_free(&u);
	diag_free(&d);
}

TEST(unclosed_quote)
{
	struct urls u;
	struct diag d = DIAG_INIT;
	T_EQ_INT(parse(&u, &d, "https://x.example/f \"~Open name\n"), 0);
	static const char *const want[] = {
		"urls:1: a quote is not closed (the tag runs to the end of the line)",
	};
	check_diag(&d, want, 1);
	T_EQ_INT(u.n, 1);
	T_EQ_STR(u.feed[0].name, "Open name");
	urls_free(&u);
	diag_free(&d);
}

/* What filo cannot fetch is skipped with a note; the rest still loads. */
TEST(skipped_lines)
{
	struct urls u;
	struct diag d = DIAG_INIT;
	T_EQ_INT(parse(&u, &d,
		       "\"query:Unread:unread = \\\"yes\\\"\" tag\n"
		       "exec:~/bin/make-feed.sh\n"
		       "filter:~/bin/clean.sh:https://a.example/f\n"
		       "file:///etc/passwd\n"
		       "gopher://old.example/1\n"
		       "example.org/feed.xml\n"
		       "http://\n"
		       "https:///path-only\n"
		       "https://ok.example/f\n"
		       "HTTPS://ok.example/f\n"
		       "https://ok.example/f \"~Again\"\n"
		       "\"https://sp ace.example/f\"\n"), 10);
	static const char *const want[] = {
		"urls:1: query feeds are not supported: 'query:Unread:unread = \"yes\"' (line skipped)",
		"urls:2: exec: feeds are not supported (filo runs no commands): 'exec:~/bin/make-feed.sh' (line skipped)",
		"urls:3: filter: feeds are not supported (filo runs no commands): 'filter:~/bin/clean.sh:https://a.example/f' (line skipped)",
		"urls:4: 'file:' URLs are not supported (only http and https): 'file:///etc/passwd' (line skipped)",
		"urls:5: 'gopher:' URLs are not supported (only http and https): 'gopher://old.example/1' (line skipped)",
		"urls:6: not a URL: 'example.org/feed.xml' (line skipped)",
		"urls:7: not a URL: 'http://' (line skipped)",
		"urls:8: not a URL: 'https:///path-only' (line skipped)",
		"urls:11: already on line 9: 'https://ok.example/f' (line skipped)",
		"urls:12: not a URL: 'https://sp ace.example/f' (line skipped)",
	};
	check_diag(&d, want, 10);
	T_EQ_INT(u.n, 2);	/* the scheme's case makes another string */
	T_EQ_STR(u.feed[0].url, "https://ok.example/f");
	T_EQ_STR(u.feed[1].url, "HTTPS://ok.example/f");
	urls_free(&u);
	diag_free(&d);
}

/* Bytes that must not reach a terminal or a request: each spoils only its
 * own line, and a note shows them sanitised. */
TEST(hostile_bytes)
{
	struct urls u;
	struct diag d = DIAG_INIT;
	static const char text[] =
		"https://a.example/\x1b[31mred\n"
		"https://b.example/f\0hidden\n"
		"https://c.example/\xff\xfe\n"
		"https://d.example/f \"~Bad \xff name\" \"\x1b]52;c;eA==\x07\"\n"
		"\"https://e.example/f\r\nInjected: yes\"\n";
	memset(&u, 0, sizeof u);
	T_EQ_INT(urls_parse(&u, "urls", text, sizeof text - 1, &d), 5);
	static const char *const want[] = {
		"urls:1: not a URL: 'https://a.example/^[[31mred' (line skipped)",
		"urls:2: NUL byte (line skipped)",
		"urls:3: not a URL: 'https://c.example/\xef\xbf\xbd\xef\xbf\xbd' (line skipped)",
		"urls:5: not a URL: 'https://e.example/f^M' (line skipped)",
		"urls:6: not a URL: 'Injected:' (line skipped)",
	};
	check_diag(&d, want, 5);
	T_EQ_INT(u.n, 1);
	T_EQ_STR(u.feed[0].url, "https://d.example/f");
	T_EQ_STR(u.feed[0].name, "Bad \xef\xbf\xbd name");
	T_EQ_STR(u.feed[0].tags[0], "^[]52;c;eA==^G");
	urls_free(&u);
	diag_free(&d);
}

TEST(long_url_note_is_short)
{
	struct buf text = BUF_INIT;
	buf_adds(&text, "ftp://");
	for (int i = 0; i < 200; i++)
		buf_addc(&text, 'x');
	buf_adds(&text, "\nhttps://");
	for (int i = 0; i < URLS_URL_MAX; i++)
		buf_addc(&text, 'y');
	struct urls u = { 0 };
	struct diag d = DIAG_INIT;
	T_EQ_INT(urls_parse(&u, "urls", text.data, text.len, &d), 2);
	T_EQ_INT(d.n, 2);
	T_OK(d.n == 2 && strstr(d.msg[0], "'ftp://xxx") && strstr(d.msg[0], "x...' (line skipped)"));
	T_OK(d.n == 2 && strlen(d.msg[0]) < 200);
	T_OK(d.n == 2 && strncmp(d.msg[1], "urls:2: URL too long: 'https://yyy", 34) == 0);
	urls_free(&u);
	diag_free(&d);
	buf_free(&text);
}

TEST(default_path)
{
	struct buf b = BUF_INIT;
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	T_EQ_INT(urls_path_default(&b), 0);
	T_EQ_STR(buf_str(&b), "/xdg/filo/urls");
	buf_reset(&b);
	setenv("XDG_CONFIG_HOME", "relative", 1);	/* not absolute: ignored */
	T_EQ_INT(urls_path_default(&b), 0);
	T_EQ_STR(buf_str(&b), "/home/u/.config/filo/urls");
	buf_reset(&b);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	T_EQ_INT(urls_path_default(&b), -1);
	T_EQ_INT(b.len, 0);
	buf_free(&b);
}

TEST(load)
{
	char dir[] = "/tmp/filo-test-urls-XXXXXX";
	T_OK(mkdtemp(dir) != NULL);
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/urls", dir);
	struct urls u = { 0 };
	struct diag d = DIAG_INIT;
	T_EQ_INT(urls_load(&u, path.data, &d), -1);
	T_EQ_INT(d.n, 1);
	if (d.n) {
		struct buf want = BUF_INIT;
		buf_addf(&want, "%s: cannot read the feeds file: No such file or directory", path.data);
		T_EQ_STR(d.msg[0], want.data);
		buf_free(&want);
	}
	diag_free(&d);
	FILE *f = fopen(path.data, "w");
	T_OK(f != NULL);
	if (f) {
		fputs("https://a.example/f \"~A\"\nftp://b.example/\n", f);
		fclose(f);
	}
	setenv("XDG_CONFIG_HOME", dir, 1);	/* not the default: no filo/ */
	T_EQ_INT(urls_load(&u, path.data, &d), 0);
	T_EQ_INT(u.n, 1);
	T_EQ_INT(d.n, 1);
	if (d.n) {
		struct buf want = BUF_INIT;
		buf_addf(&want, "%s:2: 'ftp:' URLs are not supported (only http and https): "
			 "'ftp://b.example/' (line skipped)", path.data);
		T_EQ_STR(d.msg[0], want.data);
		buf_free(&want);
	}
	urls_free(&u);
	diag_free(&d);
	/* the default file, found through XDG_CONFIG_HOME */
	struct buf sub = BUF_INIT;
	buf_addf(&sub, "%s/filo", dir);
	T_EQ_INT(mkdir(sub.data, 0700), 0);
	buf_adds(&sub, "/urls");
	T_EQ_INT(rename(path.data, sub.data), 0);
	T_EQ_INT(urls_load(&u, NULL, &d), 0);
	T_EQ_INT(u.n, 1);
	T_OK(u.n && strcmp(u.feed[0].name, "A") == 0);
	urls_free(&u);
	diag_free(&d);
	unlink(sub.data);
	sub.len -= 5;
	sub.data[sub.len] = '\0';
	rmdir(sub.data);
	rmdir(dir);
	buf_free(&sub);
	buf_free(&path);
}

T_MAIN(RUN(plain_lines); RUN(tags_and_names); RUN(unclosed_quote);
       RUN(skipped_lines); RUN(hostile_bytes); RUN(long_url_note_is_short);
       RUN(default_path); RUN(load))
