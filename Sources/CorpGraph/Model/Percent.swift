/// An exact percentage in fixed point: ten-thousandths of a percent (`1 %` is `10_000` units).
///
/// Shares are never `Double`: `50.00 %` and `50 %` are the same value, so threshold tests such as OFAC's
/// "50 percent or more" are exact. Four decimals cover every register we read (BODS, FtM, GLEIF, the CSV pair).
public struct Percent: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Units per percent point.
    public static let scale: Int64 = 10_000
    /// The value in ten-thousandths of a percent.
    public var units: Int64

    /// Creates a percentage from raw ten-thousandths of a percent.
    public init(units: Int64) { self.units = units }

    /// Creates a whole-number percentage.
    public init(_ whole: Int) { self.units = Int64(whole) * Percent.scale }

    public static let zero = Percent(units: 0)
    public static let hundred = Percent(units: 100 * scale)

    /// Parses a plain decimal such as `50`, `50.5`, `33.3333` or `+7`.
    ///
    /// Returns `nil` for anything else (exponents, more than four decimals, empty text, overflow), so a caller can
    /// report the bad value instead of rounding it silently.
    public init?<S: StringProtocol>(parsing text: S) {
        var units: Int64 = 0
        var negative = false
        var seenDigit = false
        var seenPoint = false
        var decimals = 0
        var iterator = text.utf8.makeIterator()
        var first = true
        while let byte = iterator.next() {
            defer { first = false }
            switch byte {
            case UInt8(ascii: "-") where first: negative = true
            case UInt8(ascii: "+") where first: break
            case UInt8(ascii: "."):
                if seenPoint { return nil }
                seenPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if seenPoint {
                    decimals += 1
                    if decimals > 4 {
                        // Extra decimals are accepted only when they are zeros ("50.000000").
                        if byte != UInt8(ascii: "0") { return nil }
                        continue
                    }
                }
                let (m, o1) = units.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                if o1 || o2 || a > 1_000_000_000_000 { return nil }
                units = a
            default: return nil
            }
        }
        guard seenDigit else { return nil }
        for _ in 0..<(4 - min(decimals, 4)) { units *= 10 }
        self.units = negative ? -units : units
    }

    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.units < rhs.units }
    public static func + (lhs: Percent, rhs: Percent) -> Percent { Percent(units: lhs.units + rhs.units) }
    public static func - (lhs: Percent, rhs: Percent) -> Percent { Percent(units: lhs.units - rhs.units) }
    public static func += (lhs: inout Percent, rhs: Percent) { lhs.units += rhs.units }

    /// The value as a fraction of one (`50 %` → `0.5`), for look-through products where exactness is not required.
    public var fraction: Double { Double(units) / Double(Percent.scale * 100) }

    /// Shortest exact decimal text: `50`, `33.33`, `12.5`.
    public var description: String {
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let whole = magnitude / UInt64(Percent.scale)
        var fractional = magnitude % UInt64(Percent.scale)
        if fractional == 0 { return "\(sign)\(whole)" }
        var digits = 4
        while fractional % 10 == 0 { fractional /= 10; digits -= 1 }
        let text = String(fractional)
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}
