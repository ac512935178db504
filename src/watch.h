/* watch.h: notices that an articles folder changed while the reader runs,
 * so that the session refreshes it: inotify on Linux (an article file
 * written, moved in or out, created or deleted), else a cheap periodic
 * check (the folder's modification time every WATCH_POLL_MS, and a full
 * check every WATCH_SCAN_MS for edits in place, which leave the folder's
 * time alone). A burst of events (a fetch writing fifty files, an editor
 * saving through a temporary file) makes one refresh: the watch waits
 * until the folder has been quiet for WATCH_QUIET_MS, or WATCH_MAX_WAIT_MS
 * after the first event under a steady trickle. A second of quiet, not
 * less: the index cache reads again, at its next refresh, every file
 * written in the second its scan began (file times are too coarse to
 * trust), and counts it as changed; a scan a second after the last write
 * leaves no such file to be announced as changed later.
 *
 * No threads, no curses, no clock of its own: the caller passes the time
 * (milliseconds of a monotonic clock), so the debounce is tested without
 * waiting. The caller's loop waits for watch_fd to be readable, at most
 * watch_timeout ms, then calls watch_check:
 *
 *	w = watch_open(dir, WATCH_AUTO, now);
 *	poll({ watch_fd(w), ... }, watch_timeout(w, now));
 *	if (watch_check(w, now))  refresh the folder
 *	watch_close(w);
 */
#ifndef FILO_WATCH_H
#define FILO_WATCH_H

#include <stdbool.h>

#define WATCH_QUIET_MS		1000
#define WATCH_MAX_WAIT_MS	5000
#define WATCH_POLL_MS		2000
#define WATCH_SCAN_MS		10000

/* auto: inotify where it works, else polling; poll: polling only (for file
 * systems whose changes inotify does not see, such as NFS); off: nothing. */
enum watch_mode { WATCH_AUTO, WATCH_POLL, WATCH_OFF, WATCH_MODE_COUNT };

struct watch;

/* Starts watching dir. Never NULL (aborts on out-of-memory); when inotify
 * cannot watch dir (no inotify, no watches left, dir missing) it polls. */
struct watch *watch_open(const char *dir, enum watch_mode mode, long long now_ms);
void watch_close(struct watch *w);

/* The file descriptor to wait on for reading, or -1 (polling, or off). */
int watch_fd(const struct watch *w);

/* Milliseconds until watch_check has something to do (the end of a quiet
 * period, the next periodic check): 0 when due now, -1 when only the fd
 * (or nothing at all) can bring news. */
long long watch_timeout(const struct watch *w, long long now_ms);

/* Reads what is pending without blocking. True when the folder changed
 * and the burst is over: time to refresh (once; the next true needs a new
 * change, or the next periodic full check). */
bool watch_check(struct watch *w, long long now_ms);

/* Which mechanism is in use: "inotify", "polling" or "off" (for messages
 * and tests). Polling is also what inotify falls back to when the folder
 * itself is moved or deleted. */
const char *watch_kind(const struct watch *w);

/* "auto", "poll", "off" and back (-1 when unknown): the config's names. */
const char *watch_mode_name(enum watch_mode m);
int watch_mode_from_name(const char *name);

#endif
