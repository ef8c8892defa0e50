import CorpGraph
import Foundation

/// What ``MiniXML/walk(_:_:)`` reports while it reads a document, as byte offsets into the input.
protocol MiniXMLEvents {
    /// A start tag (or empty-element tag): the name's bytes (prefix included) and the tag's line.
    mutating func start(name: Range<Int>, line: Int)
    /// Character data of an open element: its raw bytes and, when they hold references, the decoded text.
    mutating func text(raw: Range<Int>, decoded: String?)
    /// The contents of a CDATA section.
    mutating func cdata(_ raw: Range<Int>)
    /// An end tag (or the end of an empty-element tag): the name's bytes and the offset just past the tag.
    mutating func end(name: Range<Int>, offset: Int)
}

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
        bytes.withUnsafeBufferPointer { b in
            withoutActuallyEscaping(start) { start in
                withoutActuallyEscaping(text) { text in
                    withoutActuallyEscaping(end) { end in
                        var events = StringEvents(bytes: b, start: start, text: text, end: end)
                        return walk(b, &events)
                    }
                }
            }
        }
    }

    /// The string callbacks of ``parse(_:start:text:endAt:)`` as events.
    private struct StringEvents: MiniXMLEvents {
        let bytes: UnsafeBufferPointer<UInt8>
        let start: (String, Int) -> Void
        let text: (String) -> Void
        let end: (String, Int) -> Void
        func string(_ r: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[r]), as: UTF8.self)
        }
        mutating func start(name: Range<Int>, line: Int) { start(string(name), line) }
        mutating func text(raw: Range<Int>, decoded: String?) { text(decoded ?? string(raw)) }
        mutating func cdata(_ raw: Range<Int>) { text(string(raw)) }
        mutating func end(name: Range<Int>, offset: Int) { end(string(name), offset) }
    }

    /// Decodes text with entity and character references; `nil` for an unknown or malformed reference.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        var out = [UInt8]()
        var k = 0
        while k < raw.count {
            guard raw[k] == 38 else { out.append(raw[k]); k += 1; continue }
            guard let semi = raw[k...].firstIndex(of: 59), semi - k <= 10 else { return nil }
            let ref = String(decoding: UnsafeBufferPointer(rebasing: raw[(k + 1)..<semi]), as: UTF8.self)
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

    /// Walks `b`, reporting to `events`; the first malformation ends the walk and is returned.
    static func walk<E: MiniXMLEvents>(_ b: UnsafeBufferPointer<UInt8>, _ events: inout E) -> Failure? {
        var walker = Walker(b: b)
        return walker.run(&events)
    }
}
