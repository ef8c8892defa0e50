import CorpGraph
import Foundation

/// Loads jurisdiction and currency codes from Debian's `iso-codes` JSON files.
///
/// The directory is `$CORPGRAPH_ISO_CODES_DIR` when set, else `/usr/share/iso-codes/json`.
public enum ISOCodes {
    /// Where the files are looked up by default.
    public static var defaultDirectory: String {
        ProcessInfo.processInfo.environment["CORPGRAPH_ISO_CODES_DIR"] ?? "/usr/share/iso-codes/json"
    }

    /// The errors of loading the code tables.
    public struct LoadError: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads `iso_3166-1.json`, `iso_3166-2.json` and `iso_4217.json` from `directory`.
    public static func load(directory: String = defaultDirectory) throws -> CodeRegistry {
        func table(_ file: String, _ key: String, _ codeField: String) throws -> [String: String] {
            let path = (directory as NSString).appendingPathComponent(file)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LoadError(
                    description: "\(path): cannot read the ISO code table; install Debian's iso-codes package "
                        + "(apt-get install iso-codes) or set CORPGRAPH_ISO_CODES_DIR")
            }
            // The project's own JSON parser: about three times faster than JSONSerialization here, which matters
            // because every command loads these tables (a single-subject query answers in well under 50 ms).
            guard let root = try? JSONParser.parse([UInt8](data)), let rows = root.object?[key]?.array else {
                throw LoadError(description: "\(path): expected an object with a '\(key)' array")
            }
            var out: [String: String] = [:]
            out.reserveCapacity(rows.count)
            for row in rows {
                if let o = row.object, let code = o[codeField]?.string, let name = o["name"]?.string {
                    out[code] = name
                }
            }
            return out
        }
        return CodeRegistry(
            countries: try table("iso_3166-1.json", "3166-1", "alpha_2"),
            subdivisions: try table("iso_3166-2.json", "3166-2", "code"),
            currencies: try table("iso_4217.json", "4217", "alpha_3"))
    }

    private static let cache = LockedCache()

    /// The registry from the default directory, loaded once per process.
    public static func shared() throws -> CodeRegistry {
        try cache.get { try load() }
    }
}

private final class LockedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var value: CodeRegistry?
    func get(_ make: () throws -> CodeRegistry) throws -> CodeRegistry {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let v = try make()
        value = v
        return v
    }
}
