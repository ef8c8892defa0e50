import Testing
@testable import CorpGraphRender

@Suite struct RenderModuleTests {
    @Test func moduleReexportsTheModel() {
        #expect(Percent(50) == Percent(parsing: "50.00"))
    }
}
