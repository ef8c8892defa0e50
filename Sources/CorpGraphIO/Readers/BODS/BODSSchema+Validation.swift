import CorpGraph
import Foundation

/// Checking a parsed statement against the rules of ``BODSSchema``, and the value formats they name.
extension BODSSchema {
    /// Validates one statement at `path` (`$[3]`).
    static func validate(statement value: ParsedJSON, path: String) -> [BODSViolation] {
        var out: [BODSViolation] = []
        validate(value, .object(statement), { path }, "", &out)
        return out
    }

    static func validate(
        _ value: ParsedJSON, _ rule: Rule, _ path: () -> String, _ property: String, _ out: inout [BODSViolation]
    ) {
        func typeError(_ expected: String) {
            out.append(
                BODSViolation(
                    keyword: "type", path: path(), property: property,
                    message: "expected \(expected), got \(value.typeName) \(value.brief)"))
        }
        switch rule {
        case .any: return
        case .boolean: if value.bool == nil { typeError("boolean") }
        case .number(let min, let max):
            guard let text = value.numberText else { typeError("number"); return }
            if let small = smallNumber(text), min.map({ small >= $0 }) ?? true, max.map({ small <= $0 }) ?? true {
                return  // within bounds: the common case, without making a Decimal
            }
            guard let d = Decimal(string: text, locale: posix) else { typeError("number"); return }
            if let min, d < min {
                out.append(
                    BODSViolation(
                        keyword: "minimum", path: path(), property: property, message: "\(text) is less than \(min)"))
            }
            if let max, d > max {
                out.append(
                    BODSViolation(
                        keyword: "maximum", path: path(), property: property, message: "\(text) is more than \(max)"))
            }
        case .string(let r):
            guard let s = value.string else { typeError("string"); return }
            let n = r.minLength == nil && r.maxLength == nil ? 0 : s.unicodeScalars.count
            if let m = r.minLength, n < m {
                out.append(
                    BODSViolation(
                        keyword: "minLength", path: path(), property: property,
                        message: "\(value.brief) is shorter than \(m) characters"))
            }
            if let m = r.maxLength, n > m {
                out.append(
                    BODSViolation(
                        keyword: "maxLength", path: path(), property: property,
                        message: "\(value.brief) is longer than \(m) characters"))
            }
            if let values = r.values, !values.contains(s) {
                out.append(
                    BODSViolation(
                        keyword: "enum", path: path(), property: property,
                        message: "\(value.brief) is not one of \(values.joined(separator: ", "))"))
            }
            if let p = r.pattern, !p(s) {
                out.append(
                    BODSViolation(
                        keyword: "pattern", path: path(), property: property,
                        message: "\(value.brief) does not match the expected pattern"))
            }
            switch r.format {
            case nil: break
            case .date:
                if !isDate(s) {
                    out.append(
                        BODSViolation(
                            keyword: "format", path: path(), property: property,
                            message: "\(value.brief) is not a date (YYYY-MM-DD)"))
                }
            case .dateOrDateTime:
                if !isDate(s) && !isDateTime(s) {
                    out.append(
                        BODSViolation(
                            keyword: "anyOf", path: path(), property: property,
                            message: "\(value.brief) is neither a date (YYYY-MM-DD) nor a date-time (RFC 3339)"))
                }
            case .yearMonthOrDate:
                if !isYearOrYearMonth(s) && !isDate(s) {
                    out.append(
                        BODSViolation(
                            keyword: "anyOf", path: path(), property: property,
                            message: "\(value.brief) is not YYYY, YYYY-MM or YYYY-MM-DD"))
                }
            case .uri:
                if !isURI(s) {
                    out.append(
                        BODSViolation(
                            keyword: "format", path: path(), property: property,
                            message: "\(value.brief) is not an absolute URI (scheme:…)"))
                }
            }
        case .array(let item):
            guard let a = value.array else { typeError("array"); return }
            for (k, x) in a.enumerated() { validate(x, item, { "\(path())[\(k)]" }, property, &out) }
        case .recordReference:
            if value.string != nil { return }
            if let o = value.object {
                var inner: [BODSViolation] = []
                validate(value, .object(unspecifiedRecord), path, property, &inner)
                if inner.isEmpty { return }
                _ = o
            }
            out.append(
                BODSViolation(
                    keyword: "oneOf", path: path(), property: property,
                    message:
                        "expected a record id (string) or an Unspecified Record {reason, description}, got \(value.typeName) \(value.brief)"
                ))
        case .object(let r):
            guard let o = value.object else { typeError("object"); return }
            for name in r.required where o[name] == nil {
                out.append(
                    BODSViolation(keyword: "required", path: path(), property: name, message: "'\(name)' is required"))
            }
            if let any = r.anyOfRequired, !any.contains(where: { o[$0] != nil }) {
                out.append(
                    BODSViolation(
                        keyword: "anyOf", path: path(), property: r.anyOfProperty ?? any[0],
                        message: "one of \(any.map { "'\($0)'" }.joined(separator: " or ")) is required"))
            }
            for (k, v) in o.entries {
                if let pr = r.properties[k] { validate(v, pr, { path() + "." + k }, k, &out) }
            }
            if let check = r.check { check(o, path(), &out) }
        }
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// A JSON number without exponent and at most 15 digits before the point, as a Decimal made from its integer
    /// part, when its fraction is zero (`50`, `50.0`): `nil` for anything else, which the caller reads as a Decimal.
    static func smallNumber(_ text: String) -> Decimal? {
        var units: Int64 = 0, digits = 0, negative = false, fraction = false
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "-") where digits == 0 && !negative: negative = true
            case UInt8(ascii: "."): if fraction { return nil }; fraction = true
            case UInt8(ascii: "0"): if !fraction { units *= 10; digits += 1 }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                if fraction { return nil }
                units = units * 10 + Int64(b - 48)
                digits += 1
            default: return nil
            }
            if digits > 15 { return nil }
        }
        return Decimal(negative ? -units : units)
    }

    static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return false }
        for k in [0, 1, 2, 3, 5, 6, 8, 9] where !(0x30...0x39).contains(b[k]) { return false }
        return CalendarDateCheck.valid(s)
    }

    static func isDateTime(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 20, isDate(String(decoding: b[0..<10], as: UTF8.self)),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " ")
        else { return false }
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var n = 0
            for k in r { guard (0x30...0x39).contains(b[k]) else { return nil }; n = n * 10 + Int(b[k] - 0x30) }
            return n
        }
        guard let h = digits(11..<13), b[13] == 0x3A, let m = digits(14..<16), b[16] == 0x3A, let sec = digits(17..<19),
            h < 24, m < 60, sec <= 60
        else { return false }
        var k = 19
        if k < b.count, b[k] == UInt8(ascii: ".") {
            k += 1
            let start = k
            while k < b.count, (0x30...0x39).contains(b[k]) { k += 1 }
            if k == start { return false }
        }
        guard k < b.count else { return false }
        if b[k] == UInt8(ascii: "Z") || b[k] == UInt8(ascii: "z") { return k + 1 == b.count }
        guard b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-"), k + 6 == b.count,
            let oh = digits(k + 1..<k + 3), b[k + 3] == 0x3A, let om = digits(k + 4..<k + 6), oh < 24, om < 60
        else { return false }
        return true
    }

    static func isYearOrYearMonth(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 4 || b.count == 7, b[0..<4].allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        if b.count == 4 { return true }
        guard b[4] == 0x2D, let m = Int(String(decoding: b[5..<7], as: UTF8.self)) else { return false }
        return (1...12).contains(m) && b[5..<7].allSatisfy({ (0x30...0x39).contains($0) })
    }

    /// RFC 3986 absolute URI: a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), a colon, no spaces.
    static func isURI(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        let rest = s[s.index(after: colon)...]
        return !rest.isEmpty && !s.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" })
    }
}

enum CalendarDateCheck {
    static func valid(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return false }
        guard (1...12).contains(m), d >= 1 else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
