/* test_watch.c: the folder watch: which events count, bursts made into one
 * refresh, the steady trickle that still refreshes, the fall-back to
 * polling when the folder goes, and polling itself. Times are passed in,
 * never waited for: inotify queues an event within the system call that
 * caused it, so each check below sees exactly what the test just did. */
#include <sys/time.h>
#include "t.h"
#include "watch.h"

static char dir[128];

static void fresh(const char *name)
{
	t_tmpdir(dir, sizeof dir, name);
}

static void put(const char *name)
{
	t_write_file(dir, name, "---\ntitle: T\n---\n\nText.\n");
}

static void path_of(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

/* Sets the folder's time, so that polling sees a change whatever the file
 * system's clock granularity. */
static void touch_dir(long sec)
{
	struct timespec ts[2] = { { sec, 0 }, { sec, 0 } };
	utimensat(AT_FDCWD, dir, ts, 0);
}

TEST(burst_is_one_refresh)
{
	fresh("watch-burst");
	struct watch *w = watch_open(dir, WATCH_AUTO, 0);
	T_EQ_STR(watch_kind(w), "inotify");
	T_OK(watch_fd(w) >= 0);
	T_EQ_INT(watch_timeout(w, 0), -1);	/* nothing to do but wait */
	T_OK(!watch_check(w, 0));
	put("a.md");
	T_OK(!watch_check(w, 1000));		/* the burst starts */
	T_EQ_INT(watch_timeout(w, 1000), WATCH_QUIET_MS);
	put("b.md");
	T_OK(!watch_check(w, 1150));		/* and goes on */
	T_EQ_INT(watch_timeout(w, 1150), WATCH_QUIET_MS);
	T_OK(!watch_check(w, 1150 + WATCH_QUIET_MS - 1));
	T_EQ_INT(watch_timeout(w, 1150 + WATCH_QUIET_MS - 1), 1);
	T_OK(watch_check(w, 1150 + WATCH_QUIET_MS));	/* quiet: refresh */
	T_OK(!watch_check(w, 5000));		/* once */
	T_EQ_INT(watch_timeout(w, 5000), -1);
	watch_close(w);
	t_remove_tree(dir);
}

/* Hidden files, other names and subfolders are no articles. */
TEST(only_article_files)
{
	fresh("watch-names");
	struct watch *w = watch_open(dir, WATCH_AUTO, 0);
	put(".hidden.md");
	put("notes.txt");
	put("x.md.tmp");
	char sub[256];
	path_of(sub, sizeof sub, "sub.md");
	mkdir(sub, 0755);	/* a folder named like an article */
	rmdir(sub);
	T_OK(!watch_check(w, 10));
	T_EQ_INT(watch_timeout(w, 10), -1);
	T_OK(!watch_check(w, 100000));
	watch_close(w);

	w = watch_open(dir, WATCH_AUTO, 0);
	put(".other.md");
	put("readme");
	T_OK(!watch_check(w, 1));
	T_EQ_INT(watch_timeout(w, 1), -1);
	T_OK(!watch_check(w, 100000));
	watch_close(w);
	t_remove_tree(dir);
}

/* Each kind of change: written, moved in, moved out, deleted. */
TEST(every_change)
{
	fresh("watch-kinds");
	put("keep.md");
	struct watch *w = watch_open(dir, WATCH_AUTO, 0);
	char a[256], b[256];
	long long t = 0;

	put("keep.md");				/* rewritten in place */
	T_OK(!watch_check(w, t += 1000));
	T_OK(watch_check(w, t += WATCH_QUIET_MS));

	path_of(a, sizeof a, ".tmp-new");
	path_of(b, sizeof b, "new.md");
	t_write_file(NULL, a, "---\ntitle: N\n---\n");
	T_OK(!watch_check(w, t += 1000));	/* a temporary file: nothing */
	T_EQ_INT(watch_timeout(w, t), -1);
	rename(a, b);				/* moved in */
	T_OK(!watch_check(w, t += 1000));
	T_OK(watch_check(w, t += WATCH_QUIET_MS));

	rename(b, a);				/* moved out */
	T_OK(!watch_check(w, t += 1000));
	T_OK(watch_check(w, t += WATCH_QUIET_MS));

	path_of(a, sizeof a, "keep.md");
	unlink(a);				/* deleted */
	T_OK(!watch_check(w, t += 1000));
	T_OK(watch_check(w, t += WATCH_QUIET_MS));
	watch_close(w);
	t_remove_tree(dir);
}

/* Events every 100 ms never leave a quiet period: the refresh comes
 * WATCH_MAX_WAIT_MS after the first. */
TEST(trickle)
{
	fresh("watch-trickle");
	struct watch *w = watch_open(dir, WATCH_AUTO, 0);
	long long t = 1000, refreshed = -1;
	for (int i = 0; i < 10 * WATCH_MAX_WAIT_MS / 100 && refreshed < 0; i++, t += 100) {
		char name[32];
		snprintf(name, sizeof name, "f%d.md", i);
		put(name);
		if (watch_check(w, t))
			refreshed = t;
	}
	T_EQ_INT(refreshed, 1000 + WATCH_MAX_WAIT_MS);
	watch_close(w);
	t_remove_tree(dir);
}

/* The folder moved away: inotify can see no more; the watch says so once
 * and polls from then on, and polling sees the folder come back. */
TEST(folder_gone)
{
	fresh("watch-gone");
	struct watch *w = watch_open(dir, WATCH_AUTO, 0);
	char away[160];
	snprintf(away, sizeof away, "%s-away", dir);
	T_OK(rename(dir, away) == 0);
	T_OK(!watch_check(w, 100));
	T_EQ_STR(watch_kind(w), "polling");
	T_EQ_INT(watch_fd(w), -1);
	T_OK(watch_check(w, 100 + WATCH_QUIET_MS));	/* a refresh says it is gone */
	T_OK(rename(away, dir) == 0);
	long long t = 100 + WATCH_QUIET_MS + WATCH_POLL_MS;
	T_OK(!watch_check(w, t));		/* seen back ... */
	T_OK(watch_check(w, t + WATCH_QUIET_MS));	/* ... and refreshed */
	watch_close(w);
	t_remove_tree(dir);
}

/* Polling: the folder's time every WATCH_POLL_MS, a full check every
 * WATCH_SCAN_MS (edits in place do not change the folder's time). */
TEST(polling)
{
	fresh("watch-poll");
	touch_dir(1700000000);
	struct watch *w = watch_open(dir, WATCH_POLL, 0);
	T_EQ_STR(watch_kind(w), "polling");
	T_EQ_INT(watch_fd(w), -1);
	T_EQ_INT(watch_timeout(w, 0), WATCH_POLL_MS);
	T_OK(!watch_check(w, WATCH_POLL_MS));	/* nothing changed */
	put("a.md");
	touch_dir(1700000100);
	T_OK(!watch_check(w, WATCH_POLL_MS + 1));	/* not time to look yet */
	T_OK(!watch_check(w, 2 * WATCH_POLL_MS));	/* seen: the burst starts */
	T_OK(watch_check(w, 2 * WATCH_POLL_MS + WATCH_QUIET_MS));
	long long t = 2 * WATCH_POLL_MS + WATCH_QUIET_MS;
	T_EQ_INT(watch_timeout(w, t), 3 * WATCH_POLL_MS - t);
	/* no change of the folder's time: only the full check, WATCH_SCAN_MS
	 * after the last refresh */
	long long scan = t + WATCH_SCAN_MS;
	for (long long at = t + 1; at < scan; at += 500)
		T_CHECK(!watch_check(w, at), "at %lld", at);
	T_OK(watch_check(w, scan));
	watch_close(w);

	w = watch_open(dir, WATCH_OFF, 0);
	T_EQ_STR(watch_kind(w), "off");
	T_EQ_INT(watch_timeout(w, 0), -1);
	put("b.md");
	T_OK(!watch_check(w, 100000));
	watch_close(w);
	T_EQ_INT(watch_mode_from_name("poll"), WATCH_POLL);
	T_EQ_INT(watch_mode_from_name("inotify"), -1);
	T_EQ_STR(watch_mode_name(WATCH_AUTO), "auto");
	t_remove_tree(dir);
}

T_MAIN(RUN(burst_is_one_refresh); RUN(only_article_files); RUN(every_change);
       RUN(trickle); RUN(folder_gone); RUN(polling))
