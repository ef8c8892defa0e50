/// A native file's progress: each record read counts as a row, and the bytes read are those before the line it
/// starts on (YAML gives lines, not offsets). Lines are found by walking forward from the last record's line, so the
/// file is walked once whatever its size; a record on an earlier line (relationships listed before entities) adds
/// no bytes.
struct LineProgress {
    private var rows: RecordProgress
    private let text: String
    /// The line last walked to (1-based) and where it starts.
    private var line = 1
    private var index: String.UTF8View.Index

    init(text: String, meter: ProgressMeter) {
        self.text = text
        rows = RecordProgress(meter: meter)
        index = text.utf8.startIndex
    }

    mutating func record(at target: Int?) {
        if let target {
            let utf8 = text.utf8
            while line < target, let newline = utf8[index...].firstIndex(of: 10) {
                index = utf8.index(after: newline)
                line += 1
            }
        }
        rows.row(at: text.utf8.distance(from: text.utf8.startIndex, to: index))
    }

    func finish() { rows.finish(at: text.utf8.count) }
}
