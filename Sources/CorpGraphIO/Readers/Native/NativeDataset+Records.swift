import CorpGraph
import Foundation
import Yams

extension NativeReader {
    mutating func readRoot(_ root: Node, into builder: inout GraphBuilder) -> Policy? {
        guard pairs(root) != nil else {
            error(
                .unexpectedStructure, root, nil, nil,
                "expected a mapping with 'entities' and 'relationships', found \(NativeReader.describe(root))")
            flush(into: &builder)
            return nil
        }
        checkKeys(root, NativeFields.root, nil, "dataset")
        var policy: Policy?
        if let p = value(root, "policy"), !isNull(p) { policy = readPolicy(p) }
        flush(into: &builder)  // the top level's and the policy's problems are not any record's
        for e in list(root, "entities") {
            readEntity(e, into: &builder)
            progress?.record(at: e.mark?.line)
        }
        for kind in Judgement.Kind.allCases {
            if let js = value(root, kind.rawValue), !isNull(js) { readJudgements(js, kind, into: &builder) }
        }
        for r in list(root, "relationships") {
            readRelationship(r, into: &builder)
            progress?.record(at: r.mark?.line)
        }
        if value(root, "entities") == nil && value(root, "relationships") == nil && policy == nil
            && value(root, "sameAs") == nil && value(root, "notSameAs") == nil
        {
            error(
                .unexpectedStructure, root, nil, nil,
                "no 'entities', 'relationships', 'sameAs', 'notSameAs' or 'policy' key; expected a corpgraph native dataset"
            )
        }
        flush(into: &builder)
        return policy
    }

    /// The message for a `kind` that names none of `K`'s kinds (with a "did you mean"); `text` nil when it is missing.
    static func unknownKind<K: CaseIterable & CustomStringConvertible>(_ text: String?, _: K.Type) -> String {
        let names = K.allCases.map(\.description)
        return
            "expected one of \(names.joined(separator: ", ")), found \(text.map { "'\($0.prefix(40))'" } ?? "nothing")"
            + (text.map { Suggestions.hint(for: $0, in: names) } ?? "")
    }

    /// The items of the top-level list `key` (`entities`, `relationships`): none when it is absent or null, and a
    /// problem when it is not a list.
    mutating func list(_ root: Node, _ key: String) -> [Node] {
        guard let node = value(root, key), !isNull(node) else { return [] }
        guard case .sequence(let seq) = node else {
            error(
                .unexpectedStructure, node, nil, key, "expected a list of \(key), found \(NativeReader.describe(node))")
            return []
        }
        return Array(seq)
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
            error(
                .invalidValue, node, record, "sources",
                "expected a list of sources ({title, url, retrieved, quote} or text), found \(NativeReader.describe(node))"
            )
            return []
        }
        var out: [SourceRef] = []
        for s in seq {
            if case .scalar(let text) = s {
                out.append(text.string.hasPrefix("http") ? SourceRef(url: text.string) : SourceRef(title: text.string))
                continue
            }
            guard pairs(s) != nil else {
                error(
                    .invalidValue, s, record, "sources",
                    "expected a source mapping or text, found \(NativeReader.describe(s))")
                continue
            }
            checkKeys(s, NativeFields.source, record, "source")
            out.append(
                SourceRef(
                    title: string(value(s, "title"), record, "sources.title"),
                    url: string(value(s, "url"), record, "sources.url"),
                    retrieved: date(value(s, "retrieved"), record, "sources.retrieved"),
                    quote: string(value(s, "quote"), record, "sources.quote")))
        }
        return out
    }

    mutating func stringMap(_ node: Node?, _ record: String?, _ field: String) -> [String: String] {
        guard let node, !isNull(node) else { return [:] }
        guard let ps = pairs(node) else {
            error(
                .invalidValue, node, record, field,
                "expected a mapping of text values, found \(NativeReader.describe(node))")
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
            let hint = Suggestions.hint(registry.suggestJurisdiction(for: code))
            error(
                .unknownCode, node, record, "jurisdiction",
                "unknown jurisdiction code '\(raw.prefix(40))': expected ISO 3166-1 alpha-2 (JP) or ISO 3166-2 (RU-IRK)\(hint)"
            )
            return nil
        }
        return code
    }

    mutating func readEntity(_ node: Node, into builder: inout GraphBuilder) {
        inRecord = true
        defer { inRecord = false }
        guard pairs(node) != nil else {
            rejectRecord(
                .unexpectedStructure, node, nil, nil, "expected an entity mapping, found \(NativeReader.describe(node))"
            )
            flush(into: &builder)
            return
        }
        if let extends = value(node, "extends") { return readOverlay(node, extends: extends, into: &builder) }
        guard let id = string(value(node, "id"), nil, "id"), !id.isEmpty else {
            rejectRecord(.missingField, node, nil, "id", "missing entity id")
            flush(into: &builder)
            return
        }
        checkKeys(node, NativeFields.entity, id, "entity")
        let kindText = string(value(node, "kind"), id, "kind")
        guard let kindText, let kind = EntityKind(name: kindText) else {
            rejectRecord(
                .unknownCode, value(node, "kind") ?? node, id, "kind",
                NativeReader.unknownKind(kindText, EntityKind.self),
                entity: id)
            flush(into: &builder)
            return
        }
        let designations = self.designations(value(node, "designations"), id)
        let entity = Entity(
            id: id, kind: kind, name: string(value(node, "name"), id, "name") ?? id,
            aliases: strings(value(node, "aliases"), id, "aliases"),
            jurisdiction: jurisdiction(value(node, "jurisdiction"), id),
            identifiers: stringMap(value(node, "identifiers"), id, "identifiers"),
            tags: strings(value(node, "tags"), id, "tags"),
            designations: designations,
            sources: sources(value(node, "sources"), id),
            attributes: stringMap(value(node, "attributes"), id, "attributes"))
        if finishRecord(into: &builder, entity: id) { builder.add(entity, at: loc(node, nil)) }
    }

    /// `designations:`: a list of list codes or `{list, program, listed, delisted}` mappings.
    mutating func designations(_ ds: Node?, _ id: String) -> [Designation] {
        var designations: [Designation] = []
        if let ds, !isNull(ds) {
            if case .sequence(let seq) = ds {
                for d in seq {
                    if case .scalar(let s) = d { designations.append(Designation(list: s.string)); continue }
                    checkKeys(d, NativeFields.designation, id, "designation")
                    guard let list = string(value(d, "list"), id, "designations.list"), !list.isEmpty else {
                        error(.missingField, d, id, "designations.list", "missing list code (e.g. OFAC-SDN)")
                        continue
                    }
                    let listed = date(value(d, "listed"), id, "designations.listed")
                    let delisted = date(value(d, "delisted"), id, "designations.delisted")
                    if let l = listed, let x = delisted, x < l {
                        error(
                            .invalidDate, value(d, "delisted"), id, "designations.delisted",
                            "delisted \(x) is before listed \(l)")
                    }
                    // An upper bound on when evidence of an undated listing exists (as FtM `first_seen`).
                    let firstSeen = date(value(d, "firstSeen"), id, "designations.firstSeen")
                    designations.append(
                        Designation(
                            list: list, program: string(value(d, "program"), id, "designations.program"),
                            listed: listed, delisted: delisted, firstSeen: listed == nil ? firstSeen : nil))
                }
            } else {
                error(
                    .invalidValue, ds, id, "designations",
                    "expected a list of designations, found \(NativeReader.describe(ds))")
            }
        }
        return designations
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
            error(
                .invalidShare, node, record, "share",
                "expected a percentage, '?' or {min, max, minExclusive, maxExclusive}, found \(NativeReader.describe(node))"
            )
            return nil
        }
        checkKeys(node, NativeFields.share, record, "share")
        if let exact = value(node, "exact") { return percent(exact, record, "share.exact").map { .exact($0) } }
        let lo = value(node, "min").flatMap { percent($0, record, "share.min") }
        let hi = value(node, "max").flatMap { percent($0, record, "share.max") }
        let loX = bool(value(node, "minExclusive"), record, "share.minExclusive") ?? false
        let hiX = bool(value(node, "maxExclusive"), record, "share.maxExclusive") ?? false
        if let lo, let hi, lo > hi || (lo == hi && (loX || hiX)) {
            error(.invalidShare, node, record, "share", "empty interval: min \(lo) is above max \(hi)")
            return nil
        }
        if lo == nil && hi == nil { return .unknown }
        return .range(ShareRange(min: lo, max: hi, minExclusive: loX, maxExclusive: hiX))
    }

    mutating func readRelationship(_ node: Node, into builder: inout GraphBuilder) {
        inRecord = true
        defer { inRecord = false }
        guard pairs(node) != nil else {
            rejectRecord(
                .unexpectedStructure, node, nil, nil,
                "expected a relationship mapping, found \(NativeReader.describe(node))")
            flush(into: &builder)
            return
        }
        let rid = string(value(node, "id"), nil, "id")
        checkKeys(node, NativeFields.relationship, rid, "relationship")
        let kindText = string(value(node, "kind"), rid, "kind")
        guard let kindText, let kind = RelationshipKind(name: kindText) else {
            rejectRecord(
                .unknownCode, value(node, "kind") ?? node, rid, "kind",
                NativeReader.unknownKind(kindText, RelationshipKind.self))
            flush(into: &builder)
            return
        }
        guard let source = string(value(node, "source"), rid, "source"), !source.isEmpty,
            let target = string(value(node, "target"), rid, "target"), !target.isEmpty
        else {
            rejectRecord(
                .missingField, node, rid, value(node, "source") == nil ? "source" : "target", "missing entity id")
            flush(into: &builder)
            return
        }
        var share: Share? = nil
        if let s = value(node, "share") {
            if kind != .owns {
                warning(.invalidValue, s, rid, "share", "a share only applies to 'owns' (ignored on '\(kind)')")
            } else {
                share = self.share(s, rid)
            }
        }
        var amount: Decimal?
        if let a = string(value(node, "amount"), rid, "amount") {
            if let d = DecimalText.exact(a), !d.isNaN, d >= 0, a.allSatisfy({ $0.isNumber || $0 == "." }) {
                amount = d
            } else {
                error(
                    .invalidAmount, value(node, "amount"), rid, "amount",
                    "expected a non-negative decimal amount (at most 38 significant digits), found '\(a.prefix(60))'")
            }
        }
        var currency: String?
        if let c = string(value(node, "currency"), rid, "currency") {
            let code = c.uppercased()
            if let registry, !registry.isCurrency(code) {
                let hint = Suggestions.hint(registry.suggestCurrency(for: code))
                error(
                    .unknownCode, value(node, "currency"), rid, "currency",
                    "unknown currency '\(c.prefix(40))': expected ISO 4217 (USD) or a listed crypto ticker (USDT)\(hint)"
                )
            } else {
                currency = code
            }
        }
        let start = date(value(node, "start"), rid, "start")
        let end = date(value(node, "end"), rid, "end")
        if let start, let end, end < start {
            error(.invalidDate, value(node, "end"), rid, "end", "end \(end) is before start \(start)")
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
        if finishRecord(into: &builder) { builder.add(r, at: loc(node, rid)) }
    }
}
