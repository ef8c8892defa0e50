import CorpGraph
@testable import CorpGraphSnapshot
import Foundation
import CorpGraphTestSupport
import Testing

/// Every way a snapshot file can be wrong gives a ``SnapshotError`` with the right reason, never a crash.
@Suite struct SnapshotDamageTests {
    func snapshotBytes() throws -> [UInt8] {
        [UInt8](
            try Data(
                contentsOf: URL(fileURLWithPath: try SnapshotFixtures.write(SnapshotFixtures.randomGraph(seed: 3)))))
    }

    func reason(_ bytes: [UInt8], deep: Bool = false) -> SnapshotError.Reason? {
        let path = SnapshotFixtures.temporaryPath("d.cgraph")
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        do {
            // Opening checks the structure; the columns' values are checked as they are first read, or all at once.
            let s = deep ? try SnapshotReader.openVerifyingChecksums(path) : try SnapshotReader.open(path)
            try s.checkColumns()
            return nil
        } catch let e as SnapshotError {
            #expect(e.errorDescription?.hasPrefix(path + ": ") == true)
            return e.reason
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    func u32(_ b: inout [UInt8], at o: Int, _ v: UInt32) {
        for i in 0..<4 { b[o + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt32(i))) }
    }
    func u64(_ b: inout [UInt8], at o: Int, _ v: UInt64) {
        for i in 0..<8 { b[o + i] = UInt8(truncatingIfNeeded: v >> (8 * UInt64(i))) }
    }
    func readU64(_ b: [UInt8], at o: Int) -> UInt64 { (0..<8).reduce(0) { $0 | UInt64(b[o + $1]) << (8 * UInt64($1)) } }
    /// Recomputes the header checksum after an edit, so the check behind it is the one that fires.
    func resealHeader(_ b: inout [UInt8]) { u64(&b, at: 56, SnapshotFormat.checksum(Array(b[0..<56]))) }

    /// Offset and length of section `tag`.
    func section(_ b: [UInt8], _ tag: String) -> (entry: Int, offset: Int, length: Int)? {
        let table = Int(readU64(b, at: 24)), count = Int(b[32]) | Int(b[33]) << 8
        for i in 0..<count {
            let e = table + 32 * i
            if String(decoding: b[e..<(e + 4)], as: UTF8.self) == tag {
                return (e, Int(readU64(b, at: e + 8)), Int(readU64(b, at: e + 16)))
            }
        }
        return nil
    }

    /// Rewrites a section's checksum and the table's, so only the value checks can notice an edit.
    func resealSection(_ b: inout [UInt8], _ tag: String) {
        let s = section(b, tag)!
        u64(&b, at: s.entry + 24, SnapshotFormat.checksum(Array(b[s.offset..<(s.offset + s.length)])))
        let table = Int(readU64(b, at: 24)), count = Int(b[32]) | Int(b[33]) << 8
        u64(&b, at: 40, SnapshotFormat.checksum(Array(b[table..<(table + 32 * count)])))
        resealHeader(&b)
    }

    @Test func intactOpens() throws {
        #expect(reason(try snapshotBytes(), deep: true) == nil)
    }

    @Test func truncatedAnywhere() throws {
        let b = try snapshotBytes()
        for cut in [0, 7, 8, 40, 63, 64, 100, b.count / 2, b.count - 33, b.count - 1] {
            let r = reason(Array(b[0..<cut]))
            switch r {
            case .truncated?, .notASnapshot?: break
            default: Issue.record("cut at \(cut): \(String(describing: r))")
            }
        }
        #expect(reason(Array(b[0..<(b.count - 1)])) == .truncated(size: b.count - 1, expected: b.count))
    }

    @Test func extraBytes() throws {
        guard case .malformed? = reason(try snapshotBytes() + [0]) else { Issue.record("not malformed"); return }
    }

    @Test func foreignMagic() throws {
        var b = try snapshotBytes()
        b[1] = UInt8(ascii: "X")
        #expect(reason(b) == .notASnapshot)
        #expect(reason(Array("entities:\n".utf8)) == .notASnapshot)
    }

    @Test func foreignEndian() throws {
        var b = try snapshotBytes()
        b[8...11].reverse()
        #expect(reason(b) == .foreignEndian)
    }

    @Test func versions() throws {
        var b = try snapshotBytes()
        u32(&b, at: 12, 2)
        #expect(reason(b) == .futureVersion(2))
        u32(&b, at: 12, 0)
        #expect(reason(b) == .oldVersion(0))
        let path = SnapshotFixtures.temporaryPath("old.cgraph")
        #expect(
            SnapshotError(path, .oldVersion(0)).errorDescription?.contains("rebuild it with 'corpgraph build'") == true)
    }

    @Test func headerAndTableChecksums() throws {
        var b = try snapshotBytes()
        b[20] ^= 1
        #expect(reason(b) == .checksumMismatch(part: "the header"))
        b = try snapshotBytes()
        let table = Int(readU64(b, at: 24))
        b[table + 5] ^= 1
        #expect(reason(b) == .checksumMismatch(part: "the section table"))
    }

    @Test func sectionTableOutsideTheFile() throws {
        var b = try snapshotBytes()
        u64(&b, at: 24, UInt64(b.count))
        u32(&b, at: 32, 1000)
        resealHeader(&b)
        guard case .malformed? = reason(b) else { Issue.record("not malformed"); return }
    }

    @Test func misplacedSection() throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, "RSRC"))
        u64(&b, at: s.entry + 16, UInt64(b.count))  // length past the end
        resealSection(&b, "META")
        guard case .malformed(let m)? = reason(b) else { Issue.record("not malformed"); return }
        #expect(m.contains("RSRC"))
    }

    @Test func damagedColumnFoundByDeepValidation() throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, "NM.B"))
        b[s.offset] ^= 0x20  // a name's letter changes: still a valid graph
        #expect(reason(b) == nil)
        guard case .checksumMismatch(let part)? = reason(b, deep: true) else { Issue.record("not found"); return }
        #expect(part.contains("NM.B"))
    }

    @Test(arguments: ["RSRC", "RTGT", "ONBR", "IEDG", "EJUR", "TGID", "DSLI", "EFIL", "RPAY"])
    func outOfRangeValues(tag: String) throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, tag))
        guard s.length >= 4 else { return }
        u32(&b, at: s.offset, 0x7FFF_FFF0)
        resealSection(&b, tag)
        guard case .malformed(let m)? = reason(b) else { Issue.record("\(tag): not malformed"); return }
        #expect(m.contains(tag))
    }

    @Test(arguments: ["OOFF", "TGOF", "NM.O", "ID.O", "EX.O"])
    func brokenOffsets(tag: String) throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, tag))
        guard s.length >= 8 else { return }
        b[s.offset + 4] = 0x7F  // a huge first offset (little-endian high byte of the first value)
        resealSection(&b, tag)
        guard case .malformed? = reason(b) else { Issue.record("\(tag): not malformed"); return }
    }

    @Test func unknownKind() throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, "EKND"))
        b[s.offset] = 200
        resealSection(&b, "EKND")
        guard case .malformed? = reason(b) else { Issue.record("not malformed"); return }
    }

    @Test func damagedRecord() throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, "POLI"))
        b[s.offset] = 0xFF  // jurisdiction count: far more than the bytes left
        resealSection(&b, "POLI")
        guard case .malformed(let m)? = reason(b) else { Issue.record("not malformed"); return }
        #expect(m.contains("POLI"))
    }

    @Test func damagedHashSlotsNeverHang() throws {
        var b = try snapshotBytes()
        let s = try #require(section(b, "ID.S"))
        // every slot full, indices wild
        for i in stride(from: s.offset, to: s.offset + s.length, by: 1) { b[i] = 0xFF }
        resealSection(&b, "ID.S")
        let path = SnapshotFixtures.temporaryPath("slots.cgraph")
        FileManager.default.createFile(atPath: path, contents: Data(b))
        let g = try SnapshotReader.open(path).graph
        #expect(g.index(of: "anything") == nil)
        #expect(g.index(of: g.id(0)) == nil)
    }

    @Test func randomFlipsNeverCrash() throws {
        let base = try snapshotBytes()
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            var b = base
            for _ in 0..<3 { b[Int(rng.next() % UInt64(b.count))] ^= UInt8(truncatingIfNeeded: rng.next() | 1) }
            let path = SnapshotFixtures.temporaryPath("flip.cgraph")
            FileManager.default.createFile(atPath: path, contents: Data(b))
            guard let g = try? SnapshotReader.open(path).graph else { continue }
            // Whatever an undetected flip changed, reading and analysing the graph stays in bounds.
            for v in 0..<g.entityCount { _ = (g.entity(v), g.location(ofEntity: v), g.index(of: g.id(v))) }
            for e in 0..<g.relationshipCount { _ = (g.relationship(e), g.location(ofRelationship: e)) }
            _ = try? SanctionsAnalysis(graph: g, regime: .ofac, asOf: CalendarDate(year: 2023, month: 1, day: 1)!)
                .blockedIDs
        }
    }
}
