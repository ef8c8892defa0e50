import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

/// Invalid UTF-8 in JSON inputs (issue #12): the record holding it is left out and reported with file, line and
/// field, as the CSV reader does; nothing is loaded with U+FFFD in place of the bytes.
@Suite struct InvalidUTF8Tests {
    /// `a\xFF\xFEb`: the bytes the issue reproduced.
    static let bad: [UInt8] = [0x61, 0xFF, 0xFE, 0x62]

    func file(_ name: String, _ parts: [[UInt8]]) -> String { temp(name, parts.flatMap { $0 }) }
    func text(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func parserNotesTheFirstBadByteWithItsPlaceAndGoesOn() throws {
        var problems: [JSONTextProblem] = []
        let bytes =
            text("{\"a\": [1, {\"name\": \"") + Self.bad + text("\"}],\n \"k\u{e9}\": \"ok \\u00e9 ") + [0xC3]
            + text(" x\"}")
        let v = try JSONParser.parse(bytes, textProblems: &problems)
        #expect(v.object?["a"]?.array?.count == 2)
        #expect(problems.map(\.field) == ["a[1].name", "k\u{e9}"])
        #expect(problems.map(\.line) == [1, 2])
        #expect(problems.map(\.byte) == [0xFF, 0xC3])
        #expect(problems[0].message == "expected UTF-8 text, found invalid byte 0xFF at column 22")
        // A valid multi-byte text after an escape is not a problem; a truncated sequence is.
        var none: [JSONTextProblem] = []
        _ = try JSONParser.parse(text("[\"\\n\u{e9}\u{4e2d}\", \"\u{1F600}\"]"), textProblems: &none)
        #expect(none.isEmpty)
        var truncated: [JSONTextProblem] = []
        _ = try JSONParser.parseArrayElements(
            text("[\"ok\",\n\"x") + [0xE4, 0xB8] + text("\"]"), textProblems: &truncated)
        #expect(truncated.map(\.field) == ["[1]"])
        #expect(truncated.map(\.element) == [1])
        #expect(truncated.map(\.line) == [2])
    }

    @Test func ftmLineWithInvalidBytesIsLeftOutWithFileLineAndField() throws {
        let path = file(
            "bad.ftm.json",
            [
                text("{\"id\":\"c1\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Clean Co\"]}}\n"),
                text("{\"id\":\"c2\",\"schema\":\"Company\",\"properties\":{\"name\":[\""), Self.bad, text("\"]}}\n"),
                text(
                    "{\"id\":\"o1\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"c1\"],\"asset\":[\"c2\"],\"percentage\":[\"50\"]}}\n"
                ),
            ])
        let d = try DatasetLoader.load([path], options: LoadOptions(format: .ftm))
        #expect(d.graph.entityCount == 1)
        #expect(d.graph.index(of: "c2") == nil)
        #expect(
            d.diagnostics.map(\.description) == [
                "\(path):2 (c2): error: properties.name[0]: expected UTF-8 text, found invalid byte 0xFF at column 55 (line left out)",
                "\(path):3 (o1): error: target: entity 'c2' was left out (at \(path):2 (c2)); relationship left out because its entity was rejected",
            ])
        #expect(d.diagnostics.first?.reason == .invalidEncoding)
        #expect(d.diagnostics.first?.effect == .leftOut)
        #expect(d.leftOutCount == 2)
        #expect(!(0..<d.graph.entityCount).contains { d.graph.entity($0).name.contains("\u{FFFD}") })
    }

    @Test func bodsStatementWithInvalidBytesIsLeftOutWithFileLineAndField() throws {
        let path = file(
            "bad.bods.json",
            [
                text(
                    "[\n{\"statementId\":\"s1\",\"recordId\":\"e1\",\"recordType\":\"entity\",\"statementDate\":\"2024-01-01\",\n"
                ),
                text(
                    " \"recordDetails\":{\"isComponent\":false,\"entityType\":{\"type\":\"registeredEntity\"},\"name\":\""
                ), Self.bad,
                text(
                    "\"},\"publicationDetails\":{\"publicationDate\":\"2024-01-01\",\"bodsVersion\":\"0.4\",\"publisher\":{\"name\":\"x\"}}},\n"
                ),
                text(
                    "{\"statementId\":\"s2\",\"recordId\":\"e2\",\"recordType\":\"entity\",\"statementDate\":\"2024-01-01\",\n"
                ),
                text(
                    " \"recordDetails\":{\"isComponent\":false,\"entityType\":{\"type\":\"registeredEntity\"},\"name\":\"Good Ltd\""
                ),
                text(
                    "},\"publicationDetails\":{\"publicationDate\":\"2024-01-01\",\"bodsVersion\":\"0.4\",\"publisher\":{\"name\":\"x\"}}}\n]\n"
                ),
            ])
        let d = try DatasetLoader.load([path], options: LoadOptions(format: .bods))
        #expect(d.graph.index(of: "e1") == nil)
        #expect(
            d.diagnostics.filter { $0.reason == .invalidEncoding }.map(\.description) == [
                "\(path):3 (s1): error: recordDetails.name: statement 's1': expected UTF-8 text, found invalid byte 0xFF at column 89 (statement left out)"
            ])
        #expect(d.diagnostics.first?.reason == .invalidEncoding)
        #expect(d.leftOutCount == 2)  // s2 breaks the schema (a short statementId): counted once, not per rule
    }

    @Test func bodsJSONLinesStatementWithInvalidBytesIsLeftOut() throws {
        let path = file(
            "bad.jsonl",
            [
                text(
                    "{\"statementId\":\"s1\",\"recordId\":\"e1\",\"recordType\":\"entity\",\"recordDetails\":{\"name\":\"A\"}}\n"
                ),
                text(
                    "{\"statementId\":\"s2\",\"recordId\":\"e2\",\"recordType\":\"entity\",\"recordDetails\":{\"name\":\""
                ), Self.bad, text("\"}}\n"),
            ])
        let d = try DatasetLoader.load([path], options: LoadOptions(format: .bods))
        let utf8 = d.diagnostics.filter { $0.reason == .invalidEncoding }
        #expect(
            utf8.map(\.description) == [
                "\(path):2 (s2): error: recordDetails.name: statement 's2': expected UTF-8 text, found invalid byte 0xFF at column 85 (statement left out)"
            ])
        #expect(d.graph.index(of: "e2") == nil)
    }

    @Test func gleifRecordWithInvalidBytesIsLeftOutWithFileLineAndField() throws {
        let a = "5493001KJTIIGC8Y1R12", b = "529900T8BM49AURSDO55"
        func record(_ child: String, _ parent: String, _ extra: [UInt8] = []) -> [UInt8] {
            text("{\"Relationship\":{\"StartNode\":{\"NodeID\":\"\(child)\"},\"EndNode\":{\"NodeID\":\"\(parent)\"},")
                + text("\"RelationshipType\":\"IS_DIRECTLY_CONSOLIDATED_BY\",\"RelationshipStatus\":\"ACTIVE\"")
                + (extra.isEmpty ? [] : text(",\"Note\":\"") + extra + text("\"")) + text("}}")
        }
        let path = file("bad-rr.json", [text("[\n"), record(a, b), text(",\n"), record(b, a, Self.bad), text("\n]\n")])
        let d = try DatasetLoader.load([path], options: LoadOptions(format: .gleif))
        let utf8 = d.diagnostics.filter { $0.reason == .invalidEncoding }
        #expect(
            utf8.map(\.description) == [
                "\(path):3: error: Relationship.Note: expected UTF-8 text, found invalid byte 0xFF at column 196 (record left out)"
            ])
        #expect(d.graph.relationshipCount == 1)
        #expect(d.leftOutCount == 1)
        // The wrapped form {"records": [...]} names the record's own line.
        let wrapped = file(
            "bad-wrapped.json",
            [text("{\"records\": [\n"), record(a, b), text(",\n"), record(b, a, Self.bad), text("\n]}\n")])
        let w = try DatasetLoader.load([wrapped], options: LoadOptions(format: .gleif))
        #expect(
            w.diagnostics.filter { $0.reason == .invalidEncoding }.map(\.description) == [
                "\(wrapped):3: error: Relationship.Note: expected UTF-8 text, found invalid byte 0xFF at column 196 (record left out)"
            ])
    }
}
