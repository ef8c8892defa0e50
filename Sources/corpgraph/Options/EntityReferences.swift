import ArgumentParser
import CorpGraph
import CorpGraphMatch

/// Resolves `--subject`, `--of`, `--holder`, `--explain` values: an id, `name:TEXT` or `SCHEME:VALUE`
/// (``EntityResolver``); a failure is a usage error (exit 2) listing candidates or suggestions.
func resolveEntity(_ reference: String, in graph: Graph, role: String, resolver: EntityResolver? = nil) throws -> Int {
    if let v = graph.index(of: reference) { return v }
    do {
        return try (resolver ?? EntityResolver(graph: graph)).resolve(reference, role: role)
    } catch {
        throw ValidationError(error.errorDescription ?? "\(error)")
    }
}
