import CorpGraph

/// The rows of a CSV scan after its header: counts them for the meter (``RecordProgress``) and says when to reserve
/// room for the whole file (``reserveRows``).
struct RowProgress {
    let scanner: CSVScanner
    private var counter: RecordProgress

    init(_ scanner: CSVScanner, meter: ProgressMeter?) {
        self.scanner = scanner
        counter = RecordProgress(meter: meter)
    }

    /// Advances to the next record (``CSVScanner/next()``); `false` at the end of the file.
    @inline(__always)
    mutating func next() throws(Diagnostic) -> Bool {
        guard try scanner.next() else { return false }
        counter.row(at: scanner.offsetAfterRecord)
        return true
    }

    /// At the 4 096th row, the number of rows the file likely holds (from the bytes read so far); otherwise `nil`.
    var reserveRows: Int? { counter.rows == 4096 ? CSVPair.reserveEstimate(scanner, rows: counter.rows) : nil }

    func finish() { counter.finish(at: scanner.offsetAfterRecord) }
}
