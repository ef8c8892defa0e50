import CorpGraphTestSupport
import Foundation
import CorpGraphTestSupport
import Testing

@Suite struct SnapshotCLITests {
    static func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cgsnapcli-\(UInt32.random(in: 0...UInt32.max))")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    @Test func queriesOnTheSnapshotGiveTheSameBytes() throws {
        let seed = CLI.fixture("seed/seed.yaml")
        let out = Self.tempDir().appendingPathComponent("seed.cgraph").path
        let b = try CLI.run(["build", seed, "-o", out])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("31 entities, 33 relationships"))
        let commands: [[String]] = [
            ["stats"], ["stats", "--format", "json"], ["validate", "--format", "json"],
            ["exposure", "--subject", "exchange-a", "--subject", "miner-m", "--as-of", "2022-12-01"],
            ["exposure", "--subject", "exchange-a", "--as-of", "2022-12-01", "--format", "json"],
            ["blocked", "--regime", "ofac", "--as-of", "2022-12-01"],
            ["blocked", "--regime", "eu", "--as-of", "2024-08-01", "--explain", "d-ru-ops"],
            ["ownership", "--of", "ae-hosting-pool", "--as-of", "2022-12-01"],
            ["export", "--to", "json"], ["export", "--to", "ftm"], ["export", "--to", "graphml"],
        ]
        for c in commands {
            let a = try CLI.run([c[0], seed] + c.dropFirst())
            let s = try CLI.run([c[0], out] + c.dropFirst())
            #expect(a.status == s.status && a.stdout == s.stdout, "\(c)")
            #expect(!a.stdout.isEmpty, "\(c)")
        }
        let deep = try CLI.run(["validate", "--deep", out])
        #expect(deep.status == 0 && deep.stdout.contains("valid: 31 entities"), "\(deep.stderr)")
    }

    @Test func damagedSnapshotsExit1WithAReason() throws {
        let dir = Self.tempDir()
        let out = dir.appendingPathComponent("g.cgraph").path
        #expect(try CLI.run(["build", CLI.fixture("seed/seed.yaml"), "-o", out]).status == 0)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        let truncated = dir.appendingPathComponent("t.cgraph").path
        _ = FileManager.default.createFile(atPath: truncated, contents: Data(bytes[0..<(bytes.count / 2)]))
        let t = try CLI.run(["stats", truncated])
        #expect(t.status == 1 && t.stderr.contains("truncated snapshot") && t.stdout.isEmpty, "\(t.stderr)")
        // A flipped byte in the last section (the in-neighbours): only --deep finds it.
        let table = Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[24 + $1]) << (8 * UInt64($1)) })
        bytes[table - 1 - 64] ^= 1
        let flipped = dir.appendingPathComponent("f.cgraph").path
        _ = FileManager.default.createFile(atPath: flipped, contents: Data(bytes))
        let d = try CLI.run(["validate", "--deep", flipped])
        #expect(d.status == 1 && d.stderr.contains("does not match its checksum"), "\(d.stderr)")
    }

    @Test func refusesToOverwriteAnInputAndMixing() throws {
        let seed = CLI.fixture("seed/seed.yaml")
        let r = try CLI.run(["build", seed, "-o", seed])
        #expect(r.status == 1 && r.stderr.contains("refusing to overwrite an input"))
        let out = Self.tempDir().appendingPathComponent("g.cgraph").path
        #expect(try CLI.run(["build", seed, "-o", out]).status == 0)
        let mixed = try CLI.run(["stats", out, seed])
        #expect(mixed.status == 1 && mixed.stderr.contains("a snapshot is read alone"))
    }

    @Test func inputErrorsWriteNothing() throws {
        let out = Self.tempDir().appendingPathComponent("g.cgraph").path
        let r = try CLI.run(["build", CLI.fixture("cases/native/broken.yaml"), "-o", out])
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
