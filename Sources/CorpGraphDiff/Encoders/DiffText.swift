import CorpGraph
import CorpGraphIO

/// The text form of a ``DiffReport``, for people: one section per change type, each change with its evidence.
public enum DiffText {
    public static func encode(_ r: DiffReport, verbose: Bool) -> String {
        var lines: [String] = []
        lines.append(
            "old: \(r.old.label) as of \(r.old.asOf) (\(r.old.entities) entities, \(r.old.relationships) relationships)"
        )
        lines.append(
            "new: \(r.new.label) as of \(r.new.asOf) (\(r.new.entities) entities, \(r.new.relationships) relationships)"
        )
        if !r.hasChanges {
            lines.append("no change")
            return finish(lines)
        }
        for m in r.identity { lines.append("identity: \(m.oldID) is \(m.newID) (same \(m.identifier))") }

        lines.append("")
        lines.append("designations: \(r.designations.count) change(s)")
        for d in r.designations { lines.append("  " + designationLine(d)) }

        for regime in r.regimes {
            let changes = r.statuses.filter { $0.regime == regime }
            lines.append("")
            lines.append("statuses under \(regime): \(changes.count) change(s)")
            for s in changes {
                var head = "  \(label(s.kind)) \(s.entity)"
                if s.name != s.entity && !s.name.isEmpty { head += " (\(s.name))" }
                head += ": \(s.from?.rawValue ?? "absent") → \(s.to?.rawValue ?? "absent")"
                if let b = s.basis { head += s.kind == .cleared ? " (was by \(b))" : " by \(b)" }
                lines.append(head)
                for c in s.causes { lines.append("    because " + causeText(c)) }
            }
        }

        lines.append("")
        let watched =
            r.subjects == nil
            ? "\(r.watchedSubjects) subject(s) exposed in either" : "\(r.watchedSubjects) watched subject(s)"
        lines.append("exposure (\(watched)): \(r.exposure.count) change(s)")
        for e in r.exposure {
            var head = "  \(e.subject)"
            if e.name != e.subject && !e.name.isEmpty { head += " (\(e.name))" }
            head += ": \(e.from?.rawValue ?? "absent") → \(e.to?.rawValue ?? "absent")"
            if e.truncated { head += " (path lists truncated)" }
            lines.append(head)
            for p in e.newPaths { lines.append("    new path: " + p.joined(separator: " → ")) }
            for p in e.endedPaths { lines.append("    ended path: " + p.joined(separator: " → ")) }
        }

        lines.append("")
        lines.append(
            "ownership (share changes ≥ \(r.minShareChange) points, new holders ≥ \(r.significantHolder) %): \(r.ownership.count) change(s)"
        )
        for o in r.ownership { lines.append("  " + ownershipLine(o, significant: r.significantHolder)) }

        lines.append("")
        let rc = r.records
        lines.append(
            "entities: \(rc.entitiesAdded.count) added, \(rc.entitiesRemoved.count) removed, \(rc.entitiesChanged.count) changed; "
                + "relationships: \(rc.relationshipsAdded.count) added, \(rc.relationshipsRemoved.count) removed")
        if verbose {
            for id in rc.entitiesAdded { lines.append("  + entity \(id)") }
            for id in rc.entitiesRemoved { lines.append("  - entity \(id)") }
            for c in rc.entitiesChanged {
                lines.append(
                    "  ~ entity \(c.id): "
                        + c.fields.map { "\($0.field) \($0.old ?? "-") → \($0.new ?? "-")" }.joined(separator: "; "))
            }
            for x in rc.relationshipsAdded { lines.append("  + \(x)") }
            for x in rc.relationshipsRemoved { lines.append("  - \(x)") }
        } else if !rc.isEmpty {
            lines.append("  (listed with --verbose)")
        }
        return finish(lines)
    }

    static func finish(_ lines: [String]) -> String {
        lines.map(OutputSafety.terminal).joined(separator: "\n") + "\n"
    }

    static func label(_ k: StatusChange.Kind) -> String {
        switch k {
        case .newlyListed: "NEWLY LISTED"
        case .newlyBlocked: "NEWLY BLOCKED"
        case .newlyUndetermined: "NEWLY UNDETERMINED"
        case .cleared: "CLEARED"
        }
    }

    public static func designationLine(_ d: DesignationChange) -> String {
        let who = d.name != d.entity && !d.name.isEmpty ? "\(d.entity) (\(d.name))" : d.entity
        switch d.kind {
        case .added:
            return "added \(who): \(d.new?.summary ?? "")" + (d.newInForce ? "" : " (not in force on the new day)")
        case .removed: return "removed \(who): \(d.old?.summary ?? "")"
        case .changed: return "changed \(who): \(d.old?.summary ?? "") → \(d.new?.summary ?? "")"
        case .inForce: return "in force \(who): \(d.new?.summary ?? "") (not yet on the old day)"
        case .lapsed: return "lapsed \(who): \(d.old?.summary ?? "") (no longer in force on the new day)"
        }
    }

    static func shareText(_ s: PercentInterval?, present: Bool) -> String {
        present ? (s?.description ?? "?") : "none"
    }

    /// One cause: what changed, then the chain of holdings it travelled through (root first).
    public static func causeText(_ c: StatusCause) -> String {
        let through = c.chain.count > 1 ? "; through " + c.chain.reversed().joined(separator: " → ") : ""
        let root = c.chain.last ?? ""
        switch c.kind {
        case .designation:
            return c.designations.map { d in
                let what: String
                switch d.kind {
                case .added: what = "designated"
                case .removed: what = "designation removed"
                case .changed: what = "designation changed"
                case .inForce: what = "designation in force"
                case .lapsed: what = "designation lapsed"
                }
                let record =
                    d.kind == .changed
                    ? "\(d.old?.summary ?? "") → \(d.new?.summary ?? "")"
                    : (d.new ?? d.old)?.summary ?? ""
                return "\(root) \(what): \(record)"
            }.joined(separator: "; ") + through
        case .holding:
            return "holding \(c.holder ?? "?") → \(c.asset ?? "?") \(shareText(c.oldShare, present: c.oldPresent)) → "
                + "\(shareText(c.newShare, present: c.newPresent))" + through
        case .control:
            return "control \(c.holder ?? "?") → \(c.asset ?? "?") (\(c.detail ?? "unspecified")) "
                + (c.newPresent ? "started" : "ended") + through
        case .rule, .other:
            return (c.detail ?? "") + through
        }
    }

    public static func ownershipLine(_ o: OwnershipChange, significant: Percent) -> String {
        var s: String
        switch o.kind {
        case .new: s = "new holding \(o.holder) → \(o.asset): \(o.newShare?.description ?? "?")"
        case .ended: s = "ended holding \(o.holder) → \(o.asset): was \(o.oldShare?.description ?? "?")"
        case .share:
            s = "share \(o.holder) → \(o.asset): \(o.oldShare?.description ?? "?") → \(o.newShare?.description ?? "?")"
        }
        if o.newSignificantHolder { s += " (new holder ≥ \(significant) %)" }
        let rels = (o.kind == .ended ? o.oldRelationships : o.newRelationships).compactMap(\.id)
        if !rels.isEmpty { s += " [" + rels.joined(separator: ", ") + "]" }
        return s
    }
}
