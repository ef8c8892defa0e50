import CorpGraph

/// One input a snapshot was built from.
public struct SnapshotInput: Sendable, Hashable {
    public var path: String
    public var format: String
    public var size: Int
    /// SHA-256 of the file's bytes, lower-case hex.
    public var sha256: String
    public var entities: Int
    public var relationships: Int
    /// Records left out.
    public var rejected: Int
    public var errors: Int
    public var warnings: Int

    public init(
        path: String, format: String, size: Int, sha256: String, entities: Int, relationships: Int,
        rejected: Int, errors: Int, warnings: Int
    ) {
        self.path = path
        self.format = format
        self.size = size
        self.sha256 = sha256
        self.entities = entities
        self.relationships = relationships
        self.rejected = rejected
        self.errors = errors
        self.warnings = warnings
    }
}

/// Where a snapshot came from: its inputs, the tool, the build time, the dataset title and the policy's origin.
public struct SnapshotProvenance: Sendable, Hashable {
    public var toolVersion: String
    /// Seconds since 1970-01-01 UTC (`SOURCE_DATE_EPOCH` when set, for reproducible builds).
    public var buildTime: Int64
    public var title: String
    public var policyOrigin: String
    public var inputs: [SnapshotInput]

    public init(toolVersion: String, buildTime: Int64, title: String, policyOrigin: String, inputs: [SnapshotInput]) {
        self.toolVersion = toolVersion
        self.buildTime = buildTime
        self.title = title
        self.policyOrigin = policyOrigin
        self.inputs = inputs
    }
}

/// A frozen dataset: the graph, the policy in force, the problems found while loading, and provenance.
public struct Snapshot: Sendable {
    public var graph: Graph
    public var policy: Policy
    public var diagnostics: [Diagnostic]
    public var provenance: SnapshotProvenance

    public init(graph: Graph, policy: Policy, diagnostics: [Diagnostic], provenance: SnapshotProvenance) {
        self.graph = graph
        self.policy = policy
        self.diagnostics = diagnostics
        self.provenance = provenance
    }
}

// MARK: Record encodings (docs/SNAPSHOT.md, "Records")

extension ByteWriter {
    mutating func provenance(_ p: SnapshotProvenance) {
        string(p.toolVersion)
        i64(p.buildTime)
        string(p.title)
        string(p.policyOrigin)
        count(p.inputs.count)
        for i in p.inputs {
            string(i.path); string(i.format); i64(Int64(i.size)); string(i.sha256)
            i64(Int64(i.entities)); i64(Int64(i.relationships)); i64(Int64(i.rejected))
            i64(Int64(i.errors)); i64(Int64(i.warnings))
        }
    }

    mutating func diagnostics(_ list: [Diagnostic]) {
        count(list.count)
        for d in list {
            u8(d.severity == .error ? 0 : 1)
            string(d.reason.rawValue)
            string(d.effect.rawValue)
            bool(d.location != nil)
            if let l = d.location {
                string(l.file)
                i64(l.line.map(Int64.init) ?? -1)
                optional(l.record)
            }
            optional(d.field)
            string(d.message)
            optional(d.leftOutEntity)
        }
    }

    /// Every field of the policy and its regimes. A field added to ``Policy`` or ``SanctionsRegime`` must be added
    /// here and in ``ByteReader/policy()`` (and the format version bumped).
    mutating func policy(_ p: Policy) {
        strings(p.jurisdictions)
        optionalStrings(p.lists)
        optional(p.regime)
        count(p.regimes.count)
        for r in p.regimes {
            string(r.name)
            count(r.tests.count)
            for t in r.tests {
                date(t.from)
                i64(t.threshold.units)
                bool(t.inclusive)
            }
            bool(r.aggregatesAcrossPersons)
            bool(r.countsControl)
            string(r.indirect.rawValue)
            optionalStrings(r.lists)
            string(r.citation)
            strings(r.controlTypes.sorted())
            bool(r.countsVotingRights)
        }
    }

    mutating func entityExtras(_ x: EntityExtras) {
        strings(x.aliases)
        map(x.identifiers)
        sources(x.sources)
        map(x.attributes)
    }

    mutating func relationshipExtras(_ x: RelationshipExtras) {
        optional(x.id); optional(x.shareText); optional(x.basis); optional(x.controlType); optional(x.role)
        sources(x.sources)
        optional(x.confidence)
        map(x.attributes)
    }
}

extension ByteReader {
    mutating func provenance() throws -> SnapshotProvenance {
        let tool = try string(), time = try i64(), title = try string(), origin = try string()
        let n = try count(minimumSize: 60)
        var inputs: [SnapshotInput] = []
        for _ in 0..<n {
            let path = try string(), format = try string(), size = try i64(), sha = try string()
            let e = try i64(), r = try i64(), rej = try i64(), err = try i64(), warn = try i64()
            inputs.append(
                SnapshotInput(
                    path: path, format: format, size: Int(size), sha256: sha, entities: Int(e),
                    relationships: Int(r), rejected: Int(rej), errors: Int(err), warnings: Int(warn)))
        }
        return SnapshotProvenance(
            toolVersion: tool, buildTime: time, title: title, policyOrigin: origin, inputs: inputs)
    }

    mutating func diagnostics() throws -> [Diagnostic] {
        let n = try count(minimumSize: 17)
        var out: [Diagnostic] = []
        for _ in 0..<n {
            let severity: Diagnostic.Severity
            switch try u8() {
            case 0: severity = .error
            case 1: severity = .warning
            default: throw Damaged()
            }
            guard let reason = Diagnostic.Reason(rawValue: try string()),
                let effect = Diagnostic.Effect(rawValue: try string())
            else { throw Damaged() }
            var location: SourceLocation?
            if try bool() {
                let file = try string(), line = try i64(), record = try optional()
                location = SourceLocation(file: file, line: line < 0 ? nil : Int(line), record: record)
            }
            let field = try optional()
            var d = Diagnostic(severity, reason, effect, at: location, field: field, try string())
            d.leftOutEntity = try optional()
            out.append(d)
        }
        return out
    }

    mutating func policy() throws -> Policy {
        let jurisdictions = try strings(), lists = try optionalStrings(), regime = try optional()
        let n = try count(minimumSize: 20)
        var regimes: [SanctionsRegime] = []
        for _ in 0..<n {
            let name = try string()
            let t = try count(minimumSize: 13)
            var tests: [SanctionsRegime.OwnershipTest] = []
            for _ in 0..<t {
                let from = try date(), units = try i64(), inclusive = try bool()
                tests.append(
                    SanctionsRegime.OwnershipTest(from: from, threshold: Percent(units: units), inclusive: inclusive))
            }
            guard !tests.isEmpty else { throw Damaged() }
            let aggregates = try bool(), control = try bool()
            guard let indirect = SanctionsRegime.IndirectRule(rawValue: try string()) else { throw Damaged() }
            let regimeLists = try optionalStrings(), citation = try string(), types = try strings()
            let votingRights = try bool()
            regimes.append(
                SanctionsRegime(
                    name: name, tests: tests, aggregatesAcrossPersons: aggregates,
                    countsControl: control, indirect: indirect, lists: regimeLists,
                    citation: citation, controlTypes: Set(types), countsVotingRights: votingRights))
        }
        return Policy(jurisdictions: jurisdictions, lists: lists, regime: regime, regimes: regimes)
    }

    mutating func entityExtras() throws -> EntityExtras {
        EntityExtras(aliases: try strings(), identifiers: try map(), sources: try sources(), attributes: try map())
    }

    mutating func relationshipExtras() throws -> RelationshipExtras {
        RelationshipExtras(
            id: try optional(), shareText: try optional(), basis: try optional(), controlType: try optional(),
            role: try optional(), sources: try sources(), confidence: try optional(), attributes: try map())
    }
}
