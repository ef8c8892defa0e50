import CorpGraph
import Foundation

/// Reads GLEIF golden-copy records, JSON or XML: Level 2 relationship records (RR-CDF), reporting exceptions
/// (repex) and Level 1 LEI records (LEI-CDF). The kind of each record is recognised by its content.
///
/// Direction trap: an RR record reads child (StartNode) → parent (EndNode), "IS_DIRECTLY_CONSOLIDATED_BY". It is
/// imported holder-first, as parent `controls` child (docs/FORMATS-IMPORT.md §3):
/// - IS_DIRECTLY_CONSOLIDATED_BY → `controls`, controlType `accountingConsolidation`;
/// - IS_ULTIMATELY_CONSOLIDATED_BY → `controls`, controlType `ultimateAccountingConsolidation`, attribute
///   `declaredIndirect = "true"` (a long edge over the direct chain, kept distinct);
/// - IS_INTERNATIONAL_BRANCH_OF → head office `controls` branch (`internationalBranch`);
/// - IS_FUND-MANAGED_BY → manager `controls` fund (`fundManagement`); IS_SUBFUND_OF → umbrella `controls`
///   sub-fund (`umbrellaFund`); IS_FEEDER_TO → feeder `owns` master (basis `feederFund`, share unknown): the one
///   type whose holder is the StartNode.
/// A `PERCENTAGE` quantifier on a direct consolidation adds an `owns` edge parent → child with that exact share
/// (basis `accountingConsolidation`); without one there is no ownership edge (consolidation is control, not a
/// share). Ends known only by LEI become placeholder entities, replaced by Level 1 records when those are loaded.
public enum GLEIFReader {
    /// RelationshipType → (kind, controlType or basis, holder is the EndNode).
    public static let relationshipTypes: [String: (kind: RelationshipKind, type: String, holderIsEnd: Bool)] = [
        "IS_DIRECTLY_CONSOLIDATED_BY": (.controls, "accountingConsolidation", true),
        "IS_ULTIMATELY_CONSOLIDATED_BY": (.controls, "ultimateAccountingConsolidation", true),
        "IS_INTERNATIONAL_BRANCH_OF": (.controls, "internationalBranch", true),
        "IS_FUND-MANAGED_BY": (.controls, "fundManagement", true),
        "IS_SUBFUND_OF": (.controls, "umbrellaFund", true),
        "IS_FEEDER_TO": (.owns, "feederFund", false),
    ]

    /// Reads JSON or XML GLEIF records from `bytes` (the contents of `file`).
    public static func read(_ bytes: [UInt8], file: String, into builder: inout GraphBuilder) {
        read(bytes, file: file, into: &builder, meter: nil)
    }

    /// ``read(_:file:into:)``, telling `meter` the bytes and records parsed. `fastPath: false` reads every record
    /// as a parsed tree (tests compare the two).
    static func read(
        _ bytes: [UInt8], file: String, into builder: inout GraphBuilder, meter: ProgressMeter?,
        fastPath: Bool = true
    ) {
        var progress = RecordProgress(meter: meter)
        let recordEnd: ((Int) -> Void)? = meter == nil ? nil : { progress.row(at: $0) }
        let parsed = parse(bytes, file: file, into: &builder, recordEnd: recordEnd, fastPath: fastPath)
        progress.finish(at: bytes.count)
        guard let (records, badText) = parsed else { return }
        meter?.update(bytes: bytes.count, records: records.count)  // a lone record's inner objects were counted
        add(records, badText: badText, file: file, into: &builder)
    }

    /// The records of `bytes` and the JSON text in them that is not UTF-8 (by record index); `nil` when the file is
    /// rejected (reported).
    static func parse(
        _ bytes: [UInt8], file: String, into builder: inout GraphBuilder, recordEnd: ((Int) -> Void)?,
        fastPath: Bool = true
    ) -> ([GLEIFRecord], [Int: [JSONTextProblem]])? {
        let first = bytes.first {
            $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
        }
        var records: [GLEIFRecord] = []
        /// JSON text that is not UTF-8, by the index in `records` of the record holding it.
        var badText: [Int: [JSONTextProblem]] = [:]
        if first == UInt8(ascii: "<") {
            let parsed =
                fastPath
                ? XMLRecords.parse(bytes, recordEnd: recordEnd)
                : XMLRecords.parseTrees(bytes, recordEnd: recordEnd).map {
                    $0.map { GLEIFRecord.parsed(line: $0.line, $0.value) }
                }
            switch parsed {
            case .success(let r): records = r
            case .failure(let e):
                builder.report(
                    Diagnostic(
                        .error, .invalidSyntax, .fileRejected, at: SourceLocation(file: file, line: e.line),
                        "invalid XML: \(e.message); file left out"))
                return nil
            }
        } else {
            do {
                var problems: [JSONTextProblem] = []
                if let elements = try JSONParser.parseArrayElements(
                    bytes, textProblems: &problems, elementEnd: recordEnd)
                {
                    var position: [Int: Int] = [:]
                    for (k, e) in elements.enumerated() {
                        guard let o = e.value.object else { continue }
                        position[k] = records.count
                        records.append(.parsed(line: e.line, o))
                    }
                    for p in problems {
                        guard let k = p.element, let r = position[k] else { continue }
                        var inRecord = p
                        inRecord.path.removeFirst()
                        badText[r, default: []].append(inRecord)
                    }
                    if records.count != elements.count {
                        builder.report(
                            Diagnostic(
                                .error, .unexpectedStructure, .leftOut, at: SourceLocation(file: file, line: 1),
                                "array elements that are not objects left out"))
                    }
                } else {
                    let v = try JSONParser.parse(
                        bytes, textProblems: &problems, recordDepth: 3, recordEnd: recordEnd)
                    // Wrapped forms: {"records": [...]}, {"data": [...]}, or one record.
                    if let o = v.object {
                        let key = ["records", "data", "RelationshipRecords", "LEIRecords"].first { o[$0] != nil }
                        if let key, let list = o[key]?.array {
                            var position: [Int: Int] = [:]
                            for (k, e) in list.enumerated() {
                                guard let r = e.object else { continue }
                                position[k] = records.count
                                records.append(.parsed(line: r.line, r))
                            }
                            for p in problems {
                                guard p.path.count >= 2, p.path[0] == .key(key), case .index(let k) = p.path[1],
                                    let r = position[k]
                                else { continue }
                                var p2 = p
                                p2.path.removeFirst(2)
                                badText[r, default: []].append(p2)
                            }
                        } else {
                            records = [.parsed(line: o.line, o)]
                            if !problems.isEmpty { badText[0] = problems }
                        }
                    }
                }
            } catch {
                builder.report(
                    Diagnostic(
                        .error, .invalidSyntax, .fileRejected, at: SourceLocation(file: file, line: error.line),
                        "invalid JSON: \(error.message) (column \(error.column)); file left out"))
                return nil
            }
        }
        return (records, badText)
    }

    /// Adds each record by its kind; a record holding text that is not UTF-8 is left out.
    static func add(
        _ records: [GLEIFRecord], badText: [Int: [JSONTextProblem]], file: String, into builder: inout GraphBuilder
    ) {
        for (k, item) in records.enumerated() {
            if let bad = badText[k]?.first {
                // Never load text with U+FFFD in place of the bytes: the record is left out.
                let more = badText[k]!.count > 1 ? "; \(badText[k]!.count - 1) more field(s) with invalid bytes" : ""
                builder.reject(
                    Diagnostic(
                        .error, .invalidEncoding, .leftOut, at: SourceLocation(file: file, line: bad.line),
                        field: bad.field, bad.message + more + " (record left out)"))
                continue
            }
            let line: Int, record: ParsedJSONObject
            switch item {
            case .relationship(let l, let fields):
                relationship(fields, SourceLocation(file: file, line: l), into: &builder)
                continue
            case .parsed(let l, let o): (line, record) = (l, o)
            }
            let r = record["attributes"]?.object ?? record  // GLEIF API form nests the record in "attributes".
            if r["Relationship"] != nil {
                relationship(r, SourceLocation(file: file, line: line), into: &builder)
            } else if r["ExceptionCategory"] != nil {
                exception(r, SourceLocation(file: file, line: line), into: &builder)
            } else if r["Entity"] != nil, r["LEI"] != nil {
                levelOne(r, SourceLocation(file: file, line: line), into: &builder)
            } else {
                builder.reject(
                    Diagnostic(
                        .error, .unexpectedStructure, .leftOut, at: SourceLocation(file: file, line: line),
                        field: "record",
                        "not a GLEIF relationship, reporting-exception or LEI record (keys: \(r.keys.prefix(5).joined(separator: ", "))); left out"
                    ))
            }
        }
    }

    /// Reads the file at `path`.
    public static func read(contentsOf path: String, into builder: inout GraphBuilder) throws {
        read(try readFileBytes(path), file: path, into: &builder)
    }

    static func text(_ v: ParsedJSON?) -> String? {
        switch v {
        case .string(let s)?: return s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .object(let o)?: return text(o["$"] ?? o["value"])
        default: return nil
        }
    }

    static func list(_ v: ParsedJSON?, _ inner: String) -> [ParsedJSONObject] {
        switch v {
        case .array(let a)?: return a.compactMap(\.object)
        case .object(let o)?:
            if let x = o[inner] { return x.array?.compactMap(\.object) ?? x.object.map { [$0] } ?? [] }
            return [o]
        default: return []
        }
    }

    static func placeholder(_ lei: String) -> Entity {
        Entity(id: lei, kind: .company, name: lei, identifiers: ["LEI": lei], attributes: ["gleif.placeholder": "true"])
    }

    static func exception(_ r: ParsedJSONObject, _ location: SourceLocation, into builder: inout GraphBuilder) {
        guard let lei = text(r["LEI"]), !lei.isEmpty else {
            builder.reject(
                Diagnostic(
                    .error, .missingField, .leftOut, at: location, field: "LEI",
                    "reporting exception without LEI (left out)"))
            return
        }
        let category = text(r["ExceptionCategory"]) ?? "UNKNOWN"
        let reasons =
            (r["ExceptionReason"]?.array?.compactMap { text($0) } ?? [text(r["ExceptionReason"])].compactMap { $0 })
        var attributes = ["gleif.exception.\(category)": reasons.joined(separator: ";")]
        for ref
            in (r["ExceptionReference"]?.array?.compactMap { text($0) }
            ?? [text(r["ExceptionReference"])].compactMap { $0 })
        {
            attributes["gleif.exception.\(category).reference"] = ref
        }
        let at = location.with(record: lei)
        builder.addPlaceholder(placeholder(lei), at: at)
        builder.amend(entity: lei, with: EntityAmendment(tags: ["reporting-exception"], attributes: attributes), at: at)
    }

    static func levelOne(_ r: ParsedJSONObject, _ location: SourceLocation, into builder: inout GraphBuilder) {
        guard let lei = text(r["LEI"]), !lei.isEmpty, let e = r["Entity"]?.object else { return }
        let at = location.with(record: lei)
        let name = text(e["LegalName"]) ?? lei
        var aliases: [String] = []
        for n in list(e["OtherEntityNames"], "OtherEntityName") {
            if let t = text(n["OtherEntityName"]) ?? text(.object(n)) { aliases.append(t) }
        }
        if case .array(let a)? = e["OtherEntityNames"] { aliases += a.compactMap(\.string) }
        if let s = e["OtherEntityNames"]?.object?["OtherEntityName"]?.string, !aliases.contains(s) { aliases.append(s) }
        var attributes: [String: String] = [:]
        for key in ["EntityStatus", "EntityCategory", "EntityCreationDate"] {
            if let v = text(e[key]) { attributes["gleif.\(key.prefix(1).lowercased() + key.dropFirst())"] = v }
        }
        if let reg = r["Registration"]?.object, let v = text(reg["RegistrationStatus"]) {
            attributes["gleif.registrationStatus"] = v
        }
        if let a = e["LegalAddress"]?.object {
            attributes["address"] = ["FirstAddressLine", "City", "Region", "Country", "PostalCode"].compactMap {
                text(a[$0])
            }
            .joined(separator: ", ")
        }
        var identifiers = ["LEI": lei]
        if let ra = e["RegistrationAuthority"]?.object, let id = text(ra["RegistrationAuthorityEntityID"]) {
            identifiers[text(ra["RegistrationAuthorityID"]) ?? "registrationAuthority"] = id
        }
        let jurisdiction = (text(e["LegalJurisdiction"]) ?? text(e["LegalAddress"]?.object?["Country"])).flatMap(
            FtMCodes.jurisdiction)
        builder.add(
            Entity(
                id: lei, kind: .company, name: name, aliases: aliases.filter { $0 != name },
                jurisdiction: jurisdiction, identifiers: identifiers, attributes: attributes), at: at)
    }
}
