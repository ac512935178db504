/* test_archive.c: the archive-wide entity index: every article tagged in
 * its own language, each entity keyed across spellings and languages and
 * named by its most frequent spelling, each article keeping its own. */
#include "t.h"
#include "archive.h"
#include "diag.h"
#include "store.h"

static char dir[64];

/* The article's spelling of the entity keyed key, or NULL. */
static const char *doc_name(const struct archive *a, size_t art, long e)
{
	for (size_t k = 0; k < a->doc_nent[art]; k++)
		if (a->doc_ent[art][k].entity == (uint32_t)e)
			return archive_doc_entity_name(a, &a->doc_ent[art][k]);
	return NULL;
}

static const char *const en_body =
	"The United States said on Monday that the plane would be built in "
	"Toulouse. It was the first time that the United States and Airbus "
	"had agreed on the deal, and the US Air Force was pleased with it.\n";

TEST(spellings_across_languages)
{
	char en_text[512];
	snprintf(en_text, sizeof en_text, "---\ntitle: Tanker deal\nlang: en\n---\n\n%s",
		 en_body);
	t_write_file(dir, "en.md", en_text);
	/* no lang field: the language comes from the text */
	t_write_file(dir, "it1.md", "---\ntitle: Accordo\n---\n\nGli Stati Uniti hanno detto che "
	    "l'aereo sarà costruito a Tolosa, e che gli Stati Uniti sono contenti "
	    "della decisione presa dal governo.\n");
	t_write_file(dir, "it2.md", "---\ntitle: Ancora\nlang: it\n---\n\nSecondo gli Stati Uniti "
	    "la decisione è giusta, e per gli Stati Uniti non si torna indietro.\n");
	struct store s;
	struct diag d = DIAG_INIT;
	T_EQ_INT(store_open(&s, dir, &d), 0);
	T_EQ_INT(s.n, 3);
	struct archive a;
	archive_build(&a, &s, &d);
	char *key = entity_key("Stati Uniti", 11);
	long e = archive_entity_find(&a, key);
	free(key);
	T_CHECK(e >= 0, "no Stati Uniti entity");
	if (e >= 0) {
		const struct archive_entity *x = &a.ent[e];
		T_EQ_INT(x->ndocs, 3);
		/* four Italian mentions against three English ones */
		T_EQ_STR(x->name, "Stati Uniti");
		T_EQ_INT(archive_entity_nspell(x), 2);
		size_t en = (size_t)store_find(&s, "en"), it = (size_t)store_find(&s, "it1");
		T_EQ_STR(doc_name(&a, en, e), "United States");
		T_EQ_STR(doc_name(&a, it, e), "Stati Uniti");
		size_t *docs;
		size_t nd = archive_mentions(&a, (size_t)e, &docs, NULL);
		T_EQ_INT(nd, 3);
		free(docs);
	}
	/* Toulouse and Tolosa are one place */
	key = entity_key("Tolosa", 6);
	e = archive_entity_find(&a, key);
	free(key);
	T_CHECK(e >= 0 && a.ent[e].ndocs == 2, "Toulouse/Tolosa");
	/* English rules on the English article: "via" and "Un" logic off, the
	 * Air Force an organisation */
	key = entity_key("US Air Force", 12);
	T_CHECK(archive_entity_find(&a, key) >= 0, "US Air Force not found");
	free(key);
	archive_free(&a);
	store_close(&s);
	diag_free(&d);
}

T_MAIN(t_tmpdir(dir, sizeof dir, "archive"); RUN(spellings_across_languages);
       T_OK(t_remove_tree(dir) == 0))
