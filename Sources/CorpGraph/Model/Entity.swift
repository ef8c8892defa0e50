/// What an entity is. Stored as a small integer in the frozen ``Graph``.
public enum EntityKind: UInt8, CaseIterable, Sendable, BitwiseCopyable, Hashable, CustomStringConvertible {
    case company, person, exchange, site, organization, account

    public init?(name: String) {
        guard let k = EntityKind.allCases.first(where: { $0.description == name }) else { return nil }
        self = k
    }

    public var description: String {
        switch self {
        case .company: "company"
        case .person: "person"
        case .exchange: "exchange"
        case .site: "site"
        case .organization: "organization"
        case .account: "account"
        }
    }
}

/// A citation for a fact: where an analyst can check it.
public struct SourceRef: Hashable, Sendable {
    public var title: String?
    public var url: String?
    public var retrieved: CalendarDate?
    /// A quotation or note from the source.
    public var quote: String?

    public init(title: String? = nil, url: String? = nil, retrieved: CalendarDate? = nil, quote: String? = nil) {
        self.title = title
        self.url = url
        self.retrieved = retrieved
        self.quote = quote
    }
}

/// A listing on a sanctions list: the list code (`OFAC-SDN`, `EU-FSF`, `UK-HMT`), program, and dates.
public struct Designation: Hashable, Sendable {
    public var list: String
    public var program: String?
    public var listed: CalendarDate?
    public var delisted: CalendarDate?
    /// When the source first saw the listing (FtM `first_seen`): an upper bound on when evidence of it exists, not
    /// the legal listing date. Used only when ``listed`` is unknown.
    public var firstSeen: CalendarDate?

    public init(
        list: String, program: String? = nil, listed: CalendarDate? = nil, delisted: CalendarDate? = nil,
        firstSeen: CalendarDate? = nil
    ) {
        self.list = list
        self.program = program
        self.listed = listed
        self.delisted = delisted
        self.firstSeen = firstSeen
    }

    /// No listing date is known: the designation counts, flagged `dateUnknown` wherever it is used.
    public var dateUnknown: Bool { listed == nil }

    /// In force on `date`: listed on or before it (or undated) and not delisted on or before it. An undated
    /// designation first seen after `date` is not certainly in force (see ``isPossiblyInForce(on:)``).
    public func isInForce(on date: CalendarDate) -> Bool {
        if let l = listed, l > date { return false }
        if let d = delisted, d <= date { return false }
        if listed == nil, let f = firstSeen, f > date { return false }
        return true
    }

    /// Possibly in force on `date`: in force, or undated and first seen only after `date` (it may or may not have
    /// been listed then: UNDETERMINED, never LISTED).
    public func isPossiblyInForce(on date: CalendarDate) -> Bool {
        if let l = listed, l > date { return false }
        if let d = delisted, d <= date { return false }
        return true
    }
}

/// A company, person, exchange, site, organisation or account.
public struct Entity: Hashable, Sendable {
    public var id: String
    public var kind: EntityKind
    public var name: String
    public var aliases: [String]
    /// ISO 3166-1 alpha-2 or ISO 3166-2 code, upper case.
    public var jurisdiction: String?
    /// Identifier scheme → value (`LEI`, `GB-COH`, `RU-INN`, …).
    public var identifiers: [String: String]
    public var tags: [String]
    public var designations: [Designation]
    public var sources: [SourceRef]
    /// Format-specific facts that have no field of their own (e.g. `bods.unspecifiedInterestedParty`).
    public var attributes: [String: String]

    public init(
        id: String, kind: EntityKind, name: String, aliases: [String] = [], jurisdiction: String? = nil,
        identifiers: [String: String] = [:], tags: [String] = [], designations: [Designation] = [],
        sources: [SourceRef] = [], attributes: [String: String] = [:]
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.jurisdiction = jurisdiction
        self.identifiers = identifiers
        self.tags = tags
        self.designations = designations
        self.sources = sources
        self.attributes = attributes
    }
}
