import Foundation

// MARK: - Time-respecting payments

extension ExposureSearch {
    /// Leaves on each payment hop only the payments that are part of at least one time-respecting choice along the
    /// whole path, and counts the others in ``ExposureHop/paymentsOutOfTimeOrder``.
    ///
    /// The rule is the enumerator's: a hop with a non-payment relationship is walked as that relationship (its
    /// payments set no order and are all kept); between consecutive payment hops, two payments walked down must be
    /// dated in non-decreasing order, two walked up in non-increasing order, a change of direction or an undated
    /// payment sets no constraint. The constraint joins consecutive payment hops only, so a payment is on a valid choice
    /// iff some valid choice reaches it from the start (forward pass) and some valid choice continues from it to the
    /// end (backward pass). Each pass keeps, per hop, the least constraining options: earliest down date, latest up
    /// date, whether an undated payment or one in each direction is among them.
    func keepPaymentsInTimeOrder(_ hops: inout [ExposureHop]) {
        let g = graph
        let layers = hops.indices.filter { hops[$0].relationships.isEmpty && !hops[$0].payments.isEmpty }
        guard layers.count > 1 else { return }
        typealias Payment = (rel: Int, down: Bool, date: Int32)
        let payments: [[Payment]] = layers.map { i in
            hops[i].payments.flatMap { fold in
                fold.relationships.map { (rel: $0, down: fold.direction == .down, date: g.date($0)?.rawValue ?? 0) }
            }
        }
        /// Summary of the options kept on one hop, as the next (or previous) hop sees them.
        struct Options {
            var undated = false, anyDown = false, anyUp = false
            var earliestDown = Int32.max, latestDown = Int32.min, earliestUp = Int32.max, latestUp = Int32.min
            mutating func add(_ p: Payment) {
                if p.date == 0 { undated = true }
                if p.down {
                    anyDown = true; earliestDown = min(earliestDown, p.date); latestDown = max(latestDown, p.date)
                } else {
                    anyUp = true; earliestUp = min(earliestUp, p.date); latestUp = max(latestUp, p.date)
                }
            }
        }
        // Forward: p can follow the previous hop's options.
        var forward = payments.map { [Bool](repeating: false, count: $0.count) }
        var previous: Options?
        for (k, layer) in payments.enumerated() {
            var kept = Options()
            for (j, p) in layer.enumerated() {
                let fits: Bool
                if let o = previous, p.date != 0, !o.undated {
                    fits =
                        p.down
                        ? (o.anyUp || (o.anyDown && o.earliestDown <= p.date))
                        : (o.anyDown || (o.anyUp && o.latestUp >= p.date))
                } else {
                    fits = true
                }
                if fits { forward[k][j] = true; kept.add(p) }
            }
            previous = kept
        }
        // Backward: p can be followed by the next hop's options (among those that fit going forward).
        var next: Options?
        var keep = forward
        for k in payments.indices.reversed() {
            var kept = Options()
            for (j, p) in payments[k].enumerated() where forward[k][j] {
                let continues: Bool
                if let o = next, p.date != 0, !o.undated {
                    continues =
                        p.down
                        ? (o.anyUp || (o.anyDown && o.latestDown >= p.date))
                        : (o.anyDown || (o.anyUp && o.earliestUp <= p.date))
                } else {
                    continues = next.map { $0.anyDown || $0.anyUp } ?? true
                }
                keep[k][j] = continues
                if continues { kept.add(p) }
            }
            next = kept
        }
        for (k, i) in layers.enumerated() {
            let left = payments[k].indices.filter { !keep[k][$0] }
            guard !left.isEmpty else { continue }
            let dropped = Set(left.map { payments[k][$0].rel })
            hops[i].payments = hops[i].payments.compactMap { fold in
                let rels = fold.relationships.filter { !dropped.contains($0) }
                return rels.isEmpty ? nil : PaymentFold(graph: g, direction: fold.direction, relationships: rels)
            }
            hops[i].paymentsOutOfTimeOrder = left.count
        }
    }
}
