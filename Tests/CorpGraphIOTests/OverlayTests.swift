import CorpGraphTestSupport
import Foundation
import Testing
import CorpGraph
@testable import CorpGraphIO

/// Native `extends: ID` overlays on entities of GLEIF, FtM and native inputs, and the reading of `sameAs` /
/// `notSameAs` judgements (their merging is tested in CorpGraphMatchTests and CLITests).
@Suite struct OverlayTests {
    let gleif = fixture("cases/match/overlay/gleif.json")
    let ftm = fixture("cases/match/overlay/ftm.json")
    let overlay = fixture("cases/match/overlay/overlay.yaml")
    let conflicts = fixture("cases/match/overlay/conflicts.yaml")

    func load(_ paths: [String]) throws -> LoadedDataset {
        try DatasetLoader.load(paths, options: LoadOptions(registry: registry))
    }

    func entity(_ d: LoadedDataset, _ id: String) throws -> Entity {
        d.graph.entity(try #require(d.graph.index(of: id), "no entity '\(id)'"))
    }

    @Test func addsFactsToGLEIFAndFtMEntitiesByTheirIDs() throws {
        let d = try load([gleif, ftm, overlay])
        #expect(d.errors.isEmpty && d.leftOutCount == 0, "\(d.diagnostics)")
        #expect(d.graph.entityCount == 5)  // 2 GLEIF + 2 FtM + 1 native: an overlay adds no entity
        let nord = try entity(d, "5493001KJTIIGC8Y1R12")
        #expect(nord.name == "NORD HOLDINGS AG" && nord.kind == .company && nord.jurisdiction == "CH")
        #expect(nord.aliases.contains("Nord Holdings AG"))
        #expect(
            nord.designations == [Designation(list: "OFAC-SDN", program: "RUSSIA-EO14024", listed: day("2023-05-19"))])
        #expect(nord.tags.contains("watch"))
        #expect(nord.identifiers["LEI"] == "5493001KJTIIGC8Y1R12" && nord.identifiers["CH-UID"] == "CHE-123.456.789")
        #expect(nord.sources.contains(SourceRef(url: "https://example.org/nord-designation")))
        let volga = try entity(d, "os-volga")
        #expect(volga.aliases == ["Волга Шиппинг"])
        #expect(volga.identifiers["LEI"] == "529900VOLGASHIP01063" && volga.identifiers["RU-INN"] == "7707083893")
        let petrov = try entity(d, "os-petrov")
        #expect(petrov.jurisdiction == "CY" && petrov.tags == ["director"])
        // Relationships of the overlay file name the extended entities like any other.
        let edges = Set(
            (0..<d.graph.relationshipCount).map {
                "\(d.graph.id(d.graph.source($0)))>\(d.graph.id(d.graph.target($0)))"
            })
        #expect(edges.isSuperset(of: ["os-petrov>5493001KJTIIGC8Y1R12", "analyst-note>os-volga"]))
        #expect(d.graph.relationshipCount == 3)
    }

    /// Every order of the inputs gives the same entities, relationships and problems.
    @Test func orderOfInputsDoesNotChangeTheResult() throws {
        func summary(_ paths: [String]) throws -> (entities: [Entity], edges: [String], problems: [String]) {
            let d = try load(paths)
            let g = d.graph
            let entities = (0..<g.entityCount).map { g.entity($0) }.sorted { $0.id < $1.id }
            let edges = (0..<g.relationshipCount).map {
                "\(g.id(g.source($0)))>\(g.id(g.target($0))) \(g.kind(ofRelationship: $0))"
            }.sorted()
            return (entities, edges, d.diagnostics.map(\.description).sorted())
        }
        let inputs = [gleif, ftm, overlay, conflicts]
        let first = try summary(inputs)
        #expect(first.problems.count == 3, "\(first.problems)")
        for order in [
            [overlay, conflicts, ftm, gleif], [conflicts, gleif, overlay, ftm], [ftm, overlay, gleif, conflicts],
        ] {
            let other = try summary(order)
            #expect(other.entities == first.entities, "\(order)")
            #expect(other.edges == first.edges && other.problems == first.problems, "\(order)")
        }
    }

    @Test func conflictingKindAndJurisdictionAreReportedAndUnknownIDsLeftOut() throws {
        let d = try load([gleif, ftm, conflicts])
        let nord = try entity(d, "5493001KJTIIGC8Y1R12")
        #expect(nord.kind == .company && nord.jurisdiction == "CH" && nord.tags.contains("checked"))
        let kind = try #require(d.diagnostics.first { $0.field == "kind" })
        #expect(kind.severity == .warning && kind.reason == .conflictingFacts && kind.effect == .kept)
        #expect(
            kind.description
                == "\(conflicts):4 (5493001KJTIIGC8Y1R12): warning: kind: extends '5493001KJTIIGC8Y1R12', a company (defined at \(gleif):2), but says person; kept company"
        )
        let jurisdiction = try #require(d.diagnostics.first { $0.field == "jurisdiction" })
        #expect(jurisdiction.message.hasSuffix("but says DE; kept CH") && jurisdiction.severity == .warning)
        let unknown = try #require(d.diagnostics.first { $0.field == "extends" })
        #expect(unknown.severity == .error && unknown.reason == .danglingReference && unknown.effect == .leftOut)
        #expect(
            unknown.message
                == "unknown entity id 'os-volgaa': no input defines it (overlay left out); did you mean 'os-volga'?")
        #expect(d.leftOutCount == 1 && d.files.first { $0.file == conflicts }?.rejected == 1)
        #expect(try entity(d, "os-volga").tags.isEmpty)
    }

    @Test func overlayRecordProblems() throws {
        let text = """
            entities:
              - {id: a, kind: company, name: A, jurisdiction: XX}
              - {id: b, extends: c, tags: [t]}
              - {extends: a, tags: [t]}
              - {extends: d, kind: compny, tags: [t]}
              - {extends: d, colour: red}
              - {id: d, kind: company, name: D}
            """
        var b = GraphBuilder()
        _ = NativeDataset.read(text: text, file: "o.yaml", into: &b, registry: registry)
        let (g, diagnostics) = b.build()
        let lines = diagnostics.map(\.description)
        #expect(
            lines.contains(
                "o.yaml:3 (c): error: id: a record has either 'id' (it defines an entity) or 'extends' (it adds facts to one defined elsewhere), not both (record rejected)"
            ), "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("o.yaml:4 (a): error: extends: entity 'a' was left out")
                    && $0.hasSuffix("overlay left out because its entity was rejected")
            }, "\(lines)")
        #expect(
            lines.contains {
                $0.hasPrefix("o.yaml:5 (d): error: kind: expected one of company")
                    && $0.contains("did you mean 'company'?")
            }, "\(lines)")
        #expect(
            lines.contains { $0.hasPrefix("o.yaml:6 (d): warning: colour: unknown overlay field 'colour' (ignored)") },
            "\(lines)")
        #expect(g.entityCount == 1 && g.tags(0).isEmpty)  // the bad-kind overlay is left out; the other adds nothing
    }

    @Test func jsonOverlaysAndJudgementsReadAsYAMLDoes() throws {
        let json = temp(
            "overlay.json",
            Array(
                """
                {"entities": [{"extends": "os-volga", "tags": ["from-json"], "designations": ["EU-FSF"]},
                              {"id": "j", "kind": "company", "name": "J"}],
                 "notSameAs": [["j", "os-volga"]]}
                """.utf8))
        let d = try load([json, ftm])
        #expect(d.errors.isEmpty, "\(d.diagnostics)")
        let volga = try entity(d, "os-volga")
        #expect(volga.tags == ["from-json"] && volga.designations == [Designation(list: "EU-FSF")])
        let j = try entity(d, "j")
        #expect(volga.attributes["judgement.notSameAs"] == "j" && j.attributes["judgement.notSameAs"] == "os-volga")
    }

    @Test func idDefinedAgainInAnotherNativeFileSuggestsExtends() throws {
        let a = temp("overlay-a.yaml", Array("entities:\n  - {id: x, kind: company, name: X}\n".utf8))
        let b = temp("overlay-b.yaml", Array("entities:\n  - {id: x, kind: company, name: X, tags: [t]}\n".utf8))
        let d = try load([a, b])
        #expect(
            d.diagnostics.map(\.message) == [
                "duplicate id 'x' with different content; first defined at \(a):2 (record left out); to add facts to it from this file, write 'extends: x' instead of 'id: x'"
            ])
    }

    @Test func judgementsAreReadAndKeptOnTheirEntities() throws {
        let text = """
            entities:
              - {id: a, kind: company, name: A}
              - {id: b, kind: company, name: B}
              - {id: c, kind: company, name: C}
              - {id: d, kind: company, name: D}
            sameAs:
              - [a, b]
              - [a]
              - [c, c]
              - x
              - [a, bb]
            notSameAs:
              - [a, c, d]
            """
        var builder = GraphBuilder()
        _ = NativeDataset.read(text: text, file: "j.yaml", into: &builder, registry: registry)
        let (g, diagnostics) = builder.build()
        let lines = diagnostics.map(\.description)
        #expect(
            lines == [
                "j.yaml:8: error: sameAs: expected two or more entity ids, found 1 (record left out)",
                "j.yaml:9: error: sameAs: 'c' is named twice; expected different entity ids (record left out)",
                "j.yaml:10: error: sameAs: expected a list of two or more entity ids ([a, b]), found 'x' (record rejected)",
                "j.yaml:11: error: sameAs: unknown entity id 'bb': no input defines it (judgement left out); did you mean 'b'?",
            ], "\(lines)")
        #expect(builder.rejectedCounts["j.yaml"] == 4)
        func attributes(_ id: String) -> [String: String] { g.attributes(g.index(of: id)!) }
        #expect(attributes("a") == ["judgement.sameAs": "b", "judgement.notSameAs": "c;d"])
        #expect(attributes("b") == ["judgement.sameAs": "a"])
        #expect(attributes("d") == ["judgement.notSameAs": "a;c"])
    }

    @Test func contradictorySameAsIsLeftOut() throws {
        var b = GraphBuilder()
        for id in ["a", "b", "c", "d", "e"] {
            b.add(Entity(id: id, kind: .company, name: id), at: SourceLocation(file: "e.yaml", line: 1))
        }
        b.judge(Judgement(.sameAs, ["a", "b"]), at: SourceLocation(file: "j.yaml", line: 2))
        b.judge(Judgement(.sameAs, ["b", "c"]), at: SourceLocation(file: "j.yaml", line: 3))
        b.judge(Judgement(.sameAs, ["d", "e"]), at: SourceLocation(file: "j.yaml", line: 4))
        b.judge(Judgement(.notSameAs, ["c", "a"]), at: SourceLocation(file: "k.yaml", line: 7))
        let (g, diagnostics) = b.build()
        #expect(
            diagnostics.map(\.description) == [
                "j.yaml:2: error: sameAs: sameAs [a, b] contradicts notSameAs at k.yaml:7: with it 'c' and 'a' would be one party; left out (resolve the judgements)",
                "j.yaml:3: error: sameAs: sameAs [b, c] contradicts notSameAs at k.yaml:7: with it 'c' and 'a' would be one party; left out (resolve the judgements)",
            ])
        #expect(b.rejectedCounts["j.yaml"] == 2)
        #expect(g.attributes(g.index(of: "a")!) == ["judgement.notSameAs": "c"])
        #expect(g.attributes(g.index(of: "b")!).isEmpty)
        #expect(g.attributes(g.index(of: "d")!) == ["judgement.sameAs": "e"])
    }
}
