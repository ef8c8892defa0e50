import CZlib
import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walking JSON-lines input in place: lines found with `memchr`, lines holding a needle with `memmem` over the whole
/// input (no per-line search).
enum JSONLines {
    /// Calls `body` with each non-blank line's 1-based number and byte range (line break and a trailing CR left out;
    /// a UTF-8 byte order mark at the start skipped).
    static func forEach(in b: UnsafeBufferPointer<UInt8>, _ body: (Int, Range<Int>) -> Void) {
        guard let base = b.baseAddress else { return }
        let n = b.count
        var start = n >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        var line = 1
        while start < n {
            let end: Int
            if let nl = memchr(base + start, 0x0A, n - start) {
                end = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - base
            } else {
                end = n
            }
            var e = end
            if e > start, base[e - 1] == 0x0D { e -= 1 }
            if e > start, !isBlank(base, start, e) { body(line, start..<e) }
            line += 1
            start = end + 1
        }
    }

    @inline(__always) static func isBlank(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        if p[start] == UInt8(ascii: "{") { return false }
        for k in start..<end where p[k] != 0x20 && p[k] != 0x09 { return false }
        return true
    }

    /// The non-blank lines holding any of `needles`, in input order, each once, with their numbers.
    static func lines(containing needles: [[UInt8]], in b: UnsafeBufferPointer<UInt8>) -> [(Int, Range<Int>)] {
        guard let base = b.baseAddress else { return [] }
        let n = b.count
        var starts: [Int] = []
        for needle in needles where !needle.isEmpty {
            var pos = 0
            while pos < n,
                let hit = needle.withUnsafeBufferPointer({
                    corpgraph_memmem(base + pos, n - pos, $0.baseAddress, $0.count)
                })
            {
                let at = UnsafeRawPointer(hit).assumingMemoryBound(to: UInt8.self) - base
                var s = at
                while s > 0, base[s - 1] != 0x0A { s -= 1 }
                starts.append(s)
                // Past this line.
                if let nl = memchr(base + at, 0x0A, n - at) {
                    pos = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - base + 1
                } else {
                    pos = n
                }
            }
        }
        starts = Array(Set(starts)).sorted()
        var out: [(Int, Range<Int>)] = []
        var line = 1, counted = 0
        for s in starts {
            for k in counted..<s where base[k] == 0x0A { line += 1 }
            counted = s
            var begin = s
            if begin == 0, n >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { begin = 3 }
            var e = begin
            if let nl = memchr(base + begin, 0x0A, n - begin) {
                e = UnsafeRawPointer(nl).assumingMemoryBound(to: UInt8.self) - base
            } else {
                e = n
            }
            if e > begin, base[e - 1] == 0x0D { e -= 1 }
            if e > begin, !isBlank(base, begin, e) { out.append((line, begin..<e)) }
        }
        return out
    }
}
