/* out.h: the one way text leaves filo for a terminal or a pipe (stdout,
 * stderr). Whatever comes from outside (file names, article fields, the
 * entities file, config and theme values, messages quoting them, text read
 * back from the cache, command-line arguments) is printed only through
 * these functions, which pass it through the one sanitiser (text.c):
 *
 *	out_printf(stdout, "%s\t%s\n", a->id, a->title);
 *	out_error("no article '%s' in %s", id, dir);	"filo: ...\n" on stderr
 *	out_diag(stderr, "filo: ", &d);			one message a line
 *	out_json(stdout, h->title);			a JSON string literal
 *
 * The format string is the program's own and is written as it is (its TABs
 * and newlines are the output's structure); every %s and %c argument is
 * untrusted: sanitised to one line (C0 controls and DEL in caret notation,
 * "^[" for ESC, "^J" for LF; TAB as spaces; C1 and bidi controls and
 * invalid bytes as U+FFFD) and cut to OUT_FIELD_MAX bytes with "…". So a
 * value can neither send an escape sequence nor forge a line or a column.
 * Numbers print as printf prints them. A new subcommand prints through
 * here and nowhere else (tests/cli/badinput.sh checks that no other source
 * file calls printf, fputs and the like). No curses here. */
#ifndef FILO_OUT_H
#define FILO_OUT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include "diag.h"

/* Bytes of one value printed, at most: a title of megabytes read back from
 * a tampered cache prints its first 8 KiB and "…". Far above a real title,
 * and above PATH_MAX, so that a message naming a path is whole. */
#define OUT_FIELD_MAX 8192

/* printf with every %s and %c argument sanitised and capped as above
 * (%.*s reads at most that many bytes of the argument, as printf does). %n
 * is not supported. */
void out_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void out_vprintf(FILE *f, const char *fmt, va_list ap);

/* "filo: " fmt "\n" on stderr, arguments as out_printf. */
void out_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Each message of d as prefix, the message (one line), "\n". */
void out_diag(FILE *f, const char *prefix, const struct diag *d);

/* s as a JSON string literal, quotes included (text_sanitize_json: control
 * and bidi characters as \u escapes), cut to OUT_FIELD_MAX bytes of s. */
void out_json(FILE *f, const char *s);

/* Text laid out in lines (a rendered article: its lines are bounded by the
 * width): sanitised keeping its newlines, not cut. */
void out_text(FILE *f, const char *s, size_t n);

#endif
