import CorpGraphTestSupport
import Foundation
import Testing

/// Issue #12 "Nothing silent", through the CLI: the messages a user sees for the cases the issue reproduced.
@Suite struct NothingSilentCLITests {
    func write(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("silent-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aListsCodeNobodyUsesIsAWarningWithDidYouMean() throws {
        let r = try CLI.run(["blocked", "--regime", "ofac", "--lists", "OFAC-SND", CLI.fixture("seed/seed.yaml")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stderr.contains(
                "warning: list code 'OFAC-SND' is on no designation in the data, so it counts nothing; did you mean 'OFAC-SDN'?\n"
            ), "\(r.stderr)")
    }

    @Test func jsonWithATrailingCommaIsAnErrorInEveryJSONFormat() throws {
        let native = try write(
            "d.json", "{\"entities\": [{\"id\": \"a\", \"kind\": \"company\", \"name\": \"A\"},\n]}\n")
        let n = try CLI.run(["validate", native])
        #expect(n.status == 1)
        #expect(
            n.stdout.contains(
                "\(native):2: error: not valid JSON: unexpected character ']' (column 1); file left out\n"),
            "\(n.stdout)")
        let ftm = try write(
            "d.ftm.json",
            """
            {"id":"c1","schema":"Company","properties":{"name":["A"]}}
            {"id":"c2","schema":"Company","properties":{"name":["B"],}}

            """)
        let f = try CLI.run(["validate", ftm])
        #expect(f.status == 1)
        #expect(
            f.stdout.contains("\(ftm):2: error: invalid JSON: expected a quoted key in object (column 58)\n"),
            "\(f.stdout)")
        #expect(f.stdout.contains("invalid: 1 record(s) left out, 1 error(s)"), "\(f.stdout)")
        let bods = try write(
            "d.bods.json", "[{\"statementId\":\"s1\",\"recordId\":\"e1\",\"recordType\":\"entity\"},\n]\n")
        let b = try CLI.run(["validate", "--input-format", "bods", bods])
        #expect(b.status == 1)
        #expect(
            b.stdout.contains("\(bods):2: error: invalid JSON: unexpected character ']' (column 1); file left out\n"),
            "\(b.stdout)")
    }

    @Test func aBODSStatementLeftOutIsCountedOnceHoweverManyRulesItBreaks() throws {
        let bods = try write(
            "d.bods.json", "[{\"statementId\":\"s1\",\"recordId\":\"e1\",\"recordType\":\"entity\"}]\n")
        let r = try CLI.run(["stats", "--input-format", "bods", bods])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("note: 1 record(s) left out, "), "\(r.stderr)")
    }
}
