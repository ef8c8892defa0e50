import CorpGraphTestSupport
import Foundation
import Testing

@testable import CorpGraphIO

/// Payment amounts read from the line's bytes are the very `Decimal`s the text path makes.
@Suite struct FtMDecimalTests {
    func bits(_ d: Decimal?) -> [UInt8]? { d.map { withUnsafeBytes(of: $0) { Array($0) } } }

    func fromBytes(_ text: String) -> Decimal? {
        Array(text.utf8).withUnsafeBufferPointer { FtMCodes.decimal(utf8: $0) }
    }

    @Test func bytesGiveTheSameDecimalAsText() {
        let fixed = [
            "26404.31", "100.50", "100", "0", "-0", "0.0", "007", "-5", "1000", "0.001", "123456789012345678",
            "1234567890123456789", "99999999999999999999999", "1.10", "-0.50", "5.", ".5", "-", "", "1.2.3", "1e5",
            " 12", "12 ", "+3", "--1", "12a", "١٢",
        ]
        var rng = SplitMix64(seed: 19)
        var random: [String] = []
        let alphabet = Array("0123456789") + ["0", "0", ".", "-"]
        for _ in 0..<3000 {
            random.append(String((0..<Int(1 + rng.next() % 22)).map { _ in alphabet[Int(rng.next() % 14)] }))
        }
        for text in fixed + random {
            #expect(bits(fromBytes(text)) == bits(FtMCodes.decimal(text)), "\(text)")
        }
        #expect(fromBytes("26404.31")?.description == "26404.31")
        #expect(fromBytes("-0.50")?.description == "-0.5")
    }
}
