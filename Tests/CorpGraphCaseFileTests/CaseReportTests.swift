import CorpGraph
import CorpGraphCaseFile
import CorpGraphIO
import CorpGraphPDF
import CorpGraphTestSupport
import Foundation
import Testing

/// The founding case as of 2022-12-01, loaded once.
let seed: LoadedDataset = {
    // The fixture is the repository's own; a failure to load it is a broken checkout.
    try! DatasetLoader.load([CLI.fixture("seed/seed.yaml")], options: LoadOptions(registry: try! ISOCodes.shared()))
}()

func report(_ ids: [String], regimes: [String] = ["ofac", "eu", "uk"], asOf: String = "2022-12-01") throws -> CaseReport
{
    let subjects = try ids.map { id in try #require(seed.graph.index(of: id)) }
    let inputs = [
        Provenance.Input(
            path: "fixtures/seed/seed.yaml", size: 1, sha256: String(repeating: "0", count: 64),
            format: "native", loaded: 1, leftOut: 0)
    ]
    return try CaseReportBuilder.build(
        seed, query: CaseQuery(subjects: subjects, regimes: regimes, asOf: day(asOf)),
        inputs: inputs, version: "test", registry: goldenRegistry)
}

func expectGolden(_ raw: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    // Where the checkout is (the policy's origin is the fixture's path) is not part of the report's content.
    let text = raw.replacingOccurrences(of: repoRoot.path + "/", with: "")
    let url = repoRoot.appendingPathComponent("Tests/CorpGraphCaseFileTests/Goldens/" + name)
    if updatingGoldens {
        try Data(text.utf8).write(to: url)
        return
    }
    let golden = try String(contentsOf: url, encoding: .utf8)
    #expect(
        text == golden, "\(name) differs; rerun with CORPGRAPH_UPDATE_GOLDEN=1 after checking the change",
        sourceLocation: sourceLocation)
}

@Suite("Case reports")
struct CaseReportTests {
    @Test("founding case: verdicts, paths and owners of exchange-a, miner-m and ae-hosting-pool")
    func foundingCase() throws {
        let r = try report(["exchange-a", "miner-m", "ae-hosting-pool"])
        #expect(r.subjects.map(\.id) == ["exchange-a", "miner-m", "ae-hosting-pool"])
        let a = r.subjects[0], m = r.subjects[1], pool = r.subjects[2]
        #expect(a.exposure.verdict == .exposed)
        #expect(a.paths.first?.hops.map(\.to).prefix(2) == ["a-sg-shell", "a-ru-backoffice"])
        #expect(m.exposure.verdict == .exposed)
        #expect(m.paths.first?.target == "m-siberia")
        let ofac = try #require(pool.regimeVerdicts.first { $0.regime == "ofac" })
        #expect(ofac.status == .blocked)
        #expect(ofac.derivation.contains { $0.text.contains("person-s") })
        #expect(ofac.derivation.contains { $0.text.contains("person-t") })
        let uk = try #require(pool.regimeVerdicts.first { $0.regime == "uk" })
        #expect(uk.status != .blocked, "UK does not aggregate 30 % and 25 % of two persons")
        #expect(pool.findings.contains { $0.hasPrefix("Blocked under OFAC") })
        #expect(!r.reportID.isEmpty && r.reportID.count == 64)
    }

    @Test("the same inputs and query give the same bytes, in JSON, HTML and PDF")
    func deterministic() throws {
        let a = try report(["exchange-a"]), b = try report(["exchange-a"])
        #expect(a.json.encoded() == b.json.encoded())
        #expect(try a.html() == b.html())
        #expect(try PDFWriter.render(a.pdfDocument) == PDFWriter.render(b.pdfDocument))
        #expect(try report(["exchange-a"], asOf: "2022-12-02").reportID != a.reportID, "the query is in the id")
    }

    @Test("golden JSON and HTML of the founding case")
    func goldens() throws {
        let r = try report(["exchange-a", "miner-m", "ae-hosting-pool"])
        try expectGolden(r.json.encoded() + "\n", "seed-case.json")
        try expectGolden(try r.html(), "seed-case.html")
    }

    @Test("the HTML is self-contained and escapes every value")
    func htmlSafety() throws {
        let html = try report(["exchange-a"]).html()
        #expect(html.contains("Content-Security-Policy"))
        #expect(!html.contains("<script"))
        #expect(html.contains("<svg"), "the diagram is inline SVG")
        #expect(!html.contains("<?xml"))
    }

    @Test("the PDF has every fact of the summary and each hop, Noto CJK embedded, metadata and pages")
    func pdf() throws {
        let r = try report(["exchange-a", "miner-m", "ae-hosting-pool"])
        let pdf = try PDFWriter.render(r.pdfDocument)
        guard let text = try poppler("pdftotext", [], pdf: pdf) else { return }  // poppler-utils absent
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for subject in r.subjects {
            for finding in subject.findings.prefix(2) {
                let words = finding.split(whereSeparator: \.isWhitespace).prefix(6).joined(separator: " ")
                #expect(flat.contains(words), "finding \(words)")
            }
            for path in subject.paths { for hop in path.hops { #expect(flat.contains(hop.to), "hop to \(hop.to)") } }
        }
        let fonts = try #require(try poppler("pdffonts", [], pdf: pdf))
        #expect(fonts.contains("NotoSansCJK"))
        let info = try #require(try poppler("pdfinfo", [], pdf: pdf))
        #expect(info.contains("corpgraph case report: "))
    }
}

@Suite("Case reports with hostile names")
struct HostileCaseReportTests {
    @Test("names built to break out of HTML stay text in the HTML and the PDF")
    func hostileNamesStayText() throws {
        let data = try DatasetLoader.load(
            [CLI.fixture("cases/hostile-names/hostile-names.yaml")],
            options: LoadOptions(registry: try ISOCodes.shared()))
        let subjects = (0..<data.graph.entityCount).map { $0 }
        let report = try CaseReportBuilder.build(
            data, query: CaseQuery(subjects: subjects, regimes: ["ofac"], asOf: day("2022-12-01")),
            inputs: [], version: "test", registry: goldenRegistry)
        let html = try report.html()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("href=\"javascript:"))
        #expect(!html.contains("href=\"data:"))
        #expect(html.contains("&lt;script&gt;alert("))
        let pdf = try PDFWriter.render(report.pdfDocument)
        guard let text = try poppler("pdftotext", [], pdf: pdf) else { return }
        #expect(text.contains("<script>alert('x')</script>Evil"), "the PDF shows the name as written, as text")
        #expect(!String(decoding: pdf, as: UTF8.self).contains("javascript:alert"), "no javascript: link in the PDF")
    }
}
