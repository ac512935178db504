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
	const char *why;	/* the rule that made it (for tools/tag_conll -r) */
};

struct erules {
	const struct lex *lx;
	int lang;			/* LANG_*: whose word classes apply */
	const char *text;		/* of the last erules_run, not owned */
	struct etoks ts;
	const struct lexent **w;	/* per token: its word entry or NULL */
	lexflags *f;			/* per token: its flags in lang */
	uint32_t *h;			/* per token: hash of its folded form */
	size_t capw;			/* of w, f and h alike */
	uint32_t *lower;	/* hashes of the words the text writes in lower
				   case; NULL until asked for (entity_rules.c) */
	size_t lowercap;
	struct espan *sp;
	size_t nsp, capsp;
};

/* Rules for text of language lang (LANG_*; LANG_UNKNOWN: only what holds
 * in every language). */
void erules_init(struct erules *r, const struct lex *lx, int lang);
void erules_free(struct erules *r);
/* Tokenises text and fills r->sp with the typed spans (sorted, disjoint,
 * none of type ENTITY_NONE). */
void erules_run(struct erules *r, const char *text, size_t len);

/* The work of entity_tag_tokens: joins the tokens into a text (a blank
 * line for each "" token), runs the rules and labels each token; why[i]
 * (when why is not NULL) gets the rule of the span that covers token i. */
void erules_tag_tokens(struct erules *r, const char *const *tok, size_t n,
		       int *labels, const char **why);

/* entity_tag_tokens, with why[i] (when why is not NULL) the rule behind
 * the label of token i (for tools/tag_conll -r). */
void entity_tag_tokens_why(const struct entity_db *db, int lang,
			   const char *const *tok, size_t n, int *labels,
			   const char **why);

/* The table of a db (entity.c), for tools that run the rules directly. */
const struct lex *entity_db_lex(const struct entity_db *db);

/* Can the first word of the organisation s stand for it alone, as
 * "Ford" for "Ford Motor Company"? (The linker asks too.) */
int erules_org_short_form(const struct erules *r, const struct espan *s);

/* Is token i a noun that names an institution, and a body of the text
 * when an adjective or a name goes with it ("governo", "polizia")? */
int erules_inst_noun(const struct erules *r, size_t i);

/* Hash of the folded text of tokens [a, b) (as lex_hash_*). */
uint32_t erules_hash(const struct erules *r, uint32_t a, uint32_t b);

#endif
