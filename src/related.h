/* related.h: related articles and story threads over a whole archive. Each
 * article is a weighted vector of its content words (terms.h) and of its
 * named entities; an inverted index finds, for every article, the most
 * similar others without comparing all pairs. Articles are fed one at a time
 * and their text is not kept. No curses here. */
#ifndef FILO_RELATED_H
#define FILO_RELATED_H

#include <stddef.h>

/* Most related articles kept per article. */
#define RELATED_MAX 16
/* Shared entities and shared words given as reasons for one hit. */
#define RELATED_REASONS 3
/* Articles both dated and at most this many days apart may share a thread. */
#define RELATED_THREAD_DAYS 14

struct related_index;	/* opaque */

struct related_hit {
	size_t doc;		/* the related article, in related_add order */
	double score;		/* similarity in (0, 1], after the time factor */
	long days_apart;	/* -1 when either article is undated */
	/* Why: the shared entities and shared words that weigh most in the
	 * score, strongest first. Strings are owned by the index and live until
	 * related_free. Entities are given by their archive-wide keys. */
	size_t nent;
	const char *shared_entities[RELATED_REASONS];
	int shared_entity_types[RELATED_REASONS];	/* ENTITY_* */
	size_t nterm;
	const char *shared_terms[RELATED_REASONS];	/* readable spellings */
};

/* An empty index. Never NULL (aborts on out-of-memory). */
struct related_index *related_new(void);

/* Adds the next article (numbered 0, 1, ... in call order). text[0..len) is
 * its plain text; ent_keys[i] (entity_key form), ent_types[i] (ENTITY_*) and
 * ent_counts[i] (mentions) describe its entities, as entity_tag gives them
 * (ent_types and ent_counts may be NULL: type ENTITY_NONE, one mention);
 * days is its date in days since 1970-01-01, or -1 when undated. Nothing of
 * the text is kept but word counts. Returns 0, or -1 after related_finish. */
int related_add(struct related_index *ix, const char *text, size_t len,
		const char *const *ent_keys, const int *ent_types,
		const int *ent_counts, size_t nent, long days);

/* Weighs every article against the whole archive, computes all related
 * lists and the story threads. Once only; related_add is refused after it. */
void related_finish(struct related_index *ix);

/* Number of articles added. */
size_t related_count(const struct related_index *ix);

/* Copies up to k (at most RELATED_MAX) articles related to doc into out,
 * with their reasons; returns how many. 0 before related_finish or for an
 * unknown doc. Order: the articles of doc's own thread first, then the
 * others; within each part by score, except that in archives of 50 or more
 * articles a hit close to everything (a hub) yields to a more specific one,
 * so scores need not decrease along the list. */
size_t related_top(const struct related_index *ix, size_t doc,
		   struct related_hit *out, size_t k);

/* Story threads: articles strongly related and close in time (both dated
 * and at most RELATED_THREAD_DAYS apart; an undated article joins only
 * through a strong mutual link). Every article is in exactly one thread;
 * an article with no such link is a thread of one. Threads are numbered
 * from 0 in the order of their first article. */
size_t related_thread_count(const struct related_index *ix);
size_t related_thread_of(const struct related_index *ix, size_t doc);
/* Stores up to max members of thread into out, dated ones first in date
 * order, undated last (in related_add order); returns the thread's size. */
size_t related_thread_members(const struct related_index *ix, size_t thread,
			      size_t *out, size_t max);

void related_free(struct related_index *ix);

/* What makes the ranking (its version and weights) as a string: part of
 * the index cache's stamp, so that cached lists another ranking made are
 * ranked again. Static. */
const char *related_stamp(void);

#endif
