import CorpGraph
/// A strict, small XML 1.0 reader for the GLEIF golden-copy files: elements, attributes, text, character and the five
/// predefined entity references, comments, processing instructions and CDATA. No DTD (a `<!DOCTYPE` is refused, so
/// no entity expansion), no external anything.
///
/// It replaces Foundation's `XMLParser`, which on Linux crashes the process on some malformed input (libxml2 hands
/// it null names; found by fuzzing). Every malformation is a ``MiniXML/Failure`` with its line.
enum MiniXML {
    struct Failure: Error, Sendable {
        var line: Int
        var message: String
    }

    /// Walks `bytes`, calling `start(name, line)`, `text(string)` and `end(name)`; names keep their prefix.
    static func parse(
        _ bytes: [UInt8], start: (String, Int) -> Void, text: (String) -> Void,
        end: (String) -> Void
    ) -> Failure? {
        parse(bytes, start: start, text: text, endAt: { name, _ in end(name) })
    }

    /// ``parse(_:start:text:end:)``, telling `endAt` the offset just past each end tag (or empty-element tag).
    static func parse(
        _ bytes: [UInt8], start: (String, Int) -> Void, text: (String) -> Void,
        endAt end: (String, Int) -> Void
    ) -> Failure? {
        var i = 0
        var line = 1
        var open: [ArraySlice<UInt8>] = []
        var sawRoot = false
        let n = bytes.count
        func fail(_ message: String) -> Failure { Failure(line: line, message: "not well-formed XML: " + message) }
        func isNameStart(_ b: UInt8) -> Bool { (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b >= 0x80 }
        func isNameChar(_ b: UInt8) -> Bool { isNameStart(b) || (b >= 48 && b <= 57) || b == 45 || b == 46 || b == 58 }
        func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        func starts(_ s: StaticString, at k: Int) -> Bool {
            let count = s.utf8CodeUnitCount
            guard k + count <= n else { return false }
            let u = s.utf8Start
            for j in 0..<count where bytes[k + j] != u[j] { return false }
            return true
        }
        /// Skips to just after `terminator`, counting lines; false when the input ends first.
        func skip(past terminator: StaticString) -> Bool {
            let count = terminator.utf8CodeUnitCount
            let first = terminator.utf8Start[0]
            while i + count <= n {
                if bytes[i] == first && starts(terminator, at: i) { i += count; return true }
                if bytes[i] == 10 { line += 1 }
                i += 1
            }
            return false
        }
        /// A name with at most one colon, each part starting with a name-start character.
        func name() -> ArraySlice<UInt8>? {
            guard i < n, isNameStart(bytes[i]) else { return nil }
            let s = i
            var colons = 0
            while i < n, isNameChar(bytes[i]) {
                if bytes[i] == 58 {
                    colons += 1
                    guard colons == 1, i + 1 < n, isNameStart(bytes[i + 1]) else { return nil }
                }
                i += 1
            }
            return bytes[s..<i]
        }
        /// Decodes text with entity and character references.
        func decode(_ raw: ArraySlice<UInt8>) -> String? {
            guard raw.contains(38) else { return String(decoding: raw, as: UTF8.self) }
            var out = [UInt8]()
            var k = raw.startIndex
            while k < raw.endIndex {
                guard raw[k] == 38 else { out.append(raw[k]); k += 1; continue }
                guard let semi = raw[k...].firstIndex(of: 59), semi - k <= 10 else { return nil }
                let ref = String(decoding: raw[(k + 1)..<semi], as: UTF8.self)
                switch ref {
                case "amp": out.append(38)
                case "lt": out.append(60)
                case "gt": out.append(62)
                case "quot": out.append(34)
                case "apos": out.append(39)
                default:
                    guard ref.hasPrefix("#") else { return nil }
                    let digits = ref.dropFirst()
                    let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                    guard let value, let scalar = Unicode.Scalar(value), value != 0 else { return nil }
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                }
                k = semi + 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        var textStart = 0
        while i < n {
            guard bytes[i] == 60 else {
                if bytes[i] == 10 { line += 1 }
                i += 1
                continue
            }
            if textStart < i {
                let raw = bytes[textStart..<i]
                if open.isEmpty {
                    if raw.contains(where: { !isSpace($0) }) { return fail("text outside the root element") }
                } else {
                    guard let t = decode(raw) else { return fail("unknown or malformed entity reference in text") }
                    text(t)
                }
            }
            if starts("<?", at: i) {
                i += 2
                guard skip(past: "?>") else { return fail("unterminated processing instruction") }
            } else if starts("<!--", at: i) {
                i += 4
                guard skip(past: "-->") else { return fail("unterminated comment") }
            } else if starts("<![CDATA[", at: i) {
                guard !open.isEmpty else { return fail("CDATA outside the root element") }
                i += 9
                let s = i
                guard skip(past: "]]>") else { return fail("unterminated CDATA section") }
                text(String(decoding: bytes[s..<(i - 3)], as: UTF8.self))
            } else if starts("<!", at: i) {
                return fail("DOCTYPE and other declarations are not accepted")
            } else if starts("</", at: i) {
                i += 2
                guard let nm = name() else { return fail("malformed end-tag name") }
                while i < n, isSpace(bytes[i]) { if bytes[i] == 10 { line += 1 }; i += 1 }
                guard i < n, bytes[i] == 62 else { return fail("expected '>' after the end-tag name") }
                i += 1
                guard let top = open.popLast(), top.elementsEqual(nm) else {
                    return fail("end tag '\(String(decoding: nm, as: UTF8.self))' does not match the open element")
                }
                end(String(decoding: nm, as: UTF8.self), i)
            } else {
                i += 1
                guard let nm = name() else { return fail("malformed element name") }
                if open.isEmpty && sawRoot { return fail("a second root element") }
                sawRoot = true
                let startLine = line
                var selfClosing = false
                while true {
                    while i < n, isSpace(bytes[i]) { if bytes[i] == 10 { line += 1 }; i += 1 }
                    guard i < n else { return fail("document ends inside a start tag") }
                    if bytes[i] == 62 { i += 1; break }
                    if bytes[i] == 47 {
                        guard i + 1 < n, bytes[i + 1] == 62 else { return fail("expected '>' after '/'") }
                        i += 2
                        selfClosing = true
                        break
                    }
                    guard name() != nil else { return fail("malformed attribute name") }
                    while i < n, isSpace(bytes[i]) { i += 1 }
                    guard i < n, bytes[i] == 61 else { return fail("expected '=' after an attribute name") }
                    i += 1
                    while i < n, isSpace(bytes[i]) { i += 1 }
                    guard i < n, bytes[i] == 34 || bytes[i] == 39 else {
                        return fail("expected a quoted attribute value")
                    }
                    let quote = bytes[i]
                    i += 1
                    let s = i
                    while i < n, bytes[i] != quote {
                        if bytes[i] == 60 { return fail("'<' in an attribute value") }
                        if bytes[i] == 10 { line += 1 }
                        i += 1
                    }
                    guard i < n else { return fail("unterminated attribute value") }
                    guard decode(bytes[s..<i]) != nil else { return fail("malformed entity reference in an attribute") }
                    i += 1
                }
                start(String(decoding: nm, as: UTF8.self), startLine)
                if selfClosing { end(String(decoding: nm, as: UTF8.self), i) } else { open.append(nm) }
            }
            textStart = i
        }
        if !open.isEmpty {
            return fail("document ends inside element '\(String(decoding: open.last!, as: UTF8.self))'")
        }
        if !sawRoot { return fail("no root element") }
        return nil
    }
}
