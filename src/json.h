/* json.h: writing JSON strings for the --json outputs. */
#ifndef FILO_JSON_H
#define FILO_JSON_H

#include <stdio.h>

/* Writes s as a JSON string literal, quotes included; control characters
 * escaped, invalid UTF-8 already replaced by the caller's sanitising. */
void json_str(FILE *out, const char *s);

#endif
