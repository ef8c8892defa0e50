import CorpGraph

/// The rule that keeps one owner–asset pair from being counted twice on one date (docs/FORMATS-IMPORT.md §1.3).
///
/// Registers such as Russia's EGRUL, re-published through OpenSanctions, state one holding several times: each
/// change of share becomes a new record that repeats the original acquisition date as `startDate`, and the older
/// records carry the `endDate` on which they were superseded. Summing them would count 50 % + 48 % + 51 % on
/// one day. The rule, per (owner, asset) pair of `owns` records:
///
/// 1. Records with a stated share are *painted* onto the time line in the order (end ascending, open end last;
///    then start descending; then input order). Each record keeps only the days no earlier-painted record holds:
///    a record that ends earlier describes an earlier state, so a later state starts the day after it ends; of two
///    records ending together, the one that starts later is the newer state and the older one ends the day before.
/// 2. Records with an unknown share are painted after all records with a share.
/// 3. A record left with no days is not added; it is reported (warning) together with the record(s) that cover it.
///    A record left with two or more separate stretches is added once per stretch (`id`, `id#2`, …).
/// 4. Undated records of a pair that also has dated records do not get the leftover days (they would invent
///    history); they are reported and not added.
///
/// Moved bounds are recorded: `overlap.originalStart` / `overlap.originalEnd` keep the given dates and
/// `overlap.supersedes` names the record(s) whose days came first. After this, at most one `owns` record of a pair
/// is valid on any date, so algorithms may sum holdings of different owners without double counting.
public enum OwnershipOverlap {
    public struct Outcome: Sendable {
        /// The relationships to add, each with the index of the input relationship it came from.
        public var relationships: [(relationship: Relationship, from: Int)]
        /// Input index → reason, for records not added.
        public var dropped: [(index: Int, reason: String)]
    }

    public static func resolve(_ input: [Relationship]) -> Outcome {
        // Pairs by their first record; only pairs stated more than once get a member list (most are stated once).
        struct Pair: Hashable { let source: String, target: String }
        var firstOf: [Pair: Int] = [:]
        firstOf.reserveCapacity(input.count)
        var isFirst = [Bool](repeating: false, count: input.count)
        var repeated: [Int: [Int]] = [:]
        for (k, r) in input.enumerated() where r.kind == .owns {
            let key = Pair(source: r.source, target: r.target)
            if let f = firstOf[key] { repeated[f, default: [f]].append(k) } else { firstOf[key] = k; isFirst[k] = true }
        }
        firstOf = [:]
        var out: [(relationship: Relationship, from: Int)] = []
        out.reserveCapacity(input.count)
        var dropped: [(index: Int, reason: String)] = []
        for (k, r) in input.enumerated() where r.kind != .owns { out.append((r, k)) }
        for first in input.indices where isFirst[first] {
            guard let members = repeated[first] else { out.append((input[first], first)); continue }
            let hasDated = members.contains { input[$0].start != nil || input[$0].end != nil }
            func known(_ k: Int) -> Bool { input[k].share.map { $0 != .unknown } ?? false }
            let sorted = members.sorted { a, b in
                let ra = input[a], rb = input[b]
                if known(a) != known(b) { return known(a) }
                let ea = ra.end.map(Day.init) ?? Day.max, eb = rb.end.map(Day.init) ?? Day.max
                if ea != eb { return ea < eb }
                let sa = ra.start.map(Day.init) ?? Day.min, sb = rb.start.map(Day.init) ?? Day.min
                if sa != sb { return sa > sb }
                return a < b
            }
            var painted: [(lo: Int, hi: Int, index: Int)] = []
            for k in sorted {
                let r = input[k]
                if hasDated && r.start == nil && r.end == nil {
                    let others = members.filter { $0 != k }.map { input[$0].id ?? "#\($0)" }
                    dropped.append(
                        (
                            k,
                            "undated \(r.share?.description ?? "?") holding of the same owner and asset as dated record(s) \(others.joined(separator: ", ")); not added so the pair is not counted twice"
                        ))
                    continue
                }
                let lo = r.start.map { Day($0).value } ?? Day.min.value
                let hi = r.end.map { Day($0).value } ?? Day.max.value
                if lo > hi { out.append((r, k)); continue }  // Backwards dates: reported by the reader, kept as given.
                // Free stretches of [lo, hi] not covered by `painted`.
                var free: [(Int, Int)] = []
                var cursor = lo
                var covering = Set<Int>()
                for p in painted.sorted(by: { $0.lo < $1.lo }) where p.hi >= lo && p.lo <= hi {
                    covering.insert(p.index)
                    if p.lo > cursor { free.append((cursor, min(p.lo - 1, hi))) }
                    cursor = max(cursor, p.hi + 1)
                    if cursor > hi { break }
                }
                if cursor <= hi { free.append((cursor, hi)) }
                let coverIDs = covering.sorted().map { input[$0].id ?? "#\($0)" }
                if free.isEmpty {
                    dropped.append(
                        (
                            k,
                            "\(r.share?.description ?? "?") holding of the same owner and asset for dates already covered by \(coverIDs.joined(separator: ", ")); not added so the pair is not counted twice"
                        ))
                    continue
                }
                painted.append((lo, hi, k))
                for (n, stretch) in free.enumerated() {
                    var piece = r
                    if n > 0, let id = r.id { piece.id = "\(id)#\(n + 1)" }
                    piece.start = stretch.0 == Day.min.value ? nil : Day(value: stretch.0).date
                    piece.end = stretch.1 == Day.max.value ? nil : Day(value: stretch.1).date
                    if piece.start != r.start, let s = r.start {
                        piece.attributes["overlap.originalStart"] = s.description
                    }
                    if piece.start != r.start, r.start == nil { piece.attributes["overlap.originalStart"] = "" }
                    if piece.end != r.end { piece.attributes["overlap.originalEnd"] = r.end?.description ?? "" }
                    if !coverIDs.isEmpty && (piece.start != r.start || piece.end != r.end) {
                        piece.attributes["overlap.supersedes"] = coverIDs.joined(separator: ";")
                    }
                    out.append((piece, k))
                }
            }
        }
        out.sort { $0.from < $1.from }
        return Outcome(relationships: out, dropped: dropped.sorted { $0.index < $1.index })
    }
}

/// A day number (days since 1970-01-01) for interval arithmetic.
struct Day: Comparable {
    var value: Int
    // Open ends far outside any calendar date (years 1–9999 are within ±3 million days) but far from Int's limits,
    // so `± 1` and the civil-date conversion can never overflow (found by fuzzing).
    static let min = Day(value: -100_000_000)
    static let max = Day(value: 100_000_000)
    init(value: Int) { self.value = value }
    init(_ d: CalendarDate) {
        // Howard Hinnant's days_from_civil.
        let y = d.month <= 2 ? d.year - 1 : d.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (d.month + 9) % 12
        let doy = (153 * mp + 2) / 5 + d.day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        value = era * 146_097 + doe - 719_468
    }
    var date: CalendarDate? {
        let z = value + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return CalendarDate(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }
    static func < (a: Day, b: Day) -> Bool { a.value < b.value }
}
