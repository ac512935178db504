/* entity_rules.h: the recognition rules: from tokens and lexicon flags to
 * typed spans, with document-level consistency. entity.c turns the spans
 * into mentions and canonical entities. */
#ifndef FILO_ENTITY_RULES_H
#define FILO_ENTITY_RULES_H

#include <stddef.h>
#include <stdint.h>
#include "entity_lex.h"
#include "entity_tok.h"

/* How sure a span's type is: doc-level consistency lets the stronger
 * decide the weaker occurrences of the same name. */
enum { CONF_NONE = 0, CONF_WEAK, CONF_CTX, CONF_STRONG, CONF_USER };

struct espan {
	uint32_t a, b;		/* tokens [a, b) */
	int type;		/* ENTITY_*; ENTITY_NONE once dropped */
	int conf;
	int32_t canon;		/* lexicon canonical name, or -1 */
};

struct erules {
	const struct lex *lx;
	struct etoks ts;
	const struct lexent **w;	/* per token: its word entry or NULL */
	size_t capw;
	struct espan *sp;
	size_t nsp, capsp;
};

void erules_init(struct erules *r, const struct lex *lx);
void erules_free(struct erules *r);
/* Tokenises text and fills r->sp with the typed spans (sorted, disjoint,
 * none of type ENTITY_NONE). */
void erules_run(struct erules *r, const char *text, size_t len);

/* Hash of the folded text of tokens [a, b) (as lex_hash_*). */
uint32_t erules_hash(const struct erules *r, uint32_t a, uint32_t b);

#endif
