import Foundation
import CorpGraph

/// Parses the free-text share percentages found in FollowTheMoney `percentage` values (and other registers):
/// `"50"`, `"50.5"`, `"50%"`, `"50,5 %"`, `"25-50"`, `"25–50%"`, `"between 25 and 50"`, `"<25"`, `"less than 25"`,
/// `"≤ 25"`, `"up to 25"`, `">50"`, `"more than 50"`, `"over 50"`, `"at least 50"`, `"50+"`, `"50 or more"`,
/// `"majority"`, `"minority"`, `"wholly owned"`, `"unknown"`.
///
/// The grammar is in docs/FORMATS-IMPORT.md. Values are percents (0–100): `"0.5"` is half a percent, not 50 %.
public enum PercentageText {
    /// What the text said.
    public enum Result: Hashable, Sendable {
        /// A share or interval the text states.
        case share(Share)
        /// The text says the share is not known (`""`, `"unknown"`, `"n/a"`, `"?"`).
        case unknown
        /// Not understood, or outside 0–100: the caller keeps the raw text and reports it.
        case invalid(reason: String)
    }

    /// The text ``parse(_:)`` reads back as exactly `share`: `50`, `25-50`, `(25,50]`, `>50`, `?` for unknown.
    public static func canonical(_ share: Share) -> String {
        switch share {
        case .exact(let p): return p.description
        case .unknown: return "?"
        case .range(let r):
            switch (r.min, r.max) {
            case (nil, nil): return "?"
            case let (lo?, hi?) where !r.minExclusive && !r.maxExclusive: return "\(lo)-\(hi)"
            case let (lo?, nil): return (r.minExclusive ? ">" : ">=") + lo.description
            case let (nil, hi?): return (r.maxExclusive ? "<" : "<=") + hi.description
            case let (lo?, hi?): return (r.minExclusive ? "(" : "[") + "\(lo),\(hi)" + (r.maxExclusive ? ")" : "]")
            }
        }
    }

    public static func parse(_ raw: String) -> Result {
        // The common case, a plain number ("33.33", "100"), without the text normalisation below (registers state
        // millions of shares this way; the general path costs microseconds each).
        if isPlainNumber(raw), let p = Percent(parsing: raw) {
            return p > .hundred ? .invalid(reason: "\(p) is outside 0–100") : .share(.exact(p))
        }
        return parseText(raw)
    }

    /// The general grammar (everything ``parse(_:)`` accepts, plain numbers included).
    static func parseText(_ raw: String) -> Result {
        var t = raw.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        t = t.replacingOccurrences(of: "\u{00A0}", with: " ")
        for (from, to) in [("–", "-"), ("—", "-"), ("−", "-"), ("≤", "<="), ("≥", ">="), ("＜", "<"), ("＞", ">")] {
            t = t.replacingOccurrences(of: from, with: to)
        }
        if ["", "unknown", "n/a", "na", "?", "-", "none", "not known", "undisclosed"].contains(t) { return .unknown }
        // One percent sign at most: "50%%" is a typo or an escaping accident, not 50 %.
        if t.filter({ $0 == "%" }).count > 1 { return .invalid(reason: "more than one '%' sign") }
        // Strip percent words and signs.
        for suffix in ["per cent", "percent", "pct", "%"] { t = t.replacingOccurrences(of: suffix, with: " ") }
        t = t.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        if ["majority", "majority stake", "majority owned", "controlling stake"].contains(t) {
            return .share(.range(ShareRange(min: Percent(50), max: nil, minExclusive: true)))
        }
        if ["minority", "minority stake"].contains(t) {
            return .share(.range(ShareRange(min: nil, max: Percent(50), maxExclusive: true)))
        }
        if ["wholly owned", "wholly-owned", "whole", "all", "sole owner"].contains(t) {
            return .share(.exact(.hundred))
        }

        func number(_ s: Substring) -> Percent? {
            var x = s.trimmingCharacters(in: .whitespaces)
            // A decimal comma ("50,5") when there is no point; thousands separators make no sense for percents.
            if !x.contains("."), x.filter({ $0 == "," }).count == 1 { x = x.replacingOccurrences(of: ",", with: ".") }
            guard !x.isEmpty, x.first != "+", x.first != "-" || x.count > 1 else { return nil }
            return Percent(parsing: x)
        }
        func check(_ p: Percent) -> String? {
            p < .zero || p > .hundred ? "\(p) is outside 0–100" : nil
        }
        func bounded(_ p: Percent, _ make: (Percent) -> Share) -> Result {
            if let e = check(p) { return .invalid(reason: e) }
            return .share(make(p))
        }
        // Interval notation, as the FtM writer emits for exclusive bounds: "(25,50]", "[25,50)", "(50,)".
        if let open = t.first, let close = t.last, "([".contains(open), ")]".contains(close), t.count >= 3 {
            let inner = t.dropFirst().dropLast()
            let parts = inner.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 {
                let lo = parts[0].trimmingCharacters(in: .whitespaces).isEmpty ? nil : number(parts[0])
                let hi = parts[1].trimmingCharacters(in: .whitespaces).isEmpty ? nil : number(parts[1])
                let loGiven = !parts[0].trimmingCharacters(in: .whitespaces).isEmpty
                let hiGiven = !parts[1].trimmingCharacters(in: .whitespaces).isEmpty
                if (loGiven && lo == nil) || (hiGiven && hi == nil) {
                    return .invalid(reason: "not a percentage interval")
                }
                if let e = lo.flatMap(check) ?? hi.flatMap(check) { return .invalid(reason: e) }
                if let lo, let hi, lo > hi { return .invalid(reason: "interval \(lo)–\(hi) runs backwards") }
                return .share(
                    .range(
                        ShareRange(
                            min: lo, max: hi, minExclusive: lo != nil && open == "(",
                            maxExclusive: hi != nil && close == ")")))
            }
        }
        // Comparisons with a prefix.
        let prefixes: [(String, (Percent) -> Share)] = [
            ("<=", { .range(ShareRange(min: nil, max: $0)) }),
            (">=", { .range(ShareRange(min: $0, max: nil)) }),
            ("=<", { .range(ShareRange(min: nil, max: $0)) }),
            ("=>", { .range(ShareRange(min: $0, max: nil)) }),
            ("<", { .range(ShareRange(min: nil, max: $0, maxExclusive: true)) }),
            (">", { .range(ShareRange(min: $0, max: nil, minExclusive: true)) }),
            ("less than", { .range(ShareRange(min: nil, max: $0, maxExclusive: true)) }),
            ("under", { .range(ShareRange(min: nil, max: $0, maxExclusive: true)) }),
            ("below", { .range(ShareRange(min: nil, max: $0, maxExclusive: true)) }),
            ("fewer than", { .range(ShareRange(min: nil, max: $0, maxExclusive: true)) }),
            ("up to", { .range(ShareRange(min: nil, max: $0)) }),
            ("at most", { .range(ShareRange(min: nil, max: $0)) }),
            ("not more than", { .range(ShareRange(min: nil, max: $0)) }),
            ("no more than", { .range(ShareRange(min: nil, max: $0)) }),
            ("more than", { .range(ShareRange(min: $0, max: nil, minExclusive: true)) }),
            ("greater than", { .range(ShareRange(min: $0, max: nil, minExclusive: true)) }),
            ("over", { .range(ShareRange(min: $0, max: nil, minExclusive: true)) }),
            ("above", { .range(ShareRange(min: $0, max: nil, minExclusive: true)) }),
            ("in excess of", { .range(ShareRange(min: $0, max: nil, minExclusive: true)) }),
            ("at least", { .range(ShareRange(min: $0, max: nil)) }),
            ("not less than", { .range(ShareRange(min: $0, max: nil)) }),
            ("no less than", { .range(ShareRange(min: $0, max: nil)) }),
            ("approximately", { .exact($0) }),
            ("approx.", { .exact($0) }),
            ("about", { .exact($0) }),
            ("~", { .exact($0) }),
        ]
        for (prefix, make) in prefixes where t.hasPrefix(prefix) {
            if let p = number(t.dropFirst(prefix.count)) { return bounded(p, make) }
        }
        // Suffix forms: "50+", "50 or more", "50 or less", "50 and above".
        let suffixes: [(String, (Percent) -> Share)] = [
            ("+", { .range(ShareRange(min: $0, max: nil)) }),
            ("or more", { .range(ShareRange(min: $0, max: nil)) }),
            ("and above", { .range(ShareRange(min: $0, max: nil)) }),
            ("or above", { .range(ShareRange(min: $0, max: nil)) }),
            ("or less", { .range(ShareRange(min: nil, max: $0)) }),
            ("and below", { .range(ShareRange(min: nil, max: $0)) }),
        ]
        for (suffix, make) in suffixes where t.hasSuffix(suffix) {
            if let p = number(t.dropLast(suffix.count)) { return bounded(p, make) }
        }
        // Ranges: "25-50", "25 to 50", "between 25 and 50", "from 25 to 50".
        var body = Substring(t)
        for lead in ["between ", "from "] where body.hasPrefix(lead) { body = body.dropFirst(lead.count) }
        for sep in [" and ", " to ", "-", "/"] {
            guard let r = body.range(of: sep), r.lowerBound != body.startIndex else { continue }
            if sep == "/" { break }  // "1/3" is a fraction, not a range: not supported.
            if let lo = number(body[..<r.lowerBound]), let hi = number(body[r.upperBound...]) {
                if let e = check(lo) ?? check(hi) { return .invalid(reason: e) }
                if lo > hi { return .invalid(reason: "range \(lo)–\(hi) runs backwards") }
                if lo == hi { return .share(.exact(lo)) }
                return .share(.range(ShareRange(min: lo, max: hi)))
            }
        }
        if let p = number(Substring(t)) { return bounded(p, { .exact($0) }) }
        return .invalid(reason: "not a percentage, range or comparison")
    }

    /// ASCII digits with at most one point between digits: `50`, `33.33`.
    static func isPlainNumber(_ s: String) -> Bool {
        var digits = 0, points = 0
        var last: UInt8 = 0
        for b in s.utf8 {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b == 0x2E && digits > 0 && points == 0 {
                points += 1
            } else {
                return false
            }
            last = b
        }
        return digits > 0 && last != 0x2E
    }
}
