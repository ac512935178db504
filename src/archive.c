/* archive.c: the analysis of a whole archive: entities and related stories. */
#include <stdlib.h>
#include <string.h>
#include "archive.h"
#include "buf.h"

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
	struct render_doc *doc = render_blocks(art->body ? art->body : "",
					       art->body_len, art->title,
					       art->date, art->source);
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

/* Records the entities of article i and feeds it to the related index. */
static void add_article(struct archive *a, size_t i, const struct article *art)
{
	struct render_doc *doc = render_blocks(art->body, art->body_len, NULL, NULL, NULL);
	struct entity_doc ents = { 0 };
	tag_plain(a, doc, &ents);
	const char **keys = xcalloc(ents.nent, sizeof *keys);
	int *types = xcalloc(ents.nent, sizeof *types);
	int *counts = xcalloc(ents.nent, sizeof *counts);
	a->doc_ent[i] = xcalloc(ents.nent, sizeof **a->doc_ent);
	a->doc_nent[i] = ents.nent;
	for (size_t k = 0; k < ents.nent; k++) {
		const struct entity_ref *r = &ents.ent[k];
		size_t id = intern_entity(a, r);
		a->ent[id].ndocs++;
		a->ent[id].mentions += (size_t)r->count;
		a->doc_ent[i][k] = (struct archive_doc_entity){ id, r->count };
		keys[k] = r->key;
		types[k] = r->type;
		counts[k] = r->count;
	}
	qsort(a->doc_ent[i], ents.nent, sizeof **a->doc_ent, cmp_doc_ent);
	size_t len;
	const char *plain = render_plain_text(doc, &len);
	related_add(a->rel, plain, len, keys, types, counts, ents.nent, article_days(art));
	free(keys);
	free(types);
	free(counts);
	entity_doc_free(&ents);
	render_free(doc);
}

int archive_build(struct archive *a, const struct store *s, struct diag *d,
		  archive_progress *progress, void *ctx)
{
	memset(a, 0, sizeof *a);
	a->store = s;
	a->db = entity_db_new();
	struct buf path = BUF_INIT;
	buf_addf(&path, "%s/entities", s->dir);
	entity_db_load_user(a->db, path.data, d);
	buf_free(&path);
	a->rel = related_new();
	a->doc_ent = xcalloc(s->n, sizeof *a->doc_ent);
	a->doc_nent = xcalloc(s->n, sizeof *a->doc_nent);
	for (size_t i = 0; i < s->n; i++) {
		struct article art;
		if (store_load_body(s, i, &art, NULL) != 0) {
			/* vanished since the scan: an empty article keeps numbering */
			related_add(a->rel, "", 0, NULL, NULL, NULL, 0, -1);
			continue;
		}
		add_article(a, i, &art);
		article_free(&art);
		if (progress)
			progress(ctx, i + 1, s->n);
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
	if (a->doc_ent)
		for (size_t i = 0; i < a->store->n; i++)
			free(a->doc_ent[i]);
	free(a->doc_ent);
	free(a->doc_nent);
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
