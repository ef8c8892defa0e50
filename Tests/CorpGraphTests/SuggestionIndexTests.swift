import CorpGraphTestSupport
import Testing
@testable import CorpGraph

@Suite("Did you mean: one indexed implementation")
struct SuggestionIndexTests {
    @Test func nearestFirstThenSameLengthThenText() {
        let words = ["company", "person", "exchange", "site", "organization", "account"]
        #expect(Suggestions.nearest(to: "compny", in: words) == ["company"])
        #expect(Suggestions.nearest(to: "ORGANISATION", in: words) == ["organization"])
        #expect(Suggestions.nearest(to: "psreon", in: words) == ["person"])  // a swap is one edit
        #expect(Suggestions.nearest(to: "zzzzzz", in: words) == [])
        #expect(Suggestions.nearest(to: "owes", in: ["owns", "pays", "controls", "directs", "operates"], limit: 1) == ["owns"])
        // Two edits, found by the scan behind the one-edit index: ties by same length, then text.
        #expect(Suggestions.nearest(to: "RU-IRX", in: ["RU-IRK", "RU-ARK", "RU-BRY", "JP"]) == ["RU-IRK", "RU-ARK", "RU-BRY"])
        #expect(Suggestions.hint(["a", "b"]) == "; did you mean 'a', 'b'?")
        #expect(Suggestions.hint([]) == "")
    }

    @Test func matchesTheDefinitionOnEveryQuery() {
        // Reference: every candidate within the cap by the plain distance, sorted by (distance, length gap, text).
        let candidates = ["C0001", "C0010", "C0100", "C1000", "C00011", "C001", "X0001", "C0001-B", "c0001", "Ω-1"]
        let index = SuggestionIndex(candidates)
        for q in ["C0001", "C0002", "C001", "C00012", "X001", "0001C", "C0001-", "Ω1", "", "C01000"] {
            let w = Array(q.uppercased().unicodeScalars)
            let cap = max(1, min(3, w.count / 3))
            let ref = candidates.map { c -> (Int, Int, String) in
                let d = Suggestions.distance(w, Array(c.uppercased().unicodeScalars))
                return (d, abs(c.unicodeScalars.count - w.count), c)
            }.filter { $0.0 <= cap }.sorted { ($0.0, $0.1) != ($1.0, $1.1) ? ($0.0, $0.1) < ($1.0, $1.1) : $0.2 < $1.2 }
            #expect(index.nearest(to: q) == ref.prefix(3).map(\.2), "\(q)")
        }
    }

    @Test func largeIdTablesSuggestWithinOneEditWithoutScanning() {
        let ids = (0..<12_000).map { "E" + String(100_000 + $0).dropFirst() }  // E00000 … E11999
        let index = SuggestionIndex(ids)
        #expect(index.nearest(to: "E31234") == ["E01234", "E11234"])  // E13234 is two edits away
        #expect(index.nearest(to: "e0123") == ["E00123", "E01023", "E01123"])
        #expect(index.nearest(to: "E0012345").isEmpty)  // two edits away: not looked for above the scan limit
    }

    @Test func distanceCountsASwapAsOneEdit() {
        #expect(Suggestions.distance(Array("ab".unicodeScalars), Array("ba".unicodeScalars)) == 1)
        #expect(Suggestions.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
        #expect(Suggestions.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars), cap: 1) == 2)
    }
}

@Suite("Look-through with many holders")
struct LookThroughManyHoldersTests {
    @Test func everyHolderUpperBoundIsTightenedByTheOthersLowerBounds() throws {
        var t = TestGraph()
        t.company("C")
        for i in 0..<2_000 { t.company("H\(i)"); t.owns("H\(i)", "C", "0.04") }  // 80 % held in slivers
        t.company("U"); t.owns("U", "C", nil)  // unknown share: at most 100 − 80 = 20 %
        let g = t.graph()
        let r = try LookThroughOwnership.compute(graph: g, subject: g.index(of: "C")!, direction: .of,
                                                 options: LookThroughOptions(method: .full, asOf: CalendarDate(parsing: "2025-01-01")!))
        let u = r.entries.first { $0.id == "U" }
        #expect(u?.effectiveLower == 0)
        #expect(abs((u?.effectiveUpper ?? 0) - 0.2) < 1e-9)
        let h = r.entries.first { $0.id == "H7" }
        #expect(abs((h?.effectiveLower ?? 0) - 0.0004) < 1e-12)
        #expect(abs((h?.effectiveUpper ?? 0) - 0.0004) < 1e-12)
        #expect(r.entries.count == 2_001)
    }
}
