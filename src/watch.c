/* watch.c: changes to an articles folder, by inotify or by polling, with
 * bursts of events made into one refresh. See watch.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif
#include "article.h"
#include "buf.h"
#include "watch.h"

struct watch {
	char *dir;
	enum watch_mode mode;
	int fd;			/* inotify, or -1 when polling or off */
	bool pending;		/* a change not yet refreshed */
	long long first, last;	/* the pending burst's first and last event */
	long long next_poll, next_scan;	/* polling: the next checks */
	long long mtime_ns;	/* polling: the folder's time at the last look */
	bool have_mtime;
};

static const char *const mode_names[WATCH_MODE_COUNT] = { "auto", "poll", "off" };

const char *watch_mode_name(enum watch_mode m)
{
	return (unsigned)m < WATCH_MODE_COUNT ? mode_names[m] : "?";
}

int watch_mode_from_name(const char *name)
{
	for (int m = 0; m < WATCH_MODE_COUNT; m++)
		if (strcmp(name, mode_names[m]) == 0)
			return m;
	return -1;
}

static void note_event(struct watch *w, long long now)
{
	if (!w->pending)
		w->first = now;
	w->pending = true;
	w->last = now;
}

/* The folder's modification time; false when it cannot be read (then the
 * refresh says why). */
static bool dir_mtime(const char *dir, long long *ns)
{
	struct stat sb;
	if (stat(dir, &sb) != 0)
		return false;
	*ns = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
	return true;
}

static void start_polling(struct watch *w, long long now)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	w->have_mtime = dir_mtime(w->dir, &w->mtime_ns);
	w->next_poll = now + WATCH_POLL_MS;
	w->next_scan = now + WATCH_SCAN_MS;
}

#ifdef __linux__
#define WATCH_EVENTS (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | \
		      IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

static int inotify_start(const char *dir)
{
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (fd < 0)
		return -1;
	if (inotify_add_watch(fd, dir, WATCH_EVENTS) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads every event queued; an article file's event starts (or prolongs)
 * a burst. The folder itself gone or moved: inotify sees no more, poll. */
static void inotify_read(struct watch *w, long long now)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	for (;;) {
		ssize_t n = read(w->fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		bool lost = false;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			if (ev->mask & IN_Q_OVERFLOW)
				note_event(w, now);
			if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT))
				lost = true;
			else if (ev->len && !(ev->mask & IN_ISDIR) &&
				 article_is_file_name(ev->name))
				note_event(w, now);
			p += sizeof *ev + ev->len;
		}
		if (lost) {
			note_event(w, now);
			start_polling(w, now);
			return;
		}
	}
}
#else
static int inotify_start(const char *dir)
{
	(void)dir;
	return -1;
}

static void inotify_read(struct watch *w, long long now)
{
	(void)w;
	(void)now;
}
#endif

struct watch *watch_open(const char *dir, enum watch_mode mode, long long now_ms)
{
	struct watch *w = xcalloc(1, sizeof *w);
	w->dir = xstrdup(dir);
	w->mode = mode;
	w->fd = -1;
	if (mode == WATCH_AUTO)
		w->fd = inotify_start(dir);
	if (mode != WATCH_OFF && w->fd < 0)
		start_polling(w, now_ms);
	return w;
}

void watch_close(struct watch *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	free(w->dir);
	free(w);
}

int watch_fd(const struct watch *w)
{
	return w ? w->fd : -1;
}

static bool polling(const struct watch *w)
{
	return w->mode != WATCH_OFF && w->fd < 0;
}

/* When the pending burst is over. */
static long long burst_end(const struct watch *w)
{
	long long quiet = w->last + WATCH_QUIET_MS, most = w->first + WATCH_MAX_WAIT_MS;
	return quiet < most ? quiet : most;
}

long long watch_timeout(const struct watch *w, long long now_ms)
{
	if (!w || w->mode == WATCH_OFF)
		return -1;
	long long at = -1;
	if (w->pending)
		at = burst_end(w);
	if (polling(w)) {
		long long next = w->next_poll < w->next_scan ? w->next_poll : w->next_scan;
		at = at < 0 || next < at ? next : at;
	}
	if (at < 0)
		return -1;
	return at > now_ms ? at - now_ms : 0;
}

/* The periodic checks: the folder's time, and now and then a full check. */
static void poll_step(struct watch *w, long long now)
{
	if (now >= w->next_poll) {
		long long ns;
		bool have = dir_mtime(w->dir, &ns);
		if (have != w->have_mtime || (have && ns != w->mtime_ns))
			note_event(w, now);
		w->have_mtime = have;
		w->mtime_ns = have ? ns : 0;
		w->next_poll = now + WATCH_POLL_MS;
	}
	if (now >= w->next_scan && !w->pending) {
		/* an edit in place leaves the folder's time alone: check all */
		w->pending = true;
		w->first = w->last = now - WATCH_QUIET_MS;
	}
}

bool watch_check(struct watch *w, long long now_ms)
{
	if (!w || w->mode == WATCH_OFF)
		return false;
	if (w->fd >= 0)
		inotify_read(w, now_ms);
	if (polling(w))
		poll_step(w, now_ms);
	if (!w->pending || now_ms < burst_end(w))
		return false;
	w->pending = false;
	if (polling(w))
		w->next_scan = now_ms + WATCH_SCAN_MS;
	return true;
}

const char *watch_kind(const struct watch *w)
{
	if (!w || w->mode == WATCH_OFF)
		return "off";
	return w->fd >= 0 ? "inotify" : "polling";
}
