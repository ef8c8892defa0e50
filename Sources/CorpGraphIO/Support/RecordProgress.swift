/// Records counted for a ``ProgressMeter``: told every 4 096 records (bytes read up to the record's end) and the rest
/// at ``finish(at:)``. Every reader counts through it (the CSV scan through ``RowProgress``).
struct RecordProgress {
    let meter: ProgressMeter?
    private(set) var rows = 0
    /// The byte offset last reported.
    private var reported = 0

    init(meter: ProgressMeter?) { self.meter = meter }

    /// One more record, ending at byte `offset` of the input.
    @inline(__always)
    mutating func row(at offset: @autoclosure () -> Int) {
        rows += 1
        guard rows & 4095 == 0, let meter else { return }
        let o = offset()
        meter.advance(bytes: o - reported, records: 4096)
        reported = o
    }

    func finish(at offset: Int) { meter?.advance(bytes: offset - reported, records: rows & 4095) }
}
