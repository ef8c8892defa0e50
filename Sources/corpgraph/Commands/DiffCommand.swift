import ArgumentParser
import CorpGraph
import CorpGraphDiff
import CorpGraphIO
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two datasets (or one dataset on two days): designations, statuses per regime, "
            + "exposure of watched subjects, ownership, records.",
        discussion: """
            diff OLD NEW compares two versions (a file or directory each; more inputs per side with --old/--new). \
            diff INPUT --as-of A --compare-as-of B compares one dataset on two days. Identity is by id, then by a \
            strong identifier (same scheme and value). Every status change names its cause, traced through the \
            derivation: the designation or the ownership change behind it, through the holders whose status changed. \
            With --exit-code: 0 nothing changed, 3 something changed (1 input errors, 2 bad usage as always). \
            See docs/DIFF.md.
            """)

    @Argument(help: "OLD NEW (two datasets), or one dataset with --compare-as-of.")
    var inputs: [String] = []

    @Option(name: .customLong("old"), help: "An input of the old version (repeatable; with or instead of OLD).")
    var olds: [String] = []

    @Option(name: .customLong("new"), help: "An input of the new version (repeatable; with or instead of NEW).")
    var news: [String] = []

    @Option(name: .customLong("input-format"), help: "Force the input format instead of detecting it.")
    var inputFormat: InputFormat?

    @Option(help: "A policy file overriding both versions' policies.")
    var policy: String?

    @Option(
        help: ArgumentHelp(
            "Comma-separated regimes whose derived statuses are compared (default: ofac,eu,uk).",
            valueName: "regimes"),
        transform: RegimeNames.parser("--regime"))
    var regime: [String]?

    @Option(name: .customLong("subjects"), help: "A file of watched subject ids, one per line (# comments).")
    var subjectsFile: String?

    @Option(
        name: .customLong("subject"),
        help:
            "A watched subject: an id, name:TEXT or SCHEME:VALUE (repeatable). Default: every entity exposed in either version."
    )
    var subjectIDs: [String] = []

    @Option(
        name: .customLong("as-of"),
        help: "The day both versions are read on (YYYY-MM-DD; default: today); the old side's with --compare-as-of.")
    var asOfText: String?

    @Option(name: .customLong("compare-as-of"), help: "The day the new side is read on.")
    var compareAsOfText: String?

    @Option(name: .customLong("min-share-change"), help: "Smallest direct share change reported, in percentage points.")
    var minShareChange: String = "5"

    @Option(help: "Output format.") var format: OutputFormat = .text

    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    @Flag(name: .customLong("exit-code"), help: "Exit 3 when something changed, 0 when nothing did.")
    var exitCode = false

    @Flag(name: .long, help: "List added and removed entities and relationships; print loading details.")
    var verbose = false

    @Flag(name: .long, help: "Exit 1 when any record of either version is left out or any value is in error.")
    var strict = false

    /// The inputs of each side, and whether both sides are one dataset.
    func sides() throws -> (old: [String], new: [String], same: Bool) {
        switch inputs.count {
        case 0:
            guard !olds.isEmpty && !news.isEmpty else {
                throw ValidationError("Missing input: pass OLD NEW, --old/--new, or one dataset with --compare-as-of.")
            }
            return (olds, news, false)
        case 1:
            guard olds.isEmpty && news.isEmpty else {
                throw ValidationError(
                    "One positional input with --old/--new is ambiguous: pass OLD NEW, or only --old and --new.")
            }
            guard compareAsOfText != nil else {
                throw ValidationError(
                    "One dataset compares two days: add --compare-as-of DATE (and --as-of DATE for the old day), or pass OLD NEW."
                )
            }
            return (inputs, inputs, true)
        case 2:
            return ([inputs[0]] + olds, [inputs[1]] + news, false)
        default:
            throw ValidationError(
                "Expected OLD NEW, got \(inputs.count) inputs; pass more inputs per side with --old and --new.")
        }
    }

    func regimes() throws -> [String] {
        regime ?? ["ofac", "eu", "uk"]
    }

    func minimum() throws -> Percent {
        guard let p = Percent(parsing: minShareChange), p >= .zero, p <= .hundred else {
            throw ValidationError(
                "--min-share-change must be a number of percentage points between 0 and 100, got '\(minShareChange)'.")
        }
        return p
    }

    func validate() throws {
        _ = try sides()
        _ = try regimes()
        _ = try minimum()
        if subjectsFile != nil && !subjectIDs.isEmpty {
            throw ValidationError("Pass either --subjects FILE or --subject ID, not both.")
        }
        if let asOfText { _ = try parseDate(asOfText) }
        if let compareAsOfText { _ = try parseDate(compareAsOfText) }
    }

    func watched() throws -> [String]? {
        if !subjectIDs.isEmpty { return subjectIDs }
        guard let subjectsFile else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: subjectsFile, encoding: .utf8)
        } catch {
            throw InputError("\(subjectsFile): cannot read the subjects file: \(error.localizedDescription)")
        }
        let ids = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        if ids.isEmpty { throw InputError("\(subjectsFile): no subject ids (one per line expected)") }
        return ids
    }

    /// The watched subjects as ids: an id of either version as given; a `name:TEXT` or `SCHEME:VALUE` reference resolved
    /// in the new version, else in the old one (identity across versions is by id).
    func watchedIDs(old: Graph, new: Graph) throws -> [String]? {
        try watched()?.map { reference in
            guard reference.contains(":"), new.index(of: reference) == nil, old.index(of: reference) == nil else {
                return reference
            }
            do {
                return new.id(try resolveEntity(reference, in: new, role: "--subject"))
            } catch {
                guard let v = try? resolveEntity(reference, in: old, role: "--subject") else { throw error }
                return old.id(v)
            }
        }
    }

    /// The shared input options of one side (loading, diagnostics and the paths outputs must not replace). Every
    /// property is set: a parsable type built in code traps on reading one that was not.
    /// The shared input options of one side, parsed like a command line so that every option has its value (a
    /// property wrapper that was never parsed traps when read).
    func inputOptions(_ paths: [String]) throws -> InputOptions {
        var args: [String] = []
        if let inputFormat { args += ["--input-format", inputFormat.rawValue] }
        if let policy { args += ["--policy", policy] }
        if verbose { args.append("--verbose") }
        if strict { args.append("--strict") }
        return try InputOptions.parse(args + ["--"] + paths)
    }

    func run() throws {
        let (oldInputs, newInputs, same) = try sides()
        let today = CalendarDate.today()
        let oldDay = try asOfText.map(parseDate) ?? today
        let newDay = try compareAsOfText.map(parseDate) ?? oldDay
        let oldData = try loadDataset(try inputOptions(oldInputs))
        let newData = same ? oldData : try loadDataset(try inputOptions(newInputs))
        let old = DiffSide(
            graph: oldData.graph, policy: oldData.policy, asOf: oldDay, label: oldInputs.joined(separator: ", "))
        let new = DiffSide(
            graph: newData.graph, policy: newData.policy, asOf: newDay, label: newInputs.joined(separator: ", "))
        let subjects = try watchedIDs(old: oldData.graph, new: newData.graph)
        let options = DiffOptions(regimes: try regimes(), subjects: subjects, minShareChange: try minimum())
        let report: DiffReport
        do {
            report = try DatasetDiff.compare(old: old, new: new, options: options, sameGraph: same)
        } catch let e as DiffError {
            switch e {
            case .unknownRegime, .unknownSubject: throw ValidationError(e.description)
            case .invalidRegime: throw InputError(e.description)
            }
        }
        let text: String
        switch format {
        case .text: text = DiffText.encode(report, verbose: verbose)
        case .json: text = DiffJSON.encode(report, verbose: verbose)
        case .csv: text = DiffCSV.encode(report, verbose: verbose)
        }
        var protected = try inputOptions(oldInputs).protectedPaths + inputOptions(newInputs).protectedPaths
        if let subjectsFile { protected.append(subjectsFile) }
        try writeOutput(text, to: output, inputs: protected)
        if exitCode && report.hasChanges { throw ExitCode(3) }
    }
}
