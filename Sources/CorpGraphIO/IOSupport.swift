import Foundation

/// Reads a whole file as bytes; the error names the path.
func readFileBytes(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw FormatError(path: path, message: "cannot read file")
    }
    return [UInt8](data)
}

/// An input or output failure of a whole file (unreadable, unwritable). Problems with records are diagnostics.
public struct FormatError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    public var path: String
    public var message: String
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
    public var description: String { "\(path): \(message)" }
    public var errorDescription: String? { description }
}

/// Writes `data` atomically: to a temporary file in the same directory, then renamed over `path`.
public func writeAtomically(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
        try data.write(to: tmp)
        if FileManager.default.fileExists(atPath: path) {
            _ = try FileManager.default.replaceItemAt(url, withItemAt: tmp)
        } else {
            try FileManager.default.moveItem(at: tmp, to: url)
        }
    } catch {
        try? FileManager.default.removeItem(at: tmp)
        throw FormatError(path: path, message: "cannot write: \(error.localizedDescription)")
    }
}
