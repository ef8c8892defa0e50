import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphReport
import CorpGraphMatch
import Foundation

struct ExposureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exposure",
        abstract: "Exposure paths: chains of ownership, control, directorship, operation and payment from a subject to "
            + "a sanctioned jurisdiction or a designated party.",
        discussion: """
            A target is an entity designated on a list the policy counts (in force on the as-of date) or located in a \
            jurisdiction the policy names (a country covers its subdivisions: RU covers RU-IRK). A path is simple, has \
            at most --max-depth hops and ends at the first target it meets. Paths are ranked by hops, then strength \
            (the product of ownership shares along the path; other hops count 1), then ids. --reach lists every target \
            within the depth with its shortest distance instead, without stopping at targets.
            """)

    @OptionGroup var input: InputOptions

    @Option(
        name: .customLong("subject"),
        help: "Entity to start from: an id, name:TEXT or SCHEME:VALUE such as lei:… (repeatable).")
    var subjects: [String] = []

    @Flag(
        help:
            "Every entity is a subject (only the exposed ones are listed, self-targets included; see --include-clear).")
    var all = false

    @Flag(name: .customLong("include-clear"), help: "With --all: list the clear subjects too.")
    var includeClear = false

    @Option(
        help: ArgumentHelp(
            "With --all: only entities of these kinds (comma-separated: company,person,exchange,site,organization,account).",
            valueName: "kinds"),
        transform: EntityKinds.parser("--kind"))
    var kind: Set<EntityKind>?

    @OptionGroup var query: ExposureQueryOptions

    @OptionGroup var asOf: AsOfOption

    @Option(help: "Paths kept per subject (the shortest first); the result says when it was truncated. Default 1000.")
    var limit: Int?

    @Flag(help: "List every target within the depth with its shortest distance, without enumerating paths.")
    var reach = false

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    func validate() throws {
        try validateSubjectChoice(subjects: subjects, all: all, kindGiven: kind != nil)
        if includeClear && !all {
            throw ValidationError("--include-clear applies to --all; with --subject every subject is listed.")
        }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1, got \(limit).") }
        if reach && timeRespecting {
            throw ValidationError(
                "--time-respecting applies to paths; --reach lists distances and ignores payment timing.")
        }
        if reach && limit != nil {
            throw ValidationError("--limit applies to paths; --reach lists every target within the depth.")
        }
    }

    private var maxDepth: Int { query.maxDepth }
    private var direction: WalkDirection { query.direction }
    private var timeRespecting: Bool { query.timeRespecting }
    private var derived: String? { query.derived }

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        let day = try asOf.date
        let subjectIndices = try resolveSubjects(g)
        // Named subjects (paths, not --reach): each entity classified when the search reaches it, not all up front.
        let targets = try exposureTargets(dataset, asOf: day, derived: derived, onDemand: !all && !reach)
        let filter = TraversalFilter(kinds: query.kinds, direction: direction, asOf: day)
        let report = ExposureReport(
            graph: g, targets: targets, policyOrigin: dataset.policyOrigin, asOf: day,
            filter: filter, maxDepth: maxDepth, timeRespecting: timeRespecting, derived: derived,
            all: all, checked: subjectIndices.count)
        let write: ([UInt8]) -> Void = { FileHandle.standardOutput.write(Data($0)) }
        if reach {
            let reached = g.targetsWithin(maxDepth, of: subjectIndices, targets: targets, walking: filter)
            var rows = zip(subjectIndices, reached).map { (subject: $0, targets: g.sortedByDistanceThenID($1)) }
            if all { rows = rows.filter { !$0.targets.isEmpty } }
            report.reach(rows, format: format, emit: write)
            return
        }
        let options = ExposureOptions(
            maxDepth: maxDepth, filter: filter, timeRespecting: timeRespecting, limit: limit ?? 1000)
        // Named subjects: pruning distances found on demand (a cold single-subject query then costs what its paths
        // reach, not the whole graph); --all: over the whole graph up front, shared by every subject.
        let search =
            all
            ? ExposureSearch(targets: targets, options: options)
            : ExposureSearch(targets: targets, options: options, subjects: subjectIndices)
        var enumerator = search.makeEnumerator(order: .byLength)
        // The CSV is streamed a subject at a time (`--all` on a large graph holds one subject's paths, not all of
        // them); text and JSON need every subject first.
        if format == .csv { write(Array(report.pathsCSVHeader.utf8)) }
        var results: [SubjectExposure] = []
        var exposedCount = 0, selfCount = 0
        for s in subjectIndices {
            let r = search.exposure(of: s, using: &enumerator)
            if format == .csv {
                if !all || includeClear || r.verdict.isExposed { write(Array(report.pathsCSVRows(r).utf8)) }
            } else if !all || includeClear || r.verdict.isExposed {
                results.append(r)
            }
            if r.verdict.isExposed { exposedCount += 1 }
            if r.verdict == .selfTarget { selfCount += 1 }
        }
        switch format {
        case .csv: break
        case .json:
            write(
                Array((report.pathsJSON(results, exposed: exposedCount, selfTargets: selfCount).encoded() + "\n").utf8))
        case .text: write(Array(report.pathsText(results, exposed: exposedCount, selfTargets: selfCount).utf8))
        }
    }

    /// Subject indices in the order given (`--subject`), or every entity of the chosen kinds in id order (`--all`).
    /// An unknown id is a usage error naming the closest ids.
    private func resolveSubjects(_ g: Graph) throws -> [Int] {
        if all {
            let kinds = kind
            return g.sortedByID((0..<g.entityCount).filter { kinds?.contains(g.kind($0)) ?? true })
        }
        var out: [Int] = []
        var unknown: [String] = []
        let resolver = EntityResolver(graph: g)
        for id in subjects {
            do {
                let v = try resolver.resolve(id, role: "subject")
                if !out.contains(v) { out.append(v) }
            } catch {
                unknown.append("error: " + OutputSafety.terminal(error.errorDescription ?? "\(error)"))
            }
        }
        if !unknown.isEmpty {
            unknown.forEach(printError)
            throw ExitCode(2)
        }
        return out
    }
}

extension ExposureReport {
    /// The `--reach` report handed to `emit`: the CSV streamed in chunks, text and JSON whole.
    func reach(_ rows: [(subject: Int, targets: [ReachedEntity])], format: OutputFormat, emit: ([UInt8]) -> Void) {
        switch format {
        case .csv: reachCSV(rows, emit: emit)
        case .json: emit(Array(reachJSON(rows).utf8))
        case .text: emit(Array(reachText(rows).utf8))
        }
    }
}
