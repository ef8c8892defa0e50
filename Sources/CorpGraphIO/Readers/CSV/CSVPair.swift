import CorpGraph
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The CSV pair: `entities.csv` and `relationships.csv` (DESIGN §3), the bulk and benchmark format.
///
/// **Reading.** Columns are found by header name (any order, case-insensitive); a missing required column is an
/// error, an unknown one a warning. RFC 4180 quoting (commas, doubled quotes and line breaks inside quotes), UTF-8
/// with an optional byte order mark, LF, CRLF or CR line ends. Multi-valued cells are joined by `;`.
///
/// `entities.csv`: `id,kind,name` required; optional `jurisdiction`, `sanctions` (list codes, each becoming a
/// ``Designation``), `tags`, `aliases`, `identifiers` (`scheme:value;…`), and `program`, `listed`, `delisted` (one
/// value for every code in `sanctions`, or one per code in the same order).
///
/// `relationships.csv`: `source,target,kind` required; optional `share`, `amount`, `currency`, `date`, `start`, `end`,
/// `id`, `controlType`, `role`, `basis`, `confidence`. `share` is a percent from 0 to 100 (`50`, `33.33`, `50%`),
/// empty or `?` for unknown, or an interval: `25-50` (both bounds inclusive), `>25-50`, `25-<50`, `>25-<50`
/// (exclusive bounds), `>=50`, `>50`, `<=25`, `<25` (one bound). Dates are `YYYY-MM-DD`; amounts plain decimals.
///
/// **Problems.** Everything found in a row is reported to the builder's diagnostics with file, line of the record's
/// start, field, what was expected and what was found; reading goes on. A row with a malformed value (bad share,
/// date, amount or kind, wrong field count, invalid UTF-8) is left out; an entity whose only problem is an unknown
/// jurisdiction code is kept with that code (a relationship likewise with an unknown currency). Problems that make
/// the rest of the file meaningless are thrown as a ``Diagnostic``: a missing file, an empty file, a missing
/// required column, binary data, a field longer than ``Options/maxFieldBytes``, a file that ends inside quotes, or
/// more than ``Options/maxProblemsPerFile`` problems in one file.
///
/// **Speed.** The files are read in chunks and parsed as bytes; numbers, dates and kinds are never turned into
/// `String`s, codes are interned once per distinct value, and records go into ``GraphBuilder`` through its bulk path.
public enum CSVPair {
    public struct Options: Sendable {
        /// Longest field accepted (bytes); a longer one is an error found before it is held whole.
        public var maxFieldBytes: Int
        /// Problems (errors and warnings) reported per file before reading stops with an error.
        public var maxProblemsPerFile: Int
        /// Read size.
        public var chunkBytes: Int
        /// Writer only: prefix text cells starting with `=`, `+`, `-` or `@` with `'` so spreadsheets do not run
        /// them as formulas. Off by default, because it changes the data: a round trip keeps the graph only without it.
        public var spreadsheetSafe: Bool

        public init(maxFieldBytes: Int = 1 << 20, maxProblemsPerFile: Int = 1000, chunkBytes: Int = 4 << 20,
                    spreadsheetSafe: Bool = false) {
            self.maxFieldBytes = maxFieldBytes
            self.maxProblemsPerFile = maxProblemsPerFile
            self.chunkBytes = chunkBytes
            self.spreadsheetSafe = spreadsheetSafe
        }
    }

    public static let entitiesFileName = "entities.csv"
    public static let relationshipsFileName = "relationships.csv"

    /// Reads `directory/entities.csv` and `directory/relationships.csv`.
    public static func read(directory: String, into builder: inout GraphBuilder, registry: CodeRegistry?,
                            options: Options = Options()) throws(Diagnostic) {
        // An empty directory is the current one: the files keep their bare names in diagnostics.
        let base = directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
        try read(entities: base + entitiesFileName, relationships: base + relationshipsFileName, into: &builder,
                 registry: registry, options: options)
    }

    /// Reads an entities file and a relationships file: the two are parsed at the same time on two threads, then
    /// added to `builder` (entities first), so the result is the same as reading them one after the other.
    public static func read(entities: String, relationships: String, into builder: inout GraphBuilder,
                            registry: CodeRegistry?, options: Options = Options()) throws(Diagnostic) {
        final class Box: @unchecked Sendable { var outcome: Outcome<[RelationshipColumns]>? }
        let box = Box()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            box.outcome = parseRelationships(relationships, registry: registry, options: options)
        }
        var entityOutcome = parseEntities(entities, registry: registry, options: options)
        group.wait()
        guard var relationshipOutcome = box.outcome else {
            throw Diagnostic(.error, .unreadableFile, .fileRejected, at: SourceLocation(file: relationships), "internal error: the relationships file was not read")
        }
        box.outcome = nil
        try entityOutcome.deliver(into: &builder, path: entities)
        try relationshipOutcome.deliver(into: &builder, path: relationships)
    }

    /// Reads one `entities.csv` into `builder`.
    public static func readEntities(_ path: String, into builder: inout GraphBuilder, registry: CodeRegistry?,
                                    options: Options = Options()) throws(Diagnostic) {
        var outcome = parseEntities(path, registry: registry, options: options)
        try outcome.deliver(into: &builder, path: path)
    }

    /// Reads one `relationships.csv` into `builder`. Ids are resolved against the entities added so far; the rest
    /// are resolved (or reported as dangling) when the graph is built.
    public static func readRelationships(_ path: String, into builder: inout GraphBuilder, registry: CodeRegistry?,
                                         options: Options = Options()) throws(Diagnostic) {
        var outcome = parseRelationships(path, registry: registry, options: options)
        try outcome.deliver(into: &builder, path: path)
    }

    /// What parsing one file gave: columns, problems, and the error that stopped it, if any.
    struct Outcome<Columns> {
        var columns: Columns
        var diagnostics: [Diagnostic] = []
        /// Positions in ``diagnostics`` of rows left out.
        var rejected: Set<Int> = []
        var error: Diagnostic?

        func report(into builder: inout GraphBuilder) {
            for (i, d) in diagnostics.enumerated() {
                if rejected.contains(i) { builder.reject(d) } else { builder.report(d) }
            }
        }
    }

    /// Whether `path` is a directory holding the pair.
    public static func isPairDirectory(_ path: String) -> Bool {
        let fm = FileManager.default
        let base = path.hasSuffix("/") ? path : path + "/"
        return fm.fileExists(atPath: base + entitiesFileName) && fm.fileExists(atPath: base + relationshipsFileName)
    }

    // MARK: - Columns

    enum EntityColumn: String, CaseIterable {
        case id, kind, name, jurisdiction, sanctions, tags, aliases, identifiers, program, listed, delisted
    }

    enum RelationshipColumn: String, CaseIterable {
        case source, target, kind, share, amount, currency, date, start, end, id, controlType, role, basis, confidence
    }

    static let entityHeader = "id,kind,name,jurisdiction,sanctions,tags"
    static let relationshipHeader = "source,target,kind,share,amount,currency,date"

    /// Maps header names to column positions: `result[c]` is the position of column case `c`, or -1.
    static func mapHeader<C: CaseIterable & RawRepresentable>(
        _ scanner: CSVScanner, _: C.Type, required: [C], expected: String, problems: inout Problems
    ) throws(Diagnostic) -> [Int] where C.RawValue == String, C.AllCases.Index == Int {
        let all = Array(C.allCases)
        var positions = [Int](repeating: -1, count: all.count)
        var names: [String] = []
        let location = SourceLocation(file: scanner.path, line: scanner.line)
        for i in 0..<scanner.fieldCount {
            let raw = Bytes.trimmed(scanner.field(i))
            if Bytes.invalidUTF8Offset(raw) != nil {
                throw Diagnostic(.error, .invalidEncoding, .fileRejected, at: location, "expected a CSV header row such as '\(expected)', found binary or non-UTF-8 data")
            }
            let name = String(decoding: raw, as: UTF8.self)
            names.append(name)
            guard let c = all.firstIndex(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                try problems.report(.unknownField, .kept, line: scanner.line, field: name,
                    "unknown column ignored; expected one of \(all.map(\.rawValue).joined(separator: ", "))", severity: .warning)
                continue
            }
            if positions[c] >= 0 {
                throw Diagnostic(.error, .unexpectedStructure, .fileRejected, at: location, field: name, "duplicate column; expected each column once")
            }
            positions[c] = i
        }
        let missing = required.filter { r in positions[all.firstIndex { $0.rawValue == r.rawValue }!] < 0 }.map(\.rawValue)
        if !missing.isEmpty {
            var found = names.joined(separator: ",")
            if found.count > 80 { found = String(found.prefix(80)) + "…" }
            throw Diagnostic(.error, .missingField, .fileRejected, at: location, field: missing[0],
                "missing required column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")); expected a header such as '\(expected)', found '\(found)'")
        }
        return positions
    }

    /// Collects the problems of one file; throws past the limit.
    struct Problems {
        let path: String
        let limit: Int
        var list: [Diagnostic] = []
        /// Positions in ``list`` of problems that left a row out (counted as rejected by the builder).
        var rejected: Set<Int> = []

        mutating func report(_ reason: Diagnostic.Reason, _ effect: Diagnostic.Effect, line: Int, field: String?,
                             _ message: String, severity: Diagnostic.Severity = .error,
                             entity: String? = nil) throws(Diagnostic) {
            if list.count >= limit {
                throw Diagnostic(.error, .tooManyProblems, .fileRejected, at: SourceLocation(file: path, line: line),
                    "too many problems (more than \(limit)) in this file; stopped reading (is it a CSV pair file?)")
            }
            if effect == .leftOut { rejected.insert(list.count) }
            var d = Diagnostic(severity, reason, effect, at: SourceLocation(file: path, line: line, record: entity),
                               field: field, message)
            d.leftOutEntity = entity
            list.append(d)
        }

        /// Reports a row with the wrong number of fields or text after a closing quote; `false` leaves the row out.
        mutating func checkShape(of scanner: CSVScanner, columns: Int, headerNames: [String]) throws(Diagnostic) -> Bool {
            if scanner.fieldCount != columns {
                try report(.unexpectedStructure, .leftOut, line: scanner.line, field: nil,
                    "expected \(columns) fields as in the header, found \(scanner.fieldCount) (row left out)")
                return false
            }
            if scanner.strayField >= 0 {
                try report(.invalidSyntax, .leftOut, line: scanner.line, field: headerNames[scanner.strayField],
                    "expected ',' or the end of the line after a closing quote, found more text (row left out)")
                return false
            }
            return true
        }
    }

    /// Interns short codes (jurisdictions, currencies, tags) by their raw bytes: the normalised text goes to the
    /// builder and is checked once per distinct raw value.
    struct CodeInterner {
        var table = StringTable()
        var builderIndex: [Int32] = []
        /// Problem text for an unknown code, per raw value.
        var problem: [String?] = []
        let uppercase: Bool
        /// A direct-mapped cache of recent short values (≤ 8 bytes): packed bytes, length (-1: empty), table index.
        var cacheWord = [UInt64](repeating: 0, count: 64)
        var cacheLength = [Int](repeating: -1, count: 64)
        var cacheIndex = [Int32](repeating: 0, count: 64)

        init(uppercase: Bool) { self.uppercase = uppercase }

        /// Returns the columns' index (or -1 with a problem message when the bytes are not UTF-8).
        @inline(__always)
        mutating func intern(_ raw: UnsafeBufferPointer<UInt8>, add: (String) -> Int32,
                             check: (String) -> String?) -> (Int32, String?) {
            var word: UInt64 = 0
            var slot = -1
            if raw.count <= 8 {
                for i in 0..<raw.count { word |= UInt64(raw[i]) << (8 * UInt64(i)) }
                slot = Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> 58) ^ (raw.count & 63)
                if cacheLength[slot] == raw.count && cacheWord[slot] == word {
                    let i = Int(cacheIndex[slot])
                    return (builderIndex[i], problem[i])
                }
            }
            if let i = table.lookup(utf8: raw) {
                if slot >= 0 { cacheWord[slot] = word; cacheLength[slot] = raw.count; cacheIndex[slot] = i }
                return (builderIndex[Int(i)], problem[Int(i)])
            }
            if let bad = Bytes.invalidUTF8Offset(raw) {
                return (-1, "expected UTF-8 text, found invalid byte 0x\(String(raw[bad], radix: 16, uppercase: true)) at byte \(bad + 1)")
            }
            var text = String(decoding: Bytes.trimmed(raw), as: UTF8.self)
            if uppercase { text = text.uppercased() }
            let index = add(text)
            let message = check(text)
            table.insert(utf8: raw)
            builderIndex.append(index)
            problem.append(message)
            return (index, message)
        }
    }

    static func jurisdictionProblem(_ registry: CodeRegistry?) -> (String) -> String? {
        { code in
            guard let registry, !registry.isJurisdiction(code) else { return nil }
            return "expected an ISO 3166-1 alpha-2 or ISO 3166-2 code, found '\(code)'" + hint(registry.suggestJurisdiction(for: code))
        }
    }

    static func currencyProblem(_ registry: CodeRegistry?) -> (String) -> String? {
        { code in
            guard let registry, !registry.isCurrency(code) else { return nil }
            return "expected an ISO 4217 code or a crypto-asset ticker, found '\(code)'" + hint(registry.suggestCurrency(for: code))
        }
    }

    static func hint(_ suggestions: [String]) -> String { Suggestions.hint(suggestions) }

    static let entityKinds: [((UInt64, UInt64), EntityKind)] = EntityKind.allCases.map { (Bytes.packLower($0.description), $0) }
    static let relationshipKinds: [((UInt64, UInt64), RelationshipKind)] =
        RelationshipKind.allCases.map { (Bytes.packLower($0.description), $0) }
    static let exactEntityKinds: [((Int, UInt64, UInt64), EntityKind)] = EntityKind.allCases.map { (Bytes.packExact($0.description), $0) }
    static let exactRelationshipKinds: [((Int, UInt64, UInt64), RelationshipKind)] =
        RelationshipKind.allCases.map { (Bytes.packExact($0.description), $0) }

    /// The kind named by `bytes`: exact lower-case spelling first (one comparison per kind), then any case.
    @inline(__always)
    static func kind<K>(_ bytes: UnsafeBufferPointer<UInt8>, exact: [((Int, UInt64, UInt64), K)],
                        lower: [((UInt64, UInt64), K)]) -> K? {
        if let key = Bytes.packExact(bytes) {
            for (k, v) in exact where k.0 == key.0 && k.1 == key.1 && k.2 == key.2 { return v }
        }
        if let key = Bytes.packLower(bytes) {
            for (k, v) in lower where k == key { return v }
        }
        return nil
    }

    static func reserveEstimate(_ scanner: CSVScanner, rows: Int) -> Int {
        let consumed = max(1, scanner.offsetAfterRecord)
        return Int(Double(scanner.fileSize) / Double(consumed) * Double(rows) * 1.05) + 64
    }

    // MARK: - Entities

    static func parseEntities(_ path: String, registry: CodeRegistry?, options: Options) -> Outcome<EntityColumns> {
        var columns = EntityColumns()
        var problems = Problems(path: path, limit: options.maxProblemsPerFile)
        do {
            try parseEntities(path, registry: registry, options: options, into: &columns, problems: &problems)
            columns.indexIDs()
            return Outcome(columns: columns, diagnostics: problems.list, rejected: problems.rejected)
        } catch {
            return Outcome(columns: columns, diagnostics: problems.list, rejected: problems.rejected, error: error)
        }
    }

    static func parseEntities(_ path: String, registry: CodeRegistry?, options: Options, into out: inout EntityColumns,
                              problems: inout Problems) throws(Diagnostic) {
        let scanner = try CSVScanner(path: path, chunkBytes: options.chunkBytes, maxFieldBytes: options.maxFieldBytes)
        guard try scanner.next() else {
            throw Diagnostic(.error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: path), "empty file; expected a header row '\(entityHeader)'")
        }
        let col = try mapHeader(scanner, EntityColumn.self, required: [.id, .kind, .name], expected: entityHeader,
                                problems: &problems)
        let columns = scanner.fieldCount
        scanner.setColumns(columns)
        let cID = col[0], cKind = col[1], cName = col[2], cJur = col[3], cSanctions = col[4], cTags = col[5]
        let cAliases = col[6], cIdentifiers = col[7], cProgram = col[8], cListed = col[9], cDelisted = col[10]
        let headerNames = names(of: col, columns: columns, EntityColumn.self)
        var jurisdictions = CodeInterner(uppercase: true)
        var tagCodes = CodeInterner(uppercase: false)
        let jurisdictionCheck = jurisdictionProblem(registry)
        let kinds = entityKinds, exactKinds = exactEntityKinds
        var tagBuffer = [Int32](repeating: 0, count: 64)
        var rows = 0

        while try scanner.next() {
            rows += 1
            if rows == 4096 {
                out.reserve(rows: reserveEstimate(scanner, rows: rows), textBytes: scanner.fileSize / 2)
            }
            let line = scanner.line
            guard try problems.checkShape(of: scanner, columns: columns, headerNames: headerNames) else { continue }
            let id = Bytes.trimmed(scanner.field(cID))
            if id.isEmpty {
                try problems.report(.missingField, .leftOut, line: line, field: "id", "expected an entity id, found an empty field (row left out)")
                continue
            }
            let kindBytes = Bytes.trimmed(scanner.field(cKind))
            guard let kind = kind(kindBytes, exact: exactKinds, lower: kinds) else {
                try problems.report(.unknownCode, .leftOut, line: line, field: "kind",
                    "expected one of \(EntityKind.allCases.map(\.description).joined(separator: ", ")), found '\(Bytes.display(kindBytes))'\(Suggestions.hint(for: String(decoding: kindBytes, as: UTF8.self), in: EntityKind.allCases.map(\.description))) (row left out)",
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
                    let (index, problem) = jurisdictions.intern(raw, add: { out.internJurisdiction($0) },
                                                                check: jurisdictionCheck)
                    jurisdiction = index
                    if let problem { try problems.report(.unknownCode, .kept, line: line, field: "jurisdiction", problem) }
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
                if let badTag { try problems.report(.invalidValue, .kept, line: line, field: "tags", badTag + " (tag left out)") }
            }

            var designations: [Designation] = []
            if !scanner.isEmpty(cSanctions) {
                designations = try readDesignations(scanner, line: line, sanctions: cSanctions, program: cProgram,
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
                        try problems.report(.invalidValue, .kept, line: line, field: "identifiers",
                            "expected scheme:value pairs joined by ';', found '\(pair)' (identifier left out)")
                        continue
                    }
                    identifiers[String(pair[..<colon]).trimmingCharacters(in: .whitespaces)] =
                        String(pair[pair.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                }
            }
            tagBuffer.withUnsafeBufferPointer { tags in
                out.append(idUTF8: id, kind: kind, nameUTF8: name, jurisdiction: jurisdiction,
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

    static func readDesignations(_ scanner: CSVScanner, line: Int, sanctions: Int, program: Int, listed: Int,
                                 delisted: Int, problems: inout Problems) throws(Diagnostic) -> [Designation] {
        let codes = strings(scanner.field(sanctions))
        var out = codes.map { Designation(list: $0) }
        if out.isEmpty { return out }
        func aligned(_ column: Int, _ name: String) throws(Diagnostic) -> [String]? {
            guard !scanner.isEmpty(column) else { return nil }
            let values = strings(scanner.field(column), keepEmpty: true)
            if values.count == 1 { return Array(repeating: values[0], count: out.count) }
            if values.count != out.count {
                try problems.report(.invalidValue, .kept, line: line, field: name,
                    "expected one value, or one per sanctions code (\(out.count)), found \(values.count) (\(name) left out)")
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
                    try problems.report(.invalidDate, .kept, line: line, field: name,
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

    // MARK: - Relationships

    static func parseRelationships(_ path: String, registry: CodeRegistry?, options: Options) -> Outcome<[RelationshipColumns]> {
        var batches: [RelationshipColumns] = [RelationshipColumns()]
        var problems = Problems(path: path, limit: options.maxProblemsPerFile)
        do {
            try parseRelationships(path, registry: registry, options: options, into: &batches, problems: &problems)
            return Outcome(columns: batches, diagnostics: problems.list, rejected: problems.rejected)
        } catch {
            return Outcome(columns: batches, diagnostics: problems.list, rejected: problems.rejected, error: error)
        }
    }

    static func parseRelationships(_ path: String, registry: CodeRegistry?, options: Options,
                                   into batches: inout [RelationshipColumns], problems: inout Problems) throws(Diagnostic) {
        let scanner = try CSVScanner(path: path, chunkBytes: options.chunkBytes, maxFieldBytes: options.maxFieldBytes)
        guard try scanner.next() else {
            throw Diagnostic(.error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: path), "empty file; expected a header row '\(relationshipHeader)'")
        }
        let col = try mapHeader(scanner, RelationshipColumn.self, required: [.source, .target, .kind],
                                expected: relationshipHeader, problems: &problems)
        let columns = scanner.fieldCount
        scanner.setColumns(columns)
        let cSource = col[0], cTarget = col[1], cKind = col[2], cShare = col[3], cAmount = col[4], cCurrency = col[5]
        let cDate = col[6], cStart = col[7], cEnd = col[8]
        let cID = col[9], cControlType = col[10], cRole = col[11], cBasis = col[12], cConfidence = col[13]
        let extraColumns = [cID, cControlType, cRole, cBasis, cConfidence].filter { $0 >= 0 }
        let headerNames = names(of: col, columns: columns, RelationshipColumn.self)
        var currencies = CodeInterner(uppercase: true)
        let currencyCheck = currencyProblem(registry)
        let kinds = relationshipKinds, exactKinds = exactRelationshipKinds
        var out = RelationshipColumns()
        defer { batches[batches.count - 1] = out }
        var rows = 0

        while try scanner.next() {
            rows += 1
            if rows == 4096 {
                out.reserve(rows: reserveEstimate(scanner, rows: rows), idBytes: scanner.fileSize / 3)
            }
            if out.isFull {
                batches[batches.count - 1] = out
                batches.append(RelationshipColumns())
                out = RelationshipColumns()
                currencies = CodeInterner(uppercase: true)
            }
            let line = scanner.line
            guard try problems.checkShape(of: scanner, columns: columns, headerNames: headerNames) else { continue }
            let kindBytes = Bytes.trimmed(scanner.field(cKind))
            guard let kind = kind(kindBytes, exact: exactKinds, lower: kinds) else {
                try problems.report(.unknownCode, .leftOut, line: line, field: "kind",
                    "expected one of \(RelationshipKind.allCases.map(\.description).joined(separator: ", ")), found '\(Bytes.display(kindBytes))'\(Suggestions.hint(for: String(decoding: kindBytes, as: UTF8.self), in: RelationshipKind.allCases.map(\.description))) (row left out)")
                continue
            }
            let source = Bytes.trimmed(scanner.field(cSource))
            let target = Bytes.trimmed(scanner.field(cTarget))
            guard try endpoint(source, "source", line: line, &problems),
                  try endpoint(target, "target", line: line, &problems) else { continue }

            var share: Share?
            if !scanner.isEmpty(cShare) {
                let raw = Bytes.trimmed(scanner.field(cShare))
                if !raw.isEmpty {
                    guard let parsed = parseShare(raw) else {
                        try problems.report(.invalidShare, .leftOut, line: line, field: "share",
                            "expected a percentage from 0 to 100 (such as 50, 33.33 or 25-50), found '\(Bytes.display(raw))' (row left out)")
                        continue
                    }
                    if kind == .owns {
                        share = parsed
                    } else {
                        try problems.report(.invalidValue, .kept, line: line, field: "share",
                            "expected no share on a \(kind) relationship (only owns has one), found '\(Bytes.display(raw))' (ignored)",
                            severity: .warning)
                    }
                }
            }
            var amount: Decimal?
            if !scanner.isEmpty(cAmount) {
                let raw = Bytes.trimmed(scanner.field(cAmount))
                if !raw.isEmpty {
                    guard let value = Bytes.decimal(raw), !value.isSignMinus else {
                        try problems.report(.invalidAmount, .leftOut, line: line, field: "amount",
                            "expected a non-negative decimal amount such as 1500.00 (at most 38 significant digits), found '\(Bytes.display(raw))' (row left out)")
                        continue
                    }
                    amount = value
                }
            }
            var currency: Int32 = -1
            if !scanner.isEmpty(cCurrency) {
                let raw = Bytes.trimmed(scanner.field(cCurrency))
                if !raw.isEmpty {
                    let (index, problem) = currencies.intern(raw, add: { out.internCurrency($0) }, check: currencyCheck)
                    if index < 0 {
                        try problems.report(.unknownCode, .leftOut, line: line, field: "currency", (problem ?? "") + " (row left out)")
                        continue
                    }
                    currency = index
                    if let problem { try problems.report(.unknownCode, .kept, line: line, field: "currency", problem) }
                }
            }
            guard let date = try dateField(scanner, cDate, "date", line: line, &problems),
                  let start = try dateField(scanner, cStart, "start", line: line, &problems),
                  let end = try dateField(scanner, cEnd, "end", line: line, &problems) else { continue }
            if let s = start, let e = end, e < s {
                try problems.report(.invalidDate, .leftOut, line: line, field: "end",
                    "expected a date on or after start \(s), found '\(e)' (row left out)")
                continue
            }
            if extraColumns.isEmpty || !extraColumns.contains(where: { !scanner.isEmpty($0) }) {
                out.append(sourceUTF8: source, targetUTF8: target, kind: kind, share: share, amount: amount,
                           currency: currency, date: date, start: start, end: end, line: Int32(clamping: line))
                continue
            }
            func text(_ c: Int) -> String? {
                guard !scanner.isEmpty(c) else { return nil }
                let t = String(decoding: Bytes.trimmed(scanner.field(c)), as: UTF8.self)
                return t.isEmpty ? nil : t
            }
            out.append(sourceUTF8: source, targetUTF8: target, kind: kind, share: share, amount: amount,
                       currency: currency, date: date, start: start, end: end, line: Int32(clamping: line),
                       id: text(cID), controlType: text(cControlType), role: text(cRole), basis: text(cBasis),
                       confidence: text(cConfidence))
        }
    }

    /// `nil` when `bytes` is valid UTF-8, else what was found.
    @inline(__always)
    static func utf8Problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let bad = Bytes.invalidUTF8Offset(bytes) else { return nil }
        return "expected UTF-8 text, found invalid byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte \(bad + 1)"
    }

    /// Checks a relationship end: a non-empty UTF-8 id. Reports the problem and returns `false` otherwise.
    @inline(__always)
    static func endpoint(_ bytes: UnsafeBufferPointer<UInt8>, _ column: String, line: Int,
                         _ problems: inout Problems) throws(Diagnostic) -> Bool {
        if bytes.isEmpty {
            try problems.report(.missingField, .leftOut, line: line, field: column, "expected an entity id, found an empty field (row left out)")
            return false
        }
        if let problem = utf8Problem(bytes) {
            try problems.report(.invalidEncoding, .leftOut, line: line, field: column, problem + " (row left out)")
            return false
        }
        return true
    }

    /// A date column: `.some(nil)` when absent or empty, `.some(date)`, or `nil` after reporting a malformed date.
    @inline(__always)
    static func dateField(_ scanner: CSVScanner, _ column: Int, _ name: String, line: Int,
                          _ problems: inout Problems) throws(Diagnostic) -> CalendarDate?? {
        if scanner.isEmpty(column) { return .some(nil) }
        let raw = Bytes.trimmed(scanner.field(column))
        if raw.isEmpty { return .some(nil) }
        if let d = Bytes.date(raw) { return .some(d) }
        try problems.report(.invalidDate, .leftOut, line: line, field: name,
            "expected a date YYYY-MM-DD, found '\(Bytes.display(raw))' (row left out)")
        return nil
    }

    /// Parses a share cell (see the type's documentation). `nil` when malformed or outside 0–100.
    static func parseShare(_ raw: UnsafeBufferPointer<UInt8>) -> Share? {
        if let units = Bytes.decimalUnits(raw) {
            return units >= 0 && units <= Percent.hundred.units ? .exact(Percent(units: units)) : nil
        }
        let text = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text == "?" || text.lowercased() == "unknown" { return .unknown }
        func number(_ s: Substring) -> Percent? {
            var t = s.trimmingCharacters(in: .whitespaces)
            if t.hasSuffix("%") { t.removeLast(); t = t.trimmingCharacters(in: .whitespaces) }
            guard let p = Percent(parsing: t), p >= .zero, p <= .hundred else { return nil }
            return p
        }
        // One bound: >A, >=A, ≥A, <B, <=B, ≤B.
        for (prefix, isMin, exclusive) in [(">=", true, false), ("≥", true, false), (">", true, true),
                                           ("<=", false, false), ("≤", false, false), ("<", false, true)]
        where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            if isMin, let dash = rest.firstIndex(where: { $0 == "-" || $0 == "–" }) {
                // >A-B or >A-<B
                guard let lo = number(rest[..<dash]) else { return nil }
                var upper = rest[rest.index(after: dash)...]
                var maxExclusive = false
                if upper.hasPrefix("<") { maxExclusive = true; upper = upper.dropFirst() }
                guard let hi = number(upper), lo <= hi else { return nil }
                return .range(ShareRange(min: lo, max: hi, minExclusive: exclusive, maxExclusive: maxExclusive))
            }
            guard let p = number(rest) else { return nil }
            return .range(isMin ? ShareRange(min: p, max: nil, minExclusive: exclusive)
                                : ShareRange(min: nil, max: p, maxExclusive: exclusive))
        }
        if let p = number(Substring(text)) { return .exact(p) }
        // A-B, A-<B, A–B.
        guard let dash = text.dropFirst().firstIndex(where: { $0 == "-" || $0 == "–" }) else { return nil }
        guard let lo = number(text[..<dash]) else { return nil }
        var upper = text[text.index(after: dash)...]
        var maxExclusive = false
        if upper.hasPrefix("<") { maxExclusive = true; upper = upper.dropFirst() }
        guard let hi = number(upper), lo <= hi else { return nil }
        return .range(ShareRange(min: lo, max: hi, maxExclusive: maxExclusive))
    }

    /// The share as the reader accepts it back: `50`, `25-50`, `>25-<50`, `>=50`, `<25`; unknown is empty.
    static func shareText(_ share: Share) -> String {
        switch share {
        case .exact(let p): return p.description
        case .unknown: return ""
        case .range(let r):
            switch (r.min, r.max) {
            case let (lo?, hi?): return (r.minExclusive ? ">" : "") + "\(lo)-" + (r.maxExclusive ? "<" : "") + "\(hi)"
            case let (lo?, nil): return (r.minExclusive ? ">" : ">=") + "\(lo)"
            case let (nil, hi?): return (r.maxExclusive ? "<" : "<=") + "\(hi)"
            case (nil, nil): return "?"
            }
        }
    }
}

extension CSVPair.Outcome where Columns == EntityColumns {
    /// Adds what was parsed (problems first, then the rows) and rethrows the error that stopped parsing. The columns
    /// are moved out first, so the builder adopts their arrays without copying.
    mutating func deliver(into builder: inout GraphBuilder, path: String) throws(Diagnostic) {
        report(into: &builder)
        if let error { throw error }
        let batch = columns
        columns = EntityColumns()
        builder.append(batch, file: builder.fileID(path))
    }
}

extension CSVPair.Outcome where Columns == [RelationshipColumns] {
    mutating func deliver(into builder: inout GraphBuilder, path: String) throws(Diagnostic) {
        report(into: &builder)
        if let error { throw error }
        let file = builder.fileID(path)
        for i in columns.indices {
            let batch = columns[i]
            columns[i] = RelationshipColumns()
            builder.append(batch, file: file)
        }
    }
}
