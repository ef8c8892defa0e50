import CorpGraph
import CorpGraphIO
import CorpGraphServer
import Foundation
import Hummingbird
import CorpGraphTestSupport
import Testing

@Suite struct SecurityRouteTests {
    static let token = "0123456789abcdef-secret"

    @Test func tokenIsRequiredWhenSet() async throws {
        let state = makeState(token: SecurityRouteTests.token)
        let none = try await get("/v1/entities/exchange-a", state: state)
        #expect(none.status == .unauthorized)
        #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
        #expect(none.headers[.contentType] == "application/problem+json")
        let wrong = try await get(
            "/v1/entities/exchange-a", state: state, headers: [.authorization: "Bearer 0123456789abcdef-secreT"])
        #expect(wrong.status == .unauthorized)
        let short = try await get("/v1/entities/exchange-a", state: state, headers: [.authorization: "Bearer 0123"])
        #expect(short.status == .unauthorized)
        let right = try await get(
            "/v1/entities/exchange-a", state: state, headers: [.authorization: "Bearer \(SecurityRouteTests.token)"])
        #expect(right.status == .ok)
        // Probes need no token.
        #expect(try await get("/healthz", state: state).status == .ok)
    }

    @Test func constantTimeComparisonIsExact() {
        let eq: (String, String) -> Bool = ConstantTime.equal
        #expect(eq("abc", "abc"))
        #expect(!eq("abc", "abd"))
        #expect(!eq("abc", "abcd"))
        #expect(!eq("", "a"))
        #expect(eq("", ""))
    }

    @Test func configurationRefusesOpenAddressWithoutToken() throws {
        #expect(throws: ServerConfigurationError.self) { try ServerConfiguration(host: "0.0.0.0").validate() }
        #expect(throws: ServerConfigurationError.self) {
            try ServerConfiguration(host: "0.0.0.0", token: "short").validate()
        }
        try ServerConfiguration(host: "0.0.0.0", token: SecurityRouteTests.token).validate()
        try ServerConfiguration(host: "127.0.0.1").validate()
    }

    @Test func everyResponseCarriesAStrictPolicy() async throws {
        for uri in ["/view/entities/exchange-a", "/v1/entities/exchange-a", "/nowhere", "/view/static/viewer.css"] {
            let r = try await get(uri)
            let csp = r.headers[.contentSecurityPolicy] ?? ""
            #expect(csp.contains("default-src 'none'"), "\(uri)")
            #expect(!csp.contains("script-src"), "\(uri)")
            #expect(!csp.contains("unsafe-inline"), "\(uri)")
            #expect(r.headers[.xContentTypeOptions] == "nosniff")
        }
    }

    @Test func unknownRouteIsProblem404() async throws {
        let r = try await get("/v1/nothing")
        #expect(r.status == .notFound)
        #expect(r.headers[.contentType] == "application/problem+json")
        #expect(r.object["detail"] as? String == "No route GET /v1/nothing.")
    }

    @Test func oversizedBodyIs413() async throws {
        var limits = QueryLimits()
        limits.maxBodyBytes = 100
        let box = ReplyBox()
        try await withServer(makeState(limits: limits)) { send in
            box.reply = try await send(
                "/v1/entities/exchange-a", .post, [:], ByteBuffer(repeating: UInt8(ascii: "x"), count: 1000))
        }
        #expect(box.reply?.status == .contentTooLarge)
        #expect(box.reply?.headers[.contentType] == "application/problem+json")
    }

    @Test func healthReadyMetrics() async throws {
        #expect(try await get("/healthz").object["status"] as? String == "ok")
        let ready = try await get("/readyz")
        #expect(ready.object["entities"] as? Int == Fixtures.seed.graph.entityCount)
        let box = ReplyBox()
        try await withServer { send in
            _ = try await send("/v1/entities/exchange-a", .get, [:], nil)
            _ = try await send("/v1/exposure?maxDepth=0", .get, [:], nil)
            box.reply = try await send("/metrics", .get, [:], nil)
        }
        let metrics = box.reply!
        #expect(metrics.status == .ok)
        #expect(metrics.headers[.contentType]?.hasPrefix("text/plain") == true)
        #expect(metrics.body.contains("hb_requests"))
        #expect(
            metrics.body.contains(
                "hb_requests{http_route=\"/v1/entities/{id}\",http_request_method=\"GET\",http_response_status_code=\"200\"}"
            ))
        // A problem is counted with the status the client got, not as a server error.
        #expect(
            metrics.body.contains(
                "hb_requests{http_route=\"/v1/exposure\",http_request_method=\"GET\",http_response_status_code=\"400\"}"
            ))
        #expect(!metrics.body.contains("status_code=\"500\"} "))
    }
}
