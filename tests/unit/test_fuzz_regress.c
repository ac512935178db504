/* test_fuzz_regress.c: replays every file of tests/fuzz/TARGET/ (seeds and
 * crash reproducers) through the fuzz target's own entry point, built into
 * the normal test build, so every crash found stays a regression test.
 * Each input runs in a child process: a crash fails that input by name.
 * Run from the repository root (or set FILO_SRCDIR). */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>
#include "t.h"
#include "buf.h"

/* The targets, each entry point renamed so they share this program. */
#define LLVMFuzzerTestOneInput fuzz_article
#include "../../tools/fuzz/article.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_import
#include "../../tools/fuzz/import.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_theme
#include "../../tools/fuzz/theme.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_config
#include "../../tools/fuzz/config.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_render
#include "../../tools/fuzz/render.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_state
#include "../../tools/fuzz/state.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_search
#include "../../tools/fuzz/search.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_urls
#include "../../tools/fuzz/urls.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_http
#include "../../tools/fuzz/http.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_feedstate
#include "../../tools/fuzz/feedstate.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_feed
#include "../../tools/fuzz/feed.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_html
#include "../../tools/fuzz/html.c"
#undef LLVMFuzzerTestOneInput

static const struct {
	const char *name;
	int (*run)(const uint8_t *data, size_t size);
} targets[] = {
	{ "article", fuzz_article },
	{ "import", fuzz_import },
	{ "theme", fuzz_theme },
	{ "config", fuzz_config },
	{ "render", fuzz_render },
	{ "state", fuzz_state },
	{ "search", fuzz_search },
	{ "urls", fuzz_urls },
	{ "http", fuzz_http },
	{ "feedstate", fuzz_feedstate },
	{ "feed", fuzz_feed },
	{ "html", fuzz_html },
};

/* The file names of dir (malloc'd array, NULL-terminated), sorted. */
static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **list_dir(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	T_CHECK(dp != NULL, "%s: %s", dir, strerror(errno));
	char **names = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *de;
	while (dp && (de = readdir(dp))) {
		if (de->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, *n + 2, sizeof *names);
		names[(*n)++] = xstrdup(de->d_name);
	}
	if (dp)
		closedir(dp);
	if (names)
		qsort(names, *n, sizeof *names, cmp_name);
	return names;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Every file of dir through run, each in a child (a crash fails that
 * input by name); returns the number replayed. */
static size_t replay_dir(const char *dir, const char *name,
			 int (*run)(const uint8_t *, size_t))
{
	size_t n;
	char **names = list_dir(dir, &n);
	for (size_t i = 0; i < n; i++) {
		struct buf path = BUF_INIT, in = BUF_INIT;
		buf_addf(&path, "%s/%s", dir, names[i]);
		T_CHECK(buf_read_file(&in, path.data) == 0, "cannot read %s", path.data);
		buf_free(&path);
		fflush(NULL);
		pid_t pid = fork();
		if (pid == 0) {
			/* libFuzzer never passes NULL, even for no bytes. */
			run(in.len ? (const uint8_t *)in.data : (const uint8_t *)"", in.len);
			buf_free(&in);
			free_names(names, n);
			_exit(0);
		}
		int status = -1;
		if (pid < 0 || waitpid(pid, &status, 0) < 0)
			status = -1;
		T_CHECK(status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
			"%s/%s: %s %d", name, names[i],
			WIFSIGNALED(status) ? "killed by signal" : "exit status",
			WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		buf_free(&in);
	}
	free_names(names, n);
	return n;
}

TEST(replay_all)
{
	const char *root = getenv("FILO_SRCDIR");
	for (size_t i = 0; i < sizeof targets / sizeof *targets; i++) {
		struct buf dir = BUF_INIT;
		buf_addf(&dir, "%s/tests/fuzz/%s", root ? root : ".", targets[i].name);
		size_t n = replay_dir(dir.data, targets[i].name, targets[i].run);
		/* Each target has seeds: an empty replay means a wrong folder. */
		T_CHECK(n > 0, "no inputs in %s", dir.data);
		printf("%s: %zu inputs replayed\n", targets[i].name, n);
		buf_free(&dir);
	}
}

T_MAIN(RUN(replay_all))
