import CorpGraph
import Foundation

extension CSVPair {
    // MARK: - Columns

    enum EntityColumn: String, CaseIterable {
        case id, kind, name, jurisdiction, sanctions, tags, aliases, identifiers, program, listed, delisted
    }

    enum RelationshipColumn: String, CaseIterable {
        case source, target, kind, share, amount, currency, date, start, end, id, controlType, role, basis, confidence
    }

    static let entityHeader = "id,kind,name,jurisdiction,sanctions,tags"
    static let relationshipHeader = "source,target,kind,share,amount,currency,date"

    /// A file of the pair opened at its header row.
    struct Header {
        let scanner: CSVScanner
        /// `positions[c]`: the field of column case `c`, or -1 when the header lacks it.
        let positions: [Int]
        /// Fields per record, as in the header.
        let columns: Int
        /// Each field's column name, for messages.
        let names: [String]
    }

    /// Opens one file of the pair and reads its header (an empty file or a missing required column is an error).
    static func openFile<C: CaseIterable & RawRepresentable>(
        _ file: File, options: Options, _: C.Type, required: [C], expected: String, problems: inout Problems
    ) throws(Diagnostic) -> Header where C.RawValue == String, C.AllCases.Index == Int {
        let scanner = try CSVScanner(
            path: file.path, descriptor: file.descriptor, chunkBytes: options.chunkBytes,
            maxFieldBytes: options.maxFieldBytes)
        guard try scanner.next() else {
            throw Diagnostic(
                .error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: file.path),
                "empty file; expected a header row '\(expected)'")
        }
        let positions = try mapHeader(scanner, C.self, required: required, expected: expected, problems: &problems)
        let columns = scanner.fieldCount
        scanner.setColumns(columns)
        return Header(
            scanner: scanner, positions: positions, columns: columns,
            names: names(of: positions, columns: columns, C.self))
    }

    /// Runs `parse` over one file's columns and problems: what it read, with the error that stopped it, if any.
    static func outcome<Columns>(
        _ path: String, options: Options, _ empty: Columns,
        _ parse: (inout Columns, inout Problems) throws(Diagnostic) -> Void
    ) -> Outcome<Columns> {
        var columns = empty
        var problems = Problems(path: path, limit: options.maxProblemsPerFile)
        do {
            try parse(&columns, &problems)
            return Outcome(columns: columns, diagnostics: problems.list, rejected: problems.rejected)
        } catch {
            return Outcome(columns: columns, diagnostics: problems.list, rejected: problems.rejected, error: error)
        }
    }

    /// The message for a kind cell that names none of `K`'s kinds (with a "did you mean").
    static func unknownKind<K: CaseIterable & CustomStringConvertible>(_ bytes: UnsafeBufferPointer<UInt8>, _: K.Type)
        -> String
    {
        let names = K.allCases.map(\.description)
        return "expected one of \(names.joined(separator: ", ")), found '\(Bytes.display(bytes))'"
            + Suggestions.hint(for: String(decoding: bytes, as: UTF8.self), in: names) + " (row left out)"
    }

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
                throw Diagnostic(
                    .error, .invalidEncoding, .fileRejected, at: location,
                    "expected a CSV header row such as '\(expected)', found binary or non-UTF-8 data")
            }
            let name = String(decoding: raw, as: UTF8.self)
            names.append(name)
            guard let c = all.firstIndex(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                try problems.report(
                    .unknownField, .kept, line: scanner.line, field: name,
                    "unknown column ignored; expected one of \(all.map(\.rawValue).joined(separator: ", "))",
                    severity: .warning)
                continue
            }
            if positions[c] >= 0 {
                throw Diagnostic(
                    .error, .unexpectedStructure, .fileRejected, at: location, field: name,
                    "duplicate column; expected each column once")
            }
            positions[c] = i
        }
        let missing = required.filter { r in positions[all.firstIndex { $0.rawValue == r.rawValue }!] < 0 }.map(
            \.rawValue)
        if !missing.isEmpty {
            var found = names.joined(separator: ",")
            if found.count > 80 { found = String(found.prefix(80)) + "…" }
            throw Diagnostic(
                .error, .missingField, .fileRejected, at: location, field: missing[0],
                "missing required column\(missing.count > 1 ? "s" : "") \(missing.map { "'\($0)'" }.joined(separator: ", ")); expected a header such as '\(expected)', found '\(found)'"
            )
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

        mutating func report(
            _ reason: Diagnostic.Reason, _ effect: Diagnostic.Effect, line: Int, field: String?,
            _ message: String, severity: Diagnostic.Severity = .error,
            entity: String? = nil
        ) throws(Diagnostic) {
            if list.count >= limit {
                throw Diagnostic(
                    .error, .tooManyProblems, .fileRejected, at: SourceLocation(file: path, line: line),
                    "too many problems (more than \(limit)) in this file; stopped reading (is it a CSV pair file?)")
            }
            if effect == .leftOut { rejected.insert(list.count) }
            var d = Diagnostic(
                severity, reason, effect, at: SourceLocation(file: path, line: line, record: entity),
                field: field, message)
            d.leftOutEntity = entity
            list.append(d)
        }

        /// Reports a row with the wrong number of fields or text after a closing quote; `false` leaves the row out.
        mutating func checkShape(of scanner: CSVScanner, columns: Int, headerNames: [String]) throws(Diagnostic) -> Bool
        {
            if scanner.fieldCount != columns {
                try report(
                    .unexpectedStructure, .leftOut, line: scanner.line, field: nil,
                    "expected \(columns) fields as in the header, found \(scanner.fieldCount) (row left out)")
                return false
            }
            if scanner.strayField >= 0 {
                try report(
                    .invalidSyntax, .leftOut, line: scanner.line, field: headerNames[scanner.strayField],
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
        mutating func intern(
            _ raw: UnsafeBufferPointer<UInt8>, add: (String) -> Int32,
            check: (String) -> String?
        ) -> (Int32, String?) {
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
            if let problem = CSVPair.utf8Problem(raw) { return (-1, problem) }
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
            return "expected an ISO 3166-1 alpha-2 or ISO 3166-2 code, found '\(code)'"
                + hint(registry.suggestJurisdiction(for: code))
        }
    }

    static func currencyProblem(_ registry: CodeRegistry?) -> (String) -> String? {
        { code in
            guard let registry, !registry.isCurrency(code) else { return nil }
            return "expected an ISO 4217 code or a crypto-asset ticker, found '\(code)'"
                + hint(registry.suggestCurrency(for: code))
        }
    }

    static func hint(_ suggestions: [String]) -> String { Suggestions.hint(suggestions) }

    static let entityKinds: [((UInt64, UInt64), EntityKind)] = EntityKind.allCases.map {
        (Bytes.packLower($0.description), $0)
    }
    static let relationshipKinds: [((UInt64, UInt64), RelationshipKind)] =
        RelationshipKind.allCases.map { (Bytes.packLower($0.description), $0) }
    static let exactEntityKinds: [((Int, UInt64, UInt64), EntityKind)] = EntityKind.allCases.map {
        (Bytes.packExact($0.description), $0)
    }
    static let exactRelationshipKinds: [((Int, UInt64, UInt64), RelationshipKind)] =
        RelationshipKind.allCases.map { (Bytes.packExact($0.description), $0) }

    /// The kind named by `bytes`: exact lower-case spelling first (one comparison per kind), then any case.
    @inline(__always)
    static func kind<K>(
        _ bytes: UnsafeBufferPointer<UInt8>, exact: [((Int, UInt64, UInt64), K)],
        lower: [((UInt64, UInt64), K)]
    ) -> K? {
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
}
