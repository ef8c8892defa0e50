import Foundation

/// Numbers as every corpgraph output writes them for people (text reports and diagrams alike).
public enum NumberText {
    /// `30000000` → `30,000,000`; decimals kept exactly (`1234.5` → `1,234.5`), sign kept (`-1000` → `-1,000`).
    public static func grouped(_ amount: Decimal) -> String {
        let text = "\(amount)"
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1)
        let whole = Array(parts.first ?? "0")
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return (negative ? "-" : "") + out
    }
}

/// Relationship facts as text reports and diagrams show them.
public enum RelationshipText {
    /// The camelCase control types and roles corpgraph's readers and policies spell (`boardAppointment`,
    /// `nomineeDirector`): only these are shown as words.
    public static let knownSpellings: Set<String> = [
        "boardAppointment", "votingAgreement", "votingMajority", "dominantInfluence", "accountingConsolidation",
        "accountHolder", "companyRules", "conditionalContract", "legalFramework", "otherInfluenceOrControl",
        "seniorManagingOfficial", "boardChair", "boardMember", "nomineeDirector", "nomineeShareholder",
        "managingDirector", "nonExecutiveDirector", "executiveDirector", "profitFromAssets", "profitOrIncome",
        "surplusAssets", "useOfAssets", "significantInfluence", "vetoRights",
    ]

    /// A control type or role as shown: a known enum spelling as words (`boardAppointment` → `board appointment`),
    /// any other text as written (`CEO`, `UBO`, `Генеральный директор`, `Managing director`).
    public static func words(_ text: String) -> String {
        guard knownSpellings.contains(text) else { return text }
        var out = ""
        for ch in text {
            if ch.isUppercase && !out.isEmpty { out += " " + ch.lowercased() } else { out.append(ch) }
        }
        return out
    }

    /// ` (board appointment)` for a control type, ` (CEO)` for a role, else empty.
    public static func details(_ r: Relationship) -> String {
        if r.kind == .controls, let t = r.controlType { return " (" + words(t) + ")" }
        if r.kind == .directs, let role = r.role { return " (" + words(role) + ")" }
        return ""
    }

    /// ` [source: title (url); …]` for the distinct sources, else empty.
    public static func sources(_ refs: [SourceRef]) -> String {
        var seen: [SourceRef] = []
        for r in refs where !seen.contains(r) { seen.append(r) }
        guard !seen.isEmpty else { return "" }
        return " [source: " + seen.map(describe).joined(separator: "; ") + "]"
    }

    /// `title (url, retrieved day)`.
    public static func describe(_ r: SourceRef) -> String {
        var extra: [String] = []
        if let url = r.url, r.title != nil { extra.append(url) }
        if let day = r.retrieved { extra.append("retrieved \(day)") }
        let head = r.title ?? r.url ?? r.quote ?? "(untitled source)"
        return head + (extra.isEmpty ? "" : " (" + extra.joined(separator: ", ") + ")")
    }
}

/// Which source addresses may become links in any output (HTML, PDF, the viewer): `http:` and `https:` only (and
/// `mailto:` where asked), with no space, control or invisible formatting character; `javascript:`, `data:` and
/// `file:` never do.
public enum WebAddress {
    public static func isLinkable(_ url: String, allowingMail: Bool = false) -> Bool {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || (allowingMail && lower.hasPrefix("mailto:"))
        else { return false }
        return !url.unicodeScalars.contains { u in
            switch u.value {
            case 0...0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
            default: false
            }
        }
    }
}
