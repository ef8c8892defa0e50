import CorpGraph
import Mustache

/// The index page of a batch of reports (`report --all -o DIR/`): one line per subject with its verdict and a link.
public enum CaseIndex {
    static let template = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>corpgraph case reports as of {{asOf}}</title>
        <style>body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; font-size: 10pt; max-width: 190mm; margin: 0 auto; }
        table { border-collapse: collapse; width: 100%; } th, td { border-bottom: 1px solid #e0e0e0; padding: 3px 6px; text-align: left; }
        .self, .exposed { color: #c62828; font-weight: bold; }</style>
        </head>
        <body>
        <h1>Case reports as of {{asOf}}</h1>
        <p>{{count}} subject(s) exposed or themselves targets.</p>
        <table><tr><th>Subject</th><th>Name</th><th>Exposure</th></tr>
        {{#entries}}<tr><td><a href="{{file}}">{{id}}</a></td><td>{{name}}</td><td class="{{verdict}}">{{verdict}}</td></tr>{{/entries}}
        </table>
        </body>
        </html>

        """

    public static func html(asOf: CalendarDate, entries: [(id: String, name: String, file: String, verdict: String)])
        -> String
    {
        // The template is a constant: it parses (a test renders it).
        let parsed = try! MustacheTemplate(string: template)
        let context: [String: Any] = [
            "asOf": asOf.description, "count": entries.count,
            "entries": entries.map { ["id": $0.id, "name": $0.name, "file": $0.file, "verdict": $0.verdict] },
        ]
        return parsed.render(context)
    }
}
