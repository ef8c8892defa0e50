import Foundation
import CorpGraphTestSupport
import Testing

/// The committed diagrams in `render/` and the commands that make them (the same lines as `make render`).
enum RenderedSeed {
    static let asOf = "2022-12-31"
    static let commands: [(file: String, arguments: [String])] = [
        ("seed-ownership", ["--as-of", asOf, "--show-ended"]),
        ("seed-exposure-exchange-a", ["--subject", "exchange-a", "--exposure", "--as-of", asOf]),
        ("seed-exposure-miner-m", ["--subject", "miner-m", "--exposure", "--as-of", asOf]),
    ]
}

@Suite struct RenderCLITests {
    func temp(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-render-cli-\(getpid())")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test("the committed render/*.dot are exactly what the code produces (run `make render` after a deliberate change)")
    func committedDOTIsCurrent() throws {
        for (file, arguments) in RenderedSeed.commands {
            let out = temp(file + ".dot")
            let r = try CLI.run(["render", CLI.fixture("seed/seed.yaml")] + arguments + ["-o", out])
            #expect(r.status == 0, "\(r.stderr)")
            let produced = try String(contentsOfFile: out, encoding: .utf8)
            let committed = try String(
                contentsOfFile: CLI.root.appendingPathComponent("render/\(file).dot").path, encoding: .utf8)
            #expect(produced == committed, "render/\(file).dot is stale: run `make render` and review the diagrams")
            #expect(FileManager.default.fileExists(atPath: CLI.root.appendingPathComponent("render/\(file).svg").path))
        }
    }

    @Test("render writes SVG with a node for every entity, PNG and PDF by extension, and overwrites")
    func formats() throws {
        let svgPath = temp("seed.svg")
        for _ in 0..<2 {
            let r = try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "--as-of", "2022-12-31", "-o", svgPath])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        for id in ["exchange-a", "a-sg-shell", "a-ru-backoffice", "miner-m", "irkutsk-site", "person-s", "us-miner"] {
            #expect(svg.contains("<title>" + id.replacingOccurrences(of: "-", with: "&#45;") + "</title>"), "\(id)")
        }
        // 31 entities and the legend, besides one text node per link.
        let linkTexts = svg.components(separatedBy: "<title>corpgraph:link&#45;").dropFirst()
            .filter { $0.prefix(while: { $0 != "<" }).allSatisfy(\.isNumber) }.count
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 - linkTexts == 32)
        let png = temp("seed.png"), pdf = temp("seed.PDF")
        #expect(try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "-o", png]).status == 0)
        #expect(try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "-o", pdf]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Array("%PDF-".utf8)))
    }

    @Test("a cut around a subject")
    func cut() throws {
        let out = temp("cut.dot")
        let r = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--subject", "miner-m", "--radius", "1",
            "--as-of", "2022-12-31", "-o", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let dot = try String(contentsOfFile: out, encoding: .utf8)
        #expect(dot.contains("ownership around 南風マイニング株式会社 (Minamikaze Mining K.K.) (miner-m)"))
        #expect(dot.contains("as of 2022-12-31 · policy seed.yaml · regime ofac · radius 1 around miner-m"))
        #expect(dot.contains("\"m-hk-holdings\" ["))
        #expect(dot.contains("\"j-conglomerate\" ["))
        #expect(!dot.contains("\"m-siberia\" ["))
    }

    @Test("derived statuses: blocked orange and undetermined yellow under --regime; none turns them off")
    func regimes() throws {
        func fills(_ extra: [String]) throws -> [String: String] {
            let out = temp("regime.dot")
            let r = try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "--as-of", "2022-12-31", "-o", out] + extra)
            #expect(r.status == 0, "\(r.stderr)")
            var result: [String: String] = [:]
            for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                guard t.hasPrefix("\""), let end = t.dropFirst().firstIndex(of: "\""),
                    let f = t.range(of: "fillcolor=\"")
                else { continue }
                result[String(t[t.index(after: t.startIndex)..<end])] = String(t[f.upperBound...].prefix(7))
            }
            return result
        }
        let ofac = try fills([])
        #expect(ofac["ae-hosting-pool"] == "#ffa726")  // 30 % + 25 % by two designated persons
        #expect(ofac["person-s"] == "#ef5350")
        #expect(ofac["d-cy-nominee"] == nil)  // OFAC: control alone does not block
        let eu = try fills(["--regime", "eu"])
        #expect(eu["d-cy-nominee"] == "#ffa726")  // controlled by person-s
        #expect(eu["d-ru-ops"] == "#fff176")  // 50–75 % held by a blocked company: more than 50 % is not certain
        let none = try fills(["--regime", "none"])
        #expect(none["ae-hosting-pool"] == nil && none["person-s"] == "#ef5350")
        let bad = try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "--regime", "xx", "-o", temp("x.dot")])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("unknown regime 'xx'"))
    }

    @Test("render --exposure draws the exposure paths bold with the targets and their reasons")
    func exposure() throws {
        let out = temp("exposure-d.dot")
        let r = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--subject", "exchange-d", "--exposure",
            "--as-of", "2022-12-31", "-o", out,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let dot = try String(contentsOfFile: out, encoding: .utf8)
        #expect(dot.contains("3 paths to 2 targets; paths bold"))
        #expect(dot.contains("target: listed on OFAC-SDN since 2022-04-05"))
        #expect(
            dot.contains("target: sanctioned jurisdiction RU (Russian<BR/>Federation) via RU-SPE")
                || dot.contains("via RU-SPE"))
        let bold = dot.split(separator: "\n").filter { $0.contains(" -> ") && $0.contains("penwidth=\"3\"") }
        #expect(bold.count == 14, "\(bold)")  // two segments each: exchange-d→sg→ae, ae→kz→{ru-ops, x}, ae→cy→ru-ops
        // Upwards: who owns miner-m reaches nothing sanctioned within two hops; the subject is drawn alone.
        let up = temp("exposure-up.dot")
        let u = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--subject", "miner-m", "--exposure", "--direction", "up",
            "--max-depth", "2", "--as-of", "2022-12-31", "-o", up,
        ])
        #expect(u.status == 0, "\(u.stderr)")
        #expect(try String(contentsOfFile: up, encoding: .utf8).contains("no exposure path found"))
        let depth = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--subject", "miner-m", "--exposure",
            "--max-depth", "0", "-o", temp("x.svg"),
        ])
        #expect(depth.status == 2)
    }

    @Test("usage errors exit 2 with advice")
    func usage() throws {
        let badExt = try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "-o", temp("x.txt")])
        #expect(badExt.status == 2)
        #expect(badExt.stderr.contains("the output file must end in .svg, .png, .pdf, .dot"))
        let unknown = try CLI.run([
            "render", CLI.fixture("seed/seed.yaml"), "--subject", "miner-x", "-o", temp("x.svg"),
        ])
        #expect(unknown.status == 2)
        #expect(
            unknown.stderr.contains("unknown subject id 'miner-x'; did you mean 'miner-m', 'miner-n'?"),
            "\(unknown.stderr)")
        let radius = try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "--radius", "2", "-o", temp("x.svg")])
        #expect(radius.status == 2)
        #expect(radius.stderr.contains("--radius needs --subject ID"))
        let exposure = try CLI.run(["render", CLI.fixture("seed/seed.yaml"), "--exposure", "-o", temp("x.svg")])
        #expect(exposure.status == 2)
        #expect(exposure.stderr.contains("--exposure needs --subject ID"))
        let input = CLI.fixture("seed/seed.yaml")
        let clobber = try CLI.run(["render", input, "-o", input])
        #expect(clobber.status != 0)
    }

    @Test("export --to dot writes the whole or cut graph as DOT, to a file or standard output")
    func exportDOT() throws {
        let whole = try CLI.run([
            "export", CLI.fixture("seed/seed.yaml"), "--to", "dot", "--as-of", "2022-12-31", "--show-ended",
        ])
        #expect(whole.status == 0, "\(whole.stderr)")
        let committed = try String(
            contentsOfFile: CLI.root.appendingPathComponent("render/seed-ownership.dot").path, encoding: .utf8)
        #expect(whole.stdout == committed)
        let out = temp("export.dot")
        let cut = try CLI.run([
            "export", CLI.fixture("seed/seed.yaml"), "--to", "dot", "--subject", "exchange-a",
            "--radius", "1", "--as-of", "2022-12-31", "-o", out,
        ])
        #expect(cut.status == 0, "\(cut.stderr)")
        let dot = try String(contentsOfFile: out, encoding: .utf8)
        #expect(dot.hasPrefix("digraph \"corpgraph\" {"))
        #expect(dot.contains("\"exchange-a\" -> \"corpgraph:link-") && dot.contains("\"a-sg-shell\" ["))
        #expect(!dot.contains("\"a-ru-backoffice\" ["))
        let bad = try CLI.run(["export", CLI.fixture("seed/seed.yaml"), "--to", "dott"])
        #expect(bad.status == 2)
    }
}

@Suite struct RenderExposureOptionsCLITests {
    let seed = CLI.fixture("seed/seed.yaml")

    @Test func viaTimeRespectingAndDerivedShapeTheExposureView() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-render-opts-\(getpid())")
            .path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // exchange-a reaches Moscow only through payments: with --via owns there is no path.
        #expect(
            try CLI.run([
                "render", seed, "--subject", "exchange-a", "--exposure", "--via", "owns", "--as-of", "2022-12-31", "-o",
                dir + "/a.dot",
            ]).status == 0)
        let a = try String(contentsOfFile: dir + "/a.dot", encoding: .utf8)
        #expect(a.contains("no exposure path found"))
        #expect(!a.contains("a-ru-backoffice"))
        // With --derived ofac the 55 %-blocked pool becomes a target of j-conglomerate, with its reason.
        #expect(
            try CLI.run([
                "render", seed, "--subject", "j-conglomerate", "--exposure", "--derived", "ofac", "--as-of",
                "2022-12-31", "-o", dir + "/j.dot",
            ]).status == 0)
        let j = try String(contentsOfFile: dir + "/j.dot", encoding: .utf8)
        #expect(j.contains("target: blocked (derived): ofac ownership by<BR/>person-s, person-t"))
        // The bold path link j-conglomerate → ae-hosting-pool: two red segments through its text node.
        let lines = j.split(separator: "\n")
        let into = try #require(
            lines.first { $0.contains("-> \"ae-hosting-pool\" [arrowhead=\"normal\", color=\"#c62828\"") })
        let text = try #require(into.split(separator: "\"").dropFirst().first)
        #expect(
            lines.contains { $0.contains("\"j-conglomerate\" -> \"\(text)\" [arrowhead=\"none\", color=\"#c62828\"") })
        let bad = try CLI.run(["render", seed, "--via", "owns", "-o", dir + "/x.dot"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("apply to --exposure"))
        #expect(
            try CLI.run(["render", seed, "--subject", "exchange-a", "--exposure", "--via", "own", "-o", dir + "/y.dot"])
                .stderr.contains("did you mean 'owns'?"))
    }
}
