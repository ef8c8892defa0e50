import ArgumentParser
import CorpGraphIO
import CorpGraphRender
import Foundation

/// What `export --to` writes. Add a case and its branch in ``ExportCommand/export(_:to:)`` for a new format.
enum ExportTarget: String, CaseIterable, ExpressibleByArgument {
    /// The ownership diagram as Graphviz DOT (styled; lay it out with `dot` or `sfdp`).
    case dot

    /// Whether the target writes a directory of files rather than one file.
    var writesDirectory: Bool {
        switch self {
        case .dot: false
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole graph (or a subject's neighbourhood) in another format.",
        discussion: "--to dot writes the styled ownership diagram as DOT text, of any size, for reports and other tools.")

    @OptionGroup var input: InputOptions
    @OptionGroup var cut: DiagramCutOptions

    @Option(name: .customLong("to"), help: "Target format.")
    var target: ExportTarget

    @Option(name: .shortAndLong, help: "Output file (or directory for multi-file formats); standard output when omitted.")
    var output: String?

    func validate() throws {
        if target.writesDirectory && output == nil {
            throw ValidationError("--to \(target.rawValue) writes several files: pass -o DIRECTORY.")
        }
    }

    func run() throws {
        let dataset = try loadDataset(input)
        try export(dataset, to: target)
    }

    private func export(_ dataset: LoadedDataset, to target: ExportTarget) throws {
        switch target {
        case .dot:
            let options = try cut.diagramOptions(dataset, layout: .auto, enforceLimits: false)
            let diagram = try OwnershipDiagram.make(dataset.graph, focus: try cut.focus(in: dataset.graph), options: options)
            try writeOutput(diagram.dotText, to: output, inputs: input.inputs)
        }
    }
}
