/* view_entity.c: the menus about entities and threads: an article's
 * entities (e), the archive's entity index (E), the articles that mention
 * one entity, and the timeline of a story thread (t). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app.h"
#include "menu.h"

static const enum theme_element type_el[ENTITY_NTYPES] = {
	THEME_NORMAL, THEME_ENTITY_PER, THEME_ENTITY_LOC, THEME_ENTITY_ORG,
	THEME_ENTITY_MISC };
static const char *const type_heading[ENTITY_NTYPES] = {
	"Other", "People", "Places", "Organisations", "Events and other names" };

static struct menu_row *add(struct menu_row **rows, size_t *n, size_t *cap)
{
	*rows = xgrow(*rows, cap, *n + 1, sizeof **rows);
	struct menu_row *r = &(*rows)[(*n)++];
	memset(r, 0, sizeof *r);
	for (int c = 0; c < MENU_COLS; c++)
		r->el[c] = THEME_LIST_ROW;
	return r;
}

static void open_mentions(struct app *app, long e)
{
	ui_push(view_mentions_new(app, (size_t)e));
}

static void open_article(struct app *app, long art)
{
	ui_push(view_article_new(app, (size_t)art));
}

static long find_entity(struct app *app, const char *key)
{
	return archive_entity_find(app->ses.arc, key);
}

static long find_article(struct app *app, const char *id)
{
	return store_find(app->ses.store, id);
}

/* Article rows: date, source, title, and an extra cell. */
static void add_article_row(struct menu_row **rows, size_t *n, size_t *cap,
			    const struct app *app, size_t art, char *extra)
{
	const struct article *a = &app->ses.store->art[art];
	struct menu_row *r = add(rows, n, cap);
	r->cells[0] = xstrdup(*a->date ? a->date : LISTING_UNDATED);
	r->el[0] = THEME_LIST_DATE;
	r->cells[1] = extra;
	r->el[1] = THEME_LIST_COUNT;
	r->cells[2] = xstrdup(a->title);
	r->target = (long)art;
	r->key = xstrdup(a->id);
}

struct view *view_entities_new(struct app *app, size_t art)
{
	struct menu_row *rows = NULL;
	size_t n = 0, cap = 0;
	const struct archive *arc = app->ses.arc;
	for (int t = ENTITY_PER; t < ENTITY_NTYPES; t++) {
		size_t head = n, count = 0;
		add(&rows, &n, &cap)->target = -1;
		for (size_t k = 0; k < arc->doc_nent[art]; k++) {
			const struct archive_doc_entity *de = &arc->doc_ent[art][k];
			const struct archive_entity *e = &arc->ent[de->entity];
			if (e->type != t)
				continue;
			struct menu_row *r = add(&rows, &n, &cap);
			r->cells[0] = xstrdup(archive_doc_entity_name(arc, de));
			r->el[0] = type_el[t];
			r->cells[1] = xasprintf("×%d", de->count);
			r->cells[2] = xasprintf("%zu article%s", e->ndocs, e->ndocs == 1 ? "" : "s");
			r->target = (long)de->entity;
			r->key = xstrdup(arc->keys.str[de->entity]);
			count++;
		}
		if (!count) {
			n = head;	/* no empty headings */
			continue;
		}
		/* the heading in the type's own style: the view's legend */
		rows[head].cells[0] = xasprintf("%s (%zu)", type_heading[t], count);
		rows[head].el[0] = type_el[t];
	}
	struct menu_spec spec = {
		.name = "entities", .keys = VIEW_ENTITIES,
		.title = xasprintf("Entities in: %s", app->ses.store->art[art].title),
		.empty = "No entities found in this article",
		.width = { 32, 6, 0, 0 }, .open = open_mentions, .find = find_entity };
	struct view *v = view_menu_new(app, &spec, rows, n, -1);
	free(spec.title);
	return v;
}

/* What the index is sorted by, copied beside each entity's index so that
 * qsort's comparison needs no pointer to the archive. */
struct index_key {
	size_t ndocs, mentions;
	const char *name;
	size_t entity;
};

/* Most articles first, then most mentions, then by name; entities that
 * tie on all three (one name, two types) keep the archive's order. */
static int cmp_index(const void *pa, const void *pb)
{
	const struct index_key *x = pa, *y = pb;
	if (x->ndocs != y->ndocs)
		return x->ndocs > y->ndocs ? -1 : 1;
	if (x->mentions != y->mentions)
		return x->mentions > y->mentions ? -1 : 1;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->entity > y->entity) - (x->entity < y->entity);
}

/* Appends "; also US, Stati Uniti": the spellings other than the name. */
static void add_other_spellings(struct buf *b, const struct archive_entity *e)
{
	const char *sep = "; also ";
	for (size_t k = 0; k < archive_entity_nspell(e); k++) {
		const char *t = archive_entity_spelling(e, k)->text;
		if (t != e->name) {
			buf_addf(b, "%s%s", sep, t);
			sep = ", ";
		}
	}
}

/* "3 articles, 5 mentions; also US, Stati Uniti". */
static char *index_counts(const struct archive_entity *e)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%zu article%s, %zu mention%s", e->ndocs,
		 e->ndocs == 1 ? "" : "s", e->mentions, e->mentions == 1 ? "" : "s");
	add_other_spellings(&b, e);
	return buf_detach(&b, NULL);
}

struct view *view_index_new(struct app *app)
{
	const struct archive *arc = app->ses.arc;
	struct index_key *order = xcalloc(arc->nent + 1, sizeof *order);
	for (size_t i = 0; i < arc->nent; i++)
		order[i] = (struct index_key){ arc->ent[i].ndocs, arc->ent[i].mentions,
					       arc->ent[i].name, i };
	qsort(order, arc->nent, sizeof *order, cmp_index);
	struct menu_row *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < arc->nent; k++) {
		const struct archive_entity *e = &arc->ent[order[k].entity];
		struct menu_row *r = add(&rows, &n, &cap);
		r->cells[0] = xstrdup(entity_type_name(e->type));
		r->el[0] = type_el[e->type < ENTITY_NTYPES ? e->type : 0];
		r->cells[1] = xstrdup(e->name);
		r->el[1] = r->el[0];
		r->cells[2] = index_counts(e);
		r->target = (long)order[k].entity;
		r->key = xstrdup(arc->keys.str[order[k].entity]);
	}
	free(order);
	struct menu_spec spec = {
		.name = "index", .keys = VIEW_INDEX,
		.title = xasprintf("All entities (%zu) - / filters, Enter lists their articles", arc->nent),
		.empty = "No entities in this archive",
		.width = { 4, 32, 0, 0 }, .open = open_mentions, .find = find_entity };
	struct view *v = view_menu_new(app, &spec, rows, n, -1);
	free(spec.title);
	return v;
}

/* "United States (LOC): 2 articles; also Stati Uniti". */
static char *mentions_title(const struct archive_entity *e, size_t nd)
{
	struct buf b = BUF_INIT;
	buf_addf(&b, "%s (%s): %zu article%s", e->name, entity_type_name(e->type),
		 nd, nd == 1 ? "" : "s");
	add_other_spellings(&b, e);
	return buf_detach(&b, NULL);
}

struct view *view_mentions_new(struct app *app, size_t entity)
{
	size_t *docs;
	int *counts;
	size_t nd = archive_mentions(app->ses.arc, entity, &docs, &counts);
	struct menu_row *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < nd; k++)
		add_article_row(&rows, &n, &cap, app, docs[k], xasprintf("×%d", counts[k]));
	const struct archive_entity *e = &app->ses.arc->ent[entity];
	struct menu_spec spec = {
		.name = "mentions", .keys = VIEW_MENTIONS,
		.title = mentions_title(e, nd),
		.empty = "No article mentions it",
		.width = { 10, 5, 0, 0 }, .open = open_article, .find = find_article };
	struct view *v = view_menu_new(app, &spec, rows, n, -1);
	free(spec.title);
	free(docs);
	free(counts);
	return v;
}

struct view *view_thread_new(struct app *app, size_t art)
{
	const struct archive *arc = app->ses.arc;
	size_t t = archive_thread_of(arc, art);
	size_t *m = xcalloc(app->ses.store->n + 1, sizeof *m);
	size_t nm = archive_thread_members(arc, t, m, app->ses.store->n);
	struct menu_row *rows = NULL;
	size_t n = 0, cap = 0;
	for (size_t k = 0; k < nm; k++)
		add_article_row(&rows, &n, &cap, app, m[k],
				xstrdup(m[k] == art ? "▶" : k + 1 < nm ? "│" : "╵"));
	struct menu_spec spec = {
		.name = "thread", .keys = VIEW_THREAD,
		.title = xasprintf("Story thread: %zu article%s", nm, nm == 1 ? "" : "s"),
		.empty = "",
		.width = { 10, 2, 0, 0 }, .open = open_article, .find = find_article };
	struct view *v = view_menu_new(app, &spec, rows, n, (long)art);
	free(spec.title);
	free(m);
	return v;
}
