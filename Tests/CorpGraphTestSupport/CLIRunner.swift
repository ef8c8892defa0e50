import Foundation

/// Runs the built `corpgraph` binary and captures its output and exit status.
///
/// Standard output and standard error are drained at the same time, so a child that writes more than a pipe buffer
/// (64 KB) to either never blocks waiting for the test to read the other.
public enum CLI {
    /// The repository root, for fixtures and goldens.
    public static let root = repoRoot

    /// The binary next to the test bundle (SwiftPM builds the executable because the test target depends on it).
    public static var binary: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("corpgraph")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "corpgraph")
    }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// The path of `fixtures/<path>` in the repository.
    public static func fixture(_ path: String) -> String { root.appendingPathComponent("fixtures/" + path).path }

    /// Runs `corpgraph arguments…` in `directory` (default: the repository root), with `input` on standard input.
    @discardableResult
    public static func run(
        _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
        environment: [String: String]? = nil
    ) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = directory ?? root
        if let environment {
            p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input == nil ? FileHandle.nullDevice : inp
        try p.run()
        let collected = Collected()
        let group = DispatchGroup()
        for (handle, isOut) in [(out.fileHandleForReading, true), (err.fileHandleForReading, false)] {
            group.enter()
            DispatchQueue.global().async {
                let data = handle.readDataToEndOfFile()
                collected.set(data, stdout: isOut)
                group.leave()
            }
        }
        if let input {
            inp.fileHandleForWriting.write(input)
            try? inp.fileHandleForWriting.close()
        }
        group.wait()
        p.waitUntilExit()
        let (o, e) = collected.both
        return Result(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// The two outputs, written from two reader threads.
    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(_ data: Data, stdout: Bool) {
            lock.lock()
            defer { lock.unlock() }
            if stdout { out = data } else { err = data }
        }
        var both: (Data, Data) {
            lock.lock()
            defer { lock.unlock() }
            return (out, err)
        }
    }
}
