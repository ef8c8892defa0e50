import CorpGraph
import Foundation

/// A byte-level scanner for one FtM JSON line, straight into an ``FtMRecord``: no parsed tree, no per-record
/// dictionaries, strings made once from the line's bytes (validated as UTF-8 as they are made).
///
/// It reads the shape FtM exports have (an object with string `id`/`schema`, `properties` of string arrays, the
/// OpenSanctions metadata) and validates everything else it skips as strict JSON. Anything else (a syntax error,
/// a non-string property value, nesting past the limit, a field over 1 MiB) gives ``Outcome/other``: the caller then
/// parses the line with the general ``JSONParser``, whose messages and warnings say what is wrong.
struct FtMLineScanner {
    enum Outcome {
        case record(FtMRecord)
        /// Invalid UTF-8 at this 1-based column.
        case invalidUTF8(column: Int)
        case other
    }

    private var c: JSONByteCursor
    private var badColumn = 0

    private init(_ line: UnsafeBufferPointer<UInt8>) { c = JSONByteCursor(line) }

    /// Scans `line` (without its line break), found on line `number`.
    static func scan(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> Outcome {
        guard line.count > 0 else { return .other }
        var s = FtMLineScanner(line)
        if let r = s.record(number) { return .record(r) }
        if s.badColumn > 0 { return .invalidUTF8(column: s.badColumn) }
        if let bad = JSONByteCursor.firstInvalidUTF8(line) { return .invalidUTF8(column: bad + 1) }
        return .other
    }

    private mutating func record(_ line: Int) -> FtMRecord? {
        do {
            return try fields(line)
        } catch {
            if error.reason == .invalidUTF8 { badColumn = error.offset + 1 }
            return nil
        }
    }

    private mutating func fields(_ line: Int) throws(JSONCursorError) -> FtMRecord? {
        var id: String?, schema: String?
        var props = FtMProperties()
        var meta: [String: String] = [:]
        var datasets: [String]?, referents: [String]?
        c.skipWhitespace()
        try c.expect(0x7B)  // {
        c.skipWhitespace()
        if c.peek == 0x7D { return nil }  // {} has no id: the general path says so
        repeat {
            c.skipWhitespace()
            let key = try self.key()
            try c.colon()
            switch key {
            case .id: if id == nil { id = try c.string() } else { try c.skipValue(escapes: true) }
            case .schema: if schema == nil { schema = try c.string() } else { try c.skipValue(escapes: true) }
            case .properties: try properties(&props)
            case .meta(let name):
                if c.peek == 0x22, meta[name] == nil {
                    meta[name] = try c.string()
                } else {
                    try c.skipValue(escapes: true)
                }
            case .target:
                if c.peek == 0x74 || c.peek == 0x66, meta["target"] == nil {
                    meta["target"] = try c.literal() ? "true" : "false"
                } else {
                    try c.skipValue(escapes: true)
                }
            case .datasets: if datasets == nil { datasets = try strings() } else { try c.skipValue(escapes: true) }
            case .referents: if referents == nil { referents = try strings() } else { try c.skipValue(escapes: true) }
            case .other: try c.skipValue(escapes: true)
            }
        } while try !c.closes(0x7D)
        c.skipWhitespace()
        guard c.atEnd, let id, !id.isEmpty, let schema, !schema.isEmpty else { return nil }
        return FtMRecord(
            id: id, schema: schema, props: props, line: line, meta: meta,
            datasets: datasets ?? [], referents: referents ?? [])
    }

    /// The top-level keys the reader uses.
    private enum Key { case id, schema, properties, meta(String), target, datasets, referents, other }

    private mutating func key() throws(JSONCursorError) -> Key {
        let (span, escaped) = try c.stringSpan()
        if escaped { return .other }
        func eq(_ s: StaticString) -> Bool { c.equals(span, s) }
        switch span.count {
        case 2: return eq("id") ? .id : .other
        case 6: return eq("schema") ? .schema : eq("target") ? .target : .other
        case 7: return eq("caption") ? .meta("caption") : .other
        case 8: return eq("datasets") ? .datasets : .other
        case 9: return eq("referents") ? .referents : eq("last_seen") ? .meta("last_seen") : .other
        case 10: return eq("properties") ? .properties : eq("first_seen") ? .meta("first_seen") : .other
        case 11: return eq("last_change") ? .meta("last_change") : .other
        default: return .other
        }
    }

    /// A string or an array: its strings (other elements left out), as ``ParsedJSON/strings`` reads them.
    private mutating func strings() throws(JSONCursorError) -> [String] {
        if c.peek == 0x22 { return [try c.string()] }
        guard c.peek == 0x5B else {
            try c.skipValue(escapes: true)
            return []
        }
        var out: [String] = []
        guard try c.open(0x5B) else { return out }
        repeat {
            c.skipWhitespace()
            if c.peek == 0x22 { out.append(try c.string()) } else { try c.skipValue(escapes: true, depth: 1) }
        } while try !c.closes(0x5D)
        return out
    }

    /// `"properties": {"name": ["…"], …}`: strings and numbers; anything else goes to the general path.
    private mutating func properties(_ props: inout FtMProperties) throws(JSONCursorError) {
        guard try c.open(0x7B) else { return }
        repeat {
            c.skipWhitespace()
            let key = try c.string()
            try c.colon()
            var values: [String] = []
            if c.peek == 0x5B {
                if try c.open(0x5B) {
                    repeat {
                        c.skipWhitespace()
                        values.append(try scalarText())
                    } while try !c.closes(0x5D)
                }
            } else {
                values.append(try scalarText())
            }
            props.set(key, values)
        } while try !c.closes(0x7D)
    }

    /// A string, or a number as written.
    private mutating func scalarText() throws(JSONCursorError) -> String {
        if c.peek == 0x22 { return try c.string() }
        return String(decoding: c.bytes(try c.number()), as: UTF8.self)
    }
}

/// A record's properties in source order, looked up linearly (records have a handful); a repeated key keeps its
/// last value, as a dictionary would.
struct FtMProperties: Sequence {
    private(set) var keys: [String] = []
    private(set) var values: [[String]] = []

    subscript(key: String) -> [String]? {
        for k in keys.indices where keys[k] == key { return values[k] }
        return nil
    }

    mutating func set(_ key: String, _ v: [String]) {
        for k in keys.indices where keys[k] == key { values[k] = v; return }
        keys.append(key)
        values.append(v)
    }

    func makeIterator() -> Zip2Sequence<[String], [[String]]>.Iterator { zip(keys, values).makeIterator() }
}
