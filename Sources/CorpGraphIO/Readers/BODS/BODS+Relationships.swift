import CorpGraph
import Foundation

// Relationships: ownership-or-control statements into graph relationships.
extension BODSAssembler {
    struct State {
        var statement: Statement
        var interests: [ParsedJSON]
        var cut: CalendarDate?
        var close: CalendarDate?
    }

    func addRelationship(
        _ rid: String, _ list: [Statement], known: Set<String>, relationshipIDs: Set<String>,
        into builder: inout GraphBuilder
    ) {
        // Build the succession of states (see the type documentation).
        var states: [State] = []
        for s in list {
            let interests = s.details["interests"]?.array ?? []
            if s.status == "closed" {
                let closeDate = s.date
                if var last = states.popLast() {
                    if !interests.isEmpty { last.interests = interests; last.statement = s }
                    last.close = closeDate
                    states.append(last)
                } else {
                    states.append(State(statement: s, interests: interests, cut: nil, close: closeDate))
                }
                continue
            }
            var cut: CalendarDate?
            if let prev = states.last {
                let prevDate = prev.statement.date
                let starts = interests.compactMap {
                    $0.object?["startDate"]?.string.flatMap { CalendarDate(parsing: $0) }
                }
                .filter { d in prevDate.map { d > $0 } ?? true }
                cut = starts.min() ?? s.date
            }
            states.append(State(statement: s, interests: interests, cut: cut, close: nil))
        }
        for (k, state) in states.enumerated() {
            let isCurrent = k == states.count - 1
            var limit = state.close
            if !isCurrent, let nextCut = states[k + 1].cut {
                let before = nextCut.dayBefore
                if let b = before { limit = limit.map { Swift.min($0, b) } ?? b }
            }
            emit(
                rid, state, isCurrent: isCurrent, limit: limit, known: known, relationshipIDs: relationshipIDs,
                into: &builder)
        }
    }

    func emit(
        _ rid: String, _ state: State, isCurrent: Bool, limit: CalendarDate?, known: Set<String>,
        relationshipIDs: Set<String>, into builder: inout GraphBuilder
    ) {
        let s = state.statement
        let d = s.details
        let location = loc(s, record: rid)
        guard let subject = d["subject"] else { return }
        guard let party = d["interestedParty"] else { return }
        // Unspecified ends: markers, not fake entities.
        if let u = party.object {
            guard isCurrent, state.close == nil, let subjectID = subject.string else { return }
            var attributes = [
                "bods.unspecifiedInterestedParty": u["reason"]?.string ?? "unknown",
                "bods.unspecifiedInterestedParty.relationship": rid,
                "bods.unspecifiedInterestedParty.statementId": s.id,
            ]
            if let desc = u["description"]?.string { attributes["bods.unspecifiedInterestedParty.description"] = desc }
            let types = state.interests.compactMap { $0.object?["type"]?.string }
            if !types.isEmpty { attributes["bods.unspecifiedInterestedParty.interests"] = types.joined(separator: ";") }
            builder.amend(
                entity: subjectID, with: EntityAmendment(tags: ["declared-unknown-owner"], attributes: attributes),
                at: location)
            return
        }
        if let u = subject.object {
            guard isCurrent, state.close == nil, let partyID = party.string else { return }
            builder.amend(
                entity: partyID,
                with: EntityAmendment(attributes: [
                    "bods.unspecifiedSubject": u["reason"]?.string ?? "unknown",
                    "bods.unspecifiedSubject.relationship": rid,
                ]), at: location)
            return
        }
        guard let subjectID = subject.string, let partyID = party.string else { return }
        let components = (d["componentRecords"]?.array ?? []).compactMap(\.string)
        for c in components where !relationshipIDs.contains(c) {
            builder.report(
                Diagnostic(
                    .warning, .danglingReference, .kept, at: location, field: "recordDetails.componentRecords",
                    "component record '\(c)' is not a relationship record in this file"))
        }
        var common: [String: String] = ["bods.recordId": rid, "bods.statementId": s.id]
        if let date = s.object["statementDate"]?.string { common["bods.statementDate"] = date }
        if d["isComponent"] == .bool(true) { common["bods.isComponent"] = "true" }
        if !components.isEmpty { common["bods.componentRecords"] = components.joined(separator: ";") }
        if let c = state.close { common["bods.closed"] = c.description }
        let srcs = sources(s)
        let interests: [ParsedJSON] = state.interests.isEmpty ? [.object(ParsedJSONObject())] : state.interests
        for (i, value) in interests.enumerated() {
            let interest = value.object ?? ParsedJSONObject()
            let type = interest["type"]?.string ?? "unknownInterest"
            let mapping = BODSReader.interestTable[type] ?? BODSReader.InterestMapping(kind: .owns, basis: "unknown")
            var rel = Relationship(
                id: isCurrent ? "\(rid)#\(i + 1)" : "\(rid)#\(i + 1)@\(s.id)", kind: mapping.kind,
                source: partyID, target: subjectID, basis: mapping.basis,
                controlType: mapping.controlType, sources: srcs, attributes: common)
            rel.attributes["bods.interestType"] = state.interests.isEmpty ? "none declared" : type
            if let x = interest["directOrIndirect"]?.string {
                rel.attributes["bods.directOrIndirect"] = x
                if x == "indirect" { rel.attributes["declaredIndirect"] = "true" }
            }
            if let b = interest["beneficialOwnershipOrControl"]?.bool {
                rel.attributes["bods.beneficialOwnershipOrControl"] = b ? "true" : "false"
            }
            if let x = interest["details"]?.string { rel.attributes["bods.details"] = x }
            let share = interest["share"]?.object.flatMap(shareValue)
            if mapping.kind == .owns {
                rel.share = share?.share ?? .unknown
                rel.shareText = share?.text
            } else if let share {
                rel.attributes["bods.share"] = share.text
            }
            let ownStart = interest["startDate"]?.string.flatMap { CalendarDate(parsing: $0) }
            let ownEnd = interest["endDate"]?.string.flatMap { CalendarDate(parsing: $0) }
            var start = ownStart
            if let cut = state.cut, start.map({ $0 < cut }) ?? true {
                start = cut
                if let o = ownStart { rel.attributes["bods.startDate"] = o.description }
            }
            var end = ownEnd
            if let l = limit, end.map({ $0 > l }) ?? true { end = l }
            if let st = start, let en = end, en < st {
                builder.reject(
                    Diagnostic(
                        .warning, .invalidDate, .leftOut, at: location, field: "recordDetails.interests[\(i)]",
                        "\(type) interest of statement '\(s.id)' was superseded (\(en)) before it started (\(st)); not added"
                    ))
                continue
            }
            rel.start = start
            rel.end = end
            if !known.contains(partyID) || !known.contains(subjectID) {
                // Left to the builder: another file may define the record; otherwise it reports the dangling id.
            }
            builder.add(rel, at: SourceLocation(file: file, line: s.line, record: rel.id))
        }
    }

    /// BODS share object → share and a text rendering of what was given.
    func shareValue(_ o: ParsedJSONObject) -> (share: Share, text: String)? {
        func bound(_ key: String, up: Bool) -> Percent? {
            guard let t = o[key]?.numberText else { return nil }
            return percent(t, roundUp: up)
        }
        var parts: [String] = []
        for key in ["exact", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"] {
            if let t = o[key]?.numberText { parts.append("\(key) \(t)") }
        }
        guard !parts.isEmpty else { return nil }
        let text = parts.joined(separator: ", ")
        if let t = o["exact"]?.numberText, let lo = percent(t, roundUp: false), let hi = percent(t, roundUp: true) {
            return (lo == hi ? .exact(lo) : .range(ShareRange(min: lo, max: hi)), text)
        }
        var minimum = bound("minimum", up: false), minExclusive = false
        if let x = bound("exclusiveMinimum", up: false), minimum.map({ x >= $0 }) ?? true {
            minimum = x; minExclusive = true
        }
        var maximum = bound("maximum", up: true), maxExclusive = false
        if let x = bound("exclusiveMaximum", up: true), maximum.map({ x <= $0 }) ?? true {
            maximum = x; maxExclusive = true
        }
        if let lo = minimum, let hi = maximum, lo == hi, !minExclusive, !maxExclusive { return (.exact(lo), text) }
        return (
            .range(ShareRange(min: minimum, max: maximum, minExclusive: minExclusive, maxExclusive: maxExclusive)), text
        )
    }
}
