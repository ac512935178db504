/* app.h: the state shared by the views of one reader session: the archive,
 * configuration and settings chosen at start. Owned by ui.c. */
#ifndef FILO_APP_H
#define FILO_APP_H

#include "archive.h"
#include "state.h"
#include "store.h"
#include "listing.h"

struct app {
	struct store store;
	struct diag diag;	/* problems found loading the archive */
	struct archive arc;	/* entities, related stories, threads */
	struct cache *cache;	/* the index cache (search reads it) */
	size_t reading_width;	/* 0: the whole window */
	const char *date_format;	/* strftime format of full dates */
	size_t date_width;	/* columns the date column needs */
	enum store_sort sort;
	bool reverse;
	enum listing_group group;
	struct view *list;	/* the list view (history's first entry) */
	size_t *thread_of;	/* story thread of each article */
	size_t *nrelated;	/* related stories of each article */
	struct state *state;	/* read, flagged, reading positions */
	bool only_unread, only_flagged;	/* list filters */
};

/* Saves the reader state now, telling the user when it fails (ui.c). */
void app_save_state(struct app *app);

#endif
