/* tag_conll.c: stand-in for `filo tag --conll` while iterating on the
 * recogniser: reads one token per line (extra columns after a TAB are
 * ignored), a blank line between sentences, tags all sentences in one call
 * of entity_tag_tokens ("" between them) and writes token<TAB>LABEL, with
 * MISC written as O. Build: cc -Isrc tools/tag_conll.c BUILD/libfilo.a
 * -lunistring. With -b it prints tagging speed to stderr instead; with -s
 * it tags each sentence in a call of its own (to compare). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "buf.h"
#include "entity.h"

int main(int argc, char **argv)
{
	int bench = argc > 1 && strcmp(argv[1], "-b") == 0;
	struct buf in = BUF_INIT;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(&in, chunk, n);
	size_t cap = 0, nt = 0;
	char **tok = NULL;
	char *p = in.data ? in.data : "";
	while (*p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		p[strcspn(p, "\t\r")] = '\0';
		tok = xgrow(tok, &cap, nt + 1, sizeof *tok);
		tok[nt++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	int *lab = xcalloc(nt ? nt : 1, sizeof *lab);
	struct entity_db *db = entity_db_new();
	clock_t t0 = clock();
	if (argc > 1 && strcmp(argv[1], "-s") == 0) {
		/* one call per sentence: no document-level consistency */
		for (size_t a = 0, b; a < nt; a = b + 1) {
			for (b = a; b < nt && tok[b][0]; b++)
				;
			entity_tag_tokens(db, (const char *const *)tok + a, b - a,
					  lab + a);
		}
	} else {
		entity_tag_tokens(db, (const char *const *)tok, nt, lab);
	}
	double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (bench) {
		fprintf(stderr, "%zu tokens, %zu bytes in %.3f s: %.1f MB/s\n",
			nt, in.len, s, s > 0 ? in.len / s / 1e6 : 0.0);
	} else {
		for (size_t i = 0; i < nt; i++) {
			int t = lab[i] == ENTITY_MISC ? ENTITY_NONE : lab[i];
			if (tok[i][0])
				printf("%s\t%s\n", tok[i], entity_type_name(t));
			else
				putchar('\n');
		}
	}
	entity_db_free(db);
	free(lab);
	free(tok);
	buf_free(&in);
	return 0;
}
