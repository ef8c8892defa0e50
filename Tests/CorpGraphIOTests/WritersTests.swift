import CorpGraph
import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import CorpGraphTestSupport
import Testing
@testable import CorpGraphIO

/// A comparable snapshot of a graph: entities and relationships as records, sorted.
struct GraphSnapshot: Equatable {
    var entities: [Entity]
    var relationships: [Relationship]
    init(_ g: Graph, dropAttributes: Bool = false) {
        entities = (0..<g.entityCount).map { v in
            var e = g.entity(v)
            if dropAttributes {
                e.attributes = [:]; e.sources = e.sources.map { SourceRef(url: $0.url) }.filter { $0.url != nil }
            }
            e.tags.sort()
            return e
        }.sorted { $0.id < $1.id }
        relationships = (0..<g.relationshipCount).map { e in
            var r = g.relationship(e)
            if dropAttributes {
                r.attributes = [:]; r.confidence = nil; r.shareText = nil
                r.sources = r.sources.map { SourceRef(url: $0.url) }.filter { $0.url != nil }
            }
            return r
        }.sorted { ($0.id ?? "", $0.source, $0.target) < ($1.id ?? "", $1.source, $1.target) }
    }
}

@Suite struct WritersTests {
    func seed() throws -> LoadedDataset {
        try DatasetLoader.load([fixture("seed/seed.yaml")], options: LoadOptions(registry: registry))
    }

    func mixedGraph() throws -> Graph {
        var b = GraphBuilder()
        for p in ["formats/ftm/mapping.ftm.json"] {
            FollowTheMoneyReader.read(
                [UInt8](try #require(FileManager.default.contents(atPath: fixture(p)))), file: p, into: &b)
        }
        return b.build().graph
    }

    @Test func nativeRoundTrip() throws {
        let seed = try seed()
        let text = NativeWriter.write(seed.graph, policy: seed.policy)
        var b = GraphBuilder()
        let policy = NativeDataset.read(text: text, file: "out.json", into: &b, registry: registry)
        let (g, d) = b.build()
        #expect(d.isEmpty, "\(d)")
        #expect(GraphSnapshot(g) == GraphSnapshot(seed.graph))
        #expect(policy == seed.policy)
        // Formats with attributes, share text and intervals survive too.
        let mixed = try mixedGraph()
        var b2 = GraphBuilder()
        _ = NativeDataset.read(text: NativeWriter.write(mixed), file: "out.json", into: &b2, registry: nil)
        #expect(GraphSnapshot(b2.build().graph) == GraphSnapshot(mixed))
    }

    @Test func ftmRoundTrip() throws {
        for graph in [try seed().graph, try mixedGraph()] {
            let text = FtMWriter.write(graph)
            var b = GraphBuilder()
            FollowTheMoneyReader.read(Array(text.utf8), file: "out.ftm.json", into: &b)
            let (g, d) = b.build()
            #expect(d.filter { $0.severity == .error }.isEmpty, "\(d.prefix(3))")
            #expect(GraphSnapshot(g, dropAttributes: true) == GraphSnapshot(graph, dropAttributes: true))
        }
    }

    @Test func ftmLinesAreFtMShaped() throws {
        let text = FtMWriter.write(try seed().graph)
        for line in text.split(separator: "\n") {
            let o = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(o["id"] is String && o["schema"] is String)
            let props = try #require(o["properties"] as? [String: Any])
            #expect(props.values.allSatisfy { ($0 as? [String]) != nil })
        }
    }

    @Test func graphMLIsWellFormedAndTyped() throws {
        let graph = try seed().graph
        let text = GraphMLWriter.write(graph)
        final class Counter: NSObject, XMLParserDelegate {
            var nodes = 0, edges = 0, keys: [String: String] = [:]
            func parser(
                _ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?,
                attributes a: [String: String] = [:]
            ) {
                if e == "node" { nodes += 1 }
                if e == "edge" { edges += 1 }
                if e == "key", let n = a["attr.name"], let t = a["attr.type"], a["for"] == "edge" { keys[n] = t }
            }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.nodes == graph.entityCount && counter.edges == graph.relationshipCount)
        #expect(counter.keys["shareLow"] == "double" && counter.keys["shareExact"] == "boolean")
        #expect(GraphMLWriter.escape("a<b&\"c\"\u{1}") == "a&lt;b&amp;&quot;c&quot;\u{FFFD}")
    }

    @Test func neo4jFilesHaveTypedHeadersAndOneRowPerRecord() throws {
        let seed = try seed()
        let files = Neo4jWriter.files(seed.graph, policy: seed.policy)
        #expect(
            files.map(\.name) == [
                "nodes.csv", "relationships.csv", "import.sh", "constraints.cypher", "queries.cypher",
            ])
        let nodes = try SimpleCSV.parse(Array(files[0].contents.utf8))
        let rels = try SimpleCSV.parse(Array(files[1].contents.utf8))
        #expect(nodes[0].fields == Neo4jWriter.nodeHeader && nodes.count == seed.graph.entityCount + 1)
        #expect(rels[0].fields == Neo4jWriter.relationshipHeader && rels.count == seed.graph.relationshipCount + 1)
        #expect(
            rels.dropFirst().allSatisfy { ["OWNS", "CONTROLS", "DIRECTS", "OPERATES", "PAYS"].contains($0.fields[2]) })
        #expect(
            files[4].contents.contains(
                "MATCH p = (s:Entity {id: $subject})-[:OWNS|CONTROLS|DIRECTS|OPERATES|PAYS*1..6]->(t:Entity)"))
        #expect(
            files[4].contents.contains(
                ":param jurisdictions => ['BY', 'CU', 'IR', 'KP', 'RU', 'SY', 'UA-09', 'UA-14', 'UA-43'];")
                || !seed.policy.jurisdictions.isEmpty)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-neo4j-\(getpid())").path
        try Neo4jWriter.write(seed.graph, policy: seed.policy, to: dir)
        #expect(FileManager.default.fileExists(atPath: dir + "/relationships.csv"))
        #expect(FileManager.default.isExecutableFile(atPath: dir + "/import.sh"))
    }

    @Test func neo4jCellsAreTypedExplicitAndOnOneLine() throws {
        var b = GraphBuilder()
        let at = SourceLocation(file: "t.yaml", line: 1)
        b.add(
            Entity(id: "a", kind: .company, name: "Line one\nline two", aliases: ["A;1", "Alpha"], tags: ["x", "y"]),
            at: at)
        b.add(Entity(id: "p", kind: .person, name: "Pat", designations: [Designation(list: "OFAC-SDN")]), at: at)
        b.add(
            Relationship(
                id: "o", kind: .owns, source: "p", target: "a", share: .exact(Percent(parsing: "25.5")!),
                start: CalendarDate(parsing: "2020-01-02")), at: at)
        b.add(Relationship(id: "r", kind: .owns, source: "a", target: "p", share: .unknown), at: at)
        b.add(Relationship(id: "c", kind: .controls, source: "p", target: "a", controlType: "board"), at: at)
        let (g, _) = b.build()
        let files = Neo4jWriter.files(g, policy: .builtIn)
        #expect(!files[0].contents.contains("Line one\n"))  // the break is escaped, the row is one line
        #expect(files[0].contents.split(separator: "\n").count == 3)
        let nodes = try SimpleCSV.parse(Array(files[0].contents.utf8))
        let rels = try SimpleCSV.parse(Array(files[1].contents.utf8))
        let header = nodes[0].fields, rheader = rels[0].fields
        func cell(_ row: [String], _ h: [String], _ name: String) -> String { row[h.firstIndex(of: name)!] }
        let a = nodes[1].fields, p = nodes[2].fields
        #expect(cell(a, header, "name") == "Line one\\nline two")
        #expect(cell(a, header, ":LABEL") == "Entity;Company" && cell(p, header, ":LABEL") == "Entity;Person")
        #expect(cell(a, header, "aliases:string[]") == "A,1;Alpha" && cell(a, header, "tags:string[]") == "x;y")
        #expect(cell(a, header, "designated:boolean") == "false" && cell(p, header, "designated:boolean") == "true")
        #expect(cell(p, header, "designations:string[]") == "OFAC-SDN")
        let o = rels[1].fields, r = rels[2].fields, c = rels[3].fields
        #expect(cell(o, rheader, "share:double") == "25.5" && cell(o, rheader, "shareExact:boolean") == "true")
        #expect(cell(o, rheader, "start:date") == "2020-01-02" && cell(o, rheader, ":TYPE") == "OWNS")
        #expect(cell(r, rheader, "share:double") == "" && cell(r, rheader, "shareExact:boolean") == "false")
        #expect(cell(c, rheader, "shareExact:boolean") == "false" && cell(c, rheader, "controlType") == "board")
        // Every typed header is name:type with a type neo4j-admin 5 knows.
        let known: Set<String> = ["ID", "LABEL", "START_ID", "END_ID", "TYPE", "double", "boolean", "date", "string[]"]
        for h in header + rheader where h.contains(":") {
            #expect(known.contains(String(h.split(separator: ":").last!)), "\(h)")
        }
        #expect(files[2].contents.contains("neo4j-admin}\" database import full"))
        #expect(files[2].contents.contains("--nodes=nodes.csv --relationships=relationships.csv"))
        #expect(files[3].contents.contains("REQUIRE e.id IS UNIQUE"))
        #expect(files[4].contents.contains("(r.start IS NULL OR r.start <= $asOf)"))
    }

    @Test func detectionByNameAndContent() {
        func detect(_ name: String, _ head: String) -> InputFormat? {
            InputFormat.detect(path: name, isDirectory: false, head: Array(head.utf8))
        }
        #expect(detect("entities.ftm.json", "{\"id\": \"x\"") == .ftm)
        #expect(detect("dump.json", "{\"id\":\"x\",\"schema\":\"Company\",\"properties\":{}}") == .ftm)
        #expect(detect("x.json", "[{\"statementId\": \"abc\", \"recordDetails\": {}}]") == .bods)
        #expect(detect("x.jsonl", "{\"statementId\":\"abc\"}") == .bods)
        #expect(detect("rr.json", "[{\"Relationship\": {\"StartNode\": {}}}]") == .gleif)
        #expect(
            detect(
                "rr.xml",
                "<?xml version=\"1.0\"?><rr:RelationshipData xmlns:rr=\"http://www.gleif.org/data/schema/rr/2016\">")
                == .gleif)
        #expect(detect("targets.simple.csv", "id,schema,name,aliases") == .targets)
        #expect(detect("seed.yaml", "entities:") == .native)
        #expect(detect("d.json", "{\"entities\": [], \"relationships\": []}") == .native)
    }
}
