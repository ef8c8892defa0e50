import CCairo
import CorpGraph
import Foundation

/// The fonts: Noto Sans CJK covers Latin, Cyrillic, Greek, kana and Han; pango falls back through fontconfig for
/// scripts it lacks (Arabic: DejaVu Sans).
enum Fonts {
    static let body = "Noto Sans CJK JP, DejaVu Sans 9"
    static let small = "Noto Sans CJK JP, DejaVu Sans 7.5"
    static let mono = "DejaVu Sans Mono, Noto Sans Mono CJK JP 8"
    static func heading(_ level: Int) -> String {
        "Noto Sans CJK JP, DejaVu Sans Bold \(level <= 1 ? 16 : level == 2 ? 12.5 : 10.5)"
    }
}

/// A pango layout of styled text at a width, and where its links sit.
final class TextLayout {
    let layout: OpaquePointer
    /// Byte ranges of the plain text (as pango indexes it) → the address they link to.
    let links: [(range: Range<Int32>, uri: String)]

    init(
        cr: OpaquePointer, runs: [Inline], font: String, width: Double, alignRight: Bool = false,
        singleLine: Bool = false
    ) {
        layout = pango_cairo_create_layout(cr)
        let description = pango_font_description_from_string(font)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, Int32(width * Double(corpgraph_pango_scale())))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        if alignRight { pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT) }
        if singleLine { pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END) }  // one line, "…" at the end
        var markup = ""
        var offset: Int32 = 0
        var links: [(Range<Int32>, String)] = []
        for run in runs {
            var open = "", close = ""
            if run.bold { open += "<b>"; close = "</b>" + close }
            if run.monospace { open += "<tt>"; close = "</tt>" + close }
            if let color = run.color, TextLayout.isHexColor(color) {
                open += "<span foreground=\"\(color)\">"; close = "</span>" + close
            }
            if let uri = run.link, WebAddress.isLinkable(uri, allowingMail: true) {
                open += "<span foreground=\"#1565c0\" underline=\"single\">"; close = "</span>" + close
                let length = Int32(run.text.utf8.count)
                links.append((offset..<offset + length, uri))
            }
            markup += open + TextLayout.escape(run.text) + close
            offset += Int32(run.text.utf8.count)
        }
        pango_layout_set_markup(layout, markup, -1)
        self.links = links
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    /// Width and height in points.
    var size: (width: Double, height: Double) {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        let scale = Double(corpgraph_pango_scale())
        return (Double(w) / scale, Double(h) / scale)
    }

    /// Draws at (x, y) (top left) and marks every link's area, line by line.
    func draw(on cr: OpaquePointer, x: Double, y: Double) {
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        guard !links.isEmpty else { return }
        let scale = Double(corpgraph_pango_scale())
        let lines = pango_layout_get_line_count(layout)
        for (range, uri) in links {
            for i in 0..<lines {
                guard let line = pango_layout_get_line_readonly(layout, i) else { continue }
                let start = line.pointee.start_index, end = start + line.pointee.length
                let lo = max(start, range.lowerBound), hi = min(end, range.upperBound)
                guard lo < hi else { continue }
                var x0: Int32 = 0, x1: Int32 = 0
                pango_layout_line_index_to_x(line, lo, 0, &x0)
                pango_layout_line_index_to_x(line, hi, 0, &x1)
                var rect = PangoRectangle()
                pango_layout_index_to_pos(layout, lo, &rect)
                let left = x + Double(min(x0, x1)) / scale, width = Double(abs(x1 - x0)) / scale
                let top = y + Double(rect.y) / scale, height = Double(rect.height) / scale
                let attributes =
                    "rect=[\(format(left)) \(format(top)) \(format(width)) \(format(height))] uri='\(TextLayout.escapeURI(uri))'"
                cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes)
                cairo_tag_end(cr, CAIRO_TAG_LINK)
            }
        }
    }

    private func format(_ v: Double) -> String { String(Double(Int((v * 100).rounded())) / 100) }

    /// Pango markup escaping: the five XML specials; control characters other than newline and tab dropped.
    static func escape(_ text: String) -> String {
        MarkupEscaping.escaped(text) { u in
            u != "\n" && u != "\t" && (u.value < 0x20 || u.value == 0x7F) ? "" : nil
        }
    }

    /// cairo's attribute strings quote with `'`; a quote or backslash inside is escaped with a backslash.
    static func escapeURI(_ uri: String) -> String {
        uri.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    static func isHexColor(_ s: String) -> Bool {
        s.count == 7 && s.first == "#" && s.dropFirst().allSatisfy(\.isHexDigit)
    }
}
