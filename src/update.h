/* update.h: `filo fetch`: every feed of the feeds file downloaded at once
 * (fetch.c), conditionally (feedstate.c), its items written into an
 * articles folder through the importer (import.c: an item fetched again
 * updates its own file, never a second one, never a hand edit), and with
 * `full` the page of each new item the feed gives only a summary of,
 * extracted (html.c) into that item's article. What happened, per feed in
 * the feeds file's order, goes into a report. A feed that fails changes
 * nothing in the folder. The reader runs the same in a thread of its own
 * (update_job_*). No curses; nothing printed. */
#ifndef FILO_UPDATE_H
#define FILO_UPDATE_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "fetch.h"

struct urls;

/* An item's text under this many words is "only a summary" (so is an item
 * whose feed has no full content for it: no content:encoded, Atom content
 * or JSON Feed content_html/content_text). */
#define UPDATE_SUMMARY_WORDS 100

enum update_state {
	UPDATE_WAITING,		/* not finished (cancelled) */
	UPDATE_IMPORTED,	/* downloaded and its items written */
	UPDATE_NOT_MODIFIED,	/* the server said 304: nothing to do */
	UPDATE_FAILED		/* see error; nothing changed */
};

struct update_feed {
	char *url;		/* as in the feeds list */
	size_t line;		/* of the feeds file */
	char *name;		/* "~Name", else the feed's title (of this fetch
				 * or the last), else the URL; sanitised */
	enum update_state state;
	size_t added, updated, unchanged, kept;	/* articles */
	size_t pages, pages_failed;	/* full: pages put into new articles */
	char *error;		/* UPDATE_FAILED: "HTTP 404", "timed out after
				 * 20 s", "not a feed: a web page (text/html)",
				 * "line 12: ... (feed not imported)"; sanitised */
	char *moved_to;		/* a permanent redirect's target, or NULL */
};

struct update_report {
	struct update_feed *feed;	/* in the feeds list's order */
	size_t n;
	size_t failed, not_modified;	/* feeds */
	size_t added, updated, unchanged, kept, pages;	/* articles, in all */
	/* Messages about items, files and filo's own state file, as
	 * "file:line: message" (an item's feed is its URL): shown, not
	 * fatal. */
	struct diag notes;
	double seconds;
};

struct update_options {
	const char *dir;		/* the articles folder (created if missing) */
	bool full;			/* also download new items' pages */
	struct fetch_options fetch;
	/* Called after each download ends (feeds and pages), in the thread
	 * that runs update_run; total grows as pages are queued. */
	void (*progress)(void *ctx, size_t done, size_t total);
	/* Called with the downloads' fetch once made (so another thread may
	 * fetch_cancel it) and with NULL before it is freed; may be NULL. */
	void (*started)(void *ctx, struct fetch *f);
	void *ctx;
};

/* Downloads and imports every feed of feeds into o->dir. Fills *r (free
 * with update_report_free). Returns 0 when every feed was imported or not
 * modified, 1 when some failed, -1 when nothing could be done (the folder
 * cannot be made or read, another fetch into it is running), with the
 * message in d and an empty report. */
int update_run(const struct urls *feeds, const struct update_options *o,
	       struct update_report *r, struct diag *d);

void update_report_free(struct update_report *r);

/* The same in a thread of its own, for the reader. update_job_start copies
 * the feeds and options (progress and ctx are the job's own: use
 * update_job_progress); NULL when no thread can be started. */
struct update_job;
struct update_job *update_job_start(const struct urls *feeds,
				    const struct update_options *o);
/* Downloads finished and in all so far; true once update_run returned. */
bool update_job_progress(struct update_job *j, size_t *done, size_t *total);
/* Asks the downloads under way to stop (the feeds not done fail as
 * "cancelled"; what was written stays). */
void update_job_cancel(struct update_job *j);
/* Waits for the thread and hands over its report, d's messages and
 * update_run's return value; frees the job. */
int update_job_finish(struct update_job *j, struct update_report *r, struct diag *d);

#endif
