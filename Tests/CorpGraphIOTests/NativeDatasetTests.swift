import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
func fixture(_ path: String) -> String { repoRoot.appendingPathComponent("fixtures/" + path).path }
let registry: CodeRegistry = (try? ISOCodes.load()) ?? CodeRegistry(countries: [:], subdivisions: [:], currencies: [:])

func temp(_ name: String, _ bytes: [UInt8]) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
    return url.path
}

@Suite struct ISOCodesTests {
    @Test func loadsCountriesSubdivisionsAndCurrencies() throws {
        let r = try ISOCodes.load()
        #expect(r.name(ofJurisdiction: "JP") == "Japan")
        #expect(r.isJurisdiction("RU-IRK"))
        #expect(r.isJurisdiction("UA-43"))
        #expect(!r.isJurisdiction("XX"))
        #expect(r.isCurrency("USD") && r.isCurrency("RUB") && r.isCurrency("USDT") && r.isCurrency("XMR"))
        #expect(!r.isCurrency("USTD"))
        #expect(r.suggestCurrency(for: "USTD").contains("USDT"))
        #expect(r.suggestJurisdiction(for: "RU-IRX").contains("RU-IRK"))
    }

    @Test func missingDirectoryIsAClearError() {
        #expect(throws: ISOCodes.LoadError.self) { try ISOCodes.load(directory: "/nonexistent") }
    }
}

@Suite struct NativeDatasetTests {
    @Test func seedLoadsCleanly() throws {
        let d = try DatasetLoader.load([fixture("seed/seed.yaml")], options: LoadOptions(registry: registry))
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics)")
        #expect(d.graph.entityCount == 31)
        #expect(d.policy.jurisdictions == ["BY", "RU", "UA-09", "UA-14", "UA-43"])
        let x = d.graph.index(of: "ru-exchange-x")!
        #expect(d.graph.designations(x).first?.listed == CalendarDate(parsing: "2022-04-05"))
        let cyOwnsRu = (0..<d.graph.relationshipCount).first { d.graph.relationshipID($0) == "r-dcy-owns-ru" }!
        #expect(d.graph.share(cyOwnsRu) == .range(ShareRange(min: Percent(50), max: Percent(75))))
    }

    @Test func reportsEveryProblemWithLineAndField() throws {
        let d = try DatasetLoader.load([fixture("cases/native/broken.yaml")], options: LoadOptions(registry: registry))
        let text = d.diagnostics.map(\.description)
        let f = fixture("cases/native/broken.yaml")
        let expected = [
            "\(f):3 (policy): error: jurisdictions: unknown jurisdiction code 'XX'",
            "\(f):6 (b): error: kind: expected one of company, person, exchange, site, organization, account, found 'compny'; did you mean 'company'? (record rejected)",
            "\(f):7 (c): error: jurisdiction: unknown jurisdiction code 'RU-IRX': expected ISO 3166-1 alpha-2 (JP) or ISO 3166-2 (RU-IRK); did you mean",
            "\(f):8: error: id: missing entity id (record rejected)",
            "\(f):9 (d): warning: colour: unknown entity field 'colour' (ignored)",
            "\(f):11: error: share: share out of range: expected 0–100, found 120 (record left out)",
            "\(f):12: error: target: unknown entity id 'zz' (dangling reference; relationship left out)",
            "\(f):13: error: end: end 2022-04-01 is before start 2022-05-01 (record left out)",
            "\(f):14: error: currency: unknown currency 'USTD': expected ISO 4217 (USD) or a listed crypto ticker (USDT); did you mean",
            "\(f):14: error: date: expected a date YYYY-MM-DD, found '2022-02-30'",
            "\(f):15: error: target: self-loop",
            "\(f):16: error: kind: expected one of owns, controls, directs, operates, pays, found 'partners' (record rejected)",
        ]
        for e in expected {
            #expect(text.contains { $0.hasPrefix(e) }, "missing: \(e)\nhave:\n\(text.joined(separator: "\n"))")
        }
        #expect(d.hasErrors)
        // A record with an error is left out (b: kind, c: jurisdiction, the one without id; every relationship has
        // its own problem or names c); a and d load.
        #expect(d.graph.sortedByID(Array(0..<d.graph.entityCount)).map { d.graph.id($0) } == ["a", "d"])
        #expect(d.files.first?.entities == 2)
        #expect(d.files.first?.relationships == 0)
        #expect(d.files.first?.rejected == 9)
        #expect(d.leftOutCount == 9)
        // The policy's unknown code cannot be left out like a record: it stops commands.
        #expect(d.fileRejections.map(\.reason) == [.unknownCode])
        #expect(d.diagnostics.first { $0.field == "kind" }?.leftOutEntity == "b")
    }

    @Test func jsonWithUnicodeAndIntervals() throws {
        let d = try DatasetLoader.load([fixture("cases/native/small.json")], options: LoadOptions(registry: registry))
        #expect(d.diagnostics.isEmpty, "\(d.diagnostics)")
        let p = d.graph.index(of: "p")!
        #expect(d.graph.name(p) == "Пётр \"Peter\" 山田")
        #expect(d.graph.entity(d.graph.index(of: "q")!).identifiers["LEI"] == "5493001KJTIIGC8Y1R12")
        #expect(d.graph.share(0) == .range(ShareRange(min: Percent(25), max: Percent(50), maxExclusive: true)))
        #expect(d.policy.lists == ["OFAC-SDN"])
    }

    @Test func mergingDuplicatesNamesBothPlaces() throws {
        let a = temp("a.yaml", Array("entities:\n  - {id: x, kind: company, name: X}\n".utf8))
        let b = temp(
            "b.yaml", Array("entities:\n  - {id: y, kind: company, name: Y}\n  - {id: x, kind: person, name: X}\n".utf8)
        )
        let same = temp("c.yaml", Array("entities:\n  - {id: x, kind: company, name: X}\n".utf8))
        let d = try DatasetLoader.load([a, b, same], options: LoadOptions(registry: registry))
        #expect(d.graph.entityCount == 2)
        #expect(
            d.diagnostics.map(\.description) == [
                "\(b):3: error: id: duplicate id 'x' with different content; first defined at \(a):2 (record left out); to add facts to it from this file, write 'extends: x' instead of 'id: x'"
            ])
    }

    @Test func hostileInputsGiveErrorsNotCrashes() throws {
        let cases: [(String, [UInt8], String)] = [
            ("empty.yaml", [], "empty file"),
            ("blank.yaml", Array("\n  \n".utf8), "empty file"),
            ("binary.yaml", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0xFF, 0xFE], "invalid UTF-8"),
            ("nul.yaml", Array("entities: []\n\u{0}\n".utf8), "binary data"),
            (
                "truncated.json", Array("{\"entities\": [{\"id\": \"a\", \"kind\": \"comp".utf8),
                "not valid JSON: unterminated string"
            ),
            (
                "truncated.yaml", Array("{\"entities\": [{\"id\": \"a\", \"kind\": \"comp".utf8),
                "not a valid YAML/JSON document"
            ),
            (
                "comma.json", Array("{\"entities\": [{\"id\": \"a\", \"kind\": \"company\"},\n]}".utf8),
                "comma.json:2: error: not valid JSON: unexpected character ']' (column 1); file left out"
            ),
            ("deep.json", Array(String(repeating: "[", count: 5000).utf8), "nesting deeper than 64"),
            (
                "deep-block.yaml",
                Array(
                    ("entities:\n" + (0..<3000).map { String(repeating: " ", count: 2 * $0 + 2) + "a:\n" }.joined())
                        .utf8),
                "Maximum nesting level reached"
            ),
            (
                "long.yaml",
                Array(
                    ("entities:\n  - {id: a, kind: company, name: " + String(repeating: "x", count: 2_000_000) + "}\n")
                        .utf8), "line longer than"
            ),
            ("scalar.yaml", Array("just text\n".utf8), "expected a mapping with 'entities' and 'relationships'"),
            ("list.yaml", Array("entities: 5\n".utf8), "expected a list of entities"),
        ]
        for (name, bytes, message) in cases {
            let path = temp(name, bytes)
            do {
                let d = try DatasetLoader.load([path], options: LoadOptions(registry: registry))
                #expect(d.hasErrors, "\(name)")
                #expect(d.diagnostics.contains { $0.description.contains(message) }, "\(name): \(d.diagnostics)")
            } catch let e as InputError {
                #expect(e.description.contains(message), "\(name): \(e)")
            }
        }
    }

    @Test func policyFileOverrides() throws {
        let policy = temp(
            "policy.yaml",
            Array(
                "policy:\n  jurisdictions: [IR]\n  regimes:\n    - {name: directive4, threshold: 33, inclusive: true}\n"
                    .utf8))
        let d = try DatasetLoader.load(
            [fixture("seed/seed.yaml")], options: LoadOptions(policyFile: policy, registry: registry))
        #expect(d.policy.jurisdictions == ["IR"])
        #expect(d.policy.regime(named: "directive4")?.tests.first?.threshold == Percent(33))
        #expect(d.policyOrigin == policy)
    }
}
