#ifndef CORPGRAPH_CZLIB_SHIM_H
#define CORPGRAPH_CZLIB_SHIM_H
#include <zlib.h>

/// `inflateInit2` is a macro (it passes the library version and the stream size), which Swift cannot call.
/// `windowBits`: 15 + 32 reads gzip or zlib streams (detected from the header), -15 raw deflate (zip entries).
static inline int corpgraph_inflate_init(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
