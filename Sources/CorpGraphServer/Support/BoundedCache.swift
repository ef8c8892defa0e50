import Synchronization

/// Values by key under a lock, bounded by entry count and by total cost (bytes): the oldest entries leave first.
/// Used for prepared searches and screeners (a few keys) and for response bytes of repeated queries.
final class BoundedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Store {
        var values: [Key: (value: Value, cost: Int)] = [:]
        /// Keys in insertion order; `head` is the oldest still present.
        var order: [Key] = []
        var head = 0
        var cost = 0
    }

    private let store = Mutex(Store())
    let capacity: Int
    let maxCost: Int

    init(capacity: Int, maxCost: Int = .max) {
        self.capacity = max(0, capacity)
        self.maxCost = maxCost
    }

    func get(_ key: Key) -> Value? { store.withLock { $0.values[key]?.value } }

    /// Keeps `value` unless its cost alone is over the limit; evicts the oldest entries until both bounds hold.
    func put(_ key: Key, _ value: Value, cost: Int = 0) {
        guard capacity > 0, cost <= maxCost else { return }
        store.withLock { s in
            if let old = s.values.updateValue((value, cost), forKey: key) {
                s.cost -= old.cost
            } else {
                s.order.append(key)
            }
            s.cost += cost
            while s.values.count > capacity || s.cost > maxCost {
                let oldest = s.order[s.head]
                s.head += 1
                if let gone = s.values.removeValue(forKey: oldest) { s.cost -= gone.cost }
            }
            // Compact the order list once its dead prefix dominates.
            if s.head > 64 && s.head * 2 > s.order.count {
                s.order.removeFirst(s.head)
                s.head = 0
            }
        }
    }

    /// The value for `key`, computed (outside the lock) and kept when absent.
    func value(_ key: Key, cost: (Value) -> Int = { _ in 0 }, _ make: () throws -> Value) rethrows -> Value {
        if let v = get(key) { return v }
        let v = try make()
        put(key, v, cost: cost(v))
        return v
    }

    var count: Int { store.withLock { $0.values.count } }
    var totalCost: Int { store.withLock { $0.cost } }
}
