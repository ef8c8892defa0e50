import CorpGraph
import Foundation

// Benchmark tasks T4 (ofac50) and T5 (ubo) of shared/bench/README.md, timed on the library's public API that the CLI
// calls: T4 is `SanctionsAnalysis` (what `corpgraph blocked --regime ofac` runs), T5 is
// `LookThroughOwnership.holdings` over a `LookThroughIndex` (what `corpgraph ownership --all-holders` runs).
//
// The bench data meets the library's rules where T4's definition is simpler: its designations are undated, its
// `owns` relationships are undated with exact shares, one per pair, and only companies are owned. T4 counts every
// list, so the analysis gets every list code of the graph (`blocked --regime ofac --lists <every code>`).

/// T4: the OFAC regime's least fixed point. Returns the text of `ofac50.tsv` (the sorted ids of the listed and blocked
/// entities, one per line) and the seconds of the analysis alone (until the membership exists, as the peers' timers
/// stop at a membership array).
func benchOfac50(graph g: Graph) throws -> (text: String, seconds: Double) {
    let lists = CodeChecks.listCodes(in: g).sorted()
    let start = ContinuousClock.now
    let analysis = try SanctionsAnalysis(graph: g, regime: .ofac, asOf: .today(), lists: lists)
    let elapsed = ContinuousClock.now - start
    // Bytewise order, as the oracle sorts.
    var text: [UInt8] = []
    for v in g.sortedByID((0..<g.entityCount).filter(analysis.isBlocked).map { Int32($0) }) {
        g.appendID(v, to: &text)
        text.append(10)
    }
    return (String(decoding: text, as: UTF8.self), seconds(elapsed))
}

/// T5: effective (look-through) ownership over all walks from every person with holdings to every company:
/// `LookThroughOwnership.holdings(index:threshold:)`, what `corpgraph ownership --all-holders` runs (one sparse
/// propagation per person over one `LookThroughIndex`, persons split between the processors, entity indices and
/// fractions out). Returns the text of `ubo.tsv` (`person\tcompany\teffective`, 9 decimals, sorted bytewise) for the
/// companies at or above 25 % (E ≥ 0.25 − 1e-9), formatted from the indices.
func benchUBO(graph g: Graph) -> String {
    let index = LookThroughIndex(graph: g, asOf: .today())
    let bulk = LookThroughOwnership.holdings(index: index, threshold: Percent(25))
    var out: [UInt8] = []
    out.reserveCapacity(bulk.entryCount * 40)
    var row: [(key: UInt64, v: Int32, x: Double)] = []
    for i in bulk.holders.indices {
        row.removeAll(keepingCapacity: true)
        for k in bulk.entries(ofHolderAt: i) where bulk.aboveThreshold(k) == .met {
            let c = bulk.entity[k]
            guard g.kind(Int(c)) == .company else { continue }
            row.append((g.idPrefixKey(Int(c)), c, bulk.lower[k]))
        }
        row.sort { a, b in a.key != b.key ? a.key < b.key : g.idPrecedes(Int(a.v), Int(b.v)) }
        let p = Int(bulk.holders[i])
        for (_, c, x) in row {
            g.appendID(Int32(p), to: &out)
            out.append(9)
            g.appendID(c, to: &out)
            out.append(9)
            appendFixed9(x, to: &out)
            out.append(10)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// Appends `x` with exactly nine decimals (`0.451800000`), as Python's `f"{x:.9f}"` (x ≥ 0).
func appendFixed9(_ x: Double, to out: inout [UInt8]) {
    let scaled = (x * 1e9).rounded()
    guard scaled.isFinite, scaled >= 0, scaled < 9e17 else {
        out.append(contentsOf: String(format: "%.9f", x).utf8)
        return
    }
    let v = UInt64(scaled)
    out.append(contentsOf: String(v / 1_000_000_000).utf8)
    out.append(UInt8(ascii: "."))
    var frac = v % 1_000_000_000
    let at = out.count
    out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: 9))
    for i in stride(from: at + 8, through: at, by: -1) {
        out[i] = 48 + UInt8(frac % 10)
        frac /= 10
    }
}
