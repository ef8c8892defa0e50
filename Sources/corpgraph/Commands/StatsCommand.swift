import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Counts by kind and jurisdiction, designations, ownership cycles and connected components.")

    @OptionGroup var input: InputOptions
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
        let report = StatsReport(try loadDataset(input), registry: try? ISOCodes.shared())
        FileHandle.standardOutput.write(Data(report.encoded(format.report).utf8))
    }
}
