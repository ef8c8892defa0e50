import ArgumentParser
import CorpGraph
import CorpGraphCaseFile
import CorpGraphIO
import CorpGraphMatch
import CorpGraphSnapshot
import CorpGraphPDF
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A case report to sign off: verdicts per regime, exposure paths with the evidence of every hop, "
            + "derivations, look-through owners, the diagram and the provenance of the data (HTML, PDF or JSON).",
        discussion: """
            The format follows the extension of -o: .html (self-contained, prints on A4), .pdf (typeset with cairo and \
            pango, no browser) or .json (the evidence model both are rendered from). The same inputs and query give \
            the same bytes. With --all, -o names a directory: one report per exposed subject and an index.html.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var asOf: AsOfOption

    @Option(
        name: .customLong("subject"),
        help: "Entity to report on: an id, name:TEXT or SCHEME:VALUE (repeatable; all go into one report).")
    var subjects: [String] = []

    @Flag(help: "One report per exposed subject (with --kind to choose kinds); -o is then a directory.")
    var all = false

    @Option(
        help: ArgumentHelp("With --all: only entities of these kinds (comma-separated).", valueName: "kinds"),
        transform: EntityKinds.parser("--kind"))
    var kind: Set<EntityKind>?

    @Option(
        help: ArgumentHelp("Regimes to apply (comma-separated: ofac,eu,uk).", valueName: "regimes"),
        transform: RegimeNames.parser("--regime"))
    var regime: [String] = ["ofac", "eu", "uk"]

    @OptionGroup(title: "Exposure query") var query: ExposureQueryOptions

    @Option(
        name: [.customShort("o"), .long], help: "Output: FILE.html, FILE.pdf or FILE.json (a directory with --all).")
    var output: String

    enum Format: String { case html, pdf, json }

    var regimes: [String] { regime }

    func validate() throws {
        try validateSubjectChoice(subjects: subjects, all: all, kindGiven: kind != nil)
        if query.derived != nil {
            throw ValidationError(
                "--derived does not apply to report: a case report shows each --regime's status and derivation on its own."
            )
        }
        if !all { _ = try format(of: output) }
    }

    func format(of path: String) throws -> Format {
        let ext = (path as NSString).pathExtension.lowercased()
        guard let f = Format(rawValue: ext) else {
            throw ValidationError("Cannot tell the report format from '\(path)': use a .html, .pdf or .json file name.")
        }
        return f
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let date = try asOf.date
        let graph = dataset.graph
        let provenance = try inputProvenance(dataset)
        func caseQuery(_ subjects: [Int]) -> CaseQuery {
            CaseQuery(
                subjects: subjects, regimes: regimes, asOf: date, maxDepth: query.maxDepth,
                direction: query.direction, kinds: query.kinds, timeRespecting: query.timeRespecting)
        }
        if !all {
            var indices: [Int] = []
            for reference in subjects {  // an id, name:TEXT or SCHEME:VALUE
                let v = try resolveEntity(reference, in: graph, role: "subject")
                if !indices.contains(v) { indices.append(v) }
            }
            let report = try build(dataset, caseQuery(indices), provenance)
            try write(report, to: output, format: try format(of: output))
            return
        }
        let kinds = kind
        let chosen = (0..<graph.entityCount).filter { kinds?.contains(graph.kind($0)) ?? true }
        var written: [(id: String, name: String, file: String, verdict: String)] = []
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        for v in chosen.sorted(by: { graph.id($0) < graph.id($1) }) {
            let report = try build(dataset, caseQuery([v]), provenance)
            guard let subject = report.subjects.first, subject.exposure.verdict != .clear else { continue }
            let file = OutputSafety.fileName(forID: graph.id(v)) + ".html"
            try write(report, to: (output as NSString).appendingPathComponent(file), format: .html)
            written.append((graph.id(v), graph.name(v), file, subject.exposure.verdict.rawValue))
        }
        let index = CaseIndex.html(asOf: date, entries: written.map { ($0.id, $0.name, $0.file, $0.verdict) })
        try OutputSafety.write(
            Data(index.utf8), to: (output as NSString).appendingPathComponent("index.html"),
            protecting: input.protectedPaths)
        printError("wrote \(written.count) report(s) and index.html to \(output)")
    }

    func build(_ dataset: LoadedDataset, _ query: CaseQuery, _ inputs: [Provenance.Input]) throws -> CaseReport {
        do {
            return try CaseReportBuilder.build(
                dataset, query: query, inputs: inputs, version: CorpGraphCommand.version,
                registry: try? ISOCodes.shared())
        } catch let e as SanctionsAnalysis.UnknownRegime {
            throw ValidationError("--regime: \(e.description)")
        }
    }

    func write(_ report: CaseReport, to path: String, format: Format) throws {
        let bytes: [UInt8]
        switch format {
        case .json: bytes = Array((report.json.encoded() + "\n").utf8)
        case .html: bytes = Array(try report.html().utf8)
        case .pdf: bytes = try PDFWriter.render(report.pdfDocument(date: Self.sourceDate()))
        }
        try OutputSafety.write(Data(bytes), to: path, protecting: input.protectedPaths)
    }

    /// `SOURCE_DATE_EPOCH` (reproducible builds) as the PDF's date, when set; else the report's as-of date is used.
    static func sourceDate() -> String? {
        guard let text = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Int(text) else {
            return nil
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// Each input file with its size and SHA-256, and the records loaded from it and left out.
    func inputProvenance(_ dataset: LoadedDataset) throws -> [Provenance.Input] {
        try dataset.files.map { f in
            let (hex, size) = try SHA256.file(f.file)
            return Provenance.Input(
                path: f.file, size: size, sha256: hex, format: f.format,
                loaded: f.entities + f.relationships, leftOut: f.rejected)
        }
    }
}
