import Foundation

/// Thousands grouped with a thin space, as the diagrams write amounts (`945 000`).
enum Grouping {
    static func integer(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append("\u{202F}") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }
}

extension Grouping {
    /// A decimal amount with its integer part grouped (`945 000`, `1 250.5`).
    static func decimal(_ d: Decimal) -> String {
        let text = d.description
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let whole = Int(parts[0]) else { return text }
        return integer(whole) + (parts.count > 1 ? "." + parts[1] : "")
    }
}
