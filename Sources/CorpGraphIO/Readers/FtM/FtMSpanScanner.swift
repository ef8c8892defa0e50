import Foundation

/// A byte range within one line.
struct FtMSpan {
    var start: Int
    var end: Int
    var count: Int { end - start }
}

/// The common shape of an FtM line as byte ranges, for the fast path (``FtMFastPath``): no `String`, no array per
/// record (the scanner's arrays are reused from line to line).
///
/// It takes only lines it can read completely and simply: strict JSON, every string valid UTF-8 and (for `id`,
/// `schema`, property keys and values) free of escapes, `properties` an object of string arrays, each top-level key
/// once, none of the OpenSanctions metadata keys (`caption`, `datasets`, `referents`, `first_seen`, `last_seen`,
/// `last_change`, `target`). Anything else is left to ``FtMLineScanner`` and the general path, which have the
/// messages for it.
struct FtMSpanScanner {
    /// One property: its key and its values (`values[first..<first + count]`).
    struct Property {
        var key: FtMSpan
        var first: Int
        var count: Int
    }

    private(set) var id = FtMSpan(start: 0, end: 0)
    private(set) var schema = FtMSpan(start: 0, end: 0)
    private(set) var properties: [Property] = []
    private(set) var values: [FtMSpan] = []
    private var p: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    private var n = 0
    private var i = 0

    init() {
        properties.reserveCapacity(16)
        values.reserveCapacity(32)
    }

    private struct Fail: Error {}

    /// Reads `line`; false when the line is not of the simple shape (nothing about it is reported here).
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = line.baseAddress, line.count > 0 else { return false }
        p = base
        n = line.count
        i = 0
        properties.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        do { return try object() } catch { return false }
    }

    /// Bytes of `span` within the current line.
    func bytes(_ span: FtMSpan) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: p + span.start, count: span.count)
    }

    /// Whether `span` holds exactly `text`.
    func equals(_ span: FtMSpan, _ text: StaticString) -> Bool {
        span.count == text.utf8CodeUnitCount && memcmp(p + span.start, text.utf8Start, span.count) == 0
    }

    /// The first byte of `span` (0 when empty).
    func firstByte(_ span: FtMSpan) -> UInt8 { span.count > 0 ? p[span.start] : 0 }

    /// `span` as a `String` (valid UTF-8: checked by the scan).
    func string(_ span: FtMSpan) -> String { String(decoding: bytes(span), as: UTF8.self) }

    /// Whether every byte of `span` is ASCII.
    func isASCII(_ span: FtMSpan) -> Bool {
        for k in span.start..<span.end where p[k] >= 0x80 { return false }
        return true
    }

    private var peek: UInt8 { i < n ? p[i] : 0 }

    @inline(__always) private mutating func ws() {
        while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0D || p[i] == 0x0A { i += 1 }
    }

    @inline(__always) private mutating func expect(_ c: UInt8) throws(Fail) {
        guard i < n, p[i] == c else { throw Fail() }
        i += 1
    }

    private mutating func object() throws(Fail) -> Bool {
        var seen: UInt8 = 0  // id, schema, properties
        ws()
        try expect(0x7B)
        ws()
        if peek == 0x7D { return false }
        while true {
            ws()
            let key = try plainString()
            ws()
            try expect(0x3A)
            ws()
            let len = key.count
            func eq(_ s: StaticString) -> Bool { equals(key, s) }
            if len == 2, eq("id") {
                guard seen & 1 == 0 else { return false }
                seen |= 1
                id = try plainString()
            } else if len == 6, eq("schema") {
                guard seen & 2 == 0 else { return false }
                seen |= 2
                schema = try plainString()
            } else if len == 10, eq("properties") {
                guard seen & 4 == 0 else { return false }
                seen |= 4
                try props()
            } else if eq("caption") || eq("datasets") || eq("referents") || eq("first_seen") || eq("last_seen")
                || eq("last_change") || eq("target")
            {
                return false
            } else {
                try skip(0)
            }
            ws()
            guard i < n else { throw Fail() }
            let c = p[i]
            i += 1
            if c == 0x7D { break }
            if c != 0x2C { throw Fail() }
        }
        ws()
        return i == n && seen & 3 == 3 && id.count > 0 && schema.count > 0
    }

    /// `"…"` without escapes, valid UTF-8: its content.
    private mutating func plainString() throws(Fail) -> FtMSpan {
        guard i < n, p[i] == 0x22 else { throw Fail() }
        i += 1
        let start = i
        var high: UInt8 = 0
        while i < n {
            let c = p[i]
            if c == 0x22 {
                if i - start > JSONParser.maxStringBytes { throw Fail() }
                let span = FtMSpan(start: start, end: i)
                i += 1
                if high & 0x80 != 0, !FtMSpanScanner.isValidUTF8(p + start, span.count) { throw Fail() }
                return span
            }
            if c == 0x5C || c < 0x20 { throw Fail() }
            high |= c
            i += 1
        }
        throw Fail()
    }

    /// `{"key": ["…", …], …}`: string arrays only.
    private mutating func props() throws(Fail) {
        try expect(0x7B)
        ws()
        if peek == 0x7D { i += 1; return }
        while true {
            ws()
            let key = try plainString()
            for q in properties where q.key.count == key.count && memcmp(p + q.key.start, p + key.start, key.count) == 0
            {
                throw Fail()  // a repeated key: the general path keeps the last one
            }
            ws()
            try expect(0x3A)
            ws()
            try expect(0x5B)
            let first = values.count
            ws()
            if peek == 0x5D {
                i += 1
            } else {
                while true {
                    ws()
                    values.append(try plainString())
                    ws()
                    guard i < n else { throw Fail() }
                    let c = p[i]
                    i += 1
                    if c == 0x5D { break }
                    if c != 0x2C { throw Fail() }
                }
            }
            properties.append(Property(key: key, first: first, count: values.count - first))
            ws()
            guard i < n else { throw Fail() }
            let c = p[i]
            i += 1
            if c == 0x7D { return }
            if c != 0x2C { throw Fail() }
        }
    }

    /// Skips one value, checking it is strict JSON; any escape or invalid UTF-8 hands the line over.
    private mutating func skip(_ depth: Int) throws(Fail) {
        guard depth < JSONParser.maxDepth - 2 else { throw Fail() }
        switch peek {
        case 0x22: _ = try plainString()
        case 0x7B, 0x5B:
            let close: UInt8 = peek == 0x7B ? 0x7D : 0x5D
            let object = peek == 0x7B
            i += 1
            ws()
            if peek == close { i += 1; return }
            while true {
                ws()
                if object {
                    _ = try plainString()
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
        case 0x74:
            guard i + 4 <= n, memcmp(p + i, "true", 4) == 0 else { throw Fail() }
            i += 4
        case 0x66:
            guard i + 5 <= n, memcmp(p + i, "false", 5) == 0 else { throw Fail() }
            i += 5
        case 0x6E:
            guard i + 4 <= n, memcmp(p + i, "null", 4) == 0 else { throw Fail() }
            i += 4
        default: try number()
        }
    }

    private mutating func digits() throws(Fail) {
        guard i < n, p[i] >= 0x30, p[i] <= 0x39 else { throw Fail() }
        while i < n, p[i] >= 0x30, p[i] <= 0x39 { i += 1 }
    }

    private mutating func number() throws(Fail) {
        if peek == 0x2D { i += 1 }
        if peek == 0x30 { i += 1 } else { try digits() }
        if peek == 0x2E { i += 1; try digits() }
        if peek == 0x65 || peek == 0x45 {
            i += 1
            if peek == 0x2B || peek == 0x2D { i += 1 }
            try digits()
        }
    }

    /// Whether `count` bytes at `q` are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ q: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            let b = q[k]
            if b < 0x80 { k += 1; continue }
            func cont(_ j: Int) -> Bool { k + j < count && q[k + j] & 0xC0 == 0x80 }
            if b < 0xC2 { return false }
            if b < 0xE0 {
                guard cont(1) else { return false }
                k += 2
            } else if b < 0xF0 {
                guard cont(1), cont(2) else { return false }
                let b1 = q[k + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { return false }
                k += 3
            } else if b < 0xF5 {
                guard cont(1), cont(2), cont(3) else { return false }
                let b1 = q[k + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { return false }
                k += 4
            } else {
                return false
            }
        }
        return true
    }
}
