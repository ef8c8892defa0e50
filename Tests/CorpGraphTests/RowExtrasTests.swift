import CorpGraphTestSupport
import Foundation
import Testing

@testable import CorpGraph

/// The builder's cold values in row order read and write as a dictionary would, whatever the order of the writes.
@Suite struct RowExtrasTests {
    @Test func readsAndWritesAsADictionary() {
        var rng = SplitMix64(seed: 12)
        for _ in 0..<50 {
            var table = RowExtras<Int>()
            var oracle: [Int32: Int] = [:]
            var next: Int32 = 0
            for step in 0..<200 {
                let r: Int32
                switch rng.next() % 4 {
                case 0, 1:  // past the last row: appended
                    next += Int32(1 + rng.next() % 3)
                    r = next
                default: r = Int32(rng.next() % UInt64(next + 1))  // anywhere below
                }
                let value: Int? = rng.next() % 8 == 0 ? nil : step
                table[r] = value
                oracle[r] = value
                let probe = Int32(rng.next() % UInt64(next + 2))
                #expect(table[probe] == oracle[probe])
            }
            #expect(table.count == oracle.count)
            let sorted = oracle.sorted { $0.key < $1.key }
            #expect(Array(table.map(\.0)) == sorted.map(\.key))
            #expect(Array(table.map(\.1)) == sorted.map(\.value))
            let t = table.table
            #expect(t.keys == sorted.map(\.key))
            for (k, v) in sorted { #expect(t[k] == v) }
            #expect(t[next + 5] == nil)
        }
    }

    @Test func batchesAreAdoptedOrShifted() {
        var a = RowExtras<String>()
        a.append(0, "a0")
        a.append(2, "a2")
        var b = RowExtras<String>()
        b.append(1, "b1")
        var whole = RowExtras<String>()
        whole.append(contentsOf: &a, shift: 0)
        whole.append(contentsOf: &b, shift: 3)
        #expect(Array(whole.map(\.0)) == [0, 2, 4])
        #expect(whole[4] == "b1" && whole[3] == nil && whole[2] == "a2")
    }
}
