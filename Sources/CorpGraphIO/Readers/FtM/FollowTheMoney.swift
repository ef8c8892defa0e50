import CorpGraph
import Foundation

/// Reads FollowTheMoney entities as JSON lines (OpenSanctions `entities.ftm.json`, Aleph exports, `ftm` tools).
///
/// Mapping (docs/FORMATS-IMPORT.md §1):
/// - Company → company; Organization, PublicBody, LegalEntity → organization; Person → person;
///   Asset, RealEstate, Vessel, Airplane, Vehicle → site; BankAccount, CryptoWallet → account.
/// - Ownership owner → asset: `owns` (free-text `percentage` parsed by ``PercentageText``, raw text kept);
///   Control controller → controlled: `controls`; Directorship director → organization: `directs`;
///   Payment payer → beneficiary: `pays`; CryptoWallet `holder` → wallet: `controls` (`accountHolder`).
/// - Sanction → a designation on its `entity` (list code from ``SanctionListTable``); debarment and watch lists
///   become tags instead. `topics` → tags. Address records → the `address` attribute of entities that cite them.
/// - OpenSanctions metadata: `caption` is the name, `referents` resolve old ids to the merged one, `datasets`,
///   `first_seen`, `last_seen`, `last_change`, `target` are kept as `opensanctions.*` attributes.
/// - The same owner–asset pair stated several times: overlapping validity is resolved so that on any one date at
///   most one of its Ownership records counts (``OwnershipOverlap``); the raw dates stay as attributes.
///
/// Every line is either loaded or reported: malformed JSON, missing ends, unparsable percentages, schemas with no
/// corpgraph meaning (Family, Passport, …) each produce a diagnostic naming the line and field.
public enum FollowTheMoneyReader {
    /// Reads FtM JSON lines from `bytes` (the contents of `file`) into `builder`.
    public static func read(_ bytes: [UInt8], file: String, into builder: inout GraphBuilder) {
        read(bytes, file: file, into: &builder, meter: nil)
    }

    static func read(_ bytes: [UInt8], file: String, into builder: inout GraphBuilder, meter: ProgressMeter?) {
        bytes.withUnsafeBufferPointer { read(buffer: $0, file: file, into: &builder, meter: meter, release: nil) }
    }

    /// Reads a mapped input, giving its pages back as the second pass leaves them behind (memory in proportion to
    /// the graph, not the file).
    static func read(_ input: InputBytes, file: String, into builder: inout GraphBuilder, meter: ProgressMeter?) {
        read(buffer: input.buffer, file: file, into: &builder, meter: meter, release: input.release(upTo:))
    }

    /// Two passes over the lines, holding one record at a time: the first reads only the lines that can merge ids
    /// (`referents`) or define an address (found by a byte search over the whole input), the second reads every
    /// line and adds it. Ownership records are kept until the end, to resolve overlapping statements of one pair.
    /// Common records go by the fast path (``FtMFastPath``: bytes to bulk columns); the others are read by
    /// ``FtMLineScanner`` (the few it does not take by the general ``JSONParser``) into an ``FtMRecord`` for
    /// ``FtMAssembler/add(_:into:)``. `fastPath: false` reads every line the general way (tests compare the two).
    static func read(
        buffer: UnsafeBufferPointer<UInt8>, file: String, into builder: inout GraphBuilder,
        meter: ProgressMeter?, release: ((Int) -> Void)?, fastPath: Bool = true
    ) {
        var assembler = FtMAssembler(file: file)
        for (line, range) in JSONLines.lines(containing: [referentsKey, addressSchema], in: buffer) {
            if case .record(let r) = parse(UnsafeBufferPointer(rebasing: buffer[range]), line: line, file: file).outcome
            {
                assembler.learn(r)
            }
        }
        var records = 0
        JSONLines.forEach(in: buffer) { line, range in
            let bytes = UnsafeBufferPointer(rebasing: buffer[range])
            if !fastPath || !assembler.addFast(bytes, number: line) {
                let parsed = parse(bytes, line: line, file: file)
                if case .record = parsed.outcome, parsed.warnings.isEmpty {
                } else {
                    assembler.flush(into: &builder)
                }
                for w in parsed.warnings { builder.report(w) }
                switch parsed.outcome {
                case .record(let r): assembler.add(r, into: &builder)
                case .error(let d): builder.reject(d)  // a line that is not a JSON object: left out and counted
                case .rejected(let d): builder.reject(d)
                }
            }
            records += 1
            if records & 4095 == 0 {
                meter?.update(bytes: range.upperBound, records: records)
                release?(range.upperBound)
            }
        }
        meter?.update(bytes: buffer.count, records: records)
        assembler.finish(into: &builder)
    }

    static let referentsKey = Array("\"referents\"".utf8)
    static let addressSchema = Array("\"Address\"".utf8)

    /// One line: by the byte scanner, else (anything unusual, invalid UTF-8 too) by the general parser for its exact messages.
    static func parse(_ line: UnsafeBufferPointer<UInt8>, line number: Int, file: String) -> ParsedLine {
        switch FtMLineScanner.scan(line, number: number) {
        case .record(let r): return ParsedLine(outcome: .record(r))
        // Invalid bytes are rare: the general parser names the record and the field they are in, and the record's
        // relationships then say that it was left out.
        case .invalidUTF8, .other: return parseRecord(Array(line)[...], line: number, file: file)
        }
    }

    /// One line parsed: a record, or why not; and warnings about values it ignored.
    struct ParsedLine {
        enum Outcome { case record(FtMRecord), error(Diagnostic), rejected(Diagnostic) }
        var outcome: Outcome
        var warnings: [Diagnostic] = []
    }

    static func parseRecord(_ slice: ArraySlice<UInt8>, line: Int, file: String) -> ParsedLine {
        let loc = SourceLocation(file: file, line: line)
        let value: ParsedJSON
        var textProblems: [JSONTextProblem] = []
        do { value = try JSONParser.parse(Array(slice), textProblems: &textProblems) } catch {
            return ParsedLine(
                outcome: .error(
                    Diagnostic(
                        .error, .invalidSyntax, .leftOut, at: loc,
                        "invalid JSON: \(error.message) (column \(error.column))")))
        }
        guard let obj = value.object else {
            return ParsedLine(
                outcome: .error(
                    Diagnostic(
                        .error, .unexpectedStructure, .leftOut, at: loc,
                        "expected a JSON object per line, got \(value.typeName)")))
        }
        if let bad = textProblems.first {
            // Never load text with U+FFFD in place of the bytes: the line is left out (its id too, when that is sound).
            let id =
                textProblems.contains { $0.path == [.key("id")] }
                ? nil : obj["id"]?.string.flatMap { $0.isEmpty ? nil : $0 }
            let more = textProblems.count > 1 ? "; \(textProblems.count - 1) more field(s) with invalid bytes" : ""
            let d = Diagnostic(
                .error, .invalidEncoding, .leftOut, at: loc.with(record: id), field: bad.field,
                bad.message + more + " (line left out)")
            return ParsedLine(outcome: .rejected(id.map { d.leavingOut(entity: $0) } ?? d))
        }
        guard let id = obj["id"]?.string, !id.isEmpty else {
            return ParsedLine(
                outcome: .rejected(
                    Diagnostic(
                        .error, .missingField, .leftOut, at: loc, field: "id",
                        "missing or empty entity id (line left out)")))
        }
        let recLoc = SourceLocation(file: file, line: line, record: id)
        guard let schema = obj["schema"]?.string, !schema.isEmpty else {
            return ParsedLine(
                outcome: .rejected(
                    Diagnostic(
                        .error, .missingField, .leftOut, at: recLoc, field: "schema", "missing schema (line left out)"
                    ).leavingOut(entity: id)))
        }
        var warnings: [Diagnostic] = []
        var props = FtMProperties()
        if let p = obj["properties"] {
            guard let po = p.object else {
                return ParsedLine(
                    outcome: .rejected(
                        Diagnostic(
                            .error, .invalidValue, .leftOut, at: recLoc, field: "properties",
                            "expected an object of string arrays, got \(p.typeName) (line left out)"
                        ).leavingOut(entity: id)))
            }
            for (k, v) in po.entries {
                switch v {
                case .array(let a):
                    var values: [String] = []
                    for x in a {
                        switch x {
                        case .string(let s): values.append(s)
                        case .number(let n): values.append(n)
                        default:
                            warnings.append(
                                Diagnostic(
                                    .warning, .invalidValue, .kept, at: recLoc, field: "properties.\(k)",
                                    "expected strings, got \(x.typeName) (value ignored)"))
                        }
                    }
                    props.set(k, values)
                case .string(let s): props.set(k, [s])
                case .number(let n): props.set(k, [n])
                default:
                    warnings.append(
                        Diagnostic(
                            .warning, .invalidValue, .kept, at: recLoc, field: "properties.\(k)",
                            "expected an array of strings, got \(v.typeName) (ignored)"))
                }
            }
        }
        var meta: [String: String] = [:]
        if let c = obj["caption"]?.string { meta["caption"] = c }
        for key in ["first_seen", "last_seen", "last_change"] {
            if let s = obj[key]?.string { meta[key] = s }
        }
        if let t = obj["target"]?.bool { meta["target"] = t ? "true" : "false" }
        let record = FtMRecord(
            id: id, schema: schema, props: props, line: line, meta: meta,
            datasets: obj["datasets"]?.strings ?? [], referents: obj["referents"]?.strings ?? [])
        return ParsedLine(outcome: .record(record), warnings: warnings)
    }

    /// Reads the file at `path`.
    public static func read(contentsOf path: String, into builder: inout GraphBuilder) throws {
        read(try readFileBytes(path), file: path, into: &builder)
    }

    /// FtM schema → entity kind, for the node schemas corpgraph imports.
    public static let entityKinds: [String: EntityKind] = [
        "Company": .company, "Organization": .organization, "PublicBody": .organization, "LegalEntity": .organization,
        "Person": .person, "Asset": .site, "RealEstate": .site, "Vessel": .site, "Airplane": .site, "Vehicle": .site,
        "BankAccount": .account, "CryptoWallet": .account,
    ]

    /// Every schema the reader imports, for "did you mean" on the others.
    static let knownSchemas: [String] = (Array(entityKinds.keys) + Array(edgeSchemas.keys) + ["Sanction", "Address"])
        .sorted()

    /// FtM edge schema → (relationship kind, source property, target property).
    public static let edgeSchemas: [String: (kind: RelationshipKind, source: String, target: String)] = [
        "Ownership": (.owns, "owner", "asset"),
        "Control": (.controls, "controller", "controlled"),
        "Directorship": (.directs, "director", "organization"),
        "Payment": (.pays, "payer", "beneficiary"),
        "UnknownLink": (.operates, "subject", "object"),
    ]

    /// FtM identifier properties → identifier scheme in ``Entity/identifiers``.
    public static let identifierSchemes: [(property: String, scheme: String)] = [
        ("leiCode", "LEI"), ("registrationNumber", "registrationNumber"), ("innCode", "RU-INN"),
        ("ogrnCode", "RU-OGRN"),
        ("kppCode", "RU-KPP"), ("okpoCode", "RU-OKPO"), ("taxNumber", "taxNumber"), ("vatCode", "VAT"),
        ("idNumber", "idNumber"), ("passportNumber", "passport"), ("swiftBic", "BIC"), ("bic", "BIC"),
        ("imoNumber", "IMO"), ("isinCode", "ISIN"), ("dunsCode", "DUNS"), ("permId", "PermID"),
        ("wikidataId", "Wikidata"), ("uniqueEntityId", "SAM-UEI"), ("iban", "IBAN"), ("accountNumber", "accountNumber"),
        ("cryptoAddress", "cryptoAddress"), ("publicKey", "cryptoPublicKey"),
    ]

    /// Plain facts kept as `ftm.<property>` attributes (first value; several values joined with "; ").
    static let keptProperties = [
        "birthDate", "deathDate", "incorporationDate", "dissolutionDate", "status", "legalForm",
        "sector", "website", "position", "gender", "blockchain", "currencySymbol",
        "managingExchange", "custodyType", "bankName", "balance", "amount", "currency",
    ]
}

struct FtMRecord {
    var id: String
    var schema: String
    var props: FtMProperties
    var line: Int
    var meta: [String: String]
    var datasets: [String]
    var referents: [String]
    func first(_ key: String) -> String? { props[key]?.first(where: FtMRecord.isNotBlank) }

    /// Whether `value` holds more than whitespace. Most values start with a visible ASCII character: no need to
    /// trim them to know.
    static func isNotBlank(_ value: String) -> Bool {
        if let b = value.utf8.first, b > 0x20, b < 0x7F { return true }
        return !value.trimmingCharacters(in: .whitespaces).isEmpty
    }
    func all(_ key: String) -> [String] { props[key] ?? [] }
}

extension SourceLocation {
    func with(record: String?) -> SourceLocation { SourceLocation(file: file, line: line, record: record) }
}
