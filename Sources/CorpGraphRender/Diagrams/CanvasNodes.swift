import CorpGraph
import Foundation

extension DiagramCanvas {

    /// DOT node ids are entity ids; diagram furniture gets an id no entity has.
    func reservedID(_ base: String) -> String {
        var id = "corpgraph:" + base
        while graph.index(of: id) != nil { id += "_" }
        return id
    }

    func node(_ v: Int, role: NodeRole = .plain) -> DOTNode {
        let listed = listings(v)
        let derived = options.derivedStatus[v]
        let sanctioned = sanctionedJurisdiction(v)
        var details: [(String, String?)] = []  // (text, colour)
        var idLine = graph.id(v) + " · " + graph.kind(v).description
        if let code = graph.jurisdiction(v) {
            let isSubdivision = code.utf8.contains(UInt8(ascii: "-"))
            if isSubdivision || !plan.clusters {
                idLine += " · " + code
                if let name = jurisdictionName(code) { details.append((name, nil)) }
            }
        }
        details.insert((idLine, nil), at: 0)
        let isTarget: Bool = if case .target = role { true } else { false }
        // A target's reasons say why it is listed or sanctioned; do not say it twice.
        for d in listed where !isTarget {
            var text = "listed " + d.list
            if let listedDay = d.listed { text += " since \(listedDay)" }
            details.append((text, nil))
        }
        switch derived {
        case .blocked:
            details.append(("blocked by ownership" + (options.regimeName.map { " (\($0.uppercased()))" } ?? ""), nil))
        case .undetermined:
            details.append(("status undetermined" + (options.regimeName.map { " (\($0.uppercased()))" } ?? ""), nil))
        case nil: break
        }
        // The country box already says "sanctioned" when the whole country is; say it in the node otherwise
        // (a sanctioned subdivision such as UA-43, or no boxes under sfdp).
        if let sanctioned, !isTarget, !(plan.clusters && !sanctioned.utf8.contains(UInt8(ascii: "-"))) {
            let name = jurisdictionName(sanctioned).map { " (\($0))" } ?? ""
            details.append(("sanctioned jurisdiction " + sanctioned + name, style.sanctionedBorder))
        }
        if case .target(let reasons) = role {
            for r in reasons { details.append(("target: " + describe(reason: r), style.pathColor)) }
        }

        let fill: String? =
            if !listed.isEmpty { style.listedFill } else if derived == .blocked {
                style.blockedFill
            } else if derived == .undetermined { style.undeterminedFill } else if role == .subject {
                style.subjectFill
            } else { nil }
        let name = graph.name(v).allSatisfy(\.isWhitespace) ? "(no name)" : graph.name(v)
        var label = HTMLLabel.font(
            .text(
                DiagramCanvas.wrap(name, columns: style.nameColumns, lines: style.nameLines)
                    .joined(separator: "\n")), bold: true)
        for (text, colour) in details {
            // On a coloured fill, grey and red detail text is unreadable: use the text colour.
            let c = fill == nil ? colour ?? style.detailColor : style.textOnFill
            label =
                label + HTMLLabel.text("\n")
                + .font(
                    .text(DiagramCanvas.wrap(text, columns: 44, lines: 3).joined(separator: "\n")),
                    pointSize: style.fontSize - 2, color: c)
        }

        var a: DOTAttributes = [
            "label": .html(label), "shape": .text(style.shape(for: graph.kind(v))),
            "tooltip": .text(graph.id(v)),
        ]
        if let fill { a["fillcolor"] = .text(fill) }
        if sanctioned != nil {
            a["peripheries"] = 2
            a["color"] = .text(style.sanctionedBorder)
        }
        if role == .subject { a["penwidth"] = 3 }
        if case .target = role { a["penwidth"] = 2 }
        return DOTNode(graph.id(v), a)
    }

    /// Human text for an exposure reason: `sanctioned jurisdiction RU (Russia) via RU-IRK`, `listed on OFAC-SDN since
    /// 2022-04-05`, `blocked (derived): ofac ownership by person-s, person-t`, `undetermined (derived): eu control by
    /// person-s`, `held by person-s, OFAC-SDN`.
    func describe(reason: TargetReason) -> String {
        switch reason {
        case .jurisdiction(let entry, let via):
            return "sanctioned jurisdiction " + entry + (jurisdictionName(entry).map { " (\($0))" } ?? "")
                + (via.map { " via " + $0 } ?? "")
        case .list:
            return "listed on " + reason.code.dropFirst("list:".count)
        case .derived(let regime, let status, let basis, let by):
            // "blocked (derived): ofac ownership by person-s"; undetermined ones say so instead of "blocked".
            var s = (status == .undetermined ? "undetermined (derived): " : "blocked (derived): ") + regime
            if let basis { s += " \(basis)" + (by.isEmpty ? "" : " by " + by.joined(separator: ", ")) }
            return s
        case .heldBy(let holder, let lists):
            return "held by " + ([holder] + lists).joined(separator: ", ")
        }
    }
}
