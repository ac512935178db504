/* entity.c: the public face of the entity recogniser: loads the lexicons
 * and the user's corrections, turns the typed spans of entity_rules.c into
 * mentions linked to canonical entities, and computes archive-wide keys. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "entity.h"
#include "entity_lex.h"
#include "entity_rules.h"
#include "lang.h"
#include "lexicon.h"

struct entity_db {
	struct lex lx;
	struct lang_db *lang;	/* tells the language of untagged text */
};

/* Which embedded lexicon files feed which part of the table, by the start
 * of their name: several files may share a kind (ent_loc_world, ...).
 * A file of words whose name ends in a language code ("ent_cue_per_en")
 * gives its words their flags in that language only; names and given
 * names hold in every language. */
static const struct lexkind {
	const char *prefix;
	int type;		/* ENTITY_*: a file of names, one a line */
	lexflags flags;		/* else a file of words with these flags */
} lexkinds[] = {
	{ "lang_", 0, LX_NOTENT },	/* function words: never names */
	{ "ent_loc_", ENTITY_LOC, 0 },
	{ "ent_org_", ENTITY_ORG, 0 },
	{ "ent_per_", ENTITY_PER, 0 },
	{ "ent_roles", 0, LX_ROLE | LX_CUE_PER },	/* phrases, one a line */
	{ "ent_misc_", ENTITY_MISC, 0 },
	{ "ent_first_names", 0, LX_FIRST },
	{ "ent_surnames", 0, LX_SURN },
	{ "ent_cue_per", 0, LX_CUE_PER },
	{ "ent_cue_leads", 0, LX_LEADS },
	{ "ent_cue_misc", 0, LX_CUE_MISC },
	{ "ent_cue_palio", 0, LX_PALIO },
	{ "ent_contrade", 0, LX_CONTRADA },
	{ "ent_cue_loc", 0, LX_CUE_LOC },
	{ "ent_cue_org", 0, LX_CUE_ORG },
	{ "ent_head_org", 0, LX_HEAD_ORG },
	{ "ent_head_loc", 0, LX_HEAD_LOC },
	{ "ent_tail_org", 0, LX_TAIL_ORG },
	{ "ent_tail_loc", 0, LX_TAIL_LOC },
	{ "ent_particles", 0, LX_PARTICLE },
	{ "ent_links", 0, LX_LINK },
	{ "ent_nonames", 0, LX_NOTENT },
	{ "ent_natadj", 0, LX_NATADJ | LX_NOTENT },
	{ "ent_prep_loc", 0, LX_PREP_LOC },
	{ "ent_province_codes", 0, LX_PROV_CODE },
	{ "ent_articles", 0, LX_ARTICLE },
	{ "ent_plural_articles", 0, LX_PLURAL_ART },
	{ "ent_inst_nouns", 0, LX_INST },
	{ "ent_inst_caps", 0, LX_INST_CAP },
	{ "ent_inst_adj", 0, LX_INSTADJ },
	{ "ent_lhead_loc", 0, LX_LHEAD_LOC },
	{ "ent_lhead_direct", 0, LX_LHEAD_DIRECT },
	{ "ent_lhead_org", 0, LX_LHEAD_ORG },
	{ "ent_sport_words", 0, LX_SPORT },
	{ "ent_head_split", 0, LX_HEAD_SPLIT },
	{ "ent_portfolio", 0, LX_PORTFOLIO },
	{ "ent_titles_per", 0, LX_PER_TITLE },
	{ "ent_words_misc", 0, LX_MISC_WORD },
	{ "ent_surname_endings", 0, LX_SURN_END },
	/* last, so that every list written by hand names a place first */
	{ "ent_gaz_loc_", ENTITY_LOC, LX_GAZ },
	{ NULL, 0, 0 }
};

/* The language of a word file by the end of its name, or LANG_UNKNOWN:
 * "ent_nonames_it", "lang_en". Given names are by origin, not language. */
static int file_lang(const struct lexkind *k, const char *name)
{
	size_t n = strlen(name);
	if (k->flags & LX_FIRST || n < 3 || name[n - 3] != '_')
		return LANG_UNKNOWN;
	return lang_from_code(name + n - 2, 2);
}

struct entity_db *entity_db_new(void)
{
	struct entity_db *db = xmalloc(sizeof *db);
	lex_init(&db->lx);
	db->lang = lang_db_new();
	for (const struct lexkind *k = lexkinds; k->prefix; k++) {
		size_t pl = strlen(k->prefix);
		for (const struct lexicon_file *f = lexicon_files; f->name; f++) {
			if (strncmp(f->name, k->prefix, pl) != 0)
				continue;
			int lang = file_lang(k, f->name);
			if (k->type)
				lex_add_name_file(&db->lx, f->text, k->type, k->flags);
			else if (k->flags & LX_ROLE)
				lex_add_phrases_lang(&db->lx, f->text, k->flags, lang);
			else if (lang != LANG_UNKNOWN)
				lex_add_words_lang(&db->lx, f->text, k->flags, lang);
			else
				lex_add_words(&db->lx, f->text, k->flags);
		}
	}
	return db;
}

const struct lex *entity_db_lex(const struct entity_db *db)
{
	return &db->lx;
}

void entity_db_free(struct entity_db *db)
{
	if (!db)
		return;
	lex_free(&db->lx);
	lang_db_free(db->lang);
	free(db);
}

/* ---- the user's corrections file ---- */

/* One line: "TYPE name | alias ..." or "not name | ...". */
static void user_line(struct entity_db *db, char *line, const char *path,
		      size_t lineno, struct diag *d)
{
	line += strspn(line, " \t");
	size_t len = strlen(line);
	while (len && (line[len - 1] == '\r' || line[len - 1] == ' ' ||
		       line[len - 1] == '\t'))
		line[--len] = '\0';
	if (len == 0 || line[0] == '#')
		return;
	size_t wl = strcspn(line, " \t");
	char *rest = line + wl;
	rest += strspn(rest, " \t");
	line[wl] = '\0';
	int type = strcmp(line, "not") == 0 ? ENTITY_NONE
					   : entity_type_from_name(line);
	if (type < 0 || (type == ENTITY_NONE && strcmp(line, "not") != 0)) {
		diag_add(d, path, lineno, "unknown type '%s' (line ignored)", line);
		return;
	}
	int rc = type == ENTITY_NONE
		? lex_add_not(&db->lx, rest, strlen(rest))
		: lex_add_names(&db->lx, rest, strlen(rest), type, LX_USER);
	if (rc < 0)
		diag_add(d, path, lineno, "no name after '%s' (line ignored)", line);
}

int entity_db_load_user(struct entity_db *db, const char *path, struct diag *d)
{
	struct buf text = BUF_INIT;
	if (buf_read_file(&text, path) < 0) {
		int e = errno;
		buf_free(&text);
		if (e == ENOENT)
			return 0;
		diag_add(d, path, 0, "cannot read: %s", buf_read_error(e));
		return -1;
	}
	if (!text.data) {
		buf_free(&text);
		return 0;
	}
	char *p = text.data;
	for (size_t lineno = 1; *p; lineno++) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		user_line(db, p, path, lineno, d);
		if (!nl)
			break;
		p = nl + 1;
	}
	buf_free(&text);
	return 0;
}

/* ---- names of types ---- */

static const char *const type_names[ENTITY_NTYPES] = {
	"O", "PER", "LOC", "ORG", "MISC"
};

const char *entity_type_name(int type)
{
	return type > 0 && type < ENTITY_NTYPES ? type_names[type] : "O";
}

int entity_type_from_name(const char *name)
{
	for (int t = 0; t < ENTITY_NTYPES; t++)
		if (strcasecmp(name, type_names[t]) == 0)
			return t;
	return -1;
}

/* ---- keys ---- */

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int ends_with(const char *p, size_t l, const char *suf)
{
	size_t sl = strlen(suf);
	return l >= sl && memcmp(p + l - sl, suf, sl) == 0;
}

/* One folded word of a key, with the transliteration variants of Russian
 * and Ukrainian names merged: a y after a vowel is an i ("Sergey", "Shoygu",
 * "Nikolay"), and so are the endings -iy, -ii, -yy, -ij ("Dmitriy",
 * "Zelenskyy"), -ej ("Sergej") and consonant + y ("Dmitry", "Yury").
 * A leading Y stays ("Yury" is not "Iury"), kh stays (Khan is not Han). */
static void key_word(struct buf *out, const char *w, size_t n)
{
	size_t start = out->len;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		if (c == '\'' || c == '.')	/* "U.S." is "us" */
			continue;
		if (c == 'y' && i > 0 && is_vowel(w[i - 1]) &&
		    (i + 1 == n || !is_vowel(w[i + 1])))
			c = 'i';
		buf_addc(out, c);
	}
	size_t l = out->len - start;
	if (l < 4)	/* also when nothing was added and data is still NULL */
		return;
	char *p = out->data + start;
	if (ends_with(p, l, "iy") || ends_with(p, l, "ii") ||
	    ends_with(p, l, "yy") || ends_with(p, l, "ij")) {
		p[l - 2] = 'i';
		out->data[--out->len] = '\0';
	} else if (ends_with(p, l, "ej")) {
		p[l - 1] = 'i';
	} else if (p[l - 1] == 'y' && !is_vowel(p[l - 2]) && p[l - 2] != 'y') {
		p[l - 1] = 'i';
	}
}

/* The key of tokens [a, b) of an already scanned text. */
static char *key_of_tokens(const struct etoks *ts, size_t a, size_t b)
{
	struct buf out = BUF_INIT;
	for (size_t i = a; i < b; i++) {
		if (!(ts->t[i].shape & ETOK_WORD))
			continue;
		if (out.len)
			buf_addc(&out, ' ');
		key_word(&out, ts->fold.data + ts->t[i].foff, ts->t[i].flen);
	}
	return buf_detach(&out, NULL);
}

char *entity_key(const char *name, size_t len)
{
	struct etoks ts;
	etoks_init(&ts);
	etoks_scan(&ts, name, len);
	char *k = key_of_tokens(&ts, 0, ts.n);
	etoks_free(&ts);
	return k;
}

/* ---- linking mentions to entities ---- */

/* A small string -> int map for the entities of one text. */
struct smap {
	char **k;
	int *v;
	size_t cap, n;
};

static void smap_init(struct smap *m, size_t want)
{
	m->cap = 16;
	while (m->cap < want * 2 + 2)
		m->cap *= 2;
	m->k = xcalloc(m->cap, sizeof *m->k);
	m->v = xcalloc(m->cap, sizeof *m->v);
	m->n = 0;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->k[i]);
	free(m->k);
	free(m->v);
}

static size_t smap_slot(const struct smap *m, const char *k)
{
	uint32_t h = lex_hash_add(lex_hash_start(), k, strlen(k));
	size_t i = h & (m->cap - 1);
	while (m->k[i] && strcmp(m->k[i], k) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int smap_get(const struct smap *m, const char *k)
{
	size_t i = smap_slot(m, k);
	return m->k[i] ? m->v[i] : -1;
}

/* Sets k (copied) to v; keep_old leaves an existing value alone. */
static void smap_set(struct smap *m, const char *k, int v, int keep_old)
{
	size_t i = smap_slot(m, k);
	if (m->k[i]) {
		if (!keep_old)
			m->v[i] = v;
		return;
	}
	m->k[i] = xstrdup(k);
	m->v[i] = v;
	m->n++;
}

struct linker {
	const struct lex *lx;
	const struct erules *r;
	const char *text;
	struct entity_doc *doc;
	size_t capent, capwords;
	int *words;		/* per entity: words of its display name */
	struct smap bykey;	/* entity key -> entity */
	struct smap first;	/* word of a person's name -> first such person */
	struct smap latest;	/* word of a person's name -> latest such person */
	struct smap orgs;	/* first word of an organisation's name -> it */
	struct smap insts;	/* institution noun -> latest body named with it */
};

static size_t span_off(const struct erules *r, const struct espan *s)
{
	return r->ts.t[s->a].off;
}

static size_t span_len(const struct erules *r, const struct espan *s)
{
	const struct etok *l = &r->ts.t[s->b - 1];
	return l->off + l->len - r->ts.t[s->a].off;
}

static int span_words(const struct erules *r, const struct espan *s)
{
	int n = 0;
	for (uint32_t k = s->a; k < s->b; k++)
		n += (r->ts.t[k].shape & ETOK_WORD) != 0;
	return n;
}

/* A mention's text as a name: runs of white space (a line break inside a
 * name) become one space. */
static char *spelled(const char *s, size_t n)
{
	struct buf b = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		int space = s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r';
		if (!space)
			buf_addc(&b, s[i]);
		else if (b.len && b.data[b.len - 1] != ' ')
			buf_addc(&b, ' ');
	}
	return buf_detach(&b, NULL);
}

/* The entity of key (created with this span's name when new). */
static int link_key(struct linker *L, const struct espan *s, char *key)
{
	int e = smap_get(&L->bykey, key);
	int words = span_words(L->r, s);
	if (e < 0) {
		struct entity_doc *d = L->doc;
		d->ent = xgrow(d->ent, &L->capent, d->nent + 1, sizeof *d->ent);
		L->words = xgrow(L->words, &L->capwords, d->nent + 1,
				 sizeof *L->words);
		e = (int)d->nent++;
		d->ent[e].key = key;
		d->ent[e].type = s->type;
		d->ent[e].count = 0;
		d->ent[e].name = NULL;
		L->words[e] = 0;
		smap_set(&L->bykey, key, e, 0);
	} else {
		free(key);
	}
	struct entity_ref *ref = &L->doc->ent[e];
	/* display name: the longest mention, as the text spells it */
	if (!ref->name || words > L->words[e]) {
		free(ref->name);
		ref->name = spelled(L->text + span_off(L->r, s), span_len(L->r, s));
		L->words[e] = words;
	}
	return e;
}

static char *span_key(const struct linker *L, const struct espan *s)
{
	if (s->canon >= 0) {
		const char *c = L->lx->canon[s->canon];
		return entity_key(c, strlen(c));
	}
	return key_of_tokens(&L->r->ts, s->a, s->b);
}

/* Records each word of a person's multi-word name as a short form. */
static void note_parts(struct linker *L, const struct espan *s, int e)
{
	const struct erules *r = L->r;
	for (uint32_t k = s->a; k < s->b; k++) {
		const struct etok *t = &r->ts.t[k];
		if (!(t->shape & ETOK_CAP))
			continue;
		char *w = key_of_tokens(&r->ts, k, k + 1);
		smap_set(&L->first, w, e, 1);
		smap_set(&L->latest, w, e, 0);
		free(w);
	}
}

static int is_person_name(const struct erules *r, const struct espan *s)
{
	return s->type == ENTITY_PER && span_words(r, s) > 1;
}

/* Records the first word of an organisation's name as its short form. */
static void note_org(struct linker *L, const struct espan *s, int e)
{
	if (s->type != ENTITY_ORG || !erules_org_short_form(L->r, s))
		return;
	char *w = key_of_tokens(&L->r->ts, s->a, s->a + 1);
	smap_set(&L->orgs, w, e, 1);
	free(w);
}

/* Records an institution's noun ("governo" of "governo tedesco") as the
 * short form of the latest body named with it so far. */
static void note_inst(struct linker *L, const struct espan *s, int e)
{
	if (s->type != ENTITY_ORG || span_words(L->r, s) < 2 ||
	    !erules_inst_noun(L->r, s->a))
		return;
	char *w = key_of_tokens(&L->r->ts, s->a, s->a + 1);
	smap_set(&L->insts, w, e, 0);
	free(w);
}

/* A one-word organisation that starts an organisation's name of the text
 * is that organisation: "Ford" after (or before) "Ford Motor Company";
 * "il governo" after "il governo tedesco" is that government (the latest
 * one named before it: the rules keep such a noun only after the text
 * has named a body with it). */
static int link_org_short(struct linker *L, const struct espan *s)
{
	if (s->canon >= 0 || span_words(L->r, s) != 1)
		return -1;
	char *k = key_of_tokens(&L->r->ts, s->a, s->b);
	int e = smap_get(&L->orgs, k);
	if (e < 0 && erules_inst_noun(L->r, s->a))
		e = smap_get(&L->insts, k);
	free(k);
	return e;
}

/* Short person mentions ("Kim", "Shoigu") join the latest earlier person
 * whose name has that word, else the first later one. */
static int link_short(struct linker *L, const struct espan *s)
{
	char *k = span_key(L, s);
	int e = smap_get(&L->latest, k);
	if (e < 0)
		e = smap_get(&L->first, k);
	if (e < 0)
		return link_key(L, s, k);
	free(k);
	return e;
}

static void link_all(struct linker *L)
{
	const struct erules *r = L->r;
	for (size_t i = 0; i < r->nsp; i++) {	/* first full names */
		const struct espan *s = &r->sp[i];
		if (is_person_name(r, s))
			note_parts(L, s, link_key(L, s, span_key(L, s)));
		else if (s->type == ENTITY_ORG && span_words(r, s) > 1) {
			int e = link_key(L, s, span_key(L, s));
			note_org(L, s, e);
		}
	}
	smap_free(&L->latest);
	smap_init(&L->latest, r->nsp);
	for (size_t i = 0; i < r->nsp; i++) {
		const struct espan *s = &r->sp[i];
		struct entity_mention *m = &L->doc->m[L->doc->nm++];
		int e;
		if (is_person_name(r, s)) {
			e = link_key(L, s, span_key(L, s));
			note_parts(L, s, e);
		} else if (s->type == ENTITY_PER) {
			e = link_short(L, s);
		} else if (s->type == ENTITY_ORG && (e = link_org_short(L, s)) >= 0) {
			/* e is the full name's */
		} else {
			e = link_key(L, s, span_key(L, s));
			note_inst(L, s, e);
		}
		m->off = span_off(r, s);
		m->len = span_len(r, s);
		m->type = L->doc->ent[e].type;
		m->entity = e;
		L->doc->ent[e].count++;
	}
}

int entity_detect_lang(const struct entity_db *db, const char *text,
		       size_t len)
{
	return lang_detect(db->lang, text, len, NULL);
}

void entity_tag(const struct entity_db *db, const char *text, size_t len,
		struct entity_doc *out)
{
	entity_tag_lang(db, entity_detect_lang(db, text, len), text, len, out);
}

void entity_tag_lang(const struct entity_db *db, int lang, const char *text,
		     size_t len, struct entity_doc *out)
{
	struct erules r;
	erules_init(&r, &db->lx, lang);
	erules_run(&r, text, len);
	memset(out, 0, sizeof *out);
	out->m = xcalloc(r.nsp ? r.nsp : 1, sizeof *out->m);
	struct linker L = { &db->lx, &r, text, out, 0, 0, NULL, { 0 }, { 0 }, { 0 },
			    { 0 }, { 0 } };
	smap_init(&L.bykey, r.nsp);
	smap_init(&L.first, r.nsp);
	smap_init(&L.latest, r.nsp);
	smap_init(&L.orgs, r.nsp);
	smap_init(&L.insts, r.nsp);
	link_all(&L);
	smap_free(&L.bykey);
	smap_free(&L.first);
	smap_free(&L.latest);
	smap_free(&L.orgs);
	smap_free(&L.insts);
	free(L.words);
	erules_free(&r);
}

void entity_doc_free(struct entity_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nent; i++) {
		free(doc->ent[i].name);
		free(doc->ent[i].key);
	}
	free(doc->ent);
	free(doc->m);
	memset(doc, 0, sizeof *doc);
}

/* ---- the measuring interface ---- */

/* Sentences of a token list: [a, b) between "" tokens; doc is the number
 * of the document (two "" in a row start a new one). */
struct sent {
	size_t a, b;
	size_t doc;
	struct lang_score sc;	/* of the sentence alone */
	int lang;
};

static struct sent *split_sentences(const struct entity_db *db,
				    const char *const *tok, size_t n,
				    size_t *ns)
{
	struct sent *s = NULL;
	size_t cap = 0, doc = 0;
	*ns = 0;
	for (size_t a = 0, b; a < n; a = b + 1) {
		for (b = a; b < n && tok[b][0]; b++)
			;
		if (b == a) {	/* an empty sentence: a document break */
			doc++;
			continue;
		}
		s = xgrow(s, &cap, *ns + 1, sizeof *s);
		struct sent *x = &s[(*ns)++];
		memset(x, 0, sizeof *x);
		x->a = a;
		x->b = b;
		x->doc = doc;
		for (size_t k = a; k < b; k++)
			lang_score_add(db->lang, tok[k], strlen(tok[k]), &x->sc);
	}
	return s;
}

static void score_sum(struct lang_score *to, const struct lang_score *add)
{
	for (int l = 0; l < LANG_N; l++)
		to->score[l] += add->score[l];
	to->words += add->words;
}

/* Each sentence's language: its own when its function words tell it,
 * else that of the sentences around it in its document (LANG_WINDOW
 * either side), else of its whole document, else unknown. A headline of
 * four words takes the language of its story. */
enum { LANG_WINDOW = 8 };

static void sentence_langs(struct sent *s, size_t ns)
{
	int doc_lang = LANG_UNKNOWN;
	for (size_t i = 0; i < ns; i++) {
		if (i == 0 || s[i].doc != s[i - 1].doc) {
			struct lang_score d = { { 0 }, 0 };
			for (size_t k = i; k < ns && s[k].doc == s[i].doc; k++)
				score_sum(&d, &s[k].sc);
			doc_lang = lang_score_best(&d, NULL);
		}
		s[i].lang = lang_score_best(&s[i].sc, NULL);
		if (s[i].lang != LANG_UNKNOWN)
			continue;	/* it says so itself */
		struct lang_score w = { { 0 }, 0 };
		for (size_t k = i >= LANG_WINDOW ? i - LANG_WINDOW : 0;
		     k < ns && k <= i + LANG_WINDOW; k++)
			if (s[k].doc == s[i].doc)
				score_sum(&w, &s[k].sc);
		s[i].lang = lang_score_best(&w, NULL);
		if (s[i].lang == LANG_UNKNOWN)
			s[i].lang = doc_lang;
	}
}

void entity_tag_tokens_why(const struct entity_db *db, int lang,
			   const char *const *tok, size_t n, int *labels,
			   const char **why)
{
	for (size_t i = 0; i < n; i++) {
		labels[i] = ENTITY_NONE;
		if (why)
			why[i] = NULL;
	}
	size_t ns;
	struct sent *s = split_sentences(db, tok, n, &ns);
	if (lang == LANG_UNKNOWN)
		sentence_langs(s, ns);
	else
		for (size_t i = 0; i < ns; i++)
			s[i].lang = lang;
	/* one run of the rules per stretch of sentences of one language, so
	 * that document consistency works across sentences as in an article */
	struct erules r;
	for (size_t i = 0, j; i < ns; i = j) {
		for (j = i + 1; j < ns && s[j].lang == s[i].lang &&
			       s[j].doc == s[i].doc; j++)
			;
		size_t a = s[i].a, b = s[j - 1].b;
		erules_init(&r, &db->lx, s[i].lang);
		erules_tag_tokens(&r, tok + a, b - a, labels + a,
				  why ? why + a : NULL);
		erules_free(&r);
	}
	free(s);
}

void entity_tag_tokens(const struct entity_db *db, int lang,
		       const char *const *tok, size_t n, int *labels)
{
	entity_tag_tokens_why(db, lang, tok, n, labels, NULL);
}
