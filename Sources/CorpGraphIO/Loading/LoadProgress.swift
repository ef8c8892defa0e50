import CorpGraph
import Foundation

/// How far the load of one input has got, for a progress display. The library only reports (through
/// ``LoadOptions/progress``); the CLI decides whether and how to show it.
public struct LoadProgress: Sendable, Hashable {
    /// What is happening to the input.
    public enum Phase: String, Sendable, Hashable {
        /// Parsing records.
        case reading
        /// Decompressing a `.gz`/`.zip` input or copying standard input.
        case expanding
    }

    /// The input (as named in messages: a path, `-`, `archive.zip:member`; a CSV pair by its directory).
    public var file: String
    public var phase: Phase
    /// Bytes of the input consumed so far (compressed bytes while expanding).
    public var bytes: Int
    /// The input's size, when known (not for standard input).
    public var totalBytes: Int?
    /// Records read so far (lines, rows, statements); 0 while expanding.
    public var records: Int
    /// Seconds since this input's phase began.
    public var elapsed: Double
    /// The last report for this input and phase.
    public var done: Bool

    public init(file: String, phase: Phase, bytes: Int, totalBytes: Int?, records: Int, elapsed: Double, done: Bool) {
        self.file = file
        self.phase = phase
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.records = records
        self.elapsed = elapsed
        self.done = done
    }

    /// Megabytes per second so far.
    public var rate: Double { elapsed > 0 ? Double(bytes) / 1_000_000 / elapsed : 0 }

    /// Seconds left at the rate so far, when the size is known.
    public var secondsLeft: Double? {
        guard let totalBytes, bytes > 0, rate > 0 else { return nil }
        return Double(max(0, totalBytes - bytes)) / 1_000_000 / rate
    }
}

/// Receives ``LoadProgress`` reports, on whichever thread is reading (at most about ten a second per input, plus
/// one `done` report).
public typealias LoadProgressHandler = @Sendable (LoadProgress) -> Void

/// Counts one input's bytes and records and forwards them to a handler, throttled. Thread-safe: the two files of a
/// CSV pair are parsed on two threads into one meter.
final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let handler: LoadProgressHandler
    private let file: String
    private let phase: LoadProgress.Phase
    private let total: Int?
    private let start = DispatchTime.now().uptimeNanoseconds
    private var next: UInt64
    private var bytes = 0
    private var records = 0
    private var finished = false
    /// Time between reports.
    static let interval: UInt64 = 100_000_000

    /// A meter, or `nil` without a handler (readers then skip all counting).
    init?(file: String, phase: LoadProgress.Phase = .reading, total: Int?, handler: LoadProgressHandler?) {
        guard let handler else { return nil }
        self.handler = handler
        self.file = file
        self.phase = phase
        self.total = total
        next = start + Self.interval
    }

    /// Adds `bytes` and `records` read since the last call.
    func advance(bytes: Int, records: Int) {
        lock.lock()
        self.bytes += bytes
        self.records += records
        let now = DispatchTime.now().uptimeNanoseconds
        guard now >= next, !finished else { lock.unlock(); return }
        next = now + Self.interval
        let report = snapshot(now, done: false)
        lock.unlock()
        handler(report)
    }

    /// Sets the totals so far (for readers that know their position rather than deltas).
    func update(bytes: Int, records: Int) {
        lock.lock()
        let db = bytes - self.bytes, dr = records - self.records
        lock.unlock()
        advance(bytes: db, records: dr)
    }

    /// Sends the last report (once).
    func finish() {
        lock.lock()
        guard !finished else { lock.unlock(); return }
        finished = true
        if let total, bytes < total { bytes = total }
        let report = snapshot(DispatchTime.now().uptimeNanoseconds, done: true)
        lock.unlock()
        handler(report)
    }

    private func snapshot(_ now: UInt64, done: Bool) -> LoadProgress {
        LoadProgress(
            file: file, phase: phase, bytes: bytes, totalBytes: total, records: records,
            elapsed: Double(now - start) / 1e9, done: done)
    }
}
