/* archive.h: what filo derives from a whole archive: each article's
 * entities, the archive-wide entity index (which articles mention whom), and
 * related stories and threads. Everything here is rebuildable from the
 * articles. No curses here. */
#ifndef FILO_ARCHIVE_H
#define FILO_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include "entity.h"
#include "related.h"
#include "render.h"
#include "store.h"
#include "strmap.h"

/* A source of related lists other than rel: k hits of doc into out, as
 * related_top gives them. */
typedef size_t archive_related_fn(void *ctx, size_t doc, struct related_hit *out,
				  size_t k);

/* One spelling of an entity and the mentions of the articles that use it. */
struct archive_spelling {
	const char *text;	/* in archive.spellings */
	size_t mentions;
};

/* One entity across the archive: one key, maybe several spellings
 * ("United States", "US", "Stati Uniti"). */
struct archive_entity {
	const char *name;	/* display name: the most frequent spelling */
	int type;	/* ENTITY_* */
	size_t ndocs;	/* articles that mention it */
	size_t mentions;	/* mentions in the whole archive */
	/* every spelling in the archive, first seen first: spelling 0 is
	 * first, the others more[0..nmore) (most entities have one) */
	struct archive_spelling first, *more;
	uint32_t nmore;
};

/* Spelling k (0 .. archive_entity_nspell - 1) of an entity. */
size_t archive_entity_nspell(const struct archive_entity *e);
const struct archive_spelling *archive_entity_spelling(
	const struct archive_entity *e, size_t k);

/* One entity of one article. */
struct archive_doc_entity {
	uint32_t entity;	/* index into archive.ent */
	int count;		/* mentions in the article */
	uint32_t spell;		/* the article's spelling (archive_entity_spelling) */
};


struct archive {
	const struct store *store;
	struct entity_db *db;		/* owned */
	struct related_index *rel;	/* owned; NULL until built */
	struct strmap keys;		/* entity key -> index into ent */
	struct strpool spellings;	/* the texts of the entities' spellings */
	struct archive_entity *ent;
	size_t nent, entcap;
	/* per article (store index): its entities, most mentioned first */
	struct archive_doc_entity **doc_ent;
	size_t *doc_nent;
	/* When rel is NULL (an archive read from the index cache), related
	 * lists come from related_from (set by the cache, which lends its
	 * connection as related_ctx) and threads from these tables: use
	 * archive_related and archive_thread_* rather than related_* on rel. */
	archive_related_fn *related_from;	/* may be NULL */
	void *related_ctx;			/* not owned */
	size_t nthreads;
	uint32_t *thread_of;		/* per article: its thread */
	size_t *tstart;			/* thread -> first member in tmember */
	uint32_t *tmember;		/* members, thread by thread */
	/* the doc_ent arrays live in these chunks (a reader loads millions) */
	struct archive_doc_entity **chunk, *chunk_next;
	size_t nchunk, chunkcap, chunk_left;
};

/* The spelling of the entity de of an article, as the article writes it. */
const char *archive_doc_entity_name(const struct archive *a,
				    const struct archive_doc_entity *de);

/* What makes the analysis (entities, plain text, related lists and
 * threads), as a string for the index cache's stamp (malloc'd): filo's
 * version, ARCHIVE_ANALYSIS_VERSION, the lexicons' hash and the ranking's
 * stamp. A cache made by another analysis is analysed again. Bump the
 * version when what archive_analyse gives changes with no change of these
 * (entity rules, the plain text). */
#define ARCHIVE_ANALYSIS_VERSION 4
char *archive_stamp(void);

/* Analyses every article of s (which must outlive a): loads each body,
 * tags entities (with the corrections of DIR/entities, problems in d),
 * indexes them and ranks related stories. Returns 0. */
int archive_build(struct archive *a, const struct store *s, struct diag *d);
void archive_free(struct archive *a);

/* ---- building an archive piece by piece (the index cache does) ---- */

/* An archive of s without entities yet: the entity database with the
 * corrections of DIR/entities (problems in d), empty per-article tables. */
void archive_init(struct archive *a, const struct store *s, struct diag *d);

/* One article analysed: its plain text (render_plain_text of doc) and its
 * entities. */
struct archive_doc {
	struct render_doc *doc;	/* body blocks, no header */
	const char *plain;	/* owned by doc */
	size_t plain_len;
	struct entity_doc ents;
};
void archive_analyse(const struct archive *a, const struct article *art,
		     struct archive_doc *out);
void archive_doc_free(struct archive_doc *ad);

/* Records the entities of article i (replacing none: once per article). */
void archive_add_entities(struct archive *a, size_t i,
			  const struct entity_ref *ents, size_t n);

/* Feeds one article to a related index (as archive_build does). */
void archive_related_add(struct related_index *rel, const char *plain,
			 size_t len, const struct entity_ref *ents, size_t n,
			 long days);

/* Sets the threads from thread_of[0..store->n) (copied). */
void archive_set_threads(struct archive *a, const uint32_t *thread_of,
			 size_t nthreads);

/* ---- related stories and threads, from rel or from the cache ---- */

/* As related_top: up to k articles related to doc, best first. The strings
 * of the hits live until archive_free (or, from related_from, as long as
 * its source says: cache_close). */
size_t archive_related(const struct archive *a, size_t doc,
		       struct related_hit *out, size_t k);
/* As related_thread_count, related_thread_of, related_thread_members. */
size_t archive_thread_count(const struct archive *a);
size_t archive_thread_of(const struct archive *a, size_t doc);
size_t archive_thread_members(const struct archive *a, size_t thread,
			      size_t *out, size_t max);

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
