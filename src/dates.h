/* dates.h: publication dates as news pages and feeds state them: the
 * machine forms of metadata (ISO 8601 / RFC 3339, RFC 822 / 1123) and the
 * forms of visible text in Italian, English, French, Spanish and German,
 * plus the byline and dateline lines around a headline. Word lists come
 * from src/lexicon/months.txt and bylines.txt. No curses, no allocation
 * visible to callers; every function is safe on any bytes (invalid UTF-8,
 * huge numbers) and takes time linear in its input. */
#ifndef FILO_DATES_H
#define FILO_DATES_H

#include <stdbool.h>
#include <stddef.h>

/* A metadata date-time (NUL-terminated s; outer blanks ignored):
 * "2023-06-19T12:41:00+02:00", "2023-06-19 12:41", "2023-06-19",
 * "20230619", "Mon, 19 Jun 2023 10:41:00 GMT" (zones: +0200, GMT, UT, EST,
 * a military letter...; two-digit years as RFC 822 has them), and, for a
 * short string, any date dates_find reads ("June 19, 2023"). Writes the
 * calendar date in the timestamp's own zone (never converted to UTC: a
 * page dated 00:30+02:00 is of that day) as "YYYY-MM-DD" into out and
 * returns 0; returns -1 (out "") for anything else, an impossible date
 * (31 February, hour 25) or trailing garbage included. */
int dates_parse_meta(const char *s, char out[11]);

/* The first complete date (day, month and year) written in s[0..n) the way
 * text writes it: "19 giugno 2023", "13 March 2007", "March 13, 2007",
 * "1er septembre 2025", "13 de marzo de 2007", "13. März 2007",
 * "13.03.2007", "01/03/2008", "2007-03-13". Numeric day/month order is day
 * first, except for lang "en-US" / "en_US" (any case): month first; when
 * only the other order gives a valid date (13/03/2008 in en-US), that one.
 * lang may be NULL; month names of all five languages are known whatever
 * lang says. Impossible dates are skipped, not corrected. Writes
 * "YYYY-MM-DD" into out and returns the byte offset where the date starts;
 * *match_len (when not NULL) gets the length of the date and of a time
 * written right after it ("12:41", "à 10h12", "alle 12.41", "10:41 am").
 * Returns -1 (out "") when there is none. */
long dates_find(const char *s, size_t n, const char *lang, char out[11],
		size_t *match_len);

/* The first month of a year written in s[0..n) without a day ("Settembre
 * 2007", "March 2007", "März 2007"): writes "YYYY-MM" into out and returns
 * its byte offset (*match_len, when not NULL, its length), or -1 (out "").
 * A month after a day number ("31 February 2023") is not one: that is a
 * date, valid or not, for dates_find. */
long dates_find_month(const char *s, size_t n, char out[8], size_t *match_len);

/* Is line[0..n) a byline or dateline rather than body text: an author
 * phrase and a name ("By Staff Reporter · 13.03.2007", "di Mario Rossi",
 * "Par Jean Dupont", "Von Anna Müller"), a date phrase and a date
 * ("Published 13 March 2007", "Pubblicato il ...", "Mis à jour le ..."),
 * a date alone (with weekday and time), or a short line of a name and a
 * date ("Mario Rossi | 19 giugno 2023"). Short lines only (at most 160
 * bytes); a sentence ("Di Maio attacca il governo") is not a byline. */
bool dates_is_byline(const char *line, size_t n);

#endif
