import CorpGraph
import CorpGraphIO

/// The three encodings every report has: text for people, JSON and CSV for machines. The CLI's `--format` and the
/// server's responses both go through a report's `encoded(_:)`, so the same query gives the same bytes.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, csv
}

/// A report value: computed once, encoded in any of the three formats.
public protocol Report: Sendable {
    /// The JSON value (keys sorted when written).
    var json: JSONValue { get }
    /// CSV rows with a header line.
    var csv: String { get }
    /// Lines for a terminal, control characters escaped.
    var text: String { get }
}

extension Report {
    /// The bytes the CLI prints and the server sends: pretty JSON with a final newline, CSV, or text.
    public func encoded(_ format: ReportFormat) -> String {
        switch format {
        case .json: json.encoded() + "\n"
        case .csv: csv
        case .text: text
        }
    }
}

/// JSON forms of model values shared by several reports.
public enum ReportJSON {
    /// An ownership share: a number, null when unknown, or a `{min, max, …}` interval.
    public static func share(_ s: Share) -> JSONValue {
        switch s {
        case .exact(let p): return .number(p)
        case .unknown: return .null
        case .range: return interval(PercentInterval(s))
        }
    }

    /// A percent interval: a number when exact, else `{min, max, minExclusive, maxExclusive}` (as `blocked` writes it).
    public static func interval(_ p: PercentInterval?) -> JSONValue {
        guard let p else { return .null }
        if p.isExact { return .number(p.lower) }
        return [
            "min": .number(p.lower), "max": .number(p.upper),
            "minExclusive": .bool(p.lowerExclusive), "maxExclusive": .bool(p.upperExclusive),
        ]
    }

    /// A designation with its dates.
    public static func designation(_ d: Designation) -> JSONValue {
        [
            "list": .string(d.list), "program": .string(d.program), "listed": .date(d.listed),
            "delisted": .date(d.delisted),
        ]
    }
}
