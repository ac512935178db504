/* Fuzz target: the feed state file (validators and titles). What it keeps must format to a
 * file that reads back without a complaint and formats the same again. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "feedstate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d = DIAG_INIT, d2 = DIAG_INIT;
	struct feedstate *v = feedstate_parse("fuzz", (const char *)data, size, &d);
	size_t len, len2;
	char *text = feedstate_format(v, &len);
	struct feedstate *back = feedstate_parse("again", text, len, &d2);
	char *text2 = feedstate_format(back, &len2);
	if (d2.n || len != len2 || memcmp(text, text2, len) != 0 ||
	    feedstate_count(v) != feedstate_count(back))
		abort();
	free(text);
	free(text2);
	feedstate_free(v);
	feedstate_free(back);
	diag_free(&d);
	diag_free(&d2);
	return 0;
}
