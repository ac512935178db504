/* article.h: one article file: front matter, body, id, validation.
 *
 * An article is a CommonMark file "ID.md" that starts with a front-matter
 * block between two "---" lines of "key: value" pairs (see filo(5)). Parsing
 * never fails hard: problems go to a diag as "file:line: message" and the
 * article keeps what could be read. No curses here. */
#ifndef FILO_ARTICLE_H
#define FILO_ARTICLE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include "diag.h"

/* Files larger than this are not loaded (reported and skipped). */
#define ARTICLE_MAX_SIZE (16u * 1024 * 1024)

struct article_field {
	char *key;
	char *value;
};

struct article {
	char *id;	/* file name without ".md" */
	char *path;	/* as given to article_load */
	/* Metadata, sanitised UTF-8 (never NULL; "" when absent): the
	 * front-matter keys of article_keys. */
	char *title;	/* front matter title, else first heading, else id */
	char *date;	/* "YYYY-MM-DD", "YYYY-MM", "YYYY" or "" */
	char *source;
	char *lang;
	char *url;
	char *tags;	/* as written: "politica, esteri" */
	char *guid;	/* the id a feed gave the item (filo import) */
	char *date_from;	/* "text": the date was read from the text */
	char *import_checksum;	/* of what filo import wrote (import_dir.h) */
	int year, month, day;	/* 0 when unknown */
	/* The language of the text, as search stems it and lang: finds it:
	 * lang's primary subtag, else guessed from the words (stem.h); set by
	 * the index cache (malloc'd), NULL in an article read otherwise. */
	char *text_lang;
	/* Unknown keys, kept in order so a rewrite loses nothing. */
	struct article_field *extra;
	size_t nextra;
	/* Markdown after the front matter (NUL-terminated, invalid UTF-8
	 * replaced); NULL when only the metadata was loaded. */
	char *body;
	size_t body_len;
	size_t body_line;	/* file line number of the body's first line */
	long long size;		/* file size in bytes */
	long long mtime;	/* modification time, seconds */
	bool broken;		/* problems were found (shown with what was read) */
};

/* The front-matter keys filo knows, in the order article_format writes
 * them. A new key is a char * member of struct article and a row of
 * article_keys (article.c): parsing, writing and the index cache (a column
 * of its own) follow from the row. */
enum {
	ARTICLE_KEY_ALWAYS = 1,	/* written by article_format even when empty */
	ARTICLE_KEY_DATE = 2,	/* checked as a date; sets year, month, day */
};
struct article_key {
	const char *name;	/* as written, lower case: "title" */
	size_t offset;		/* of its char * in struct article */
	unsigned flags;		/* ARTICLE_KEY_* */
};
extern const struct article_key article_keys[];
extern const size_t article_nkeys;

/* A hash of what was read of a: every key's value, the unknown keys and
 * the body (the index cache tells a file rewritten with the same content
 * from an edit by it). */
uint64_t article_hash(const struct article *a);

/* The member of a that holds key k. */
char **article_key_value(struct article *a, const struct article_key *k);

/* Parses a whole file's contents (data need not be NUL-terminated). name is
 * used in messages and for the id. with_body false skips keeping the body
 * (the title fallback to the first heading still works: the first 8 KiB of
 * the body are searched either way, so the title never depends on it; the
 * rest of the body is then not checked for invalid UTF-8). Blank lines
 * between the front matter and the body are not part of the body. Fills *a
 * (which the caller frees with article_free) and returns 0, or -1 when
 * nothing usable could be read (empty, binary), with a message in d; *a is
 * then all zero (article_free on it is harmless). */
int article_parse(struct article *a, const char *name, const char *data,
		  size_t len, bool with_body, struct diag *d);

/* Reads and parses the file at path (size limit, unreadable file, directory
 * and the like reported in d). Returns 0 or -1 as article_parse. Without the
 * body only the first 64 KiB are read unless the front matter or the title
 * search needs more. Sets size and mtime from the file. */
int article_load(struct article *a, const char *path, bool with_body,
		 struct diag *d);

/* Links in the articles folder are followed only to files in the same
 * folder: article_load refuses one that leaves it ("a link to a file
 * outside the folder") unless article_follow_links(true) was called (the
 * --follow-links option), once, before any article is read. */
void article_follow_links(bool on);
/* Is path a link that leaves its folder and is not to be followed? */
bool article_link_leaves(const char *path);

void article_free(struct article *a);

/* The value of a front-matter key filo keeps among the extra fields (such
 * as "guid" or "date-from"), or NULL when the article has none. */
const char *article_extra(const struct article *a, const char *key);

/* Was the date read from the text rather than stated as the publication
 * date (date_from "text", see filo(5))? Then the reader marks it. */
bool article_date_inferred(const struct article *a);

/* The date as the article header shows it: a->date, with " (inferred)"
 * after it when article_date_inferred; "" when undated. Written into out
 * (size n), which is returned. */
char *article_date_label(const struct article *a, char *out, size_t n);

/* Parses "YYYY-MM-DD" / "YYYY-MM" / "YYYY" / "" into parts; -1 if invalid. */
int article_parse_date(const char *s, int *year, int *month, int *day);

/* Days since 1970-01-01 of the article's date (missing month or day count as
 * the first), or -1 when undated. Used for time distance. Earlier dates are
 * negative, so 1969-12-31 also gives -1: check year when that matters. */
long article_days(const struct article *a);

/* A date as one number, YYYYMMDD with missing parts 0, and 0 for "" or an
 * invalid date: numbers order as the valid date strings do. */
uint32_t article_date_key(const char *date);

/* Serialises front matter + body as a file's text (malloc'd): the format
 * article_parse reads, used by the importer. Empty fields are omitted except
 * title and date; extra fields follow in order; a value article_parse would
 * change (outer blanks, matching outer quotes) is written in double quotes,
 * so parsing the result gives the same fields and body back. */
char *article_format(const struct article *a, size_t *len);

/* Is name an article file name ("*.md", not hidden)? */
bool article_is_file_name(const char *name);

#endif
