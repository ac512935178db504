/* lexicon.c: look up an embedded lexicon file by name. */
#include <stdlib.h>
#include <string.h>
#include "lexicon.h"
#include "text.h"

const char *lexicon_get(const char *name)
{
	for (const struct lexicon_file *f = lexicon_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->text;
	return NULL;
}

void lexicon_each_folded_word(const char *name,
			      void (*each)(void *ctx, const char *w, size_t n),
			      void *ctx)
{
	const char *text = lexicon_get(name);
	if (!text)
		return;
	size_t n;
	char *f = text_fold(text, strlen(text), &n, NULL);
	for (size_t i = 0; i < n;) {
		size_t eol = i;
		while (eol < n && f[eol] != '\n')
			eol++;
		for (size_t j = i; j < eol && f[i] != '#';) {
			while (j < eol && (f[j] == ' ' || f[j] == '\t' || f[j] == '\r'))
				j++;
			size_t w = j;
			while (j < eol && f[j] != ' ' && f[j] != '\t' && f[j] != '\r')
				j++;
			if (j > w)
				each(ctx, f + w, j - w);
		}
		i = eol + 1;
	}
	free(f);
}
