import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import CorpGraphReport
import Foundation

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find entities by name, alias or identifier (SCHEME:VALUE, e.g. lei:529900T8BM49AURSDO55).",
        discussion: """
            The last argument is the query; the ones before it are the inputs. Names are normalised (NFKC, case and \
            diacritics, quotes, transliteration of Cyrillic, Greek, Armenian, Georgian, Arabic, Hebrew and Hangul; \
            CJK compared in its own script; legal forms such as LLC, ООО, K.K., GmbH weighted low) and scored per \
            feature, see docs/MATCHING.md. 'match' is true at or above --threshold (default 0.7).
            """)

    @OptionGroup var input: InputOptions
    @Option(
        help: ArgumentHelp("Only entities of these kinds (comma-separated: company, person, …).", valueName: "kinds"),
        transform: EntityKinds.parser("--kind"))
    var kind: Set<EntityKind>?
    @Option(help: "Only entities in these countries (comma-separated ISO codes; RU matches RU-MOW).") var country:
        String?
    @Option(help: "Results shown, best first.") var limit: Int = 10
    @Option(help: "Score at or above which a result is a match (0–1).") var threshold: Double = MatchAlgorithm
        .defaultThreshold
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if input.inputs.count < 2 {
            throw ValidationError(
                "Pass one or more inputs and then the query, e.g. corpgraph search data.yaml \"Polar Mining\".")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more.") }
        guard (0...1).contains(threshold) else {
            throw ValidationError("--threshold must be between 0 and 1, e.g. 0.7.")
        }
    }

    func run() throws {
        var datasetInput = input
        let query = datasetInput.inputs.removeLast()
        let dataset = try loadDataset(datasetInput)
        let index = MatchIndex(graph: dataset.graph)
        let countries = country.map(MatchReport.countryCodes)
        let options = MatchOptions(limit: limit, threshold: threshold, kinds: kind, countries: countries)
        let results: [MatchResult]
        do {
            results = try index.search(query, options: options)
        } catch {
            throw ValidationError("Cannot search '\(query)': \(error.localizedDescription).")
        }
        let g = dataset.graph
        let text: String
        switch format {
        case .json:
            text =
                MatchReport.searchJSON(query: query, threshold: threshold, results: results, graph: g).encoded() + "\n"
        case .csv: text = MatchReport.searchCSV(results, graph: g)
        case .text: text = MatchReport.searchText(query: query, threshold: threshold, results: results, graph: g)
        }
        try writeOutput(text, to: output, inputs: datasetInput.protectedPaths)
    }
}
