import CorpGraph
import CorpGraphIO
import CorpGraphReport

/// `/view/entities/{id}`: facts, identifiers, designations, sources; status per regime with the explanation tree;
/// exposure paths with each hop's evidence and the diagram; look-through owners; neighbours a page at a time.
struct EntityPage {
    let state: ServiceState
    let entity: Int
    let controls: ViewerControls
    var g: Graph { state.graph }

    var body: String {
        get throws {
            let report = EntityReport(g, entity: entity, asOf: controls.asOf, registry: state.registry)
            var out = header(report)
            out += controlsForm
            out += facts(report)
            out += try statusSection
            out += try exposureSection
            out += try ownersSection
            out += neighboursSection
            return out
        }
    }

    private var selfPath: String { "/view/entities/" + HTML.urlComponent(g.id(entity)) }

    private func header(_ r: EntityReport) -> String {
        let e = r.entity
        var s =
            "<h1 id=\"entity-name\">\(Page.name(e.name))</h1><p class=\"sub\"><code id=\"entity-id\">\(HTML.escape(e.id))</code> · \(HTML.escape(e.kind.description))"
        if let j = e.jurisdiction {
            s += " · \(HTML.escape(j))" + (r.jurisdictionName.map { " (\(HTML.escape($0)))" } ?? "")
        }
        s += " · as of \(HTML.escape(controls.asOf.description))</p>"
        return s
    }

    private var controlsForm: String {
        func option(_ value: String, _ current: String) -> String {
            "<option value=\"\(HTML.escape(value))\"\(value == current ? " selected" : "")>\(HTML.escape(value))</option>"
        }
        var regimes = ViewerControls.regimes
        if !regimes.contains(controls.regime) { regimes.append(controls.regime) }
        return """
            <section class="card"><form class="controls" method="get" action="\(HTML.escape(selfPath))">
            <label>As of<input type="date" name="asOf" value="\(HTML.escape(controls.asOf.description))"></label>
            <label>Direction<select name="direction">\(WalkDirection.allCases.map { option($0.rawValue, controls.direction.rawValue) }.joined())</select></label>
            <label>Depth<input type="number" name="maxDepth" min="1" max="\(state.limits.maxDepth)" value="\(controls.maxDepth)"></label>
            <label>Kinds<input type="text" name="via" placeholder="owns,controls,directs,operates,pays" value="\(HTML.escape(controls.via ?? ""))"></label>
            <label>Regime<select name="regime">\(regimes.map { option($0, controls.regime) }.joined())</select></label>
            <button type="submit">Apply</button></form></section>
            """
    }

    private func facts(_ r: EntityReport) -> String {
        let e = r.entity
        var s = "<section class=\"card\" id=\"facts\"><h2>Facts</h2><table>"
        if !e.aliases.isEmpty {
            s += "<tr><th>Aliases</th><td>\(e.aliases.map(Page.name).joined(separator: "; "))</td></tr>"
        }
        for (k, v) in e.identifiers.sorted(by: { $0.key < $1.key }) {
            s += "<tr><th>\(HTML.escape(k))</th><td>\(HTML.escape(v))</td></tr>"
        }
        if !e.tags.isEmpty { s += "<tr><th>Tags</th><td>\(HTML.escape(e.tags.joined(separator: ", ")))</td></tr>" }
        s += "</table><h2>Designations</h2>"
        if e.designations.isEmpty {
            s += "<p class=\"sub\">None.</p>"
        } else {
            s +=
                "<table id=\"designations\"><tr><th>List</th><th>Program</th><th>Listed</th><th>Delisted</th><th>On \(HTML.escape(controls.asOf.description))</th></tr>"
            for d in e.designations {
                s +=
                    "<tr><td>\(HTML.escape(d.list))</td><td>\(HTML.escape(d.program ?? ""))</td><td>\(HTML.escape(d.listed?.description ?? ""))</td>"
                    + "<td>\(HTML.escape(d.delisted?.description ?? ""))</td><td>\(d.isInForce(on: controls.asOf) ? "in force" : "not in force")</td></tr>"
            }
            s += "</table>"
        }
        s += "<h2>Sources</h2>" + sourcesList(e.sources) + "</section>"
        return s
    }

    func sourcesList(_ sources: [SourceRef]) -> String {
        if sources.isEmpty { return "<p class=\"sub\">None given.</p>" }
        return "<ul class=\"sources\">"
            + sources.map { src in
                let title = HTML.escape(src.title ?? src.url ?? "source")
                var li =
                    src.url.flatMap(HTML.safeHref).map { "<a href=\"\($0)\" rel=\"noreferrer noopener\">\(title)</a>" }
                    ?? title
                if let url = src.url, HTML.safeHref(url) == nil { li += " <code>\(HTML.escape(url))</code>" }
                if let d = src.retrieved { li += " · retrieved \(HTML.escape(d.description))" }
                if let q = src.quote { li += " · “\(HTML.escape(q))”" }
                return "<li>\(li)</li>"
            }.joined() + "</ul>"
    }

    private var statusSection: String {
        get throws {
            var s = "<section class=\"card\" id=\"status\"><h2>Sanctions status</h2><table>"
            var regimes = ViewerControls.regimes
            if !regimes.contains(controls.regime) { regimes.append(controls.regime) }
            for regime in regimes {
                let x = try state.backend.explanation(
                    regime: regime, asOf: controls.asOf, entity: entity, in: state.dataset)
                s +=
                    "<tr><th>\(HTML.escape(regime.uppercased()))</th><td>\(ExplanationTree.html(x, top: true))</td></tr>"
            }
            return s + "</table></section>"
        }
    }

    private var exposureQuery: ExposureQuery {
        ExposureQuery(
            subject: entity, asOf: controls.asOf, direction: controls.direction, maxDepth: controls.maxDepth,
            kinds: controls.kinds, limit: 50)
    }

    private var exposureSection: String {
        get throws {
            let json = try state.backend.exposure(exposureQuery, in: state.dataset)
            let items: [(String, String?)] = [
                ("subject", g.id(entity)), ("asOf", controls.asOf.description),
                ("direction", controls.direction.rawValue), ("maxDepth", String(controls.maxDepth)),
                ("via", controls.via),
            ]
            var s = "<section class=\"card\" id=\"exposure\"><h2>Exposure paths</h2>"
            s += ExposureList.html(json, graph: g, linkQuery: controls.items)
            s +=
                "<h2>Exposure diagram</h2><div class=\"diagram\"><img id=\"exposure-diagram\" alt=\"Exposure diagram\" src=\""
                + HTML.link(
                    "/v1/render", items + [("exposure", "true"), ("format", "svg"), ("regime", controls.regime)])
                + "\"></div>"
            s += "<p class=\"downloads\">Download: "
            for f in ["svg", "png", "dot"] {
                s +=
                    "<a download href=\"\(HTML.link("/v1/render", items + [("exposure", "true"), ("format", f), ("regime", controls.regime)]))\">\(f.uppercased())</a>"
            }
            s += "<a download href=\"\(HTML.link("/v1/exposure", items))\">JSON</a></p></section>"
            return s
        }
    }

    private var ownersSection: String {
        get throws {
            let options = LookThroughOptions(
                asOf: controls.asOf, maxChains: 1, pathLimit: 100_000, chainSearchLimit: 10_000)
            let r = try LookThroughOwnership.compute(graph: g, subject: entity, direction: .of, options: options)
            var s = "<section class=\"card\" id=\"owners\"><h2>Look-through owners</h2>"
            if r.entries.isEmpty { return s + "<p class=\"sub\">No owners on this date.</p></section>" }
            s +=
                "<table><tr><th>Owner</th><th>Role</th><th>Effective</th><th>Beneficial owner (≥ \(HTML.escape(r.threshold.description)) %)</th></tr>"
            for e in r.entries.prefix(25) {
                s +=
                    "<tr><td>\(Page.entityLink(id: e.id, name: e.name, query: controls.items))</td><td>\(HTML.escape(e.role.description))</td>"
                    + "<td>\(HTML.escape(OwnershipReport.effectiveText(e)))</td><td>\(e.beneficialOwner ? "yes" : "no")</td></tr>"
            }
            s += "</table>"
            if r.entries.count > 25 {
                s +=
                    "<p class=\"more\">… \(r.entries.count - 25) more (JSON: <a href=\"\(HTML.link("/v1/ownership", [("of", g.id(entity)), ("asOf", controls.asOf.description)]))\">all owners</a>)</p>"
            }
            return s + "</section>"
        }
    }

    private var neighboursSection: String {
        let page = 20
        let r = AdjacentReport(
            g, entity: entity, query: AdjacentQuery(asOf: controls.asOf, limit: page, offset: controls.offset))
        var s =
            "<section class=\"card\" id=\"neighbours\"><h2>Neighbours on \(HTML.escape(controls.asOf.description))</h2><p class=\"sub\">"
        s += r.counts.sorted { $0.key.rawValue < $1.key.rawValue }.map {
            "\(HTML.escape($0.key.description)): \($0.value.out) out, \($0.value.in) in"
        }.joined(separator: " · ")
        s += "</p><table><tr><th></th><th>Kind</th><th>Entity</th><th>Detail</th><th>From</th><th>To</th></tr>"
        for row in r.rows {
            let e = row.relationship
            let share = AdjacentReport.detail(g, e)
            s +=
                "<tr><td>\(row.outgoing ? "→" : "←")</td><td>\(HTML.escape(g.kind(ofRelationship: e).description))</td>"
                + "<td>\(Page.entityLink(id: g.id(row.neighbour), name: g.name(row.neighbour), query: controls.items))</td>"
                + "<td>\(HTML.escape(share))</td><td>\(HTML.escape(g.start(e)?.description ?? ""))</td><td>\(HTML.escape(g.end(e)?.description ?? ""))</td></tr>"
        }
        s += "</table>"
        if let next = r.nextOffset {
            s +=
                "<p class=\"more\"><a href=\"\(HTML.link(selfPath, controls.items + [("offset", String(next))]))\">\(r.total - next) more</a></p>"
        }
        return s + "</section>"
    }
}
