/* Fuzz target: the importer (scraped text -> article), with the file name
 * and slug it would get. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "article.h"
#include "diag.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct article a;
	struct diag d = DIAG_INIT;
	if (import_text("fuzz.txt", (const char *)data, size, &a, &d) == 0) {
		free(import_file_name(&a));
		size_t len;
		free(article_format(&a, &len));
	}
	article_free(&a);
	diag_free(&d);
	return 0;
}
