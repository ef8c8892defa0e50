import CorpGraph
import CorpGraphFiles
import Foundation
import SystemPackage

/// One field of the current record: `start..<end` in the scanner's buffer (quotes excluded).
struct FieldSpan {
    var start: Int
    var end: Int
    /// bit 0: quoted; bit 1: contains doubled quotes (needs unescaping); bit 2: text after the closing quote.
    var flags: Int
}

/// A streaming RFC 4180 record scanner over a file: reads fixed-size chunks (through ``SequentialFile``), carries a
/// partial record over to the next chunk, and never holds more than one chunk (or one record, if longer) in memory.
///
/// - Records end at LF, CRLF or a lone CR; quoted fields may hold commas, doubled quotes and line breaks.
/// - A UTF-8 byte order mark at the start is skipped.
/// - A NUL byte means the file is binary, not CSV: an error. A field longer than `maxFieldBytes` is an error found
///   while scanning, before the field is held whole. A file that ends inside a quoted field is an error naming the
///   line where the field started (a truncated file).
/// - Line numbers count physical lines, so a record's line is where it starts even after embedded line breaks.
final class CSVScanner {
    let path: String
    let fileSize: Int
    private let file: SequentialFile
    private(set) var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Parse position and end of valid bytes in `buffer`.
    private var start = 0
    private var end = 0
    private var eof = false
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private let maxFieldBytes: Int
    /// Largest record (bytes) accepted: set from the header's column count.
    var maxRecordBytes: Int
    /// Line where the next record starts.
    private var nextLine = 1

    /// Fields of the current record (only the first `spanCapacity` are stored).
    private(set) var spans: UnsafeMutablePointer<FieldSpan>
    private var spanCapacity: Int
    /// Number of fields in the current record (may exceed `spanCapacity`).
    private(set) var fieldCount = 0
    /// Line where the current record starts.
    private(set) var line = 0
    /// The first field of the current record with text after its closing quote (`"a"b`), or -1.
    private(set) var strayField = -1
    /// File offset just past the current record.
    var offsetAfterRecord: Int { bufferOffset + start }

    /// Unescape space for fields with doubled quotes, reset per record.
    private var scratch: UnsafeMutablePointer<UInt8>
    private var scratchCapacity: Int
    private var scratchUsed = 0

    /// Reads the file at `path`, or (`descriptor`) a file already open (an expanded `.gz`/`.zip` input, read from its
    /// start through a duplicate descriptor) that messages name `path`.
    init(path: String, descriptor: Int32? = nil, chunkBytes: Int, maxFieldBytes: Int) throws(Diagnostic) {
        self.path = path
        self.maxFieldBytes = maxFieldBytes
        maxRecordBytes = max(maxFieldBytes, 64 << 10)
        let file: SequentialFile
        do {
            if let descriptor {
                file = try SequentialFile(duplicating: descriptor)
            } else {
                file = try SequentialFile(path: path)
            }
        } catch {
            throw Diagnostic(
                .error, .unreadableFile, .fileRejected, at: SourceLocation(file: path),
                "cannot open file: \(error.message)")
        }
        guard let type = file.type, type != .directory else {
            throw Diagnostic(
                .error, .unreadableFile, .fileRejected, at: SourceLocation(file: path),
                "expected a CSV file, found a directory or unreadable file")
        }
        self.file = file
        fileSize = file.size
        capacity = max(4096, min(chunkBytes, fileSize + 1))
        buffer = .allocate(capacity: capacity)
        scratchCapacity = capacity
        scratch = .allocate(capacity: scratchCapacity)
        spanCapacity = 64
        spans = .allocate(capacity: spanCapacity)
    }

    deinit {
        buffer.deallocate()
        scratch.deallocate()
        spans.deallocate()
    }

    /// Stores up to `n` fields per record from now on.
    func setColumns(_ n: Int) {
        if n + 1 > spanCapacity {
            spans.deallocate()
            spanCapacity = n + 1
            spans = .allocate(capacity: spanCapacity)
        }
        maxRecordBytes = max(maxFieldBytes, 64 << 10) * max(2, n + 1)
    }

    private func fail(_ line: Int, _ message: String) -> Diagnostic {
        Diagnostic(.error, .invalidSyntax, .fileRejected, at: SourceLocation(file: path, line: line), message)
    }

    /// Reads more input; moves the unparsed tail to the front and grows the buffer for a record longer than it.
    private func refill() throws(Diagnostic) {
        if start > 0 {
            let tail = end - start
            if tail > 0 { memmove(buffer, buffer + start, tail) }
            bufferOffset += start
            end = tail
            start = 0
        }
        if end == capacity {
            if capacity >= maxRecordBytes {
                throw fail(
                    nextLine, "record longer than \(maxRecordBytes) bytes; expected CSV records (is this a CSV file?)")
            }
            let grown = min(capacity * 2, maxRecordBytes)
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
            fresh.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = fresh
            capacity = grown
            scratch.deallocate()
            scratchCapacity = grown
            scratch = .allocate(capacity: scratchCapacity)
        }
        do {
            let n = try file.read(into: buffer + end, count: capacity - end)
            if n > 0 { end += n } else { eof = true }
        } catch {
            throw fail(nextLine, "read error: \(error.message)")
        }
        if bufferOffset == 0 && end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF && start == 0 {
            start = 3
        }
    }

    private enum Scan { case record, needMore }

    /// Advances to the next non-blank record. Returns `false` at the end of the file.
    func next() throws(Diagnostic) -> Bool {
        while true {
            if start < end || eof {
                if start >= end && eof { return false }
                switch try scan() {
                case .record:
                    // blank line
                    if fieldCount == 1 && spans[0].start == spans[0].end && spans[0].flags == 0 { continue }
                    return true
                case .needMore: break
                }
            }
            try refill()
        }
    }

    /// Scans one record from `start`. On `.needMore` nothing is consumed.
    private func scan() throws(Diagnostic) -> Scan {
        let b = buffer
        let end = self.end
        let eof = self.eof
        let maxField = maxFieldBytes
        var p = start
        var count = 0
        var newlines = 0
        var stray = -1
        let recordLine = nextLine
        while true {
            var span = FieldSpan(start: p, end: p, flags: 0)
            if p < end && b[p] == 0x22 {
                // Quoted field.
                p += 1
                span.start = p
                span.flags = 1
                while true {
                    while p < end {
                        let c = b[p]
                        if c == 0x22 { break }
                        if c == 0x0A { newlines += 1 } else if c == 0 { throw binary(recordLine + newlines) }
                        p += 1
                    }
                    if p - span.start > maxField { throw tooLong(recordLine, count, quoted: true) }
                    if p >= end {
                        if eof {
                            throw fail(
                                recordLine,
                                "unterminated quoted field \(count + 1): the file ends inside quotes opened on this line; expected a closing '\"' (truncated file?)"
                            )
                        }
                        return .needMore
                    }
                    // b[p] is a quote: doubled (escaped) or closing.
                    if p + 1 < end {
                        if b[p + 1] == 0x22 { span.flags |= 2; p += 2; continue }
                    } else if !eof {
                        return .needMore
                    }
                    span.end = p
                    p += 1
                    break
                }
                // After the closing quote: expect a delimiter; keep any stray text as a flagged error.
                if p < end {
                    let c = b[p]
                    if c != 0x2C && c != 0x0A && c != 0x0D {
                        span.flags |= 4
                        while p < end {
                            let d = b[p]
                            if d == 0x2C || d == 0x0A || d == 0x0D { break }
                            if d == 0 { throw binary(recordLine + newlines) }
                            p += 1
                        }
                        if p >= end && !eof { return .needMore }
                    }
                } else if !eof {
                    return .needMore
                }
            } else {
                // Unquoted field: stop at ',', LF, CR or NUL (all ≤ 0x2C). Eight bytes at a time find the first byte
                // below 0x2D (bytes ≥ 0x80 never match, so UTF-8 text is skipped whole); then it is classified.
                while true {
                    if p + 8 <= end {
                        let w = UnsafeRawPointer(b + p).loadUnaligned(as: UInt64.self)
                        let m = (w &- 0x2D2D_2D2D_2D2D_2D2D) & ~w & 0x8080_8080_8080_8080
                        if m == 0 { p += 8; continue }
                        p += m.trailingZeroBitCount >> 3
                    } else if p >= end {
                        break
                    }
                    let c = b[p]
                    if c > 0x2C { p += 1; continue }
                    if c == 0x2C || c == 0x0A || c == 0x0D { break }
                    if c == 0 { throw binary(recordLine + newlines) }
                    p += 1
                }
                if p - span.start > maxField { throw tooLong(recordLine, count, quoted: false) }
                if p >= end && !eof { return .needMore }
                span.end = p
            }
            if count < spanCapacity { spans[count] = span }
            if span.flags & 4 != 0 && stray < 0 { stray = count }
            count += 1
            if p >= end { break }  // end of file ends the record
            let c = b[p]
            if c == 0x2C {
                p += 1
                if p >= end && !eof { return .needMore }
                if p >= end {
                    // A trailing comma at EOF: one more empty field.
                    if count < spanCapacity { spans[count] = FieldSpan(start: p, end: p, flags: 0) }
                    count += 1
                    break
                }
                continue
            }
            if c == 0x0A { p += 1; break }
            // CR: CRLF or a lone CR.
            if p + 1 < end {
                p += b[p + 1] == 0x0A ? 2 : 1
            } else if eof {
                p += 1
            } else {
                return .needMore
            }
            break
        }
        start = p
        fieldCount = count
        line = recordLine
        strayField = stray
        nextLine = recordLine + 1 + newlines
        scratchUsed = 0
        return .record
    }

    private func binary(_ line: Int) -> Diagnostic {
        fail(line, "binary data (a NUL byte); expected a UTF-8 CSV text file")
    }

    private func tooLong(_ line: Int, _ field: Int, quoted: Bool) -> Diagnostic {
        let hint = quoted ? " (an unclosed quote?)" : ""
        return fail(
            line,
            "field \(field + 1) is longer than \(maxFieldBytes) bytes\(hint); expected at most \(maxFieldBytes) bytes per field"
        )
    }

    /// Whether field `i` of the current record is empty or missing (`i` is -1 for a column the header lacks).
    @inline(__always) func isEmpty(_ i: Int) -> Bool {
        i < 0 || i >= fieldCount || i >= spanCapacity || spans[i].start == spans[i].end
    }

    /// The content of field `i` (unescaped), valid until the next record; empty when the field is missing.
    @inline(__always) func field(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        guard i >= 0, i < fieldCount, i < spanCapacity else { return UnsafeBufferPointer(start: buffer, count: 0) }
        let s = spans[i]
        if s.flags & 2 == 0 { return UnsafeBufferPointer(start: buffer + s.start, count: s.end - s.start) }
        return unescape(s)
    }

    private func unescape(_ s: FieldSpan) -> UnsafeBufferPointer<UInt8> {
        let out = scratch + scratchUsed
        var n = 0
        var p = s.start
        while p < s.end {
            let c = buffer[p]
            out[n] = c
            n += 1
            p += c == 0x22 ? 2 : 1
        }
        scratchUsed += n
        return UnsafeBufferPointer(start: out, count: n)
    }
}
