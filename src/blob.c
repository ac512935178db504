/* blob.c: the byte records of the index cache (see blob.h). */
#include <string.h>
#include "blob.h"

static void put_le(struct buf *b, uint64_t v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		buf_addc(b, (char)(v >> (8 * i) & 0xff));
}

void blob_put_u8(struct buf *b, unsigned v)
{
	put_le(b, v, 1);
}

void blob_put_u32(struct buf *b, uint32_t v)
{
	put_le(b, v, 4);
}

void blob_put_u64(struct buf *b, uint64_t v)
{
	put_le(b, v, 8);
}

void blob_put_f64(struct buf *b, double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	put_le(b, u, 8);
}

void blob_put_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s) + 1);
}

struct blob_reader blob_reader(const void *p, size_t len)
{
	return (struct blob_reader){ p, p ? len : 0, 0, false };
}

bool blob_more(const struct blob_reader *r)
{
	return !r->bad && r->pos < r->len;
}

static bool blob_need(struct blob_reader *r, size_t n)
{
	if (r->bad || r->len - r->pos < n)
		r->bad = true;
	return !r->bad;
}

static uint64_t get_le(struct blob_reader *r, int bytes)
{
	uint64_t v = 0;
	if (!blob_need(r, (size_t)bytes))
		return 0;
	for (int i = 0; i < bytes; i++)
		v |= (uint64_t)r->p[r->pos++] << (8 * i);
	return v;
}

unsigned blob_u8(struct blob_reader *r)
{
	return (unsigned)get_le(r, 1);
}

uint32_t blob_u32(struct blob_reader *r)
{
	return (uint32_t)get_le(r, 4);
}

uint64_t blob_u64(struct blob_reader *r)
{
	return get_le(r, 8);
}

double blob_f64(struct blob_reader *r)
{
	uint64_t u = get_le(r, 8);
	double v;
	memcpy(&v, &u, sizeof v);
	return v;
}

const char *blob_str(struct blob_reader *r)
{
	if (r->bad || r->pos >= r->len)
		return r->bad = true, "";
	const unsigned char *end = memchr(r->p + r->pos, '\0', r->len - r->pos);
	if (!end)
		return r->bad = true, "";
	const char *s = (const char *)r->p + r->pos;
	r->pos = (size_t)(end - r->p) + 1;
	return s;
}
