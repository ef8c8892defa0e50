import CorpGraphTestSupport
import Foundation
import Testing

@Suite struct ReportCLITests {
    let seed = CLI.fixture("seed/seed.yaml")

    func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("the format follows -o; the same query twice gives the same bytes; SOURCE_DATE_EPOCH dates the PDF")
    func formatsAndDeterminism() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for ext in ["json", "html", "pdf"] {
            let a = dir.appendingPathComponent("a.\(ext)").path, b = dir.appendingPathComponent("b.\(ext)").path
            for path in [a, b] {
                let r = try CLI.run([
                    "report", seed, "--subject", "exchange-a", "--subject", "name:Oasis Hosting Pool",
                    "--as-of", "2022-12-01", "-o", path,
                ])
                #expect(r.status == 0, "\(r.stderr)")
            }
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)), "\(ext)")
        }
        let json = try String(contentsOfFile: dir.appendingPathComponent("a.json").path, encoding: .utf8)
        #expect(json.contains("\"id\": \"ae-hosting-pool\""), "name:… resolves the subject")
        let dated = dir.appendingPathComponent("dated.pdf").path
        let r = try CLI.run(
            ["report", seed, "--subject", "exchange-a", "--as-of", "2022-12-01", "-o", dated],
            environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        #expect(r.status == 0)
        if let info = try poppler(
            "pdfinfo", ["-isodates"], pdf: Array(try Data(contentsOf: URL(fileURLWithPath: dated))))
        {
            #expect(info.contains("2023-11-14T22:13:20"), "\(info)")
        }
    }

    @Test("--all writes one report per exposed subject and an index; clear ones are left out")
    func batch() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("reports").path
        let r = try CLI.run(["report", seed, "--all", "--kind", "exchange", "--as-of", "2022-12-01", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(
            files.contains("index.html") && files.contains("exchange-a.html") && files.contains("ru-exchange-x.html"))
        #expect(!files.contains("exchange-b.html"), "exchange-b has no path: no report")
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"exchange-a.html\""))
        #expect(r.stderr.contains("wrote \(files.count - 1) report(s)"))
    }

    @Test("bad usage exits 2 with the reason")
    func usage() throws {
        let noExt = try CLI.run(["report", seed, "--subject", "exchange-a", "-o", "/tmp/x.doc"])
        #expect(noExt.status == 2 && noExt.stderr.contains(".html, .pdf or .json"))
        let unknown = try CLI.run(["report", seed, "--subject", "exchange-q", "-o", "/tmp/x.json"])
        #expect(unknown.status == 2 && unknown.stderr.contains("exchange-a"), "\(unknown.stderr)")
        let none = try CLI.run(["report", seed, "-o", "/tmp/x.json"])
        #expect(none.status == 2)
    }
}
