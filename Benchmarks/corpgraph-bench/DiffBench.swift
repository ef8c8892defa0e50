// `corpgraph-bench diff OLD NEW [--reps 3] [--as-of 2024-01-01]`: the diff benchmark (docs/DIFF.md). OLD and NEW are
// gen.py directories or `.cgraph` snapshots built from them (`corpgraph build DIR -o FILE.cgraph`).
//
// Times the path `corpgraph diff OLD NEW --format json` takes, phase by phase: both loads (DatasetLoader, as the CLI
// loads), DatasetDiff.compare with the default options (regimes ofac, eu, uk; every exposed subject watched) and the
// JSON encoding. Derive NEW from a gen.py directory with Benchmarks/diff-version.py.
import CorpGraph
import CorpGraphDiff
import CorpGraphIO
import Foundation

enum DiffBench {
    static func main(_ arguments: [String]) {
        var paths: [String] = []
        var reps = 3
        var asOf = CalendarDate(year: 2024, month: 1, day: 1)!
        var rest = arguments[...]
        while let a = rest.popFirst() {
            switch a {
            case "--reps": reps = rest.popFirst().flatMap { Int($0) } ?? reps
            case "--as-of": asOf = rest.popFirst().flatMap { CalendarDate(parsing: $0) } ?? asOf
            default: paths.append(a)
            }
        }
        guard paths.count == 2 else {
            fail("usage: corpgraph-bench diff OLD NEW [--reps 3] [--as-of DATE] (directories or .cgraph)")
        }
        let clock = ContinuousClock()
        var load: [Double] = [], compare: [Double] = [], encode: [Double] = [], total: [Double] = []
        var summary = ""
        for _ in 0..<reps {
            var report: DiffReport?
            var text = ""
            var sides: [DiffSide] = []
            let t0 = clock.now
            do {
                let registry = try ISOCodes.shared()
                for p in paths {
                    let d = try DatasetLoader.load([p], options: LoadOptions(registry: registry))
                    sides.append(DiffSide(graph: d.graph, policy: d.policy, asOf: asOf, label: p))
                }
            } catch {
                fail("load: \(error)")
            }
            let t1 = clock.now
            do {
                report = try DatasetDiff.compare(old: sides[0], new: sides[1])
            } catch {
                fail("diff: \(error)")
            }
            let t2 = clock.now
            guard let report else { fail("no report") }
            text = DiffJSON.encode(report, verbose: false)
            let t3 = clock.now
            load.append(seconds(t1 - t0))
            compare.append(seconds(t2 - t1))
            encode.append(seconds(t3 - t2))
            total.append(seconds(t3 - t0))
            summary =
                "designations \(report.designations.count), status changes \(report.statuses.count), "
                + "exposure changes \(report.exposure.count) of \(report.watchedSubjects) watched, "
                + "ownership \(report.ownership.count), entities +\(report.records.entitiesAdded.count) "
                + "-\(report.records.entitiesRemoved.count) ~\(report.records.entitiesChanged.count), relationships "
                + "+\(report.records.relationshipsAdded.count) -\(report.records.relationshipsRemoved.count); "
                + "JSON \(text.utf8.count) bytes"
        }
        print(summary)
        phases(paths: paths, asOf: asOf)
        func f(_ xs: [Double]) -> String {
            String(
                format: "%.3f s (runs: %@)", median(xs), xs.map { String(format: "%.3f", $0) }.joined(separator: ", "))
        }
        print("load both   \(f(load))")
        print("compare     \(f(compare))")
        print("encode JSON \(f(encode))")
        print("total       \(f(total))")
        print("peak RSS    \(peakRSSKiB() / 1024) MiB")
    }

    /// One more run, each part of DatasetDiff.compare timed on its own (the same library calls, in its order).
    static func phases(paths: [String], asOf: CalendarDate) {
        let clock = ContinuousClock()
        guard let registry = try? ISOCodes.shared(),
            let a = try? DatasetLoader.load([paths[0]], options: LoadOptions(registry: registry)),
            let b = try? DatasetLoader.load([paths[1]], options: LoadOptions(registry: registry))
        else { fail("load") }
        let old = DiffSide(graph: a.graph, policy: a.policy, asOf: asOf, label: paths[0])
        let new = DiffSide(graph: b.graph, policy: b.policy, asOf: asOf, label: paths[1])
        let options = DiffOptions()
        var line: [String] = []
        func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let t0 = clock.now
            let r = try body()
            line.append(String(format: "%@ %.3f s", name, seconds(clock.now - t0)))
            return r
        }
        let match = time("match") { EntityMatch(old: old.graph, new: new.graph) }
        _ = time("records") { RecordChanges(old: old.graph, new: new.graph, match: match) }
        let designations = time("designations") { DesignationChanges.compare(old: old, new: new, match: match) }
        _ = time("ownership") {
            OwnershipChanges.compare(
                old: old, new: new, match: match, minimum: options.minShareChange,
                significant: options.significantHolder)
        }
        // The whole-graph computations (analyses per regime and side, exposure queries) as one batch on every core.
        guard let prepared = try? time("prepare", { try DiffPreparation.prepare(old: old, new: new, options: options) })
        else {
            fail("prepare")
        }
        _ = time("statuses") {
            StatusChanges.compare(
                old: old, new: new, match: match, analyses: prepared.analyses, designations: designations)
        }
        _ = time("exposure") {
            ExposureChanges.compare(old: old, new: new, match: match, options: options, prepared: prepared.exposure)
        }
        print("phases      " + line.joined(separator: ", "))
    }
}
