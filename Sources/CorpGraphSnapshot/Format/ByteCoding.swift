import CorpGraph

/// Writes the small variable-length records of a snapshot (extras, provenance, diagnostics, the policy):
/// integers little-endian, strings as a u32 byte count then UTF-8, optionals as a u8 flag then the value.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i32(_ v: Int32) { u32(UInt32(bitPattern: v)) }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }
    mutating func i64(_ v: Int64) { u64(UInt64(bitPattern: v)) }
    mutating func count(_ n: Int) { u32(UInt32(clamping: n)) }
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 {
            count($0.count); bytes.append(contentsOf: $0)
        }
    }
    mutating func optional(_ s: String?) {
        bool(s != nil)
        if let s { string(s) }
    }
    mutating func strings(_ list: [String]) {
        count(list.count)
        for s in list { string(s) }
    }
    mutating func optionalStrings(_ list: [String]?) {
        bool(list != nil)
        if let list { strings(list) }
    }
    /// Sorted by key, so the same map always encodes to the same bytes.
    mutating func map(_ m: [String: String]) {
        count(m.count)
        for (k, v) in m.sorted(by: { $0.key < $1.key }) {
            string(k)
            string(v)
        }
    }
    mutating func date(_ d: CalendarDate?) { i32(d?.rawValue ?? 0) }
    mutating func sources(_ list: [SourceRef]) {
        count(list.count)
        for s in list {
            optional(s.title)
            optional(s.url)
            date(s.retrieved)
            optional(s.quote)
        }
    }
}

/// Reads what ``ByteWriter`` wrote, checking every length against the bytes left: a damaged record is an error,
/// never a read out of bounds.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    struct Damaged: Error {}

    var isAtEnd: Bool { position == bytes.count }

    mutating func take(_ n: Int) throws -> UnsafeRawBufferPointer {
        guard n >= 0, n <= bytes.count - position else { throw Damaged() }
        defer { position += n }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<(position + n)])
    }
    mutating func u8() throws -> UInt8 { try take(1)[0] }
    mutating func bool() throws -> Bool {
        switch try u8() {
        case 0: return false
        case 1: return true
        default: throw Damaged()
        }
    }
    mutating func u32() throws -> UInt32 { UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self)) }
    mutating func i32() throws -> Int32 { Int32(bitPattern: try u32()) }
    mutating func u64() throws -> UInt64 { UInt64(littleEndian: try take(8).loadUnaligned(as: UInt64.self)) }
    mutating func i64() throws -> Int64 { Int64(bitPattern: try u64()) }
    /// A count, bounded by the bytes left (each element takes at least `minimumSize` bytes).
    mutating func count(minimumSize: Int = 1) throws -> Int {
        let n = Int(try u32())
        guard n <= (bytes.count - position) / Swift.max(1, minimumSize) else { throw Damaged() }
        return n
    }
    mutating func string() throws -> String {
        let n = Int(try u32())
        return String(decoding: try take(n), as: UTF8.self)
    }
    mutating func optional() throws -> String? { try bool() ? try string() : nil }
    mutating func strings() throws -> [String] {
        let n = try count(minimumSize: 4)
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }
    mutating func optionalStrings() throws -> [String]? { try bool() ? try strings() : nil }
    mutating func map() throws -> [String: String] {
        let n = try count(minimumSize: 8)
        var out: [String: String] = [:]
        for _ in 0..<n {
            let k = try string()
            out[k] = try string()
        }
        return out
    }
    mutating func date() throws -> CalendarDate? {
        let raw = try i32()
        return raw == 0 ? nil : CalendarDate(rawValue: raw)
    }
    mutating func sources() throws -> [SourceRef] {
        let n = try count(minimumSize: 7)
        var out: [SourceRef] = []
        for _ in 0..<n {
            out.append(
                SourceRef(title: try optional(), url: try optional(), retrieved: try date(), quote: try optional()))
        }
        return out
    }
}
