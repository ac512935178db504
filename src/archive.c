/* archive.c: the analysis of a whole archive: entities and related stories. */
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include "archive.h"
#include "buf.h"
#include "lexicon.h"

static void tag_plain(const struct archive *a, struct render_doc *doc,
		      struct entity_doc *ents)
{
	size_t len;
	const char *plain = render_plain_text(doc, &len);
	entity_tag(a->db, plain, len, ents);
	struct render_mention *m = xcalloc(ents->nm, sizeof *m);
	for (size_t i = 0; i < ents->nm; i++)
		m[i] = (struct render_mention){ ents->m[i].off, ents->m[i].len,
			(uint8_t)ents->m[i].type, ents->m[i].entity };
	render_add_mentions(doc, m, ents->nm);
	free(m);
}

struct render_doc *archive_render(const struct archive *a,
				  const struct article *art,
				  struct entity_doc *ents)
{
	char date[64];
	struct render_doc *doc = render_blocks(art->body ? art->body : "",
					       art->body_len, art->title,
					       article_date_label(art, date, sizeof date),
					       art->source);
	struct entity_doc local = { 0 };
	tag_plain(a, doc, ents ? ents : &local);
	entity_doc_free(&local);
	return doc;
}

static size_t intern_entity(struct archive *a, const struct entity_ref *r)
{
	size_t id = strmap_intern(&a->keys, r->key, strlen(r->key));
	if (id == a->nent) {
		a->ent = xgrow(a->ent, &a->entcap, a->nent + 1, sizeof *a->ent);
		a->ent[a->nent++] = (struct archive_entity){ xstrdup(r->name), r->type, 0, 0 };
	}
	return id;
}

static int cmp_doc_ent(const void *pa, const void *pb)
{
	const struct archive_doc_entity *x = pa, *y = pb;
	return (y->count > x->count) - (y->count < x->count);
}

void archive_analyse(const struct archive *a, const struct article *art,
		     struct archive_doc *out)
{
	memset(out, 0, sizeof *out);
	out->doc = render_blocks(art->body ? art->body : "", art->body_len,
				 NULL, NULL, NULL);
	tag_plain(a, out->doc, &out->ents);
	out->plain = render_plain_text(out->doc, &out->plain_len);
}

void archive_doc_free(struct archive_doc *ad)
{
	entity_doc_free(&ad->ents);
	render_free(ad->doc);
	memset(ad, 0, sizeof *ad);
}

/* Room for n entities of one article, from the current chunk: one
 * allocation per article made a reader's start slow. */
static struct archive_doc_entity *archive_alloc_doc(struct archive *a, size_t n)
{
	enum { CHUNK = 65536 };
	if (n == 0)
		return NULL;
	if (n > a->chunk_left) {
		size_t size = n > CHUNK ? n : CHUNK;
		a->chunk = xgrow(a->chunk, &a->chunkcap, a->nchunk + 1, sizeof *a->chunk);
		a->chunk[a->nchunk++] = a->chunk_next = xmalloc(size * sizeof **a->chunk);
		a->chunk_left = size;
	}
	struct archive_doc_entity *p = a->chunk_next;
	a->chunk_next += n;
	a->chunk_left -= n;
	return p;
}

void archive_add_entities(struct archive *a, size_t i,
			  const struct entity_ref *ents, size_t n)
{
	a->doc_ent[i] = archive_alloc_doc(a, n);
	a->doc_nent[i] = n;
	for (size_t k = 0; k < n; k++) {
		size_t id = intern_entity(a, &ents[k]);
		a->ent[id].ndocs++;
		a->ent[id].mentions += (size_t)ents[k].count;
		a->doc_ent[i][k] = (struct archive_doc_entity){ (uint32_t)id, ents[k].count };
	}
	if (n > 1)
		qsort(a->doc_ent[i], n, sizeof **a->doc_ent, cmp_doc_ent);
}

void archive_related_add(struct related_index *rel, const char *plain,
			 size_t len, const struct entity_ref *ents, size_t n,
			 long days)
{
	const char **keys = xcalloc(n, sizeof *keys);
	int *types = xcalloc(n, sizeof *types);
	int *counts = xcalloc(n, sizeof *counts);
	for (size_t k = 0; k < n; k++) {
		keys[k] = ents[k].key;
		types[k] = ents[k].type;
		counts[k] = ents[k].count;
	}
	related_add(rel, plain, len, keys, types, counts, n, days);
	free(keys);
	free(types);
	free(counts);
}

void archive_init(struct archive *a, const struct store *s, struct diag *d)
{
	memset(a, 0, sizeof *a);
	a->store = s;
	a->db = entity_db_new();
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/entities", s->dir);
	entity_db_load_user(a->db, path.data, d);
	buf_free(&path);
	a->doc_ent = xcalloc(s->n ? s->n : 1, sizeof *a->doc_ent);
	a->doc_nent = xcalloc(s->n ? s->n : 1, sizeof *a->doc_nent);
}

char *archive_stamp(void)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "filo %s; analysis %d; lexicons %s; %s", FILO_VERSION,
		 ARCHIVE_ANALYSIS_VERSION, lexicon_hash, related_stamp());
	return buf_detach(&b, NULL);
}

int archive_build(struct archive *a, const struct store *s, struct diag *d)
{
	archive_init(a, s, d);
	a->rel = related_new();
	for (size_t i = 0; i < s->n; i++) {
		struct article art;
		if (store_load_body(s, i, &art, NULL) != 0) {
			/* vanished since the scan: an empty article keeps numbering */
			related_add(a->rel, "", 0, NULL, NULL, NULL, 0, -1);
			continue;
		}
		struct archive_doc ad;
		archive_analyse(a, &art, &ad);
		archive_add_entities(a, i, ad.ents.ent, ad.ents.nent);
		archive_related_add(a->rel, ad.plain, ad.plain_len, ad.ents.ent,
				    ad.ents.nent, article_days(&art));
		archive_doc_free(&ad);
		article_free(&art);
	}
	related_finish(a->rel);
	return 0;
}

void archive_free(struct archive *a)
{
	if (a->db)
		entity_db_free(a->db);
	if (a->rel)
		related_free(a->rel);
	for (size_t i = 0; i < a->nent; i++)
		free(a->ent[i].name);
	free(a->ent);
	for (size_t i = 0; i < a->nchunk; i++)
		free(a->chunk[i]);
	free(a->chunk);
	free(a->doc_ent);
	free(a->doc_nent);
	free(a->thread_of);
	free(a->tstart);
	free(a->tmember);
	strmap_free(&a->keys);
	memset(a, 0, sizeof *a);
}

long archive_entity_find(const struct archive *a, const char *key)
{
	size_t id = strmap_find(&a->keys, key, strlen(key));
	return id == (size_t)-1 ? -1 : (long)id;
}

struct mention_rec {
	size_t doc;
	int count;
	const struct store *s;
};

static int cmp_mention(const void *pa, const void *pb)
{
	const struct mention_rec *x = pa, *y = pb;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return -strcmp(x->s->art[x->doc].date, y->s->art[y->doc].date);
}

size_t archive_mentions(const struct archive *a, size_t e, size_t **docs,
			int **counts)
{
	struct mention_rec *r = xcalloc(a->ent[e].ndocs, sizeof *r);
	size_t n = 0;
	for (size_t i = 0; i < a->store->n && n < a->ent[e].ndocs; i++)
		for (size_t k = 0; k < a->doc_nent[i]; k++)
			if (a->doc_ent[i][k].entity == e)
				r[n++] = (struct mention_rec){ i, a->doc_ent[i][k].count, a->store };
	qsort(r, n, sizeof *r, cmp_mention);
	*docs = xcalloc(n, sizeof **docs);
	if (counts)
		*counts = xcalloc(n, sizeof **counts);
	for (size_t k = 0; k < n; k++) {
		(*docs)[k] = r[k].doc;
		if (counts)
			(*counts)[k] = r[k].count;
	}
	free(r);
	return n;
}

/* ---- threads from the cache, related stories from either source ---- */

struct member_rec {
	long day;	/* LONG_MAX when undated, so undated sort last */
	uint32_t doc;
};

static int cmp_member(const void *pa, const void *pb)
{
	const struct member_rec *x = pa, *y = pb;
	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return (x->doc > y->doc) - (x->doc < y->doc);
}

static void archive_sort_members(const struct archive *a, uint32_t *m, size_t n)
{
	if (n < 2)
		return;
	struct member_rec *r = xmalloc(n * sizeof *r);
	for (size_t i = 0; i < n; i++) {
		long day = article_days(&a->store->art[m[i]]);
		r[i] = (struct member_rec){ day < 0 ? LONG_MAX : day, m[i] };
	}
	qsort(r, n, sizeof *r, cmp_member);
	for (size_t i = 0; i < n; i++)
		m[i] = r[i].doc;
	free(r);
}

void archive_set_threads(struct archive *a, const uint32_t *thread_of,
			 size_t nthreads)
{
	size_t n = a->store->n;
	free(a->thread_of);
	free(a->tstart);
	free(a->tmember);
	a->nthreads = nthreads;
	a->thread_of = xmalloc((n ? n : 1) * sizeof *a->thread_of);
	a->tstart = xcalloc(nthreads + 2, sizeof *a->tstart);
	a->tmember = xmalloc((n ? n : 1) * sizeof *a->tmember);
	for (size_t i = 0; i < n; i++) {
		a->thread_of[i] = thread_of[i] < nthreads ? thread_of[i] : 0;
		a->tstart[a->thread_of[i] + 2]++;
	}
	for (size_t t = 2; t < nthreads + 2; t++)
		a->tstart[t] += a->tstart[t - 1];
	/* counting sort by thread; within one, by date then article order,
	 * as related_thread_members gives them */
	for (size_t i = 0; i < n; i++)
		a->tmember[a->tstart[a->thread_of[i] + 1]++] = (uint32_t)i;
	for (size_t t = 0; t < nthreads; t++)
		archive_sort_members(a, a->tmember + a->tstart[t],
				     a->tstart[t + 1] - a->tstart[t]);
}

size_t archive_related(const struct archive *a, size_t doc,
		       struct related_hit *out, size_t k)
{
	if (a->rel)
		return related_top(a->rel, doc, out, k);
	if (a->related_from)
		return a->related_from(a->related_ctx, doc, out, k);
	return 0;
}

size_t archive_thread_count(const struct archive *a)
{
	return a->rel ? related_thread_count(a->rel) : a->nthreads;
}

size_t archive_thread_of(const struct archive *a, size_t doc)
{
	if (a->rel)
		return related_thread_of(a->rel, doc);
	return a->thread_of && doc < a->store->n ? a->thread_of[doc] : (size_t)-1;
}

size_t archive_thread_members(const struct archive *a, size_t thread,
			      size_t *out, size_t max)
{
	if (a->rel)
		return related_thread_members(a->rel, thread, out, max);
	if (!a->tstart || thread >= a->nthreads)
		return 0;
	size_t s = a->tstart[thread], n = a->tstart[thread + 1] - s;
	for (size_t i = 0; i < n && i < max; i++)
		out[i] = a->tmember[s + i];
	return n;
}
