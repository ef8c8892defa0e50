import CorpGraph
import Foundation

/// Field-by-field equality of records of two graphs, read from the stored columns (UTF-8 bytes, packed shares,
/// payment indices) without making a `String` or a `Decimal` for a field that did not change. Every fast test that
/// finds a difference falls back to comparing the values themselves, so the answers are those of the values.
struct RecordFields {
    let a: Graph
    let b: Graph
    let sa: GraphStore
    let sb: GraphStore
    /// Old jurisdiction code index → new code index (-1: not in the new table).
    let jurisdictionMap: [Int32]
    /// Old currency code index → new code index (-1: not in the new table).
    let currencyMap: [Int32]

    init(old: Graph, new: Graph) {
        a = old
        b = new
        sa = old.storage
        sb = new.storage
        func map(_ from: [String], _ to: [String]) -> [Int32] {
            var index: [String: Int32] = [:]
            for (i, c) in to.enumerated() where index[c] == nil { index[c] = Int32(i) }
            return from.map { index[$0] ?? -1 }
        }
        jurisdictionMap = map(sa.jurisdictionCodes, sb.jurisdictionCodes)
        currencyMap = map(sa.currencyCodes, sb.currencyCodes)
    }

    static func equalBytes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        guard x.count == y.count else { return false }
        guard x.count > 0, let p = x.baseAddress, let q = y.baseAddress else { return true }
        return memcmp(p, q, x.count) == 0
    }

    func sameName(_ v: Int, _ w: Int) -> Bool {
        sa.names.withUTF8(v) { x in sb.names.withUTF8(w) { y in RecordFields.equalBytes(x, y) } }
    }

    func sameJurisdiction(_ v: Int, _ w: Int) -> Bool {
        let j = sa.jurisdictionOf[v], k = sb.jurisdictionOf[w]
        if j < 0 || k < 0 { return j < 0 && k < 0 }
        return jurisdictionMap[Int(j)] == k
    }

    func sameShare(_ e: Int, _ f: Int) -> Bool {
        sa.relShare[e] == sb.relShare[f] || a.share(e) == b.share(f)
    }

    /// Amount and currency of two relationships (both without a payment record counts as the same).
    func samePayment(_ e: Int, _ f: Int) -> Bool {
        let p = sa.relPayment[e], q = sb.relPayment[f]
        if p < 0 || q < 0 { return p < 0 && q < 0 }
        let c = sa.paymentCurrency[Int(p)], d = sb.paymentCurrency[Int(q)]
        if c < 0 || d < 0 {
            if !(c < 0 && d < 0) { return false }
        } else if currencyMap[Int(c)] != d {
            return false
        }
        if case .text(let x) = sa.paymentAmounts, case .text(let y) = sb.paymentAmounts,
            x.withUTF8(Int(p), { s in y.withUTF8(Int(q)) { t in RecordFields.equalBytes(s, t) } })
        {
            return true
        }
        return a.amount(e) == b.amount(f)
    }
}
