import Foundation
import CorpGraphTestSupport
import Testing

/// Entity names cannot inject into terminal output (control characters, bidi overrides) or spreadsheets (formulas).
@Suite struct OutputSafetyCLITests {
    let hostile = CLI.fixture("cases/native/hostile-names.yaml")

    @Test func terminalOutputEscapesControlCharacters() throws {
        let r = try CLI.run(["exposure", hostile, "--subject", "evil", "--as-of", "2024-01-01"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(r.stdout.contains("=HYPERLINK(\"http://x\",\"y\")\\x1b[2J\\u{202e}evil [evil, JP]"))
    }

    @Test func csvReportsNeutraliseFormulas() throws {
        let r = try CLI.run(["blocked", hostile, "--regime", "ofac", "--as-of", "2024-01-01", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(",'@SUM(A1),"))
        #expect(!r.stdout.contains(",@SUM"))
        let o = try CLI.run(["ownership", hostile, "--of", "ru", "--as-of", "2024-01-01", "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\u{1b}[2J\u{202e}evil\""), "\(o.stdout)")
    }

    @Test func csvExportIsExactUnlessAskedToBeSpreadsheetSafe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-safe-\(getpid())").path
        #expect(try CLI.run(["export", hostile, "--to", "csv", "-o", dir + "/exact"]).status == 0)
        #expect(try CLI.run(["export", hostile, "--to", "csv", "--spreadsheet-safe", "-o", dir + "/safe"]).status == 0)
        let exact = try String(contentsOfFile: dir + "/exact/entities.csv", encoding: .utf8)
        let safe = try String(contentsOfFile: dir + "/safe/entities.csv", encoding: .utf8)
        #expect(exact.contains(",@SUM(A1),"))
        #expect(safe.contains(",'@SUM(A1),"))
    }
}
