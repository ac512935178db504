/* diag.h: a list of problems found in input, each "file:line: message".
 * Modules fill it and never print; main.c and the UI decide what to show. */
#ifndef FILO_DIAG_H
#define FILO_DIAG_H

#include <stddef.h>

struct diag {
	char **msg;	/* owned, each "file:line: message" or "file: message" */
	size_t n;
	size_t cap;
};

#define DIAG_INIT { NULL, 0, 0 }

/* line 0 means the problem concerns the whole file. A NULL diag ignores. */
void diag_add(struct diag *d, const char *file, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_free(struct diag *d);
/* Moves every message of src to the end of dst. */
void diag_move(struct diag *dst, struct diag *src);

#endif
