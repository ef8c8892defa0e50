import Foundation

/// A byte range `start..<end` of a ``JSONByteCursor``'s buffer (for a string: its content, without the quotes).
struct JSONSpan: Equatable, Sendable {
    var start: Int
    var end: Int
    var count: Int { end - start }
}

/// Why a ``JSONByteCursor`` stopped, and at which byte (0-based, within the cursor's buffer).
struct JSONCursorError: Error, LocalizedError, Equatable, Sendable {
    enum Reason: UInt8, Sendable {
        case unexpectedEnd, unexpectedByte, controlCharacter, invalidEscape, escapeNotAllowed, invalidUTF8
        case stringTooLong, tooDeep, invalidNumber, invalidLiteral
    }
    var reason: Reason
    var offset: Int

    var errorDescription: String? {
        let what =
            switch reason {
            case .unexpectedEnd: "the text ends inside a JSON value"
            case .unexpectedByte: "unexpected character"
            case .controlCharacter: "control character in a string"
            case .invalidEscape: "invalid escape in a string"
            case .escapeNotAllowed: "an escape where plain text is read"
            case .invalidUTF8: "text that is not UTF-8"
            case .stringTooLong: "text value longer than \(JSONParser.maxStringBytes) bytes"
            case .tooDeep: "nesting deeper than \(JSONParser.maxDepth)"
            case .invalidNumber: "invalid number"
            case .invalidLiteral: "invalid literal (true, false or null expected)"
            }
        return "\(what) at byte \(offset)"
    }
}

/// A cursor over the bytes of one JSON text (an FtM or BODS line), for scanners that read the shape they expect
/// straight from the bytes: whitespace, punctuation, strings (as spans, or unescaped), numbers, literals, and
/// values skipped with strict checking (RFC 8259, strings UTF-8, at most ``JSONParser/maxDepth`` deep).
///
/// Nothing here allocates except ``unescaped(_:)`` (a string holding escapes); errors are typed values with the
/// byte offset, never a trap: every read is bounds-checked against the buffer. The buffer must outlive the cursor.
struct JSONByteCursor {
    let base: UnsafePointer<UInt8>
    let count: Int
    /// The next byte to read.
    var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no address: a placeholder that is never read (every read checks `count`).
        base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)!
        count = bytes.baseAddress == nil ? 0 : bytes.count
    }

    /// An empty cursor (to be replaced by one over a real buffer).
    init() { self.init(UnsafeBufferPointer(start: nil, count: 0)) }

    /// The next byte, 0 at the end.
    @inline(__always) var peek: UInt8 { offset < count ? base[offset] : 0 }
    var atEnd: Bool { offset >= count }

    @inline(__always) func fail(_ reason: JSONCursorError.Reason, at: Int? = nil) -> JSONCursorError {
        JSONCursorError(reason: reason, offset: at ?? offset)
    }

    @inline(__always) mutating func skipWhitespace() {
        while offset < count {
            let c = base[offset]
            guard c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A else { return }
            offset += 1
        }
    }

    /// Consumes `byte` or fails.
    @inline(__always) mutating func expect(_ byte: UInt8) throws(JSONCursorError) {
        guard offset < count else { throw fail(.unexpectedEnd) }
        guard base[offset] == byte else { throw fail(.unexpectedByte) }
        offset += 1
    }

    /// Consumes `{` or `[` (`open`) and the whitespace after it; false when the container is empty (its closing
    /// bracket consumed too).
    @inline(__always) mutating func open(_ open: UInt8) throws(JSONCursorError) -> Bool {
        try expect(open)
        skipWhitespace()
        if peek == (open == 0x7B ? 0x7D : 0x5D) {
            offset += 1
            return false
        }
        return true
    }

    /// After a member or element: whitespace, then `,` (false: more follow) or `close` (true: consumed).
    @inline(__always) mutating func closes(_ close: UInt8) throws(JSONCursorError) -> Bool {
        skipWhitespace()
        guard offset < count else { throw fail(.unexpectedEnd) }
        let c = base[offset]
        if c == close {
            offset += 1
            return true
        }
        guard c == 0x2C else { throw fail(.unexpectedByte) }
        offset += 1
        return false
    }

    /// `:` between a key and its value, with the whitespace around it.
    @inline(__always) mutating func colon() throws(JSONCursorError) {
        skipWhitespace()
        try expect(0x3A)
        skipWhitespace()
    }

    /// `"…"`: the content's span and whether it holds escapes (not checked here: see ``unescaped(_:)``).
    /// Control characters and content over ``JSONParser/maxStringBytes`` fail; UTF-8 is not checked.
    mutating func stringSpan() throws(JSONCursorError) -> (span: JSONSpan, escaped: Bool) {
        try expect(0x22)
        let start = offset
        var escaped = false
        while offset < count {
            let c = base[offset]
            if c == 0x22 {
                if offset - start > JSONParser.maxStringBytes { throw fail(.stringTooLong, at: start) }
                offset += 1
                return (JSONSpan(start: start, end: offset - 1), escaped)
            }
            if c == 0x5C {
                escaped = true
                offset += 2
                continue
            }
            if c < 0x20 { throw fail(.controlCharacter) }
            offset += 1
        }
        throw fail(.unexpectedEnd, at: count)
    }

    /// `"…"` without escapes, valid UTF-8: its content's span.
    mutating func plainString() throws(JSONCursorError) -> JSONSpan {
        try expect(0x22)
        let start = offset
        var high: UInt8 = 0
        while offset < count {
            let c = base[offset]
            if c == 0x22 {
                if offset - start > JSONParser.maxStringBytes { throw fail(.stringTooLong, at: start) }
                let span = JSONSpan(start: start, end: offset)
                if high & 0x80 != 0, let bad = JSONByteCursor.firstInvalidUTF8(base + start, span.count) {
                    throw fail(.invalidUTF8, at: start + bad)
                }
                offset += 1
                return span
            }
            if c == 0x5C { throw fail(.escapeNotAllowed) }
            if c < 0x20 { throw fail(.controlCharacter) }
            high |= c
            offset += 1
        }
        throw fail(.unexpectedEnd)
    }

    /// `"…"` as a `String`, escapes resolved, UTF-8 checked (an invalid byte: `.invalidUTF8` at it, or at the
    /// content's start for a string with escapes).
    mutating func string() throws(JSONCursorError) -> String {
        let (span, escaped) = try stringSpan()
        if escaped { return try unescaped(span) }
        if let bad = JSONByteCursor.firstInvalidUTF8(base + span.start, span.count) {
            throw fail(.invalidUTF8, at: span.start + bad)
        }
        return String(decoding: bytes(span), as: UTF8.self)
    }

    /// The content of a string span holding escapes, resolved as ``JSONParser`` resolves them: a lone or unpaired
    /// surrogate becomes U+FFFD. Raw bytes that are not UTF-8 fail with `.invalidUTF8` at the span's start.
    func unescaped(_ span: JSONSpan) throws(JSONCursorError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(span.count)
        let end = span.end
        var k = span.start
        func hex4(_ at: Int) throws(JSONCursorError) -> UInt32 {
            guard at + 4 <= end else { throw fail(.invalidEscape, at: at) }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = base[j]
                switch c {
                case 0x30...0x39: v = v << 4 | UInt32(c - 0x30)
                case 0x41...0x46: v = v << 4 | UInt32(c - 0x41 + 10)
                case 0x61...0x66: v = v << 4 | UInt32(c - 0x61 + 10)
                default: throw fail(.invalidEscape, at: j)
                }
            }
            return v
        }
        while k < end {
            let c = base[k]
            if c != 0x5C {
                out.append(c)
                k += 1
                continue
            }
            guard k + 1 < end else { throw fail(.invalidEscape, at: k) }
            let e = base[k + 1]
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
                    // A high surrogate must be followed by an escaped low surrogate.
                    if k + 1 < end, base[k] == 0x5C, base[k + 1] == 0x75 {
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
            default: throw fail(.invalidEscape, at: k - 2)
            }
        }
        if let s = String(validating: out, as: UTF8.self) { return s }
        throw fail(.invalidUTF8, at: span.start)
    }

    /// `true` or `false`.
    mutating func literal() throws(JSONCursorError) -> Bool {
        if offset + 4 <= count, memcmp(base + offset, "true", 4) == 0 {
            offset += 4
            return true
        }
        if offset + 5 <= count, memcmp(base + offset, "false", 5) == 0 {
            offset += 5
            return false
        }
        throw fail(.invalidLiteral)
    }

    /// `null`.
    mutating func null() throws(JSONCursorError) {
        guard offset + 4 <= count, memcmp(base + offset, "null", 4) == 0 else { throw fail(.invalidLiteral) }
        offset += 4
    }

    @inline(__always) private mutating func digits() throws(JSONCursorError) {
        guard offset < count, base[offset] >= 0x30, base[offset] <= 0x39 else { throw fail(.invalidNumber) }
        while offset < count, base[offset] >= 0x30, base[offset] <= 0x39 { offset += 1 }
    }

    /// A number (RFC 8259 grammar): its span as written.
    @discardableResult mutating func number() throws(JSONCursorError) -> JSONSpan {
        let start = offset
        if peek == 0x2D { offset += 1 }
        if peek == 0x30 { offset += 1 } else { try digits() }
        if peek == 0x2E {
            offset += 1
            try digits()
        }
        if peek == 0x65 || peek == 0x45 {
            offset += 1
            if peek == 0x2B || peek == 0x2D { offset += 1 }
            try digits()
        }
        return JSONSpan(start: start, end: offset)
    }

    /// Skips one value, checking it is strict JSON with UTF-8 strings, nested below `depth` at most
    /// ``JSONParser/maxDepth`` − 2 deep. With `escapes` false any string holding an escape fails
    /// (`.escapeNotAllowed`): for a scanner that hands such lines over; with it true escapes are resolved and checked.
    mutating func skipValue(escapes: Bool, depth: Int = 0) throws(JSONCursorError) {
        guard depth < JSONParser.maxDepth - 2 else { throw fail(.tooDeep) }
        guard offset < count else { throw fail(.unexpectedEnd) }
        switch peek {
        case 0x22:
            if escapes { _ = try string() } else { _ = try plainString() }
        case 0x7B, 0x5B:
            let bracket = peek
            let object = bracket == 0x7B
            let close: UInt8 = object ? 0x7D : 0x5D
            guard try open(bracket) else { return }
            repeat {
                skipWhitespace()
                if object {
                    if escapes { _ = try stringSpan() } else { _ = try plainString() }
                    try colon()
                }
                try skipValue(escapes: escapes, depth: depth + 1)
            } while try !closes(close)
        case 0x74, 0x66: _ = try literal()
        case 0x6E: try null()
        default: try number()
        }
    }

    /// The bytes of `span`.
    @inline(__always) func bytes(_ span: JSONSpan) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base + span.start, count: span.count)
    }

    /// Whether `span` holds exactly `text`.
    @inline(__always) func equals(_ span: JSONSpan, _ text: StaticString) -> Bool {
        span.count == text.utf8CodeUnitCount && memcmp(base + span.start, text.utf8Start, span.count) == 0
    }

    /// Offset of the first byte of `count` at `q` that does not belong to well-formed UTF-8 (no overlong forms,
    /// surrogates or values past U+10FFFF), or nil.
    static func firstInvalidUTF8(_ q: UnsafePointer<UInt8>, _ count: Int) -> Int? {
        var k = 0
        while k < count {
            let b = q[k]
            if b < 0x80 {
                k += 1
                continue
            }
            func cont(_ j: Int) -> Bool { k + j < count && q[k + j] & 0xC0 == 0x80 }
            if b < 0xC2 { return k }
            if b < 0xE0 {
                guard cont(1) else { return k }
                k += 2
            } else if b < 0xF0 {
                guard cont(1), cont(2) else { return k }
                let b1 = q[k + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { return k }
                k += 3
            } else if b < 0xF5 {
                guard cont(1), cont(2), cont(3) else { return k }
                let b1 = q[k + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { return k }
                k += 4
            } else {
                return k
            }
        }
        return nil
    }

    /// ``firstInvalidUTF8(_:_:)`` over a buffer.
    static func firstInvalidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let q = bytes.baseAddress else { return nil }
        return firstInvalidUTF8(q, bytes.count)
    }
}
