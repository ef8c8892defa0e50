import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Load and check datasets; list every problem with its file, line, field, expectation and finding.",
        discussion: "Exit status 0 when there are no errors (warnings allowed), 1 when there are errors.")

    @OptionGroup var input: InputOptions
    @Option(help: "Output format.") var format: OutputFormat = .text

    func run() throws {
        let report = ValidationReport(try loadDataset(input, allowErrors: true))
        FileHandle.standardOutput.write(Data(report.encoded(format.report).utf8))
        if !report.isValid { throw ExitCode(1) }
    }
}
