import CorpGraph
import Foundation

/// Per-query limits: every query has one, and a report says when it cut.
public struct QueryLimits: Sendable, Hashable {
    /// Paths an exposure query may keep (`limit` above this is a 400).
    public var maxPaths = 1000
    public var maxDepth = 12
    /// Paths and chain searches a look-through ownership query may walk (over it: 503, over budget).
    public var ownershipPaths = 100_000
    /// Neighbours per page of `/adjacent`.
    public var maxPage = 500
    /// Queries computing at once; more wait up to ``queueWait`` and then get a 503.
    public var concurrentQueries = 8
    /// Renders waiting for the (serialised) Graphviz engine; more get a 503.
    public var queuedRenders = 4
    /// Request bodies above this are refused with 413.
    public var maxBodyBytes = 1 << 20
    /// Bytes and entries of JSON responses kept for repeated queries (exposure, reach, blocked, search); 0: none kept.
    public var responseCacheBytes = 64 << 20
    public var responseCacheEntries = 4096
    /// Counterparties one `POST /v1/screen` may carry (more: 413).
    public var maxScreenRows = 10_000

    public init() {}
}

/// The exposure query a request gets for each parameter it leaves out (`corpgraph serve --max-depth … --via …`, the
/// same option group as `corpgraph exposure`).
public struct ExposureDefaults: Sendable, Hashable {
    public var direction: WalkDirection
    public var maxDepth: Int
    public var kinds: RelationshipKindSet
    public var derived: String?
    public var timeRespecting: Bool

    public init(
        direction: WalkDirection = .down, maxDepth: Int = 6, kinds: RelationshipKindSet = .all,
        derived: String? = nil, timeRespecting: Bool = false
    ) {
        self.direction = direction
        self.maxDepth = maxDepth
        self.kinds = kinds
        self.derived = derived
        self.timeRespecting = timeRespecting
    }
}

/// How `corpgraph serve` listens.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The bearer token every request must carry; required for any address other than loopback.
    public var token: String?
    /// The default as-of date of queries that give none (default: today, read per request).
    public var asOf: CalendarDate?
    public var limits: QueryLimits
    /// The exposure query of requests that leave parameters out.
    public var exposure: ExposureDefaults

    public init(
        host: String = "127.0.0.1", port: Int = 8080, token: String? = nil, asOf: CalendarDate? = nil,
        limits: QueryLimits = QueryLimits(), exposure: ExposureDefaults = ExposureDefaults()
    ) {
        self.host = host
        self.port = port
        self.token = token
        self.asOf = asOf
        self.limits = limits
        self.exposure = exposure
    }

    /// Loopback addresses, which need no token.
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost" || host.hasPrefix("127.")
    }

    /// Refuses a non-loopback address without a token, and a token too short to resist guessing.
    public func validate() throws(ServerConfigurationError) {
        if !ServerConfiguration.isLoopback(host) && token == nil {
            throw ServerConfigurationError(
                "Refusing to listen on \(host) without a token: pass --token-file F (a file holding a secret of 16 characters or more), or listen on 127.0.0.1."
            )
        }
        if let token, token.utf8.count < 16 {
            throw ServerConfigurationError("The token is \(token.utf8.count) characters long; use 16 or more.")
        }
        if !(0...65535).contains(port) { throw ServerConfigurationError("Port \(port) is outside 0–65535.") }
    }

    /// The token in a file: its first line, surrounding white space removed.
    public static func readToken(file path: String) throws(ServerConfigurationError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerConfigurationError("Cannot read the token file '\(path)'.")
        }
        let token =
            String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if token.isEmpty { throw ServerConfigurationError("The token file '\(path)' is empty.") }
        return token
    }
}

public struct ServerConfigurationError: Error, LocalizedError, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
    public var errorDescription: String? { description }
}
