import ArgumentParser
import CorpGraph

extension WalkDirection: ExpressibleByArgument {}

/// The exposure query's options, one group shared by `exposure`, `render --exposure` and `report`: how far and along
/// which relationships to walk, in which direction, whether payments must be in time order, and whether entities
/// blocked under a regime count as targets.
struct ExposureQueryOptions: ParsableArguments {
    @Option(name: .customLong("max-depth"), parsing: .unconditional, help: "Longest exposure path, in hops (1–64).")
    var maxDepth = 6

    @Option(
        help: ArgumentHelp(
            "Relationship kinds to walk (comma-separated: owns,controls,directs,operates,pays; default all).",
            valueName: "kinds"),
        transform: RelationshipKinds.parser("--via"))
    var via: RelationshipKindSet?

    @Option(
        help:
            "down: what the subject owns, controls, directs, operates and pays; up: its owners, controllers, directors, operators and payers; both: either way at each hop."
    )
    var direction: WalkDirection = .down

    @Flag(
        name: .customLong("time-respecting"),
        help: "Payment hops must be in time order: money cannot leave before it arrived.")
    var timeRespecting = false

    @Option(
        help:
            "Also count as targets the entities blocked (or undetermined) under this regime's ownership and control rules (ofac, eu, uk, or one the policy defines)."
    )
    var derived: String?

    /// The relationship kinds walked (every kind unless `--via` names some).
    var kinds: RelationshipKindSet { via ?? .all }

    /// Whether any option other than the depth was given (they only apply to a walk for exposure paths).
    var walksDifferently: Bool { via != nil || timeRespecting || derived != nil }

    func validate() throws {
        if !(1...64).contains(maxDepth) {
            throw ValidationError("--max-depth must be ≥ 1 (and at most 64), got \(maxDepth).")
        }
    }

    /// The traversal filter of this query on `asOf`.
    func filter(asOf: CalendarDate) -> TraversalFilter {
        TraversalFilter(kinds: kinds, direction: direction, asOf: asOf)
    }
}
