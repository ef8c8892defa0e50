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

/// The subject choice of `exposure` and `report`: `--subject ID…` or `--all`, one of the two, with `--kind` only
/// beside `--all`.
func validateSubjectChoice(subjects: [String], all: Bool, kindGiven: Bool) throws {
    if subjects.isEmpty && !all { throw ValidationError("Missing subject: pass --subject ID (repeatable) or --all.") }
    if !subjects.isEmpty && all { throw ValidationError("Pass either --subject or --all, not both.") }
    if kindGiven && !all { throw ValidationError("--kind selects subjects for --all; use it together with --all.") }
}
