import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphReport
import CorpGraphMatch
import Foundation

extension InputFormat: ExpressibleByArgument {}

/// Result formats: text for people, JSON and CSV for machines.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv

    /// The report layer's format of the same name.
    var report: ReportFormat { ReportFormat(rawValue: rawValue)! }
}

/// Options every command that reads datasets shares.
struct InputOptions: ParsableArguments {
    @Argument(
        help:
            "Dataset files or directories (native .yaml/.yml/.json, a CSV pair directory, …; .gz and .zip read directly, - is standard input). They merge into one graph."
    )
    var inputs: [String] = []

    @Option(name: .customLong("input-format"), help: "Force the input format instead of detecting it.")
    var inputFormat: InputFormat?

    @Option(help: "A policy file (native format with a 'policy:' key) overriding the datasets' policy.")
    var policy: String?

    @Flag(
        name: .long,
        help: "Print per-file counts of loaded records and every problem (each record left out, each warning).")
    var verbose = false

    @Flag(
        name: .long,
        help: "Exit 1 when any record is left out or any value is in error, instead of computing on the rest.")
    var strict = false

    @Flag(
        name: .long,
        help: "No progress line on standard error while large inputs load (shown only on a terminal, after a second).")
    var quiet = false

    @Flag(
        name: .customLong("no-merge"),
        help: "Keep records of different inputs apart even when they share a strong identifier (LEI, INN, IMO, …).")
    var noMerge = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("Missing input: pass one or more dataset files or directories.") }
    }

    /// Files an output must never replace: every input, the policy file, and both files of a CSV pair named by one
    /// of its files (the loader reads the other one too).
    var protectedPaths: [String] {
        var out = inputs.filter { $0 != "-" }  // standard input is no file
        if let policy { out.append(policy) }
        for path in inputs {
            let name = (path as NSString).lastPathComponent
            guard name == "entities.csv" || name == "relationships.csv" || inputFormat == .csv else { continue }
            let directory = FilePaths.parent(of: path)
            for file in ["entities.csv", "relationships.csv"] {
                out.append(directory.isEmpty ? file : (directory as NSString).appendingPathComponent(file))
            }
        }
        return out
    }
}

/// `--as-of DATE` (default today).
struct AsOfOption: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Only facts valid on this day count (YYYY-MM-DD; default: today).")
    var asOfText: String?

    var date: CalendarDate {
        get throws { try asOfText.map(parseDate) ?? CalendarDate.today() }
    }

    func validate() throws { _ = try date }
}

func parseDate(_ text: String) throws -> CalendarDate {
    guard text.utf8.count == 10, let d = CalendarDate(parsing: text) else {
        throw ValidationError("Invalid date '\(text)': expected YYYY-MM-DD, e.g. 2022-06-01.")
    }
    return d
}

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Loads the inputs, leniently: records that cannot load are left out and counted, and the command computes on the
/// rest. Prints to standard error the problems that stopped a file (with `--verbose` every problem and per-file
/// counts) and one summary line saying how many records were left out and how to see them.
/// Throws `ExitCode(1)` when a file could not be read at all, or with `--strict` when anything was left out or in
/// error; `allowErrors` (for `validate`, which reports everything itself) returns the dataset as loaded.
/// A snapshot's columns are checked as they are first read; a damaged one ends the command with exit 1 before
/// anything reads it (`checkColumns`: every column checked while loading, for `validate`, `build` and `serve`).
func loadDataset(_ options: InputOptions, allowErrors: Bool = false, checkColumns: Bool = false) throws
    -> LoadedDataset
{
    let registry: CodeRegistry
    do {
        registry = try ISOCodes.shared()
    } catch {
        throw InputError("\(error)")
    }
    var dataset = try DatasetLoader.load(
        options.inputs,
        options: LoadOptions(
            format: options.inputFormat,
            policyFile: options.policy,
            registry: registry,
            progress: ProgressDisplay.handler(quiet: options.quiet),
            onSnapshotDamage: { message in
                printError("error: " + OutputSafety.terminal(message))
                Foundation.exit(1)
            },
            checkSnapshotColumns: checkColumns || allowErrors))
    let merges = options.noMerge ? [] : mergeByIdentifier(&dataset)
    if allowErrors { return dataset }
    if options.verbose {
        for f in dataset.files {
            printError(
                "\(f.file): loaded \(f.entities) entities, \(f.relationships) relationships, rejected \(f.rejected) record(s); \(f.errors) errors, \(f.warnings) warnings"
            )
        }
    }
    for d in dataset.diagnostics where d.rejectsFile || options.verbose {
        printError(OutputSafety.terminal(d.description))
    }
    let unreadable = Set(dataset.fileRejections.map { $0.location?.file ?? "" })
    if !unreadable.isEmpty {
        printError(
            "\(unreadable.count) input file(s) cannot be used (\(dataset.fileRejections.count) error(s) above: the file or its policy could not be read); run 'corpgraph validate' for the full list. Nothing computed."
        )
        throw ExitCode(1)
    }
    if options.strict && (dataset.leftOutCount > 0 || dataset.hasErrors) {
        printError(
            "--strict: \(dataset.leftOutCount) record(s) left out, \(dataset.errors.count) error(s); nothing computed "
                + (options.verbose ? "(listed above)" : "(run 'corpgraph validate' or pass --verbose to see each)"))
        throw ExitCode(1)
    }
    if !merges.isEmpty && !options.verbose && !allowErrors {
        let records = merges.reduce(0) { $0 + $1.members.count }
        printError(
            "note: merged \(records) records into \(merges.count) entit\(merges.count == 1 ? "y" : "ies") by shared identifiers\(merges.contains(where: \.judged) ? " and sameAs judgements" : "") (\(merges.prefix(3).map { "'\($0.id)'" }.joined(separator: ", "))\(merges.count > 3 ? ", …" : "")); 'corpgraph validate' lists them, --no-merge keeps them apart"
        )
    }
    if let summary = loadSummary(dataset, verbose: options.verbose) { printError(summary) }
    return dataset
}

/// The summary line of a load: how many records were left out, errors and warnings, and how to see them.
func loadSummary(_ dataset: LoadedDataset, verbose: Bool) -> String? {
    let errors = dataset.errors.count
    let warnings = dataset.diagnostics.count - errors
    let leftOut = dataset.leftOutCount
    guard leftOut > 0 || errors > 0 || warnings > 0 else { return nil }
    var parts: [String] = []
    if leftOut > 0 { parts.append("\(leftOut) record(s) left out") }
    if errors > 0 { parts.append("\(errors) error(s)") }
    if warnings > 0 { parts.append("\(warnings) warning(s)") }
    let how =
        verbose
        ? "listed above" : "run 'corpgraph validate' or pass --verbose to see each with its file, line and field"
    let rest = leftOut > 0 ? "; computed on the rest" : ""
    return "note: " + parts.joined(separator: ", ") + rest + " (" + how + ")"
}

/// Writes command output to standard output, or atomically to `path` (never over an input).
func writeOutput(_ text: String, to path: String?, inputs: [String]) throws {
    if let path {
        try OutputSafety.write(Data(text.utf8), to: path, protecting: inputs)
    } else {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// `name (id, JURISDICTION)` for terminal output, control characters escaped.
func label(_ graph: Graph, _ v: Int) -> String { entityLabel(graph, v) }

/// One entity per real-world party: records of different inputs sharing a strong identifier merge
/// (``IdentifierMerge``); each merge is a warning diagnostic (so `validate` lists it) and conflicts are warnings too.
@discardableResult
func mergeByIdentifier(_ dataset: inout LoadedDataset) -> [MergeGroup] {
    let result = IdentifierMerge.merge(dataset.graph)
    guard !result.groups.isEmpty else {
        // notSameAs judgements that kept records apart; a snapshot already holds those of its build.
        if !result.diagnostics.isEmpty {
            let have = Set(dataset.diagnostics)
            dataset.diagnostics += result.diagnostics.filter { !have.contains($0) }
        }
        return []
    }
    dataset.graph = result.graph
    for g in result.groups {
        dataset.diagnostics.append(
            Diagnostic(
                .warning, .mergedRecords, .kept, at: nil, field: "merge",
                "merged \(g.members.map { "'\($0)'" }.joined(separator: ", ")) into '\(g.id)' (\(mergeEvidence(g))); --no-merge keeps them apart"
            ))
    }
    dataset.diagnostics += result.diagnostics
    return result.groups
}

/// Why a group merged: `shared LEI:…`, `judged sameAs`, or both.
func mergeEvidence(_ g: MergeGroup) -> String {
    ([g.evidence.isEmpty ? nil : "shared " + g.evidence.joined(separator: ", "), g.judged ? "judged sameAs" : nil]
        as [String?])
        .compactMap { $0 }.joined(separator: "; ")
}
