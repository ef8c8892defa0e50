import CorpGraph
import Foundation
import Yams

/// Reads the native dataset (YAML or JSON): `{entities: [...], relationships: [...], policy: {...}}`.
///
/// Every problem is reported to the builder with file, line (from the parser's position), field, what was expected
/// and what was found; a record with a missing `id` or unknown `kind` is left out and counted as rejected, other bad
/// fields are reported and left empty. The format is documented in `docs/FORMATS.md`.
public enum NativeDataset {
    /// Largest input accepted (a native dataset is written by hand or exported; bigger data goes through CSV).
    public static let maxBytes = 256 << 20
    /// Deepest flow/block nesting accepted, far beyond what the format needs; protects the parser's stack.
    public static let maxNesting = 64
    /// Longest scalar accepted.
    public static let maxScalarBytes = 1 << 20

    /// Reads `text` from `file` into `builder`; returns the dataset's policy, if it has one.
    public static func read(
        text: String, file: String, into builder: inout GraphBuilder,
        registry: CodeRegistry?
    ) -> Policy? {
        read(text: text, file: file, into: &builder, registry: registry, meter: nil)
    }

    /// ``read(text:file:into:registry:)``, telling `meter` each record read (after the document is parsed) and the
    /// bytes up to its line.
    static func read(
        text: String, file: String, into builder: inout GraphBuilder, registry: CodeRegistry?,
        meter: ProgressMeter?
    ) -> Policy? {
        if let problem = precheck(text) {
            builder.report(
                Diagnostic(
                    .error, problem.reason, .fileRejected, at: SourceLocation(file: file, line: problem.line),
                    problem.message))
            return nil
        }
        // A `.json` file is held to JSON (RFC 8259): YAML, which reads it, would accept a trailing comma or a
        // comment in silence.
        if file.lowercased().hasSuffix(".json") {
            do { _ = try JSONParser.parse(Array(text.utf8)) } catch {
                builder.report(
                    Diagnostic(
                        .error, .invalidSyntax, .fileRejected, at: SourceLocation(file: file, line: error.line),
                        "not valid JSON: \(error.message) (column \(error.column)); file left out"))
                return nil
            }
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            builder.report(
                Diagnostic(
                    .error, .invalidSyntax, .fileRejected, at: SourceLocation(file: file, line: yamlErrorLine(error)),
                    "not a valid YAML/JSON document: \(yamlErrorMessage(error))"))
            return nil
        } catch {
            builder.report(
                Diagnostic(
                    .error, .invalidSyntax, .fileRejected, at: SourceLocation(file: file),
                    "not a valid YAML/JSON document: \(error)"))
            return nil
        }
        guard let root else {
            builder.report(
                Diagnostic(
                    .error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: file, line: 1),
                    "empty dataset; expected a mapping with 'entities' and 'relationships'"))
            return nil
        }
        var reader = NativeReader(file: file, registry: registry)
        if let meter { reader.progress = LineProgress(text: text, meter: meter) }
        let policy = reader.readRoot(root, into: &builder)
        reader.progress?.finish()
        return policy
    }

    /// Cheap checks before parsing: size, NUL bytes (binary input), line length and nesting depth.
    static func precheck(_ text: String) -> (line: Int?, reason: Diagnostic.Reason, message: String)? {
        if text.utf8.count > maxBytes {
            return (
                nil, .unreadableFile,
                "file is \(text.utf8.count) bytes; the native format accepts at most \(maxBytes) (use the CSV pair for bulk data)"
            )
        }
        var line = 1
        var depth = 0
        var lineLength = 0
        var inSingle = false, inDouble = false, escaped = false
        for b in text.utf8 {
            if b == 0 { return (line, .unreadableFile, "binary data (NUL byte); expected UTF-8 YAML or JSON text") }
            if b == 10 { line += 1; lineLength = 0; inSingle = false; continue }
            lineLength += 1
            if lineLength > maxScalarBytes {
                return (
                    line, .invalidValue, "line longer than \(maxScalarBytes) bytes; refusing an absurdly long field"
                )
            }
            if inDouble {
                if escaped {
                    escaped = false
                } else if b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == UInt8(ascii: "\"") {
                    inDouble = false
                }
                continue
            }
            if inSingle { if b == UInt8(ascii: "'") { inSingle = false }; continue }
            switch b {
            case UInt8(ascii: "\""): inDouble = true
            case UInt8(ascii: "'"): if lineLength == 1 || depth > 0 { inSingle = true }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxNesting {
                    return (
                        line, .unexpectedStructure,
                        "nesting deeper than \(maxNesting) levels; refusing (would exhaust the parser's stack)"
                    )
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func yamlErrorMessage(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        default: return "\(error)"
        }
    }
}

/// Field names of the native format: the contract, also used for "unknown field" messages.
enum NativeFields {
    static let root: Set<String> = [
        "entities", "relationships", "policy", "title", "description", "sources",
        "sameAs", "notSameAs",
    ]
    static let entity: Set<String> = [
        "id", "kind", "name", "aliases", "jurisdiction", "identifiers", "tags",
        "designations", "sources", "attributes", "notes",
    ]
    /// An entity record that adds facts to an entity defined elsewhere (`extends: ID`).
    static let overlay: Set<String> = entity.subtracting(["id"]).union(["extends"])
    static let relationship: Set<String> = [
        "id", "kind", "source", "target", "share", "shareText", "basis", "controlType", "role",
        "amount", "currency", "date", "start", "end", "sources", "confidence",
        "attributes", "notes",
    ]
    static let designation: Set<String> = ["list", "program", "listed", "delisted", "firstSeen"]
    static let source: Set<String> = ["title", "url", "retrieved", "quote"]
    static let share: Set<String> = ["exact", "min", "max", "minExclusive", "maxExclusive"]
    static let policy: Set<String> = ["jurisdictions", "lists", "regime", "regimes"]
    static let regime: Set<String> = [
        "name", "threshold", "inclusive", "from", "tests", "aggregate", "control",
        "indirect", "lists", "citation", "controlTypes", "votingRights",
    ]
    static let test: Set<String> = ["from", "threshold", "inclusive"]
}

/// The reader state of one native file (NativeDataset+Records.swift, NativeDataset+Policy.swift).
struct NativeReader {
    let file: String
    let registry: CodeRegistry?
    var problems: [Diagnostic] = []
    var rejected: [Diagnostic] = []
    /// Told each entity and relationship read, when the load reports progress.
    var progress: LineProgress?

    init(file: String, registry: CodeRegistry?) {
        self.file = file
        self.registry = registry
    }

    func loc(_ node: Node?, _ record: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, record: record)
    }

    /// Whether an entity or relationship is being read: an error then leaves that record out; outside a record (the
    /// top level, the policy) an error rejects the file.
    var inRecord = false

    /// A bad value. Inside a record the record is left out (``finishRecord(into:)``): loading it with the field
    /// empty would change its meaning (an ownership whose bad end date is dropped would still be in force).
    mutating func error(
        _ reason: Diagnostic.Reason, _ node: Node?, _ record: String?, _ field: String?, _ message: String
    ) {
        problems.append(
            Diagnostic(
                .error, reason, inRecord ? .leftOut : .fileRejected, at: loc(node, record),
                field: field, message))
    }

    /// An error that leaves the whole record out.
    mutating func rejectRecord(
        _ reason: Diagnostic.Reason, _ node: Node?, _ record: String?, _ field: String?,
        _ message: String, entity: String? = nil
    ) {
        var d = Diagnostic(
            .error, reason, .leftOut, at: loc(node, record), field: field, message + " (record rejected)")
        d.leftOutEntity = entity
        rejected.append(d)
        inRecord = false
    }

    mutating func warning(
        _ reason: Diagnostic.Reason, _ node: Node?, _ record: String?, _ field: String?, _ message: String
    ) {
        problems.append(Diagnostic(.warning, reason, .kept, at: loc(node, record), field: field, message))
    }

    /// Ends a record: reports its problems; whether it may be added (no error in it). A record with errors is counted
    /// once as left out.
    mutating func finishRecord(into builder: inout GraphBuilder, entity: String? = nil) -> Bool {
        inRecord = false
        var failed = false
        for i in problems.indices where problems[i].severity == .error {
            problems[i].message += " (record left out)"
            problems[i].leftOutEntity = entity
            if !failed { rejected.append(problems[i]) }
            failed = true
        }
        if failed, let first = problems.firstIndex(where: { $0.severity == .error }) { problems.remove(at: first) }
        flush(into: &builder)
        return !failed
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "'\(s.string.prefix(80))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "a YAML alias"
        }
    }

    func pairs(_ node: Node) -> [(String, Node, Node)]? {
        guard case .mapping(let m) = node else { return nil }
        return m.map { (key, value) in (key.string ?? "", key, value) }
    }

    mutating func checkKeys(_ node: Node, _ allowed: Set<String>, _ record: String?, _ what: String) {
        guard let ps = pairs(node) else { return }
        for (k, keyNode, _) in ps where !allowed.contains(k) {
            let hint = Suggestions.hint(for: k, in: allowed, limit: 1)
            warning(.unknownField, keyNode, record, k, "unknown \(what) field '\(k)' (ignored)\(hint)")
        }
    }

    func value(_ node: Node, _ key: String) -> Node? {
        pairs(node)?.first { $0.0 == key }?.2
    }

    func isNull(_ node: Node) -> Bool {
        if case .scalar(let s) = node {
            return s.tag == .implicit && (s.string == "" || s.string == "~" || s.string == "null") && s.style == .plain
        }
        return false
    }

    mutating func string(_ node: Node?, _ record: String?, _ field: String) -> String? {
        guard let node, !isNull(node) else { return nil }
        guard case .scalar(let s) = node else {
            error(.invalidValue, node, record, field, "expected a text value, found \(NativeReader.describe(node))")
            return nil
        }
        return s.string
    }

    mutating func strings(_ node: Node?, _ record: String?, _ field: String) -> [String] {
        guard let node, !isNull(node) else { return [] }
        switch node {
        case .sequence(let seq):
            return seq.compactMap { string($0, record, field) }
        case .scalar(let s):
            return [s.string]
        default:
            error(
                .invalidValue, node, record, field,
                "expected a list of text values, found \(NativeReader.describe(node))")
            return []
        }
    }

    mutating func date(_ node: Node?, _ record: String?, _ field: String) -> CalendarDate? {
        guard let text = string(node, record, field) else { return nil }
        guard let d = CalendarDate(parsing: text), text.utf8.count == 10 || text.contains("T") else {
            error(.invalidDate, node, record, field, "expected a date YYYY-MM-DD, found '\(text.prefix(40))'")
            return nil
        }
        return d
    }

    mutating func bool(_ node: Node?, _ record: String?, _ field: String) -> Bool? {
        guard let text = string(node, record, field) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(.invalidValue, node, record, field, "expected true or false, found '\(text.prefix(40))'")
            return nil
        }
    }

    mutating func percent(_ node: Node?, _ record: String?, _ field: String) -> Percent? {
        guard let text = string(node, record, field) else { return nil }
        guard
            let p = Percent(
                parsing: text.hasSuffix("%") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text)
        else {
            error(
                .invalidShare, node, record, field,
                "expected a percentage between 0 and 100 (up to 4 decimals), found '\(text.prefix(40))'")
            return nil
        }
        guard p >= .zero, p <= .hundred else {
            error(.invalidShare, node, record, field, "share out of range: expected 0–100, found \(p)")
            return nil
        }
        return p
    }
}
