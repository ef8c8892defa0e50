import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphMatch
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
    @Option(help: ArgumentHelp("Only entities of these kinds (comma-separated: company, person, …).", valueName: "kinds"),
            transform: EntityKinds.parser("--kind"))
    var kind: Set<EntityKind>?
    @Option(help: "Only entities in these countries (comma-separated ISO codes; RU matches RU-MOW).") var country: String?
    @Option(help: "Results shown, best first.") var limit: Int = 10
    @Option(help: "Score at or above which a result is a match (0–1).") var threshold: Double = MatchAlgorithm.defaultThreshold
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if input.inputs.count < 2 {
            throw ValidationError("Pass one or more inputs and then the query, e.g. corpgraph search data.yaml \"Polar Mining\".")
        }
        guard limit >= 1 else { throw ValidationError("--limit must be 1 or more.") }
        guard (0...1).contains(threshold) else { throw ValidationError("--threshold must be between 0 and 1, e.g. 0.7.") }
    }

    func run() throws {
        var datasetInput = input
        let query = datasetInput.inputs.removeLast()
        let dataset = try loadDataset(datasetInput)
        let index = MatchIndex(graph: dataset.graph)
        let countries = country.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }) }
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
        case .json: text = MatchReport.searchJSON(query: query, threshold: threshold, results: results, graph: g).encoded() + "\n"
        case .csv: text = MatchReport.searchCSV(results, graph: g)
        case .text: text = MatchReport.searchText(query: query, threshold: threshold, results: results, graph: g)
        }
        try writeOutput(text, to: output, inputs: datasetInput.protectedPaths)
    }
}

/// Text, CSV and JSON of search results (DESIGN §10).
enum MatchReport {
    static func score(_ x: Double) -> JSONValue { .number(x, digits: 4) }

    static func scoreText(_ x: Double) -> String {
        guard case .number(let s) = score(x) else { return "?" }
        return s
    }

    static func featuresJSON(_ features: [MatchFeature]) -> JSONValue {
        .object(Dictionary(features.map { ($0.name, ["score": score($0.score), "detail": .string($0.detail)] as JSONValue) },
                           uniquingKeysWith: { a, _ in a }))
    }

    static func resultJSON(_ r: MatchResult, graph g: Graph) -> JSONValue {
        ["id": .string(r.id), "name": .string(r.name), "kind": .string(g.kind(r.entity).description),
         "jurisdiction": .string(g.jurisdiction(r.entity)), "score": score(r.score), "match": .bool(r.match),
         "features": featuresJSON(r.features)]
    }

    static func searchJSON(query: String, threshold: Double, results: [MatchResult], graph g: Graph) -> JSONValue {
        ["query": .string(query), "algorithm": .string(MatchAlgorithm.label), "threshold": score(threshold),
         "results": .array(results.map { resultJSON($0, graph: g) })]
    }

    static func featuresText(_ features: [MatchFeature]) -> String {
        features.map { "\($0.name) \(scoreText($0.score)) (\($0.detail))" }.joined(separator: "; ")
    }

    static func searchText(query: String, threshold: Double, results: [MatchResult], graph g: Graph) -> String {
        var out = "search '\(OutputSafety.terminal(query))' (\(MatchAlgorithm.label), match at \(scoreText(threshold))): "
            + "\(results.count) result(s)\n"
        for r in results {
            out += "  \(scoreText(r.score).padding(toLength: 6, withPad: " ", startingAt: 0)) \(r.match ? "match   " : "no-match") "
                + label(g, r.entity) + "\n      " + OutputSafety.terminal(featuresText(r.features)) + "\n"
        }
        return out
    }

    static func searchCSV(_ results: [MatchResult], graph g: Graph) -> String {
        var out = OutputSafety.csvLine(["rank", "id", "name", "kind", "jurisdiction", "score", "match", "features"], spreadsheetSafe: true)
        for (i, r) in results.enumerated() {
            out += OutputSafety.csvLine([String(i + 1), r.id, r.name, g.kind(r.entity).description, g.jurisdiction(r.entity) ?? "",
                                         scoreText(r.score), r.match ? "true" : "false",
                                         r.features.map { "\($0.name)=\(scoreText($0.score))" }.joined(separator: ";")],
                                        spreadsheetSafe: true)
        }
        return out
    }
}
