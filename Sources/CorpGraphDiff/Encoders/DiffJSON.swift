import CorpGraph
import CorpGraphIO

/// The JSON form of a ``DiffReport`` (docs/DIFF.md): keys sorted, percentages exact.
public enum DiffJSON {
    public static func encode(_ r: DiffReport, verbose: Bool) -> String {
        value(r, verbose: verbose).encoded() + "\n"
    }

    public static func value(_ r: DiffReport, verbose: Bool) -> JSONValue {
        func side(_ s: DiffReport.SideSummary) -> JSONValue {
            [
                "inputs": .string(s.label), "asOf": .date(s.asOf), "entities": .number(s.entities),
                "relationships": .number(s.relationships),
            ]
        }
        var records: [String: JSONValue] = [
            "entitiesAdded": .number(r.records.entitiesAdded.count),
            "entitiesRemoved": .number(r.records.entitiesRemoved.count),
            "entitiesChanged": .number(r.records.entitiesChanged.count),
            "relationshipsAdded": .number(r.records.relationshipsAdded.count),
            "relationshipsRemoved": .number(r.records.relationshipsRemoved.count),
        ]
        if verbose {
            records["entitiesAddedList"] = .array(r.records.entitiesAdded.map { .string($0) })
            records["entitiesRemovedList"] = .array(r.records.entitiesRemoved.map { .string($0) })
            records["entitiesChangedList"] = .array(
                r.records.entitiesChanged.map { c in
                    [
                        "id": .string(c.id),
                        "fields": .array(
                            c.fields.map {
                                ["field": .string($0.field), "old": .string($0.old), "new": .string($0.new)]
                            }),
                    ]
                })
            records["relationshipsAddedList"] = .array(r.records.relationshipsAdded.map(relationship))
            records["relationshipsRemovedList"] = .array(r.records.relationshipsRemoved.map(relationship))
        }
        var byRegime: [String: JSONValue] = [:]
        for name in r.regimes { byRegime[name] = .number(r.statuses.filter { $0.regime == name }.count) }
        return [
            "old": side(r.old),
            "new": side(r.new),
            "changed": .bool(r.hasChanges),
            "regimes": .array(r.regimes.map { .string($0) }),
            "subjects": r.subjects.map { .array($0.map { .string($0) }) } ?? .string("exposed in either"),
            "minShareChange": .number(r.minShareChange),
            "summary": [
                "designations": .number(r.designations.count),
                "statuses": .object(byRegime),
                "exposure": .number(r.exposure.count),
                "watchedSubjects": .number(r.watchedSubjects),
                "ownership": .number(r.ownership.count),
            ],
            "identity": .array(
                r.identity.map { ["old": .string($0.oldID), "new": .string($0.newID), "by": .string($0.identifier)] }),
            "designations": .array(r.designations.map(designation)),
            "statuses": .array(r.statuses.map(status)),
            "exposure": .array(r.exposure.map(exposure)),
            "ownership": .array(r.ownership.map(ownership)),
            "records": .object(records),
        ]
    }

    static func designationRecord(_ d: Designation?) -> JSONValue {
        guard let d else { return .null }
        return [
            "list": .string(d.list), "program": .string(d.program), "listed": .date(d.listed),
            "delisted": .date(d.delisted),
        ]
    }

    static func designation(_ d: DesignationChange) -> JSONValue {
        [
            "change": .string(d.kind.rawValue), "entity": .string(d.entity), "name": .string(d.name),
            "list": .string(d.list),
            "old": designationRecord(d.old), "new": designationRecord(d.new),
            "oldInForce": .bool(d.oldInForce), "newInForce": .bool(d.newInForce),
        ]
    }

    static func status(_ s: StatusChange) -> JSONValue {
        [
            "regime": .string(s.regime), "change": .string(s.kind.rawValue), "entity": .string(s.entity),
            "name": .string(s.name),
            "from": .string(s.from?.rawValue ?? "absent"), "to": .string(s.to?.rawValue ?? "absent"),
            "basis": .string(s.basis?.rawValue), "causes": .array(s.causes.map(cause)),
        ]
    }

    static func cause(_ c: StatusCause) -> JSONValue {
        var o: [String: JSONValue] = ["kind": .string(c.kind.rawValue), "chain": .array(c.chain.map { .string($0) })]
        switch c.kind {
        case .designation: o["designations"] = .array(c.designations.map(designation))
        case .holding:
            o["holder"] = .string(c.holder)
            o["asset"] = .string(c.asset)
            // Absent on a side: the key is left out (null means an unknown share).
            if c.oldPresent { o["oldShare"] = interval(c.oldShare) }
            if c.newPresent { o["newShare"] = interval(c.newShare) }
        case .control:
            o["controller"] = .string(c.holder)
            o["controlled"] = .string(c.asset)
            o["controlType"] = .string(c.detail)
            o["change"] = .string(c.newPresent ? "new" : "ended")
        case .rule, .other: o["detail"] = .string(c.detail)
        }
        return .object(o)
    }

    static func exposure(_ e: ExposureChange) -> JSONValue {
        [
            "subject": .string(e.subject), "name": .string(e.name),
            "from": .string(e.from?.rawValue ?? "absent"), "to": .string(e.to?.rawValue ?? "absent"),
            "newPaths": .array(e.newPaths.map { .array($0.map { .string($0) }) }),
            "endedPaths": .array(e.endedPaths.map { .array($0.map { .string($0) }) }),
            "truncated": .bool(e.truncated),
        ]
    }

    static func ownership(_ o: OwnershipChange) -> JSONValue {
        [
            "change": .string(o.kind.rawValue), "holder": .string(o.holder), "asset": .string(o.asset),
            "oldShare": interval(o.oldShare), "newShare": interval(o.newShare),
            "newSignificantHolder": .bool(o.newSignificantHolder),
            "oldRelationships": .array(o.oldRelationships.map(relationship)),
            "newRelationships": .array(o.newRelationships.map(relationship)),
        ]
    }

    static func relationship(_ r: RelationshipRecord) -> JSONValue {
        var o: [String: JSONValue] = [
            "kind": .string(r.kind.description), "source": .string(r.source),
            "target": .string(r.target), "id": .string(r.id),
        ]
        if r.kind == .owns { o["share"] = share(r.share) }
        if let s = r.start { o["start"] = .date(s) }
        if let e = r.end { o["end"] = .date(e) }
        if let d = r.date { o["date"] = .date(d) }
        if let a = r.amount { o["amount"] = .number(a) }
        if let c = r.currency { o["currency"] = .string(c) }
        return .object(o)
    }

    /// The encoding `blocked` uses: an exact value as a number, a range as min/max with exclusivity, absent as null.
    static func interval(_ p: PercentInterval?) -> JSONValue {
        guard let p else { return .null }
        if p.isExact { return .number(p.lower) }
        return [
            "min": .number(p.lower), "max": .number(p.upper),
            "minExclusive": .bool(p.lowerExclusive), "maxExclusive": .bool(p.upperExclusive),
        ]
    }

    static func share(_ s: Share?) -> JSONValue {
        switch s {
        case nil, .unknown?: return .null
        case .exact(let p)?: return .number(p)
        case let s?: return interval(PercentInterval(s))
        }
    }
}
