import CorpGraph
import Foundation

/// GLEIF XML → the JSON shape of the golden-copy JSON files: one object per record element, child elements as
/// keys (namespace prefixes dropped), `Xs` wrapping repeated `X` children as arrays, leaves as strings.
enum XMLRecords {
    struct Failure: Error { var line: Int; var message: String }

    static let recordElements: Set<String> = ["RelationshipRecord", "Exception", "LEIRecord"]

    /// Invalid UTF-8 or a control character XML 1.0 forbids (anything below U+0020 but tab, CR, LF), with its line.
    static func precheck(_ bytes: [UInt8]) -> Failure? {
        bytes.withUnsafeBufferPointer { b -> Failure? in
            // The first problem in the document: a control character in the valid UTF-8 before the first invalid
            // byte, else that byte. Bytes below 0x80 are whole scalars in UTF-8, so the control check is by byte.
            let invalid = Bytes.invalidUTF8Offset(b)
            let end = invalid ?? b.count
            func line(_ offset: Int) -> Int { 1 + b[0..<offset].reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
            for k in 0..<end where b[k] < 0x20 && b[k] != 0x09 && b[k] != 0x0A && b[k] != 0x0D {
                return Failure(
                    line: line(k),
                    message:
                        "not well-formed XML: control character U+\(String(format: "%04X", UInt32(b[k]))) is not allowed in XML 1.0"
                )
            }
            if let invalid { return Failure(line: line(invalid), message: "not well-formed XML: invalid UTF-8") }
            return nil
        }
    }

    /// The records of an XML file; `recordEnd` hears the offset past each record's end tag. Relationship records
    /// of the usual shape are read straight from the bytes (``XMLRelationshipScanner``); any other record becomes
    /// the JSON-shaped tree.
    static func parse(_ bytes: [UInt8], recordEnd: ((Int) -> Void)? = nil) -> Result<[GLEIFRecord], Failure> {
        if let problem = precheck(bytes) { return .failure(problem) }
        return bytes.withUnsafeBufferPointer { b in
            var scanner = XMLRelationshipScanner(bytes: b)
            scanner.recordEnd = recordEnd
            if let failure = MiniXML.walk(b, &scanner) {
                return .failure(Failure(line: failure.line, message: failure.message))
            }
            return .success(scanner.records)
        }
    }

    /// The records of an XML file, each as the JSON-shaped tree (the general path, without the scanner).
    static func parseTrees(_ bytes: [UInt8], lineOffset: Int = 0, recordEnd: ((Int) -> Void)? = nil) -> Result<
        [(line: Int, value: ParsedJSONObject)], Failure
    > {
        if let problem = precheck(bytes) { return .failure(problem) }
        let collector = Collector()
        collector.recordEnd = recordEnd
        collector.lineOffset = lineOffset
        if let failure = MiniXML.parse(bytes, start: collector.start, text: collector.text, endAt: collector.end) {
            return .failure(Failure(line: failure.line + lineOffset, message: failure.message))
        }
        return .success(collector.records)
    }

    final class Node {
        var name: String
        var line: Int
        var children: [Node] = []
        var text = ""
        init(name: String, line: Int) {
            self.name = name
            self.line = line
        }
        var value: ParsedJSON {
            if children.isEmpty { return .string(text.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if children.allSatisfy({ $0.name == children[0].name }) && name == children[0].name + "s" {
                return .array(children.map(\.value))
            }
            var entries: [(key: String, value: ParsedJSON)] = []
            for c in children { entries.append((c.name, c.value)) }
            return .object(ParsedJSONObject(entries, line: line))
        }
    }

    /// Builds one JSON-shaped record per record element, keeping the start line.
    final class Collector {
        var stack: [Node] = []
        var records: [(line: Int, value: ParsedJSONObject)] = []
        /// Added to every line (a record read on its own, from its first line).
        var lineOffset = 0

        func start(_ elementName: String, _ line: Int) {
            let local =
                elementName.lastIndex(of: ":").map { String(elementName[elementName.index(after: $0)...]) }
                ?? elementName
            if !stack.isEmpty || XMLRecords.recordElements.contains(local) {
                stack.append(Node(name: local, line: line + lineOffset))
            }
        }

        func text(_ string: String) {
            stack.last?.text += string
        }

        var recordEnd: ((Int) -> Void)?

        func end(_ elementName: String, _ offset: Int) {
            guard let node = stack.popLast() else { return }
            if let parent = stack.last {
                parent.children.append(node)
            } else {
                if case .object(let o) = node.value { records.append((node.line, o)) }
                recordEnd?(offset)
            }
        }
    }
}
