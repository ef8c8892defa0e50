#ifndef CORPGRAPH_CCAIRO_SHIM_H
#define CORPGRAPH_CCAIRO_SHIM_H
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <pango/pangocairo.h>

/// PANGO_SCALE is a macro Swift imports, but as a plain number keep one name for it.
static inline int corpgraph_pango_scale(void) { return PANGO_SCALE; }
#endif
