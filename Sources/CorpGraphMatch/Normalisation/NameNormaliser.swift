import CorpGraph

/// A name ready to compare: its tokens (legal form taken out, each token in its comparison key) and its legal form.
public struct NormalisedName: Sendable, Hashable {
    /// Comparison keys: Latin words as ``Skeleton`` keys, numbers as written, CJK as character bigrams.
    public var tokens: [String]
    public var legalForm: LegalForm?
    public init(tokens: [String], legalForm: LegalForm?) {
        self.tokens = tokens
        self.legalForm = legalForm
    }
}

/// The name pipeline (docs/MATCHING.md): NFKC → person-name order → punctuation and quotes → transliteration to
/// Latin (per word) → case and diacritic folding → legal form out → comparison keys. Every step is a public function
/// of ``TextFolding``, ``PersonNameOrder``, ``Transliteration``, ``LegalFormTable`` and ``Skeleton``.
public enum NameNormaliser {
    /// The folded words of `text` (steps 1–4), before the legal form is taken out.
    public static func words(_ text: String, kind: EntityKind? = nil) -> [String] {
        var cache: [String: [String]] = [:]
        return words(text, kind: kind, cache: &cache)
    }

    /// ``words(_:kind:)`` with a cache of non-ASCII words (a word is normalised independently of its neighbours, so
    /// an index over a million names transliterates each distinct word once).
    public static func words(_ text: String, kind: EntityKind?, cache: inout [String: [String]]) -> [String] {
        let t = kind == .person ? PersonNameOrder.natural(text) : text
        if Transliteration.isASCII(t) { return asciiWords(t) }
        var out: [String] = []
        for raw in t.split(separator: " ") {
            let w = String(raw)
            if Transliteration.isASCII(w) {
                out.append(contentsOf: asciiWords(w))
            } else if let hit = cache[w] {
                out.append(contentsOf: hit)
            } else {
                let made = nonASCIIWords(w)
                if cache.count < 1 << 20 { cache[w] = made }
                out.append(contentsOf: made)
            }
        }
        return out
    }

    /// Steps 1–4 for text with non-ASCII characters.
    static func nonASCIIWords(_ text: String) -> [String] {
        let t = TextFolding.punctuation(TextFolding.compatibility(text))
        var out: [String] = []
        for w in t.split(separator: " ") {
            let word = String(w)
            let latin = Transliteration.toLatin(word)
            // Transliteration may bring hyphens or apostrophes (`gimjeong-eun`, `mḥmd ʿly`): punctuation again.
            let cleaned = latin == word ? word : TextFolding.punctuation(latin)
            for part in TextFolding.fold(cleaned).split(separator: " ") { out.append(String(part)) }
        }
        return out
    }

    /// The whole pipeline.
    public static func normalise(_ text: String, kind: EntityKind? = nil, table: LegalFormTable = .shared)
        -> NormalisedName
    {
        var cache: [String: [String]] = [:]
        return normalise(text, kind: kind, cache: &cache, table: table)
    }

    /// ``normalise(_:kind:table:)`` with a word cache (see ``words(_:kind:cache:)``).
    public static func normalise(
        _ text: String, kind: EntityKind?, cache: inout [String: [String]],
        table: LegalFormTable = .shared
    ) -> NormalisedName {
        let (words, form) = table.extract(words(text, kind: kind, cache: &cache))
        var tokens: [String] = []
        tokens.reserveCapacity(words.count)
        for w in words { Skeleton.appendTokens(of: w, to: &tokens) }
        return NormalisedName(tokens: tokens, legalForm: form)
    }

    /// The ASCII fast path of steps 2 and 4 in one pass over the bytes.
    static func asciiWords(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        func flush() {
            if !current.isEmpty {
                out.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true)
            }
        }
        for b in text.utf8 {
            switch b {
            case 0x41...0x5A: current.append(b + 0x20)
            case 0x61...0x7A, 0x30...0x39: current.append(b)
            case 0x22, 0x27, 0x60, 0x2E: continue
            case 0x26: flush(); out.append("and")
            default: flush()
            }
        }
        flush()
        return out
    }
}

/// Comparison keys that make transliteration standards agree: `Sergei`, `Sergey`, `Serguei`, `Sergej` → `sergei`;
/// `Aleksandr`/`Alexandr` → `aleksandr`; `Dmitriy`/`Dmitrii`/`Dmitry` → `dmitri`.
public enum Skeleton {
    /// The key of one folded Latin word: `x` → `ks`, `ph` → `f`, `ck` → `k`, `q` → `k`, `w` → `v`, `y`/`j` → `i`,
    /// `gu` before `e`/`i` → `g`, `ou` → `u`, `kh` → `h`, doubled letters once. Numbers and non-Latin words unchanged.
    public static func key(_ word: String) -> String {
        let b = Array(word.utf8)
        guard !b.isEmpty, b.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) }),
            b.contains(where: { $0 >= 0x61 })
        else { return word }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 2)
        var i = 0
        while i < b.count {
            let c = b[i], n: UInt8 = i + 1 < b.count ? b[i + 1] : 0
            var emit: [UInt8]
            switch c {
            case UInt8(ascii: "x"): emit = [UInt8(ascii: "k"), UInt8(ascii: "s")]
            case UInt8(ascii: "p") where n == UInt8(ascii: "h"): emit = [UInt8(ascii: "f")]; i += 1
            case UInt8(ascii: "c") where n == UInt8(ascii: "k"): emit = [UInt8(ascii: "k")]; i += 1
            case UInt8(ascii: "k") where n == UInt8(ascii: "h"): emit = [UInt8(ascii: "h")]; i += 1
            case UInt8(ascii: "q"): emit = [UInt8(ascii: "k")]
            case UInt8(ascii: "w"): emit = [UInt8(ascii: "v")]
            case UInt8(ascii: "y"), UInt8(ascii: "j"): emit = [UInt8(ascii: "i")]
            case UInt8(ascii: "o") where n == UInt8(ascii: "u"): emit = [UInt8(ascii: "u")]; i += 1
            case UInt8(ascii: "g")
            where n == UInt8(ascii: "u") && i + 2 < b.count
                && (b[i + 2] == UInt8(ascii: "e") || b[i + 2] == UInt8(ascii: "i")):
                emit = [UInt8(ascii: "g")]; i += 1
            default: emit = [c]
            }
            for e in emit where out.last != e || (e >= 0x30 && e <= 0x39) { out.append(e) }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the tokens of one word: its key, or for CJK text its character bigrams (a single character alone);
    /// Latin or digit runs inside a CJK word are tokens of their own.
    public static func appendTokens(of word: String, to tokens: inout [String]) {
        guard word.unicodeScalars.contains(where: { Script.of($0) == .cjk }) else {
            tokens.append(key(word))
            return
        }
        var run: [Unicode.Scalar] = []
        var other = String.UnicodeScalarView()
        func flushRun() {
            if run.count == 1 { tokens.append(String(Character(run[0]))) }
            if run.count > 1 {
                for i in 0..<(run.count - 1) {
                    var s = String.UnicodeScalarView(); s.append(run[i]); s.append(run[i + 1])
                    tokens.append(String(s))
                }
            }
            run.removeAll()
        }
        func flushOther() {
            if !other.isEmpty { tokens.append(key(String(other))); other = String.UnicodeScalarView() }
        }
        for s in word.unicodeScalars {
            if Script.of(s) == .cjk || (s.value == 0x30FC) {
                flushOther(); run.append(s)
            } else {
                flushRun(); other.append(s)
            }
        }
        flushRun()
        flushOther()
    }
}
