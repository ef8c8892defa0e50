import CorpGraph
import Foundation

/// Reads Beneficial Ownership Data Standard 0.4 statements: a JSON array of statements, or JSON lines.
///
/// Mapping (docs/FORMATS-IMPORT.md §2):
/// - entity and person records → entities keyed by `recordId` (kind from ``entityKinds``; persons → person);
/// - every interest of a relationship record → one relationship interestedParty → subject, kind/basis/controlType
///   from ``interestTable`` (all 23 interest types); `share` exact/minimum/maximum/exclusive* → ``Share``;
/// - an Unspecified Record as interestedParty → attribute `bods.unspecifiedInterestedParty` (the reason) on the
///   subject, never a fake person; `componentRecords` → attribute `bods.componentRecords`; indirect interests carry
///   `declaredIndirect = "true"` (they summarise a chain that may also be in the data: do not add both);
/// - history: statements of one `recordId` are ordered by `statementDate`; the latest describes the record now,
///   earlier ones are kept as dated relationships that end the day before the next statement takes effect;
///   `recordStatus: closed` ends the record on the closing statement's date.
///
/// Statements that break the schema (``BODSSchema``) are rejected with one error per violation naming the
/// statement (id and `$[index]`), the JSON path and the rule; the others still load.
public enum BODSReader {
    /// Reads `bytes` (the contents of `file`) into `builder`.
    public static func read(_ bytes: [UInt8], file: String, into builder: inout GraphBuilder) {
        read(bytes, file: file, into: &builder, meter: nil)
    }

    /// ``read(_:file:into:)``, telling `meter` the bytes and statements parsed.
    static func read(_ bytes: [UInt8], file: String, into builder: inout GraphBuilder, meter: ProgressMeter?) {
        let parsed = parse(bytes, file: file, meter: meter)
        // A statement left out is counted once, however many problems it has (one per schema violation).
        var counted = Set<String>()
        for d in parsed.problems {
            if d.effect == .leftOut, counted.insert("\(d.location?.line ?? 0) \(d.location?.record ?? "")").inserted {
                builder.reject(d)
            } else {
                builder.report(d)
            }
        }
        BODSAssembler(file: file, statements: parsed.statements).run(into: &builder)
    }

    /// Reads the file at `path`.
    public static func read(contentsOf path: String, into builder: inout GraphBuilder) throws {
        read(try readFileBytes(path), file: path, into: &builder)
    }

    /// Schema violations only, without loading: the top level (`$`) and every statement (`$[i]…`).
    public static func violations(in bytes: [UInt8], file: String = "input.json") -> [BODSViolation] {
        parse(bytes, file: file).violations
    }

    /// BODS entity type → entity kind.
    public static let entityKinds: [String: EntityKind] = [
        "registeredEntity": .company, "legalEntity": .company, "anonymousEntity": .company, "unknownEntity": .company,
        "arrangement": .organization, "state": .organization, "stateBody": .organization,
    ]

    /// How one BODS interest type becomes a relationship.
    public struct InterestMapping: Hashable, Sendable {
        public var kind: RelationshipKind
        /// For `owns`: what is held (`equity`, `voting`, …). Only `equity`, `unknown` and `unpublished` are share
        /// capital; the sanctions ownership tests must not add the other bases to equity (BODS states
        /// shareholding and votingRights side by side for one holding).
        public var basis: String?
        /// For `controls`.
        public var controlType: String?
    }

    /// All 23 BODS 0.4 interest types (codelist `interestType.csv`).
    public static let interestTable: [String: InterestMapping] = [
        "shareholding": .init(kind: .owns, basis: "equity"),
        "votingRights": .init(kind: .owns, basis: "voting"),
        "rightsToSurplusAssetsOnDissolution": .init(kind: .owns, basis: "surplusAssets"),
        "rightsToProfitOrIncome": .init(kind: .owns, basis: "profitOrIncome"),
        "rightToProfitOrIncomeFromAssets": .init(kind: .owns, basis: "profitFromAssets"),
        "enjoymentAndUseOfAssets": .init(kind: .owns, basis: "useOfAssets"),
        "beneficiaryOfLegalArrangement": .init(kind: .owns, basis: "beneficiary"),
        "unknownInterest": .init(kind: .owns, basis: "unknown"),
        "unpublishedInterest": .init(kind: .owns, basis: "unpublished"),
        "appointmentOfBoard": .init(kind: .controls, controlType: "boardAppointment"),
        "otherInfluenceOrControl": .init(kind: .controls, controlType: "otherInfluenceOrControl"),
        "seniorManagingOfficial": .init(kind: .controls, controlType: "seniorManagingOfficial"),
        "settlor": .init(kind: .controls, controlType: "settlor"),
        "trustee": .init(kind: .controls, controlType: "trustee"),
        "protector": .init(kind: .controls, controlType: "protector"),
        "rightsGrantedByContract": .init(kind: .controls, controlType: "contract"),
        "conditionalRightsGrantedByContract": .init(kind: .controls, controlType: "conditionalContract"),
        "controlViaCompanyRulesOrArticles": .init(kind: .controls, controlType: "companyRules"),
        "controlByLegalFramework": .init(kind: .controls, controlType: "legalFramework"),
        "boardMember": .init(kind: .controls, controlType: "boardMember"),
        "boardChair": .init(kind: .controls, controlType: "boardChair"),
        "nominee": .init(kind: .controls, controlType: "nominee"),
        "nominator": .init(kind: .controls, controlType: "nominator"),
    ]

    /// A valid statement; the fields every later step asks for are read once, here.
    struct Statement {
        let index: Int
        let line: Int
        let object: ParsedJSONObject
        let id: String
        let recordId: String
        let recordType: String
        let status: String
        let details: ParsedJSONObject
        let date: CalendarDate?

        init(index: Int, line: Int, object: ParsedJSONObject) {
            self.index = index
            self.line = line
            self.object = object
            id = object["statementId"]?.string ?? "$[\(index)]"
            recordId = object["recordId"]?.string ?? ""
            recordType = object["recordType"]?.string ?? ""
            status = object["recordStatus"]?.string ?? "new"
            details = object["recordDetails"]?.object ?? ParsedJSONObject()
            date = object["statementDate"]?.string.flatMap { CalendarDate(parsing: $0) }
        }
    }

    struct Parsed {
        var statements: [Statement] = []
        var problems: [Diagnostic] = []
        var violations: [BODSViolation] = []
    }

    static func parse(_ bytes: [UInt8], file: String, meter: ProgressMeter? = nil) -> Parsed {
        var out = Parsed()
        var elements: [(line: Int, value: ParsedJSON)] = []
        /// Text that is not UTF-8, by element index.
        var badText: [Int: [JSONTextProblem]] = [:]
        var progress = RecordProgress(meter: meter)
        defer { progress.finish(at: bytes.count) }
        do {
            var problems: [JSONTextProblem] = []
            if let a = try JSONParser.parseArrayElements(
                bytes, textProblems: &problems, elementEnd: meter == nil ? nil : { progress.row(at: $0) })
            {
                elements = a
                for p in problems { badText[p.element ?? 0, default: []].append(p) }
            } else {
                // Not an array: JSON lines (one statement per line), or a single object, which BODS does not allow.
                let lines = jsonLines(bytes)
                let named = file.hasSuffix(".jsonl") || file.hasSuffix(".ndjson")
                if named || lines.count > 1,
                    let read = readLines(lines, file: file, strict: !named, progress: &progress)
                {
                    (elements, badText, out.problems) = read
                } else {
                    let v = try JSONParser.parse(bytes)
                    let violation = BODSViolation(
                        keyword: "type", path: "$", property: "",
                        message: "expected an array of statements (or JSON lines), got \(v.typeName)")
                    out.violations.append(violation)
                    out.problems.append(
                        Diagnostic(
                            .error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: file, line: 1),
                            field: "$",
                            violation.message + " (file left out)"))
                    return out
                }
            }
        } catch {
            out.problems.append(
                Diagnostic(
                    .error, .invalidSyntax, .fileRejected, at: SourceLocation(file: file, line: error.line),
                    "invalid JSON: \(error.message) (column \(error.column)); file left out"))
            out.violations.append(BODSViolation(keyword: "syntax", path: "$", property: "", message: error.description))
            return out
        }
        // BODS before 0.4 (the OpenOwnership register's older exports): statementID/statementType, no records.
        if let old = elements.first(where: {
            $0.value.object?["statementID"] != nil || $0.value.object?["statementType"] != nil
        }) {
            let version = old.value.object?["publicationDetails"]?.object?["bodsVersion"]?.string ?? "0.2/0.3"
            out.problems.append(
                Diagnostic(
                    .error, .unsupportedVersion, .fileRejected, at: SourceLocation(file: file, line: old.line),
                    field: "statementID",
                    "BODS \(version) is not supported (statementID, statementType); this reader reads BODS 0.4 (statementId, "
                        + "recordType, recordDetails): convert the file to 0.4 first (file left out)"))
            return out
        }
        for (k, element) in elements.enumerated() {
            let path = "$[\(k)]"
            if let bad = badText[k]?.first {
                // Never load text with U+FFFD in place of the bytes: the statement is left out.
                let sid =
                    badText[k]!.contains { $0.fieldInElement == "statementId" }
                    ? nil : element.value.object?["statementId"]?.string
                let more = badText[k]!.count > 1 ? "; \(badText[k]!.count - 1) more field(s) with invalid bytes" : ""
                out.problems.append(
                    Diagnostic(
                        .error, .invalidEncoding, .leftOut,
                        at: SourceLocation(file: file, line: bad.line, record: sid ?? path), field: bad.fieldInElement,
                        "statement \(sid.map { "'\($0)'" } ?? path): \(bad.message)\(more) (statement left out)"))
                continue
            }
            let v = BODSSchema.validate(statement: element.value, path: path)
            if !v.isEmpty {
                out.violations += v
                let sid = element.value.object?["statementId"]?.string
                for x in v {
                    out.problems.append(
                        Diagnostic(
                            .error, .invalidValue, .leftOut,
                            at: SourceLocation(file: file, line: element.line, record: sid ?? path),
                            field: x.path,
                            "statement \(sid.map { "'\($0)'" } ?? path) breaks the BODS 0.4 schema: \(x.message) [\(x.keyword)] (statement left out)"
                        ))
                }
                continue
            }
            if let o = element.value.object {
                out.statements.append(Statement(index: k, line: element.line, object: o))
            }
        }
        return out
    }
}

extension BODSReader {
    /// The statements of JSON lines, each line parsed once. `strict` (a file not named `.jsonl`/`.ndjson`): `nil`
    /// unless every line is an object, so that the file is read as one document instead.
    static func readLines(
        _ lines: [(line: Int, bytes: ArraySlice<UInt8>)], file: String, strict: Bool, progress: inout RecordProgress
    ) -> (elements: [(line: Int, value: ParsedJSON)], badText: [Int: [JSONTextProblem]], problems: [Diagnostic])? {
        var elements: [(line: Int, value: ParsedJSON)] = []
        elements.reserveCapacity(lines.count)
        var badText: [Int: [JSONTextProblem]] = [:]
        var problems: [Diagnostic] = []
        for (line, slice) in lines {
            do {
                var lineProblems: [JSONTextProblem] = []
                let v = try JSONParser.parse(Array(slice), textProblems: &lineProblems)
                if strict, v.object == nil { return nil }
                // The parser counts lines from the line's own start.
                if !lineProblems.isEmpty {
                    badText[elements.count] = lineProblems.map {
                        var p = $0; p.line = line; return p
                    }
                }
                elements.append((line, v))
            } catch {
                if strict { return nil }
                problems.append(
                    Diagnostic(
                        .error, .invalidSyntax, .leftOut, at: SourceLocation(file: file, line: line),
                        "invalid JSON: \(error.message) (column \(error.column))"))
            }
            progress.row(at: slice.endIndex)
        }
        return (elements, badText, problems)
    }
}

/// A JSON number as a percent, rounded outwards to ten-thousandths (lower bounds down, upper bounds up).
func percent(_ text: String, roundUp: Bool) -> Percent? {
    if let p = Percent(parsing: text) { return p }
    guard var d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
    d *= Decimal(Percent.scale)
    var r = Decimal()
    NSDecimalRound(&r, &d, 0, roundUp ? .up : .down)
    let n = NSDecimalNumber(decimal: r)
    guard n.doubleValue.magnitude < 1e15 else { return nil }
    return Percent(units: n.int64Value)
}
