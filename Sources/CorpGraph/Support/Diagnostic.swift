import Foundation

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

/// One problem found in the input: where, which field, why (``Reason``), what happened to the record (``Effect``),
/// and a message for people. Code decides from ``reason`` and ``effect``, never from the message text.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible, LocalizedError {
    public enum Severity: String, Sendable, Hashable { case error, warning }

    /// What happened to the record the diagnostic is about.
    public enum Effect: String, Sendable, Hashable, CaseIterable {
        /// The record is loaded (a value in it may be ignored or questionable; the message says which).
        case kept
        /// The record is left out; commands compute on the rest (`--strict` makes this exit 1).
        case leftOut = "left out"
        /// The record or input is of a kind corpgraph does not model, or given twice: skipped by design, not a
        /// failure (not counted as left out).
        case skipped
        /// The whole file could not be read: nothing in it is loaded, and commands stop.
        case fileRejected = "file rejected"
    }

    /// Why the diagnostic was made, one case per kind of problem.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        // Whole files.
        /// The file cannot be opened or read, or is not text.
        case unreadableFile = "unreadable-file"
        /// The file is not valid JSON, YAML, XML or CSV (syntax).
        case invalidSyntax = "invalid-syntax"
        /// Invalid UTF-8 where text is expected.
        case invalidEncoding = "invalid-encoding"
        /// The file is empty or its top level is not what the format expects (header, mapping, array).
        case unexpectedStructure = "unexpected-structure"
        /// A version of the format this reader does not read (BODS 0.2/0.3).
        case unsupportedVersion = "unsupported-version"
        /// More problems than worth reporting; the rest of the file is not read.
        case tooManyProblems = "too-many-problems"
        /// An input given twice, or a file in a directory input that is skipped.
        case inputSkipped = "input-skipped"
        // Records.
        /// A relationship or amendment names an entity id that is not in the dataset.
        case danglingReference = "dangling-reference"
        /// A relationship names an entity that was itself left out.
        case rejectedEntity = "rejected-entity"
        /// A relationship from an entity to itself (treasury shares, self-ownership).
        case selfReference = "self-reference"
        /// The same id defined twice with different content.
        case duplicateID = "duplicate-id"
        /// A required field is missing or empty.
        case missingField = "missing-field"
        /// A field that the format does not define.
        case unknownField = "unknown-field"
        /// A value of the wrong type or shape (not a number, not a list, too long …).
        case invalidValue = "invalid-value"
        /// A date that does not parse, or an end before its start.
        case invalidDate = "invalid-date"
        /// A share or percentage that does not parse or is out of range.
        case invalidShare = "invalid-share"
        /// An amount that does not parse or cannot be represented exactly.
        case invalidAmount = "invalid-amount"
        /// A kind, schema, record type, jurisdiction, currency, list or control type not known.
        case unknownCode = "unknown-code"
        /// Accepted, but probably not what was meant (a share of 0.5, a payment without a date, shares over 100 %).
        case suspiciousValue = "suspicious-value"
        /// Records that contradict each other (parallel holdings that disagree, two default regimes).
        case conflictingFacts = "conflicting-facts"
        /// Records of different inputs sharing a strong identifier, merged into one entity (CorpGraphMatch).
        case mergedRecords = "merged-records"
        /// A record of a kind this reader does not turn into the graph (noted, not loaded).
        case unsupportedRecord = "unsupported-record"
        /// Writing a file failed.
        case writeFailed = "write-failed"
    }

    public var severity: Severity
    public var reason: Reason
    public var effect: Effect
    public var location: SourceLocation?
    public var field: String?
    public var message: String
    /// The id of the entity this diagnostic leaves out, when known: relationships naming it are then reported as
    /// left out because of it (not as unknown ids with a "did you mean").
    public var leftOutEntity: String?

    public init(
        _ severity: Severity = .error, _ reason: Reason, _ effect: Effect, at location: SourceLocation?,
        field: String? = nil, _ message: String
    ) {
        self.severity = severity
        self.reason = reason
        self.effect = effect
        self.location = location
        self.field = field
        self.message = message
    }

    /// A diagnostic without a reason, for code written before diagnostics were typed: the effect is guessed from the
    /// severity (an error leaves its record out). New code names the reason and effect.
    @available(*, deprecated, message: "name the reason and the effect: Diagnostic(severity, reason, effect, at:…)")
    public init(_ severity: Severity = .error, at location: SourceLocation?, field: String? = nil, _ message: String) {
        self.init(severity, .invalidValue, severity == .error ? .leftOut : .kept, at: location, field: field, message)
    }

    /// Whether the record the diagnostic is about was left out.
    public var leavesRecordOut: Bool { effect == .leftOut }
    /// Whether nothing of the file could be read.
    public var rejectsFile: Bool { effect == .fileRejected }

    public var description: String {
        var s = location.map { "\($0): " } ?? ""
        s += severity.rawValue + ": "
        if let field { s += "\(field): " }
        return s + message
    }

    public var errorDescription: String? { description }

    /// This diagnostic, naming `id` as the entity it leaves out.
    public func leavingOut(entity id: String) -> Diagnostic {
        var d = self
        d.leftOutEntity = id
        return d
    }
}
