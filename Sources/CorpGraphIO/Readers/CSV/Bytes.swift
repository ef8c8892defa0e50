import CorpGraph
import Foundation

// MARK: - Byte-level helpers

enum Bytes {
    /// The offset of the first byte that is not valid UTF-8, or `nil` when all of it is.
    @inline(__always)
    static func invalidUTF8Offset(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let p = b.baseAddress else { return nil }
        let n = b.count
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(p).loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                break
            }
            i += 8
        }
        while i < n {
            let c = p[i]
            if c < 0x80 { i += 1; continue }
            var need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch c {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return i
            }
            if i + need >= n { return i }
            let c1 = p[i + 1]
            if c1 < lo || c1 > hi { return i }
            if need >= 2 && p[i + 2] & 0xC0 != 0x80 { return i }
            if need == 3 && p[i + 3] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }

    /// Trims ASCII spaces and tabs.
    @inline(__always)
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard let base = b.baseAddress else { return b }
        var lo = 0, hi = b.count
        while lo < hi && (base[lo] == 0x20 || base[lo] == 0x09) { lo += 1 }
        while hi > lo && (base[hi - 1] == 0x20 || base[hi - 1] == 0x09) { hi -= 1 }
        return UnsafeBufferPointer(start: base + lo, count: hi - lo)
    }

    /// Text for an error message: at most 60 characters, line breaks shown as `\n`.
    static func display(_ b: UnsafeBufferPointer<UInt8>) -> String {
        var s = String(decoding: b, as: UTF8.self)
        if s.count > 60 { s = String(s.prefix(60)) + "…" }
        return s.replacingOccurrences(of: "\r", with: "\\r").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// The grammar both number parsers share: an optional sign, then digits with at most one `.`. Calls `digit` with
    /// each digit's value and its place after the point (0 before it); `digit` returns `false` to refuse the number.
    /// Returns the sign and the number of decimals, or `nil` when the bytes are no such number (or were refused).
    @inline(__always)
    static func plainDecimal(_ b: UnsafeBufferPointer<UInt8>, _ digit: (_ value: UInt8, _ place: Int) -> Bool) -> (
        negative: Bool, decimals: Int
    )? {
        guard let p = b.baseAddress, b.count > 0 else { return nil }
        let n = b.count
        var i = 0
        var negative = false
        if p[0] == 0x2D { negative = true; i = 1 } else if p[0] == 0x2B { i = 1 }
        var digits = 0
        var decimals = -1
        while i < n {
            let c = p[i]
            if c >= 0x30 && c <= 0x39 {
                if decimals >= 0 { decimals += 1 }
                guard digit(c - 0x30, max(decimals, 0)) else { return nil }
                digits += 1
            } else if c == 0x2E && decimals < 0 {
                decimals = 0
            } else {
                return nil
            }
            i += 1
        }
        if digits == 0 { return nil }
        return (negative, max(decimals, 0))
    }

    /// Parses a plain decimal (`50`, `33.33`, `+7`, `12.5000`) into ten-thousandths; at most four significant
    /// decimals (more only when they are zeros). `nil` when it is not such a number.
    @inline(__always)
    static func decimalUnits(_ b: UnsafeBufferPointer<UInt8>, scaleDigits: Int = 4) -> Int64? {
        var units: Int64 = 0
        let parsed = plainDecimal(b) { value, place in
            if place > scaleDigits { return value == 0 }  // past the scale: only zeros, dropped
            if units > 100_000_000_000_000 { return false }
            units = units * 10 + Int64(value)
            return true
        }
        guard let (negative, decimals) = parsed else { return nil }
        var scale = decimals
        while scale < scaleDigits { units *= 10; scale += 1 }
        return negative ? -units : units
    }

    /// Parses `YYYY-MM-DD` (an optional `T…` or ` …` time suffix is ignored).
    @inline(__always)
    static func date(_ b: UnsafeBufferPointer<UInt8>) -> CalendarDate? {
        guard let p = b.baseAddress, b.count >= 10 else { return nil }
        if b.count > 10 && p[10] != 0x54 && p[10] != 0x20 { return nil }
        guard p[4] == 0x2D, p[7] == 0x2D else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let c = p[i]
            return c >= 0x30 && c <= 0x39 ? Int(c - 0x30) : nil
        }
        guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
            let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9)
        else { return nil }
        return CalendarDate(year: y0 * 1000 + y1 * 100 + y2 * 10 + y3, month: m0 * 10 + m1, day: d0 * 10 + d1)
    }

    /// Parses a non-exponent decimal (`26404.31`, `-5`, `1e6` is rejected) into an exact `Decimal`.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var mantissa: UInt64 = 0
        var overflow = false
        let parsed = plainDecimal(b) { value, _ in
            if mantissa >= 1_000_000_000_000_000_000 / 10 { overflow = true }
            if !overflow { mantissa = mantissa * 10 + UInt64(value) }
            return true
        }
        guard let (negative, decimals) = parsed else { return nil }
        if overflow {
            // Rare: more than 17 digits; let Foundation do it exactly from the validated text.
            // More than 38 significant digits cannot be kept exactly: refused (nil), never rounded.
            return DecimalText.exact(String(decoding: b, as: UTF8.self))
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -decimals, significand: Decimal(mantissa))
    }

    /// Up to 16 bytes as (length, two words) for exact comparison, from two overlapping loads; `nil` when longer.
    @inline(__always)
    static func packExact(_ b: UnsafeBufferPointer<UInt8>) -> (Int, UInt64, UInt64)? {
        let n = b.count
        guard n <= 16, let base = b.baseAddress else { return n == 0 ? (0, 0, 0) : nil }
        let p = UnsafeRawPointer(base)
        if n >= 8 {
            return (n, p.loadUnaligned(as: UInt64.self), p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        if n >= 4 {
            return (
                n,
                UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(
                    p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32, 0
            )
        }
        var w: UInt64 = 0
        for i in 0..<n { w |= UInt64(base[i]) << (8 * UInt64(i)) }
        return (n, w, 0)
    }

    static func packExact(_ s: String) -> (Int, UInt64, UInt64) {
        var copy = s
        return copy.withUTF8 { packExact($0) ?? (0, 0, 0) }
    }

    /// Up to 16 bytes packed into two words, ASCII letters lower-cased; `nil` when longer.
    @inline(__always)
    static func packLower(_ b: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64)? {
        guard b.count <= 16 else { return nil }
        var w0: UInt64 = 0, w1: UInt64 = 0
        for i in 0..<b.count {
            var c = b[i]
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            if i < 8 { w0 |= UInt64(c) << (8 * UInt64(i)) } else { w1 |= UInt64(c) << (8 * UInt64(i - 8)) }
        }
        return (w0, w1)
    }

    static func packLower(_ s: String) -> (UInt64, UInt64) {
        var copy = s
        return copy.withUTF8 { packLower($0) ?? (0, 0) }
    }
}
