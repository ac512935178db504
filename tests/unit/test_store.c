/* test_store.c: scanning a folder, sorting, filtering and grouping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "listing.h"
#include "store.h"
#include "text.h"
#include "t.h"
#include "query.h"
#include "buf.h"

static char dir[64];

static void make_archive(void)
{
	t_tmpdir(dir, sizeof dir, "store");
	t_write_file(dir, "a.md", "---\ntitle: Città di Pechino\ndate: 2023-09-14\nsource: Zeta\n---\n\nx\n");
	t_write_file(dir, "b.md", "---\ntitle: alpha news\ndate: 2025-09-03\nsource: ANSA\n---\n\nx\n");
	t_write_file(dir, "c.md", "---\ntitle: Undated story\ndate:\n---\n\nx\n");
	t_write_file(dir, "d.md", "---\ntitle: Month only\ndate: 2023-09\nsource: ansa\n---\n\nx\n");
	t_write_file(dir, "e.md", "---\ntitle: Same day\ndate: 2023-09-14\nsource: Beta\n---\n\nx\n");
	t_write_file(dir, "notes.txt", "not an article\n");
	t_write_file(dir, ".hidden.md", "---\ntitle: hidden\n---\n");
}

static void order(struct store *s, enum store_sort key, bool rev, char *out)
{
	size_t idx[16];
	for (size_t i = 0; i < s->n; i++)
		idx[i] = i;
	store_sort(s, idx, s->n, key, rev);
	for (size_t i = 0; i < s->n; i++)
		out[i] = s->art[idx[i]].id[0];
	out[s->n] = '\0';
}

TEST(scan)
{
	struct store s;
	struct diag d = DIAG_INIT;
	T_EQ_INT(store_open(&s, dir, &d), 0);
	T_EQ_INT(s.n, 5);
	T_EQ_INT(d.n, 0);
	T_EQ_INT(store_find(&s, "c"), 2);
	T_EQ_INT(store_find(&s, "zz"), -1);
	store_close(&s);
	diag_free(&d);
}

TEST(missing_dir)
{
	struct store s;
	struct diag d = DIAG_INIT;
	T_EQ_INT(store_open(&s, "/nonexistent/filo", &d), -1);
	T_EQ_INT(d.n, 1);
	T_OK(d.n && strstr(d.msg[0], "/nonexistent/filo: cannot open folder"));
	store_close(&s);
	diag_free(&d);
}

TEST(sorting)
{
	struct store s;
	store_open(&s, dir, NULL);
	char o[16];
	order(&s, STORE_SORT_DATE, false, o);
	T_EQ_STR(o, "baedc");	/* newest first, same day by title, undated last */
	order(&s, STORE_SORT_DATE, true, o);
	T_EQ_STR(o, "cdeab");
	order(&s, STORE_SORT_TITLE, false, o);
	T_EQ_STR(o, "badec");	/* accent- and case-insensitive */
	order(&s, STORE_SORT_SOURCE, false, o);
	T_EQ_STR(o, "bdeac");	/* ANSA = ansa, by date within; no source last */
	store_close(&s);
}

static size_t count_matches(struct store *s, const char *q)
{
	size_t n, c = 0;
	char *f = text_fold(q, strlen(q), &n, NULL);
	for (size_t i = 0; i < s->n; i++)
		c += store_match(s, i, f);
	free(f);
	return c;
}

TEST(filter)
{
	struct store s;
	store_open(&s, dir, NULL);
	T_EQ_INT(count_matches(&s, "CITTA"), 1);
	T_EQ_INT(count_matches(&s, "pechino città"), 1);
	T_EQ_INT(count_matches(&s, "ansa"), 2);	/* source too */
	T_EQ_INT(count_matches(&s, "ansa month"), 1);
	T_EQ_INT(count_matches(&s, "nothing-like-this"), 0);
	T_EQ_INT(count_matches(&s, ""), 5);
	/* the first order made packs the folds in its order; filters agree */
	char *before[16];
	for (size_t i = 0; i < s.n && i < 16; i++)
		before[i] = xstrdup(s.fold[i]);
	const size_t *ord = store_order(&s, STORE_SORT_TITLE);
	T_OK(s.fold_pack != NULL);
	for (size_t k = 1; k < s.n; k++)
		T_OK(s.fold[ord[k]] == s.fold[ord[k - 1]] + strlen(s.fold[ord[k - 1]]) + 1);
	for (size_t i = 0; i < s.n && i < 16; i++) {
		T_EQ_STR(s.fold[i], before[i]);
		free(before[i]);
	}
	T_EQ_INT(count_matches(&s, "CITTA"), 1);
	T_EQ_INT(count_matches(&s, "ansa"), 2);
	T_EQ_INT(count_matches(&s, ""), 5);
	store_close(&s);
}

TEST(grouping)
{
	struct store s;
	store_open(&s, dir, NULL);
	struct listing l = { 0 };
	struct listing_query q = { .sort = STORE_SORT_DATE, .group = LISTING_GROUP_DAY };
	listing_build(&l, &s, &q);
	T_EQ_INT(l.narticles, 5);
	T_EQ_INT(l.n, 9);	/* 4 days (one undated) + 5 articles */
	T_OK(l.rows[0].art < 0 && strcmp(l.rows[0].header, "2025-09-03") == 0);
	T_OK(l.rows[2].art < 0 && strcmp(l.rows[2].header, "2023-09-14") == 0);
	T_EQ_INT(l.rows[2].count, 2);
	T_EQ_STR(l.rows[l.n - 2].header, "Undated");
	q.group = LISTING_GROUP_SOURCE;
	listing_build(&l, &s, &q);
	T_EQ_STR(l.rows[0].header, "ANSA");
	T_EQ_INT(l.rows[0].count, 1);	/* group labels are the sources as written */
	long r = listing_find(&l, store_find(&s, "c"));
	T_OK(r > 0 && strcmp(l.rows[r - 1].header, "No source") == 0);
	size_t thread[5] = { 7, 3, 7, 3, 9 };	/* a c share one, b d another */
	q.group = LISTING_GROUP_THREAD;
	q.thread = thread;
	listing_build(&l, &s, &q);
	T_EQ_INT(l.n, 8);	/* 3 threads + 5 articles */
	T_EQ_STR(l.rows[0].header, "Story: alpha news");	/* newest first */
	T_EQ_INT(l.rows[0].count, 2);
	T_EQ_STR(s.art[l.rows[2].art].id, "d");
	T_EQ_STR(l.rows[3].header, "Story: Città di Pechino");
	listing_free(&l);
	store_close(&s);
}

TEST(columns)
{
	struct store s;
	store_open(&s, dir, NULL);
	struct listing_cols c;
	listing_columns(&s, 80, false, 10, &c);
	T_EQ_INT(c.mark + c.date + 1 + c.source + 2 + c.title, 80);
	listing_columns(&s, 80, true, 10, &c);
	T_EQ_INT(c.mark + c.date + 1 + c.source + 2 + c.count + c.title, 80);
	listing_columns(&s, 30, true, 10, &c);
	T_OK(c.title >= 8);
	store_close(&s);
	/* a long source: cut at 18 columns, whole on a wide screen */
	store_init(&s, dir);
	struct article a = { 0 };
	a.id = xstrdup("long");
	a.source = xstrdup("Rheinische Abendpost Köln");	/* 25 columns */
	store_add(&s, &a, xstrdup("long"));
	listing_columns(&s, 80, true, 10, &c);
	T_EQ_INT(c.source, LISTING_SOURCE);
	listing_columns(&s, 200, true, 10, &c);
	T_EQ_INT(c.source, 25);
	T_EQ_INT(c.mark + c.date + 1 + c.source + 2 + c.count + c.title, 200);
	store_close(&s);
}

TEST(dates)
{
	struct store s;
	store_open(&s, dir, NULL);
	char buf[64];
	const struct article *a = &s.art[store_find(&s, "a")];
	T_EQ_STR(listing_date(a, NULL, buf, sizeof buf), "2023-09-14");
	T_EQ_STR(listing_date(a, "%d/%m/%Y", buf, sizeof buf), "14/09/2023");
	T_EQ_STR(listing_date(a, "%a %d", buf, sizeof buf), "Thu 14");	/* weekday computed */
	const struct article *d = &s.art[store_find(&s, "d")];
	T_EQ_STR(listing_date(d, "%d/%m/%Y", buf, sizeof buf), "2023-09");	/* partial as written */
	T_EQ_INT(listing_date_width("%Y-%m-%d"), 11);	/* and a column for '~' */
	T_EQ_INT(listing_date_width("%d/%m"), 8);	/* never narrower than "2023-09" */
	store_close(&s);
}

TEST(presorted)
{
	struct store s;
	store_open(&s, dir, NULL);
	char o[16];
	const size_t *ord = store_order(&s, STORE_SORT_TITLE);
	for (size_t i = 0; i < s.n; i++)
		o[i] = s.art[ord[i]].id[0];
	o[s.n] = '\0';
	T_EQ_STR(o, "badec");
	T_OK(store_order(&s, STORE_SORT_TITLE) == ord);	/* computed once */
	/* a presorted listing equals a sorted one, reversed too */
	struct listing a = { 0 }, b = { 0 };
	struct listing_query q = { .sort = STORE_SORT_DATE, .reverse = true };
	listing_build(&a, &s, &q);
	q.order = store_order(&s, STORE_SORT_DATE);
	listing_build(&b, &s, &q);
	T_EQ_INT(a.n, b.n);
	for (size_t i = 0; i < a.n && i < b.n; i++)
		T_EQ_INT(a.rows[i].art, b.rows[i].art);
	/* reversed by date: oldest first, and the undated still last */
	for (size_t i = 0; i < a.n; i++)
		o[i] = s.art[a.rows[i].art].id[0];
	o[a.n] = '\0';
	T_EQ_STR(o, "deab" "c");
	/* narrowing within a previous result keeps its order */
	size_t within[3] = { b.rows[0].art, b.rows[1].art, b.rows[2].art };
	size_t n;
	char *f = text_fold("e", 1, &n, NULL);
	struct query *fq = query_parse("e", NULL);
	struct query_match *fm = query_match_new(fq, &s, NULL, NULL);
	q.match = fm;
	q.within = within;
	q.nwithin = 3;
	listing_build(&b, &s, &q);
	T_OK(b.narticles <= 3);
	for (size_t i = 0; i < b.n; i++) {
		T_OK(b.rows[i].art == (long)within[0] || b.rows[i].art == (long)within[1] ||
		     b.rows[i].art == (long)within[2]);
		T_OK(store_match(&s, (size_t)b.rows[i].art, f));
	}
	free(f);
	query_match_free(fm);
	query_free(fq);
	listing_free(&a);
	listing_free(&b);
	store_close(&s);
}

static void cleanup(void)
{
	if (t_remove_tree(dir) != 0)
		fprintf(stderr, "cleanup failed\n");
}

/* Ids whose file names sort the other way ("a-b.md" < "a.md" but "a" <
 * "a-b"): the store is in id order all the same, so store_find finds
 * both (it missed "a-b" when the scan kept file name order). */
TEST(id_order)
{
	char saved[sizeof dir];
	strcpy(saved, dir);
	strcpy(dir, "/tmp/filo-store-XXXXXX");
	T_OK(mkdtemp(dir) != NULL);
	t_write_file(dir, "a.md", "---\ntitle: A\n---\n");
	t_write_file(dir, "a-b.md", "---\ntitle: A-B\n---\n");
	t_write_file(dir, "a.b.md", "---\ntitle: A.B\n---\n");
	struct store s;
	T_EQ_INT(store_open(&s, dir, NULL), 0);
	T_EQ_INT(s.n, 3);
	T_EQ_STR(s.art[0].id, "a");
	T_EQ_STR(s.art[1].id, "a-b");
	T_EQ_STR(s.art[2].id, "a.b");
	T_EQ_INT(store_find(&s, "a"), 0);
	T_EQ_INT(store_find(&s, "a-b"), 1);
	T_EQ_INT(store_find(&s, "a.b"), 2);
	store_close(&s);
	cleanup();
	strcpy(dir, saved);
}

T_MAIN(make_archive(); RUN(scan); RUN(missing_dir); RUN(sorting); RUN(filter);
       RUN(grouping); RUN(columns); RUN(dates); RUN(presorted);
       RUN(id_order); cleanup())
