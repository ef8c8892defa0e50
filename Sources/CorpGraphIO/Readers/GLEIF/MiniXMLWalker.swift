import Foundation

extension MiniXML {
    /// The state of one walk over a document: the position, the line, the open elements (as name ranges).
    struct Walker {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0
        var line = 1
        var open: [Range<Int>] = []
        var sawRoot = false

        init(b: UnsafeBufferPointer<UInt8>) { self.b = b }

        var n: Int { b.count }

        func fail(_ message: String) -> Failure { Failure(line: line, message: "not well-formed XML: " + message) }

        @inline(__always) static func isNameStart(_ c: UInt8) -> Bool {
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c >= 0x80
        }
        @inline(__always) static func isNameChar(_ c: UInt8) -> Bool {
            isNameStart(c) || (c >= 48 && c <= 57) || c == 45 || c == 46 || c == 58
        }
        @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

        func starts(_ s: StaticString, at k: Int) -> Bool {
            let count = s.utf8CodeUnitCount
            guard k + count <= n else { return false }
            let u = s.utf8Start
            for j in 0..<count where b[k + j] != u[j] { return false }
            return true
        }

        /// Skips to just after `terminator`, counting lines; false when the input ends first.
        mutating func skip(past terminator: StaticString) -> Bool {
            let count = terminator.utf8CodeUnitCount
            let first = terminator.utf8Start[0]
            while i + count <= n {
                if b[i] == first && starts(terminator, at: i) { i += count; return true }
                if b[i] == 10 { line += 1 }
                i += 1
            }
            return false
        }

        /// A name with at most one colon, each part starting with a name-start character.
        mutating func name() -> Range<Int>? {
            guard i < n, Self.isNameStart(b[i]) else { return nil }
            let s = i
            var colons = 0
            while i < n, Self.isNameChar(b[i]) {
                if b[i] == 58 {
                    colons += 1
                    guard colons == 1, i + 1 < n, Self.isNameStart(b[i + 1]) else { return nil }
                }
                i += 1
            }
            return s..<i
        }

        func slice(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: b[r]) }

        func string(_ r: Range<Int>) -> String { String(decoding: slice(r), as: UTF8.self) }

        func hasReference(_ r: Range<Int>) -> Bool {
            guard !r.isEmpty else { return false }
            return memchr(b.baseAddress! + r.lowerBound, 38, r.count) != nil
        }

        /// The offset of the next `<` at or after `i`, or `n`; the newlines before it are counted.
        mutating func advanceToMarkup() {
            guard i < n else { return }
            let base = b.baseAddress!
            let to =
                memchr(base + i, 60, n - i).map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base }
                ?? n
            var k = i
            while k < to {
                if base[k] == 10 { line += 1 }
                k += 1
            }
            i = to
        }

        mutating func run<E: MiniXMLEvents>(_ events: inout E) -> Failure? {
            var textStart = 0
            while i < n {
                guard b[i] == 60 else {
                    advanceToMarkup()
                    continue
                }
                if textStart < i {
                    let raw = textStart..<i
                    if open.isEmpty {
                        if slice(raw).contains(where: { !Self.isSpace($0) }) {
                            return fail("text outside the root element")
                        }
                    } else if hasReference(raw) {
                        guard let t = MiniXML.decode(slice(raw)) else {
                            return fail("unknown or malformed entity reference in text")
                        }
                        events.text(raw: raw, decoded: t)
                    } else {
                        events.text(raw: raw, decoded: nil)
                    }
                }
                if let failure = markup(&events) { return failure }
                textStart = i
            }
            if let last = open.last { return fail("document ends inside element '\(string(last))'") }
            if !sawRoot { return fail("no root element") }
            return nil
        }

        /// Reads the markup at `i` (a `<`).
        mutating func markup<E: MiniXMLEvents>(_ events: inout E) -> Failure? {
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
                events.cdata(s..<(i - 3))
            } else if starts("<!", at: i) {
                return fail("DOCTYPE and other declarations are not accepted")
            } else if i + 1 < n && b[i + 1] == 47 {
                i += 2
                guard let nm = name() else { return fail("malformed end-tag name") }
                while i < n, Self.isSpace(b[i]) {
                    if b[i] == 10 { line += 1 }
                    i += 1
                }
                guard i < n, b[i] == 62 else { return fail("expected '>' after the end-tag name") }
                i += 1
                guard let top = open.popLast(), top.count == nm.count,
                    memcmp(b.baseAddress! + top.lowerBound, b.baseAddress! + nm.lowerBound, nm.count) == 0
                else {
                    return fail("end tag '\(string(nm))' does not match the open element")
                }
                events.end(name: nm, offset: i)
            } else {
                return startTag(&events)
            }
            return nil
        }

        mutating func startTag<E: MiniXMLEvents>(_ events: inout E) -> Failure? {
            i += 1
            guard let nm = name() else { return fail("malformed element name") }
            if open.isEmpty && sawRoot { return fail("a second root element") }
            sawRoot = true
            let startLine = line
            var selfClosing = false
            while true {
                while i < n, Self.isSpace(b[i]) {
                    if b[i] == 10 { line += 1 }
                    i += 1
                }
                guard i < n else { return fail("document ends inside a start tag") }
                if b[i] == 62 { i += 1; break }
                if b[i] == 47 {
                    guard i + 1 < n, b[i + 1] == 62 else { return fail("expected '>' after '/'") }
                    i += 2
                    selfClosing = true
                    break
                }
                guard name() != nil else { return fail("malformed attribute name") }
                // Newlines around '=' are not counted (as always: line numbers stay what they were).
                while i < n, Self.isSpace(b[i]) { i += 1 }
                guard i < n, b[i] == 61 else { return fail("expected '=' after an attribute name") }
                i += 1
                while i < n, Self.isSpace(b[i]) { i += 1 }
                guard i < n, b[i] == 34 || b[i] == 39 else { return fail("expected a quoted attribute value") }
                let quote = b[i]
                i += 1
                let s = i
                while i < n, b[i] != quote {
                    if b[i] == 60 { return fail("'<' in an attribute value") }
                    if b[i] == 10 { line += 1 }
                    i += 1
                }
                guard i < n else { return fail("unterminated attribute value") }
                if hasReference(s..<i), MiniXML.decode(slice(s..<i)) == nil {
                    return fail("malformed entity reference in an attribute")
                }
                i += 1
            }
            events.start(name: nm, line: startLine)
            if selfClosing { events.end(name: nm, offset: i) } else { open.append(nm) }
            return nil
        }
    }
}
