import CorpGraph
import Foundation

/// Reading plain input files whole (the native format and the third-party formats) or as a CSV pair.
extension DatasetLoader {
    static func readHead(_ path: String) throws -> [UInt8] {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw InputError(.unreadable, "\(path): cannot open for reading")
        }
        defer { try? h.close() }
        return Array((try? h.read(upToCount: 512)) ?? Data())
    }

    /// Reads a whole text file as UTF-8, dropping a BOM; rejects invalid UTF-8 with the byte offset.
    static func readText(_ path: String) throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > NativeDataset.maxBytes {
            throw InputError(
                .tooLarge, "\(path): file is \(size) bytes; the native format accepts at most \(NativeDataset.maxBytes)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.unreadable, "\(path): cannot read")
        }
        return try decodeText([UInt8](data), path: path)
    }

    /// `bytes` (the contents of `path`) as UTF-8 text without a BOM; invalid UTF-8 is an error with its line and offset.
    static func decodeText(_ input: [UInt8], path: String) throws -> String {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            var offset = 0
            // Find the first invalid byte for the message.
            var it = bytes.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&it) {
                case .scalarValue(let s): offset += String(s).utf8.count
                case .emptyInput: break loop
                case .error: break loop
                }
            }
            let line = bytes.prefix(offset).filter { $0 == 10 }.count + 1
            throw InputError(
                .invalidEncoding,
                "\(path):\(line): invalid UTF-8 at byte \(offset); expected UTF-8 text (binary or mis-encoded file?)")
        }
        return text
    }

    static func readFile(
        _ path: String, format: InputFormat, into builder: inout GraphBuilder,
        options: LoadOptions
    ) throws -> Policy? {
        switch format {
        case .native:
            return readNative(try readText(path), path: path, into: &builder, options: options)
        case .csv:
            try readCSV(directory: csvDirectory(of: path), into: &builder, options: options)
            return nil
        case .ftm:
            let input: InputBytes
            do { input = try InputBytes(mapping: path) } catch { throw InputError(.unreadable, error.description) }
            readFtM(input, name: path, into: &builder, options: options)
            return nil
        default:
            return try read(try readBytes(path), name: path, format: format, into: &builder, options: options)
        }
    }

    /// Reads `bytes`, the contents of the input `name`, as `format` (any but the CSV pair, which is read from files).
    static func read(
        _ bytes: [UInt8], name: String, format: InputFormat, into builder: inout GraphBuilder,
        options: LoadOptions
    ) throws -> Policy? {
        switch format {
        case .native:
            return readNative(try decodeText(bytes, path: name), path: name, into: &builder, options: options)
        case .csv:
            throw InputError(.other, "\(name): a CSV pair is read from its files")
        case .ftm:
            let meter = ProgressMeter(file: name, total: bytes.count, handler: options.progress)
            FollowTheMoneyReader.read(bytes, file: name, into: &builder, meter: meter)
            meter?.finish()
        case .bods:
            let meter = ProgressMeter(file: name, total: bytes.count, handler: options.progress)
            BODSReader.read(bytes, file: name, into: &builder, meter: meter)
            meter?.finish()
        case .gleif:
            let meter = ProgressMeter(file: name, total: bytes.count, handler: options.progress)
            GLEIFReader.read(bytes, file: name, into: &builder, meter: meter)
            meter?.finish()
        case .targets:
            OpenSanctionsTargetsReader.read(bytes, file: name, into: &builder)
        }
        return nil
    }

    /// FtM from a mapped input, streaming (pages behind the reader are given back).
    static func readFtM(_ input: InputBytes, name: String, into builder: inout GraphBuilder, options: LoadOptions) {
        let meter = ProgressMeter(file: name, total: input.count, handler: options.progress)
        FollowTheMoneyReader.read(input, file: name, into: &builder, meter: meter)
        meter?.finish()
    }

    static func readNative(_ text: String, path: String, into builder: inout GraphBuilder, options: LoadOptions)
        -> Policy?
    {
        if text.allSatisfy(\.isWhitespace) {
            builder.report(
                Diagnostic(
                    .error, .unexpectedStructure, .fileRejected, at: SourceLocation(file: path, line: 1),
                    "empty file; expected a dataset with 'entities' and 'relationships'"))
            return nil
        }
        let meter = ProgressMeter(file: path, total: text.utf8.count, handler: options.progress)
        defer { meter?.finish() }
        return NativeDataset.read(text: text, file: path, into: &builder, registry: options.registry, meter: meter)
    }

    /// The directory of a CSV pair file, as given: empty for a bare file name (the current directory).
    static func csvDirectory(of path: String) -> String { FilePaths.parent(of: path) }

    /// Reads a whole file for the third-party format readers (size-limited like the native format).
    static func readBytes(_ path: String) throws -> [UInt8] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let size = attributes?[.size] as? Int, size > 4 << 30 {
            throw InputError(.tooLarge, "\(path): file is \(size) bytes; split it (at most 4 GiB per file)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(.unreadable, "\(path): cannot read")
        }
        return [UInt8](data)
    }

    /// The CSV pair in `directory` (CSVPair.swift). A problem that stops reading a file (missing, empty, binary,
    /// truncated inside quotes, a field over 1 MiB, too many problems) is reported like any other, with its place.
    static func readCSV(directory: String, into builder: inout GraphBuilder, options: LoadOptions) throws {
        var csv = CSVPair.Options()
        if let progress = options.progress {
            let base = directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
            let sizes = [CSVPair.entitiesFileName, CSVPair.relationshipsFileName].map {
                (try? FileManager.default.attributesOfItem(atPath: base + $0)[.size] as? Int) ?? 0
            }
            csv.meter = ProgressMeter(
                file: directory.isEmpty ? "." : directory, total: sizes.reduce(0, +), handler: progress)
        }
        defer { csv.meter?.finish() }
        do {
            try CSVPair.read(directory: directory, into: &builder, registry: options.registry, options: csv)
        } catch {
            builder.report(error)
        }
    }
}
