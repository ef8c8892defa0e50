import CorpGraph
import Foundation

/// The fast path of the FtM reader: the common records (an entity with a name, countries, topics and keywords; an
/// Ownership, Control, Directorship, Payment or operating UnknownLink with its ends, dates, share or amount) go
/// from the line's bytes straight into bulk columns (``EntityColumns``, ``RelationshipColumns``) with interned
/// codes and tags: no ``FtMRecord``, `Entity` or `Relationship` per record.
///
/// A record takes the fast path only when the general path (``FtMAssembler/add(_:into:)``) would load it without a
/// word: any value it would warn about, any property it reads that the fast path does not, any escape, alias,
/// identifier, address, source, OpenSanctions metadata or merged id hands the line to the general path, which
/// then reads it exactly as before. The batches are appended before the general path touches the builder, so
/// records, diagnostics and interned tables come out in the same order either way.
struct FtMFastState {
    var entities = FtMFastState.entityBatch()
    var relationships = FtMFastState.relationshipBatch()
    /// Ownerships (they wait for the overlap rule at the end).
    var ownerships = FtMFastState.relationshipBatch()
    var scanner = FtMSpanScanner()
    /// Raw country text → ``FtMCodes/jurisdiction(_:)``.
    var jurisdictions: [String: String?] = [:]
    var tags: [Int32] = []
    /// `["ftm.schema": schema]`, one shared dictionary per schema.
    var schemaAttributes: [[String: String]] = FtMFastState.schemas.map { ["ftm.schema": $0.name] }

    static func entityBatch() -> EntityColumns {
        var c = EntityColumns()
        c.locationsNameRecords = true
        return c
    }

    static func relationshipBatch() -> RelationshipColumns {
        var c = RelationshipColumns()
        c.locationsNameRecords = true
        return c
    }

    enum Shape { case entity(EntityKind, person: Bool), edge(RelationshipKind, source: Key, target: Key) }

    /// The schemas with a fast path, by name.
    static let schemas: [(name: String, bytes: [UInt8], shape: Shape)] = {
        var out: [(String, [UInt8], Shape)] = []
        for name in ["Company", "Organization", "PublicBody", "LegalEntity", "Person", "Asset", "RealEstate", "Vessel"]
            + ["Airplane", "Vehicle"]
        {
            out.append(
                (name, Array(name.utf8), .entity(FollowTheMoneyReader.entityKinds[name]!, person: name == "Person")))
        }
        let edges: [(String, RelationshipKind, Key, Key)] = [
            ("Ownership", .owns, .owner, .asset), ("Control", .controls, .controller, .controlled),
            ("Directorship", .directs, .director, .organization), ("Payment", .pays, .payer, .beneficiary),
            ("UnknownLink", .operates, .subject, .object),
        ]
        for (name, kind, s, t) in edges { out.append((name, Array(name.utf8), .edge(kind, source: s, target: t))) }
        return out
    }()

    func schema(_ scanner: FtMSpanScanner) -> Int? {
        let b = scanner.bytes(scanner.schema)
        for (k, s) in FtMFastState.schemas.enumerated()
        where s.bytes.count == b.count
            && s.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 })
        {
            return k
        }
        return nil
    }

    /// Property keys the fast path reads; `.other` is a key the general path reads and the fast path does not.
    enum Key: UInt8 {
        case name, keywords, topics, jurisdiction, country, mainCountry, nationality, citizenship
        case owner, asset, controller, controlled, director, organization, payer, beneficiary, subject, object
        case startDate, endDate, date, percentage, amount, currency, role
        case other
    }

    /// Every property key the general path reads (``FtMAssembler``), by length: the others are ignored by both.
    static let keys: [[(bytes: [UInt8], key: Key)]] = {
        var named: [String: Key] = [:]
        for k in [
            "name", "keywords", "topics", "jurisdiction", "country", "mainCountry", "nationality", "citizenship",
            "owner", "asset", "controller", "controlled", "director", "organization", "payer", "beneficiary",
            "subject", "object", "startDate", "endDate", "date", "percentage", "amount", "currency", "role",
        ] {
            named[k] = Key(rawValue: UInt8(named.count))
        }
        let read =
            [
                "firstName", "middleName", "lastName", "publicKey", "iban", "accountNumber", "alias", "previousName",
                "weakAlias", "address", "addressEntity", "sourceUrl", "holder", "sharesType", "ownershipType",
                "controlType", "secretary", "amountEur", "amountUsd", "entity", "authority", "programId", "program",
                "listingDate", "full", "street", "postalCode", "city",
            ] + FollowTheMoneyReader.identifierSchemes.map(\.property) + FollowTheMoneyReader.keptProperties
            + Array(FtMAssembler.keptEdgeProperties)
        for k in read where named[k] == nil { named[k] = .other }
        var out = [[(bytes: [UInt8], key: Key)]](repeating: [], count: 32)
        for (k, v) in named where k.utf8.count < 32 { out[k.utf8.count].append((Array(k.utf8), v)) }
        return out
    }()

    /// The key `span` names, or nil when the general path ignores it too.
    func key(_ scanner: FtMSpanScanner, _ span: JSONSpan) -> Key? {
        guard span.count < 32 else { return nil }
        let b = scanner.bytes(span)
        for k in FtMFastState.keys[span.count]
        where k.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 }) {
            return k.key
        }
        return nil
    }

    /// `text` → ``FtMCodes/jurisdiction(_:)``, remembered.
    mutating func jurisdiction(_ text: String) -> String? {
        if let known = jurisdictions[text] { return known }
        let code = FtMCodes.jurisdiction(text)
        jurisdictions[text] = code
        return code
    }
}

/// A record's country properties: jurisdiction, country, mainCountry, nationality, citizenship (no array per record).
private struct Countries {
    var values: (JSONSpan?, JSONSpan?, JSONSpan?, JSONSpan?, JSONSpan?) = (nil, nil, nil, nil, nil)
    /// The order ``FtMAssembler`` reads them in: a Person's, anything else's.
    static let person = [3, 4, 1]
    static let other = [0, 1, 2]
    subscript(k: Int) -> JSONSpan? {
        get {
            switch k {
            case 0: values.0
            case 1: values.1
            case 2: values.2
            case 3: values.3
            default: values.4
            }
        }
        set {
            switch k {
            case 0: values.0 = newValue
            case 1: values.1 = newValue
            case 2: values.2 = newValue
            case 3: values.3 = newValue
            default: values.4 = newValue
            }
        }
    }
}

extension FtMAssembler {
    /// Reads `line` by the fast path into the batches; false when the general path must read it.
    mutating func addFast(_ line: UnsafeBufferPointer<UInt8>, number: Int) -> Bool {
        guard fast.scanner.scan(line), let k = fast.schema(fast.scanner) else { return false }
        switch FtMFastState.schemas[k].shape {
        case .entity(let kind, let person): return fastEntity(kind: kind, person: person, schema: k, line: number)
        case .edge(let kind, let source, let target):
            return canonical.isEmpty && fastEdge(kind: kind, source: source, target: target, schema: k, line: number)
        }
    }

    /// A value `first(_:)` takes as it is: starts with a visible ASCII character (others: the general path).
    private static func visible(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F }

    private mutating func fastEntity(kind: EntityKind, person: Bool, schema: Int, line: Int) -> Bool {
        let sc = fast.scanner
        var name: JSONSpan?
        var countries = Countries()
        var keywords: FtMSpanScanner.Property?, topics: FtMSpanScanner.Property?
        for prop in sc.properties {
            guard let key = fast.key(sc, prop.key) else { continue }
            switch key {
            case .name:
                guard prop.count == 1 else { return false }
                name = sc.values[prop.first]
            case .keywords: keywords = prop
            case .topics: topics = prop
            case .jurisdiction, .country, .mainCountry, .nationality, .citizenship:
                guard prop.count <= 1 else { return false }
                if prop.count == 1 {
                    let v = sc.values[prop.first]
                    guard FtMAssembler.visible(sc.firstByte(v)) else { return false }
                    countries[Int(key.rawValue - FtMFastState.Key.jurisdiction.rawValue)] = v
                }
            default: return false
            }
        }
        guard let name else { return false }
        var code: String?  // interned once known: a keyword may override the property's code
        for c in person ? Countries.person : Countries.other {
            guard let v = countries[c] else { continue }
            guard let known = fast.jurisdiction(sc.string(v)) else { return false }  // kept as an attribute: general
            code = known
            break
        }
        if let keywords {  // checked before anything is interned: a record the general path reads adds nothing here
            for v in sc.values[keywords.first..<(keywords.first + keywords.count)] {
                let b = sc.bytes(v)
                if v.count > 15, memcmp(b.baseAddress!, "corpgraph:kind=", 15) == 0, b[15] >= 0x80 { return false }
                if v.count > 23, memcmp(b.baseAddress!, "corpgraph:jurisdiction=", 23) == 0, b[23] >= 0x80 {
                    return false
                }
            }
        }
        var kind = kind
        fast.tags.removeAll(keepingCapacity: true)
        if let topics {
            for v in sc.values[topics.first..<(topics.first + topics.count)] {
                let t = fast.entities.internTag(sc.string(v))
                if !fast.tags.contains(t) { fast.tags.append(t) }
            }
        }
        if let keywords {
            for v in sc.values[keywords.first..<(keywords.first + keywords.count)] {
                let b = sc.bytes(v)
                if v.count >= 15, memcmp(b.baseAddress!, "corpgraph:kind=", 15) == 0 {
                    if let x = EntityKind(name: String(decoding: b[15...], as: UTF8.self)) {
                        kind = x
                        continue
                    }
                } else if v.count >= 23, memcmp(b.baseAddress!, "corpgraph:jurisdiction=", 23) == 0 {
                    code = String(decoding: b[23...], as: UTF8.self)
                    continue
                }
                let t = fast.entities.internTag(sc.string(v))
                if !fast.tags.contains(t) { fast.tags.append(t) }
            }
        }
        let jurisdiction = code.map { fast.entities.internJurisdiction($0) } ?? -1
        fast.tags.withUnsafeBufferPointer { tags in
            fast.entities.append(
                idUTF8: sc.bytes(sc.id), kind: kind, nameUTF8: sc.bytes(name), jurisdiction: jurisdiction, tags: tags,
                designations: [], attributes: fast.schemaAttributes[schema], line: Int32(clamping: line))
        }
        return true
    }

    private mutating func fastEdge(
        kind: RelationshipKind, source: FtMFastState.Key, target: FtMFastState.Key, schema: Int, line: Int
    ) -> Bool {
        let sc = fast.scanner
        var src: JSONSpan?, dst: JSONSpan?
        var start: CalendarDate?, end: CalendarDate?, date: CalendarDate?
        var percentage: JSONSpan?, amount: JSONSpan?, currency: JSONSpan?, operates = false
        /// The property's one value, visible ASCII first (else the general path).
        func one(_ prop: FtMSpanScanner.Property) -> JSONSpan? {
            guard prop.count == 1 else { return nil }
            let v = sc.values[prop.first]
            return FtMAssembler.visible(sc.firstByte(v)) ? v : nil
        }
        func day(_ prop: FtMSpanScanner.Property) -> CalendarDate?? {
            if prop.count == 0 { return .some(nil) }
            guard let v = one(prop), v.count == 10, let d = CalendarDate(parsing: sc.string(v)) else { return nil }
            return .some(d)
        }
        for prop in sc.properties {
            guard let key = fast.key(sc, prop.key) else { continue }
            switch key {
            case source, target:
                guard let v = one(prop), sc.isASCII(v) else { return false }
                if key == source { src = v } else { dst = v }
            case .owner, .asset, .controller, .controlled, .director, .organization, .payer, .beneficiary,
                .subject, .object:
                continue  // another schema's end: not read
            case .startDate, .endDate, .date:
                if key == .date, kind != .pays { continue }  // read by other schemas only
                guard let d = day(prop) else { return false }
                switch key {
                case .startDate: start = d
                case .endDate: end = d
                default: date = d
                }
            case .percentage, .amount, .currency:
                guard key == .percentage ? kind == .owns : kind == .pays else { continue }  // other schemas'
                if prop.count == 0, key != .amount { continue }  // an amount is required
                guard let v = one(prop), key != .currency || sc.isASCII(v) else { return false }
                switch key {
                case .percentage: percentage = v
                case .amount: amount = v
                default: currency = v
                }
            case .role where kind == .operates:
                guard let v = one(prop), v.count == 8, sc.string(v).lowercased() == "operates" else { return false }
                operates = true
            case .name, .keywords, .topics, .jurisdiction, .country, .mainCountry, .nationality, .citizenship:
                continue  // read by other schemas only
            default: return false
            }
        }
        guard let src, let dst, kind != .operates || operates else { return false }
        guard src.count != dst.count || memcmp(sc.bytes(src).baseAddress!, sc.bytes(dst).baseAddress!, src.count) != 0
        else { return false }  // a self-loop: reported by the general path
        if let s = start, let e = end, e < s { return false }
        var share: Share?, shareText: String?
        var value: Decimal?, code: Int32 = -1
        switch kind {
        case .owns:
            share = .unknown
            if let percentage {
                let text = sc.string(percentage)
                switch PercentageText.parse(text) {
                case .share(let s): share = s
                case .unknown: break
                case .invalid: return false
                }
                shareText = text
            }
        case .pays:
            guard let amount, let a = FtMCodes.decimal(sc.string(amount)) else { return false }
            value = a
            if let currency { code = fast.relationships.internCurrency(sc.string(currency).uppercased()) }
            if date == nil { date = start }
        default: break
        }
        let id = sc.string(sc.id)
        func add(_ batch: inout RelationshipColumns) {
            batch.append(
                sourceUTF8: sc.bytes(src), targetUTF8: sc.bytes(dst), kind: kind, share: share, amount: value,
                currency: code, date: date, start: start, end: end, line: Int32(clamping: line), id: id,
                controlType: kind == .controls ? "control" : nil, role: kind == .directs ? "director" : nil,
                shareText: shareText, attributes: fast.schemaAttributes[schema])
        }
        if kind == .owns {
            ownershipOrder.append(Int32(fast.ownerships.count))
            add(&fast.ownerships)
        } else {
            add(&fast.relationships)
        }
        return true
    }

    /// Appends the batches read so far: before the general path adds, reports or rejects anything, so that the
    /// builder sees every record in file order.
    mutating func flush(into builder: inout GraphBuilder) {
        guard fast.entities.count > 0 || fast.relationships.count > 0 else { return }
        let e = fast.entities, r = fast.relationships
        fast.entities = FtMFastState.entityBatch()
        fast.relationships = FtMFastState.relationshipBatch()
        builder.append(e, r, file: builder.fileID(file))
    }
}
