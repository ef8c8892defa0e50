import ArgumentParser
import CorpGraphRender

/// `corpgraph render-worker` (hidden): the child process `serve` lays its diagrams out in (``RenderWorker``).
struct RenderWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-worker",
        abstract: "Lay out DOT sent on standard input (the render worker of corpgraph serve; not for direct use).",
        shouldDisplay: false)

    func run() throws { RenderWorker.serve() }
}
