import CorpGraphTestSupport
import Foundation
import Testing

/// `corpgraph diff` with `.cgraph` snapshots on either side: the snapshots are built in the test from the hand-made
/// version pairs, and every output is byte for byte the one of the source datasets (the side labels name the inputs
/// given, so the snapshot paths are put back to the source paths before comparing).
@Suite struct DiffSnapshotCLITests {
    static let oldYAML = "fixtures/diff/old.yaml"
    static let newYAML = "fixtures/diff/new.yaml"
    static let seedYAML = "fixtures/seed/seed.yaml"

    /// Snapshots of the two fixture versions and the seed, built once per test in a fresh directory.
    struct Snapshots {
        let old: String
        let new: String
        let seed: String

        init() throws {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
                "cgdiffsnap-\(UInt32.random(in: 0...UInt32.max))")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            old = dir.appendingPathComponent("old.cgraph").path
            new = dir.appendingPathComponent("new.cgraph").path
            seed = dir.appendingPathComponent("seed.cgraph").path
            for (source, out) in [(oldYAML, old), (newYAML, new), (seedYAML, seed)] {
                let b = try CLI.run(["build", source, "-o", out])
                #expect(b.status == 0, "build \(source): \(b.stderr)")
            }
        }

        /// The output with the snapshot paths replaced by the sources they were built from.
        func sourced(_ text: String) -> String {
            text.replacingOccurrences(of: old, with: oldYAML).replacingOccurrences(of: new, with: newYAML)
                .replacingOccurrences(of: seed, with: seedYAML)
        }
    }

    /// Every format (and --verbose, a watched subject, another regime set) with a snapshot on the old side, the new
    /// side and both: the same bytes and exit status as the YAML datasets.
    @Test func snapshotSidesGiveTheSameBytesAsTheirSources() throws {
        let s = try Snapshots()
        let variants: [[String]] = [
            ["--verbose"], ["--format", "json"], ["--format", "json", "--verbose"], ["--format", "csv", "--verbose"],
            ["--regime", "ofac,eu,uk", "--format", "json"], ["--subject", "watch-three", "--format", "csv"],
            ["--min-share-change", "1", "--exit-code"],
        ]
        for extra in variants {
            let common = ["--as-of", "2024-01-01", "--regime", "ofac"] + extra
            let source = try CLI.run(["diff", Self.oldYAML, Self.newYAML] + common)
            #expect(!source.stdout.isEmpty, "\(extra): \(source.stderr)")
            for (o, n) in [(s.old, Self.newYAML), (Self.oldYAML, s.new), (s.old, s.new)] {
                let snap = try CLI.run(["diff", o, n] + common)
                #expect(snap.status == source.status, "\(o) \(n) \(extra): \(snap.stderr)")
                #expect(s.sourced(snap.stdout) == source.stdout, "\(o) \(n) \(extra)")
            }
        }
        // The golden file of the pair holds for the two snapshots too.
        let golden = try String(contentsOfFile: CLI.fixture("diff/golden/old-new.json"), encoding: .utf8)
        let both = try CLI.run(["diff", s.old, s.new, "--as-of", "2024-01-01", "--regime", "ofac", "--format", "json"])
        #expect(s.sourced(both.stdout) == golden)
    }

    /// --old/--new with snapshots, and one snapshot on two days (the founding case).
    @Test func repeatedSideOptionsAndTwoDaysOnASnapshot() throws {
        let s = try Snapshots()
        let common = ["--as-of", "2024-01-01", "--regime", "ofac", "--format", "csv"]
        let source = try CLI.run(["diff", "--old", Self.oldYAML, "--new", Self.newYAML] + common)
        let snap = try CLI.run(["diff", "--old", s.old, "--new", s.new] + common)
        #expect(snap.status == 0 && s.sourced(snap.stdout) == source.stdout, "\(snap.stderr)")

        let days = ["--as-of", "2022-05-01", "--compare-as-of", "2022-05-10", "--regime", "ofac", "--exit-code"]
        let a = try CLI.run(["diff", Self.seedYAML] + days)
        let b = try CLI.run(["diff", s.seed] + days)
        #expect(a.status == 3 && b.status == 3, "\(b.stderr)")
        #expect(s.sourced(b.stdout) == a.stdout)
        #expect(b.stdout.contains("NEWLY BLOCKED ae-hosting-pool"))
        // A snapshot compared with itself, and with the dataset it was built from: no change.
        for other in [s.old, Self.oldYAML] {
            let same = try CLI.run(["diff", s.old, other, "--as-of", "2024-01-01", "--exit-code"])
            #expect(same.status == 0 && same.stdout.contains("no change"), "\(other): \(same.stderr)")
        }
        // A snapshot is read alone: a second input on its side is an input error.
        let mixed = try CLI.run(["diff", s.old, s.new, "--old", Self.seedYAML, "--as-of", "2024-01-01"])
        #expect(mixed.status == 1 && mixed.stderr.contains("a snapshot is read alone"), "\(mixed.stderr)")
    }
}
