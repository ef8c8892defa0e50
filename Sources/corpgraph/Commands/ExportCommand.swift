import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphRender
import Foundation

/// What `export --to` writes. Add a case and its branch in ``ExportCommand/export(_:to:)`` for a new format.
enum ExportTarget: String, CaseIterable, ExpressibleByArgument {
    /// The ownership diagram as Graphviz DOT (styled; lay it out with `dot` or `sfdp`).
    case dot
    /// The native JSON dataset (reads back with every corpgraph command).
    case json
    /// GraphML with typed keys, for yEd and Gephi.
    case graphml
    /// FollowTheMoney JSON lines, for the FtM tools and Aleph.
    case ftm
    /// The CSV pair (`entities.csv`, `relationships.csv`) in a directory.
    case csv
    /// neo4j-admin bulk-import files (`nodes.csv`, `relationships.csv`) and `queries.cypher`, in a directory.
    case neo4j

    /// Whether the target writes a directory of files rather than one file.
    var writesDirectory: Bool {
        switch self {
        case .dot, .json, .graphml, .ftm: false
        case .csv, .neo4j: true
        }
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole graph (or a subject's neighbourhood) in another format.",
        discussion: """
            --to dot writes the styled ownership diagram as DOT text, of any size, for reports and other tools (as of a day).
            --to json|graphml|ftm|csv|neo4j write the data itself, history included; --subject/--radius cut it to a
            neighbourhood over every relationship. Files are written atomically and never over an input.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var cut: DiagramCutOptions

    @Option(name: .customLong("to"), help: "Target format.")
    var target: ExportTarget

    @Option(
        name: .shortAndLong, help: "Output file (or directory for multi-file formats); standard output when omitted.")
    var output: String?

    @Flag(
        name: .customLong("spreadsheet-safe"),
        help:
            "--to csv: prefix cells starting with = + - @ with ' so spreadsheets do not run them as formulas (the files then no longer round-trip exactly)."
    )
    var spreadsheetSafe = false

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
            var options = try cut.diagramOptions(dataset, layout: .auto, enforceLimits: false)
            options.maxFanOut = nil  // an export holds every relationship; only `render` summarises wide fan-outs
            let diagram = try OwnershipDiagram.make(
                dataset.graph, focus: try cut.focus(in: dataset.graph), options: options)
            try writeOutput(diagram.dotText, to: output, inputs: input.protectedPaths)
        case .json:
            try writeOutput(
                NativeWriter.write(try dataGraph(dataset), policy: dataset.policy), to: output,
                inputs: input.protectedPaths)
        case .graphml:
            try writeOutput(GraphMLWriter.write(try dataGraph(dataset)), to: output, inputs: input.protectedPaths)
        case .ftm:
            try writeOutput(FtMWriter.write(try dataGraph(dataset)), to: output, inputs: input.protectedPaths)
        case .csv:
            let directory = try outputDirectory()
            do {
                var options = CSVPair.Options()
                options.spreadsheetSafe = spreadsheetSafe
                try CSVPair.write(graph: try dataGraph(dataset), to: directory, options: options)
            } catch {
                throw InputError("\(error)")
            }
        case .neo4j:
            try Neo4jWriter.write(
                try dataGraph(dataset), policy: dataset.policy, to: try outputDirectory(),
                protecting: input.protectedPaths)
        }
    }

    /// The graph to export: whole, or the subject's neighbourhood over every relationship (history kept).
    private func dataGraph(_ dataset: LoadedDataset) throws -> Graph {
        guard let focus = try cut.focus(in: dataset.graph) else { return dataset.graph }
        return dataset.graph.subgraph(keeping: dataset.graph.neighbourhood(of: focus.subject, radius: focus.radius))
    }

    private func isFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// The -o directory, created when missing; never an input.
    private func outputDirectory() throws -> String {
        guard let output else {
            throw ValidationError("--to \(target.rawValue) writes several files: pass -o DIRECTORY.")
        }
        let target = FilePaths.canonical(output)
        for i in input.protectedPaths
        where FilePaths.canonical(i) == target || (isFile(i) && FilePaths.canonical(FilePaths.parent(of: i)) == target)
        {
            throw InputError(
                "\(output): refusing to write into a directory holding an input (\(i)); choose another output path")
        }
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        return output
    }
}
