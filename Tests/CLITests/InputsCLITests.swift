import CorpGraphTestSupport
import Foundation
import Testing

/// Inputs beyond plain files (DESIGN §9): `-` for standard input, `.gz`/`.zip` read directly; the progress line on a
/// terminal only, silenced by `--quiet`.
@Suite struct InputsCLITests {
    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("inputs-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    /// An FtM file of `companies` companies owned in a chain (slow enough in a debug build to pass a second).
    func bigFtM(_ companies: Int) throws -> String {
        var text = ""
        for k in 0..<companies {
            text +=
                "{\"id\":\"c\(k)\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Company \(k)\"],\"jurisdiction\":[\"gb\"]}}\n"
            if k > 0 {
                text +=
                    "{\"id\":\"o\(k)\",\"schema\":\"Ownership\",\"properties\":{\"owner\":[\"c\(k - 1)\"],\"asset\":[\"c\(k)\"],\"percentage\":[\"60\"]}}\n"
            }
        }
        let path = dir.appendingPathComponent("big.ftm.json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func standardInputIsReadByItsContent() throws {
        let yaml =
            "entities:\n  - {id: a, kind: company, name: A}\n  - {id: b, kind: company, name: B}\nrelationships:\n  - {kind: owns, source: a, target: b, share: 60}\n"
        let r = try CLI.run(["stats", "-"], input: Data(yaml.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("entities by kind:       company 2"), "\(r.stdout)")
        let v = try CLI.run(["validate", "-"], input: Data(yaml.utf8))
        #expect(v.stdout.contains("valid: 2 entities, 1 relationships"), "\(v.stdout)")
        let ftm = "{\"id\":\"x\",\"schema\":\"Company\",\"properties\":{\"name\":[\"X\"]}}\n"
        let f = try CLI.run(["ownership", "--of", "x", "-"], input: Data(ftm.utf8))
        #expect(f.status == 0, "\(f.stderr)")
        #expect(
            f.stdout.contains("who ultimately owns x") && f.stdout.contains("no owners on this date"), "\(f.stdout)")
    }

    @Test func gzipOnStandardInputToo() throws {
        let ftm = "{\"id\":\"x\",\"schema\":\"Company\",\"properties\":{\"name\":[\"X\"]}}\n"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        p.arguments = ["-n", "-c"]
        let inPipe = Pipe(), outPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = outPipe
        try p.run()
        inPipe.fileHandleForWriting.write(Data(ftm.utf8))
        try inPipe.fileHandleForWriting.close()
        let packed = outPipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let r = try CLI.run(["ownership", "--of", "x", "-"], input: packed)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("who ultimately owns x") && r.stdout.contains("no owners on this date"), "\(r.stdout)")
    }

    @Test func noProgressWhenStandardErrorIsNotATerminal() throws {
        let path = try bigFtM(100_000)
        let r = try CLI.run(["stats", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    /// Under a pseudo-terminal (`script`), a load over a second shows the progress line; `--quiet` silences it.
    @Test func progressOnATerminalAndQuietSilencesIt() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let path = try bigFtM(100_000)
        func underTerminal(_ extra: [String]) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            let command = ([CLI.binary.path, "stats"] + extra + [path]).map { "'\($0)'" }.joined(separator: " ")
            p.arguments = ["-qec", command + " >/dev/null", "/dev/null"]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }
        let shown = try underTerminal([])
        #expect(shown.contains("loading \(path)"), "\(shown)")
        #expect(shown.contains(" MB/s"))
        #expect(shown.contains("records"))
        let quiet = try underTerminal(["--quiet"])
        #expect(!quiet.contains("loading"), "\(quiet)")
    }
}
