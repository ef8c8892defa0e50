import CCairo
import CorpGraphRender

/// Why a PDF could not be written.
public struct PDFError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Typesets a ``PDFDocument`` on A4 pages with cairo and pango: running header, page numbers ("page 2 of 7"),
/// clickable links, PDF metadata, fonts embedded (cairo embeds subsets of every font it uses), text shaped by pango
/// (CJK, Cyrillic and Arabic through fontconfig fallback from Noto Sans CJK), diagrams as vectors.
///
/// Deterministic: the same document gives the same bytes (dates come from ``PDFDocument/Info/date``).
public enum PDFWriter {
    public static func render(_ document: PDFDocument) throws(PDFError) -> [UInt8] {
        // Pass 1 counts the pages (nothing kept), pass 2 draws them knowing the total for "page n of N".
        let pages = try typeset(document, totalPages: nil).pages
        let result = try typeset(document, totalPages: pages)
        return result.bytes
    }

    private static func typeset(_ document: PDFDocument, totalPages: Int?) throws(PDFError) -> (
        bytes: [UInt8], pages: Int
    ) {
        let sink = ByteSink()
        let opaque = Unmanaged.passUnretained(sink).toOpaque()
        guard let surface = cairo_pdf_surface_create_for_stream(writeToSink, opaque, Page.width, Page.height) else {
            throw PDFError("cairo could not create a PDF surface")
        }
        let info = document.info
        for (key, value) in [
            (CAIRO_PDF_METADATA_TITLE, info.title), (CAIRO_PDF_METADATA_SUBJECT, info.subject),
            (CAIRO_PDF_METADATA_AUTHOR, info.author), (CAIRO_PDF_METADATA_CREATOR, info.creator),
            (CAIRO_PDF_METADATA_KEYWORDS, info.keywords),
            (CAIRO_PDF_METADATA_CREATE_DATE, info.date), (CAIRO_PDF_METADATA_MOD_DATE, info.date),
        ]
        where !value.isEmpty {
            cairo_pdf_surface_set_metadata(surface, key, value)
        }
        let cr = cairo_create(surface)!
        var setter = Typesetter(cr: cr, surface: surface, info: info, totalPages: totalPages)
        setter.startPage()
        var failure: PDFError?
        for block in document.blocks {
            do throws(PDFError) { try setter.place(block) } catch { failure = error; break }
        }
        setter.finishPage()
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        if let failure { throw failure }
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFError("cairo failed: \(String(cString: cairo_status_to_string(status)))")
        }
        return (sink.bytes, setter.pageNumber)
    }
}

/// A4 in points, with the margins the flow keeps.
enum Page {
    static let width = 595.276
    static let height = 841.89
    static let margin = 56.0
    static let top = 70.0
    static let bottom = 60.0
    static var contentWidth: Double { width - 2 * margin }
    static var contentBottom: Double { height - bottom }
}

/// Collects what cairo writes.
private final class ByteSink {
    var bytes: [UInt8] = []
}

private func writeToSink(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32)
    -> cairo_status_t
{
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
