import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation

struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity",
        abstract: "One entity's facts (identifiers, designations with dates, sources), or a page of its neighbours.",
        discussion: """
            --adjacent lists its relationships with the entity at the other end, --limit at a time from --offset, \
            with counts per kind and direction of everything that matches (what the server's /v1/entities/{id}/adjacent \
            answers).
            """)

    @OptionGroup var input: InputOptions
    @Option(help: "The entity id.") var id: String
    @Option(
        name: .customLong("as-of"),
        help:
            "Facts: designations in force on this day (default today). --adjacent: only relationships valid on it (default every date)."
    )
    var asOfText: String?
    @Flag(help: "List neighbours instead of facts.") var adjacent = false
    @Option(
        help: ArgumentHelp(
            "With --adjacent: relationship kinds (comma-separated: owns,controls,directs,operates,pays; default all).",
            valueName: "kinds"),
        transform: RelationshipKinds.parser("--kind"))
    var kind: RelationshipKindSet?
    @Option(help: "With --adjacent: down (relationships leaving it), up (entering it) or both.") var direction:
        WalkDirection = .both
    @Option(help: "With --adjacent: rows per page (1–\(AdjacentQuery.maxLimit)).") var limit = 50
    @Option(help: "With --adjacent: rows skipped.") var offset = 0
    @Option(help: "Output format.") var format: OutputFormat = .text

    func validate() throws {
        if let asOfText { _ = try parseDate(asOfText) }
        if !(1...AdjacentQuery.maxLimit).contains(limit) {
            throw ValidationError("--limit must be between 1 and \(AdjacentQuery.maxLimit), got \(limit).")
        }
        if offset < 0 { throw ValidationError("--offset must be 0 or more, got \(offset).") }
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        guard let v = g.index(of: id) else {
            let close = g.suggestions(for: id)
            throw ValidationError(
                "Unknown entity id '\(id)'"
                    + (close.isEmpty ? "." : "; did you mean " + close.map { "'\($0)'" }.joined(separator: ", ") + "?"))
        }
        let day = try asOfText.map(parseDate)
        let text: String
        if adjacent {
            let query = AdjacentQuery(
                kinds: kind ?? .all, direction: direction, asOf: day, limit: limit, offset: offset)
            text = AdjacentReport(g, entity: v, query: query).encoded(format.report)
        } else {
            text = EntityReport(g, entity: v, asOf: day ?? CalendarDate.today(), registry: try? ISOCodes.shared())
                .encoded(format.report)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
