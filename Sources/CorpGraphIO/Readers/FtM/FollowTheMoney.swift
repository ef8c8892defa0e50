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
    ///
    /// Two passes over the lines, holding one parsed record at a time (a whole OpenSanctions export held as records
    /// took about ten times its size in memory): the first parses only the lines that can merge ids (`referents`) or
    /// define an address, the second parses every line and adds it. Ownership records are kept until the end, to
    /// resolve overlapping statements of one pair.
    public static func read(_ bytes: [UInt8], file: String, into builder: inout GraphBuilder) {
        let lines = jsonLines(bytes)
        var assembler = Assembler(file: file)
        for (line, slice) in lines where slice.containsBytes(referentsKey) || slice.containsBytes(addressSchema) {
            if case .record(let r) = parseRecord(slice, line: line, file: file).outcome { assembler.learn(r) }
        }
        for (line, slice) in lines {
            let parsed = parseRecord(slice, line: line, file: file)
            for w in parsed.warnings { builder.report(w) }
            switch parsed.outcome {
            case .record(let r): assembler.add(r, into: &builder)
            case .error(let d): builder.report(d)
            case .rejected(let d): builder.reject(d)
            }
        }
        assembler.finish(into: &builder)
    }

    static let referentsKey = Array("\"referents\"".utf8)
    static let addressSchema = Array("\"Address\"".utf8)

    /// One line parsed: a record, or why not; and warnings about values it ignored.
    struct ParsedLine {
        enum Outcome { case record(FtMRecord), error(Diagnostic), rejected(Diagnostic) }
        var outcome: Outcome
        var warnings: [Diagnostic] = []
    }

    static func parseRecord(_ slice: ArraySlice<UInt8>, line: Int, file: String) -> ParsedLine {
        let loc = SourceLocation(file: file, line: line)
        let value: ParsedJSON
        do { value = try JSONParser.parse(Array(slice)) } catch {
            return ParsedLine(outcome: .error(Diagnostic(at: loc, "invalid JSON: \(error.message) (column \(error.column))")))
        }
        guard let obj = value.object else {
            return ParsedLine(outcome: .error(Diagnostic(at: loc, "expected a JSON object per line, got \(value.typeName)")))
        }
        guard let id = obj["id"]?.string, !id.isEmpty else {
            return ParsedLine(outcome: .rejected(Diagnostic(at: loc, field: "id", "missing or empty entity id (line left out)")))
        }
        let recLoc = SourceLocation(file: file, line: line, record: id)
        guard let schema = obj["schema"]?.string, !schema.isEmpty else {
            return ParsedLine(outcome: .rejected(Diagnostic(at: recLoc, field: "schema", "missing schema (line left out)")))
        }
        var warnings: [Diagnostic] = []
        var props: [String: [String]] = [:]
        if let p = obj["properties"] {
            guard let po = p.object else {
                return ParsedLine(outcome: .rejected(Diagnostic(at: recLoc, field: "properties",
                    "expected an object of string arrays, got \(p.typeName) (line left out)")))
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
                            warnings.append(Diagnostic(.warning, at: recLoc, field: "properties.\(k)",
                                                       "expected strings, got \(x.typeName) (value ignored)"))
                        }
                    }
                    props[k] = values
                case .string(let s): props[k] = [s]
                case .number(let n): props[k] = [n]
                default:
                    warnings.append(Diagnostic(.warning, at: recLoc, field: "properties.\(k)",
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
        let record = FtMRecord(id: id, schema: schema, props: props, line: line, meta: meta,
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
        ("leiCode", "LEI"), ("registrationNumber", "registrationNumber"), ("innCode", "RU-INN"), ("ogrnCode", "RU-OGRN"),
        ("kppCode", "RU-KPP"), ("okpoCode", "RU-OKPO"), ("taxNumber", "taxNumber"), ("vatCode", "VAT"),
        ("idNumber", "idNumber"), ("passportNumber", "passport"), ("swiftBic", "BIC"), ("bic", "BIC"),
        ("imoNumber", "IMO"), ("isinCode", "ISIN"), ("dunsCode", "DUNS"), ("permId", "PermID"),
        ("wikidataId", "Wikidata"), ("uniqueEntityId", "SAM-UEI"), ("iban", "IBAN"), ("accountNumber", "accountNumber"),
        ("cryptoAddress", "cryptoAddress"), ("publicKey", "cryptoPublicKey"),
    ]

    /// Plain facts kept as `ftm.<property>` attributes (first value; several values joined with "; ").
    static let keptProperties = ["birthDate", "deathDate", "incorporationDate", "dissolutionDate", "status", "legalForm",
                                 "sector", "website", "position", "gender", "blockchain", "currencySymbol",
                                 "managingExchange", "custodyType", "bankName", "balance", "amount", "currency"]
}

struct FtMRecord {
    var id: String
    var schema: String
    var props: [String: [String]]
    var line: Int
    var meta: [String: String]
    var datasets: [String]
    var referents: [String]
    func first(_ key: String) -> String? {
        props[key]?.first { value in
            // Most values start with a visible ASCII character: no need to trim them to know they are not blank.
            if let b = value.utf8.first, b > 0x20, b < 0x7F { return true }
            return !value.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }
    func all(_ key: String) -> [String] { props[key] ?? [] }
}

private struct Assembler {
    let file: String
    /// Referents: merged source ids → canonical id, so edges written against an old id still land.
    var canonical: [String: String] = [:]
    var addresses: [String: String] = [:]
    /// Address records in file order (id, line), for the warning about those no entity cites.
    var addressRecords: [(id: String, line: Int)] = []
    var addressUsed = Set<String>()
    var skipped: [String: (count: Int, firstLine: Int)] = [:]
    var ownerships: [Relationship] = []
    var ownershipLocations: [SourceLocation] = []

    init(file: String) { self.file = file }

    func loc(_ r: FtMRecord) -> SourceLocation { SourceLocation(file: file, line: r.line, record: r.id) }

    func resolve(_ id: String) -> String { canonical[id] ?? id }

    /// First pass: ids merged into this record, and the text of an Address record.
    mutating func learn(_ r: FtMRecord) {
        for old in r.referents where old != r.id { canonical[old] = r.id }
        if r.schema == "Address" {
            addresses[r.id] = r.first("full") ?? [r.first("street"), r.first("postalCode"), r.first("city"),
                                                   r.first("country")?.uppercased()].compactMap { $0 }.joined(separator: ", ")
            addressRecords.append((r.id, r.line))
        }
    }

    /// Second pass: one record into the builder (ownerships wait for ``finish(into:)``).
    mutating func add(_ r: FtMRecord, into builder: inout GraphBuilder) {
        let location = loc(r)
        if let kind = FollowTheMoneyReader.entityKinds[r.schema] {
            var e = entity(r, kind: kind, addresses: addresses, addressUsed: &addressUsed)
            e.id = r.id
            builder.add(e, at: location)
            if r.schema == "CryptoWallet", let holder = r.first("holder") {
                builder.add(Relationship(id: r.id + "#holder", kind: .controls, source: resolve(holder), target: r.id,
                                         controlType: "accountHolder", attributes: ["ftm.schema": "CryptoWallet.holder"]),
                            at: SourceLocation(file: file, line: r.line, record: r.id + "#holder"))
            }
        } else if let edge = FollowTheMoneyReader.edgeSchemas[r.schema],
                  r.schema != "UnknownLink" || r.first("role")?.lowercased() == "operates" {
            guard let src = r.first(edge.source) else {
                builder.reject(Diagnostic(at: location, field: "properties.\(edge.source)",
                                          "\(r.schema) without \(edge.source) (left out)"))
                return
            }
            guard let dst = r.first(edge.target) else {
                builder.reject(Diagnostic(at: location, field: "properties.\(edge.target)",
                                          "\(r.schema) without \(edge.target) (left out)"))
                return
            }
            if r.all(edge.source).count > 1 || r.all(edge.target).count > 1 {
                builder.report(Diagnostic(.warning, at: location, field: "properties.\(edge.source)",
                    "\(r.schema) names several \(edge.source)s or \(edge.target)s; only the first pair is imported"))
            }
            guard let rel = relationship(r, kind: edge.kind, source: resolve(src), target: resolve(dst),
                                         builder: &builder) else { return }
            if edge.kind == .owns {
                ownerships.append(rel)
                ownershipLocations.append(location)
            } else {
                builder.add(rel, at: location)
            }
        } else if r.schema == "Sanction" {
            sanction(r, resolve: resolve, builder: &builder)
        } else if r.schema == "Address" {
            return  // Loaded as the address attribute of the entities that cite it (first pass); checked at the end.
        } else {
            skipped[r.schema, default: (0, r.line)].count += 1
        }
    }

    /// After the last record: ownerships with their overlaps resolved, then the summary warnings.
    func finish(into builder: inout GraphBuilder) {
        // Ownership: resolve overlaps per pair (never two records of one pair on one date), then add.
        let outcome = OwnershipOverlap.resolve(ownerships)
        for (rel, from) in outcome.relationships {
            builder.add(rel, at: ownershipLocations[from].with(record: rel.id))
        }
        for (index, reason) in outcome.dropped {
            builder.reject(Diagnostic(.warning, at: ownershipLocations[index], field: "properties.startDate", reason))
        }
        for a in addressRecords where !addressUsed.contains(a.id) {
            builder.report(Diagnostic(.warning, at: SourceLocation(file: file, line: a.line, record: a.id), field: "schema",
                                      "Address cited by no imported entity (not imported: addresses are entity attributes)"))
        }
        for (schema, s) in skipped.sorted(by: { $0.key < $1.key }) {
            builder.report(Diagnostic(.warning, at: SourceLocation(file: file, line: s.firstLine), field: "schema",
                "\(s.count) \(schema) record\(s.count == 1 ? "" : "s") not imported (no corpgraph entity or relationship kind; first at line \(s.firstLine))"))
        }
    }

    func entity(_ r: FtMRecord, kind: EntityKind, addresses: [String: String], addressUsed: inout Set<String>) -> Entity {
        var names = r.all("name")
        if names.isEmpty, r.schema == "Person" {
            let full = [r.first("firstName"), r.first("middleName"), r.first("lastName")].compactMap { $0 }.joined(separator: " ")
            if !full.isEmpty { names = [full] }
        }
        let name = r.meta["caption"] ?? names.first ?? r.first("publicKey") ?? r.first("iban") ?? r.first("accountNumber") ?? r.id
        var aliases: [String] = []
        var seen: Set<String> = [name]
        for a in names + r.all("alias") + r.all("previousName") + r.all("weakAlias") where seen.insert(a).inserted {
            aliases.append(a)
        }
        var attributes: [String: String] = ["ftm.schema": r.schema]
        var jurisdiction: String?
        let countryProps = r.schema == "Person" ? ["nationality", "citizenship", "country"] : ["jurisdiction", "country", "mainCountry"]
        for p in countryProps {
            guard let c = r.first(p) else { continue }
            if let code = FtMCodes.jurisdiction(c) { jurisdiction = code; break }
            attributes["ftm.\(p)"] = c
        }
        let countries = Set(r.all("country").compactMap(FtMCodes.jurisdiction))
        if countries.count > 1 { attributes["ftm.countries"] = countries.sorted().joined(separator: ";") }
        var identifiers: [String: String] = [:]
        for (p, scheme) in FollowTheMoneyReader.identifierSchemes {
            let values = r.all(p)
            if !values.isEmpty, identifiers[scheme] == nil { identifiers[scheme] = Array(Set(values)).sorted().joined(separator: ";") }
        }
        for p in FollowTheMoneyReader.keptProperties {
            let v = r.all(p)
            if !v.isEmpty { attributes["ftm.\(p)"] = v.joined(separator: "; ") }
        }
        var addressTexts = r.all("address")
        for a in r.all("addressEntity") {
            if let text = addresses[a] { addressTexts.append(text); addressUsed.insert(a) }
        }
        if !addressTexts.isEmpty { attributes["address"] = Array(NSOrderedSet(array: addressTexts)).compactMap { $0 as? String }.joined(separator: " | ") }
        for (k, v) in r.meta where k != "caption" { attributes["opensanctions.\(k)"] = v }
        if !r.datasets.isEmpty { attributes["opensanctions.datasets"] = r.datasets.joined(separator: ";") }
        if !r.referents.isEmpty { attributes["opensanctions.referents"] = r.referents.joined(separator: ";") }
        var tags: [String] = []
        for t in r.all("topics") where !tags.contains(t) { tags.append(t) }
        var kind = kind
        for k in r.all("keywords") {
            if k.hasPrefix("corpgraph:kind="), let x = EntityKind(name: String(k.dropFirst(15))) {
                kind = x
            } else if k.hasPrefix("corpgraph:jurisdiction=") {
                jurisdiction = String(k.dropFirst(23))
            } else if !tags.contains(k) {
                tags.append(k)
            }
        }
        let sources = r.all("sourceUrl").map { SourceRef(url: $0) }
        return Entity(id: r.id, kind: kind, name: name, aliases: aliases, jurisdiction: jurisdiction,
                      identifiers: identifiers, tags: tags, sources: sources, attributes: attributes)
    }

    func relationship(_ r: FtMRecord, kind: RelationshipKind, source: String, target: String,
                      builder: inout GraphBuilder) -> Relationship? {
        let location = loc(r)
        var rel = Relationship(id: r.id, kind: kind, source: source, target: target)
        rel.attributes["ftm.schema"] = r.schema
        func date(_ key: String) -> CalendarDate? {
            guard let raw = r.first(key) else { return nil }
            if let d = CalendarDate(parsing: raw) { return d }
            // FtM dates may be partial: "2015" or "2015-11". Keep the raw text; a partial start counts from the
            // first day, a partial end to the last day of the period.
            if let d = FtMCodes.partialDate(raw, end: key == "endDate") {
                rel.attributes["ftm.\(key)"] = raw
                return d
            }
            builder.report(Diagnostic(.warning, at: location, field: "properties.\(key)", "invalid date '\(raw)' (ignored)"))
            return nil
        }
        rel.start = date("startDate")
        rel.end = date("endDate")
        if let s = rel.start, let e = rel.end, e < s {
            builder.report(Diagnostic(.warning, at: location, field: "properties.endDate",
                                      "endDate \(e) is before startDate \(s) (dates kept as given)"))
        }
        for (p, key) in [("role", "ftm.role"), ("summary", "ftm.summary"), ("sharesCount", "ftm.sharesCount"),
                         ("sharesValue", "ftm.sharesValue"), ("sharesCurrency", "ftm.sharesCurrency"),
                         ("sharesType", "ftm.sharesType"), ("ownershipType", "ftm.ownershipType"),
                         ("legalBasis", "ftm.legalBasis"), ("status", "ftm.status"), ("purpose", "ftm.purpose"),
                         ("recordId", "ftm.recordId"), ("transactionNumber", "ftm.transactionNumber")] {
            let v = r.all(p)
            if !v.isEmpty { rel.attributes[key] = v.joined(separator: "; ") }
        }
        rel.sources = r.all("sourceUrl").map { SourceRef(url: $0) }
        switch kind {
        case .owns:
            let texts = r.all("percentage").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            if !texts.isEmpty { rel.shareText = texts.joined(separator: "; ") }
            var shares: [Share] = []
            for t in texts {
                switch PercentageText.parse(t) {
                case .share(let s): shares.append(s)
                case .unknown: break
                case .invalid(let reason):
                    builder.report(Diagnostic(.warning, at: location, field: "properties.percentage",
                                              "'\(t)': \(reason) (share kept as unknown, text kept)"))
                }
            }
            if let first = shares.first {
                if shares.allSatisfy({ $0 == first }) {
                    rel.share = first
                } else {
                    // Several different statements of one share: keep the hull, never a sum.
                    let lo = shares.map(\.lowerBound).min() ?? .zero
                    let hi = shares.map(\.upperBound).max() ?? .hundred
                    rel.share = .range(ShareRange(min: lo, max: hi))
                    builder.report(Diagnostic(.warning, at: location, field: "properties.percentage",
                        "several different percentages \(texts); kept as the interval \(lo)–\(hi) %"))
                }
            } else {
                rel.share = .unknown
            }
            rel.basis = r.first("sharesType")
            if let t = r.first("ownershipType")?.lowercased(), t == "indirect" || t == "ultimate" {
                rel.attributes["declaredIndirect"] = "true"
            }
        case .controls:
            rel.controlType = r.first("controlType") ?? "control"
            if r.first("controlType")?.lowercased() == "indirect" { rel.attributes["declaredIndirect"] = "true" }
        case .directs:
            rel.role = r.first("role") ?? (r.first("secretary") == "true" ? "secretary" : "director")
        case .pays:
            rel.date = date("date")
            if rel.date == nil { rel.date = rel.start }
            for (p, currency) in [("amount", nil), ("amountEur", "EUR"), ("amountUsd", "USD")] as [(String, String?)] {
                guard let raw = r.first(p) else { continue }
                guard let amount = FtMCodes.decimal(raw) else {
                    builder.report(Diagnostic(.warning, at: location, field: "properties.\(p)", "invalid amount '\(raw)' (ignored)"))
                    continue
                }
                rel.amount = amount
                rel.currency = currency ?? r.first("currency")?.uppercased()
                break
            }
            if rel.amount == nil {
                builder.report(Diagnostic(.warning, at: location, field: "properties.amount",
                                          "Payment without amount (imported without one)"))
            }
        case .operates:
            rel.attributes["ftm.role"] = nil
        }
        return rel
    }

    func sanction(_ r: FtMRecord, resolve: (String) -> String, builder: inout GraphBuilder) {
        let location = loc(r)
        guard let target = r.first("entity") else {
            builder.reject(Diagnostic(at: location, field: "properties.entity", "Sanction without entity (left out)"))
            return
        }
        let mapping = SanctionListTable.map(datasets: r.datasets, authorities: r.all("authority"),
                                            programIds: r.all("programId"), countries: r.all("country"))
        var amendment = EntityAmendment()
        switch mapping {
        case .list(let code, let fallback):
            let starts = (r.all("startDate") + r.all("listingDate")).compactMap { CalendarDate(parsing: $0) ?? FtMCodes.partialDate($0, end: false) }
            let ends = r.all("endDate").compactMap { CalendarDate(parsing: $0) ?? FtMCodes.partialDate($0, end: true) }
            let program = r.first("programId") ?? r.first("program")
            // OpenSanctions' `first_seen` (when it first saw the record) bounds when evidence of an undated listing exists.
            let firstSeen = r.meta["first_seen"].flatMap { CalendarDate(parsing: String($0.prefix(10))) }
            amendment.designations = [Designation(list: code, program: program, listed: starts.min(), delisted: ends.max(),
                                                  firstSeen: starts.isEmpty ? firstSeen : nil)]
            if fallback {
                builder.report(Diagnostic(.warning, at: location, field: "properties.authority",
                    "no list code for authority \(r.all("authority")) / datasets \(r.datasets); designated as '\(code)' (it counts under a policy that names no lists, or names this code)"))
            }
        case .notASanction(let tag):
            amendment.tags = [tag]
        }
        amendment.sources = r.all("sourceUrl").prefix(1).map { SourceRef(url: $0) }
        builder.amend(entity: resolve(target), with: amendment, at: location)
    }
}

extension SourceLocation {
    func with(record: String?) -> SourceLocation { SourceLocation(file: file, line: line, record: record) }
}

/// Code and number helpers shared by the FtM and OpenSanctions readers.
enum FtMCodes {
    /// `ru` → `RU`, `ua-43` → `UA-43`; FtM pseudo-codes (`suhh`, `zz`, `eu`) → nil.
    static func jurisdiction(_ raw: String) -> String? {
        let c = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = c.split(separator: "-", maxSplits: 1)
        guard let country = parts.first, country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }),
              !["ZZ", "EU", "XX"].contains(String(country)) else { return nil }
        if parts.count == 2 {
            let sub = parts[1]
            guard (1...3).contains(sub.count), sub.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return String(country) }
        }
        return c
    }

    /// `2015` → 2015-01-01 (or 2015-12-31 as an end); `2015-11` → 2015-11-01 (or -30).
    static func partialDate(_ raw: String, end: Bool) -> CalendarDate? {
        let parts = raw.split(separator: "-")
        guard let y = Int(parts.first ?? ""), parts[0].count == 4 else { return nil }
        if parts.count == 1 { return end ? CalendarDate(year: y, month: 12, day: 31) : CalendarDate(year: y, month: 1, day: 1) }
        guard parts.count == 2, let m = Int(parts[1]), parts[1].count == 2 else { return nil }
        return end ? CalendarDate(year: y, month: m, day: CalendarDate.lastDay(month: m, year: y)) : CalendarDate(year: y, month: m, day: 1)
    }

    /// A plain decimal (`250000`, `113969.15`, `-5`), exactly.
    static func decimal(_ raw: String) -> Decimal? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        var seenDigit = false, seenPoint = false
        for (k, ch) in t.enumerated() {
            if ch.isASCII && ch.isNumber { seenDigit = true; continue }
            if ch == ".", !seenPoint { seenPoint = true; continue }
            if ch == "-" && k == 0 { continue }
            return nil
        }
        guard seenDigit else { return nil }
        return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
    }
}

extension CalendarDate {
    static func lastDay(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day before (nil before 0001-01-01).
    var dayBefore: CalendarDate? {
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1) }
        if month > 1 { return CalendarDate(year: year, month: month - 1, day: CalendarDate.lastDay(month: month - 1, year: year)) }
        return CalendarDate(year: year - 1, month: 12, day: 31)
    }

    /// The day after.
    var dayAfter: CalendarDate? {
        if day < CalendarDate.lastDay(month: month, year: year) { return CalendarDate(year: year, month: month, day: day + 1) }
        if month < 12 { return CalendarDate(year: year, month: month + 1, day: 1) }
        return CalendarDate(year: year + 1, month: 1, day: 1)
    }
}

/// Sanction records → list codes (docs/FORMATS-IMPORT.md §2).
///
/// Lookup order: the record's OpenSanctions `datasets`, then `programId` prefix, then `authority` text; the first
/// table hit wins. Debarment, disqualification and watch lists are not sanctions: they become a tag
/// `listed:<dataset>` so that a policy counting "every list" does not treat a disqualified director as designated.
/// A Sanction record that matches nothing is still a designation, under `<COUNTRY>-SANCTIONS` (or `FTM-SANCTION`),
/// with a warning.
public enum SanctionListTable {
    public enum Mapping: Hashable, Sendable {
        /// A designation on `code`; `fallback` when no table row matched.
        case list(String, fallback: Bool)
        /// Not a sanctions list: tag the entity instead.
        case notASanction(tag: String)
    }

    /// OpenSanctions dataset name → list code.
    public static let datasets: [String: String] = [
        "us_ofac_sdn": "OFAC-SDN", "us_ofac_cons": "OFAC-CONS", "us_bis_denied": "US-BIS-DPL", "us_trade_csl": "US-CSL",
        "eu_fsf": "EU-FSF", "eu_journal_sanctions": "EU-OJ", "eu_sanctions_map": "EU-MAP", "eu_travel_bans": "EU-TRAVEL-BAN",
        "gb_hmt_sanctions": "UK-HMT", "gb_fcdo_sanctions": "UK-FCDO", "un_sc_sanctions": "UN-SC",
        "ch_seco_sanctions": "CH-SECO", "ca_dfatd_sema_sanctions": "CA-SEMA", "au_dfat_sanctions": "AU-DFAT",
        "jp_mof_sanctions": "JP-MOF", "jp_meti_ru": "JP-METI", "nz_russia_sanctions": "NZ-MFAT",
        "ua_nsdc_sanctions": "UA-NSDC", "mc_fund_freezes": "MC-FUND-FREEZE", "be_fod_sanctions": "BE-FOD",
        "fr_tresor_gels_avoir": "FR-TRESOR",
    ]

    /// Datasets whose "Sanction" records are debarments, disqualifications or watch lists, not sanctions.
    public static let notSanctions: Set<String> = [
        "gb_coh_disqualified", "us_sam_exclusions", "ua_war_sanctions", "worldbank_debarred", "adb_sanctions",
        "afdb_sanctions", "iadb_sanctions", "ebrd_ineligible", "us_hhs_exclusions", "interpol_red_notices",
    ]

    /// OpenSanctions `programId` prefix → list code (when no dataset matched).
    public static let programPrefixes: [(prefix: String, code: String)] = [
        ("US-BIS-", "US-BIS-EL"), ("US-", "OFAC-SDN"), ("EU-", "EU-FSF"), ("GB-", "UK-FCDO"), ("UN-", "UN-SC"),
        ("SECO-", "CH-SECO"), ("CA-", "CA-SEMA"), ("AU-", "AU-DFAT"), ("NZ-", "NZ-MFAT"), ("UA-SA", "UA-NSDC"),
    ]

    /// Authority text (case-insensitive substring) → list code (when no dataset or program matched).
    public static let authorities: [(contains: String, code: String)] = [
        ("office of foreign assets control", "OFAC-SDN"), ("bureau of industry and security", "US-BIS-EL"),
        ("financial stability, financial services and capital markets union", "EU-FSF"),
        ("council of the european union", "EU-FSF"), ("hm treasury", "UK-HMT"), ("office of financial sanctions", "UK-HMT"),
        ("foreign, commonwealth", "UK-FCDO"), ("security council", "UN-SC"),
        ("state secretariat for economic affairs", "CH-SECO"), ("global affairs canada", "CA-SEMA"),
        ("department of foreign affairs and trade", "AU-DFAT"), ("national security and defense council", "UA-NSDC"),
    ]

    public static func map(datasets ds: [String], authorities auth: [String], programIds: [String],
                           countries: [String]) -> Mapping {
        // An authority written as a list code (`OFAC-SDN`, as corpgraph's FtM export writes it) is taken as is.
        if let code = auth.first(where: { $0.range(of: "^[A-Z]{2,}(-[A-Z0-9]+)+$", options: .regularExpression) != nil }) {
            return .list(code, fallback: false)
        }
        for d in ds.sorted() {
            if let code = datasets[d] { return .list(code, fallback: false) }
        }
        for d in ds.sorted() where notSanctions.contains(d) { return .notASanction(tag: "listed:\(d)") }
        for p in programIds {
            let u = p.uppercased()
            for row in programPrefixes where u.hasPrefix(row.prefix) { return .list(row.code, fallback: false) }
        }
        for a in auth {
            let l = a.lowercased()
            for row in authorities where l.contains(row.contains) { return .list(row.code, fallback: false) }
        }
        if let c = countries.first.flatMap(FtMCodes.jurisdiction) { return .list("\(c)-SANCTIONS", fallback: true) }
        return .list("FTM-SANCTION", fallback: true)
    }
}
