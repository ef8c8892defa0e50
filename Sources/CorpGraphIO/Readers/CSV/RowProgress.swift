/// A CSV scan's progress, told to the meter every 4 096 rows (bytes read up to the row's end) and the rest at the end.
struct RowProgress {
    let meter: ProgressMeter?
    private var rows = 0
    /// The file offset last reported.
    private var reported = 0

    init(meter: ProgressMeter?) { self.meter = meter }

    mutating func row(at offset: Int) {
        rows += 1
        guard rows & 4095 == 0, let meter else { return }
        meter.advance(bytes: offset - reported, records: 4096)
        reported = offset
    }

    func finish(at offset: Int) { meter?.advance(bytes: offset - reported, records: rows & 4095) }
}
