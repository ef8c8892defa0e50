import CorpGraph
import Foundation
import Yams

/// Native records about entities that another input defines: `extends: ID` entity records (overlays) and the
/// `sameAs` / `notSameAs` judgements (docs/FORMATS.md, "Facts about entities of other inputs").
extension NativeReader {
    /// An entity record with `extends: ID` in place of `id`: its facts are added to that entity when the graph is
    /// built (GraphBuilder+Overlay.swift). An error inside it leaves the overlay out, as for any record.
    mutating func readOverlay(_ node: Node, extends extendsNode: Node, into builder: inout GraphBuilder) {
        inRecord = true
        defer { inRecord = false }
        guard let id = string(extendsNode, nil, "extends"), !id.isEmpty else {
            rejectRecord(.missingField, extendsNode, nil, "extends", "expected the id of the entity to add facts to")
            flush(into: &builder)
            return
        }
        if value(node, "id") != nil {
            rejectRecord(
                .invalidValue, value(node, "id"), id, "id",
                "a record has either 'id' (it defines an entity) or 'extends' (it adds facts to one defined elsewhere), not both"
            )
            flush(into: &builder)
            return
        }
        checkKeys(node, NativeFields.overlay, id, "overlay")
        var kind: EntityKind?
        if let text = string(value(node, "kind"), id, "kind") {
            kind = EntityKind(name: text)
            if kind == nil {
                let allowed = EntityKind.allCases.map(\.description)
                error(
                    .unknownCode, value(node, "kind"), id, "kind",
                    "expected one of \(allowed.joined(separator: ", ")), found '\(text.prefix(40))'"
                        + Suggestions.hint(for: text, in: allowed))
            }
        }
        let designations = self.designations(value(node, "designations"), id)
        let facts = EntityAmendment(
            aliases: strings(value(node, "aliases"), id, "aliases"),
            identifiers: stringMap(value(node, "identifiers"), id, "identifiers"),
            tags: strings(value(node, "tags"), id, "tags"),
            designations: designations,
            sources: sources(value(node, "sources"), id),
            attributes: stringMap(value(node, "attributes"), id, "attributes"))
        let overlay = EntityOverlay(
            kind: kind, name: string(value(node, "name"), id, "name"),
            jurisdiction: jurisdiction(value(node, "jurisdiction"), id), facts: facts)
        if finishRecord(into: &builder) { builder.extend(entity: id, with: overlay, at: loc(node, id)) }
    }

    /// `sameAs:` / `notSameAs:`: a list of judgements, each a list of two or more entity ids (`[a, b]`).
    mutating func readJudgements(_ node: Node, _ kind: Judgement.Kind, into builder: inout GraphBuilder) {
        guard case .sequence(let items) = node else {
            error(
                .unexpectedStructure, node, nil, kind.rawValue,
                "expected a list of judgements, each a list of entity ids ([a, b]), found \(NativeReader.describe(node))"
            )
            flush(into: &builder)
            return
        }
        for item in items {
            inRecord = true
            let record: String? = nil
            guard case .sequence(let seq) = item else {
                rejectRecord(
                    .invalidValue, item, record, kind.rawValue,
                    "expected a list of two or more entity ids ([a, b]), found \(NativeReader.describe(item))")
                flush(into: &builder)
                continue
            }
            let ids = seq.compactMap { string($0, record, kind.rawValue) }
            if ids.count < 2 || ids.count != seq.count {
                error(.invalidValue, item, record, kind.rawValue, "expected two or more entity ids, found \(ids.count)")
            } else if let empty = ids.first(where: { $0.isEmpty || $0.contains(";") }) {
                error(
                    .invalidValue, item, record, kind.rawValue,
                    "'\(empty)' cannot be judged: expected a non-empty id without ';'")
            } else if Set(ids).count != ids.count {
                let repeated = ids.first { id in ids.filter { $0 == id }.count > 1 } ?? ""
                error(
                    .invalidValue, item, record, kind.rawValue,
                    "'\(repeated)' is named twice; expected different entity ids")
            }
            if finishRecord(into: &builder) { builder.judge(Judgement(kind, ids), at: loc(item, nil)) }
        }
    }
}
