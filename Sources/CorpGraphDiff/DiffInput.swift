import CorpGraph
import Foundation

/// One side of a comparison: a frozen graph, the policy that applies to it and the day it is read on.
///
/// The two sides may be two datasets (or snapshots) read on the same day, or one dataset read on two days
/// (`--as-of A --compare-as-of B`): then both sides hold the same graph.
public struct DiffSide: Sendable {
    public var graph: Graph
    public var policy: Policy
    public var asOf: CalendarDate
    /// How the side is named in reports: its inputs, joined.
    public var label: String

    public init(graph: Graph, policy: Policy, asOf: CalendarDate, label: String) {
        self.graph = graph
        self.policy = policy
        self.asOf = asOf
        self.label = label
    }
}

/// What a comparison looks at.
public struct DiffOptions: Sendable {
    /// Regimes whose derived statuses are compared (built in `ofac`, `eu`, `uk`, or ones the policies define).
    public var regimes: [String]
    /// Watched subjects (ids, resolved on each side); `nil` watches every entity exposed on either side.
    public var subjects: [String]?
    /// Smallest change of a direct share, in percentage points, that is reported (default 5).
    public var minShareChange: Percent
    /// A holder that reaches this share (default 10 %) and did not hold it before is reported as a new holder.
    public var significantHolder: Percent
    /// Exposure query: depth, relationship kinds and direction (the `exposure` command's defaults).
    public var maxDepth: Int
    public var kinds: RelationshipKindSet
    public var direction: WalkDirection
    /// Paths enumerated per subject and side (default 20, the shortest first); when a side has more, only paths shorter
    /// than the first one left out are compared, and the change says `truncated`.
    public var pathLimit: Int

    public init(
        regimes: [String] = ["ofac", "eu", "uk"], subjects: [String]? = nil,
        minShareChange: Percent = Percent(5), significantHolder: Percent = Percent(10), maxDepth: Int = 6,
        kinds: RelationshipKindSet = .all, direction: WalkDirection = .down, pathLimit: Int = 20
    ) {
        self.regimes = regimes
        self.subjects = subjects
        self.minShareChange = minShareChange
        self.significantHolder = significantHolder
        self.maxDepth = maxDepth
        self.kinds = kinds
        self.direction = direction
        self.pathLimit = pathLimit
    }
}

/// A comparison that cannot be made; the CLI maps these to usage errors.
public enum DiffError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownRegime(name: String, known: [String])
    case unknownSubject(id: String, suggestions: [String])
    case invalidRegime(name: String, reason: String)

    public var description: String {
        switch self {
        case .unknownRegime(let name, let known):
            "unknown regime '\(name)'; expected one of: " + known.joined(separator: ", ")
        case .unknownSubject(let id, let close):
            "unknown subject '\(id)' (in neither version)"
                + (close.isEmpty ? "" : "; did you mean " + close.map { "'\($0)'" }.joined(separator: ", ") + "?")
        case .invalidRegime(let name, let reason): "regime '\(name)': \(reason)"
        }
    }
}

extension DiffError: LocalizedError {
    public var errorDescription: String? { description }
}
