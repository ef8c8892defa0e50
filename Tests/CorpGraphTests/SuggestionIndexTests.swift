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
        #expect(
            Suggestions.nearest(to: "owes", in: ["owns", "pays", "controls", "directs", "operates"], limit: 1) == [
                "owns"
            ])
        // Two edits, found by the scan behind the one-edit index: ties by same length, then text.
        #expect(
            Suggestions.nearest(to: "RU-IRX", in: ["RU-IRK", "RU-ARK", "RU-BRY", "JP"]) == [
                "RU-IRK", "RU-ARK", "RU-BRY",
            ])
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

    @Test func manyWordsAgainstALargeTableAnswerAsTheIndexDoes() {
        // Random ids over a small alphabet (dense one-edit neighbourhoods, as numeric register ids have), some
        // lower-case and some non-ASCII; words made by zero to two random edits of ids. The streaming answer must
        // equal the index's, which above its scan limit gives the one-edit neighbours only.
        var rng = SplitMix64(seed: 12)
        let alphabet = Array("AB01e-Ωé")
        func random(_ n: Int) -> String {
            String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
        }
        var set = Set<String>()
        while set.count < SuggestionIndex.scanLimit + 500 { set.insert(random(3 + Int(rng.next() % 4))) }
        let ids = set.sorted()
        let index = SuggestionIndex(distinct: ids)
        var words: [String] = []
        for _ in 0..<400 {
            var w = Array(ids[Int(rng.next() % UInt64(ids.count))])
            for _ in 0..<Int(rng.next() % 3) {
                let p = Int(rng.next() % UInt64(w.count + 1))
                switch rng.next() % 3 {
                case 0: w.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: p)
                case 1: if p < w.count { w.remove(at: p) }
                default: if p + 1 < w.count { w.swapAt(p, p + 1) }
                }
            }
            words.append(String(w))
        }
        words += ["", "ZZZZZZZZZZ", "a"]
        let streamed = Suggestions.nearestWithinOneEdit(
            to: words, candidates: ids.count,
            utf8: { i, body in
                var t = ids[i]; t.withUTF8 { body($0) }
            },
            text: { ids[$0] })
        #expect(streamed.count == words.count)
        var nonEmpty = 0
        for (w, got) in zip(words, streamed) {
            #expect(got == index.nearest(to: w), "\(w)")
            if !got.isEmpty { nonEmpty += 1 }
        }
        #expect(nonEmpty > 300)
    }

    @Test func oneEditTestAgreesWithTheDistance() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("abc".unicodeScalars)
        for _ in 0..<3_000 {
            let a = (0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % 3)].value }
            let b = (0..<Int(rng.next() % 6)).map { _ in alphabet[Int(rng.next() % 3)].value }
            let d = Suggestions.distance(a.map { Unicode.Scalar($0)! }, b.map { Unicode.Scalar($0)! })
            let one = a.withUnsafeBufferPointer { x in
                b.withUnsafeBufferPointer { y in Suggestions.oneEditDistance(x, y) }
            }
            #expect(one == min(d, 2), "\(a) \(b)")
        }
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
        let r = try LookThroughOwnership.compute(
            graph: g, subject: g.index(of: "C")!, direction: .of,
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
