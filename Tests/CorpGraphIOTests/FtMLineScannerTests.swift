import CorpGraphTestSupport
import CorpGraph
import Foundation
import Testing
@testable import CorpGraphIO

/// The FtM byte scanner reads every line as the general JSON parser does, or hands it over.
@Suite struct FtMLineScannerTests {
    func scanned(_ line: String) -> FtMLineScanner.Outcome {
        Array(line.utf8).withUnsafeBufferPointer { FtMLineScanner.scan($0, number: 7) }
    }

    func general(_ line: String) -> FtMRecord? {
        if case .record(let r) = FollowTheMoneyReader.parseRecord(Array(line.utf8)[...], line: 7, file: "f").outcome {
            return r
        }
        return nil
    }

    func same(_ a: FtMRecord, _ b: FtMRecord) -> Bool {
        a.id == b.id && a.schema == b.schema && a.line == b.line && a.meta == b.meta && a.datasets == b.datasets
            && a.referents == b.referents && Array(a.props.keys) == Array(b.props.keys)
            && Array(a.props.values) == Array(b.props.values)
    }

    @Test func readsWhatTheGeneralParserReads() {
        let lines = [
            #"{"id":"a","schema":"Company","properties":{"name":["Alpha \"A\" Ltd","Β\u00e9ta \ud83d\ude00"],"jurisdiction":["gb"]}}"#,
            #"{ "schema" : "Ownership" , "id" : "o1", "properties": {"percentage": [50.5, "1e2", -0], "owner": "a"}, "target": true }"#,
            #"{"id":"p","schema":"Person","caption":"P","datasets":["us_ofac_sdn", 3, null],"referents":"old","first_seen":"2020-01-01T00:00:00","last_change":"x","extra":{"deep":[1,{"x":[true,false,null]}]},"last_seen":"y"}"#,
            #"{"id":"q","schema":"Company","target":false,"properties":{},"datasets":[],"id":"ignored-second"}"#,
            #"{"id":"r","schema":"Company","properties":{"name":["a\/b\\c\n\t"],"name":["last wins"]}}"#,
            #"{"id":"s","schema":"Company","properties":{"name":["lone \udc00 surrogate", "high \ud800 alone"]}}"#,
        ]
        for line in lines {
            guard case .record(let fast) = scanned(line) else { Issue.record("not scanned: \(line)"); continue }
            guard let slow = general(line) else { Issue.record("not parsed: \(line)"); continue }
            #expect(same(fast, slow), "\(line)")
        }
        if case .record(let r) = scanned(lines[0]) {
            #expect(r.all("name") == ["Alpha \"A\" Ltd", "Βéta 😀"])
        }
    }

    @Test func randomLinesAgreeWithTheGeneralParser() {
        var rng = SplitMix64(seed: 15)
        let pieces = ["a", "é", "\\u0041", "\\\"", "\\\\", "\\n", "中", "😀", " ", "\\ud83d\\ude00", "x1"]
        func text() -> String {
            (0..<Int(rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
        }
        for _ in 0..<300 {
            var props: [String] = []
            for k in 0..<Int(rng.next() % 4) {
                let values = (0..<Int(rng.next() % 3)).map { _ in
                    rng.next() % 4 == 0 ? "\(rng.next() % 1000)" : "\"\(text())\""
                }
                props.append("\"p\(k)\(text())\":[\(values.joined(separator: ","))]")
            }
            let line =
                "{\"id\":\"i\(text())\",\"schema\":\"Company\",\"properties\":{\(props.joined(separator: ","))},\"datasets\":[\"\(text())\"]}"
            let slow = general(line)
            switch scanned(line) {
            case .record(let fast): #expect(slow.map { same(fast, $0) } == true, "\(line)")
            // an empty-looking id goes to the general path
            case .other: #expect(slow == nil || slow?.id == "i", "\(line)")
            case .invalidUTF8: Issue.record("valid line taken as invalid UTF-8: \(line)")
            }
        }
    }

    @Test func unusualLinesGoToTheGeneralParser() {
        for line in [
            #"{"id":"a","schema":"Company","properties":{"name":[true]}}"#,
            #"{"id":"a","schema":"Company","properties":[]}"#,
            #"{"id":1,"schema":"Company"}"#, #"{"schema":"Company"}"#, #"["id"]"#, #"{"id":"a","schema":"Company"} x"#,
            #"{"id":"a","schema":"Company","x":[1,]}"#, "{\"id\":\"a\",\"schema\":\"Company\",\"x\":\"tab\tin\"}", "{}",
        ] {
            guard case .other = scanned(line) else { Issue.record("scanned: \(line)"); continue }
        }
    }

    @Test func invalidUTF8LeavesTheLineOutNamingFileLineAndColumn() {
        var bytes = Array(#"{"id":"a","schema":"Company","properties":{"name":["Alpha"]}}"#.utf8) + [0x0A]
        var bad = Array(#"{"id":"b","schema":"Company","properties":{"name":["B#"]}}"#.utf8)
        bad[bad.firstIndex(of: UInt8(ascii: "#"))!] = 0xC3  // a lead byte without its continuation
        bytes += bad + [0x0A]
        var skipped = Array(#"{"id":"c","schema":"Company","unknown":"x"}"#.utf8)
        skipped[skipped.count - 3] = 0xFF  // in a value the reader skips
        bytes += skipped + [0x0A]
        var builder = GraphBuilder()
        FollowTheMoneyReader.read(bytes, file: "u.ftm.json", into: &builder)
        let (graph, diagnostics) = builder.build()
        #expect(graph.entityCount == 1)
        #expect(
            diagnostics.map(\.description) == [
                "u.ftm.json:2 (b): error: properties.name[0]: expected UTF-8 text, found invalid byte 0xC3 at column 54 (line left out)",
                "u.ftm.json:3 (c): error: unknown: expected UTF-8 text, found invalid byte 0xFF at column 41 (line left out)",
            ])
        #expect(diagnostics.allSatisfy { $0.reason == .invalidEncoding })
    }

    @Test func linesAreFoundWithTheirNumbers() {
        let text = "\u{FEFF}{\"a\":1}\r\n\n  \n{\"referents\":[]}\n{\"b\":\"Address\"}"
        Array(text.utf8).withUnsafeBufferPointer { b in
            var seen: [(Int, String)] = []
            JSONLines.forEach(in: b) { line, range in seen.append((line, String(decoding: b[range], as: UTF8.self))) }
            #expect(seen.map(\.0) == [1, 4, 5])
            #expect(seen.map(\.1) == ["{\"a\":1}", "{\"referents\":[]}", "{\"b\":\"Address\"}"])
            let hits = JSONLines.lines(containing: [Array("\"referents\"".utf8), Array("\"Address\"".utf8)], in: b)
            #expect(hits.map(\.0) == [4, 5])
        }
    }
}
