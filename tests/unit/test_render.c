/* test_render.c: unit tests for render.c (markdown to blocks to lines), and
 * the golden files: tests/golden/X.md rendered and compared with X.out
 * (run from the repository root; FILO_GOLDEN_UPDATE=1 rewrites the .out). */
#include <dirent.h>
#include <stdint.h>
#include <time.h>
#include "t.h"
#include "buf.h"
#include "render.h"
#include "text.h"

static struct render_doc *lay(const char *md, size_t width)
{
	struct render_doc *d = render_blocks(md, strlen(md), NULL, NULL, NULL);
	render_layout(d, width);
	return d;
}

static const char *line_text(const struct render_doc *d, size_t i)
{
	const struct render_line *l = render_line_at(d, i);
	return l ? l->text : "(no line)";
}

static int line_kind(const struct render_doc *d, size_t i)
{
	const struct render_line *l = render_line_at(d, i);
	return l ? l->block : -1;
}

/* Index of the first line whose text is s, or -1. */
static long find_line(const struct render_doc *d, const char *s)
{
	for (size_t i = 0; i < render_line_count(d); i++)
		if (strcmp(render_line_at(d, i)->text, s) == 0)
			return (long)i;
	return -1;
}

/* The span of line i covering byte off, or NULL. */
static const struct render_span *span_at(const struct render_doc *d, size_t i,
					 size_t off)
{
	const struct render_line *l = render_line_at(d, i);
	for (uint32_t k = 0; l && k < l->nspans; k++)
		if (l->spans[k].off <= off && off < l->spans[k].off + l->spans[k].len)
			return &l->spans[k];
	return NULL;
}

static unsigned flags_at(const struct render_doc *d, size_t i, const char *word)
{
	const char *t = line_text(d, i), *p = strstr(t, word);
	const struct render_span *s = p ? span_at(d, i, (size_t)(p - t)) : NULL;
	return s ? s->flags : 0;
}

/* What every layout must hold: lines fit, are valid UTF-8 without control
 * characters, spans are sorted, non-empty, disjoint and inside the line,
 * blank lines never come two in a row, plain offsets never decrease. */
static void check_lines(const struct render_doc *d, size_t width)
{
	size_t n = render_line_count(d), bad_width = 0, bad_text = 0, bad_span = 0;
	size_t bad_blank = 0, bad_plain = 0;
	for (size_t i = 0; i < n; i++) {
		const struct render_line *l = render_line_at(d, i);
		if (text_width(l->text, l->len) > width)
			bad_width++;
		bool ctl = false;
		for (size_t k = 0; k < l->len; k++)
			ctl = ctl || (unsigned char)l->text[k] < 0x20 || l->text[k] == 0x7f;
		if (ctl || !text_valid_utf8(l->text, l->len, NULL) || l->text[l->len] != '\0')
			bad_text++;
		size_t end = 0;
		for (uint32_t k = 0; k < l->nspans; k++) {
			const struct render_span *s = &l->spans[k];
			if (s->len == 0 || s->off < end || s->off + s->len > l->len)
				bad_span++;
			end = s->off + s->len;
		}
		if (i > 0 && l->block == RB_BLANK && line_kind(d, i - 1) == RB_BLANK)
			bad_blank++;
		if (i > 0 && render_plain_of_line(d, i) < render_plain_of_line(d, i - 1))
			bad_plain++;
	}
	T_CHECK(bad_width == 0, "%zu lines wider than %zu", bad_width, width);
	T_CHECK(bad_text == 0, "%zu lines with bad text", bad_text);
	T_CHECK(bad_span == 0, "%zu bad spans", bad_span);
	T_CHECK(bad_blank == 0, "%zu double blank lines", bad_blank);
	T_CHECK(bad_plain == 0, "%zu decreasing plain offsets", bad_plain);
}

TEST(headings)
{
	struct render_doc *d = lay("# One\n\n## Two\n\n### Three\n\n###### Six\n", 40);
	T_EQ_STR(line_text(d, 0), "One");
	T_EQ_INT(line_kind(d, 0), RB_H1);
	T_EQ_STR(line_text(d, 1), "═══");
	T_EQ_INT(line_kind(d, 1), RB_H1);
	T_EQ_INT(line_kind(d, 2), RB_BLANK);
	T_EQ_STR(line_text(d, 3), "Two");
	T_EQ_INT(line_kind(d, 3), RB_H2);
	T_EQ_STR(line_text(d, 4), "───");
	T_EQ_STR(line_text(d, 6), "Three");
	T_EQ_INT(line_kind(d, 6), RB_H3);
	T_EQ_STR(line_text(d, 8), "Six");
	T_EQ_INT(line_kind(d, 8), RB_H6);
	T_EQ_INT(render_line_count(d), 9);
	T_EQ_STR(render_block_name(RB_H3), "h3");
	T_EQ_STR(render_block_name(RB_BLANK), "blank");
	T_EQ_STR(render_block_name(99), "?");
	check_lines(d, 40);
	render_free(d);
}

TEST(emphasis_nested)
{
	struct render_doc *d = lay("*aa **bb** cc* dd **ee *ff***", 80);
	T_EQ_STR(line_text(d, 0), "aa bb cc dd ee ff");
	T_EQ_INT(flags_at(d, 0, "aa"), RF_EMPH);
	T_EQ_INT(flags_at(d, 0, "bb"), RF_EMPH | RF_STRONG);
	T_EQ_INT(flags_at(d, 0, "cc"), RF_EMPH);
	T_EQ_INT(flags_at(d, 0, "dd"), 0);
	T_EQ_INT(flags_at(d, 0, "ee"), RF_STRONG);
	T_EQ_INT(flags_at(d, 0, "ff"), RF_EMPH | RF_STRONG);
	/* "aa " is one span: styles that touch with the same flags merge */
	const struct render_span *s = span_at(d, 0, 0);
	T_OK(s && s->off == 0 && s->len == 3);
	check_lines(d, 80);
	render_free(d);
}

TEST(code_span)
{
	struct render_doc *d = lay("run `make  test` *now `x`*", 80);
	T_EQ_STR(line_text(d, 0), "run make  test now x");
	const struct render_span *s = span_at(d, 0, 4);
	T_OK(s && s->off == 4 && s->len == 10 && s->flags == RF_CODE);
	T_EQ_INT(flags_at(d, 0, "x"), RF_EMPH | RF_CODE);
	render_free(d);
}

TEST(code_block)
{
	const char *md = "Before:\n\n```c\nint x;\n\tif (x)\n\n  y;\n```\n\nAfter.\n";
	struct render_doc *d = lay(md, 40);
	long i = find_line(d, "    int x;");
	T_CHECK(i >= 0, "no code line");
	T_EQ_INT(line_kind(d, (size_t)i), RB_CODE);
	T_EQ_STR(line_text(d, (size_t)i + 1), "        if (x)");	/* tab to column 4 */
	T_EQ_STR(line_text(d, (size_t)i + 2), "");	/* no trailing blanks */
	T_EQ_STR(line_text(d, (size_t)i + 3), "      y;");
	T_EQ_INT(line_kind(d, (size_t)i + 4), RB_BLANK);
	T_EQ_INT(render_line_at(d, (size_t)i)->indent, 4);
	check_lines(d, 40);
	render_free(d);

	/* A long code line is cut at the width, nothing lost, never joined. */
	d = lay("    abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ\n", 20);
	struct buf all = BUF_INIT;
	for (size_t k = 0; k < render_line_count(d); k++) {
		const struct render_line *l = render_line_at(d, k);
		T_EQ_INT(l->block, RB_CODE);
		T_OK(strncmp(l->text, "    ", 4) == 0);
		buf_add(&all, l->text + 4, l->len - 4);
	}
	T_EQ_INT(render_line_count(d), 3);
	T_EQ_STR(buf_str(&all), "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ");
	check_lines(d, 20);
	buf_free(&all);
	render_free(d);
}

TEST(block_quote_nested)
{
	struct render_doc *d = lay("> outer one\n>\n> > inner\n>\n> outer two\n\nafter\n", 40);
	T_EQ_STR(line_text(d, 0), "│ outer one");
	T_EQ_INT(line_kind(d, 0), RB_QUOTE);
	T_EQ_STR(line_text(d, 1), "│");
	T_EQ_INT(line_kind(d, 1), RB_BLANK);
	T_EQ_STR(line_text(d, 2), "│ │ inner");
	T_EQ_INT(render_line_at(d, 2)->indent, 4);
	const struct render_span *s = span_at(d, 2, 0);
	T_OK(s && s->flags == RF_MARKER && s->len == strlen("│"));
	s = span_at(d, 2, 4);
	T_OK(s && s->flags == RF_MARKER);
	T_EQ_STR(line_text(d, 4), "│ outer two");
	T_EQ_STR(line_text(d, 5), "");
	T_EQ_STR(line_text(d, 6), "after");
	T_EQ_INT(line_kind(d, 6), RB_TEXT);
	render_free(d);

	/* Every wrapped line of a quote carries the bar. */
	d = lay("> one two three four five six seven eight nine ten\n", 16);
	T_OK(render_line_count(d) > 2);
	for (size_t i = 0; i < render_line_count(d); i++)
		T_OK(strncmp(line_text(d, i), "│ ", strlen("│ ")) == 0);
	check_lines(d, 16);
	render_free(d);
}

TEST(lists)
{
	const char *md = "- one\n- two\n  - nested a\n    - deeper\n  - nested b\n- three\n\n"
			 "3. three\n4. four\n\n"
			 "9) nine\n10) ten\n";
	struct render_doc *d = lay(md, 40);
	T_EQ_STR(line_text(d, 0), "• one");
	T_EQ_STR(line_text(d, 1), "• two");
	T_EQ_STR(line_text(d, 2), "  ◦ nested a");
	T_EQ_STR(line_text(d, 3), "    ▪ deeper");
	T_EQ_STR(line_text(d, 4), "  ◦ nested b");
	T_EQ_STR(line_text(d, 5), "• three");
	T_EQ_INT(line_kind(d, 6), RB_BLANK);
	T_EQ_STR(line_text(d, 7), "3. three");
	T_EQ_STR(line_text(d, 8), "4. four");
	T_EQ_STR(line_text(d, 10), " 9) nine");	/* numbers right-aligned */
	T_EQ_STR(line_text(d, 11), "10) ten");
	const struct render_span *s = span_at(d, 7, 0);
	T_OK(s && s->off == 0 && s->len == 2 && s->flags == RF_MARKER);
	T_EQ_INT(render_line_at(d, 3)->indent, 6);
	check_lines(d, 40);
	render_free(d);

	/* Continuation lines hang under the text; a loose list has blank
	 * lines; a quote inside an item keeps the item's indent. */
	d = lay("1. alpha beta gamma delta epsilon\n\n2. second\n\n   > quoted in item\n", 20);
	T_EQ_STR(line_text(d, 0), "1. alpha beta gamma");
	T_EQ_STR(line_text(d, 1), "   delta epsilon");
	T_EQ_INT(line_kind(d, 2), RB_BLANK);
	T_EQ_STR(line_text(d, 3), "2. second");
	T_EQ_STR(line_text(d, 4), "");
	T_EQ_STR(line_text(d, 5), "   │ quoted in item");
	T_EQ_INT(line_kind(d, 5), RB_QUOTE);
	check_lines(d, 20);
	render_free(d);

	/* An empty item still shows its bullet; a list starting an item. */
	d = lay("-\n- - x\n", 20);
	T_EQ_STR(line_text(d, 0), "•");
	T_EQ_STR(line_text(d, 1), "• ◦ x");
	render_free(d);
}

TEST(links)
{
	const char *md = "See [one](http://a.example/) and [two *x*](http://b.example/)\n"
			 "and [one again](http://a.example/) and <http://c.example/>.\n";
	struct render_doc *d = lay(md, 80);
	T_EQ_STR(line_text(d, 0), "See one[1] and two x[2] and one again[1] and http://c.example/[3].");
	T_EQ_INT(flags_at(d, 0, "one["), RF_LINK);
	T_EQ_INT(flags_at(d, 0, "[1]"), RF_LINKNUM);
	T_EQ_INT(flags_at(d, 0, "x[2]"), RF_LINK | RF_EMPH);
	T_EQ_INT(flags_at(d, 0, "and"), 0);
	T_EQ_INT(line_kind(d, 1), RB_BLANK);
	T_EQ_STR(line_text(d, 2), "Links");
	T_EQ_INT(line_kind(d, 2), RB_LINKS);
	T_EQ_STR(line_text(d, 3), "[1] http://a.example/");
	T_EQ_STR(line_text(d, 4), "[2] http://b.example/");
	T_EQ_STR(line_text(d, 5), "[3] http://c.example/");
	T_EQ_INT(line_kind(d, 5), RB_LINKS);
	T_EQ_INT(flags_at(d, 3, "[1]"), RF_LINKNUM);
	T_EQ_INT(flags_at(d, 3, "http"), RF_LINK);
	T_EQ_INT(render_line_count(d), 6);
	T_EQ_INT(render_link_count(d), 3);
	T_EQ_STR(render_link_url(d, 2), "http://b.example/");
	T_OK(render_link_url(d, 0) == NULL && render_link_url(d, 4) == NULL);
	/* The link list is not plain text. */
	size_t len;
	const char *plain = render_plain_text(d, &len);
	T_OK(strstr(plain, "Links") == NULL);
	T_EQ_INT(len, strlen(line_text(d, 0)));
	render_free(d);

	/* A long URL hangs under its number. */
	d = lay("[x](http://example.com/a/very/long/path/that/does/not/fit)\n", 20);
	long i = find_line(d, "Links");
	T_OK(i >= 0 && render_line_count(d) > (size_t)i + 2);
	T_OK(strncmp(line_text(d, (size_t)i + 2), "    ", 4) == 0);
	check_lines(d, 20);
	render_free(d);
}

/* More links than a small table holds: each keeps its number, in order of
 * first use, and a URL used again far apart gets its first number. */
TEST(many_links)
{
	struct buf md = BUF_INIT;
	for (int i = 1; i <= 300; i++)
		buf_addf(&md, "[l%d](http://e.example/%d) ", i, i);
	buf_adds(&md, "[again](http://e.example/7) [last](http://e.example/150)\n");
	struct render_doc *d = lay(md.data, 4096);	/* the text on one line */
	T_EQ_INT(render_link_count(d), 300);
	char want[64];
	int bad = 0;
	for (int i = 1; i <= 300; i++) {
		snprintf(want, sizeof want, "http://e.example/%d", i);
		bad += strcmp(render_link_url(d, (size_t)i) ? render_link_url(d, (size_t)i) : "", want) != 0;
	}
	T_EQ_INT(bad, 0);
	T_OK(strstr(line_text(d, 0), " l300[300] again[7] last[150]") != NULL);
	T_OK(find_line(d, "[300] http://e.example/300") >= 0);
	render_free(d);
	buf_free(&md);
}

TEST(image)
{
	struct render_doc *d = lay("Look: ![a *cat* photo](cat.png) and ![](x.png)\n", 80);
	T_EQ_STR(line_text(d, 0), "Look: [image: a cat photo] and [image]");
	const struct render_span *s = span_at(d, 0, 6);
	T_OK(s && s->off == 6 && s->flags == RF_IMAGE);
	T_EQ_INT(flags_at(d, 0, "cat"), RF_IMAGE | RF_EMPH);
	T_EQ_INT(flags_at(d, 0, "photo]"), RF_IMAGE);
	T_EQ_INT(flags_at(d, 0, "[image]"), RF_IMAGE);
	T_EQ_INT(render_link_count(d), 0);
	render_free(d);
}

TEST(rule_and_breaks)
{
	struct render_doc *d = lay("one\ntwo\\\nthree  \nfour\n\n***\n\nend\n", 30);
	T_EQ_STR(line_text(d, 0), "one two");	/* soft break: a space */
	T_EQ_STR(line_text(d, 1), "three");	/* hard breaks, both kinds */
	T_EQ_STR(line_text(d, 2), "four");
	T_EQ_INT(render_line_at(d, 2)->block_index, render_line_at(d, 0)->block_index);
	T_EQ_INT(line_kind(d, 4), RB_RULE);
	T_EQ_INT(text_width(line_text(d, 4), strlen(line_text(d, 4))), 30);
	T_OK(strncmp(line_text(d, 4), "───", strlen("───")) == 0);
	T_EQ_STR(line_text(d, 6), "end");
	size_t len;
	T_EQ_STR(render_plain_text(d, &len), "one two\nthree\nfour\n\nend");
	render_free(d);

	d = lay("> ---\n", 20);	/* a rule in a quote leaves room for the bar */
	T_EQ_INT(text_width(line_text(d, 0), strlen(line_text(d, 0))), 20);
	T_OK(strncmp(line_text(d, 0), "│ ─", strlen("│ ─")) == 0);
	render_free(d);
}

TEST(header)
{
	struct render_doc *d = render_blocks("one two three\n", 14, "The *title*",
					     "2024-05-01", "Example News");
	render_layout(d, 60);
	T_EQ_STR(line_text(d, 0), "The *title*");	/* the title is not markdown */
	T_EQ_INT(line_kind(d, 0), RB_TITLE);
	T_EQ_STR(line_text(d, 1), "2024-05-01 · Example News · 1 min read");
	T_EQ_INT(line_kind(d, 1), RB_META);
	T_EQ_INT(line_kind(d, 2), RB_RULE);
	T_EQ_INT(line_kind(d, 3), RB_BLANK);
	T_EQ_STR(line_text(d, 4), "one two three");
	size_t len;
	T_EQ_STR(render_plain_text(d, &len), "one two three");
	T_EQ_INT(render_word_count(d), 3);
	render_free(d);

	/* 401 words: 3 minutes rounded up; no date, no source. */
	struct buf md = BUF_INIT;
	for (int i = 0; i < 401; i++)
		buf_adds(&md, i % 50 == 49 ? "word\n\n" : "word ");
	d = render_blocks(md.data, md.len, "T", NULL, "");
	render_layout(d, 60);
	T_EQ_INT(render_word_count(d), 401);
	T_EQ_STR(line_text(d, 1), "undated · 3 min read");
	render_free(d);
	buf_free(&md);

	/* Empty body: header only, no trailing blank line. */
	d = render_blocks("", 0, "Only a title", "", NULL);
	T_EQ_INT(render_layout(d, 30), 3);
	T_EQ_STR(line_text(d, 1), "undated · 1 min read");
	T_EQ_INT(line_kind(d, 2), RB_RULE);
	render_free(d);
}

/* A body that opens with its title as a heading shows it once (issue
 * #15: every Wikinews article repeated it, underlined); its text stays in
 * the plain text, where offsets point. Another heading stays. */
TEST(title_heading_once)
{
	const char *md = "# Putin *e* Kim a Vostochny\n\nIl testo.\n";
	struct render_doc *d = render_blocks(md, strlen(md), "Putin e KIM a Vostochny",
					     "2023-09-14", NULL);
	render_layout(d, 60);
	T_EQ_STR(line_text(d, 0), "Putin e KIM a Vostochny");
	T_EQ_INT(line_kind(d, 2), RB_RULE);
	T_EQ_INT(line_kind(d, 3), RB_BLANK);
	T_EQ_STR(line_text(d, 4), "Il testo.");
	T_EQ_INT(render_line_count(d), 5);
	T_EQ_INT(find_line(d, "Putin e Kim a Vostochny"), -1);
	size_t len;
	T_EQ_STR(render_plain_text(d, &len), "Putin e Kim a Vostochny\n\nIl testo.");
	T_EQ_INT(render_line_of_plain(d, len - 2), 4);
	render_free(d);

	/* a heading that is not the title, or the title not first, stays */
	md = "## Il vertice\n\nTesto.\n\n# Titolo\n";
	d = render_blocks(md, strlen(md), "Titolo", NULL, NULL);
	render_layout(d, 60);
	T_OK(find_line(d, "Il vertice") == 4);
	size_t titles = 0;
	for (size_t i = 0; i < render_line_count(d); i++)
		titles += strcmp(line_text(d, i), "Titolo") == 0;
	T_EQ_INT(titles, 2);
	render_free(d);

	/* a title-only body keeps the header alone */
	md = "Titolo\n======\n";
	d = render_blocks(md, strlen(md), "Titolo", NULL, NULL);
	T_EQ_INT(render_layout(d, 60), 3);
	render_free(d);
}

/* The article's address under the meta line: whole for `filo show`,
 * shortened in the middle to the width for the pager, sanitised. */
TEST(header_url)
{
	static const char url[] = "https://www.example.com/news/2024/05/01/"
				  "a-long-name-for-the-page.html";
	struct render_doc *d = render_blocks("one two\n", 8, "T", "2024-05-01", NULL);
	render_add_url(d, url, RENDER_URL_FULL);
	render_layout(d, 40);
	T_EQ_INT(line_kind(d, 1), RB_META);
	T_EQ_STR(line_text(d, 2), "url: https://www.example.com/news/2024/05/01/"
				  "a-long-name-for-the-page.html");
	T_EQ_INT(line_kind(d, 2), RB_META);
	const struct render_line *l = render_line_at(d, 2);
	T_OK(l->nspans == 1 && l->spans[0].off == 5 && l->spans[0].len == strlen(url) &&
	     l->spans[0].flags == RF_LINK);
	T_EQ_INT(line_kind(d, 3), RB_RULE);
	T_EQ_STR(line_text(d, 5), "one two");
	T_EQ_INT(render_line_of_plain(d, 0), 0);
	size_t len;
	T_EQ_STR(render_plain_text(d, &len), "one two");	/* not body text */
	render_free(d);

	d = render_blocks("one two\n", 8, "T", "2024-05-01", NULL);
	render_add_url(d, url, RENDER_URL_FIT);
	for (size_t w = 8; w <= 90; w++) {
		render_layout(d, w);
		size_t i = 0;	/* the meta line above may wrap */
		while ((l = render_line_at(d, i)) && strncmp(l->text, "url", 3) != 0)
			i++;
		T_OK(l != NULL);
		if (!l)
			break;
		size_t cols = text_width(l->text, l->len);
		T_CHECK(cols == (w < 5 + strlen(url) ? w : 5 + strlen(url)),
			"width %zu: %zu columns: %s", w, cols, l->text);
		T_OK(l->nspans == 1 && l->spans[0].off + l->spans[0].len == l->len);
	}
	render_layout(d, 40);
	T_EQ_STR(line_text(d, 2), "url: https://www.ex…me-for-the-page.html");
	render_layout(d, 200);
	T_EQ_INT(find_line(d, "url: https://www.example.com/news/2024/05/01/"
			      "a-long-name-for-the-page.html"), 2);
	render_free(d);

	/* control characters never reach the terminal; nothing without a
	 * header or an address */
	d = render_blocks("x\n", 2, "T", NULL, NULL);
	render_add_url(d, "https://e.example/\x1b]52;c;AAAA\x07\n", RENDER_URL_FULL);
	render_layout(d, 80);
	T_EQ_STR(line_text(d, 2), "url: https://e.example/^[]52;c;AAAA^G ");
	render_free(d);
	d = render_blocks("x\n", 2, NULL, NULL, NULL);
	render_add_url(d, url, RENDER_URL_FULL);
	T_EQ_INT(render_layout(d, 80), 1);
	render_free(d);
	d = render_blocks("x\n", 2, "T", NULL, NULL);
	render_add_url(d, "", RENDER_URL_FULL);
	render_add_url(d, NULL, RENDER_URL_FIT);
	T_EQ_INT(render_layout(d, 80), 5);
	render_free(d);
}

TEST(empty_and_odd_input)
{
	struct render_doc *d = render_blocks(NULL, 0, NULL, NULL, NULL);
	T_EQ_INT(render_layout(d, 40), 0);
	size_t len = 99;
	T_EQ_STR(render_plain_text(d, &len), "");
	T_EQ_INT(len, 0);
	T_EQ_INT(render_word_count(d), 0);
	T_EQ_INT(render_line_of_plain(d, 5), 0);
	T_OK(render_line_at(d, 0) == NULL);
	render_free(d);

	const char *odd[] = {
		"---\ntitle: front matter\ndate: 2024\n---\n",
		"\n\n\n   \n",
		"<div>\n<script>alert(1)</script>\n</div>\n",
		"a\0b\xff\xfe c\xe2\x82 d\xc3",
		"[unclosed](http://x\n* * *\n>",
		"\r\n\r\nCRLF\r\nlines\r\n",
	};
	size_t lens[] = { 0, 0, 0, 12, 0, 0 };	/* the literal is 12 bytes */
	for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		size_t n = lens[i] ? lens[i] : strlen(odd[i]);
		d = render_blocks(odd[i], n, "t\x1b]52;c;AAAA\x07", "d\n", "s\t");
		render_layout(d, 8);
		check_lines(d, 8);
		render_layout(d, 3);	/* raised to 8 */
		check_lines(d, 8);
		render_free(d);
	}

	/* HTML shows as its source: inline as text, blocks as code lines. */
	d = lay("Hi <b>there</b>.\n\n<div>\nblock\n</div>\n", 40);
	T_EQ_STR(line_text(d, 0), "Hi <b>there</b>.");
	T_EQ_STR(line_text(d, 2), "    <div>");
	T_EQ_INT(line_kind(d, 2), RB_CODE);
	render_free(d);
}

TEST(sanitised)
{
	const char *md = "red \x1b[31mALERT\x1b[0m bell\x07 del\x7f c1\xc2\x9b end\n\n"
			 "```\ncode \x1b]0;title\x07\n```\n\n[l](http://x/\x1b[2J)\n";
	struct render_doc *d = render_blocks(md, strlen(md), "T\x1b[1m", NULL, NULL);
	render_layout(d, 80);
	check_lines(d, 80);
	T_OK(find_line(d, "T^[[1m") >= 0);
	long i = find_line(d, "red ^[[31mALERT^[[0m bell^G del^? c1\xef\xbf\xbd end");
	T_CHECK(i >= 0, "sanitised paragraph not found");
	T_OK(find_line(d, "    code ^[]0;title^G") >= 0);
	T_OK(render_link_url(d, 1) && strchr(render_link_url(d, 1), 0x1b) == NULL);
	size_t len;
	const char *plain = render_plain_text(d, &len);
	T_OK(memchr(plain, 0x1b, len) == NULL);
	/* Spans still point at the right bytes after the text grew. */
	render_free(d);
	d = lay("\x1b\x1b *emph*", 40);
	T_EQ_STR(line_text(d, 0), "^[^[ emph");
	T_EQ_INT(flags_at(d, 0, "emph"), RF_EMPH);
	const struct render_span *s = span_at(d, 0, 5);
	T_OK(s && s->off == 5 && s->len == 4);
	render_free(d);
}

/* Marks in cover[] every plain byte carried by a span with an entity (its
 * type and number), and counts pieces of "New York" that lost emphasis. */
static void collect_mentions(const struct render_doc *d, char *cover, size_t plen,
			     size_t *bad_flags)
{
	for (size_t i = 0; i < render_line_count(d); i++) {
		const struct render_line *l = render_line_at(d, i);
		if (l->block != RB_TEXT)
			continue;
		size_t base = render_plain_of_line(d, i), pre = render_line_prefix_len(l);
		for (uint32_t k = 0; k < l->nspans; k++) {
			const struct render_span *s = &l->spans[k];
			if (!s->ent)
				continue;
			for (size_t b = s->off; b < s->off + s->len; b++) {
				size_t p = base + b - pre;
				if (p < plen)
					cover[p] = (char)(s->ent * 16 + s->entity);
			}
			const char *t = l->text + s->off;
			if (strncmp(t, "York", 4) == 0 || strncmp(t, "New", 3) == 0)
				*bad_flags += !(s->flags & RF_EMPH);
		}
	}
}

TEST(mentions_rewrap)
{
	const char *md = "Yesterday the president of the Republic of Italy met the mayor of "
			 "*New York* City in the city of Rome.\n\n- Rome again\n";
	struct render_doc *d = render_blocks(md, strlen(md), "Title", "2024", "src");
	size_t plen;
	const char *plain = render_plain_text(d, &plen);
	const char *names[] = { "Republic of Italy", "New York City", "Rome again" };
	uint8_t ents[] = { RE_LOC, RE_LOC, RE_PER };
	struct render_mention m[4];
	for (int k = 0; k < 3; k++) {
		const char *p = strstr(plain, names[k]);
		T_OK(p != NULL);
		m[k] = (struct render_mention){ (size_t)(p - plain), strlen(names[k]), ents[k], k + 1 };
	}
	/* A range reaching over the block boundary is clipped to its block. */
	m[3] = (struct render_mention){ (size_t)(strstr(plain, "Rome.") - plain), 40, RE_ORG, 4 };
	render_add_mentions(d, m, 4);
	size_t widths[] = { 20, 37, 80, 20 };
	for (size_t w = 0; w < 4; w++) {
		render_layout(d, widths[w]);
		check_lines(d, widths[w]);
		char *cover = xcalloc(plen, 1);
		size_t bad_flags = 0;
		collect_mentions(d, cover, plen, &bad_flags);
		T_EQ_INT(bad_flags, 0);
		size_t missing = 0, stray = 0;
		for (size_t p = 0; p < plen; p++) {
			int want = 0;
			for (int k = 0; k < 4; k++) {
				size_t end = m[k].off + m[k].len;
				if (k == 3)
					end = m[k].off + strlen("Rome.");
				if (p >= m[k].off && p < end)
					want = m[k].ent * 16 + m[k].entity;
			}
			if (want && plain[p] != ' ' && cover[p] != want)
				missing++;
			if (!want && cover[p])
				stray++;
		}
		T_CHECK(missing == 0 && stray == 0, "width %zu: %zu bytes missing, %zu stray",
			widths[w], missing, stray);
		free(cover);
	}
	/* At 20 columns "New York City" is cut in two lines (so the check
	 * above did see a mention across a break). */
	render_layout(d, 20);
	long i = find_line(d, "met the mayor of New");
	T_CHECK(i >= 0, "expected wrap not found");
	if (i >= 0) {
		T_OK(strncmp(line_text(d, (size_t)i + 1), "York City", 9) == 0);
		const struct render_span *s = span_at(d, (size_t)i, strlen("met the mayor of "));
		T_OK(s && s->ent == RE_LOC && s->entity == 2 && (s->flags & RF_EMPH));
		s = span_at(d, (size_t)i + 1, strlen("York "));
		T_OK(s && s->ent == RE_LOC && s->entity == 2 && s->flags == 0);
	}
	render_free(d);
}

TEST(plain_line_round_trip)
{
	const char *md = "# Heading here\n\nA first paragraph long enough to wrap over a few "
			 "lines at this width.\n\n> quoted text that also wraps around\n\n---\n\n"
			 "- item one\n- item two that wraps here\n\n```\ncode\nlines\n```\n\n"
			 "Last [link](http://x.example/).\n";
	struct render_doc *d = render_blocks(md, strlen(md), "Title", "2024", "src");
	size_t plen;
	const char *plain = render_plain_text(d, &plen);
	size_t widths[] = { 8, 24, 31, 80 };
	for (size_t w = 0; w < 4; w++) {
		size_t n = render_layout(d, widths[w]), bad = 0, bad_off = 0;
		for (size_t i = 0; i < n; i++) {
			size_t p = render_plain_of_line(d, i), j = render_line_of_plain(d, p);
			bool first = i == 0 || render_plain_of_line(d, i - 1) != p;
			if (first ? j != i : (j > i || render_plain_of_line(d, j) != p))
				bad++;
		}
		/* Every plain byte maps to the line showing it (or the last line
		 * before it, for spaces dropped at a break and separators). */
		for (size_t o = 0; o < plen; o++) {
			size_t j = render_line_of_plain(d, o);
			const struct render_line *l = render_line_at(d, j);
			size_t start = render_plain_of_line(d, j);
			size_t shown = l->len - render_line_prefix_len(l);
			bool inside = o >= start && o < start + shown;
			if (!inside && plain[o] != ' ' && plain[o] != '\n')
				bad_off++;
		}
		T_CHECK(bad == 0, "width %zu: %zu lines do not round-trip", widths[w], bad);
		T_CHECK(bad_off == 0, "width %zu: %zu offsets on a wrong line", widths[w], bad_off);
	}
	T_EQ_INT(render_line_of_plain(d, 0), 0);	/* the top stays the top */
	T_EQ_INT(render_plain_of_line(d, 999999), plen);
	render_free(d);
}

TEST(deep_nesting)
{
	struct buf md = BUF_INIT;
	for (int i = 0; i < 10000; i++)
		buf_adds(&md, "> ");
	buf_adds(&md, "deep text at the bottom of many quotes\n");
	struct render_doc *d = render_blocks(md.data, md.len, NULL, NULL, NULL);
	size_t widths[] = { 8, 40, 80 };
	for (size_t w = 0; w < 3; w++) {
		size_t n = render_layout(d, widths[w]);
		T_OK(n >= 1);
		check_lines(d, widths[w]);
		const struct render_line *l = render_line_at(d, 0);
		T_OK(l && l->indent <= widths[w] / 2 && l->block == RB_QUOTE);
	}
	T_OK(strstr(line_text(d, 0), "deep") != NULL);
	render_free(d);

	/* Nested list items of both kinds, and quotes mixed with items. */
	const char *units[] = { "- ", "1. ", "> - " };
	for (size_t u = 0; u < 3; u++) {
		buf_reset(&md);
		for (int i = 0; i < 10000; i++)
			buf_adds(&md, units[u]);
		buf_adds(&md, "leaf\n");
		d = render_blocks(md.data, md.len, NULL, NULL, NULL);
		render_layout(d, 30);
		check_lines(d, 30);
		T_OK(render_line_count(d) >= 1);
		render_free(d);
	}
	buf_free(&md);
}

TEST(cjk_emoji_narrow)
{
	const char *para = "日本語のテキストと絵文字👍🏽👨‍👩‍👧🇮🇹を含む段落です。Città e\xcc\x81 perché.";
	struct render_doc *d = lay(para, 10);
	check_lines(d, 10);
	size_t plen;
	const char *plain = render_plain_text(d, &plen);
	T_EQ_STR(plain, para);
	/* Lines are the paragraph in order; only spaces fall between them. */
	size_t at = 0, bad = 0;
	for (size_t i = 0; i < render_line_count(d); i++) {
		const struct render_line *l = render_line_at(d, i);
		size_t start = render_plain_of_line(d, i);
		while (at < start && plain[at] == ' ')
			at++;
		if (start != at || memcmp(plain + start, l->text, l->len) != 0)
			bad++;
		at = start + l->len;
	}
	T_EQ_INT(bad, 0);
	T_EQ_INT(at, plen);
	T_OK(render_line_count(d) >= 6);
	/* No line starts inside a cluster: never with a combining mark, ZWJ or
	 * skin tone. */
	for (size_t i = 0; i < render_line_count(d); i++) {
		const char *t = line_text(d, i);
		T_OK(strncmp(t, "\xcc\x81", 2) != 0 && strncmp(t, "\xe2\x80\x8d", 3) != 0 &&
		     strncmp(t, "\xf0\x9f\x8f\xbd", 4) != 0);
	}
	render_free(d);
}

TEST(width_everywhere)
{
	const char *md = "# A heading that is rather long for narrow screens\n\n"
			 "> - quoted item with `code span` and **strong text** inside\n"
			 ">   1. nested ordered item in a quote\n\n"
			 "Supercalifragilisticexpialidocious_without_any_break_opportunity\n\n"
			 "    indented code line that is longer than the narrow widths\n\n"
			 "[a link](http://example.org/some/long/path) 中文字符测试文本。\n";
	struct render_doc *d = render_blocks(md, strlen(md), "A long title for a narrow screen",
					     "2024-01-01", "Source");
	for (size_t w = 8; w <= 100; w++) {
		render_layout(d, w);
		check_lines(d, w);
	}
	render_free(d);
}

TEST(big_paragraph)
{
	/* 4 MB on one line: must stay linear (a quadratic step would hang). */
	struct buf md = BUF_INIT;
	while (md.len < (4u << 20))
		buf_adds(&md, "parola *parola* città ");
	clock_t t0 = clock();
	struct render_doc *d = render_blocks(md.data, md.len, NULL, NULL, NULL);
	size_t n = render_layout(d, 80);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	T_OK(n > 40000);
	T_EQ_INT(render_word_count(d), 3 * (md.len / strlen("parola *parola* città ")));
	printf("4 MB paragraph: %zu lines in %.2f s\n", n, secs);
	render_free(d);
	buf_free(&md);
}

static size_t cost_of(const char *unit, size_t n)
{
	struct buf md = BUF_INIT;
	for (size_t i = 0; i < n; i++)
		buf_adds(&md, unit);
	size_t c = render_markdown_cost(md.data, md.len);
	buf_free(&md);
	return c;
}

/* Bodies libcmark 0.30 takes quadratic time on (image openers left open,
 * then links: `![[]()` repeated took a minute for 400 KB) are laid out as
 * plain text; ordinary Markdown never is. */
TEST(too_complex_for_markdown)
{
	size_t c1 = cost_of("![[]()", 1000), c2 = cost_of("![[]()", 2000);
	T_OK(c1 > 0 && c2 >= 3 * c1);	/* the estimate grows as cmark's work */
	T_OK(cost_of("![[]()", 70000) > RENDER_COST_MAX);	/* 400 KB */
	T_OK(cost_of("![", 5000) == 0);
	T_OK(cost_of("\\![[]()", 70000) == 0);	/* escaped: no image opener */
	T_OK(cost_of("![x\n\n[]()", 70000) == 0);	/* one paragraph each */
	T_OK(cost_of("![a](b.png) [c](http://d) **e** _f_ `g` [h] ", 20000) < 1000);
	struct buf md = BUF_INIT;
	for (int i = 0; i < 20000; i++)
		buf_adds(&md, "![");
	for (int i = 0; i < 20000; i++)
		buf_adds(&md, "[a](b) ");
	buf_adds(&md, "\n\nLast words\n  here.\n");
	struct render_doc *d = render_blocks(md.data, md.len, "T", NULL, NULL);
	T_OK(render_as_text(d));
	size_t plen;
	const char *plain = render_plain_text(d, &plen);
	T_OK(strncmp(plain, "![![![", 6) == 0 && strstr(plain, "[a](b) [a](b)"));
	T_OK(plen > 2 && strcmp(plain + plen - strlen("Last words here."), "Last words here.") == 0);
	render_layout(d, 40);
	check_lines(d, 40);
	T_OK(find_line(d, "Last words here.") > 0);
	render_free(d);
	d = lay("Ordinary ![image](a.png) and [a link](b).", 80);
	T_OK(!render_as_text(d));
	render_free(d);
	buf_free(&md);
	d = render_text_blocks(" a\n  b \n\n\n c *d*\n \n", 16, NULL, NULL, NULL);
	render_layout(d, 40);
	T_EQ_STR(line_text(d, 0), "a b");
	T_EQ_INT(line_kind(d, 1), RB_BLANK);
	T_EQ_STR(line_text(d, 2), "c *d*");
	T_EQ_INT(render_line_count(d), 3);
	render_free(d);
}

/* ---- golden files ---- */

/* Leading lines "<!-- key: value -->" set the width and the header. */
static const char *golden_options(const char *md, size_t *width, char *title,
				  char *date, char *source)
{
	char key[16], val[200];
	while (strncmp(md, "<!-- ", 5) == 0 &&
	       sscanf(md, "<!-- %15[a-z]: %199[^\n]", key, val) == 2) {
		char *end = strstr(val, " -->");
		if (end)
			*end = '\0';
		if (strcmp(key, "width") == 0)
			*width = (size_t)atoi(val);
		else if (strcmp(key, "title") == 0)
			strcpy(title, val);
		else if (strcmp(key, "date") == 0)
			strcpy(date, val);
		else if (strcmp(key, "source") == 0)
			strcpy(source, val);
		const char *nl = strchr(md, '\n');
		md = nl ? nl + 1 : md + strlen(md);
	}
	return md;
}

static char *golden_render(const char *md, size_t len, size_t *outlen)
{
	size_t width = 60;
	char title[200] = "", date[200] = "", source[200] = "";
	const char *body = golden_options(md, &width, title, date, source);
	struct render_doc *d = render_blocks(body, len - (size_t)(body - md),
					     *title ? title : NULL, date, source);
	render_layout(d, width);
	check_lines(d, width < 8 ? 8 : width);
	struct buf out = BUF_INIT;
	FILE *f = tmpfile();
	if (f) {
		render_dump(d, f);
		rewind(f);
		char tmp[65536];
		size_t n;
		while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
			buf_add(&out, tmp, n);
		fclose(f);
	}
	render_free(d);
	return buf_detach(&out, outlen);
}

static void golden_compare(const char *name, const char *got, size_t glen,
			   const char *want, size_t wlen)
{
	size_t line = 1, i = 0;
	while (i < glen && i < wlen && got[i] == want[i])
		line += got[i++] == '\n';
	bool same = glen == wlen && i == glen;
	if (!same) {
		size_t gs = i, ws = i;
		while (gs > 0 && got[gs - 1] != '\n')
			gs--;
		ws = gs;
		const char *ge = memchr(got + gs, '\n', glen - gs);
		const char *we = memchr(want + ws, '\n', wlen - ws);
		fprintf(stderr, "golden %s: first difference at line %zu\n-%.*s\n+%.*s\n",
			name, line, (int)((we ? we : want + wlen) - (want + ws)), want + ws,
			(int)((ge ? ge : got + glen) - (got + gs)), got + gs);
	}
	T_CHECK(same, "%s differs from its .out (make golden to review)", name);
}

static void golden_one(const char *dir, const char *name, bool update)
{
	char path[1024], out[1024];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(out, sizeof out, "%.*s.out", (int)strlen(path) - 3, path);
	size_t len, glen, wlen;
	char *md = t_read_file(path, &len);
	T_CHECK(md != NULL, "cannot read %s", path);
	if (!md)
		return;
	char *got = golden_render(md, len, &glen);
	if (update) {
		FILE *f = fopen(out, "wb");
		T_CHECK(f && fwrite(got, 1, glen, f) == glen && fclose(f) == 0,
			"cannot write %s", out);
		printf("wrote %s: review it before committing\n", out);
	} else {
		char *want = t_read_file(out, &wlen);
		T_CHECK(want != NULL, "cannot read %s (make golden creates it)", out);
		if (want)
			golden_compare(path, got, glen, want, wlen);
		free(want);
	}
	free(got);
	free(md);
}

TEST(golden)
{
	const char *dir = "tests/golden";
	bool update = getenv("FILO_GOLDEN_UPDATE") && *getenv("FILO_GOLDEN_UPDATE");
	DIR *dp = opendir(dir);
	T_CHECK(dp != NULL, "cannot open %s (run from the repository root)", dir);
	if (!dp)
		return;
	size_t count = 0;
	struct dirent *e;
	while ((e = readdir(dp)) != NULL) {
		size_t n = strlen(e->d_name);
		if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0) {
			golden_one(dir, e->d_name, update);
			count++;
		}
	}
	closedir(dp);
	T_CHECK(count >= 2, "only %zu golden files in %s", count, dir);
}

T_MAIN(RUN(headings); RUN(emphasis_nested); RUN(code_span); RUN(code_block);
       RUN(block_quote_nested); RUN(lists); RUN(links); RUN(many_links); RUN(image);
       RUN(rule_and_breaks); RUN(header); RUN(title_heading_once); RUN(header_url);
       RUN(empty_and_odd_input);
       RUN(sanitised); RUN(mentions_rewrap); RUN(plain_line_round_trip);
       RUN(deep_nesting); RUN(cjk_emoji_narrow); RUN(width_everywhere);
       RUN(big_paragraph); RUN(too_complex_for_markdown); RUN(golden))
