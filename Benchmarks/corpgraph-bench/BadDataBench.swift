import CorpGraph
import CorpGraphIO
import Foundation

/// Bad-data benchmark (not a timed test; DESIGN §8, issue #12): what real exports cost when they are not clean.
///
/// 1. `validate` shape: a CSV pair of `entities` companies with an ownership chain, then the same pair with
///    `dangling` more relationships naming ids outside the export (same id scheme, as a register's extract gives).
///    Both are loaded through `DatasetLoader.load` (what `corpgraph validate` calls). Target: dirty ≤ 2 × clean.
/// 2. `ownership --of C` shape: `holders` companies each owning a sliver of C. `LookThroughOwnership.compute`
///    (what `corpgraph ownership --of C` calls). Target: linear, ≤ 0.2 s for 40 000 holders.
///
/// Run: `swift run -c release corpgraph-bench baddata [--entities 100000] [--dangling 3000] [--holders 40000]
/// [--out DIR]`. The generated files stay in DIR (default /tmp/corpgraph-bench/baddata) so that another build of the
/// CLI can be timed on the same input (`corpgraph validate DIR/dirty`, `corpgraph ownership --of C DIR/slivers`).
enum BadDataBench {
    static func main(_ arguments: [String]) {
        var entities = 100_000, dangling = 3_000, holders = 40_000
        var out = "/tmp/corpgraph-bench/baddata"
        var rest = arguments[...]
        while let a = rest.popFirst() {
            guard let v = rest.popFirst() else { fail("baddata: \(a) needs a value") }
            switch a {
            case "--entities": entities = Int(v) ?? entities
            case "--dangling": dangling = Int(v) ?? dangling
            case "--holders": holders = Int(v) ?? holders
            case "--out": out = v
            default: fail("baddata: unknown option \(a)")
            }
        }
        do {
            try validateShape(entities: entities, dangling: dangling, out: out)
            try slivers(holders: holders, out: out)
        } catch {
            fail("baddata: \(error)")
        }
    }

    static func id(_ i: Int) -> String { "E" + String(String(10_000_000 + i).dropFirst()) }

    static func validateShape(entities n: Int, dangling: Int, out: String) throws {
        let fm = FileManager.default
        var ents = "id,kind,name,jurisdiction\n"
        ents.reserveCapacity(n * 32)
        for i in 0..<n { ents += "\(id(i)),company,Company \(i),GB\n" }
        var rels = "kind,source,target,share\n"
        for i in 1..<n { rels += "owns,\(id((i * 7919) % i)),\(id(i)),51\n" }
        var bad = ""
        for k in 0..<dangling { bad += "owns,\(id(n + k * 13)),\(id(k % n)),10\n" }  // owners outside the export
        for (name, extra) in [("clean", ""), ("dirty", bad)] {
            let dir = out + "/" + name
            try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try ents.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
            try (rels + extra).write(toFile: dir + "/relationships.csv", atomically: true, encoding: .utf8)
        }
        var times: [String: Double] = [:]
        for name in ["clean", "dirty", "clean", "dirty", "clean", "dirty"] {
            let clock = ContinuousClock()
            var left = 0
            let t = clock.measure {
                let d = try? DatasetLoader.load([out + "/" + name])
                left = d?.leftOutCount ?? -1
            }
            times[name] = min(times[name] ?? .infinity, seconds(t))
            if name == "dirty" && left != dangling { fail("baddata: expected \(dangling) left out, got \(left)") }
        }
        let clean = times["clean"]!, dirty = times["dirty"]!
        print(String(format: "validate  %d entities, clean            %8.3f s", n, clean))
        print(
            String(
                format: "validate  %d entities, %d dangling   %8.3f s  (%.2f × clean; target ≤ 2 ×)", n, dangling,
                dirty, dirty / clean))
    }

    static func slivers(holders: Int, out: String) throws {
        var b = GraphBuilder()
        let here = SourceLocation(file: out + "/slivers")
        b.add(Entity(id: "C", kind: .company, name: "C"), at: here)
        let share = Share.exact(Percent(units: Percent.hundred.units / Int64(holders * 2)))
        for i in 0..<holders {
            b.add(Entity(id: "H\(i)", kind: .company, name: "Holder \(i)"), at: here)
            b.add(Relationship(kind: .owns, source: "H\(i)", target: "C", share: share), at: here)
        }
        let g = b.build().graph
        let clock = ContinuousClock()
        var best = Double.infinity
        var entries = 0
        for _ in 0..<3 {
            let t = clock.measure {
                let r = try? LookThroughOwnership.compute(
                    graph: g, subject: g.index(of: "C")!, direction: .of,
                    options: LookThroughOptions(method: .full, asOf: CalendarDate(parsing: "2025-01-01")!))
                entries = r?.entries.count ?? -1
            }
            best = min(best, seconds(t))
        }
        if entries != holders { fail("baddata: expected \(holders) holders, got \(entries)") }
        print(String(format: "ownership --of C, %d sliver holders   %8.3f s  (target ≤ 0.2 s)", holders, best))
        // The same shape as files, for timing a CLI build: a CSV pair.
        let dir = out + "/slivers"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var ents = "id,kind,name\nC,company,C\n", rels = "kind,source,target,share\n"
        for i in 0..<holders {
            ents += "H\(i),company,Holder \(i)\n"
            rels += "owns,H\(i),C,\(Percent(units: Percent.hundred.units / Int64(holders * 2)))\n"
        }
        try ents.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
        try rels.write(toFile: dir + "/relationships.csv", atomically: true, encoding: .utf8)
    }
}
