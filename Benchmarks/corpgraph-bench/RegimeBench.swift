import CorpGraph
import Foundation

// Benchmark tasks T4 (ofac50) and T5 (ubo) of shared/bench/README.md, timed on the library's public API that the CLI
// calls: T4 is `SanctionsAnalysis` (what `corpgraph blocked --regime ofac` runs), T5 is `LookThroughOwnership` over a
// shared `LookThroughIndex` (what `corpgraph ownership --holder P` runs, once per person).
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
/// `LookThroughOwnership.compute(index:subject:direction: .holder, options:)` per person (method `full`, no chains
/// listed), over one `LookThroughIndex`, persons split between the processors. Returns the `ubo.tsv` lines
/// (`person\tcompany\teffective`, 9 decimals, sorted) for the companies at or above 25 % (E ≥ 0.25 − 1e-9).
func benchUBO(graph g: Graph) throws -> [String] {
    let index = LookThroughIndex(graph: g, asOf: .today())
    let persons = g.sortedByID(
        (0..<g.entityCount).filter {
            g.kind($0) == .person && g.outRelationships($0).contains { g.kind(ofRelationship: Int($0)) == .owns }
        })
    let options = LookThroughOptions(
        method: .full, asOf: index.asOf, threshold: Percent(25), maxChains: 0,
        chainSearchLimit: 0)
    let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    let results = UnsafeMutableBufferPointer<Result<[String], any Error>>.allocate(capacity: persons.count)
    results.initialize(repeating: .success([]))
    defer { results.deallocate() }
    let box = SendableBox(results)
    DispatchQueue.concurrentPerform(iterations: workers) { k in
        var buffer: [UInt8] = []
        for i in stride(from: k, to: persons.count, by: workers) {
            let p = persons[i]
            box.pointer[i] = Result {
                let r = try LookThroughOwnership.compute(index: index, subject: p, direction: .holder, options: options)
                let pid = g.id(p)
                var lines: [(String, String)] = []
                for e in r.entries where e.kind == .company && e.effectiveLower >= 0.25 - 1e-9 {
                    buffer.removeAll(keepingCapacity: true)
                    buffer.append(contentsOf: pid.utf8)
                    buffer.append(9)
                    buffer.append(contentsOf: e.id.utf8)
                    buffer.append(9)
                    appendFixed9(e.effectiveLower, to: &buffer)
                    lines.append((e.id, String(decoding: buffer, as: UTF8.self)))
                }
                lines.sort { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
                return lines.map(\.1)
            }
        }
    }
    var lines: [String] = []
    for r in results { lines += try r.get() }
    return lines
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

private struct SendableBox<T>: @unchecked Sendable {
    let pointer: UnsafeMutableBufferPointer<T>
    init(_ p: UnsafeMutableBufferPointer<T>) { pointer = p }
}
