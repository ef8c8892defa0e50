import CorpGraph
import CorpGraphIO
import Foundation

// corpgraph-conformance: runs the format readers over real third-party data and prints a score.
// Folder: $CORPGRAPH_CONFORMANCE_DIR, else ../shared/external (relative to the working directory).
// Skips (exit 0) with a message when the folder is absent. Exit 1 when a check fails.

let env = ProcessInfo.processInfo.environment
let root = env["CORPGRAPH_CONFORMANCE_DIR"] ?? "../shared/external"
let fm = FileManager.default
var isDir: ObjCBool = false
guard fm.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
    print("conformance: skipped: no data folder at '\(root)' (set CORPGRAPH_CONFORMANCE_DIR)")
    exit(0)
}
let verbose = CommandLine.arguments.contains("--verbose")
var failures: [String] = []

func path(_ p: String) -> String { (root as NSString).appendingPathComponent(p) }
func bytes(_ p: String) -> [UInt8]? { fm.contents(atPath: p).map { [UInt8]($0) } }
func files(_ dir: String, ext: String = "json") -> [String] {
    ((try? fm.contentsOfDirectory(atPath: path(dir))) ?? []).filter { $0.hasSuffix("." + ext) }.sorted().map {
        dir + "/" + $0
    }
}
@MainActor func check(_ ok: Bool, _ what: String) {
    if !ok { failures.append(what) }
    print("  [\(ok ? "ok" : "FAIL")] \(what)")
}
func jsonArray(_ p: String) -> [[String: Any]] {
    guard let d = fm.contents(atPath: p), let a = try? JSONSerialization.jsonObject(with: d) as? [[String: Any]] else {
        return []
    }
    return a
}

// MARK: BODS examples
print("BODS 0.4 official examples (bods-data-standard/examples):")
var exampleOK = 0
let examples =
    files("bods-data-standard/examples") + files("bods-v04-fixtures/core") + files("bods-v04-fixtures/edge-cases")
for f in examples {
    guard let b = bytes(path(f)) else { continue }
    var builder = GraphBuilder()
    BODSReader.read(b, file: f, into: &builder)
    let (graph, diagnostics) = builder.build()
    let errors = diagnostics.filter { $0.severity == .error }
    // Expected: one relationship per interest of each relationship statement (or one when it declares none),
    // except unspecified parties (a marker) and closing statements that follow another statement of the record.
    var expected = 0
    var seenRecords = Set<String>()
    var pairs = Set<String>()
    for s in jsonArray(path(f)) where s["recordType"] as? String == "relationship" {
        let rid = s["recordId"] as? String ?? ""
        let d = s["recordDetails"] as? [String: Any] ?? [:]
        let closedAfter = s["recordStatus"] as? String == "closed" && seenRecords.contains(rid)
        seenRecords.insert(rid)
        guard let subject = d["subject"] as? String, let party = d["interestedParty"] as? String else { continue }
        pairs.insert(party + "→" + subject)
        if closedAfter { continue }
        expected += max(1, (d["interests"] as? [Any])?.count ?? 0)
    }
    var dropped = diagnostics.filter { $0.message.contains("superseded") }.count
    var directionOK = true
    for e in 0..<graph.relationshipCount
    where !pairs.contains(graph.id(graph.source(e)) + "→" + graph.id(graph.target(e))) {
        directionOK = false
    }
    dropped += 0
    let ok = errors.isEmpty && graph.relationshipCount + dropped == expected && directionOK
    if ok { exampleOK += 1 }
    if !ok || verbose {
        print(
            "  \(ok ? "ok  " : "FAIL") \(f): \(graph.entityCount) entities, \(graph.relationshipCount) relationships (expected \(expected), \(dropped) superseded), direction \(directionOK ? "ok" : "WRONG")"
        )
        for d in errors.prefix(5) { print("        \(d)") }
    }
}
check(
    exampleOK == examples.count,
    "BODS examples and fixtures load with their relationships: \(exampleOK)/\(examples.count)")

// MARK: BODS valid statements
print("BODS 0.4 valid test statements (tests-data/valid-statements):")
let valid = files("bods-data-standard/tests-data/valid-statements")
var validOK = 0
for f in valid {
    guard let b = bytes(path(f)) else { continue }
    let v = BODSReader.violations(in: b, file: f)
    var builder = GraphBuilder()
    BODSReader.read(b, file: f, into: &builder)
    let readerErrors = builder.diagnostics.filter { $0.severity == .error }
    if v.isEmpty && readerErrors.isEmpty {
        validOK += 1
    } else {
        print("  FAIL \(f): \(v.first.map(\.description) ?? readerErrors.first.map(\.description) ?? "")")
    }
}
check(validOK == valid.count, "valid statements accepted: \(validOK)/\(valid.count)")

// MARK: BODS invalid statements
print("BODS 0.4 invalid test statements (tests-data/invalid-statements, answer key expected_errors.csv):")
var expectedErrors: [String: (keyword: String, path: String, property: String)] = [:]
if let csv = try? String(
    contentsOfFile: path("bods-data-standard/tests-data/invalid-statements/expected_errors.csv"), encoding: .utf8)
{
    for line in csv.split(separator: "\n") {
        let f = line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if f.count >= 3 { expectedErrors[f[0]] = (f[1], f[2], f.count > 3 ? f[3] : "") }
    }
}
let invalid = files("bods-data-standard/tests-data/invalid-statements")
var rejected = 0, exact = 0, keywordPath = 0
for f in invalid {
    guard let b = bytes(path(f)) else { continue }
    let v = BODSReader.violations(in: b, file: f)
    let name = (f as NSString).lastPathComponent
    if !v.isEmpty { rejected += 1 }
    guard let want = expectedErrors[name] else { continue }
    if v.contains(where: { $0.keyword == want.keyword && $0.path == want.path }) {
        keywordPath += 1
        if v.contains(where: { $0.keyword == want.keyword && $0.path == want.path && $0.property == want.property }) {
            exact += 1
        }
    } else if verbose || v.isEmpty {
        print(
            "  MISS \(name): expected \(want.keyword) at \(want.path); got \(v.map(\.description).joined(separator: "; "))"
        )
    }
}
check(rejected == invalid.count, "invalid statements rejected: \(rejected)/\(invalid.count)")
check(
    keywordPath == invalid.count,
    "rejected for the expected reason (keyword and JSON path as in expected_errors.csv): \(keywordPath)/\(invalid.count)"
)
print("  (keyword, path and property all equal: \(exact)/\(invalid.count))")

// MARK: GLEIF
print("GLEIF Level 2 samples (gleif-rr-samples):")
for f in ["gleif-rr-samples/rr-data.json", "gleif-rr-samples/rr-data.xml"] {
    guard let b = bytes(path(f)) else { check(false, "\(f) missing"); continue }
    var builder = GraphBuilder()
    GLEIFReader.read(b, file: f, into: &builder)
    let (graph, diagnostics) = builder.build()
    var directionOK = true
    for r in jsonArray(path("gleif-rr-samples/rr-data.json")) {
        guard let rel = r["Relationship"] as? [String: Any],
            let child = (rel["StartNode"] as? [String: Any])?["NodeID"] as? String,
            let parent = (rel["EndNode"] as? [String: Any])?["NodeID"] as? String,
            let c = graph.index(of: child), let p = graph.index(of: parent)
        else { directionOK = false; continue }
        // parent controls child: an edge parent → child, none child → parent.
        let down = graph.outNeighbours(p).contains(Int32(c))
        let up = graph.outNeighbours(c).contains(Int32(p))
        if !down || up { directionOK = false }
    }
    let errors = diagnostics.filter { $0.severity == .error }
    check(
        graph.relationshipCount == 10 && directionOK && errors.isEmpty,
        "\(f): \(graph.relationshipCount) relationships (expected 10), parent → child \(directionOK ? "ok" : "WRONG"), \(errors.count) errors"
    )
}
do {
    var builder = GraphBuilder()
    for f in ["gleif-rr-samples/rr-data.xml", "gleif-rr-samples/lei-data.xml", "gleif-rr-samples/repex-data.xml"] {
        if let b = bytes(path(f)) { GLEIFReader.read(b, file: f, into: &builder) }
    }
    let (graph, diagnostics) = builder.build()
    let named = (0..<graph.entityCount).filter { graph.entity($0).attributes["gleif.placeholder"] == nil }.count
    let exceptions = (0..<graph.entityCount).filter { graph.tags($0).contains("reporting-exception") }.count
    check(
        diagnostics.filter { $0.severity == .error }.isEmpty && exceptions == 10,
        "RR + Level 1 + repex (XML): \(graph.entityCount) entities, \(named) named from Level 1, \(exceptions) with reporting exceptions (expected 10)"
    )
    var builder2 = GraphBuilder()
    if let b = bytes(path("gleif-rr-samples/rr-updates-data2.xml")) {
        GLEIFReader.read(b, file: "rr-updates-data2.xml", into: &builder2)
    }
    let (g2, d2) = builder2.build()
    let shares = (0..<g2.relationshipCount).filter { g2.kind(ofRelationship: $0) == .owns }.count
    check(
        d2.filter { $0.severity == .error }.isEmpty,
        "RR update file: \(g2.relationshipCount) relationships, \(shares) owns edges from PERCENTAGE quantifiers")
}

// MARK: OpenSanctions
print("OpenSanctions FtM samples (opensanctions-ftm-samples):")
do {
    let f = "opensanctions-ftm-samples/zala.entities.ftm.json"
    var builder = GraphBuilder()
    if let b = bytes(path(f)) { FollowTheMoneyReader.read(b, file: f, into: &builder) }
    let (graph, diagnostics) = builder.build()
    let owns = (0..<graph.relationshipCount).filter { graph.kind(ofRelationship: $0) == .owns }
    let designated = (0..<graph.entityCount).filter { graph.hasDesignations($0) }.count
    print(
        "  zala: \(graph.entityCount) entities, \(graph.relationshipCount) relationships (\(owns.count) owns), \(designated) designated entities"
    )
    // No owner–asset pair may have two owns records valid on one date.
    var overlap = false
    var byPair: [String: [Int]] = [:]
    for e in owns { byPair["\(graph.source(e))>\(graph.target(e))", default: []].append(e) }
    for (_, list) in byPair where list.count > 1 {
        for a in list {
            for b in list where a < b {
                let s = max(graph.start(a)?.rawValue ?? 0, graph.start(b)?.rawValue ?? 0)
                let e = min(graph.end(a)?.rawValue ?? Int32.max, graph.end(b)?.rawValue ?? Int32.max)
                if s <= e { overlap = true }
            }
        }
    }
    if let z = graph.index(of: "NK-aU5ybkbRFJucf8YMwsJvDw"), let cst = graph.index(of: "NK-abdzbEBkqyT29GyREbiURZ") {
        for e in graph.outRelationships(z) where graph.target(Int(e)) == cst {
            let r = graph.relationship(Int(e))
            print(
                "    Zakharov → LLC CST \(r.share?.description ?? "-") \(r.start?.description ?? "…")–\(r.end?.description ?? "…") [\(r.id ?? "")]"
            )
        }
    }
    let errors = diagnostics.filter { $0.severity == .error }
    for d in diagnostics where verbose { print("    \(d)") }
    check(
        errors.isEmpty && !overlap && owns.count >= 12,
        "zala loads, dated duplicated ownership resolved (no pair counted twice on one date), \(errors.count) errors, \(diagnostics.count - errors.count) warnings"
    )
}
do {
    let f = "opensanctions-ftm-samples/parteispenden.entities.ftm.json"
    var builder = GraphBuilder()
    if let b = bytes(path(f)) { FollowTheMoneyReader.read(b, file: f, into: &builder) }
    let (graph, diagnostics) = builder.build()
    let pays = (0..<graph.relationshipCount).filter { graph.kind(ofRelationship: $0) == .pays }.count
    check(
        pays == 290 && diagnostics.filter { $0.severity == .error }.isEmpty,
        "donations: \(pays) payments (expected 290), \(graph.entityCount) entities")
}
do {
    let f = "opensanctions-ftm-samples/eu_fsf_t1.entities.ftm.json"
    var builder = GraphBuilder()
    if let b = bytes(path(f)) { FollowTheMoneyReader.read(b, file: f, into: &builder) }
    let (graph, diagnostics) = builder.build()
    check(
        graph.entityCount == 6 && diagnostics.filter { $0.severity == .error }.isEmpty,
        "EU FSF sample: \(graph.entityCount) entities (expected 6)")
    // No Sanction records: the targets are designated from their `datasets` (eu_fsf → EU-FSF), undated, first seen.
    let onFSF = (0..<graph.entityCount).filter { v in
        graph.designations(v).contains { $0.list == "EU-FSF" && $0.dateUnknown && $0.firstSeen != nil }
    }
    check(
        onFSF.count == 6, "EU FSF sample: \(onFSF.count) targets designated on EU-FSF from their datasets (expected 6)")
}

print(failures.isEmpty ? "conformance: all checks passed" : "conformance: \(failures.count) check(s) failed")
exit(failures.isEmpty ? 0 : 1)
