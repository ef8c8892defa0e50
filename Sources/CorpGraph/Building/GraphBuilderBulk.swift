import Foundation

extension GraphBuilder {
    /// The index of `file` for the `file:` parameters of the bulk appends; call it once per input file.
    public mutating func fileID(_ file: String) -> Int32 { fileIndex(file) }

    /// Appends a batch of entities and one of relationships read together from `file`, as ``append(_:file:)-(EntityColumns,_)``
    /// then ``append(_:file:)-(RelationshipColumns,_)``, with the problems found in file order (by line; an entity
    /// before a relationship of its line), as adding the records one by one in that order reports them.
    public mutating func append(
        _ entities: consuming EntityColumns, _ relationships: consuming RelationshipColumns, file: Int32
    ) {
        let d0 = diagnostics.count
        append(entities, file: file)
        append(relationships, file: file)
        guard diagnostics.count - d0 > 1 else { return }
        let found = diagnostics[d0...].enumerated().sorted {
            let a = $0.element.location?.line ?? 0, b = $1.element.location?.line ?? 0
            return a != b ? a < b : $0.offset < $1.offset
        }
        diagnostics.replaceSubrange(d0..., with: found.map(\.element))
    }

    /// Appends a batch of entities read from `file`, with the semantics of ``add(_:at:)-(Entity,_)``: a repeated id
    /// with different content is reported with both places (the first is kept), an identical repeat is skipped.
    /// - Complexity: O(rows); ids are inserted in batches so their cache misses overlap; arrays are adopted, not
    ///   copied, when the builder holds no entities yet.
    public mutating func append(_ columns: consuming EntityColumns, file: Int32) {
        var c = columns
        let n = c.count
        if n == 0 { return }
        let base = s.ids.count
        let slots: [Int32]
        if base == 0, let table = c.idTable, c.idSlots.count == n {
            s.ids = table
            slots = c.idSlots
        } else {
            slots = s.ids.insertAll(c.ids)
        }
        c.idTable = nil
        c.idSlots = []
        if slots.contains(where: { $0 < 0 }) {
            appendRowByRow(c, slots: slots, file: file)
            return
        }
        let jurisdictionMap = c.jurisdictions.values.map { s.jurisdictions.intern($0) }
        let tagMap = c.tags.values.map { s.tags.intern($0) }
        c.ids = StringColumn()
        for i in c.jurisdictionOf.indices where c.jurisdictionOf[i] >= 0 {
            c.jurisdictionOf[i] = jurisdictionMap[Int(c.jurisdictionOf[i])]
        }
        for i in c.tagIDs.indices { c.tagIDs[i] = tagMap[Int(c.tagIDs[i])] }
        func adopt<T>(_ target: inout [T], _ source: inout [T]) {
            if target.isEmpty { swap(&target, &source) } else { target.append(contentsOf: source) }
        }
        func adoptOffsets(_ target: inout [Int32], _ source: [Int32], shift: Int32) {
            if target.count == 1 && shift == 0 { target = source; return }
            target.reserveCapacity(target.count + source.count - 1)
            for o in source.dropFirst() { target.append(o + shift) }
        }
        adopt(&s.kinds, &c.kinds)
        if s.names.isEmpty {
            s.names = c.names
        } else {
            for r in 0..<n { c.names.withUTF8(r) { s.names.append(utf8: $0) } }
        }
        adopt(&s.jurisdictionOf, &c.jurisdictionOf)
        adoptOffsets(&s.tagOffsets, c.tagOffsets, shift: Int32(s.tagIDs.count))
        adopt(&s.tagIDs, &c.tagIDs)
        adoptOffsets(&s.designationOffsets, c.designationOffsets, shift: Int32(s.designationStore.count))
        adopt(&s.designationStore, &c.designationStore)
        s.entityExtras.reserveCapacity(s.entityExtras.count + c.extras.count)
        for (r, x) in c.extras { s.entityExtras[Int32(base) + r] = x }
        s.entityFile.append(contentsOf: repeatElement(file, count: n))
        adopt(&s.entityLine, &c.lines)
        fileCounts[Int(file)].entities += n
    }

    private mutating func appendRowByRow(
        _ c: EntityColumns, slots: [Int32], file: Int32
    ) {
        // Codes and tags interned as the rows that carry them are kept: a duplicate adds none (as `add` does).
        var jurisdictionMap = [Int32](repeating: -1, count: c.jurisdictions.values.count)
        var tagMap = [Int32](repeating: -1, count: c.tags.values.count)
        for r in 0..<c.count {
            if slots[r] < 0 {
                reportDuplicate(
                    c.entity(r), existing: Int(~slots[r]),
                    at: location(file: file, line: c.lines[r], record: c.locationsNameRecords ? c.ids[r] : nil))
                continue
            }
            s.kinds.append(c.kinds[r])
            c.names.withUTF8(r) { s.names.append(utf8: $0) }
            let j = c.jurisdictionOf[r]
            if j >= 0, jurisdictionMap[Int(j)] < 0 {
                jurisdictionMap[Int(j)] = s.jurisdictions.intern(c.jurisdictions.values[Int(j)])
            }
            s.jurisdictionOf.append(j < 0 ? -1 : jurisdictionMap[Int(j)])
            for t in Int(c.tagOffsets[r])..<Int(c.tagOffsets[r + 1]) {
                let k = Int(c.tagIDs[t])
                if tagMap[k] < 0 { tagMap[k] = s.tags.intern(c.tags.values[k]) }
                s.tagIDs.append(tagMap[k])
            }
            s.tagOffsets.append(Int32(s.tagIDs.count))
            s.designationStore.append(
                contentsOf: c.designationStore[Int(c.designationOffsets[r])..<Int(c.designationOffsets[r + 1])])
            s.designationOffsets.append(Int32(s.designationStore.count))
            if let x = c.extras[Int32(r)] { s.entityExtras[slots[r]] = x }
            s.entityFile.append(file)
            s.entityLine.append(c.lines[r])
            fileCounts[Int(file)].entities += 1
        }
    }

    /// Appends a batch of relationships read from `file`, with the semantics of ``add(_:at:)-(Relationship,_)``:
    /// self-loops are reported and left out, a repeated relationship id with different content is reported (an
    /// identical repeat skipped), and ids not known yet are resolved (or reported as dangling) by ``build()``.
    /// - Complexity: O(rows); ids are looked up in batches on two threads.
    public mutating func append(_ columns: consuming RelationshipColumns, file: Int32) {
        var c = columns
        let n = c.count
        if n == 0 { return }
        // Resolve both ends of every row: two threads, each over half the rows, in groups whose slot loads overlap.
        var source = [Int32](repeating: -1, count: n)
        var target = [Int32](repeating: -1, count: n)
        let table = s.ids
        let sinks = UnsafeMutablePointer<UInt64>.allocate(capacity: 2)
        sinks.initialize(repeating: 0, count: 2)
        defer { sinks.deallocate() }
        c.endpointBytes.withUnsafeBufferPointer { bytes in
            c.endpointEnds.withUnsafeBufferPointer { ends in
                source.withUnsafeMutableBufferPointer { src in
                    target.withUnsafeMutableBufferPointer { dst in
                        let shared = UnsafeSendable((bytes, ends, src, dst, sinks))
                        inParallel(work: n) { half in
                            let (bytes, ends, src, dst, sinks) = shared.value
                            let lo = half == 0 ? 0 : n / 2, hi = half == 0 ? n / 2 : n
                            table.withReader { reader in
                                var acc: UInt64 = 0
                                var g = lo
                                let keys = UnsafeMutableBufferPointer<UnsafeBufferPointer<UInt8>>.allocate(capacity: 32)
                                let found = UnsafeMutablePointer<Int32>.allocate(capacity: 32)
                                defer { keys.deallocate(); found.deallocate() }
                                while g < hi {
                                    let upper = Swift.min(hi, g + 16)
                                    for r in g..<upper {
                                        keys[2 * (r - g)] = RelationshipColumns.endpoint(bytes, ends, r, 0)
                                        keys[2 * (r - g) + 1] = RelationshipColumns.endpoint(bytes, ends, r, 1)
                                    }
                                    acc &+= reader.lookup(
                                        batch: UnsafeBufferPointer(rebasing: keys[0..<(2 * (upper - g))]), into: found)
                                    for r in g..<upper {
                                        src[r] = found[2 * (r - g)]
                                        dst[r] = found[2 * (r - g) + 1]
                                    }
                                    g = upper
                                }
                                sinks[half] = acc
                            }
                        }
                    }
                }
            }
        }
        // Self-loops, unresolved ends, repeated relationship ids: rare, handled row by row.
        let e0 = Int32(s.relSource.count)
        var drop = Set<Int32>()
        var pendingHere: [(Int32, Bool, String)] = []
        c.endpointBytes.withUnsafeBufferPointer { bytes in
            c.endpointEnds.withUnsafeBufferPointer { ends in
                for r in 0..<n where source[r] < 0 || target[r] < 0 || source[r] == target[r] {
                    let sid = RelationshipColumns.endpoint(bytes, ends, r, 0)
                    let tid = RelationshipColumns.endpoint(bytes, ends, r, 1)
                    let sameUnresolved = source[r] < 0 && target[r] < 0 && sid.elementsEqual(tid)
                    if (source[r] >= 0 && source[r] == target[r]) || sameUnresolved {
                        drop.insert(Int32(r))
                        diagnostics.append(
                            Diagnostic(
                                .error, .selfReference, .leftOut,
                                at: location(
                                    file: file, line: c.lines[r],
                                    record: c.locationsNameRecords ? c.extras[Int32(r)]?.id : nil), field: "target",
                                "self-loop: '\(String(decoding: sid, as: UTF8.self))' \(c.kinds[r]) itself; expected two different entities (relationship left out)"
                            ))
                        rejectedCounts[files[Int(file)], default: 0] += 1
                        continue
                    }
                    if source[r] < 0 { pendingHere.append((Int32(r), true, String(decoding: sid, as: UTF8.self))) }
                    if target[r] < 0 { pendingHere.append((Int32(r), false, String(decoding: tid, as: UTF8.self))) }
                }
            }
        }
        // The id text is no longer needed (duplicate relationship ids are compared below only when present).
        if c.extras.isEmpty {
            c.endpointBytes = []
            c.endpointEnds = []
        }
        // Each id registered as its row's (one probe; put back when it was taken); renumbered below after drops.
        relationshipIDs.reserveCapacity(relationshipIDs.count + c.extras.count)
        let selfLoops = drop
        for (r, x) in c.extras where selfLoops.isEmpty || !selfLoops.contains(r) {
            guard let rid = x.id else { continue }
            if let existing = relationshipIDs.updateValue(e0 + r, forKey: rid) {
                relationshipIDs[rid] = existing
                drop.insert(r)
                let here = relationshipRow(c, Int(r), source: source[Int(r)], target: target[Int(r)])
                let earlier: Relationship? =
                    existing < e0
                    ? relationship(at: Int(existing))
                    : relationshipRow(
                        c, Int(existing - e0), source: source[Int(existing - e0)], target: target[Int(existing - e0)])
                if earlier != here {
                    let line = existing < e0 ? s.relLine[Int(existing)] : c.lines[Int(existing - e0)]
                    let fileOfFirst = existing < e0 ? s.relFile[Int(existing)] : file
                    diagnostics.append(
                        Diagnostic(
                            .error, .duplicateID, .leftOut,
                            at: location(
                                file: file, line: c.lines[Int(r)], record: c.locationsNameRecords ? rid : nil),
                            field: "id",
                            "duplicate relationship id '\(rid)' with different content; first defined at \(location(file: fileOfFirst, line: line, record: nil)) (record left out)"
                        ))
                    rejectedCounts[files[Int(file)], default: 0] += 1
                }
                continue
            }
        }
        if !drop.isEmpty {
            // Renumber: keep rows in order without the dropped ones.
            var map = [Int32](repeating: -1, count: n)
            var next: Int32 = 0
            for r in 0..<n where !drop.contains(Int32(r)) { map[r] = next; next += 1 }
            func keep<T>(_ a: [T]) -> [T] {
                var out: [T] = []
                out.reserveCapacity(Int(next))
                for (i, x) in a.enumerated() where map[i] >= 0 { out.append(x) }
                return out
            }
            source = keep(source); target = keep(target); c.kinds = keep(c.kinds); c.shares = keep(c.shares)
            c.dates = keep(c.dates); c.starts = keep(c.starts); c.ends = keep(c.ends); c.payment = keep(c.payment)
            c.lines = keep(c.lines)
            for (r, x) in c.extras where map[Int(r)] >= 0 && map[Int(r)] != r {
                if let rid = x.id, relationshipIDs[rid] == e0 + r { relationshipIDs[rid] = e0 + map[Int(r)] }
            }
            c.extras = c.extras.renumbered(map)
            pendingHere = pendingHere.compactMap { map[Int($0.0)] >= 0 ? (map[Int($0.0)], $0.1, $0.2) : nil }
        }
        let kept = c.kinds.count
        // Currencies interned as the kept rows carry them: a left-out row adds none (as `add` does).
        var currencyMap = [Int32](repeating: -1, count: c.currencies.values.count)
        for r in 0..<kept where c.payment[r] >= 0 {
            let k = Int(c.currency[Int(c.payment[r])])
            if k >= 0, currencyMap[k] < 0 { currencyMap[k] = s.currencies.intern(c.currencies.values[k]) }
        }
        for i in c.currency.indices where c.currency[i] >= 0 { c.currency[i] = currencyMap[Int(c.currency[i])] }
        let paymentBase = Int32(s.paymentAmounts.count)
        if paymentBase != 0 { for i in c.payment.indices where c.payment[i] >= 0 { c.payment[i] += paymentBase } }
        func adopt<T>(_ target: inout [T], _ source: inout [T]) {
            if target.isEmpty { swap(&target, &source) } else { target.append(contentsOf: source) }
        }
        adopt(&s.relSource, &source); adopt(&s.relTarget, &target); adopt(&s.relKind, &c.kinds)
        adopt(&s.relShare, &c.shares); adopt(&s.relDate, &c.dates); adopt(&s.relStart, &c.starts)
        adopt(&s.relEnd, &c.ends); adopt(&s.relPayment, &c.payment); adopt(&s.paymentAmounts, &c.amounts)
        adopt(&s.paymentCurrency, &c.currency)
        s.relFile.append(contentsOf: repeatElement(file, count: kept))
        adopt(&s.relLine, &c.lines)
        s.relExtras.reserveCapacity(s.relExtras.count + c.extras.count)
        for (r, x) in c.extras { s.relExtras[e0 + r] = x }
        for (e, isSource, id) in pendingHere { pending.append((e0 + e, isSource, id)) }
        fileCounts[Int(file)].relationships += kept
    }

    /// Row `r` of a batch as a ``Relationship`` (for comparing repeated relationship ids).
    private func relationshipRow(_ c: RelationshipColumns, _ r: Int, source: Int32, target: Int32) -> Relationship {
        let (sid, tid) = c.endpointBytes.withUnsafeBufferPointer { bytes in
            c.endpointEnds.withUnsafeBufferPointer { ends in
                (
                    String(decoding: RelationshipColumns.endpoint(bytes, ends, r, 0), as: UTF8.self),
                    String(decoding: RelationshipColumns.endpoint(bytes, ends, r, 1), as: UTF8.self)
                )
            }
        }
        let x = c.extras[Int32(r)]
        let pay = c.payment[r]
        let amount: Decimal? = pay < 0 || c.amounts[Int(pay)].isNaN ? nil : c.amounts[Int(pay)]
        // Currencies are still the batch's here.
        let cur: String? = pay < 0 || c.currency[Int(pay)] < 0 ? nil : c.currencies.values[Int(c.currency[Int(pay)])]
        return Relationship(
            id: x?.id, kind: c.kinds[r], source: sid, target: tid, share: c.shares[r].share, shareText: x?.shareText,
            basis: x?.basis, controlType: x?.controlType, role: x?.role, amount: amount, currency: cur,
            date: c.dates[r] == 0 ? nil : CalendarDate(rawValue: c.dates[r]),
            start: c.starts[r] == 0 ? nil : CalendarDate(rawValue: c.starts[r]),
            end: c.ends[r] == 0 ? nil : CalendarDate(rawValue: c.ends[r]), sources: x?.sources ?? [],
            confidence: x?.confidence, attributes: x?.attributes ?? [:])
    }
}
