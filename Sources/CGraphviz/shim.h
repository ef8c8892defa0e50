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
#include <stdlib.h>
#include <string.h>

/// Object ids for named graphs, nodes and edges in order of first appearance, instead of cgraph's default (the address
/// of the interned name). cgraph orders subgraphs by id, and Graphviz emits clusters in that order: with addresses the
/// order of clusters in SVG/PNG/PDF changed from one run to the next (heap layout), so the same DOT gave different
/// bytes. Anonymous objects keep odd ids from a counter, as the default does.
typedef struct {
    Agraph_t *graph;
    char **names;      /* id / 2 - 1 → interned name */
    size_t count, capacity;
    size_t *slots;     /* open addressing: interned name pointer → index + 1 */
    size_t slotCount;
    IDTYPE anonymous;
} corpgraph_idstate;

static inline size_t corpgraph_idhash(const char *p, size_t n) { return ((uintptr_t)p >> 4) * 11400714819323198485ull & (n - 1); }

static inline void corpgraph_idgrow(corpgraph_idstate *s) {
    size_t n = s->slotCount ? s->slotCount * 2 : 256;
    size_t *slots = calloc(n, sizeof(size_t));
    if (!slots) return;
    for (size_t i = 0; i < s->count; i++) {
        size_t h = corpgraph_idhash(s->names[i], n);
        while (slots[h]) h = (h + 1) & (n - 1);
        slots[h] = i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->slotCount = n;
}

static inline void *corpgraph_idopen(Agraph_t *g, Agdisc_t *disc) {
    (void)disc;
    corpgraph_idstate *s = calloc(1, sizeof(corpgraph_idstate));
    if (s) { s->graph = g; s->anonymous = 1; }
    return s;
}

static inline long corpgraph_idmap(void *state, int objtype, char *str, IDTYPE *id, int createflag) {
    (void)objtype;
    corpgraph_idstate *s = state;
    if (!str) { *id = s->anonymous; s->anonymous += 2; return 1; }
    char *name = createflag ? agstrdup(s->graph, str) : agstrbind(s->graph, str);
    if (!name) return 0;
    if (s->slotCount) {
        size_t h = corpgraph_idhash(name, s->slotCount);
        while (s->slots[h]) {
            size_t i = s->slots[h] - 1;
            if (s->names[i] == name) {
                if (createflag) agstrfree(s->graph, name);  /* one reference per name is enough */
                *id = (IDTYPE)(i + 1) * 2;
                return 1;
            }
            h = (h + 1) & (s->slotCount - 1);
        }
    }
    if (!createflag) return 0;
    if (s->count == s->capacity) {
        size_t c = s->capacity ? s->capacity * 2 : 128;
        char **names = realloc(s->names, c * sizeof(char *));
        if (!names) return 0;
        s->names = names;
        s->capacity = c;
    }
    if ((s->count + 1) * 2 > s->slotCount) corpgraph_idgrow(s);
    if (!s->slots) return 0;
    s->names[s->count] = name;
    size_t h = corpgraph_idhash(name, s->slotCount);
    while (s->slots[h]) h = (h + 1) & (s->slotCount - 1);
    s->slots[h] = ++s->count;
    *id = (IDTYPE)s->count * 2;
    return 1;
}

static inline long corpgraph_idalloc(void *state, int objtype, IDTYPE request) {
    (void)state; (void)objtype; (void)request;
    return 0;  /* ids are only ever given by map */
}

static inline void corpgraph_idfree(void *state, int objtype, IDTYPE id) {
    (void)state; (void)objtype; (void)id;  /* names are freed with the graph's string dictionary */
}

static inline char *corpgraph_idprint(void *state, int objtype, IDTYPE id) {
    (void)objtype;
    corpgraph_idstate *s = state;
    if (id % 2 != 0 || id == 0) return NULL;
    size_t i = (size_t)(id / 2) - 1;
    return i < s->count ? s->names[i] : NULL;
}

static inline void corpgraph_idclose(void *state) {
    corpgraph_idstate *s = state;
    free(s->names);
    free(s->slots);
    free(s);
}

static inline void corpgraph_idregister(void *state, int objtype, void *obj) { (void)state; (void)objtype; (void)obj; }

typedef struct { const char *data; size_t length; size_t position; } corpgraph_memreader;

static inline int corpgraph_memread_chunk(void *chan, char *buf, int bufsize) {
    corpgraph_memreader *r = chan;
    if (bufsize <= 0 || r->position >= r->length) return 0;
    int n = 0;
    char c;
    do {
        c = r->data[r->position++];
        buf[n++] = c;
    } while (c != '\n' && n < bufsize && r->position < r->length);
    return n;
}

/// `agmemread` with the id discipline above.
static inline Agraph_t *corpgraph_memread(const char *text) {
    static Agiddisc_t ids = { corpgraph_idopen, corpgraph_idmap, corpgraph_idalloc, corpgraph_idfree,
                              corpgraph_idprint, corpgraph_idclose, corpgraph_idregister };
    static Agiodisc_t io;
    io.afread = corpgraph_memread_chunk;
    io.putstr = AgIoDisc.putstr;
    io.flush = AgIoDisc.flush;
    Agdisc_t disc = { &AgMemDisc, &ids, &io };
    corpgraph_memreader reader = { text, strlen(text), 0 };
    return agread(&reader, &disc);
}
#endif
