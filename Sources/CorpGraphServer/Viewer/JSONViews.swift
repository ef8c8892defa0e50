import CorpGraph
import CorpGraphIO
import Foundation

extension JSONValue {
    subscript(_ key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
    var stringValue: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }
    var arrayValue: [JSONValue] {
        if case .array(let a) = self { return a }
        return []
    }
}

/// An exposure report's paths as an ordered list, each hop with its kind, share, relationship ids and sources.
enum ExposureList {
    static func html(_ report: JSONValue, graph g: Graph, linkQuery: [(String, String?)]) -> String {
        guard let subject = report["subjects"]?.arrayValue.first else { return "<p class=\"sub\">No result.</p>" }
        var s = ""
        if let reasons = subject["selfReasons"]?.arrayValue, !reasons.isEmpty {
            s +=
                "<p class=\"problem\">The subject is itself a target: \(HTML.escape(reasons.compactMap(\.stringValue).joined(separator: "; ")))</p>"
        }
        let paths = subject["paths"]?.arrayValue ?? []
        if paths.isEmpty {
            return s + "<p class=\"sub\" id=\"no-paths\">No exposure path within the depth on this date.</p>"
        }
        let targets = Set(paths.compactMap { $0["target"]?.stringValue })
        s +=
            "<p class=\"sub\">\(paths.count) path(s) to \(targets.count) target(s)"
            + (subject["truncated"] == .bool(true) ? "; <strong>truncated</strong> at the path limit" : "")
            + ".</p><ol class=\"paths\" id=\"paths\">"
        for p in paths {
            let target = p["target"]?.stringValue ?? ""
            let nodes = (p["nodes"]?.arrayValue ?? []).compactMap(\.stringValue)
            s +=
                "<li class=\"path\"><div>"
                + nodes.map { id in
                    let name = g.index(of: id).map { g.name($0) } ?? id
                    return
                        "<a href=\"\(HTML.link("/view/entities/" + HTML.urlComponent(id), linkQuery))\">\(Page.name(name))</a>"
                }.joined(separator: " → ") + "</div>"
            s +=
                "<div>target <code class=\"target\">\(HTML.escape(target))</code>: \(HTML.escape((p["reasons"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "; ")))"
            if let strength = p["strength"]?.stringValue { s += " · strength \(HTML.escape(strength))" }
            s += "</div><ul class=\"hops\">"
            for hop in p["hops"]?.arrayValue ?? [] {
                // The relationship as the data states it (holder first), whichever way the walk went.
                let from = HTML.escape(hop["from"]?.stringValue ?? ""), to = HTML.escape(hop["to"]?.stringValue ?? "")
                let kind = HTML.escape(hop["kind"]?.stringValue ?? "")
                let up = hop["direction"]?.stringValue == "up"
                var h = up ? "\(to) \(kind) \(from) (walked up)" : "\(from) \(kind) \(to)"
                if let share = hop["share"] { h += " · share " + HTML.escape(shareText(share)) }
                let ids =
                    (hop["relationships"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
                    + (hop["payments"]?.arrayValue ?? []).flatMap {
                        ($0["ids"]?.arrayValue ?? []).compactMap(\.stringValue)
                    }
                if !ids.isEmpty { h += " · <code>\(HTML.escape(ids.joined(separator: ", ")))</code>" }
                for pay in hop["payments"]?.arrayValue ?? [] {
                    let totals = (pay["totals"]?.arrayValue ?? []).map {
                        // Grouped digits, as the CLI's text and the diagrams spell amounts (945,000 USDT).
                        let amount = $0["amount"]?.stringValue
                        let grouped = amount.flatMap { Decimal(string: $0) }.map(NumberText.grouped) ?? amount ?? ""
                        return "\(grouped) \($0["currency"]?.stringValue ?? "")"
                    }
                    h +=
                        " · \(HTML.escape(pay["count"]?.stringValue ?? "")) payment(s) \(HTML.escape(totals.joined(separator: ", ")))"
                        + " \(HTML.escape(pay["first"]?.stringValue ?? ""))–\(HTML.escape(pay["last"]?.stringValue ?? ""))"
                }
                let sources = (hop["sources"]?.arrayValue ?? []).map { src -> String in
                    let title = HTML.escape(src["title"]?.stringValue ?? src["url"]?.stringValue ?? "source")
                    return src["url"]?.stringValue.flatMap(HTML.safeHref).map {
                        "<a href=\"\($0)\" rel=\"noreferrer noopener\">\(title)</a>"
                    } ?? title
                }
                if !sources.isEmpty { h += " · evidence: " + sources.joined(separator: ", ") }
                s += "<li>\(h)</li>"
            }
            s += "</ul></li>"
        }
        return s + "</ol>"
    }

    static func shareText(_ share: JSONValue) -> String {
        switch share {
        case .null: "unknown"
        case .number(let n): n + " %"
        case .string(let t): t
        default: "\(share["min"]?.stringValue ?? "?")–\(share["max"]?.stringValue ?? "?") %"
        }
    }
}

/// A status for people: `not` is "not blocked" (escaped).
func statusLabel(_ status: String?) -> String {
    guard let status else { return "" }
    return status == "not" ? "not blocked" : HTML.escape(status)
}

/// A `blocked --explain` explanation as a nested list: status and basis, the holdings and controls it rests on,
/// each with the owner's own explanation below it.
enum ExplanationTree {
    static func html(_ x: JSONValue, top: Bool = false, depth: Int = 0) -> String {
        let status = x["status"]?.stringValue ?? "unknown"
        let label = statusLabel(status)
        var s = "<span class=\"status status-\(HTML.escape(status))\">\(label)</span>"
        if !top { s = "\(HTML.escape(x["id"]?.stringValue ?? "")) " + s }
        if let basis = x["basis"]?.stringValue { s += " · basis \(HTML.escape(basis))" }
        if let sum = x["sumPercent"] {
            s += " · owned \(HTML.escape(ExposureList.shareText(sum))) by blocked or listed holders"
        }
        if let test = x["ownershipTest"]?.stringValue { s += " · test \(HTML.escape(test))" }
        if x["seeAbove"] == .bool(true) { return s + " (see above)" }
        if top, let rule = x["rule"]?.stringValue { s += "<div class=\"sub\">\(HTML.escape(rule))</div>" }
        var children: [String] = []
        for d in x["designations"]?.arrayValue ?? [] {
            children.append(
                "listed on \(HTML.escape(d["list"]?.stringValue ?? ""))"
                    + (d["listed"]?.stringValue.map { " since \(HTML.escape($0))" } ?? ""))
        }
        for d in x["designationsNotCounted"]?.arrayValue ?? [] {
            children.append(
                "\(HTML.escape(d["list"]?.stringValue ?? "")) not counted: \(HTML.escape(d["reason"]?.stringValue ?? ""))"
            )
        }
        guard depth < 8 else { return s }
        for h in x["holdings"]?.arrayValue ?? [] {
            var c =
                "held \(HTML.escape(ExposureList.shareText(h["share"] ?? .null))) by \(HTML.escape(h["owner"]?.stringValue ?? "")) (\(statusLabel(h["ownerStatus"]?.stringValue)))"
            if let because = h["because"] { c += html(because, depth: depth + 1) }
            children.append(c)
        }
        for ctl in x["controls"]?.arrayValue ?? [] {
            var c =
                "controlled by \(HTML.escape(ctl["controller"]?.stringValue ?? "")) (\(statusLabel(ctl["controllerStatus"]?.stringValue)); \(HTML.escape(ctl["controlType"]?.stringValue ?? "")), \(HTML.escape(ctl["effect"]?.stringValue ?? "")))"
            if let because = ctl["because"] { c += html(because, depth: depth + 1) }
            children.append(c)
        }
        for n in x["notCounted"]?.arrayValue ?? [] {
            children.append(
                "not counted: \(HTML.escape(n["owner"]?.stringValue ?? "")): \(HTML.escape(n["reason"]?.stringValue ?? ""))"
            )
        }
        if !children.isEmpty { s += "<ul class=\"tree\">" + children.map { "<li>\($0)</li>" }.joined() + "</ul>" }
        return s
    }
}
