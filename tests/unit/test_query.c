/* test_query.c: the one query language (query.c) of the list's filter and
 * of search: the parser (every syntax, mistakes included), entity keys
 * word by word, and matching in memory on a small archive, which must
 * agree with search (search.c) on every filter. */
#include <sqlite3.h>
#include "t.h"
#include "archive.h"
#include "buf.h"
#include "cache.h"
#include "entity.h"
#include "listing.h"
#include "query.h"
#include "search.h"
#include "state.h"


static struct query *parse(const char *q, size_t *nmsg)
{
	struct diag d = DIAG_INIT;
	struct query *sq = query_parse(q, &d);
	*nmsg = d.n;
	diag_free(&d);
	return sq;
}

TEST(parse_words_phrases)
{
	size_t nm;
	struct query *q = parse("  città  \"la città di\" -roma -\"il sindaco\" - ", &nm);
	T_EQ_INT(nm, 0);
	T_EQ_INT(q->n, 4);
	T_EQ_INT(q->item[0].kind, QUERY_WORD);
	T_EQ_STR(q->item[0].text, "città");
	T_OK(!q->item[0].exclude);
	T_EQ_INT(q->item[1].kind, QUERY_PHRASE);
	T_EQ_STR(q->item[1].text, "la città di");
	T_EQ_INT(q->item[2].kind, QUERY_WORD);
	T_OK(q->item[2].exclude);
	T_EQ_STR(q->item[2].text, "roma");
	T_EQ_INT(q->item[3].kind, QUERY_PHRASE);
	T_OK(q->item[3].exclude);
	T_EQ_STR(q->item[3].text, "il sindaco");
	query_free(q);
	/* a quote inside a word starts a phrase; empty phrases vanish */
	q = parse("ab\"cd ef\" \"\" x-y", &nm);
	T_EQ_INT(nm, 0);
	T_EQ_INT(q->n, 3);
	T_EQ_STR(q->item[0].text, "ab");
	T_EQ_INT(q->item[1].kind, QUERY_PHRASE);
	T_EQ_STR(q->item[1].text, "cd ef");
	T_EQ_STR(q->item[2].text, "x-y");
	T_OK(!q->item[2].exclude);
	query_free(q);
	q = parse("", &nm);
	T_EQ_INT(q->n, 0);
	query_free(q);
	q = parse(NULL, &nm);
	T_EQ_INT(q->n, 0);
	query_free(q);
}

TEST(parse_unbalanced)
{
	size_t nm;
	struct query *q = parse("pechino \"la delegazione", &nm);
	T_EQ_INT(nm, 1);
	T_EQ_INT(q->n, 2);
	T_EQ_INT(q->item[1].kind, QUERY_PHRASE);
	T_EQ_STR(q->item[1].text, "la delegazione");
	query_free(q);
	q = parse("source:\"Global", &nm);
	T_EQ_INT(nm, 1);
	T_EQ_INT(q->n, 1);
	T_EQ_INT(q->item[0].kind, QUERY_SOURCE);
	T_EQ_STR(q->item[0].text, "Global");
	query_free(q);
}

TEST(parse_filters)
{
	size_t nm;
	struct query *q = parse("source:\"La Voce\" SOURCE:wire -source:x "
				       "entity:Putin entity:\"Kim Jong Un\" type:per -type:LOC", &nm);
	T_EQ_INT(nm, 0);
	T_EQ_INT(q->n, 7);
	T_EQ_INT(q->item[0].kind, QUERY_SOURCE);
	T_EQ_STR(q->item[0].text, "La Voce");
	T_EQ_INT(q->item[1].kind, QUERY_SOURCE);
	T_EQ_STR(q->item[1].text, "wire");
	T_OK(q->item[2].exclude);
	T_EQ_INT(q->item[3].kind, QUERY_ENTITY);
	T_EQ_STR(q->item[3].text, "Putin");
	T_EQ_STR(q->item[4].text, "Kim Jong Un");
	T_EQ_INT(q->item[5].kind, QUERY_TYPE);
	T_EQ_INT(q->item[5].type, ENTITY_PER);
	T_EQ_INT(q->item[6].type, ENTITY_LOC);
	T_OK(q->item[6].exclude);
	query_free(q);
	/* times and addresses are words */
	q = parse("10:30 http://example.com", &nm);
	T_EQ_INT(nm, 0);
	T_EQ_INT(q->n, 2);
	for (size_t i = 0; i < q->n; i++)
		T_EQ_INT(q->item[i].kind, QUERY_WORD);
	T_EQ_STR(q->item[1].text, "http://example.com");
	query_free(q);
	/* an unknown filter name is said, and read as a word */
	struct diag d = DIAG_INIT;
	q = query_parse("colour:red lingua:\"it\"", &d);
	T_EQ_INT(d.n, 2);
	T_OK(d.n && strstr(d.msg[0], "query: unknown filter colour: (filters are entity:") == d.msg[0]);
	T_EQ_INT(q->n, 3);
	T_OK(q->n == 3 && q->item[0].kind == QUERY_WORD && strcmp(q->item[0].text, "colour:red") == 0);
	query_free(q);
	diag_free(&d);
}

TEST(parse_dates)
{
	size_t nm;
	struct query *q = parse("date:2023-09 date:2023-09-01..2023-09-30 "
				       "date:2023.. date:..2022-12 date:2021", &nm);
	T_EQ_INT(nm, 0);
	T_EQ_INT(q->n, 5);
	T_EQ_STR(q->item[0].text, "2023-09");
	T_OK(q->item[0].hi == NULL);
	T_EQ_STR(q->item[1].text, "2023-09-01");
	T_EQ_STR(q->item[1].hi, "2023-09-30");
	T_EQ_STR(q->item[2].text, "2023");
	T_EQ_STR(q->item[2].hi, "");
	T_EQ_STR(q->item[3].text, "");
	T_EQ_STR(q->item[3].hi, "2022-12");
	T_EQ_STR(q->item[4].text, "2021");
	query_free(q);
}

TEST(parse_mistakes)
{
	static const char *const bad[] = {
		"date:..", "date:2023-13", "date:yesterday", "date:2023-09-01..soon",
		"type:O", "type:XYZ", "entity:", "source:", "type:",
		"lang:", "lang:e", "lang:english", "lang:12", "is:", "is:new", "-is:read",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		size_t nm;
		struct query *q = parse(bad[i], &nm);
		T_CHECK(nm == 1 && q->n == 0, "%s: %zu messages, %zu items", bad[i], nm, q->n);
		query_free(q);
	}
	struct diag d = DIAG_INIT;
	query_free(query_parse("date:2023-13 word", &d));
	T_EQ_INT(d.n, 1);
	T_OK(strstr(d.msg[0], "query: date: expects") == d.msg[0]);
	diag_free(&d);
}


TEST(parse_new_filters)
{
	size_t nm;
	struct query *q = parse("lang:EN -lang:pt_BR lang:\"it-IT\" is:unread -IS:Flagged "
				"bankrupt* \"la citt\"* -tax* *", &nm);
	T_EQ_INT(nm, 0);
	T_EQ_INT(q->n, 8);
	T_EQ_INT(q->item[0].kind, QUERY_LANG);
	T_EQ_STR(q->item[0].text, "en");
	T_OK(q->item[1].exclude);
	T_EQ_STR(q->item[1].text, "pt");
	T_EQ_STR(q->item[2].text, "it");
	T_EQ_INT(q->item[3].kind, QUERY_IS);
	T_EQ_INT(q->item[3].type, QUERY_IS_UNREAD);
	T_EQ_INT(q->item[4].type, QUERY_IS_FLAGGED);
	T_OK(q->item[4].exclude);
	T_EQ_INT(q->item[5].kind, QUERY_WORD);
	T_OK(q->item[5].prefix);
	T_EQ_STR(q->item[5].text, "bankrupt");
	T_EQ_INT(q->item[6].kind, QUERY_PHRASE);
	T_OK(q->item[6].prefix);
	T_EQ_STR(q->item[6].text, "la citt");
	T_OK(q->item[7].prefix && q->item[7].exclude);
	T_EQ_STR(q->item[7].text, "tax");	/* and a lone '*' is nothing */
	T_OK(!query_only_words(q));
	query_free(q);
	q = parse("putin \"kim jong\" sho*", &nm);
	T_OK(query_only_words(q));
	T_OK(!query_has(q, QUERY_ENTITY));
	query_free(q);
	q = parse("putin -kim", &nm);
	T_OK(!query_only_words(q));
	query_free(q);
	T_EQ_STR(query_filter_name(QUERY_LANG), "lang");
	T_EQ_STR(query_filter_name(QUERY_WORD), "");
}

TEST(entity_keys)
{
	T_OK(query_key_has("sergei shoigu", "shoigu"));
	T_OK(query_key_has("sergei shoigu", "sergei shoigu"));
	T_OK(!query_key_has("sergei shoigu", "shoigu sergei"));
	T_OK(!query_key_has("sergei shoigu", "shoi"));	/* whole words */
	T_OK(!query_key_has("russia", "us"));
	T_OK(query_key_has("kim jong un", "jong un"));
	T_OK(!query_key_has("kim jong un", ""));
	T_OK(!query_key_has("kim jong un", "- ,"));
	T_OK(query_key_has("北京市", "北京"));	/* CJK: character by character */
	T_OK(!query_key_has("北京市", "京北"));
}

/* ---- matching in memory, and the same with search ---- */

static char root[64], dir[128];
static struct cache *cache;
static struct store store;
static struct archive arc;
static struct state *st;

static void write_article(const char *id, const char *meta, const char *body)
{
	char name[64];
	snprintf(name, sizeof name, "%s.md", id);
	struct buf b = BUF_INIT;
	buf_addf(&b, "---\n%s---\n\n%s\n", meta, body);
	t_write_mem(dir, name, b.data, b.len);
	buf_free(&b);
}

static void make_folder(void)
{
	t_archive_dir(root, sizeof root, dir, sizeof dir, "query");
	write_article("q1", "title: Il vertice di Roma\ndate: 2023-09-05\nsource: Corriere Adriatico\nlang: it\n",
		      "Giulia Ferretti arriva a Roma per il vertice con Sergei Shoigu.");
	write_article("q2", "title: The summit\ndate: 2023-10-02\nsource: Global Wire\nlang: en-GB\n",
		      "Sergei Shoigu met the delegation of the Acme Corporation in Moscow.");
	write_article("q3", "title: Senza lingua\ndate: 2022-01-15\nsource: Evening Ledger\n",
		      "La città di Napoli e il porto: una giornata di lavoro per la gente del porto.");
	write_article("q4", "title: No language either\ndate: 2023\nsource: Global Wire\n",
		      "The workers of the port and the people of the city had a long day at the docks.");
	write_article("q5", "title: 北京\nsource: Far East Test\nlang: zh\n",
		      "北京是中国的首都。");
	struct diag d = DIAG_INIT;
	cache_open(&cache, dir, &d);
	T_EQ_INT(cache_refresh(cache, &store, &arc, NULL, NULL, NULL, &d), 1);
	T_EQ_INT(store.n, 5);
	diag_free(&d);
	static const char state_text[] = "filo-state 1\nq1\tr\t0\nq2\trf\t0\nq4\tf\t0\nend\t3\n";
	st = state_parse("test", state_text, sizeof state_text - 1, &d);
	T_EQ_INT(d.n, 0);
	diag_free(&d);
}

/* The ids the list keeps for a query, in id order, as "q1 q3". */
static char *listed(const char *text, const struct archive *a)
{
	struct diag d = DIAG_INIT;
	struct query *q = query_parse(text, &d);
	T_CHECK(d.n == 0, "%s: %s", text, d.n ? d.msg[0] : "");
	struct query_match *m = query_match_new(q, &store, a, st);
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < store.n; i++)
		if (query_match_article(m, i))
			buf_addf(&b, "%s%s", b.len ? " " : "", store.art[i].id);
	query_match_free(m);
	query_free(q);
	diag_free(&d);
	return buf_detach(&b, NULL);
}

/* The ids search finds, in id order. */
static char *searched(const char *text)
{
	struct diag d = DIAG_INIT;
	struct query *q = query_parse(text, &d);
	struct search_results r;
	T_EQ_INT(search_run(cache, q, st, SEARCH_BY_RANK, 100, &r, &d), 0);
	T_CHECK(d.n == 0, "%s: %s", text, d.n ? d.msg[0] : "");
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < store.n; i++)
		for (size_t k = 0; k < r.n; k++)
			if (strcmp(r.hit[k].id, store.art[i].id) == 0)
				buf_addf(&b, "%s%s", b.len ? " " : "", store.art[i].id);
	search_results_free(&r);
	query_free(q);
	diag_free(&d);
	return buf_detach(&b, NULL);
}

#define T_LISTED(query, expect) do { char *t_l = listed(query, &arc); \
	T_CHECK(strcmp(t_l, expect) == 0, "%s: \"%s\" != \"%s\"", query, t_l, expect); \
	free(t_l); } while (0)

TEST(match_words)
{
	T_LISTED("", "q1 q2 q3 q4 q5");
	T_LISTED("VERTICE", "q1");
	T_LISTED("wire", "q2 q4");	/* the source too */
	T_LISTED("vert", "q1");		/* inside words */
	T_LISTED("vert* roma", "q1");
	T_LISTED("\"il vertice\"", "q1");
	T_LISTED("\"vertice il\"", "");
	T_LISTED("-wire", "q1 q3 q5");
	T_LISTED("lingua", "q3");	/* the body is not the list's */
	T_LISTED("napoli", "");
}

TEST(match_filters)
{
	T_LISTED("source:global", "q2 q4");
	T_LISTED("source:global source:ledger", "q2 q3 q4");
	T_LISTED("-source:global", "q1 q3 q5");
	T_LISTED("date:2023", "q1 q2 q4");
	T_LISTED("date:2023-09..2023-10", "q1 q2");
	T_LISTED("date:..2022", "q3");
	T_LISTED("date:2023-10..", "q2");
	/* lang: the field, else the language of the words */
	T_LISTED("lang:en", "q2 q4");
	T_LISTED("lang:it", "q1 q3");
	T_LISTED("lang:zh", "q5");
	T_LISTED("lang:en lang:zh", "q2 q4 q5");
	T_LISTED("-lang:it", "q2 q4 q5");
	T_LISTED("is:unread", "q3 q4 q5");
	T_LISTED("is:flagged", "q2 q4");
	T_LISTED("-is:unread -is:flagged", "q1");
	T_LISTED("is:unread lang:it", "q3");
	T_LISTED("entity:shoigu", "q1 q2");
	T_LISTED("entity:\"SERGEI SHOIGU\"", "q1 q2");
	T_LISTED("entity:sergey", "q1 q2");	/* transliterations share a key */
	T_LISTED("entity:shoi", "");
	T_LISTED("entity:\"shoigu sergei\"", "");
	T_LISTED("-entity:shoigu", "q3 q4 q5");
	T_LISTED("entity:shoigu wire", "q2");
	/* without an archive no article mentions anything */
	char *none = listed("entity:shoigu", NULL);
	T_EQ_STR(none, "");
	free(none);
	none = listed("-entity:shoigu", NULL);
	T_EQ_STR(none, "q1 q2 q3 q4 q5");
	free(none);
}

/* A query's filters keep the same articles in the list and in search; a
 * word of the title and source agrees too. */
TEST(list_and_search_agree)
{
	static const char *const queries[] = {
		"source:global", "source:global source:ledger", "-source:global vertice",
		"date:2023", "date:2023-09..2023-10", "date:..2022", "date:2023-10..",
		"lang:en", "lang:it", "lang:zh", "-lang:it", "lang:en lang:zh",
		"is:unread", "is:flagged", "-is:unread -is:flagged", "is:unread lang:it",
		"entity:shoigu", "entity:\"sergei shoigu\"", "entity:sergey", "-entity:shoigu",
		"type:ORG", "type:LOC", "-type:PER", "entity:shoigu summit",
		"vertice", "\"the summit\"",	/* (a source's words are the list's only) */
	};
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		char *l = listed(queries[i], &arc), *s = searched(queries[i]);
		T_CHECK(strcmp(l, s) == 0, "%s: list \"%s\", search \"%s\"", queries[i], l, s);
		free(l);
		free(s);
	}
	/* and the entity filter found something to agree on */
	char *l = listed("type:ORG", &arc);
	T_OK(strlen(l) > 0);
	free(l);
}

/* The list's rows with a query: listing_build through its match. */
TEST(listing_with_query)
{
	struct query *q = query_parse("lang:en -is:flagged", NULL);
	struct query_match *m = query_match_new(q, &store, &arc, st);
	struct listing l = { 0 };
	struct listing_query lq = { .sort = STORE_SORT_DATE, .match = m };
	listing_build(&l, &store, &lq);
	T_EQ_INT(l.narticles, 0);	/* q2 and q4 are flagged */
	query_match_free(m);
	query_free(q);
	q = query_parse("lang:en", NULL);
	m = query_match_new(q, &store, &arc, st);
	lq.match = m;
	listing_build(&l, &store, &lq);
	T_EQ_INT(l.narticles, 2);
	T_OK(l.n == 2 && strcmp(store.art[l.rows[0].art].id, "q2") == 0);	/* newest */
	listing_free(&l);
	query_match_free(m);
	query_free(q);
}

static void remove_folder(void)
{
	state_close(st);
	archive_free(&arc);
	store_close(&store);
	cache_close(cache);
	T_EQ_INT(t_remove_tree(root), 0);
}

T_MAIN(RUN(parse_words_phrases); RUN(parse_unbalanced); RUN(parse_filters);
       RUN(parse_dates); RUN(parse_mistakes); RUN(parse_new_filters); RUN(entity_keys);
       make_folder(); RUN(match_words); RUN(match_filters); RUN(list_and_search_agree);
       RUN(listing_with_query); remove_folder())
