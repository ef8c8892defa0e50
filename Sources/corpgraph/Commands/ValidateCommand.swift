import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check datasets; list every problem with its file, line, field, expectation and finding.",
        discussion: "Exit status 0 when there are no errors and nothing was left out (warnings allowed), 1 otherwise.")

    @OptionGroup var input: InputOptions
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Flag(help: "For a snapshot (.cgraph): also verify the checksum of every section.") var deep = false

    func run() throws {
        if deep, let path = input.inputs.first(where: SnapshotDataset.isSnapshot(path:)) {
            _ = try SnapshotDataset.load(path, verifyChecksums: true)
        }
        let report = ValidationReport(try loadDataset(input, allowErrors: true))
        FileHandle.standardOutput.write(Data(report.encoded(format.report).utf8))
        if !report.isValid { throw ExitCode(1) }
    }
}
