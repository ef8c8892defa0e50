import Foundation

/// Entities' interned codes as columns: the jurisdiction (an index into ``jurisdictions``, -1: none), tags and
/// designations in offset form (`tagIDs[tagOffsets[r]..<tagOffsets[r + 1]]` index ``tags``). One implementation
/// for a reader's batch (``EntityColumns``) and the builder's storage (``GraphBuilder``).
struct EntityCodeColumns: Sendable {
    var jurisdictionOf: [Int32] = []
    var jurisdictions = InternTable()
    var tagOffsets: [Int32] = [0]
    var tagIDs: [Int32] = []
    var tags = InternTable()
    var designationOffsets: [Int32] = [0]
    var designationStore: [Designation] = []

    /// Reserves room for `rows` rows (with about `tagsPerRow` tags each).
    mutating func reserve(rows: Int, tagsPerRow: Int = 0) {
        jurisdictionOf.reserveCapacity(rows)
        tagOffsets.reserveCapacity(rows + 1)
        designationOffsets.reserveCapacity(rows + 1)
        if tagsPerRow > 0 { tagIDs.reserveCapacity(rows * tagsPerRow) }
    }

    /// Appends one row: `jurisdiction` an index into ``jurisdictions`` or -1, `tags` indices into ``tags``.
    mutating func append(
        jurisdiction: Int32, tags: some Collection<Int32>, designations: some Collection<Designation>
    ) {
        jurisdictionOf.append(jurisdiction)
        if !tags.isEmpty { tagIDs.append(contentsOf: tags) }
        tagOffsets.append(Int32(tagIDs.count))
        if !designations.isEmpty { designationStore.append(contentsOf: designations) }
        designationOffsets.append(Int32(designationStore.count))
    }

    /// Row `r`'s jurisdiction code.
    func jurisdiction(_ r: Int) -> String? {
        let j = jurisdictionOf[r]
        return j < 0 ? nil : jurisdictions[j]
    }

    /// Row `r`'s tags, in order.
    func tags(_ r: Int) -> [String] { (Int(tagOffsets[r])..<Int(tagOffsets[r + 1])).map { tags[tagIDs[$0]] } }

    /// Row `r`'s designations, in order.
    func designations(_ r: Int) -> [Designation] {
        Array(designationStore[Int(designationOffsets[r])..<Int(designationOffsets[r + 1])])
    }

    /// Appends every row of `batch`, its codes and tags interned here (its arrays adopted, not copied, when this
    /// holds no rows yet). `batch` is left spent.
    mutating func adopt(_ batch: inout EntityCodeColumns) {
        let jurisdictionMap = batch.jurisdictions.values.map { jurisdictions.intern($0) }
        let tagMap = batch.tags.values.map { tags.intern($0) }
        for i in batch.jurisdictionOf.indices where batch.jurisdictionOf[i] >= 0 {
            batch.jurisdictionOf[i] = jurisdictionMap[Int(batch.jurisdictionOf[i])]
        }
        for i in batch.tagIDs.indices { batch.tagIDs[i] = tagMap[Int(batch.tagIDs[i])] }
        func adopt<T>(_ target: inout [T], _ source: inout [T]) {
            if target.isEmpty { swap(&target, &source) } else { target.append(contentsOf: source) }
        }
        func adoptOffsets(_ target: inout [Int32], _ source: [Int32], shift: Int32) {
            if target.count == 1 && shift == 0 { target = source; return }
            target.reserveCapacity(target.count + source.count - 1)
            for o in source.dropFirst() { target.append(o + shift) }
        }
        adopt(&jurisdictionOf, &batch.jurisdictionOf)
        adoptOffsets(&tagOffsets, batch.tagOffsets, shift: Int32(tagIDs.count))
        adopt(&tagIDs, &batch.tagIDs)
        adoptOffsets(&designationOffsets, batch.designationOffsets, shift: Int32(designationStore.count))
        adopt(&designationStore, &batch.designationStore)
    }

    /// Appends row `r` of `batch`, interning its codes and tags here as they are met (`maps`: the batch's index →
    /// ours, -1 until met; start with ``maps(for:)``), so a row left out adds none.
    mutating func append(row r: Int, of batch: EntityCodeColumns, maps: inout (jurisdictions: [Int32], tags: [Int32])) {
        let j = batch.jurisdictionOf[r]
        if j >= 0, maps.jurisdictions[Int(j)] < 0 {
            maps.jurisdictions[Int(j)] = jurisdictions.intern(batch.jurisdictions.values[Int(j)])
        }
        jurisdictionOf.append(j < 0 ? -1 : maps.jurisdictions[Int(j)])
        for t in Int(batch.tagOffsets[r])..<Int(batch.tagOffsets[r + 1]) {
            let k = Int(batch.tagIDs[t])
            if maps.tags[k] < 0 { maps.tags[k] = tags.intern(batch.tags.values[k]) }
            tagIDs.append(maps.tags[k])
        }
        tagOffsets.append(Int32(tagIDs.count))
        designationStore.append(
            contentsOf: batch.designationStore[Int(batch.designationOffsets[r])..<Int(batch.designationOffsets[r + 1])])
        designationOffsets.append(Int32(designationStore.count))
    }

    /// Empty maps for ``append(row:of:maps:)`` from `batch`.
    static func maps(for batch: EntityCodeColumns) -> (jurisdictions: [Int32], tags: [Int32]) {
        (
            [Int32](repeating: -1, count: batch.jurisdictions.values.count),
            [Int32](repeating: -1, count: batch.tags.values.count)
        )
    }
}
