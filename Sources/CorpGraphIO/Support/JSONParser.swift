import CorpGraph
import Foundation

/// A JSON syntax error with its place.
struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String
    var description: String { "line \(line), column \(column): \(message)" }
}

/// A strict RFC 8259 parser over UTF-8 bytes. Depth is bounded so hostile input cannot exhaust the stack.
/// Text that is not UTF-8 does not stop the parse: it is noted in ``textProblems`` (with its place) for the reader
/// to leave out the record holding it.
struct JSONParser {
    private let bytes: [UInt8]
    private var i = 0
    private(set) var line = 1
    private var lineStart = 0
    private var depth = 0
    /// Text values and keys that are not UTF-8, in document order.
    private(set) var textProblems: [JSONTextProblem] = []
    /// Told the offset just past each object closed at ``recordDepth`` (a reader's records, for its progress).
    var recordEnd: ((Int) -> Void)?
    var recordDepth = 0
    static let maxDepth = 512
    /// Longest string value accepted (bytes): a larger field is refused, not loaded.
    static let maxStringBytes = 1 << 20

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        // Skip a UTF-8 byte-order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    /// Parses one complete document (trailing whitespace allowed, nothing else). Text that is not UTF-8 is replaced
    /// by U+FFFD: for trusted data only (bundled tables); readers of user input use the form with `textProblems`.
    static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> ParsedJSON {
        var ignored: [JSONTextProblem] = []
        return try parse(bytes, textProblems: &ignored)
    }

    /// Parses one complete document; text values and keys that are not UTF-8 are added to `textProblems`.
    /// `recordEnd` hears the offset past each object closed at nesting depth `recordDepth` (1: the document).
    static func parse(
        _ bytes: [UInt8], textProblems: inout [JSONTextProblem], recordDepth: Int = 0,
        recordEnd: ((Int) -> Void)? = nil
    ) throws(JSONSyntaxError) -> ParsedJSON {
        var p = JSONParser(bytes)
        p.recordDepth = recordDepth
        p.recordEnd = recordEnd
        let v = try p.parseValue()
        p.skipWhitespace()
        if p.i < p.bytes.count { throw p.error("unexpected text after the JSON value") }
        textProblems += p.textProblems
        return v
    }

    /// Parses a top-level array and returns its elements with the line each starts on.
    /// Returns `nil` (without consuming) when the document is not an array.
    static func parseArrayElements(_ bytes: [UInt8]) throws(JSONSyntaxError) -> [(line: Int, value: ParsedJSON)]? {
        var ignored: [JSONTextProblem] = []
        return try parseArrayElements(bytes, textProblems: &ignored)
    }

    /// ``parseArrayElements(_:)``, adding text that is not UTF-8 to `textProblems` (each path starts with the
    /// element's index); `elementEnd` hears the offset just past each element.
    static func parseArrayElements(
        _ bytes: [UInt8], textProblems: inout [JSONTextProblem], elementEnd: ((Int) -> Void)? = nil
    ) throws(JSONSyntaxError) -> [(line: Int, value: ParsedJSON)]? {
        var p = JSONParser(bytes)
        p.skipWhitespace()
        guard p.i < p.bytes.count, p.bytes[p.i] == UInt8(ascii: "[") else { return nil }
        p.i += 1
        p.depth = 1
        var out: [(line: Int, value: ParsedJSON)] = []
        p.skipWhitespace()
        if p.peek == UInt8(ascii: "]") {
            p.i += 1
        } else {
            while true {
                p.skipWhitespace()
                let line = p.line
                let noted = p.textProblems.count
                out.append((line, try p.parseValue()))
                p.note(.index(out.count - 1), since: noted)
                elementEnd?(p.i)
                p.skipWhitespace()
                guard let c = p.peek else { throw p.error("unterminated array") }
                p.i += 1
                if c == UInt8(ascii: "]") { break }
                if c != UInt8(ascii: ",") { throw p.error("expected ',' or ']' in array") }
            }
        }
        p.skipWhitespace()
        if p.i < p.bytes.count { throw p.error("unexpected text after the JSON value") }
        textProblems += p.textProblems
        return out
    }

    /// Puts `step` in front of the paths of the text problems noted since `count` (the value just parsed held them).
    @inline(__always)
    private mutating func note(_ step: JSONTextProblem.Step, since count: Int) {
        guard textProblems.count > count else { return }
        for k in count..<textProblems.count { textProblems[k].path.insert(step, at: 0) }
    }

    /// Notes the first byte of `text` (which starts at byte `start` of the input) that is not UTF-8, if any.
    private mutating func checkUTF8<C: Collection>(_ text: C, start: Int) where C.Element == UInt8 {
        let bad =
            text.withContiguousStorageIfAvailable { Bytes.invalidUTF8Offset($0) }
            ?? Array(text).withUnsafeBufferPointer { Bytes.invalidUTF8Offset($0) }
        guard let bad else { return }
        let byte = text[text.index(text.startIndex, offsetBy: bad)]
        textProblems.append(JSONTextProblem(line: line, column: start + bad - lineStart + 1, byte: byte))
    }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(line: line, column: i - lineStart + 1, message: message)
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0D: i += 1
            case 0x0A: i += 1; line += 1; lineStart = i
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONSyntaxError) -> ParsedJSON {
        skipWhitespace()
        guard let c = peek else { throw error("unexpected end of input") }
        switch c {
        case UInt8(ascii: "{"): return .object(try parseObject())
        case UInt8(ascii: "["):
            depth += 1
            if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth)") }
            defer { depth -= 1 }
            i += 1
            var items: [ParsedJSON] = []
            skipWhitespace()
            if peek == UInt8(ascii: "]") { i += 1; return .array(items) }
            while true {
                let noted = textProblems.count
                items.append(try parseValue())
                note(.index(items.count - 1), since: noted)
                skipWhitespace()
                guard let d = peek else { throw error("unterminated array") }
                i += 1
                if d == UInt8(ascii: "]") { return .array(items) }
                if d != UInt8(ascii: ",") { throw error("expected ',' or ']' in array") }
            }
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character '\(Character(Unicode.Scalar(c)))'")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> ParsedJSONObject {
        depth += 1
        if depth > JSONParser.maxDepth { throw error("nesting deeper than \(JSONParser.maxDepth)") }
        defer { depth -= 1 }
        let startLine = line
        i += 1
        var entries: [(key: String, value: ParsedJSON)] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") { i += 1; return ParsedJSONObject(entries, line: startLine) }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a quoted key in object") }
            let noted = textProblems.count
            let key = try parseString()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after key \"\(key)\"") }
            i += 1
            entries.append((key, try parseValue()))
            note(.key(key), since: noted)
            skipWhitespace()
            guard let d = peek else { throw error("unterminated object") }
            i += 1
            if d == UInt8(ascii: "}") {
                if depth == recordDepth, let recordEnd { recordEnd(i) }
                return ParsedJSONObject(entries, line: startLine)
            }
            if d != UInt8(ascii: ",") { throw error("expected ',' or '}' in object") }
        }
    }

    private mutating func literal(_ word: String) throws(JSONSyntaxError) {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count else { throw error("unexpected end of input") }
        for k in 0..<w.count where bytes[i + k] != w[k] { throw error("invalid literal") }
        i += w.count
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        guard let first = peek, first >= 0x30, first <= 0x39 else { throw error("invalid number") }
        if first == 0x30 { i += 1 } else { while let c = peek, c >= 0x30, c <= 0x39 { i += 1 } }
        if peek == UInt8(ascii: ".") {
            i += 1
            guard let c = peek, c >= 0x30, c <= 0x39 else { throw error("invalid number: digit expected after '.'") }
            while let c = peek, c >= 0x30, c <= 0x39 { i += 1 }
        }
        if let e = peek, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            i += 1
            if let s = peek, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i += 1 }
            guard let c = peek, c >= 0x30, c <= 0x39 else { throw error("invalid number: digit expected in exponent") }
            while let c = peek, c >= 0x30, c <= 0x39 { i += 1 }
        }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        i += 1
        let start = i
        var high: UInt8 = 0
        // Fast path: no escapes.
        while i < bytes.count {
            let c = bytes[i]
            if i - start > JSONParser.maxStringBytes {
                throw error(
                    "text value longer than \(JSONParser.maxStringBytes) bytes; refusing an absurdly long field")
            }
            if c == UInt8(ascii: "\"") {
                if high >= 0x80 { checkUTF8(bytes[start..<i], start: start) }
                let s = String(decoding: bytes[start..<i], as: UTF8.self)
                i += 1
                return s
            }
            if c == UInt8(ascii: "\\") { break }
            if c < 0x20 { throw error("control character in string") }
            high |= c
            i += 1
        }
        // Raw bytes before the first escape are checked here, later ones run by run; escapes only add valid UTF-8.
        let noted = textProblems.count
        if high >= 0x80 { checkUTF8(bytes[start..<i], start: start) }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in string") }
            if out.count > JSONParser.maxStringBytes {
                throw error(
                    "text value longer than \(JSONParser.maxStringBytes) bytes; refusing an absurdly long field")
            }
            if c >= 0x80 {
                // A run of non-ASCII bytes holds whole UTF-8 sequences when it is valid: check it as one.
                var j = i + 1
                while j < bytes.count, bytes[j] >= 0x80 { j += 1 }
                if textProblems.count == noted { checkUTF8(bytes[i..<j], start: i) }
                out.append(contentsOf: bytes[i..<j])
                i = j
                continue
            }
            if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
            i += 1
            guard let e = peek else { break }
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00..<0xE000).contains(scalar) {
                    scalar = 0xFFFD
                }
                let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw error("invalid escape '\\\(Character(Unicode.Scalar(e)))'")
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}

/// Splits JSON-lines input into (1-based line number, bytes) for each non-blank line.
func jsonLines(_ bytes: [UInt8]) -> [(line: Int, bytes: ArraySlice<UInt8>)] {
    var out: [(line: Int, bytes: ArraySlice<UInt8>)] = []
    var start = 0
    var line = 1
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
    var k = start
    func flush(_ end: Int) {
        var e = end
        if e > start, bytes[e - 1] == 0x0D { e -= 1 }
        let slice = bytes[start..<e]
        if slice.contains(where: { $0 != 0x20 && $0 != 0x09 }) { out.append((line, slice)) }
    }
    while k < bytes.count {
        if bytes[k] == 0x0A {
            flush(k)
            line += 1
            start = k + 1
        }
        k += 1
    }
    if start < bytes.count { flush(bytes.count) }
    return out
}
