/* test_launch.c: the browser launcher: which addresses it opens, the
 * argument vectors made from $BROWSER (the address always one argument,
 * no shell), running them (a missing command skipped, a script that
 * records its arguments), and the OSC 52 sequence. */
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "t.h"
#include "diag.h"
#include "launch.h"

/* The plan's commands as "argv0|argv1|...;argv0|...". */
static char *plan_text(const char *browser, const char *url)
{
	struct launch_plan p;
	launch_plan_make(&p, browser, url);
	struct buf b = BUF_INIT;
	buf_adds(&b, "");
	for (size_t i = 0; i < p.n; i++) {
		for (size_t k = 0; k < p.cmd[i].argc; k++)
			buf_addf(&b, "%s%s", k ? "|" : (i ? ";" : ""), p.cmd[i].argv[k]);
		T_OK(p.cmd[i].argv[p.cmd[i].argc] == NULL);
	}
	launch_plan_free(&p);
	return buf_detach(&b, NULL);
}

#define PLAN(browser, url, want) do { char *t_p = plan_text(browser, url); \
	T_EQ_STR(t_p, want); free(t_p); } while (0)

TEST(urls_opened)
{
	T_OK(launch_url_ok("https://example.com/a?b=c#d"));
	T_OK(launch_url_ok("HTTP://example.com"));
	T_OK(launch_url_ok("https://例え.jp/ページ"));
	T_OK(!launch_url_ok(""));
	T_OK(!launch_url_ok("https://"));
	T_OK(!launch_url_ok("https:///etc/passwd"));
	T_OK(!launch_url_ok("file:///etc/passwd"));
	T_OK(!launch_url_ok("javascript:alert(1)"));
	T_OK(!launch_url_ok("--new-window"));
	T_OK(!launch_url_ok("/relative/path"));
	T_OK(!launch_url_ok("https://a.example/ b"));
	T_OK(!launch_url_ok("https://a.example/\x1b[2J"));
	T_OK(!launch_url_ok("https://a.example/\xff"));
}

TEST(plans)
{
	static const char u[] = "https://e.example/a b'c\"$(rm -rf ~);`x`&y=%s";
	PLAN(NULL, "https://e.example/", "xdg-open|https://e.example/");
	PLAN("", "https://e.example/", "xdg-open|https://e.example/");
	PLAN(" : :\t", "https://e.example/", "xdg-open|https://e.example/");
	PLAN("firefox", "https://e.example/", "firefox|https://e.example/");
	/* the address is one argument whatever it holds, never expanded */
	PLAN("firefox", u, "firefox|https://e.example/a b'c\"$(rm -rf ~);`x`&y=%s");
	PLAN("w3m %s", u, "w3m|https://e.example/a b'c\"$(rm -rf ~);`x`&y=%s");
	PLAN("  lynx  -accept_all_cookies  ", "https://e.example/",
	     "lynx|-accept_all_cookies|https://e.example/");
	PLAN("mybrowser --url=%s --new-tab", "https://e.example/",
	     "mybrowser|--url=https://e.example/|--new-tab");
	PLAN("w3m:firefox %s:xdg-open", "https://e.example/",
	     "w3m|https://e.example/;firefox|https://e.example/;xdg-open|https://e.example/");
	PLAN("echo 100%% %c %x %", "https://e.example/",
	     "echo|100%|:|%x|%|https://e.example/");
	PLAN("twice %s %s", "https://e.example/", "twice|https://e.example/|https://e.example/");
}

static char dir[] = "/tmp/filo-test-launch-XXXXXX";

/* A script that writes each argument on a line of its own to FILE, then
 * exits with CODE. */
static char *make_recorder(const char *name, const char *file, int code)
{
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/%s", dir, name);
	FILE *f = fopen(path.data, "w");
	T_OK(f != NULL);
	if (f) {
		fprintf(f, "#!/bin/sh\nprintf '%%s\\n' \"$0\" \"$@\" > '%s'\nexit %d\n", file, code);
		fclose(f);
	}
	chmod(path.data, 0755);
	return buf_detach(&path, NULL);
}

TEST(running)
{
	T_OK(mkdtemp(dir) != NULL);
	struct buf out = BUF_INIT;
	buf_addf(&out, "%s/argv", dir);
	char *rec = make_recorder("rec", out.data, 0);
	static const char u[] = "https://e.example/a b;$(touch /tmp/filo-pwned)";
	/* a missing command first: skipped for the next one */
	struct buf browser = BUF_INIT;
	buf_addf(&browser, "%s/no-such-browser:%s --flag %%s", dir, rec);
	struct launch_plan p;
	launch_plan_make(&p, browser.data, u);
	struct diag d = DIAG_INIT;
	int status = -1;
	T_EQ_INT(launch_run(&p, &status, &d), 0);
	T_EQ_INT(d.n, 0);
	T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	launch_plan_free(&p);
	char *got = t_read_file(out.data, NULL);
	struct buf want = BUF_INIT;
	buf_addf(&want, "%s\n--flag\n%s\n", rec, u);
	T_EQ_STR(got, want.data);
	T_OK(access("/tmp/filo-pwned", F_OK) != 0);
	free(got);

	/* a browser that itself exits 127 is not taken for a missing one */
	char *rec127 = make_recorder("rec127", out.data, 127);
	launch_plan_make(&p, rec127, u);
	T_EQ_INT(launch_run(&p, &status, &d), 0);
	T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 127);
	T_EQ_INT(d.n, 0);
	launch_plan_free(&p);

	/* nothing can be started: said for each */
	buf_reset(&browser);
	buf_addf(&browser, "%s/none-1:%s/none-2", dir, dir);
	launch_plan_make(&p, browser.data, u);
	T_EQ_INT(launch_run(&p, &status, &d), -1);
	T_EQ_INT(d.n, 2);
	buf_reset(&want);
	buf_addf(&want, "cannot run '%s/none-1': No such file or directory", dir);
	T_OK(d.n == 2 && strcmp(d.msg[0], want.data) == 0);
	launch_plan_free(&p);
	diag_free(&d);

	unlink(out.data);
	unlink(rec);
	unlink(rec127);
	rmdir(dir);
	free(rec);
	free(rec127);
	buf_free(&want);
	buf_free(&browser);
	buf_free(&out);
}

TEST(osc52)
{
	static const struct { const char *in, *b64; } c[] = {
		{ "", "" }, { "h", "aA==" }, { "he", "aGU=" }, { "hel", "aGVs" },
		{ "hello", "aGVsbG8=" },
		{ "https://e.example/\xc3\xa0", "aHR0cHM6Ly9lLmV4YW1wbGUvw6A=" },
	};
	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		struct buf b = BUF_INIT, want = BUF_INIT;
		launch_osc52(c[i].in, strlen(c[i].in), &b);
		buf_addf(&want, "\033]52;c;%s\a", c[i].b64);
		T_EQ_STR(buf_str(&b), want.data);
		buf_free(&b);
		buf_free(&want);
	}
}

T_MAIN(RUN(urls_opened); RUN(plans); RUN(running); RUN(osc52))
