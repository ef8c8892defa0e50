#ifndef CORPGRAPH_CGRAPHVIZ_SHIM_H
#define CORPGRAPH_CGRAPHVIZ_SHIM_H
#include <graphviz/gvc.h>
#include <graphviz/cgraph.h>
#endif
