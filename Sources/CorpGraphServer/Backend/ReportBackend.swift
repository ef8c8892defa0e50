import CorpGraph
import CorpGraphIO

/// An exposure, reach or render query as the routes parse it (the CLI's flags of the same names).
public struct ExposureQuery: Sendable, Hashable {
    public var subject: Int
    public var asOf: CalendarDate
    public var direction: WalkDirection
    public var maxDepth: Int
    public var kinds: RelationshipKindSet
    /// Also count as targets the entities blocked under this regime.
    public var derived: String?
    public var timeRespecting: Bool
    /// Paths kept (the shortest first); the report says when it cut.
    public var limit: Int

    public init(
        subject: Int, asOf: CalendarDate, direction: WalkDirection = .down, maxDepth: Int = 6,
        kinds: RelationshipKindSet = .all, derived: String? = nil, timeRespecting: Bool = false, limit: Int = 1000
    ) {
        self.subject = subject
        self.asOf = asOf
        self.direction = direction
        self.maxDepth = maxDepth
        self.kinds = kinds
        self.derived = derived
        self.timeRespecting = timeRespecting
        self.limit = limit
    }
}

/// A diagram request: the subject's exposure paths, or its ownership neighbourhood within `radius`.
public struct RenderQuery: Sendable, Hashable {
    public enum Format: String, Sendable, CaseIterable { case svg, png, dot }
    public var exposure: ExposureQuery
    /// Exposure paths (true) or the ownership view around the subject.
    public var showExposure: Bool
    public var radius: Int
    /// Colour blocked and undetermined entities under this regime (`none`: no colouring; nil: the policy's).
    public var regime: String?
    public var format: Format

    public init(
        exposure: ExposureQuery, showExposure: Bool, radius: Int = 2, regime: String? = nil, format: Format = .svg
    ) {
        self.exposure = exposure
        self.showExposure = showExposure
        self.radius = radius
        self.regime = regime
        self.format = format
    }
}

/// The reports whose encoders still live with the CLI's commands (exposure, reach, blocked, render). The `serve`
/// command passes an adapter that calls them, so the server answers with the CLI's bytes; once those encoders are
/// in `CorpGraphReport` the adapter becomes direct calls. Errors are ``Problem`` values (400 naming the parameter,
/// 422 for a query the data cannot answer).
public protocol ReportBackend: Sendable {
    /// `exposure --format json` for one subject.
    func exposure(_ query: ExposureQuery, in dataset: LoadedDataset) throws -> JSONValue
    /// `exposure --reach --format json` for one subject: the bytes it prints.
    func reach(_ query: ExposureQuery, in dataset: LoadedDataset) throws -> [UInt8]
    /// `blocked --regime R --as-of D [--explain ID] --format json`.
    func blocked(regime: String, asOf: CalendarDate, explain: Int?, in dataset: LoadedDataset) throws -> JSONValue
    /// The explanation `blocked --explain ID` gives for one entity (its status under the regime and why), without
    /// the list of every entity.
    func explanation(regime: String, asOf: CalendarDate, entity: Int, in dataset: LoadedDataset) throws -> JSONValue
    /// `render` to SVG, PNG or DOT bytes.
    func render(_ query: RenderQuery, in dataset: LoadedDataset) throws -> [UInt8]
}
