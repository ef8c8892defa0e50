import CorpGraph
import CorpGraphIO
import Foundation

/// What the data declares about an ownership subject beside what `ownership` computes, never multiplied in:
/// declared indirect interests (BODS `directOrIndirect: indirect`, FtM indirect ownerships, GLEIF ultimate parents),
/// which summarise a chain that may also be in the data, and an owner the data declares unknown (BODS
/// `unspecifiedRecord`), which is not the same as no owner data.
public struct DeclaredOwnership: Sendable, Hashable {
    /// One declared indirect `owns` interest in force on the as-of date.
    public struct Interest: Sendable, Hashable {
        /// The holder's id.
        public var holder: String
        /// The held entity's id.
        public var held: String
        /// The declared share; `nil` when the data gives none.
        public var share: Share?
        /// What is held (`equity`, `voting`, …) when the data says.
        public var basis: String?
        /// The relationship's id, when it has one.
        public var relationship: String?
        /// Where the interest is stated.
        public var location: SourceLocation

        /// The other end of the interest from the ownership subject: the holder for `--of`, the held for `--holder`.
        public func counterpart(_ direction: LookThroughDirection) -> String { direction == .of ? holder : held }

        /// `30 %`, `25–50 %`, or `an unknown share`.
        public var shareText: String { share.map { "\($0)" } ?? "an unknown share" }
    }

    public var direction: LookThroughDirection
    /// Declared indirect interests of (`--of`) or by (`--holder`) the subject, in relationship order.
    public var indirect: [Interest] = []
    /// Why the owner is not named, when the data declares an owner unknown (`--of` only).
    public var ownerDeclaredUnknown: String?

    public var isEmpty: Bool { indirect.isEmpty && ownerDeclaredUnknown == nil }

    public init(direction: LookThroughDirection, indirect: [Interest] = [], ownerDeclaredUnknown: String? = nil) {
        self.direction = direction
        self.indirect = indirect
        self.ownerDeclaredUnknown = ownerDeclaredUnknown
    }

    /// The declared facts about entity `v` of `g` on `asOf`.
    public init(_ g: Graph, subject v: Int, direction: LookThroughDirection, asOf: CalendarDate) {
        self.direction = direction
        let edges = direction == .of ? g.inRelationships(v) : g.outRelationships(v)
        for e32 in edges {
            let e = Int(e32)
            guard g.kind(ofRelationship: e) == .owns, g.isValid(e, on: asOf) else { continue }
            let r = g.relationship(e)
            guard r.attributes["declaredIndirect"] == "true" else { continue }
            indirect.append(
                Interest(
                    holder: g.id(g.source(e)), held: g.id(g.target(e)), share: r.share, basis: r.basis,
                    relationship: g.relationshipID(e), location: g.location(ofRelationship: e)))
        }
        if direction == .of { ownerDeclaredUnknown = g.entity(v).attributes["bods.unspecifiedInterestedParty"] }
    }

    /// The declared shares of `id` (the counterpart of the subject), in order.
    public func shares(of id: String) -> [Share?] { indirect.filter { $0.counterpart(direction) == id }.map(\.share) }

    /// Indented text lines for the `ownership` text report.
    public var textLines: [String] {
        var out = indirect.map { i in
            "  \(i.holder) declares an indirect \(i.shareText) of \(i.held) (\(i.location))"
        }
        if let reason = ownerDeclaredUnknown {
            out.append(
                "  owner declared unknown (\(reason)): the data says an owner exists and is not named, which is not the same as no owner data"
            )
        }
        return out
    }

    /// `{"indirect": [{"holder", "held", "share", "basis"?, "relationship"?, "file", "line"}], "ownerDeclaredUnknown"?}`;
    /// the share in the one JSON share encoding (docs/FORMATS.md), `"unknown"` when the data gives none.
    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "indirect": .array(
                indirect.map { i in
                    var x: [String: JSONValue] = [
                        "holder": .string(i.holder), "held": .string(i.held), "share": (i.share ?? .unknown).json,
                        "file": .string(i.location.file), "line": i.location.line.map { .number($0) } ?? .null,
                    ]
                    if let b = i.basis { x["basis"] = .string(b) }
                    if let id = i.relationship { x["relationship"] = .string(id) }
                    return .object(x)
                })
        ]
        if let reason = ownerDeclaredUnknown { o["ownerDeclaredUnknown"] = .string(reason) }
        return .object(o)
    }
}
