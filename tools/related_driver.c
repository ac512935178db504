/* related_driver.c: a stand-in for `filo related --all DIR -n K`, so the
 * ranking can be measured (tools/eval_related.sh) apart from the store and
 * the renderer: reads the .md files of DIR (article.h), tags the Markdown
 * bodies as they are, and prints "id<TAB>related_id<TAB>score" lines.
 *   cc -Isrc -o related_driver tools/related_driver.c BUILD/libfilo.a -lunistring -lm
 *   related_driver related --all DIR [-n K] [--no-entities] [--threads] */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "entity.h"
#include "related.h"

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_doc(struct related_index *ix, const struct entity_db *db,
		    const char *text, long days)
{
	struct entity_doc ed = { 0 };
	if (db)
		entity_tag(db, text, strlen(text), &ed);
	const char **keys = xcalloc(ed.nent + 1, sizeof *keys);
	int *types = xcalloc(ed.nent + 1, sizeof *types);
	int *counts = xcalloc(ed.nent + 1, sizeof *counts);
	for (size_t k = 0; k < ed.nent; k++) {
		keys[k] = ed.ent[k].key;
		types[k] = ed.ent[k].type;
		counts[k] = ed.ent[k].count;
	}
	related_add(ix, text, strlen(text), keys, types, counts, ed.nent, days);
	free(keys);
	free(types);
	free(counts);
	if (db)
		entity_doc_free(&ed);
}

static size_t list_md(const char *dir, char ***names)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0, cap = 0;
	*names = NULL;
	for (struct dirent *e; (e = readdir(d));) {
		if (!article_is_file_name(e->d_name))
			continue;
		*names = xgrow(*names, &cap, n + 1, sizeof **names);
		(*names)[n++] = xstrndup(e->d_name, strlen(e->d_name) - 3);
	}
	closedir(d);
	qsort(*names, n, sizeof **names, cmp_name);
	return n;
}

static void print_threads(const struct related_index *ix, char **names)
{
	size_t m[64];
	for (size_t t = 0; t < related_thread_count(ix); t++) {
		size_t n = related_thread_members(ix, t, m, 64);
		if (n < 2)
			continue;
		printf("thread %zu:", t);
		for (size_t i = 0; i < n && i < 64; i++)
			printf(" %s", names[m[i]]);
		putchar('\n');
	}
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	size_t k = 5;
	int ents = 1, threads = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-n") && i + 1 < argc)
			k = (size_t)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--no-entities"))
			ents = 0;
		else if (!strcmp(argv[i], "--threads"))
			threads = 1;
		else if (strcmp(argv[i], "related") && strcmp(argv[i], "--all"))
			dir = argv[i];
	}
	char **names;
	size_t n = dir ? list_md(dir, &names) : 0;
	if (!n) {
		fprintf(stderr, "related_driver: no articles in %s\n", dir ? dir : "(none)");
		return 1;
	}
	struct entity_db *db = ents ? entity_db_new() : NULL;
	struct related_index *ix = related_new();
	struct buf path = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		struct article a;
		buf_reset(&path);
		buf_addf(&path, "%s/%s.md", dir, names[i]);
		/* an unreadable article still takes its number */
		bool ok = article_load(&a, path.data, true, NULL) == 0 && a.body;
		add_doc(ix, db, ok ? a.body : "", ok ? article_days(&a) : -1);
		article_free(&a);
	}
	related_finish(ix);
	struct related_hit hit[RELATED_MAX];
	for (size_t i = 0; i < n; i++) {
		size_t h = related_top(ix, i, hit, k);
		for (size_t j = 0; j < h; j++)
			printf("%s\t%s\t%.4f\n", names[i], names[hit[j].doc], hit[j].score);
	}
	if (threads)
		print_threads(ix, names);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	buf_free(&path);
	related_free(ix);
	if (db)
		entity_db_free(db);
	return 0;
}
