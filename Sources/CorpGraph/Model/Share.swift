/// A holder's share of what it owns: exact, an interval, or unknown.
///
/// Intervals come from registers that publish bands (UK PSC "25–50 %") or BODS `minimum`/`maximum` with
/// `exclusiveMinimum`/`exclusiveMaximum`. An unknown share is kept as unknown: algorithms that need a number answer
/// UNDETERMINED rather than guess.
public enum Share: Hashable, Sendable, CustomStringConvertible {
    case exact(Percent)
    case range(ShareRange)
    case unknown

    /// The smallest value the share can take (0 when unknown or unbounded below).
    public var lowerBound: Percent {
        switch self {
        case .exact(let p): return p
        case .range(let r): return r.min ?? .zero
        case .unknown: return .zero
        }
    }

    /// The largest value the share can take (100 when unknown or unbounded above).
    public var upperBound: Percent {
        switch self {
        case .exact(let p): return p
        case .range(let r): return r.max ?? .hundred
        case .unknown: return .hundred
        }
    }

    /// Whether the lower bound itself is excluded (`exclusiveMinimum`).
    public var lowerExclusive: Bool {
        if case .range(let r) = self { return r.min != nil && r.minExclusive }
        return false
    }

    /// Whether the upper bound itself is excluded (`exclusiveMaximum`).
    public var upperExclusive: Bool {
        if case .range(let r) = self { return r.max != nil && r.maxExclusive }
        return false
    }

    /// The exact value, when there is one.
    public var exactValue: Percent? {
        if case .exact(let p) = self { return p }
        return nil
    }

    /// Diagram and report text: `60 %`, `25–50 %`, `>50 %`, `?`.
    public var description: String {
        switch self {
        case .exact(let p): return "\(p) %"
        case .unknown: return "?"
        case .range(let r): return r.description
        }
    }
}

/// A share interval; a missing bound is open (0 or 100).
public struct ShareRange: Hashable, Sendable, CustomStringConvertible {
    public var min: Percent?
    public var max: Percent?
    public var minExclusive: Bool
    public var maxExclusive: Bool

    public init(min: Percent?, max: Percent?, minExclusive: Bool = false, maxExclusive: Bool = false) {
        self.min = min
        self.max = max
        self.minExclusive = minExclusive
        self.maxExclusive = maxExclusive
    }

    public var description: String {
        switch (min, max) {
        case let (lo?, hi?): return "\(lo)–\(hi) %"
        case let (lo?, nil): return (minExclusive ? ">" : "≥") + "\(lo) %"
        case let (nil, hi?): return (maxExclusive ? "<" : "≤") + "\(hi) %"
        case (nil, nil): return "?"
        }
    }
}
