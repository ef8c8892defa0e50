import Foundation

/// The records of a GLEIF XML file, read while ``MiniXML`` walks it: a `RelationshipRecord` of the usual shape goes
/// from the bytes straight into ``GLEIFRelationshipFields`` (no tree, no strings but the values read); any other
/// record, or one with anything unusual, is read again on its own as the JSON-shaped tree (``XMLRecords/Collector``),
/// so both give the same fields.
///
/// The usual shape: the elements `GLEIFRelationshipFields` reads (each at most once, list items repeated), the
/// elements known to be unread (`Extension`, `InitialRegistrationDate`, `NextRenewalDate`, `ValidationDocuments`,
/// `ValidationReference`, `QualifierDimension`; any content), and values that are one run of text without
/// references, CDATA or comments, whose first and last bytes after trimming ASCII white space are ASCII (so
/// Foundation's Unicode trimming would cut nothing more). Anything else — another element, a repeated field, a
/// value with child elements, an empty list item, a `Relationship` with no child — is left to the tree.
struct XMLRelationshipScanner: MiniXMLEvents {
    let b: UnsafeBufferPointer<UInt8>
    var records: [GLEIFRecord] = []
    var recordEnd: ((Int) -> Void)?

    /// Elements open in the current record, the record included (0: between records).
    private var depth = 0
    private var recordStart = 0
    private var recordLine = 0
    /// Whether the current record is still read from the bytes (false: it will be read as a tree at its end).
    private var fast = false
    private var fields = GLEIFRelationshipFields()
    /// The open elements of the record (fast path), with the fields seen in each.
    private var tags: [Tag] = []
    private var seen: [UInt32] = []
    /// Elements open inside an unread element.
    private var skipping = 0
    private var leaf: Range<Int>?
    private var leafRuns = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { b = bytes }

    /// The elements of the usual shape.
    enum Tag: UInt8 {
        case record, relationship, startNode, endNode, nodeID, nodeIDType, relationshipType, relationshipStatus
        case periods, period, periodType, startDate, endDate
        case qualifiers, qualifier, qualifierCategory
        case quantifiers, quantifier, quantifierUnits, quantifierAmount, measurementMethod
        case registration, registrationStatus, validationSources, lastUpdateDate, managingLOU
        case unread

        var isValue: Bool {
            switch self {
            case .nodeID, .nodeIDType, .relationshipType, .relationshipStatus, .periodType, .startDate, .endDate,
                .qualifierCategory, .quantifierUnits, .quantifierAmount, .measurementMethod, .registrationStatus,
                .validationSources, .lastUpdateDate, .managingLOU:
                return true
            default: return false
            }
        }

        /// Whether the element repeats inside its parent (a list item).
        var repeats: Bool { self == .period || self == .qualifier || self == .quantifier || self == .unread }
    }

    /// The child elements of `parent` in the usual shape, by local name.
    static let children: [Tag: [(name: [UInt8], tag: Tag)]] = {
        func t(_ pairs: [(String, Tag)]) -> [(name: [UInt8], tag: Tag)] { pairs.map { (Array($0.0.utf8), $0.1) } }
        return [
            .record: t([("Relationship", .relationship), ("Registration", .registration), ("Extension", .unread)]),
            .relationship: t([
                ("StartNode", .startNode), ("EndNode", .endNode), ("RelationshipType", .relationshipType),
                ("RelationshipPeriods", .periods), ("RelationshipStatus", .relationshipStatus),
                ("RelationshipQualifiers", .qualifiers), ("RelationshipQuantifiers", .quantifiers),
            ]),
            .startNode: t([("NodeID", .nodeID), ("NodeIDType", .nodeIDType)]),
            .endNode: t([("NodeID", .nodeID), ("NodeIDType", .nodeIDType)]),
            .periods: t([("RelationshipPeriod", .period)]),
            .period: t([("StartDate", .startDate), ("EndDate", .endDate), ("PeriodType", .periodType)]),
            .qualifiers: t([("RelationshipQualifier", .qualifier)]),
            .qualifier: t([("QualifierCategory", .qualifierCategory), ("QualifierDimension", .unread)]),
            .quantifiers: t([("RelationshipQuantifier", .quantifier)]),
            .quantifier: t([
                ("QuantifierUnits", .quantifierUnits), ("QuantifierAmount", .quantifierAmount),
                ("MeasurementMethod", .measurementMethod),
            ]),
            .registration: t([
                ("RegistrationStatus", .registrationStatus), ("ValidationSources", .validationSources),
                ("LastUpdateDate", .lastUpdateDate), ("ManagingLOU", .managingLOU),
                ("InitialRegistrationDate", .unread), ("NextRenewalDate", .unread),
                ("ValidationDocuments", .unread), ("ValidationReference", .unread),
            ]),
        ]
    }()

    static let relationshipRecord = Array("RelationshipRecord".utf8)

    /// The name's part after its prefix.
    func local(_ name: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        let s = UnsafeBufferPointer(rebasing: b[name])
        guard let colon = s.lastIndex(of: 58) else { return s }
        return UnsafeBufferPointer(rebasing: s[(colon + 1)...])
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: [UInt8]) -> Bool {
        a.count == b.count && b.withUnsafeBufferPointer { memcmp(a.baseAddress!, $0.baseAddress!, a.count) == 0 }
    }

    mutating func start(name: Range<Int>, line: Int) {
        if depth == 0 {
            let l = local(name)
            guard XMLRecords.recordElements.contains(String(decoding: l, as: UTF8.self)) else { return }
            depth = 1
            recordStart = name.lowerBound - 1
            recordLine = line
            fast = Self.equal(l, Self.relationshipRecord)
            fields = GLEIFRelationshipFields()
            tags.removeAll(keepingCapacity: true)
            tags.append(.record)
            seen.removeAll(keepingCapacity: true)
            seen.append(0)
            skipping = 0
            return
        }
        depth += 1
        guard fast else { return }
        if skipping > 0 { skipping += 1; return }
        let parent = tags[tags.count - 1]
        let l = local(name)
        guard !parent.isValue, let tag = Self.children[parent]?.first(where: { Self.equal(l, $0.name) })?.tag else {
            fast = false
            return
        }
        let bit = UInt32(1) << UInt32(tag.rawValue % 32)
        if seen[seen.count - 1] & bit != 0 && !tag.repeats {
            fast = false
            return
        }
        seen[seen.count - 1] |= bit
        if tag == .unread { skipping = 1; return }
        tags.append(tag)
        seen.append(0)
        switch tag {
        case .period: fields.periods.append(.init())
        case .quantifier: fields.quantifiers.append(.init())
        default: break
        }
        leaf = nil
        leafRuns = 0
    }

    mutating func text(raw: Range<Int>, decoded: String?) {
        guard depth > 0, fast, skipping == 0, tags[tags.count - 1].isValue else { return }
        if decoded != nil { fast = false; return }
        leaf = raw
        leafRuns += 1
        if leafRuns > 1 { fast = false }
    }

    mutating func cdata(_ raw: Range<Int>) {
        guard depth > 0, fast, skipping == 0, tags[tags.count - 1].isValue else { return }
        fast = false
    }

    mutating func end(name: Range<Int>, offset: Int) {
        guard depth > 0 else { return }
        depth -= 1
        if depth == 0 {
            finishRecord(upTo: offset)
            recordEnd?(offset)
            return
        }
        guard fast else { return }
        if skipping > 0 { skipping -= 1; return }
        let tag = tags.removeLast()
        let saw = seen.removeLast()
        if tag.isValue {
            guard let value = value() else { fast = false; return }
            assign(tag, value)
        } else if saw == 0 {
            switch tag {
            case .relationship: fast = false  // a text `Relationship` is not read as one
            case .period: fields.periods.removeLast()  // a text list item is no record: left out
            case .quantifier: fields.quantifiers.removeLast()
            default: break
            }
        }
    }

    /// The current value's text, trimmed; `nil` when Foundation's trimming might differ (non-ASCII at an end).
    private func value() -> String? {
        guard let r = leaf else { return "" }
        var lo = r.lowerBound, hi = r.upperBound
        func space(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
        while lo < hi, space(b[lo]) { lo += 1 }
        while hi > lo, space(b[hi - 1]) { hi -= 1 }
        if lo < hi, b[lo] >= 0x80 || b[hi - 1] >= 0x80 { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self)
    }

    private mutating func assign(_ tag: Tag, _ v: String) {
        let parent = tags[tags.count - 1]
        switch tag {
        case .nodeID: if parent == .startNode { fields.startID = v } else { fields.endID = v }
        case .nodeIDType: if parent == .startNode { fields.startType = v } else { fields.endType = v }
        case .relationshipType: fields.type = v
        case .relationshipStatus: fields.status = v
        case .periodType: fields.periods[fields.periods.count - 1].type = v
        case .startDate: fields.periods[fields.periods.count - 1].start = v
        case .endDate: fields.periods[fields.periods.count - 1].end = v
        case .qualifierCategory: fields.qualifierCategories.append(v)
        case .quantifierUnits: fields.quantifiers[fields.quantifiers.count - 1].units = v
        case .quantifierAmount: fields.quantifiers[fields.quantifiers.count - 1].amount = v
        case .measurementMethod: fields.quantifiers[fields.quantifiers.count - 1].method = v
        case .registrationStatus: fields.registrationStatus = v
        case .validationSources: fields.validationSources = v
        case .lastUpdateDate: fields.lastUpdateDate = v
        case .managingLOU: fields.managingLOU = v
        default: break
        }
    }

    private mutating func finishRecord(upTo offset: Int) {
        if fast && seen[0] & (UInt32(1) << UInt32(Tag.relationship.rawValue)) != 0 {
            records.append(.relationship(line: recordLine, fields))
            return
        }
        // Not the usual shape: the record on its own, as the tree (it is well-formed: the walk got past it).
        let fragment = Array(b[recordStart..<offset])
        if case .success(let trees) = XMLRecords.parseTrees(fragment, lineOffset: recordLine - 1) {
            for t in trees { records.append(.parsed(line: t.line, t.value)) }
        }
    }
}
