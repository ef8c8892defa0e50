import ArgumentParser
import CorpGraph
import CorpGraphIO
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
        let dataset = try loadDataset(input, allowErrors: true)
        let errors = dataset.errors.count
        let warnings = dataset.diagnostics.count - errors
        let leftOut = dataset.leftOutCount
        let valid = errors == 0 && leftOut == 0
        switch format {
        case .json:
            let report: JSONValue = [
                "valid": .bool(valid), "errors": .number(errors), "warnings": .number(warnings), "leftOut": .number(leftOut),
                "policy": .string(dataset.policyOrigin),
                "files": .array(dataset.files.map {
                    ["file": .string($0.file), "format": .string($0.format), "entitiesLoaded": .number($0.entities),
                     "relationshipsLoaded": .number($0.relationships), "rejected": .number($0.rejected), "errors": .number($0.errors), "warnings": .number($0.warnings)]
                }),
                "diagnostics": .array(dataset.diagnostics.map(\.json)),
            ]
            print(report.encoded())
        case .csv:
            var out = OutputSafety.csvLine(["severity", "file", "line", "record", "field", "message", "reason", "effect"])
            for d in dataset.diagnostics {
                out += OutputSafety.csvLine([d.severity.rawValue, d.location?.file ?? "", d.location?.line.map(String.init) ?? "",
                                             d.location?.record ?? "", d.field ?? "", d.message, d.reason.rawValue,
                                             d.effect.rawValue], spreadsheetSafe: true)
            }
            print(out, terminator: "")
        case .text:
            for d in dataset.diagnostics { print(OutputSafety.terminal(d.description)) }
            for f in dataset.files {
                print("\(OutputSafety.terminal(f.file)): \(f.format), loaded \(f.entities) entities and \(f.relationships) relationships, rejected \(f.rejected) record(s); \(f.errors) error(s), \(f.warnings) warning(s)")
            }
            print(valid
                  ? "valid: \(dataset.graph.entityCount) entities, \(dataset.graph.relationshipCount) relationships, \(warnings) warning(s)"
                  : "invalid: \(leftOut) record(s) left out, \(errors) error(s), \(warnings) warning(s); "
                    + "loaded \(dataset.graph.entityCount) entities, \(dataset.graph.relationshipCount) relationships")
        }
        if !valid { throw ExitCode(1) }
    }
}
