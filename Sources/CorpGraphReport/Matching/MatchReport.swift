import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import Foundation

/// Text, CSV and JSON of search results (DESIGN §10).
public enum MatchReport {
    /// `--country ru,us` / `country=ru,us`: ISO codes, upper-cased (`RU` also matches `RU-MOW`).
    public static func countryCodes(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
    }

    public static func score(_ x: Double) -> JSONValue { .number(x, digits: 4) }

    public static func scoreText(_ x: Double) -> String {
        guard case .number(let s) = score(x) else { return "?" }
        return s
    }

    public static func featuresJSON(_ features: [MatchFeature]) -> JSONValue {
        .object(
            Dictionary(
                features.map { ($0.name, ["score": score($0.score), "detail": .string($0.detail)] as JSONValue) },
                uniquingKeysWith: { a, _ in a }))
    }

    public static func resultJSON(_ r: MatchResult, graph g: Graph) -> JSONValue {
        [
            "id": .string(r.id), "name": .string(r.name), "kind": .string(g.kind(r.entity).description),
            "jurisdiction": .string(g.jurisdiction(r.entity)), "score": score(r.score), "match": .bool(r.match),
            "features": featuresJSON(r.features),
        ]
    }

    public static func searchJSON(query: String, threshold: Double, results: [MatchResult], graph g: Graph) -> JSONValue
    {
        [
            "query": .string(query), "algorithm": .string(MatchAlgorithm.label), "threshold": score(threshold),
            "results": .array(results.map { resultJSON($0, graph: g) }),
        ]
    }

    public static func featuresText(_ features: [MatchFeature]) -> String {
        features.map { "\($0.name) \(scoreText($0.score)) (\($0.detail))" }.joined(separator: "; ")
    }

    public static func searchText(query: String, threshold: Double, results: [MatchResult], graph g: Graph) -> String {
        var out =
            "search '\(OutputSafety.terminal(query))' (\(MatchAlgorithm.label), match at \(scoreText(threshold))): "
            + "\(results.count) result(s)\n"
        for r in results {
            out +=
                "  \(scoreText(r.score).padding(toLength: 6, withPad: " ", startingAt: 0)) \(r.match ? "match   " : "no-match") "
                + entityLabel(g, r.entity) + "\n      " + OutputSafety.terminal(featuresText(r.features)) + "\n"
        }
        return out
    }

    public static func searchCSV(_ results: [MatchResult], graph g: Graph) -> String {
        var out = OutputSafety.csvLine(
            ["rank", "id", "name", "kind", "jurisdiction", "score", "match", "features"], spreadsheetSafe: true)
        for (i, r) in results.enumerated() {
            out += OutputSafety.csvLine(
                [
                    String(i + 1), r.id, r.name, g.kind(r.entity).description, g.jurisdiction(r.entity) ?? "",
                    scoreText(r.score), r.match ? "true" : "false",
                    r.features.map { "\($0.name)=\(scoreText($0.score))" }.joined(separator: ";"),
                ],
                spreadsheetSafe: true)
        }
        return out
    }
}
