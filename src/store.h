/* store.h: the archive: scan a folder of article files, keep their metadata,
 * sort and filter them, load a body on demand. Bodies are not kept: a large
 * archive's metadata fits in memory, its text does not. No curses here. */
#ifndef FILO_STORE_H
#define FILO_STORE_H

#include <stddef.h>
#include <stdbool.h>
#include "article.h"
#include "diag.h"

enum store_sort { STORE_SORT_DATE, STORE_SORT_SOURCE, STORE_SORT_TITLE,
		  STORE_SORT_COUNT };

struct store {
	char *dir;		/* the articles folder, as given */
	struct article *art;	/* metadata only (body NULL), sorted by id */
	size_t n;
	char **fold;		/* per article: folded "title\tsource", for filters */
	size_t *order[STORE_SORT_COUNT];	/* sorted orders, made on demand */
	char *fold_pack;	/* the folds, one after another in the first order
				   made: a filter reads them in sequence */
	size_t fold_pack_len;
};

/* One article file of a folder, as store_scan finds it. */
struct store_file {
	char *name;		/* file name in the folder: "ID.md" */
	bool regular;		/* a regular file (links followed) */
	long long size;		/* bytes, when regular */
	long long mtime_ns;	/* modification time in nanoseconds, when regular */
};

/* The one folder scanner: every article file of dir (article_is_file_name),
 * stat'ed, in id order (the name without ".md": "a-b.md" after "a.md").
 * Returns 0 and sets *files (free with store_files_free) and *n, or -1
 * when dir itself cannot be read (message in d). */
int store_scan(const char *dir, struct store_file **files, size_t *n,
	       struct diag *d);
void store_files_free(struct store_file *files, size_t n);

/* Scans dir for article files and loads their metadata. Problems go to d
 * (never fatal for single files). Returns 0, or -1 when dir itself cannot be
 * read (message in d). The caller frees with store_close. */
int store_open(struct store *s, const char *dir, struct diag *d);
void store_close(struct store *s);

/* Filling a store from elsewhere (the index cache): store_init starts an
 * empty store of dir; store_add takes over *a (metadata only, body NULL) and
 * fold (its folded "title\tsource", malloc'd, or NULL to compute it);
 * store_finish sorts by id, as store_open leaves it, so store_find works. */
void store_init(struct store *s, const char *dir);
void store_add(struct store *s, struct article *a, char *fold);
void store_finish(struct store *s);
/* The folded "title\tsource" of an article (malloc'd), as kept in fold. */
char *store_fold_meta(const struct article *a);

/* Index of the article with this id, or -1. */
long store_find(const struct store *s, const char *id);

/* Loads article i again with its body into *a (free with article_free). */
int store_load_body(const struct store *s, size_t i, struct article *a,
		    struct diag *d);

/* Orders idx[0..n) (article indexes) by key: date newest first with undated
 * last, source A-Z, title A-Z (folded, accent-insensitive); ties by date then
 * title then id. reverse flips the whole order. */
void store_sort(const struct store *s, size_t *idx, size_t n,
		enum store_sort key, bool reverse);

/* The articles in the order of key (not reversed), computed once and kept
 * until store_close: switching back and forth between sorts, filtering and
 * regrouping then cost a pass over the articles, never a sort. */
const size_t *store_order(struct store *s, enum store_sort key);

/* Does article i match a filter query (folded with text_fold)? Every
 * space-separated word of the query must occur in the title or source. */
bool store_match(const struct store *s, size_t i, const char *folded_query);

const char *store_sort_name(enum store_sort key);
int store_sort_from_name(const char *name);

#endif
