import CorpGraph
import Foundation

/// Inputs that are not plain files: `-` (standard input), `.gz` files and `.zip` archives (``InputSource``). Each
/// file inside is read by its own format, detected from its name inside the archive and its first bytes; messages
/// name it `archive.zip:member` (a gzip file by its own path).
extension DatasetLoader {
    /// Reads every file `path` holds into `builder`, recording each one's format; returns the policies found.
    static func readPacked(
        _ path: String, into builder: inout GraphBuilder, options: LoadOptions,
        formats: inout [String: String]
    ) throws -> [(String, Policy)] {
        let inputs: [ExpandedInput]
        do {
            inputs = try InputSource.expand(path, progress: options.progress)
        } catch {
            builder.report(
                Diagnostic(.error, .unreadableFile, .fileRejected, at: SourceLocation(file: error.path), error.message))
            formats[error.path] = path == InputSource.standardInput ? "stdin" : "archive"
            return []
        }
        var policies: [(String, Policy)] = []
        // The CSV files, by their folder inside the archive: `entities.csv` and `relationships.csv` side by side are
        // one pair.
        var pairs: [String: (entities: ExpandedInput?, relationships: ExpandedInput?)] = [:]
        var pairOrder: [String] = []
        for input in inputs {
            let head = input.head()
            let detected =
                options.format ?? InputFormat.detect(path: input.formatName, isDirectory: false, head: head)
                ?? (looksLikeYAML(head) ? .native : nil)
            guard let format = detected else {
                if inputs.count == 1 {
                    throw InputError(
                        .unknownFormat,
                        "\(input.name): cannot tell the format from the name or content; expected one of "
                            + InputFormat.allCases.map(\.rawValue).joined(separator: ", "))
                }
                builder.report(
                    Diagnostic(
                        .warning, .inputSkipped, .skipped, at: SourceLocation(file: input.name),
                        "archive member of no known format; skipped"))
                continue
            }
            formats[input.name] = format.rawValue
            guard format == .csv else {
                if let p = try readExpanded(input, format: format, into: &builder, options: options) {
                    policies.append((input.name, p))
                }
                continue
            }
            let folder = FilePaths.parent(of: input.formatName)
            if pairs[folder] == nil { pairOrder.append(folder) }
            var pair = pairs[folder] ?? (nil, nil)
            switch csvRole(name: input.formatName, head: head) {
            case .entities?: if pair.entities == nil { pair.entities = input }
            case .relationships?: if pair.relationships == nil { pair.relationships = input }
            case nil:
                builder.report(
                    Diagnostic(
                        .error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: input.name, line: 1),
                        "a CSV file that is neither entities.csv (header 'id,kind,name,…') nor relationships.csv (header 'source,target,kind,…')"
                    ))
            }
            pairs[folder] = pair
        }
        for folder in pairOrder {
            guard let pair = pairs[folder], pair.entities != nil || pair.relationships != nil else { continue }
            var csv = CSVPair.Options()
            csv.meter = ProgressMeter(
                file: pair.entities?.name ?? pair.relationships!.name,
                total: (pair.entities?.size ?? 0) + (pair.relationships?.size ?? 0), handler: options.progress)
            defer { csv.meter?.finish() }
            do {
                try CSVPair.read(
                    entities: pair.entities.map { CSVPair.File(path: $0.name, descriptor: $0.spool.descriptor) },
                    relationships: pair.relationships.map {
                        CSVPair.File(path: $0.name, descriptor: $0.spool.descriptor)
                    },
                    into: &builder, registry: options.registry, options: csv)
            } catch {
                builder.report(error)
            }
        }
        return policies
    }

    enum CSVRole { case entities, relationships }

    /// Which file of the pair a CSV is: by its name, else by its header.
    static func csvRole(name: String, head: [UInt8]) -> CSVRole? {
        let base = name.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if base.hasPrefix(CSVPair.entitiesFileName) { return .entities }
        if base.hasPrefix(CSVPair.relationshipsFileName) { return .relationships }
        var bytes = head.prefix { $0 != 0x0A && $0 != 0x0D }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let columns = Set(
            String(decoding: bytes, as: UTF8.self).lowercased().split(separator: ",").map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            })
        if columns.isSuperset(of: ["source", "target", "kind"]) { return .relationships }
        if columns.isSuperset(of: ["id", "kind", "name"]) { return .entities }
        return nil
    }

    /// Without a telling name (standard input), a YAML dataset is known by its top-level keys.
    static func looksLikeYAML(_ head: [UInt8]) -> Bool {
        let text = String(decoding: head, as: UTF8.self)
        return ["entities:", "relationships:", "policy:", "extends:"].contains {
            text.hasPrefix($0) || text.contains("\n" + $0)
        }
    }

    /// Reads one expanded file (any format but the CSV pair).
    static func readExpanded(
        _ input: ExpandedInput, format: InputFormat, into builder: inout GraphBuilder,
        options: LoadOptions
    ) throws -> Policy? {
        if format == .native && input.size > NativeDataset.maxBytes {
            throw InputError(
                .tooLarge,
                "\(input.name): expands to \(input.size) bytes; the native format accepts at most \(NativeDataset.maxBytes)"
            )
        }
        let mapped: InputBytes
        do { mapped = try input.bytes() } catch { throw InputError(.unreadable, error.description) }
        if format == .ftm {
            readFtM(mapped, name: input.name, into: &builder, options: options)
            return nil
        }
        return try read(Array(mapped.buffer), name: input.name, format: format, into: &builder, options: options)
    }
}
