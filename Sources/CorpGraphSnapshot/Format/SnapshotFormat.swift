/// The `.cgraph` layout (docs/SNAPSHOT.md): a 64-byte header, sections aligned to 64 bytes, and a section table at the
/// end. Every integer is little-endian.
///
/// Header: magic (8 bytes) · endianness tag u32 · format version u32 · file size u64 · section table offset u64 ·
/// section count u32 · reserved u32 · section table checksum u64 · reserved u64 · header checksum u64 (of bytes 0..<56).
/// Section table entry (32 bytes): tag u32 (four ASCII bytes) · element width u32 · offset u64 · length u64 ·
/// checksum u64. Checksums are ``SnapshotFormat/checksum(_:)``.
public enum SnapshotFormat {
    /// `\x89CGRAPH\n`: a high byte first (not text), then the name, then a newline (catches newline conversion).
    public static let magic: [UInt8] = [0x89, 0x43, 0x47, 0x52, 0x41, 0x50, 0x48, 0x0A]
    /// The format this build writes and reads. Any change to an existing section's layout or meaning bumps it; new
    /// optional sections do not (readers ignore sections they do not know).
    public static let version: UInt32 = 1
    /// Reads as this value on a machine of the writer's byte order.
    static let endianTag: UInt32 = 0x0A0B_0C0D
    static let headerSize = 64
    static let entrySize = 32
    static let alignment = 64

    /// Whether `head` starts with the snapshot magic.
    public static func isSnapshot(_ head: some Collection<UInt8>) -> Bool { head.starts(with: magic) }

    /// A fast 64-bit integrity checksum over `bytes` (not a cryptographic hash): four lanes, each folding 8-byte
    /// little-endian words with a 64×64→128-bit multiply whose halves are xor-ed; the tail (under 32 bytes) is folded
    /// word by word into lane 0, its last partial word zero-padded; the lanes and the length are then mixed into one.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        @inline(__always) func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let r = a.multipliedFullWidth(by: b)
            return r.high ^ r.low
        }
        let k0: UInt64 = 0x9E37_79B9_7F4A_7C15, k1: UInt64 = 0xBF58_476D_1CE4_E5B9
        let k2: UInt64 = 0x94D0_49BB_1331_11EB, k3: UInt64 = 0xD6E8_FEB8_6659_FD93
        var a = k0, b = k1, c = k2, d = k3
        let n = bytes.count
        var i = 0
        if let p = bytes.baseAddress {
            while i + 32 <= n {
                a = mix(a ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self).littleEndian, k0)
                b = mix(b ^ p.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self).littleEndian, k1)
                c = mix(c ^ p.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self).littleEndian, k2)
                d = mix(d ^ p.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self).littleEndian, k3)
                i += 32
            }
            while i < n {
                var w: UInt64 = 0
                var shift: UInt64 = 0
                var j = 0
                while j < 8 && i < n {
                    w |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << shift
                    shift += 8
                    i += 1
                    j += 1
                }
                a = mix(a ^ w, k0)
            }
        }
        return mix(mix(a ^ UInt64(n), k1) ^ mix(b, k2) ^ mix(c, k3) ^ d, k0)
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { checksum($0) } }
}

/// Section tags: four ASCII bytes, read as a little-endian `UInt32`. String columns are pairs `XX.B` (UTF-8 bytes)
/// and `XX.O` (`count + 1` i64 offsets).
public struct SectionTag: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    init(_ text: StaticString) {
        var v: UInt32 = 0
        text.withUTF8Buffer { for (i, b) in $0.prefix(4).enumerated() { v |= UInt32(b) << (8 * UInt32(i)) } }
        rawValue = v
    }
    init(rawValue: UInt32) { self.rawValue = rawValue }

    public var description: String {
        let bytes = (0..<4).map { UInt8(truncatingIfNeeded: rawValue >> (8 * UInt32($0))) }
        if bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return String(decoding: bytes, as: UTF8.self) }
        return "0x" + String(rawValue, radix: 16)
    }

    // Metadata
    static let meta = SectionTag("META"), policy = SectionTag("POLI"), provenance = SectionTag("PROV")
    static let diagnostics = SectionTag("DIAG")
    // Entities
    static let idBytes = SectionTag("ID.B"), idOffsets = SectionTag("ID.O"), idSlots = SectionTag("ID.S")
    static let nameBytes = SectionTag("NM.B"), nameOffsets = SectionTag("NM.O")
    static let kinds = SectionTag("EKND"), jurisdiction = SectionTag("EJUR")
    static let jurisdictionBytes = SectionTag("JC.B"), jurisdictionOffsets = SectionTag("JC.O")
    static let tagOffsets = SectionTag("TGOF"), tagIDs = SectionTag("TGID")
    static let tagBytes = SectionTag("TN.B"), tagNameOffsets = SectionTag("TN.O")
    static let designationOffsets = SectionTag("DSOF"), designationList = SectionTag("DSLI")
    static let designationProgram = SectionTag("DSPR"), designationListed = SectionTag("DSLD")
    static let designationDelisted = SectionTag("DSDL")
    static let designationFirstSeen = SectionTag("DSFS")
    static let listBytes = SectionTag("DL.B"), listOffsets = SectionTag("DL.O")
    static let programBytes = SectionTag("DP.B"), programOffsets = SectionTag("DP.O")
    static let entityExtraKeys = SectionTag("EX.K"), entityExtraOffsets = SectionTag("EX.O")
    static let entityExtraBytes = SectionTag("EX.B")
    static let entityFile = SectionTag("EFIL"), entityLine = SectionTag("ELIN")
    // Relationships
    static let source = SectionTag("RSRC"), target = SectionTag("RTGT"), relKind = SectionTag("RKND")
    static let share = SectionTag("RSHR"), date = SectionTag("RDAT"), start = SectionTag("RSTA"),
        end = SectionTag("REND")
    static let payment = SectionTag("RPAY"), amountBytes = SectionTag("PA.B"), amountOffsets = SectionTag("PA.O")
    static let paymentCurrency = SectionTag("PCUR")
    static let currencyBytes = SectionTag("CU.B"), currencyOffsets = SectionTag("CU.O")
    static let relExtraKeys = SectionTag("RX.K"), relExtraOffsets = SectionTag("RX.O"),
        relExtraBytes = SectionTag("RX.B")
    static let relFile = SectionTag("RFIL"), relLine = SectionTag("RLIN")
    static let fileBytes = SectionTag("FL.B"), fileOffsets = SectionTag("FL.O")
    // CSR adjacency
    static let outOffsets = SectionTag("OOFF"), outEdges = SectionTag("OEDG"), outNeighbours = SectionTag("ONBR")
    static let inOffsets = SectionTag("IOFF"), inEdges = SectionTag("IEDG"), inNeighbours = SectionTag("INBR")
}

/// One entry of the section table.
struct SectionEntry: Sendable {
    var tag: SectionTag
    var width: Int
    var offset: Int
    var length: Int
    var checksum: UInt64
}
