import CorpGraph
import CorpGraphIO

/// `corpgraph validate`: every diagnostic of a load with its reason and effect, per-file counts, and the verdict
/// (valid only when nothing is in error and no record was left out).
public struct ValidationReport: Report {
    public var dataset: LoadedDataset

    public init(_ dataset: LoadedDataset) { self.dataset = dataset }

    public var errors: Int { dataset.errors.count }
    public var warnings: Int { dataset.diagnostics.count - errors }
    public var leftOut: Int { dataset.leftOutCount }
    public var isValid: Bool { errors == 0 && leftOut == 0 }

    public var json: JSONValue {
        [
            "valid": .bool(isValid), "errors": .number(errors), "warnings": .number(warnings),
            "leftOut": .number(leftOut),
            "policy": .string(dataset.policyOrigin),
            "files": .array(
                dataset.files.map {
                    [
                        "file": .string($0.file), "format": .string($0.format), "entitiesLoaded": .number($0.entities),
                        "relationshipsLoaded": .number($0.relationships), "rejected": .number($0.rejected),
                        "errors": .number($0.errors), "warnings": .number($0.warnings),
                    ]
                }),
            "diagnostics": .array(dataset.diagnostics.map(\.json)),
        ]
    }

    public var csv: String {
        var out = OutputSafety.csvLine(["severity", "file", "line", "record", "field", "message", "reason", "effect"])
        for d in dataset.diagnostics {
            out += OutputSafety.csvLine(
                [
                    d.severity.rawValue, d.location?.file ?? "", d.location?.line.map(String.init) ?? "",
                    d.location?.record ?? "", d.field ?? "", d.message, d.reason.rawValue,
                    d.effect.rawValue,
                ], spreadsheetSafe: true)
        }
        return out
    }

    public var text: String {
        var lines = dataset.diagnostics.map { OutputSafety.terminal($0.description) }
        for f in dataset.files {
            lines.append(
                "\(OutputSafety.terminal(f.file)): \(f.format), loaded \(f.entities) entities and \(f.relationships) relationships, rejected \(f.rejected) record(s); \(f.errors) error(s), \(f.warnings) warning(s)"
            )
        }
        lines.append(
            isValid
                ? "valid: \(dataset.graph.entityCount) entities, \(dataset.graph.relationshipCount) relationships, \(warnings) warning(s)"
                : "invalid: \(leftOut) record(s) left out, \(errors) error(s), \(warnings) warning(s); "
                    + "loaded \(dataset.graph.entityCount) entities, \(dataset.graph.relationshipCount) relationships")
        return lines.joined(separator: "\n") + "\n"
    }
}
