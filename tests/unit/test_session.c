/* test_session.c: a reader session over a real folder: a first build, the
 * first screen from the cache then the whole list, a refresh that finds a
 * new article, a folder that vanished, and marks that outlive the session.
 * The refresh runs on its own thread: the tests poll until it is over, as
 * the reader's key loop does. */
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "t.h"
#include "session.h"

static char root[64];
static char dir[128];

static void put_article(const char *id, const char *title, const char *date)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s.md", dir, id);
	FILE *f = fopen(path, "w");
	T_OK(f != NULL);
	if (!f)
		return;
	fprintf(f, "---\ntitle: %s\ndate: %s\nsource: Test Wire\n---\n\n"
		"Giulia Ferretti ha incontrato a Roma Marco Bianchi.\n", title, date);
	fclose(f);
	/* a time well past: a file written in the second the cache was built
	 * would be read again, to be safe, and the counts would vary */
	struct timespec ts[2] = { { 1700000000, 0 }, { 1700000000, 0 } };
	utimensat(AT_FDCWD, path, ts, 0);
}

static void setup(void)
{
	char xdg[128];
	strcpy(root, "/tmp/filo-test-session-XXXXXX");
	T_OK(mkdtemp(root) != NULL);
	snprintf(dir, sizeof dir, "%s/articles", root);
	mkdir(dir, 0755);
	snprintf(xdg, sizeof xdg, "%s/cache", root);
	setenv("XDG_CACHE_HOME", xdg, 1);
	snprintf(xdg, sizeof xdg, "%s/state", root);
	setenv("XDG_STATE_HOME", xdg, 1);
	put_article("a", "Primo", "2023-09-10");
	put_article("b", "Secondo", "2023-09-11");
	put_article("c", "Terzo", "2023-09-12");
}

/* What polling until the refresh is over brought. */
struct drained {
	int updates, announced, failed, same;
	size_t added, changed;
};

static struct drained drain(struct session *s, struct diag *d)
{
	struct drained r = { 0, 0, 0, 0, 0, 0 };
	while (session_refreshing(s)) {
		struct session_update u;
		int k = session_poll(s, &u, d);
		if (k > 0) {
			r.updates++;
			r.announced += u.announce;
			r.added += u.st.added;
			r.changed += u.st.changed;
			r.same += u.same;
			session_take(s, &u);
		} else if (k < 0) {
			r.failed++;
		} else {
			usleep(2000);
		}
	}
	return r;
}

TEST(missing_folder)
{
	struct session s;
	struct diag d = DIAG_INIT;
	char gone[160];
	snprintf(gone, sizeof gone, "%s/nowhere", root);
	T_EQ_INT(session_open(&s, gone, STORE_SORT_DATE, 10, &d), -1);
	T_OK(d.n && strstr(d.msg[d.n - 1], "nowhere: cannot open folder"));
	diag_free(&d);
}

TEST(first_build_then_cache)
{
	struct session s;
	struct diag d = DIAG_INIT;
	/* nothing cached: the whole folder, now or once the build is over */
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 2, &d), 0);
	struct drained r = drain(&s, &d);
	T_EQ_INT(s.store->n, 3);
	T_EQ_INT(r.announced, 0);	/* a first build has nothing to tell */
	T_OK(s.arc->store == s.store);
	T_OK(s.thread_of != NULL && s.thread_size != NULL);
	session_close(&s);

	/* cached: the first screen (2 of 3), then the whole list in its place */
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 2, &d), 0);
	T_EQ_INT(s.store->n, 2);
	r = drain(&s, &d);
	T_EQ_INT(r.updates, 1);
	T_EQ_INT(s.store->n, 3);
	T_OK(s.arc->store == s.store);
	T_OK(store_find(s.store, "c") >= 0);
	session_close(&s);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

TEST(refresh_finds_new_article)
{
	struct session s;
	struct diag d = DIAG_INIT;
	put_article("d", "Quarto", "2023-09-13");
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	T_EQ_INT(s.store->n, 3);	/* as cached */
	struct drained r = drain(&s, &d);
	T_EQ_INT(r.announced, 1);
	T_EQ_INT(r.added, 1);
	T_EQ_INT(s.store->n, 4);
	T_OK(store_find(s.store, "d") >= 0);
	T_OK(s.arc->store == s.store);
	session_close(&s);
	diag_free(&d);
}

TEST(marks_outlive_the_session)
{
	struct session s;
	struct diag d = DIAG_INIT;
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	drain(&s, &d);
	T_OK(!session_mark(&s, "b", SESSION_FLAGGED));
	T_EQ_INT(session_set_mark(&s, "b", SESSION_FLAGGED, true, &d), 0);
	T_EQ_INT(session_set_mark(&s, "a", SESSION_READ, true, &d), 0);
	T_OK(session_mark(&s, "b", SESSION_FLAGGED));
	T_OK(!session_mark(&s, "b", SESSION_READ));
	session_close(&s);
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	T_OK(session_mark(&s, "b", SESSION_FLAGGED));
	T_OK(session_mark(&s, "a", SESSION_READ));
	T_OK(!session_mark(&s, "c", SESSION_READ));
	T_EQ_INT(session_set_mark(&s, "b", SESSION_FLAGGED, false, &d), 0);
	drain(&s, &d);
	session_close(&s);
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	T_OK(!session_mark(&s, "b", SESSION_FLAGGED));
	drain(&s, &d);
	session_close(&s);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* Every archive taken bumps the generation; an edit that keeps the ids is
 * "same" (views stay open) but still a new archive, whose related lists
 * and entities the views must fetch again: the old ones are freed. */
TEST(generation_and_reload)
{
	struct session s;
	struct diag d = DIAG_INIT;
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	unsigned long g0 = s.generation;
	struct drained r = drain(&s, &d);
	T_EQ_INT(s.generation, g0 + (unsigned long)r.updates);
	T_OK(!session_refreshing(&s));
	unsigned long g1 = s.generation;
	session_reload(&s);		/* nothing changed: no new archive */
	T_OK(session_refreshing(&s));
	r = drain(&s, &d);
	T_EQ_INT(r.updates, 0);
	T_EQ_INT(s.generation, g1);

	put_article("a", "Primo, corretto", "2023-09-10");
	struct timespec ts[2] = { { 1700000100, 0 }, { 1700000100, 0 } };
	char path[256];
	snprintf(path, sizeof path, "%s/a.md", dir);
	utimensat(AT_FDCWD, path, ts, 0);
	session_reload(&s);
	session_reload(&s);		/* asked twice: one more after the first */
	r = drain(&s, &d);
	T_EQ_INT(r.updates, 1);
	T_EQ_INT(r.same, 1);
	T_EQ_INT(r.changed, 1);
	T_EQ_INT(s.generation, g1 + 1);
	long a = store_find(s.store, "a");
	T_OK(a >= 0 && strcmp(s.store->art[a].title, "Primo, corretto") == 0);
	session_close(&s);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* The live folder: a new file is found by the watch alone (the loop is a
 * liveness guard, as the reader's key loop: at most 2000 turns of 5 ms). */
TEST(watch_finds_new_file)
{
	struct session s;
	struct diag d = DIAG_INIT;
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	drain(&s, &d);
	session_watch(&s, WATCH_AUTO);
	size_t before = s.store->n;
	put_article("e", "Quinto", "2023-09-14");
	bool found = false;
	for (int i = 0; i < 2000 && !found; i++) {
		int fd;
		int ms = session_wait(&s, &fd);
		T_OK(ms != 0 || session_refreshing(&s) || i > 0);
		session_tick(&s);
		struct session_update u;
		if (session_poll(&s, &u, &d) > 0)
			session_take(&s, &u);
		found = store_find(s.store, "e") >= 0;
		if (!found)
			usleep(5000);
	}
	T_OK(found);
	T_EQ_INT(s.store->n, before + 1);
	drain(&s, &d);
	session_close(&s);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* Catch-up marks what was unread, says how many, and one undo restores
 * exactly those (not the ones read before); a second undo does nothing.
 * Both are saved at once. */
TEST(catch_up_and_undo)
{
	struct session s;
	struct diag d = DIAG_INIT;
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	drain(&s, &d);
	session_set_mark(&s, "a", SESSION_READ, true, &d);
	session_set_mark(&s, "b", SESSION_READ, false, &d);
	session_set_mark(&s, "c", SESSION_READ, false, &d);
	const char *ids[] = { "a", "b", "c" };
	size_t n = 99;
	T_EQ_INT(session_catch_up(&s, ids, 3, &n, &d), 0);
	T_EQ_INT(n, 2);
	T_OK(session_mark(&s, "a", SESSION_READ) && session_mark(&s, "b", SESSION_READ) &&
	     session_mark(&s, "c", SESSION_READ));
	T_OK(!state_dirty(s.state));	/* saved */
	/* a second catch-up replaces the first: nothing was unread */
	T_EQ_INT(session_catch_up(&s, ids, 1, &n, &d), 0);
	T_EQ_INT(n, 0);
	T_EQ_INT(session_undo_catch_up(&s, &n, &d), 0);
	T_EQ_INT(n, 0);
	T_OK(session_mark(&s, "b", SESSION_READ));
	/* again, and undo */
	session_set_mark(&s, "b", SESSION_READ, false, &d);
	session_set_mark(&s, "c", SESSION_READ, false, &d);
	T_EQ_INT(session_catch_up(&s, ids, 3, &n, &d), 0);
	T_EQ_INT(n, 2);
	T_EQ_INT(session_undo_catch_up(&s, &n, &d), 0);
	T_EQ_INT(n, 2);
	T_OK(session_mark(&s, "a", SESSION_READ));	/* read before: stays */
	T_OK(!session_mark(&s, "b", SESSION_READ) && !session_mark(&s, "c", SESSION_READ));
	T_EQ_INT(session_undo_catch_up(&s, &n, &d), 0);	/* one level */
	T_EQ_INT(n, 0);
	session_close(&s);
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	T_OK(session_mark(&s, "a", SESSION_READ) && !session_mark(&s, "b", SESSION_READ));
	drain(&s, &d);
	session_close(&s);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* The folder vanished while the reader runs: the refresh fails with a
 * message and the archive shown stays. Opened again while gone, its cached
 * archive opens and the refresh fails the same way. */
TEST(folder_vanished)
{
	struct session s;
	struct diag d = DIAG_INIT;
	char moved[160], cmd[400];
	snprintf(moved, sizeof moved, "%s/elsewhere", root);
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	drain(&s, &d);
	size_t n = s.store->n;
	T_OK(n >= 4);
	T_EQ_INT(rename(dir, moved), 0);
	session_reload(&s);
	struct diag poll = DIAG_INIT;
	struct drained r = drain(&s, &poll);
	T_EQ_INT(r.failed, 1);
	T_OK(poll.n && strstr(poll.msg[poll.n - 1], "cannot open folder"));
	T_EQ_INT(s.store->n, n);	/* the archive shown stays */
	session_close(&s);
	T_EQ_INT(session_open(&s, dir, STORE_SORT_DATE, 10, &d), 0);
	T_OK(s.store->n >= 3);	/* the first screen, or the whole cached list */
	diag_free(&poll);
	r = drain(&s, &poll);
	T_EQ_INT(r.failed, 1);
	T_OK(poll.n && strstr(poll.msg[poll.n - 1], "cannot open folder"));
	session_close(&s);
	T_EQ_INT(rename(moved, dir), 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	T_EQ_INT(system(cmd), 0);
	diag_free(&poll);
	diag_free(&d);
}

T_MAIN(setup(); RUN(missing_folder); RUN(first_build_then_cache);
       RUN(refresh_finds_new_article); RUN(marks_outlive_the_session);
       RUN(generation_and_reload); RUN(watch_finds_new_file);
       RUN(catch_up_and_undo); RUN(folder_vanished))
