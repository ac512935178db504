/* Fuzz target: the state file reader. What it keeps must format to a file
 * that reads back without a complaint and formats the same again. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "state.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT;
	struct state *st = state_parse("fuzz", (const char *)data, size, &d);
	size_t len, len2;
	char *text = state_format(st, &len);
	struct diag d2 = DIAG_INIT;
	struct state *back = state_parse("again", text, len, &d2);
	char *text2 = state_format(back, &len2);
	if (d2.n || len != len2 || memcmp(text, text2, len) != 0 ||
	    state_count(st) != state_count(back))
		abort();
	free(text);
	free(text2);
	state_close(st);
	state_close(back);
	diag_free(&d);
	diag_free(&d2);
	return 0;
}
