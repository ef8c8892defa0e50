import CorpGraphTestSupport
import Testing
@testable import CorpGraphMatch

/// The byte-wise ASCII paths of ``Identifiers/normalise(_:scheme:)`` and ``Identifiers/values(_:)`` give what the
/// Unicode paths give.
@Suite struct IdentifierASCIITests {
    @Test(arguments: 0..<20)
    func asciiNormalisationEqualsTheUnicodePath(seed: Int) {
        var rng = SplitMix64(seed: UInt64(seed))
        let alphabet = Array("aZ09 -./\t\r\n\u{0B}\u{0C};xIMOimo_#".unicodeScalars)
        for _ in 0..<300 {
            let n = Int(rng.next() % 14)
            let text = String(
                String.UnicodeScalarView((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }))
            for scheme in ["LEI", "IMO", "registrationNumber", "cryptoAddress", "unknownScheme"] {
                let canonical = Identifiers.canonicalScheme(scheme)
                #expect(
                    Identifiers.normalise(text, scheme: scheme)
                        == Identifiers.normaliseText(text, canonical: canonical),
                    "\(text.debugDescription) \(scheme)")
            }
            #expect(Identifiers.values(text) == Identifiers.valuesOfText(text), "\(text.debugDescription)")
            for scheme in [text, "lei", " LEI", "\u{A0}imo", "Imo\u{3000}", "ru-inn"] {
                #expect(
                    Identifiers.canonicalScheme(scheme) == Identifiers.canonicalSchemeOfText(scheme),
                    "\(scheme.debugDescription)")
            }
        }
    }

    @Test func examples() {
        #expect(Identifiers.normalise(" 7707 083-893\n", scheme: "RU-INN") == "7707083893")
        #expect(Identifiers.normalise("IMO 9321483", scheme: "IMO") == "9321483")
        #expect(Identifiers.normalise("é-1", scheme: "LEI") == "É1")
        #expect(Identifiers.values(" a ; b;;") == ["a", "b"])
        #expect(Identifiers.values("\t LEI123 ") == ["LEI123"])
        #expect(Identifiers.values("  ") == [])
    }
}
