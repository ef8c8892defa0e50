import CCrypto
import CorpGraphFiles
import Foundation

/// SHA-256 (FIPS 180-4), for the provenance of a snapshot's inputs: libcrypto's (OpenSSL), whose block function uses
/// the CPU's SHA extensions where it has them (~1.5–2 GB/s against ~0.3 GB/s for the portable Swift one it falls
/// back on when libcrypto cannot start a digest). A copy made mid-stream goes on independently of the original.
public struct SHA256 {
    /// libcrypto's context, or `nil`: then ``portable`` does the work.
    private var context: Context?
    private var portable: PortableSHA256?
    /// libcrypto reported a failure after starting (never seen): the digest is unknown.
    private var failed = false

    private final class Context {
        let pointer: OpaquePointer
        init?() {
            guard let p = corpgraph_sha256_new() else { return nil }
            pointer = p
        }
        init?(copying other: Context) {
            guard let p = EVP_MD_CTX_new() else { return nil }
            guard EVP_MD_CTX_copy_ex(p, other.pointer) == 1 else {
                corpgraph_sha256_free(p)
                return nil
            }
            pointer = p
        }
        deinit { corpgraph_sha256_free(pointer) }
    }

    public init() {
        context = Context()
        if context == nil { portable = PortableSHA256() }
    }

    /// Whether libcrypto does the hashing (the portable code otherwise).
    var usesLibcrypto: Bool { context != nil }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        if context != nil {
            if !isKnownUniquelyReferenced(&context!) {
                guard let copy = Context(copying: context!) else {
                    failed = true
                    return
                }
                context = copy
            }
            if corpgraph_sha256_update(context!.pointer, bytes.baseAddress, bytes.count) != 1 { failed = true }
        } else {
            portable?.update(bytes)
        }
    }

    /// The digest as lower-case hex; empty if libcrypto failed on the way (``file(_:)`` then hashes again in Swift).
    public mutating func finalizeHex() -> String {
        guard let context else { return portable?.finalizeHex() ?? "" }
        var digest = [UInt8](repeating: 0, count: 32)
        let ok = digest.withUnsafeMutableBufferPointer { corpgraph_sha256_final(context.pointer, $0.baseAddress) == 1 }
        guard ok, !failed else { return "" }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in digest {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The digest of a file's bytes, read in 1 MiB pieces, and its size.
    public static func file(_ path: String) throws -> (hex: String, size: Int) {
        var hasher = SHA256()
        var result = try digest(path, &hasher)
        if result.hex.isEmpty {
            var portable = SHA256(portable: ())
            result = try digest(path, &portable)
        }
        return result
    }

    /// A hasher that never uses libcrypto (for the fallback and the tests that compare the two).
    init(portable _: Void) {
        self.portable = PortableSHA256()
    }

    private static func digest(_ path: String, _ hasher: inout SHA256) throws -> (hex: String, size: Int) {
        let size: Int
        do {
            size = try FileReading.forEachPiece(of: path) { hasher.update($0) }
        } catch {
            throw SnapshotError(path, .io("cannot read: \(error.message)"))
        }
        return (hasher.finalizeHex(), size)
    }
}
