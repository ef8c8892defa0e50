import CorpGraphPDF
import CorpGraphTestSupport
import Foundation
import Testing

@Suite("PDF writer")
struct PDFWriterTests {
    static func document(rows: Int = 80) -> PDFDocument {
        var blocks: [Block] = [
            .heading("Case report: Exchange A K.K.", level: 1),
            .facts([Fact("Subject", [Inline("exchange-a", monospace: true)]), Fact("As of", [Inline("2022-12-01")])]),
            .paragraph([
                Inline("Owned 55 % in aggregate by two SDN-listed persons; "),
                Inline("source", link: "https://example.org/registry?id=1'2"),
                Inline(" and a hostile <b>name</b> & javascript:alert(1)", link: "javascript:alert(1)"),
            ]),
            .paragraph([Inline("蓬莱ホールディングス株式会社 · ООО «Ангара» · شركة الأفق")]),
            .diagram(
                dot:
                    "digraph { rankdir=TB; a [label=\"Exchange A\"]; b [label=\"Shell Pte. Ltd.\"]; a -> b [label=\"100 %\"] }",
                layout: .dot, caption: "Figure 1: exposure of exchange-a"),
        ]
        blocks.append(
            .table(
                Table(
                    columns: [("Hop", 1), ("From", 3), ("To", 3), ("Evidence", 5)],
                    rows: (1...rows).map { i in
                        [
                            [Inline("\(i)")], [Inline("entity-\(i)")], [Inline("entity-\(i + 1)")],
                            [Inline("owns 100 %, registry extract", link: "https://example.org/\(i)")],
                        ]
                    })))
        blocks.append(.heading("Provenance", level: 2))
        blocks.append(.paragraph([Inline("Supports analysts; not legal advice.")]))
        return PDFDocument(
            info: .init(
                title: "corpgraph case report: exchange-a", subject: "Sanctions exposure as of 2022-12-01",
                creator: "corpgraph test", date: "2022-12-01T00:00:00", runningHeader: "exchange-a · 2022-12-01"),
            blocks: blocks)
    }

    @Test("the same document gives the same bytes")
    func deterministic() throws {
        let a = try PDFWriter.render(Self.document())
        let b = try PDFWriter.render(Self.document())
        #expect(a == b)
        #expect(a.starts(with: Array("%PDF-".utf8)))
    }

    @Test("pages, metadata, text, page numbers and embedded fonts as poppler reads them")
    func popplerReadsIt() throws {
        let pdf = try PDFWriter.render(Self.document())
        if let keep = ProcessInfo.processInfo.environment["CORPGRAPH_KEEP_PDF"] {  // to look at it: pdftoppm -png
            try Data(pdf).write(to: URL(fileURLWithPath: keep))
        }
        guard let info = try poppler("pdfinfo", [], pdf: pdf) else { return }  // poppler-utils absent: nothing to check
        func field(_ name: String) -> String? {
            info.split(separator: "\n").first { $0.hasPrefix(name + ":") }
                .map { $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces) }
        }
        #expect(field("Title") == "corpgraph case report: exchange-a")
        #expect(field("Subject") == "Sanctions exposure as of 2022-12-01")
        #expect(field("Creator") == "corpgraph test")
        let count = try #require(field("Pages").flatMap { Int($0) })
        #expect(count >= 3, "80 table rows over several pages")
        let text = try #require(try poppler("pdftotext", ["-layout"], pdf: pdf))
        #expect(text.contains("Owned 55 % in aggregate by two SDN-listed persons"))
        #expect(text.contains("蓬莱ホールディングス株式会社"))
        #expect(text.contains("ООО «Ангара»"))
        #expect(text.contains("Page 1 of \(count)"))
        #expect(text.contains("Page \(count) of \(count)"))
        #expect(text.replacingOccurrences(of: "\n", with: " ").contains("hostile <b>name</"), "markup stays text")
        #expect(text.contains("& javascript:alert(1)"))
        #expect(text.contains("Exchange A"), "the diagram's labels are drawn")
        #expect(text.contains("entity-80"))
        let fonts = try #require(try poppler("pdffonts", [], pdf: pdf))
        let fontLines = fonts.split(separator: "\n").dropFirst(2)
        #expect(fontLines.contains { $0.contains("NotoSansCJK") })
        #expect(fontLines.allSatisfy { $0.contains(" yes ") }, "every font embedded: \(fonts)")
    }

    @Test("only web and mail addresses become links; a quote in one is escaped")
    func links() throws {
        let pdf = try PDFWriter.render(Self.document(rows: 2))
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(
            text.contains("/URI (https://example.org/registry?id=1'2)")
                || text.contains("https://example.org/registry?id=1"))
        #expect(!text.contains("javascript:alert"), "a javascript: address is never a link")
        #expect(text.contains("/Subtype /Link"))
    }
}
