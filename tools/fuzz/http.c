/* Fuzz target: response header lines (split at LF, as libcurl hands them
 * over). Whatever the server sends, each value kept must be printable
 * ASCII (no CR, LF or other control: validators are sent back in a request
 * header), within its cap, and the byte count must never pass the cap. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool http_fuzz_printable(const char *s, bool blanks, size_t max)
{
	if (!s)
		return true;
	size_t n = strlen(s);
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e ||
		    (s[i] == ' ' && !blanks))
			return false;
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_meta m;
	http_meta_init(&m);
	const char *s = (const char *)data, *end = s + size;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl ? (size_t)(nl - s) + 1 : (size_t)(end - s);
		size_t before = m.bytes;
		int r = http_meta_line(&m, s, n);
		if ((r == 0 && m.bytes != before + n) || (r < 0 && m.bytes != before) ||
		    m.bytes > HTTP_HEADERS_MAX)
			abort();
		s += n;
	}
	if (!http_fuzz_printable(m.etag, false, HTTP_VALIDATOR_MAX) ||
	    !http_fuzz_printable(m.last_modified, true, HTTP_VALIDATOR_MAX) ||
	    !http_fuzz_printable(m.media_type, false, 127) ||
	    !http_fuzz_printable(m.charset, false, 40) ||
	    !http_fuzz_printable(m.location, false, 8192))
		abort();
	if ((m.status && (m.status < 100 || m.status > 999)) || (m.responses && !m.first_status))
		abort();
	for (const char *p = m.media_type; p && *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			abort();
	http_meta_free(&m);
	return 0;
}
