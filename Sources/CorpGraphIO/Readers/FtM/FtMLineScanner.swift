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

    private let p: UnsafePointer<UInt8>
    private let n: Int
    private var i = 0
    private var badColumn = 0

    private init(_ line: UnsafeBufferPointer<UInt8>) {
        p = line.baseAddress!
        n = line.count
    }

    /// Scans `line` (without its line break), found on line `number`.
    static func scan(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> Outcome {
        guard line.count > 0 else { return .other }
        var s = FtMLineScanner(line)
        if let r = s.record(number) { return .record(r) }
        if s.badColumn > 0 { return .invalidUTF8(column: s.badColumn) }
        if let bad = firstInvalidUTF8(line) { return .invalidUTF8(column: bad + 1) }
        return .other
    }

    private struct Fail: Error {}

    private mutating func record(_ line: Int) -> FtMRecord? {
        do {
            var id: String?, schema: String?
            var props = FtMProperties()
            var meta: [String: String] = [:]
            var datasets: [String]?, referents: [String]?
            ws()
            try expect(0x7B)  // {
            ws()
            if peek == 0x7D { return nil }  // {} has no id: the general path says so
            while true {
                ws()
                let key = try keyBytes()
                ws()
                try expect(0x3A)  // :
                ws()
                switch key {
                case .id: if id == nil { id = try string() } else { try skip(0) }
                case .schema: if schema == nil { schema = try string() } else { try skip(0) }
                case .properties: try properties(&props)
                case .meta(let name):
                    if peek == 0x22, meta[name] == nil { meta[name] = try string() } else { try skip(0) }
                case .target:
                    if peek == 0x74 || peek == 0x66, meta["target"] == nil {
                        meta["target"] = try literal() ? "true" : "false"
                    } else {
                        try skip(0)
                    }
                case .datasets: if datasets == nil { datasets = try strings() } else { try skip(0) }
                case .referents: if referents == nil { referents = try strings() } else { try skip(0) }
                case .other: try skip(0)
                }
                ws()
                guard i < n else { throw Fail() }
                let c = p[i]
                i += 1
                if c == 0x7D { break }
                if c != 0x2C { throw Fail() }
            }
            ws()
            guard i == n, let id, !id.isEmpty, let schema, !schema.isEmpty else { return nil }
            return FtMRecord(
                id: id, schema: schema, props: props, line: line, meta: meta,
                datasets: datasets ?? [], referents: referents ?? [])
        } catch {
            return nil
        }
    }

    private var peek: UInt8 { i < n ? p[i] : 0 }

    @inline(__always) private mutating func ws() {
        while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
    }

    @inline(__always) private mutating func expect(_ c: UInt8) throws(Fail) {
        guard i < n, p[i] == c else { throw Fail() }
        i += 1
    }

    /// The top-level keys the reader uses.
    private enum Key { case id, schema, properties, meta(String), target, datasets, referents, other }

    private mutating func keyBytes() throws(Fail) -> Key {
        let (start, end, escaped) = try stringSpan()
        if escaped { return .other }
        let len = end - start
        func eq(_ s: StaticString) -> Bool {
            s.utf8CodeUnitCount == len && memcmp(p + start, s.utf8Start, len) == 0
        }
        switch len {
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

    /// `"…"`: the content's bounds, and whether it holds escapes. Control characters and over-long fields fail.
    private mutating func stringSpan() throws(Fail) -> (Int, Int, Bool) {
        guard i < n, p[i] == 0x22 else { throw Fail() }
        i += 1
        let start = i
        var escaped = false
        while i < n {
            let c = p[i]
            if c == 0x22 {
                if i - start > JSONParser.maxStringBytes { throw Fail() }
                i += 1
                return (start, i - 1, escaped)
            }
            if c == 0x5C {
                escaped = true
                i += 2
                continue
            }
            if c < 0x20 { throw Fail() }
            i += 1
        }
        throw Fail()
    }

    private mutating func string() throws(Fail) -> String {
        let (start, end, escaped) = try stringSpan()
        if !escaped {
            if let s = String(validating: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self) {
                return s
            }
            badColumn =
                start
                + (FtMLineScanner.firstInvalidUTF8(UnsafeBufferPointer(start: p + start, count: end - start)) ?? 0) + 1
            throw Fail()
        }
        return try unescape(start, end)
    }

    private mutating func unescape(_ start: Int, _ end: Int) throws(Fail) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var k = start
        func hex4(_ at: Int) throws(Fail) -> UInt32 {
            guard at + 4 <= end else { throw Fail() }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = p[j]
                switch c {
                case 0x30...0x39: v = v << 4 | UInt32(c - 0x30)
                case 0x41...0x46: v = v << 4 | UInt32(c - 0x41 + 10)
                case 0x61...0x66: v = v << 4 | UInt32(c - 0x61 + 10)
                default: throw Fail()
                }
            }
            return v
        }
        while k < end {
            let c = p[k]
            if c != 0x5C { out.append(c); k += 1; continue }
            guard k + 1 < end else { throw Fail() }
            let e = p[k + 1]
            k += 2
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4(k)
                k += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate (as JSONParser reads it).
                    if k + 1 < end, p[k] == 0x5C, p[k + 1] == 0x75 {
                        let low = try hex4(k + 2)
                        k += 6
                        scalar =
                            (0xDC00..<0xE000).contains(low)
                            ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: throw Fail()
            }
        }
        if let s = String(validating: out, as: UTF8.self) { return s }
        badColumn = start + 1
        throw Fail()
    }

    /// `true` or `false`.
    private mutating func literal() throws(Fail) -> Bool {
        if i + 4 <= n, memcmp(p + i, "true", 4) == 0 { i += 4; return true }
        if i + 5 <= n, memcmp(p + i, "false", 5) == 0 { i += 5; return false }
        throw Fail()
    }

    /// A string or an array: its strings (other elements left out), as ``ParsedJSON/strings`` reads them.
    private mutating func strings() throws(Fail) -> [String] {
        if peek == 0x22 { return [try string()] }
        guard peek == 0x5B else { try skip(0); return [] }
        i += 1
        var out: [String] = []
        ws()
        if peek == 0x5D { i += 1; return out }
        while true {
            ws()
            if peek == 0x22 { out.append(try string()) } else { try skip(1) }
            ws()
            guard i < n else { throw Fail() }
            let c = p[i]
            i += 1
            if c == 0x5D { return out }
            if c != 0x2C { throw Fail() }
        }
    }

    /// `"properties": {"name": ["…"], …}`: strings and numbers; anything else goes to the general path.
    private mutating func properties(_ props: inout FtMProperties) throws(Fail) {
        try expect(0x7B)
        ws()
        if peek == 0x7D { i += 1; return }
        while true {
            ws()
            let key = try string()
            ws()
            try expect(0x3A)
            ws()
            var values: [String] = []
            switch peek {
            case 0x5B:
                i += 1
                ws()
                if peek == 0x5D {
                    i += 1
                } else {
                    while true {
                        ws()
                        values.append(try scalarText())
                        ws()
                        guard i < n else { throw Fail() }
                        let c = p[i]
                        i += 1
                        if c == 0x5D { break }
                        if c != 0x2C { throw Fail() }
                    }
                }
            default:
                values.append(try scalarText())
            }
            props.set(key, values)
            ws()
            guard i < n else { throw Fail() }
            let c = p[i]
            i += 1
            if c == 0x7D { return }
            if c != 0x2C { throw Fail() }
        }
    }

    /// A string, or a number as written.
    private mutating func scalarText() throws(Fail) -> String {
        if peek == 0x22 { return try string() }
        let start = i
        try number()
        return String(decoding: UnsafeBufferPointer(start: p + start, count: i - start), as: UTF8.self)
    }

    private mutating func number() throws(Fail) {
        if peek == 0x2D { i += 1 }
        guard i < n, p[i] >= 0x30, p[i] <= 0x39 else { throw Fail() }
        if p[i] == 0x30 { i += 1 } else { while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 } }
        if peek == 0x2E {
            i += 1
            guard i < n, p[i] >= 0x30, p[i] <= 0x39 else { throw Fail() }
            while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        }
        if peek == 0x65 || peek == 0x45 {
            i += 1
            if peek == 0x2B || peek == 0x2D { i += 1 }
            guard i < n, p[i] >= 0x30, p[i] <= 0x39 else { throw Fail() }
            while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
        }
    }

    /// Skips one value, checking it is strict JSON (strings checked for UTF-8 too), nested at most
    /// ``JSONParser/maxDepth`` deep.
    private mutating func skip(_ depth: Int) throws(Fail) {
        guard depth < JSONParser.maxDepth - 2 else { throw Fail() }
        switch peek {
        case 0x22:
            let (start, end, escaped) = try stringSpan()
            if escaped {
                _ = try unescape(start, end)
            } else if let bad = FtMLineScanner.firstInvalidUTF8(
                UnsafeBufferPointer(start: p + start, count: end - start))
            {
                badColumn = start + bad + 1
                throw Fail()
            }
        case 0x7B, 0x5B:
            let close: UInt8 = peek == 0x7B ? 0x7D : 0x5D
            let object = peek == 0x7B
            i += 1
            ws()
            if peek == close { i += 1; return }
            while true {
                ws()
                if object {
                    _ = try stringSpan()
                    ws()
                    try expect(0x3A)
                    ws()
                }
                try skip(depth + 1)
                ws()
                guard i < n else { throw Fail() }
                let c = p[i]
                i += 1
                if c == close { return }
                if c != 0x2C { throw Fail() }
            }
        case 0x74, 0x66: _ = try literal()
        case 0x6E:
            guard i + 4 <= n, memcmp(p + i, "null", 4) == 0 else { throw Fail() }
            i += 4
        default: try number()
        }
    }

    /// Offset of the first byte that is not valid UTF-8, or nil.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var it = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): offset += UTF8.width(s)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
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
