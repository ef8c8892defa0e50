import Foundation

/// The writing systems the normaliser tells apart. Latin is the comparison script; the transliterated scripts are
/// turned into Latin with ICU; CJK (Han, kana) stays in its own script and is compared by character bigrams.
public enum Script: String, Sendable, Hashable, CaseIterable {
    case latin, cyrillic, greek, armenian, georgian, arabic, hebrew, hangul, cjk, other

    /// The script of one scalar, or `nil` for digits, spaces, punctuation and marks (script-neutral).
    public static func of(_ s: Unicode.Scalar) -> Script? {
        let v = s.value
        switch v {
        case 0x30...0x39, 0x00...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0xBF: return nil
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: return .latin
        case 0x0300...0x036F: return nil
        case 0x0370...0x03FF, 0x1F00...0x1FFF: return .greek
        case 0x0400...0x052F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return .cyrillic
        case 0x0530...0x058F: return .armenian
        case 0x0590...0x05FF, 0xFB1D...0xFB4F: return .hebrew
        case 0x0600...0x06FF, 0x0750...0x077F, 0x08A0...0x08FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x10A0...0x10FF, 0x1C90...0x1CBF: return .georgian
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: return .hangul
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
            return .cjk
        default:
            return s.properties.isAlphabetic ? .other : nil
        }
    }

    /// Scripts that ICU transliterates to Latin safely enough to compare (rigour does the same set plus Arabic and
    /// Hebrew here, which lose vowels but keep consonant skeletons).
    public var isTransliterated: Bool {
        switch self {
        case .cyrillic, .greek, .armenian, .georgian, .arabic, .hebrew, .hangul: true
        default: false
        }
    }

    /// The ICU transform that turns this script into Latin. Russian BGN/PCGN for Cyrillic (`Сергей` → `Sergey`),
    /// the generic `Any-Latin` for the others.
    var transform: StringTransform {
        switch self {
        case .cyrillic: StringTransform("Russian-Latin/BGN")
        default: StringTransform.toLatin
        }
    }
}

/// Transliteration to Latin with ICU (Foundation's `applyingTransform`), one word at a time.
public enum Transliteration {
    /// The word in Latin when it is written in a transliterated script; the word itself otherwise (Latin and CJK
    /// words are kept, so are words ICU cannot transform).
    public static func toLatin(_ word: String) -> String {
        var script: Script?
        for s in word.unicodeScalars {
            if let sc = Script.of(s), sc.isTransliterated { script = sc; break }
        }
        guard let script else { return word }
        return word.applyingTransform(script.transform, reverse: false) ?? word
    }

    /// Whether any scalar of `text` is outside ASCII.
    @inline(__always) static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }
}
