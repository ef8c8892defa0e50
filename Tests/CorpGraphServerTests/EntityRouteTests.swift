import CorpGraph
import CorpGraphIO
import CorpGraphReport
import CorpGraphServer
import Foundation
import Hummingbird
import CorpGraphTestSupport
import Testing

@Suite struct EntityRouteTests {
    @Test func entityFactsAreTheReportsJSON() async throws {
        let r = try await get("/v1/entities/exchange-a?asOf=2022-12-01")
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "application/json")
        let g = Fixtures.seed.graph
        let expected = EntityReport(
            g, entity: g.index(of: "exchange-a")!, asOf: CalendarDate(parsing: "2022-12-01")!,
            registry: try? ISOCodes.shared()
        ).encoded(.json)
        #expect(r.body == expected)
        #expect(r.object["id"] as? String == "exchange-a")
    }

    @Test func unknownEntityIs404WithSuggestions() async throws {
        let r = try await get("/v1/entities/exchange-z")
        #expect(r.status == .notFound)
        #expect(r.headers[.contentType] == "application/problem+json")
        #expect(r.object["status"] as? Int == 404)
        #expect((r.object["suggestions"] as? [String])?.contains("exchange-a") == true)
    }

    @Test func adjacentPagesWithCounts() async throws {
        let g = Fixtures.seed.graph
        let v = g.index(of: "exchange-a")!
        let all = AdjacentReport(g, entity: v, query: AdjacentQuery(limit: 500))
        #expect(all.total > 1)
        let r = try await get("/v1/entities/exchange-a/adjacent?limit=1&offset=1")
        #expect(r.status == .ok)
        #expect(r.object["total"] as? Int == all.total)
        #expect((r.object["adjacent"] as? [Any])?.count == 1)
        #expect(r.object["next"] as? Int == (all.total > 2 ? 2 : nil))
        let counts = r.object["counts"] as? [String: [String: Int]] ?? [:]
        #expect(counts.values.reduce(0) { $0 + ($1["out"] ?? 0) + ($1["in"] ?? 0) } == all.total)
        // The second row of the full listing is the page's row.
        let page = AdjacentReport(g, entity: v, query: AdjacentQuery(limit: 1, offset: 1))
        #expect(page.rows == [all.rows[1]])
    }

    @Test func adjacentParametersAreChecked() async throws {
        let bad = try await get("/v1/entities/exchange-a/adjacent?limit=0")
        #expect(bad.status == .badRequest)
        #expect(bad.object["parameter"] as? String == "limit")
        let kind = try await get("/v1/entities/exchange-a/adjacent?kind=own")
        #expect(kind.status == .badRequest)
        #expect(kind.object["parameter"] as? String == "kind")
        #expect(kind.object["suggestions"] as? [String] == ["owns"])
        let unknown = try await get("/v1/entities/exchange-a/adjacent?limt=3")
        #expect(unknown.status == .badRequest)
        #expect(unknown.object["parameter"] as? String == "limt")
        #expect(unknown.object["suggestions"] as? [String] == ["limit"])
        let direction = try await get("/v1/entities/exchange-a/adjacent?direction=sideways")
        #expect(direction.object["parameter"] as? String == "direction")
        let twice = try await get("/v1/entities/exchange-a/adjacent?limit=1&limit=2")
        #expect(twice.status == .badRequest)
    }

    @Test func aHubNeverFloods() async throws {
        // 3 000 holders of one company: a page of 50 and the counts.
        var yaml = "entities:\n  - {id: hub, kind: company, name: Hub}\n"
        for i in 0..<3000 { yaml += "  - {id: h\(i), kind: person, name: Holder \(i)}\n" }
        yaml += "relationships:\n"
        for i in 0..<3000 { yaml += "  - {kind: owns, source: h\(i), target: hub, share: 0.01}\n" }
        let dataset = try Fixtures.temporary(yaml, name: "hub.yaml")
        let r = try await get("/v1/entities/hub/adjacent", state: makeState(dataset))
        #expect(r.object["total"] as? Int == 3000)
        #expect((r.object["adjacent"] as? [Any])?.count == 50)
        #expect(r.object["next"] as? Int == 50)
        #expect((r.object["counts"] as? [String: [String: Int]])?["owns"]?["in"] == 3000)
    }
}
