/* app.c: the views' shared settings from the configuration, and the
 * session's marks and saves with what the status line says of them. */
#include <string.h>
#include "app.h"
#include "config.h"
#include "ui.h"

void app_init(struct app *app, const struct config *cfg)
{
	memset(app, 0, sizeof *app);
	app->reading_width = cfg->width > 0 ? (size_t)cfg->width : 0;
	app->sort = cfg->sort;
	app->reverse = cfg->reverse;
	app->group = cfg->group;
	app->date_format = cfg->date_format;
	app->date_width = listing_date_width(cfg->date_format);
	app->fetch_timeout = cfg->fetch_timeout;
	app->copy_osc52 = cfg->clipboard == CONFIG_CLIPBOARD_OSC52;
	app->related_setting = (int)cfg->related_panel;
}

#define PREF_RELATED "related-panel"

void app_start(struct app *app)
{
	const char *last = state_pref(app->ses.state, PREF_RELATED);
	if (app->related_setting == CONFIG_PANEL_LAST)
		app->related_open = last && strcmp(last, "open") == 0;
	else
		app->related_open = app->related_setting == CONFIG_PANEL_OPEN;
}

/* A failed save is said on the status line (and on stderr at exit). */
static void report_save(int r, struct diag *d)
{
	if (r != 0 && d->n)
		ui_message(true, "%s", d->msg[0]);
	diag_free(d);
}

void app_save_state(struct app *app)
{
	struct diag d = DIAG_INIT;
	report_save(session_save(&app->ses, &d), &d);
}

void app_set_related(struct app *app, bool open)
{
	app->related_open = open;
	state_set_pref(app->ses.state, PREF_RELATED, open ? "open" : "closed");
	app_save_state(app);
}

void app_mark(struct app *app, const char *id, enum session_mark m, bool on)
{
	struct diag d = DIAG_INIT;
	report_save(session_set_mark(&app->ses, id, m, on, &d), &d);
}

void app_catch_up(struct app *app, const char *const *ids, size_t n,
		  const char *what)
{
	struct diag d = DIAG_INIT;
	size_t marked = 0;
	int r = session_catch_up(&app->ses, ids, n, &marked, &d);
	if (marked)
		ui_message(false, "Marked %zu article%s%s read (z undoes)", marked,
			   marked == 1 ? "" : "s", what);
	else
		ui_message(false, "Nothing to mark: the %zu article%s%s shown %s read already",
			   n, n == 1 ? "" : "s", what, n == 1 ? "was" : "were");
	report_save(r, &d);
}

void app_undo_catch_up(struct app *app)
{
	struct diag d = DIAG_INIT;
	size_t n = 0;
	int r = session_undo_catch_up(&app->ses, &n, &d);
	if (n)
		ui_message(false, "Marked %zu article%s unread again", n, n == 1 ? "" : "s");
	else
		ui_message(false, "No catch-up to undo (only the last one can be)");
	report_save(r, &d);
}

void app_toggle_mark(struct app *app, const char *id, enum session_mark m)
{
	bool on = !session_mark(&app->ses, id, m);
	if (m == SESSION_READ)
		ui_message(false, "Marked %s", on ? "read" : "unread");
	else
		ui_message(false, "%s", on ? "Flagged" : "Unflagged");
	app_mark(app, id, m, on);
}
