import Foundation

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
        var key: JSONSpan
        var first: Int
        var count: Int
    }

    private(set) var id = JSONSpan(start: 0, end: 0)
    private(set) var schema = JSONSpan(start: 0, end: 0)
    private(set) var properties: [Property] = []
    private(set) var values: [JSONSpan] = []
    private var c = JSONByteCursor()

    init() {
        properties.reserveCapacity(16)
        values.reserveCapacity(32)
    }

    /// Reads `line`; false when the line is not of the simple shape (nothing about it is reported here).
    mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.baseAddress != nil, line.count > 0 else { return false }
        c = JSONByteCursor(line)
        properties.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        do { return try object() } catch { return false }
    }

    /// Bytes of `span` within the current line.
    func bytes(_ span: JSONSpan) -> UnsafeBufferPointer<UInt8> { c.bytes(span) }

    /// Whether `span` holds exactly `text`.
    func equals(_ span: JSONSpan, _ text: StaticString) -> Bool { c.equals(span, text) }

    /// The first byte of `span` (0 when empty).
    func firstByte(_ span: JSONSpan) -> UInt8 { span.count > 0 ? c.base[span.start] : 0 }

    /// `span` as a `String` (valid UTF-8: checked by the scan).
    func string(_ span: JSONSpan) -> String { String(decoding: bytes(span), as: UTF8.self) }

    /// Whether every byte of `span` is ASCII.
    func isASCII(_ span: JSONSpan) -> Bool {
        for k in span.start..<span.end where c.base[k] >= 0x80 { return false }
        return true
    }

    private mutating func object() throws(JSONCursorError) -> Bool {
        var seen: UInt8 = 0  // id, schema, properties
        c.skipWhitespace()
        try c.expect(0x7B)
        c.skipWhitespace()
        if c.peek == 0x7D { return false }
        repeat {
            c.skipWhitespace()
            let key = try c.plainString()
            try c.colon()
            let len = key.count
            func eq(_ s: StaticString) -> Bool { equals(key, s) }
            if len == 2, eq("id") {
                guard seen & 1 == 0 else { return false }
                seen |= 1
                id = try c.plainString()
            } else if len == 6, eq("schema") {
                guard seen & 2 == 0 else { return false }
                seen |= 2
                schema = try c.plainString()
            } else if len == 10, eq("properties") {
                guard seen & 4 == 0 else { return false }
                seen |= 4
                try props()
            } else if eq("caption") || eq("datasets") || eq("referents") || eq("first_seen") || eq("last_seen")
                || eq("last_change") || eq("target")
            {
                return false
            } else {
                try c.skipValue(escapes: false)
            }
        } while try !c.closes(0x7D)
        c.skipWhitespace()
        return c.atEnd && seen & 3 == 3 && id.count > 0 && schema.count > 0
    }

    /// `{"key": ["…", …], …}`: string arrays only.
    private mutating func props() throws(JSONCursorError) {
        guard try c.open(0x7B) else { return }
        repeat {
            c.skipWhitespace()
            let key = try c.plainString()
            for q in properties
            where q.key.count == key.count && memcmp(c.base + q.key.start, c.base + key.start, key.count) == 0 {
                throw c.fail(.unexpectedByte, at: key.start)  // a repeated key: the general path keeps the last one
            }
            try c.colon()
            let first = values.count
            if try c.open(0x5B) {
                repeat {
                    c.skipWhitespace()
                    values.append(try c.plainString())
                } while try !c.closes(0x5D)
            }
            properties.append(Property(key: key, first: first, count: values.count - first))
        } while try !c.closes(0x7D)
    }
}
