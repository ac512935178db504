/* test_xdg.c: per-folder file names under an XDG base directory. The
 * reading state is found by its file name: the names pinned here are
 * those the first releases gave, and must never change. */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "t.h"
#include "xdg.h"

static const struct xdg_kind state = { "XDG_STATE_HOME", ".local/state", ".state", false };
static const struct xdg_kind cache = { "XDG_CACHE_HOME", ".cache", ".db", true };

static char *name_of(const struct xdg_kind *k, const char *dir)
{
	struct buf b = BUF_INIT;
	if (xdg_file_for_dir(k, dir, &b) != 0)
		return NULL;
	return buf_detach(&b, NULL);
}

/* Names made by filo 0.1.0's state_file_for_dir, before this module. */
TEST(state_names_pinned)
{
	setenv("XDG_STATE_HOME", "/x", 1);
	char *root = name_of(&state, "/"), *tmp = name_of(&state, "/tmp");
	T_EQ_STR(root, "/x/filo/root-44bd54d473cd3d44.state");
	T_EQ_STR(tmp, "/x/filo/tmp-24ae55f5f457af95.state");
	free(root);
	free(tmp);
}

/* The folder's own name: '.' kept but first, anything unusual as '_'. */
TEST(visible_name)
{
	char base[] = "/tmp/filo-test-xdg-XXXXXX", dir[128];
	T_OK(mkdtemp(base) != NULL);
	static const char *const names[][2] = {
		{ "my.folder", "/my.folder-" }, { ".hid.den", "/_hid.den-" },
		{ "sp ace+é", "/sp_ace___-" } };
	setenv("XDG_CACHE_HOME", "/c", 1);
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		snprintf(dir, sizeof dir, "%s/%s", base, names[i][0]);
		T_EQ_INT(mkdir(dir, 0700), 0);
		char *n = name_of(&cache, dir);
		T_CHECK(n && strncmp(n, "/c/filo/", 8) == 0 && strstr(n, names[i][1]) &&
			strlen(strrchr(n, '-')) == strlen("-0123456789abcdef.db"),
			"%s: %s", names[i][0], n ? n : "(null)");
		free(n);
		rmdir(dir);
	}
	rmdir(base);
}

/* A folder that is gone keeps the cache file it had while it existed,
 * however its path is written; it has no state file. */
TEST(vanished_folder)
{
	char base[] = "/tmp/filo-test-xdg-XXXXXX", dir[128], odd[160], rel[160];
	T_OK(mkdtemp(base) != NULL);
	snprintf(dir, sizeof dir, "%s/gone", base);
	T_EQ_INT(mkdir(dir, 0700), 0);
	setenv("XDG_CACHE_HOME", "/c", 1);
	char *before = name_of(&cache, dir);
	T_EQ_INT(rmdir(dir), 0);
	snprintf(odd, sizeof odd, "%s/./x/..//gone/", base);
	char *after = name_of(&cache, dir), *after_odd = name_of(&cache, odd);
	T_OK(before != NULL);
	T_EQ_STR(after, before);
	T_EQ_STR(after_odd, before);
	char *cwd = getcwd(NULL, 0);
	T_EQ_INT(chdir(base), 0);
	snprintf(rel, sizeof rel, "gone");
	char *after_rel = name_of(&cache, rel);
	T_EQ_STR(after_rel, before);
	T_OK(name_of(&state, rel) == NULL);
	T_EQ_INT(chdir(cwd), 0);
	free(cwd);
	free(before);
	free(after);
	free(after_odd);
	free(after_rel);
	rmdir(base);
}

TEST(base_dir)
{
	struct buf b = BUF_INIT;
	setenv("XDG_CACHE_HOME", "relative", 1);
	setenv("HOME", "/home/u", 1);
	T_EQ_INT(xdg_dir(&cache, &b), 0);
	T_EQ_STR(b.data, "/home/u/.cache/filo");
	buf_reset(&b);
	unsetenv("XDG_CACHE_HOME");
	setenv("HOME", "", 1);
	T_EQ_INT(xdg_dir(&cache, &b), -1);
	T_EQ_INT(b.len, 0);
	buf_free(&b);
}

TEST(mkdir_p)
{
	char base[] = "/tmp/filo-test-xdg-XXXXXX", path[128];
	T_OK(mkdtemp(base) != NULL);
	snprintf(path, sizeof path, "%s/a/b/c", base);
	T_EQ_INT(xdg_mkdir_p(path), 0);
	struct stat st;
	T_OK(stat(path, &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 0777) == 0700);
	T_EQ_INT(xdg_mkdir_p(path), 0);		/* there already */
	snprintf(path, sizeof path, "%s/file", base);
	FILE *f = fopen(path, "w");
	fclose(f);
	snprintf(path, sizeof path, "%s/file/sub", base);
	errno = 0;
	T_EQ_INT(xdg_mkdir_p(path), -1);
	T_EQ_INT(errno, ENOTDIR);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	T_EQ_INT(system(cmd), 0);
}

T_MAIN(RUN(state_names_pinned); RUN(visible_name); RUN(vanished_folder); RUN(base_dir); RUN(mkdir_p))
