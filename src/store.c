/* store.c: the archive folder: scan, metadata, sort, filter. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "buf.h"
#include "store.h"
#include "text.h"

/* Id order without making the ids: the names less their ".md". */
static int cmp_file(const void *pa, const void *pb)
{
	const struct store_file *a = pa, *b = pb;
	size_t la = strlen(a->name) - 3, lb = strlen(b->name) - 3;
	int c = memcmp(a->name, b->name, la < lb ? la : lb);
	return c ? c : (la > lb) - (la < lb);
}

static long long stat_mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* Sorted, so that the order of loading (and of messages) does not depend
 * on the file system. */
int store_scan(const char *dir, struct store_file **files, size_t *n,
	       struct diag *d)
{
	DIR *dp = opendir(dir);
	if (!dp) {
		diag_add(d, dir, 0, "cannot open folder: %s", strerror(errno));
		return -1;
	}
	struct store_file *f = NULL;
	size_t cap = 0;
	*n = 0;
	for (struct dirent *e; (e = readdir(dp));) {
		if (!article_is_file_name(e->d_name))
			continue;
		struct stat st;
		bool reg = fstatat(dirfd(dp), e->d_name, &st, 0) == 0 && S_ISREG(st.st_mode);
		f = xgrow(f, &cap, *n + 1, sizeof *f);
		f[(*n)++] = (struct store_file){ xstrdup(e->d_name), reg,
			reg ? (long long)st.st_size : 0, reg ? stat_mtime_ns(&st) : 0 };
	}
	closedir(dp);
	if (*n)
		qsort(f, *n, sizeof *f, cmp_file);
	*files = f ? f : xcalloc(1, sizeof *f);
	return 0;
}

void store_files_free(struct store_file *files, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(files[i].name);
	free(files);
}

static char *fold_meta(const struct article *a)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, a->title);
	buf_addc(&b, '\t');
	buf_adds(&b, a->source);
	size_t len;
	char *f = text_fold(b.data, b.len, &len, NULL);
	buf_free(&b);
	return f;
}

char *store_fold_meta(const struct article *a)
{
	return fold_meta(a);
}

void store_init(struct store *s, const char *dir)
{
	memset(s, 0, sizeof *s);
	s->dir = xstrdup(dir);
}

void store_add(struct store *s, struct article *a, char *fold)
{
	/* the capacity is implicit (n rounded up to a power of two), so that
	 * struct store needs no new field */
	size_t n = s->n;
	if ((n & (n - 1)) == 0) {
		size_t cap = n ? 2 * n : 1;
		s->art = xrealloc(s->art, cap * sizeof *s->art);
		s->fold = xrealloc(s->fold, cap * sizeof *s->fold);
	}
	s->art[n] = *a;
	memset(a, 0, sizeof *a);
	s->fold[n] = fold ? fold : fold_meta(&s->art[n]);
	s->n++;
}

struct id_rec {
	struct article art;
	char *fold;
};

static int cmp_id_rec(const void *pa, const void *pb)
{
	const struct id_rec *a = pa, *b = pb;
	return strcmp(a->art.id, b->art.id);
}

void store_finish(struct store *s)
{
	bool sorted = true;
	for (size_t i = 1; i < s->n && sorted; i++)
		sorted = strcmp(s->art[i - 1].id, s->art[i].id) < 0;
	if (sorted)
		return;
	struct id_rec *r = xmalloc(s->n * sizeof *r);
	for (size_t i = 0; i < s->n; i++)
		r[i] = (struct id_rec){ s->art[i], s->fold[i] };
	qsort(r, s->n, sizeof *r, cmp_id_rec);
	for (size_t i = 0; i < s->n; i++) {
		s->art[i] = r[i].art;
		s->fold[i] = r[i].fold;
	}
	free(r);
}

int store_open(struct store *s, const char *dir, struct diag *d)
{
	memset(s, 0, sizeof *s);
	s->dir = xstrdup(dir);
	size_t n;
	struct store_file *files;
	if (store_scan(dir, &files, &n, d) != 0)
		return -1;
	s->art = xcalloc(n, sizeof *s->art);
	s->fold = xcalloc(n, sizeof *s->fold);
	struct buf path = BUF_INIT;
	/* what is not a regular file is read all the same: article_load
	 * says what it is */
	for (size_t i = 0; i < n; i++) {
		buf_reset(&path);
		buf_addf(&path, "%s/%s", dir, files[i].name);
		struct article *a = &s->art[s->n];
		if (article_load(a, path.data, false, d) == 0) {
			s->fold[s->n] = fold_meta(a);
			s->n++;
		}
	}
	store_files_free(files, n);
	buf_free(&path);
	store_finish(s);	/* ids are sanitised names: their order may differ */
	return 0;
}

static bool in_fold_pack(const struct store *s, const char *p)
{
	return s->fold_pack && p >= s->fold_pack && p < s->fold_pack + s->fold_pack_len;
}

/* Moves the folds into one block in the order given: typing a filter then
 * reads memory in sequence rather than one scattered string per article
 * (at 100,000 articles, most of the cost of a keystroke). */
static void store_pack_folds(struct store *s, const size_t *order)
{
	size_t total = 0;
	for (size_t i = 0; i < s->n; i++)
		total += strlen(s->fold[i]) + 1;
	char *pack = xmalloc(total ? total : 1), *p = pack;
	for (size_t k = 0; k < s->n; k++) {
		size_t i = order[k], len = strlen(s->fold[i]) + 1;
		memcpy(p, s->fold[i], len);
		free(s->fold[i]);
		s->fold[i] = p;
		p += len;
	}
	s->fold_pack = pack;
	s->fold_pack_len = total;
}

const size_t *store_order(struct store *s, enum store_sort key)
{
	if (!s->order[key]) {
		s->order[key] = xcalloc(s->n + 1, sizeof *s->order[key]);
		for (size_t i = 0; i < s->n; i++)
			s->order[key][i] = i;
		store_sort(s, s->order[key], s->n, key, false);
		if (!s->fold_pack)
			store_pack_folds(s, s->order[key]);
	}
	return s->order[key];
}

void store_close(struct store *s)
{
	for (int k = 0; k < STORE_SORT_COUNT; k++)
		free(s->order[k]);
	for (size_t i = 0; i < s->n; i++) {
		article_free(&s->art[i]);
		if (!in_fold_pack(s, s->fold[i]))
			free(s->fold[i]);
	}
	free(s->art);
	free(s->fold);
	free(s->fold_pack);
	free(s->dir);
	memset(s, 0, sizeof *s);
}

long store_find(const struct store *s, const char *id)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s->art[mid].id, id);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

int store_load_body(const struct store *s, size_t i, struct article *a,
		    struct diag *d)
{
	return article_load(a, s->art[i].path, true, d);
}

/* Sorting needs the store in the comparator; qsort has no context argument,
 * so sort an array of (key, index) records instead. */
struct sort_rec {
	const struct store *s;
	size_t i;
	enum store_sort key;
};

static int cmp_date(const struct article *a, const struct article *b)
{
	bool ua = !a->year, ub = !b->year;
	if (ua != ub)
		return ua ? 1 : -1;	/* undated last */
	return -strcmp(a->date, b->date);	/* ISO dates sort as text */
}

static int cmp_rec(const void *pa, const void *pb)
{
	const struct sort_rec *ra = pa, *rb = pb;
	const struct store *s = ra->s;
	const struct article *a = &s->art[ra->i], *b = &s->art[rb->i];
	int c = 0;
	if (ra->key == STORE_SORT_SOURCE) {
		const char *fa = strchr(s->fold[ra->i], '\t') + 1;
		const char *fb = strchr(s->fold[rb->i], '\t') + 1;
		if ((*fa == '\0') != (*fb == '\0'))
			return *fa ? -1 : 1;	/* no source last */
		c = strcmp(fa, fb);
	} else if (ra->key == STORE_SORT_TITLE) {
		c = strcmp(s->fold[ra->i], s->fold[rb->i]);
	}
	if (!c)
		c = cmp_date(a, b);
	if (!c && ra->key != STORE_SORT_TITLE)
		c = strcmp(s->fold[ra->i], s->fold[rb->i]);
	if (!c)
		c = strcmp(a->id, b->id);
	return c;
}

void store_sort(const struct store *s, size_t *idx, size_t n,
		enum store_sort key, bool reverse)
{
	struct sort_rec *r = xcalloc(n, sizeof *r);
	for (size_t k = 0; k < n; k++)
		r[k] = (struct sort_rec){ s, idx[k], key };
	if (n)
		qsort(r, n, sizeof *r, cmp_rec);
	for (size_t k = 0; k < n; k++)
		idx[reverse ? n - 1 - k : k] = r[k].i;
	free(r);
}

bool store_match(const struct store *s, size_t i, const char *q)
{
	const char *hay = s->fold[i];
	size_t hay_len = strlen(hay);
	while (*q) {
		while (*q == ' ')
			q++;
		size_t wl = strcspn(q, " ");
		if (wl && text_find(hay, hay_len, q, wl, 0) == (size_t)-1)
			return false;
		q += wl;
	}
	return true;
}

static const char *const sort_names[STORE_SORT_COUNT] = { "date", "source", "title" };

const char *store_sort_name(enum store_sort key)
{
	return key < STORE_SORT_COUNT ? sort_names[key] : "?";
}

int store_sort_from_name(const char *name)
{
	for (int k = 0; k < STORE_SORT_COUNT; k++)
		if (strcmp(sort_names[k], name) == 0)
			return k;
	return -1;
}
