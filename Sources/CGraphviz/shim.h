#ifndef CORPGRAPH_CGRAPHVIZ_SHIM_H
#define CORPGRAPH_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>

/// The lowest rank of a graph after a `dot` layout (`GD_minrank`, a macro Swift cannot call). Graphviz 2.42 moves it
/// to -1 when a labelled flat edge touches rank 0 ("abomination" in flat.c); freeing that layout with `gvFreeLayout`
/// then frees the old rank array twice and aborts the process.
static inline int corpgraph_dot_minrank(Agraph_t *g) { return GD_minrank(g); }

/// Flushes the DOT lexer's buffer (exported by libcgraph, declared only in its private header). `agmemread` stops
/// after the first graph and leaves the rest of the text buffered, so the next read would start with it: a trailing
/// newline shifts line numbers in error messages, and a second graph in one text would be read by the next call.
void aglexbad(void);

/// The bounding box of a laid-out graph in points (`GD_bb`, a macro Swift cannot call).
static inline void corpgraph_graph_bb(Agraph_t *g, double *llx, double *lly, double *urx, double *ury) {
    boxf bb = GD_bb(g);
    *llx = bb.LL.x; *lly = bb.LL.y; *urx = bb.UR.x; *ury = bb.UR.y;
}
#endif
