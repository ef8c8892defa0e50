import Foundation

/// The kind of a relationship. Direction is always holder/payer/operator → held/payee/site.
public enum RelationshipKind: UInt8, CaseIterable, Sendable, BitwiseCopyable, Hashable, CustomStringConvertible {
    case owns, controls, directs, operates, pays

    public init?(name: String) {
        guard let k = RelationshipKind.allCases.first(where: { $0.description == name }) else { return nil }
        self = k
    }

    public var description: String {
        switch self {
        case .owns: "owns"
        case .controls: "controls"
        case .directs: "directs"
        case .operates: "operates"
        case .pays: "pays"
        }
    }

    /// A one-bit mask for kind filters.
    public var bit: UInt8 { 1 << rawValue }
}

/// A set of relationship kinds, as a bit mask.
public struct RelationshipKindSet: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public init(_ kinds: some Sequence<RelationshipKind>) {
        self.rawValue = kinds.reduce(0) { $0 | $1.bit }
    }
    public static let all = RelationshipKindSet(RelationshipKind.allCases)
    public func contains(_ kind: RelationshipKind) -> Bool { rawValue & kind.bit != 0 }
}

/// A directed fact between two entities, holder or payer first.
public struct Relationship: Hashable, Sendable {
    public var id: String?
    public var kind: RelationshipKind
    /// Holder, controller, director, operator or payer.
    public var source: String
    /// Held company, controlled entity, site or payee.
    public var target: String
    /// For `owns`: the share (unknown when the source gives none). `nil` for other kinds.
    public var share: Share?
    /// The share as the source wrote it, when it was free text ("more than 50").
    public var shareText: String?
    /// For `owns`: `equity`, `voting`, … when known.
    public var basis: String?
    /// For `controls`: boardAppointment, votingAgreement, dominantInfluence, accountingConsolidation, …
    public var controlType: String?
    /// For `directs`: director, ceo, secretary, …
    public var role: String?
    /// For `pays`.
    public var amount: Decimal?
    public var currency: String?
    public var date: CalendarDate?
    public var start: CalendarDate?
    public var end: CalendarDate?
    public var sources: [SourceRef]
    /// `high`, `medium`, `low`, or a number as text.
    public var confidence: String?
    /// Format-specific facts (`bods.directOrIndirect`, `ubo.jointArrangement`, …).
    public var attributes: [String: String]

    public init(
        id: String? = nil, kind: RelationshipKind, source: String, target: String, share: Share? = nil,
        shareText: String? = nil, basis: String? = nil, controlType: String? = nil, role: String? = nil,
        amount: Decimal? = nil, currency: String? = nil, date: CalendarDate? = nil,
        start: CalendarDate? = nil, end: CalendarDate? = nil, sources: [SourceRef] = [],
        confidence: String? = nil, attributes: [String: String] = [:]
    ) {
        self.id = id
        self.kind = kind
        self.source = source
        self.target = target
        self.share = share ?? (kind == .owns ? .unknown : nil)
        self.shareText = shareText
        self.basis = basis
        self.controlType = controlType
        self.role = role
        self.amount = amount
        self.currency = currency
        self.date = date
        self.start = start
        self.end = end
        self.sources = sources
        self.confidence = confidence
        self.attributes = attributes
    }

}
