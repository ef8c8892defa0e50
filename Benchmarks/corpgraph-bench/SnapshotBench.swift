import CorpGraph
import CorpGraphIO
import Foundation

/// The snapshot rows: `build` times what `corpgraph build DIR -o FILE` runs after loading (`SnapshotDataset.write`:
/// provenance hashes of the inputs, every section, atomic rename); `open` times what every command runs on a `.cgraph`
/// input (`DatasetLoader.load`: map, check every column, decode the records), then T2's reach on the mapped graph
/// (it must be as fast as on the built one; its output must equal reach.tsv).
enum SnapshotBench {
    static func path(_ context: BenchContext) -> String {
        NSTemporaryDirectory() + "corpgraph-bench-\(URL(fileURLWithPath: context.data).lastPathComponent).cgraph"
    }

    nonisolated(unsafe) static var dataset: LoadedDataset?

    static func build(_ context: BenchContext) throws -> BenchOutput {
        if dataset == nil { dataset = try DatasetLoader.load([context.data]) }
        guard let d = dataset else { throw InputError("no dataset") }
        let start = ContinuousClock.now
        try SnapshotDataset.write(d, to: path(context), toolVersion: "corpgraph-bench")
        let elapsed = seconds(ContinuousClock.now - start)
        let size = (try? FileManager.default.attributesOfItem(atPath: path(context))[.size] as? Int) ?? 0
        return BenchOutput(text: "\(size) bytes\n", computeSeconds: elapsed)
    }

    static func open(_ context: BenchContext) throws -> BenchOutput {
        if !FileManager.default.fileExists(atPath: path(context)) { _ = try build(context) }
        dataset = nil
        let start = ContinuousClock.now
        let mapped = try DatasetLoader.load([path(context)])
        let elapsed = seconds(ContinuousClock.now - start)
        let reach = benchReach(graph: mapped.graph, subjects: context.subjects)
        FileHandle.standardError.write(
            Data(String(format: "  open: T2 reach on the mapped graph %.3f s\n", reach.seconds).utf8))
        return BenchOutput(text: reach.text, computeSeconds: elapsed)
    }
}
