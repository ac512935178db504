/* theme.c: theme files to styles, and colour mapping helpers.
 * (Stub: the API compiles; the implementation follows.) */
#include <string.h>
#include "theme.h"

const char *theme_element_name(enum theme_element e) { (void)e; return "normal"; }
int theme_element_from_name(const char *name) { (void)name; return -1; }
void theme_init(struct theme *t) { memset(t, 0, sizeof *t); }
size_t theme_parse(struct theme *t, const char *label, const char *text,
		   const char *user_dir, const char *data_dir, struct diag *d)
{ (void)t; (void)label; (void)text; (void)user_dir; (void)data_dir; (void)d; return 0; }
int theme_load(struct theme *out, const char *name_or_path,
	       const char *user_dir, const char *data_dir, struct diag *d)
{ (void)name_or_path; (void)user_dir; (void)data_dir; (void)d; theme_init(out); return -1; }
const struct theme_style *theme_style(const struct theme *t, enum theme_element e)
{ return &t->style[e]; }
void theme_strip_colors(struct theme *t) { (void)t; }
size_t theme_list_builtin(const char **names, size_t max) { (void)names; (void)max; return 0; }
int theme_rgb_to_256(int r, int g, int b) { (void)r; (void)g; (void)b; return 16; }
int theme_rgb_to_8(int r, int g, int b) { (void)r; (void)g; (void)b; return 0; }
int theme_256_to_8(int n) { (void)n; return 0; }
void theme_256_to_rgb(int n, int *r, int *g, int *b) { (void)n; *r = *g = *b = 0; }
int theme_color_for(struct theme_color c, int ncolors) { (void)c; (void)ncolors; return -1; }
