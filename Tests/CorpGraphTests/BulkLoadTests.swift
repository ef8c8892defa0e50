import Foundation
import CorpGraphTestSupport
import Testing
@testable import CorpGraph

private func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    var t = s
    return t.withUTF8(body)
}

@Suite("StringTable")
struct StringTableTests {
    @Test("insert and look up short, long, empty and non-ASCII strings")
    func insertLookup() {
        var t = StringTable()
        let words = [
            "", "a", "C0000001", "C00000012", "exchange-a", "ООО «Бэк-офис»", "香港控股有限公司",
            String(repeating: "long-id-", count: 40),
        ]
        for (i, w) in words.enumerated() {
            let (index, inserted) = t.insert(w)
            #expect(index == Int32(i) && inserted)
        }
        for (i, w) in words.enumerated() {
            #expect(t.lookup(w) == Int32(i))
            #expect(t[i] == w)
            #expect(t.insert(w) == (Int32(i), false))
            #expect(withUTF8(w) { b in t.withReader { $0.lookup(utf8: b) } } == Int32(i))
        }
        #expect(t.lookup("C0000002") == nil)
        #expect(t.lookup("C000000") == nil)
        #expect(t.lookup(String(repeating: "long-id-", count: 39) + "long-id.") == nil)
        #expect(t.firstIndex(of: "a") == 1)
        #expect(Array(t) == words)
    }

    @Test("many keys: growth, batch insert, duplicates within the batch")
    func bulk() {
        var column = StringColumn()
        for i in 0..<50_000 { column.append("id-\(i % 40_000)") }
        var t = StringTable()
        t.insert("id-7")
        let slots = t.insertAll(column)
        #expect(t.count == 40_000)
        #expect(slots[7] == ~0)  // already present before the batch
        #expect(slots[0] == 1 && slots[8] == 8)  // new ones in order, after "id-7"
        #expect(slots[40_001] == ~t.lookup("id-1")!)  // repeated inside the batch
        for i in stride(from: 0, to: 40_000, by: 997) { #expect(t[Int(t.lookup("id-\(i)")!)] == "id-\(i)") }
    }
}

@Suite("GraphBuilder bulk columns")
struct BulkColumnsTests {
    static func entities(_ rows: [(String, EntityKind, String, String?)], tags: [String] = []) -> EntityColumns {
        var c = EntityColumns()
        let tagIDs = tags.map { c.internTag($0) }
        for (id, kind, name, j) in rows {
            let jurisdiction = j.map { c.internJurisdiction($0) } ?? -1
            withUTF8(id) { idBytes in
                withUTF8(name) { nameBytes in
                    tagIDs.withUnsafeBufferPointer { t in
                        c.append(
                            idUTF8: idBytes, kind: kind, nameUTF8: nameBytes, jurisdiction: jurisdiction, tags: t,
                            designations: [], line: 0)
                    }
                }
            }
        }
        return c
    }

    static func relationships(_ rows: [(String, String, RelationshipKind, String?)]) -> RelationshipColumns {
        var c = RelationshipColumns()
        for (line, (s, t, kind, id)) in rows.enumerated() {
            withUTF8(s) { sb in
                withUTF8(t) { tb in
                    c.append(
                        sourceUTF8: sb, targetUTF8: tb, kind: kind, share: kind == .owns ? .exact(Percent(50)) : nil,
                        amount: nil, currency: -1, date: nil, start: nil, end: nil, line: Int32(line + 2), id: id)
                }
            }
        }
        return c
    }

    @Test("bulk appends match add(_:at:) semantics, into an empty and a non-empty builder")
    func semantics() {
        var b = GraphBuilder()
        b.add(
            Entity(id: "x", kind: .person, name: "X", jurisdiction: "RU"),
            at: SourceLocation(file: "first.yaml", line: 3))
        let file = b.fileID("bulk.csv")
        b.append(
            Self.entities(
                [
                    ("a", .company, "A", "JP"), ("b", .company, "B", "RU-IRK"), ("a", .company, "A", "JP"),
                    ("x", .company, "Other X", nil),
                ], tags: ["t"]), file: file)
        b.append(
            Self.relationships([
                ("a", "b", .owns, nil), ("x", "a", .pays, "r1"), ("b", "b", .owns, nil),
                ("a", "later", .controls, nil), ("a", "b", .pays, "r1"), ("b", "a", .pays, "r2"),
            ]),
            file: file)
        b.append(Self.entities([("later", .site, "Later", nil)]), file: file)
        let (g, diagnostics) = b.build()
        #expect(
            diagnostics.map(\.description) == [
                "bulk.csv: error: id: duplicate id 'x' with different content; first defined at first.yaml:3 (record left out)",
                "bulk.csv:4: error: target: self-loop: 'b' owns itself; expected two different entities (relationship left out)",
                "bulk.csv:6: error: id: duplicate relationship id 'r1' with different content; first defined at bulk.csv:3 (record left out)",
            ])
        #expect((0..<g.entityCount).map { g.id($0) } == ["x", "a", "b", "later"])
        #expect(g.jurisdiction(2) == "RU-IRK" && g.tags(1) == ["t"] && g.name(3) == "Later")
        #expect(g.relationshipCount == 4)
        #expect((0..<4).map { "\(g.id(g.source($0)))>\(g.id(g.target($0)))" } == ["a>b", "x>a", "a>later", "b>a"])
        #expect(g.relationshipID(1) == "r1" && g.relationshipID(3) == "r2")
    }

    @Test("CSR rows are sorted by neighbour, then relationship index, also for long rows")
    func csrOrder() {
        var b = GraphBuilder()
        let loc = SourceLocation(file: "t")
        b.add(Entity(id: "hub", kind: .company, name: "Hub"), at: loc)
        for i in 0..<100 { b.add(Entity(id: "n\(i)", kind: .company, name: "N"), at: loc) }
        for i in (0..<100).reversed() {
            b.add(Relationship(kind: .pays, source: "hub", target: "n\(i % 37)"), at: loc)
        }
        let (g, _) = b.build()
        let out = Array(g.outRelationships(0))
        let pairs = out.map { (g.target(Int($0)), $0) }
        #expect(pairs.count == 100)
        for (x, y) in zip(pairs, pairs.dropFirst()) { #expect(x.0 < y.0 || (x.0 == y.0 && x.1 < y.1)) }
        #expect(Array(g.outNeighbours(0)) == pairs.map { Int32($0.0) })
        for v in 1...37 { #expect(Array(g.inNeighbours(v)).allSatisfy { $0 == 0 }) }
    }
}
