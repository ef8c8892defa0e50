import Dispatch
import Synchronization

/// Admission for expensive work: at most `capacity` at once; beyond that the request is answered 503 at once
/// (with Retry-After) instead of queueing without bound.
final class QueryGate: Sendable {
    private let inFlight = Mutex(0)
    let capacity: Int
    let what: String

    init(capacity: Int, what: String) {
        self.capacity = capacity
        self.what = what
    }

    func run<T>(_ body: () throws -> T) throws -> T {
        try admit()
        defer { inFlight.withLock { $0 -= 1 } }
        return try body()
    }

    var current: Int { inFlight.withLock { $0 } }

    /// Takes a slot, or refuses with a 503 when all are taken; the caller gives it back.
    private func admit() throws(Problem) {
        let admitted = inFlight.withLock { n -> Bool in
            guard n < capacity else { return false }
            n += 1
            return true
        }
        guard admitted else {
            throw Problem(.serviceUnavailable, "Over budget: \(capacity) \(what) already running; retry shortly.")
        }
    }

    /// ``run(_:)`` on a Dispatch worker thread: a query that computes for seconds does not hold one of the few
    /// threads every request is answered on, so `/healthz` and cached answers keep flowing meanwhile.
    func perform<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try admit()
        defer { inFlight.withLock { $0 -= 1 } }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}
