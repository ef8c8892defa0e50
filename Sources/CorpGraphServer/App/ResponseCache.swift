import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import Hummingbird

/// A query as the response cache keys it: the route and its parsed parameters (ids resolved to entity indices,
/// defaults filled in, the as-of date resolved), so `?subject=a&maxDepth=6` and `?maxDepth=6&subject=a` are one entry.
/// The dataset never changes while the server runs, so the same key always has the same bytes.
enum ResponseKey: Hashable, Sendable {
    case exposure(ExposureQuery)
    case reach(ExposureQuery)
    case blocked(regime: String, asOf: CalendarDate, id: Int?)
    case search(String, MatchOptions)
}

extension ServiceState {
    /// The JSON response of `key`: the bytes kept from the first time it was answered, else `make()`'s (kept when
    /// the cache has room: ``QueryLimits/responseCacheBytes``, ``QueryLimits/responseCacheEntries``).
    func cachedJSON(_ key: ResponseKey, _ make: () async throws -> ByteBuffer) async throws -> Response {
        if let hit = responses.get(key) { return .json(hit) }
        let buffer = try await make()
        responses.put(key, buffer, cost: buffer.readableBytes)
        return .json(buffer)
    }
}

extension Response {
    /// JSON bytes already encoded.
    static func json(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: buffer))
    }
}

extension JSONValue {
    /// The bytes `--format json` prints: pretty, keys sorted, a final newline.
    var responseBytes: ByteBuffer { ByteBuffer(string: encoded() + "\n") }
}
