import CorpGraph
import Foundation

/// A JSON value with deterministic encoding: object keys sorted bytewise, numbers written exactly as given.
///
/// Reports use this rather than `JSONSerialization` so that percentages stay exact (`50`, not `50.000000000001`)
/// and the same input always gives the same bytes.
public indirect enum JSONValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral
{
    case null
    case bool(Bool)
    /// A number, already formatted (`50`, `33.33`, `0.6`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, b in b }))
    }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(String(value)) }

    /// A string, or null when absent.
    public static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
    public static func number(_ n: Int) -> JSONValue { .number(String(n)) }
    public static func number(_ p: Percent) -> JSONValue { .number(p.description) }
    public static func number(_ d: Decimal) -> JSONValue { .number(d.description) }
    /// A double rounded to `digits` decimals, trailing zeros removed (for strengths and look-through fractions).
    public static func number(_ x: Double, digits: Int = 6) -> JSONValue {
        guard x.isFinite else { return .null }
        var s = String(format: "%.\(digits)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return .number(s)
    }
    public static func date(_ d: CalendarDate?) -> JSONValue { d.map { .string($0.description) } ?? .null }

    /// An array of `count` values made one at a time by `element` (a large array need not exist as values), written
    /// as ``encoded(pretty:)`` writes arrays.
    static func writeArray(count: Int, into out: inout String, indent: Int?, element: (Int) -> JSONValue) {
        if count == 0 { out += "[]"; return }
        out += "["
        for i in 0..<count {
            if i > 0 { out += "," }
            if let indent { out += "\n" + String(repeating: "  ", count: indent + 1) }
            element(i).write(into: &out, indent: indent.map { $0 + 1 })
        }
        if let indent { out += "\n" + String(repeating: "  ", count: indent) }
        out += "]"
    }

    /// Compact or pretty JSON text, keys sorted, ending without a newline.
    public func encoded(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? 0 : nil)
        return out
    }

    func write(into out: inout String, indent: Int?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let a):
            JSONValue.writeArray(count: a.count, into: &out, indent: indent) { a[$0] }
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{"
            for (i, k) in o.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + String(repeating: "  ", count: indent + 1) }
                JSONValue.quote(k, into: &out)
                out += indent == nil ? ":" : ": "
                o[k]!.write(into: &out, indent: indent.map { $0 + 1 })
            }
            if let indent { out += "\n" + String(repeating: "  ", count: indent) }
            out += "}"
        }
    }

    /// JSON string escaping (RFC 8259): quotes, backslashes and control characters.
    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Nothing to escape (no control character, quote, backslash, nor the E2 lead byte of U+2028/U+2029): as is.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0xE2 }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029:
                out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}

extension SourceRef {
    /// The source as a JSON object (absent fields left out).
    public var json: JSONValue {
        var o: [String: JSONValue] = [:]
        if let title { o["title"] = .string(title) }
        if let url { o["url"] = .string(url) }
        if let retrieved { o["retrieved"] = .string(retrieved.description) }
        if let quote { o["quote"] = .string(quote) }
        return .object(o)
    }
}

extension Diagnostic {
    /// The diagnostic as a JSON object.
    public var json: JSONValue {
        [
            "severity": .string(severity.rawValue), "file": .string(location?.file),
            "line": location?.line.map { .number($0) } ?? .null,
            "record": .string(location?.record), "field": .string(field), "message": .string(message),
            "reason": .string(reason.rawValue), "effect": .string(effect.rawValue),
        ]
    }
}

// MARK: - Shares: one JSON encoding in every output (docs/FORMATS.md "Shares in JSON")

extension Share {
    /// The share in every JSON output (`exposure`, `blocked`, `export --to json`): an exact share is a number
    /// (`60`), an interval an object `{"min": 25, "max": 50, "minExclusive": false, "maxExclusive": true}` (an open
    /// bound is left out, the flags are always there), an unknown share the string `"unknown"`. The native reader
    /// reads all three back.
    public var json: JSONValue {
        switch self {
        case .exact(let p): return .number(p)
        case .unknown: return .string("unknown")
        case .range(let r):
            if r.min == nil && r.max == nil { return .string("unknown") }
            var o: [String: JSONValue] = [:]
            if let lo = r.min { o["min"] = .number(lo) }
            if let hi = r.max { o["max"] = .number(hi) }
            o["minExclusive"] = .bool(r.min != nil && r.minExclusive)
            o["maxExclusive"] = .bool(r.max != nil && r.maxExclusive)
            return .object(o)
        }
    }
}

extension Share {
    /// The share in CSV outputs, as `relationships.csv` states it and the CSV pair reads it back: `60`, `25-50`,
    /// `>25-<50` (exclusive bounds), `>=50`, `<25`, and `unknown` (a blank cell would read as "no share").
    public var csv: String { self == .unknown ? "unknown" : CSVPair.shareText(self) }
}

extension PercentInterval {
    /// A computed percentage in CSV outputs, in the same spelling as ``Share/csv``: `60`, `25-50`, `>25-<50`.
    public var csv: String {
        isExact
            ? Share.exact(lower).csv
            : Share.range(
                ShareRange(min: lower, max: upper, minExclusive: lowerExclusive, maxExclusive: upperExclusive)
            ).csv
    }

    /// A computed percentage (a sum of shares) in the same encoding as ``Share/json``: a number when exact, else
    /// `{"min", "max", "minExclusive", "maxExclusive"}`.
    public var json: JSONValue {
        if isExact { return .number(lower) }
        return [
            "min": .number(lower), "max": .number(upper),
            "minExclusive": .bool(lowerExclusive), "maxExclusive": .bool(upperExclusive),
        ]
    }
}

// MARK: - Target reasons (docs/FORMATS.md "Target reasons in JSON")

extension TargetReason {
    /// The reason as a JSON object: `kind` (`jurisdiction`, `list`, `derived`, `heldBy`) and the case's fields.
    /// A list reason always carries `listed`, `delisted` (null when unknown) and `dateUnknown`.
    public var json: JSONValue {
        switch self {
        case .jurisdiction(let entry, let via):
            return ["kind": "jurisdiction", "jurisdiction": .string(entry), "via": .string(via)]
        case .list(let code, let since, let until, let dateUnknown):
            return [
                "kind": "list", "list": .string(code), "listed": .date(since), "delisted": .date(until),
                "dateUnknown": .bool(dateUnknown),
            ]
        case .derived(let regime, let status, let basis, let by):
            return [
                "kind": "derived", "regime": .string(regime), "status": .string(status.rawValue),
                "basis": .string(basis?.rawValue), "by": .array(by.map { .string($0) }),
            ]
        case .heldBy(let holder, let lists):
            return ["kind": "heldBy", "holder": .string(holder), "lists": .array(lists.map { .string($0) })]
        }
    }
}
