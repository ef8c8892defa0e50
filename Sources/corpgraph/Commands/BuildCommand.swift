import ArgumentParser
import CorpGraph
import CorpGraphIO
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Freeze datasets into one snapshot file (.cgraph) that every command maps instead of parsing.",
        discussion: """
            The snapshot holds the whole graph, the policy, the loading problems and provenance (each input's path, \
            size, SHA-256 and counts; the tool version; the build time, SOURCE_DATE_EPOCH when set). It is written \
            atomically. Give it to any command in place of the inputs; 'validate --deep' checks every checksum. \
            Exit status 1 when the inputs have errors (nothing is written).
            """)

    @OptionGroup var input: InputOptions
    @Option(name: [.short, .customLong("output")], help: "The snapshot file to write (e.g. graph.cgraph).")
    var output: String

    func run() throws {
        try OutputSafety.refuseOverwriting(output, inputs: input.protectedPaths)
        let dataset = try loadDataset(input, checkColumns: true)
        try SnapshotDataset.write(dataset, to: output, toolVersion: "corpgraph \(CorpGraphCommand.version)")
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
        print(
            "wrote \(OutputSafety.terminal(output)): \(dataset.graph.entityCount) entities, \(dataset.graph.relationshipCount) relationships, \(size) bytes"
        )
    }
}
