/* xdg.c: per-folder files under an XDG base directory (see xdg.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "hash.h"
#include "xdg.h"

/* One digit short of FNV-1a's offset basis (14695981039346656037): a slip
 * of the first state files, kept because the reading state (user data) is
 * found by its file name, which must never change. Any basis hashes as
 * well. */
#define XDG_NAME_BASIS 1469598103934665603u

int xdg_dir(const struct xdg_kind *kind, struct buf *out)
{
	const char *x = getenv(kind->env);
	if (x && x[0] == '/') {
		buf_addf(out, "%s/filo", x);
		return 0;
	}
	const char *home = getenv("HOME");
	if (!home || !home[0])
		return -1;
	buf_addf(out, "%s/%s/filo", home, kind->home);
	return 0;
}

/* A portable, visible name; the hash tells folders apart. */
static void add_name(struct buf *b, const char *abs)
{
	const char *base = strrchr(abs, '/') + 1;
	if (!*base)
		buf_adds(b, "root");
	for (size_t i = 0; base[i] && i < 40; i++) {
		char c = base[i];
		bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			     (c >= '0' && c <= '9') || c == '-' || c == '_' ||
			     (c == '.' && i > 0);
		buf_addc(b, plain ? c : '_');
	}
}

/* dir made absolute and lexically clean ("." and ".." segments, repeated
 * and trailing slashes), for a folder that realpath cannot resolve because
 * it is gone: of a folder without symbolic links on its way this is the
 * name realpath gave while it existed, so its cache and state are still
 * found (a network share unmounted, a folder renamed away). NULL when the
 * working directory is unknown. */
static char *lexical_path(const char *dir)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	if (dir[0] != '/') {
		char *cwd = getcwd(NULL, 0);
		if (!cwd)
			return NULL;
		buf_adds(&in, cwd);
		free(cwd);
		buf_addc(&in, '/');
	}
	buf_adds(&in, dir);
	char *save = NULL;
	for (char *seg = strtok_r(in.data, "/", &save); seg;
	     seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			char *slash = out.len ? strrchr(out.data, '/') : NULL;
			out.len = slash ? (size_t)(slash - out.data) : 0;
			if (out.data)
				out.data[out.len] = '\0';
			continue;
		}
		buf_addf(&out, "/%s", seg);
	}
	buf_free(&in);
	if (!out.len)
		buf_addc(&out, '/');
	return buf_detach(&out, NULL);
}

int xdg_file_for_dir(const struct xdg_kind *kind, const char *dir,
		     struct buf *out)
{
	char *abs = realpath(dir, NULL);
	if (!abs && errno == ENOENT && kind->keep_when_gone)
		abs = lexical_path(dir);
	if (!abs)
		return -1;
	struct buf b = BUF_INIT;
	int r = xdg_dir(kind, &b);
	if (r == 0) {
		buf_addc(&b, '/');
		add_name(&b, abs);
		uint64_t h = hash_fnv64_add(XDG_NAME_BASIS, abs, strlen(abs));
		buf_addf(&b, "-%016llx%s", (unsigned long long)h, kind->suffix);
		buf_add(out, b.data, b.len);
	}
	buf_free(&b);
	free(abs);
	return r;
}

int xdg_mkdir_p(const char *path)
{
	struct stat sb;
	if (stat(path, &sb) == 0)
		return S_ISDIR(sb.st_mode) ? 0 : (errno = ENOTDIR, -1);
	const char *slash = strrchr(path, '/');
	int r = 0;
	if (slash && slash != path) {
		char *parent = xstrndup(path, (size_t)(slash - path));
		r = xdg_mkdir_p(parent);
		free(parent);
	}
	if (r == 0 && mkdir(path, 0700) != 0 && errno != EEXIST)
		r = -1;
	return r;
}
