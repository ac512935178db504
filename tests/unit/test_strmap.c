/* test_strmap.c: the one FNV-1a (hash.h) against the published test
 * vectors, whole and piece by piece, and string interning (strmap.h):
 * dense ids in order of arrival, through many rehashes. */
#include <stdint.h>
#include "t.h"
#include "hash.h"
#include "strmap.h"

TEST(fnv_vectors)
{
	/* from the FNV reference (www.isthe.com/chongo/tech/comp/fnv) */
	T_EQ_INT(hash_fnv32("", 0), 0x811c9dc5u);
	T_EQ_INT(hash_fnv32("a", 1), 0xe40c292cu);
	T_EQ_INT(hash_fnv32("foobar", 6), 0xbf9cf968u);
	T_OK(hash_fnv64("", 0) == 0xcbf29ce484222325u);
	T_OK(hash_fnv64("a", 1) == 0xaf63dc4c8601ec8cu);
	T_OK(hash_fnv64("foobar", 6) == 0x85944171f73967e8u);
	/* piece by piece is the same as whole */
	T_OK(hash_fnv64_add(hash_fnv64("foo", 3), "bar", 3) == hash_fnv64("foobar", 6));
	T_EQ_INT(hash_fnv32_add(hash_fnv32("fo", 2), "obar", 4), hash_fnv32("foobar", 6));
	T_OK(strmap_hash("foobar", 6) == hash_fnv64("foobar", 6));
	/* bytes, not chars: a high byte is not sign-extended */
	T_OK(hash_fnv64("\xe0", 1) == ((HASH_FNV64_INIT ^ 0xe0u) * 1099511628211u));
}

TEST(intern_and_find)
{
	struct strmap m = STRMAP_INIT;
	T_EQ_INT(strmap_find(&m, "x", 1), (size_t)-1);	/* empty map */
	char key[32];
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "key-%d", i);
		T_CHECK(strmap_intern(&m, key, (size_t)n) == (size_t)i, "key %d", i);
	}
	T_EQ_INT(m.n, 5000);
	int bad = 0;
	for (int i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof key, "key-%d", i);
		bad += strmap_find(&m, key, (size_t)n) != (size_t)i;
		bad += strmap_intern(&m, key, (size_t)n) != (size_t)i;	/* not added again */
		bad += strcmp(m.str[i], key) != 0;
	}
	T_EQ_INT(bad, 0);
	T_EQ_INT(m.n, 5000);
	/* a prefix, a longer string and the empty string are other keys */
	T_EQ_INT(strmap_find(&m, "key-1", 4), (size_t)-1);
	T_EQ_INT(strmap_find(&m, "key-10000", 9), (size_t)-1);
	T_EQ_INT(strmap_intern(&m, "", 0), 5000);
	T_EQ_INT(strmap_find(&m, "", 0), 5000);
	/* the length counts, not a NUL */
	T_EQ_INT(strmap_intern(&m, "key-7xyz", 5), 7);
	T_EQ_INT(strmap_intern_hashed(&m, "new", 3, strmap_hash("new", 3)), 5001);
	T_EQ_INT(strmap_find(&m, "new", 3), 5001);
	strmap_free(&m);
	T_OK(m.n == 0 && m.str == NULL);
}

T_MAIN(RUN(fnv_vectors); RUN(intern_and_find))
