import CorpGraph
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
