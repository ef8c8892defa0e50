import CorpGraphTestSupport
import Testing
@testable import CorpGraph

@Suite("Look-through ownership: DOMAIN §2 worked numbers")
struct LookThroughWorkedNumbersTests {
    let date = day("2025-01-01")

    func run(
        _ g: Graph, _ id: String, _ direction: LookThroughDirection, _ method: LookThroughMethod = .full,
        threshold: Percent = Percent(25)
    ) throws -> LookThroughResult {
        let options = LookThroughOptions(method: method, asOf: date, threshold: threshold)
        let direct = try LookThroughOwnership.compute(
            graph: g, subject: g.index(of: id)!, direction: direction,
            options: options)
        // An index shared by many subjects answers the same; one built for another date is rebuilt for this one.
        for indexDate in [date, day("1990-01-01")] {
            let index = LookThroughIndex(graph: g, asOf: indexDate)
            let shared = try LookThroughOwnership.compute(
                index: index, subject: g.index(of: id)!, direction: direction,
                options: options)
            #expect(shared == direct)
        }
        return direct
    }

    func value(_ r: LookThroughResult, _ id: String) -> Double? { r.entries.first { $0.id == id }?.effectiveLower }

    @Test("N1: P 60 % A; A 50 % B; P 10 % B → P holds 40 % of B (≥ 25 %: beneficial owner)")
    func n1() throws {
        var t = TestGraph()
        t.person("P", list: nil)
        t.owns("P", "A", "60")
        t.owns("A", "B", "50")
        t.owns("P", "B", "10")
        let g = t.graph()
        let held = try run(g, "P", .holder)
        #expect(held.entries.map(\.id) == ["A", "B"])
        #expect(abs(value(held, "B")! - 0.40) < 1e-12)
        #expect(held.entries.allSatisfy { $0.beneficialOwner })
        let of = try run(g, "B", .of)
        #expect(of.entries.map(\.id) == ["P", "A"])  // persons first, then intermediate holders
        #expect(of.entries[0].role == .person && of.entries[1].role == .intermediate)
        #expect(abs(of.entries[0].effectiveLower - 0.40) < 1e-12)
        #expect(of.entries[0].beneficialOwner && !of.entries[1].beneficialOwner)
        // The chains behind P's 40 %: 30 % through A and 10 % directly.
        let chains = of.entries[0].chains
        #expect(chains.map(\.entities) == [["P", "A", "B"], ["P", "B"]])
        #expect(abs(chains[0].productLower - 0.30) < 1e-12 && abs(chains[1].productLower - 0.10) < 1e-12)
        #expect(chains[0].shares == [.exact(Percent(60)), .exact(Percent(50))])
    }

    @Test("N2: cross-holding — full series 85.11 % / 25.53 %, simple paths 24 %: the method flips the 25 % test")
    func n2() throws {
        let g = TestGraph.crossHoldingN2()
        let full = try run(g, "P", .holder)
        #expect(abs(value(full, "A")! - 0.8 / 0.94) < 1e-13)
        #expect(abs(value(full, "B")! - 0.8 / 0.94 * 0.3) < 1e-13)
        #expect(full.entries.first { $0.id == "B" }!.beneficialOwner)
        let paths = try run(g, "P", .holder, .paths)
        #expect(abs(value(paths, "A")! - 0.80) < 1e-13)
        #expect(abs(value(paths, "B")! - 0.24) < 1e-13)
        #expect(!paths.entries.first { $0.id == "B" }!.beneficialOwner)
        #expect(paths.method == .paths && full.method == .full)
        // A → A = 6.38 % is self-ownership; A → B = 31.91 %, B → A = 21.28 % (uncorrected).
        #expect(abs(value(try run(g, "A", .holder), "B")! - 0.3 / 0.94) < 1e-13)
        #expect(abs(value(try run(g, "B", .holder), "A")! - 0.2 / 0.94) < 1e-13)
        // Who owns B: P 25.53 % first (person), then A and B's cross-holder chain.
        let of = try run(g, "B", .of)
        #expect(of.entries[0].id == "P" && abs(of.entries[0].effectiveLower - 0.8 / 0.94 * 0.3) < 1e-13)
    }

    @Test("N3: Ministry → Gasgrid = 23.5 % + 100 % × 76.5 % = 100 %")
    func n3() throws {
        var t = TestGraph()
        t.company("ministry", kind: .organization)
        t.owns("ministry", "kaasuverkko", "100")
        t.owns("kaasuverkko", "gasgrid", "76.5")
        t.owns("ministry", "gasgrid", "23.5")
        let g = t.graph()
        let of = try run(g, "gasgrid", .of)
        #expect(of.entries.map(\.id) == ["ministry", "kaasuverkko"])
        #expect(of.entries[0].role == .topHolder)
        #expect(abs(of.entries[0].effectiveLower - 1.0) < 1e-13)
        #expect(!of.entries[0].beneficialOwner)  // not a natural person
        #expect(of.entries[0].aboveThreshold == .met)
    }

    @Test("N4: cascade X 50 % A; A 50 % B; B 50 % C → 12.5 %")
    func n4() throws {
        var t = TestGraph()
        t.person("X")
        t.owns("X", "A", "50")
        t.owns("A", "B", "50")
        t.owns("B", "C", "50")
        let g = t.graph()
        #expect(abs(value(try run(g, "X", .holder), "C")! - 0.125) < 1e-15)
    }

    @Test("N5: mutual 100 % loop — detected and reported, never divided by zero; terminates")
    func n5() throws {
        var t = TestGraph()
        t.owns("A", "B", "100")
        t.owns("B", "A", "100")
        t.owns("B", "S", "100")
        let g = t.graph()
        // full: the loop is reported and what it feeds is unbounded — no number, threshold undetermined.
        let of = try run(g, "S", .of)
        #expect(of.closedLoops == [["A", "B"]])
        #expect(Set(of.entries.map(\.id)) == ["A", "B"])
        #expect(of.entries.allSatisfy { $0.isUnbounded && $0.effectiveUpper == nil })
        #expect(of.entries.allSatisfy { $0.aboveThreshold == .undetermined && !$0.beneficialOwner })
        let holder = try run(g, "A", .holder)
        #expect(holder.closedLoops == [["A", "B"]])
        #expect(holder.entries.first { $0.id == "S" }?.isUnbounded == true)
        // paths: finite, and the loop is still reported.
        let paths = try run(g, "S", .of, .paths)
        #expect(paths.closedLoops == [["A", "B"]])
        #expect(paths.entries.map(\.id) == ["A", "B"] || paths.entries.map(\.id) == ["B", "A"])
        #expect(paths.entries.allSatisfy { abs($0.effectiveLower - 1) < 1e-15 })
        #expect(paths.entries.allSatisfy { $0.role == .intermediate })  // no natural person reachable
    }

    @Test("N6: Person 1's share of B unknown → effective share of A is the interval [0, 60 %]")
    func n6() throws {
        var t = TestGraph()
        t.person("person-1", list: nil)
        t.owns("B", "A", "60")
        t.owns("person-1", "B", nil)
        let g = t.graph()
        let of = try run(g, "A", .of)
        let p = of.entries.first { $0.id == "person-1" }!
        #expect(p.effectiveLower == 0 && abs(p.effectiveUpper! - 0.6) < 1e-15)
        #expect(p.aboveThreshold == .undetermined && !p.beneficialOwner)
        // The declared 30 % lies in the interval (a check, not a computation).
        #expect((p.effectiveLower...p.effectiveUpper!).contains(0.30))
    }
}

@Suite("Look-through ownership: intervals, dates, thresholds")
struct LookThroughIntervalTests {
    @Test("Share intervals give effective intervals; upper bounds are tightened by the other holders' minimum")
    func intervals() throws {
        var t = TestGraph()
        t.person("P", list: nil)
        t.owns("P", "A", share: range("25", "50"))
        t.owns("Q", "A", "70")
        t.owns("A", "B", "100")
        let g = t.graph()
        let r = try LookThroughOwnership.compute(
            graph: g, subject: g.index(of: "P")!, direction: .holder,
            options: LookThroughOptions(asOf: day("2025-01-01")))
        let b = r.entries.first { $0.id == "B" }!
        #expect(abs(b.effectiveLower - 0.25) < 1e-15)
        #expect(abs(b.effectiveUpper! - 0.30) < 1e-15)  // 100 − 70 caps P's stake at 30 %
        #expect(b.aboveThreshold == .met && b.beneficialOwner)
        let high = try LookThroughOwnership.compute(
            graph: g, subject: g.index(of: "P")!, direction: .holder,
            options: LookThroughOptions(asOf: day("2025-01-01"), threshold: Percent(26)))
        #expect(high.entries.first { $0.id == "B" }!.aboveThreshold == .undetermined)
    }

    @Test("Ended relationships and duplicates follow the as-of rules")
    func dates() throws {
        var t = TestGraph()
        t.person("P", list: nil)
        t.owns("P", "A", "40", end: "2022-04-30")
        t.owns("P", "A", "30", start: "2022-05-01")
        t.owns("P", "A", "90", start: "2021-01-01")
        let g = t.graph()
        func at(_ d: String) throws -> Double {
            try LookThroughOwnership.compute(
                graph: g, subject: g.index(of: "P")!, direction: .holder,
                options: LookThroughOptions(asOf: day(d))
            ).entries[0].effectiveLower
        }
        #expect(abs(try at("2022-04-01") - 0.90) < 1e-15)  // 90 % (latest start) beats the undated-start 40 %
        #expect(abs(try at("2022-06-01") - 0.30) < 1e-15)
        #expect(abs(try at("2020-06-01") - 0.40) < 1e-15)
    }

    @Test("paths refuses to enumerate past its limit")
    func pathLimit() throws {
        var t = TestGraph()
        t.person("P", list: nil)
        // A ladder: 2^10 simple paths from P to L10.
        for i in 0..<10 {
            t.owns(i == 0 ? "P" : "L\(i)", "U\(i + 1)", "50")
            t.owns(i == 0 ? "P" : "L\(i)", "D\(i + 1)", "50")
            t.owns("U\(i + 1)", "L\(i + 1)", "50")
            t.owns("D\(i + 1)", "L\(i + 1)", "50")
        }
        let g = t.graph()
        #expect(throws: LookThroughError.tooManyPaths(limit: 100)) {
            try LookThroughOwnership.compute(
                graph: g, subject: g.index(of: "P")!, direction: .holder,
                options: LookThroughOptions(method: .paths, asOf: day("2025-01-01"), pathLimit: 100))
        }
        let full = try LookThroughOwnership.compute(
            graph: g, subject: g.index(of: "P")!, direction: .holder,
            options: LookThroughOptions(asOf: day("2025-01-01"), chainSearchLimit: 100))
        #expect(full.chainsTruncated)
        // Each rung L(i) → L(i+1) is 2 × 50 % × 50 % = 50 %.
        #expect(abs(full.entries.first { $0.id == "L10" }!.effectiveLower - 1.0 / 1024) < 1e-15)
    }
}

@Suite("Look-through ownership: properties")
struct LookThroughPropertyTests {
    /// Dense E = W (I − W)⁻¹ by Gauss–Jordan elimination.
    static func dense(_ w: [[Double]]) -> [[Double]] {
        let n = w.count
        var a = (0..<n).map { i in (0..<n).map { j in (i == j ? 1 : 0) - w[i][j] } }
        var inv = (0..<n).map { i in (0..<n).map { j in i == j ? 1.0 : 0 } }
        for c in 0..<n {
            let p = (c..<n).max { abs(a[$0][c]) < abs(a[$1][c]) }!
            a.swapAt(c, p); inv.swapAt(c, p)
            let d = a[c][c]
            for j in 0..<n { a[c][j] /= d; inv[c][j] /= d }
            for r in 0..<n where r != c && a[r][c] != 0 {
                let f = a[r][c]
                for j in 0..<n { a[r][j] -= f * a[c][j]; inv[r][j] -= f * inv[c][j] }
            }
        }
        return (0..<n).map { i in (0..<n).map { j in (0..<n).reduce(0) { $0 + w[i][$1] * inv[$1][j] } } }
    }

    @Test("full equals a dense matrix solve on small random graphs with cross-holdings", arguments: 0..<40)
    func denseSolve(seed: Int) throws {
        var rng = SplitMix64(seed: UInt64(seed) + 77)
        let n = 9
        var w = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        var t = TestGraph()
        for i in 0..<n { t.company("E\(i)") }
        for j in 0..<n {
            // Each entity's holders own at most 90 % of it between them (an outside holder keeps the rest).
            var left = 90
            for i in (0..<n).shuffled(using: &rng) where i != j && left > 0 && Int.random(in: 0..<3, using: &rng) == 0 {
                let s = Int.random(in: 1...left, using: &rng)
                left -= s
                w[i][j] = Double(s) / 100
                t.owns("E\(i)", "E\(j)", String(s))
            }
        }
        let g = t.graph()
        let e = Self.dense(w)
        for s in 0..<n {
            let v = g.index(of: "E\(s)")!
            let held = try LookThroughOwnership.compute(
                graph: g, subject: v, direction: .holder,
                options: LookThroughOptions(asOf: day("2025-01-01")))
            let owners = try LookThroughOwnership.compute(
                graph: g, subject: v, direction: .of,
                options: LookThroughOptions(asOf: day("2025-01-01")))
            for j in 0..<n where j != s {
                let h = held.entries.first { $0.id == "E\(j)" }?.effectiveLower ?? 0
                let o = owners.entries.first { $0.id == "E\(j)" }?.effectiveLower ?? 0
                #expect(abs(h - e[s][j]) < 1e-12, "E\(s) holds E\(j)")
                #expect(abs(o - e[j][s]) < 1e-12, "E\(j) owns E\(s)")
            }
        }
    }
}
