import CorpGraph
import Foundation
import CorpGraphRender
import Mustache

/// Why the HTML could not be written.
public struct CaseReportError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension CaseReport {
    /// The report as one self-contained HTML page (inline CSS and SVG, no script), through a Mustache template: every
    /// value escaped by the template engine.
    public func html() throws(CaseReportError) -> String {
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: CaseReportTemplate.page)
        } catch {
            throw CaseReportError("the report template does not parse: \(error)")
        }
        var subjectContexts: [[String: Any]] = []
        for (n, subject) in subjects.enumerated() {
            subjectContexts.append(try subject.htmlContext(number: n))
        }
        let context: [String: Any] = [
            "title": subjects.map(\.name).joined(separator: ", "),
            "asOf": asOf.description,
            "regimes": regimes.map { $0.uppercased() }.joined(separator: ", "),
            "reportID": reportID,
            "generatedBy":
                "\(generatedBy.tool) \(generatedBy.version) (\(generatedBy.algorithms.joined(separator: ", ")))",
            "subjects": subjectContexts,
            "inputs": provenance.inputs.map { i -> [String: Any] in
                [
                    "path": i.path, "format": i.format, "size": NumberText.grouped(Decimal(i.size)) + " B",
                    "sha256": i.sha256,
                    "loaded": NumberText.grouped(Decimal(i.loaded)), "leftOut": NumberText.grouped(Decimal(i.leftOut)),
                ]
            },
            "policyOrigin": provenance.policyOrigin,
            "hasListVersions": !provenance.listVersions.isEmpty,
            "listVersions": provenance.listVersions.joined(separator: "; "),
            "methodNotes": methodNotes,
            "disclaimer": disclaimer,
        ]
        return template.render(context)
    }
}

extension SubjectCase {
    func htmlContext(number: Int) throws(CaseReportError) -> [String: Any] {
        var diagram: [String: Any]?
        if let diagramDOT {
            do {
                let svg = try GraphvizEngine.render(diagramDOT, format: .svg)
                diagram = ["svg": SVGInline.body(String(decoding: svg.data, as: UTF8.self)), "caption": diagramCaption]
            } catch {
                throw CaseReportError("the exposure diagram of \(id) could not be drawn: \(error.description)")
            }
        }
        var context: [String: Any] = [
            "anchor": number + 1, "id": id, "name": name, "kind": kind,
            "identifiers": identifiers.map { ["scheme": $0.scheme.uppercased(), "value": $0.value] },
            "exposure": exposure.verdict.rawValue, "exposureUpper": exposure.verdict.rawValue.uppercased(),
            "findings": findings, "scope": exposure.scope,
            "hasDesignations": !designations.isEmpty,
            "designations": designations.map { d -> [String: Any] in
                [
                    "list": d.list, "program": d.program ?? "—", "listed": d.listed?.description ?? "date unknown",
                    "delisted": d.delisted?.description ?? "—", "inForce": d.inForce ? "yes" : "no",
                ]
            },
            "paths": paths.enumerated().map { i, p -> [String: Any] in
                [
                    "number": i + 1, "target": p.target, "targetName": p.targetName,
                    "reasons": p.reasons.map(\.code).joined(separator: "; "), "strength": p.strength,
                    "hops": p.hops.enumerated().map { j, h -> [String: Any] in
                        [
                            "number": j + 1, "from": h.from, "fromName": h.fromName, "to": h.to, "toName": h.toName,
                            "facts": h.facts,
                            "sources": h.sources.map { s -> [String: Any] in
                                var out: [String: Any] = ["title": s.title]
                                if let url = s.url, WebAddress.isLinkable(url) { out["url"] = url }
                                let detail = [s.retrieved.map { "retrieved \($0)" }, s.record.map { "record \($0)" }]
                                    .compactMap { $0 }.joined(separator: ", ")
                                if !detail.isEmpty { out["detail"] = detail }
                                return out
                            },
                        ]
                    },
                ]
            },
            "pathsTruncated": pathsTruncated,
            "regimes": regimeVerdicts.map { v -> [String: Any] in
                var out: [String: Any] = [
                    "regime": v.regime.uppercased(), "status": v.status.rawValue,
                    "statusUpper": v.status.rawValue.uppercased(), "rule": v.rule,
                    "derivation": v.derivation.map {
                        ["indent": String(repeating: "    ", count: $0.depth), "text": $0.text]
                    },
                ]
                if let lists = v.countedLists { out["countedLists"] = lists.joined(separator: ", ") }
                if let r = v.range {
                    out["range"] = [
                        "minimum": r.minimum, "maximum": r.maximum,
                        "verdict": r.holdsAcrossRange
                            ? "the verdict holds across the range."
                            : "the verdict depends on the exact share.",
                    ]
                }
                return out
            },
            "hasOwners": !owners.isEmpty,
            "ownersNote": ownersNote ?? "No owners.",
            "owners": owners.map { o -> [String: Any] in
                [
                    "id": o.id, "name": o.name, "kind": o.kind, "effective": o.effective,
                    "bo": o.beneficialOwner ? "yes" : "no", "chains": o.chains,
                ]
            },
        ]
        if let jurisdiction { context["jurisdiction"] = jurisdiction }
        if let diagram { context["diagram"] = diagram }
        return context
    }
}

/// Graphviz SVG made fit to inline in HTML.
enum SVGInline {
    /// The `<svg …>…</svg>` element without the XML declaration, DOCTYPE and generator comment before it.
    static func body(_ svg: String) -> String {
        guard let start = svg.range(of: "<svg") else { return "" }
        return String(svg[start.lowerBound...])
    }
}
