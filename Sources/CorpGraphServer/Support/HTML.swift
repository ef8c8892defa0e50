import CorpGraph
/// HTML text from untrusted strings: every name, id and value goes through here.
enum HTML {
    /// Text content or a quoted attribute value: `& < > " '` as entities; control characters and bidirectional
    /// overrides (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) shown as visible `⟦U+202E⟧` so that a name cannot
    /// reorder the text around it.
    static func escape(_ s: String) -> String {
        MarkupEscaping.escaped(s) { u in
            isInvisibleControl(u) ? "⟦U+" + String(u.value, radix: 16, uppercase: true).leftPadded(to: 4) + "⟧" : nil
        }
    }

    static func isInvisibleControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0..<0x20 where u != "\n" && u != "\t": true
        case 0x7F...0x9F, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// A link target from a source URL: only `http:` and `https:` URLs become links; anything else
    /// (`javascript:`, `data:`) is nil and shown as text.
    static func safeHref(_ url: String) -> String? {
        WebAddress.isLinkable(url) ? escape(url) : nil
    }

    /// Percent-encoding for a path segment or a query value (unreserved characters kept).
    static func urlComponent(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// `path?k=v&…` with values percent-encoded and HTML-escaped for an attribute; nil values left out.
    static func link(_ path: String, _ query: [(String, String?)]) -> String {
        let q = query.compactMap { k, v in v.map { "\(k)=\(urlComponent($0))" } }
        return escape(q.isEmpty ? path : path + "?" + q.joined(separator: "&"))
    }
}

extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
