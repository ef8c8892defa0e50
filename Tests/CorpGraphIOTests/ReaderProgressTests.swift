import CorpGraphTestSupport
import CorpGraph
import Foundation
import Testing
@testable import CorpGraphIO

/// BODS, GLEIF and native readers report progress like the FtM reader and the CSV pair (LoadProgressTests): bytes
/// and records as they are parsed, one `done` report with the totals.
@Suite struct ReaderProgressTests {
    typealias Collected = LoadProgressTests.Collected

    func temp(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reader-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Loads `text` as `name` and returns the graph and the reports heard.
    func load(_ name: String, _ text: String) throws -> (Graph, [LoadProgress], String) {
        let path = try temp(name, text)
        let seen = Collected()
        let d = try DatasetLoader.load([path], options: LoadOptions(progress: { seen.add($0) }))
        return (d.graph, seen.all, path)
    }

    func expectDone(_ reports: [LoadProgress], file: String, bytes: Int, records: Int) {
        #expect(reports.filter(\.done).count == 1)
        #expect(reports.allSatisfy { $0.file == file && $0.phase == .reading && $0.totalBytes == bytes })
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.bytes <= $1.bytes && $0.records <= $1.records })
        let last = reports.last
        #expect(last?.done == true && last?.bytes == bytes && last?.records == records)
    }

    func bodsEntity(_ k: Int) -> String {
        #"{"statementId":"s\#(String(repeating: "0", count: 33))\#(k)","statementDate":"2024-01-01","#
            + #""declarationSubject":"e\#(k)","recordId":"e\#(k)","recordType":"entity","recordStatus":"new","#
            + #""recordDetails":{"isComponent":false,"entityType":{"type":"registeredEntity"},"name":"C \#(k)"}}"#
    }

    @Test func bodsJSONLinesAndArraysCountStatements() throws {
        let lines = (0..<10).map(bodsEntity).joined(separator: "\n") + "\n"
        let (g, reports, path) = try load("p.bods.jsonl", lines)
        #expect(g.entityCount == 10)
        expectDone(reports, file: path, bytes: lines.utf8.count, records: 10)

        let array = "[\n" + (0..<7).map(bodsEntity).joined(separator: ",\n") + "\n]\n"
        let (g2, reports2, path2) = try load("p.bods.json", array)
        #expect(g2.entityCount == 7)
        expectDone(reports2, file: path2, bytes: array.utf8.count, records: 7)
    }

    func leiRecord(_ k: Int) -> String {
        #"{"LEI":"LEI\#(k)","Entity":{"LegalName":"E \#(k)","LegalAddress":{"City":"X","Country":"DE"}}}"#
    }

    @Test func gleifJSONArrayWrappedAndXMLCountRecords() throws {
        let array = "[" + (0..<5).map(leiRecord).joined(separator: ",") + "]"
        let (g, reports, path) = try load("lei.json", array)
        #expect(g.entityCount == 5)
        expectDone(reports, file: path, bytes: array.utf8.count, records: 5)

        // The records of {"records": [...]} are objects at depth 3; their inner objects are not counted.
        let wrapped = #"{"records":["# + (0..<4).map(leiRecord).joined(separator: ",") + "]}"
        let (g2, reports2, path2) = try load("wrapped.json", wrapped)
        #expect(g2.entityCount == 4)
        expectDone(reports2, file: path2, bytes: wrapped.utf8.count, records: 4)

        let xml =
            #"<?xml version="1.0"?><rr:RelationshipData xmlns:rr="http://www.gleif.org/data/schema/rr/2016">"#
            + "<rr:RelationshipRecords>"
            + (0..<3).map {
                "<rr:RelationshipRecord><rr:Relationship><rr:StartNode><rr:NodeID>C\($0)</rr:NodeID></rr:StartNode>"
                    + "<rr:EndNode><rr:NodeID>P</rr:NodeID></rr:EndNode>"
                    + "<rr:RelationshipType>IS_DIRECTLY_CONSOLIDATED_BY</rr:RelationshipType></rr:Relationship>"
                    + "</rr:RelationshipRecord>"
            }.joined() + "</rr:RelationshipRecords></rr:RelationshipData>\n"
        let (g3, reports3, path3) = try load("rr.xml", xml)
        #expect(g3.relationshipCount == 3)
        expectDone(reports3, file: path3, bytes: xml.utf8.count, records: 3)
    }

    @Test func nativeCountsEntitiesAndRelationships() throws {
        var yaml = "entities:\n"
        for k in 0..<6 { yaml += "  - id: e\(k)\n    kind: company\n    name: E \(k)\n" }
        yaml += "relationships:\n"
        for k in 1..<6 { yaml += "  - {source: e\(k - 1), target: e\(k), kind: owns, share: 60}\n" }
        let (g, reports, path) = try load("d.yaml", yaml)
        #expect(g.entityCount == 6 && g.relationshipCount == 5)
        expectDone(reports, file: path, bytes: yaml.utf8.count, records: 11)
    }

    /// The hooks the readers count with: the offset just past each record.
    @Test func parsersTellEachRecordsEnd() throws {
        let elements = [#"{"a":{"b":1}}"#, #"[1]"#, #"{"c":2}"#]
        let array = Array(("[" + elements.joined(separator: " , ") + "]").utf8)
        var ends: [Int] = []
        var problems: [JSONTextProblem] = []
        _ = try JSONParser.parseArrayElements(array, textProblems: &problems, elementEnd: { ends.append($0) })
        #expect(ends == [14, 20, 30])
        #expect(ends.map { array[$0 - 1] } == [UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: "}")])

        let wrapped = Array(#"{"records":[{"x":{"y":1}},{"z":[{}]}]}"#.utf8)
        var closed: [Int] = []
        _ = try JSONParser.parse(wrapped, textProblems: &problems, recordDepth: 3, recordEnd: { closed.append($0) })
        #expect(closed == [25, 36])

        let xml = Array("<r><A><b>1</b></A><A/>\n<A>t</A></r>".utf8)
        var xmlEnds: [(String, Int)] = []
        #expect(MiniXML.parse(xml, start: { _, _ in }, text: { _ in }, endAt: { xmlEnds.append(($0, $1)) }) == nil)
        #expect(xmlEnds.map(\.0) == ["b", "A", "A", "A", "r"])
        #expect(xmlEnds.map(\.1) == [14, 18, 22, 31, 35])
    }
}
