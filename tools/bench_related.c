/* bench_related.c: the cost of related_add and related_finish on synthetic
 * archives: N articles of about 4 KB, Italian-like (stop words, a Zipfian
 * vocabulary, one of N/20 topics with its own words and entities each).
 * Prints CPU seconds for adding (text generation excluded), for finishing,
 * and the peak resident memory.
 *   cc -O2 -Isrc -o bench_related tools/bench_related.c BUILD/libfilo.a -lunistring -lm
 *   bench_related [N...]            (default: 10000 100000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "buf.h"
#include "entity.h"
#include "related.h"

#define VOCAB 200000
#define DOC_BYTES 4000
#define TOPIC_WORDS 60
#define TOPIC_ENTS 8

static const char *const stop[] = {
	"il", "la", "di", "che", "e", "un", "una", "per", "con", "del", "della",
	"in", "non", "si", "ha", "sono", "le", "dei", "al", "nel", "da", "è",
};

static uint64_t rng = 88172645463325252u;

static uint32_t next(void)
{
	rng ^= rng << 13;	/* xorshift64: fast, reproducible */
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* Word number i, spelled with syllables so that it looks like a word. */
static void word(struct buf *b, uint32_t i)
{
	static const char *const syl[] = { "ra", "to", "me", "ci", "lu", "no",
		"sa", "ve", "bi", "co", "de", "fa", "gi", "pe", "stro", "ma" };
	do {
		buf_adds(b, syl[i % 16]);
		i /= 16;
	} while (i);
	buf_adds(b, i % 2 ? "o" : "e");
}

/* Zipf(1) over VOCAB ranks by inverting a table of cumulative weights. */
static double *zipf_table(void)
{
	double *c = xmalloc(VOCAB * sizeof *c), sum = 0;
	for (uint32_t r = 0; r < VOCAB; r++)
		c[r] = sum += 1.0 / (r + 1);
	return c;
}

static uint32_t zipf(const double *c)
{
	double x = (next() / 4294967296.0) * c[VOCAB - 1];
	uint32_t lo = 0, hi = VOCAB - 1;
	while (lo < hi) {
		uint32_t mid = (lo + hi) / 2;
		if (c[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void make_doc(struct buf *b, const double *c, uint32_t topic)
{
	buf_reset(b);
	while (b->len < DOC_BYTES) {
		uint32_t r = next() % 100;
		if (r < 35)
			buf_adds(b, stop[next() % (sizeof stop / sizeof *stop)]);
		else if (r < 50)
			word(b, VOCAB + topic * TOPIC_WORDS + next() % TOPIC_WORDS);
		else
			word(b, zipf(c));
		buf_adds(b, next() % 12 ? " " : ". ");
	}
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void bench(size_t n, const double *c)
{
	struct related_index *ix = related_new();
	struct buf text = BUF_INIT;
	char key[TOPIC_ENTS][32];
	const char *kp[TOPIC_ENTS];
	int types[TOPIC_ENTS], counts[TOPIC_ENTS];
	double t_add = 0;
	size_t topics = n / 20 ? n / 20 : 1;
	uint32_t *topic_of = xmalloc(n * sizeof *topic_of);
	for (size_t d = 0; d < n; d++) {
		uint32_t topic = topic_of[d] = next() % topics;
		make_doc(&text, c, topic);
		for (int k = 0; k < TOPIC_ENTS; k++) {
			uint32_t e = k < 2 ? next() % 500 : 500 + topic * 8 + next() % 8;
			snprintf(key[k], sizeof key[k], "persona %u", e);
			kp[k] = key[k];
			types[k] = ENTITY_PER;
			counts[k] = 1 + (int)(next() % 4);
		}
		long days = 18000 + (long)(d % 3000);
		double t0 = now();
		related_add(ix, text.data, text.len, kp, types, counts, TOPIC_ENTS, days);
		t_add += now() - t0;
	}
	double t0 = now();
	related_finish(ix);
	double t_fin = now() - t0;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	/* the approximations must not cost the obvious answers: the first
	 * hits should share the article's topic */
	size_t same = 0, hits = 0;
	struct related_hit h[5];
	for (size_t d = 0; d < n; d++) {
		size_t k = related_top(ix, d, h, 5);
		hits += k;
		for (size_t i = 0; i < k; i++)
			same += topic_of[h[i].doc] == topic_of[d];
	}
	printf("%zu articles of ~%d bytes: add %.2f s (%.0f MB/s), finish %.2f s, "
	       "peak RSS %.0f MB; %.3f of the first 5 hits share the topic\n",
	       n, DOC_BYTES, t_add, n * (double)DOC_BYTES / 1e6 / t_add, t_fin,
	       ru.ru_maxrss / 1024.0, hits ? (double)same / hits : 0.0);
	free(topic_of);
	buf_free(&text);
	related_free(ix);
}

int main(int argc, char **argv)
{
	double *c = zipf_table();
	if (argc < 2) {
		bench(10000, c);
		bench(100000, c);
	}
	for (int i = 1; i < argc; i++)
		bench((size_t)strtoul(argv[i], NULL, 10), c);
	free(c);
	return 0;
}
