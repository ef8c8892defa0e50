/// Jurisdiction codes: ISO 3166-1 alpha-2 (`JP`) or ISO 3166-2 (`RU-IRK`).
///
/// A country contains its subdivisions: the country of `RU-IRK` is `RU`. The relation is the code's structure
/// (the part before the first `-`), which is how ISO 3166-2 codes are built; names and the list of valid codes come from
/// ``CodeRegistry``.
public enum Jurisdiction {
    /// The country part of a code: `RU-IRK` → `RU`, `JP` → `JP`.
    public static func country<S: StringProtocol>(of code: S) -> Substring {
        let s = Substring(code)
        if let dash = s.firstIndex(of: "-") { return s[s.startIndex..<dash] }
        return s
    }

    /// Whether a policy entry (`RU`, or a subdivision such as `UA-43`) covers `code`.
    public static func covers(_ policyCode: String, _ code: String) -> Bool {
        if policyCode == code { return true }
        if policyCode.contains("-") { return false }
        return country(of: code) == policyCode
    }

    /// Normalises user input: upper-cases and trims (`ru-irk ` → `RU-IRK`).
    public static func normalise(_ code: String) -> String {
        code.trimmingCharactersInSet().uppercased()
    }
}

extension String {
    /// Trims ASCII and Unicode whitespace without Foundation.
    func trimmingCharactersInSet() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// Known jurisdiction and currency codes, with names, loaded from Debian's `iso-codes` JSON by `CorpGraphIO`.
///
/// The library does no I/O: a registry is a value passed in. ``CodeRegistry/cryptoTickers`` is the documented list of
/// crypto-asset tickers accepted as currencies besides ISO 4217.
public struct CodeRegistry: Sendable {
    /// ISO 3166-1 alpha-2 → name (`JP` → `Japan`).
    public var countries: [String: String]
    /// ISO 3166-2 → name (`RU-IRK` → `Irkutskaya oblast'`).
    public var subdivisions: [String: String]
    /// ISO 4217 alpha-3 → name.
    public var currencies: [String: String]

    /// Crypto-asset tickers accepted as a payment currency (not in ISO 4217). Documented in docs/FORMATS.md.
    public static let cryptoTickers: [String: String] = [
        "BTC": "Bitcoin", "ETH": "Ether", "USDT": "Tether USD", "USDC": "USD Coin", "XMR": "Monero",
        "LTC": "Litecoin", "BCH": "Bitcoin Cash", "TRX": "TRON", "BNB": "BNB", "XRP": "XRP", "DAI": "Dai",
        "SOL": "Solana", "TON": "Toncoin", "DOGE": "Dogecoin", "ZEC": "Zcash", "DASH": "Dash",
        "A7A5": "A7A5 rouble stablecoin",
    ]

    public init(countries: [String: String], subdivisions: [String: String], currencies: [String: String]) {
        self.countries = countries
        self.subdivisions = subdivisions
        self.currencies = currencies
    }

    /// Whether `code` is a known country or subdivision.
    public func isJurisdiction(_ code: String) -> Bool {
        countries[code] != nil || subdivisions[code] != nil
    }

    /// Whether `code` is a known ISO 4217 currency or a listed crypto ticker.
    public func isCurrency(_ code: String) -> Bool {
        currencies[code] != nil || CodeRegistry.cryptoTickers[code] != nil
    }

    /// The name of a country or subdivision.
    public func name(ofJurisdiction code: String) -> String? {
        countries[code] ?? subdivisions[code]
    }

    /// The nearest valid jurisdiction codes to `code`, for "did you mean" messages.
    public func suggestJurisdiction(for code: String) -> [String] {
        let pool: [String]
        if code.contains("-") {
            let country = String(Jurisdiction.country(of: code))
            let same = subdivisions.keys.filter { $0.hasPrefix(country + "-") }
            pool = same.isEmpty ? Array(subdivisions.keys) : same
        } else {
            pool = Array(countries.keys)
        }
        return Suggestions.nearest(to: code, in: pool, limit: 3)
    }

    /// The nearest valid currency codes to `code`.
    public func suggestCurrency(for code: String) -> [String] {
        Suggestions.nearest(to: code, in: Array(currencies.keys) + CodeRegistry.cryptoTickers.keys, limit: 3)
    }
}
