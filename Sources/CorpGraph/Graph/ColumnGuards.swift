import Synchronization

/// The columns of a ``GraphStore`` whose values index other columns, and so must be checked before anything reads
/// them when they come from an untrusted file (a snapshot). The first four are the string-offset columns, which
/// readers clamp instead; they are checked only by ``ColumnGuards/checkAll()``.
@usableFromInline package enum GuardedColumn: Int, CaseIterable, Sendable {
    case idOffsets, nameOffsets, amountOffsets, extrasOffsets
    case kinds, jurisdictionOf, tagOffsets, tagIDs, designations, entityFile
    case relSource, relTarget, relKind, relPayment, paymentCurrency, relFile
    case outOffsets, outEdges, outNeighbours, inOffsets, inEdges, inNeighbours
}

/// Lazy value checks for the columns of a snapshot's store: each column is checked (one vectorised pass) the first
/// time anything asks for it, and never before, so a query pays only for the columns it reads. A column that fails
/// its check is repaired in place first (its bad values replaced by valid ones, so nothing can ever read out of
/// bounds), the damage is kept (``damage``) and handed to `onDamage` (the CLI reports it and exits 1).
///
/// The hot path is one atomic load and a branch per column access; an owned store (built in memory) has no guards.
public final class ColumnGuards: Sendable {
    /// One bit per ``GuardedColumn``: set once its values are checked (or repaired).
    @usableFromInline let checked: Atomic<UInt64>
    /// The first damage found.
    private let found = Mutex<(any Error & Sendable)?>(nil)
    /// Per column: its check; it returns the damage (having repaired the column) or nil.
    private let checks: [Int: @Sendable () -> (any Error & Sendable)?]
    private let onDamage: (@Sendable (any Error & Sendable) -> Void)?

    /// Guards the columns that have a check in `checks` (the others count as checked); `onDamage` is called once
    /// per damaged column, outside any lock, on the thread that first read it.
    package init(
        checks: [GuardedColumn: @Sendable () -> (any Error & Sendable)?],
        onDamage: (@Sendable (any Error & Sendable) -> Void)?
    ) {
        var mask: UInt64 = 0
        for c in GuardedColumn.allCases where checks[c] == nil { mask |= 1 << UInt64(c.rawValue) }
        checked = Atomic(mask)
        var byIndex: [Int: @Sendable () -> (any Error & Sendable)?] = [:]
        for (c, f) in checks { byIndex[c.rawValue] = f }
        self.checks = byIndex
        self.onDamage = onDamage
    }

    /// Makes sure column `c` was checked before the caller reads it.
    @inlinable @inline(__always) func ensure(_ c: GuardedColumn) {
        if checked.load(ordering: .acquiring) & (1 << UInt64(c.rawValue)) == 0 { check(c) }
    }

    /// Whether column `c` was checked already (then its values need no per-row check).
    @inlinable @inline(__always) func isChecked(_ c: GuardedColumn) -> Bool {
        checked.load(ordering: .acquiring) & (1 << UInt64(c.rawValue)) != 0
    }

    @usableFromInline func check(_ c: GuardedColumn) {
        let bit = UInt64(1) << UInt64(c.rawValue)
        let damage: (any Error & Sendable)? = found.withLock { first in
            if checked.load(ordering: .acquiring) & bit != 0 { return nil }
            let damage = checks[c.rawValue]?()
            if let damage, first == nil { first = damage }
            checked.bitwiseOr(bit, ordering: .releasing)
            return damage
        }
        if let damage { onDamage?(damage) }
    }

    /// Checks every column now; throws the first damage found (in this call or earlier).
    public func checkAll() throws {
        for c in GuardedColumn.allCases { ensure(c) }
        if let damage { throw damage }
    }

    /// The first damage found so far (nil: none yet, or every column read so far was sound).
    public var damage: (any Error & Sendable)? { found.withLock { $0 } }
}
