/* Fuzz target: the front-matter parser (article_parse), whole body kept,
 * then the metadata-only path of the same input. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "article.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int body = 0; body < 2; body++) {
		struct article a;
		struct diag d = DIAG_INIT;
		if (article_parse(&a, "fuzz.md", (const char *)data, size, body, &d) == 0) {
			/* The date parts must agree with the date string. */
			int y, m, dd;
			if (article_parse_date(a.date, &y, &m, &dd) != 0 ||
			    y != a.year || m != a.month || dd != a.day)
				abort();
			(void)article_days(&a);
			if (body) {
				size_t len;
				free(article_format(&a, &len));
			}
			article_free(&a);
		}
		diag_free(&d);
	}
	return 0;
}
