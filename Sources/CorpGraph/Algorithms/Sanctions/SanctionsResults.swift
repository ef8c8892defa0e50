// Result types of a sanctions analysis: statuses, bases, outcomes, entries, list origins.

/// The result of a threshold test on an interval: met for every value, for none, or for some.
public enum TestOutcome: String, Sendable, Hashable, CustomStringConvertible {
    case met
    case notMet = "not met"
    case undetermined
    public var description: String { rawValue }
}

/// Where the lists a sanctions analysis counts came from.
public enum CountedListsOrigin: String, Sendable, Hashable, CustomStringConvertible {
    /// The caller's explicit lists (`--lists`).
    case option
    /// The built-in table of the regime's own authority (``SanctionsRegime/defaultLists``).
    case regimeDefault = "default"
    /// The regime's definition in the policy (`regimes[].lists`).
    case regime
    /// The policy's `lists` (a regime that names none).
    case policy
    /// No list named anywhere: every list counts.
    case every

    public var description: String {
        switch self {
        case .option: "--lists"
        case .regimeDefault: "the regime's default lists"
        case .regime: "the policy's regime definition"
        case .policy: "the policy's lists"
        case .every: "every list"
        }
    }
}

/// The derived status of an entity under a regime.
public enum SanctionsStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Designated on a counted list, in force on the as-of date.
    case listed
    /// Owned or controlled (per the regime) by listed or blocked persons: certain under every value the shares can take.
    case blocked
    /// Blocked under some values the shares can take but not all (ranges, unknown shares, unclassified control).
    case undetermined
    /// Not blocked under any value the shares can take.
    case notBlocked = "not"

    public var description: String { rawValue }
}

/// Why an entity is listed, blocked or undetermined.
public enum SanctionsBasis: String, Sendable, Hashable, CustomStringConvertible {
    /// `votingRights`: a majority of the voting rights (EU, UK), tested apart from the shares.
    case list, ownership, control, votingRights
    public var description: String { self == .votingRights ? "voting rights" : rawValue }
}

/// One line of `corpgraph blocked`: an entity that is not plainly clear.
public struct SanctionsEntry: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: EntityKind
    public var status: SanctionsStatus
    public var basis: SanctionsBasis?
    /// Counted lists with a designation in force (listed entities).
    public var lists: [String] = []
    /// The counted ownership share: blocked holders in aggregate, or (per-person regimes) the strongest person's.
    public var ownership: PercentInterval?
    /// The counted voting rights (regimes that count them), when any voting-rights holding reaches the entity.
    public var votingRights: PercentInterval?
    /// Holders whose shares (or, when the basis is voting rights, votes) count (certainly or possibly).
    public var owners: [String] = []
    /// Blocked controllers, when the basis is control.
    public var controllers: [String] = []
    /// Per-person regimes: the designated person whose holdings reach the entity.
    public var person: String?

    public init(id: String, name: String, kind: EntityKind, status: SanctionsStatus) {
        self.id = id
        self.name = name
        self.kind = kind
        self.status = status
    }
}

extension SanctionsRegime {
    /// The `owns` relationship attribute naming a joint arrangement (UK Sch. 1): relationships with the same value
    /// are one arrangement, and each party is treated as holding the combined shares.
    public static let jointArrangementAttribute = "jointArrangement"
}
