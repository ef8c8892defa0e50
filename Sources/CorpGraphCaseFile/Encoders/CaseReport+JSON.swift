import CorpGraph
import CorpGraphIO

extension CaseReport {
    /// The report as JSON: the evidence model the HTML and PDF are rendered from (keys sorted, same bytes each time).
    public var json: JSONValue {
        [
            "reportId": .string(reportID),
            "asOf": .date(asOf),
            "regimes": .array(regimes.map { .string($0) }),
            "generatedBy": [
                "tool": .string(generatedBy.tool), "version": .string(generatedBy.version),
                "algorithms": .array(generatedBy.algorithms.map { .string($0) }),
            ],
            "subjects": .array(subjects.map(\.json)),
            "provenance": provenance.json,
            "methodNotes": .array(methodNotes.map { .string($0) }),
            "disclaimer": .string(disclaimer),
        ]
    }
}

extension SubjectCase {
    var json: JSONValue {
        [
            "id": .string(id), "name": .string(name), "kind": .string(kind), "jurisdiction": .string(jurisdiction),
            "identifiers": .array(identifiers.map { ["scheme": .string($0.scheme), "value": .string($0.value)] }),
            "designations": .array(
                designations.map { d in
                    [
                        "list": .string(d.list), "program": .string(d.program), "listed": .date(d.listed),
                        "delisted": .date(d.delisted), "inForce": .bool(d.inForce),
                        "dateUnknown": .bool(d.listed == nil),
                    ]
                }),
            "regimes": .array(
                regimeVerdicts.map { v in
                    [
                        "regime": .string(v.regime), "status": .string(v.status.rawValue), "rule": .string(v.rule),
                        "countedLists": v.countedLists.map { .array($0.map { .string($0) }) } ?? .null,
                        "derivation": .array(
                            v.derivation.map { ["depth": .number($0.depth), "text": .string($0.text)] }),
                        "range": v.range.map { r in
                            [
                                "minimum": .string(r.minimum), "maximum": .string(r.maximum),
                                "holdsAcrossRange": .bool(r.holdsAcrossRange),
                            ]
                        } ?? .null,
                    ]
                }),
            "exposure": [
                "verdict": .string(exposure.verdict.rawValue),
                "selfReasons": .array(exposure.selfReasons.map { .string($0.code) }),
                "scope": .string(exposure.scope),
            ],
            "findings": .array(findings.map { .string($0) }),
            "diagram": diagramDOT.map { ["dot": .string($0), "caption": .string(diagramCaption)] } ?? .null,
            "paths": .array(paths.map(\.json)),
            "pathsTruncated": .bool(pathsTruncated),
            "owners": .array(
                owners.map { o in
                    [
                        "id": .string(o.id), "name": .string(o.name), "kind": .string(o.kind),
                        "effective": .string(o.effective),
                        "beneficialOwner": .bool(o.beneficialOwner), "chains": .number(o.chains),
                    ]
                }),
            "ownersNote": .string(ownersNote),
        ]
    }
}

extension PathEvidence {
    var json: JSONValue {
        [
            "target": .string(target), "targetName": .string(targetName),
            "reasons": .array(reasons.map { .string($0.code) }), "strength": .string(strength),
            "hops": .array(
                hops.map { h in
                    [
                        "from": .string(h.from), "fromName": .string(h.fromName), "to": .string(h.to),
                        "toName": .string(h.toName), "facts": .array(h.facts.map { .string($0) }),
                        "sources": .array(h.sources.map(\.json)),
                    ]
                }),
        ]
    }
}

extension SourceCitation {
    var json: JSONValue {
        ["title": .string(title), "url": .string(url), "retrieved": .string(retrieved), "record": .string(record)]
    }
}

extension Provenance {
    var json: JSONValue {
        [
            "inputs": .array(
                inputs.map { i in
                    [
                        "path": .string(i.path), "size": .number(i.size), "sha256": .string(i.sha256),
                        "format": .string(i.format), "loaded": .number(i.loaded), "leftOut": .number(i.leftOut),
                    ]
                }),
            "policyOrigin": .string(policyOrigin),
            "listVersions": .array(listVersions.map { .string($0) }),
        ]
    }
}
