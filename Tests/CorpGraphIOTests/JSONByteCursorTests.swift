import CorpGraphTestSupport
import Foundation
import Testing

@testable import CorpGraphIO

/// The shared JSON byte cursor: strings with escapes and surrogates, numbers, skipped values, and every malformed
/// input giving a typed error at its byte, never a trap.
@Suite struct JSONByteCursorTests {
    /// Runs `body` on a cursor over `bytes`.
    func on<T>(_ bytes: [UInt8], _ body: (inout JSONByteCursor) throws(JSONCursorError) -> T) -> Result<
        T, JSONCursorError
    > {
        bytes.withUnsafeBufferPointer { buffer in
            var c = JSONByteCursor(buffer)
            do throws(JSONCursorError) { return .success(try body(&c)) } catch { return .failure(error) }
        }
    }

    func on<T>(_ text: String, _ body: (inout JSONByteCursor) throws(JSONCursorError) -> T) -> Result<
        T, JSONCursorError
    > {
        on(Array(text.utf8), body)
    }

    func failure<T>(_ r: Result<T, JSONCursorError>) -> JSONCursorError? {
        if case .failure(let e) = r { return e }
        return nil
    }

    @Test func readsStringsWithEscapes() throws {
        #expect(try on(#""plain""#) { (c) throws(JSONCursorError) in try c.string() }.get() == "plain")
        #expect(
            try on(#""a\"b\\c\/d\b\f\n\r\te""#) { (c) throws(JSONCursorError) in try c.string() }.get()
                == "a\"b\\c/d\u{08}\u{0C}\n\r\te")
        #expect(try on(#""\u00e9\u4E2D""#) { (c) throws(JSONCursorError) in try c.string() }.get() == "é中")
        // A surrogate pair is one scalar; a lone or unpaired surrogate becomes U+FFFD, as JSONParser reads it.
        #expect(try on(#""\ud83d\ude00""#) { (c) throws(JSONCursorError) in try c.string() }.get() == "😀")
        #expect(try on(#""x\udc00y""#) { (c) throws(JSONCursorError) in try c.string() }.get() == "x\u{FFFD}y")
        #expect(try on(#""\ud800z""#) { (c) throws(JSONCursorError) in try c.string() }.get() == "\u{FFFD}z")
        #expect(try on(#""\ud800\u0041""#) { (c) throws(JSONCursorError) in try c.string() }.get() == "\u{FFFD}")
        // The span and whether it holds escapes; the cursor ends past the closing quote.
        let r = try on(#"  "a\nb" ,"#) { (c) throws(JSONCursorError) in
            c.skipWhitespace()
            let s = try c.stringSpan()
            return (s.span, s.escaped, c.offset)
        }.get()
        #expect(r.0 == JSONSpan(start: 3, end: 7) && r.1 && r.2 == 8)
    }

    @Test func plainStringsRefuseEscapesAndInvalidUTF8() {
        #expect(
            failure(on(#""a\nb""#) { (c) throws(JSONCursorError) in try c.plainString() })
                == .init(reason: .escapeNotAllowed, offset: 2))
        #expect(
            failure(on([0x22, 0x61, 0xC3, 0x28, 0x22]) { (c) throws(JSONCursorError) in try c.plainString() })
                == .init(reason: .invalidUTF8, offset: 2))
        #expect(
            failure(on([0x22, 0x61, 0xED, 0xA0, 0x80, 0x22]) { (c) throws(JSONCursorError) in try c.plainString() })?
                .reason == .invalidUTF8)  // an encoded surrogate
        #expect(
            failure(on([0x22, 0xC0, 0xAF, 0x22]) { (c) throws(JSONCursorError) in try c.plainString() })?.reason
                == .invalidUTF8)  // overlong
        let ok = on("\"Βéta 😀\"") { (c) throws(JSONCursorError) in try c.plainString() }
        #expect((try? ok.get()) == JSONSpan(start: 1, end: 12))
    }

    @Test func malformedInputGivesTypedErrorsWithTheirByte() {
        func stringError(_ bytes: [UInt8]) -> JSONCursorError? {
            failure(on(bytes) { (c) throws(JSONCursorError) in try c.string() })
        }
        func stringError(_ text: String) -> JSONCursorError? { stringError(Array(text.utf8)) }
        #expect(stringError(#""abc"#) == .init(reason: .unexpectedEnd, offset: 4))
        #expect(stringError(#""ab\"#) == .init(reason: .unexpectedEnd, offset: 4))
        #expect(stringError("\"a\tb\"") == .init(reason: .controlCharacter, offset: 2))
        #expect(stringError(#""a\qb""#) == .init(reason: .invalidEscape, offset: 2))
        #expect(stringError(#""\u12G4""#) == .init(reason: .invalidEscape, offset: 5))
        #expect(stringError(#""\u12""#) == .init(reason: .invalidEscape, offset: 3))
        #expect(stringError(#"x"#) == .init(reason: .unexpectedByte, offset: 0))
        #expect(stringError([]) == .init(reason: .unexpectedEnd, offset: 0))
        #expect(stringError([0x22, 0x61, 0x62, 0xFF, 0x22]) == .init(reason: .invalidUTF8, offset: 3))
        // With escapes, the string's start is named.
        #expect(stringError([0x22, 0x5C, 0x6E, 0xFF, 0x22]) == .init(reason: .invalidUTF8, offset: 1))
        let long = [0x22] + [UInt8](repeating: 0x61, count: JSONParser.maxStringBytes + 1) + [0x22]
        #expect(stringError(long) == .init(reason: .stringTooLong, offset: 1))
        #expect(
            failure(on("tru") { (c) throws(JSONCursorError) in try c.literal() })
                == .init(reason: .invalidLiteral, offset: 0))
        #expect(
            failure(on("nul") { (c) throws(JSONCursorError) in try c.null() })
                == .init(reason: .invalidLiteral, offset: 0))
        #expect(
            failure(on("[1 2]") { (c) throws(JSONCursorError) in try c.skipValue(escapes: true) })
                == .init(reason: .unexpectedByte, offset: 3))
        #expect(
            failure(on("{\"a\" 1}") { (c) throws(JSONCursorError) in try c.skipValue(escapes: true) })
                == .init(reason: .unexpectedByte, offset: 5))
        #expect(
            failure(on("[1,") { (c) throws(JSONCursorError) in try c.skipValue(escapes: true) })
                == .init(reason: .unexpectedEnd, offset: 3))
        #expect(
            failure(on("{\"k\":\"\\n\"}") { (c) throws(JSONCursorError) in try c.skipValue(escapes: false) })?.reason
                == .escapeNotAllowed)
        let deep =
            String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(failure(on(deep) { (c) throws(JSONCursorError) in try c.skipValue(escapes: true) })?.reason == .tooDeep)
        #expect(
            JSONCursorError(reason: .invalidUTF8, offset: 7).localizedDescription == "text that is not UTF-8 at byte 7")
    }

    @Test func numbersFollowTheGrammar() {
        for good in ["0", "-0", "12", "-3.25", "1e9", "2E-3", "6.02e+23"] {
            let r = on(good + ",") { (c) throws(JSONCursorError) in try c.number() }
            #expect((try? r.get()) == JSONSpan(start: 0, end: good.utf8.count), "\(good)")
        }
        for bad in ["-", "1.", ".5", "1e", "1e+", "+1", "x"] {
            #expect(
                failure(on(bad) { (c) throws(JSONCursorError) in try c.number() })?.reason == .invalidNumber, "\(bad)")
        }
        // A leading zero ends the number: the next byte is left for the caller.
        #expect((try? on("012") { (c) throws(JSONCursorError) in try c.number() }.get()) == JSONSpan(start: 0, end: 1))
    }

    @Test func skipsValuesAndWalksContainers() throws {
        let text = #"{"a": [1, -2.5e3, true, false, null, "x\u0041", {"b": {}}, []], "c": "d"} tail"#
        let end = try on(text) { (c) throws(JSONCursorError) in
            try c.skipValue(escapes: true)
            return c.offset
        }.get()
        #expect(end == text.utf8.count - 5)
        // open / closes / colon read an object member by member.
        let keys = try on(#"{ "k" : 1 , "l":[ ] }"#) { (c) throws(JSONCursorError) in
            var keys: [String] = []
            guard try c.open(0x7B) else { return keys }
            repeat {
                c.skipWhitespace()
                keys.append(try c.string())
                try c.colon()
                try c.skipValue(escapes: false)
            } while try !c.closes(0x7D)
            return keys
        }.get()
        #expect(keys == ["k", "l"])
        #expect(try on("{ }") { (c) throws(JSONCursorError) in try c.open(0x7B) }.get() == false)
        #expect(try on("[]") { (c) throws(JSONCursorError) in try c.open(0x5B) }.get() == false)
    }

    @Test func randomBytesNeverTrap() {
        var rng = SplitMix64(seed: 19)
        let alphabet: [UInt8] =
            Array(#"{}[]:,"\u0123456789-+.eEtruefalsn "#.utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xA9, 0xED, 0xF0, 0xFF]
        var accepted = 0
        for _ in 0..<3000 {
            let bytes = (0..<Int(rng.next() % 24)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            for escapes in [true, false] {
                let r = on(bytes) { (c) throws(JSONCursorError) in
                    c.skipWhitespace()
                    try c.skipValue(escapes: escapes)
                    return c.offset
                }
                switch r {
                case .success(let end):
                    accepted += 1
                    #expect(end <= bytes.count)
                case .failure(let e): #expect(e.offset >= 0 && e.offset <= bytes.count)
                }
            }
        }
        #expect(accepted > 0)
    }

    @Test func utf8CheckAgreesWithTheStandardLibrary() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<5000 {
            let bytes = (0..<Int(rng.next() % 8)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let ours = bytes.withUnsafeBufferPointer { JSONByteCursor.firstInvalidUTF8($0) }
            #expect((ours == nil) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
