import CorpGraph
import CorpGraphIO

// Text, JSON and CSV of a ``BlockedReport``. One regime keeps the shapes of DESIGN §5 (`"regime"`, `"status"` per
// entity); several regimes put one status per regime side by side (`"regimes"`, `"statuses"` keyed by regime name;
// a status column per regime in text and CSV).

extension BlockedReport {
    // MARK: JSON

    public func json() -> JSONValue {
        var obj: [String: JSONValue] = ["asOf": .string(asOf.description), "disclaimer": .string(Self.disclaimer)]
        if regimes.count == 1 {
            let r = regimes[0]
            for (k, v) in Self.regimeJSON(r) where k != "name" { obj[k] = v }
            obj["regime"] = .string(r.name)
            obj["entities"] = .array(
                rows.map { Self.entryJSON($0.statuses[0], withEntity: true, undated: $0.undatedLists) })
            if let x = explanations.first { obj["explanation"] = Self.json(x, top: true) }
        } else {
            obj["regimes"] = .array(regimes.map { .object(Self.regimeJSON($0)) })
            obj["entities"] = .array(
                rows.map { row in
                    var statuses: [String: JSONValue] = [:]
                    for (k, r) in regimes.enumerated() {
                        statuses[r.name] = Self.entryJSON(row.statuses[k], withEntity: false, undated: row.undatedLists)
                    }
                    return [
                        "id": .string(row.id), "name": .string(row.name), "kind": .string(row.kind.description),
                        "statuses": .object(statuses),
                    ]
                })
            if !explanations.isEmpty {
                var ex: [String: JSONValue] = [:]
                for (k, r) in regimes.enumerated() { ex[r.name] = Self.json(explanations[k], top: true) }
                obj["explanations"] = .object(ex)
            }
        }
        return .object(obj)
    }

    static func regimeJSON(_ r: Regime) -> [String: JSONValue] {
        [
            "name": .string(r.name), "rule": .string(r.rule), "citation": .string(r.citation),
            "threshold": .number(r.threshold), "inclusive": .bool(r.inclusive),
            "lists": r.lists.map { .array($0.map { .string($0) }) } ?? .null,
            "listsOrigin": .string(r.listsOrigin.rawValue),
        ]
    }

    static func entryJSON(_ e: SanctionsEntry, withEntity: Bool, undated: [String] = []) -> JSONValue {
        var o: [String: JSONValue] = ["status": .string(e.status.rawValue), "basis": .string(e.basis?.rawValue)]
        if withEntity {
            o["id"] = .string(e.id)
            o["name"] = .string(e.name)
            o["kind"] = .string(e.kind.description)
        }
        if !e.lists.isEmpty { o["lists"] = .array(e.lists.map { .string($0) }) }
        // Counted lists with no listing date: `dateUnknown` (issue #11 item 4).
        let unknown = e.lists.filter { undated.contains($0) }
        if !unknown.isEmpty { o["listsDateUnknown"] = .array(unknown.map { .string($0) }) }
        if let own = e.ownership { o["ownershipPercent"] = own.json }
        if let votes = e.votingRights { o["votingRightsPercent"] = votes.json }
        if !e.owners.isEmpty { o["owners"] = .array(e.owners.map { .string($0) }) }
        if !e.controllers.isEmpty { o["controllers"] = .array(e.controllers.map { .string($0) }) }
        if let p = e.person { o["person"] = .string(p) }
        return .object(o)
    }

    static func json(_ x: SanctionsExplanation, top: Bool = false) -> JSONValue {
        var o: [String: JSONValue] = [
            "id": .string(x.id), "name": .string(x.name), "kind": .string(x.kind.description),
            "status": .string(x.status.rawValue), "basis": .string(x.basis?.rawValue),
        ]
        if let p = x.person { o["person"] = .string(p) }
        if x.seeAbove {
            o["seeAbove"] = .bool(true)
            return .object(o)
        }
        if !x.designations.isEmpty {
            o["designations"] = .array(
                x.designations.map {
                    [
                        "list": .string($0.list), "program": .string($0.program), "listed": .date($0.listed),
                        "delisted": .date($0.delisted), "dateUnknown": .bool($0.listed == nil),
                    ]
                })
        }
        if !x.designationsNotCounted.isEmpty {
            o["designationsNotCounted"] = .array(
                x.designationsNotCounted.map {
                    [
                        "list": .string($0.designation.list), "program": .string($0.designation.program),
                        "reason": .string($0.reason),
                    ]
                })
        }
        if top { o["rule"] = .string(x.rule) }
        if x.status != .listed || x.person != nil {
            o["threshold"] = .number(x.threshold)
            o["inclusive"] = .bool(x.inclusive)
            o["holdings"] = .array(
                x.holdings.map { h in
                    var ho: [String: JSONValue] = [
                        "owner": .string(h.owner), "ownerStatus": .string(h.ownerStatus.rawValue),
                        "relationship": .string(h.relationshipID), "share": h.share.json,
                    ]
                    if x.total != nil { ho["countedPercent"] = h.counted.json }
                    if let j = h.jointArrangement { ho["jointArrangement"] = .string(j) }
                    if let d = h.detail.first { ho["because"] = json(d) }
                    return .object(ho)
                })
            if let t = x.total { o["sumPercent"] = t.json }
            if let r = x.ownershipTest { o["ownershipTest"] = .string(r.rawValue) }
            if !x.votingHoldings.isEmpty {
                o["votingRights"] = .array(
                    x.votingHoldings.map { h in
                        var ho: [String: JSONValue] = [
                            "owner": .string(h.owner), "ownerStatus": .string(h.ownerStatus.rawValue),
                            "relationship": .string(h.relationshipID), "share": h.share.json,
                            "countedPercent": h.counted.json,
                        ]
                        if let d = h.detail.first { ho["because"] = json(d) }
                        return .object(ho)
                    })
                if let t = x.votingTotal { o["votingRightsSumPercent"] = t.json }
                if let r = x.votingTest { o["votingRightsTest"] = .string(r.rawValue) }
            }
        }
        if !x.controls.isEmpty {
            o["controls"] = .array(
                x.controls.map { c in
                    var co: [String: JSONValue] = [
                        "controller": .string(c.controller), "controllerStatus": .string(c.controllerStatus.rawValue),
                        "relationship": .string(c.relationshipID), "controlType": .string(c.controlType),
                        "sufficient": .bool(c.sufficient), "effect": .string(c.effect.rawValue),
                    ]
                    if let d = c.detail.first { co["because"] = json(d) }
                    return .object(co)
                })
        }
        if !x.perPerson.isEmpty { o["perPerson"] = .array(x.perPerson.map { json($0) }) }
        if !x.ignored.isEmpty {
            o["notCounted"] = .array(
                x.ignored.map {
                    [
                        "owner": .string($0.owner), "relationship": .string($0.relationshipID),
                        "reason": .string($0.reason),
                    ]
                })
        }
        return .object(o)
    }

    // MARK: CSV

    static let entryColumns = ["basis", "lists", "ownership_min", "ownership_max", "owners", "controllers", "person"]

    static func entryCells(_ e: SanctionsEntry) -> [String] {
        [
            e.basis?.rawValue ?? "", e.lists.joined(separator: ";"),
            e.ownership.map { $0.lower.description } ?? "", e.ownership.map { $0.upper.description } ?? "",
            e.owners.joined(separator: ";"), e.controllers.joined(separator: ";"), e.person ?? "",
        ]
    }

    /// One row per entity. One regime: `id,name,kind,status,basis,…`. Several: `id,name,kind`, a status column per
    /// regime (`ofac,eu,uk`), then each regime's detail columns prefixed with its name (`ofac_basis`, …).
    public func csv() -> String {
        var header = ["id", "name", "kind"]
        if regimes.count == 1 {
            header += ["status"] + Self.entryColumns
        } else {
            header += regimes.map(\.name)
            for r in regimes { header += Self.entryColumns.map { "\(r.name)_\($0)" } }
        }
        var out = OutputSafety.csvLine(header, spreadsheetSafe: true)
        for row in rows {
            // One regime: status then its details; several: every status first, then every regime's details.
            var cells = [row.id, row.name, row.kind.description] + row.statuses.map(\.status.rawValue)
            for e in row.statuses { cells += Self.entryCells(e) }
            out += OutputSafety.csvLine(cells, spreadsheetSafe: true)
        }
        return out
    }

    // MARK: Text

    /// `owned 55 % via person-s, person-t`, `controlled by person-s`, `OFAC-SDN`, or empty when clear.
    static func basisText(_ e: SanctionsEntry, undated: [String] = []) -> String {
        switch e.basis {
        case .list?:
            return e.lists.map { undated.contains($0) ? $0 + " (listing date unknown)" : $0 }.joined(separator: ", ")
        case .ownership?:
            var s = "owned \(e.ownership.map(\.description) ?? "?")"
            s += e.person.map { " by \($0)" } ?? ""
            if !e.owners.isEmpty { s += " via " + e.owners.joined(separator: ", ") }
            return s
        case .votingRights?:
            var s = "voting rights \(e.votingRights.map(\.description) ?? "?")"
            s += e.person.map { " by \($0)" } ?? ""
            if !e.owners.isEmpty { s += " via " + e.owners.joined(separator: ", ") }
            return s
        case .control?:
            return "controlled by "
                + (e.controllers.isEmpty ? (e.person ?? "?") : e.controllers.joined(separator: ", "))
        case nil: return ""
        }
    }

    public func text() -> String {
        var lines: [String] = []
        for r in regimes {
            lines.append("regime \(r.name) as of \(asOf): \(r.rule)")
            lines.append("source: \(r.citation)")
            lines.append("lists counted: " + Self.listsText(r))
        }
        if !explanations.isEmpty {
            for (k, x) in explanations.enumerated() {
                lines.append("")
                if regimes.count > 1 { lines.append("under \(regimes[k].name):") }
                lines += x.textLines()
            }
        } else if regimes.count == 1 {
            lines.append(
                "\(count(.listed, regime: 0)) listed, \(count(.blocked, regime: 0)) blocked, "
                    + "\(count(.undetermined, regime: 0)) undetermined of \(entityCount) entities")
            for row in rows {
                let e = row.statuses[0]
                var s = e.status.rawValue.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0) + row.id
                if row.name != row.id { s += " (\(row.name))" }
                let basis = Self.basisText(e, undated: row.undatedLists)
                if !basis.isEmpty { s += ": " + basis }
                lines.append(s)
            }
            lines.append("run with --explain ID for the derivation of one entity")
        } else {
            for (k, r) in regimes.enumerated() {
                lines.append(
                    "\(r.name): \(count(.listed, regime: k)) listed, \(count(.blocked, regime: k)) blocked, "
                        + "\(count(.undetermined, regime: k)) undetermined")
            }
            lines.append("\(rows.count) of \(entityCount) entities not plainly clear under at least one regime")
            lines.append(
                regimes.map { $0.name.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0) }.joined()
                    + "entity")
            for row in rows {
                var s = row.statuses.map {
                    $0.status.rawValue.uppercased().padding(toLength: 13, withPad: " ", startingAt: 0)
                }.joined()
                s += row.id
                if row.name != row.id { s += " (\(row.name))" }
                lines.append(s)
                let details = zip(regimes, row.statuses).compactMap { r, e -> String? in
                    let b = Self.basisText(e, undated: row.undatedLists)
                    return b.isEmpty ? nil : "\(r.name): \(b)"
                }
                if !details.isEmpty { lines.append("    " + details.joined(separator: "; ")) }
            }
            lines.append("run with --explain ID for the derivation of one entity under each regime")
        }
        lines.append(Self.disclaimer)
        return lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }
}
