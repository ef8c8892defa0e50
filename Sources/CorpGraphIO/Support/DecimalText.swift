import Foundation

/// Decimal amounts as text: `Decimal` keeps 38 significant digits; a longer amount would silently become
/// `9999…000000`, so every reader refuses it instead.
enum DecimalText {
    /// The most significant digits an amount may have.
    static let maxDigits = 38

    /// Digits of `text` after leading zeros, not counting the point (nor trailing zeros after it).
    static func significantDigits<S: StringProtocol>(_ text: S) -> Int {
        var digits = Array(text.utf8.filter { $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2E })
        if let point = digits.firstIndex(of: 0x2E) {
            while digits.count > point + 1 && digits.last == 0x30 { digits.removeLast() }
            digits.remove(at: point)
        }
        return digits.drop { $0 == 0x30 }.count
    }

    /// `Decimal(string:)` in the POSIX locale, or nil when the text has more than ``maxDigits`` significant digits.
    private static let posix = Locale(identifier: "en_US_POSIX")

    static func exact<S: StringProtocol>(_ text: S) -> Decimal? {
        guard significantDigits(text) <= maxDigits else { return nil }
        return Decimal(string: String(text), locale: posix)
    }
}
