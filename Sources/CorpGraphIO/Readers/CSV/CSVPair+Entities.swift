import CorpGraph
import Foundation

extension CSVPair {
    // MARK: - Entities

    static func parseEntities(_ file: File, registry: CodeRegistry?, options: Options) -> Outcome<EntityColumns> {
        outcome(file.path, options: options, EntityColumns()) { columns, problems throws(Diagnostic) in
            try scanEntities(file, registry: registry, options: options, into: &columns, problems: &problems)
            columns.indexIDs()
        }
    }

    static func scanEntities(
        _ file: File, registry: CodeRegistry?, options: Options, into out: inout EntityColumns,
        problems: inout Problems
    ) throws(Diagnostic) {
        let header = try openFile(
            file, options: options, EntityColumn.self, required: [.id, .kind, .name], expected: entityHeader,
            problems: &problems)
        let scanner = header.scanner, col = header.positions, columns = header.columns, headerNames = header.names
        let cID = col[0], cKind = col[1], cName = col[2], cJur = col[3], cSanctions = col[4], cTags = col[5]
        let cAliases = col[6], cIdentifiers = col[7], cProgram = col[8], cListed = col[9], cDelisted = col[10]
        var jurisdictions = CodeInterner(uppercase: true)
        var tagCodes = CodeInterner(uppercase: false)
        let jurisdictionCheck = jurisdictionProblem(registry)
        let kinds = entityKinds, exactKinds = exactEntityKinds
        var tagBuffer = [Int32](repeating: 0, count: 64)
        var rowsRead = RowProgress(scanner, meter: options.meter)
        defer { rowsRead.finish() }
        while try rowsRead.next() {
            if let rows = rowsRead.reserveRows { out.reserve(rows: rows, textBytes: scanner.fileSize / 2) }
            let line = scanner.line
            guard try problems.checkShape(of: scanner, columns: columns, headerNames: headerNames) else { continue }
            let id = Bytes.trimmed(scanner.field(cID))
            if id.isEmpty {
                try problems.report(
                    .missingField, .leftOut, line: line, field: "id",
                    "expected an entity id, found an empty field (row left out)")
                continue
            }
            let kindBytes = Bytes.trimmed(scanner.field(cKind))
            guard let kind = kind(kindBytes, exact: exactKinds, lower: kinds) else {
                try problems.report(
                    .unknownCode, .leftOut, line: line, field: "kind", unknownKind(kindBytes, EntityKind.self),
                    entity: utf8Problem(id) == nil ? String(decoding: id, as: UTF8.self) : nil)
                continue
            }
            let name = Bytes.trimmed(scanner.field(cName))
            if let problem = utf8Problem(id) {
                try problems.report(.invalidEncoding, .leftOut, line: line, field: "id", problem + " (row left out)")
                continue
            }
            if let problem = utf8Problem(name) {
                try problems.report(.invalidEncoding, .leftOut, line: line, field: "name", problem + " (row left out)")
                continue
            }

            var jurisdiction: Int32 = -1
            if !scanner.isEmpty(cJur) {
                let raw = Bytes.trimmed(scanner.field(cJur))
                if !raw.isEmpty {
                    let (index, problem) = jurisdictions.intern(
                        raw, add: { out.internJurisdiction($0) },
                        check: jurisdictionCheck)
                    jurisdiction = index
                    if let problem {
                        try problems.report(.unknownCode, .kept, line: line, field: "jurisdiction", problem)
                    }
                }
            }

            var tagCount = 0
            if !scanner.isEmpty(cTags) {
                var badTag: String?
                split(scanner.field(cTags)) { piece in
                    let (index, problem) = tagCodes.intern(piece, add: { out.internTag($0) }, check: { _ in nil })
                    if index < 0 { badTag = problem; return }
                    if tagCount == tagBuffer.count { tagBuffer.append(contentsOf: repeatElement(0, count: tagCount)) }
                    tagBuffer[tagCount] = index
                    tagCount += 1
                }
                if let badTag {
                    try problems.report(.invalidValue, .kept, line: line, field: "tags", badTag + " (tag left out)")
                }
            }

            var designations: [Designation] = []
            if !scanner.isEmpty(cSanctions) {
                designations = try readDesignations(
                    scanner, line: line, sanctions: cSanctions, program: cProgram,
                    listed: cListed, delisted: cDelisted, problems: &problems)
            }
            var aliases: [String] = []
            if !scanner.isEmpty(cAliases) {
                aliases = strings(scanner.field(cAliases))
            }
            var identifiers: [String: String] = [:]
            if !scanner.isEmpty(cIdentifiers) {
                for pair in strings(scanner.field(cIdentifiers)) {
                    guard let colon = pair.firstIndex(of: ":"), colon != pair.startIndex else {
                        try problems.report(
                            .invalidValue, .kept, line: line, field: "identifiers",
                            "expected scheme:value pairs joined by ';', found '\(pair)' (identifier left out)")
                        continue
                    }
                    identifiers[String(pair[..<colon]).trimmingCharacters(in: .whitespaces)] =
                        String(pair[pair.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                }
            }
            tagBuffer.withUnsafeBufferPointer { tags in
                out.append(
                    idUTF8: id, kind: kind, nameUTF8: name, jurisdiction: jurisdiction,
                    tags: UnsafeBufferPointer(rebasing: tags[0..<tagCount]), designations: designations,
                    aliases: aliases, identifiers: identifiers, line: Int32(clamping: line))
            }
        }
    }

    /// Column names by position, for messages.
    static func names<C: CaseIterable & RawRepresentable>(of col: [Int], columns: Int, _: C.Type) -> [String]
    where C.RawValue == String {
        let all = Array(C.allCases)
        return (0..<columns).map { i in
            col.firstIndex(of: i).map { all[$0].rawValue } ?? "column \(i + 1)"
        }
    }

    /// Calls `body` with each `;`-separated piece, trimmed, skipping empty ones.
    @inline(__always)
    static func split(_ cell: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let base = cell.baseAddress else { return }
        var from = 0
        for i in 0...cell.count where i == cell.count || base[i] == 0x3B {
            let piece = Bytes.trimmed(UnsafeBufferPointer(start: base + from, count: i - from))
            if !piece.isEmpty { body(piece) }
            from = i + 1
        }
    }

    /// The `;`-separated pieces as strings, trimmed; empty pieces dropped unless `keepEmpty`.
    static func strings(_ cell: UnsafeBufferPointer<UInt8>, keepEmpty: Bool = false) -> [String] {
        String(decoding: cell, as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { keepEmpty || !$0.isEmpty }
    }

    static func readDesignations(
        _ scanner: CSVScanner, line: Int, sanctions: Int, program: Int, listed: Int,
        delisted: Int, problems: inout Problems
    ) throws(Diagnostic) -> [Designation] {
        let codes = strings(scanner.field(sanctions))
        var out = codes.map { Designation(list: $0) }
        if out.isEmpty { return out }
        func aligned(_ column: Int, _ name: String) throws(Diagnostic) -> [String]? {
            guard !scanner.isEmpty(column) else { return nil }
            let values = strings(scanner.field(column), keepEmpty: true)
            if values.count == 1 { return Array(repeating: values[0], count: out.count) }
            if values.count != out.count {
                try problems.report(
                    .invalidValue, .kept, line: line, field: name,
                    "expected one value, or one per sanctions code (\(out.count)), found \(values.count) (\(name) left out)"
                )
                return nil
            }
            return values
        }
        func dates(_ column: Int, _ name: String) throws(Diagnostic) -> [CalendarDate?]? {
            guard let values = try aligned(column, name) else { return nil }
            var result: [CalendarDate?] = []
            for v in values {
                if v.isEmpty { result.append(nil); continue }
                guard let d = CalendarDate(parsing: v), v.utf8.count == 10 else {
                    try problems.report(
                        .invalidDate, .kept, line: line, field: name,
                        "expected a date YYYY-MM-DD, found '\(v)' (\(name) left out)")
                    return nil
                }
                result.append(d)
            }
            return result
        }
        if let programs = try aligned(program, "program") {
            for i in out.indices where !programs[i].isEmpty { out[i].program = programs[i] }
        }
        if let l = try dates(listed, "listed") { for i in out.indices { out[i].listed = l[i] } }
        if let d = try dates(delisted, "delisted") { for i in out.indices { out[i].delisted = d[i] } }
        return out
    }
}
