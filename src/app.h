/* app.h: what the views of the reader share: the session (the open archive
 * and the reader's marks) and the settings of the list and the pager, from
 * the configuration and the keys. Owned by ui.c; app.c sets it up and tells
 * the user how session calls went. */
#ifndef FILO_APP_H
#define FILO_APP_H

#include "listing.h"
#include "session.h"
#include "store.h"

struct config;

struct app {
	struct session ses;	/* the open archive: views read it */
	size_t reading_width;	/* 0: the whole window */
	const char *date_format;	/* strftime format of full dates */
	size_t date_width;	/* columns the date column needs */
	enum store_sort sort;
	bool reverse;
	enum listing_group group;
	bool only_unread, only_flagged;	/* list filters */
	int fetch_timeout;	/* seconds, for the fetch key */
	bool copy_osc52;	/* the copy-url key may write the clipboard */
	struct view *list;	/* the list view (history's first entry) */
};

/* The settings of cfg (which must outlive app); the session is not open. */
void app_init(struct app *app, const struct config *cfg);

/* The article's address taken out of filo, saying on the status line how
 * it went (ui.c): opened in $BROWSER (else xdg-open), only an http(s)
 * address, the screen left and restored around the browser; or put on the
 * clipboard with OSC 52 when the configuration allows it. */
void app_open_url(struct app *app, const char *url);
void app_copy_url(struct app *app, const char *url);

/* Saves the reader state now, telling the user when it fails. */
void app_save_state(struct app *app);

/* Sets mark m of article id to on, saving at once (a failed save is said
 * on the status line). */
void app_mark(struct app *app, const char *id, enum session_mark m, bool on);

/* N and f in the list and article views: flips mark m of article id,
 * saves at once and says so on the status line. */
void app_toggle_mark(struct app *app, const char *id, enum session_mark m);

#endif
