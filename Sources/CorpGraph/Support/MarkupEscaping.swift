/// Escaping of untrusted text for XML-family markup (GraphML, HTML, Pango): one implementation of the five XML
/// specials; each format says how it writes the other scalars it cares about (control characters, bidirectional
/// overrides) through `rewrite`.
public enum MarkupEscaping {
    /// `text` with `&`, `<`, `>`, `"` and `'` as entities (`'` as `apostrophe`); `rewrite` returns the replacement
    /// for any other scalar (`""` drops it) or nil to keep it as it is.
    @inlinable
    public static func escaped(
        _ text: String, apostrophe: String = "&#39;",
        rewrite: (Unicode.Scalar) -> String? = { _ in nil }
    ) -> String {
        // Printable ASCII with no special: nothing to do (every format keeps these).
        if text.utf8.allSatisfy({
            $0 >= 0x20 && $0 < 0x7F && $0 != 0x26 && $0 != 0x3C && $0 != 0x3E && $0 != 0x22 && $0 != 0x27
        }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += apostrophe
            default:
                if let replacement = rewrite(u) { out += replacement } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }
}
