import CorpGraph

/// The case file a compliance officer signs off (DESIGN §12): for each subject, the verdict under each regime and the
/// exposure verdict, the findings in plain words, the exposure diagram, the evidence of every path, the derivation of
/// every regime's answer, look-through owners, and the provenance of the data. One model; the JSON, HTML and PDF are
/// encodings of it, so they cannot disagree.
public struct CaseReport: Sendable, Hashable {
    /// A stable id: the SHA-256 of the inputs' digests and the query (same data and question → same id).
    public var reportID: String
    public var asOf: CalendarDate
    public var regimes: [String]
    public var generatedBy: GeneratedBy
    public var subjects: [SubjectCase]
    public var provenance: Provenance
    public var methodNotes: [String]
    public var disclaimer: String

    public struct GeneratedBy: Sendable, Hashable {
        public var tool: String
        public var version: String
        /// `name@version` of each algorithm the answers come from.
        public var algorithms: [String]
    }
}

/// Everything the report says about one subject.
public struct SubjectCase: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: String
    public var jurisdiction: String?
    public var identifiers: [Identifier]
    public var designations: [DesignationFact]
    public var regimeVerdicts: [RegimeVerdict]
    public var exposure: ExposureVerdict
    /// The findings in plain words, most severe first.
    public var findings: [String]
    /// The exposure diagram (DOT, drawn as vectors in HTML and PDF); `nil` when there is nothing to draw.
    public var diagramDOT: String?
    public var diagramCaption: String
    public var paths: [PathEvidence]
    /// Whether the path list was cut at the limit.
    public var pathsTruncated: Bool
    public var owners: [OwnerRow]
    /// Why there are no owner rows, when there are none ("no ownership data", "closed loop …").
    public var ownersNote: String?

    public struct Identifier: Sendable, Hashable {
        public var scheme: String
        public var value: String
    }
}

public struct DesignationFact: Sendable, Hashable {
    public var list: String
    public var program: String?
    public var listed: CalendarDate?
    public var delisted: CalendarDate?
    /// In force on the as-of date.
    public var inForce: Bool
}

/// `listed`, `blocked`, `undetermined` or `clear` under one regime, with its derivation.
public struct RegimeVerdict: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable { case listed, blocked, undetermined, clear }
    public var regime: String
    public var status: Status
    /// The rule applied, in words, with its citation.
    public var rule: String
    /// The derivation, one line a step (owners, shares, sums, threshold), indented by depth.
    public var derivation: [DerivationLine]
    /// For a share range: the outcomes at the lowest and highest values and whether the verdict holds across it.
    public var range: RangeOutcome?
    /// The lists that count under this regime (its asset-freeze lists).
    public var countedLists: [String]?
}

public struct DerivationLine: Sendable, Hashable {
    public var depth: Int
    public var text: String
}

public struct RangeOutcome: Sendable, Hashable {
    public var minimum: String
    public var maximum: String
    public var holdsAcrossRange: Bool
}

/// `self` (the subject is itself a target), `exposed` (a path reaches one) or `clear`.
public struct ExposureVerdict: Sendable, Hashable {
    public enum Verdict: String, Sendable, Hashable { case `self`, exposed, clear }
    public var verdict: Verdict
    public var selfReasons: [TargetReason]
    /// What was searched: direction, depth, kinds, lists.
    public var scope: String
}

/// One exposure path and the evidence of every hop.
public struct PathEvidence: Sendable, Hashable {
    public var target: String
    public var targetName: String
    public var reasons: [TargetReason]
    public var strength: String
    public var hops: [HopEvidence]
}

public struct HopEvidence: Sendable, Hashable {
    public var from: String
    public var fromName: String
    public var to: String
    public var toName: String
    /// One line per relationship of the hop: kind, direction, share or amount/currency/date, validity.
    public var facts: [String]
    public var sources: [SourceCitation]
}

public struct SourceCitation: Sendable, Hashable {
    public var title: String
    public var url: String?
    public var retrieved: String?
    /// The record the fact came from (relationship id or input file and line).
    public var record: String?
}

public struct OwnerRow: Sendable, Hashable {
    public var id: String
    public var name: String
    public var kind: String
    public var effective: String
    public var beneficialOwner: Bool
    public var chains: Int
}

/// What the answers were computed from.
public struct Provenance: Sendable, Hashable {
    public struct Input: Sendable, Hashable {
        public var path: String
        public var size: Int
        public var sha256: String
        public var format: String
        public var loaded: Int
        public var leftOut: Int
        public init(path: String, size: Int, sha256: String, format: String, loaded: Int, leftOut: Int) {
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.format = format
            self.loaded = loaded
            self.leftOut = leftOut
        }
    }
    public var inputs: [Input]
    public var policyOrigin: String
    public var listVersions: [String]
}
