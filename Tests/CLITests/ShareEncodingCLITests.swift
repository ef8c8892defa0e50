import Foundation
import CorpGraphTestSupport
import Testing

/// One share encoding (exact → number, interval → {min,max,minExclusive,maxExclusive}, unknown → "unknown") in every
/// JSON output: exposure, blocked and export --to json (docs/FORMATS.md "Shares in JSON output").
@Suite struct ShareEncodingCLITests {
    static let dataset = """
        entities:
          - {id: x, kind: person, name: X, designations: [{list: OFAC-SDN, listed: 2022-01-01}]}
          - {id: s, kind: company, name: S, jurisdiction: JP}
          - {id: a, kind: company, name: A, jurisdiction: RU}
          - {id: b, kind: company, name: B, jurisdiction: RU}
          - {id: c, kind: company, name: C, jurisdiction: RU}
        relationships:
          - {kind: owns, source: s, target: a, share: 60}
          - {kind: owns, source: s, target: b, share: {min: 50, max: 75, maxExclusive: true}}
          - {kind: owns, source: s, target: c}
          - {kind: owns, source: x, target: s}

        """

    func file() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-shares-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("shares.yaml").path
        try ShareEncodingCLITests.dataset.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func object(_ r: CLI.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// The interval object every output must write for `{min: 50, max: 75, maxExclusive: true}`.
    func isInterval(_ v: Any?) -> Bool {
        guard let o = v as? [String: Any] else { return false }
        return o["min"] as? Int == 50 && o["max"] as? Int == 75 && o["minExclusive"] as? Bool == false
            && o["maxExclusive"] as? Bool == true && o.count == 4
    }

    @Test func exposure() throws {
        let obj = try object(
            CLI.run(["exposure", "--subject", "s", "--as-of", "2025-01-01", "--format", "json", try file()]))
        let paths = (obj["subjects"] as! [[String: Any]])[0]["paths"] as! [[String: Any]]
        var byTarget: [String: Any] = [:]
        for p in paths { byTarget[p["target"] as! String] = ((p["hops"] as! [[String: Any]])[0])["share"] }
        #expect(byTarget["a"] as? Int == 60)
        #expect(isInterval(byTarget["b"]))
        #expect(byTarget["c"] as? String == "unknown")
    }

    @Test func blocked() throws {
        let obj = try object(
            CLI.run(["blocked", "--as-of", "2025-01-01", "--explain", "s", "--format", "json", try file()]))
        let holdings = (obj["explanation"] as! [String: Any])["holdings"] as! [[String: Any]]
        #expect(holdings.map { $0["share"] as? String } == ["unknown"])
        let b = try object(
            CLI.run(["blocked", "--as-of", "2025-01-01", "--explain", "b", "--format", "json", try file()]))
        #expect(isInterval(((b["explanation"] as! [String: Any])["holdings"] as! [[String: Any]])[0]["share"]))
    }

    @Test func exportJSON() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-shares-\(getpid())/out.json")
            .path
        let r = try CLI.run(["export", try file(), "--to", "json", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        var byTarget: [String: Any] = [:]
        for rel in obj["relationships"] as! [[String: Any]] where rel["source"] as? String == "s" {
            byTarget[rel["target"] as! String] = rel["share"]
        }
        #expect(byTarget["a"] as? Int == 60)
        #expect(isInterval(byTarget["b"]))
        #expect(byTarget["c"] as? String == "unknown")
        // It loads back to the same shares.
        let back = try object(
            CLI.run(["exposure", "--subject", "s", "--as-of", "2025-01-01", "--format", "json", out]))
        #expect(((back["subjects"] as! [[String: Any]])[0]["paths"] as! [[String: Any]]).count == 3)
    }
}
