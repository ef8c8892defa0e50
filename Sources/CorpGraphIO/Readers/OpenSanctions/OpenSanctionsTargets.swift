import CorpGraph
import Foundation

/// Reads OpenSanctions `targets.simple.csv` and marks designations on the entities with matching ids (loaded
/// from other inputs, typically the same export's `entities.ftm.json`). Rows whose id is not in the dataset are
/// counted in one warning, not errors: the list is usually far larger than the graph.
///
/// Columns (by header name, any order): `id, schema, name, aliases, birth_date, countries, addresses, identifiers,
/// sanctions, phones, emails, [program_ids,] dataset, first_seen, last_seen, last_change`. Multi-values are
/// joined with `;`. Each `sanctions` value is "program - reason - status - startDate - endDate" with empty parts
/// left out, so the parts are recognised by shape: trailing ISO dates are start and end, a known status word is the
/// status, the first remaining part is the program. The list code comes from `program_ids` and the `dataset` titles
/// (``titleTable``, then ``SanctionListTable/programPrefixes``); see docs/FORMATS-IMPORT.md §4.
public enum OpenSanctionsTargetsReader {
    /// Dataset title (case-insensitive substring) → list code.
    public static let titleTable: [(contains: String, code: String)] = [
        ("ofac specially designated", "OFAC-SDN"), ("ofac sdn", "OFAC-SDN"), ("non-sdn", "OFAC-CONS"),
        ("eu financial sanctions", "EU-FSF"), ("eu fsf", "EU-FSF"), ("eu sanctions map", "EU-MAP"),
        ("uk hmt", "UK-HMT"), ("ofsi", "UK-HMT"), ("uk fcdo", "UK-FCDO"), ("uk sanctions list", "UK-FCDO"),
        ("un security council", "UN-SC"), ("seco", "CH-SECO"), ("canadian", "CA-SEMA"),
        ("australian", "AU-DFAT"), ("dfat", "AU-DFAT"), ("japan", "JP-MOF"), ("new zealand", "NZ-MFAT"),
        ("nsdc", "UA-NSDC"), ("ukraine", "UA-NSDC"), ("monaco", "MC-FUND-FREEZE"), ("belgian", "BE-FOD"),
        ("france", "FR-TRESOR"), ("bis entity list", "US-BIS-EL"),
    ]

    static let statusWords: Set<String> = [
        "active", "inactive", "expired", "suspended", "sanctioned", "delisted",
        "listed", "current", "revoked", "removed",
    ]

    /// Reads `bytes` (the contents of `file`) into `builder`.
    public static func read(_ bytes: [UInt8], file: String, into builder: inout GraphBuilder) {
        let rows: [(line: Int, fields: [String])]
        do { rows = try SimpleCSV.parse(bytes) } catch {
            builder.report(
                Diagnostic(
                    .error, .invalidSyntax, .fileRejected, at: SourceLocation(file: file, line: error.line),
                    "invalid CSV: \(error.message); file left out"))
            return
        }
        guard let header = rows.first else { return }
        let columns = Dictionary(
            header.fields.enumerated().map { ($1.trimmingCharacters(in: .whitespaces), $0) },
            uniquingKeysWith: { a, _ in a })
        guard let idColumn = columns["id"] else {
            builder.report(
                Diagnostic(
                    .error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: file, line: header.line),
                    field: "id",
                    "no 'id' column; expected the targets.simple.csv header (id, schema, name, …, sanctions, …, dataset, …)"
                ))
            return
        }
        var unattributed = 0
        var firstUnattributed: (location: SourceLocation, programs: [String])?
        defer {
            if let first = firstUnattributed {
                builder.report(
                    Diagnostic(
                        .warning, .unknownCode, .kept, at: first.location, field: "sanctions",
                        "\(unattributed) row\(unattributed == 1 ? "" : "s") name several lists and a program no rule attributes to one of them (first: \(first.programs.map { "'\($0)'" }.joined(separator: ", "))); designated as 'OS-TARGET' (counted by every list, by no regime)"
                    ))
            }
        }
        for row in rows.dropFirst() {
            func cell(_ name: String) -> String {
                guard let k = columns[name], k < row.fields.count else { return "" }
                return row.fields[k]
            }
            let location = SourceLocation(file: file, line: row.line, record: nil)
            guard idColumn < row.fields.count, !row.fields[idColumn].isEmpty else {
                builder.reject(
                    Diagnostic(.error, .missingField, .leftOut, at: location, field: "id", "empty id (row left out)"))
                continue
            }
            let id = row.fields[idColumn]
            if row.fields.count != header.fields.count {
                builder.report(
                    Diagnostic(
                        .warning, .invalidValue, .kept, at: location.with(record: id), field: "id",
                        "\(row.fields.count) fields where the header has \(header.fields.count)"))
            }
            var (designations, programs) = attribute(
                sanctions: SimpleCSV.splitMulti(cell("sanctions")),
                programIDs: SimpleCSV.splitMulti(cell("program_ids")),
                datasets: SimpleCSV.splitMulti(cell("dataset")))
            // `first_seen` bounds an undated listing, as in the FtM export.
            if let seen = CalendarDate(parsing: String(cell("first_seen").prefix(10))) {
                for k in designations.indices where designations[k].listed == nil { designations[k].firstSeen = seen }
            }
            if !programs.isEmpty {
                unattributed += 1
                if firstUnattributed == nil { firstUnattributed = (location.with(record: id), programs) }
            }
            var attributes: [String: String] = [:]
            if !cell("dataset").isEmpty { attributes["opensanctions.datasetTitles"] = cell("dataset") }
            builder.amend(
                entity: id,
                with: EntityAmendment(
                    tags: ["sanction"], designations: designations,
                    attributes: attributes),
                at: location.with(record: id), required: false)
        }
    }

    /// Reads the file at `path`.
    public static func read(contentsOf path: String, into builder: inout GraphBuilder) throws {
        read(try readFileBytes(path), file: path, into: &builder)
    }

    /// The list codes a row's `program_ids` and `dataset` titles name, in order, without repeats.
    static func listCodes(programIDs: [String], datasets: [String]) -> [String] {
        var codes: [String] = []
        for p in programIDs {
            let u = p.uppercased()
            if let row = SanctionListTable.programPrefixes.first(where: { u.hasPrefix($0.prefix) }),
                !codes.contains(row.code)
            {
                codes.append(row.code)
            }
        }
        for d in datasets {
            let l = d.lowercased()
            if let row = titleTable.first(where: { l.contains($0.contains) }), !codes.contains(row.code) {
                codes.append(row.code)
            }
        }
        return codes
    }

    /// One designation per `sanctions` value (list code chosen as documented), or one per list code when the
    /// row has no sanctions text.
    public static func designationsFor(sanctions: [String], programIDs: [String], datasets: [String]) -> [Designation] {
        attribute(sanctions: sanctions, programIDs: programIDs, datasets: datasets).designations
    }

    /// The designations of one row, and the programs that could not be attributed to one of the row's several
    /// lists (their designations are on `OS-TARGET`: counted by "every list", by no regime).
    ///
    /// With one list on the row, every value is on it. With several, each value's program is attributed by
    /// ``list(ofProgram:among:)``; a value no rule attributes takes the one list no other value claimed, when exactly
    /// one is left; otherwise it is unattributed. Never the first list by position (an EU programme must not land on
    /// OFAC-SDN because the row also names the SDN list).
    public static func attribute(sanctions: [String], programIDs: [String], datasets: [String])
        -> (designations: [Designation], unattributed: [String])
    {
        let codes = listCodes(programIDs: programIDs, datasets: datasets)
        if sanctions.isEmpty { return ((codes.isEmpty ? ["OS-TARGET"] : codes).map { Designation(list: $0) }, []) }
        var parsed: [(program: String?, listed: CalendarDate?, delisted: CalendarDate?, code: String?)] = sanctions.map
        { text in
            var parts = text.components(separatedBy: " - ").map { $0.trimmingCharacters(in: .whitespaces) }
            var dates: [CalendarDate] = []
            while let last = parts.last, let d = CalendarDate(parsing: last), last.count == 10 {
                dates.insert(d, at: 0)
                parts.removeLast()
            }
            if let last = parts.last, statusWords.contains(last.lowercased()) { parts.removeLast() }
            let program = parts.first
            let code =
                codes.count <= 1 ? (codes.first ?? "OS-TARGET") : program.flatMap { list(ofProgram: $0, among: codes) }
            return (program, dates.first, dates.count > 1 ? dates[1] : nil, code)
        }
        let left = codes.filter { c in !parsed.contains { $0.code == c } }
        var unattributed: [String] = []
        for k in parsed.indices where parsed[k].code == nil {
            if left.count == 1 {
                parsed[k].code = left[0]
            } else {
                parsed[k].code = "OS-TARGET"
                unattributed.append(parsed[k].program ?? "")
            }
        }
        return (
            parsed.map { Designation(list: $0.code!, program: $0.program, listed: $0.listed, delisted: $0.delisted) },
            unattributed
        )
    }

    /// Which of a row's lists `program` belongs to, or nil when no rule says:
    /// 1. a program id prefix (``SanctionListTable/programPrefixes``: `EU-UKR` → EU-FSF, `US-…` → OFAC-SDN), or
    ///    another list of the same authority on the row (`EU-UKR` with EU-MAP but no EU-FSF → EU-MAP);
    /// 2. the legal act it names: "(EU Exit)", "Sanctions and Anti-Money Laundering Act" → the UK list; "(EU)",
    ///    "(CFSP)", "Council Regulation", "Council Decision" → the EU list; "Security Council", "UNSCR" → UN-SC;
    ///    "Executive Order", "E.O.", "CFR" → the OFAC list;
    /// 3. an OFAC program tag (upper case with a digit, a hyphen or four letters or more: `RUSSIA-EO14024`, `SDGT`,
    ///    `IRAN`) → OFAC-SDN; an EU programme code (three letters: `RUS`, `UKR`, `BLR`) → the EU list.
    /// "The UK list" is the row's UK-FCDO, else UK-HMT; "the EU list" its EU-FSF, else another EU-* list.
    public static func list(ofProgram program: String, among codes: [String]) -> String? {
        func first(_ candidates: [String]) -> String? { candidates.first { codes.contains($0) } }
        let eu = first(["EU-FSF"]) ?? codes.first { $0.hasPrefix("EU-") && $0 != "EU-TRAVEL-BAN" }
        let uk = first(["UK-FCDO", "UK-HMT"])
        let ofac = first(["OFAC-SDN", "OFAC-CONS"])
        let u = program.uppercased()
        if let row = SanctionListTable.programPrefixes.first(where: { u.hasPrefix($0.prefix) }) {
            // A program id names its authority: another list of that authority on the row, else none of them.
            if codes.contains(row.code) { return row.code }
            switch row.prefix {
            case "EU-": return eu
            case "GB-": return uk
            case "US-": return ofac
            default: return nil
            }
        }
        let l = program.lowercased()
        if l.contains("(eu exit)") || l.contains("sanctions and anti-money laundering") { return uk }
        if l.contains("(eu)") || l.contains("(cfsp)") || l.contains("council regulation")
            || l.contains("council decision")
        {
            return eu
        }
        if l.contains("security council") || l.contains("unscr") { return first(["UN-SC"]) }
        if l.contains("executive order") || l.contains("e.o.")
            || l.range(of: "\\bcfr\\b", options: .regularExpression) != nil
        {
            return ofac
        }
        guard program.range(of: "^[A-Z0-9]+(-[A-Z0-9]+)*$", options: .regularExpression) != nil else { return nil }
        if program.count == 3, program.allSatisfy(\.isLetter) { return eu }
        return ofac
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, quotes (doubled) and line breaks; `\n` or `\r\n` line ends.
enum SimpleCSV {
    struct Failure: Error { var line: Int; var message: String }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var i = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var line = 1
        var rowLine = 1
        var quoted = false
        var wasQuoted = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < bytes.count {
            let c = bytes[i]
            if quoted {
                if c == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                    quoted = false
                    i += 1
                    continue
                }
                if c == 0x0A { line += 1 }
                field.append(c)
                i += 1
                continue
            }
            switch c {
            case 0x22:
                if !field.isEmpty || wasQuoted { throw Failure(line: line, message: "quote inside an unquoted field") }
                quoted = true
                wasQuoted = true
            case 0x2C: endField()
            case 0x0D: break
            case 0x0A:
                endField()
                if !(fields.count == 1 && fields[0].isEmpty) { rows.append((rowLine, fields)) }
                fields.removeAll(keepingCapacity: true)
                line += 1
                rowLine = line
            default: field.append(c)
            }
            i += 1
        }
        if quoted { throw Failure(line: rowLine, message: "unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            rows.append((rowLine, fields))
        }
        return rows
    }

    /// A `;`-joined multi-value cell, itself CSV-quoted with `;` as delimiter (zavod's `concat_values`).
    static func splitMulti(_ cell: String) -> [String] {
        guard !cell.isEmpty else { return [] }
        var out: [String] = []
        var cur = ""
        var quoted = false
        var chars = Array(cell)
        var k = 0
        while k < chars.count {
            let ch = chars[k]
            if quoted {
                if ch == "\"" {
                    if k + 1 < chars.count, chars[k + 1] == "\"" { cur.append("\""); k += 2; continue }
                    quoted = false
                } else {
                    cur.append(ch)
                }
            } else if ch == "\"" && cur.isEmpty {
                quoted = true
            } else if ch == ";" {
                out.append(cur)
                cur = ""
            } else {
                cur.append(ch)
            }
            k += 1
        }
        out.append(cur)
        chars.removeAll()
        return out.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
