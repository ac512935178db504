/* test_fetch.c: the HTTP layer against a real local server
 * (tests/cli/feedserver.py on 127.0.0.1; nothing leaves the machine):
 * bodies, conditional requests and 304, redirects (and the permanent ones
 * reported), status errors, the size cap (announced, streamed and a gzip
 * bomb), gzip, huge headers, a timeout, schemes refused, parallel
 * downloads and downloads added while others run. Run from the repository
 * root (or set FILO_SRCDIR). */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "t.h"
#include "fetch.h"

static char docroot[] = "/tmp/filo-test-fetch-XXXXXX";
static pid_t server;
static int port;

/* Starts feedserver.py on DOCROOT and reads the port it prints. */
static void start_server(void)
{
	const char *root = getenv("FILO_SRCDIR");
	struct buf script = BUF_INIT;
	buf_addf(&script, "%s/tests/cli/feedserver.py", root ? root : ".");
	int fds[2];
	T_OK(pipe(fds) == 0);
	server = fork();
	if (server == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execlp("python3", "python3", script.data, docroot, "--slow", "3", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	char line[32] = "";
	ssize_t n = read(fds[0], line, sizeof line - 1);
	close(fds[0]);
	port = n > 0 ? atoi(line) : 0;
	T_CHECK(port > 0, "the server did not start (%s)", script.data);
	buf_free(&script);
}

static void stop_server(void)
{
	if (server > 0) {
		kill(server, SIGTERM);
		waitpid(server, NULL, 0);
	}
}

static void write_doc(const char *name, const char *text)
{
	struct buf p = BUF_INIT;
	buf_addf(&p, "%s/%s", docroot, name);
	FILE *f = fopen(p.data, "w");
	T_OK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	buf_free(&p);
}

/* One finished download, copied out of the callback. */
struct got {
	enum fetch_outcome outcome;
	char *error, *moved_to, *etag, *last_modified, *final_url;
	struct buf body;
	long status;
	int tag;
};

struct run {
	struct got got[64];
	size_t n;
	struct fetch *f;
	bool add_more;	/* the first result queues one more download */
};

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static void on_done(void *ctx, struct fetch_result *r)
{
	struct run *run = ctx;
	struct got *g = &run->got[run->n++];
	g->outcome = r->outcome;
	g->error = dup_or_null(r->error);
	g->moved_to = dup_or_null(r->moved_to);
	g->etag = dup_or_null(r->meta.etag);
	g->last_modified = dup_or_null(r->meta.last_modified);
	g->final_url = dup_or_null(r->final_url);
	g->status = r->meta.status;
	g->tag = (int)(intptr_t)r->user;
	buf_init(&g->body);
	buf_add(&g->body, r->body.data ? r->body.data : "", r->body.len);
	if (run->add_more) {
		run->add_more = false;
		struct buf u = BUF_INIT;
		buf_addf(&u, "http://127.0.0.1:%d/feeds/a.xml", port);
		fetch_add(run->f, u.data, NULL, NULL, (void *)(intptr_t)99);
		buf_free(&u);
	}
}

static void clear_run(struct run *run)
{
	for (size_t i = 0; i < run->n; i++) {
		struct got *g = &run->got[i];
		free(g->error);
		free(g->moved_to);
		free(g->etag);
		free(g->last_modified);
		free(g->final_url);
		buf_free(&g->body);
	}
	run->n = 0;
}

/* Downloads one path of the server; the result in run->got[0]. */
static struct got *get(struct run *run, const struct fetch_options *o, const char *path,
		       const char *etag, const char *lm)
{
	clear_run(run);
	run->f = fetch_new(o, on_done, run);
	struct buf u = BUF_INIT;
	buf_addf(&u, "http://127.0.0.1:%d%s", port, path);
	fetch_add(run->f, u.data, etag, lm, NULL);
	T_EQ_INT(fetch_run(run->f), 0);
	fetch_free(run->f);
	buf_free(&u);
	T_EQ_INT(run->n, 1);
	return &run->got[0];
}

#define FEED_A "<rss version=\"2.0\"><channel><title>A</title></channel></rss>\n"

TEST(body_and_validators)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	struct got *g = get(&run, &o, "/feeds/a.xml", NULL, NULL);
	T_EQ_INT(g->outcome, FETCH_OK);
	T_EQ_INT(g->status, 200);
	T_EQ_MEM(g->body.data, g->body.len, FEED_A);
	T_OK(g->etag && g->last_modified);
	T_OK(g->error == NULL && g->moved_to == NULL);
	char *etag = xstrdup(g->etag), *lm = xstrdup(g->last_modified);
	/* the same again, conditional: 304 by ETag, then by Last-Modified */
	g = get(&run, &o, "/feeds/a.xml", etag, NULL);
	T_EQ_INT(g->outcome, FETCH_NOT_MODIFIED);
	T_EQ_INT(g->body.len, 0);
	g = get(&run, &o, "/lm/a.xml", NULL, lm);
	T_EQ_INT(g->outcome, FETCH_NOT_MODIFIED);
	g = get(&run, &o, "/etag/a.xml", "\"other\"", NULL);
	T_EQ_INT(g->outcome, FETCH_OK);
	T_OK(g->last_modified == NULL);
	/* a 304 to a request that was not conditional is not "unchanged" */
	free(etag);
	free(lm);
	/* gzip: decoded */
	g = get(&run, &o, "/gzip/a.xml", NULL, NULL);
	T_EQ_INT(g->outcome, FETCH_OK);
	T_EQ_MEM(g->body.data, g->body.len, FEED_A);
	clear_run(&run);
}

TEST(redirects)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	char want[128];
	snprintf(want, sizeof want, "http://127.0.0.1:%d/feeds/a.xml", port);
	struct got *g = get(&run, &o, "/r301/a.xml", NULL, NULL);
	T_EQ_INT(g->outcome, FETCH_OK);
	T_EQ_MEM(g->body.data, g->body.len, FEED_A);
	T_EQ_STR(g->moved_to, want);
	T_EQ_STR(g->final_url, want);
	g = get(&run, &o, "/r308/a.xml", NULL, NULL);
	T_EQ_STR(g->moved_to, want);
	g = get(&run, &o, "/r302/a.xml", NULL, NULL);	/* temporary: nothing moved */
	T_EQ_INT(g->outcome, FETCH_OK);
	T_OK(g->moved_to == NULL);
	T_EQ_STR(g->final_url, want);
	g = get(&run, &o, "/loop/0", NULL, NULL);
	T_EQ_INT(g->outcome, FETCH_FAILED);
	T_EQ_STR(g->error, "more than 5 redirects");
	g = get(&run, &o, "/tofile", NULL, NULL);
	T_EQ_INT(g->outcome, FETCH_FAILED);
	T_EQ_STR(g->error, "redirected to a scheme other than http or https (refused)");
	T_EQ_INT(g->body.len, 0);
	clear_run(&run);
}

TEST(errors)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	struct got *g = get(&run, &o, "/status/404", NULL, NULL);
	T_EQ_INT(g->outcome, FETCH_FAILED);
	T_EQ_STR(g->error, "HTTP 404");
	T_EQ_INT(g->body.len, 0);
	g = get(&run, &o, "/status/500", NULL, NULL);
	T_EQ_STR(g->error, "HTTP 500");
	g = get(&run, &o, "/status/204", NULL, NULL);
	T_EQ_STR(g->error, "HTTP 204 (no content)");
	g = get(&run, &o, "/status/304", NULL, NULL);
	T_EQ_STR(g->error, "HTTP 304 (a redirect without a usable Location)");
	g = get(&run, &o, "/escapes", NULL, NULL);
	T_EQ_STR(g->error, "HTTP 500");	/* the reason phrase never shows */
	g = get(&run, &o, "/hugeheaders", NULL, NULL);
	T_EQ_STR(g->error, "headers larger than 256 KiB (download stopped)");
	g = get(&run, &o, "/feeds/missing.xml", NULL, NULL);
	T_EQ_STR(g->error, "HTTP 404");
	clear_run(&run);
}

TEST(size_cap)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	o.max_size = 1u << 20;
	struct got *g = get(&run, &o, "/big/2", NULL, NULL);	/* streamed */
	T_EQ_INT(g->outcome, FETCH_FAILED);
	T_EQ_STR(g->error, "larger than 1 MiB (download stopped)");
	T_EQ_INT(g->body.len, 0);
	g = get(&run, &o, "/biglen/2", NULL, NULL);	/* announced */
	T_EQ_STR(g->error, "larger than 1 MiB (download stopped)");
	g = get(&run, &o, "/bomb/3", NULL, NULL);	/* small on the wire */
	T_EQ_STR(g->error, "larger than 1 MiB (download stopped)");
	g = get(&run, &o, "/big/1", NULL, NULL);	/* exactly the cap is fine */
	T_EQ_INT(g->outcome, FETCH_OK);
	T_EQ_INT(g->body.len, 1u << 20);
	clear_run(&run);
}

/* The server answers /slow/ after 3 s; the timeout is 1 s. */
TEST(timeout)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	o.timeout = 1;
	struct got *g = get(&run, &o, "/slow/a.xml", NULL, NULL);
	T_EQ_INT(g->outcome, FETCH_FAILED);
	T_EQ_STR(g->error, "timed out after 1 s");
	clear_run(&run);
}

TEST(refused_and_unreachable)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	run.f = fetch_new(&o, on_done, &run);
	fetch_add(run.f, "file:///etc/passwd", NULL, NULL, (void *)1);
	fetch_add(run.f, "ftp://127.0.0.1/x", NULL, NULL, (void *)2);
	fetch_add(run.f, "http://127.0.0.1:1/closed", NULL, NULL, (void *)3);
	T_EQ_INT(fetch_run(run.f), 0);
	fetch_free(run.f);
	T_EQ_INT(run.n, 3);
	for (size_t i = 0; i < run.n; i++) {
		struct got *g = &run.got[i];
		T_EQ_INT(g->outcome, FETCH_FAILED);
		if (g->tag == 1 || g->tag == 2)
			T_EQ_STR(g->error, "not an http or https URL");
		else
			T_CHECK(g->error && strstr(g->error, "127.0.0.1"), "%s", g->error);
		T_EQ_INT(g->body.len, 0);
	}
	clear_run(&run);
}

/* Forty downloads through 3 slots, one added from a callback: each ends
 * exactly once with its own body. */
TEST(many_at_once)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	o.parallel = 3;
	o.per_host = 2;
	run.f = fetch_new(&o, on_done, &run);
	run.add_more = true;
	for (int i = 0; i < 40; i++) {
		char name[32], path[64], text[128];
		snprintf(name, sizeof name, "m%d.xml", i);
		snprintf(text, sizeof text, "<rss><channel><title>%d</title></channel></rss>\n", i);
		write_doc(name, text);
		snprintf(path, sizeof path, "http://127.0.0.1:%d/feeds/%s", port, name);
		fetch_add(run.f, path, NULL, NULL, (void *)(intptr_t)i);
	}
	T_EQ_INT(fetch_run(run.f), 0);
	fetch_free(run.f);
	T_EQ_INT(run.n, 41);
	int seen[100] = { 0 };
	for (size_t i = 0; i < run.n; i++) {
		struct got *g = &run.got[i];
		T_EQ_INT(g->outcome, FETCH_OK);
		seen[g->tag]++;
		if (g->tag == 99)
			continue;
		char text[128];
		snprintf(text, sizeof text, "<rss><channel><title>%d</title></channel></rss>\n", g->tag);
		T_EQ_MEM(g->body.data, g->body.len, text);
	}
	for (int i = 0; i < 40; i++)
		T_EQ_INT(seen[i], 1);
	T_EQ_INT(seen[99], 1);
	clear_run(&run);
}

TEST(cancel)
{
	struct run run = { 0 };
	struct fetch_options o;
	fetch_options_default(&o);
	run.f = fetch_new(&o, on_done, &run);
	for (int i = 0; i < 5; i++) {
		char path[64];
		snprintf(path, sizeof path, "http://127.0.0.1:%d/slow/a.xml", port);
		fetch_add(run.f, path, NULL, NULL, NULL);
	}
	fetch_cancel(run.f);
	T_EQ_INT(fetch_run(run.f), -1);
	fetch_free(run.f);
	T_EQ_INT(run.n, 5);
	for (size_t i = 0; i < run.n; i++)
		T_EQ_STR(run.got[i].error, "cancelled");
	clear_run(&run);
}

TEST(size_text)
{
	char b[24];
	T_EQ_STR(fetch_size_text(10u << 20, b), "10 MiB");
	T_EQ_STR(fetch_size_text(256u << 10, b), "256 KiB");
	T_EQ_STR(fetch_size_text(1000, b), "1000 bytes");
}

static void cleanup(void)
{
	stop_server();
	struct buf cmd = BUF_INIT;
	buf_addf(&cmd, "rm -rf '%s'", docroot);
	if (system(cmd.data) != 0)
		fprintf(stderr, "could not remove %s\n", docroot);
	buf_free(&cmd);
}

static void setup(void)
{
	T_OK(mkdtemp(docroot) != NULL);
	write_doc("a.xml", FEED_A);
	start_server();
}

T_MAIN(setup(); RUN(body_and_validators); RUN(redirects); RUN(errors);
       RUN(size_cap); RUN(timeout); RUN(refused_and_unreachable);
       RUN(many_at_once); RUN(cancel); RUN(size_text); cleanup())
