/* keymap.c: the action table, key names and per-view key bindings.
 * (Stub: the API compiles; the implementation follows.) */
#include <stdlib.h>
#include "keymap.h"

int keymap_key_normalize(int key) { return key; }
int keymap_key_parse(const char *name) { (void)name; return -1; }
char *keymap_key_name(int key, char *buf) { (void)key; (void)buf; return NULL; }
const char *keymap_action_name(enum keymap_action a) { (void)a; return "none"; }
enum keymap_action keymap_action_from_name(const char *name) { (void)name; return ACT_NONE; }
const char *keymap_action_help(enum keymap_action a) { (void)a; return ""; }
const char *keymap_view_name(enum keymap_view v) { (void)v; return "generic"; }
int keymap_view_from_name(const char *name) { (void)name; return -1; }
struct keymap { int unused; };
struct keymap *keymap_new_default(void) { return calloc(1, sizeof(struct keymap)); }
struct keymap *keymap_new_empty(void) { return calloc(1, sizeof(struct keymap)); }
void keymap_free(struct keymap *km) { free(km); }
int keymap_bind(struct keymap *km, enum keymap_view view, int key, enum keymap_action action)
{ (void)km; (void)view; (void)key; (void)action; return -1; }
int keymap_unbind(struct keymap *km, enum keymap_view view, int key)
{ (void)km; (void)view; (void)key; return -1; }
enum keymap_action keymap_lookup(const struct keymap *km, enum keymap_view view, int key)
{ (void)km; (void)view; (void)key; return ACT_NONE; }
size_t keymap_keys_for(const struct keymap *km, enum keymap_view view,
		       enum keymap_action action, int *keys, size_t max)
{ (void)km; (void)view; (void)action; (void)keys; (void)max; return 0; }
