/* import_dir.h: the folder `filo import` writes articles into. Finds the
 * article an input was imported as before (by url, guid, content, or title
 * and date), tells filo's own writing from a hand edit by the
 * import-checksum field filo puts in every article it writes, and writes
 * atomically (a temporary file renamed into place). It never writes into a
 * file without that field: filo did not make it. No curses; nothing is
 * printed: problems go to a diag. */
#ifndef FILO_IMPORT_DIR_H
#define FILO_IMPORT_DIR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "article.h"
#include "diag.h"

/* The front-matter key of the checksum: FNV-1a 64 of the file's bytes
 * without the line holding it, as 16 lower-case hex digits. */
#define IMPORT_CHECKSUM_KEY "import-checksum"

/* The front-matter key `filo fetch --full` sets to "page" in an article
 * whose body it took from the item's web page instead of the feed's
 * summary. Such an article keeps that body when its feed item is written
 * again (import_dir_write): its other fields are updated. */
#define IMPORT_BODY_FROM_KEY "body-from"

enum import_status {
	IMPORT_NEW,		/* a new file was written */
	IMPORT_UPDATED,		/* filo's earlier file was replaced */
	IMPORT_UNCHANGED,	/* filo's earlier file already says the same */
	IMPORT_KEPT,		/* an earlier file was left as it is: edited by
				 * hand (without force) or not made by filo */
};

/* An open folder: the front matter of its articles, indexed. Opaque. */
struct import_dir;

/* Opens the folder at path (not created until the first write) and reads
 * the front matter of its *.md files. Returns NULL with a message in d
 * when path exists but cannot be read as a folder. The caller closes it
 * with import_dir_close. Not shared between threads without a lock. */
struct import_dir *import_dir_open(const char *path, struct diag *d);
void import_dir_close(struct import_dir *dir);

/* Batch mode, for thousands of writes in a row (filo fetch): a write
 * still goes through a temporary file renamed into place, but without its
 * own fsync calls; import_dir_sync then makes everything written since
 * durable at once (one syncfs of the folder's file system on Linux).
 * Returns 0, or -1 with "DIR: cannot flush to disk: why" in d. */
void import_dir_batch(struct import_dir *dir, bool on);
int import_dir_sync(struct import_dir *dir, struct diag *d);
const char *import_dir_path(const struct import_dir *dir);

/* Writes article a (its id, path and import_checksum ignored)
 * into dir: the earlier import of the same article (same url; else same
 * guid field; else the same content; else, when neither has a url or
 * guid, the same title and date) is replaced when filo wrote it and
 * nobody edited it since (or force is set), left when it says the same
 * already (a body from the item's page, IMPORT_BODY_FROM_KEY, is kept when
 * a does not carry that field); else a new file is made, named by
 * import_file_name (with -2,
 * -3... when taken). Every write goes to a temporary file renamed into
 * place: on failure nothing is left behind. Sets *status and, when path
 * is not NULL, *path (malloc'd: the file written, updated, unchanged or
 * kept). Returns 0, or -1 when nothing could be written (message in d).
 * A kept file is reported in d too, and returns 0. */
int import_dir_write(struct import_dir *dir, const struct article *a,
		     bool force, enum import_status *status, char **path,
		     struct diag *d);

/* The text filo writes for a: article_format with import_checksum set to
 * the checksum of the result; malloc'd, length in *len. */
char *import_dir_format(const struct article *a, size_t *len);

/* Checks a file's text: 1 when it carries an import-checksum that matches
 * its bytes, 0 when the checksum no longer matches (edited since), -1
 * when it has none (not written by filo import). */
int import_dir_verify(const char *text, size_t len);

#endif
