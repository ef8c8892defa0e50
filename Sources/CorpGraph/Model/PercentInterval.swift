/// A closed, open or half-open interval of exact percentages: the value of a share or of a sum of shares when the
/// inputs are ranges.
///
/// `lowerExclusive` means the true value is strictly above ``lower``; `upperExclusive` strictly below ``upper``.
/// An exact value is the interval `[v, v]`.
public struct PercentInterval: Hashable, Sendable, CustomStringConvertible {
    public var lower: Percent
    public var upper: Percent
    public var lowerExclusive: Bool
    public var upperExclusive: Bool

    public init(lower: Percent, upper: Percent, lowerExclusive: Bool = false, upperExclusive: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.lowerExclusive = lowerExclusive
        self.upperExclusive = upperExclusive
    }

    /// The exact value `p`.
    public init(exactly p: Percent) { self.init(lower: p, upper: p) }

    /// The bounds of a share: an unknown share is `[0, 100]`.
    public init(_ share: Share) {
        self.init(
            lower: share.lowerBound, upper: share.upperBound,
            lowerExclusive: share.lowerExclusive, upperExclusive: share.upperExclusive)
    }

    public static let zero = PercentInterval(exactly: .zero)

    /// Whether both bounds are the same included value.
    public var isExact: Bool { lower == upper && !lowerExclusive && !upperExclusive }

    /// Interval sum: bounds add, and a bound is exclusive when either summand's is.
    public static func + (a: PercentInterval, b: PercentInterval) -> PercentInterval {
        PercentInterval(
            lower: a.lower + b.lower, upper: a.upper + b.upper,
            lowerExclusive: a.lowerExclusive || b.lowerExclusive,
            upperExclusive: a.upperExclusive || b.upperExclusive)
    }

    /// The interval with its upper bound capped at 100 % (a company cannot be more than wholly owned).
    public var cappedAtHundred: PercentInterval {
        var r = self
        if r.upper >= .hundred { r.upper = .hundred; r.upperExclusive = false }
        if r.lower > .hundred { r.lower = .hundred; r.lowerExclusive = false }
        return r
    }

    /// `55 %`, `[25, 50) %`, `(50, 100] %`.
    public var description: String {
        if isExact { return "\(lower) %" }
        return (lowerExclusive ? "(" : "[") + "\(lower), \(upper)" + (upperExclusive ? ")" : "]") + " %"
    }
}
