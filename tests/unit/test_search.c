/* test_search.c: the FTS5 expression of a query, and searches on a small
 * folder: accents, case, word boundaries, phrases, prefixes, exclusions,
 * filters, order, snippets and match offsets, other forms of words
 * (stems) in Italian and English with the words as written first. The
 * parser's own tests are test_query.c. */
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "t.h"
#include "buf.h"
#include "cache.h"
#include "search.h"

static struct query *parse(const char *q, size_t *nmsg)
{
	struct diag d = DIAG_INIT;
	struct query *sq = query_parse(q, &d);
	*nmsg = d.n;
	diag_free(&d);
	return sq;
}

TEST(fts_expression)
{
	size_t nm;
	struct query *q = parse("a \"b c\" -d entity:Putin type:loc -\"e\"\"f\"", &nm);
	char *e = search_fts_expr(q);
	/* -"e""f": the dash excludes the first phrase only */
	T_EQ_STR(e, "({title body} : \"a\" AND {title body} : \"b c\" AND "
		 "ents : \"putin\" AND etypes : \"LOC\" AND {title body} : \"f\") "
		 "NOT ({title body} : \"d\" OR {title body} : \"e\")");
	free(e);
	query_free(q);
	/* only exclusions, only punctuation, only SQL filters: no expression */
	static const char *const none[] = { "-a", "— …", "source:x date:2020" };
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		q = parse(none[i], &nm);
		e = search_fts_expr(q);
		T_CHECK(e == NULL, "%s: %s", none[i], e);
		free(e);
		query_free(q);
	}
	q = parse("say \"no\"\"thing\"", &nm);
	e = search_fts_expr(q);
	T_OK(e && strstr(e, "\"no\"") && strstr(e, "\"thing\""));
	free(e);
	query_free(q);
}

/* ---- searching a folder ---- */

static char root[64], dir[128];

static void write_article(const char *id, const char *title, const char *date,
			  const char *source, const char *body)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s.md", dir, id);
	FILE *f = fopen(path, "w");
	fprintf(f, "---\ntitle: %s\ndate: %s\nsource: %s\n---\n\n%s\n", title, date,
		source, body);
	fclose(f);
}

static struct cache *cache;
static struct store store;
static struct archive arc;

static void make_folder(void)
{
	t_archive_dir(root, sizeof root, dir, sizeof dir, "search");
	write_article("s1", "Il vertice", "2023-09-05", "Corriere Adriatico",
		      "Giulia Ferretti arriva a Roma per il vertice.\n\n"
		      "La città di Roma ospita il vertice. Il sindaco parla della *città*.");
	write_article("s2", "La delegazione", "2023-10-02", "Global Wire",
		      "PECHINO — La delegazione del governo è arrivata ieri sera.");
	write_article("s3", "Textiles", "2022-01-15", "Evening Ledger",
		      "The reporter skimmed the files about the kimono trade in Kyoto.");
	write_article("s4", "A visit", "2023-09-28", "Global Wire",
		      "Kim Jong Un visited the port of Wonsan. Kim spoke to workers.");
	write_article("s5", "Fine del vertice", "2021-05-01", "Corriere Adriatico",
		      "Il vertice di Roma si chiude senza accordo. Pechino osserva.");
	write_article("s6", "Asia", "2020-03-03", "Far East Test",
		      "北京是中国的首都。東京も大きい。서울에서 회의가 열렸다.");
	struct diag d = DIAG_INIT;
	cache_open(&cache, dir, &d);
	T_EQ_INT(cache_refresh(cache, &store, &arc, NULL, NULL, NULL, &d), 1);
	T_EQ_INT(store.n, 6);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* The ids found, sorted, as "s1 s5". */
static char *found(const char *query, enum search_order order, size_t limit,
		   struct search_results *keep)
{
	struct diag d = DIAG_INIT;
	struct query *q = query_parse(query, &d);
	struct search_results r;
	T_EQ_INT(search_run(cache, q, NULL, order, limit, &r, &d), 0);
	T_CHECK(d.n == 0, "%s: %s", query, d.n ? d.msg[0] : "");
	struct buf b = BUF_INIT;
	for (char id = '1'; id <= '9'; id++)
		for (size_t i = 0; i < r.n; i++)
			if (r.hit[i].id[1] == id)
				buf_addf(&b, "%s%s", b.len ? " " : "", r.hit[i].id);
	if (keep)
		*keep = r;
	else
		search_results_free(&r);
	query_free(q);
	diag_free(&d);
	return buf_detach(&b, NULL);
}

#define T_FOUND(query, expect) do { char *t_f = found(query, SEARCH_BY_RANK, 50, NULL); \
	T_CHECK(strcmp(t_f, expect) == 0, "%s: \"%s\" != \"%s\"", query, t_f, expect); \
	free(t_f); } while (0)

TEST(search_matching)
{
	T_FOUND("citta", "s1");
	T_FOUND("CITTÀ", "s1");
	T_FOUND("PECHINO", "s2 s5");
	T_FOUND("pechino", "s2 s5");
	/* whole words only */
	T_FOUND("kim", "s4");
	T_FOUND("kimono", "s3");
	T_FOUND("kimo", "");
	T_FOUND("skim", "s3");		/* another form: skimmed (English) */
	T_FOUND("\"skim\"", "");	/* a phrase is as written */
	T_FOUND("vertice roma", "s1 s5");
	T_FOUND("\"la città di roma\"", "s1");
	T_FOUND("\"roma la città\"", "");
	T_FOUND("vertice -accordo", "s1");
	T_FOUND("vertice -\"senza accordo\"", "s1");
	T_FOUND("-vertice", "s2 s3 s4 s6");
	T_FOUND("", "");
	T_FOUND("delegazione", "s2");	/* also a title word */
	/* words inside runs of CJK characters, written without spaces */
	T_FOUND("北京", "s6");
	T_FOUND("中国", "s6");
	T_FOUND("東京", "s6");
	T_FOUND("서울", "s6");
	T_FOUND("首都北京", "");
	T_FOUND("\"中国 首都\"", "");
}

TEST(search_filters)
{
	T_FOUND("source:corriere", "s1 s5");
	T_FOUND("source:\"global wire\"", "s2 s4");
	T_FOUND("vertice source:corriere -source:nothing", "s1 s5");
	T_FOUND("-source:corriere", "s2 s3 s4 s6");
	T_FOUND("source:corriere source:ledger", "s1 s3 s5");
	T_FOUND("date:2023-09", "s1 s4");
	T_FOUND("date:2023-09-01..2023-09-30", "s1 s4");
	T_FOUND("date:..2022-12", "s3 s5 s6");
	T_FOUND("date:2023-10..", "s2");
	T_FOUND("date:2023 -date:2023-10", "s1 s4");
	T_FOUND("roma date:2023", "s1");
}

/* entity: and type: agree with the archive's own entity tables. */
static char *expected_with_entity(bool (*pred)(const struct archive_entity *, const void *),
				  const void *arg)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < store.n; i++) {
		bool hit = false;
		for (size_t k = 0; k < arc.doc_nent[i]; k++)
			hit |= pred(&arc.ent[arc.doc_ent[i][k].entity], arg);
		if (hit)
			buf_addf(&b, "%s%s", b.len ? " " : "", store.art[i].id);
	}
	return buf_detach(&b, NULL);
}

static bool name_has(const struct archive_entity *e, const void *word)
{
	return strstr(e->name, word) != NULL;
}

static bool type_is(const struct archive_entity *e, const void *type)
{
	return e->type == *(const int *)type;
}

TEST(search_entities)
{
	char *want = expected_with_entity(name_has, "Ferretti");
	T_OK(strcmp(want, "s1") == 0);
	T_FOUND("entity:ferretti", want);
	T_FOUND("entity:\"GIULIA FERRETTI\"", want);
	T_FOUND("entity:giulia", want);
	T_FOUND("entity:\"ferretti giulia\"", "");
	free(want);
	int per = ENTITY_PER, loc = ENTITY_LOC;
	want = expected_with_entity(type_is, &per);
	T_OK(strlen(want) > 0);
	T_FOUND("type:PER", want);
	free(want);
	want = expected_with_entity(type_is, &loc);
	T_OK(strlen(want) > 0);
	T_FOUND("type:loc", want);
	free(want);
}

TEST(search_results_detail)
{
	struct search_results r;
	char *ids = found("citta", SEARCH_BY_RANK, 50, &r);
	T_EQ_STR(ids, "s1");
	free(ids);
	T_EQ_INT(r.n, 1);
	const struct search_hit *h = &r.hit[0];
	T_EQ_STR(h->title, "Il vertice");
	T_EQ_STR(h->date, "2023-09-05");
	T_EQ_INT(h->art, store_find(&store, "s1"));
	T_OK(h->score > 0);
	T_EQ_INT(h->nhl, 2);
	for (size_t i = 0; i < h->nhl; i++)
		T_EQ_MEM(h->snippet + h->hl[i].off, h->hl[i].len, "città");
	T_OK(strchr(h->snippet, '\n') == NULL);
	/* the offset is in the plain text the reader renders */
	struct article a;
	T_EQ_INT(store_load_body(&store, (size_t)h->art, &a, NULL), 0);
	struct render_doc *doc = render_blocks(a.body, a.body_len, NULL, NULL, NULL);
	size_t len;
	const char *plain = render_plain_text(doc, &len);
	T_OK(h->match_off < len);
	T_OK(strncmp(plain + h->match_off, "città di Roma", 13) == 0);
	render_free(doc);
	article_free(&a);
	search_results_free(&r);
	/* a snippet across two paragraphs joins them with one space */
	ids = found("vertice ospita", SEARCH_BY_RANK, 5, &r);
	T_OK(r.n == 1 && strstr(r.hit[0].snippet, "vertice. La città") != NULL);
	T_OK(r.n == 1 && strstr(r.hit[0].snippet, "  ") == NULL);
	free(ids);
	search_results_free(&r);
	/* by date, newest first; limit keeps the total */
	ids = found("vertice", SEARCH_BY_DATE, 1, &r);
	T_EQ_INT(r.n, 1);
	T_EQ_INT(r.total, 2);
	T_EQ_STR(r.hit[0].id, "s1");
	free(ids);
	search_results_free(&r);
	ids = found("vertice", SEARCH_BY_DATE, 5, &r);
	T_EQ_INT(r.n, 2);
	T_OK(r.n == 2 && strcmp(r.hit[0].date, r.hit[1].date) > 0);
	T_OK(r.n == 2 && r.hit[0].score > 0 && r.hit[1].score > 0);	/* ranked too */
	free(ids);
	search_results_free(&r);
	/* CJK: the offset and the highlight fall on the word */
	ids = found("中国", SEARCH_BY_RANK, 5, &r);
	T_EQ_STR(ids, "s6");
	T_OK(r.n == 1 && r.hit[0].match_off == strlen("北京是"));
	T_OK(r.n == 1 && r.hit[0].nhl >= 1 &&
	     strncmp(r.hit[0].snippet + r.hit[0].hl[0].off, "中", 3) == 0);
	free(ids);
	search_results_free(&r);
	/* overlapping matches are one highlight (they were nested markers:
	 * two spans of "Jong") */
	ids = found("jong \"kim jong\"", SEARCH_BY_RANK, 5, &r);
	T_EQ_STR(ids, "s4");
	T_OK(r.n == 1 && r.hit[0].nhl == 1 &&
	     strncmp(r.hit[0].snippet + r.hit[0].hl[0].off, "Kim Jong", 8) == 0 &&
	     r.hit[0].hl[0].len == 8);
	free(ids);
	search_results_free(&r);
	/* a filter-only search has no score and no match offset */
	ids = found("source:ledger", SEARCH_BY_RANK, 5, &r);
	T_EQ_STR(ids, "s3");
	T_OK(r.n == 1 && r.hit[0].score == 0 && r.hit[0].match_off == (size_t)-1);
	T_OK(r.n == 1 && strncmp(r.hit[0].snippet, "The reporter", 12) == 0);
	free(ids);
	search_results_free(&r);
}

/* filo_rank (rank.c): the title weighs more, a shorter article with the
 * same count ranks higher, a rarer word weighs more, and the order agrees
 * with SQLite's own bm25() on the same columns. Its own folder. */
static const char *first_hit(const char *query)
{
	static char id[16];
	struct search_results r;
	char *ids = found(query, SEARCH_BY_RANK, 10, &r);
	snprintf(id, sizeof id, "%s", r.n ? r.hit[0].id : "");
	free(ids);
	search_results_free(&r);
	return id;
}

static void bm25_first(struct cache *c, const char *match, char *id, size_t n)
{
	sqlite3_stmt *st;
	id[0] = '\0';
	T_EQ_INT(sqlite3_prepare_v2(cache_db(c), "SELECT a.id FROM fts JOIN article a"
		" ON a.rowid = fts.rowid WHERE fts MATCH ?1"
		" ORDER BY bm25(fts, 4.0, 1.0, 0.0, 0.0), fts.rowid LIMIT 1", -1, &st, NULL),
		SQLITE_OK);
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		snprintf(id, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

TEST(search_ranking)
{
	char keep[128];
	snprintf(keep, sizeof keep, "%s", dir);
	snprintf(dir, sizeof dir, "%s/ranking", root);
	mkdir(dir, 0755);
	const char *pad = "Parole di contorno che allungano il testo senza dire nulla. ";
	char longbody[2048] = "La vela arriva. ";
	for (int i = 0; i < 20; i++)
		strcat(longbody, pad);
	write_article("r1", "La giornata", "2023-01-01", "A", "Si parla del porto e del porto.");
	write_article("r2", "Il porto", "2023-01-01", "A", "Si parla del porto e del molo.");
	write_article("r3", "Lunga", "2023-01-02", "A", longbody);
	write_article("r4", "Breve", "2023-01-02", "A", "La vela arriva.");
	write_article("r5", "Mare", "2023-01-03", "A", "Una nave e una nave, e un porto.");
	write_article("r6", "Costa", "2023-01-03", "A", "Un porto, un porto e una nave.");
	write_article("r7", "Rada", "2023-01-04", "A", "Il porto chiude.");
	write_article("r8", "Molo", "2023-01-04", "A", "Il porto riapre.");
	struct cache *saved = cache, *c2;
	static struct store s2;	/* zeroed, as cache_refresh expects */
	static struct archive a2;
	struct diag d = DIAG_INIT;
	cache_open(&c2, dir, &d);
	T_EQ_INT(cache_refresh(c2, &s2, &a2, NULL, NULL, NULL, &d), 1);
	cache = c2;
	T_EQ_STR(first_hit("porto -nave"), "r2");	/* in the title */
	T_EQ_STR(first_hit("vela"), "r4");	/* shorter */
	T_EQ_STR(first_hit("nave porto"), "r5");	/* nave is the rarer word */
	static const char *const queries[] = { "porto", "nave", "vela", "nave porto",
					       "\"la vela\"", "porto -nave" };
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		char want[16];
		struct query *q = query_parse(queries[i], &d);
		char *expr = search_fts_expr(q);
		bm25_first(c2, expr, want, sizeof want);
		T_CHECK(strcmp(first_hit(queries[i]), want) == 0, "%s: filo_rank %s, bm25 %s",
			queries[i], first_hit(queries[i]), want);
		free(expr);
		query_free(q);
	}
	/* the lengths are read again once the index changed */
	write_article("r3", "Lunga", "2023-01-02", "A", "La vela arriva.");
	write_article("r4", "Breve", "2023-01-02", "A", longbody);
	struct timespec later[2] = { { 0, UTIME_NOW }, { time(NULL) + 5, 0 } };
	char path[256];
	snprintf(path, sizeof path, "%s/r3.md", dir);
	utimensat(AT_FDCWD, path, later, 0);
	snprintf(path, sizeof path, "%s/r4.md", dir);
	utimensat(AT_FDCWD, path, later, 0);
	T_EQ_INT(cache_refresh(c2, &s2, &a2, NULL, NULL, NULL, &d), 1);
	T_EQ_STR(first_hit("vela"), "r3");
	T_EQ_INT(d.n, 0);
	cache = saved;
	archive_free(&a2);
	store_close(&s2);
	cache_close(c2);
	diag_free(&d);
	snprintf(dir, sizeof dir, "%s", keep);
}

/* The ids of a query's results by date, in their order, through c. */
static char *ids_by_date(struct cache *c, const char *query)
{
	struct cache *saved = cache;
	struct search_results r;
	cache = c;
	free(found(query, SEARCH_BY_DATE, 20, &r));
	cache = saved;
	struct buf order = BUF_INIT;
	for (size_t k = 0; k < r.n; k++)
		buf_addf(&order, "%s ", r.hit[k].id);
	search_results_free(&r);
	return buf_detach(&order, NULL);
}

/* By date, a loaded store gives the dates from memory; a cache without
 * one (as after damage) reads them from the table: the same order. */
static void test_search_by_date_sources(void)
{
	struct cache *bare, *part;
	struct diag d = DIAG_INIT;
	cache_open(&bare, dir, &d);
	cache_open(&part, dir, &d);
	struct store first;	/* the first screen only, as at start-up */
	memset(&first, 0, sizeof first);
	T_EQ_INT(cache_load_first(part, &first, STORE_SORT_DATE, 2, &d), 0);
	T_OK(!cache_rows_loaded(bare) && !cache_rows_loaded(part) && cache_rows_loaded(cache));
	static const char *const queries[] = { "vertice", "pechino", "la", "kim source:wire" };
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		char *mem = ids_by_date(cache, queries[i]), *table = ids_by_date(bare, queries[i]);
		char *early = ids_by_date(part, queries[i]);
		T_CHECK(mem && *mem && table && strcmp(mem, table) == 0,
			"%s: memory '%s', table '%s'", queries[i], mem ? mem : "", table ? table : "");
		T_CHECK(early && mem && strcmp(mem, early) == 0, "%s: first screen '%s', all '%s'",
			queries[i], early ? early : "", mem ? mem : "");
		free(mem);
		free(table);
		free(early);
	}
	store_close(&first);
	cache_close(part);
	cache_close(bare);
	diag_free(&d);
}


/* ---- other forms of words: tests/data/stem, six Italian and six English
 * articles (two without a lang field), on a cache of its own ---- */

static struct cache *stem_cache;

static void open_stem_corpus(void)
{
	char cwd[512], path[600];
	T_OK(getcwd(cwd, sizeof cwd) != NULL);
	snprintf(path, sizeof path, "%s/tests/data/stem", cwd);
	struct diag d = DIAG_INIT;
	cache_open(&stem_cache, path, &d);
	T_OK(cache_refresh(stem_cache, NULL, NULL, NULL, NULL, NULL, &d) >= 0);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* The ids a query finds in the stem corpus, sorted, as "en-a it-b". */
static char *stem_found(const char *query, struct search_results *keep)
{
	struct cache *saved = cache;
	cache = stem_cache;
	struct diag d = DIAG_INIT;
	struct query *q = query_parse(query, &d);
	struct search_results r;
	T_EQ_INT(search_run(cache, q, NULL, SEARCH_BY_RANK, 100, &r, &d), 0);
	T_CHECK(d.n == 0, "%s: %s", query, d.n ? d.msg[0] : "");
	char **ids = xcalloc(r.n + 1, sizeof *ids);
	for (size_t i = 0; i < r.n; i++)
		ids[i] = r.hit[i].id;
	for (size_t i = 1; i < r.n; i++)	/* a few: insertion sort */
		for (size_t j = i; j > 0 && strcmp(ids[j], ids[j - 1]) < 0; j--) {
			char *t = ids[j];
			ids[j] = ids[j - 1];
			ids[j - 1] = t;
		}
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < r.n; i++)
		buf_addf(&b, "%s%s", i ? " " : "", ids[i]);
	free(ids);
	if (keep)
		*keep = r;
	else
		search_results_free(&r);
	query_free(q);
	diag_free(&d);
	cache = saved;
	return buf_detach(&b, NULL);
}

#define T_STEM(query, expect) do { char *t_f = stem_found(query, NULL); \
	T_CHECK(strcmp(t_f, expect) == 0, "%s: \"%s\" != \"%s\"", query, t_f, expect); \
	free(t_f); } while (0)

/* Both forms of a word find the same articles, which hold one or the
 * other; before stemming each found only its own. */
TEST(stem_pairs)
{
	static const char *const pairs[][3] = {
		/* Italian: singular and plural, verb forms */
		{ "azione", "azioni", "it-azione it-azioni" },
		{ "elezione", "elezioni", "it-elezione it-elezioni" },
		{ "sciopero", "scioperi", "it-scioperi it-sciopero" },
		{ "banca", "banche", "it-azione it-azioni" },
		{ "votare", "votato", "it-elezione it-elezioni" },
		{ "lang:it voto", "lang:it voti", "it-elezione it-elezioni" },
		/* English */
		{ "election", "elections", "en-companies en-election en-voting" },
		{ "company", "companies", "en-bankruptcy en-companies en-voting" },
		{ "flood", "flooding", "en-flood" },
		{ "lang:en vote", "lang:en voting", "en-election en-voting" },
		{ "voter", "voters", "en-companies en-election en-voting" },
		{ "airline", "airlines", "en-bankrupt en-companies" },
	};
	for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
		T_STEM(pairs[i][0], pairs[i][2]);
		T_STEM(pairs[i][1], pairs[i][2]);
	}
	/* each form alone, as written: the phrase */
	T_STEM("\"azione\"", "it-azione");
	T_STEM("\"azioni\"", "it-azioni");
	T_STEM("\"elections\"", "en-election");
	/* sciopero (no lang field) was told Italian from its words, flood
	 * (none either) English: each stemmed in its own language */
	T_STEM("lang:it sciopero", "it-scioperi it-sciopero");
	T_STEM("lang:en floods", "en-flood");
	T_STEM("lang:en sciopero", "");
	/* Snowball's English keeps the derived noun apart; a prefix joins them */
	T_STEM("bankrupt", "en-bankrupt");
	T_STEM("bankruptcy", "en-bankruptcy");
	T_STEM("bankrupt*", "en-bankrupt en-bankruptcy");
	T_STEM("\"filed for bankrupt\"*", "en-bankruptcy");
	/* exclusions take the other forms too */
	T_STEM("lang:it -azione", "it-elezione it-elezioni it-scioperi it-sciopero");
	/* a word of several tokens is a phrase, as written */
	T_STEM("ground-staff", "en-bankrupt");
}

/* The query in English only stems in English: "vote" is no Italian voto. */
TEST(stem_languages)
{
	T_STEM("vote", "en-election en-voting it-elezione it-elezioni");
	T_STEM("lang:en vote", "en-election en-voting");
	T_STEM("lang:it vote", "it-elezione it-elezioni");
}

/* The articles with the word as written rank before those with another
 * form only, whatever their BM25; the score printed is BM25. */
TEST(stem_exact_first)
{
	static const char *const words[][2] = {
		{ "azioni", "it-azioni" }, { "azione", "it-azione" },
		{ "scioperi", "it-scioperi" }, { "sciopero", "it-sciopero" },
		{ "elections", "en-election" }, { "flooding", "en-flood" },
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		struct search_results r;
		free(stem_found(words[i][0], &r));
		T_CHECK(r.n >= 1 && strcmp(r.hit[0].id, words[i][1]) == 0, "%s: first %s",
			words[i][0], r.n ? r.hit[0].id : "none");
		for (size_t k = 0; k < r.n; k++)
			T_CHECK(r.hit[k].score > 0 && r.hit[k].score < 100, "%s: score %f",
				words[i][0], r.hit[k].score);
		search_results_free(&r);
	}
	/* two words: both as written first */
	struct search_results r;
	free(stem_found("azione banca", &r));
	T_OK(r.n == 2 && strcmp(r.hit[0].id, "it-azione") == 0);
	search_results_free(&r);
	/* the other form is highlighted in the snippet */
	free(stem_found("lang:it sciopero", &r));
	bool other = false;
	for (size_t k = 0; k < r.n; k++)
		for (size_t h = 0; h < r.hit[k].nhl; h++)
			other |= strncmp(r.hit[k].snippet + r.hit[k].hl[h].off, "scioperi", 8) == 0;
	T_OK(other);
	search_results_free(&r);
}

static void close_stem_corpus(void)
{
	cache_close(stem_cache);
}

static void remove_folder(void)
{
	archive_free(&arc);
	store_close(&store);
	cache_close(cache);
	T_EQ_INT(t_remove_tree(root), 0);
}

T_MAIN(RUN(fts_expression);
       make_folder(); RUN(search_matching); RUN(search_filters);
       RUN(search_entities); RUN(search_results_detail); RUN(search_by_date_sources);
       RUN(search_ranking);
       open_stem_corpus(); RUN(stem_pairs); RUN(stem_languages); RUN(stem_exact_first);
       close_stem_corpus();
       remove_folder())
