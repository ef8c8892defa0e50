import CorpGraph
import Foundation

/// Turns one file's statements into entities and relationships: per record, its latest statements.
struct BODSAssembler {
    typealias Statement = BODSReader.Statement
    let file: String
    let statements: [Statement]

    func loc(_ s: Statement, record: String? = nil) -> SourceLocation {
        SourceLocation(file: file, line: s.line, record: record ?? s.id)
    }

    func run(into builder: inout GraphBuilder) {
        // Group by recordId (groups in order of first appearance), dropping repeated statementIds.
        var groupOf: [String: Int] = [:]
        var groups: [[Statement]] = []
        var order: [String] = []
        /// The position in `statements` of the first statement with each id.
        var seen: [String: Int] = [:]
        groupOf.reserveCapacity(statements.count)
        seen.reserveCapacity(statements.count)
        for (k, s) in statements.enumerated() {
            if let at = seen.updateValue(k, forKey: s.id) {
                seen[s.id] = at
                let first = statements[at]
                if first.object != s.object {
                    builder.reject(
                        Diagnostic(
                            .error, .duplicateID, .leftOut, at: loc(s), field: "statementId",
                            "statementId '\(s.id)' repeats with different content (first at line \(first.line)); statement left out"
                        ))
                }
                continue
            }
            if let g = groupOf[s.recordId] {
                groups[g].append(s)
            } else {
                groupOf[s.recordId] = groups.count
                groups.append([s])
                order.append(s.recordId)
            }
        }
        var entityRecords: [(String, [Statement])] = []
        var relationshipRecords: [(String, [Statement])] = []
        for (g, rid) in order.enumerated() {
            let all = groups[g]
            // Most records have one statement: nothing to order or compare.
            let list =
                all.count == 1
                ? all
                : all.enumerated().sorted { a, b in
                    let da = a.element.date?.rawValue ?? 0, db = b.element.date?.rawValue ?? 0
                    return da != db ? da < db : a.offset < b.offset
                }.map(\.element)
            let types = list.count == 1 ? [list[0].recordType] : Set(list.map(\.recordType))
            if types.count > 1 {
                builder.reject(
                    Diagnostic(
                        .error, .conflictingFacts, .leftOut, at: loc(list[list.count - 1]), field: "recordType",
                        "record '\(rid)' is declared as \(types.sorted().joined(separator: " and ")); statements of other types left out"
                    ))
            }
            let type = list[list.count - 1].recordType
            let kept = list.count == 1 ? list : list.filter { $0.recordType == type }
            if type == "relationship" {
                relationshipRecords.append((rid, kept))
            } else {
                entityRecords.append((rid, kept))
            }
        }
        for (rid, list) in entityRecords { addEntity(rid, list, into: &builder) }
        let known = Set(entityRecords.map(\.0))
        let relationshipIDs = Set(relationshipRecords.map(\.0))
        for (rid, list) in relationshipRecords {
            addRelationship(rid, list, known: known, relationshipIDs: relationshipIDs, into: &builder)
        }
    }

    // MARK: Entities and persons

    func addEntity(_ rid: String, _ list: [Statement], into builder: inout GraphBuilder) {
        let closing = list.last(where: { $0.status == "closed" })
        // The latest statement that still describes the record (a closing statement may be bare).
        let current = list.last(where: { $0.status != "closed" && !$0.details.entries.isEmpty }) ?? list[list.count - 1]
        let d = current.details
        var attributes: [String: String] = ["bods.statementId": current.id]
        if let date = current.object["statementDate"]?.string { attributes["bods.statementDate"] = date }
        if let c = closing, c.index == list[list.count - 1].index {
            attributes["bods.closed"] = c.object["statementDate"]?.string ?? "true"
        }
        if list.count > 1 { attributes["bods.statements"] = list.map(\.id).joined(separator: ";") }
        var tags: [String] = []
        var identifiers: [String: String] = [:]
        for i in d["identifiers"]?.array ?? [] {
            guard let o = i.object, let id = o["id"]?.string ?? o["uri"]?.string else { continue }
            let scheme = o["scheme"]?.string ?? o["schemeName"]?.string ?? "id"
            identifiers[scheme] = identifiers[scheme].map { $0 + ";" + id } ?? id
        }
        if let u = d["unspecifiedEntityDetails"]?.object ?? d["unspecifiedPersonDetails"]?.object {
            attributes["bods.unspecified"] = u["reason"]?.string
            if let desc = u["description"]?.string { attributes["bods.unspecified.description"] = desc }
        }
        let entity: Entity
        if current.recordType == "person" {
            let personType = d["personType"]?.string ?? "knownPerson"
            attributes["bods.personType"] = personType
            let names = (d["names"]?.array ?? []).compactMap(\.object)
            let legal = names.first { $0["type"]?.string == "legal" } ?? names.first
            var name = legal?["fullName"]?.string ?? ""
            if name.isEmpty {
                name =
                    personType == "anonymousPerson"
                    ? "Anonymous person" : personType == "unknownPerson" ? "Unknown person" : rid
            }
            let aliases = names.compactMap { $0["fullName"]?.string }.filter { $0 != name }
            let nationality = (d["nationalities"]?.array ?? []).compactMap { $0.object?["code"]?.string }.first
            if let b = d["birthDate"]?.string { attributes["bods.birthDate"] = b }
            if let pep = d["politicalExposure"]?.object?["status"]?.string {
                attributes["bods.politicalExposure"] = pep
                if pep == "isPep" { tags.append("pep") }
            }
            if personType != "knownPerson" { tags.append(personType) }
            entity = Entity(
                id: rid, kind: .person, name: name, aliases: aliases,
                jurisdiction: nationality.flatMap(FtMCodes.jurisdiction), identifiers: identifiers,
                tags: tags, sources: sources(current), attributes: attributes)
        } else {
            let type = d["entityType"]?.object?["type"]?.string ?? "registeredEntity"
            attributes["bods.entityType"] = type
            if let sub = d["entityType"]?.object?["subtype"]?.string {
                attributes["bods.entitySubtype"] = sub; tags.append(sub)
            }
            if type == "state" || type == "stateBody" { tags.append("state") }
            if type == "anonymousEntity" || type == "unknownEntity" { tags.append(type) }
            for key in ["foundingDate", "dissolutionDate", "uri"] {
                if let v = d[key]?.string { attributes["bods.\(key)"] = v }
            }
            if d["publicListing"]?.object?["hasPublicListing"] == .bool(true) { tags.append("listed") }
            let jurisdiction = d["jurisdiction"]?.object?["code"]?.string
            if let j = d["jurisdiction"]?.object?["name"]?.string, jurisdiction == nil {
                attributes["bods.jurisdictionName"] = j
            }
            entity = Entity(
                id: rid, kind: BODSReader.entityKinds[type] ?? .company,
                name: d["name"]?.string ?? (type == "anonymousEntity" ? "Anonymous entity" : rid),
                aliases: (d["alternateNames"]?.array ?? []).compactMap(\.string),
                jurisdiction: jurisdiction.flatMap(FtMCodes.jurisdiction), identifiers: identifiers,
                tags: tags, sources: sources(current), attributes: attributes)
        }
        builder.add(entity, at: loc(current, record: rid))
    }

    func sources(_ s: Statement) -> [SourceRef] {
        guard let src = s.object["source"]?.object else { return [] }
        let title = src["description"]?.string ?? src["type"]?.strings.joined(separator: ", ")
        let retrieved = src["retrievedAt"]?.string.flatMap { CalendarDate(parsing: $0) }
        if title == nil && src["url"]?.string == nil { return [] }
        return [SourceRef(title: title, url: src["url"]?.string, retrieved: retrieved)]
    }
}
