/* launch.c: $BROWSER commands made into argument vectors and run with
 * fork/execvp (never a shell), and the OSC 52 clipboard sequence. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>
#include "buf.h"
#include "diag.h"
#include "launch.h"
#include "text.h"

bool launch_url_ok(const char *url)
{
	size_t skip = strncasecmp(url, "http://", 7) == 0 ? 7
		    : strncasecmp(url, "https://", 8) == 0 ? 8 : 0;
	if (!skip || !url[skip] || url[skip] == '/')
		return false;
	size_t n = strlen(url);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			return false;
	return text_valid_utf8(url, n, NULL);
}

/* One word of a command with %s, %% and %c expanded; sets *used when it
 * held %s. Malloc'd. */
static char *expand_word(const char *w, size_t n, const char *url, bool *used)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "");
	for (size_t i = 0; i < n; i++) {
		if (w[i] != '%' || i + 1 == n) {
			buf_addc(&b, w[i]);
			continue;
		}
		char c = w[++i];
		if (c == 's') {
			buf_adds(&b, url);
			*used = true;
		} else if (c == 'c') {
			buf_addc(&b, ':');
		} else if (c == '%') {
			buf_addc(&b, '%');
		} else {
			buf_addc(&b, '%');
			buf_addc(&b, c);
		}
	}
	return buf_detach(&b, NULL);
}

static void cmd_add(struct launch_cmd *c, size_t *cap, char *word)
{
	c->argv = xgrow(c->argv, cap, c->argc + 2, sizeof *c->argv);
	c->argv[c->argc++] = word;
	c->argv[c->argc] = NULL;
}

/* The command s[0..n) split at blanks; false when it has no word. */
static bool make_cmd(struct launch_cmd *c, const char *s, size_t n, const char *url)
{
	size_t cap = 0;
	bool used = false;
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < n;) {
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t start = i;
		while (i < n && s[i] != ' ' && s[i] != '\t')
			i++;
		if (i > start)
			cmd_add(c, &cap, expand_word(s + start, i - start, url, &used));
	}
	if (!c->argc)
		return false;
	if (!used)
		cmd_add(c, &cap, xstrdup(url));
	return true;
}

void launch_plan_make(struct launch_plan *p, const char *browser, const char *url)
{
	size_t cap = 0;
	memset(p, 0, sizeof *p);
	for (const char *s = browser ? browser : ""; ; ) {
		size_t n = strcspn(s, ":");
		p->cmd = xgrow(p->cmd, &cap, p->n + 1, sizeof *p->cmd);
		if (make_cmd(&p->cmd[p->n], s, n, url))
			p->n++;
		if (!s[n])
			break;
		s += n + 1;
	}
	if (!p->n) {
		p->cmd = xgrow(p->cmd, &cap, 1, sizeof *p->cmd);
		make_cmd(&p->cmd[p->n++], "xdg-open", 8, url);
	}
}

void launch_plan_free(struct launch_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		for (size_t k = 0; k < p->cmd[i].argc; k++)
			free(p->cmd[i].argv[k]);
		free(p->cmd[i].argv);
	}
	free(p->cmd);
	memset(p, 0, sizeof *p);
}

/* Starts one command and waits for it. Returns 0 (exit status in *status),
 * or -1 with errno when it could not be started: the child reports an
 * execvp failure through a close-on-exec pipe, so a browser that exits
 * with 127 is not taken for a missing one. */
static int run_one(const struct launch_cmd *c, int *status)
{
	int fds[2];
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execvp(c->argv[0], c->argv);
		int e = errno;
		if (write(fds[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	close(fds[1]);
	int err = 0;
	ssize_t got = pid < 0 ? 0 : read(fds[0], &err, sizeof err);
	while (got < 0 && errno == EINTR)
		got = read(fds[0], &err, sizeof err);
	close(fds[0]);
	if (pid < 0)
		return -1;
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (got == (ssize_t)sizeof err) {
		errno = err;
		return -1;
	}
	*status = st;
	return 0;
}

int launch_run(const struct launch_plan *p, int *status, struct diag *d)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	int r = -1, st = 0;
	struct diag why = DIAG_INIT;	/* said only when nothing could run */
	for (size_t i = 0; i < p->n && r != 0; i++) {
		r = run_one(&p->cmd[i], &st);
		if (r != 0)
			diag_add(&why, NULL, 0, "cannot run '%s': %s", p->cmd[i].argv[0],
				 strerror(errno));
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (r == 0 && status)
		*status = st;
	if (r != 0 && d)
		diag_move(d, &why);
	diag_free(&why);
	return r;
}

void launch_osc52(const char *text, size_t len, struct buf *out)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *s = (const unsigned char *)text;
	buf_adds(out, "\033]52;c;");
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		buf_addc(out, b64[v >> 18 & 63]);
		buf_addc(out, b64[v >> 12 & 63]);
		buf_addc(out, i + 1 < len ? b64[v >> 6 & 63] : '=');
		buf_addc(out, i + 2 < len ? b64[v & 63] : '=');
	}
	buf_addc(out, '\a');
}
