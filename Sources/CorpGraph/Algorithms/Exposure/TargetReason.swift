/// Why an entity is a target of an exposure query (DESIGN §4): a value, built once by ``TargetSet`` (or the caller
/// of `--derived`), that every output encodes without parsing text back.
///
/// ``code`` is the stable one-line spelling used in text, CSV cells and JSON `reasons` arrays
/// (`jurisdiction:RU via RU-IRK`, `list:OFAC-SDN since 2022-04-05`, `list:UK-HMT (listing date unknown)`,
/// `derived:eu ownership by person-s`, `heldBy:person-s, OFAC-SDN`); renderers switch on the cases.
public enum TargetReason: Sendable, Hashable, CustomStringConvertible {
    /// Located in a sanctioned jurisdiction: `entry` is the covering policy entry, `via` the entity's own code when
    /// it differs (a subdivision of a sanctioned country, `RU-IRK` under `RU`).
    case jurisdiction(entry: String, via: String?)
    /// A designation in force on a counted list. `since` is the listing date, `until` a (future) delisting date;
    /// `dateUnknown` when the source gives no listing date (it counts, flagged wherever it is shown).
    case list(code: String, since: CalendarDate?, until: CalendarDate?, dateUnknown: Bool)
    /// Blocked (`status` ``SanctionsStatus/blocked``) or undetermined under a regime's ownership and control rules
    /// (`--derived`), on `basis`, by the holders or controllers `by`.
    case derived(regime: String, status: SanctionsStatus, basis: SanctionsBasis?, by: [String])
    /// An account or crypto wallet held by a designated party (`holder` is its id), designated on `lists`.
    case heldBy(holder: String, lists: [String])

    /// How serious the reason is (``TargetSeverity``).
    public var severity: TargetSeverity {
        switch self {
        case .jurisdiction: .jurisdiction
        case .list, .heldBy: .designated
        case .derived(_, let status, _, _): status == .undetermined ? .possible : .derived
        }
    }

    /// The one-line spelling of the reason, the same in every output.
    public var code: String {
        switch self {
        case .jurisdiction(let entry, let via):
            return via.map { "jurisdiction:\(entry) via \($0)" } ?? "jurisdiction:\(entry)"
        case .list(let code, let since, _, let dateUnknown):
            if let since { return "list:\(code) since \(since)" }
            return dateUnknown ? "list:\(code) (listing date unknown)" : "list:\(code)"
        case .derived(let regime, let status, let basis, let by):
            var s = "derived:\(regime)" + (status == .undetermined ? " undetermined" : "")
            if let basis {
                s += " \(basis)"
                if !by.isEmpty { s += " by " + by.joined(separator: ", ") }
            }
            return s
        case .heldBy(let holder, let lists):
            return "heldBy:" + ([holder] + lists).joined(separator: ", ")
        }
    }

    public var description: String { code }

    /// The designation a list reason stands for, as a reason (`until` is the delisting date, if any).
    public init(designation d: Designation) {
        self = .list(code: d.list, since: d.listed, until: d.delisted, dateUnknown: d.dateUnknown)
    }
}
