import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import CorpGraphReport
import Foundation

struct BlockedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocked",
        abstract: "Entities blocked under a sanctions regime's ownership and control rules (OFAC 50 % rule, EU, UK).",
        discussion: """
            Lists every entity that is not plainly clear: listed (designated on a counted list, in force on the as-of \
            date), blocked (owned or controlled per the regime) or undetermined (share ranges or unknown shares allow \
            both answers). --explain ID prints the derivation of one entity, also when it is not blocked.
            The rules are documented in docs/SANCTIONS.md. This tool supports analysts; it is not legal advice.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var asOf: AsOfOption

    @Option(
        help: ArgumentHelp(
            "Regime: ofac, eu, uk, or one the policy defines (default: the policy's regime, else ofac); several, comma-separated (ofac,eu,uk), give one status column per regime.",
            valueName: "regimes"),
        transform: RegimeNames.parser("--regime"))
    var regime: [String]?

    @Option(
        help: ArgumentHelp(
            "Comma-separated designation lists that count, for every regime (default: the regime's own: ofac OFAC-SDN; eu EU-FSF, UN-SC; uk UK-FCDO, UK-HMT, UN-SC).",
            valueName: "codes"),
        transform: ListCodes.parser("--lists"))
    var lists: [String]?

    @Option(help: "Explain the status of this entity id: owners, shares, sum, threshold, recursively.")
    var explain: String?

    @Option(help: "Output format.") var format: OutputFormat = .text

    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        if explain != nil && format == .csv {
            throw ValidationError(
                "--explain prints a derivation, as text or JSON; use --format text or --format json with it.")
        }
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        let date = try asOf.date
        let names = regimeNames(default: dataset.policy.regime ?? "ofac")
        let countedLists = lists
        for w in CodeChecks.unusedListCodes(
            countedLists ?? [], in: g, origin: SourceLocation(file: "--lists"), field: nil)
        {
            printError(OutputSafety.terminal("warning: " + w.message))
        }
        var explained: Int?
        if let id = explain {
            explained = try resolveEntity(id, in: g, role: "--explain entity")  // an id, name:TEXT or SCHEME:VALUE
        }
        let report: BlockedReport
        do {
            report = try BlockedReport.build(
                graph: g, regimes: names, policy: dataset.policy, asOf: date,
                lists: countedLists, explain: explained)
        } catch let e as SanctionsAnalysis.UnknownRegime {
            throw ValidationError(e.description)
        } catch {
            throw InputError("\(error)")
        }
        let text: String
        switch format {
        case .json: text = report.json().encoded() + "\n"
        case .csv: text = report.csv()
        case .text: text = report.text()
        }
        try writeOutput(text, to: output, inputs: input.protectedPaths)
    }

    /// The regimes asked for (`--regime`, in order, each once), or the policy's regime.
    func regimeNames(default name: String) -> [String] { regime ?? [name] }
}
