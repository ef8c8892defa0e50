import CorpGraph

extension DiagramCanvas {
    /// What a drawing uses, so the legend explains only that.
    struct LegendUsage {
        var listed = false, blocked = false, undetermined = false, sanctioned = false, ended = false
        var subject: Bool
        var exposurePaths: Bool
        var edgeKinds: Set<RelationshipKind> = []
        var entityKinds: Set<EntityKind> = []
        var summaries: Bool

        init(
            canvas c: DiagramCanvas, entities: [Int], relationships: [Int], subject: Bool, exposurePaths: Bool,
            summaries: Bool = false
        ) {
            self.subject = subject
            self.summaries = summaries
            self.exposurePaths = exposurePaths
            for v in entities {
                entityKinds.insert(c.graph.kind(v))
                if !c.listings(v).isEmpty { listed = true }
                if c.options.derivedStatus[v] == .blocked { blocked = true }
                if c.options.derivedStatus[v] == .undetermined { undetermined = true }
                if c.sanctionedJurisdiction(v) != nil { sanctioned = true }
            }
            for e in relationships {
                edgeKinds.insert(c.graph.kind(ofRelationship: e))
                if c.state(e) == .ended { ended = true }
            }
        }
    }

    func legendLabel(_ usage: LegendUsage, sources: [SourceRef] = []) -> HTMLLabel {
        typealias Cell = HTMLLabel.Cell
        let small = style.fontSize - 2
        func text(_ s: String, _ colour: String? = nil, bold: Bool = false) -> HTMLLabel {
            .font(.text(s), pointSize: small, color: colour, bold: bold)
        }
        func swatch(_ colour: String, _ what: String) -> [Cell] {
            [Cell(text(" "), background: colour, width: 40), Cell(text(what))]
        }
        func line(_ sample: String, _ colour: String, _ what: String) -> [Cell] {
            [Cell(text(sample, colour, bold: true), align: "CENTER"), Cell(text(what, colour))]
        }
        var rows: [[Cell]] = [[Cell(text("Legend", bold: true), columnSpan: 2)]]
        let regime = options.regimeName.map { " (\($0.uppercased()))" } ?? ""
        if usage.listed { rows.append(swatch(style.listedFill, "listed on a counted sanctions list")) }
        if usage.blocked { rows.append(swatch(style.blockedFill, "blocked by ownership" + regime)) }
        if usage.undetermined {
            rows.append(swatch(style.undeterminedFill, "undetermined: unknown or ranged shares" + regime))
        }
        if usage.subject {
            rows.append(swatch(style.subjectFill, usage.exposurePaths ? "subject of the exposure search" : "subject"))
        }
        if usage.sanctioned {
            rows.append([
                Cell(text("□", style.sanctionedBorder, bold: true), align: "CENTER"),
                Cell(text("double red border: in a sanctioned jurisdiction", style.sanctionedBorder)),
            ])
        }
        if usage.exposurePaths { rows.append(line("━━▶", style.pathColor, "exposure path (bold)")) }
        let edgeRows: [(RelationshipKind, String, String)] = [
            (.owns, "——▶", "owns (share)"), (.pays, "- - ▶", "pays (amount, currency, date; repeats folded)"),
            (.controls, "···▶", "controls"), (.directs, "——▷", "directs"), (.operates, "——◆", "operates"),
        ]
        for (kind, sample, what) in edgeRows where usage.edgeKinds.contains(kind) {
            rows.append(line(sample, style.color(for: kind), what))
        }
        if usage.ended { rows.append(line("——", style.endedColor, "ended before the as-of date")) }
        for kind in EntityKind.allCases where usage.entityKinds.contains(kind) {
            rows.append([Cell(text(style.shape(for: kind)), align: "CENTER"), Cell(text(kind.description))])
        }
        if usage.summaries {
            rows.append([
                Cell(text("+N", bold: true), align: "CENTER"),
                Cell(text("more entities of one kind of link, summarised (--max-fan-out)")),
            ])
        }
        if !sources.isEmpty {
            rows.append([Cell(text("Sources", bold: true), columnSpan: 2)])
            for (i, s) in sources.enumerated() {
                let shown = DiagramCanvas.wrap(SourceNotes.describe(s), columns: 70, lines: 2).joined(separator: "\n")
                rows.append([Cell(text("[\(i + 1)]"), align: "CENTER"), Cell(text(shown))])
            }
        }
        return .table(rows, border: 1, cellBorder: 0, cellSpacing: 1, cellPadding: 2)
    }

}
