import CorpGraph
import Foundation

/// A parsed JSON value that keeps what the format readers need and Foundation's `JSONSerialization` loses:
/// numbers as their exact source text (shares are exact decimals), `true`/`false` distinct from `1`/`0`,
/// object key order, and the line each value starts on (for error messages).
enum ParsedJSON: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written (`50`, `50.5`, `1e2`).
    case number(String)
    case string(String)
    case array([ParsedJSON])
    case object(ParsedJSONObject)

    /// JSON Schema type name, for messages ("expected string, got number").
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    var string: String? { if case .string(let s) = self { return s }; return nil }
    var object: ParsedJSONObject? { if case .object(let o) = self { return o }; return nil }
    var array: [ParsedJSON]? { if case .array(let a) = self { return a }; return nil }
    var bool: Bool? { if case .bool(let b) = self { return b }; return nil }
    var numberText: String? { if case .number(let n) = self { return n }; return nil }

    /// `["a", "b"]` → `["a", "b"]`; a single string → `[it]`; anything else → `[]`.
    var strings: [String] {
        switch self {
        case .string(let s): return [s]
        case .array(let a): return a.compactMap(\.string)
        default: return []
        }
    }

    /// Short text for messages: strings quoted, containers summarised.
    var brief: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return "\"" + (s.count > 40 ? String(s.prefix(40)) + "…" : s) + "\""
        case .array(let a): return "an array of \(a.count)"
        case .object: return "an object"
        }
    }
}

/// A JSON object with its keys in source order. Lookup is linear: format records have few keys.
struct ParsedJSONObject: Hashable, Sendable {
    var entries: [(key: String, value: ParsedJSON)]
    /// 1-based line where the object's `{` was read (0 when built in code).
    var line: Int

    init(_ entries: [(key: String, value: ParsedJSON)] = [], line: Int = 0) {
        self.entries = entries
        self.line = line
    }

    subscript(key: String) -> ParsedJSON? {
        for e in entries where e.key == key { return e.value }
        return nil
    }

    var keys: [String] { entries.map(\.key) }

    static func == (a: ParsedJSONObject, b: ParsedJSONObject) -> Bool {
        a.entries.count == b.entries.count
            && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    func hash(into h: inout Hasher) {
        h.combine(entries.count)
        for e in entries { h.combine(e.key); h.combine(e.value) }
    }
}

extension ArraySlice where Element == UInt8 {
    /// Whether the bytes of `needle` occur in the slice, in a row.
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard count >= needle.count else { return false }
        return withUnsafeBufferPointer { hay in
            var i = 0
            let last = hay.count - needle.count
            while i <= last {
                if hay[i] == first {
                    var j = 1
                    while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                    if j == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
