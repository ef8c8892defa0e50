import CorpGraph
import Foundation

/// One row of a counterparty file.
public struct Counterparty: Sendable, Hashable {
    public var ref: String
    public var query: MatchQuery
    /// Columns beyond the known ones, in file order, carried through to the output.
    public var extra: [String]
    /// Line in the file (1 = header).
    public var line: Int
    /// Problems with this row that did not stop it being screened (an identifier that fails its check digits).
    public var notes: [String]
}

/// A counterparty file: the columns and the rows.
public struct CounterpartyList: Sendable, Hashable {
    /// Extra column names, in file order.
    public var extraColumns: [String]
    public var rows: [Counterparty]
}

/// Why a counterparty file cannot be read.
public struct CounterpartyError: LocalizedError, Sendable, Hashable {
    public var file: String
    public var line: Int
    public var reason: String
    public var errorDescription: String? { "\(file):\(line): \(reason)" }
    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }
}

/// Reads counterparty CSV: RFC 4180, header required, columns `ref,name,kind,country,identifiers,birthDate` (`ref`
/// and `name` required, the others optional, any order, names case-insensitive), `identifiers` as
/// `lei:…;inn:…`. Other columns are carried through.
public enum CounterpartyFile {
    public static let knownColumns = ["ref", "name", "kind", "country", "identifiers", "birthdate"]

    public static func parse(_ text: String, file: String) throws(CounterpartyError) -> CounterpartyList {
        let records: [(line: Int, fields: [String])]
        do { records = try CSVRecords.parse(text) } catch {
            throw CounterpartyError(file: file, line: error.line, reason: error.reason)
        }
        guard let header = records.first else {
            throw CounterpartyError(
                file: file, line: 1,
                reason: "empty file: a header line is required (ref,name,kind,country,identifiers,birthDate)")
        }
        return try parse(header: header.fields, records: Array(records.dropFirst()), file: file)
    }

    /// Counterparties from a header and records of fields already split (CSV lines, or the objects of a JSON
    /// body); `line` of each record is where messages point.
    public static func parse(header: [String], records: [(line: Int, fields: [String])], file: String)
        throws(CounterpartyError) -> CounterpartyList
    {
        let names = header.map { $0.trimmingCharacters(in: .whitespaces) }
        var column: [String: Int] = [:]
        var extra: [(Int, String)] = []
        for (i, n) in names.enumerated() {
            let key = n.lowercased()
            if knownColumns.contains(key) {
                if column[key] != nil {
                    throw CounterpartyError(file: file, line: 1, reason: "column '\(n)' appears twice")
                }
                column[key] = i
            } else {
                extra.append((i, n))
            }
        }
        for required in ["ref", "name"] where column[required] == nil {
            let close = Suggestions.nearest(to: required, in: names, limit: 1).first.map { " (found '\($0)')" } ?? ""
            throw CounterpartyError(
                file: file, line: 1, reason: "missing column '\(required)'\(close); the header must name ref and name")
        }
        var rows: [Counterparty] = []
        var seen: [String: Int] = [:]
        for (line, fields) in records {
            if fields.count == 1 && fields[0].isEmpty { continue }
            guard fields.count == names.count else {
                throw CounterpartyError(
                    file: file, line: line, reason: "\(fields.count) field(s), the header has \(names.count)")
            }
            func value(_ key: String) -> String? {
                guard let i = column[key] else { return nil }
                let v = fields[i].trimmingCharacters(in: .whitespaces)
                return v.isEmpty ? nil : v
            }
            let ref = value("ref") ?? ""
            if ref.isEmpty { throw CounterpartyError(file: file, line: line, reason: "field 'ref' is empty") }
            if let first = seen[ref] {
                throw CounterpartyError(file: file, line: line, reason: "ref '\(ref)' repeats line \(first)")
            }
            seen[ref] = line
            var notes: [String] = []
            var kind: EntityKind?
            if let k = value("kind") {
                kind = EntityKind(name: k.lowercased())
                if kind == nil {
                    let known = EntityKind.allCases.map(\.description)
                    throw CounterpartyError(
                        file: file, line: line,
                        reason:
                            "record '\(ref)', field 'kind': unknown kind '\(k)'; expected \(known.joined(separator: ", "))"
                    )
                }
            }
            var identifiers: [IdentifierRef] = []
            for item in (value("identifiers") ?? "").split(separator: ";").map({
                $0.trimmingCharacters(in: .whitespaces)
            }) where !item.isEmpty {
                guard let colon = item.firstIndex(of: ":"), colon != item.startIndex else {
                    throw CounterpartyError(
                        file: file, line: line,
                        reason:
                            "record '\(ref)', field 'identifiers': '\(item)' is not SCHEME:VALUE (e.g. lei:529900T8BM49AURSDO55)"
                    )
                }
                let id = IdentifierRef(scheme: String(item[..<colon]), value: String(item[item.index(after: colon)...]))
                do {
                    try Identifiers.validate(id)
                    identifiers.append(id)
                } catch {
                    notes.append("identifier ignored: \(error.errorDescription ?? "\(error)")")
                }
            }
            let query = MatchQuery(
                name: value("name") ?? "", kind: kind, country: value("country")?.uppercased(),
                identifiers: identifiers, birthDate: value("birthdate"))
            if query.name.isEmpty && identifiers.isEmpty { notes.append("no name and no identifier: nothing to match") }
            rows.append(
                Counterparty(ref: ref, query: query, extra: extra.map { fields[$0.0] }, line: line, notes: notes))
        }
        return CounterpartyList(extraColumns: extra.map(\.1), rows: rows)
    }
}

/// A small RFC 4180 reader for counterparty files (quoted fields, doubled quotes, CRLF or LF).
enum CSVRecords {
    struct Failure: Error { var line: Int; var reason: String }

    static func parse(_ text: String) throws(Failure) -> [(line: Int, fields: [String])] {
        var out: [(Int, [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false, inQuotes = false
        var line = 1, recordLine = 1
        let b = Array(text.utf8)
        var i = b.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endField() { fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(); quoted = false }
        while i < b.count {
            let c = b[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < b.count && b[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    inQuotes = false
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
            } else if c == 0x22 && field.isEmpty && !quoted {
                inQuotes = true; quoted = true
            } else if c == 0x2C {
                endField()
            } else if c == 0x0A || c == 0x0D {
                if c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A { i += 1 }
                endField()
                out.append((recordLine, fields)); fields = []
                line += 1; recordLine = line
            } else {
                if quoted { throw Failure(line: line, reason: "text after a closing quote") }
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw Failure(line: recordLine, reason: "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty || quoted { endField(); out.append((recordLine, fields)) }
        return out
    }
}
