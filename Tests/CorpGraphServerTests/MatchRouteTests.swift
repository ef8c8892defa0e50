import CorpGraphTestSupport
import CorpGraph
import CorpGraphIO
import CorpGraphMatch
import CorpGraphReport
import CorpGraphServer
import Foundation
import Hummingbird
import Testing

@Suite struct MatchRouteTests {
    static let parties = Fixtures.load("fixtures/cases/match/parties.yaml")
    static let counterparties = try! String(
        contentsOf: Fixtures.root.appendingPathComponent("fixtures/cases/match/counterparties.csv"), encoding: .utf8)
    static func golden(_ format: String) throws -> String {
        try String(
            contentsOf: Fixtures.root.appendingPathComponent("fixtures/cases/match/screen.golden.\(format)"),
            encoding: .utf8)
    }
    static func state(limits: QueryLimits = QueryLimits()) -> ServiceState {
        makeState(parties, limits: limits, asOf: "2025-01-01")
    }

    @Test func searchIsTheReportsJSON() async throws {
        let index = MatchIndex(graph: MatchRouteTests.parties.graph)
        let cases: [(String, String, MatchOptions)] = [
            ("q=Polar%20Mining%20OOO", "Polar Mining OOO", MatchOptions()),
            ("q=Trading&limit=1", "Trading", MatchOptions(limit: 1)),
            ("q=Ivanov&kind=company", "Ivanov", MatchOptions(kinds: [.company])),
            ("q=Polar%20Mining&country=us,gb", "Polar Mining", MatchOptions(countries: ["US", "GB"])),
            ("q=Baltik%20Trading&threshold=0.99", "Baltik Trading", MatchOptions(threshold: 0.99)),
            ("q=lei:529900T8BM49AURSDO55", "lei:529900T8BM49AURSDO55", MatchOptions()),
        ]
        for (query, text, options) in cases {
            let r = try await get("/v1/search?" + query, state: MatchRouteTests.state())
            #expect(r.status == .ok, "\(query): \(r.body.prefix(200))")
            #expect(r.headers[.contentType] == "application/json")
            let expected = MatchReport.searchJSON(
                query: text, threshold: options.threshold,
                results: try index.search(text, options: options), graph: index.graph)
            #expect(r.body == expected.encoded() + "\n", "\(query)")
        }
        let polar = try await get("/v1/search?q=Polar%20Mining%20OOO", state: MatchRouteTests.state())
        let results = polar.object["results"] as? [[String: Any]] ?? []
        #expect(results.first?["match"] as? Bool == true)
        #expect(polar.object["algorithm"] as? String == MatchAlgorithm.label)
    }

    @Test func searchErrorsNameTheParameter() async throws {
        let s = MatchRouteTests.state()
        #expect(try await get("/v1/search", state: s).object["parameter"] as? String == "q")
        let kind = try await get("/v1/search?q=x&kind=compny", state: s)
        #expect(kind.status == .badRequest)
        #expect(kind.object["parameter"] as? String == "kind")
        #expect(kind.object["suggestions"] as? [String] == ["company"])
        for bad in ["limit=0", "limit=101", "threshold=2", "threshold=nan", "threshold=x"] {
            let r = try await get("/v1/search?q=x&" + bad, state: s)
            #expect(r.status == .badRequest, "\(bad)")
            #expect(r.object["parameter"] as? String == String(bad.prefix { $0 != "=" }), "\(bad)")
        }
        let lei = try await get("/v1/search?q=lei:529900T8BM49AURSDO56", state: s)
        #expect(lei.status == .badRequest)
        #expect(lei.object["parameter"] as? String == "q")
        #expect((lei.object["detail"] as? String)?.contains("529900T8BM49AURSDO56") == true)
        #expect(try await get("/v1/search?q=%20%2C", state: s).status == .badRequest)
        #expect(try await get("/v1/search?qq=x", state: s).object["parameter"] as? String == "qq")
        let long = try await get("/v1/search?q=" + String(repeating: "a", count: 201), state: s)
        #expect(long.status == .badRequest)
        #expect(long.object["detail"] as? String == "'q' is 201 characters long; a search takes at most 200.")
    }

    @Test(arguments: ["json", "csv"])
    func screenCSVBodyIsTheCommandsGolden(_ format: String) async throws {
        let r = try await send(
            "/v1/screen?format=\(format)", .post, state: MatchRouteTests.state(),
            headers: [.contentType: "text/csv"], body: ByteBuffer(string: MatchRouteTests.counterparties))
        #expect(r.status == .ok, "\(r.body.prefix(300))")
        #expect(r.body == (try MatchRouteTests.golden(format)))
        #expect(r.headers[.contentType]?.hasPrefix(format == "json" ? "application/json" : "text/csv") == true)
    }

    /// The same counterparties as JSON objects: the same rows, `line` the item's position.
    @Test func screenJSONBodyGivesTheSameRows() async throws {
        let items: [[String: Any]] = [
            ["ref": "cp1", "name": "Baltic Trading Limited", "kind": "company", "country": "GB", "desk": "london"],
            ["ref": "cp2", "name": "Nordic Trading Ltd", "kind": "company", "country": "GB", "desk": "london"],
            ["ref": "cp3", "name": "Sergey Ivanov", "kind": "person"],
            [
                "ref": "cp4", "name": "Completely Unknown Widgets GmbH", "kind": "company", "country": "DE",
                "desk": "berlin",
            ],
            ["ref": "cp5", "name": "Toyo Bussan Co., Ltd.", "kind": "company", "country": "JP", "desk": "tokyo"],
            ["ref": "cp6", "name": "Something Else", "kind": "company", "identifiers": ["lei:529900T8BM49AURSDO55"]],
            ["ref": "cp7", "name": "Polar Mining", "kind": "company"],
            [
                "ref": "cp8", "name": "Harbour Holding", "kind": "company", "country": "SG",
                "identifiers": "lei:529900T8BM49AURSDO56",
            ],
        ]
        let body = try JSONSerialization.data(withJSONObject: ["counterparties": items])
        let r = try await send(
            "/v1/screen", .post, state: MatchRouteTests.state(), headers: [.contentType: "application/json"],
            body: ByteBuffer(bytes: body))
        #expect(r.status == .ok, "\(r.body.prefix(300))")
        let golden = try #require(
            JSONSerialization.jsonObject(with: Data(try MatchRouteTests.golden("json").utf8)) as? [String: Any])
        func comparable(_ o: [String: Any]) -> [NSDictionary] {
            (o["rows"] as? [[String: Any]] ?? []).map { row in
                var row = row
                row["line"] = nil
                if (row["extra"] as? [String: String])?["desk"] == "" { row["extra"] = nil }
                return row as NSDictionary
            }
        }
        let got = comparable(r.object), want = comparable(golden)
        #expect(got.count == 8)
        for (g, w) in zip(got, want) {
            #expect(g["decision"] as? String == w["decision"] as? String, "\(w["ref"] ?? "?")")
            #expect((g["entity"] as? NSDictionary) == (w["entity"] as? NSDictionary), "\(w["ref"] ?? "?")")
            #expect((g["exposure"] as? NSDictionary) == (w["exposure"] as? NSDictionary), "\(w["ref"] ?? "?")")
            #expect((g["notes"] as? [String]) == (w["notes"] as? [String]), "\(w["ref"] ?? "?")")
        }
        #expect((r.object["rows"] as? [[String: Any]])?.map { $0["line"] as? Int } == Array(1...8))
        #expect(r.object["summary"] as? NSDictionary == golden["summary"] as? NSDictionary)
        // No Content-Type: the first byte tells.
        let sniffed = try await send("/v1/screen", .post, state: MatchRouteTests.state(), body: ByteBuffer(bytes: body))
        #expect(sniffed.body == r.body)
        let csv = try await send(
            "/v1/screen", .post, state: MatchRouteTests.state(),
            body: ByteBuffer(string: MatchRouteTests.counterparties))
        #expect(csv.body == (try MatchRouteTests.golden("json")))
    }

    @Test func screenErrors() async throws {
        let s = MatchRouteTests.state()
        func post(
            _ body: String, _ query: String = "", type: String = "text/csv",
            state: ServiceState = MatchRouteTests.state()
        ) async throws -> Reply {
            try await send(
                "/v1/screen" + query, .post, state: state, headers: [.contentType: type], body: ByteBuffer(string: body)
            )
        }
        // 422: the body is read but cannot be screened, with the line at fault.
        let noRef = try await post("name\nAcme\n")
        #expect(noRef.status == .unprocessableContent)
        #expect((noRef.object["detail"] as? String)?.contains("body:1: missing column 'ref'") == true)
        let badKind = try await post("ref,name,kind\nc1,Acme,compnay\n")
        #expect(badKind.status == .unprocessableContent)
        #expect((badKind.object["detail"] as? String)?.contains("body:2: record 'c1', field 'kind'") == true)
        #expect(try await post("{\"counterparties\": 3}", type: "application/json").status == .unprocessableContent)
        #expect(
            try await post("[{\"ref\": 1, \"name\": \"x\"}]", type: "application/json").status == .unprocessableContent)
        #expect(
            try await post(
                "[{\"ref\": \"a\", \"name\": \"x\"}, {\"ref\": \"a\", \"name\": \"y\"}]", type: "application/json"
            )
            .object["detail"] as? String == "Cannot screen these counterparties: body:2: ref 'a' repeats line 1.")
        #expect(try await post("[oops", type: "application/json").status == .unprocessableContent)
        #expect(
            try await post(String(repeating: "[", count: 100_000), type: "application/json").status
                == .unprocessableContent)
        // 400: bad parameters, named.
        #expect(
            try await post(MatchRouteTests.counterparties, "?regime=ofax").object["parameter"] as? String == "regime")
        #expect(try await post(MatchRouteTests.counterparties, "?regime=,").object["parameter"] as? String == "regime")
        #expect(
            try await post(MatchRouteTests.counterparties, "?maxDepth=0").object["parameter"] as? String == "maxDepth")
        #expect(
            try await post(MatchRouteTests.counterparties, "?candidates=99").object["parameter"] as? String
                == "candidates")
        #expect(try await post(MatchRouteTests.counterparties, "?format=xml").object["suggestions"] as? [String] == nil)
        #expect(
            try await post(MatchRouteTests.counterparties, "?format=jsn").object["suggestions"] as? [String] == ["json"]
        )
        #expect(
            try await send("/v1/screen", .post, state: s, body: ByteBuffer(bytes: [0x72, 0x65, 0x66, 0xFF, 0x0A]))
                .status == .badRequest)
        // 415: neither CSV nor JSON.
        #expect(try await post("x", type: "image/png").status == .unsupportedMediaType)
        // 413: a body over the byte limit, or more counterparties than one request may screen.
        var small = QueryLimits()
        small.maxBodyBytes = 64
        #expect(
            try await post(MatchRouteTests.counterparties, state: MatchRouteTests.state(limits: small)).status
                == .contentTooLarge)
        var few = QueryLimits()
        few.maxScreenRows = 2
        let many = try await post(MatchRouteTests.counterparties, state: MatchRouteTests.state(limits: few))
        #expect(many.status == .contentTooLarge)
        #expect(many.object["detail"] as? String == "8 counterparties in one request; the limit is 2.")
        // 503: no query slot.
        var none = QueryLimits()
        none.concurrentQueries = 0
        #expect(
            try await post(MatchRouteTests.counterparties, state: MatchRouteTests.state(limits: none)).status
                == .serviceUnavailable)
        #expect(
            try await get("/v1/search?q=x", state: MatchRouteTests.state(limits: none)).status == .serviceUnavailable)
        // The viewer's pages compute like queries and take a slot too.
        #expect(
            try await get("/view/search?q=x", state: MatchRouteTests.state(limits: none)).status == .serviceUnavailable)
        #expect(
            try await get("/view/entities/c-baltic", state: MatchRouteTests.state(limits: none)).status
                == .serviceUnavailable)
    }

    @Test func viewerSearchBoxUsesTheNameIndex() async throws {
        let s = MatchRouteTests.state()
        // Names in another order than written (the old substring search found none).
        let r = try await get("/view/search?q=Sergei%20Ivanov", state: s)
        #expect(r.status == .ok)
        let expected = try MatchIndex(graph: MatchRouteTests.parties.graph).search(
            "Sergei Ivanov", options: MatchOptions(limit: 50))
        #expect(!expected.isEmpty)
        for hit in expected.prefix(3) { #expect(r.body.contains("/view/entities/\(hit.id)\""), "\(hit.id)") }
        #expect(r.body.contains("/v1/search?q=Sergei%20Ivanov"))
        let none = try await get("/view/search?q=zzqqxx", state: s)
        #expect(none.body.contains("No entity id, name, alias or identifier matches this."))
    }
}
