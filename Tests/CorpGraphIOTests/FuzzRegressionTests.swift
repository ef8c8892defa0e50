import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

/// Inputs that once crashed a reader under libFuzzer (`Fuzz/regressions/<format>/`): each must now load or report.
@Suite struct FuzzRegressionTests {
    @Test func ftmOverlapWithOpenEndedDatesDoesNotOverflow() throws {
        let path = repoRoot.appendingPathComponent("Fuzz/regressions/ftm/overlap-day-overflow.ftm.json").path
        let d = try DatasetLoader.load([path], options: LoadOptions(format: .ftm))
        #expect(d.graph.entityCount == 3)
        #expect(d.graph.relationshipCount == 4)
        #expect(d.diagnostics.contains { $0.message.contains("not added so the pair is not counted twice") })
    }

    /// The first diagnostic each regression input must give: line, reason, effect and message start. A new input
    /// under `Fuzz/regressions/` fails here until its expectation is written down.
    static let expected: [String: (line: Int, reason: Diagnostic.Reason, effect: Diagnostic.Effect, message: String)] =
        [
            "ftm/overlap-day-overflow.ftm.json": (
                4, .invalidSyntax, .leftOut, "invalid JSON: expected ':' after key \"percentage\" (column 91)"
            ),
            "gleif/xml-invalid-utf8-element.xml": (
                14, .invalidSyntax, .fileRejected, "invalid XML: not well-formed XML: invalid UTF-8; file left out"
            ),
            "gleif/xml-null-name-88a19179.xml": (
                2, .invalidSyntax, .fileRejected, "invalid XML: not well-formed XML: text outside the root element"
            ),
            "gleif/xml-null-name-e705f11a.xml": (
                2, .invalidSyntax, .fileRejected, "invalid XML: not well-formed XML: malformed attribute name"
            ),
        ]

    @Test func everyRegressionInputGivesItsDiagnostic() throws {
        let root = repoRoot.appendingPathComponent("Fuzz/regressions")
        let formats = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var seen: Set<String> = []
        for dir in formats.sorted() where dir != "dot" {  // dot inputs are replayed by DOTFuzzRegressionTests
            let format: InputFormat? = dir == "native" || dir == "policy" ? .native : InputFormat(rawValue: dir)
            for file
                in ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(dir).path)) ?? [])
                .sorted()
            {
                let key = dir + "/" + file
                seen.insert(key)
                let path = root.appendingPathComponent(dir).appendingPathComponent(file).path
                let d = try DatasetLoader.load([path], options: LoadOptions(format: format))
                guard let want = Self.expected[key] else {
                    Issue.record(
                        "no expected diagnostic for \(key); first is \(d.diagnostics.first.map(\.description) ?? "none")"
                    )
                    continue
                }
                let first = d.diagnostics.first
                #expect(first?.location?.line == want.line, "\(key)")
                #expect(first?.reason == want.reason, "\(key)")
                #expect(first?.effect == want.effect, "\(key)")
                #expect(first?.message.hasPrefix(want.message) == true, "\(key): \(first?.message ?? "none")")
                if want.effect == .fileRejected { #expect(d.graph.entityCount == 0, "\(key)") }
            }
        }
        #expect(seen == Set(Self.expected.keys))
    }
}

@Suite struct HugeFieldTests {
    @Test func jsonReadersRefuseAbsurdlyLongFields() throws {
        let name = String(repeating: "x", count: 2_000_000)
        let ftm = temp(
            "huge.ftm.json",
            Array("{\"id\":\"a\",\"schema\":\"Company\",\"properties\":{\"name\":[\"\(name)\"]}}\n".utf8))
        let d = try DatasetLoader.load([ftm], options: LoadOptions(format: .ftm))
        #expect(d.graph.entityCount == 0)
        #expect(
            d.diagnostics.contains {
                $0.severity == .error && $0.message.contains("text value longer than 1048576 bytes")
            })
        let escaped = temp("huge-escaped.bods.json", Array("[{\"statementId\":\"\\u0041\(name)\"}]".utf8))
        let b = try DatasetLoader.load([escaped], options: LoadOptions(format: .bods))
        #expect(b.diagnostics.contains { $0.message.contains("text value longer than 1048576 bytes") })
    }
}

@Suite struct GLEIFXMLRegressionTests {
    @Test func invalidUTF8InAnElementNameIsAnErrorNotATrap() throws {
        let path = repoRoot.appendingPathComponent("Fuzz/regressions/gleif/xml-invalid-utf8-element.xml").path
        let d = try DatasetLoader.load([path], options: LoadOptions(format: .gleif))
        #expect(d.graph.entityCount == 0)
        #expect(
            d.diagnostics.contains {
                $0.severity == .error && $0.location?.line == 14 && $0.message.contains("invalid UTF-8")
            })
    }
}
