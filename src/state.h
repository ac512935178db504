/* state.h: the reader's state per articles folder: read/unread, flagged and
 * the last reading position of each article id, kept in a plain text file
 * outside the folder (articles are never written). No curses, no printing.
 *
 * Where: $XDG_STATE_HOME/filo/ (when that is an absolute path), else
 * ~/.local/state/filo/; one file per folder, named after the folder's
 * absolute path: "BASENAME-HASH.state" (HASH: 16 hex digits of FNV-1a).
 *
 * Format, version 2 (UTF-8 text, every line ends with "\n"):
 *
 *     filo-state 2
 *     pref<TAB>NAME=VALUE            a reader preference (version 2)
 *     ID<TAB>FLAGS<TAB>POSITION      one line per article with any state
 *     end<TAB>COUNT                  COUNT = number of article lines
 *
 * A file without preferences is written as version 1 (the same lines but
 * no pref line), which filo before version 2 reads and saves; both are
 * read. NAME and VALUE are 1 to 64 of [A-Za-z0-9._-]; a pref line has two
 * fields and an article line three, so an article named "pref" is no
 * trouble.
 *
 * ID is the article id with '\\' written "\\\\", TAB "\\t", LF "\\n", CR
 * "\\r" and other control or invalid UTF-8 bytes "\\xHH". FLAGS is "-" or
 * the letters 'r' (read) and 'f' (flagged), each at most once. POSITION is a
 * decimal byte offset in the article's plain text (render_plain_text). A
 * later line for the same id replaces an earlier one. The end line makes a
 * cut-off file detectable even when it was cut at a line boundary.
 *
 * Damage: a file with a bad header, a bad line or no end line is set aside
 * (renamed "FILE.corrupt-YYYYMMDDTHHMMSS[-N]"), never overwritten: its good
 * lines are kept and written to a fresh file at the next save, and d gets
 * "FILE:LINE: what is wrong (set aside as NAME)". A file of a newer version
 * is left alone and this process does not save (state_save says why).
 *
 * Saving is atomic and shared: under an flock on "FILE.lock" it re-reads
 * the file, merges (the fields this process changed since it loaded or last
 * saved win; everything else comes from the file, so two readers on one
 * folder keep each other's marks), writes "FILE.tmp-PID", fsyncs it,
 * renames it over FILE and fsyncs the directory. A failed save (full disk)
 * leaves the old file as it was and keeps the changes for the next try.
 *
 * Use in the reader (ids are struct article.id):
 *   start    st = state_open(store.dir, &diag) after store_open; show d's
 *            messages like the load problems (never fatal).
 *   list     mark column: flagged "*" (list-flag), unread "N" or bold
 *            (list-unread), read plain (list-read). only-unread /
 *            only-flagged: a listing_query.keep callback returning
 *            !state_read(st, id) or state_flagged(st, id).
 *   open     state_set_read(st, id, true); scroll to the line
 *            render_line_of_plain(doc, state_position(st, id)) unless a
 *            search match says where.
 *   close    (leaving the article view, and at quit for the one open)
 *            state_set_position(st, id, render_plain_of_line(doc, top));
 *            then state_save (cheap when nothing changed).
 *   N        state_set_read(st, id, !state_read(st, id)) on the selected
 *            article; f the same with state_flagged / state_set_flag.
 *   u        the next row after the selection (wrapping) whose article
 *            is !state_read; say "no unread articles" when none.
 *   quit     state_save, show a failure on stderr after endwin, then
 *            state_close. */
#ifndef FILO_STATE_H
#define FILO_STATE_H

#include <stddef.h>
#include <stdbool.h>

struct buf;
struct diag;

struct state;	/* opaque */

/* Opens the state of the articles folder dir (loading its file when there
 * is one). Never returns NULL: when the file cannot be found or read the
 * state starts empty, d says why, and state_save reports the failure
 * again. Free with state_close. */
struct state *state_open(const char *dir, struct diag *d);

/* The same for an explicit state file path (tests, tools). */
struct state *state_open_file(const char *path, struct diag *d);

/* Parses the text of a state file, without any file: label names it in
 * messages. Bad lines are reported ("label:LINE: ...") and skipped. The
 * result has no path, so state_save on it fails. For fuzzing and tests. */
struct state *state_parse(const char *label, const char *text, size_t len,
			  struct diag *d);

/* The state as file text (version 1 without preferences, else 2; ids
 * sorted); malloc'd, *len its length (len may be NULL). */
char *state_format(const struct state *st, size_t *len);

/* The file for articles folder dir appended to out; -1 when neither
 * XDG_STATE_HOME nor HOME is usable or dir cannot be resolved (out
 * unchanged). */
int state_file_for_dir(const char *dir, struct buf *out);

/* The state file's path ("" when there is none, as after state_parse). */
const char *state_path(const struct state *st);

/* Queries; an unknown id is unread, unflagged, at position 0. A NULL st
 * answers the same, so a reader without state still works. */
bool state_read(const struct state *st, const char *id);
bool state_flagged(const struct state *st, const char *id);
size_t state_position(const struct state *st, const char *id);
/* Number of ids with any state (read, flagged or a position). */
size_t state_count(const struct state *st);

/* Changes (in memory until state_save). A NULL st ignores them. */
void state_set_read(struct state *st, const char *id, bool read);
void state_set_flag(struct state *st, const char *id, bool flagged);
void state_set_position(struct state *st, const char *id, size_t plain_offset);

/* Forgets the marks (read, flagged, position) of the articles that are
 * gone: every id with marks for which present(ctx, id) is false, saved as
 * a change of this process at the next state_save. The caller asks only
 * after a complete scan of the folder, and present says true for a file
 * that is there but could not be read this time, so that its marks stay.
 * When not one id with marks is present, nothing is forgotten: an empty
 * folder (an unmounted disk, a sync that has not started) or another
 * folder never wipes the marks. Returns how many ids were forgotten. */
size_t state_prune(struct state *st, bool (*present)(void *ctx, const char *id),
		   void *ctx);

/* For `filo check`: the problems of the state file of articles folder dir
 * as the reader would find them ("FILE:LINE: what"), read only: nothing is
 * set aside or written. Also one message per damaged file the reader set
 * aside beside it earlier (FILE.corrupt-STAMP), until it is deleted.
 * Returns how many messages were added. */
size_t state_check(const char *dir, struct diag *d);

/* Reader preferences kept with the marks (the related panel open or
 * closed): the value of name, or NULL when unset. state_set_pref sets it
 * (value NULL unsets it) and returns 0, or -1 (nothing changed) for a name
 * or value a pref line cannot hold. Merged on save as the marks are. */
const char *state_pref(const struct state *st, const char *name);
int state_set_pref(struct state *st, const char *name, const char *value);

/* Are there changes not yet saved? */
bool state_dirty(const struct state *st);

/* Saves as described above when there are changes (else returns 0 at once,
 * touching nothing). Returns 0, or -1 with "FILE: cannot save state: why
 * (old file kept)" in d. After a save the state also holds what other
 * processes saved meanwhile. A NULL st returns 0. */
int state_save(struct state *st, struct diag *d);

/* Frees st (NULL is fine) without saving. */
void state_close(struct state *st);

#endif
