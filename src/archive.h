/* archive.h: what filo derives from a whole archive: each article's
 * entities, the archive-wide entity index (which articles mention whom), and
 * related stories and threads. Everything here is rebuildable from the
 * articles. No curses here. */
#ifndef FILO_ARCHIVE_H
#define FILO_ARCHIVE_H

#include <stddef.h>
#include "entity.h"
#include "related.h"
#include "render.h"
#include "store.h"
#include "strmap.h"

/* One entity across the archive. */
struct archive_entity {
	char *name;	/* display name: the most frequent spelling */
	int type;	/* ENTITY_* */
	size_t ndocs;	/* articles that mention it */
	size_t mentions;	/* mentions in the whole archive */
};

/* One entity of one article. */
struct archive_doc_entity {
	size_t entity;	/* index into archive.ent */
	int count;	/* mentions in the article */
};

struct archive {
	const struct store *store;
	struct entity_db *db;		/* owned */
	struct related_index *rel;	/* owned; NULL until built */
	struct strmap keys;		/* entity key -> index into ent */
	struct archive_entity *ent;
	size_t nent, entcap;
	/* per article (store index): its entities, most mentioned first */
	struct archive_doc_entity **doc_ent;
	size_t *doc_nent;
};

/* Progress of a long build: done of total articles. May be NULL. */
typedef void archive_progress(void *ctx, size_t done, size_t total);

/* Analyses every article of s (which must outlive a): loads each body,
 * tags entities (with the corrections of DIR/entities, problems in d),
 * indexes them and ranks related stories. Returns 0. */
int archive_build(struct archive *a, const struct store *s, struct diag *d,
		  archive_progress *progress, void *ctx);
void archive_free(struct archive *a);

/* Renders an article loaded with its body, entity mentions included. If
 * ents is not NULL it receives the article's entity_doc (caller frees with
 * entity_doc_free); entity indexes of the mention spans refer to it. */
struct render_doc *archive_render(const struct archive *a,
				  const struct article *art,
				  struct entity_doc *ents);

/* The archive-wide index of an article entity (by its key), or -1. */
long archive_entity_find(const struct archive *a, const char *key);

/* Articles (store indexes) that mention entity e, most mentions first, then
 * newest; *counts (if not NULL) gets their mention counts. Returns how many;
 * the arrays are malloc'd (caller frees). */
size_t archive_mentions(const struct archive *a, size_t e, size_t **docs,
			int **counts);

#endif
