import Foundation

/// An identifier written `SCHEME:VALUE` (`lei:529900T8BM49AURSDO55`, `inn:7707083893`), scheme case-insensitive.
public struct IdentifierRef: Sendable, Hashable, CustomStringConvertible {
    /// The canonical scheme, as ``Entity/identifiers`` keys it (`LEI`, `RU-INN`, `IMO`, …).
    public var scheme: String
    /// The normalised value (``Identifiers/normalise(_:scheme:)``).
    public var value: String
    public init(scheme: String, value: String) {
        self.scheme = Identifiers.canonicalScheme(scheme)
        self.value = Identifiers.normalise(value, scheme: self.scheme)
    }
    /// The index key: `SCHEME:VALUE`, scheme upper case.
    public var key: String { scheme.uppercased() + ":" + value }
    public var description: String { scheme + ":" + value }
}

/// Why an identifier was refused.
public enum IdentifierError: LocalizedError, Sendable, Hashable {
    case badChecksum(scheme: String, value: String, reason: String)
    case empty(scheme: String)

    public var errorDescription: String? {
        switch self {
        case .badChecksum(let scheme, let value, let reason): "invalid \(scheme) '\(value)': \(reason)"
        case .empty(let scheme): "empty \(scheme) identifier"
        }
    }
}

/// Identifier schemes: aliases, value normalisation, check digits, and how much a shared value says.
public enum Identifiers {
    /// Lower-case names people type → the scheme the readers store.
    public static let schemeAliases: [String: String] = [
        "lei": "LEI", "inn": "RU-INN", "ru-inn": "RU-INN", "ogrn": "RU-OGRN", "ru-ogrn": "RU-OGRN", "kpp": "RU-KPP",
        "okpo": "RU-OKPO", "imo": "IMO", "mmsi": "MMSI", "bic": "BIC", "swift": "BIC", "isin": "ISIN", "duns": "DUNS",
        "vat": "VAT", "wallet": "cryptoAddress", "crypto": "cryptoAddress", "cryptoaddress": "cryptoAddress",
        "uei": "SAM-UEI", "sam-uei": "SAM-UEI", "iban": "IBAN", "coh": "GB-COH", "gb-coh": "GB-COH", "permid": "PermID",
        "wikidata": "Wikidata", "npi": "NPI", "registrationnumber": "registrationNumber", "taxnumber": "taxNumber",
        "passport": "passport", "idnumber": "idNumber",
    ]

    /// Schemes whose shared value is near-certain evidence of one party (nomenklatura logic-v2 weights 0.95–0.98);
    /// every other scheme counts 0.85.
    public static let strongSchemes: Set<String> = [
        "LEI", "RU-INN", "RU-OGRN", "IMO", "MMSI", "BIC", "ISIN", "SAM-UEI", "NPI", "DUNS", "cryptoAddress", "GB-COH",
        "PermID", "Wikidata",
    ]

    public static func canonicalScheme(_ scheme: String) -> String {
        // Nothing to trim when both ends are ASCII other than space and tab (most schemes).
        if let first = scheme.utf8.first, let last = scheme.utf8.last, first < 0x80, last < 0x80, first != 0x20,
            first != 0x09, last != 0x20, last != 0x09
        {
            return schemeAliases[scheme.lowercased()] ?? scheme
        }
        return canonicalSchemeOfText(scheme)
    }

    /// ``canonicalScheme(_:)`` of any text.
    static func canonicalSchemeOfText(_ scheme: String) -> String {
        let s = scheme.trimmingCharacters(in: .whitespaces)
        return schemeAliases[s.lowercased()] ?? s
    }

    /// Whether `scheme` (any case, alias or stored scheme) names a known scheme.
    public static func isKnownScheme(_ scheme: String) -> Bool {
        schemeAliases[scheme.lowercased()] != nil
    }

    public static func isStrong(_ scheme: String) -> Bool { strongSchemes.contains(canonicalScheme(scheme)) }

    /// The evidence weight of a shared value under `scheme`: 0.95 strong, 0.85 otherwise.
    public static func weight(_ scheme: String) -> Double { isStrong(scheme) ? 0.95 : 0.85 }

    /// Normalised value: spaces, hyphens, dots and slashes out and upper case (`7707 083-893` → `7707083893`);
    /// `IMO 9321483` → `9321483`; crypto addresses keep their case except `0x…` hex, which is lower-cased.
    public static func normalise(_ value: String, scheme: String) -> String {
        let canonical = canonicalScheme(scheme)
        if canonical != "cryptoAddress", let ascii = normaliseASCII(value) {
            return canonical == "IMO" && ascii.hasPrefix("IMO") ? String(ascii.dropFirst(3)) : ascii
        }
        return normaliseText(value, canonical: canonical)
    }

    /// ``normalise(_:scheme:)`` of any text, by Unicode scalars (`canonical`: the canonical scheme).
    static func normaliseText(_ value: String, canonical: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if canonical == "cryptoAddress" {
            return trimmed.hasPrefix("0x") || trimmed.hasPrefix("0X") ? trimmed.lowercased() : trimmed
        }
        var out = String(
            trimmed.uppercased().unicodeScalars.filter { !" -./\t".unicodeScalars.contains($0) }.map(Character.init))
        if canonical == "IMO", out.hasPrefix("IMO") { out.removeFirst(3) }
        return out
    }

    /// Checks the check digits a scheme has (LEI: ISO 17442 / ISO 7064 MOD 97-10; INN: the Russian tax-number
    /// weights; IMO: the 7-digit weighted sum). Schemes without check digits pass.
    public static func validate(_ ref: IdentifierRef) throws(IdentifierError) {
        if ref.value.isEmpty { throw .empty(scheme: ref.scheme) }
        switch ref.scheme {
        case "LEI": try checkLEI(ref.value)
        case "RU-INN": try checkINN(ref.value)
        case "IMO": try checkIMO(ref.value)
        default: break
        }
    }

    /// ISO 17442: 20 characters `[A-Z0-9]`, the last two digits, and the whole code read as a number (A = 10 …
    /// Z = 35) ≡ 1 (mod 97).
    public static func checkLEI(_ lei: String) throws(IdentifierError) {
        let b = Array(lei.utf8)
        guard b.count == 20 else {
            throw .badChecksum(scheme: "LEI", value: lei, reason: "an LEI has 20 characters, this has \(b.count)")
        }
        guard b.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) else {
            throw .badChecksum(scheme: "LEI", value: lei, reason: "only digits and letters A–Z are allowed")
        }
        guard b[18] <= 0x39, b[19] <= 0x39 else {
            throw .badChecksum(scheme: "LEI", value: lei, reason: "the last two characters are check digits")
        }
        if mod97(b) != 1 {
            throw .badChecksum(scheme: "LEI", value: lei, reason: "check digits do not match (ISO 17442, MOD 97-10)")
        }
    }

    /// The code read as a number (letters A = 10 … Z = 35) modulo 97.
    static func mod97(_ b: [UInt8]) -> Int {
        var r = 0
        for c in b {
            if c <= 0x39 { r = (r * 10 + Int(c - 0x30)) % 97 } else { r = (r * 100 + Int(c - 0x41 + 10)) % 97 }
        }
        return r
    }

    /// The two check digits that make `base` (18 characters) a valid LEI.
    public static func leiCheckDigits(_ base: String) -> String {
        let r = mod97(Array((base.uppercased() + "00").utf8))
        let d = 98 - r
        return d < 10 ? "0\(d)" : "\(d)"
    }

    /// Russian INN: 10 digits (organisations, one check digit) or 12 (individuals, two).
    public static func checkINN(_ inn: String) throws(IdentifierError) {
        let d = inn.utf8.map { Int($0) - 0x30 }
        guard d.allSatisfy({ (0...9).contains($0) }), d.count == 10 || d.count == 12 else {
            throw .badChecksum(scheme: "RU-INN", value: inn, reason: "an INN has 10 or 12 digits")
        }
        func check(_ w: [Int], _ n: Int) -> Bool { zip(w, d).reduce(0) { $0 + $1.0 * $1.1 } % 11 % 10 == d[n] }
        let ok =
            d.count == 10
            ? check([2, 4, 10, 3, 5, 9, 4, 6, 8], 9)
            : check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 10) && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8], 11)
        if !ok { throw .badChecksum(scheme: "RU-INN", value: inn, reason: "check digit does not match") }
    }

    /// IMO ship number: 7 digits, the first six weighted 7…2, sum mod 10 = the seventh.
    public static func checkIMO(_ imo: String) throws(IdentifierError) {
        let d = imo.utf8.map { Int($0) - 0x30 }
        guard d.count == 7, d.allSatisfy({ (0...9).contains($0) }) else {
            throw .badChecksum(scheme: "IMO", value: imo, reason: "an IMO number has 7 digits")
        }
        let sum = (0..<6).reduce(0) { $0 + d[$1] * (7 - $1) }
        if sum % 10 != d[6] { throw .badChecksum(scheme: "IMO", value: imo, reason: "check digit does not match") }
    }

    /// `lei:…` → a reference when the text before the first colon is a known scheme alias; `nil` otherwise.
    public static func parseReference(_ text: String) -> IdentifierRef? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = String(text[..<colon]), value = String(text[text.index(after: colon)...])
        guard isKnownScheme(scheme), !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return IdentifierRef(scheme: scheme, value: value)
    }

    /// Values of one stored identifier field (readers join several with `;`).
    public static func values(_ stored: String) -> [String] {
        var stored = stored
        // ASCII without `;` (most values): one value, trimmed of spaces and tabs as `.whitespaces` trims them.
        if let one = stored.withUTF8({ b -> String?? in
            guard !b.contains(where: { $0 >= 0x80 || $0 == 0x3B }) else { return nil }
            var lo = 0, hi = b.count
            while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
            return .some(lo == hi ? nil : String(decoding: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self))
        }) {
            return one.map { [$0] } ?? []
        }
        return valuesOfText(stored)
    }

    /// ``values(_:)`` of any text.
    static func valuesOfText(_ stored: String) -> [String] {
        stored.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// ``normalise(_:scheme:)`` of an ASCII value (not a crypto address, before the IMO prefix rule), byte by byte:
    /// trimmed of ASCII white space (tab to carriage return, space), upper case, without ` -./` and tabs; `nil`
    /// for text that is not ASCII.
    static func normaliseASCII(_ value: String) -> String? {
        var value = value
        return value.withUTF8 { b -> String? in
            guard !b.contains(where: { $0 >= 0x80 }) else { return nil }
            var lo = 0, hi = b.count
            while lo < hi, b[lo] == 0x20 || (0x09...0x0D).contains(b[lo]) { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 || (0x09...0x0D).contains(b[hi - 1]) { hi -= 1 }
            var out = [UInt8]()
            out.reserveCapacity(hi - lo)
            for c in b[lo..<hi] where c != 0x20 && c != 0x2D && c != 0x2E && c != 0x2F && c != 0x09 {
                out.append(c >= 0x61 && c <= 0x7A ? c - 0x20 : c)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
