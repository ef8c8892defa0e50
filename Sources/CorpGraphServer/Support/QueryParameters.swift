import CorpGraph
import Foundation
import Hummingbird

/// A request's query parameters, checked: an unknown or repeated name, or a value that does not parse, is a 400
/// naming the parameter (with the closest allowed name when one is near).
struct QueryParameters: Sendable {
    private var values: [String: String] = [:]

    init(_ request: Request, allowed: [String]) throws(Problem) {
        for (key, value) in request.uri.queryParameters {
            let k = String(key)
            guard allowed.contains(k) else {
                throw Problem.badParameter(
                    k,
                    "Unknown query parameter '\(k)'; this route takes "
                        + (allowed.isEmpty ? "none" : allowed.joined(separator: ", ")) + ".",
                    suggestions: Suggestions.nearest(to: k, in: allowed, limit: 1))
            }
            guard values[k] == nil else { throw Problem.badParameter(k, "Query parameter '\(k)' is given twice.") }
            values[k] = String(value)
        }
    }

    func string(_ name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }

    func required(_ name: String) throws(Problem) -> String {
        guard let v = string(name) else { throw Problem.badParameter(name, "Missing query parameter '\(name)'.") }
        return v
    }

    func int(_ name: String, default d: Int, range: ClosedRange<Int>) throws(Problem) -> Int {
        guard let text = string(name) else { return d }
        guard let n = Int(text), range.contains(n) else {
            throw Problem.badParameter(
                name, "'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'."
            )
        }
        return n
    }

    func bool(_ name: String) throws(Problem) -> Bool {
        switch string(name) {
        case nil, "false", "0": return false
        case "true", "1": return true
        case let v?: throw Problem.badParameter(name, "'\(name)' must be true or false, got '\(v)'.")
        }
    }

    func date(_ name: String) throws(Problem) -> CalendarDate? {
        guard let text = string(name) else { return nil }
        guard text.utf8.count == 10, let d = CalendarDate(parsing: text) else {
            throw Problem.badParameter(name, "'\(name)' must be a date YYYY-MM-DD, e.g. 2022-06-01; got '\(text)'.")
        }
        return d
    }

    func direction(_ name: String, default d: WalkDirection) throws(Problem) -> WalkDirection {
        guard let text = string(name) else { return d }
        guard let w = WalkDirection(rawValue: text) else {
            let names = WalkDirection.allCases.map(\.rawValue)
            throw Problem.badParameter(
                name, "'\(name)' must be one of \(names.joined(separator: ", ")); got '\(text)'.",
                suggestions: Suggestions.nearest(to: text, in: names, limit: 1))
        }
        return w
    }

    /// A comma-separated list of relationship kinds (`owns,pays`); absent: all.
    func kinds(_ name: String) throws(Problem) -> RelationshipKindSet {
        guard let text = string(name) else { return .all }
        var set: [RelationshipKind] = []
        for word in text.split(separator: ",") where !word.isEmpty {
            guard let k = RelationshipKind(name: String(word)) else {
                let names = RelationshipKind.allCases.map(\.description)
                throw Problem.badParameter(
                    name,
                    "Unknown relationship kind '\(word)' in '\(name)'; expected \(names.joined(separator: ", ")).",
                    suggestions: Suggestions.nearest(to: String(word), in: names, limit: 1))
            }
            set.append(k)
        }
        if set.isEmpty { throw Problem.badParameter(name, "'\(name)' needs at least one relationship kind.") }
        return RelationshipKindSet(set)
    }

    /// A number within `range` (`threshold=0.8`).
    func double(_ name: String, default d: Double, range: ClosedRange<Double>) throws(Problem) -> Double {
        guard let text = string(name) else { return d }
        guard let x = Double(text), range.contains(x) else {
            throw Problem.badParameter(
                name,
                "'\(name)' must be a number from \(range.lowerBound) to \(range.upperBound), e.g. 0.7; got '\(text)'.")
        }
        return x
    }

    /// A comma-separated list of entity kinds (`company,person`); absent: any.
    func entityKinds(_ name: String) throws(Problem) -> Set<EntityKind>? {
        guard let text = string(name) else { return nil }
        var set = Set<EntityKind>()
        for word in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !word.isEmpty {
            guard let k = EntityKind(name: word) else {
                let names = EntityKind.allCases.map(\.description)
                throw Problem.badParameter(
                    name, "Unknown entity kind '\(word)' in '\(name)'; expected \(names.joined(separator: ", ")).",
                    suggestions: Suggestions.nearest(to: word, in: names, limit: 1))
            }
            set.insert(k)
        }
        return set
    }

    /// One of a few words (`format=json|csv`).
    func choice(_ name: String, default d: String, in allowed: [String]) throws(Problem) -> String {
        guard let text = string(name) else { return d }
        guard allowed.contains(text) else {
            throw Problem.badParameter(
                name, "'\(name)' must be one of \(allowed.joined(separator: ", ")); got '\(text)'.",
                suggestions: Suggestions.nearest(to: text, in: allowed, limit: 1))
        }
        return text
    }
}
