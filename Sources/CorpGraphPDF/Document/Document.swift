import CorpGraphRender

/// A document to typeset: what it says, not how it looks. The case report builds one; ``PDFWriter`` lays it out on
/// A4 pages. Every string is plain text (never markup): the writer escapes it.
public struct PDFDocument: Sendable {
    /// PDF metadata and the running header.
    public var info: Info
    public var blocks: [Block]

    public init(info: Info, blocks: [Block]) {
        self.info = info
        self.blocks = blocks
    }

    public struct Info: Sendable, Hashable {
        public var title: String
        public var subject: String
        public var author: String
        public var creator: String
        public var keywords: String
        /// The document's date as `YYYY-MM-DDThh:mm:ss` (written as creation and modification date; never the clock,
        /// so the same report gives the same bytes).
        public var date: String
        /// Text at the top of every page after the first.
        public var runningHeader: String

        public init(
            title: String, subject: String, author: String = "", creator: String, keywords: String = "",
            date: String, runningHeader: String
        ) {
            self.title = title
            self.subject = subject
            self.author = author
            self.creator = creator
            self.keywords = keywords
            self.date = date
            self.runningHeader = runningHeader
        }
    }
}

/// A piece of text with one style; a paragraph is a sequence of them.
public struct Inline: Sendable, Hashable {
    public var text: String
    public var bold: Bool
    public var monospace: Bool
    /// An `http`, `https` or `mailto` address the text links to (other schemes are shown, never linked).
    public var link: String?
    /// A colour as `#rrggbb`.
    public var color: String?

    public init(_ text: String, bold: Bool = false, monospace: Bool = false, link: String? = nil, color: String? = nil)
    {
        self.text = text
        self.bold = bold
        self.monospace = monospace
        self.link = link
        self.color = color
    }
}

/// One block of the flow, placed top to bottom; a block that does not fit on the page starts the next one (a table
/// breaks between rows and repeats its header).
public enum Block: Sendable {
    case heading(String, level: Int)
    case paragraph([Inline])
    /// Label → value lines (the cover's facts).
    case facts([Fact])
    case table(Table)
    /// A Graphviz diagram drawn as vectors, scaled to the page width (never up), with its caption.
    case diagram(dot: String, layout: LayoutEngine, caption: String)
    case pageBreak
}

public struct Fact: Sendable, Hashable {
    public var label: String
    public var value: [Inline]
    public init(_ label: String, _ value: [Inline]) {
        self.label = label
        self.value = value
    }
}

public struct Table: Sendable {
    /// Column titles with relative widths.
    public var columns: [(title: String, weight: Double)]
    public var rows: [[[Inline]]]
    public init(columns: [(title: String, weight: Double)], rows: [[[Inline]]]) {
        self.columns = columns
        self.rows = rows
    }
}
