import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import CorpGraphRender
import Foundation

extension LayoutChoice: ExpressibleByArgument {}

/// `--subject ID --radius N`, `--as-of`, `--show-ended`: which part of the graph a diagram or export shows.
struct DiagramCutOptions: ParsableArguments {
    @Option(
        name: .customLong("subject"),
        help:
            "Draw only this entity's neighbourhood (an id, name:TEXT or SCHEME:VALUE); with render --exposure, repeat it to draw several subjects' exposure in one diagram."
    )
    var subjects: [String] = []

    /// The one subject of a neighbourhood cut.
    var subject: String? { subjects.first }

    @Option(help: "With --subject: how many relationships away from the subject to include (default 2).")
    var radius: Int?

    @OptionGroup var asOf: AsOfOption

    @Flag(
        name: .customLong("show-ended"),
        help: "Draw relationships that ended before the as-of date in grey instead of hiding them.")
    var showEnded = false

    @Option(
        help:
            "Colour entities blocked (orange) or undetermined (yellow) under this sanctions regime: ofac, eu, uk, one the policy defines, or none (default: the policy's regime, else ofac)."
    )
    var regime: String?

    func validate() throws {
        if radius != nil && subject == nil {
            throw ValidationError("--radius needs --subject ID: the radius counts relationships away from the subject.")
        }
        if let radius, radius < 0 { throw ValidationError("--radius must be 0 or more, got \(radius).") }
    }

    /// One subject id resolved against the graph (usage error with suggestions for an unknown id).
    static func resolve(_ reference: String, in graph: Graph) throws -> DiagramFocus {
        // An id, name:TEXT or SCHEME:VALUE.
        let byID = !reference.hasPrefix("name:") && Identifiers.parseReference(reference) == nil
        let id = graph.id(try resolveEntity(reference, in: graph, role: byID ? "subject id" : "subject"))
        do {
            return try DiagramFocus(subjectID: id, radius: 0, in: graph)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The focus, resolved against the graph (usage error with suggestions for an unknown id).
    func focus(in graph: Graph) throws -> DiagramFocus? {
        guard let subject else { return nil }
        if subjects.count > 1 {
            throw ValidationError("Several --subject apply to 'render --exposure' only; give one.")
        }
        // An id, name:TEXT or SCHEME:VALUE.
        let byID = !subject.hasPrefix("name:") && Identifiers.parseReference(subject) == nil
        let id = graph.id(try resolveEntity(subject, in: graph, role: byID ? "subject id" : "subject"))
        do {
            return try DiagramFocus(subjectID: id, radius: radius ?? 2, in: graph)
        } catch {
            throw ValidationError(error.description)
        }
    }

    func diagramOptions(_ dataset: LoadedDataset, layout: LayoutChoice, enforceLimits: Bool) throws -> DiagramOptions {
        let date = try asOf.date
        let (derived, regimeName) = try derivedStatuses(dataset, asOf: date)
        return DiagramOptions(
            datasetName: dataset.title, asOf: date, showEnded: showEnded, policy: dataset.policy,
            registry: try? ISOCodes.shared(), derivedStatus: derived, regimeName: regimeName,
            layout: layout, enforceLimits: enforceLimits, policyOrigin: dataset.policyOrigin)
    }

    /// Blocked and undetermined entities under `--regime` (listed ones are red from their own designations).
    private func derivedStatuses(_ dataset: LoadedDataset, asOf date: CalendarDate) throws -> (
        [Int: DerivedStatus], String?
    ) {
        let name = regime ?? dataset.policy.regime ?? "ofac"
        if name.lowercased() == "none" { return ([:], nil) }
        let analysis: SanctionsAnalysis
        do {
            analysis = try SanctionsAnalysis(
                graph: dataset.graph, regimeNamed: name, policy: dataset.policy, asOf: date)
        } catch let e as SanctionsAnalysis.UnknownRegime {
            throw ValidationError(e.description + " (or none)")
        } catch {
            throw InputError("\(error)")
        }
        var derived: [Int: DerivedStatus] = [:]
        for v in 0..<dataset.graph.entityCount {
            switch analysis.status(v) {
            case .blocked: derived[v] = .blocked
            case .undetermined: derived[v] = .undetermined
            case .listed, .notBlocked: break
            }
        }
        return (derived, analysis.regime.name)
    }
}

/// What `render -o FILE` writes, from the file's extension.
enum DiagramFileType: String, CaseIterable {
    case svg, png, pdf, dot

    init(path: String) throws {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let type = DiagramFileType(rawValue: ext) else {
            throw ValidationError(
                "Cannot tell the diagram format from '\(path)': the output file must end in "
                    + DiagramFileType.allCases.map { ".\($0.rawValue)" }.joined(separator: ", ") + ".")
        }
        self = type
    }

    var renderFormat: RenderFormat? {
        switch self {
        case .svg: .svg
        case .png: .png
        case .pdf: .pdf
        case .dot: nil
        }
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw the ownership diagram (or a subject's exposure paths) to SVG, PNG, PDF or DOT.",
        discussion: """
            Owners above what they own, arrows from holder to held, a share on every ownership edge, payments dashed \
            (repeats folded), control dotted, one box per country; listed entities red. The output file's extension \
            picks the format. Big graphs: --layout auto uses dot up to \(RenderLimits.standard.autoDotNodes) nodes, \
            sfdp above, and refuses above \(RenderLimits.standard.maxNodes) nodes; cut the graph with --subject ID \
            --radius N.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var cut: DiagramCutOptions

    @Flag(
        help: "Draw the subject's exposure paths to sanctioned targets instead of the ownership view (needs --subject)."
    )
    var exposure = false

    /// With --exposure: the exposure query (depth, kinds walked, direction, time order, derived targets).
    @OptionGroup(title: "Exposure query (with --exposure)") var query: ExposureQueryOptions

    @Option(help: "Layout engine.")
    var layout: LayoutChoice = .auto

    @Option(
        name: .customLong("max-fan-out"),
        help:
            "Past this many leaf neighbours on one side of an entity (payers, holdings, …), draw the rest as one '+N more' node with their totals; 0 draws all (ownership view only)."
    )
    var maxFanOut = 12

    @Flag(name: .customLong("hide-isolated"), help: "Leave out entities with no drawn relationship.")
    var hideIsolated = false

    @Flag(
        name: .customLong("fit-page"), inversion: .prefixedNo,
        help:
            "Give the drawing page-like proportions (at most 1.6:1 either way): wide rows of owners or payers are wrapped, then the layout is stretched along its short side (default on)."
    )
    var fitPage = true

    @Flag(
        inversion: .prefixedNo,
        help:
            "Number each relationship's sources and list them under the legend (default: on for --exposure). SVG always carries the sources as each edge's hover text and link."
    )
    var sources: Bool?

    @Option(name: .shortAndLong, help: "Output file: .svg, .png, .pdf or .dot.")
    var output: String

    func validate() throws {
        _ = try DiagramFileType(path: output)
        if exposure && cut.subjects.isEmpty {
            throw ValidationError("--exposure needs --subject ID: whose exposure paths to draw.")
        }
        if exposure && cut.radius != nil {
            throw ValidationError("--radius does not apply to --exposure: the paths decide what is drawn.")
        }
        if !exposure && cut.subjects.count > 1 {
            throw ValidationError("Several --subject need --exposure; a neighbourhood has one subject.")
        }
        if maxFanOut < 0 { throw ValidationError("--max-fan-out must be 0 (no cap) or more, got \(maxFanOut).") }
        if !exposure && query.walksDifferently {
            throw ValidationError("--via, --time-respecting and --derived apply to --exposure.")
        }
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let type = try DiagramFileType(path: output)
        var options = try cut.diagramOptions(dataset, layout: layout, enforceLimits: true)
        options.maxFanOut = maxFanOut == 0 ? nil : maxFanOut
        options.hideIsolated = hideIsolated
        options.fitPage = fitPage
        options.sourceNotes = sources ?? exposure
        let diagram: Diagram
        do {
            if exposure {
                diagram = try exposureDiagram(dataset, options: options)
            } else {
                diagram = try OwnershipDiagram.make(
                    dataset.graph, focus: try cut.focus(in: dataset.graph), options: options)
            }
        } catch let error as DiagramError {
            // Too large to draw is a question of what was asked for: bad usage (exit 2), with the advice.
            throw ValidationError(error.description)
        }
        let bytes: [UInt8]
        if let format = type.renderFormat {
            let rendered = try diagram.renderWithWarnings(format)
            for w in rendered.explainedWarnings {
                FileHandle.standardError.write(Data(Self.explained(w, output: output).utf8))
            }
            bytes = rendered.data
        } else {
            bytes = Array(diagram.dotText.utf8)
        }
        try OutputSafety.write(Data(bytes), to: output, protecting: input.protectedPaths)
    }

    /// The warning line for one of Graphviz's messages: the explanation, Graphviz's words, and what to do.
    static func explained(_ w: GraphvizWarning, output: String) -> String {
        let advice: String =
            switch w.kind {
            case .bitmapTooLarge: "write .svg or .pdf for full detail, or cut the graph with --subject ID --radius N"
            case .edgeRouting:
                "cut the graph with --subject ID --radius N, --max-fan-out or --hide-isolated, or try --layout sfdp"
            case .font: "install the fonts ('make setup' or apt-get install fonts-noto-cjk)"
            case .attribute, .other: "check the drawing, or cut the graph with --subject ID --radius N"
            }
        return "warning: '\(output)' was written, but \(w.explanation); \(advice). (Graphviz said: \(w.message))\n"
    }

    private func exposureDiagram(_ dataset: LoadedDataset, options: DiagramOptions) throws -> Diagram {
        var subjects: [Int] = []
        for id in cut.subjects {
            let focus = try DiagramCutOptions.resolve(id, in: dataset.graph)
            if !subjects.contains(focus.subject) { subjects.append(focus.subject) }
        }
        var paths: [ExposureDiagramPath] = []
        var truncated = false
        for subject in subjects {
            let found = try exposurePaths(
                dataset, subject: subject, asOf: options.asOf, maxDepth: query.maxDepth,
                direction: query.direction, kinds: query.kinds,
                timeRespecting: query.timeRespecting, derived: query.derived)
            paths += found.paths
            truncated = truncated || found.truncated
        }
        let caption = ExposureQuery(
            direction: query.direction, maxDepth: query.maxDepth, kinds: query.kinds,
            timeRespecting: query.timeRespecting, pathLimit: 1000)
        return try ExposureDiagram.make(
            dataset.graph, subjects: subjects, paths: paths, truncated: truncated,
            query: caption, options: options)
    }
}
