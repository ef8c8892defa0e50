import CorpGraphTestSupport
import Foundation
import Testing

/// `corpgraph ownership --all-holders`: every person's look-through holdings in one run, through the built binary.
@Suite struct OwnershipAllHoldersCLITests {
    let seed = CLI.fixture("seed/seed.yaml")

    func json(_ r: CLI.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    /// The entry fields both outputs share, chains and declared shares left out.
    func fields(_ e: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in e where k != "chains" && k != "declaredIndirectShares" { out[k] = "\(v)" }
        return out
    }

    @Test func eachHolderAgreesWithOwnershipHolder() throws {
        let all = try CLI.run(["ownership", seed, "--all-holders", "--as-of", "2025-01-01", "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        let report = try json(all)
        #expect(report["method"] as? String == "full" && report["direction"] as? String == "holder")
        #expect(report["asOf"] as? String == "2025-01-01")
        let holders = report["holders"] as! [[String: Any]]
        #expect(!holders.isEmpty)
        let ids = holders.map { $0["holder"] as! String }
        #expect(ids == ids.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for h in holders {
            let id = h["holder"] as! String
            let one = try json(
                CLI.run(["ownership", seed, "--holder", id, "--as-of", "2025-01-01", "--format", "json"]))
            let expected = (one["entries"] as! [[String: Any]]).filter { $0["aboveThreshold"] as? String != "notMet" }
            let got = h["entries"] as! [[String: Any]]
            #expect(got.map(fields) == expected.map(fields), "\(id)")
            #expect(got.allSatisfy { $0["chains"] == nil })
        }
    }

    @Test func csvAndTextAndThreshold() throws {
        let csv = try CLI.run(["ownership", seed, "--all-holders", "--as-of", "2025-01-01", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(
            rows.first
                == "holder_id,holder_name,id,name,kind,role,effective_percent_min,effective_percent_max,beneficial_owner,above_threshold,method"
        )
        #expect(rows.count > 1 && rows.dropFirst().allSatisfy { $0.hasSuffix(",full") })
        let text = try CLI.run(["ownership", seed, "--all-holders", "--as-of", "2025-01-01"])
        #expect(text.stdout.hasPrefix("look-through ownership: what every person ultimately owns, as of 2025-01-01"))
        #expect(text.stdout.contains(", beneficial owner"))
        #expect(text.stdout.contains(" holding(s)\n"))
        // A higher threshold keeps a subset of the (holder, held) pairs.
        func pairs(_ threshold: String) throws -> Set<String> {
            let r = try json(
                CLI.run([
                    "ownership", seed, "--all-holders", "--as-of", "2025-01-01", "--format", "json", "--threshold",
                    threshold,
                ]))
            var out = Set<String>()
            for h in r["holders"] as! [[String: Any]] {
                for e in h["entries"] as! [[String: Any]] { out.insert("\(h["holder"]!)>\(e["id"]!)") }
            }
            return out
        }
        let (low, high) = (try pairs("25"), try pairs("28"))
        #expect(low.count == rows.count - 1)
        #expect(!high.isEmpty && high.count < low.count && high.isSubset(of: low))
    }

    @Test func refusedCombinations() throws {
        let paths = try CLI.run(["ownership", seed, "--all-holders", "--method", "paths"])
        #expect(paths.status != 0 && paths.stderr.contains("--all-holders sums all walks"), "\(paths.stderr)")
        let both = try CLI.run(["ownership", seed, "--all-holders", "--holder", "person-s"])
        #expect(both.status != 0 && both.stderr.contains("exactly one of --of ID, --holder ID or --all-holders"))
    }
}
