import CorpGraphFiles
import SystemPackage
import CorpGraph
import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

extension CSVPair {
    /// Writes `graph` as `directory/entities.csv` and `directory/relationships.csv` in the format ``read(directory:into:registry:options:)``
    /// reads back into the same graph (ids, kinds, names, codes, tags, aliases, identifiers, designations with
    /// program and dates, shares including intervals, payments, validity dates, relationship ids and control types).
    ///
    /// Columns beyond the standard ones (`aliases`, `identifiers`, `program`, `listed`, `delisted`, `start`, `end`,
    /// `id`, `controlType`, `role`, `basis`, `confidence`) are written only when some record has a value for them.
    /// Each file is written to a temporary file in `directory` and renamed over the target, so a reader never sees a
    /// half-written file. With ``Options/spreadsheetSafe``, text cells starting with `=`, `+`, `-` or `@` get a
    /// leading `'` (formula-injection guard); that changes the data, so it is off by default.
    ///
    /// - Throws: ``Diagnostic`` when a file cannot be written, or when a multi-valued cell (tags, aliases, sanctions
    ///   codes, identifiers) holds a `;`, which the format uses to join values.
    public static func write(graph: Graph, to directory: String, options: Options = Options()) throws(Diagnostic) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic(
                .error, .writeFailed, .fileRejected, at: SourceLocation(file: directory),
                "cannot create directory: \(error.localizedDescription)")
        }
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        let safe = options.spreadsheetSafe

        // Entities.
        let entities = (0..<graph.entityCount).map { graph.entity($0) }
        let hasAliases = entities.contains { !$0.aliases.isEmpty }
        let hasIdentifiers = entities.contains { !$0.identifiers.isEmpty }
        let designations = entities.flatMap(\.designations)
        let hasProgram = designations.contains { $0.program != nil }
        let hasListed = designations.contains { $0.listed != nil }
        let hasDelisted = designations.contains { $0.delisted != nil }
        var header = ["id", "kind", "name", "jurisdiction", "sanctions", "tags"]
        if hasAliases { header.append("aliases") }
        if hasIdentifiers { header.append("identifiers") }
        if hasProgram { header.append("program") }
        if hasListed { header.append("listed") }
        if hasDelisted { header.append("delisted") }
        let entityFile = try AtomicCSVFile(path: base + entitiesFileName)
        do {
            try entityFile.row(header.map { ($0, false) })
            for e in entities {
                func joined(_ values: [String], _ field: String) throws(Diagnostic) -> String {
                    if let bad = values.first(where: { $0.contains(";") }) {
                        throw Diagnostic(
                            .error, .writeFailed, .fileRejected,
                            at: SourceLocation(file: base + entitiesFileName, record: e.id), field: field,
                            "cannot write '\(bad)': ';' joins the values of a cell in the CSV pair")
                    }
                    return values.joined(separator: ";")
                }
                var cells: [(String, Bool)] = [
                    (e.id, true), (e.kind.description, false), (e.name, true), (e.jurisdiction ?? "", true),
                    (try joined(e.designations.map(\.list), "sanctions"), true), (try joined(e.tags, "tags"), true),
                ]
                if hasAliases { cells.append((try joined(e.aliases, "aliases"), true)) }
                if hasIdentifiers {
                    let pairs = e.identifiers.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
                    cells.append((try joined(pairs, "identifiers"), true))
                }
                if hasProgram { cells.append((try joined(e.designations.map { $0.program ?? "" }, "program"), true)) }
                if hasListed {
                    cells.append((e.designations.map { $0.listed?.description ?? "" }.joined(separator: ";"), false))
                }
                if hasDelisted {
                    cells.append((e.designations.map { $0.delisted?.description ?? "" }.joined(separator: ";"), false))
                }
                try entityFile.row(cells, spreadsheetSafe: safe)
            }
            try entityFile.commit()
        } catch {
            entityFile.abort()
            throw error
        }

        // Relationships.
        let relationships = (0..<graph.relationshipCount).map { graph.relationship($0) }
        let hasStart = relationships.contains { $0.start != nil }
        let hasEnd = relationships.contains { $0.end != nil }
        let hasID = relationships.contains { $0.id != nil }
        let hasControl = relationships.contains { $0.controlType != nil }
        let hasRole = relationships.contains { $0.role != nil }
        let hasBasis = relationships.contains { $0.basis != nil }
        let hasConfidence = relationships.contains { $0.confidence != nil }
        header = ["source", "target", "kind", "share", "amount", "currency", "date"]
        for (flag, name) in [
            (hasStart, "start"), (hasEnd, "end"), (hasID, "id"), (hasControl, "controlType"),
            (hasRole, "role"), (hasBasis, "basis"), (hasConfidence, "confidence"),
        ] where flag {
            header.append(name)
        }
        let relationshipFile = try AtomicCSVFile(path: base + relationshipsFileName)
        do {
            try relationshipFile.row(header.map { ($0, false) })
            for r in relationships {
                var cells: [(String, Bool)] = [
                    (r.source, true), (r.target, true), (r.kind.description, false),
                    (r.share.map(shareText) ?? "", false), (r.amount.map { "\($0)" } ?? "", false),
                    (r.currency ?? "", true), (r.date?.description ?? "", false),
                ]
                if hasStart { cells.append((r.start?.description ?? "", false)) }
                if hasEnd { cells.append((r.end?.description ?? "", false)) }
                if hasID { cells.append((r.id ?? "", true)) }
                if hasControl { cells.append((r.controlType ?? "", true)) }
                if hasRole { cells.append((r.role ?? "", true)) }
                if hasBasis { cells.append((r.basis ?? "", true)) }
                if hasConfidence { cells.append((r.confidence ?? "", true)) }
                try relationshipFile.row(cells, spreadsheetSafe: safe)
            }
            try relationshipFile.commit()
        } catch {
            relationshipFile.abort()
            throw error
        }
    }

    /// A cell as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break (quotes doubled).
    /// `spreadsheetSafe` prefixes `'` to text starting with `=`, `+`, `-` or `@`.
    static func csvCell(_ text: String, isText: Bool, spreadsheetSafe: Bool) -> String {
        var t = text
        if spreadsheetSafe && isText, let first = t.utf8.first,
            first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                || first == UInt8(ascii: "@")
        {
            t = "'" + t
        }
        if t.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return t
    }
}

/// A CSV file written to a temporary file beside `path` and renamed to `path` on ``commit()`` (``AtomicFile``).
final class AtomicCSVFile {
    let path: String
    private let file: AtomicFile
    private var buffer: [UInt8] = []

    init(path: String) throws(Diagnostic) {
        self.path = path
        do {
            file = try AtomicFile(path: path)
        } catch {
            throw Self.failure(path, error)
        }
        buffer.reserveCapacity(1 << 20)
    }

    private static func failure(_ path: String, _ error: Errno) -> Diagnostic {
        Diagnostic(
            .error, .writeFailed, .fileRejected, at: SourceLocation(file: path), "cannot write file: \(error.message)")
    }

    func row(_ cells: [(String, Bool)], spreadsheetSafe: Bool = false) throws(Diagnostic) {
        for (i, (text, isText)) in cells.enumerated() {
            if i > 0 { buffer.append(0x2C) }
            buffer.append(contentsOf: CSVPair.csvCell(text, isText: isText, spreadsheetSafe: spreadsheetSafe).utf8)
        }
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws(Diagnostic) {
        do {
            try file.write(buffer)
        } catch {
            throw Self.failure(path, error)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws(Diagnostic) {
        try flush()
        do {
            try file.commit()
        } catch {
            throw Self.failure(path, error)
        }
    }

    func abort() {
        file.abort()
    }
}
