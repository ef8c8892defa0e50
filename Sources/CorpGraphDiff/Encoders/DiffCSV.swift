import CorpGraph
import CorpGraphIO

/// The CSV form of a ``DiffReport``: one row per change,
/// `section,change,regime,entity,name,from,to,detail`, the evidence in `detail` as the text form words it.
/// Entity and relationship records are counted in `records` rows, and listed one per row with `verbose`.
public enum DiffCSV {
    public static let header = ["section", "change", "regime", "entity", "name", "from", "to", "detail"]

    public static func encode(_ r: DiffReport, verbose: Bool) -> String {
        var out = OutputSafety.csvLine(header, spreadsheetSafe: true)
        func row(_ cells: [String]) { out += OutputSafety.csvLine(cells, spreadsheetSafe: true) }
        for m in r.identity { row(["identity", "matched", "", m.newID, "", m.oldID, m.newID, m.identifier]) }
        for d in r.designations {
            row([
                "designations", d.kind.rawValue, "", d.entity, d.name, d.old?.summary ?? "", d.new?.summary ?? "",
                DiffText.designationLine(d),
            ])
        }
        for s in r.statuses {
            row([
                "statuses", s.kind.rawValue, s.regime, s.entity, s.name, s.from?.rawValue ?? "absent",
                s.to?.rawValue ?? "absent", s.causes.map(DiffText.causeText).joined(separator: " | "),
            ])
        }
        for e in r.exposure {
            let paths =
                e.newPaths.map { "new path: " + $0.joined(separator: " → ") }
                + e.endedPaths.map { "ended path: " + $0.joined(separator: " → ") }
            row([
                "exposure", e.from == e.to ? "paths" : "verdict", "", e.subject, e.name, e.from?.rawValue ?? "absent",
                e.to?.rawValue ?? "absent", (paths + (e.truncated ? ["truncated"] : [])).joined(separator: " | "),
            ])
        }
        for o in r.ownership {
            row([
                "ownership", o.kind.rawValue, "", o.asset, o.holder, o.oldShare?.csv ?? "",
                o.newShare?.csv ?? "",
                DiffText.ownershipLine(o, significant: r.significantHolder),
            ])
        }
        let rc = r.records
        for (name, n) in [
            ("entitiesAdded", rc.entitiesAdded.count), ("entitiesRemoved", rc.entitiesRemoved.count),
            ("entitiesChanged", rc.entitiesChanged.count), ("relationshipsAdded", rc.relationshipsAdded.count),
            ("relationshipsRemoved", rc.relationshipsRemoved.count),
        ] {
            row(["records", name, "", "", "", "", "", String(n)])
        }
        if verbose {
            for id in rc.entitiesAdded { row(["records", "entityAdded", "", id, "", "", "", ""]) }
            for id in rc.entitiesRemoved { row(["records", "entityRemoved", "", id, "", "", "", ""]) }
            for c in rc.entitiesChanged {
                for f in c.fields {
                    row(["records", "entityChanged", "", c.id, f.field, f.old ?? "", f.new ?? "", ""])
                }
            }
            for x in rc.relationshipsAdded {
                row(["records", "relationshipAdded", "", x.source, x.target, "", "", x.description])
            }
            for x in rc.relationshipsRemoved {
                row(["records", "relationshipRemoved", "", x.source, x.target, "", "", x.description])
            }
        }
        return out
    }
}
