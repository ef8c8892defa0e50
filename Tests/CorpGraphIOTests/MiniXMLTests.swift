import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphIO

@Suite struct MiniXMLTests {
    func events(_ xml: String) -> (events: [String], failure: MiniXML.Failure?) {
        var out: [String] = []
        let f = MiniXML.parse(
            Array(xml.utf8), start: { out.append("<\($0)@\($1)") },
            text: { t in
                if !t.allSatisfy(\.isWhitespace) { out.append("'\(t)'") }
            }, end: { out.append("</\($0)") })
        return (out, f)
    }

    @Test func elementsTextEntitiesCDATAAndComments() {
        let r = events(
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<rr:A xmlns:rr=\"u\" b='1'>\n <rr:B>x &amp; y &#x41;&#66;</rr:B><C/><![CDATA[<raw>]]></rr:A>\n"
        )
        #expect(r.failure == nil)
        #expect(r.events == ["<rr:A@3", "<rr:B@4", "'x & y AB'", "</rr:B", "<C@4", "</C", "'<raw>'", "</rr:A"])
    }

    @Test(arguments: [
        ("<a><b></a>", "does not match"), ("<a>", "ends inside element 'a'"),
        ("<!DOCTYPE a [<!ENTITY x \"y\">]><a/>", "DOCTYPE"),
        ("<a>&bogus;</a>", "entity reference"), ("<r:0/>", "malformed element name"),
        ("<a b=c/>", "quoted attribute value"),
        ("<a/><b/>", "second root"), ("x<a/>", "text outside"), ("", "no root element"),
        ("<a b=\"<\"/>", "'<' in an attribute"),
        ("<?x?>\n<r:0", "malformed element name"),
    ])
    func malformedInputIsAFailureWithALine(_ xml: String, _ message: String) {
        let r = events(xml)
        #expect(r.failure?.message.contains(message) == true, "\(xml): \(String(describing: r.failure))")
    }
}
