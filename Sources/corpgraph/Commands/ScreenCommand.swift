import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import CorpGraphReport
import Foundation

struct ScreenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen a list of counterparties: match each one, then report lists, status per regime and exposure.",
        discussion: """
            --counterparties is a CSV file with a header: ref,name,kind,country,identifiers,birthDate (ref and name \
            required; identifiers as lei:…;inn:…; other columns are carried through). Every counterparty gets one \
            output row: decision match / possible / none with the best candidates and scores; for a match the lists \
            it is on, its status under each regime and its exposure verdict (self, exposed, clear) with the shortest \
            path and the path's target.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var asOf: AsOfOption
    @Option(help: "The counterparty CSV file.") var counterparties: String
    @Option(
        help: ArgumentHelp(
            "Regimes whose status is reported (comma-separated: ofac, eu, uk, or ones the policy defines).",
            valueName: "regimes"),
        transform: RegimeNames.parser("--regime"))
    var regime: [String] = ["ofac", "eu", "uk"]
    @Option(name: .customLong("max-depth"), help: "Longest exposure path, in hops.") var maxDepth: Int = 6
    @Option(help: "Score at or above which the best candidate is a match (0–1).") var threshold: Double = MatchAlgorithm
        .defaultThreshold
    @Option(help: "Candidates listed per counterparty.") var candidates: Int = 3
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard maxDepth >= 1 else { throw ValidationError("--max-depth must be 1 or more.") }
        guard (0...1).contains(threshold) else {
            throw ValidationError("--threshold must be between 0 and 1, e.g. 0.7.")
        }
        guard candidates >= 1 else { throw ValidationError("--candidates must be 1 or more.") }
    }

    var regimes: [String] { regime }

    func run() throws {
        let text: String
        do {
            text = try String(contentsOfFile: counterparties, encoding: .utf8)
        } catch {
            throw InputError("\(counterparties): cannot read the counterparty file (\(error.localizedDescription))")
        }
        let list: CounterpartyList
        do { list = try CounterpartyFile.parse(text, file: counterparties) } catch {
            throw InputError(error.errorDescription ?? "\(error)")
        }
        let dataset = try loadDataset(input)
        let day = try asOf.date
        let screener: Screener
        do {
            screener = try Screener(
                index: MatchIndex(graph: dataset.graph),
                options: ScreeningOptions(
                    threshold: threshold, candidates: candidates, regimes: regimes,
                    maxDepth: maxDepth, asOf: day, policy: dataset.policy))
        } catch let e as SanctionsAnalysis.UnknownRegime {
            throw ValidationError("--regime: \(e.description)")
        }
        let rows = screener.screen(list.rows)
        let report = ScreenReport(
            graph: dataset.graph, list: list, rows: rows, regimes: regimes, threshold: threshold,
            asOf: day, maxDepth: maxDepth)
        let out: String
        switch format {
        case .json: out = report.json().encoded() + "\n"
        case .csv: out = report.csv()
        case .text: out = report.text()
        }
        try writeOutput(out, to: output, inputs: input.protectedPaths + [counterparties])
    }
}
