import CorpGraphTestSupport
import Foundation
import Testing

/// `render` for reports: several subjects, captions, sources, size refusals, `.` as input.
@Suite struct RenderReportCLITests {
    func temp(_ name: String) -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-render-report-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name)
    }

    @Test("several subjects in one exposure diagram: each subject drawn once, shared nodes once, caption complete")
    func severalSubjects() throws {
        let out = temp("two.dot").path
        let r = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--exposure", "--subject", "exchange-a",
            "--subject", "miner-m", "--as-of", "2022-12-31", "-o", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let dot = try String(contentsOfFile: out, encoding: .utf8)
        #expect(dot.contains("(exchange-a), ") && dot.contains("(miner-m)</B>"))
        #expect(
            dot.components(separatedBy: "\n\t\t\"exchange-a\" [").count
                + dot.components(separatedBy: "\n\t\"exchange-a\" [").count - 2 == 1)
        #expect(
            dot.contains(
                "as of 2022-12-31 · policy seed.yaml · regime ofac · direction down · depth ≤ 6 · via all kinds · at most 1000 paths per subject"
            ))
        // Several subjects without --exposure is bad usage.
        let bad = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-a", "--subject", "miner-m", "-o", out,
        ])
        #expect(bad.status == 2)
    }

    @Test("a drawing over the node limit is bad usage (exit 2) with advice")
    func tooLarge() throws {
        var yaml = "entities:\n"
        for i in 0..<4001 { yaml += "  - {id: e\(i), kind: company, name: E\(i)}\n" }
        let file = temp("big.yaml")
        try Data(yaml.utf8).write(to: file)
        let r = try CLI.run(["render", file.path, "--as-of", "2022-12-31", "-o", temp("big.svg").path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("refusing to draw 4001 nodes") && r.stderr.contains("--subject ID --radius N"))
    }

    @Test("input '.' is titled by the directory's name; --hide-isolated drops entities with no drawn relationship")
    func dotInputAndHideIsolated() throws {
        let dir = temp("acme-dataset")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let yaml = """
            entities:
              - {id: a, kind: company, name: A, jurisdiction: DE}
              - {id: b, kind: company, name: B, jurisdiction: RU}
              - {id: lonely, kind: company, name: Lonely, jurisdiction: DE}
            relationships:
              - {id: r1, kind: directs, source: a, target: b, role: "Генеральный директор", sources: [{title: "Register extract", url: "https://example.org/reg/1"}]}
            """
        try Data(yaml.utf8).write(to: dir.appendingPathComponent("data.yaml"))
        let out = temp("dir.dot").path
        let r = try CLI.run(
            ["render", ".", "--as-of", "2022-12-31", "--hide-isolated", "--sources", "-o", out], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let dot = try String(contentsOfFile: out, encoding: .utf8)
        #expect(dot.contains("<B>acme-dataset — ownership</B>"))
        #expect(!dot.contains("\"lonely\" ["))
        #expect(dot.contains("1 without a drawn relationship left out"))
        // The role as written, with its footnote mark; the source listed under the legend and on the link.
        #expect(dot.contains("label=\"Генеральный директор [1]\""))
        #expect(dot.contains("Register extract (https://example.org/reg/1)"))
        #expect(dot.contains("URL=\"https://example.org/reg/1\""))
        let svg = temp("dir.svg").path
        #expect(try CLI.run(["render", ".", "--as-of", "2022-12-31", "-o", svg], in: dir).status == 0)
        let svgText = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(svgText.contains("source: Register extract"))
        #expect(svgText.contains("https://example.org/reg/1"))
        // The exposure text output shows the role and the source too.
        let text = try CLI.run(["exposure", ".", "--subject", "a", "--as-of", "2022-12-31"], in: dir)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(
            text.stdout.contains(
                "─directs (Генеральный директор) [source: Register extract (https://example.org/reg/1)]→"),
            "\(text.stdout)")
    }
}
