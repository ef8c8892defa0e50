import Foundation

// MARK: - Results

/// Every subject's verdict (DESIGN §4): a subject that is itself a target is `self` (counted as exposed, never as
/// clear), one with a path is `exposed`, the others `clear`.
public enum ExposureVerdict: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case selfTarget = "self"
    case exposed
    case clear
    public var description: String { rawValue }
    /// `self` and `exposed` both count as exposed.
    public var isExposed: Bool { self != .clear }
}

/// The exposure of one subject.
public struct SubjectExposure: Sendable, Hashable {
    /// `self` when the subject is itself a target, else `exposed` when a path was found, else `clear`.
    public var verdict: ExposureVerdict {
        !subjectReasons.isEmpty ? .selfTarget : (paths.isEmpty ? .clear : .exposed)
    }

    public var subject: Int
    /// Why the subject itself is a target (empty when it is not); paths still start from it.
    public var subjectReasons: [TargetReason]
    /// Ranked paths.
    public var paths: [ExposurePath]
    /// More paths exist than ``ExposureOptions/limit``; the ones kept are the shortest (within the longest hop count
    /// kept, a subset).
    public var truncated: Bool
}

/// One exposure path: entity indices from subject to target, the hops between them, strength and target reasons.
public struct ExposurePath: Sendable, Hashable {
    public var nodes: [Int]
    public var hops: [ExposureHop]
    public var strength: PathStrength
    /// Why the last entity is a target.
    public var reasons: [TargetReason]
    /// How serious the target is; paths are ranked by it first (designated first).
    public var severity: TargetSeverity
    public var subject: Int { nodes[0] }
    public var target: Int { nodes[nodes.count - 1] }
}

/// Product of the ownership fractions along a path (non-ownership hops count 1), as exact bounds.
///
/// Exact shares give `minimum == maximum` and `isExact`; ranges multiply their bounds; an unknown share contributes
/// [0, 1]. Exclusive range bounds are reported as their bound values.
public struct PathStrength: Sendable, Hashable, CustomStringConvertible {
    public var minimum: Decimal
    public var maximum: Decimal
    /// Every ownership hop had an exact share.
    public var isExact: Bool

    public var description: String {
        isExact ? "\(minimum)" : "\(minimum)–\(maximum)"
    }
}

/// A relationship walked on a hop, with the direction it was walked in.
public struct WalkedRelationship: Sendable, Hashable {
    /// Relationship index in the graph.
    public var relationship: Int
    public var direction: HopDirection
}

/// Repeated payments on one hop in one direction, folded.
public struct PaymentFold: Sendable, Hashable {
    public struct Total: Sendable, Hashable {
        /// ISO 4217 code or crypto ticker; `nil` when the payments gave none.
        public var currency: String?
        public var amount: Decimal
    }

    public var direction: HopDirection
    /// Payment relationship indices, by date then index.
    public var relationships: [Int]
    public var count: Int { relationships.count }
    /// Sum per currency, sorted by currency (payments without an amount are counted but not summed).
    public var totals: [Total]
    /// Earliest and latest payment dates (undated payments are left out of both).
    public var first: CalendarDate?
    public var last: CalendarDate?
}

/// One step of a path: every allowed relationship between the two entities (non-payments listed one by one, in kind
/// order then index; payments folded per direction).
public struct ExposureHop: Sendable, Hashable {
    /// Where the walk stands.
    public var from: Int
    /// Where it goes.
    public var to: Int
    /// Non-payment relationships: owns, controls, directs, operates, in that order, then by index.
    public var relationships: [WalkedRelationship]
    /// Payments, folded per direction (`down` first).
    public var payments: [PaymentFold]
    /// With ``ExposureOptions/timeRespecting``: payments on this hop that the filter allows but that fit no time
    /// order along the path, left out of ``payments``.
    public var paymentsOutOfTimeOrder = 0

    init(graph g: Graph, from: Int, to: Int, filter: TraversalFilter) {
        self.from = from
        self.to = to
        var walked: [WalkedRelationship] = []
        var paid: [HopDirection: [Int]] = [:]
        // Only the row's offsets and the relationships walked are checked (``Graph/outRange(_:)``), not the whole row:
        // a payment hub has thousands of neighbours.
        func collect(_ row: Range<Int>, _ neighbours: Column<Int32>, _ dir: HopDirection) {
            // Neighbour lists are sorted by neighbour: binary search the run for `to`.
            var lo = row.lowerBound, hi = row.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if neighbours[mid] < Int32(to) { lo = mid + 1 } else { hi = mid }
            }
            var i = lo
            while i < row.upperBound && neighbours[i] == Int32(to) {
                let e = dir == .down ? g.outEdge(at: i) : g.inEdge(at: i)
                if g.allows(e, filter) {
                    if g.kind(ofRelationship: e) == .pays {
                        paid[dir, default: []].append(e)
                    } else {
                        walked.append(WalkedRelationship(relationship: e, direction: dir))
                    }
                }
                i += 1
            }
        }
        if filter.direction != .up { collect(g.outRange(from), g.outNeighboursUnchecked, .down) }
        if filter.direction != .down { collect(g.inRange(from), g.inNeighboursUnchecked, .up) }
        walked.sort {
            let (a, b) = (g.kind(ofRelationship: $0.relationship), g.kind(ofRelationship: $1.relationship))
            return a != b ? a.rawValue < b.rawValue : $0.relationship < $1.relationship
        }
        relationships = walked
        payments = [HopDirection.down, .up].compactMap { dir in
            guard let rels = paid[dir], !rels.isEmpty else { return nil }
            return PaymentFold(graph: g, direction: dir, relationships: rels)
        }
    }

    /// The kind of the hop's leading relationship (see ``primary``).
    public func primaryKind(in g: Graph) -> RelationshipKind {
        relationships.first.map { g.kind(ofRelationship: $0.relationship) } ?? .pays
    }

    /// The direction of the hop's leading relationship.
    public var primaryDirection: HopDirection {
        relationships.first?.direction ?? payments.first?.direction ?? .down
    }

    /// The ownership fraction of this hop as exact bounds in [0, 1], when it has `owns` relationships: the shares in
    /// the leading ownership direction are summed (several share classes between one pair), capped at 100 %.
    public func ownershipBounds(in g: Graph) -> (minimum: Decimal, maximum: Decimal, isExact: Bool)? {
        let owns = relationships.filter { g.kind(ofRelationship: $0.relationship) == .owns }
        guard let first = owns.first else { return nil }
        var lo: Int64 = 0, hi: Int64 = 0
        var exact = true
        for r in owns where r.direction == first.direction {
            let b = g.shareBounds(r.relationship)
            lo += b.lo
            hi += b.hi
            exact = exact && b.exact
        }
        let cap = Percent.hundred.units
        return (fraction(min(lo, cap)), fraction(min(hi, cap)), exact)
    }

    /// `units` (ten-thousandths of a percent, ``Percent/units``: 100 % is 10⁶ units) as an exact fraction of one,
    /// without a `Decimal` division.
    private func fraction(_ units: Int64) -> Decimal {
        Decimal(sign: .plus, exponent: -6, significand: Decimal(units))
    }
}

extension PaymentFold {
    init(graph g: Graph, direction: HopDirection, relationships rels: [Int]) {
        self.direction = direction
        let sorted = rels.sorted {
            let (a, b) = (g.date($0)?.rawValue ?? 0, g.date($1)?.rawValue ?? 0)
            return a != b ? a < b : $0 < $1
        }
        relationships = sorted
        var sums: [String: Decimal] = [:]
        var hasNil = false
        var nilSum = Decimal(0)
        var first: CalendarDate?, last: CalendarDate?
        for e in sorted {
            if let d = g.date(e) {
                if first == nil || d < first! { first = d }
                if last == nil || d > last! { last = d }
            }
            guard let amount = g.amount(e) else { continue }
            if let c = g.currency(e) {
                sums[c, default: 0] += amount
            } else {
                hasNil = true
                nilSum += amount
            }
        }
        var totals = sums.keys.sorted().map { Total(currency: $0, amount: sums[$0]!) }
        if hasNil { totals.append(Total(currency: nil, amount: nilSum)) }
        self.totals = totals
        self.first = first
        self.last = last
    }
}
