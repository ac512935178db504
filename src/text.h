/* text.h: all Unicode handling of filo, through libunistring: display width,
 * grapheme clusters, line breaking, case/accent folding and sanitising.
 * Every function takes UTF-8 with an explicit length and tolerates invalid
 * input (an invalid byte counts as one U+FFFD of width 1). No curses here. */
#ifndef FILO_TEXT_H
#define FILO_TEXT_H

#include <stddef.h>
#include <stdbool.h>

/* True when s[0..n) is valid UTF-8 with no NUL; on false, *bad (if not NULL)
 * gets the byte offset of the first invalid sequence. */
bool text_valid_utf8(const char *s, size_t n, size_t *bad);

/* Byte length of the grapheme cluster starting at s (1..n; 0 when n == 0).
 * An invalid byte is a cluster of its own. */
size_t text_grapheme_len(const char *s, size_t n);

/* Display columns of one grapheme cluster: 0, 1 or 2. East Asian wide and
 * emoji presentation (including ZWJ sequences, VS16 and flag pairs) count 2;
 * a lone combining mark counts as 1 (it is drawn on a space by the caller);
 * a control character counts 0 (text is sanitised before display). */
int text_grapheme_width(const char *s, size_t n);

/* Display columns of the whole string, summed per grapheme cluster. */
size_t text_width(const char *s, size_t n);

/* Longest prefix of s that fits in cols columns without splitting a grapheme
 * cluster; returns its byte length and stores its width in *used if not NULL. */
size_t text_fit(const char *s, size_t n, size_t cols, size_t *used);

/* Fits s into exactly cols columns: truncated with "…" when too long (never
 * splitting a cluster; the ellipsis counts in cols), then padded with spaces
 * (also where a wide cluster would overflow by one column). Writes to out (a
 * struct buf pointer is avoided here to keep the header free of buf.h: out
 * must hold n + cols + 4 bytes). Returns the bytes written (no NUL added).
 * Bytes are copied as they are: pass sanitised text. */
size_t text_pad(char *out, const char *s, size_t n, size_t cols);

/* Copy of s safe to send to a terminal, always valid UTF-8: C0 controls and
 * DEL become caret notation (ESC "^[", NUL "^@", CR "^M", DEL "^?"), so ESC
 * sequences and OSC 52 clipboard writes are shown, not obeyed. C1 controls
 * (CSI U+009B...), bidi embeddings/overrides/isolates (U+202A..U+202E,
 * U+2066..U+2069) and each invalid byte become U+FFFD. TAB always becomes
 * four spaces. LF stays only if keep_newlines (then CR LF becomes LF too),
 * else it is "^J". Returns a malloc'd NUL-terminated string; *outlen gets
 * its length. */
char *text_sanitize(const char *s, size_t n, bool keep_newlines, size_t *outlen);

/* Folding for matching: NFKD, case fold, combining marks removed, so that
 * "Città" "CITTA" "citta" fold alike; dashes and hyphens (Pd, U+2212) become
 * '-', typographic apostrophes (U+2018 U+2019 U+201B U+02BC) become '\'',
 * invisible format characters (soft hyphen, ZWJ...) are dropped, an invalid
 * byte becomes U+FFFD.
 * Result malloc'd, NUL-terminated; *outlen its length. If map is not NULL it
 * receives a malloc'd array of (*outlen + 1) offsets: map[i] is the byte
 * offset in s of the character that produced folded byte i (map[*outlen] == n),
 * so a match in folded text can be highlighted in the original. */
char *text_fold(const char *s, size_t n, size_t *outlen, size_t **map);

/* Finds needle (already folded) in folded haystack text at or after byte
 * from; returns the offset or (size_t)-1. Plain substring search; an empty
 * needle is found at from. */
size_t text_find(const char *hay, size_t hay_len, const char *needle,
		 size_t needle_len, size_t from);

/* Is the code point at s a word character (letter, digit, mark)? Used for
 * word boundaries in search and entity recognition. *len gets the byte
 * length of the character. */
bool text_is_word_char(const char *s, size_t n, size_t *len);
/* Is the character at s of a script written without spaces between words
 * that search cuts into single characters: Han ideographs, kana, hangul
 * syllables? *len gets its byte length (1 for an invalid byte). */
bool text_is_cjk(const char *s, size_t n, size_t *len);
/* The value of an ASCII hexadecimal digit (either case), or -1. */
int text_hex_digit(int c);

/* Line breaking. Fills breaks[] (caller allocates n + 1 entries) with
 * libunistring's break opportunities for s: breaks[i] is TEXT_BREAK_ALLOWED
 * when a line may start at byte i, _MANDATORY when byte i follows a newline
 * (LF, CR LF, CR, VT, FF, NEL, LS, PS; so breaks[n] is _MANDATORY when s ends
 * with one), else TEXT_BREAK_NO; breaks[0] is always _NO. */
enum { TEXT_BREAK_NO = 0, TEXT_BREAK_ALLOWED = 1, TEXT_BREAK_MANDATORY = 2 };
void text_break_opportunities(const char *s, size_t n, char *breaks);

/* Wraps s to lines of at most width columns (width >= 1), breaking at Unicode
 * line break opportunities, splitting a too-long word at a grapheme boundary,
 * honouring mandatory breaks. Spaces and the newline at a break are dropped
 * from the line end. Each line i is s[start[i] .. start[i] + len[i]). Returns
 * the number of lines (at least 1) and sets *start and *len to malloc'd
 * arrays (caller frees). first_width is the width of the first line (for
 * hanging indents), width that of the following ones. A cluster wider than
 * the line gets a line of its own; a final newline adds no empty line
 * ("a\n" is one line, "a\n\nb" three); spaces opening a line after a
 * newline are kept as indentation unless they alone overflow it. */
size_t text_wrap(const char *s, size_t n, size_t first_width, size_t width,
		 size_t **start, size_t **len);

/* Editing a line of input (the prompts): the UTF-8 of code point cp into
 * out (room for 4 bytes), returning its length, or 0 (nothing written) for
 * a surrogate or a value beyond U+10FFFF; and the byte length of the last
 * grapheme cluster of s, which one Backspace deletes whole ("e" with a
 * combining accent, a flag, a ZWJ family), 0 when n == 0. */
size_t text_encode_char(unsigned long cp, char *out);
size_t text_last_grapheme_len(const char *s, size_t n);

#endif
