import Foundation

/// The text steps of name normalisation, each usable and tested on its own. ``NameNormaliser`` chains them.
public enum TextFolding {
    /// Step 1: Unicode NFKC (compatibility composition): full-width `ＡＢＣ` → `ABC`, ideographic space → space,
    /// ligature `ﬁ` → `fi`, circled and super-script digits → digits.
    public static func compatibility(_ text: String) -> String {
        Transliteration.isASCII(text) ? text : text.precomposedStringWithCompatibilityMapping
    }

    /// Step 2: punctuation and quote styles. Quotes of every style (`"` `'` « » “ ” „ ‘ ’ ‚ ‹ › 「 」 『 』) and dots
    /// are dropped (`K.K.` → `KK`, `O'Brien` → `OBrien`); `&` becomes the word `and`; every other punctuation or
    /// symbol (comma, hyphen, slash, brackets, …) separates words.
    public static func punctuation(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            switch s.value {
            case 0x22, 0x27, 0x60, 0xAB, 0xBB, 0x2018...0x201F, 0x2039, 0x203A, 0x300C...0x300F, 0xFF02, 0xFF07,
                0x2E, 0x3002, 0xFF0E, 0x02BB, 0x02BC, 0x02BE, 0x02BF, 0x02B9, 0x02BA:
                continue
            case 0x26:
                out.append(" "); out.append(contentsOf: "and".unicodeScalars); out.append(" ")
            default:
                let p = s.properties
                if p.isWhitespace || s.value < 0x20
                    || (s.value < 0x80 && !p.isAlphabetic && !(0x30...0x39).contains(s.value))
                {
                    out.append(" ")
                } else if s.value >= 0x80, !p.isAlphabetic, p.numericType == nil, !isMark(s) {
                    out.append(" ")
                } else {
                    out.append(s)
                }
            }
        }
        return String(out)
    }

    /// Step 4: case and diacritic folding: lower case, combining marks removed after canonical decomposition
    /// (`Société` → `societe`, `Çelik` → `celik`), and the letters that do not decompose spelled out (`ø` → `o`,
    /// `ß` → `ss`, `æ` → `ae`, `œ` → `oe`, `ł` → `l`, `đ`/`ð` → `d`, `þ` → `th`, `ı` → `i`).
    public static func fold(_ text: String) -> String {
        if Transliteration.isASCII(text) { return text.lowercased() }
        var out = String.UnicodeScalarView()
        for s in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if isMark(s) { continue }
            switch s {
            case "ø": out.append("o")
            case "ß": out.append(contentsOf: "ss".unicodeScalars)
            case "æ": out.append(contentsOf: "ae".unicodeScalars)
            case "œ": out.append(contentsOf: "oe".unicodeScalars)
            case "ł": out.append("l")
            case "đ", "ð": out.append("d")
            case "þ": out.append(contentsOf: "th".unicodeScalars)
            case "ı": out.append("i")
            case "ʹ", "ʺ", "ʻ", "ʼ", "ʾ", "ʿ", "ˮ": continue
            default: out.append(s)
            }
        }
        return String(out)
    }

    @inline(__always) static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
