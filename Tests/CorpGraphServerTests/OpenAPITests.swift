import CorpGraphServer
import Foundation
import Hummingbird
import CorpGraphTestSupport
import Testing

@Suite struct OpenAPITests {
    /// `METHOD path` for every operation under `paths:` of docs/openapi.yaml (two-space path keys, four-space methods).
    static func documented() throws -> Set<String> {
        let text = try String(contentsOf: Fixtures.root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        var out = Set<String>()
        var inPaths = false
        var path: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            guard inPaths else { continue }
            if !line.hasPrefix(" ") && !line.isEmpty { break }
            if line.hasPrefix("  /"), line.hasSuffix(":") { path = String(line.dropFirst(2).dropLast()) }
            for m in ["get", "post", "put", "delete", "patch"] where line == "    \(m):" {
                out.insert("\(m.uppercased()) \(path ?? "?")")
            }
        }
        return out
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws {
        let router = CorpGraphService.router(state: makeState())
        let served = Set(router.routes.map { "\($0.method) \($0.path)" })
        let documented = try OpenAPITests.documented()
        #expect(documented.count >= 15)
        #expect(
            served == documented,
            "served only: \(served.subtracting(documented)); documented only: \(documented.subtracting(served))")
    }

    @Test func documentedParametersAreTheOnesRoutesAccept() async throws {
        // A parameter the document lists is accepted (no 400 naming it as unknown).
        for uri in [
            "/v1/exposure?subject=exchange-a&timeRespecting=true&derived=ofac&via=owns&maxDepth=2&direction=up&limit=5&asOf=2022-01-01",
            "/v1/reach?subject=exchange-a&derived=ofac&via=owns&maxDepth=2&direction=up&asOf=2022-01-01",
            "/v1/render?subject=exchange-a&exposure=false&format=dot&radius=1&regime=none&via=owns&maxDepth=2&direction=up&derived=ofac&asOf=2022-01-01",
            "/v1/ownership?of=a-sg-shell&threshold=10&method=paths&maxChains=2&asOf=2022-01-01",
            "/v1/entities/exchange-a/adjacent?kind=owns&direction=up&limit=5&offset=0&asOf=2022-01-01",
            "/v1/blocked?regime=ofac&id=exchange-a&asOf=2022-01-01",
            "/view/entities/exchange-a?asOf=2022-01-01&direction=up&maxDepth=2&via=owns&regime=uk&offset=0",
        ] {
            let r = try await get(uri)
            #expect(r.status == .ok, "\(uri): \(r.body.prefix(300))")
        }
    }
}
