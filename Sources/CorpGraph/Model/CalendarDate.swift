import Foundation

/// A calendar date without time or zone, stored as `yyyymmdd` so that comparison is integer comparison.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year * 10000 + month * 100 + day`.
    public let rawValue: Int32

    /// Creates a date, or `nil` when the day does not exist (2023-02-29, 2022-13-01).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
            day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        rawValue = Int32(year * 10_000 + month * 100 + day)
    }

    /// Reconstructs a date from ``rawValue``; `nil` when it is not a valid date.
    public init?(rawValue: Int32) {
        let v = Int(rawValue)
        self.init(year: v / 10_000, month: (v / 100) % 100, day: v % 100)
    }

    /// Parses exactly `YYYY-MM-DD` (ISO 8601 calendar date). A trailing time (`T00:00:00Z`) is accepted and ignored.
    public init?<S: StringProtocol>(parsing text: S) {
        let bytes = Array(text.utf8.prefix(11))
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        if bytes.count == 11 {
            guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " ") else { return nil }
        }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var year: Int { Int(rawValue) / 10_000 }
    public var month: Int { (Int(rawValue) / 100) % 100 }
    public var day: Int { Int(rawValue) % 100 }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Today in UTC.
    public static func today() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1) ?? CalendarDate(
            year: 1970, month: 1, day: 1)!
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
