import ArgumentParser
import CorpGraphIO
import CorpGraphRender

/// The exposure paths `render --exposure` draws: every path from `subject` to a target with the exposure command's
/// defaults (depth 6, every relationship kind, direction down).
func exposurePaths(_ dataset: LoadedDataset, subject: Int, asOf: CalendarDate) throws -> (paths: [ExposureDiagramPath], truncated: Bool) {
    throw ValidationError("--exposure needs the exposure path engine (ExposurePaths), which is not on this branch yet.")
}
