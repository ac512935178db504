/* Fuzz target: Markdown to styled lines: blocks, fuzzed entity mentions,
 * layouts at a few widths, and the line contracts of render.h checked.
 * Input: byte 0 picks widths and the header, byte 1 the number of
 * mentions (4 bytes each: offset 2, length 1, type 1) in its low four
 * bits and, in bit 4, the plain-text layout of bodies too complex for
 * Markdown (render_text_blocks) instead of render_blocks; the rest is the
 * body; with the header, its first line is also the article's address
 * (shortened to the width). The pre-scan's estimate
 * (render_markdown_cost) runs on every input. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "render.h"
#include "text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every line: UTF-8 without controls, within the width, spans in order
 * and inside the text; plain offsets and lines map back consistently. */
static void render_fuzz_check(const struct render_doc *doc, size_t width)
{
	size_t n = render_line_count(doc), prev_plain = 0;
	width = width < 8 ? 8 : width > 4096 ? 4096 : width;
	for (size_t i = 0; i < n; i++) {
		const struct render_line *l = render_line_at(doc, i);
		if (!text_valid_utf8(l->text, l->len, NULL) || strlen(l->text) != l->len)
			abort();
		for (size_t k = 0; k < l->len; k++) {
			unsigned char c = (unsigned char)l->text[k];
			if (c < 0x20 || c == 0x7f)
				abort();
		}
		if (text_width(l->text, l->len) > width)
			abort();
		uint32_t end = 0;
		for (uint32_t s = 0; s < l->nspans; s++) {
			const struct render_span *sp = &l->spans[s];
			if (sp->off < end || sp->off + (uint64_t)sp->len > l->len)
				abort();
			end = sp->off + sp->len;
		}
		if (render_line_prefix_len(l) > l->len)
			abort();
		size_t plain = render_plain_of_line(doc, i);
		if (plain < prev_plain || render_line_of_plain(doc, plain) > i)
			abort();
		prev_plain = plain;
	}
	for (size_t k = 1; k <= render_link_count(doc); k++)
		if (!render_link_url(doc, k))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	unsigned mode = data[0];
	size_t nm = data[1] & 15, at = 2;
	if (size < at + nm * 4)
		nm = (size - at) / 4;
	struct render_mention m[15];
	for (size_t i = 0; i < nm; i++, at += 4) {
		m[i].off = (size_t)data[at] << 8 | data[at + 1];
		m[i].len = data[at + 2];
		m[i].ent = (uint8_t)(data[at + 3] % 5);
		m[i].entity = (int32_t)i - 1;
	}
	const char *md = (const char *)data + at;
	size_t len = size - at;
	bool header = mode & 1, as_text = data[1] & 16;
	size_t cost = render_markdown_cost(md, len);
	struct render_doc *doc = (as_text ? render_text_blocks : render_blocks)(md, len,
		header ? "A title" : NULL, header ? "2023-09-01" : NULL,
		header ? "Source" : NULL);
	if (!doc)
		return 0;
	if (render_as_text(doc) != (as_text || cost > RENDER_COST_MAX))
		abort();
	size_t plen;
	const char *plain = render_plain_text(doc, &plen);
	if (!plain || strlen(plain) != plen)
		abort();
	render_add_mentions(doc, m, nm);
	if (header) {
		const char *nl = memchr(md, '\n', len);
		size_t ulen = nl ? (size_t)(nl - md) : len;
		char *url = malloc(ulen + 1);
		memcpy(url, md, ulen);
		url[ulen] = '\0';
		render_add_url(doc, url, RENDER_URL_FIT);
		free(url);
	}
	(void)render_word_count(doc);
	static const size_t widths[] = { 0, 8, 13, 20, 37, 80, 5000 };
	for (int w = 0; w < 3; w++) {
		size_t width = widths[(mode >> (1 + 2 * w)) % 7];	/* shifts 1, 3, 5 */
		render_layout(doc, width);
		render_fuzz_check(doc, width);
	}
	render_free(doc);
	return 0;
}
