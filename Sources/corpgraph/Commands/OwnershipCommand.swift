import ArgumentParser
import CorpGraph
import CorpGraphIO
import CorpGraphReport
import Foundation

extension LookThroughMethod: ExpressibleByArgument {}

struct OwnershipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ownership",
        abstract:
            "Look-through (integrated) ownership: who ultimately owns an entity, what it ultimately owns, or what every person ultimately owns.",
        discussion: """
            Multiplies shares down every chain and adds the chains (EU AMLR Art. 52(1)). --method full sums all walks \
            (E = W(I − W)⁻¹, cross-holdings as a convergent series); --method paths sums simple paths only. The two \
            differ with cross-holdings, so the output names the method. This is not a sanctions test: sanctions \
            regimes never multiply percentages (see 'corpgraph blocked'). --all-holders answers for every person with a \
            holding at once (method full, no chains): each one's holdings that can reach --threshold.
            """)

    @OptionGroup var input: InputOptions
    @OptionGroup var asOf: AsOfOption

    @Option(help: "Who ultimately owns this entity (an id, name:TEXT or SCHEME:VALUE).") var of: String?
    @Option(help: "What this entity (an id, name:TEXT or SCHEME:VALUE) ultimately owns.") var holder: String?
    @Flag(
        name: .customLong("all-holders"),
        help: "What every person with a holding ultimately owns at or above --threshold (method full, no chains).")
    var allHolders = false
    @Option(help: "Beneficial-owner threshold in percent (EU AMLR Art. 52: 25).") var threshold: String = "25"
    @Option(help: "full (all walks) or paths (simple paths only).") var method: LookThroughMethod = .full
    @Option(name: .customLong("max-chains"), help: "Chains shown per entry.") var maxChains: Int = 5
    @Option(help: "Output format.") var format: OutputFormat = .text
    @Option(name: [.customShort("o"), .long], help: "Write the result to this file instead of standard output.")
    var output: String?

    func validate() throws {
        guard [of != nil, holder != nil, allHolders].filter({ $0 }).count == 1 else {
            throw ValidationError("Pass exactly one of --of ID, --holder ID or --all-holders.")
        }
        if allHolders && method != .full {
            throw ValidationError(
                "--all-holders sums all walks (--method full); --method paths enumerates simple paths per subject: pass --holder ID"
            )
        }
        guard let t = Percent(parsing: threshold), t >= .zero, t <= .hundred else {
            throw ValidationError(
                "Invalid --threshold '\(threshold)': expected a percentage between 0 and 100, e.g. 25.")
        }
        guard maxChains >= 0 else { throw ValidationError("--max-chains must be 0 or more.") }
    }

    func run() throws {
        let dataset = try loadDataset(input)
        let g = dataset.graph
        if allHolders {
            let index = LookThroughIndex(graph: g, asOf: try asOf.date)
            let holdings = LookThroughOwnership.holdings(
                index: index, threshold: Percent(parsing: threshold) ?? Percent(25))
            try writeOutput(
                HoldingsReport(holdings).encoded(format.report), to: output,
                inputs: input.protectedPaths)
            return
        }
        let v = try resolveEntity(of ?? holder ?? "", in: g, role: of != nil ? "--of entity" : "--holder entity")
        let options = LookThroughOptions(
            method: method, asOf: try asOf.date, threshold: Percent(parsing: threshold) ?? Percent(25),
            maxChains: maxChains)
        let result: LookThroughResult
        do {
            result = try LookThroughOwnership.compute(
                graph: g, subject: v, direction: of != nil ? .of : .holder, options: options)
        } catch let e as LookThroughError {
            throw ValidationError("\(e.description); pass --method full")
        }
        let declared = DeclaredOwnership(g, subject: v, direction: result.direction, asOf: options.asOf)
        let text: String
        switch format {
        case .json: text = OwnershipReport.json(result, declared: declared).encoded() + "\n"
        case .csv: text = OwnershipReport.csv(result, declared: declared)
        case .text: text = OwnershipReport.text(result, declared: declared.textLines)
        }
        try writeOutput(text, to: output, inputs: input.protectedPaths)
    }
}
