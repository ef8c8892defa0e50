import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphRender
import CorpGraphServer
import Foundation

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (/v1/…) and the web viewer (/view) over the loaded graph.",
        discussion: """
            The graph is loaded once and shared read-only. Listens on 127.0.0.1 unless --host says otherwise; any \
            other address needs --token-file (requests then carry 'Authorization: Bearer <token>'). The API is \
            described in docs/openapi.yaml; the viewer is at http://HOST:PORT/view.
            """)

    @OptionGroup var input: InputOptions

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed on start).") var port = 8080
    @Option(
        name: .customLong("token-file"), help: "A file whose first line is the bearer token (16 characters or more).")
    var tokenFile: String?
    @Option(
        name: .customLong("as-of"), help: "Default as-of date of queries that give none (YYYY-MM-DD; default: today).")
    var asOfText: String?

    /// The exposure query of requests that leave parameters out (the same options as `corpgraph exposure`).
    @OptionGroup(title: "Default exposure query (for requests that leave a parameter out)") var query:
        ExposureQueryOptions

    @Option(
        name: .customLong("renders-per-worker"),
        help: "Diagrams a render worker process lays out before it is replaced.")
    var rendersPerWorker = 500

    /// This executable (the render worker is the same binary).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    func validate() throws {
        guard rendersPerWorker >= 1 else { throw ValidationError("--renders-per-worker must be 1 or more.") }
        if let asOfText { _ = try parseDate(asOfText) }
        if !ServerConfiguration.isLoopback(host) && tokenFile == nil {
            throw ValidationError(
                "Refusing to listen on \(host) without a token: pass --token-file F, or keep --host 127.0.0.1.")
        }
    }

    func run() throws {
        let token: String?
        do {
            token = try tokenFile.map { try ServerConfiguration.readToken(file: $0) }
        } catch let e as ServerConfigurationError {
            throw ValidationError(e.description)
        }
        let defaults = ExposureDefaults(
            direction: query.direction, maxDepth: query.maxDepth, kinds: query.kinds,
            derived: query.derived, timeRespecting: query.timeRespecting)
        let config = ServerConfiguration(
            host: host, port: port, token: token, asOf: try asOfText.map(parseDate),
            exposure: defaults)
        do { try config.validate() } catch { throw ValidationError(error.description) }
        let dataset = try loadDataset(input, checkColumns: true)
        // Graphviz runs in a child process (this binary's render-worker), replaced every --renders-per-worker renders.
        signal(SIGPIPE, SIG_IGN)  // a worker that died is a failed render, not the server's end
        let workers = RenderWorkerPool(
            executable: Self.executablePath, arguments: ["render-worker"], rendersPerWorker: rendersPerWorker)
        let state = ServiceState(
            dataset: dataset, registry: try? ISOCodes.shared(), backend: ServeBackend(renderWorkers: workers),
            configuration: config)
        let app = try CorpGraphService.application(state: state) { port in
            printError("corpgraph: serving \(dataset.graph.entityCount) entities on http://\(config.host):\(port)/view")
            // The name index for /v1/search and /v1/screen, built once in the background (/readyz says when).
            DispatchQueue.global().async { state.warmUp() }
        }
        // The command line is synchronous; the server runs on the concurrency pool until SIGINT or SIGTERM.
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task {
            do { try await app.runService() } catch { failure.error = "\(error)" }
            finished.signal()
        }
        finished.wait()
        if let error = failure.error { throw InputError("serve: \(error)") }
    }
}

private final class FailureBox: @unchecked Sendable {
    var error: String?
}
