import Foundation
import CorpGraphTestSupport
import Testing

/// Comma-separated options are typed values parsed at the command line: each names the option in its error, suggests
/// the nearest known word, and the same option group carries the exposure query for exposure, render and report.
@Suite struct TypedOptionsCLITests {
    let seed = CLI.fixture("seed/seed.yaml")

    @Test(arguments: [
        (
            ["exposure", "--subject", "exchange-a", "--via", "owns,owes"],
            "Unknown relationship kind 'owes' in --via; did you mean 'owns'?"
        ),
        (
            ["exposure", "--all", "--kind", "exchnge"],
            "Unknown entity kind 'exchnge' in --kind; did you mean 'exchange'?"
        ),
        (
            ["entity", "--id", "exchange-a", "--adjacent", "--kind", "payz"],
            "Unknown relationship kind 'payz' in --kind; did you mean 'pays'?"
        ),
        (
            ["report", "--all", "-o", "out", "--kind", "persn"],
            "Unknown entity kind 'persn' in --kind; did you mean 'person'?"
        ),
        (["blocked", "--regime", " , "], "--regime needs at least one regime name"),
        (["blocked", "--lists", ","], "--lists needs at least one list code"),
        (["render", "-o", "x.svg", "--via", ""], "--via needs at least one relationship kind"),
    ])
    func badValuesAreUsageErrors(arguments: [String], message: String) throws {
        let r = try CLI.run([arguments[0], seed] + arguments.dropFirst())
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func repeatedRegimesCountOnceInOrderGiven() throws {
        let r = try CLI.run(["blocked", seed, "--regime", "UK,ofac,uk", "--format", "csv", "--as-of", "2024-07-02"])
        #expect(r.status == 0, "\(r.stderr)")
        let header = try #require(r.stdout.split(separator: "\n").first)
        #expect(header.hasPrefix("id,name,kind,uk,ofac,uk_basis,"), "\(header)")
        #expect(header.split(separator: ",").filter { $0 == "uk" }.count == 1, "uk once: \(header)")
    }

    @Test func exposureQueryGroupIsSharedByRender() throws {
        // The same --via parsed the same way by exposure and render --exposure; outside --exposure it is refused.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("typed-options-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = dir.appendingPathComponent("e.dot").path
        let drawn = try CLI.run([
            "render", seed, "--exposure", "--subject", "exchange-a", "--via", "owns,pays",
            "--max-depth", "4", "-o", dot,
        ])
        #expect(drawn.status == 0, "\(drawn.stderr)")
        #expect(try String(contentsOfFile: dot, encoding: .utf8).contains("depth ≤ 4"))
        let refused = try CLI.run(["render", seed, "--via", "owns", "-o", dot])
        #expect(refused.status == 2 && refused.stderr.contains("apply to --exposure"), "\(refused.stderr)")
        let depth = try CLI.run([
            "render", seed, "--exposure", "--subject", "exchange-a", "--max-depth", "0", "-o", dot,
        ])
        #expect(depth.status == 2 && depth.stderr.contains("--max-depth must be ≥ 1"), "\(depth.stderr)")
    }

    @Test func reportTakesTheExposureQueryButNotDerived() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("typed-report-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("r.json").path
        let r = try CLI.run([
            "report", seed, "--subject", "exchange-a", "--via", "owns", "--time-respecting",
            "--as-of", "2024-07-02", "-o", json,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains("over owns, at most 6 hops (payment hops in time order)"), "\(text.prefix(2000))")
        let derived = try CLI.run(["report", seed, "--subject", "exchange-a", "--derived", "ofac", "-o", json])
        #expect(
            derived.status == 2 && derived.stderr.contains("--derived does not apply to report"), "\(derived.stderr)")
    }
}
