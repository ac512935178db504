/* lexicon.c: look up an embedded lexicon file by name. */
#include <string.h>
#include "lexicon.h"

const char *lexicon_get(const char *name)
{
	for (const struct lexicon_file *f = lexicon_files; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f->text;
	return NULL;
}
