import ArgumentParser
import CorpGraph
import CorpGraphIO
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
    @Option(name: .customLong("token-file"), help: "A file whose first line is the bearer token (16 characters or more).")
    var tokenFile: String?
    @Option(name: .customLong("as-of"), help: "Default as-of date of queries that give none (YYYY-MM-DD; default: today).")
    var asOfText: String?

    func validate() throws {
        if let asOfText { _ = try parseDate(asOfText) }
        if !ServerConfiguration.isLoopback(host) && tokenFile == nil {
            throw ValidationError("Refusing to listen on \(host) without a token: pass --token-file F, or keep --host 127.0.0.1.")
        }
    }

    func run() throws {
        let token: String?
        do {
            token = try tokenFile.map { try ServerConfiguration.readToken(file: $0) }
        } catch let e as ServerConfigurationError {
            throw ValidationError(e.description)
        }
        let config = ServerConfiguration(host: host, port: port, token: token, asOf: try asOfText.map(parseDate))
        do { try config.validate() } catch { throw ValidationError(error.description) }
        let dataset = try loadDataset(input)
        let state = ServiceState(dataset: dataset, registry: try? ISOCodes.shared(), backend: ServeBackend(), configuration: config)
        let app = try CorpGraphService.application(state: state) { port in
            printError("corpgraph: serving \(dataset.graph.entityCount) entities on http://\(config.host):\(port)/view")
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
