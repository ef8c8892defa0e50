import CorpGraph

/// The rows of a CSV scan after its header: counts them, tells the meter every 4 096 rows (bytes read up to the row's
/// end) and the rest at ``finish()``, and says when to reserve room for the whole file (``reserveRows``).
struct RowProgress {
    let scanner: CSVScanner
    let meter: ProgressMeter?
    private var rows = 0
    /// The file offset last reported.
    private var reported = 0

    init(_ scanner: CSVScanner, meter: ProgressMeter?) {
        self.scanner = scanner
        self.meter = meter
    }

    /// Advances to the next record (``CSVScanner/next()``); `false` at the end of the file.
    @inline(__always)
    mutating func next() throws(Diagnostic) -> Bool {
        guard try scanner.next() else { return false }
        rows += 1
        if rows & 4095 == 0, let meter {
            let offset = scanner.offsetAfterRecord
            meter.advance(bytes: offset - reported, records: 4096)
            reported = offset
        }
        return true
    }

    /// At the 4 096th row, the number of rows the file likely holds (from the bytes read so far); otherwise `nil`.
    var reserveRows: Int? { rows == 4096 ? CSVPair.reserveEstimate(scanner, rows: rows) : nil }

    func finish() { meter?.advance(bytes: scanner.offsetAfterRecord - reported, records: rows & 4095) }
}
