import CorpGraph
import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CSV pair: `entities.csv` and `relationships.csv` (DESIGN §3), the bulk and benchmark format.
///
/// **Reading.** Columns are found by header name (any order, case-insensitive); a missing required column is an
/// error, an unknown one a warning. RFC 4180 quoting (commas, doubled quotes and line breaks inside quotes), UTF-8
/// with an optional byte order mark, LF, CRLF or CR line ends. Multi-valued cells are joined by `;`.
///
/// `entities.csv`: `id,kind,name` required; optional `jurisdiction`, `sanctions` (list codes, each becoming a
/// ``Designation``), `tags`, `aliases`, `identifiers` (`scheme:value;…`), and `program`, `listed`, `delisted` (one
/// value for every code in `sanctions`, or one per code in the same order).
///
/// `relationships.csv`: `source,target,kind` required; optional `share`, `amount`, `currency`, `date`, `start`, `end`,
/// `id`, `controlType`, `role`, `basis`, `confidence`. `share` is a percent from 0 to 100 (`50`, `33.33`, `50%`),
/// empty or `?` for unknown, or an interval: `25-50` (both bounds inclusive), `>25-50`, `25-<50`, `>25-<50`
/// (exclusive bounds), `>=50`, `>50`, `<=25`, `<25` (one bound). Dates are `YYYY-MM-DD`; amounts plain decimals.
///
/// **Problems.** Everything found in a row is reported to the builder's diagnostics with file, line of the record's
/// start, field, what was expected and what was found; reading goes on. A row with a malformed value (bad share,
/// date, amount or kind, wrong field count, invalid UTF-8) is left out; an entity whose only problem is an unknown
/// jurisdiction code is kept with that code (a relationship likewise with an unknown currency). Problems that make
/// the rest of the file meaningless are thrown as a ``Diagnostic``: a missing file, an empty file, a missing
/// required column, binary data, a field longer than ``Options/maxFieldBytes``, a file that ends inside quotes, or
/// more than ``Options/maxProblemsPerFile`` problems in one file.
///
/// **Speed.** The files are read in chunks and parsed as bytes; numbers, dates and kinds are never turned into
/// `String`s, codes are interned once per distinct value, and records go into ``GraphBuilder`` through its bulk path.
public enum CSVPair {
    public struct Options: Sendable {
        /// Longest field accepted (bytes); a longer one is an error found before it is held whole.
        public var maxFieldBytes: Int
        /// Problems (errors and warnings) reported per file before reading stops with an error.
        public var maxProblemsPerFile: Int
        /// Read size.
        public var chunkBytes: Int
        /// Writer only: prefix text cells starting with `=`, `+`, `-` or `@` with `'` so spreadsheets do not run
        /// them as formulas. Off by default, because it changes the data: a round trip keeps the graph only without it.
        public var spreadsheetSafe: Bool
        /// Hears bytes and rows read (both files of a pair into one meter).
        var meter: ProgressMeter?

        public init(
            maxFieldBytes: Int = 1 << 20, maxProblemsPerFile: Int = 1000, chunkBytes: Int = 4 << 20,
            spreadsheetSafe: Bool = false
        ) {
            self.maxFieldBytes = maxFieldBytes
            self.maxProblemsPerFile = maxProblemsPerFile
            self.chunkBytes = chunkBytes
            self.spreadsheetSafe = spreadsheetSafe
        }
    }

    public static let entitiesFileName = "entities.csv"
    public static let relationshipsFileName = "relationships.csv"

    /// Reads `directory/entities.csv` and `directory/relationships.csv`.
    public static func read(
        directory: String, into builder: inout GraphBuilder, registry: CodeRegistry?,
        options: Options = Options()
    ) throws(Diagnostic) {
        // An empty directory is the current one: the files keep their bare names in diagnostics.
        let base = directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
        try read(
            entities: base + entitiesFileName, relationships: base + relationshipsFileName, into: &builder,
            registry: registry, options: options)
    }

    /// Reads an entities file and a relationships file: the two are parsed at the same time on two threads, then
    /// added to `builder` (entities first), so the result is the same as reading them one after the other.
    public static func read(
        entities: String, relationships: String, into builder: inout GraphBuilder,
        registry: CodeRegistry?, options: Options = Options()
    ) throws(Diagnostic) {
        try read(
            entities: File(path: entities), relationships: File(path: relationships), into: &builder,
            registry: registry, options: options)
    }

    /// A file of the pair: a path, or a file already open (expanded from a `.gz`/`.zip` input) named `path`.
    struct File {
        var path: String
        var descriptor: Int32?
    }

    /// Reads the pair, or one file of it; with both, they are parsed on two threads.
    static func read(
        entities: File?, relationships: File?, into builder: inout GraphBuilder,
        registry: CodeRegistry?, options: Options = Options()
    ) throws(Diagnostic) {
        final class Box: @unchecked Sendable { var outcome: Outcome<[RelationshipColumns]>? }
        let box = Box()
        let group = DispatchGroup()
        if let relationships {
            DispatchQueue.global().async(group: group) {
                box.outcome = parseRelationships(relationships, registry: registry, options: options)
            }
        }
        var entityOutcome = entities.map { parseEntities($0, registry: registry, options: options) }
        group.wait()
        try entityOutcome?.deliver(into: &builder, path: entities!.path)
        guard let relationships else { return }
        guard var relationshipOutcome = box.outcome else {
            throw Diagnostic(
                .error, .unreadableFile, .fileRejected, at: SourceLocation(file: relationships.path),
                "internal error: the relationships file was not read")
        }
        box.outcome = nil
        try relationshipOutcome.deliver(into: &builder, path: relationships.path)
    }

    /// Reads one `entities.csv` into `builder`.
    public static func readEntities(
        _ path: String, into builder: inout GraphBuilder, registry: CodeRegistry?,
        options: Options = Options()
    ) throws(Diagnostic) {
        try read(entities: File(path: path), relationships: nil, into: &builder, registry: registry, options: options)
    }

    /// Reads one `relationships.csv` into `builder`. Ids are resolved against the entities added so far; the rest
    /// are resolved (or reported as dangling) when the graph is built.
    public static func readRelationships(
        _ path: String, into builder: inout GraphBuilder, registry: CodeRegistry?,
        options: Options = Options()
    ) throws(Diagnostic) {
        try read(entities: nil, relationships: File(path: path), into: &builder, registry: registry, options: options)
    }

    /// What parsing one file gave: columns, problems, and the error that stopped it, if any.
    struct Outcome<Columns> {
        var columns: Columns
        var diagnostics: [Diagnostic] = []
        /// Positions in ``diagnostics`` of rows left out.
        var rejected: Set<Int> = []
        var error: Diagnostic?

        func report(into builder: inout GraphBuilder) {
            for (i, d) in diagnostics.enumerated() {
                if rejected.contains(i) { builder.reject(d) } else { builder.report(d) }
            }
        }
    }

    /// Whether `path` is a directory holding the pair.
    public static func isPairDirectory(_ path: String) -> Bool {
        let fm = FileManager.default
        let base = path.hasSuffix("/") ? path : path + "/"
        return fm.fileExists(atPath: base + entitiesFileName) && fm.fileExists(atPath: base + relationshipsFileName)
    }
}

extension CSVPair.Outcome where Columns == EntityColumns {
    /// Adds what was parsed (problems first, then the rows) and rethrows the error that stopped parsing. The columns
    /// are moved out first, so the builder adopts their arrays without copying.
    mutating func deliver(into builder: inout GraphBuilder, path: String) throws(Diagnostic) {
        report(into: &builder)
        if let error { throw error }
        let batch = columns
        columns = EntityColumns()
        builder.append(batch, file: builder.fileID(path))
    }
}

extension CSVPair.Outcome where Columns == [RelationshipColumns] {
    mutating func deliver(into builder: inout GraphBuilder, path: String) throws(Diagnostic) {
        report(into: &builder)
        if let error { throw error }
        let file = builder.fileID(path)
        for i in columns.indices {
            let batch = columns[i]
            columns[i] = RelationshipColumns()
            builder.append(batch, file: file)
        }
    }
}
