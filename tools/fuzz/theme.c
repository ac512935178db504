/* Fuzz target: the theme file parser. The label sits in a folder that does
 * not exist so relative includes find nothing outside the input. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "buf.h"
#include "diag.h"
#include "theme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);	/* NUL-terminated */
	struct theme t;
	struct diag d = DIAG_INIT;
	theme_init(&t);
	theme_parse(&t, "/nonexistent-filo-fuzz/fuzz.theme", text, NULL, NULL, &d);
	/* Resolved styles never inherit. */
	for (int e = 0; e < THEME_COUNT; e++) {
		const struct theme_style *s = theme_style(&t, (enum theme_element)e);
		if (s->fg.kind == THEME_INHERIT || s->bg.kind == THEME_INHERIT)
			abort();
		for (int n = 8; n <= 256; n *= 2)
			if (theme_color_for(s->fg, n) >= n || theme_color_for(s->bg, n) >= n)
				abort();
	}
	theme_strip_colors(&t);
	diag_free(&d);
	free(text);
	return 0;
}
