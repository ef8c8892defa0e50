import Foundation
import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

/// The frozen graph and the queries are values: many tasks may use one graph at once and must get the same answers as
/// a sequential run. Run under Thread Sanitizer with `swift test --sanitize=thread --filter Concurrency`.
@Suite struct ConcurrencyTests {
    struct Answer: Hashable, Sendable {
        var exposure: [String: [[Int]]]
        var blocked: [String: [String]]
        var lookThrough: [String: [String]]
    }

    static func answer(_ graph: Graph, _ policy: Policy, day: CalendarDate) -> Answer {
        let targets = TargetSet(graph: graph, policy: policy, asOf: day)
        let search = ExposureSearch(targets: targets, options: ExposureOptions(maxDepth: 6))
        var exposure: [String: [[Int]]] = [:]
        for subject in ["exchange-a", "exchange-d", "miner-m", "miner-n", "j-conglomerate"] {
            let v = graph.index(of: subject)!
            exposure[subject] = search.exposure(of: v).paths.map { $0.nodes }
        }
        var blocked: [String: [String]] = [:]
        for regime in ["ofac", "eu", "uk"] {
            let analysis = try! SanctionsAnalysis(graph: graph, regimeNamed: regime, policy: policy, asOf: day)
            blocked[regime] = (0..<graph.entityCount).filter { analysis.status($0) != .notBlocked }.map {
                "\(graph.id($0))=\(analysis.status($0))"
            }
        }
        var look: [String: [String]] = [:]
        for subject in ["d-ru-ops", "ae-hosting-pool", "m-siberia"] {
            let r = try! LookThroughOwnership.compute(
                graph: graph, subject: graph.index(of: subject)!, direction: .of,
                options: LookThroughOptions(asOf: day))
            look[subject] = r.entries.map { "\($0.id)" }
        }
        return Answer(exposure: exposure, blocked: blocked, lookThrough: look)
    }

    @Test func manyTasksOnOneGraphAgreeWithASequentialRun() async throws {
        let d = try DatasetLoader.load([fixture("seed/seed.yaml")], options: LoadOptions(registry: registry))
        let graph = d.graph, policy = d.policy
        let days = ["2022-04-01", "2022-06-01", "2022-12-01", "2024-07-03"].map { CalendarDate(parsing: $0)! }
        let expected = days.map { Self.answer(graph, policy, day: $0) }
        #expect(expected[2].exposure["exchange-a"]?.count == 2)  // the back office and, behind it, ru-exchange-x
        #expect(expected[2].blocked["ofac"]?.contains("ae-hosting-pool=blocked") == true)
        let results = await withTaskGroup(of: (Int, Answer).self) { group in
            for i in 0..<16 {
                group.addTask { (i % days.count, Self.answer(graph, policy, day: days[i % days.count])) }
            }
            var out: [(Int, Answer)] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(results.count == 16)
        for (i, answer) in results { #expect(answer == expected[i]) }
    }
}
