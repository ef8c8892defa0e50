import CorpGraph
import Foundation
import Yams

/// Reads the native dataset (YAML or JSON): `{entities: [...], relationships: [...], policy: {...}}`.
///
/// Every problem is reported to the builder with file, line (from the parser's position), field, what was expected
/// and what was found; a record with a missing `id` or unknown `kind` is left out and counted as rejected, other bad
/// fields are reported and left empty. The format is documented in `docs/FORMATS.md`.
public enum NativeDataset {
    /// Largest input accepted (a native dataset is written by hand or exported; bigger data goes through CSV).
    public static let maxBytes = 256 << 20
    /// Deepest flow/block nesting accepted, far beyond what the format needs; protects the parser's stack.
    public static let maxNesting = 64
    /// Longest scalar accepted.
    public static let maxScalarBytes = 1 << 20

    /// Reads `text` from `file` into `builder`; returns the dataset's policy, if it has one.
    public static func read(text: String, file: String, into builder: inout GraphBuilder,
                            registry: CodeRegistry?) -> Policy? {
        if let problem = precheck(text) {
            builder.report(Diagnostic(at: SourceLocation(file: file, line: problem.line), problem.message))
            return nil
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            builder.report(Diagnostic(at: SourceLocation(file: file, line: yamlErrorLine(error)),
                                      "not a valid YAML/JSON document: \(yamlErrorMessage(error))"))
            return nil
        } catch {
            builder.report(Diagnostic(at: SourceLocation(file: file), "not a valid YAML/JSON document: \(error)"))
            return nil
        }
        guard let root else {
            builder.report(Diagnostic(at: SourceLocation(file: file, line: 1),
                "empty dataset; expected a mapping with 'entities' and 'relationships'"))
            return nil
        }
        var reader = Reader(file: file, registry: registry)
        let policy = reader.readRoot(root, into: &builder)
        return policy
    }

    /// Cheap checks before parsing: size, NUL bytes (binary input), line length and nesting depth.
    static func precheck(_ text: String) -> (line: Int?, message: String)? {
        if text.utf8.count > maxBytes {
            return (nil, "file is \(text.utf8.count) bytes; the native format accepts at most \(maxBytes) (use the CSV pair for bulk data)")
        }
        var line = 1
        var depth = 0
        var lineLength = 0
        var inSingle = false, inDouble = false, escaped = false
        for b in text.utf8 {
            if b == 0 { return (line, "binary data (NUL byte); expected UTF-8 YAML or JSON text") }
            if b == 10 { line += 1; lineLength = 0; inSingle = false; continue }
            lineLength += 1
            if lineLength > maxScalarBytes { return (line, "line longer than \(maxScalarBytes) bytes; refusing an absurdly long field") }
            if inDouble {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inDouble = false }
                continue
            }
            if inSingle { if b == UInt8(ascii: "'") { inSingle = false }; continue }
            switch b {
            case UInt8(ascii: "\""): inDouble = true
            case UInt8(ascii: "'"): if lineLength == 1 || depth > 0 { inSingle = true }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxNesting { return (line, "nesting deeper than \(maxNesting) levels; refusing (would exhaust the parser's stack)") }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    static func yamlErrorMessage(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
             .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        default: return "\(error)"
        }
    }
}

/// Field names of the native format: the contract, also used for "unknown field" messages.
enum NativeFields {
    static let root: Set<String> = ["entities", "relationships", "policy", "title", "description", "sources"]
    static let entity: Set<String> = ["id", "kind", "name", "aliases", "jurisdiction", "identifiers", "tags",
                                      "designations", "sources", "attributes", "notes"]
    static let relationship: Set<String> = ["id", "kind", "source", "target", "share", "shareText", "basis", "controlType", "role",
                                            "amount", "currency", "date", "start", "end", "sources", "confidence",
                                            "attributes", "notes"]
    static let designation: Set<String> = ["list", "program", "listed", "delisted"]
    static let source: Set<String> = ["title", "url", "retrieved", "quote"]
    static let share: Set<String> = ["exact", "min", "max", "minExclusive", "maxExclusive"]
    static let policy: Set<String> = ["jurisdictions", "lists", "regime", "regimes"]
    static let regime: Set<String> = ["name", "threshold", "inclusive", "from", "tests", "aggregate", "control",
                                      "indirect", "lists", "citation", "controlTypes", "votingRights"]
    static let test: Set<String> = ["from", "threshold", "inclusive"]
}

private struct Reader {
    let file: String
    let registry: CodeRegistry?
    var problems: [Diagnostic] = []
    var rejected: [Diagnostic] = []

    init(file: String, registry: CodeRegistry?) {
        self.file = file
        self.registry = registry
    }

    func loc(_ node: Node?, _ record: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: node?.mark?.line, record: record)
    }

    mutating func error(_ node: Node?, _ record: String?, _ field: String?, _ message: String) {
        problems.append(Diagnostic(at: loc(node, record), field: field, message))
    }

    /// An error that leaves the whole record out.
    mutating func rejectRecord(_ node: Node?, _ record: String?, _ field: String?, _ message: String) {
        rejected.append(Diagnostic(at: loc(node, record), field: field, message + " (record rejected)"))
    }

    mutating func warning(_ node: Node?, _ record: String?, _ field: String?, _ message: String) {
        problems.append(Diagnostic(.warning, at: loc(node, record), field: field, message))
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "'\(s.string.prefix(80))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "a YAML alias"
        }
    }

    func pairs(_ node: Node) -> [(String, Node, Node)]? {
        guard case .mapping(let m) = node else { return nil }
        return m.map { (key, value) in (key.string ?? "", key, value) }
    }

    mutating func checkKeys(_ node: Node, _ allowed: Set<String>, _ record: String?, _ what: String) {
        guard let ps = pairs(node) else { return }
        for (k, keyNode, _) in ps where !allowed.contains(k) {
            let hint = Suggestions.nearest(to: k, in: allowed, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
            warning(keyNode, record, k, "unknown \(what) field '\(k)' (ignored)\(hint)")
        }
    }

    func value(_ node: Node, _ key: String) -> Node? {
        pairs(node)?.first { $0.0 == key }?.2
    }

    func isNull(_ node: Node) -> Bool {
        if case .scalar(let s) = node { return s.tag == .implicit && (s.string == "" || s.string == "~" || s.string == "null") && s.style == .plain }
        return false
    }

    mutating func string(_ node: Node?, _ record: String?, _ field: String) -> String? {
        guard let node, !isNull(node) else { return nil }
        guard case .scalar(let s) = node else {
            error(node, record, field, "expected a text value, found \(Reader.describe(node))")
            return nil
        }
        return s.string
    }

    mutating func strings(_ node: Node?, _ record: String?, _ field: String) -> [String] {
        guard let node, !isNull(node) else { return [] }
        switch node {
        case .sequence(let seq):
            return seq.compactMap { string($0, record, field) }
        case .scalar(let s):
            return [s.string]
        default:
            error(node, record, field, "expected a list of text values, found \(Reader.describe(node))")
            return []
        }
    }

    mutating func date(_ node: Node?, _ record: String?, _ field: String) -> CalendarDate? {
        guard let text = string(node, record, field) else { return nil }
        guard let d = CalendarDate(parsing: text), text.utf8.count == 10 || text.contains("T") else {
            error(node, record, field, "expected a date YYYY-MM-DD, found '\(text.prefix(40))'")
            return nil
        }
        return d
    }

    mutating func bool(_ node: Node?, _ record: String?, _ field: String) -> Bool? {
        guard let text = string(node, record, field) else { return nil }
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(node, record, field, "expected true or false, found '\(text.prefix(40))'")
            return nil
        }
    }

    mutating func percent(_ node: Node?, _ record: String?, _ field: String) -> Percent? {
        guard let text = string(node, record, field) else { return nil }
        guard let p = Percent(parsing: text.hasSuffix("%") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text) else {
            error(node, record, field, "expected a percentage between 0 and 100 (up to 4 decimals), found '\(text.prefix(40))'")
            return nil
        }
        guard p >= .zero, p <= .hundred else {
            error(node, record, field, "share out of range: expected 0–100, found \(p)")
            return nil
        }
        return p
    }

    mutating func readRoot(_ root: Node, into builder: inout GraphBuilder) -> Policy? {
        guard pairs(root) != nil else {
            error(root, nil, nil, "expected a mapping with 'entities' and 'relationships', found \(Reader.describe(root))")
            flush(into: &builder)
            return nil
        }
        checkKeys(root, NativeFields.root, nil, "dataset")
        var policy: Policy?
        if let p = value(root, "policy"), !isNull(p) { policy = readPolicy(p) }
        if let es = value(root, "entities"), !isNull(es) {
            if case .sequence(let seq) = es {
                for e in seq { readEntity(e, into: &builder) }
            } else {
                error(es, nil, "entities", "expected a list of entities, found \(Reader.describe(es))")
            }
        }
        if let rs = value(root, "relationships"), !isNull(rs) {
            if case .sequence(let seq) = rs {
                for r in seq { readRelationship(r, into: &builder) }
            } else {
                error(rs, nil, "relationships", "expected a list of relationships, found \(Reader.describe(rs))")
            }
        }
        if value(root, "entities") == nil && value(root, "relationships") == nil && policy == nil {
            error(root, nil, nil, "no 'entities', 'relationships' or 'policy' key; expected a corpgraph native dataset")
        }
        flush(into: &builder)
        return policy
    }

    mutating func flush(into builder: inout GraphBuilder) {
        for p in problems { builder.report(p) }
        for p in rejected { builder.reject(p) }
        problems.removeAll()
        rejected.removeAll()
    }

    mutating func sources(_ node: Node?, _ record: String?) -> [SourceRef] {
        guard let node, !isNull(node) else { return [] }
        guard case .sequence(let seq) = node else {
            error(node, record, "sources", "expected a list of sources ({title, url, retrieved, quote} or text), found \(Reader.describe(node))")
            return []
        }
        var out: [SourceRef] = []
        for s in seq {
            if case .scalar(let text) = s {
                out.append(text.string.hasPrefix("http") ? SourceRef(url: text.string) : SourceRef(title: text.string))
                continue
            }
            guard pairs(s) != nil else {
                error(s, record, "sources", "expected a source mapping or text, found \(Reader.describe(s))")
                continue
            }
            checkKeys(s, NativeFields.source, record, "source")
            out.append(SourceRef(title: string(value(s, "title"), record, "sources.title"),
                                 url: string(value(s, "url"), record, "sources.url"),
                                 retrieved: date(value(s, "retrieved"), record, "sources.retrieved"),
                                 quote: string(value(s, "quote"), record, "sources.quote")))
        }
        return out
    }

    mutating func stringMap(_ node: Node?, _ record: String?, _ field: String) -> [String: String] {
        guard let node, !isNull(node) else { return [:] }
        guard let ps = pairs(node) else {
            error(node, record, field, "expected a mapping of text values, found \(Reader.describe(node))")
            return [:]
        }
        var out: [String: String] = [:]
        for (k, _, v) in ps { if let s = string(v, record, "\(field).\(k)") { out[k] = s } }
        return out
    }

    mutating func jurisdiction(_ node: Node?, _ record: String?) -> String? {
        guard let raw = string(node, record, "jurisdiction") else { return nil }
        let code = Jurisdiction.normalise(raw)
        if let registry, !registry.isJurisdiction(code) {
            let close = registry.suggestJurisdiction(for: code)
            let hint = close.isEmpty ? "" : "; did you mean " + close.joined(separator: ", ") + "?"
            error(node, record, "jurisdiction",
                  "unknown jurisdiction code '\(raw.prefix(40))': expected ISO 3166-1 alpha-2 (JP) or ISO 3166-2 (RU-IRK)\(hint)")
            return nil
        }
        return code
    }

    mutating func readEntity(_ node: Node, into builder: inout GraphBuilder) {
        guard pairs(node) != nil else {
            rejectRecord(node, nil, nil, "expected an entity mapping, found \(Reader.describe(node))")
            flush(into: &builder)
            return
        }
        guard let id = string(value(node, "id"), nil, "id"), !id.isEmpty else {
            rejectRecord(node, nil, "id", "missing entity id")
            flush(into: &builder)
            return
        }
        checkKeys(node, NativeFields.entity, id, "entity")
        let kindText = string(value(node, "kind"), id, "kind")
        guard let kindText, let kind = EntityKind(name: kindText) else {
            let allowed = EntityKind.allCases.map(\.description).joined(separator: ", ")
            rejectRecord(value(node, "kind") ?? node, id, "kind",
                  "expected one of \(allowed), found \(kindText.map { "'\($0.prefix(40))'" } ?? "nothing")")
            flush(into: &builder)
            return
        }
        var designations: [Designation] = []
        if let ds = value(node, "designations"), !isNull(ds) {
            if case .sequence(let seq) = ds {
                for d in seq {
                    if case .scalar(let s) = d { designations.append(Designation(list: s.string)); continue }
                    checkKeys(d, NativeFields.designation, id, "designation")
                    guard let list = string(value(d, "list"), id, "designations.list"), !list.isEmpty else {
                        error(d, id, "designations.list", "missing list code (e.g. OFAC-SDN)")
                        continue
                    }
                    let listed = date(value(d, "listed"), id, "designations.listed")
                    let delisted = date(value(d, "delisted"), id, "designations.delisted")
                    if let l = listed, let x = delisted, x < l {
                        error(value(d, "delisted"), id, "designations.delisted", "delisted \(x) is before listed \(l)")
                    }
                    designations.append(Designation(list: list, program: string(value(d, "program"), id, "designations.program"),
                                                    listed: listed, delisted: delisted))
                }
            } else {
                error(ds, id, "designations", "expected a list of designations, found \(Reader.describe(ds))")
            }
        }
        let entity = Entity(
            id: id, kind: kind, name: string(value(node, "name"), id, "name") ?? id,
            aliases: strings(value(node, "aliases"), id, "aliases"),
            jurisdiction: jurisdiction(value(node, "jurisdiction"), id),
            identifiers: stringMap(value(node, "identifiers"), id, "identifiers"),
            tags: strings(value(node, "tags"), id, "tags"),
            designations: designations,
            sources: sources(value(node, "sources"), id),
            attributes: stringMap(value(node, "attributes"), id, "attributes"))
        flush(into: &builder)
        builder.add(entity, at: loc(node, nil))
    }

    mutating func share(_ node: Node?, _ record: String?) -> Share? {
        guard let node else { return nil }
        if isNull(node) { return .unknown }
        if case .scalar(let s) = node {
            let t = s.string.trimmingCharacters(in: .whitespaces)
            if t == "?" || t.lowercased() == "unknown" { return .unknown }
            return percent(node, record, "share").map { .exact($0) }
        }
        guard pairs(node) != nil else {
            error(node, record, "share", "expected a percentage, '?' or {min, max, minExclusive, maxExclusive}, found \(Reader.describe(node))")
            return nil
        }
        checkKeys(node, NativeFields.share, record, "share")
        if let exact = value(node, "exact") { return percent(exact, record, "share.exact").map { .exact($0) } }
        let lo = value(node, "min").flatMap { percent($0, record, "share.min") }
        let hi = value(node, "max").flatMap { percent($0, record, "share.max") }
        let loX = bool(value(node, "minExclusive"), record, "share.minExclusive") ?? false
        let hiX = bool(value(node, "maxExclusive"), record, "share.maxExclusive") ?? false
        if let lo, let hi, lo > hi || (lo == hi && (loX || hiX)) {
            error(node, record, "share", "empty interval: min \(lo) is above max \(hi)")
            return nil
        }
        if lo == nil && hi == nil { return .unknown }
        return .range(ShareRange(min: lo, max: hi, minExclusive: loX, maxExclusive: hiX))
    }

    mutating func readRelationship(_ node: Node, into builder: inout GraphBuilder) {
        guard pairs(node) != nil else {
            rejectRecord(node, nil, nil, "expected a relationship mapping, found \(Reader.describe(node))")
            flush(into: &builder)
            return
        }
        let rid = string(value(node, "id"), nil, "id")
        checkKeys(node, NativeFields.relationship, rid, "relationship")
        let kindText = string(value(node, "kind"), rid, "kind")
        guard let kindText, let kind = RelationshipKind(name: kindText) else {
            let allowed = RelationshipKind.allCases.map(\.description).joined(separator: ", ")
            rejectRecord(value(node, "kind") ?? node, rid, "kind",
                  "expected one of \(allowed), found \(kindText.map { "'\($0.prefix(40))'" } ?? "nothing")")
            flush(into: &builder)
            return
        }
        guard let source = string(value(node, "source"), rid, "source"), !source.isEmpty,
              let target = string(value(node, "target"), rid, "target"), !target.isEmpty else {
            rejectRecord(node, rid, value(node, "source") == nil ? "source" : "target", "missing entity id")
            flush(into: &builder)
            return
        }
        var share: Share? = nil
        if let s = value(node, "share") {
            if kind != .owns { warning(s, rid, "share", "a share only applies to 'owns' (ignored on '\(kind)')") } else { share = self.share(s, rid) }
        }
        var amount: Decimal?
        if let a = string(value(node, "amount"), rid, "amount") {
            if let d = Decimal(string: a, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN, d >= 0, a.allSatisfy({ $0.isNumber || $0 == "." }) {
                amount = d
            } else {
                error(value(node, "amount"), rid, "amount", "expected a non-negative decimal amount, found '\(a.prefix(40))'")
            }
        }
        var currency: String?
        if let c = string(value(node, "currency"), rid, "currency") {
            let code = c.uppercased()
            if let registry, !registry.isCurrency(code) {
                let close = registry.suggestCurrency(for: code)
                let hint = close.isEmpty ? "" : "; did you mean " + close.joined(separator: ", ") + "?"
                error(value(node, "currency"), rid, "currency",
                      "unknown currency '\(c.prefix(40))': expected ISO 4217 (USD) or a listed crypto ticker (USDT)\(hint)")
            } else {
                currency = code
            }
        }
        let start = date(value(node, "start"), rid, "start")
        let end = date(value(node, "end"), rid, "end")
        if let start, let end, end < start {
            error(value(node, "end"), rid, "end", "end \(end) is before start \(start)")
        }
        let r = Relationship(
            id: rid, kind: kind, source: source, target: target, share: share,
            shareText: string(value(node, "shareText"), rid, "shareText"),
            basis: string(value(node, "basis"), rid, "basis"),
            controlType: string(value(node, "controlType"), rid, "controlType"),
            role: string(value(node, "role"), rid, "role"),
            amount: amount, currency: currency, date: date(value(node, "date"), rid, "date"),
            start: start, end: end, sources: sources(value(node, "sources"), rid),
            confidence: string(value(node, "confidence"), rid, "confidence"),
            attributes: stringMap(value(node, "attributes"), rid, "attributes"))
        flush(into: &builder)
        builder.add(r, at: loc(node, rid))
    }

    mutating func readPolicy(_ node: Node) -> Policy? {
        guard pairs(node) != nil else {
            error(node, nil, "policy", "expected a policy mapping, found \(Reader.describe(node))")
            return nil
        }
        checkKeys(node, NativeFields.policy, "policy", "policy")
        var codes: [String] = []
        for raw in strings(value(node, "jurisdictions"), "policy", "jurisdictions") {
            let code = Jurisdiction.normalise(raw)
            if let registry, !registry.isJurisdiction(code) {
                let close = registry.suggestJurisdiction(for: code)
                error(value(node, "jurisdictions"), "policy", "jurisdictions",
                      "unknown jurisdiction code '\(raw.prefix(40))'" + (close.isEmpty ? "" : "; did you mean \(close.joined(separator: ", "))?"))
                continue
            }
            codes.append(code)
        }
        let listsNode = value(node, "lists")
        let lists: [String]? = (listsNode == nil || isNull(listsNode!)) ? nil : strings(listsNode, "policy", "lists")
        var regimes: [SanctionsRegime] = []
        if let rs = value(node, "regimes"), !isNull(rs) {
            if case .sequence(let seq) = rs {
                for r in seq { if let regime = readRegime(r) { regimes.append(regime) } }
            } else {
                error(rs, "policy", "regimes", "expected a list of regime definitions, found \(Reader.describe(rs))")
            }
        }
        let regime = string(value(node, "regime"), "policy", "regime")
        var policy = Policy(jurisdictions: Array(Set(codes)).sorted(), lists: lists, regime: regime?.lowercased(), regimes: regimes)
        if value(node, "jurisdictions") == nil { policy.jurisdictions = Policy.builtIn.jurisdictions }
        if let name = policy.regime, policy.regime(named: name) == nil {
            error(value(node, "regime"), "policy", "regime", "unknown regime '\(name)'; expected one of \(policy.regimeNames.joined(separator: ", "))")
        }
        return policy
    }

    mutating func readRegime(_ node: Node) -> SanctionsRegime? {
        guard pairs(node) != nil, let name = string(value(node, "name"), "policy", "regimes.name") else {
            error(node, "policy", "regimes", "expected a regime mapping with a 'name'")
            return nil
        }
        checkKeys(node, NativeFields.regime, name, "regime")
        let builtIn = SanctionsRegime.builtIns.first { $0.name == name.lowercased() }
        let base = builtIn ?? .ofac
        var tests: [SanctionsRegime.OwnershipTest] = []
        if let ts = value(node, "tests"), case .sequence(let seq) = ts {
            for t in seq {
                checkKeys(t, NativeFields.test, name, "test")
                guard let threshold = percent(value(t, "threshold"), name, "tests.threshold") else {
                    error(t, name, "tests.threshold", "missing threshold")
                    continue
                }
                tests.append(.init(from: date(value(t, "from"), name, "tests.from"), threshold: threshold,
                                   inclusive: bool(value(t, "inclusive"), name, "tests.inclusive") ?? true))
            }
            tests.sort { ($0.from?.rawValue ?? 0) < ($1.from?.rawValue ?? 0) }
        } else if let th = value(node, "threshold") {
            guard let threshold = percent(th, name, "threshold") else { return nil }
            tests = [.init(threshold: threshold, inclusive: bool(value(node, "inclusive"), name, "inclusive") ?? true)]
        } else {
            tests = base.tests
        }
        if tests.isEmpty { error(node, name, "tests", "a regime needs at least one ownership test"); return nil }
        var indirect = base.indirect
        if let text = string(value(node, "indirect"), name, "indirect") {
            if let rule = SanctionsRegime.IndirectRule(rawValue: text) { indirect = rule } else {
                error(value(node, "indirect"), name, "indirect",
                      "expected one of \(SanctionsRegime.IndirectRule.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text.prefix(40))'")
            }
        }
        let listsNode = value(node, "lists")
        return SanctionsRegime(
            name: name.lowercased(), tests: tests,
            aggregatesAcrossPersons: bool(value(node, "aggregate"), name, "aggregate") ?? base.aggregatesAcrossPersons,
            countsControl: bool(value(node, "control"), name, "control") ?? base.countsControl,
            indirect: indirect,
            // A new regime without `lists` counts the policy's lists; a built-in one keeps its own table.
            lists: listsNode == nil ? builtIn?.lists : strings(listsNode, name, "lists"),
            citation: string(value(node, "citation"), name, "citation") ?? "defined by the dataset's policy",
            controlTypes: value(node, "controlTypes").map { Set(strings($0, name, "controlTypes")) } ?? base.controlTypes,
            countsVotingRights: bool(value(node, "votingRights"), name, "votingRights") ?? base.countsVotingRights)
    }
}
