/// Where a record came from: file, line (1-based) or record number, and optionally the record id.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var record: String?

    public init(file: String, line: Int? = nil, record: String? = nil) {
        self.file = file
        self.line = line
        self.record = record
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let record { s += " (\(record))" }
        return s
    }
}

/// One problem found in the input: where, which field, what was expected and what was found.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation?
    public var field: String?
    public var message: String

    public init(_ severity: Severity = .error, at location: SourceLocation?, field: String? = nil, _ message: String) {
        self.severity = severity
        self.location = location
        self.field = field
        self.message = message
    }

    public var description: String {
        var s = location.map { "\($0): " } ?? ""
        s += severity.rawValue + ": "
        if let field { s += "\(field): " }
        return s + message
    }
}
