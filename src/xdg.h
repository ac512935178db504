/* xdg.h: where filo keeps what it knows about an articles folder: one file
 * per folder under an XDG base directory ($XDG_CACHE_HOME/filo for the
 * index cache, $XDG_STATE_HOME/filo for the reading state). No curses here. */
#ifndef FILO_XDG_H
#define FILO_XDG_H

#include <stdbool.h>
#include "buf.h"

/* One kind of per-folder file. */
struct xdg_kind {
	const char *env;	/* "XDG_CACHE_HOME": used when an absolute path */
	const char *home;	/* else $HOME/home: ".cache" */
	const char *suffix;	/* ".db" */
	/* A folder that no longer exists keeps its file (the cache, so that
	 * the archive of an unmounted folder still opens); else it has none
	 * (the reading state is not kept for a folder that is gone). */
	bool keep_when_gone;
};

/* Appends the base directory of kind (".../filo") to out; -1 when neither
 * the variable nor $HOME is usable (out unchanged). Nothing is created. */
int xdg_dir(const struct xdg_kind *kind, struct buf *out);

/* Appends the file of articles folder dir: BASE/NAME-HASH SUFFIX, where
 * NAME is the folder's own name (its first 40 bytes, outside [A-Za-z0-9-_]
 * and a '.' not first as '_'; "root" for /) and HASH tells folders of one
 * name apart (of the resolved path; of a folder that no longer exists,
 * with keep_when_gone, its absolute path cleaned of "." and "..", which is
 * what it resolved to while it existed unless a symbolic link was on the
 * way). Returns 0, or
 * -1 when there is no base directory or dir cannot be resolved (errno from
 * realpath; out unchanged). Nothing is created. */
int xdg_file_for_dir(const struct xdg_kind *kind, const char *dir,
		     struct buf *out);

/* Creates path and its missing parents (mode 0700); 0 when it exists as
 * a folder then, else -1 with errno set (ENOTDIR for a file in the way). */
int xdg_mkdir_p(const char *path);

#endif
