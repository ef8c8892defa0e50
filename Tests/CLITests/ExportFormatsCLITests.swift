import Foundation
import CorpGraphTestSupport
import Testing

/// `export --to json|graphml|ftm|csv|neo4j`: each writes its files, and the readable ones load back to the same graph.
@Suite struct ExportFormatsCLITests {
    let seed = CLI.fixture("seed/seed.yaml")

    func tempDir(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-export-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    func statsJSON(_ args: [String]) throws -> [String: Any] {
        let r = try CLI.run(["stats", "--format", "json"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    @Test func roundTripsKeepTheGraph() throws {
        let original = try statsJSON([seed])
        let dir = tempDir("rt")
        for (target, path, format) in [
            ("json", dir + "/seed.json", "native"), ("ftm", dir + "/seed.ftm.json", "ftm"),
            ("csv", dir + "/csv", "csv"),
        ] {
            let r = try CLI.run(["export", seed, "--to", target, "-o", path])
            #expect(r.status == 0, "\(target): \(r.stderr)")
            let back = try statsJSON(["--input-format", format, path])
            for key in ["entities", "relationships", "entityKinds", "relationshipKinds", "countries", "designated"] {
                #expect(
                    NSDictionary(dictionary: ["v": back[key]!]) == NSDictionary(dictionary: ["v": original[key]!]),
                    "\(target) \(key): \(back[key]!) vs \(original[key]!)")
            }
        }
        // Blocked statuses survive the native round trip exactly.
        let a = try CLI.run(["blocked", seed, "--regime", "eu", "--as-of", "2024-08-01", "--format", "csv"])
        let b = try CLI.run([
            "blocked", dir + "/seed.json", "--regime", "eu", "--as-of", "2024-08-01", "--format", "csv",
        ])
        #expect(a.status == 0 && a.stdout == b.stdout)
    }

    @Test func graphmlAndNeo4j() throws {
        let dir = tempDir("g")
        let g = try CLI.run(["export", seed, "--to", "graphml", "-o", dir + "/seed.graphml"])
        #expect(g.status == 0, "\(g.stderr)")
        let xml = try String(contentsOfFile: dir + "/seed.graphml", encoding: .utf8)
        #expect(xml.contains("<graphml"))
        #expect(xml.components(separatedBy: "<node ").count - 1 == 31)
        #expect(xml.components(separatedBy: "<edge ").count - 1 == 33)
        let n = try CLI.run(["export", seed, "--to", "neo4j", "-o", dir + "/neo4j"])
        #expect(n.status == 0, "\(n.stderr)")
        for f in ["nodes.csv", "relationships.csv", "queries.cypher"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/neo4j/" + f), "\(f)")
        }
        let nodes = try String(contentsOfFile: dir + "/neo4j/nodes.csv", encoding: .utf8)
        #expect(nodes.split(separator: "\n").count == 32)
        #expect(nodes.hasPrefix("id:ID"))
    }

    @Test func cutAndSafety() throws {
        let dir = tempDir("cut")
        let r = try CLI.run([
            "export", seed, "--to", "json", "--subject", "miner-m", "--radius", "1", "-o", dir + "/m.json",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let s = try statsJSON([dir + "/m.json"])
        #expect(s["entities"] as? Int == 3)  // miner-m, m-hk-holdings, j-conglomerate
        #expect(try CLI.run(["export", seed, "--to", "csv"]).status == 2)
        let over = try CLI.run(["export", seed, "--to", "json", "-o", seed])
        #expect(over.status == 1)
        #expect(over.stderr.contains("refusing to overwrite an input"))
    }

    @Test func outputsNeverReplaceTheOtherFileOfACSVPair() throws {
        // Naming entities.csv loads relationships.csv too: -o must not replace either, nor write into their directory.
        let dir = tempDir("pair")
        let pair = CLI.fixture("cases/csv/basic")
        for f in ["entities.csv", "relationships.csv"] {
            try FileManager.default.copyItem(atPath: pair + "/" + f, toPath: dir + "/" + f)
        }
        let before = try String(contentsOfFile: dir + "/relationships.csv", encoding: .utf8)
        for args in [
            ["export", dir + "/entities.csv", "--to", "json", "-o", dir + "/relationships.csv"],
            ["blocked", dir + "/entities.csv", "--regime", "ofac", "-o", dir + "/relationships.csv"],
            ["ownership", dir + "/relationships.csv", "--of", "a-sg-shell", "-o", dir + "/entities.csv"],
        ] {
            let r = try CLI.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains("refusing to overwrite an input"), "\(r.stderr)")
        }
        let csv = try CLI.run(["export", dir + "/entities.csv", "--to", "csv", "-o", dir])
        #expect(csv.status == 1)
        #expect(csv.stderr.contains("refusing to write into a directory holding an input"), "\(csv.stderr)")
        #expect(try String(contentsOfFile: dir + "/relationships.csv", encoding: .utf8) == before)
        // A directory input named '.' (NSString's deletingLastPathComponent traps on it): into a subdirectory is fine,
        // into '.' itself is refused.
        let here = URL(fileURLWithPath: dir)
        let sub = try CLI.run(["export", ".", "--to", "csv", "-o", "copy"], in: here)
        #expect(sub.status == 0, "\(sub.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/copy/entities.csv"))
        let same = try CLI.run(["export", ".", "--to", "neo4j", "-o", "."], in: here)
        #expect(same.status == 1)
        #expect(same.stderr.contains("refusing to write into"), "\(same.stderr)")
        let bare = try CLI.run(["export", "entities.csv", "--to", "csv", "-o", "."], in: here)
        #expect(bare.status == 1, "\(bare.stderr)")
        // A policy file is protected too.
        let policy = try CLI.run(["export", seed, "--policy", seed, "--to", "json", "-o", seed])
        #expect(policy.status == 1)
    }
}
