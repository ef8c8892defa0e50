import CorpGraph
import Foundation

/// The repository root (this file is `Tests/CorpGraphTestSupport/Support.swift`).
public let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A calendar date from `YYYY-MM-DD` text written in a test (traps on a typo in the test itself).
public func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

/// A small deterministic generator (SplitMix64) for property tests: the seed goes into every failure message.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Whether goldens are being rewritten (`CORPGRAPH_UPDATE_GOLDEN=1`) rather than compared.
public var updatingGoldens: Bool { ProcessInfo.processInfo.environment["CORPGRAPH_UPDATE_GOLDEN"] == "1" }

/// A fixed code registry for golden tests: the names the hand-checked graphs use, spelled as Debian's iso-codes
/// spells them today, so an iso-codes update cannot change a golden file. Tests of the iso-codes loader itself read
/// the installed files.
public let goldenRegistry = CodeRegistry(
    countries: [
        "AE": "United Arab Emirates", "BY": "Belarus", "CY": "Cyprus", "CU": "Cuba", "IR": "Iran, Islamic Republic of",
        "JP": "Japan", "KP": "Korea, Democratic People's Republic of", "RU": "Russian Federation", "SG": "Singapore",
        "SY": "Syrian Arab Republic", "UA": "Ukraine", "US": "United States",
    ],
    subdivisions: [
        "RU-IRK": "Irkutskaja oblast'", "RU-MOW": "Moskva", "UA-43": "Avtonomna Respublika Krym",
        "UA-14": "Donetska oblast", "UA-09": "Luhanska oblast",
    ],
    currencies: ["USD": "US Dollar", "EUR": "Euro", "JPY": "Yen", "RUB": "Russian Ruble", "SGD": "Singapore Dollar"])
