import ArgumentParser
import CorpGraph

// Comma-separated option values parsed into typed values at the command line, each with its own error: an unknown
// word names the option, suggests the nearest known word and lists the known ones. Used as the `transform:` of the
// options (`@Option(transform: RelationshipKinds.parser("--via"))`), so a command never sees the raw text.

/// The words of a comma-separated value, trimmed, empty ones dropped; none at all is an error naming the option.
func commaSeparatedWords(_ text: String, option: String, needing what: String) throws -> [String] {
    let words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    if words.isEmpty { throw ValidationError("\(option) needs at least one \(what).") }
    return words
}

/// An unknown word of a comma-separated option: the message names it, the option, the nearest known word, every one.
func unknownWord(_ word: String, what: String, option: String, known: [String]) -> ValidationError {
    ValidationError(
        "Unknown \(what) '\(word)' in \(option)\(Suggestions.hint(for: word, in: known, limit: 1)); "
            + "expected \(known.joined(separator: ", ")).")
}

/// `--via owns,pays`: the relationship kinds a walk follows.
enum RelationshipKinds {
    static func parser(_ option: String) -> @Sendable (String) throws -> RelationshipKindSet {
        { try parse($0, option: option) }
    }

    static func parse(_ text: String, option: String) throws -> RelationshipKindSet {
        let known = RelationshipKind.allCases.map(\.description)
        let kinds = try commaSeparatedWords(text, option: option, needing: "relationship kind").map { word in
            guard let kind = RelationshipKind(name: word) else {
                throw unknownWord(word, what: "relationship kind", option: option, known: known)
            }
            return kind
        }
        return RelationshipKindSet(kinds)
    }
}

/// `--kind company,exchange`: entity kinds that select subjects or results.
enum EntityKinds {
    static func parser(_ option: String) -> @Sendable (String) throws -> Set<EntityKind> {
        { try parse($0, option: option) }
    }

    static func parse(_ text: String, option: String) throws -> Set<EntityKind> {
        let known = EntityKind.allCases.map(\.description)
        return Set(
            try commaSeparatedWords(text, option: option, needing: "entity kind").map { word in
                guard let kind = EntityKind(name: word) else {
                    throw unknownWord(word, what: "entity kind", option: option, known: known)
                }
                return kind
            })
    }
}

/// `--regime ofac,eu,uk`: regime names in the order given, each once, lower-cased. Whether a name is known depends on
/// the policy (a policy may define regimes), so the command checks the names against it after loading.
enum RegimeNames {
    static func parser(_ option: String) -> @Sendable (String) throws -> [String] { { try parse($0, option: option) } }

    static func parse(_ text: String, option: String) throws -> [String] {
        var names: [String] = []
        for word in try commaSeparatedWords(
            text, option: option, needing: "regime name (ofac, eu, uk, or one the policy defines)")
        where !names.contains(word.lowercased()) {
            names.append(word.lowercased())
        }
        return names
    }
}

/// `--lists OFAC-SDN,EU-FSF`: designation list codes, as written (codes nobody uses are warned about after loading).
enum ListCodes {
    static func parser(_ option: String) -> @Sendable (String) throws -> [String] { { try parse($0, option: option) } }

    static func parse(_ text: String, option: String) throws -> [String] {
        var codes: [String] = []
        for word in try commaSeparatedWords(text, option: option, needing: "list code") where !codes.contains(word) {
            codes.append(word)
        }
        return codes
    }
}
