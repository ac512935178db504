/* config.c: the configuration file parser.
 * (Stub: the API compiles; the implementation follows.) */
#include <stdlib.h>
#include <string.h>
#include "buf.h"
#include "config.h"
#include "keymap.h"

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->theme = xstrdup("default");
	cfg->date_format = xstrdup("%Y-%m-%d");
	cfg->keymap = keymap_new_default();
}
void config_free(struct config *cfg)
{
	free(cfg->articles); free(cfg->theme); free(cfg->date_format);
	keymap_free(cfg->keymap);
	memset(cfg, 0, sizeof *cfg);
}
int config_parse(struct config *cfg, const char *label, const char *text, struct diag *d)
{ (void)cfg; (void)label; (void)text; (void)d; return 0; }
int config_load(struct config *cfg, const char *path, struct diag *d)
{ (void)cfg; (void)path; (void)d; return 0; }
int config_path_default(struct buf *out) { (void)out; return -1; }
int config_dir_default(struct buf *out) { (void)out; return -1; }
char *config_expand_path(const char *path) { return xstrdup(path); }
