import CorpGraph
import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraphIO

/// fixtures/cases/csv/<name>/
private func csvFixture(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures/cases/csv/\(name)").path
}

/// A fresh temporary directory.
private func temporaryDirectory() -> String {
    let path = NSTemporaryDirectory() + "csvpair-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func load(
    _ directory: String, registry: CodeRegistry? = nil,
    options: CSVPair.Options = CSVPair.Options()
) throws -> (Graph, [Diagnostic]) {
    var builder = GraphBuilder()
    try CSVPair.read(directory: directory, into: &builder, registry: registry, options: options)
    return builder.build()
}

/// The error a read throws, as text.
private func readError(_ directory: String, options: CSVPair.Options = CSVPair.Options()) -> String? {
    var builder = GraphBuilder()
    do {
        try CSVPair.read(directory: directory, into: &builder, registry: nil, options: options)
        return nil
    } catch {
        return error.description
    }
}

private func index(_ g: Graph, _ id: String) throws -> Int { try #require(g.index(of: id)) }

@Suite("CSV pair reader")
struct CSVPairReaderTests {
    @Test("RFC 4180 quoting, Cyrillic and CJK, multi-values, extra columns")
    func basic() throws {
        let (g, diagnostics) = try load(csvFixture("basic"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(g.entityCount == 8)
        #expect(g.relationshipCount == 8)
        #expect(g.name(try index(g, "a-sg-shell")) == "A Holdings, Pte. Ltd.")
        #expect(g.name(try index(g, "ru-exchange-x")) == "\"Polar\" Exchange X")
        #expect(g.name(try index(g, "person-s")) == "Ivanov, Sergei")
        #expect(g.name(try index(g, "ru-backoffice")) == "ООО «Бэк-офис»")
        #expect(g.name(try index(g, "hk-holdings")) == "香港控股有限公司")
        #expect(g.name(try index(g, "multi-line")) == "Line one\nline two")
        #expect(g.jurisdiction(try index(g, "multi-line")) == "JP")  // upper-cased
        #expect(g.jurisdiction(try index(g, "ru-backoffice")) == "RU-MOW")
        #expect(g.kind(try index(g, "after-multi")) == .site)
        #expect(g.tags(try index(g, "a-sg-shell")) == ["shell", "holding"])
        #expect(g.tags(try index(g, "after-multi")) == ["mine", "gold"])

        let person = g.entity(try index(g, "person-s"))
        #expect(person.aliases == ["Сергей Иванов"])
        #expect(
            person.designations == [
                Designation(list: "OFAC-SDN", listed: CalendarDate(year: 2022, month: 4, day: 5)),
                Designation(list: "EU-FSF", listed: CalendarDate(year: 2022, month: 3, day: 15)),
            ])
        #expect(
            g.entity(try index(g, "ru-exchange-x")).designations == [
                Designation(list: "OFAC-SDN", listed: CalendarDate(year: 2022, month: 4, day: 5))
            ])
        #expect(g.entity(try index(g, "exchange-a")).identifiers == ["LEI": "5493001KJTIIGC8Y1R12"])

        // The record after a quoted line break starts on line 10 (line 1 is the header).
        #expect(g.location(ofEntity: try index(g, "after-multi")).line == 10)
        #expect(g.location(ofEntity: try index(g, "multi-line")).line == 8)

        let rels = (0..<g.relationshipCount).map { g.relationship($0) }
        func rel(_ s: String, _ t: String, _ k: RelationshipKind) throws -> Relationship {
            try #require(rels.first { $0.source == s && $0.target == t && $0.kind == k })
        }
        #expect(try rel("exchange-a", "a-sg-shell", .owns).share == .exact(Percent(100)))
        #expect(try rel("exchange-a", "a-sg-shell", .owns).start == CalendarDate(year: 2022, month: 3, day: 1))
        let pay = try rel("a-sg-shell", "ru-backoffice", .pays)
        #expect(pay.amount == Decimal(string: "150000.50"))
        #expect(pay.currency == "USDT")
        #expect(pay.date == CalendarDate(year: 2022, month: 5, day: 15))
        #expect(pay.id == "pay-1")
        #expect(pay.share == nil)
        #expect(try rel("person-s", "hk-holdings", .owns).share == .exact(Percent(units: 300_000)))
        #expect(
            try rel("ru-exchange-x", "hk-holdings", .owns).share
                == .range(ShareRange(min: Percent(25), max: Percent(50))))
        #expect(try rel("multi-line", "hk-holdings", .owns).share == .unknown)
        #expect(try rel("person-s", "multi-line", .controls).controlType == "boardAppointment")
        let over = try rel("hk-holdings", "ru-backoffice", .owns)
        #expect(over.share == .range(ShareRange(min: Percent(50), max: nil, minExclusive: true)))
        #expect(over.end == CalendarDate(year: 2023, month: 12, day: 31))
        #expect(g.outNeighbours(try index(g, "hk-holdings")).count == 2)
    }

    @Test("byte order mark and CRLF line ends, also inside quotes")
    func bomAndCRLF() throws {
        let (g, diagnostics) = try load(csvFixture("bom-crlf"))
        #expect(diagnostics.isEmpty)
        #expect(g.entityCount == 2)
        #expect(g.name(try index(g, "m")) == "Miner, M\r\nsecond line")
        #expect(g.name(try index(g, "n")) == "Site N")
        #expect(g.location(ofEntity: try index(g, "n")).line == 4)
        #expect(g.relationshipCount == 1)
        #expect(g.kind(ofRelationship: 0) == .operates)
    }

    @Test("columns in any order; an unknown column is a warning")
    func reordered() throws {
        let path = csvFixture("reordered")
        let (g, diagnostics) = try load(path)
        #expect(
            diagnostics.map(\.description) == [
                "\(path)/entities.csv:1: warning: colour: unknown column ignored; expected one of id, kind, name, jurisdiction, sanctions, tags, aliases, identifiers, program, listed, delisted"
            ])
        #expect(g.name(try index(g, "z")) == "Zeta, Inc.")
        #expect(g.kind(try index(g, "y")) == .person)
        #expect(g.share(0) == .exact(Percent(50)))
        #expect(g.source(0) == (try index(g, "y")))
    }

    @Test("malformed rows: each problem named by file, line, field, expected and found; good rows kept")
    func badRows() throws {
        let path = csvFixture("bad-rows")
        let e = "\(path)/entities.csv", r = "\(path)/relationships.csv"
        let (g, diagnostics) = try load(path)
        #expect(
            diagnostics.map(\.description) == [
                "\(e):3 (bad-kind): error: kind: expected one of company, person, exchange, site, organization, account, found 'compnay'; did you mean 'company'? (row left out)",
                "\(e):4: error: id: expected an entity id, found an empty field (row left out)",
                "\(e):5: error: expected 6 fields as in the header, found 3 (row left out)",
                "\(e):6: error: expected 6 fields as in the header, found 7 (row left out)",
                "\(r):2: error: share: expected a percentage from 0 to 100 (such as 50, 33.33 or 25-50), found '150' (row left out)",
                "\(r):3: error: share: expected a percentage from 0 to 100 (such as 50, 33.33 or 25-50), found 'abc' (row left out)",
                "\(r):4: error: kind: expected one of owns, controls, directs, operates, pays, found 'own'; did you mean 'owns'? (row left out)",
                "\(r):5: error: date: expected a date YYYY-MM-DD, found '2022-13-01' (row left out)",
                "\(r):6: error: end: expected a date on or after start 2022-05-01, found '2022-01-01' (row left out)",
                "\(r):7: error: amount: expected a non-negative decimal amount such as 1500.00 (at most 38 significant digits), found '-5' (row left out)",
                "\(r):11: warning: share: expected no share on a pays relationship (only owns has one), found '50' (ignored)",
                "\(r):12: error: share: expected ',' or the end of the line after a closing quote, found more text (row left out)",
                "\(r):8: error: target: self-loop: 'good-1' owns itself; expected two different entities (relationship left out)",
                "\(r):9: error: target: unknown entity id 'missing' (dangling reference; relationship left out)",
            ])
        #expect(g.entityCount == 2)
        #expect(g.relationshipCount == 2)
        #expect(g.amount(0) == Decimal(string: "12.5"))
        // Typed: what each is and what happened to the row; only the share on a pays row kept its record.
        #expect(
            diagnostics.map(\.reason) == [
                .unknownCode, .missingField, .unexpectedStructure, .unexpectedStructure,
                .invalidShare, .invalidShare, .unknownCode, .invalidDate, .invalidDate,
                .invalidAmount, .invalidValue, .invalidSyntax, .selfReference,
                .danglingReference,
            ])
        #expect(
            diagnostics.map(\.effect) == Array(repeating: .leftOut, count: 10) + [.kept]
                + Array(repeating: .leftOut, count: 3))
    }

    @Test("codes are checked against the registry, with suggestions")
    func codes() throws {
        let registry = CodeRegistry(
            countries: ["RU": "Russia", "JP": "Japan", "XK": "Kosovo"],
            subdivisions: ["RU-MOW": "Moskva"], currencies: ["USD": "US Dollar"])
        let path = csvFixture("codes")
        let (g, diagnostics) = try load(path, registry: registry)
        #expect(
            diagnostics.map(\.description) == [
                "\(path)/entities.csv:3: error: jurisdiction: expected an ISO 3166-1 alpha-2 or ISO 3166-2 code, found 'XQ'; did you mean 'XK'?",
                "\(path)/entities.csv:4: error: jurisdiction: expected an ISO 3166-1 alpha-2 or ISO 3166-2 code, found 'XQ'; did you mean 'XK'?",
                "\(path)/relationships.csv:2: error: currency: expected an ISO 4217 code or a crypto-asset ticker, found 'USX'; did you mean 'USD'?",
            ])
        // Unknown codes are reported but kept, so the records still load.
        #expect(g.entityCount == 3)
        #expect(g.relationshipCount == 2)
        // Without a registry nothing is checked.
        #expect(try load(path).1.isEmpty)
    }

    @Test("a file that ends inside quotes is an error naming the line where the field started")
    func truncated() {
        let path = csvFixture("truncated")
        #expect(
            readError(path)
                == "\(path)/entities.csv:3: error: unterminated quoted field 3: the file ends inside quotes opened on this line; expected a closing '\"' (truncated file?)"
        )
    }

    @Test("a missing required column is an error")
    func missingColumn() {
        let path = csvFixture("missing-column")
        #expect(
            readError(path)
                == "\(path)/entities.csv:1: error: kind: missing required column 'kind'; expected a header such as 'id,kind,name,jurisdiction,sanctions,tags', found 'id,name,jurisdiction'"
        )
    }

    @Test("an empty file is an error")
    func empty() {
        let path = csvFixture("empty")
        #expect(
            readError(path)
                == "\(path)/entities.csv: error: empty file; expected a header row 'id,kind,name,jurisdiction,sanctions,tags'"
        )
    }

    @Test("a missing file is an error")
    func missingFile() {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(readError(path) == "\(path)/entities.csv: error: cannot open file: No such file or directory")
    }

    @Test("a directory where a file of the pair should be is an error")
    func directoryInsteadOfFile() throws {
        let path = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try FileManager.default.createDirectory(atPath: path + "/entities.csv", withIntermediateDirectories: true)
        try Data("source,target,kind\n".utf8).write(to: URL(fileURLWithPath: path + "/relationships.csv"))
        #expect(
            readError(path)
                == "\(path)/entities.csv: error: expected a CSV file, found a directory or unreadable file")
    }

    @Test("binary garbage is an error, not a crash")
    func binary() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var generator = SystemRandomNumberGenerator()
        let garbage = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        _ = FileManager.default.createFile(atPath: dir + "/entities.csv", contents: Data(garbage))
        _ = FileManager.default.createFile(atPath: dir + "/relationships.csv", contents: Data(garbage))
        let message = try #require(readError(dir))
        #expect(message.hasPrefix("\(dir)/entities.csv:"))
        #expect(message.contains("binary data") || message.contains("non-UTF-8") || message.contains("longer than"))
        // Garbage without NUL bytes after a valid header: rows fail, reading stops at the problem limit.
        let text = Array("id,kind,name\n".utf8) + garbage.map { $0 == 0 ? 1 : $0 }
        _ = FileManager.default.createFile(atPath: dir + "/entities.csv", contents: Data(text))
        let limited = try #require(readError(dir, options: CSVPair.Options(maxProblemsPerFile: 20)))
        #expect(
            limited.contains("too many problems (more than 20)") || limited.contains("longer than")
                || limited.contains("unterminated"))
    }

    @Test("invalid UTF-8 in a field is reported with its byte")
    func invalidUTF8() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let entities = Array("id,kind,name\nok,company,Fine\nbad,company,Caf".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        _ = FileManager.default.createFile(atPath: dir + "/entities.csv", contents: Data(entities))
        _ = FileManager.default.createFile(
            atPath: dir + "/relationships.csv", contents: Data("source,target,kind\n".utf8))
        let (g, diagnostics) = try load(dir)
        #expect(
            diagnostics.map(\.description) == [
                "\(dir)/entities.csv:3: error: name: expected UTF-8 text, found invalid byte 0xC3 at byte 4 (row left out)"
            ])
        #expect(g.entityCount == 1)
    }

    @Test("an absurdly long field is an error found while scanning")
    func hugeField() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let long = String(repeating: "x", count: (1 << 20) + 10)
        try "id,kind,name\na,company,\(long)\n".write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
        try "source,target,kind\n".write(toFile: dir + "/relationships.csv", atomically: true, encoding: .utf8)
        #expect(
            readError(dir)
                == "\(dir)/entities.csv:2: error: field 3 is longer than 1048576 bytes; expected at most 1048576 bytes per field"
        )
        // A quoted field that never closes in a long file hits the same limit (small here, to keep the test fast).
        try ("id,kind,name\na,company,\"" + String(repeating: "y,\n", count: 5000)).write(
            toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
        #expect(
            readError(dir, options: CSVPair.Options(maxFieldBytes: 1000))
                == "\(dir)/entities.csv:2: error: field 3 is longer than 1000 bytes (an unclosed quote?); expected at most 1000 bytes per field"
        )
    }

    @Test("duplicate ids name both places; identical repeats are ignored")
    func duplicates() throws {
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "id,kind,name\na,company,A\nb,company,B\na,company,A\na,person,Other A\n".write(
            toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
        try "source,target,kind\na,b,owns\n".write(
            toFile: dir + "/relationships.csv", atomically: true, encoding: .utf8)
        let (g, diagnostics) = try load(dir)
        #expect(
            diagnostics.map(\.description) == [
                "\(dir)/entities.csv:5: error: id: duplicate id 'a' with different content; first defined at \(dir)/entities.csv:2 (record left out)"
            ])
        #expect(g.entityCount == 2)
        #expect(g.kind(try index(g, "a")) == .company)
        #expect(g.relationshipCount == 1)
        #expect(g.target(0) == (try index(g, "b")))
    }

    @Test("share syntax: exact, percent sign, intervals, unknown")
    func shares() throws {
        func parse(_ text: String) -> Share? {
            var t = text
            return t.withUTF8 { CSVPair.parseShare($0) }
        }
        #expect(parse("50") == .exact(Percent(50)))
        #expect(parse("50.00") == .exact(Percent(50)))
        #expect(parse("33.3333") == .exact(Percent(units: 333_333)))
        #expect(parse("50%") == .exact(Percent(50)))
        #expect(parse("?") == .unknown)
        #expect(parse("25-50") == .range(ShareRange(min: Percent(25), max: Percent(50))))
        #expect(parse("25–50") == .range(ShareRange(min: Percent(25), max: Percent(50))))
        #expect(
            parse(">25-<50")
                == .range(ShareRange(min: Percent(25), max: Percent(50), minExclusive: true, maxExclusive: true)))
        #expect(parse(">=75") == .range(ShareRange(min: Percent(75), max: nil)))
        #expect(parse("<25") == .range(ShareRange(min: nil, max: Percent(25), maxExclusive: true)))
        #expect(parse("100.01") == nil)
        #expect(parse("-1") == nil)
        #expect(parse("50-25") == nil)
        #expect(parse("1e2") == nil)
        #expect(parse("33.33333") == nil)
        #expect(parse("12.50000000") == .exact(Percent(units: 125_000)))  // zeros past the scale are dropped
        #expect(parse("+7") == .exact(Percent(7)))
        for share in [
            Share.exact(Percent(units: 125_000)),
            .range(ShareRange(min: Percent(25), max: Percent(50), maxExclusive: true)),
            .range(ShareRange(min: Percent(50), max: nil, minExclusive: true)),
            .range(ShareRange(min: nil, max: Percent(10))),
        ] {
            #expect(parse(CSVPair.shareText(share)) == share)
        }
    }

    @Test("reading in tiny chunks gives the same graph (records cross chunk boundaries)")
    func chunking() throws {
        let path = csvFixture("bench-sample")
        let (a, _) = try load(path)
        let (b, _) = try load(path, options: CSVPair.Options(chunkBytes: 1))
        #expect(a.entityCount == b.entityCount && a.relationshipCount == b.relationshipCount)
        for v in 0..<a.entityCount { #expect(a.entity(v) == b.entity(v)) }
        for e in 0..<a.relationshipCount { #expect(a.relationship(e) == b.relationship(e)) }
        let (c, _) = try load(csvFixture("basic"), options: CSVPair.Options(chunkBytes: 1))
        #expect(c.name(try index(c, "multi-line")) == "Line one\nline two")
    }

    @Test("the bench-like sample loads with the right counts")
    func benchSample() throws {
        let (g, diagnostics) = try load(csvFixture("bench-sample"))
        #expect(diagnostics.isEmpty)
        #expect(g.entityCount == 1000)
        #expect(g.relationshipCount == 1327)
        let kinds = Dictionary(grouping: 0..<g.entityCount, by: { g.kind($0) }).mapValues(\.count)
        #expect(kinds == [.company: 878, .person: 100, .site: 20, .exchange: 2])
        let relationshipKinds = Dictionary(grouping: 0..<g.relationshipCount, by: { g.kind(ofRelationship: $0) })
            .mapValues(\.count)
        #expect(relationshipKinds == [.owns: 977, .controls: 30, .operates: 25, .pays: 295])
        #expect((0..<g.entityCount).filter { g.hasDesignations($0) }.count == 8)
        #expect((0..<g.entityCount).map { g.designations($0).count }.reduce(0, +) == 12)
        #expect(g.name(try index(g, "C0001")) == "Ivanov, Olga 1")
        #expect(g.name(try index(g, "C0002")) == "\"Polar\" Mining JSC 2")
        #expect(g.name(try index(g, "C0004")) == "東方鉱業 4")
        #expect(g.jurisdiction(try index(g, "C0001")) == "RU-IRK")
        #expect(g.tags(try index(g, "C0002")) == ["listed", "shell"])
        // C0000 owns C0001…C0003 (a ternary tree) and pays C0001.
        let root = try index(g, "C0000")
        #expect(g.outRelationships(root).count == 4 + 1)
        #expect(Set(g.outNeighbours(root).map { g.id(Int($0)) }) == ["C0001", "C0002", "C0003", "S00"])
        let owners = g.inRelationships(try index(g, "C0000")).map { g.source(Int($0)) }
        #expect(owners.map { g.id($0) } == ["P000"])
        #expect(g.share(Int(g.inRelationships(try index(g, "C0000")).first!)) == .exact(Percent(units: 333_300)))
    }
}

@Suite("CSV pair through DatasetLoader")
struct CSVPairLoaderTests {
    @Test("a directory loads as a CSV pair; a problem that stops a file becomes a located error")
    func loader() throws {
        let sample = try DatasetLoader.load([csvFixture("bench-sample")])
        #expect(sample.graph.entityCount == 1000 && sample.graph.relationshipCount == 1327)
        #expect(sample.diagnostics.isEmpty)
        let path = csvFixture("truncated")
        let truncated = try DatasetLoader.load([path])
        #expect(
            truncated.diagnostics.map(\.description) == [
                "\(path)/entities.csv:3: error: unterminated quoted field 3: the file ends inside quotes opened on this line; expected a closing '\"' (truncated file?)"
            ])
        let bad = try DatasetLoader.load([csvFixture("bad-rows")])
        #expect(bad.files.map(\.rejected) == [4, 9])
    }

    @Test("parent directories of paths as written, without NSString (which traps on 'a', '.' and './')")
    func parents() {
        let cases: [(String, String)] = [
            ("a", ""), (".", ""), ("./", ""), ("./a", "."), ("a/b", "a"), ("a/b/", "a"),
            ("/a", "/"), ("/", "/"), ("x//y", "x"), ("../x/.", "../x"), ("", ""),
        ]
        for (path, parent) in cases { #expect(FilePaths.parent(of: path) == parent, "\(path)") }
    }

    @Test("the pair is read once however it is named; a repeat is a warning")
    func pairReadOnce() throws {
        let dir = csvFixture("bench-sample")
        let files = try DatasetLoader.load([dir + "/entities.csv", dir + "/relationships.csv"])
        #expect(files.graph.entityCount == 1000 && files.graph.relationshipCount == 1327)
        #expect(files.diagnostics.isEmpty)
        #expect(files.files.map(\.format) == ["csv", "csv"])
        let one = try DatasetLoader.load([dir + "/relationships.csv"])
        #expect(one.graph.relationshipCount == 1327)
        let twice = try DatasetLoader.load([dir, dir + "/../bench-sample/entities.csv", dir + "/"])
        #expect(twice.graph.entityCount == 1000 && twice.graph.relationshipCount == 1327)
        #expect(
            twice.diagnostics.map(\.description) == [
                "\(dir)/../bench-sample/entities.csv: warning: given more than once (first as '\(dir)'); read once",
                "\(dir)/: warning: given more than once (first as '\(dir)'); read once",
            ])
        let native = CSVPairTestsSupport.seed
        let seed = try DatasetLoader.load([native, native])
        #expect(seed.graph.relationshipCount == 33)
        #expect(seed.diagnostics.map(\.severity) == [.warning])
    }
}

enum CSVPairTestsSupport {
    static let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures/seed/seed.yaml").path
}

@Suite("CSV pair writer")
struct CSVPairWriterTests {
    @Test("write then read gives the same graph")
    func roundTrip() throws {
        for name in ["basic", "bench-sample", "bom-crlf"] {
            let (g, _) = try load(csvFixture(name))
            let dir = temporaryDirectory()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try CSVPair.write(graph: g, to: dir)
            let (h, diagnostics) = try load(dir)
            #expect(diagnostics.isEmpty)
            #expect(h.entityCount == g.entityCount && h.relationshipCount == g.relationshipCount)
            for v in 0..<g.entityCount { #expect(h.entity(v) == g.entity(v)) }
            for e in 0..<g.relationshipCount { #expect(h.relationship(e) == g.relationship(e)) }
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
            #expect(leftovers == ["entities.csv", "relationships.csv"])
        }
    }

    @Test("spreadsheet-safe mode neutralises formulas in text cells only")
    func spreadsheetSafe() throws {
        var builder = GraphBuilder()
        let loc = SourceLocation(file: "test")
        builder.add(Entity(id: "=cmd", kind: .company, name: "@SUM(A1)", tags: ["+x"]), at: loc)
        builder.add(Entity(id: "b", kind: .company, name: "-minus, with comma"), at: loc)
        builder.add(Relationship(kind: .owns, source: "=cmd", target: "b", share: .exact(Percent(50))), at: loc)
        let (g, _) = builder.build()
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try CSVPair.write(graph: g, to: dir, options: CSVPair.Options(spreadsheetSafe: true))
        let entities = try String(contentsOfFile: dir + "/entities.csv", encoding: .utf8)
        #expect(
            entities
                == "id,kind,name,jurisdiction,sanctions,tags\n'=cmd,company,'@SUM(A1),,,'+x\nb,company,\"'-minus, with comma\",,,\n"
        )
        let relationships = try String(contentsOfFile: dir + "/relationships.csv", encoding: .utf8)
        #expect(relationships == "source,target,kind,share,amount,currency,date\n'=cmd,b,owns,50,,,\n")
        // Default: written as is, so a round trip keeps the graph.
        try CSVPair.write(graph: g, to: dir)
        #expect(
            try String(contentsOfFile: dir + "/entities.csv", encoding: .utf8).contains(
                "\n=cmd,company,@SUM(A1),,,+x\n"))
    }

    @Test("report cells: quoted on comma, quote, CR, LF and CRLF (one Character in Swift); formulas neutralised")
    func reportCells() {
        #expect(OutputSafety.csvCell("plain") == "plain")
        #expect(OutputSafety.csvCell("a\r\nb") == "\"a\r\nb\"")
        #expect(OutputSafety.csvCell("a\rb") == "\"a\rb\"")
        #expect(OutputSafety.csvCell("say \"x\"") == "\"say \"\"x\"\"\"")
        #expect(OutputSafety.csvCell("=1+1", spreadsheetSafe: true) == "'=1+1")
        #expect(OutputSafety.csvCell("-12.5", spreadsheetSafe: true) == "-12.5")
        #expect(OutputSafety.csvCell("-cmd", spreadsheetSafe: true) == "'-cmd")
        #expect(OutputSafety.csvCell("\r\n=x", spreadsheetSafe: true) == "\"'\r\n=x\"")
        #expect(OutputSafety.csvLine(["Москва", "北京, 上海"]) == "Москва,\"北京, 上海\"\n")
    }

    @Test("a ';' inside a multi-valued cell cannot be written")
    func separatorInValue() throws {
        var builder = GraphBuilder()
        builder.add(Entity(id: "a", kind: .company, name: "A", tags: ["x;y"]), at: SourceLocation(file: "t"))
        let (g, _) = builder.build()
        let dir = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: Diagnostic.self) { try CSVPair.write(graph: g, to: dir) }
        #expect(!FileManager.default.fileExists(atPath: dir + "/entities.csv"))
    }
}
