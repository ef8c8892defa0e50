import Foundation

/// Person-name order: registers write `Ivanov, Olga`, people write `Olga Ivanov`.
public enum PersonNameOrder {
    /// `Family, Given` → `Given Family` when the text has exactly one comma with words on both sides; otherwise the
    /// text unchanged. Only for persons: `Acme, Inc.` is a company name and keeps its order.
    public static func natural(_ text: String) -> String {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return text }
        let family = parts[0].trimmingCharacters(in: .whitespaces),
            given = parts[1].trimmingCharacters(in: .whitespaces)
        guard !family.isEmpty, !given.isEmpty else { return text }
        return given + " " + family
    }
}
