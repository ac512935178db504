/* gen_corpus.c: writes a synthetic news archive for benchmarks and tests:
 * N article files of 3-6 KB of Italian or English news-like Markdown with
 * people, places and organisations, 20 sources, dates over several years,
 * and stories told by several articles. Deterministic for a given seed.
 *   cc -O2 -o gen_corpus tools/gen_corpus.c
 *   gen_corpus N DIR [SEED] */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The vocabulary: invented and real-sounding names; a bench corpus needs
 * realistic shapes (capitalised names, accents, recurring entities), not
 * facts. */
static const char *const first_names[] = {
	"Marco", "Giulia", "Luca", "Francesca", "Alessandro", "Chiara", "Matteo",
	"Elena", "Giorgio", "Sara", "Paolo", "Anna", "Davide", "Martina",
	"Roberto", "Valentina", "John", "Sarah", "Michael", "Emily", "David",
	"Laura", "James", "Olivia", "Sergei", "Natalia", "Wei", "Mei", "Ahmed",
	"Fatima", "Pierre", "Claire", "Hans", "Ingrid", "Carlos", "Lucía",
	"Kenji", "Yuki", "Nikos", "Ilaria",
};
static const char *const last_names[] = {
	"Rossi", "Bianchi", "Ferretti", "Colombo", "Marchetti", "Galli", "Conti",
	"Moretti", "Barbieri", "Lombardi", "Fontana", "Santoro", "Mariani",
	"Rinaldi", "Caruso", "Ferrara", "Whitmore", "Hadley", "Carver", "Brennan",
	"Lockwood", "Ashford", "Pemberton", "Kowalski", "Volkov", "Petrova",
	"Zhang", "Liu", "Haddad", "Benali", "Durand", "Lefèvre", "Becker",
	"Lindqvist", "Ortega", "Navarro", "Tanaka", "Sato", "Papadakis", "Greco",
};
static const char *const places[] = {
	"Roma", "Milano", "Napoli", "Torino", "Palermo", "Genova", "Bologna",
	"Firenze", "Bari", "Venezia", "Trieste", "Cagliari", "Parigi", "Berlino",
	"Londra", "Madrid", "Bruxelles", "Vienna", "Varsavia", "Atene", "Mosca",
	"Kiev", "Pechino", "Tokyo", "Washington", "New York", "Chicago", "Boston",
	"Il Cairo", "Istanbul", "Gerusalemme", "Nairobi", "Buenos Aires",
	"San Paolo", "Sydney", "Mumbai", "Seul", "Ginevra", "Lisbona", "Dublino",
};
static const char *const orgs[] = {
	"Banca Centrale Europea", "Commissione europea", "Nazioni Unite", "NATO",
	"Fondo monetario internazionale", "Organizzazione mondiale della sanità",
	"Ministero dell'Economia", "Consiglio di Stato", "Corte costituzionale",
	"Parlamento europeo", "Confindustria", "Istat", "Eni", "Enel",
	"Fincantieri", "Leonardo", "Telecom Italia", "Autostrade per l'Italia",
	"Università di Bologna", "Politecnico di Milano", "Croce Rossa",
	"Protezione civile", "Guardia di Finanza", "Federal Reserve",
	"European Central Bank", "World Health Organization", "Reuters",
	"Northwind Energy", "Valtellina Steel", "Orsini Group",
	"Meridian Bank", "Adriatica Shipping", "Lumen Pharma", "Castor Robotics",
	"Partito Democratico", "Fratelli d'Italia", "Lega", "Movimento 5 Stelle",
	"Forza Italia", "Sindacato Cgil",
};
static const char *const sources[] = {
	"Corriere Adriatico", "La Gazzetta del Nord", "Il Quotidiano Ligure",
	"Cronache Tirreniche", "Il Messaggero Alpino", "La Voce del Sud",
	"Il Foglio Veneto", "Giornale di Sicilia Orientale", "La Sentinella",
	"L'Osservatore Padano", "The Harbour Times", "Evening Ledger",
	"Northern Chronicle", "The Daily Meridian", "Global Wire",
	"The Capital Post", "Morning Courier", "Metro Gazette",
	"The Continental", "Westside Herald",
};
static const char *const it_nouns[] = {
	"governo", "città", "accordo", "riforma", "mercato", "bilancio", "crisi",
	"elezioni", "inchiesta", "sindaco", "ospedale", "scuola", "porto",
	"ferrovia", "energia", "inflazione", "salari", "pensioni", "tribunale",
	"processo", "vertice", "delegazione", "protesta", "sciopero", "cantiere",
	"quartiere", "alluvione", "incendio", "vaccino", "ricerca", "università",
	"esportazioni", "debito", "tasse", "aziende", "lavoratori", "famiglie",
	"giovani", "turismo", "trasporti", "sicurezza", "frontiera", "migranti",
	"ambiente", "clima", "siccità", "raccolto", "agricoltura", "industria",
	"tecnologia", "intelligenza artificiale", "dati", "rete", "piano",
	"progetto", "decreto", "legge", "ministro", "opposizione", "maggioranza",
};
static const char *const en_nouns[] = {
	"government", "city", "agreement", "reform", "market", "budget",
	"crisis", "election", "inquiry", "mayor", "hospital", "school", "port",
	"railway", "energy", "inflation", "wages", "pensions", "court", "trial",
	"summit", "delegation", "protest", "strike", "construction site",
	"neighbourhood", "flood", "wildfire", "vaccine", "research",
	"university", "exports", "debt", "taxes", "companies", "workers",
	"families", "young people", "tourism", "transport", "security",
	"border", "migrants", "environment", "climate", "drought", "harvest",
	"farming", "industry", "technology", "artificial intelligence", "data",
	"network", "plan", "project", "decree", "law", "minister", "opposition",
	"majority",
};
static const char *const it_adj[] = {
	"nuovo", "grande", "difficile", "importante", "rapido", "lungo",
	"pubblico", "privato", "europeo", "nazionale", "locale", "storico",
	"improvviso", "decisivo", "fragile", "ambizioso", "incerto", "più ampio",
};
static const char *const en_adj[] = {
	"new", "major", "difficult", "important", "rapid", "long", "public",
	"private", "European", "national", "local", "historic", "sudden",
	"decisive", "fragile", "ambitious", "uncertain", "broader",
};
/* Sentence templates: %P person, %L place, %O organisation, %N noun, %A
 * adjective, %T the story's topic noun, %Y a year, %D a number. */
static const char *const it_tpl[] = {
	"Secondo %P, il %N di %L è entrato in una fase %A.",
	"La %O ha annunciato un %N %A che riguarda %T e %N.",
	"A %L, %P ha incontrato i rappresentanti della %O per discutere di %T.",
	"«Non possiamo aspettare ancora», ha detto %P, che guida la %O dal %Y.",
	"Il %N è cresciuto del %D per cento rispetto al %Y, secondo i dati della %O.",
	"Le critiche al %N sono arrivate anche da %P e da una parte della %O.",
	"Nel pomeriggio, a %L, migliaia di persone hanno partecipato alla %N contro il %N.",
	"Il dossier su %T torna sul tavolo della %O dopo mesi di stallo.",
	"%P ha spiegato che il %N %A non basterà senza un %N più solido.",
	"Fonti vicine alla %O parlano di un %N ancora lontano, mentre a %L si attende una decisione.",
	"Perché %T è diventato il tema centrale? La risposta, per %P, è nel %N.",
	"Da %L a %L, il %N %A divide amministratori e cittadini.",
	"La città di %L ha stanziato %D milioni per il %N, più di quanto previsto nel %Y.",
	"È la terza volta in un anno che la %O interviene sul %N.",
};
static const char *const en_tpl[] = {
	"According to %P, the %N in %L has entered a %A phase.",
	"The %O announced a %A %N affecting %T and the %N.",
	"In %L, %P met representatives of the %O to discuss %T.",
	"\"We cannot wait any longer,\" said %P, who has led the %O since %Y.",
	"The %N grew by %D percent compared with %Y, according to figures from the %O.",
	"Criticism of the %N also came from %P and from part of the %O.",
	"In the afternoon, thousands of people in %L joined a %N against the %N.",
	"The file on %T is back on the table of the %O after months of deadlock.",
	"%P explained that the %A %N will not be enough without a stronger %N.",
	"Sources close to the %O say a %N is still far off, while %L awaits a decision.",
	"Why has %T become the central issue? For %P, the answer lies in the %N.",
	"From %L to %L, the %A %N divides officials and residents.",
	"The city of %L set aside %D million for the %N, more than planned in %Y.",
	"It is the third time in a year that the %O has stepped in on the %N.",
};

static unsigned long long rng_state;

static unsigned rng(void)
{
	/* xorshift64*: fast, and the same stream on every machine */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ULL) >> 32);
}

static size_t pick(size_t n)
{
	return rng() % n;
}

/* A story: the entities and topic several articles share, around a date. */
struct story {
	char people[3][64];
	const char *place[2];
	const char *org[2];
	size_t topic;
	long day;	/* days since 2019-01-01 */
	int lang;	/* 0 Italian, 1 English */
};

static void story_make(struct story *s)
{
	for (int i = 0; i < 3; i++)
		snprintf(s->people[i], sizeof s->people[i], "%s %s",
			 first_names[pick(NELEM(first_names))],
			 last_names[pick(NELEM(last_names))]);
	for (int i = 0; i < 2; i++) {
		s->place[i] = places[pick(NELEM(places))];
		s->org[i] = orgs[pick(NELEM(orgs))];
	}
	s->topic = pick(NELEM(it_nouns));
	s->day = (long)pick(5 * 365);
	s->lang = pick(10) < 6 ? 0 : 1;
}

struct out {
	char *p;
	size_t len, cap;
};

static void out_add(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->p = realloc(o->p, o->cap);
		if (!o->p) {
			perror("gen_corpus");
			exit(1);
		}
	}
	memcpy(o->p + o->len, s, n);
	o->len += n;
	o->p[o->len] = '\0';
}

static void out_adds(struct out *o, const char *s)
{
	out_add(o, s, strlen(s));
}

/* The story's own entities most of the time, so related articles share
 * them; a random one otherwise. */
static void slot_fill(struct out *o, char c, const struct story *s)
{
	char tmp[32];
	bool own = pick(10) < 7;
	const char *const *nouns = s->lang ? en_nouns : it_nouns;
	const char *const *adj = s->lang ? en_adj : it_adj;
	switch (c) {
	case 'P':
		if (own) {
			out_adds(o, s->people[pick(3)]);
		} else {
			out_adds(o, first_names[pick(NELEM(first_names))]);
			out_adds(o, " ");
			out_adds(o, last_names[pick(NELEM(last_names))]);
		}
		break;
	case 'L': out_adds(o, own ? s->place[pick(2)] : places[pick(NELEM(places))]); break;
	case 'O': out_adds(o, own ? s->org[pick(2)] : orgs[pick(NELEM(orgs))]); break;
	case 'N': out_adds(o, nouns[pick(NELEM(it_nouns))]); break;
	case 'A': out_adds(o, adj[pick(NELEM(it_adj))]); break;
	case 'T': out_adds(o, nouns[s->topic]); break;
	case 'Y':
		snprintf(tmp, sizeof tmp, "%d", 2015 + (int)pick(10));
		out_adds(o, tmp);
		break;
	case 'D':
		snprintf(tmp, sizeof tmp, "%d", 2 + (int)pick(97));
		out_adds(o, tmp);
		break;
	}
}

static void sentence(struct out *o, const struct story *s)
{
	const char *t = s->lang ? en_tpl[pick(NELEM(en_tpl))] : it_tpl[pick(NELEM(it_tpl))];
	for (const char *p = t; *p; p++) {
		if (*p == '%' && p[1])
			slot_fill(o, *++p, s);
		else
			out_add(o, p, 1);
	}
}

static void paragraph(struct out *o, const struct story *s)
{
	size_t n = 3 + pick(4);
	for (size_t i = 0; i < n; i++) {
		if (i)
			out_adds(o, " ");
		sentence(o, s);
	}
	out_adds(o, "\n\n");
}

static void date_of(long day, char *buf, size_t n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 2019;
	for (;;) {
		int len = (y % 4 == 0) ? 366 : 365;
		if (day < len)
			break;
		day -= len;
		y++;
	}
	int m = 0;
	for (; m < 12; m++) {
		int len = mdays[m] + (m == 1 && y % 4 == 0);
		if (day < len)
			break;
		day -= len;
	}
	snprintf(buf, n, "%04d-%02d-%02ld", y, m + 1, day + 1);
}

static void article(struct out *o, const struct story *s, size_t i, long day)
{
	char date[40];
	date_of(day < 0 ? 0 : day, date, sizeof date);
	const char *const *nouns = s->lang ? en_nouns : it_nouns;
	const char *const *adj = s->lang ? en_adj : it_adj;
	char title[256];
	snprintf(title, sizeof title, "%s, %s %s: %s", s->place[0],
		 nouns[s->topic], adj[pick(NELEM(it_adj))], s->people[pick(3)]);
	size_t src = pick(NELEM(sources));
	out_adds(o, "---\ntitle: ");
	out_adds(o, title);
	out_adds(o, "\ndate: ");
	out_adds(o, date);
	out_adds(o, "\nsource: ");
	out_adds(o, sources[src]);
	out_adds(o, s->lang ? "\nlang: en\n" : "\nlang: it\n");
	char url[128];
	snprintf(url, sizeof url, "https://news.example/%zu/%s-%06zu\n", src, date, i);
	out_adds(o, "url: ");
	out_adds(o, url);
	out_adds(o, "tags: ");
	out_adds(o, nouns[s->topic]);
	out_adds(o, "\n---\n\n");
	size_t target = 2600 + pick(2800);
	size_t start = o->len;
	while (o->len - start < target) {
		if (pick(8) == 0) {
			out_adds(o, "## ");
			out_adds(o, s->lang ? en_adj[pick(NELEM(en_adj))] : it_adj[pick(NELEM(it_adj))]);
			out_adds(o, " ");
			out_adds(o, nouns[pick(NELEM(it_nouns))]);
			out_adds(o, "\n\n");
		}
		if (pick(12) == 0)
			out_adds(o, "> ");
		paragraph(o, s);
	}
}

static int write_file(const char *path, const struct out *o)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(o->p, 1, o->len, f) != o->len || fclose(f) != 0) {
		fprintf(stderr, "gen_corpus: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fputs("usage: gen_corpus N DIR [SEED]\n", stderr);
		return 2;
	}
	size_t n = strtoul(argv[1], NULL, 10);
	const char *dir = argv[2];
	rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) * 2654435761ULL + 1 : 88172645463325252ULL;
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen_corpus: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	struct out o = { 0 };
	struct story s;
	size_t left = 0;	/* articles still to write about story s */
	char path[4096];
	for (size_t i = 0; i < n; i++) {
		if (left == 0) {
			story_make(&s);
			/* about a third of the stories are told several times */
			left = pick(3) == 0 ? 2 + pick(5) : 1;
		}
		left--;
		o.len = 0;
		article(&o, &s, i, s.day + (long)pick(10));
		snprintf(path, sizeof path, "%s/a%06zu.md", dir, i);
		if (write_file(path, &o) != 0)
			return 1;
	}
	free(o.p);
	return 0;
}
