import CorpGraph
/// A DOT document model and a deterministic encoder, in pure Swift (no Graphviz needed to produce or golden-test it).
///
/// Statements keep the order they were added in; attributes are written sorted by name; every identifier and every
/// attribute value is quoted and goes through ``DOTEscaping/escape(_:for:)``, the one escaping function. HTML-like
/// labels exist only as ``HTMLLabel`` values, which can be built only from escaped text.
public struct DOTGraph: Hashable, Sendable {
    public var name: String
    public var directed: Bool
    /// Graph attributes (`graph [...]`).
    public var attributes: DOTAttributes
    /// Default node attributes (`node [...]`).
    public var nodeDefaults: DOTAttributes
    /// Default edge attributes (`edge [...]`).
    public var edgeDefaults: DOTAttributes
    public var statements: [DOTStatement]

    public init(
        name: String = "G", directed: Bool = true, attributes: DOTAttributes = [:],
        nodeDefaults: DOTAttributes = [:], edgeDefaults: DOTAttributes = [:], statements: [DOTStatement] = []
    ) {
        self.name = name
        self.directed = directed
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.statements = statements
    }

    public mutating func add(_ statement: DOTStatement) { statements.append(statement) }

    /// Number of node statements, in subgraphs too.
    public var nodeCount: Int { statements.reduce(0) { $0 + $1.nodeCount } }
    /// Number of edge statements, in subgraphs too.
    public var edgeCount: Int { statements.reduce(0) { $0 + $1.edgeCount } }

    /// The DOT text: deterministic bytes for the same model.
    public func encoded() -> String {
        var out = DOTWriter()
        out.line(0, (directed ? "digraph " : "graph ") + DOTEscaping.escape(name, for: .identifier) + " {")
        out.defaults(1, "graph", attributes)
        out.defaults(1, "node", nodeDefaults)
        out.defaults(1, "edge", edgeDefaults)
        for s in statements { out.statement(s, depth: 1, directed: directed) }
        out.line(0, "}")
        return out.text
    }
}

/// One statement of a graph or subgraph body.
public enum DOTStatement: Hashable, Sendable {
    case node(DOTNode)
    case edge(DOTEdge)
    case subgraph(DOTSubgraph)

    var nodeCount: Int {
        switch self {
        case .node: 1
        case .edge: 0
        case .subgraph(let s): s.statements.reduce(0) { $0 + $1.nodeCount }
        }
    }

    var edgeCount: Int {
        switch self {
        case .node: 0
        case .edge: 1
        case .subgraph(let s): s.statements.reduce(0) { $0 + $1.edgeCount }
        }
    }
}

/// A node statement: `"id" [attributes]`.
public struct DOTNode: Hashable, Sendable {
    public var id: String
    public var attributes: DOTAttributes
    public init(_ id: String, _ attributes: DOTAttributes = [:]) {
        self.id = id
        self.attributes = attributes
    }
}

/// An edge statement: `"from" -> "to" [attributes]`.
public struct DOTEdge: Hashable, Sendable {
    public var from: String
    public var to: String
    public var attributes: DOTAttributes
    public init(_ from: String, _ to: String, _ attributes: DOTAttributes = [:]) {
        self.from = from
        self.to = to
        self.attributes = attributes
    }
}

/// A subgraph; an id starting with `cluster` makes Graphviz draw it as a box.
public struct DOTSubgraph: Hashable, Sendable {
    public var id: String
    public var attributes: DOTAttributes
    public var nodeDefaults: DOTAttributes
    public var statements: [DOTStatement]
    public init(
        _ id: String, attributes: DOTAttributes = [:], nodeDefaults: DOTAttributes = [:],
        statements: [DOTStatement] = []
    ) {
        self.id = id
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.statements = statements
    }
}

/// Attribute name → value; written sorted by name.
public struct DOTAttributes: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
    public private(set) var values: [String: DOTValue]

    public init(dictionaryLiteral elements: (String, DOTValue)...) {
        values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public init(_ values: [String: DOTValue] = [:]) { self.values = values }

    public subscript(name: String) -> DOTValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Adds or replaces every attribute of `other`.
    public mutating func merge(_ other: DOTAttributes) {
        values.merge(other.values) { _, new in new }
    }

    /// The attributes sorted by name: the order they are written in.
    public var sorted: [(name: String, value: DOTValue)] {
        values.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: DOTValue)]> { sorted.makeIterator() }
}

/// An attribute value: text (always quoted and escaped) or an HTML-like label built by ``HTMLLabel``.
public enum DOTValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    case text(String)
    case html(HTMLLabel)

    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .text(String(value)) }
    public init(floatLiteral value: Double) { self = .text(String(value)) }
    public init(booleanLiteral value: Bool) { self = .text(value ? "true" : "false") }

    /// The value as written in DOT.
    public var encoded: String {
        switch self {
        case .text(let s): DOTEscaping.escape(s, for: .text)
        case .html(let h): "<" + h.markup + ">"
        }
    }
}

/// The one escaping function for everything corpgraph writes into DOT.
public enum DOTEscaping {
    /// Where a string goes.
    public enum Context: Sendable {
        /// A node, edge-end, graph or subgraph id: returned quoted.
        case identifier
        /// An attribute value (label, tooltip, colour, …): returned quoted. Graphviz decodes `&…;` entities and the
        /// escapes `\n \l \r \N \G \E \T \H \L` in labels, so `&` and `\` are escaped too; a line break becomes `\n`.
        case text
        /// Text inside an HTML-like label (not quoted): entities for `& < > "`, line breaks as `<BR/>`.
        case html
        /// An attribute value inside an HTML-like label (`COLOR="…"`), not quoted: entities for `& < > "`, line breaks
        /// as spaces (`<BR/>` inside an attribute makes Graphviz 2.42 abort the process; found by fuzzing).
        case htmlAttribute
    }

    /// Makes `string` safe for `context`: quotes, backslashes, line breaks, braces, `<…>`, control characters and
    /// non-Latin text (which stays as UTF-8; the graph declares `charset="UTF-8"`).
    ///
    /// - Quoted contexts: `"` → `\"`, `\` → `\\`; CR LF, CR, LF, NEL, LS, PS → `\n`; tab → space; other control
    ///   characters (C0, DEL, C1) → U+FFFD; in `.text` also `&` → `&amp;`. Braces, brackets, `;`, `<`, `>` need nothing
    ///   inside quotes. In `.identifier` a line break stays a literal `\n` in the name (ids are never labels here).
    /// - `.html`: `&` `<` `>` `"` `]` → entities, line breaks → `<BR/>`, tab → space, other control characters → U+FFFD.
    public static func escape(_ string: String, for context: Context) -> String {
        let quoted = context != .html && context != .htmlAttribute
        // Printable ASCII with nothing to escape in any context, and not blank: as is.
        if string.utf8.contains(where: { $0 != 0x20 }),
            string.utf8.allSatisfy({ b in
                b >= 0x20 && b < 0x7F && b != 0x22 && b != 0x5C && b != 0x26 && b != 0x3C && b != 0x3E && b != 0x5D
            })
        {
            return quoted ? "\"" + string + "\"" : string
        }
        return escapeScalars(string, for: context)
    }

    /// ``escape(_:for:)`` scalar by scalar (every input; `escape` skips it for plain ASCII).
    static func escapeScalars(_ string: String, for context: Context) -> String {
        let quoted = context != .html && context != .htmlAttribute
        var out = String.UnicodeScalarView()
        // Graphviz 2.42 aborts the process (xlabels.c assertion) on an edge whose label is nothing but line breaks
        // when it also has an xlabel (found by fuzzing): blank text is written as one space, which draws the same.
        if context == .text, !string.isEmpty, string.unicodeScalars.allSatisfy({ $0.properties.isWhitespace }) {
            return "\" \""
        }
        if quoted { out.append("\"") }
        var previousWasCR = false
        for scalar in string.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousWasCR:
                continue  // CR LF is one line break
            case "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}":
                if context == .htmlAttribute { out.append(" "); continue }
                out.append(contentsOf: (context == .html ? "<BR/>" : "\\n").unicodeScalars)
            case "\t":
                out.append(" ")
            case "\"":
                out.append(contentsOf: (quoted ? "\\\"" : "&quot;").unicodeScalars)
            case "\\":
                out.append(contentsOf: (quoted ? "\\\\" : "\\").unicodeScalars)
            case "&" where context != .identifier:
                out.append(contentsOf: "&amp;".unicodeScalars)
            case "<" where !quoted:
                out.append(contentsOf: "&lt;".unicodeScalars)
            case ">" where !quoted:
                out.append(contentsOf: "&gt;".unicodeScalars)
            case "]" where !quoted:
                // Graphviz 2.42's HTML lexer rejects a text run that starts with `]` (found by fuzzing).
                out.append(contentsOf: "&#93;".unicodeScalars)
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    out.append("\u{FFFD}")
                } else {
                    out.append(scalar)
                }
            }
        }
        if quoted { out.append("\"") }
        return String(out)
    }
}

/// An HTML-like label, buildable only from escaped text, so user data can never inject markup.
public struct HTMLLabel: Hashable, Sendable {
    /// The markup between the outer `<` `>`.
    public let markup: String

    private init(markup: String) { self.markup = markup }

    /// Escaped text, with line breaks as `<BR/>`.
    public static func text(_ text: String) -> HTMLLabel {
        HTMLLabel(markup: DOTEscaping.escape(text, for: .html))
    }

    /// Text in a font (`<FONT POINT-SIZE=… COLOR=…>`); `bold` wraps it in `<B>`.
    /// Empty text stays empty: Graphviz rejects `<B></B>` and `<FONT …></FONT>` as a syntax error.
    public static func font(_ inner: HTMLLabel, pointSize: Int? = nil, color: String? = nil, bold: Bool = false)
        -> HTMLLabel
    {
        if inner.markup.isEmpty { return inner }
        var attributes = ""
        if let pointSize { attributes += " POINT-SIZE=\"\(pointSize)\"" }
        if let color { attributes += " COLOR=\"\(DOTEscaping.escape(color, for: .htmlAttribute))\"" }
        var m = inner.markup
        if bold { m = "<B>" + m + "</B>" }
        return HTMLLabel(markup: attributes.isEmpty ? m : "<FONT\(attributes)>" + m + "</FONT>")
    }

    /// Concatenation.
    public static func + (lhs: HTMLLabel, rhs: HTMLLabel) -> HTMLLabel { HTMLLabel(markup: lhs.markup + rhs.markup) }

    /// A table cell.
    public struct Cell: Hashable, Sendable {
        public var content: HTMLLabel
        public var background: String?
        public var columnSpan: Int
        public var align: String
        public var width: Int?
        public init(
            _ content: HTMLLabel, background: String? = nil, columnSpan: Int = 1, align: String = "LEFT",
            width: Int? = nil
        ) {
            self.content = content
            self.background = background
            self.columnSpan = columnSpan
            self.align = align
            self.width = width
        }
    }

    /// A table of rows of cells.
    public static func table(
        _ rows: [[Cell]], border: Int = 0, cellBorder: Int = 0, cellSpacing: Int = 2,
        cellPadding: Int = 2
    ) -> HTMLLabel {
        var m =
            "<TABLE BORDER=\"\(border)\" CELLBORDER=\"\(cellBorder)\" CELLSPACING=\"\(cellSpacing)\" CELLPADDING=\"\(cellPadding)\">"
        for row in rows {
            m += "<TR>"
            for cell in row {
                m += "<TD ALIGN=\"\(DOTEscaping.escape(cell.align, for: .html))\""
                if cell.columnSpan > 1 { m += " COLSPAN=\"\(cell.columnSpan)\"" }
                if let bg = cell.background { m += " BGCOLOR=\"\(DOTEscaping.escape(bg, for: .htmlAttribute))\"" }
                if let w = cell.width { m += " WIDTH=\"\(w)\"" }
                m += ">" + cell.content.markup + "</TD>"
            }
            m += "</TR>"
        }
        return HTMLLabel(markup: m + "</TABLE>")
    }
}

/// Writes DOT text with tab indentation.
private struct DOTWriter {
    var text = ""

    mutating func line(_ depth: Int, _ s: String) {
        text += String(repeating: "\t", count: depth)
        text += s
        text += "\n"
    }

    static func list(_ attributes: DOTAttributes) -> String {
        attributes.sorted.map { attributeName($0.name) + "=" + $0.value.encoded }.joined(separator: ", ")
    }

    /// Attribute names are ours; a plain one is written bare, anything else quoted.
    static func attributeName(_ name: String) -> String {
        let scalars = name.unicodeScalars
        let plain =
            !scalars.isEmpty && !("0"..."9").contains(scalars.first!)
            && scalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" }
        return plain ? name : DOTEscaping.escape(name, for: .identifier)
    }

    mutating func defaults(_ depth: Int, _ keyword: String, _ attributes: DOTAttributes) {
        guard !attributes.isEmpty else { return }
        line(depth, keyword + " [" + DOTWriter.list(attributes) + "];")
    }

    mutating func statement(_ s: DOTStatement, depth: Int, directed: Bool) {
        switch s {
        case .node(let n):
            let id = DOTEscaping.escape(n.id, for: .identifier)
            line(depth, n.attributes.isEmpty ? id + ";" : id + " [" + DOTWriter.list(n.attributes) + "];")
        case .edge(let e):
            let head =
                DOTEscaping.escape(e.from, for: .identifier) + (directed ? " -> " : " -- ")
                + DOTEscaping.escape(e.to, for: .identifier)
            line(depth, e.attributes.isEmpty ? head + ";" : head + " [" + DOTWriter.list(e.attributes) + "];")
        case .subgraph(let g):
            line(depth, "subgraph " + DOTEscaping.escape(g.id, for: .identifier) + " {")
            defaults(depth + 1, "graph", g.attributes)
            defaults(depth + 1, "node", g.nodeDefaults)
            for inner in g.statements { statement(inner, depth: depth + 1, directed: directed) }
            line(depth, "}")
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
