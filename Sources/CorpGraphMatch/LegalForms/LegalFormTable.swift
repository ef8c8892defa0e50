/// A legal form found in a name: its compare form (the specific form, `ooo`) and generic form (the family it belongs
/// to, `llc`). Two names with the same compare form agree fully, the same generic form mostly.
public struct LegalForm: Sendable, Hashable {
    /// The specific form, e.g. `ooo`, `gmbh`, `kk`.
    public var compare: String
    /// The family: `llc` (private limited liability), `jsc` (joint-stock, public), `partnership`, `fz` (free-zone
    /// entity), `sole`.
    public var generic: String
    public init(compare: String, generic: String) {
        self.compare = compare
        self.generic = generic
    }
}

/// The legal-form table: written variants (after normalisation: folded, transliterated, dots dropped) → compare and
/// generic forms. docs/MATCHING.md lists it. Legal forms are taken out of the name tokens and scored as their own,
/// low-weighted feature, so `LTD`/`LLC` never make two different companies look alike.
public struct LegalFormTable: Sendable {
    /// `(variants, compare, generic)` rows; a variant is one or more normalised words.
    public static let rows: [(variants: [String], compare: String, generic: String)] = [
        (["llc", "l l c", "limited liability company", "limited liability co"], "llc", "llc"),
        (["ooo", "o o o", "obshchestvo s ogranichennoy otvetstvennostyu"], "ooo", "llc"),
        (["too", "tovarishchestvo s ogranichennoy otvetstvennostyu"], "too", "llc"),
        (["tov"], "tov", "llc"),
        (["ltd", "limited", "co ltd", "company limited", "co limited"], "ltd", "llc"),
        (["pte ltd", "pte limited", "private limited", "pvt ltd", "private ltd"], "pte ltd", "llc"),
        (["pty ltd", "pty limited", "proprietary limited"], "pty ltd", "llc"),
        (["gmbh", "gesellschaft mit beschrankter haftung"], "gmbh", "llc"),
        (["sarl", "sa rl", "s a rl", "s a r l", "societe a responsabilite limitee"], "sarl", "llc"),
        (["srl", "s r l", "societa a responsabilita limitata"], "srl", "llc"),
        (["sl", "s l", "sociedad limitada"], "sl", "llc"),
        (["bv", "b v", "besloten vennootschap"], "bv", "llc"),
        (["sp z o o", "spzoo", "sp zoo"], "sp z o o", "llc"),
        (["kft"], "kft", "llc"),
        (["doo", "d o o"], "doo", "llc"),
        (["oy"], "oy", "llc"),
        (["yk", "yugen kaisha", "有限会社"], "yk", "llc"),
        (["gk", "godo kaisha", "合同会社"], "gk", "llc"),
        (["有限公司", "youxian gongsi"], "youxian gongsi", "llc"),
        (["smm", "dmm"], "smm", "llc"),
        (["jsc", "joint stock company", "joint stock co"], "jsc", "jsc"),
        (["ojsc", "open joint stock company"], "ojsc", "jsc"),
        (["cjsc", "closed joint stock company"], "cjsc", "jsc"),
        (["pjsc", "public joint stock company"], "pjsc", "jsc"),
        (["ao", "aktsionernoye obshchestvo"], "ao", "jsc"),
        (["oao", "otkrytoye aktsionernoye obshchestvo"], "oao", "jsc"),
        (["zao", "zakrytoye aktsionernoye obshchestvo"], "zao", "jsc"),
        (["pao", "publichnoye aktsionernoye obshchestvo"], "pao", "jsc"),
        (["pat"], "pat", "jsc"),
        (["plc", "public limited company"], "plc", "jsc"),
        (["ag", "aktiengesellschaft"], "ag", "jsc"),
        (["sa", "s a", "societe anonyme", "sociedad anonima"], "sa", "jsc"),
        (["sas", "s a s", "societe par actions simplifiee"], "sas", "jsc"),
        (["spa", "s p a", "societa per azioni"], "spa", "jsc"),
        (["nv", "n v", "naamloze vennootschap"], "nv", "jsc"),
        (["ab", "aktiebolag"], "ab", "jsc"),
        (["as", "a s", "asa", "aksjeselskap", "aktieselskab"], "as", "jsc"),
        (["oyj"], "oyj", "jsc"),
        (["kk", "k k", "kabushiki kaisha", "kabushikigaisha", "kabushiki gaisha", "株式会社"], "kk", "jsc"),
        (["股份有限公司", "gufen youxian gongsi"], "gufen youxian gongsi", "jsc"),
        (["inc", "incorporated"], "inc", "jsc"),
        (["corp", "corporation"], "corp", "jsc"),
        (["llp", "limited liability partnership"], "llp", "partnership"),
        (["lp", "limited partnership"], "lp", "partnership"),
        (["kg", "gmbh and co kg", "kommanditgesellschaft"], "kg", "partnership"),
        (["fze", "free zone establishment"], "fze", "fz"),
        (["fzco", "fzc", "free zone company"], "fzco", "fz"),
        (["fz llc", "fzllc", "fz l l c"], "fz llc", "fz"),
        (["dmcc"], "dmcc", "fz"),
        (["ip", "individualnyy predprinimatel"], "ip", "sole"),
    ]

    /// CJK legal forms written without spaces: looked for at the start and the end of a CJK word.
    static let cjkAffixes: [(text: String, form: LegalForm)] = rows.flatMap { row in
        row.variants.filter { $0.unicodeScalars.contains { Script.of($0) == .cjk } }
            .map { ($0, LegalForm(compare: row.compare, generic: row.generic)) }
    }.sorted { $0.text.count > $1.text.count }

    /// Word sequences → form, and the longest variant in words.
    let byWords: [[String]: LegalForm]
    let longest: Int

    public static let shared = LegalFormTable()

    init() {
        var map: [[String]: LegalForm] = [:]
        var longest = 1
        for row in Self.rows {
            for v in row.variants {
                let words = v.split(separator: " ").map(String.init)
                map[words] = LegalForm(compare: row.compare, generic: row.generic)
                longest = max(longest, words.count)
            }
        }
        byWords = map
        self.longest = longest
    }

    /// The legal form of a variant written as one string (`"Pte. Ltd."` after normalisation: `"pte ltd"`).
    public func form(of words: [String]) -> LegalForm? { byWords[words] }

    /// Takes the legal form out of `words`: the longest variant at the start, at the end, or just before trailing
    /// numbers (`Polar Logistics B.V. 657`). CJK forms glued to the name (`トヨタ株式会社`) are split off first. The
    /// first form found is returned; other variants found at those places are removed too (`OOO … LLC`).
    public func extract(_ words: [String]) -> (words: [String], form: LegalForm?) {
        var words = splitCJKAffixes(words)
        var found: LegalForm?
        // Trailing digits stay put; the form may sit just before them.
        var tail = words.count
        while tail > 0, words[tail - 1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { tail -= 1 }
        // End (before trailing numbers), then start; never the whole name.
        var changed = true
        while changed {
            changed = false
            if tail > 1 {
                for n in stride(from: min(longest, tail - 1), through: 1, by: -1) {
                    if let f = byWords[Array(words[(tail - n)..<tail])] {
                        found = found ?? f
                        words.removeSubrange((tail - n)..<tail)
                        tail -= n
                        changed = true
                        break
                    }
                }
            }
            if tail > 1 {
                for n in stride(from: min(longest, tail - 1), through: 1, by: -1) {
                    if let f = byWords[Array(words[0..<n])] {
                        found = found ?? f
                        words.removeSubrange(0..<n)
                        tail -= n
                        changed = true
                        break
                    }
                }
            }
        }
        return (words, found)
    }

    /// `トヨタ株式会社` → `トヨタ`, `株式会社`.
    func splitCJKAffixes(_ words: [String]) -> [String] {
        guard words.contains(where: { $0.unicodeScalars.contains { Script.of($0) == .cjk } }) else { return words }
        var out: [String] = []
        for w in words {
            var handled = false
            for (text, _) in Self.cjkAffixes where w != text {
                if w.hasSuffix(text) {
                    out.append(String(w.dropLast(text.count))); out.append(text); handled = true; break
                }
                if w.hasPrefix(text) {
                    out.append(text); out.append(String(w.dropFirst(text.count))); handled = true; break
                }
            }
            if !handled { out.append(w) }
        }
        return out
    }
}
