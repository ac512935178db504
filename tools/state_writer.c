/* state_writer.c: the driver of the crash-safety test (tests/cli/state_kill.sh).
 *
 *     state_writer write FILE N    saves generation after generation of a
 *                                  state of N articles into FILE, forever,
 *                                  printing "saving G" and "saved G"
 *     state_writer check FILE N    exit 0 and prints G when FILE is one
 *                                  complete generation G (0: no file)
 *     state_writer once FILE N     saves the next generation once; prints
 *                                  the messages, exit 1 when the save failed
 *                                  (the bad-input suite: full disk, damage)
 *     state_writer mark FILE       opens FILE, marks one article read,
 *                                  saves, and prints its peak memory in KB
 *                                  (the bad-input suite: a big state file)
 *
 * Generation G gives article i the position G*N+i, read when G+i is odd,
 * flagged when G+i is a multiple of 3; the id "gen" holds G. So a file that
 * mixed two generations, or lost lines, is caught by check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include "buf.h"
#include "diag.h"
#include "state.h"

static void say(const char *what, size_t gen)
{
	char line[64];
	int n = snprintf(line, sizeof line, "%s %zu\n", what, gen);
	/* Unbuffered: the line is out before the next step can be killed. */
	if (write(1, line, (size_t)n) != n)
		exit(3);
}

static void generation(struct state *st, size_t gen, size_t n)
{
	char id[32];
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof id, "article-%05zu", i);
		state_set_position(st, id, gen * n + i);
		state_set_read(st, id, (gen + i) % 2 == 1);
		state_set_flag(st, id, (gen + i) % 3 == 0);
	}
	state_set_position(st, "gen", gen);
}

static int run_once(const char *path, size_t n)
{
	struct diag d = DIAG_INIT;
	struct state *st = state_open_file(path, &d);
	generation(st, state_position(st, "gen") + 1, n);
	int r = state_save(st, &d);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "state_writer: %s\n", d.msg[i]);
	diag_free(&d);
	state_close(st);
	return r == 0 ? 0 : 1;
}

static int run_mark(const char *path)
{
	struct diag d = DIAG_INIT;
	struct state *st = state_open_file(path, &d);
	state_set_read(st, "marked-now", true);
	int r = state_save(st, &d);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "state_writer: %s\n", d.msg[i]);
	diag_free(&d);
	state_close(st);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%ld\n", ru.ru_maxrss);
	return r == 0 ? 0 : 1;
}

static int run_writer(const char *path, size_t n)
{
	struct diag d = DIAG_INIT;
	struct state *st = state_open_file(path, &d);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "state_writer: %s\n", d.msg[i]);
	if (d.n)
		return 1;
	for (size_t gen = state_position(st, "gen") + 1;; gen++) {
		generation(st, gen, n);
		say("saving", gen);
		if (state_save(st, &d) != 0) {
			fprintf(stderr, "state_writer: %s\n", d.n ? d.msg[0] : "save failed");
			return 1;
		}
		say("saved", gen);
	}
}

/* Is the state exactly generation gen of n articles? */
static bool is_generation(const struct state *st, size_t gen, size_t n)
{
	if (gen == 0)
		return state_count(st) == 0;
	if (state_count(st) != n + 1)
		return false;
	char id[32];
	for (size_t i = 0; i < n; i++) {
		snprintf(id, sizeof id, "article-%05zu", i);
		if (state_position(st, id) != gen * n + i ||
		    state_read(st, id) != ((gen + i) % 2 == 1) ||
		    state_flagged(st, id) != ((gen + i) % 3 == 0))
			return false;
	}
	return true;
}

static int run_check(const char *path, size_t n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("0\n");	/* never saved */
		return 0;
	}
	struct buf text = BUF_INIT;
	char chunk[65536];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&text, chunk, got);
	fclose(f);
	struct diag d = DIAG_INIT;
	/* Parsed, not opened: a damaged file must be seen, not set aside. */
	struct state *st = state_parse(path, text.data ? text.data : "", text.len, &d);
	size_t gen = state_position(st, "gen");
	int ok = d.n == 0 && is_generation(st, gen, n);
	for (size_t i = 0; i < d.n; i++)
		fprintf(stderr, "state_writer: %s\n", d.msg[i]);
	if (!ok)
		fprintf(stderr, "state_writer: %s is not one whole generation (gen says %zu)\n",
			path, gen);
	else
		printf("%zu\n", gen);
	state_close(st);
	diag_free(&d);
	buf_free(&text);
	return ok ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "mark") == 0)
		return run_mark(argv[2]);
	if (argc != 4 || atol(argv[3]) <= 0) {
		fprintf(stderr, "usage: state_writer write|check|once FILE N, mark FILE\n");
		return 2;
	}
	size_t n = (size_t)atol(argv[3]);
	if (strcmp(argv[1], "write") == 0)
		return run_writer(argv[2], n);
	if (strcmp(argv[1], "check") == 0)
		return run_check(argv[2], n);
	if (strcmp(argv[1], "once") == 0)
		return run_once(argv[2], n);
	fprintf(stderr, "usage: state_writer write|check|once FILE N, mark FILE\n");
	return 2;
}
