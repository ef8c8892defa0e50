import CorpGraph
import CorpGraphIO
import CorpGraphServer
import Foundation
import Hummingbird
import CorpGraphTestSupport
import Testing

@Suite struct ViewerRouteTests {
    static let hostile = Fixtures.load("fixtures/cases/hostile-names/hostile-names.yaml")

    @Test func entityPageShowsFactsAndControls() async throws {
        let r = try await get(
            "/view/entities/exchange-a?asOf=2022-12-01&direction=both&maxDepth=4&via=owns,pays&regime=eu")
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "text/html; charset=utf-8")
        #expect(r.body.contains("<h1 id=\"entity-name\"><bdi>Aozora Exchange K.K. (あおぞら取引所株式会社)</bdi></h1>"))
        // The controls keep the URL's values.
        #expect(r.body.contains("name=\"asOf\" value=\"2022-12-01\""))
        #expect(r.body.contains("<option value=\"both\" selected>"))
        #expect(r.body.contains("name=\"maxDepth\" min=\"1\" max=\"12\" value=\"4\""))
        #expect(r.body.contains("value=\"owns,pays\""))
        #expect(r.body.contains("<option value=\"eu\" selected>"))
        // The diagram and downloads carry the same query.
        #expect(
            r.body.contains(
                "src=\"/v1/render?subject=exchange-a&amp;asOf=2022-12-01&amp;direction=both&amp;maxDepth=4&amp;via=owns%2Cpays&amp;exposure=true&amp;format=svg&amp;regime=eu\""
            ))
        #expect(r.body.contains("format=png"))
        #expect(r.body.contains("format=dot"))
        #expect(r.body.contains("href=\"/v1/exposure?subject=exchange-a"))
        // No script, no inline style, nothing from elsewhere.
        #expect(!r.body.contains("<script"))
        #expect(!r.body.contains("style="))
        #expect(!r.body.contains("src=\"http"))
    }

    @Test func unknownEntityPageLinksSuggestions() async throws {
        let r = try await get("/view/entities/exchange-z")
        #expect(r.status == .notFound)
        #expect(r.body.contains("<a href=\"/view/entities/exchange-a\">exchange-a</a>"))
    }

    @Test func searchFindsByNameAndId() async throws {
        let r = try await get("/view/search?q=aozora")
        #expect(r.body.contains("/view/entities/exchange-a"))
        #expect(try await get("/view/search").status == .badRequest)
    }

    @Test func hostileNamesAreText() async throws {
        let state = makeState(ViewerRouteTests.hostile)
        for id in ["evil-<script>", "rtl-owner", "quote\"id"] {
            let r = try await get(
                "/view/entities/" + id.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!, state: state)
            #expect(r.status == .ok, "\(id)")
            let body = r.body
            #expect(!body.contains("<script"), "\(id)")
            #expect(body.components(separatedBy: "<img").count == 2, "only the diagram is an image: \(id)")
            #expect(!body.contains("<b>") && !body.contains("<i>") && !body.contains("<u>"), "\(id)")
            #expect(!body.contains("onerror=alert") || body.contains("onerror=alert(2)&gt;"), "\(id)")
            #expect(!body.contains("\" onmouseover"), "\(id)")
            #expect(!body.contains("href=\"javascript:") && !body.contains("href=\"data:"), "\(id)")
            #expect(
                !body.unicodeScalars.contains {
                    (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
                }, "\(id)")
            #expect(!body.contains("<h1>tag</h1>"), "\(id)")
        }
        let evil = try await get("/view/entities/evil-%3Cscript%3E", state: state).body
        #expect(evil.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;Evil &quot; onmouseover=&quot;alert(1)"))
        #expect(evil.contains("click &lt;u&gt;me&lt;/u&gt; <code>javascript:alert(3)</code>"))
        #expect(evil.contains("<a href=\"https://example.org/?a=1&amp;b=&lt;2&gt;\""))
        let rtl = try await get("/view/entities/rtl-owner", state: state).body
        #expect(rtl.contains("Mallory ⟦U+202E⟧gnp.exe⟦U+202C⟧ &amp; Co"))
    }

    @Test func hostileIdsInJSONAreEscapedJSON() async throws {
        let r = try await get("/v1/entities/quote%22id", state: makeState(ViewerRouteTests.hostile))
        #expect(r.status == .ok)
        #expect(r.object["id"] as? String == "quote\"id")
    }
}
