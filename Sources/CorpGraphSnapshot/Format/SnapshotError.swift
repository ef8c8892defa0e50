import Foundation

/// Why a snapshot cannot be read or written. Each case says what is wrong; ``errorDescription`` names the file.
public struct SnapshotError: LocalizedError, Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The file ends before the header or a section does (`size` bytes, `expected` or more needed).
        case truncated(size: Int, expected: Int)
        /// No snapshot magic.
        case notASnapshot
        /// Written on a machine of the other byte order.
        case foreignEndian
        /// An older format: rebuild it.
        case oldVersion(UInt32)
        /// A newer format than this build reads.
        case futureVersion(UInt32)
        /// The header, the section table or a section does not match its checksum.
        case checksumMismatch(part: String)
        /// A section is missing, misplaced, the wrong size, or holds values out of range.
        case malformed(String)
        /// The file system refused (open, map, write, rename).
        case io(String)
    }

    public var path: String
    public var reason: Reason

    public init(_ path: String, _ reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var errorDescription: String? {
        let what: String
        switch reason {
        case .truncated(let size, let expected):
            what =
                "truncated snapshot: the file has \(size) bytes, its layout needs \(expected); rebuild it with 'corpgraph build'"
        case .notASnapshot: what = "not a corpgraph snapshot (no \\x89CGRAPH magic)"
        case .foreignEndian:
            what = "snapshot written in big-endian byte order; this build reads little-endian snapshots only"
        case .oldVersion(let v):
            what =
                "snapshot format \(v) is older than this corpgraph reads (\(SnapshotFormat.version)); rebuild it with 'corpgraph build'"
        case .futureVersion(let v):
            what =
                "snapshot format \(v) is newer than this corpgraph reads (\(SnapshotFormat.version)); upgrade corpgraph or rebuild the snapshot"
        case .checksumMismatch(let part):
            what = "damaged snapshot: \(part) does not match its checksum; rebuild it with 'corpgraph build'"
        case .malformed(let detail): what = "damaged snapshot: \(detail); rebuild it with 'corpgraph build'"
        case .io(let detail): what = detail
        }
        return "\(path): \(what)"
    }
}
