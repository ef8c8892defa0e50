import Foundation

/// A text value (or key) whose bytes are not UTF-8. The parsed value holds U+FFFD in their place, so a reader must
/// leave the record that holds it out and report this, never load the replaced text.
struct JSONTextProblem: Hashable, Sendable {
    enum Step: Hashable, Sendable { case key(String), index(Int) }
    /// Where the first invalid byte is.
    var line: Int
    var column: Int
    var byte: UInt8
    /// The value's place below the parsed document: keys and array indices, outermost first.
    var path: [Step] = []

    /// The path as a field name: `properties.name[0]`, `recordDetails.names[0].fullName`.
    var field: String {
        var out = ""
        for step in path {
            switch step {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index(let n): out += "[\(n)]"
            }
        }
        return out
    }

    /// The field below a top-level array element (the path without its first index).
    var fieldInElement: String {
        var p = self
        if case .index = path.first { p.path.removeFirst() }
        return p.field
    }

    /// The index of the top-level array element holding the value, when the document is an array.
    var element: Int? { if case .index(let n) = path.first { return n }; return nil }

    var message: String {
        "expected UTF-8 text, found invalid byte 0x\(String(byte, radix: 16, uppercase: true)) at column \(column)"
    }
}
