/* diag.c: collected input problems. */
#include <stdarg.h>
#include <stdlib.h>
#include "buf.h"
#include "diag.h"

void diag_add(struct diag *d, const char *file, size_t line, const char *fmt, ...)
{
	if (!d)
		return;
	struct buf b = BUF_INIT;
	if (file && line)
		buf_addf(&b, "%s:%zu: ", file, line);
	else if (file)
		buf_addf(&b, "%s: ", file);
	va_list ap;
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	d->msg = xgrow(d->msg, &d->cap, d->n + 1, sizeof *d->msg);
	d->msg[d->n++] = buf_detach(&b, NULL);
}

void diag_free(struct diag *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->msg[i]);
	free(d->msg);
	d->msg = NULL;
	d->n = d->cap = 0;
}

void diag_move(struct diag *dst, struct diag *src)
{
	for (size_t i = 0; i < src->n; i++) {
		dst->msg = xgrow(dst->msg, &dst->cap, dst->n + 1, sizeof *dst->msg);
		dst->msg[dst->n++] = src->msg[i];
	}
	free(src->msg);
	src->msg = NULL;
	src->n = src->cap = 0;
}
