import CorpGraph

/// What a case report answers: which subjects, under which regimes, on which day, how far to look.
public struct CaseQuery: Sendable, Hashable {
    public var subjects: [Int]
    public var regimes: [String]
    public var asOf: CalendarDate
    public var maxDepth: Int
    public var direction: WalkDirection
    public var kinds: RelationshipKindSet
    /// Payment hops must be in time order.
    public var timeRespecting: Bool
    /// Paths shown per subject (the shortest first); the report says when it cut.
    public var pathLimit: Int
    /// The beneficial-owner threshold for look-through owners.
    public var ownerThreshold: Percent

    public init(
        subjects: [Int], regimes: [String] = ["ofac", "eu", "uk"], asOf: CalendarDate, maxDepth: Int = 6,
        direction: WalkDirection = .down, kinds: RelationshipKindSet = .all, timeRespecting: Bool = false,
        pathLimit: Int = 25,
        ownerThreshold: Percent = Percent(25)
    ) {
        self.subjects = subjects
        self.regimes = regimes
        self.asOf = asOf
        self.maxDepth = maxDepth
        self.direction = direction
        self.kinds = kinds
        self.timeRespecting = timeRespecting
        self.pathLimit = pathLimit
        self.ownerThreshold = ownerThreshold
    }

    /// The query as text, for the report id: the same question gives the same text.
    func canonicalText(in graph: Graph) -> String {
        "subjects=\(subjects.map { graph.id($0) }.joined(separator: ","));regimes=\(regimes.joined(separator: ","));"
            + "asOf=\(asOf);maxDepth=\(maxDepth);direction=\(direction);kinds=\(kinds.rawValue);pathLimit=\(pathLimit);"
            + "ownerThreshold=\(ownerThreshold)" + (timeRespecting ? ";timeRespecting=true" : "")
    }
}
