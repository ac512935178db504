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

void app_mark(struct app *app, const char *id, enum session_mark m, bool on)
{
	struct diag d = DIAG_INIT;
	report_save(session_set_mark(&app->ses, id, m, on, &d), &d);
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
