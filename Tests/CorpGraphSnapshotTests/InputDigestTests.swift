import CorpGraphTestSupport
import Foundation
import Testing

@testable import CorpGraphIO
@testable import CorpGraphSnapshot

/// The SHA-256 of snapshot inputs: the same digest however the bytes arrive, and on two threads as on one.
@Suite("Input digests")
struct InputDigestTests {
    static func hex(_ bytes: [UInt8], pieces: [Int]) -> String {
        var h = SHA256()
        var at = 0
        bytes.withUnsafeBytes { all in
            for p in pieces where at < all.count {
                let end = min(all.count, at + p)
                h.update(UnsafeRawBufferPointer(rebasing: all[at..<end]))
                at = end
            }
            h.update(UnsafeRawBufferPointer(rebasing: all[at...]))
        }
        return h.finalizeHex()
    }

    @Test("a million 'a' (FIPS 180-2 test vector), in one piece and in uneven pieces")
    func millionA() {
        let a = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        #expect(Self.hex(a, pieces: []) == expected)
        #expect(Self.hex(a, pieces: [1, 63, 64, 65, 1000, 4095, 100_000]) == expected)
    }

    @Test("pieces of any size give the digest of the whole", arguments: Array(UInt64(1)...8))
    func anyPieces(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let bytes = (0..<Int.random(in: 0..<20_000, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let pieces = (0..<40).map { _ in Int.random(in: 0..<700, using: &rng) }
        #expect(Self.hex(bytes, pieces: pieces) == Self.hex(bytes, pieces: []))
    }

    @Test("libcrypto's digest equals the portable Swift one; a copy made mid-stream goes on by itself")
    func libcryptoEqualsPortable() {
        var rng = SplitMix64(seed: 99)
        let bytes = (0..<300_001).map { _ in UInt8.random(in: 0...255, using: &rng) }
        var fast = SHA256()
        var portable = SHA256(portable: ())
        #expect(fast.usesLibcrypto && !portable.usesLibcrypto)
        var copy = fast
        bytes.withUnsafeBytes { all in
            fast.update(UnsafeRawBufferPointer(rebasing: all[0..<1000]))
            copy = fast
            fast.update(UnsafeRawBufferPointer(rebasing: all[1000...]))
            portable.update(all)
        }
        #expect(fast.finalizeHex() == portable.finalizeHex())
        var first = SHA256(portable: ())
        bytes.withUnsafeBytes { first.update(UnsafeRawBufferPointer(rebasing: $0[0..<1000])) }
        #expect(copy.finalizeHex() == first.finalizeHex())
    }

    @Test("digests of several files on two threads equal one file at a time; a missing file has none")
    func parallelDigests() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cg-digests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var rng = SplitMix64(seed: 7)
        var paths: [String] = []
        for i in 0..<5 {
            let path = dir.appendingPathComponent("f\(i)").path
            let size = [0, 1, 3_000_000, 65_536, 12_345][i]
            try Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &rng) }).write(
                to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        paths.insert(dir.appendingPathComponent("absent").path, at: 2)
        let digests = try SnapshotDataset.digests(of: paths)
        #expect(digests.count == paths.count)
        for (path, d) in zip(paths, digests) {
            if FileManager.default.fileExists(atPath: path) {
                let one = try SHA256.file(path)
                #expect(d.sha == one.hex && d.size == one.size)
            } else {
                #expect(d.sha == "" && d.size == 0)
            }
        }
        #expect(try SnapshotDataset.digests(of: []).isEmpty)
    }
}
