import CorpGraphFiles
import CorpGraph
import Foundation

/// Safe output: terminal text without control characters, CSV cells, atomic file writes.
public enum OutputSafety {
    /// Escapes control characters (C0, DEL, C1, bidi overrides) so an entity name cannot move the cursor, clear the
    /// screen or reorder a terminal line: `\u{1b}` becomes `\x1b`, a newline `\n`.
    public static func terminal(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x00..<0x20, 0x7F..<0xA0: out += String(format: "\\x%02x", u.value)
            case 0x202A...0x202E, 0x2066...0x2069: out += String(format: "\\u{%04x}", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// One RFC 4180 CSV cell. With `spreadsheetSafe`, a cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
    /// leading `'` so spreadsheet programs do not run it as a formula (OWASP CSV injection).
    public static func csvCell(_ s: String, spreadsheetSafe: Bool = false) -> String {
        var value = s
        if spreadsheetSafe, let f = value.utf8.first,
            f == 0x3D || f == 0x2B || f == 0x2D || f == 0x40 || f == 0x09 || f == 0x0D
        {
            // `=`, `+`, `-`, `@`, tab or carriage return first: a formula to a spreadsheet. Negative numbers stay numbers.
            if !(f == 0x2D && Double(value) != nil) { value = "'" + value }
        }
        // Bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// A CSV line from cells, ending in `\n`.
    public static func csvLine(_ cells: [String], spreadsheetSafe: Bool = false) -> String {
        cells.map { csvCell($0, spreadsheetSafe: spreadsheetSafe) }.joined(separator: ",") + "\n"
    }

    /// Writes `data` to `path` atomically (temporary file in the same directory, then rename), refusing to
    /// A file name for an entity id (batch reports: `DIR/<id>.html`): letters, digits, `-`, `_` and `.` kept, anything
    /// else (path separators, control characters, spaces) as `_`; never empty, never `.` or `..`, at most 120 bytes.
    public static func fileName(forID id: String) -> String {
        var out = ""
        for scalar in id.unicodeScalars {
            let keep =
                (scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || "-_.".unicodeScalars.contains(scalar))
                && scalar.value > 0x20
            out.unicodeScalars.append(keep ? scalar : "_")
        }
        while out.utf8.count > 120 { out.removeLast() }
        if out.isEmpty || out.allSatisfy({ $0 == "." }) { out = "_" + out }
        return out
    }

    /// overwrite any of `inputs`.
    public static func write(_ data: Data, to path: String, protecting inputs: [String] = []) throws {
        try refuseOverwriting(path, inputs: inputs)
        do {
            try AtomicFile.write([UInt8](data), to: FilePaths.canonical(path))
        } catch {
            throw InputError("\(path): cannot write: \(error.message)")
        }
    }

    /// Throws when `path` is one of `inputs` or inside one of them.
    public static func refuseOverwriting(_ path: String, inputs: [String]) throws {
        let target = FilePaths.canonical(path)
        for input in inputs {
            let u = FilePaths.canonical(input)
            if u == target || target.hasPrefix(u + "/") {
                throw InputError("\(path): refusing to overwrite an input (\(input)); choose another output path")
            }
        }
    }
}
