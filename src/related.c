/* related.c: related articles and story threads: weighted word and entity
 * vectors, an inverted index over their strongest features, top lists per
 * article, and threads joined by union-find. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "buf.h"
#include "entity.h"
#include "related.h"
#include "terms.h"

/* Tuning; tools/eval_related.sh measures the ranking, tools/bench_related.c
 * the cost. */
#define REL_FEATURES 96		/* strongest features kept per article */
#define REL_INDEXED 32		/* strongest features posted per article */
#define REL_POSTINGS 256	/* strongest articles kept per feature */
#define REL_BUDGET 4096		/* postings visited per article, at most */
#define REL_DF_FRACTION 0.05	/* a feature in more articles than this share */
#define REL_DF_FLOOR 500	/* (and than this count) finds no candidates */
#define REL_CANDIDATES 16	/* scored exactly per article */
#define REL_RAW_BLOCK (4 << 20)	/* bytes of raw counts per block */
#define REL_WSCALE 65535.0	/* a vector weight of 1, quantised */
#define REL_W(q) ((float)((q) / REL_WSCALE))
/* idf counts this many more articles, none with the feature: a word in all
 * five articles of a small archive still weighs what it would in a large
 * one, where it would be rare; the prior fades as the archive grows. */
#define REL_IDF_PRIOR 100.0
/* An entity's words are features too: the entity adds half a word on top,
 * so a shared name outweighs a shared word without drowning the rest (a
 * full or double weight measured worse, see tools/eval_related.sh). */
#define REL_ENTITY_BOOST 0.5
#define REL_HUB_SHARE 0.5	/* of a hit's hubness taken off its rank */
#define REL_HUB_K 2		/* best scores that tell how much of a hub */
#define REL_HUB_MIN_DOCS 50	/* ... in an archive at least this large */
#define REL_TIME_BLEND 0.4	/* share of the score that fades with time */
#define REL_TIME_DAYS 30.0	/* ... to half after this many days */
#define REL_MIN_SCORE 0.01	/* below this an article is not related */
#define REL_THREAD_RANK 3	/* a dated link: in the first 3 or in both lists */
#define REL_THREAD_SCORE 0.10	/* ... scoring this much */
#define REL_THREAD_STRONG 0.15	/* an undated link: mutual best, this much */

/* The ranking's share of the index cache's stamp (related_stamp): a cache
 * whose lists another ranking made ranks them again by itself. Bump
 * RELATED_VERSION when the way of ranking (here or in terms.c) changes;
 * the weights and limits above count by themselves (a new one joins the
 * list in related_stamp). */
#define RELATED_VERSION 1

/* Entity keys are interned beside words, behind a byte no word contains,
 * so the entity "roma" and the word "roma" stay apart. Keys, not types,
 * make the identity: a recogniser may type one name differently in two
 * articles. */
#define REL_ENTITY_MARK 1

#define REL_STR_(x) #x
#define REL_STR(x) REL_STR_(x)

const char *related_stamp(void)
{
	return "related " REL_STR(RELATED_VERSION) ": " REL_STR(REL_FEATURES) " "
	       REL_STR(REL_INDEXED) " " REL_STR(REL_POSTINGS) " " REL_STR(REL_BUDGET) " "
	       REL_STR(REL_DF_FRACTION) " " REL_STR(REL_DF_FLOOR) " "
	       REL_STR(REL_CANDIDATES) " " REL_STR(REL_WSCALE) " "
	       REL_STR(REL_IDF_PRIOR) " " REL_STR(REL_ENTITY_BOOST) " "
	       REL_STR(REL_HUB_SHARE) " " REL_STR(REL_HUB_K) " "
	       REL_STR(REL_HUB_MIN_DOCS) " " REL_STR(REL_TIME_BLEND) " "
	       REL_STR(REL_TIME_DAYS) " " REL_STR(REL_MIN_SCORE) " "
	       REL_STR(REL_THREAD_RANK) " " REL_STR(REL_THREAD_SCORE) " "
	       REL_STR(REL_THREAD_STRONG);
}

struct scored {
	float w;
	uint32_t id;
};

/* Raw counts of consecutive articles; an article never straddles two. */
struct raw_block {
	struct raw_block *next;
	size_t size;		/* of the mapping */
	size_t len, cap;
	unsigned char data[];
};

struct related_index {
	struct terms *terms;
	bool finished;
	size_t ndocs, doccap;
	long *days;
	size_t *vstart;		/* doc -> first feature; raw counts, then vectors */
	/* per feature id */
	size_t fcap;
	uint32_t *df;		/* articles containing it */
	uint8_t *ftype;		/* 0 for a word, 1 + ENTITY_* for an entity */
	uint32_t *cnt;		/* occurrences in the article being added */
	/* raw counts, while adding: each article's (feature, count) pairs,
	 * varint-coded into blocks that weighing frees as it goes */
	struct raw_block *raw, *rawtail;
	struct buf enc;		/* the article being coded */
	size_t maxfeat;		/* the most features of one article */
	/* scratch for related_add */
	uint32_t *ids, *uniq;
	size_t idcap, uniqcap;
	struct buf key;
	/* after related_finish: unit-length vectors sorted by feature id ... */
	uint32_t *vfid;
	uint16_t *vw;		/* weight in (0, 1] times REL_WSCALE */
	/* ... postings per feature, strongest first, at most REL_POSTINGS ... */
	size_t *pstart;
	struct scored *post;	/* id is the article */
	/* ... top lists, RELATED_MAX slots per article ... */
	uint8_t *hn;
	struct scored *hit;	/* id is the article, w the score */
	/* ... and threads */
	uint32_t *thread;	/* doc -> thread */
	size_t nthreads;
	size_t *tstart;		/* thread -> first member in tmember */
	uint32_t *tmember;
};

struct related_index *related_new(void)
{
	struct related_index *ix = xcalloc(1, sizeof *ix);
	ix->terms = terms_new();
	ix->vstart = xmalloc(sizeof *ix->vstart);
	ix->vstart[0] = 0;
	return ix;
}

/* Raw blocks are mapped from the system rather than taken from malloc's
 * heap: freed while the vectors are built, they must go back to the system
 * then, or the peak would hold both (malloc keeps freed heap memory). */
static struct raw_block *raw_block_new(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		/* malloc then, which aborts if memory is really out */
		struct raw_block *b = xmalloc(size);
		b->size = 0;
		return b;
	}
	struct raw_block *b = p;
	b->size = size;
	return b;
}

static void raw_block_free(struct raw_block *b)
{
	if (b->size)
		munmap(b, b->size);
	else
		free(b);
}

static void related_free_raw(struct related_index *ix)
{
	while (ix->raw) {
		struct raw_block *next = ix->raw->next;
		raw_block_free(ix->raw);
		ix->raw = next;
	}
	ix->rawtail = NULL;
}

void related_free(struct related_index *ix)
{
	if (!ix)
		return;
	terms_free(ix->terms);
	free(ix->days);
	free(ix->vstart);
	free(ix->df);
	free(ix->ftype);
	free(ix->cnt);
	related_free_raw(ix);
	buf_free(&ix->enc);
	free(ix->ids);
	free(ix->uniq);
	buf_free(&ix->key);
	free(ix->vfid);
	free(ix->vw);
	free(ix->pstart);
	free(ix->post);
	free(ix->hn);
	free(ix->hit);
	free(ix->thread);
	free(ix->tstart);
	free(ix->tmember);
	free(ix);
}

size_t related_count(const struct related_index *ix)
{
	return ix->ndocs;
}

/* ---- adding articles ---- */

/* Grows the per-feature arrays to cover every id the terms table gave out;
 * new slots start at zero. */
static void related_grow_features(struct related_index *ix)
{
	size_t need = terms_count(ix->terms), old = ix->fcap, cap = old;
	if (need <= old)
		return;
	ix->df = xgrow(ix->df, &cap, need, sizeof *ix->df);
	cap = old;
	ix->ftype = xgrow(ix->ftype, &cap, need, sizeof *ix->ftype);
	cap = old;
	ix->cnt = xgrow(ix->cnt, &cap, need, sizeof *ix->cnt);
	memset(ix->df + old, 0, (cap - old) * sizeof *ix->df);
	memset(ix->ftype + old, 0, (cap - old) * sizeof *ix->ftype);
	memset(ix->cnt + old, 0, (cap - old) * sizeof *ix->cnt);
	ix->fcap = cap;
}

static void related_count_one(struct related_index *ix, uint32_t id, uint32_t n,
			      size_t *nuniq)
{
	if (ix->cnt[id] == 0) {
		ix->uniq = xgrow(ix->uniq, &ix->uniqcap, *nuniq + 1, sizeof *ix->uniq);
		ix->uniq[(*nuniq)++] = id;
	}
	ix->cnt[id] += n;
}

static uint32_t related_entity_id(struct related_index *ix, const char *key,
				  int type)
{
	if (type < 0 || type >= ENTITY_NTYPES)
		type = ENTITY_NONE;
	buf_reset(&ix->key);
	buf_addc(&ix->key, (char)REL_ENTITY_MARK);
	buf_adds(&ix->key, key);
	uint32_t id = terms_intern(ix->terms, ix->key.data, ix->key.len);
	related_grow_features(ix);
	if (!ix->ftype[id])
		ix->ftype[id] = (uint8_t)(1 + type);
	return id;
}

/* b has room: related_store_counts grew it. */
static void raw_put(struct buf *b, uint32_t v)
{
	while (v >= 0x80) {
		b->data[b->len++] = (char)(v | 0x80);
		v >>= 7;
	}
	b->data[b->len++] = (char)v;
}

static uint32_t raw_get(const unsigned char **p)
{
	uint32_t v = 0;
	for (int shift = 0;; shift += 7) {
		unsigned char c = *(*p)++;
		v |= (uint32_t)(c & 0x7f) << shift;
		if (c < 0x80)
			return v;
	}
}

/* Appends the coded article in ix->enc to the last block, or to a new one
 * when it does not fit. */
static void related_append_raw(struct related_index *ix)
{
	struct raw_block *t = ix->rawtail;
	size_t n = ix->enc.len;
	if (!t || t->cap - t->len < n) {
		size_t cap = n > REL_RAW_BLOCK ? n : REL_RAW_BLOCK;
		struct raw_block *b = raw_block_new(sizeof *b + cap);
		b->next = NULL;
		b->len = 0;
		b->cap = cap;
		if (t)
			t->next = b;
		else
			ix->raw = b;
		ix->rawtail = t = b;
	}
	memcpy(t->data + t->len, ix->enc.data, n);
	t->len += n;
}

/* Codes the counts of the article just scanned: their number, then per
 * feature its id shifted left, the low bit telling whether a count above
 * one follows (most words occur once). About 2.5 bytes a feature where
 * plain arrays took 5. */
static void related_store_counts(struct related_index *ix, size_t nuniq)
{
	buf_reset(&ix->enc);
	buf_grow(&ix->enc, 6 * (nuniq + 1));	/* 5 bytes a varint, 1 a count */
	raw_put(&ix->enc, (uint32_t)nuniq);
	for (size_t i = 0; i < nuniq; i++) {
		uint32_t id = ix->uniq[i], c = ix->cnt[id] > 255 ? 255 : ix->cnt[id];
		raw_put(&ix->enc, id << 1 | (c > 1));
		if (c > 1)
			ix->enc.data[ix->enc.len++] = (char)c;
		ix->df[id]++;
		ix->cnt[id] = 0;
	}
	related_append_raw(ix);
	ix->maxfeat = nuniq > ix->maxfeat ? nuniq : ix->maxfeat;
}

int related_add(struct related_index *ix, const char *text, size_t len,
		const char *const *ent_keys, const int *ent_types,
		const int *ent_counts, size_t nent, long days)
{
	if (ix->finished || ix->ndocs >= UINT32_MAX - 1)
		return -1;
	size_t n = text ? terms_scan(ix->terms, text, len, &ix->ids, &ix->idcap, NULL) : 0;
	related_grow_features(ix);
	size_t nuniq = 0;
	for (size_t i = 0; i < n; i++)
		related_count_one(ix, ix->ids[i], 1, &nuniq);
	for (size_t i = 0; i < nent; i++) {
		if (!ent_keys[i] || !ent_keys[i][0])
			continue;
		int c = ent_counts && ent_counts[i] > 0 ? ent_counts[i] : 1;
		uint32_t id = related_entity_id(ix, ent_keys[i],
						ent_types ? ent_types[i] : ENTITY_NONE);
		related_count_one(ix, id, (uint32_t)c, &nuniq);
	}
	related_store_counts(ix, nuniq);
	size_t cap = ix->doccap;	/* both arrays share one capacity */
	ix->days = xgrow(ix->days, &cap, ix->ndocs + 2, sizeof *ix->days);
	ix->vstart = xgrow(ix->vstart, &ix->doccap, ix->ndocs + 2, sizeof *ix->vstart);
	ix->days[ix->ndocs++] = days < 0 ? -1 : days;
	return 0;
}

/* ---- selecting and sorting scored items ---- */

/* Higher weight first; the id breaks ties so results never depend on the
 * order the items happened to arrive in. */
static bool scored_before(struct scored a, struct scored b)
{
	return a.w > b.w || (a.w == b.w && a.id < b.id);
}

static void scored_swap(struct scored *a, struct scored *b)
{
	struct scored t = *a;
	*a = *b;
	*b = t;
}

static size_t scored_partition(struct scored *a, size_t lo, size_t hi)
{
	scored_swap(&a[lo + (hi - lo) / 2], &a[hi - 1]);
	struct scored p = a[hi - 1];
	size_t s = lo;
	for (size_t i = lo; i + 1 < hi; i++)
		if (scored_before(a[i], p))
			scored_swap(&a[i], &a[s++]);
	scored_swap(&a[s], &a[hi - 1]);
	return s;
}

/* Rearranges a[0..n) so that a[0..k) holds the k best items, in no order:
 * linear on average, where sorting everything would not be. */
static void scored_select(struct scored *a, size_t n, size_t k)
{
	size_t lo = 0, hi = n;
	while (k > lo && k < hi && hi - lo > 1) {
		size_t s = scored_partition(a, lo, hi);
		if (s < k)
			lo = s + 1;
		else
			hi = s;
	}
}

/* Insertion sort: the arrays sorted here hold a few dozen items. */
static void scored_sort_best(struct scored *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct scored x = a[i];
		size_t j = i;
		for (; j > 0 && scored_before(x, a[j - 1]); j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

static void scored_sort_id(struct scored *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		struct scored x = a[i];
		size_t j = i;
		for (; j > 0 && x.id < a[j - 1].id; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* ---- weighing: unit vectors of the strongest features ---- */

/* Per feature, what one occurrence weighs: BM25's idf, with
 * REL_IDF_PRIOR (never zero, so even a feature every article shares, in a
 * small archive about one story, still links them), times
 * REL_ENTITY_BOOST for an entity; negative for a feature of one article
 * only, which counts in its norm but can match nothing. One array, so
 * that weighing an article reads one place per feature. */
static float *related_feature_weights(const struct related_index *ix)
{
	size_t nf = terms_count(ix->terms);
	float *fw = xmalloc((nf ? nf : 1) * sizeof *fw);
	double n = (double)ix->ndocs;
	for (size_t f = 0; f < nf; f++) {
		double df = ix->df[f];
		double w = log(1.0 + (n + REL_IDF_PRIOR - df + 0.5) / (df + 0.5));
		if (ix->ftype[f])
			w *= REL_ENTITY_BOOST;
		fw[f] = (float)(df > 1 ? w : -w);
	}
	return fw;
}

/* Sublinear tf times the feature's weight, the whole of unit length. Only features some other article has too are kept (the
 * others count in the norm but could match nothing), at most REL_FEATURES
 * of them, the largest: pruning only drops mass. Reads the article's raw
 * counts at *p and moves *p past them. */
static size_t related_weigh_doc(const unsigned char **p, const float *fw,
				const float *tfw, struct scored *tmp)
{
	size_t n = raw_get(p), m = 0;
	double norm = 0;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = raw_get(p), f = v >> 1, tf = v & 1 ? *(*p)++ : 1;
		float w = tfw[tf] * fw[f];
		norm += (double)w * w;
		if (w > 0)
			tmp[m++] = (struct scored){ w, f };
	}
	if (m > REL_FEATURES) {
		scored_select(tmp, m, REL_FEATURES);
		m = REL_FEATURES;
	}
	norm = norm > 0 ? sqrt(norm) : 1;
	for (size_t i = 0; i < m; i++)
		tmp[i].w = (float)(tmp[i].w / norm);
	scored_sort_id(tmp, m);
	return m;
}

/* Vector weights are kept in 16 bits (a vector is unit length, so every
 * weight is at most 1): a third less memory than floats, and scores change
 * in the fifth decimal. A weight never rounds to nothing. */
static uint16_t related_quantise(float w)
{
	double q = w * REL_WSCALE + 0.5;
	return (uint16_t)(q < 1 ? 1 : q > REL_WSCALE ? REL_WSCALE : q);
}

/* Weighs every article, block by block, freeing each block once read,
 * while the vectors grow (large blocks are grown by remapping, not
 * copying): they take the place of the raw counts rather than adding to
 * them at the peak. */
static void related_build_vectors(struct related_index *ix)
{
	float *fw = related_feature_weights(ix), tfw[256];
	for (int tf = 0; tf < 256; tf++)	/* sublinear: 1 + log tf */
		tfw[tf] = tf ? (float)(1.0 + log(tf)) : 0;
	struct scored *tmp = xmalloc((ix->maxfeat ? ix->maxfeat : 1) * sizeof *tmp);
	size_t o = 0, d = 0, fcap = 0, wcap = 0;
	while (ix->raw) {
		struct raw_block *b = ix->raw;
		for (const unsigned char *p = b->data; p < b->data + b->len; d++) {
			size_t n = related_weigh_doc(&p, fw, tfw, tmp);
			ix->vfid = xgrow(ix->vfid, &fcap, o + n + 1, sizeof *ix->vfid);
			ix->vw = xgrow(ix->vw, &wcap, o + n + 1, sizeof *ix->vw);
			for (size_t i = 0; i < n; i++) {
				ix->vfid[o + i] = tmp[i].id;
				ix->vw[o + i] = related_quantise(tmp[i].w);
			}
			ix->vstart[d] = o;
			o += n;
		}
		ix->raw = b->next;
		raw_block_free(b);
	}
	ix->rawtail = NULL;
	ix->vstart[d] = o;
	free(tmp);
	free(fw);
}

/* ---- the inverted index ---- */

/* Features in more articles than this find no candidates: they would touch
 * a large share of the archive and say little. */
static double related_dfcap(const struct related_index *ix)
{
	double cap = REL_DF_FRACTION * (double)ix->ndocs;
	return cap < REL_DF_FLOOR ? REL_DF_FLOOR : cap;
}

/* Marks in keep[] (per vector entry) the REL_INDEXED strongest features of
 * each article that are rare enough to be probed: the only ones posted. A
 * related article shares some of the other's strongest features, and the
 * exact score still uses the whole vectors. */
static uint8_t *related_index_marks(const struct related_index *ix)
{
	size_t total = ix->vstart[ix->ndocs];
	uint8_t *keep = xcalloc(total ? total : 1, 1);
	struct scored tmp[REL_FEATURES];
	double dfcap = related_dfcap(ix);
	for (size_t d = 0; d < ix->ndocs; d++) {
		size_t a = ix->vstart[d], m = 0;
		for (size_t i = a; i < ix->vstart[d + 1]; i++)
			if (ix->df[ix->vfid[i]] <= dfcap)
				tmp[m++] = (struct scored){ REL_W(ix->vw[i]), (uint32_t)(i - a) };
		size_t k = m < REL_INDEXED ? m : REL_INDEXED;
		scored_select(tmp, m, k);
		for (size_t i = 0; i < k; i++)
			keep[a + tmp[i].id] = 1;
	}
	return keep;
}

static int scored_cmp_best(const void *pa, const void *pb)
{
	const struct scored *a = pa, *b = pb;
	return scored_before(*a, *b) ? -1 : scored_before(*b, *a);
}

/* Postings per feature, from the marked entries of the vectors. Only the
 * REL_POSTINGS strongest are kept, strongest first: a candidate reached
 * through a feature that weighs little in it would score low anyway, and
 * the cap bounds the work per article whatever the archive's size. */
static void related_build_postings(struct related_index *ix)
{
	size_t nf = terms_count(ix->terms), total = ix->vstart[ix->ndocs], np = 0;
	uint8_t *keep = related_index_marks(ix);
	size_t *ps = xcalloc(nf + 2, sizeof *ps);
	for (size_t i = 0; i < total; i++)
		if (keep[i]) {
			ps[ix->vfid[i] + 2]++;
			np++;
		}
	for (size_t f = 2; f < nf + 2; f++)
		ps[f] += ps[f - 1];
	/* ps[f + 1] is the fill cursor of f; after filling, ps[f] its start */
	struct scored *post = xmalloc((np ? np : 1) * sizeof *post);
	for (size_t d = 0; d < ix->ndocs; d++)
		for (size_t i = ix->vstart[d]; i < ix->vstart[d + 1]; i++)
			if (keep[i])
				post[ps[ix->vfid[i] + 1]++] = (struct scored){ REL_W(ix->vw[i]), (uint32_t)d };
	free(keep);
	size_t o = 0;
	for (size_t f = 0; f < nf; f++) {
		size_t a = ps[f], n = ps[f + 1] - a;
		scored_select(post + a, n, REL_POSTINGS);
		n = n < REL_POSTINGS ? n : REL_POSTINGS;
		qsort(post + a, n, sizeof *post, scored_cmp_best);
		memmove(post + o, post + a, n * sizeof *post);
		ps[f] = o;	/* ps[f + 1] is still the old start of f + 1 */
		o += n;
	}
	ps[nf] = o;
	ix->pstart = ps;
	ix->post = xrealloc(post, (o ? o : 1) * sizeof *post);
}

/* ---- ranking ---- */

struct rank_scratch {
	float *acc;		/* per article: partial dot product */
	uint32_t *touched;	/* articles with acc != 0 */
	struct scored *cand;
	struct scored probe[REL_FEATURES];
};

/* Dated articles lose up to REL_TIME_BLEND of their score as they grow
 * apart, so an old story still shows, below a fresh one; without both dates
 * nothing is guessed. */
static double related_time_factor(long a, long b)
{
	if (a < 0 || b < 0)
		return 1.0;
	double days = (double)labs(a - b);
	return 1.0 - REL_TIME_BLEND + REL_TIME_BLEND / (1.0 + days / REL_TIME_DAYS);
}

/* Accumulates partial scores of d against the articles that share its
 * features, strongest feature first, until REL_BUDGET postings were read:
 * small archives are searched exhaustively, large ones at a bounded cost.
 * Returns how many articles were touched. */
static size_t related_probe(const struct related_index *ix,
			    struct rank_scratch *s, uint32_t d)
{
	size_t a = ix->vstart[d], n = ix->vstart[d + 1] - a, nt = 0, read = 0;
	for (size_t i = 0; i < n; i++)
		s->probe[i] = (struct scored){ REL_W(ix->vw[a + i]), ix->vfid[a + i] };
	qsort(s->probe, n, sizeof *s->probe, scored_cmp_best);
	for (size_t j = 0; j < n && read < REL_BUDGET; j++) {
		uint32_t f = s->probe[j].id;
		size_t p = ix->pstart[f], end = ix->pstart[f + 1];
		if (end - p > REL_BUDGET - read)
			end = p + (REL_BUDGET - read);
		read += end - p;
		for (; p < end; p++) {
			uint32_t e = ix->post[p].id;
			if (e == d)
				continue;
			if (s->acc[e] == 0)
				s->touched[nt++] = e;
			s->acc[e] += s->probe[j].w * ix->post[p].w;
		}
	}
	return nt;
}

/* Exact (pruned) cosine of d and e: a merge of their id-sorted vectors,
 * which reads both in order. */
static double related_dot(const struct related_index *ix, uint32_t d, uint32_t e)
{
	size_t i = ix->vstart[d], ie = ix->vstart[d + 1];
	size_t j = ix->vstart[e], je = ix->vstart[e + 1];
	uint64_t sum = 0;
	while (i < ie && j < je) {
		uint32_t a = ix->vfid[i], b = ix->vfid[j];
		if (a == b)
			sum += (uint32_t)ix->vw[i] * ix->vw[j];
		i += a <= b;
		j += b <= a;
	}
	return (double)sum / (REL_WSCALE * REL_WSCALE);
}

/* Candidates' vectors lie anywhere in a large array: asking for all of
 * them before scoring any lets their cache misses overlap. */
static void related_prefetch_vector(const struct related_index *ix, uint32_t e)
{
#if defined(__GNUC__)
	size_t a = ix->vstart[e], n = ix->vstart[e + 1] - a;
	for (size_t i = 0; i < n; i += 64 / sizeof *ix->vfid)
		__builtin_prefetch(ix->vfid + a + i);
	for (size_t i = 0; i < n; i += 64 / sizeof *ix->vw)
		__builtin_prefetch(ix->vw + a + i);
#else
	(void)ix;
	(void)e;
#endif
}

/* The partial scores pick REL_CANDIDATES candidates; these are scored
 * exactly, so that a score is the same seen from either article. */
static void related_rank_doc(struct related_index *ix, struct rank_scratch *s,
			     uint32_t d)
{
	size_t nt = related_probe(ix, s, d);
	for (size_t i = 0; i < nt; i++) {
		s->cand[i] = (struct scored){ s->acc[s->touched[i]], s->touched[i] };
		s->acc[s->touched[i]] = 0;
	}
	size_t c = nt < REL_CANDIDATES ? nt : REL_CANDIDATES;
	scored_select(s->cand, nt, c);
	for (size_t i = 0; i < c; i++)
		related_prefetch_vector(ix, s->cand[i].id);
	for (size_t i = 0; i < c; i++) {
		uint32_t e = s->cand[i].id;
		s->cand[i].w = (float)(related_dot(ix, d, e) *
				       related_time_factor(ix->days[d], ix->days[e]));
	}
	scored_sort_best(s->cand, c);
	size_t k = 0;
	for (size_t i = 0; i < c && k < RELATED_MAX && s->cand[i].w >= REL_MIN_SCORE; i++)
		ix->hit[(size_t)d * RELATED_MAX + k++] = s->cand[i];
	ix->hn[d] = (uint8_t)k;
}

static void related_rank_all(struct related_index *ix)
{
	size_t nd = ix->ndocs ? ix->ndocs : 1;
	struct rank_scratch s;
	s.acc = xcalloc(nd, sizeof *s.acc);
	s.touched = xmalloc(nd * sizeof *s.touched);
	s.cand = xmalloc(nd * sizeof *s.cand);
	ix->hn = xcalloc(nd, sizeof *ix->hn);
	ix->hit = xmalloc(nd * RELATED_MAX * sizeof *ix->hit);
	for (size_t d = 0; d < ix->ndocs; d++)
		related_rank_doc(ix, &s, (uint32_t)d);
	free(s.acc);
	free(s.touched);
	free(s.cand);
	/* the postings only find candidates: queries need the vectors alone */
	free(ix->pstart);
	free(ix->post);
	ix->pstart = NULL;
	ix->post = NULL;
}

/* Hubs, articles close to very many others (long or general ones), would
 * otherwise top many lists ahead of a more specific match. So each list is
 * ordered by its score minus half of how close the hit is to its own
 * nearest articles (cross-domain similarity local scaling, as used to match
 * word vectors); the score reported stays the similarity. */
static void related_order_lists(struct related_index *ix)
{
	size_t nd = ix->ndocs;
	if (nd < REL_HUB_MIN_DOCS)
		return;	/* too few articles to tell a hub */
	float *hub = xmalloc((nd ? nd : 1) * sizeof *hub);
	for (size_t d = 0; d < nd; d++) {
		double sum = 0;
		for (size_t i = 0; i < ix->hn[d] && i < REL_HUB_K; i++)
			sum += ix->hit[d * RELATED_MAX + i].w;
		hub[d] = (float)(sum / REL_HUB_K);
	}
	for (size_t d = 0; d < nd; d++) {
		struct scored *h = ix->hit + d * RELATED_MAX, adj[RELATED_MAX], old[RELATED_MAX];
		size_t n = ix->hn[d];
		for (size_t i = 0; i < n; i++) {
			old[i] = h[i];
			adj[i] = (struct scored){ h[i].w - hub[h[i].id] * REL_HUB_SHARE, (uint32_t)i };
		}
		scored_sort_best(adj, n);
		for (size_t i = 0; i < n; i++)
			h[i] = old[adj[i].id];
	}
	free(hub);
}

/* ---- threads ---- */

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];	/* path halving */
		x = parent[x];
	}
	return x;
}

static void uf_union(uint32_t *parent, uint32_t a, uint32_t b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

static bool related_in_top(const struct related_index *ix, uint32_t d,
			   uint32_t e, size_t rank)
{
	const struct scored *h = ix->hit + (size_t)d * RELATED_MAX;
	for (size_t r = 0; r < ix->hn[d] && r < rank; r++)
		if (h[r].id == e)
			return true;
	return false;
}

/* Both dated: close in time, related enough, and near the top of one list
 * or in both lists. Otherwise nothing says the two are one event but the
 * text: they must be each other's best match, and a strong one, so that an
 * undated article cannot glue two stories together. */
static bool related_thread_link(const struct related_index *ix, uint32_t d,
				size_t rank)
{
	struct scored h = ix->hit[(size_t)d * RELATED_MAX + rank];
	long a = ix->days[d], b = ix->days[h.id];
	if (a >= 0 && b >= 0)
		return labs(a - b) <= RELATED_THREAD_DAYS && h.w >= REL_THREAD_SCORE &&
		       (rank < REL_THREAD_RANK || related_in_top(ix, h.id, d, RELATED_MAX));
	return rank == 0 && h.w >= REL_THREAD_STRONG && related_in_top(ix, h.id, d, 1);
}

struct member_key {
	uint32_t thread, doc;
	long day;		/* LONG_MAX when undated, so undated sort last */
};

static int member_key_cmp(const void *pa, const void *pb)
{
	const struct member_key *a = pa, *b = pb;
	if (a->thread != b->thread)
		return a->thread < b->thread ? -1 : 1;
	if (a->day != b->day)
		return a->day < b->day ? -1 : 1;
	return a->doc < b->doc ? -1 : a->doc > b->doc;
}

static void related_number_threads(struct related_index *ix, uint32_t *parent)
{
	size_t nd = ix->ndocs;
	uint32_t *num = xmalloc((nd ? nd : 1) * sizeof *num);
	ix->thread = xmalloc((nd ? nd : 1) * sizeof *ix->thread);
	for (size_t d = 0; d < nd; d++)
		num[d] = UINT32_MAX;
	for (size_t d = 0; d < nd; d++) {
		uint32_t r = uf_find(parent, (uint32_t)d);
		if (num[r] == UINT32_MAX)
			num[r] = (uint32_t)ix->nthreads++;
		ix->thread[d] = num[r];
	}
	free(num);
}

static void related_build_threads(struct related_index *ix)
{
	size_t nd = ix->ndocs;
	uint32_t *parent = xmalloc((nd ? nd : 1) * sizeof *parent);
	for (size_t d = 0; d < nd; d++)
		parent[d] = (uint32_t)d;
	for (size_t d = 0; d < nd; d++)
		for (size_t r = 0; r < ix->hn[d]; r++)
			if (related_thread_link(ix, (uint32_t)d, r))
				uf_union(parent, (uint32_t)d, ix->hit[d * RELATED_MAX + r].id);
	related_number_threads(ix, parent);
	free(parent);
	struct member_key *k = xmalloc((nd ? nd : 1) * sizeof *k);
	for (size_t d = 0; d < nd; d++)
		k[d] = (struct member_key){ ix->thread[d], (uint32_t)d,
					    ix->days[d] < 0 ? LONG_MAX : ix->days[d] };
	qsort(k, nd, sizeof *k, member_key_cmp);
	ix->tstart = xcalloc(ix->nthreads + 1, sizeof *ix->tstart);
	ix->tmember = xmalloc((nd ? nd : 1) * sizeof *ix->tmember);
	for (size_t i = 0; i < nd; i++) {
		ix->tmember[i] = k[i].doc;
		ix->tstart[k[i].thread + 1] = i + 1;
	}
	free(k);
}

/* The rest of an article's own story comes first in its list, then the
 * other related articles, each part in its order. */
static void related_story_first(struct related_index *ix)
{
	for (size_t d = 0; d < ix->ndocs; d++) {
		struct scored *h = ix->hit + d * RELATED_MAX, rest[RELATED_MAX];
		size_t n = ix->hn[d], k = 0, nrest = 0;
		for (size_t i = 0; i < n; i++) {
			if (ix->thread[h[i].id] == ix->thread[d])
				h[k++] = h[i];
			else
				rest[nrest++] = h[i];
		}
		memcpy(h + k, rest, nrest * sizeof *rest);
	}
}

void related_finish(struct related_index *ix)
{
	if (ix->finished)
		return;
	ix->finished = true;
	related_grow_features(ix);
	/* counts of the article being added: no article will be */
	free(ix->cnt);
	ix->cnt = NULL;
	related_build_vectors(ix);
	related_build_postings(ix);
	related_rank_all(ix);
	related_order_lists(ix);
	related_build_threads(ix);
	related_story_first(ix);
}

/* ---- queries ---- */

/* Is w a whole word of the entity key? Then it would only repeat it. */
static bool related_word_in(const char *key, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = strstr(key, w); p; p = strstr(p + 1, w)) {
		bool start = p == key || p[-1] == ' ' || p[-1] == '-';
		bool end = p[n] == '\0' || p[n] == ' ' || p[n] == '-';
		if (start && end)
			return true;
	}
	return false;
}

static bool related_term_repeats(const struct related_hit *h, const char *w)
{
	for (size_t i = 0; i < h->nent; i++)
		if (related_word_in(h->shared_entities[i], w))
			return true;
	return false;
}

/* Features of both vectors (each sorted by id), by contribution. */
static size_t related_shared(const struct related_index *ix, size_t d,
			     size_t e, struct scored *out)
{
	size_t i = ix->vstart[d], ie = ix->vstart[d + 1];
	size_t j = ix->vstart[e], je = ix->vstart[e + 1], n = 0;
	while (i < ie && j < je) {
		if (ix->vfid[i] < ix->vfid[j]) {
			i++;
		} else if (ix->vfid[i] > ix->vfid[j]) {
			j++;
		} else {
			out[n++] = (struct scored){ REL_W(ix->vw[i]) * REL_W(ix->vw[j]), ix->vfid[i] };
			i++;
			j++;
		}
	}
	scored_sort_best(out, n);
	return n;
}

static void related_reasons(const struct related_index *ix, size_t d,
			    struct related_hit *h)
{
	struct scored sh[REL_FEATURES];
	size_t n = related_shared(ix, d, h->doc, sh);
	h->nent = h->nterm = 0;
	for (size_t i = 0; i < n && h->nent < RELATED_REASONS; i++) {
		uint32_t f = sh[i].id;
		if (!ix->ftype[f])
			continue;
		h->shared_entities[h->nent] = terms_name(ix->terms, f) + 1;
		h->shared_entity_types[h->nent++] = ix->ftype[f] - 1;
	}
	for (size_t i = 0; i < n && h->nterm < RELATED_REASONS; i++) {
		uint32_t f = sh[i].id;
		const char *w = terms_surface(ix->terms, f);
		if (!ix->ftype[f] && !related_term_repeats(h, w))
			h->shared_terms[h->nterm++] = w;
	}
}

size_t related_top(const struct related_index *ix, size_t doc,
		   struct related_hit *out, size_t k)
{
	if (!ix->finished || doc >= ix->ndocs)
		return 0;
	size_t n = ix->hn[doc] < k ? ix->hn[doc] : k;
	for (size_t i = 0; i < n; i++) {
		struct scored s = ix->hit[doc * RELATED_MAX + i];
		struct related_hit *h = &out[i];
		memset(h, 0, sizeof *h);
		h->doc = s.id;
		h->score = s.w;
		long a = ix->days[doc], b = ix->days[s.id];
		h->days_apart = a >= 0 && b >= 0 ? labs(a - b) : -1;
		related_reasons(ix, doc, h);
	}
	return n;
}

size_t related_thread_count(const struct related_index *ix)
{
	return ix->nthreads;
}

size_t related_thread_of(const struct related_index *ix, size_t doc)
{
	if (!ix->finished || doc >= ix->ndocs)
		return (size_t)-1;
	return ix->thread[doc];
}

size_t related_thread_members(const struct related_index *ix, size_t thread,
			      size_t *out, size_t max)
{
	if (!ix->finished || thread >= ix->nthreads)
		return 0;
	size_t a = ix->tstart[thread], n = ix->tstart[thread + 1] - a;
	for (size_t i = 0; i < n && i < max; i++)
		out[i] = ix->tmember[a + i];
	return n;
}
