import Hummingbird

/// The viewer's HTML shell: one stylesheet from this server, no script, every interpolated value escaped by the
/// caller through ``HTML/escape(_:)``.
enum Page {
    static func html(title: String, body: String, status: HTTPResponse.Status = .ok) -> Response {
        let doc = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title)) · corpgraph</title>
            <link rel="stylesheet" href="/view/static/viewer.css">
            </head><body>
            <header class="top"><a class="brand" href="/view">corpgraph</a>
            <form class="search" method="get" action="/view/search"><input type="search" name="q" placeholder="Search names, ids or identifiers (lei:…)" aria-label="Search">
            <button type="submit">Search</button></form></header>
            <main>
            \(body)
            </main>
            <footer>corpgraph supports analysts; it is not legal advice. Check the rule text and the facts.</footer>
            </body></html>

            """
        return Response.bytes(Array(doc.utf8), contentType: "text/html; charset=utf-8", status: status)
    }

    /// A problem as an HTML page (unknown entity with links to the suggestions, bad parameter).
    static func problem(_ p: Problem) -> Response {
        var body = "<h1>\(p.status.code) \(HTML.escape(p.title))</h1><p class=\"problem\">\(HTML.escape(p.detail))</p>"
        if !p.suggestions.isEmpty {
            body +=
                "<p>Did you mean:</p><ul>"
                + p.suggestions.map {
                    "<li><a href=\"/view/entities/\(HTML.escape(HTML.urlComponent($0)))\">\(HTML.escape($0))</a></li>"
                }.joined() + "</ul>"
        }
        return html(title: p.title, body: body, status: p.status)
    }

    /// `<bdi>` keeps a right-to-left name from reordering the text around it.
    static func name(_ s: String) -> String { "<bdi>\(HTML.escape(s))</bdi>" }

    static func entityLink(id: String, name: String, query: [(String, String?)] = []) -> String {
        "<a href=\"\(HTML.link("/view/entities/" + HTML.urlComponent(id), query))\">\(Page.name(name))</a> <code>\(HTML.escape(id))</code>"
    }

    static let stylesheet = """
        :root { --fg:#1d232a; --muted:#5b6570; --line:#d7dde3; --accent:#1565c0; --bad:#c62828; --warn:#ef6c00; --ok:#2e7d32; }
        * { box-sizing: border-box; }
        body { margin:0; font:14px/1.45 "Noto Sans", "Noto Sans CJK JP", system-ui, sans-serif; color:var(--fg); background:#f6f8fa; }
        header.top { display:flex; gap:1rem; align-items:center; padding:.6rem 1.2rem; background:#fff; border-bottom:1px solid var(--line); }
        .brand { font-weight:700; color:var(--fg); text-decoration:none; font-size:1.1rem; }
        form.search { display:flex; gap:.4rem; flex:1; max-width:36rem; }
        form.search input { flex:1; padding:.35rem .5rem; border:1px solid var(--line); border-radius:4px; }
        button { padding:.35rem .8rem; border:1px solid var(--accent); background:var(--accent); color:#fff; border-radius:4px; cursor:pointer; }
        main { padding:1rem 1.2rem; max-width:80rem; }
        footer { padding:1rem 1.2rem; color:var(--muted); font-size:.85rem; }
        h1 { margin:.2rem 0 .2rem; font-size:1.5rem; }
        h2 { font-size:1.1rem; margin:1.4rem 0 .5rem; border-bottom:1px solid var(--line); padding-bottom:.2rem; }
        .sub { color:var(--muted); margin:0 0 .8rem; }
        section.card { background:#fff; border:1px solid var(--line); border-radius:6px; padding:.6rem 1rem 1rem; margin-bottom:1rem; }
        table { border-collapse:collapse; width:100%; }
        th, td { text-align:left; padding:.25rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
        th { color:var(--muted); font-weight:600; }
        code { font-size:.85em; color:var(--muted); }
        form.controls { display:flex; flex-wrap:wrap; gap:.8rem; align-items:flex-end; }
        form.controls label { display:flex; flex-direction:column; font-size:.8rem; color:var(--muted); }
        form.controls input, form.controls select { padding:.25rem .4rem; border:1px solid var(--line); border-radius:4px; }
        .status { display:inline-block; padding:.05rem .45rem; border-radius:3px; font-weight:600; font-size:.85rem; }
        .status-listed { background:#ffcdd2; color:var(--bad); }
        .status-blocked { background:#ffe0b2; color:var(--warn); }
        .status-undetermined { background:#fff9c4; color:#8d6e00; }
        .status-not { background:#e8f5e9; color:var(--ok); }
        ol.paths > li { margin-bottom:.7rem; }
        ul.hops { margin:.2rem 0 0; padding-left:1.2rem; color:var(--muted); }
        ul.tree { list-style:none; padding-left:1rem; border-left:2px solid var(--line); margin:.2rem 0; }
        .diagram { overflow:auto; border:1px solid var(--line); background:#fff; padding:.5rem; max-height:70vh; }
        .diagram img { max-width:none; }
        .downloads a { margin-right:.8rem; }
        .more { color:var(--muted); }
        .problem { color:var(--bad); }
        """
}
