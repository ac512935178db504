/* Fuzz target: the config file parser (settings, bindings, includes that
 * lead nowhere: the label's folder does not exist). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "buf.h"
#include "config.h"
#include "diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);	/* NUL-terminated */
	struct config cfg;
	struct diag d = DIAG_INIT;
	config_defaults(&cfg);
	config_parse(&cfg, "/nonexistent-filo-fuzz/config", text, &d);
	if (!cfg.theme || !cfg.date_format || !cfg.keymap)
		abort();
	config_free(&cfg);
	diag_free(&d);
	free(text);
	return 0;
}
