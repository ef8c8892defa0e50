import CorpGraph
import CorpGraphSnapshot
import Foundation

/// `.cgraph` inputs (CorpGraphSnapshot): a snapshot given to any command is mapped, not parsed, and stands for the
/// dataset it was built from (same graph, policy, diagnostics, per-file counts and title).
public enum SnapshotDataset {
    /// Whether `path` is a snapshot (by its magic, whatever its name).
    public static func isSnapshot(path: String) -> Bool { SnapshotReader.isSnapshot(path: path) }

    /// The dataset in the snapshot at `path`; `options.policyFile` overrides its policy as for other inputs.
    /// `verifyChecksums` checks every section and column (`validate --deep`); otherwise the index columns are checked
    /// as they are first read (``LoadOptions/onSnapshotDamage``), or all now with ``LoadOptions/checkSnapshotColumns``.
    public static func load(_ path: String, options: LoadOptions = LoadOptions(), verifyChecksums: Bool = false) throws
        -> LoadedDataset
    {
        let s: Snapshot
        let report = options.onSnapshotDamage
        do {
            if verifyChecksums {
                s = try SnapshotReader.openVerifyingChecksums(path)
            } else {
                var handler: SnapshotReader.DamageHandler?
                if let report { handler = { e in report(e.errorDescription ?? "\(e)") } }
                s = try SnapshotReader.open(path, onDamage: handler)
                if options.checkSnapshotColumns { try s.checkColumns() }
            }
        } catch let e as SnapshotError {
            throw InputError(e.errorDescription ?? "\(path): cannot read the snapshot")
        }
        var policy = s.policy, origin = s.provenance.policyOrigin, diagnostics = s.diagnostics
        if let policyFile = options.policyFile {
            var pb = GraphBuilder()
            guard
                let p = NativeDataset.read(
                    text: try DatasetLoader.readText(policyFile), file: policyFile, into: &pb,
                    registry: options.registry)
            else {
                throw InputError("\(policyFile): no policy found (expected a 'policy:' mapping)")
            }
            diagnostics += pb.diagnostics
            policy = p
            origin = policyFile
        }
        let files = s.provenance.inputs.map {
            FileReport(
                file: $0.path, format: $0.format, entities: $0.entities, relationships: $0.relationships,
                rejected: $0.rejected, errors: $0.errors, warnings: $0.warnings)
        }
        return LoadedDataset(
            graph: s.graph, policy: policy, policyOrigin: origin, diagnostics: diagnostics, files: files,
            title: s.provenance.title)
    }

    /// The SHA-256 and size of each file (`("", 0)` for one that does not exist, such as standard input), two
    /// files at a time (the CSV pair's two files on two threads); the first error in `paths` order is thrown.
    static func digests(of paths: [String]) throws -> [(sha: String, size: Int)] {
        final class Results: @unchecked Sendable {
            var values: [Result<(sha: String, size: Int), InputError>]
            init(_ n: Int) { values = Array(repeating: .success(("", 0)), count: n) }
        }
        let results = Results(paths.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: min(2, paths.count)) { worker in
            for i in stride(from: worker, to: paths.count, by: 2) {
                let path = paths[i]
                var result: Result<(sha: String, size: Int), InputError> = .success(("", 0))
                if FileManager.default.fileExists(atPath: path) {
                    do {
                        let (sha, size) = try SHA256.file(path)
                        result = .success((sha, size))
                    } catch let e as SnapshotError {
                        result = .failure(InputError(e.errorDescription ?? path))
                    } catch {
                        result = .failure(InputError("\(path): \(error)"))
                    }
                }
                lock.withLock { results.values[i] = result }
            }
        }
        return try results.values.map { try $0.get() }
    }

    /// Writes `dataset` as a snapshot at `path` (atomically), with provenance: each input file's size and SHA-256
    /// beside its counts, `toolVersion`, and the build time (`SOURCE_DATE_EPOCH` when set).
    public static func write(_ dataset: LoadedDataset, to path: String, toolVersion: String) throws {
        var inputs: [SnapshotInput] = []
        let digests = try digests(of: dataset.files.map(\.file))
        for (f, (sha, size)) in zip(dataset.files, digests) {
            inputs.append(
                SnapshotInput(
                    path: f.file, format: f.format, size: size, sha256: sha, entities: f.entities,
                    relationships: f.relationships, rejected: f.rejected, errors: f.errors,
                    warnings: f.warnings))
        }
        let provenance = SnapshotProvenance(
            toolVersion: toolVersion, buildTime: SnapshotWriter.buildTime(),
            title: dataset.title, policyOrigin: dataset.policyOrigin, inputs: inputs)
        do {
            try SnapshotWriter.write(
                Snapshot(
                    graph: dataset.graph, policy: dataset.policy, diagnostics: dataset.diagnostics,
                    provenance: provenance), to: path)
        } catch let e as SnapshotError {
            throw InputError(e.errorDescription ?? path)
        }
    }
}
