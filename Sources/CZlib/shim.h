#ifndef CORPGRAPH_CZLIB_SHIM_H
#define CORPGRAPH_CZLIB_SHIM_H
#include <stddef.h>
#include <zlib.h>

/// `inflateInit2` is a macro (it passes the library version and the stream size), which Swift cannot call.
/// `windowBits`: 15 + 32 reads gzip or zlib streams (detected from the header), -15 raw deflate (zip entries).
static inline int corpgraph_inflate_init(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

/// glibc's `memmem` (a GNU extension the Glibc module does not expose), for finding the few JSON lines that
/// hold a key without scanning every line: beside zlib, the other C the input layer needs.
static inline void *corpgraph_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    extern void *memmem(const void *, size_t, const void *, size_t);
    return memmem(haystack, haystack_length, needle, needle_length);
}
#endif
