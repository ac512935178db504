/* blob.h: little records of fixed-size numbers and C strings, the format
 * of the index cache's BLOB columns: integers little-endian, doubles as
 * their IEEE bits, strings NUL-terminated. Reading never runs past the
 * end: a damaged blob only marks its reader bad. No curses here. */
#ifndef FILO_BLOB_H
#define FILO_BLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "buf.h"

void blob_put_u8(struct buf *b, unsigned v);
void blob_put_u32(struct buf *b, uint32_t v);
void blob_put_u64(struct buf *b, uint64_t v);
void blob_put_f64(struct buf *b, double v);
void blob_put_str(struct buf *b, const char *s);

struct blob_reader {
	const unsigned char *p;
	size_t len, pos;
	bool bad;	/* ran past the end: the blob is damaged */
};

/* A reader of p[0..len) (p may be NULL when len is 0). */
struct blob_reader blob_reader(const void *p, size_t len);
/* Is there more to read (and nothing went wrong)? */
bool blob_more(const struct blob_reader *r);

/* Each gives 0 (or "") once the reader is bad. Strings point into the
 * blob. */
unsigned blob_u8(struct blob_reader *r);
uint32_t blob_u32(struct blob_reader *r);
uint64_t blob_u64(struct blob_reader *r);
double blob_f64(struct blob_reader *r);
const char *blob_str(struct blob_reader *r);

#endif
