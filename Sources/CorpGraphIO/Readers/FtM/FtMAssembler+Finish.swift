import CorpGraph
import Foundation

extension FtMAssembler {
    /// After the last record: the batches, ownerships with their overlaps resolved, then the summary warnings.
    mutating func finish(into builder: inout GraphBuilder) {
        flush(into: &builder)
        designationsFromDatasets(into: &builder)
        addOwnerships(into: &builder)
        for a in addressRecords where !addressUsed.contains(a.id) {
            builder.report(
                Diagnostic(
                    .warning, .unsupportedRecord, .skipped, at: SourceLocation(file: file, line: a.line, record: a.id),
                    field: "schema",
                    "Address cited by no imported entity (not imported: addresses are entity attributes)"))
        }
        for (schema, s) in skipped.sorted(by: { $0.key < $1.key }) {
            builder.report(
                Diagnostic(
                    .warning, .unsupportedRecord, .skipped, at: SourceLocation(file: file, line: s.firstLine),
                    field: "schema",
                    "\(s.count) \(schema) record\(s.count == 1 ? "" : "s") not imported (no corpgraph entity or relationship kind; first at line \(s.firstLine))"
                        + Suggestions.hint(for: schema, in: FollowTheMoneyReader.knownSchemas, limit: 1)))
        }
    }

    /// Ownerships in file order, overlaps resolved per pair (never two records of one pair on one date) by
    /// ``OwnershipOverlap``. Only ownerships that may share their pair with another (same hash of the two ids) and
    /// those the general path read go through the rule; the others (most) go in as they were read, in batches.
    mutating func addOwnerships(into builder: inout GraphBuilder) {
        let own = fast.ownerships
        fast.ownerships = FtMFastState.relationshipBatch()
        let n = ownershipOrder.count
        guard n > 0 else { return }
        var firstOf: [Int: Int32] = [:]
        firstOf.reserveCapacity(n)
        var ruled = [Bool](repeating: false, count: n)
        for (k, o) in ownershipOrder.enumerated() {
            let h: Int
            if o >= 0 {
                h = own.withEndpoints(Int(o)) { FtMAssembler.pairHash($0, $1) }
            } else {
                h = FtMAssembler.pairHash(ownerships[Int(~o)].source, ownerships[Int(~o)].target)
                ruled[k] = true
            }
            if let f = firstOf[h] {
                ruled[Int(f)] = true
                ruled[k] = true
            } else {
                firstOf[h] = Int32(k)
            }
        }
        firstOf = [:]
        var input: [Relationship] = []
        var inputOrdinal: [Int] = []
        for k in 0..<n where ruled[k] {
            let o = ownershipOrder[k]
            input.append(o >= 0 ? own.relationship(Int(o)) : ownerships[Int(~o)])
            inputOrdinal.append(k)
        }
        func location(_ k: Int) -> SourceLocation {
            let o = Int(ownershipOrder[k])
            return o >= 0
                ? SourceLocation(file: file, line: Int(own.line(o)), record: own.id(o)) : ownershipLocations[~o]
        }
        if input.isEmpty {
            builder.append(own, file: builder.fileID(file))
            return
        }
        let outcome = OwnershipOverlap.resolve(input)
        var batch = FtMFastState.relationshipBatch()
        var next = 0
        var ruledIndex = 0
        for k in 0..<n {
            guard ruled[k] else {
                batch.append(row: Int(ownershipOrder[k]), of: own)
                continue
            }
            if batch.count > 0 {
                builder.append(batch, file: builder.fileID(file))
                batch = FtMFastState.relationshipBatch()
            }
            while next < outcome.relationships.count, outcome.relationships[next].from == ruledIndex {
                let rel = outcome.relationships[next].relationship
                builder.add(rel, at: location(k).with(record: rel.id))
                next += 1
            }
            ruledIndex += 1
        }
        if batch.count > 0 { builder.append(batch, file: builder.fileID(file)) }
        for (index, reason) in outcome.dropped {
            builder.reject(
                Diagnostic(
                    .warning, .conflictingFacts, .skipped, at: location(inputOrdinal[index]),
                    field: "properties.startDate", reason))
        }
    }

    /// A hash of an (owner, asset) pair of id bytes.
    static func pairHash(_ source: UnsafeBufferPointer<UInt8>, _ target: UnsafeBufferPointer<UInt8>) -> Int {
        var h = Hasher()
        h.combine(bytes: UnsafeRawBufferPointer(source))
        h.combine(UInt8(0xFF))  // never in UTF-8
        h.combine(bytes: UnsafeRawBufferPointer(target))
        return h.finalize()
    }

    /// The same hash for ids as `String`s, which compare by canonical equivalence: non-ASCII ids are hashed in NFC.
    static func pairHash(_ source: String, _ target: String) -> Int {
        func canonical(_ s: String) -> String {
            s.utf8.allSatisfy { $0 < 0x80 } ? s : s.precomposedStringWithCanonicalMapping
        }
        var s = canonical(source), t = canonical(target)
        return s.withUTF8 { a in t.withUTF8 { b in pairHash(a, b) } }
    }
}
