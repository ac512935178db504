/* entity_rules.c: recognition rules of the entity recogniser. One pass
 * over the tokens finds lexicon names and capitalised runs and types them
 * by lexicon, cue words and context, cutting spans as news annotation
 * does; a second pass makes each neighbourhood consistent (a name typed
 * surely once keeps that type nearby). */
#include <stdlib.h>
#include <string.h>
#include "entity_rules.h"

/* ---- token helpers ---- */

static lexflags wflags(const struct erules *r, size_t i)
{
	return i < r->ts.n ? r->f[i] : 0;
}

static uint32_t shape(const struct erules *r, size_t i)
{
	return i < r->ts.n ? r->ts.t[i].shape : 0;
}

static int is_word(const struct erules *r, size_t i)
{
	return (shape(r, i) & ETOK_WORD) != 0;
}

static int is_cap(const struct erules *r, size_t i)
{
	return (shape(r, i) & (ETOK_WORD | ETOK_CAP)) == (ETOK_WORD | ETOK_CAP);
}

/* The flags of token i, without LX_NAME when its only name is an acronym
 * and it is not written in capitals: "Un" is no "UN". */
static lexflags name_flags(const struct erules *r, size_t i)
{
	lexflags f = wflags(r, i);
	if ((f & (LX_NAME | LX_CAPSONLY)) == (LX_NAME | LX_CAPSONLY) &&
	    !(shape(r, i) & ETOK_UPPER))
		f &= ~LX_NAME;
	return f;
}

/* A capitalised word that is not a name: "Il", "Dopo", "Lunedì", "Un". */
static int is_notent(const struct erules *r, size_t i)
{
	lexflags f = name_flags(r, i);
	return (f & LX_NOTENT) && !(f & (LX_NAME | LX_FIRST | LX_SURN));
}

/* A one-letter capital: an initial ("Michael M. Sears") or a letter. */
static int is_initial(const struct erules *r, size_t i)
{
	return is_cap(r, i) && r->ts.t[i].len == 1;
}

/* The period of an initial inside a name: "M." before "Sears". */
static int initial_dot(const struct erules *r, size_t j)
{
	if (j == 0 || j + 1 >= r->ts.n || !is_initial(r, j - 1) ||
	    r->ts.t[j].off != r->ts.t[j - 1].off + 1 ||
	    r->ts.fold.data[r->ts.t[j].foff] != '.')
		return 0;
	return is_cap(r, j + 1) && !(shape(r, j + 1) & ETOK_BREAK);
}

static int is_punct(const struct erules *r, size_t i, char c)
{
	return i < r->ts.n && !(shape(r, i) & ETOK_WORD) &&
	       r->ts.fold.data[r->ts.t[i].foff] == c;
}

/* Does the sentence of token i have a word with flag f? Sentences end at
 * sentence punctuation and line breaks; a long one is searched only near i. */
static int sentence_has(const struct erules *r, size_t i, lexflags f)
{
	for (size_t k = i, n = 0; n < 40; k--, n++) {
		if (wflags(r, k) & f)
			return 1;
		if (k == 0 || (shape(r, k) & ETOK_BREAK) ||
		    (shape(r, k - 1) & ETOK_SENTEND))
			break;
	}
	for (size_t k = i + 1, n = 0; k < r->ts.n && n < 40; k++, n++) {
		if (shape(r, k) & (ETOK_BREAK | ETOK_SENTEND))
			break;
		if (wflags(r, k) & f)
			return 1;
	}
	return 0;
}

uint32_t erules_hash(const struct erules *r, uint32_t a, uint32_t b)
{
	const struct etok *ta = &r->ts.t[a], *tb = &r->ts.t[b - 1];
	return lex_hash_add(lex_hash_start(), r->ts.fold.data + ta->foff,
			    tb->foff + tb->flen - ta->foff);
}

static void push_span(struct erules *r, size_t a, size_t b, int type, int conf,
		      int32_t canon, const char *why)
{
	r->sp = xgrow(r->sp, &r->capsp, r->nsp + 1, sizeof *r->sp);
	struct espan *s = &r->sp[r->nsp++];
	s->a = (uint32_t)a;
	s->b = (uint32_t)b;
	s->type = type;
	s->conf = conf;
	s->canon = canon;
	s->why = why;
}

/* ---- lexicon matching ---- */

/* Is the span [a, b) next to a capitalised word that may be a name, with
 * no punctuation between? */
static int next_to_name(const struct erules *r, size_t a, size_t b)
{
	if (a > 0 && is_cap(r, a - 1) && !(shape(r, a) & ETOK_BREAK) &&
	    !is_notent(r, a - 1))
		return 1;
	return is_cap(r, b) && !(shape(r, b) & ETOK_BREAK) && !is_notent(r, b);
}

/* A walk over the lexicon keys that start at token i and grow by a token
 * at a time ("chief", "chief executive", "chief executive officer"). */
struct keywalk {
	size_t i, j;	/* the key is tokens [i, j) */
	uint32_t h;	/* its hash so far */
};

/* The entry of the key one token longer (j then counts it), or NULL at
 * the end of the text, at a line break, or when no key is that long. */
static const struct lexent *keywalk_next(const struct erules *r,
					 struct keywalk *w)
{
	const struct etoks *ts = &r->ts;
	if (w->j >= ts->n)
		return NULL;
	const struct etok *t = &ts->t[w->j];
	if (w->j == w->i) {
		w->h = r->h[w->i];
		w->j++;
		return r->w[w->i];
	}
	if (t->shape & ETOK_BREAK)
		return NULL;
	w->h = lex_hash_add(lex_hash_add(w->h, " ", 1), ts->fold.data + t->foff,
			    t->flen);
	w->j++;
	return lex_find(r->lx, ts->fold.data + ts->t[w->i].foff,
			t->foff + t->flen - ts->t[w->i].foff, w->h);
}

/* Longest lexicon name (or user suppression) starting at token i; *end
 * gets the token after it. An all-capitals acronym of the lexicon ("UN")
 * only matches all-capitals text, so that "Un" stays an article. */
static const struct lexent *gaz_match(const struct erules *r, size_t i,
				      size_t *end)
{
	const struct etoks *ts = &r->ts;
	const struct lexent *best = NULL, *e;
	if (!is_cap(r, i) || !r->w[i])
		return NULL;
	int upper = (ts->t[i].shape & ETOK_UPPER) != 0;
	struct keywalk w = { i, i, 0 };
	while ((e = keywalk_next(r, &w))) {
		size_t j = w.j - 1;	/* the key's last token */
		const struct etok *t = &ts->t[j];
		if (j == i + 1 && is_notent(r, i) && !(t->shape & ETOK_CAP))
			break;	/* "Il giorno dopo" is no "Il Giorno" */
		/* a name ends in a word, or in the "!" some are spelt with
		 * ("Yahoo!"), which only a listed name can have */
		int ends = (t->shape & ETOK_WORD) ||
			   (t->flen == 1 && ts->fold.data[t->foff] == '!');
		if ((e->flags & (LX_NAME | LX_NOT)) && ends &&
		    (upper || !(e->flags & LX_CAPSONLY))) {
			best = e;
			*end = j + 1;
		}
		if (!(e->flags & LX_PREFIX))
			break;
	}
	if (best && (best->flags & LX_GAZ) && next_to_name(r, i, *end))
		return NULL;	/* "Lirio Abbate", "Helsingborg Symphony" */
	return best;
}

static int starts_name(const struct erules *r, size_t i)
{
	size_t end;
	const struct lexent *g = gaz_match(r, i, &end);
	return g && (g->flags & LX_NAME);
}

/* The preposition "da" (by, from), as written. */
static int is_da(const struct erules *r, size_t k)
{
	const struct etok *t = &r->ts.t[k];
	return t->len == 2 && !memcmp(r->text + t->off, "da", 2);
}

/* Type given by a cue word shortly before token a, looking back over
 * articles, links, adjectives, commas and other names: "il presidente
 * russo Vladimir Putin", "il portavoce del Cremlino, Dmitry Peskov". A
 * title joined by a link names what the person leads, not the person:
 * "il sindaco di Stroppiana" (unless a comma comes between); led set
 * asks for any title before, the led "Consiglio" of "il presidente del
 * Consiglio Mario Monti" too. */
static int cue_before(const struct erules *r, size_t a, int led)
{
	int apart = 0;	/* 1: a comma is nearer than any link, 2: a link */
	int names = 0;	/* capitalised words passed */
	for (size_t k = a, steps = 0; k-- > 0 && steps < 8; steps++) {
		if (shape(r, k + 1) & ETOK_BREAK)
			return ENTITY_NONE;	/* another block */
		uint32_t s = shape(r, k);
		if (s & ETOK_SENTEND)
			return ENTITY_NONE;
		if (!(s & ETOK_WORD)) {
			const char *p = r->ts.fold.data + r->ts.t[k].foff;
			if (*p == ',' && !apart)
				apart = 1;
			if (*p == ',' || *p == '"' || *p == '(' || *p == '\'')
				continue;
			return ENTITY_NONE;
		}
		lexflags f = wflags(r, k);
		if ((f & LX_CUE_PER) && apart == 2 && !led)	/* the body led */
			return (f & LX_LEADS) && !names ? ENTITY_ORG : ENTITY_NONE;
		if (f & LX_CUE_PER)
			return ENTITY_PER;
		if (f & LX_CUE_ORG)
			return ENTITY_ORG;
		if (f & LX_CUE_LOC)
			return ENTITY_LOC;
		if ((f & LX_LINK) && !apart)
			apart = 2;
		if (f & (LX_ARTICLE | LX_LINK | LX_NATADJ | LX_PARTICLE))
			continue;
		if (is_da(r, k) && k > 0 && (wflags(r, k - 1) & LX_CUE_ORG)) {
			apart = apart ? apart : 2;
			continue;	/* "gestita da Trenord" */
		}
		if (!(s & ETOK_CAP))
			return ENTITY_NONE;
		if (s & ETOK_BREAK)
			return ENTITY_NONE;
		names++;
	}
	return ENTITY_NONE;
}

/* Does a person's name start at i: a given name, a surname or a person
 * of the lexicon? */
static int is_person(const struct erules *r, size_t i)
{
	size_t end;
	if (wflags(r, i) & (LX_FIRST | LX_SURN))
		return 1;
	const struct lexent *g = gaz_match(r, i, &end);
	return g && (g->flags & LX_NAME) && g->type == ENTITY_PER;
}

/* ---- capitalised runs ---- */

/* The conjunction "e" or "ed", as written (not "è", whose folded form is
 * the same). */
static int is_and(const struct erules *r, size_t k)
{
	const struct etok *t = &r->ts.t[k];
	const char *w = r->text + t->off;
	return (t->len == 1 && w[0] == 'e') || (t->len == 2 && !memcmp(w, "ed", 2));
}

/* Particles inside a name: "von der", "bin"; after a head word also the
 * Italian links "di", "della", "d'" ("Banca d'Italia"). Returns the token
 * after them when a capitalised word follows, else j. */
static size_t skip_particles(const struct erules *r, size_t j, int head)
{
	size_t k = j;
	if (head && is_and(r, k) && (wflags(r, k + 1) & LX_LINK) &&
	    !is_cap(r, k + 1) && (wflags(r, k + 2) & LX_PORTFOLIO))
		k++;	/* a second portfolio: "Ministero delle Infrastrutture
			   e dei Trasporti", but two bodies in "Università di
			   Pavia e dell'Insubria" */
	while (is_word(r, k) && !(shape(r, k) & (ETOK_CAP | ETOK_BREAK))) {
		lexflags f = wflags(r, k);
		lexflags ok = LX_PARTICLE;
		if (head)	/* an article only after a link: "per l'" */
			ok |= k > j ? LX_LINK | LX_ARTICLE : LX_LINK;
		if (!(f & ok))
			break;	/* "Movimento per l'Autonomia" */
		k++;
	}
	if (k == j || !is_cap(r, k) || (shape(r, k) & ETOK_BREAK) ||
	    (is_notent(r, k) && !(head && (wflags(r, k) & LX_PORTFOLIO))))
		return j;
	return k;
}

/* A capitalised word that goes on an institution's name even though it
 * is no name by itself: "Guardia Nazionale", "Ministero degli Interni". */
static int head_word_ok(const struct erules *r, size_t j)
{
	return (wflags(r, j) & (LX_NATADJ | LX_INSTADJ | LX_PORTFOLIO)) != 0;
}

/* Does a known place follow the link at j ("di Torino")? */
static int link_to_place(const struct erules *r, size_t j)
{
	size_t k = j, end;
	while (k < j + 2 && is_word(r, k) && !is_cap(r, k) &&
	       (wflags(r, k) & LX_LINK))
		k++;
	const struct lexent *g = k > j ? gaz_match(r, k, &end) : NULL;
	return g && (g->flags & LX_NAME) && g->type == ENTITY_LOC;
}

/* Does an office named after the place it serves end before the link at
 * j? Before a place ("Procura" "di Roma") or a bare "di" ("Tribunale" "di
 * Nola"), not before a name of its own ("Procura della Repubblica",
 * "Tribunale del Riesame", "Tribunale della libertà"). */
static int split_link(const struct erules *r, size_t j)
{
	const struct etok *t = &r->ts.t[j];
	const char *w = r->ts.fold.data + t->foff;
	int bare = (t->flen == 2 && !memcmp(w, "di", 2)) ||
		   (t->flen == 2 && !memcmp(w, "d'", 2)) ||
		   (t->flen == 4 && !memcmp(w, "d\xe2\x80\x99", 4));
	return bare || link_to_place(r, j);
}

/* Does the person holding an office named by the run [i, j) start at j?
 * After a title ("presidente del Consiglio Mario Monti", "presidente del
 * Consiglio Prodi") or after a portfolio ("Ministero dei Trasporti Ercole
 * Incalza"); not a person a body is named after ("Fondazione Luigi
 * Einaudi"). */
static int holder_after(const struct erules *r, size_t i, size_t j, int linked)
{
	size_t end;
	lexflags f = wflags(r, j);
	int full = (f & LX_FIRST) && is_cap(r, j + 1) &&
		   !(shape(r, j + 1) & ETOK_BREAK);
	if (full && linked)
		return 1;
	if (cue_before(r, i, 1) != ENTITY_PER)
		return 0;
	const struct lexent *g = gaz_match(r, j, &end);
	return full || (g && (g->flags & LX_NAME) && g->type == ENTITY_PER);
}

/* Are tokens [a, b) initials and their periods only ("J. R.")? */
static int only_initials(const struct erules *r, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (!is_initial(r, k) && !initial_dot(r, k))
			return 0;
	return b > a;
}

/* A quotation mark: '"', '“', '”', '«', '»'. */
static int is_quote(const struct erules *r, size_t k)
{
	if (k >= r->ts.n || (shape(r, k) & ETOK_WORD))
		return 0;
	const char *p = r->text + r->ts.t[k].off;
	return *p == '"' || !strncmp(p, "\xe2\x80\x9c", 3) ||
	       !strncmp(p, "\xe2\x80\x9d", 3) || !strncmp(p, "\xc2\xab", 2) ||
	       !strncmp(p, "\xc2\xbb", 2);
}

/* A nickname in quotes between a given name and a surname, from the
 * opening mark at j: 'Giuseppe "Pippo" Calò'. Returns the surname's
 * token, or j when there is none. */
static size_t nickname_end(const struct erules *r, size_t j)
{
	if (!is_quote(r, j) || !is_cap(r, j + 1))
		return j;
	size_t k = j + 2 + (is_cap(r, j + 2) && !is_quote(r, j + 2));
	if (!is_quote(r, k) || !is_cap(r, k + 1) || (shape(r, k + 1) & ETOK_BREAK) ||
	    is_notent(r, k + 1))
		return j;
	for (size_t m = j + 1; m <= k + 1; m++)
		if (shape(r, m) & ETOK_BREAK)
			return j;
	return k + 1;
}

/* Flags of token k in English, whatever the text's language: news in
 * every language quotes English names whole ("Federal Bureau of
 * Investigation" in an Italian report). */
static lexflags en_flags(const struct erules *r, size_t k)
{
	return k < r->ts.n && r->w[k] ? lex_flags(r->lx, r->w[k], LANG_EN) : 0;
}

/* An English link inside an English organisation's name: "of", "for",
 * "and" between a run that has an English head ("Bureau", "Trust",
 * "Institute") and a capitalised word. */
static int en_name_link(const struct erules *r, size_t j, int enhead)
{
	return enhead && !is_cap(r, j) &&
	       (en_flags(r, j) & LX_LINK) && is_cap(r, j + 1) &&
	       !(shape(r, j + 1) & ETOK_BREAK) && !is_notent(r, j + 1);
}

/* The end of an English organisation's name whose words so far end at e
 * with a head ("Federal Bureau"): links and capitalised words after it
 * ("of Investigation", "for Disease Control and Prevention"). */
static size_t en_name_rest(const struct erules *r, size_t e)
{
	size_t k = e;
	if (!(en_flags(r, e - 1) & LX_HEAD_ORG))
		return e;
	while (en_name_link(r, k, 1)) {
		k++;
		while (is_cap(r, k) && !(shape(r, k) & ETOK_BREAK) && !is_notent(r, k))
			k++;
	}
	return k;
}

/* End of the capitalised run that starts at token i: capitalised words,
 * hyphenated parts ("Komsomolsk-on-Amur"), particles. A run stops before
 * a lexicon name unless it is built on a head word or given names
 * ("Università Bocconi", "Vladimir Putin"). */
static size_t run_end(const struct erules *r, size_t i, int head)
{
	lexflags f = wflags(r, i);
	head |= (f & (LX_HEAD_ORG | LX_HEAD_LOC)) != 0;
	int names = (f & LX_FIRST) != 0;
	int sstart = (shape(r, i) & ETOK_SSTART) != 0;
	int enhead = (en_flags(r, i) & (LX_HEAD_ORG | LX_TAIL_ORG)) != 0;
	int linked = 0;	/* a link after a head word: "Ministero dei" */
	size_t j = i + 1;
	if ((f & LX_HEAD_SPLIT) && (wflags(r, j) & LX_LINK) && !is_cap(r, j) &&
	    split_link(r, j))
		return j;	/* "Procura" "di" "Roma" */
	for (;;) {
		if (initial_dot(r, j)) {
			j++;	/* "George W. Bush" */
			continue;
		}
		if (names && j == i + 1 && nickname_end(r, j) > j) {
			j = nickname_end(r, j);	/* 'Giuseppe "Pippo" Calò' */
			continue;
		}
		if (!is_word(r, j) || (shape(r, j) & ETOK_BREAK))
			break;
		uint32_t s = shape(r, j);
		f = wflags(r, j);
		if (s & ETOK_HYPHEN) {
			j++;
			continue;
		}
		if (s & ETOK_CAP) {
			if (names && (f & (LX_LINK | LX_PARTICLE)) &&
			    is_cap(r, j + 1) && !(shape(r, j + 1) & ETOK_BREAK)) {
				j += 2;	/* "Lorella Di Giovanni" */
				continue;
			}
			if (is_notent(r, j) && !(head && head_word_ok(r, j)) &&
			    !(names && j == i + 1 && (f & LX_NATADJ)))
				break;	/* but "Clemente Russo", "Mario Greco" */
			if (!head && !names && (sstart || j > i + 1) &&
			    ((f & LX_FIRST) || starts_name(r, j)) &&
			    !only_initials(r, i, j))
				break;	/* "Vertice Putin", "Arriva Sergei ..."
					   (but "V. Borodkin") */
			if (!head && !names && (f & LX_FIRST) && is_cap(r, j + 1) &&
			    !(shape(r, j + 1) & ETOK_BREAK) && !is_notent(r, j + 1))
				break;	/* "Federscherma" "Paolo Rossi" */
			if (head && holder_after(r, i, j, linked))
				break;	/* "presidente del Consiglio Mario Monti" */
			head |= (f & (LX_HEAD_ORG | LX_HEAD_LOC)) != 0;
			enhead |= (en_flags(r, j) & (LX_HEAD_ORG | LX_TAIL_ORG)) != 0;
			if (!(s & ETOK_ELIDED) && !is_initial(r, j))
				names = names && (f & (LX_FIRST | LX_NAME));
			/* "Lucio D'Andria", "Michael M. Sears" */
			j++;
			continue;
		}
		if ((shape(r, j + 1) & ETOK_HYPHEN) && is_cap(r, j + 1)) {
			j += 2;		/* "Nouri al-Maliki" */
			continue;
		}
		if (head && j - i >= 2 && link_to_place(r, j))
			break;	/* "Corte d'Appello" "di Torino" */
		if (en_name_link(r, j, enhead)) {
			head = 1;
			j++;	/* "Federal Bureau" "of" "Investigation" */
			continue;
		}
		size_t k = skip_particles(r, j, head);
		if (k == j)
			break;
		if (head && (wflags(r, k) & LX_FIRST) && is_cap(r, k + 1) &&
		    !(shape(r, k + 1) & ETOK_BREAK) && !is_notent(r, k + 1))
			break;	/* "Lega Nord" "di Roberto Maroni" */
		linked |= head;
		j = k + 1;
	}
	return j;
}

/* ---- typing ---- */

static int has_digit_part(const struct erules *r, size_t a, size_t b)
{
	for (size_t k = a + 1; k < b; k++)
		if ((shape(r, k) & (ETOK_HYPHEN | ETOK_DIGIT)) ==
		    (ETOK_HYPHEN | ETOK_DIGIT))
			return 1;
	return 0;
}

/* A Roman numeral: "XXI", "IV". */
static int is_roman(const struct erules *r, size_t i)
{
	const char *f = r->ts.fold.data + r->ts.t[i].foff;
	return strspn(f, "ivxlcdm") == r->ts.t[i].flen;
}

/* Does token i have a digit? Only its own bytes are read: the folded
 * text goes on after it (strcspn there read the rest of the text). */
static int has_digit(const struct erules *r, size_t i)
{
	const char *f = r->ts.fold.data + r->ts.t[i].foff;
	for (size_t k = 0; k < r->ts.t[i].flen; k++)
		if (f[k] >= '0' && f[k] <= '9')
			return 1;
	return 0;
}

/* Does the run [a, b) have an acronym, a numeral or a number in it? */
static int has_code_word(const struct erules *r, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if ((shape(r, k) & (ETOK_UPPER | ETOK_DIGIT)) || has_digit(r, k))
			return 1;
	return 0;
}


/* Words of a name in [a, b): hyphenated parts and the periods of
 * initials do not count ("Pre-orders" is one word, "Jean-Claude Juncker"
 * two, "Michael M. Sears" three). */
static size_t name_words(const struct erules *r, size_t a, size_t b)
{
	size_t n = 0;
	for (size_t k = a; k < b; k++)
		n += (shape(r, k) & (ETOK_WORD | ETOK_HYPHEN)) == ETOK_WORD;
	return n;
}

/* A word with a capital inside after a lower-case letter, the way company
 * names are written ("DaimlerChrysler", "PricewaterhouseCoopers"), but not
 * a family name with a prefix ("McCain", "MacArthur", "DiCaprio",
 * "LeBron", "DeSantis", "VanDyke"). */
static int is_camel(const struct erules *r, size_t i)
{
	static const char *const prefix[] = { "Mc", "Mac", "Di", "De", "Da",
		"Du", "Le", "La", "Van", "Von", "Fitz", "O", NULL };
	const char *w = r->text + r->ts.t[i].off;
	size_t n = r->ts.t[i].len, k;
	for (k = 1; k + 1 < n; k++)
		if (w[k] >= 'a' && w[k] <= 'z' && w[k + 1] >= 'A' && w[k + 1] <= 'Z')
			break;
	if (k + 1 >= n || !(shape(r, i) & ETOK_CAP))
		return 0;
	for (int p = 0; prefix[p]; p++)
		if (strlen(prefix[p]) == k + 1 && memcmp(prefix[p], w, k + 1) == 0)
			return 0;
	return 1;
}

/* Is a word of [a, b) after the first a function word in some language
 * ("About", "Of", "Our", "Para"), not a particle of names ("van", "de")?
 * Then the run is a title, no person's name. */
static int foreign_function_word(const struct erules *r, size_t a, size_t b)
{
	for (size_t k = a + 1; k < b; k++) {
		const struct lexent *e = r->w[k];
		if (!e || !is_cap(r, k))
			continue;
		lexflags any = lex_flags(r->lx, e, LANG_UNKNOWN);
		if ((any & LX_NOTENT) &&
		    !(any & (LX_PARTICLE | LX_LINK | LX_FIRST | LX_SURN | LX_NAME)))
			return 1;
	}
	return 0;
}

/* Does the camel-case word at i end in an event's word ("JazzFestival")? */
static int camel_tail_misc(const struct erules *r, size_t i)
{
	const struct etok *t = &r->ts.t[i];
	const char *w = r->text + t->off, *f = r->ts.fold.data + t->foff;
	size_t k = t->len;
	while (k > 1 && !(w[k - 1] >= 'A' && w[k - 1] <= 'Z'))
		k--;
	if (k <= 1 || t->len != t->flen)	/* ASCII only: offsets agree */
		return 0;
	const char *tail = f + k - 1;
	size_t n = t->flen - (k - 1);
	const struct lexent *e = lex_find(r->lx, tail, n,
					  lex_hash_add(lex_hash_start(), tail, n));
	return e && (lex_flags(r->lx, e, r->lang) & LX_MISC_WORD);
}

/* Alone between parentheses: "( FI )". */
static int in_parens(const struct erules *r, size_t i)
{
	return i > 0 && is_punct(r, i - 1, '(') && is_punct(r, i + 1, ')');
}

/* Type of an unknown capitalised run [a, b) by its own words: events,
 * heads and tails of institution and place names; ENTITY_NONE when they
 * do not tell. */
static int run_type_words(const struct erules *r, size_t a, size_t b,
			  int *conf, const char **why)
{
	lexflags fa = wflags(r, a), fl = wflags(r, b - 1);
	size_t words = name_words(r, a, b);
	*conf = CONF_CTX;
	*why = "camel";
	if (words == 1 && b == a + 1 && is_camel(r, a))	/* "DaimlerChrysler" */
		return camel_tail_misc(r, a) ? ENTITY_MISC : ENTITY_ORG;
	*why = "misc";
	if (words > 1 && ((fa | fl) & LX_MISC_WORD))
		return ENTITY_MISC;	/* "Premio Strega", "Grammy Awards" */
	*why = "head";
	if (words == 1 && (fa & LX_HEAD_ORG) && !(shape(r, a) & ETOK_SSTART)) {
		if (fa & LX_HEAD_SPLIT)
			*conf = CONF_STRONG;	/* "la Procura" */
		return ENTITY_ORG;	/* "il Ministero della sanità" */
	}
	*conf = CONF_STRONG;
	if (words == 1 && (fa & LX_HEAD_SPLIT))
		return ENTITY_ORG;
	if (words > 1 && (fa & LX_HEAD_ORG))
		return ENTITY_ORG;
	if (words > 1 && (fa & (LX_INSTADJ | LX_NATADJ)) &&
	    (wflags(r, a + 1) & LX_HEAD_ORG))
		return ENTITY_ORG;	/* "Pontificio Consiglio", "Supremo Tribunale" */
	if (words > 1 && (fa & LX_HEAD_LOC))
		return ENTITY_LOC;
	*why = "tail";
	if (words > 1 && (fl & LX_TAIL_ORG))
		return ENTITY_ORG;
	if (words > 1 && (fl & LX_TAIL_LOC))
		return ENTITY_LOC;
	return ENTITY_NONE;
}

static int lower_seen(struct erules *r, size_t i);

/* Does token k end in one of the endings with flag f, written "-elli",
 * "-ale" in the lexicons? Its stem must be three letters or more. */
static int has_ending(const struct erules *r, size_t k, lexflags f)
{
	const struct etok *t = &r->ts.t[k];
	const char *w = r->ts.fold.data + t->foff;
	char key[12];
	for (size_t l = 2; l <= 8 && l + 3 <= t->flen; l++) {
		key[0] = '-';
		memcpy(key + 1, w + t->flen - l, l);
		const struct lexent *e = lex_find(r->lx, key, l + 1,
			lex_hash_add(lex_hash_start(), key, l + 1));
		if (e && (lex_flags(r->lx, e, r->lang) & f))
			return 1;
	}
	return 0;
}

/* Does the text write every word of [a, b) in lower case elsewhere? Then
 * the run is common words in capitals (a title, a slogan), no name. */
static int common_words(struct erules *r, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (is_word(r, k) && !lower_seen(r, k))
			return 0;
	return 1;
}

/* A word of two letters or more in capitals, with no digit. */
static int caps_word(const struct erules *r, size_t k)
{
	uint32_t up = ETOK_WORD | ETOK_UPPER;
	return k < r->ts.n && (shape(r, k) & up) == up && r->ts.t[k].len > 1 &&
	       !has_digit(r, k);
}

/* Is token i in a stretch written in capitals ("ICARDI, BONUS DA 1.3
 * MLN"): a word in capitals right before or after it, or past a number?
 * Its words are then no acronyms (but "PD, FI e SEL" are). */
static int shouted(const struct erules *r, size_t i)
{
	if ((i > 0 && caps_word(r, i - 1)) || caps_word(r, i + 1))
		return 1;
	return (i > 1 && has_digit(r, i - 1) && caps_word(r, i - 2)) ||
	       (has_digit(r, i + 1) && caps_word(r, i + 2));
}

/* Does a word for a work or a thing come right before token a, maybe
 * with an article or a quotation mark between ("la canzone \"Purple
 * Rain\"")? */
static int work_before(const struct erules *r, size_t a)
{
	size_t k = a;
	while (k > 0 && a - k < 3 && (is_quote(r, k - 1) ||
				      (wflags(r, k - 1) & LX_ARTICLE)))
		k--;
	return k > 0 && !is_cap(r, k - 1) && (wflags(r, k - 1) & LX_CUE_MISC);
}

/* Is token k a foreign plural that no lexicon knows, as teams and bands
 * are named ("Braves", "Lakers", "Stones")? Right after a place, only in
 * a sports report ("Lucca Comics" is a fair). */
static int team_plural(const struct erules *r, size_t k)
{
	const struct etok *t = &r->ts.t[k];
	const char *w = r->ts.fold.data + t->foff;
	return is_cap(r, k) && !(shape(r, k) & (ETOK_BREAK | ETOK_UPPER)) &&
	       !r->w[k] && t->flen >= 4 && w[t->flen - 1] == 's' &&
	       w[t->flen - 2] != 's';
}

/* A run after a plural article that ends in a foreign plural no lexicon
 * knows is a band or a team: "i Rolling Stones", "dei Wallabies". */
static int plural_group(const struct erules *r, size_t a, size_t b)
{
	return a > 0 && is_word(r, a - 1) && (wflags(r, a - 1) & LX_PLURAL_ART) &&
	       team_plural(r, b - 1);
}

/* Type and confidence of a run the words did not type, by names inside
 * it and by what comes before; *why names the rule. */
static int run_type_context(struct erules *r, size_t a, size_t b,
			    int *conf, const char **why)
{
	lexflags fa = wflags(r, a), fl = wflags(r, b - 1);
	size_t words = name_words(r, a, b);
	int sstart = (shape(r, a) & ETOK_SSTART) != 0;
	int cue = cue_before(r, a, 0);
	*conf = CONF_CTX;
	*why = "digits";
	if (has_digit_part(r, a, b) && cue != ENTITY_LOC)
		return ENTITY_MISC;	/* products: "Soyuz-2", "Su-35S" */
	*conf = CONF_STRONG;
	*why = "first-name";
	if ((fa & LX_FIRST) && (words > 1 || !sstart))
		return ENTITY_PER;
	*why = "surname";
	if ((fa | fl) & LX_SURN)
		return ENTITY_PER;
	*why = "cue";
	if (cue == ENTITY_PER && has_digit(r, a))
		cue = ENTITY_NONE;	/* "la famiglia Airbus A320neo": a model */
	if (cue != ENTITY_NONE)
		return cue;
	*why = "plural-group";
	if (plural_group(r, a, b))
		return ENTITY_ORG;	/* "i Beatles", "dei Wallabies" */
	*conf = CONF_CTX;
	lexflags fp = a > 0 && is_word(r, a - 1) ? wflags(r, a - 1) : 0;
	*why = "acronym";
	if (words == 1 && (shape(r, a) & ETOK_UPPER) && r->ts.t[a].len <= 6) {
		if (sstart || is_roman(r, a) || has_digit(r, a) || shouted(r, a))
			*conf = CONF_NONE;	/* "READ", "XXI", "H1N1" */
		return ENTITY_ORG;
	}
	*why = "prep";
	if (fp & LX_PREP_LOC) {
		*conf = CONF_WEAK;	/* "a Topalov" is a dative too */
		return ENTITY_LOC;
	}
	*why = "article";
	if ((fp & LX_ARTICLE) && words > 1)
		return ENTITY_MISC;	/* "la Divina Commedia", "il Boreal
					   Orbit Collider": works and things as often
					   as bodies, which a head or tail word
					   tells ("la Brookings Institution") */
	*conf = CONF_WEAK;
	*why = "run-code";
	if (words > 1 && has_code_word(r, a, b))
		return ENTITY_MISC;	/* "GTA V", "Tornado GR4": no person */
	*why = "run-words";
	if (words > 1 && (foreign_function_word(r, a, b) ||
			  (words > 3 && !(fa & LX_FIRST))))
		return ENTITY_MISC;	/* "Gone With The Wind", "Back To The Future" */
	*why = "run-common";
	if (words > 1 && common_words(r, a, b))
		return ENTITY_MISC;	/* "Notte Serena" after "una notte
					   serena" */
	*why = "run-quoted";
	if (words > 1 && a > 0 && is_quote(r, a - 1) && is_quote(r, b))
		return ENTITY_MISC;	/* a title: "Habemus Papam", "Jolly Nero" */
	*why = "run-work";
	if (words > 1 && work_before(r, a))
		return ENTITY_MISC;	/* "il brano Love Song" */
	*why = "run";
	if (words > 1)
		return ENTITY_PER;
	*why = "surname-ending";
	if (words == 1 && b == a + 1 && !sstart && !wflags(r, a) &&
	    has_ending(r, a, LX_SURN_END)) {
		*conf = CONF_WEAK;
		return ENTITY_PER;	/* "Berlinelli", "Kovalenko" */
	}
	/* a lone unknown word is typed only by the rest of the document */
	*why = "lone";
	return ENTITY_NONE;
}

static int run_type(struct erules *r, size_t a, size_t b, int *conf,
		    const char **why)
{
	int t = run_type_words(r, a, b, conf, why);
	return t != ENTITY_NONE ? t : run_type_context(r, a, b, conf, why);
}

/* Words kept after an institution: adjectives ("governo tedesco",
 * "consiglio comunale", "Corte costituzionale") and portfolios after a
 * link ("Ministero della sanità", "Corte d'appello"). */
/* A lower-case word ending the way adjectives end in this language
 * ("macedone", "vescovile", "rivoluzionaria"): the endings are words
 * "-ale", "-ese" ... of the LX_INSTADJ lists. */
static int adj_ending(const struct erules *r, size_t k)
{
	const struct etok *t = &r->ts.t[k];
	const char *f = r->ts.fold.data + t->foff;
	char key[8];
	if (!is_word(r, k) || is_cap(r, k) || (wflags(r, k) & LX_NOTENT))
		return 0;
	for (size_t l = 3; l <= 5 && l + 2 < t->flen; l++) {
		key[0] = '-';
		memcpy(key + 1, f + t->flen - l, l);
		const struct lexent *e = lex_find(r->lx, key, l + 1,
			lex_hash_add(lex_hash_start(), key, l + 1));
		if (e && (lex_flags(r->lx, e, r->lang) & LX_INSTADJ))
			return 1;
	}
	return 0;
}

static size_t inst_adjectives(const struct erules *r, size_t k)
{
	for (;;) {
		if (is_word(r, k) && !is_cap(r, k) &&
		    ((wflags(r, k) & (LX_NATADJ | LX_INSTADJ)) || adj_ending(r, k)))
			k++;
		else if (is_word(r, k) && !is_cap(r, k) &&
			 (wflags(r, k) & LX_LINK) && is_word(r, k + 1) &&
			 !is_cap(r, k + 1) && (wflags(r, k + 1) & LX_PORTFOLIO))
			k += 2;
		else
			return k;
	}
}

/* A content word in lower case: no function word, time word or name. */
static int lower_content(const struct erules *r, size_t k)
{
	return is_word(r, k) && !is_cap(r, k) && !(shape(r, k) & ETOK_DIGIT) &&
	       !(wflags(r, k) & (LX_NOTENT | LX_LINK | LX_ARTICLE | LX_PREP_LOC |
				 LX_CUE_PER | LX_ROLE_START));
}

/* The lower-case rest of a generic institution's name that [a, e) begins
 * with a head word and its adjectives alone: a link ("di", "per"), maybe
 * an article, and lower-case content words joined by links, articles and
 * "e" ("Commissione internazionale per la tutela delle foreste",
 * "Organizzazione internazionale della lana e del cotone"). Returns the end
 * of the name: e when no such rest follows. The rest ends at punctuation,
 * a capital or a function word, and is short: a clause is no name. */
static size_t lower_tail(const struct erules *r, size_t a, size_t e)
{
	enum { TAIL_MAX = 9 };
	if ((wflags(r, a) & LX_HEAD_SPLIT) && e == a + 1 && is_word(r, e) &&
	    split_link(r, e))
		return e;	/* "Procura" "di" "Roma" */
	for (size_t k = a + 1; k < e; k++)
		if (is_cap(r, k))
			return e;	/* a name of its own: "Ministero della Difesa" */
	size_t k = e, best = e;
	if (!is_word(r, k) || is_cap(r, k) || !(wflags(r, k) & LX_LINK))
		return e;
	while (k < e + TAIL_MAX && is_word(r, k) && !is_cap(r, k) &&
	       !(shape(r, k) & ETOK_BREAK)) {
		lexflags f = wflags(r, k);
		if (lower_content(r, k))
			best = ++k;
		else if ((f & (LX_LINK | LX_ARTICLE)) || is_and(r, k))
			k++;	/* "di", "alle", "e" */
		else
			break;
	}
	return best;
}

/* Pushes an event or a work, or rather the place named in it: news
 * annotation tags "Festival di Sanremo" as the place Sanremo alone. */
static void push_misc(struct erules *r, size_t a, size_t b, int conf,
		      int32_t canon, const char *why)
{
	for (size_t k = a + 1; k + 1 < b; k++) {
		size_t end;
		const struct lexent *g;
		if (!(wflags(r, k) & LX_LINK) || is_cap(r, k))
			continue;
		g = gaz_match(r, k + 1, &end);
		if (g && (g->flags & LX_NAME) && g->type == ENTITY_LOC && end <= b) {
			push_span(r, k + 1, end, ENTITY_LOC, CONF_CTX, g->canon,
				  "misc-place");
			return;
		}
	}
	push_span(r, a, b, ENTITY_MISC, conf, canon, why);
}

/* A maker's name used for its product: "un Boeing 737", "la Fiat
 * Panda" is no organisation in news annotation; a model number after it
 * or an indefinite article before it tells. */
static int is_product(const struct erules *r, size_t i, size_t end)
{
	const char *p = i > 0 ? r->ts.fold.data + r->ts.t[i - 1].foff : "";
	int indef = i > 0 && r->ts.t[i - 1].flen <= 3 && (!strncmp(p, "un ", 3) ||
		    !strncmp(p, "una ", 4) || !strncmp(p, "uno ", 4));
	return indef || ((shape(r, end) & ETOK_WORD) && has_digit(r, end) &&
			 !(shape(r, end) & ETOK_BREAK));
}

/* A place after an article in a sports report is a team: "la Francia
 * ha battuto", "il gol del Torino" (but "a Torino", "in Francia"). */
static int is_team(const struct erules *r, size_t i, size_t end)
{
	/* an article, bare or with a, da, su ("la", "alla"), not "della";
	 * capitalised only at the start of a sentence ("Il Galles ...") */
	int det = i > 0 && (wflags(r, i - 1) & (LX_ARTICLE | LX_LINK)) ==
		LX_ARTICLE && (!is_cap(r, i - 1) || (shape(r, i - 1) & ETOK_SSTART));
	/* a match, "Roma - Lazio": a name on the other side of the dash (not
	 * a dateline, "(AM) - FIUMARA, 3 MAR") */
	int match = (i > 1 && is_punct(r, i - 1, '-') && is_cap(r, i - 2)) ||
		    (is_punct(r, end, '-') && is_cap(r, end + 1));
	return (det || match) && sentence_has(r, i, LX_SPORT);
}

/* The end of the places of the lexicon that follow token k - 1 with no
 * punctuation between, as a company names its branch ("Ikea Italia",
 * "Heineken Amsterdam"): k when none does. */
static size_t places_after(const struct erules *r, size_t k)
{
	size_t end;
	const struct lexent *g;
	while (!(shape(r, k) & ETOK_BREAK) && (g = gaz_match(r, k, &end)) &&
	       (g->flags & LX_NAME) && g->type == ENTITY_LOC)
		k = end;
	return k;
}

/* The end of the capitalised institutional or national adjectives from
 * token k on ("Regionale", "Cantonale", "Italiana"): k when none. */
static size_t caps_adjectives(const struct erules *r, size_t k)
{
	while (is_cap(r, k) && !(shape(r, k) & (ETOK_BREAK | ETOK_UPPER)) &&
	       (wflags(r, k) & (LX_INSTADJ | LX_NATADJ)) &&
	       !(name_flags(r, k) & LX_NAME))
		k++;
	return k;
}

/* A lexicon name at [i, end): keeps it, or takes it as the start of a
 * longer name when a tail word ends the run ("Vostochny Cosmodrom") or a
 * lower-case hyphenated part continues it ("Komsomolsk-on-Amur"). */
static size_t emit_lexicon(struct erules *r, size_t i, size_t end,
			   const struct lexent *g)
{
	size_t k = end;
	if ((shape(r, k) & ETOK_HYPHEN) && is_word(r, k) && !is_cap(r, k)) {
		while (shape(r, k) & ETOK_HYPHEN)
			k++;
		push_span(r, i, k, g->type, CONF_STRONG, -1, "lex-hyphen");
		return k;
	}
	while (is_cap(r, k) && !(shape(r, k) & ETOK_BREAK) && !is_notent(r, k))
		k++;
	lexflags fl = wflags(r, k - 1);
	if (k > end && (fl & (LX_TAIL_ORG | LX_TAIL_LOC)) && g->type != ENTITY_PER) {
		push_span(r, i, k, (fl & LX_TAIL_ORG) ? ENTITY_ORG : ENTITY_LOC,
			  CONF_STRONG, -1, "lex-tail");
		return k;
	}
	if (g->type == ENTITY_LOC && !(g->flags & LX_USER) && k == end + 1 &&
	    team_plural(r, end) && sentence_has(r, i, LX_SPORT)) {
		push_span(r, i, k, ENTITY_ORG, CONF_STRONG, -1, "team-name");
		return k;	/* "Atlanta Braves", "Miami Marlins" */
	}
	if (g->type == ENTITY_LOC && !(g->flags & LX_USER)) {
		k = end;	/* "Sicilia orientale", "Francia settentrionale" */
		while (is_word(r, k) && !is_cap(r, k) &&
		       (wflags(r, k) & (LX_TAIL_LOC | LX_INSTADJ)) ==
		       (LX_TAIL_LOC | LX_INSTADJ))
			k++;	/* adjectives only: not "Heathrow airport" */
		if (k == end && (wflags(r, i) & LX_HEAD_LOC) && end == i + 1)
			k = run_end(r, i, 1);	/* "Golfo di Napoli" */
		if (k > end) {
			push_span(r, i, k, ENTITY_LOC, CONF_STRONG, -1, "lex-loc");
			return k;
		}
	}
	if (g->type == ENTITY_ORG && !(g->flags & LX_USER) &&
	    (k = places_after(r, end)) > end) {
		push_span(r, i, k, ENTITY_ORG, CONF_STRONG, -1, "lex-org-place");
		return k;	/* "Ikea Italia", "Heineken Amsterdam" */
	}
	if (g->type == ENTITY_LOC && is_team(r, i, end)) {
		push_span(r, i, end, ENTITY_ORG, CONF_STRONG, -1, "team");
		return end;
	}
	if (g->type == ENTITY_ORG && (wflags(r, i) & LX_HEAD_ORG) &&
	    !(g->flags & LX_USER)) {
		k = run_end(r, i, 1);	/* "Repubblica di Macedonia" */
		k = lower_tail(r, i, inst_adjectives(r, k > end ? k : end));
		if (k > end) {		/* "Parlamento macedone" */
			push_span(r, i, k, ENTITY_ORG, CONF_STRONG, -1, "lex-head");
			return k;
		}
	}
	if (g->type == ENTITY_ORG && !(g->flags & LX_USER) &&
	    (k = caps_adjectives(r, end)) > end) {
		push_span(r, i, k, ENTITY_ORG, CONF_STRONG, -1, "lex-adj");
		return k;	/* "Protezione Civile Regionale" */
	}
	if (g->type == ENTITY_ORG && is_product(r, i, end)) {
		push_span(r, i, end, ENTITY_MISC, CONF_CTX, g->canon, "product");
		return end;
	}
	if (g->type == ENTITY_MISC && !(g->flags & LX_USER))
		push_misc(r, i, end, CONF_STRONG, g->canon, "lex");
	else
		push_span(r, i, end, g->type,
			  (g->flags & LX_USER) ? CONF_USER : CONF_STRONG,
			  g->canon, "lex");
	return end;
}

/* Words that only introduce a name or never are one: skipped at the start
 * of a run ("Presidente Xi Jinping", "Il", "Lunedì"). */
static int skip_at_start(const struct erules *r, size_t i)
{
	lexflags f = name_flags(r, i);
	if ((f & LX_NOTENT) && (f & LX_FIRST) && (shape(r, i) & ETOK_SSTART) &&
	    !is_cap(r, i + 1))
		return 1;	/* "Nella giornata", not "Nella Rossi" */
	if ((f & LX_NOTENT) && !(f & (LX_FIRST | LX_SURN | LX_NAME)) &&
	    i > 0 && has_digit(r, i - 1) && !is_cap(r, i + 1))
		return 1;	/* a month after its day, heading nothing: "3 MAR" */
	if (f & (LX_HEAD_ORG | LX_HEAD_LOC | LX_FIRST | LX_SURN | LX_NAME))
		return 0;
	if (f & (LX_NOTENT | LX_CUE_PER | LX_CUE_LOC | LX_CUE_ORG | LX_PREP_LOC |
		 LX_ARTICLE | LX_LINK))
		return 1;
	/* an elided capital that is no name part: "L'", "Dell'" */
	return (shape(r, i) & ETOK_ELIDED) && !is_cap(r, i + 1);
}

/* A lower-case institution or head word starting a name: "il governo
 * russo", "la provincia di Milano", "il ministero della Difesa". Returns
 * the token after the span, or i when there is none. */
static size_t lower_head(struct erules *r, size_t i)
{
	lexflags f = wflags(r, i);
	if (f & LX_INST) {
		/* a common noun alone names no one: "il governo" is whichever
		 * government the story is about, "il governo tedesco" one;
		 * alone it may only stand for the one its text names in full
		 * (doc_resolve, and the linker of entity.c) */
		size_t e = inst_adjectives(r, i + 1);
		if (e == i + 1 && !is_cap(r, i)) {
			push_span(r, i, e, ENTITY_NONE, CONF_WEAK, -1, "inst-short");
			return e;
		}
		push_span(r, i, e, ENTITY_ORG, CONF_STRONG, -1, "inst");
		return e;
	}
	if ((f & LX_LHEAD_DIRECT) && !is_cap(r, i) && is_cap(r, i + 1) &&
	    !(shape(r, i + 1) & ETOK_BREAK) && !is_notent(r, i + 1) &&
	    !is_person(r, i + 1)) {
		size_t e = run_end(r, i + 1, 1);
		push_span(r, i, e, ENTITY_LOC, CONF_STRONG, -1, "lhead-direct");
		return e;	/* "l'ospedale Casilino" */
	}
	if (!(f & (LX_LHEAD_LOC | LX_LHEAD_ORG)) || is_cap(r, i))
		return i;
	int org = (f & LX_LHEAD_ORG) != 0;
	size_t k = i + 1;
	if ((f & LX_HEAD_SPLIT) && (wflags(r, k) & LX_LINK) && is_cap(r, k + 1)) {
		push_span(r, i, k, ENTITY_ORG, CONF_STRONG, -1, "lhead-split");
		return k;	/* "procura" "di" "Roma" */
	}
	if (org && (wflags(r, k) & LX_INSTADJ) && !is_cap(r, k)) {
		k = inst_adjectives(r, k);	/* "consiglio comunale" */
		push_span(r, i, k, ENTITY_ORG, CONF_STRONG, -1, "lhead-adj");
		return k;
	}
	while (is_word(r, k) && !is_cap(r, k) && (wflags(r, k) & LX_LINK))
		k++;
	/* portfolio words stay: "ministero della Difesa" */
	if (!is_cap(r, k) || (shape(r, k) & ETOK_BREAK) || is_person(r, k))
		return i;	/* "amministrazione Bush" */
	size_t e = run_end(r, k, 1);
	/* the administration of a place an office holder heads: "presidente
	 * della regione Lombardia", "sindaco del comune di Quartu" */
	if (!org && cue_before(r, i, 1) == ENTITY_PER)
		org = 1;
	if (org)
		e = inst_adjectives(r, e);
	push_span(r, i, e, org ? ENTITY_ORG : ENTITY_LOC, CONF_STRONG, -1,
		  "lhead");
	return e;
}

/* "don Luigi Ciotti", "suor Maria": the title is part of the name. */
static size_t titled_person(struct erules *r, size_t i)
{
	if (!(wflags(r, i) & LX_PER_TITLE) || !is_cap(r, i + 1) ||
	    (shape(r, i + 1) & ETOK_BREAK) || is_notent(r, i + 1))
		return i;
	size_t e = run_end(r, i + 1, 0);
	push_span(r, i, e, ENTITY_PER, CONF_STRONG, -1, "title");
	return e;
}

/* End of the longest title or role of this language starting at token i
 * ("Prime Minister", "chief executive officer", "Amministratore
 * Delegato"), whatever its capitals, or i. */
static size_t role_end(const struct erules *r, size_t i)
{
	if (!(wflags(r, i) & LX_ROLE_START) || !(r->w[i]->flags & LX_PREFIX) ||
	    !is_word(r, i))
		return i;
	size_t best = i;
	struct keywalk w = { i, i, 0 };
	const struct lexent *e;
	while ((e = keywalk_next(r, &w))) {
		if ((lex_flags(r->lx, e, r->lang) & LX_ROLE) && is_word(r, w.j - 1))
			best = w.j;
		if (!(e->flags & LX_PREFIX))
			break;
	}
	return best;
}

/* A title of several words, never part of a name: its words cue the
 * person named next ("Prime Minister Gordon Brown"). Returns the token
 * after it, or i. */
static size_t skip_role(struct erules *r, size_t i)
{
	size_t e = role_end(r, i);
	if (e < i + 2)
		return i;
	for (size_t k = i; k < e; k++)
		r->f[k] |= LX_CUE_PER;
	return e;
}

/* A capitalised run of unknown words ending in a role word is a title,
 * not a name: "Foreign Minister", "Finance Minister". Returns the end of
 * [a, b) without its role words, a when nothing is left. */
static size_t trim_title(const struct erules *r, size_t a, size_t b)
{
	if (name_words(r, a, b) > 3)
		return b;
	for (size_t k = a; k < b; k++)
		if (wflags(r, k) & (LX_FIRST | LX_SURN | LX_NAME | LX_HEAD_ORG |
				    LX_HEAD_LOC | LX_TAIL_ORG | LX_TAIL_LOC))
			return b;
	while (b > a && is_word(r, b - 1) && (wflags(r, b - 1) & LX_CUE_PER))
		b--;
	return b;
}

/* ---- names built on a tail word ---- */

/* Does the period after token e - 1 belong to the name: a short legal
 * form written as an abbreviation ("Inc.", "Corp.", "Co.", "Ltd.")? */
static int tail_period(const struct erules *r, size_t e)
{
	const struct etok *l = &r->ts.t[e - 1];
	return e < r->ts.n && is_punct(r, e, '.') &&
	       r->ts.t[e].off == l->off + l->len && l->flen <= 4 &&
	       !(l->shape & ETOK_UPPER) && (wflags(r, e - 1) & LX_TAIL_ORG);
}

/* Can a name that ends in a tail word start at token i? Not at a function
 * word or a title; a nationality adjective may ("Thai Airways", "European
 * Space Agency"). */
static int tail_start_ok(const struct erules *r, size_t i)
{
	lexflags f = wflags(r, i);
	if (!is_cap(r, i) || (f & (LX_CUE_PER | LX_CUE_LOC | LX_CUE_ORG | LX_ROLE)))
		return 0;
	return !is_notent(r, i) || (f & LX_NATADJ);
}

/* End of the longest name starting at token i that ends in a tail word
 * of organisations or places, through capitalised words, initials,
 * hyphenated parts and, between capitalised words, links and "&"
 * ("European Aeronautic Defence and Space Company", "Procter & Gamble
 * Company", "Thai Airways International"); i when there is none. *type
 * gets ENTITY_ORG or ENTITY_LOC. A given name and one tail word stay a
 * person ("Samantha Power"). */
static size_t tail_run(const struct erules *r, size_t i, int *type)
{
	if (!tail_start_ok(r, i))
		return i;
	size_t best = i, j = i, words = 0, links = 0;
	while (j < r->ts.n) {
		if (initial_dot(r, j) || (j > i && (shape(r, j) & ETOK_HYPHEN))) {
			j++;
			continue;
		}
		/* links join words before the tail, not two names */
		int joins = words && best == i && is_cap(r, j + 1) &&
			    !(shape(r, j + 1) & ETOK_BREAK) && links < 2;
		if (joins && (is_punct(r, j, '&') ||
			      (is_word(r, j) && !is_cap(r, j) &&
			       (wflags(r, j) & LX_LINK)))) {
			links++;
			j++;
			continue;
		}
		if (!is_cap(r, j) || (j > i && (shape(r, j) & ETOK_BREAK)) ||
		    (j > i && is_notent(r, j) && !(wflags(r, j) & LX_NATADJ)))
			break;
		lexflags f = wflags(r, j);
		words++;
		if (words >= 2 && (f & (LX_TAIL_ORG | LX_TAIL_LOC))) {
			best = j + 1;
			*type = (f & LX_TAIL_ORG) ? ENTITY_ORG : ENTITY_LOC;
		}
		j++;
	}
	if (best > i && name_words(r, i, best) == 2 && (wflags(r, i) & LX_FIRST))
		return i;
	return best;
}

/* ---- words the text also writes in lower case ---- */

/* Is the word at token i written in lower case elsewhere in the text?
 * Then at the start of a sentence it is that word, not a name
 * ("Reportedly", "Pre-orders"). The set of lower-case words is built the
 * first time it is asked for. */
static int lower_seen(struct erules *r, size_t i)
{
	const struct etoks *ts = &r->ts;
	if (!r->lower) {
		size_t want = 16;
		while (want < ts->n * 2 + 2)
			want *= 2;
		r->lower = xcalloc(want, sizeof *r->lower);
		r->lowercap = want;
		for (size_t k = 0; k < ts->n; k++) {
			const struct etok *t = &ts->t[k];
			if ((t->shape & (ETOK_WORD | ETOK_CAP | ETOK_DIGIT)) != ETOK_WORD)
				continue;
			uint32_t h = r->h[k] | 1;
			size_t m = h & (want - 1);
			while (r->lower[m] && r->lower[m] != h)
				m = (m + 1) & (want - 1);
			r->lower[m] = h;
		}
	}
	uint32_t h = r->h[i] | 1;
	for (size_t m = h & (r->lowercap - 1); r->lower[m];
	     m = (m + 1) & (r->lowercap - 1))
		if (r->lower[m] == h)
			return 1;
	return 0;
}

/* A capitalised word at the start of a sentence that is no name: a
 * lexicon's function word, or a word the text writes in lower case too. */
static int sentence_word(struct erules *r, size_t i)
{
	lexflags f = wflags(r, i);
	if (!(shape(r, i) & ETOK_SSTART) || (shape(r, i) & ETOK_UPPER) ||
	    (f & (LX_FIRST | LX_SURN | LX_NAME | LX_HEAD_ORG | LX_HEAD_LOC)))
		return 0;
	return lower_seen(r, i);
}

/* Letters then digits, the way roads are numbered: "A14", "M25", "E45". */
static int is_road_number(const struct erules *r, size_t i)
{
	const char *f = r->ts.fold.data + r->ts.t[i].foff;
	size_t n = r->ts.t[i].flen, l = strspn(f, "abcdefghijklmnopqrstuvwxyz");
	return (shape(r, i) & ETOK_CAP) && l >= 1 && l <= 2 && n - l >= 1 &&
	       n - l <= 3 && strspn(f + l, "0123456789") == n - l;
}

/* A numbered road: "autostrada A4", "motorway M25", "SS 131" (a road's
 * letters, then its number). Returns the token after it, or i. */
static size_t road(const struct erules *r, size_t i)
{
	lexflags fp = i > 0 && is_word(r, i - 1) ? wflags(r, i - 1) : 0;
	if (is_road_number(r, i) && (fp & (LX_CUE_LOC | LX_LHEAD_LOC)))
		return i + 1;	/* not "the A380": an aeroplane */
	const char *f = r->ts.fold.data + r->ts.t[i].foff;
	if ((shape(r, i) & ETOK_UPPER) && r->ts.t[i].flen == 2 &&
	    (!memcmp(f, "ss", 2) || !memcmp(f, "sp", 2) || !memcmp(f, "sr", 2)) &&
	    (shape(r, i + 1) & ETOK_DIGIT) && !(shape(r, i + 1) & ETOK_BREAK) &&
	    r->ts.t[i + 1].flen <= 4)
		return i + 2;
	return i;
}

/* A currency sign right after the name, no space between: "US$", "HK$". */
static int is_currency_after(const struct erules *r, size_t end)
{
	if (end >= r->ts.n || (r->ts.t[end].shape & ETOK_WORD) ||
	    r->ts.t[end].off != r->ts.t[end - 1].off + r->ts.t[end - 1].len)
		return 0;
	const char *p = r->text + r->ts.t[end].off;
	return *p == '$' || !strncmp(p, "\xE2\x82\xAC", 3) ||	/* € */
	       !strncmp(p, "\xC2\xA3", 2);				/* £ */
}

/* A province's code alone in parentheses: "Pioltello (MI)". */
static int is_province_code(const struct erules *r, size_t i)
{
	return (shape(r, i) & ETOK_UPPER) && r->ts.t[i].len == 2 &&
	       (wflags(r, i) & LX_PROV_CODE) && in_parens(r, i);
}

/* A name ending in a tail word: an organisation or a place, whatever the
 * lexicon says of its first words ("Ford Motor Company", "Daimler AG").
 * Returns the token after it, or i. */
static size_t emit_tail(struct erules *r, size_t i, size_t lex_end)
{
	int type = ENTITY_NONE;
	size_t e = tail_run(r, i, &type);
	if (e <= i || e <= lex_end)
		return i;
	if (type == ENTITY_ORG && tail_period(r, e))
		e++;	/* "Zorbex Inc." */
	else if (en_name_rest(r, e) > e) {
		e = en_name_rest(r, e);	/* "Federal Bureau of Investigation" */
		type = ENTITY_ORG;	/* "Saban Centre for Middle East Policy" */
	}
	push_span(r, i, e, type, CONF_STRONG, -1, "tail");
	return e;
}

/* Is token i a noun of ent_inst_caps standing alone for the institution:
 * capitalised right after an article, no link, adjective or name after
 * it ("allo Stato circa 20 miliardi", not "lo Stato di diritto", "lo
 * Stato americano", "lo Stato Islamico")? */
static int inst_capital(const struct erules *r, size_t i)
{
	if (!(wflags(r, i) & LX_INST_CAP) || i == 0 ||
	    (shape(r, i) & (ETOK_UPPER | ETOK_SSTART)) ||
	    !(wflags(r, i - 1) & LX_ARTICLE))
		return 0;
	size_t k = i + 1;
	if (shape(r, k) & ETOK_BREAK)
		return 1;
	return !(is_word(r, k) && (is_cap(r, k) || (wflags(r, k) &
		 (LX_LINK | LX_NATADJ | LX_INSTADJ))));
}

/* Is token i a contrada of the Palio ("la Tartuca", "Onda - Bighino su
 * Giaguaro"): one of the list, capitalised, with a word of the contest
 * within PALIO_NEAR tokens either side (the report around it, not the
 * whole archive: "Torre" is a tower elsewhere)? */
enum { PALIO_NEAR = 300 };

static int is_contrada(const struct erules *r, size_t i)
{
	if (!(wflags(r, i) & LX_CONTRADA) || (shape(r, i) & ETOK_UPPER))
		return 0;
	size_t lo = i > PALIO_NEAR ? i - PALIO_NEAR : 0;
	size_t hi = i + PALIO_NEAR < r->ts.n ? i + PALIO_NEAR : r->ts.n;
	for (size_t k = lo; k < hi; k++)
		if (wflags(r, k) & LX_PALIO)
			return 1;
	return 0;
}

static void scan(struct erules *r)
{
	for (size_t i = 0; i < r->ts.n;) {
		size_t t = skip_role(r, i);
		if (t == i)
			t = titled_person(r, i);
		if (t > i) {
			i = t;
			continue;
		}
		if (!is_cap(r, i)) {
			size_t e = is_word(r, i) ? lower_head(r, i) : i;
			i = e > i ? e : i + 1;
			continue;
		}
		size_t end = i;
		const struct lexent *g = gaz_match(r, i, &end);
		if (g && (g->flags & LX_NOT)) {
			push_span(r, i, end, ENTITY_NONE, CONF_USER, -1, "not");
			i = end;
		} else if (is_contrada(r, i)) {
			push_span(r, i, i + 1, ENTITY_ORG, CONF_STRONG, -1, "contrada");
			i++;
		} else if ((t = emit_tail(r, i, g ? end : i)) > i) {
			i = t;
		} else if (g && is_currency_after(r, end)) {
			i = end + 1;	/* "US$": a currency, no place */
		} else if (g) {
			i = emit_lexicon(r, i, end, g);
		} else if (inst_capital(r, i)) {
			push_span(r, i, i + 1, ENTITY_ORG, CONF_STRONG, -1, "inst-cap");
			i++;
		} else if (wflags(r, i) & LX_INST) {
			i = lower_head(r, i);
		} else if (is_province_code(r, i)) {
			push_span(r, i, i + 1, ENTITY_LOC, CONF_CTX, -1, "code");
			i++;
		} else if ((t = road(r, i)) > i) {
			push_span(r, i, t, ENTITY_LOC, CONF_CTX, -1, "road");
			i = t;
		} else if (skip_at_start(r, i)) {
			i++;
		} else if (sentence_word(r, i)) {
			/* no name unless the text names someone so elsewhere:
			 * "Jobs said" after "Steve Jobs" (doc_consistency) */
			push_span(r, i, i + 1, ENTITY_NONE, CONF_WEAK, -1, "sentence-word");
			i++;
		} else {
			size_t e = trim_title(r, i, run_end(r, i, 0));
			if (e == i) {
				i = run_end(r, i, 0);	/* "Foreign Minister" */
				continue;
			}
			int conf;
			const char *why;
			int type = run_type(r, i, e, &conf, &why);
			if (type == ENTITY_ORG && (wflags(r, i) & LX_HEAD_ORG))
				e = lower_tail(r, i, inst_adjectives(r, e));
			if (type == ENTITY_MISC)
				push_misc(r, i, e, conf, -1, why);
			else
				push_span(r, i, e, type, conf, -1, why);
			i = e;
		}
	}
}

/* ---- document-level consistency ---- */

static int org_short_form(const struct erules *r, const struct espan *s)
{
	lexflags f = wflags(r, s->a);
	return is_cap(r, s->a) && name_words(r, s->a, s->b) >= 2 &&
	       !(shape(r, s->a) & (ETOK_ELIDED | ETOK_UPPER)) &&
	       !(shape(r, s->a + 1) & ETOK_HYPHEN) && !is_initial(r, s->a) &&
	       !is_notent(r, s->a) &&
	       !(f & (LX_HEAD_ORG | LX_HEAD_LOC | LX_NATADJ | LX_CUE_PER |
		      LX_CUE_ORG | LX_CUE_LOC | LX_TAIL_ORG | LX_TAIL_LOC |
		      LX_ARTICLE | LX_LINK | LX_INSTADJ | LX_FIRST));
}

struct dslot {
	uint32_t hash, a, b;	/* b == 0: empty */
	int votes[ENTITY_NTYPES];
	int surname;	/* (parts) last word of a person's full name */
	uint32_t inst_at;	/* (parts) 1 + the first token of the first body
				   named with this institution noun, or 0 */
};

struct dmap {
	struct dslot *s;
	size_t cap;
};

static int span_eq(const struct erules *r, const struct dslot *d, uint32_t a,
		   uint32_t b)
{
	const struct etok *t = r->ts.t;
	uint32_t l1 = t[d->b - 1].foff + t[d->b - 1].flen - t[d->a].foff;
	uint32_t l2 = t[b - 1].foff + t[b - 1].flen - t[a].foff;
	return l1 == l2 && memcmp(r->ts.fold.data + t[d->a].foff,
				  r->ts.fold.data + t[a].foff, l1) == 0;
}

static struct dslot *dmap_get(const struct erules *r, struct dmap *m,
			      uint32_t a, uint32_t b, int create)
{
	uint32_t h = erules_hash(r, a, b);
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		struct dslot *d = &m->s[i];
		if (d->b == 0) {
			if (!create)
				return NULL;
			d->hash = h;
			d->a = a;
			d->b = b;
			return d;
		}
		if (d->hash == h && span_eq(r, d, a, b))
			return d;
	}
}

int erules_inst_noun(const struct erules *r, size_t i)
{
	return (wflags(r, i) & LX_INST) != 0;
}

/* Can the first word of the organisation s stand for it alone, as
 * "Ford" for "Ford Motor Company"? Not a generic head ("Bank of
 * England"), a nationality ("European Central Bank") or a function word. */
int erules_org_short_form(const struct erules *r, const struct espan *s)
{
	return org_short_form(r, s);
}

/* Votes of the sure spans [lo, hi) for their own text, each word of a
 * multi-word person name as a possible short form ("Shoigu"), and the
 * first word of a multi-word organisation ("Lockheed"). */
static void doc_votes(const struct erules *r, struct dmap *names,
		      struct dmap *parts, size_t lo, size_t hi)
{
	for (size_t i = lo; i < hi; i++) {
		const struct espan *s = &r->sp[i];
		if (s->type == ENTITY_NONE || s->conf < CONF_WEAK)
			continue;
		if (s->conf >= CONF_CTX)
			dmap_get(r, names, s->a, s->b, 1)->votes[s->type] +=
				s->conf == CONF_CTX ? 1 : 3;
		if (s->b - s->a < 2 || s->conf < CONF_CTX)
			continue;
		if (s->type == ENTITY_ORG && (wflags(r, s->a) & LX_INST)) {
			struct dslot *p = dmap_get(r, parts, s->a, s->a + 1, 1);
			p->votes[ENTITY_ORG]++;
			if (!p->inst_at || s->a + 1 < p->inst_at)
				p->inst_at = s->a + 1;
		} else if (s->type == ENTITY_ORG && org_short_form(r, s)) {
			dmap_get(r, parts, s->a, s->a + 1, 1)->votes[ENTITY_ORG]++;
		}
		if (s->type != ENTITY_PER)
			continue;
		struct dslot *last = NULL;
		for (uint32_t k = s->a; k < s->b; k++)
			if (is_cap(r, k) && !(shape(r, k) & ETOK_ELIDED) &&
			    !(wflags(r, k) & LX_PARTICLE) && !is_notent(r, k) &&
			    !is_initial(r, k)) {
				last = dmap_get(r, parts, k, k + 1, 1);
				last->votes[ENTITY_PER]++;
			}
		if (last && !(shape(r, s->b - 1) & ETOK_HYPHEN))
			last->surname++;
	}
}

/* A place of the lexicon that is the surname of a person named in full
 * nearby is that person: "la Bergamo" after "Carla Bergamo", "Colombo"
 * after "Cristoforo Colombo"; not after a preposition of places ("a
 * Bergamo"). */
static int place_is_surname(const struct erules *r, struct dmap *parts,
			    const struct espan *s)
{
	if (s->type != ENTITY_LOC || s->canon < 0 || s->b != s->a + 1 ||
	    (s->a > 0 && (wflags(r, s->a - 1) & LX_PREP_LOC)))
		return 0;
	const struct dslot *p = dmap_get(r, parts, s->a, s->b, 0);
	return p && p->surname > 0;
}

static int best_vote(const struct dslot *d)
{
	int best = ENTITY_NONE;
	for (int t = 1; t < ENTITY_NTYPES; t++)
		if (d->votes[t] > (best ? d->votes[best] : 0))
			best = t;
	return best;
}

/* The unsure span s takes the type its text has elsewhere nearby. */
static void doc_resolve(const struct erules *r, struct dmap *names,
			struct dmap *parts, struct espan *s)
{
	if (s->conf == CONF_STRONG && place_is_surname(r, parts, s)) {
		s->type = ENTITY_PER;
		s->conf = CONF_CTX;
		s->canon = -1;
		s->why = "doc-surname";
		return;
	}
	if (s->conf > CONF_CTX)
		return;
	const struct dslot *d = dmap_get(r, names, s->a, s->b, 0);
	const struct dslot *p = s->b - s->a == 1 ?
		dmap_get(r, parts, s->a, s->b, 0) : NULL;
	/* a bare institution noun stands only for a body named before it
	 * ("il governo tedesco ... il governo"), not after it */
	if (s->type == ENTITY_NONE && (wflags(r, s->a) & LX_INST) &&
	    !is_cap(r, s->a) && (!p || !p->inst_at || p->inst_at > s->a + 1))
		return;
	int t = d ? best_vote(d) : ENTITY_NONE;
	if (t == ENTITY_NONE && p && !is_notent(r, s->a))
		t = best_vote(p);
	if (t == ENTITY_NONE)
		return;
	if (s->type != t)
		s->why = d && best_vote(d) ? "doc" : "doc-part";
	s->type = t;
	s->conf = CONF_CTX;
}

static void dmap_reset(struct dmap *m, size_t want)
{
	size_t cap = 16;
	while (cap < want * 2 + 2)
		cap *= 2;
	if (cap > m->cap) {
		free(m->s);
		m->s = xcalloc(cap, sizeof *m->s);
		m->cap = cap;
	} else {
		memset(m->s, 0, m->cap * sizeof *m->s);
	}
}

/* First span at or after token t, searching from span i. */
static size_t span_at(const struct erules *r, size_t i, size_t t)
{
	while (i < r->nsp && r->sp[i].a < t)
		i++;
	return i;
}

/* Tokens covered by the spans [lo, hi): a bound on the short forms. */
static size_t span_tokens(const struct erules *r, size_t lo, size_t hi)
{
	size_t n = 0;
	for (size_t i = lo; i < hi; i++)
		n += r->sp[i].b - r->sp[i].a;
	return n;
}

/* Document consistency within a neighbourhood: the spans of each window of
 * DOC_WINDOW tokens are decided by the votes of that window and the ones
 * either side, so that a long input of many articles does not let a
 * distant article decide. */
enum { DOC_WINDOW = 2000 };

static void doc_consistency(struct erules *r)
{
	struct dmap names = { NULL, 0 }, parts = { NULL, 0 };
	size_t lo = 0, vlo = 0, vhi = 0;
	for (size_t t0 = 0; lo < r->nsp; t0 += DOC_WINDOW) {
		size_t hi = span_at(r, lo, t0 + DOC_WINDOW);
		if (hi == lo)
			continue;
		vlo = span_at(r, vlo, t0 > DOC_WINDOW ? t0 - DOC_WINDOW : 0);
		vhi = span_at(r, vhi > hi ? vhi : hi, t0 + 2 * DOC_WINDOW);
		dmap_reset(&names, vhi - vlo);
		dmap_reset(&parts, span_tokens(r, vlo, vhi));
		doc_votes(r, &names, &parts, vlo, vhi);
		for (size_t i = lo; i < hi; i++)
			doc_resolve(r, &names, &parts, &r->sp[i]);
		lo = hi;
	}
	free(names.s);
	free(parts.s);
}

/* ---- enumerations ---- */

/* A separator between the items of an enumeration: a comma, "e", "ed",
 * "and". */
static int list_separator(const struct erules *r, size_t k)
{
	if (is_punct(r, k, ','))
		return 1;
	const struct etok *t = &r->ts.t[k];
	return is_and(r, k) ||
	       (t->flen == 3 && !memcmp(r->ts.fold.data + t->foff, "and", 3));
}

/* A capitalised word alone that no rule typed: "Favaro" in "Steyn,
 * Favaro, Parisse". */
static int untyped_word(const struct erules *r, const struct espan *s)
{
	return s->type == ENTITY_NONE && s->b == s->a + 1 && is_cap(r, s->a) &&
	       !(shape(r, s->a) & (ETOK_SSTART | ETOK_UPPER)) &&
	       !is_notent(r, s->a) && !(wflags(r, s->a) & (LX_INST | LX_NOT));
}

/* The type of the enumeration of spans [lo, hi): the one type of its
 * typed items when two of them or more have it and none has another;
 * ENTITY_NONE otherwise. */
static int list_type(const struct erules *r, size_t lo, size_t hi)
{
	int type = ENTITY_NONE, n = 0;
	for (size_t i = lo; i < hi; i++) {
		const struct espan *s = &r->sp[i];
		if (s->type == ENTITY_NONE || s->conf <= CONF_NONE)
			continue;
		if (s->type == ENTITY_MISC || (type && s->type != type))
			return ENTITY_NONE;
		type = s->type;
		n++;
	}
	return n >= 2 ? type : ENTITY_NONE;
}

/* Names listed together are names of one kind: an untyped capitalised
 * word between names of one type takes it ("Steyn, Favaro, Parisse",
 * "Cattenom, Civaux, Flamanville e Saint-Alban"). Spans are in text
 * order; an enumeration is three items or more, each one span, one
 * separator apart. */
static void enumerations(struct erules *r)
{
	for (size_t lo = 0; lo < r->nsp;) {
		size_t hi = lo + 1;
		while (hi < r->nsp && r->sp[hi].a == r->sp[hi - 1].b + 1 &&
		       list_separator(r, r->sp[hi - 1].b) &&
		       !(shape(r, r->sp[hi].a) & ETOK_BREAK))
			hi++;
		int type = hi - lo >= 3 ? list_type(r, lo, hi) : ENTITY_NONE;
		for (size_t i = lo; type && i < hi; i++)
			if (untyped_word(r, &r->sp[i])) {
				r->sp[i].type = type;
				r->sp[i].conf = CONF_WEAK;
				r->sp[i].why = "list";
			}
		lo = hi;
	}
}

/* Digits and an ordinal sign, as one token or two: "15º", "4°", "3ª". */
static int ordinal(const struct erules *r, size_t k)
{
	const struct etok *t = &r->ts.t[k];
	const char *w = r->text + t->off;
	size_t d = 0;
	while (d < t->len && w[d] >= '0' && w[d] <= '9')
		d++;
	if (d == 0 || d > 3)
		return 0;
	return (t->len == d + 2 && (!memcmp(w + d, "\xc2\xba", 2) ||	/* º */
				    !memcmp(w + d, "\xc2\xb0", 2) ||	/* ° */
				    !memcmp(w + d, "\xc2\xaa", 2)));	/* ª */
}

/* A capitalised English article inside a sentence of another language
 * right before an organisation is part of its name: "secondo The Daily
 * Telegraph", "al quotidiano The Nation" (an article of the text's own
 * language there more often follows a lost sentence break). */
static void leading_articles(struct erules *r)
{
	for (size_t i = 0; i < r->nsp; i++) {
		struct espan *s = &r->sp[i];
		size_t k = s->a - 1;
		if (s->type != ENTITY_ORG || s->a == 0 || !is_cap(r, k) ||
		    (shape(r, k) & ETOK_SSTART) || (shape(r, s->a) & ETOK_BREAK) ||
		    r->lang == LANG_EN || r->ts.t[k].flen != 3 ||
		    memcmp(r->ts.fold.data + r->ts.t[k].foff, "the", 3) ||
		    (i > 0 && r->sp[i - 1].b > k))
			continue;
		s->a = (uint32_t)k;
	}
}

/* An ordinal number before a unit's name is part of it: "il 15º Stormo",
 * "il 4° Reggimento". */
static void leading_ordinals(struct erules *r)
{
	for (size_t i = 0; i < r->nsp; i++) {
		struct espan *s = &r->sp[i];
		size_t k = s->a - 1;
		if (s->type != ENTITY_ORG || s->a == 0 ||
		    !(wflags(r, s->a) & LX_HEAD_ORG) || !ordinal(r, k) ||
		    (shape(r, s->a) & ETOK_BREAK) || (i > 0 && r->sp[i - 1].b > k))
			continue;
		s->a = (uint32_t)k;
	}
}

/* Keeps the spans that have a type, in order. */
static void drop_untyped(struct erules *r)
{
	size_t out = 0;
	for (size_t i = 0; i < r->nsp; i++)
		if (r->sp[i].conf > CONF_NONE && r->sp[i].type != ENTITY_NONE)
			r->sp[out++] = r->sp[i];
	r->nsp = out;
}

/* ---- entry points ---- */

void erules_init(struct erules *r, const struct lex *lx, int lang)
{
	memset(r, 0, sizeof *r);
	r->lx = lx;
	r->lang = lang;
	etoks_init(&r->ts);
}

void erules_free(struct erules *r)
{
	etoks_free(&r->ts);
	free(r->w);
	free(r->f);
	free(r->h);
	free(r->lower);
	free(r->sp);
	memset(r, 0, sizeof *r);
}

static void lookup_words(struct erules *r)
{
	size_t cap = r->capw, cap2 = r->capw;
	r->w = xgrow(r->w, &r->capw, r->ts.n + 1, sizeof *r->w);
	r->f = xgrow(r->f, &cap, r->ts.n + 1, sizeof *r->f);
	r->h = xgrow(r->h, &cap2, r->ts.n + 1, sizeof *r->h);
	int lang = r->lang > LANG_UNKNOWN && r->lang < LANG_N ? r->lang
							      : LANG_UNKNOWN;
	for (size_t i = 0; i < r->ts.n; i++) {
		const struct etok *t = &r->ts.t[i];
		const char *k = r->ts.fold.data + t->foff;
		r->h[i] = lex_hash_add(lex_hash_start(), k, t->flen);
		r->w[i] = lex_find(r->lx, k, t->flen, r->h[i]);
		r->f[i] = r->w[i] ? lex_flags(r->lx, r->w[i], lang) : 0;
	}
}

void erules_run(struct erules *r, const char *text, size_t len)
{
	r->text = text;
	free(r->lower);
	r->lower = NULL;
	r->lowercap = 0;
	etoks_scan(&r->ts, text, len);
	lookup_words(r);
	r->nsp = 0;
	scan(r);
	doc_consistency(r);
	enumerations(r);
	drop_untyped(r);
	leading_articles(r);
	leading_ordinals(r);
}

/* ---- the measuring interface ---- */

static int ends_with_apostrophe(const char *s, size_t n)
{
	return (n >= 1 && s[n - 1] == '\'') ||
	       (n >= 3 && memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0);
}

/* Joins the tokens as prose: one space between them, none after an
 * elision ("dell'" + "Ucraina"), a blank line for each sentence break. */
static void join_tokens(const char *const *tok, size_t n, struct buf *text,
			size_t *off)
{
	int glue = 1;	/* no space before the next token */
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(tok[i]);
		if (l == 0) {
			buf_adds(text, "\n\n");
			glue = 1;
		} else if (!glue) {
			buf_addc(text, ' ');
		}
		off[i] = text->len;
		buf_add(text, tok[i], l);
		if (l)
			glue = ends_with_apostrophe(tok[i], l);
	}
}

void erules_tag_tokens(struct erules *r, const char *const *tok, size_t n,
		       int *labels, const char **why)
{
	struct buf text = BUF_INIT;
	size_t *off = xcalloc(n ? n : 1, sizeof *off);
	join_tokens(tok, n, &text, off);
	for (size_t i = 0; i < n; i++) {
		labels[i] = ENTITY_NONE;
		if (why)
			why[i] = NULL;
	}
	erules_run(r, text.data ? text.data : "", text.len);
	size_t i = 0;
	for (size_t k = 0; k < r->nsp; k++) {
		const struct espan *s = &r->sp[k];
		const struct etok *la = &r->ts.t[s->b - 1];
		size_t a = r->ts.t[s->a].off, b = la->off + la->len;
		while (i < n && off[i] < a)
			i++;
		for (; i < n && off[i] < b; i++) {
			if (!tok[i][0])
				continue;
			labels[i] = s->type;
			if (why)
				why[i] = s->why;
		}
	}
	free(off);
	buf_free(&text);
}
