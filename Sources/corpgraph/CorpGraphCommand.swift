import ArgumentParser
import CorpGraph
import CorpGraphIO
import Foundation

/// The `corpgraph` command: exit 0 on success, 1 when the input has errors, 2 on bad usage.
@main
struct CorpGraphCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "corpgraph",
        abstract: "Corporate-structure graph engine: exposure paths, sanctions ownership rules, diagrams.",
        discussion: "Exit status: 0 success, 1 the input has errors, 2 bad usage.",
        version: version,
        subcommands: [
            ValidateCommand.self,
            StatsCommand.self,
            ExposureCommand.self,
            BlockedCommand.self,
            OwnershipCommand.self,
            RenderCommand.self,
            ExportCommand.self,
            SearchCommand.self,
            ScreenCommand.self,
            ReportCommand.self,
            BuildCommand.self,
            DiffCommand.self,
            EntityCommand.self,
            ServeCommand.self,
            RenderWorkerCommand.self,
        ]
    )

    /// The flag advice the CLI adds to a library error (the library never names flags).
    static func advice(for error: InputError) -> String {
        switch error.reason {
        case .unknownFormat: "; pass --input-format " + InputFormat.allCases.map(\.rawValue).joined(separator: "|")
        case .tooLarge: "; use the CSV pair (a directory with entities.csv and relationships.csv) for bulk data"
        default: ""
        }
    }

    static func main() {
        // No subcommand is a usage error (exit 2), with the overview on standard error.
        if CommandLine.arguments.count == 1 {
            FileHandle.standardError.write(Data((helpMessage() + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if let exit = error as? ExitCode {
                Foundation.exit(exit.rawValue)
            }
            if let input = error as? InputError {
                FileHandle.standardError.write(Data("error: \(input)\(advice(for: input))\n".utf8))
                Foundation.exit(1)
            }
            if let lookThrough = error as? LookThroughError {
                FileHandle.standardError.write(Data("error: \(lookThrough); pass --method full\n".utf8))
                Foundation.exit(1)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            // Parsing and validation problems are usage errors (2); anything else is a failure on the input (1).
            Foundation.exit(code == .validationFailure ? 2 : 1)
        }
    }
}
