import CCairo
import CorpGraphRender

/// Places blocks top to bottom, starting a new page when one does not fit.
struct Typesetter {
    let cr: OpaquePointer
    let surface: OpaquePointer
    let info: PDFDocument.Info
    let totalPages: Int?
    private(set) var pageNumber = 0
    private var y = Page.top
    private var pageHasContent = false

    init(cr: OpaquePointer, surface: OpaquePointer, info: PDFDocument.Info, totalPages: Int?) {
        self.cr = cr
        self.surface = surface
        self.info = info
        self.totalPages = totalPages
    }

    mutating func startPage() {
        pageNumber += 1
        y = Page.top
        pageHasContent = false
        if pageNumber > 1 {
            let header = TextLayout(
                cr: cr, runs: [Inline(info.runningHeader, color: "#616161")], font: Fonts.small,
                width: Page.contentWidth, singleLine: true)
            header.draw(on: cr, x: Page.margin, y: 30)
            cairo_set_source_rgb(cr, 0.75, 0.75, 0.75)
            cairo_set_line_width(cr, 0.5)
            cairo_move_to(cr, Page.margin, 44)
            cairo_line_to(cr, Page.width - Page.margin, 44)
            cairo_stroke(cr)
        }
        let total = totalPages.map { " of \($0)" } ?? ""
        let footer = TextLayout(
            cr: cr, runs: [Inline("Page \(pageNumber)\(total)", color: "#616161")],
            font: Fonts.small, width: Page.contentWidth, alignRight: true)
        footer.draw(on: cr, x: Page.margin, y: Page.height - 40)
        cairo_set_source_rgb(cr, 0, 0, 0)
    }

    mutating func finishPage() {
        cairo_show_page(cr)
    }

    private mutating func newPage() {
        finishPage()
        startPage()
    }

    /// Makes room for `height` points: a new page unless this one is still empty.
    private mutating func ensure(_ height: Double) {
        if y + height > Page.contentBottom && pageHasContent { newPage() }
    }

    mutating func place(_ block: Block) throws(PDFError) {
        switch block {
        case .pageBreak:
            if pageHasContent { newPage() }
        case .heading(let text, let level):
            let layout = TextLayout(
                cr: cr, runs: [Inline(text, bold: true)], font: Fonts.heading(level),
                width: Page.contentWidth)
            let h = layout.size.height
            ensure(h + 40)  // never a heading alone at the foot of a page
            y += pageHasContent ? (level <= 1 ? 14 : 9) : 0
            layout.draw(on: cr, x: Page.margin, y: y)
            y += h + 4
            pageHasContent = true
        case .paragraph(let runs):
            text(runs, font: Fonts.body, x: Page.margin, width: Page.contentWidth, spacing: 5)
        case .facts(let facts):
            for fact in facts {
                let label = TextLayout(cr: cr, runs: [Inline(fact.label, bold: true)], font: Fonts.body, width: 130)
                let value = TextLayout(cr: cr, runs: fact.value, font: Fonts.body, width: Page.contentWidth - 140)
                let h = max(label.size.height, value.size.height)
                ensure(h)
                label.draw(on: cr, x: Page.margin, y: y)
                value.draw(on: cr, x: Page.margin + 140, y: y)
                y += h + 3
                pageHasContent = true
            }
            y += 4
        case .table(let table):
            placeTable(table)
        case .diagram(let dot, let layout, let caption):
            try placeDiagram(dot, layout: layout, caption: caption)
        }
    }

    private mutating func text(_ runs: [Inline], font: String, x: Double, width: Double, spacing: Double) {
        let layout = TextLayout(cr: cr, runs: runs, font: font, width: width)
        let h = layout.size.height
        ensure(h)
        layout.draw(on: cr, x: x, y: y)
        y += h + spacing
        pageHasContent = true
    }

    private mutating func placeTable(_ table: Table) {
        let total = table.columns.reduce(0) { $0 + $1.weight }
        let widths = table.columns.map { Page.contentWidth * $0.weight / max(total, 0.001) }
        let padding = 3.0
        func row(_ cells: [[Inline]], header: Bool) -> (layouts: [TextLayout], height: Double) {
            var layouts: [TextLayout] = []
            var height = 0.0
            for (i, width) in widths.enumerated() {
                let runs = i < cells.count ? cells[i] : []
                let styled =
                    header
                    ? runs.map {
                        var r = $0; r.bold = true; return r
                    } : runs
                let l = TextLayout(cr: cr, runs: styled, font: Fonts.small, width: width - 2 * padding)
                height = max(height, l.size.height)
                layouts.append(l)
            }
            return (layouts, height + 2 * padding)
        }
        let headerCells = table.columns.map { [Inline($0.title)] }
        func drawRow(_ r: (layouts: [TextLayout], height: Double), shaded: Bool) {
            var x = Page.margin
            if shaded {
                cairo_set_source_rgb(cr, 0.93, 0.93, 0.93)
                cairo_rectangle(cr, Page.margin, y, Page.contentWidth, r.height)
                cairo_fill(cr)
                cairo_set_source_rgb(cr, 0, 0, 0)
            }
            for (i, l) in r.layouts.enumerated() {
                l.draw(on: cr, x: x + padding, y: y + padding)
                x += widths[i]
            }
            cairo_set_source_rgb(cr, 0.8, 0.8, 0.8)
            cairo_set_line_width(cr, 0.4)
            cairo_move_to(cr, Page.margin, y + r.height)
            cairo_line_to(cr, Page.margin + Page.contentWidth, y + r.height)
            cairo_stroke(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
            y += r.height
            pageHasContent = true
        }
        let head = row(headerCells, header: true)
        ensure(head.height * 2)
        drawRow(head, shaded: true)
        for cells in table.rows {
            let r = row(cells, header: false)
            if y + r.height > Page.contentBottom {
                newPage()
                drawRow(row(headerCells, header: true), shaded: true)
            }
            drawRow(r, shaded: false)
        }
        y += 8
    }

    private mutating func placeDiagram(_ dot: String, layout: LayoutEngine, caption: String) throws(PDFError) {
        let captionLayout = TextLayout(
            cr: cr, runs: [Inline(caption, color: "#424242")], font: Fonts.small,
            width: Page.contentWidth)
        let captionHeight = captionLayout.size.height + 6
        // First the layout's size (nothing drawn), then where it goes, then the drawing.
        var size = (width: 0.0, height: 0.0)
        do {
            _ = try GraphvizEngine.draw(dot, layout: layout) { width, height in
                size = (width, height)
                return nil
            }
        } catch {
            throw PDFError("diagram: \(error.description)")
        }
        guard size.width > 0, size.height > 0 else { return }
        let fullHeight = Page.contentBottom - Page.top - captionHeight
        let fitPage = min(1, Page.contentWidth / size.width, fullHeight / size.height)
        var scale = min(1, Page.contentWidth / size.width, (Page.contentBottom - y - captionHeight) / size.height)
        if scale < fitPage * 0.8 && pageHasContent {
            // Too small in what is left of this page: the diagram gets the next one.
            newPage()
            scale = fitPage
        }
        let w = size.width * scale, h = size.height * scale
        let x = Page.margin + (Page.contentWidth - w) / 2
        // Graphviz finishes the surface it draws on: a sub-surface of the page, scaled to fit.
        guard let sub = cairo_surface_create_for_rectangle(surface, x, y, w, h), let context = cairo_create(sub) else {
            throw PDFError("cairo could not make a drawing area for the diagram")
        }
        cairo_surface_destroy(sub)
        defer { cairo_destroy(context) }
        cairo_scale(context, scale, scale)
        do {
            _ = try GraphvizEngine.draw(dot, layout: layout) { _, _ in UnsafeMutableRawPointer(context) }
        } catch {
            throw PDFError("diagram: \(error.description)")
        }
        y += h + 4
        captionLayout.draw(on: cr, x: Page.margin, y: y)
        y += captionHeight
        pageHasContent = true
    }
}
