import CorpGraph
import CorpGraphIO
import CorpGraphServer
import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import Testing

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func load(_ relative: String) -> LoadedDataset {
        try! DatasetLoader.load(
            [root.appendingPathComponent(relative).path], options: LoadOptions(registry: try? ISOCodes.shared()))
    }
    static let seed = load("fixtures/seed/seed.yaml")

    /// A dataset from native YAML written to a fresh temporary directory.
    static func temporary(_ yaml: String, name: String) throws -> LoadedDataset {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent(name)
        try Data(yaml.utf8).write(to: file)
        return try DatasetLoader.load([file.path], options: LoadOptions(registry: try? ISOCodes.shared()))
    }
}

/// A backend that answers with the query it was given (the exposure, blocked and render encoders are the CLI's;
/// `CLITests/ServeCLITests` checks those bytes against the commands). It lets these tests check the routes' parsing,
/// limits and errors.
struct EchoBackend: ReportBackend {
    func echo(_ q: ExposureQuery, _ d: LoadedDataset) -> JSONValue {
        [
            "subject": .string(d.graph.id(q.subject)), "asOf": .string(q.asOf.description),
            "direction": .string(q.direction.rawValue),
            "maxDepth": .number(q.maxDepth), "kinds": .number(Int(q.kinds.rawValue)), "derived": .string(q.derived),
            "timeRespecting": .bool(q.timeRespecting), "limit": .number(q.limit),
            "subjects": [["subject": .string(d.graph.id(q.subject)), "paths": []]],
        ]
    }
    func exposure(_ q: ExposureQuery, in d: LoadedDataset) throws -> JSONValue { echo(q, d) }
    func reach(_ q: ExposureQuery, in d: LoadedDataset) throws -> [UInt8] { Array((echo(q, d).encoded() + "\n").utf8) }
    func blocked(regime: String, asOf: CalendarDate, explain: Int?, in d: LoadedDataset) throws -> JSONValue {
        guard ["ofac", "eu", "uk"].contains(regime) else {
            throw Problem(.badRequest, "unknown regime", parameter: "regime")
        }
        return [
            "regime": .string(regime), "asOf": .string(asOf.description),
            "explain": .string(explain.map { d.graph.id($0) }),
        ]
    }
    func explanation(regime: String, asOf: CalendarDate, entity: Int, in d: LoadedDataset) throws -> JSONValue {
        ["id": .string(d.graph.id(entity)), "status": "listed", "rule": .string("rule of \(regime)")]
    }
    func render(_ q: RenderQuery, in d: LoadedDataset) throws -> [UInt8] {
        Array(
            "\(q.format.rawValue) \(d.graph.id(q.exposure.subject)) exposure=\(q.showExposure) radius=\(q.radius)".utf8)
    }
}

struct Reply {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8)) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
}

func makeState(
    _ dataset: LoadedDataset = Fixtures.seed, token: String? = nil, limits: QueryLimits = QueryLimits(),
    backend: any ReportBackend = EchoBackend(), asOf: String = "2022-12-01"
) -> ServiceState {
    // Port 0: a live test listens on any free loopback port.
    ServiceState(
        dataset: dataset, registry: try? ISOCodes.shared(), backend: backend,
        configuration: ServerConfiguration(port: 0, token: token, asOf: CalendarDate(parsing: asOf), limits: limits))
}

/// Runs requests through HummingbirdTesting: `.router` sends them to the router in process (the default), `.live`
/// starts the application on a free loopback port and sends real HTTP/1.1 requests.
func withServer(
    _ state: ServiceState = makeState(), mode: TestingSetup = .router,
    _ body:
        @Sendable (@Sendable (String, HTTPRequest.Method, HTTPFields, ByteBuffer?) async throws -> Reply) async throws
        -> Void
) async throws {
    let send:
        @Sendable (any TestClientProtocol) -> (
            @Sendable (String, HTTPRequest.Method, HTTPFields, ByteBuffer?) async throws -> Reply
        ) = { client in
            { uri, method, headers, payload in
                let r = try await client.execute(uri: uri, method: method, headers: headers, body: payload)
                return Reply(status: r.status, headers: r.headers, body: String(buffer: r.body))
            }
        }
    try await CorpGraphService.application(state: state).test(mode) { client in try await body(send(client)) }
}

func get(_ uri: String, state: ServiceState = makeState(), headers: HTTPFields = [:]) async throws -> Reply {
    try await send(uri, .get, state: state, headers: headers)
}

func send(
    _ uri: String, _ method: HTTPRequest.Method, state: ServiceState = makeState(), headers: HTTPFields = [:],
    body: ByteBuffer? = nil, mode: TestingSetup = .router
) async throws -> Reply {
    let box = ReplyBox()
    try await withServer(state, mode: mode) { send in box.reply = try await send(uri, method, headers, body) }
    return box.reply!
}

final class ReplyBox: @unchecked Sendable { var reply: Reply? }
