import Foundation
import CorpGraphTestSupport
import Testing

/// Listing dates (issue #11 item 4): an undated designation counts, flagged `dateUnknown`; FtM `first_seen` bounds
/// it: an as-of date before it gives UNDETERMINED, never LISTED or BLOCKED.
@Suite struct ListingDatesCLITests {
    static let ftm = """
        {"id":"p1","schema":"Person","properties":{"name":["Ivan Example"]},"datasets":["us_ofac_sdn"],"first_seen":"2022-06-01T10:00:00"}
        {"id":"s1","schema":"Sanction","properties":{"entity":["p1"],"authority":["Office of Foreign Assets Control"],"program":["RUSSIA-EO14024"]},"datasets":["us_ofac_sdn"],"first_seen":"2022-06-01T10:00:00"}
        {"id":"c1","schema":"Company","properties":{"name":["Example Co"],"jurisdiction":["sg"]}}
        {"id":"o1","schema":"Ownership","properties":{"owner":["p1"],"asset":["c1"],"percentage":["60"]}}

        """

    func file() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-dates-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("first-seen.ftm.json").path
        try ListingDatesCLITests.ftm.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func statuses(_ r: CLI.Result) throws -> [String: String] {
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        var out: [String: String] = [:]
        for e in obj["entities"] as! [[String: Any]] { out[e["id"] as! String] = e["status"] as? String }
        return out
    }

    @Test("before first_seen: undetermined; after: listed and blocked, dateUnknown")
    func firstSeenBoundsAnUndatedListing() throws {
        let f = try file()
        let before = try CLI.run(["blocked", "--regime", "ofac", "--as-of", "2022-05-01", "--format", "json", f])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(try statuses(before) == ["p1": "undetermined", "c1": "undetermined"])
        let after = try CLI.run(["blocked", "--regime", "ofac", "--as-of", "2022-07-01", "--format", "json", f])
        #expect(try statuses(after) == ["p1": "listed", "c1": "blocked"])
        let why = try CLI.run(["blocked", "--regime", "ofac", "--as-of", "2022-05-01", "--explain", "p1", f])
        #expect(
            why.stdout.contains(
                "does not count: listing date unknown, first seen 2022-06-01, after 2022-05-01: undetermined"),
            "\(why.stdout)")
        let listed = try CLI.run(["blocked", "--regime", "ofac", "--as-of", "2022-07-01", "--explain", "p1", f])
        #expect(listed.stdout.contains("designated: OFAC-SDN (RUSSIA-EO14024) (listing date unknown)"))
        let json = try CLI.run([
            "blocked", "--regime", "ofac", "--as-of", "2022-07-01", "--explain", "p1", "--format", "json", f,
        ])
        let x =
            (try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["explanation"]
            as! [String: Any]
        #expect((x["designations"] as! [[String: Any]]).first?["dateUnknown"] as? Bool == true)
    }

    @Test("exposure does not count a designation first seen after the as-of date")
    func exposureBeforeFirstSeen() throws {
        let f = try file()
        let before = try CLI.run(["exposure", "--subject", "c1", "--direction", "up", "--as-of", "2022-05-01", f])
        #expect(before.stdout.contains("no exposure path found"), "\(before.stdout)")
        let after = try CLI.run(["exposure", "--subject", "c1", "--direction", "up", "--as-of", "2022-07-01", f])
        #expect(after.stdout.contains("⇒ p1 (list:OFAC-SDN (listing date unknown)) [designated]"), "\(after.stdout)")
    }

    @Test("the undated listing is flagged in every output: exposure text, JSON and CSV, blocked text and JSON")
    func dateUnknownInEveryOutput() throws {
        let f = try file()
        let args = ["exposure", "--subject", "c1", "--direction", "up", "--as-of", "2022-07-01", f]
        let json = try CLI.run(args + ["--format", "json"])
        let subject =
            ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["subjects"]
            as! [[String: Any]])[0]
        let path = (subject["paths"] as! [[String: Any]])[0]
        #expect(path["reasons"] as? [String] == ["list:OFAC-SDN (listing date unknown)"])
        let detail = (path["reasonDetails"] as! [[String: Any]])[0]
        #expect(detail["kind"] as? String == "list" && detail["list"] as? String == "OFAC-SDN")
        #expect(detail["dateUnknown"] as? Bool == true && detail["listed"] is NSNull)
        let csv = try CLI.run(args + ["--format", "csv"])
        #expect(csv.stdout.contains(",p1,list:OFAC-SDN (listing date unknown),"), "\(csv.stdout)")
        let blocked = try CLI.run(["blocked", "--regime", "ofac", "--as-of", "2022-07-01", f])
        #expect(
            blocked.stdout.contains("LISTED       p1 (Ivan Example): OFAC-SDN (listing date unknown)"),
            "\(blocked.stdout)")
        let side = try CLI.run(["blocked", "--regime", "ofac,eu", "--as-of", "2022-07-01", f])
        #expect(side.stdout.contains("    ofac: OFAC-SDN (listing date unknown)"), "\(side.stdout)")
        let bj = try CLI.run(["blocked", "--regime", "ofac", "--as-of", "2022-07-01", "--format", "json", f])
        let entities =
            (try JSONSerialization.jsonObject(with: Data(bj.stdout.utf8)) as! [String: Any])["entities"]
            as! [[String: Any]]
        #expect(entities.first { $0["id"] as? String == "p1" }?["listsDateUnknown"] as? [String] == ["OFAC-SDN"])
        #expect(entities.first { $0["id"] as? String == "c1" }?["listsDateUnknown"] == nil)
    }
}
