import CorpGraphTestSupport
import Foundation
import Testing

/// Issue #12: invalid UTF-8 in FtM, BODS and GLEIF JSON is not "valid" any more. Lenient: the record is left out
/// and counted, `validate` names file, line and field and exits 1; `--strict` exits 1 on any command.
@Suite struct InvalidUTF8CLITests {
    static let bad: [UInt8] = [0x61, 0xFF, 0xFE, 0x62]  // a\xFF\xFEb

    func write(_ name: String, _ parts: [[UInt8]]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("utf8-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try Data(parts.flatMap { $0 }).write(to: URL(fileURLWithPath: path))
        return path
    }

    func t(_ s: String) -> [UInt8] { Array(s.utf8) }

    func files() throws -> [(format: String, path: String, line: String)] {
        let ftm = try write(
            "bad.ftm.json",
            [
                t("{\"id\":\"c1\",\"schema\":\"Company\",\"properties\":{\"name\":[\"Clean Co\"]}}\n"),
                t("{\"id\":\"c2\",\"schema\":\"Company\",\"properties\":{\"name\":[\""), Self.bad, t("\"]}}\n"),
            ])
        let bods = try write(
            "bad.bods.json",
            [
                t(
                    "[{\"statementId\":\"s1\",\"recordId\":\"e1\",\"recordType\":\"entity\",\"recordDetails\":{\"name\":\""
                ), Self.bad, t("\"}}]\n"),
            ])
        let gleif = try write(
            "bad-lei.json",
            [
                t("[{\"LEI\":\"5493001KJTIIGC8Y1R12\",\"Entity\":{\"LegalName\":\""), Self.bad, t("\"}}]\n"),
            ])
        return [
            (
                "ftm", ftm,
                "\(ftm):2 (c2): error: properties.name[0]: expected UTF-8 text, found invalid byte 0xFF at column 55 (line left out)"
            ),
            (
                "bods", bods,
                "\(bods):1 (s1): error: recordDetails.name: statement 's1': expected UTF-8 text, found invalid byte 0xFF at column 86 (statement left out)"
            ),
            (
                "gleif", gleif,
                "\(gleif):1: error: Entity.LegalName: expected UTF-8 text, found invalid byte 0xFF at column 56 (record left out)"
            ),
        ]
    }

    @Test func validateNamesFileLineAndFieldAndExits1() throws {
        for f in try files() {
            let r = try CLI.run(["validate", "--input-format", f.format, f.path])
            #expect(r.status == 1, "\(f.format): \(r.stdout) \(r.stderr)")
            #expect((r.stdout + r.stderr).contains(f.line), "\(f.format): \(r.stdout) \(r.stderr)")
            #expect(!(r.stdout + r.stderr).contains("valid\n"), "\(f.format)")
        }
    }

    @Test func lenientCommandsLeaveTheRecordOutAndStrictExits1() throws {
        for f in try files() {
            let r = try CLI.run(["stats", "--input-format", f.format, f.path])
            #expect(r.status == 0, "\(f.format): \(r.stderr)")
            #expect(
                r.stderr.hasPrefix("note: 1 record(s) left out, 1 error(s); computed on the rest"),
                "\(f.format): \(r.stderr)")
            #expect(!r.stdout.contains("\u{FFFD}"))
            let strict = try CLI.run(["stats", "--strict", "--input-format", f.format, f.path])
            #expect(strict.status == 1, "\(f.format)")
            #expect(strict.stdout.isEmpty)
            #expect(
                strict.stderr.contains("--strict: 1 record(s) left out, 1 error(s); nothing computed"),
                "\(f.format): \(strict.stderr)")
        }
    }
}
