import CZlib
import CorpGraph
import Foundation

/// Inflates gzip files and zip entries with zlib, into a ``Spool``.
enum Gzip {
    /// Expands a gzip file (every member of a multi-member file, as `gzip -d` does) into a temporary file.
    static func expand(
        _ packed: UnsafeBufferPointer<UInt8>, name: String,
        progress: LoadProgressHandler?
    ) throws(FormatError) -> Spool {
        let sink = try Spool(name: name)
        let meter = ProgressMeter(file: name, phase: .expanding, total: packed.count, handler: progress)
        try inflate(packed, windowBits: 15 + 32, members: true, into: sink, name: name, what: "gzip data", meter: meter)
        meter?.finish()
        return sink
    }

    /// Inflates `input` into `sink`; returns the CRC-32 of what it wrote. `windowBits` as for zlib's `inflateInit2`.
    /// `members`: keep going after the end of a stream while input remains (gzip members).
    @discardableResult
    static func inflate(
        _ input: UnsafeBufferPointer<UInt8>, windowBits: Int32, members: Bool, into sink: Spool,
        name: String, what: String, meter: ProgressMeter?
    ) throws(FormatError) -> UInt32 {
        var stream = z_stream()
        guard corpgraph_inflate_init(&stream, windowBits) == Z_OK else {
            throw FormatError(path: name, message: "cannot start zlib (out of memory?)")
        }
        defer { inflateEnd(&stream) }
        let out = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 20)
        defer { out.deallocate() }
        var crc = crc32(0, nil, 0)
        var offset = 0
        let total = input.count
        guard let base = input.baseAddress, total > 0 else {
            throw FormatError(path: name, message: "empty \(what)")
        }
        while true {
            // zlib counts in UInt32: feed at most 1 GiB at a time.
            if stream.avail_in == 0 && offset < total {
                let n = min(total - offset, 1 << 30)
                stream.next_in = UnsafeMutablePointer(mutating: base + offset)
                stream.avail_in = UInt32(n)
                offset += n
            }
            stream.next_out = out.baseAddress
            stream.avail_out = UInt32(out.count)
            let status = CZlib.inflate(&stream, Z_NO_FLUSH)
            let produced = out.count - Int(stream.avail_out)
            if produced > 0 {
                crc = crc32(crc, out.baseAddress, UInt32(produced))
                try sink.write(UnsafeBufferPointer(rebasing: out[0..<produced]))
                meter?.update(bytes: offset - Int(stream.avail_in), records: 0)
            }
            let at = offset - Int(stream.avail_in)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                // Another gzip member may follow (trailing zero padding is tolerated, as by gzip).
                let rest = UnsafeBufferPointer(rebasing: input[at...])
                if members, rest.contains(where: { $0 != 0 }) {
                    guard inflateReset(&stream) == Z_OK else {
                        throw FormatError(path: name, message: "cannot restart zlib")
                    }
                    continue
                }
                return UInt32(crc)
            case Z_BUF_ERROR where stream.avail_in == 0 && offset >= total:
                throw FormatError(
                    path: name,
                    message: "\(what) ends early (truncated after \(at) compressed bytes, \(sink.written) expanded)")
            case Z_BUF_ERROR:
                continue
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw FormatError(path: name, message: "corrupt \(what) near compressed byte \(at): \(reason)")
            }
        }
    }
}
