/* urls.c: the feeds file (newsboat's urls format): one URL a line with its
 * tags, each line that filo cannot fetch skipped with a note. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "buf.h"
#include "diag.h"
#include "text.h"
#include "urls.h"

/* Words end at these (newsboat's delimiters: LF never reaches here). */
#define BLANKS " \t\r"

/* One line being read: where, and the words found so far. */
struct line {
	const char *label;
	size_t no;
	struct diag *d;
	char **word;
	size_t n, cap;
	bool unterminated;	/* a quoted word ran to the end of the line */
};

static void line_add(struct line *l, char *w)
{
	l->word = xgrow(l->word, &l->cap, l->n + 1, sizeof *l->word);
	l->word[l->n++] = w;
}

static void line_clear(struct line *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->word[i]);
	free(l->word);
}

/* A quoted word from just after its opening quote; returns where reading
 * stops (after the closing quote, or the end). */
static const char *read_quoted(struct line *l, const char *s, const char *end)
{
	struct buf w = BUF_INIT;
	buf_adds(&w, "");
	for (; s < end && *s != '"'; s++) {
		if (*s != '\\' || s + 1 == end) {
			buf_addc(&w, *s);
			continue;
		}
		s++;
		buf_addc(&w, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : *s);
	}
	if (s == end)
		l->unterminated = true;
	line_add(l, buf_detach(&w, NULL));
	return s < end ? s + 1 : s;
}

/* Splits s[0..end) into words, as newsboat's tokenize_quoted does: blanks
 * separate, "..." quotes (a word continues after no closing quote), and an
 * unquoted word that starts with '#' ends the line. */
static void split_words(struct line *l, const char *s, const char *end)
{
	for (;;) {
		while (s < end && strchr(BLANKS, *s))
			s++;
		if (s == end || *s == '#')
			return;
		if (*s == '"') {
			s = read_quoted(l, s + 1, end);
			continue;
		}
		const char *w = s;
		while (s < end && !strchr(BLANKS, *s))
			s++;
		line_add(l, xstrndup(w, (size_t)(s - w)));
	}
}

/* A tag or name as filo keeps it: valid UTF-8, controls in caret notation
 * (they would otherwise reach a terminal or a front-matter line), without
 * outer blanks. Malloc'd. */
static char *clean_tag(const char *s)
{
	size_t n;
	char *c = text_sanitize(s, strlen(s), false, &n);
	size_t lead = strspn(c, " ");
	while (n > lead && c[n - 1] == ' ')
		n--;
	char *r = xstrndup(c + lead, n - lead);
	free(c);
	return r;
}

static bool has_prefix(const char *s, const char *p)
{
	return strncasecmp(s, p, strlen(p)) == 0;
}

/* Printable ASCII or UTF-8 characters only: no blank, no control. */
static bool url_chars_ok(const char *url, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			return false;
	return text_valid_utf8(url, n, NULL);
}

/* Why url cannot be fetched, or NULL when it can. */
static const char *url_problem(const char *url, struct buf *why)
{
	static const struct { const char *prefix, *what; } special[] = {
		{ "query:", "query feeds are not supported" },
		{ "exec:", "exec: feeds are not supported (filo runs no commands)" },
		{ "filter:", "filter: feeds are not supported (filo runs no commands)" },
	};
	for (size_t i = 0; i < sizeof special / sizeof *special; i++)
		if (has_prefix(url, special[i].prefix))
			return special[i].what;
	size_t n = strlen(url);
	if (!has_prefix(url, "http://") && !has_prefix(url, "https://")) {
		size_t scheme = strspn(url, "abcdefghijklmnopqrstuvwxyz"
				       "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
		if (scheme == 0 || scheme > 20 || url[scheme] != ':' || !url[scheme + 1])
			return "not a URL";
		buf_addf(why, "'%.*s:' URLs are not supported (only http and https)",
			 (int)scheme, url);
		return why->data;
	}
	if (n > URLS_URL_MAX)
		return "URL too long";
	const char *host = strstr(url, "//") + 2;
	if (!*host || *host == '/' || !url_chars_ok(url, n))
		return "not a URL";
	return NULL;
}

/* The earlier feed with url, or NULL. */
static const struct urls_feed *find_url(const struct urls *u, const char *url)
{
	for (size_t i = 0; i < u->n; i++)
		if (strcmp(u->feed[i].url, url) == 0)
			return &u->feed[i];
	return NULL;
}

/* The words of a line as a feed (tags cleaned); the URL word is taken. */
static void add_feed(struct urls *u, struct line *l)
{
	u->feed = xgrow(u->feed, &u->cap, u->n + 1, sizeof *u->feed);
	struct urls_feed *f = &u->feed[u->n++];
	memset(f, 0, sizeof *f);
	f->url = l->word[0];
	l->word[0] = NULL;
	f->line = l->no;
	size_t tcap = 0;
	for (size_t i = 1; i < l->n; i++) {
		const char *w = l->word[i];
		if (strcmp(w, "!") == 0)
			continue;
		char *c = clean_tag(w[0] == '~' ? w + 1 : w);
		if (w[0] == '~') {
			free(f->name);
			f->name = *c ? c : NULL;
			if (!*c)
				free(c);
			continue;
		}
		if (!*c) {
			free(c);
			continue;
		}
		f->tags = xgrow(f->tags, &tcap, f->ntags + 1, sizeof *f->tags);
		f->tags[f->ntags++] = c;
	}
}

/* Reports the line as skipped; returns 1. */
static size_t skip(struct line *l, const char *what, const char *word)
{
	char *shown = clean_tag(word);
	size_t n = strlen(shown);
	bool cut = text_width(shown, n) > 80;	/* the start says which it is */
	if (cut)
		n = text_fit(shown, n, 77, NULL);
	diag_add(l->d, l->label, l->no, "%s: '%.*s%s' (line skipped)", what,
		 (int)n, shown, cut ? "..." : "");
	free(shown);
	return 1;
}

/* One line; returns 1 when it was skipped. */
static size_t parse_line(struct urls *u, struct line *l, const char *s, size_t n)
{
	if (memchr(s, '\0', n)) {
		diag_add(l->d, l->label, l->no, "NUL byte (line skipped)");
		return 1;
	}
	split_words(l, s, s + n);
	if (!l->n)
		return 0;
	struct buf why = BUF_INIT;
	const char *problem = url_problem(l->word[0], &why);
	const struct urls_feed *dup = problem ? NULL : find_url(u, l->word[0]);
	size_t skipped = 0;
	if (problem) {
		skipped = skip(l, problem, l->word[0]);
	} else if (dup) {
		buf_addf(&why, "already on line %zu", dup->line);
		skipped = skip(l, why.data, l->word[0]);
	} else {
		if (l->unterminated)
			diag_add(l->d, l->label, l->no,
				 "a quote is not closed (the tag runs to the end of the line)");
		add_feed(u, l);
	}
	buf_free(&why);
	return skipped;
}

size_t urls_parse(struct urls *u, const char *label, const char *text,
		  size_t len, struct diag *d)
{
	size_t skipped = 0, no = 0;
	const char *end = text + len;
	while (text < end) {
		const char *nl = memchr(text, '\n', (size_t)(end - text));
		size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
		struct line l = { .label = label, .no = ++no, .d = d };
		skipped += parse_line(u, &l, text, n);
		line_clear(&l);
		text += n + (nl != NULL);
	}
	return skipped;
}

int urls_path_default(struct buf *out)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	if (xdg && xdg[0] == '/')
		buf_addf(out, "%s/filo/urls", xdg);
	else if (home && home[0])
		buf_addf(out, "%s/.config/filo/urls", home);
	else
		return -1;
	return 0;
}

int urls_load(struct urls *u, const char *path, struct diag *d)
{
	struct buf def = BUF_INIT, text = BUF_INIT;
	if (!path && urls_path_default(&def) < 0) {
		diag_add(d, "urls", 0, "cannot find the feeds file: neither "
			 "$XDG_CONFIG_HOME nor $HOME is set (give --feeds FILE)");
		return -1;
	}
	if (!path)
		path = def.data;
	int r = 0;
	if (buf_read_file(&text, path) < 0) {
		diag_add(d, path, 0, "cannot read the feeds file: %s", buf_read_error(errno));
		r = -1;
	} else {
		urls_parse(u, path, text.data ? text.data : "", text.len, d);
	}
	buf_free(&text);
	buf_free(&def);
	return r;
}

void urls_free(struct urls *u)
{
	for (size_t i = 0; i < u->n; i++) {
		struct urls_feed *f = &u->feed[i];
		free(f->url);
		free(f->name);
		for (size_t t = 0; t < f->ntags; t++)
			free(f->tags[t]);
		free(f->tags);
	}
	free(u->feed);
	memset(u, 0, sizeof *u);
}
