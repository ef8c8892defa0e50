import Foundation
import Synchronization

/// Graphviz layouts in a child process, so that a long-running server does not keep what Graphviz leaks (about
/// 12 KB per clustered `dot` layout, GRAPHVIZ.md): the worker is replaced after ``RenderWorkerPool/rendersPerWorker``
/// renders, and one that dies (a crash inside Graphviz) is replaced on the next render.
///
/// The protocol on the worker's standard input and output, little-endian:
/// - request: format (1 byte, ``RenderFormat`` index), layout (1 byte, ``LayoutEngine`` index), DOT length (4), DOT;
/// - reply: status (1 byte: 0 rendered, 1 Graphviz failed), stage (1 byte, index of ``GraphvizError/Stage``),
///   payload length (4), payload (the rendered bytes, or Graphviz's message as UTF-8).
public enum RenderWorker {
    /// Longest DOT text or rendered output a message may carry (256 MiB).
    static let maxMessage = 1 << 28

    /// Answers requests from `input` on `output` until `input` ends (the worker side: `corpgraph render-worker`).
    public static func serve(input: FileHandle = .standardInput, output: FileHandle = .standardOutput) {
        let reader = FrameReader(input)
        while let head = reader.read(6) {
            let length = Int(UInt32(head[2]) | UInt32(head[3]) << 8 | UInt32(head[4]) << 16 | UInt32(head[5]) << 24)
            guard head[0] < RenderFormat.allCases.count, head[1] < LayoutEngine.allCases.count, length <= maxMessage,
                let dot = reader.read(length)
            else { return }
            let format = RenderFormat.allCases[Int(head[0])], layout = LayoutEngine.allCases[Int(head[1])]
            var reply: [UInt8]
            do {
                let data = try GraphvizEngine.render(
                    String(decoding: dot, as: UTF8.self), layout: layout, format: format
                ).data
                reply = frame(status: 0, stage: 0, payload: data)
            } catch {
                let stage = GraphvizError.Stage.allStages.firstIndex(of: error.stage) ?? 0
                reply = frame(status: 1, stage: UInt8(stage), payload: Array(error.message.utf8))
            }
            do { try output.write(contentsOf: reply) } catch { return }
        }
    }

    static func frame(status: UInt8, stage: UInt8, payload: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [status, stage]
        out.reserveCapacity(payload.count + 6)
        let n = UInt32(payload.count)
        out += [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)]
        out += payload
        return out
    }

    /// Exact reads from a pipe (nil at its end).
    final class FrameReader {
        let handle: FileHandle
        init(_ handle: FileHandle) { self.handle = handle }

        func read(_ n: Int) -> [UInt8]? {
            var out: [UInt8] = []
            out.reserveCapacity(n)
            while out.count < n {
                guard let chunk = try? handle.read(upToCount: n - out.count), !chunk.isEmpty else { return nil }
                out += chunk
            }
            return out
        }
    }
}

extension GraphvizError.Stage {
    static let allStages: [GraphvizError.Stage] = [.parse, .layout, .render, .warnings]
}

/// One render worker process at a time (Graphviz is serialised anyway), started on first use from `executable
/// arguments`, replaced after `rendersPerWorker` renders or when it dies. `Sendable`: renders from many tasks wait
/// for the one worker in turn.
public final class RenderWorkerPool: Sendable {
    public let executable: String
    public let arguments: [String]
    public let rendersPerWorker: Int
    private let state = Mutex(State())

    struct State {
        var process: Process?
        var input: FileHandle?
        var reader: RenderWorker.FrameReader?
        var renders = 0
        var started = 0
    }

    public init(executable: String, arguments: [String], rendersPerWorker: Int = 500) {
        self.executable = executable
        self.arguments = arguments
        self.rendersPerWorker = max(1, rendersPerWorker)
    }

    /// Workers started so far (1 after the first render; one more per `rendersPerWorker` renders or crash).
    public var workersStarted: Int { state.withLock { $0.started } }
    /// The current worker's process id, if one runs.
    public var workerPID: Int32? {
        state.withLock { $0.process?.isRunning == true ? $0.process?.processIdentifier : nil }
    }

    /// Renders `dot` in the worker: the bytes ``GraphvizEngine/render(_:layout:format:warningsAreErrors:)`` gives.
    public func render(_ dot: String, layout: LayoutEngine = .dot, format: RenderFormat = .svg) throws(GraphvizError)
        -> [UInt8]
    {
        let body = Array(dot.utf8)
        guard body.count <= RenderWorker.maxMessage else {
            throw GraphvizError(stage: .parse, message: "DOT text of \(body.count) bytes is over the worker's limit")
        }
        let reply: Result<[UInt8], GraphvizError> = state.withLock { s in
            // A worker that has done its share (or died) is replaced before this render.
            if s.renders >= rendersPerWorker || s.process?.isRunning == false { stop(&s) }
            if s.process == nil {
                do { try start(&s) } catch {
                    return .failure(GraphvizError(stage: .render, message: "cannot start the render worker: \(error)"))
                }
            }
            s.renders += 1
            let n = UInt32(body.count)
            let request =
                [
                    UInt8(RenderFormat.allCases.firstIndex(of: format)!),
                    UInt8(LayoutEngine.allCases.firstIndex(of: layout)!),
                    UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24),
                ] + body
            guard (try? s.input?.write(contentsOf: request)) != nil, let head = s.reader?.read(6) else {
                stop(&s)
                return .failure(GraphvizError(stage: .render, message: "the render worker stopped during this render"))
            }
            let length = Int(UInt32(head[2]) | UInt32(head[3]) << 8 | UInt32(head[4]) << 16 | UInt32(head[5]) << 24)
            guard length <= RenderWorker.maxMessage, let payload = s.reader?.read(length) else {
                stop(&s)
                return .failure(GraphvizError(stage: .render, message: "the render worker stopped during this render"))
            }
            if head[0] == 0 { return .success(payload) }
            let stage =
                Int(head[1]) < GraphvizError.Stage.allStages.count
                ? GraphvizError.Stage.allStages[Int(head[1])] : .render
            return .failure(GraphvizError(stage: stage, message: String(decoding: payload, as: UTF8.self)))
        }
        return try reply.get()
    }

    private func start(_ s: inout State) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let toWorker = Pipe(), fromWorker = Pipe()
        p.standardInput = toWorker
        p.standardOutput = fromWorker
        p.standardError = FileHandle.nullDevice
        try p.run()
        s.process = p
        s.input = toWorker.fileHandleForWriting
        s.reader = RenderWorker.FrameReader(fromWorker.fileHandleForReading)
        s.renders = 0
        s.started += 1
    }

    /// Ends the worker: closing its input ends its loop; it is waited for so that no zombie stays.
    private func stop(_ s: inout State) {
        try? s.input?.close()
        if let p = s.process {
            if p.isRunning { p.terminate() }
            p.waitUntilExit()
        }
        try? s.reader?.handle.close()
        s = State(renders: 0, started: s.started)
    }

    /// Stops the current worker (the next render starts another).
    public func shutdown() { state.withLock { stop(&$0) } }

    deinit { state.withLock { stop(&$0) } }
}
