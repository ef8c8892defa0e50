import CorpGraph
import CorpGraphMatch
import CorpGraphReport

/// The search box's results page: the entity whose id is the text (if any), then what `/v1/search` finds (names,
/// aliases, identifiers through ``MatchIndex``), each with its score and whether it is a match.
enum ViewerSearch {
    static let limit = 50

    static func body(_ text: String, state: ServiceState) throws(Problem) -> String {
        let g = state.graph
        var body = "<h1>Results for “\(HTML.escape(text))”</h1>"
        var rows: [String] = []
        let exact = g.index(of: text)
        if let v = exact { rows.append(row(g, v, note: "id")) }
        let search = try MatchRoutes.SearchRequest(text: text, limit: limit)
        do {
            for r in try search.results(in: state) where r.entity != exact {
                rows.append(
                    row(g, r.entity, note: "\(MatchReport.scoreText(r.score)) \(r.match ? "match" : "no match")"))
            }
        } catch  where exact != nil {
            // An id that is no searchable name (`x-1`): the exact hit is the answer.
        }
        body +=
            rows.isEmpty
            ? "<p class=\"sub\">No entity id, name, alias or identifier matches this.</p>"
            : "<p class=\"sub\">\(MatchAlgorithm.label); score 0–1, a match at \(MatchReport.scoreText(search.options.threshold)) or above. "
                + "JSON: <a href=\"\(HTML.link("/v1/search", [("q", text)]))\">/v1/search</a></p><ul>" + rows.joined()
                + "</ul>"
        return body
    }

    static func row(_ g: Graph, _ v: Int, note: String) -> String {
        "<li>\(Page.entityLink(id: g.id(v), name: g.name(v))) · \(HTML.escape(g.kind(v).description))"
            + (g.jurisdiction(v).map { " · \(HTML.escape($0))" } ?? "")
            + " · <span class=\"sub\">\(HTML.escape(note))</span></li>"
    }
}
