import CorpGraph
import Foundation

/// Turns parsed FtM records into entities and relationships (FollowTheMoney.swift reads the lines).
struct FtMAssembler {
    let file: String
    /// Referents: merged source ids → canonical id, so edges written against an old id still land.
    var canonical: [String: String] = [:]
    var addresses: [String: String] = [:]
    /// Address records in file order (id, line), for the warning about those no entity cites.
    var addressRecords: [(id: String, line: Int)] = []
    var addressUsed = Set<String>()
    var skipped: [String: (count: Int, firstLine: Int)] = [:]
    /// Ownerships read by the general path, with where.
    var ownerships: [Relationship] = []
    var ownershipLocations: [SourceLocation] = []
    /// Every ownership in file order: a row of `fast.ownerships` (≥ 0), or `~k` for `ownerships[k]`.
    var ownershipOrder: [Int32] = []
    /// The fast path's batches and scratch (FtMFastPath.swift).
    var fast = FtMFastState()
    /// Entities a Sanction record names (resolved ids): they take their designations from those records.
    var sanctionRecordTargets = Set<String>()
    /// Sanction targets (`target: true` or topic `sanction`) with OpenSanctions `datasets`, in file order: without a
    /// Sanction record, their designations come from the datasets (``SanctionListTable/datasets``).
    var datasetTargets:
        [(id: String, datasets: [String], firstSeen: CalendarDate?, topicSanction: Bool, location: SourceLocation)] = []

    init(file: String) { self.file = file }

    /// Identifier property → (place in ``FollowTheMoneyReader/identifierSchemes``, scheme).
    static let identifierScheme: [String: (Int, String)] = Dictionary(
        FollowTheMoneyReader.identifierSchemes.enumerated().map { ($1.property, ($0, $1.scheme)) },
        uniquingKeysWith: { a, _ in a })
    static let kept = Set(FollowTheMoneyReader.keptProperties)
    /// Relationship properties kept as `ftm.<property>` attributes.
    static let keptEdgeProperties: Set<String> = [
        "role", "summary", "sharesCount", "sharesValue", "sharesCurrency", "sharesType",
        "ownershipType", "legalBasis", "status", "purpose", "recordId", "transactionNumber",
    ]

    func loc(_ r: FtMRecord) -> SourceLocation { SourceLocation(file: file, line: r.line, record: r.id) }

    func resolve(_ id: String) -> String { canonical[id] ?? id }

    /// First pass: ids merged into this record, and the text of an Address record.
    mutating func learn(_ r: FtMRecord) {
        for old in r.referents where old != r.id { canonical[old] = r.id }
        if r.schema == "Address" {
            addresses[r.id] =
                r.first("full")
                ?? [
                    r.first("street"), r.first("postalCode"), r.first("city"),
                    r.first("country")?.uppercased(),
                ].compactMap { $0 }.joined(separator: ", ")
            addressRecords.append((r.id, r.line))
        }
    }

    /// Second pass: one record into the builder (ownerships wait for ``finish(into:)``).
    mutating func add(_ r: FtMRecord, into builder: inout GraphBuilder) {
        let location = loc(r)
        if FollowTheMoneyReader.entityKinds[r.schema] != nil || FollowTheMoneyReader.edgeSchemas[r.schema] != nil {
            flush(into: &builder)
        }
        if let kind = FollowTheMoneyReader.entityKinds[r.schema] {
            var e = entity(r, kind: kind, addresses: addresses, addressUsed: &addressUsed)
            e.id = r.id
            builder.add(e, at: location)
            let topicSanction = r.all("topics").contains("sanction")
            if !r.datasets.isEmpty, topicSanction || r.meta["target"] == "true" {
                datasetTargets.append(
                    (
                        r.id, r.datasets, r.meta["first_seen"].flatMap { CalendarDate(parsing: String($0.prefix(10))) },
                        topicSanction, location
                    ))
            }
            if ["CryptoWallet", "BankAccount"].contains(r.schema), let holder = r.first("holder") {
                builder.add(
                    Relationship(
                        id: r.id + "#holder", kind: .controls, source: resolve(holder), target: r.id,
                        controlType: "accountHolder", attributes: ["ftm.schema": "\(r.schema).holder"]),
                    at: SourceLocation(file: file, line: r.line, record: r.id + "#holder"))
            }
        } else if let edge = FollowTheMoneyReader.edgeSchemas[r.schema],
            r.schema != "UnknownLink" || r.first("role")?.lowercased() == "operates"
        {
            guard let src = r.first(edge.source) else {
                builder.reject(
                    Diagnostic(
                        .error, .missingField, .leftOut, at: location, field: "properties.\(edge.source)",
                        "\(r.schema) without \(edge.source) (left out)"))
                return
            }
            guard let dst = r.first(edge.target) else {
                builder.reject(
                    Diagnostic(
                        .error, .missingField, .leftOut, at: location, field: "properties.\(edge.target)",
                        "\(r.schema) without \(edge.target) (left out)"))
                return
            }
            if r.all(edge.source).count > 1 || r.all(edge.target).count > 1 {
                builder.report(
                    Diagnostic(
                        .warning, .invalidValue, .kept, at: location, field: "properties.\(edge.source)",
                        "\(r.schema) names several \(edge.source)s or \(edge.target)s; only the first pair is imported")
                )
            }
            guard
                let rel = relationship(
                    r, kind: edge.kind, source: resolve(src), target: resolve(dst),
                    builder: &builder)
            else { return }
            if edge.kind == .owns {
                ownershipOrder.append(~Int32(ownerships.count))
                ownerships.append(rel)
                ownershipLocations.append(location)
            } else {
                builder.add(rel, at: location)
            }
        } else if r.schema == "Sanction" {
            sanction(r, builder: &builder)
        } else if r.schema == "Address" {
            return  // Loaded as the address attribute of the entities that cite it (first pass); checked at the end.
        } else {
            skipped[r.schema, default: (0, r.line)].count += 1
        }
    }

    /// Sanction targets without a Sanction record (OpenSanctions exports such as the EU FSF one carry only the
    /// entity, its `datasets` and `first_seen`): one designation per list their datasets name, undated
    /// (`dateUnknown`), with `first_seen` as the first-seen date. Targets whose datasets name no list are counted in
    /// one warning.
    func designationsFromDatasets(into builder: inout GraphBuilder) {
        var unmapped: [(id: String, datasets: [String], line: Int?)] = []
        for t in datasetTargets where !sanctionRecordTargets.contains(t.id) {
            var codes: [String] = []
            for d in t.datasets.sorted() {
                if let code = SanctionListTable.datasets[d], !codes.contains(code) { codes.append(code) }
            }
            if codes.isEmpty {
                if t.topicSanction { unmapped.append((t.id, t.datasets, t.location.line)) }
                continue
            }
            builder.amend(
                entity: t.id,
                with: EntityAmendment(
                    designations: codes.map {
                        Designation(list: $0, firstSeen: t.firstSeen)
                    }), at: t.location)
        }
        if let first = unmapped.first {
            builder.report(
                Diagnostic(
                    .warning, .unknownCode, .kept, at: SourceLocation(file: file, line: first.line, record: first.id),
                    field: "datasets",
                    "\(unmapped.count) sanction target\(unmapped.count == 1 ? "" : "s") without a Sanction record name\(unmapped.count == 1 ? "s" : "") no dataset of the dataset → list table (first: '\(first.id)', datasets \(first.datasets.joined(separator: ", "))); not designated"
                ))
        }
    }

    func entity(_ r: FtMRecord, kind: EntityKind, addresses: [String: String], addressUsed: inout Set<String>) -> Entity
    {
        var names = r.all("name")
        if names.isEmpty, r.schema == "Person" {
            let full = [r.first("firstName"), r.first("middleName"), r.first("lastName")].compactMap { $0 }.joined(
                separator: " ")
            if !full.isEmpty { names = [full] }
        }
        let name =
            r.meta["caption"] ?? names.first ?? r.first("publicKey") ?? r.first("iban") ?? r.first("accountNumber")
            ?? r.id
        var aliases: [String] = []
        let others = r.all("alias") + r.all("previousName") + r.all("weakAlias")
        // most records: one name, no alias
        if names.count > 1 || (names.count == 1 && names[0] != name) || !others.isEmpty {
            var seen: Set<String> = [name]
            for a in names + others where seen.insert(a).inserted { aliases.append(a) }
        }
        var attributes: [String: String] = ["ftm.schema": r.schema]
        var jurisdiction: String?
        let countryProps =
            r.schema == "Person"
            ? ["nationality", "citizenship", "country"] : ["jurisdiction", "country", "mainCountry"]
        for p in countryProps {
            guard let c = r.first(p) else { continue }
            if let code = FtMCodes.jurisdiction(c) { jurisdiction = code; break }
            attributes["ftm.\(p)"] = c
        }
        let countries = Set(r.all("country").compactMap(FtMCodes.jurisdiction))
        if countries.count > 1 { attributes["ftm.countries"] = countries.sorted().joined(separator: ";") }
        var identifiers: [String: String] = [:]
        // The record's own properties looked up in the tables (a record has a handful; the tables have forty).
        var identifierProps: [(order: Int, scheme: String, values: [String])] = []
        for (p, values) in r.props where !values.isEmpty {
            if let (order, scheme) = FtMAssembler.identifierScheme[p] {
                identifierProps.append((order, scheme, values))
            }
            if FtMAssembler.kept.contains(p) { attributes["ftm.\(p)"] = values.joined(separator: "; ") }
        }
        for (_, scheme, values) in identifierProps.sorted(by: { $0.order < $1.order }) where identifiers[scheme] == nil
        {
            identifiers[scheme] = Array(Set(values)).sorted().joined(separator: ";")
        }
        var addressTexts = r.all("address")
        for a in r.all("addressEntity") {
            if let text = addresses[a] { addressTexts.append(text); addressUsed.insert(a) }
        }
        if !addressTexts.isEmpty {
            attributes["address"] = Array(NSOrderedSet(array: addressTexts)).compactMap { $0 as? String }.joined(
                separator: " | ")
        }
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
        return Entity(
            id: r.id, kind: kind, name: name, aliases: aliases, jurisdiction: jurisdiction,
            identifiers: identifiers, tags: tags, sources: sources, attributes: attributes)
    }

    func relationship(
        _ r: FtMRecord, kind: RelationshipKind, source: String, target: String,
        builder: inout GraphBuilder
    ) -> Relationship? {
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
            builder.report(
                Diagnostic(
                    .warning, .invalidDate, .kept, at: location, field: "properties.\(key)",
                    "invalid date '\(raw)' (ignored)"))
            return nil
        }
        rel.start = date("startDate")
        rel.end = date("endDate")
        if let s = rel.start, let e = rel.end, e < s {
            builder.report(
                Diagnostic(
                    .warning, .invalidDate, .kept, at: location, field: "properties.endDate",
                    "endDate \(e) is before startDate \(s) (dates kept as given)"))
        }
        for (p, v) in r.props where !v.isEmpty && FtMAssembler.keptEdgeProperties.contains(p) {
            rel.attributes["ftm." + p] = v.joined(separator: "; ")
        }
        rel.sources = r.all("sourceUrl").map { SourceRef(url: $0) }
        switch kind {
        case .owns:
            let texts = r.all("percentage").filter(FtMRecord.isNotBlank)
            if !texts.isEmpty { rel.shareText = texts.joined(separator: "; ") }
            var shares: [Share] = []
            for t in texts {
                switch PercentageText.parse(t) {
                case .share(let s): shares.append(s)
                case .unknown: break
                case .invalid(let reason):
                    builder.report(
                        Diagnostic(
                            .warning, .invalidShare, .kept, at: location, field: "properties.percentage",
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
                    builder.report(
                        Diagnostic(
                            .warning, .conflictingFacts, .kept, at: location, field: "properties.percentage",
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
                    builder.report(
                        Diagnostic(
                            .warning, .invalidAmount, .kept, at: location, field: "properties.\(p)",
                            "invalid amount '\(raw)' (ignored)"))
                    continue
                }
                rel.amount = amount
                rel.currency = currency ?? r.first("currency")?.uppercased()
                break
            }
            if rel.amount == nil {
                builder.report(
                    Diagnostic(
                        .warning, .missingField, .kept, at: location, field: "properties.amount",
                        "Payment without amount (imported without one)"))
            }
        case .operates:
            rel.attributes["ftm.role"] = nil
        }
        return rel
    }

    mutating func sanction(_ r: FtMRecord, builder: inout GraphBuilder) {
        let location = loc(r)
        guard let target = r.first("entity") else {
            flush(into: &builder)
            builder.reject(
                Diagnostic(
                    .error, .missingField, .leftOut, at: location, field: "properties.entity",
                    "Sanction without entity (left out)"))
            return
        }
        sanctionRecordTargets.insert(resolve(target))
        let mapping = SanctionListTable.map(
            datasets: r.datasets, authorities: r.all("authority"),
            programIds: r.all("programId"), countries: r.all("country"))
        var amendment = EntityAmendment()
        switch mapping {
        case .list(let code, let fallback):
            let starts = (r.all("startDate") + r.all("listingDate")).compactMap {
                CalendarDate(parsing: $0) ?? FtMCodes.partialDate($0, end: false)
            }
            let ends = r.all("endDate").compactMap { CalendarDate(parsing: $0) ?? FtMCodes.partialDate($0, end: true) }
            let program = r.first("programId") ?? r.first("program")
            // OpenSanctions' `first_seen` (when it first saw the record) bounds when evidence of an undated listing exists.
            let firstSeen = r.meta["first_seen"].flatMap { CalendarDate(parsing: String($0.prefix(10))) }
            amendment.designations = [
                Designation(
                    list: code, program: program, listed: starts.min(), delisted: ends.max(),
                    firstSeen: starts.isEmpty ? firstSeen : nil)
            ]
            if fallback {
                flush(into: &builder)
                builder.report(
                    Diagnostic(
                        .warning, .unknownCode, .kept, at: location, field: "properties.authority",
                        "no list code for authority \(r.all("authority")) / datasets \(r.datasets); designated as '\(code)' (it counts under a policy that names no lists, or names this code)"
                    ))
            }
        case .notASanction(let tag):
            amendment.tags = [tag]
        }
        amendment.sources = r.all("sourceUrl").prefix(1).map { SourceRef(url: $0) }
        builder.amend(entity: resolve(target), with: amendment, at: location)
    }
}
