import CorpGraphIO
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// Shows load progress on standard error: only when it is a terminal, only once the load has taken about a second,
/// one line rewritten in place (records, MB read, rate, ETA when the size is known), cleared when an input is done.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let start = DispatchTime.now().uptimeNanoseconds
    private var shown = false
    private let write: @Sendable (String) -> Void

    init(write: @escaping @Sendable (String) -> Void) { self.write = write }

    /// A handler for ``LoadOptions/progress``, or nil when nothing is to be shown (`--quiet`, or standard error is
    /// not a terminal): the library then does not count at all.
    static func handler(quiet: Bool, isTerminal: Bool = isatty(2) != 0) -> LoadProgressHandler? {
        guard !quiet, isTerminal else { return nil }
        let display = ProgressDisplay { FileHandle.standardError.write(Data($0.utf8)) }
        return { display.show($0) }
    }

    /// The status line for one report.
    static func line(_ p: LoadProgress) -> String {
        let mb = Double(p.bytes) / 1_000_000
        var parts = [(p.phase == .expanding ? "expanding " : "loading ") + OutputSafety.terminal(p.file)]
        if p.records > 0 { parts.append(count(p.records) + " records") }
        if let total = p.totalBytes, total > 0 {
            parts.append(
                String(
                    format: "%.0f of %.0f MB (%.0f%%)", mb, Double(total) / 1_000_000,
                    100 * Double(p.bytes) / Double(total)))
        } else {
            parts.append(String(format: "%.0f MB", mb))
        }
        parts.append(String(format: "%.0f MB/s", p.rate))
        if let left = p.secondsLeft, !p.done { parts.append(String(format: "ETA %.0f s", left.rounded(.up))) }
        return parts.joined(separator: ", ")
    }

    /// `950`, `12 k`, `1.2 M`.
    static func count(_ n: Int) -> String {
        n >= 1_000_000 ? String(format: "%.1f M", Double(n) / 1_000_000) : n >= 10_000 ? "\(n / 1000) k" : "\(n)"
    }

    func show(_ p: LoadProgress) {
        lock.lock()
        defer { lock.unlock() }
        if p.done {
            if shown { write("\r\u{1B}[K") }
            shown = false
            return
        }
        guard DispatchTime.now().uptimeNanoseconds - start >= 1_000_000_000 else { return }
        shown = true
        write("\r\u{1B}[K" + Self.line(p))
    }
}
