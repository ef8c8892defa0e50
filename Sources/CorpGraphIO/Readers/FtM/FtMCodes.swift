import CorpGraph
import Foundation

/// Code and number helpers shared by the FtM and OpenSanctions readers.
enum FtMCodes {
    /// `ru` → `RU`, `ua-43` → `UA-43`; FtM pseudo-codes (`suhh`, `zz`, `eu`) → nil.
    static func jurisdiction(_ raw: String) -> String? {
        let c = raw.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = c.split(separator: "-", maxSplits: 1)
        guard let country = parts.first, country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }),
            !["ZZ", "EU", "XX"].contains(String(country))
        else { return nil }
        if parts.count == 2 {
            let sub = parts[1]
            guard (1...3).contains(sub.count), sub.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                return String(country)
            }
        }
        return c
    }

    /// `2015` → 2015-01-01 (or 2015-12-31 as an end); `2015-11` → 2015-11-01 (or -30).
    static func partialDate(_ raw: String, end: Bool) -> CalendarDate? {
        let parts = raw.split(separator: "-")
        guard let y = Int(parts.first ?? ""), parts[0].count == 4 else { return nil }
        if parts.count == 1 {
            return end ? CalendarDate(year: y, month: 12, day: 31) : CalendarDate(year: y, month: 1, day: 1)
        }
        guard parts.count == 2, let m = Int(parts[1]), parts[1].count == 2 else { return nil }
        return end
            ? CalendarDate(year: y, month: m, day: CalendarDate.lastDay(month: m, year: y))
            : CalendarDate(year: y, month: m, day: 1)
    }

    /// A plain decimal (`250000`, `113969.15`, `-5`), exactly.
    static func decimal(_ raw: String) -> Decimal? {
        let t = raw.trimmingCharacters(in: .whitespaces)
        var seenDigit = false, seenPoint = false
        for (k, ch) in t.enumerated() {
            if ch.isASCII && ch.isNumber { seenDigit = true; continue }
            if ch == ".", !seenPoint { seenPoint = true; continue }
            if ch == "-" && k == 0 { continue }
            return nil
        }
        guard seenDigit else { return nil }
        return DecimalText.exact(t)
    }

    /// ``decimal(_:)`` of UTF-8 text. The common form (`-?digits[.digits]`, 1 to 18 digits, not zero) is read
    /// from the bytes (the same `Decimal`, to the bit, as `Decimal(string:)` makes: tested); anything else as text.
    static func decimal(utf8 b: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var k = 0, digits = 0, fraction = 0, point = false
        var m: UInt64 = 0
        let negative = b.count > 0 && b[0] == 0x2D
        if negative { k = 1 }
        while k < b.count {
            let c = b[k]
            if c >= 0x30 && c <= 0x39 {
                m = m &* 10 &+ UInt64(c &- 0x30)
                digits += 1
                if point { fraction += 1 }
            } else if c == 0x2E, !point, digits > 0 {
                point = true
            } else {
                digits = 0  // not the common form
                break
            }
            k += 1
        }
        guard digits > 0, digits <= 18, m != 0, !point || fraction > 0 else {
            return decimal(String(decoding: b, as: UTF8.self))
        }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fraction, significand: Decimal(m))
    }
}

extension CalendarDate {
    static func lastDay(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day before (nil before 0001-01-01).
    var dayBefore: CalendarDate? {
        if day > 1 { return CalendarDate(year: year, month: month, day: day - 1) }
        if month > 1 {
            return CalendarDate(year: year, month: month - 1, day: CalendarDate.lastDay(month: month - 1, year: year))
        }
        return CalendarDate(year: year - 1, month: 12, day: 31)
    }

    /// The day after.
    var dayAfter: CalendarDate? {
        if day < CalendarDate.lastDay(month: month, year: year) {
            return CalendarDate(year: year, month: month, day: day + 1)
        }
        if month < 12 { return CalendarDate(year: year, month: month + 1, day: 1) }
        return CalendarDate(year: year + 1, month: 1, day: 1)
    }
}

/// Sanction records → list codes (docs/FORMATS-IMPORT.md §2).
///
/// Lookup order: the record's OpenSanctions `datasets`, then `programId` prefix, then `authority` text; the first
/// table hit wins. Debarment, disqualification and watch lists are not sanctions: they become a tag
/// `listed:<dataset>` so that a policy counting "every list" does not treat a disqualified director as designated.
/// A Sanction record that matches nothing is still a designation, under `<COUNTRY>-SANCTIONS` (or `FTM-SANCTION`),
/// with a warning.
public enum SanctionListTable {
    public enum Mapping: Hashable, Sendable {
        /// A designation on `code`; `fallback` when no table row matched.
        case list(String, fallback: Bool)
        /// Not a sanctions list: tag the entity instead.
        case notASanction(tag: String)
    }

    /// OpenSanctions dataset name → list code.
    public static let datasets: [String: String] = [
        "us_ofac_sdn": "OFAC-SDN", "us_ofac_cons": "OFAC-CONS", "us_bis_denied": "US-BIS-DPL", "us_trade_csl": "US-CSL",
        "eu_fsf": "EU-FSF", "eu_journal_sanctions": "EU-OJ", "eu_sanctions_map": "EU-MAP",
        "eu_travel_bans": "EU-TRAVEL-BAN",
        "gb_hmt_sanctions": "UK-HMT", "gb_fcdo_sanctions": "UK-FCDO", "un_sc_sanctions": "UN-SC",
        "ch_seco_sanctions": "CH-SECO", "ca_dfatd_sema_sanctions": "CA-SEMA", "au_dfat_sanctions": "AU-DFAT",
        "jp_mof_sanctions": "JP-MOF", "jp_meti_ru": "JP-METI", "nz_russia_sanctions": "NZ-MFAT",
        "ua_nsdc_sanctions": "UA-NSDC", "mc_fund_freezes": "MC-FUND-FREEZE", "be_fod_sanctions": "BE-FOD",
        "fr_tresor_gels_avoir": "FR-TRESOR",
    ]

    /// Datasets whose "Sanction" records are debarments, disqualifications or watch lists, not sanctions.
    public static let notSanctions: Set<String> = [
        "gb_coh_disqualified", "us_sam_exclusions", "ua_war_sanctions", "worldbank_debarred", "adb_sanctions",
        "afdb_sanctions", "iadb_sanctions", "ebrd_ineligible", "us_hhs_exclusions", "interpol_red_notices",
    ]

    /// OpenSanctions `programId` prefix → list code (when no dataset matched).
    public static let programPrefixes: [(prefix: String, code: String)] = [
        ("US-BIS-", "US-BIS-EL"), ("US-", "OFAC-SDN"), ("EU-", "EU-FSF"), ("GB-", "UK-FCDO"), ("UN-", "UN-SC"),
        ("SECO-", "CH-SECO"), ("CA-", "CA-SEMA"), ("AU-", "AU-DFAT"), ("NZ-", "NZ-MFAT"), ("UA-SA", "UA-NSDC"),
    ]

    /// Authority text (case-insensitive substring) → list code (when no dataset or program matched).
    public static let authorities: [(contains: String, code: String)] = [
        ("office of foreign assets control", "OFAC-SDN"), ("bureau of industry and security", "US-BIS-EL"),
        ("financial stability, financial services and capital markets union", "EU-FSF"),
        ("council of the european union", "EU-FSF"), ("hm treasury", "UK-HMT"),
        ("office of financial sanctions", "UK-HMT"),
        ("foreign, commonwealth", "UK-FCDO"), ("security council", "UN-SC"),
        ("state secretariat for economic affairs", "CH-SECO"), ("global affairs canada", "CA-SEMA"),
        ("department of foreign affairs and trade", "AU-DFAT"), ("national security and defense council", "UA-NSDC"),
    ]

    public static func map(
        datasets ds: [String], authorities auth: [String], programIds: [String],
        countries: [String]
    ) -> Mapping {
        // An authority written as a list code (`OFAC-SDN`, as corpgraph's FtM export writes it) is taken as is.
        if let code = auth.first(where: { $0.range(of: "^[A-Z]{2,}(-[A-Z0-9]+)+$", options: .regularExpression) != nil }
        ) {
            return .list(code, fallback: false)
        }
        for d in ds.sorted() {
            if let code = datasets[d] { return .list(code, fallback: false) }
        }
        for d in ds.sorted() where notSanctions.contains(d) { return .notASanction(tag: "listed:\(d)") }
        for p in programIds {
            let u = p.uppercased()
            for row in programPrefixes where u.hasPrefix(row.prefix) { return .list(row.code, fallback: false) }
        }
        for a in auth {
            let l = a.lowercased()
            for row in authorities where l.contains(row.contains) { return .list(row.code, fallback: false) }
        }
        if let c = countries.first.flatMap(FtMCodes.jurisdiction) { return .list("\(c)-SANCTIONS", fallback: true) }
        return .list("FTM-SANCTION", fallback: true)
    }
}
