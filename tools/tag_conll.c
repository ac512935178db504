/* tag_conll.c: stand-in for `filo tag --conll` while iterating on the
 * recogniser: reads one token per line (extra columns after a TAB are
 * ignored), a blank line between sentences, tags all sentences in one call
 * ("" between them) and writes token<TAB>LABEL, with MISC written as O.
 * Build: cc -Isrc tools/tag_conll.c BUILD/libfilo.a -lunistring.
 * -b prints tagging speed to stderr instead; -s tags each sentence in a call
 * of its own (to compare); -r adds a third column: the rule behind each
 * label (tools/conll_eval.py -v shows it with the errors). A language code
 * as second argument (it, en ...) sets the language, as filo tag --lang. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "buf.h"
#include "entity.h"
#include "entity_rules.h"

static char **read_tokens(struct buf *in, size_t *nt)
{
	char chunk[65536];
	size_t n, cap = 0;
	char **tok = NULL;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_add(in, chunk, n);
	*nt = 0;
	char *p = in->data ? in->data : "";
	while (*p) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		p[strcspn(p, "\t\r")] = '\0';
		tok = xgrow(tok, &cap, *nt + 1, sizeof *tok);
		tok[(*nt)++] = p;
		if (!nl)
			break;
		p = nl + 1;
	}
	return tok;
}

/* One call per sentence: no document-level consistency across them. */
static void tag_sentences(const struct entity_db *db, int lang, char **tok,
			  size_t nt, int *lab)
{
	for (size_t a = 0, b; a < nt; a = b + 1) {
		for (b = a; b < nt && tok[b][0]; b++)
			;
		entity_tag_tokens(db, lang, (const char *const *)tok + a, b - a,
				  lab + a);
	}
}

int main(int argc, char **argv)
{
	const char *opt = argc > 1 ? argv[1] : "";
	int lang = argc > 2 ? lang_from_code(argv[2], strlen(argv[2])) : LANG_UNKNOWN;
	struct buf in = BUF_INIT;
	size_t nt;
	char **tok = read_tokens(&in, &nt);
	int *lab = xcalloc(nt ? nt : 1, sizeof *lab);
	const char **why = xcalloc(nt ? nt : 1, sizeof *why);
	struct entity_db *db = entity_db_new();
	clock_t t0 = clock();
	if (strcmp(opt, "-s") == 0) {
		tag_sentences(db, lang, tok, nt, lab);
	} else {
		entity_tag_tokens_why(db, lang, (const char *const *)tok, nt, lab,
				      why);
	}
	double s = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (strcmp(opt, "-b") == 0) {
		fprintf(stderr, "%zu tokens, %zu bytes in %.3f s: %.1f MB/s\n",
			nt, in.len, s, s > 0 ? in.len / s / 1e6 : 0.0);
	} else {
		int rules = strcmp(opt, "-r") == 0;
		for (size_t i = 0; i < nt; i++) {
			int t = lab[i] == ENTITY_MISC ? ENTITY_NONE : lab[i];
			if (!tok[i][0])
				putchar('\n');
			else if (rules)
				printf("%s\t%s\t%s\n", tok[i], entity_type_name(t),
				       why[i] ? why[i] : "-");
			else
				printf("%s\t%s\n", tok[i], entity_type_name(t));
		}
	}
	entity_db_free(db);
	free(why);
	free(lab);
	free(tok);
	buf_free(&in);
	return 0;
}
