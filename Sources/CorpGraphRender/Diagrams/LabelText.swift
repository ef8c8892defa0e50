import CorpGraph
import Foundation

/// Label text: word wrap by display columns, camelCase enum spellings to words, digit grouping.
extension DiagramCanvas {

    /// Greedy word wrap at `columns` display columns (East Asian wide characters count two), at most `lines` lines;
    /// cut text ends with `…`. Words longer than a line are split.
    static func wrap(_ text: String, columns: Int, lines maxLines: Int) -> [String] {
        // Printable ASCII that fits on one line, words separated by single spaces: already wrapped.
        let bytes = text.utf8
        if maxLines > 0, bytes.count <= columns, let first = bytes.first, let last = bytes.last, first != 0x20,
            last != 0x20
        {
            var previous: UInt8 = 0
            if bytes.allSatisfy({ b in
                defer { previous = b }; return (b > 0x20 && b < 0x7F) || (b == 0x20 && previous != 0x20)
            }) {
                return [text]
            }
        }
        if bytes.allSatisfy({ $0 < 0x80 }) { return wrapASCII(Array(bytes), columns: columns, lines: maxLines) }
        return wrapWords(text, columns: columns, lines: maxLines)
    }

    /// ``wrapWords(_:columns:lines:)`` on ASCII bytes: every character one column wide, whitespace the six ASCII
    /// whitespace characters (as `Character.isWhitespace` says for ASCII).
    static func wrapASCII(_ text: [UInt8], columns: Int, lines maxLines: Int) -> [String] {
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var lines: [String] = []
        var current: [UInt8] = []
        var truncated = false
        func flush() {
            while current.last == 0x20 { current.removeLast() }
            lines.append(String(decoding: current, as: UTF8.self))
            current.removeAll(keepingCapacity: true)
        }
        var i = 0
        outer: while i < text.count {
            if isSpace(text[i]) { i += 1; continue }
            var end = i
            while end < text.count && !isSpace(text[end]) { end += 1 }
            if !current.isEmpty && current.count + 1 + (end - i) > columns {
                flush()
                if lines.count == maxLines { truncated = true; break }
            }
            if !current.isEmpty { current.append(0x20) }
            for k in i..<end {
                if current.count + 1 > columns && !current.isEmpty {
                    flush()
                    if lines.count == maxLines { truncated = true; break outer }
                }
                current.append(text[k])
            }
            i = end
        }
        if !truncated && !current.isEmpty { flush() }
        return ellipsised(lines, truncated: truncated)
    }

    /// ``wrap(_:columns:lines:)`` word by word (every input; `wrap` skips it for a short plain line).
    static func wrapWords(_ text: String, columns: Int, lines maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        var width = 0
        func flush() {
            lines.append(current.trimmingSuffixSpaces())
            current = ""
            width = 0
        }
        var truncated = false
        outer: for word in text.split(whereSeparator: { $0.isWhitespace }) {
            let w = word.reduce(0) { $0 + displayWidth($1) }
            if width > 0 && width + 1 + w > columns {
                flush()
                if lines.count == maxLines { truncated = true; break }
            }
            if width > 0 { current += " "; width += 1 }
            for ch in word {
                let cw = displayWidth(ch)
                if width + cw > columns && width > 0 {
                    flush()
                    if lines.count == maxLines { truncated = true; break outer }
                }
                current.append(ch)
                width += cw
            }
        }
        if !truncated && !current.isEmpty { flush() }
        return ellipsised(lines, truncated: truncated)
    }

    /// The wrapped lines as returned: one empty line for no text, and an ellipsis in place of the last character
    /// when text was cut.
    static func ellipsised(_ lines: [String], truncated: Bool) -> [String] {
        if lines.isEmpty { return [""] }
        guard truncated else { return lines }
        var out = lines
        var last = out[out.count - 1]
        if last.count > 1 { last.removeLast() }
        out[out.count - 1] = last + "…"
        return out
    }

    static func displayWidth(_ ch: Character) -> Int {
        guard let s = ch.unicodeScalars.first?.value else { return 0 }
        switch s {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }

    /// A control type or role as every output shows it (``RelationshipText/words(_:)``).
    static func words(_ text: String) -> String { RelationshipText.words(text) }
}

extension String {
    fileprivate func trimmingSuffixSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
