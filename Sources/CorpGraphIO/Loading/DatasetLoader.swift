import CorpGraph
import CorpGraphSnapshot
import Foundation

/// The input formats a command can read.
public enum InputFormat: String, CaseIterable, Sendable {
    /// Native YAML/JSON dataset.
    case native
    /// The CSV pair `entities.csv` + `relationships.csv`.
    case csv
    /// FollowTheMoney JSON lines (OpenSanctions `entities.ftm.json`, Aleph exports).
    case ftm
    /// Beneficial Ownership Data Standard 0.4 (JSON array or JSON lines).
    case bods
    /// GLEIF golden copy: Level 2 relationship records, reporting exceptions, Level 1 LEI records (JSON or XML).
    case gleif
    /// OpenSanctions `targets.simple.csv`: designations for matching ids.
    case targets

    /// The format a path most likely holds, from its name and first bytes.
    static func detect(path: String, isDirectory: Bool, head: [UInt8]) -> InputFormat? {
        if isDirectory { return .csv }
        let lower = path.lowercased()
        let text = String(decoding: head, as: UTF8.self)
        if lower.hasSuffix(".ftm.json") || lower.hasSuffix(".ijson") { return .ftm }
        if lower.hasSuffix("targets.simple.csv") || (lower.hasSuffix(".csv") && text.hasPrefix("id,schema,name")) {
            return .targets
        }
        if lower.hasSuffix(".xml") || text.hasPrefix("<") {
            return text.contains("gleif.org") || text.contains("RelationshipData") || text.contains("LEIData")
                || text.contains("ReportingExceptionData") ? .gleif : nil
        }
        if lower.hasSuffix(".json") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || text.hasPrefix("{")
            || text.hasPrefix("[")
        {
            let compact = text.filter { !$0.isWhitespace }
            if compact.contains("\"statementId\":") || compact.contains("\"recordDetails\":")
                || compact.contains("\"statementID\":") || compact.contains("\"statementType\":")
            {
                return .bods
            }
            if compact.contains("\"StartNode\":") || compact.contains("\"ExceptionCategory\":")
                || (compact.contains("\"LEI\":") && compact.contains("\"Entity\":"))
            {
                return .gleif
            }
            if compact.hasPrefix("{") && (compact.contains("\"schema\":") || compact.contains("\"properties\":"))
                && !compact.contains("\"entities\":")
            {
                return .ftm
            }
        }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") { return .native }
        if lower.hasSuffix(".csv") { return .csv }
        if let first = head.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }).first,
            first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        {
            return .native
        }
        return nil
    }
}

/// Options for ``DatasetLoader/load(_:options:)``.
public struct LoadOptions: Sendable {
    /// Forces a format instead of detecting it.
    public var format: InputFormat?
    /// A policy file (native format, `policy:` key) that overrides the datasets' policies.
    public var policyFile: String?
    /// Codes to validate jurisdictions and currencies against; `nil` skips those checks.
    public var registry: CodeRegistry?
    /// Hears how far each input has got (``LoadProgress``), from the reading thread; `nil`: no counting at all.
    public var progress: LoadProgressHandler?
    /// A snapshot's index columns are checked lazily, each the first time it is read: this hears of a damaged one
    /// (the message names the file and the section) before anything reads it. `nil`: the damage is kept on the graph
    /// (``Graph/columnDamage``), the column repaired so nothing reads out of bounds.
    public var onSnapshotDamage: (@Sendable (String) -> Void)?
    /// Check every column of a snapshot while loading (an error then), instead of lazily (`validate`, `serve`).
    public var checkSnapshotColumns: Bool

    public init(
        format: InputFormat? = nil, policyFile: String? = nil, registry: CodeRegistry? = nil,
        progress: LoadProgressHandler? = nil, onSnapshotDamage: (@Sendable (String) -> Void)? = nil,
        checkSnapshotColumns: Bool = false
    ) {
        self.format = format
        self.policyFile = policyFile
        self.registry = registry
        self.progress = progress
        self.onSnapshotDamage = onSnapshotDamage
        self.checkSnapshotColumns = checkSnapshotColumns
    }
}

/// Per-file accounting: how many records were loaded and how many reported problems name the file.
public struct FileReport: Sendable, Hashable {
    public var file: String
    public var format: String
    public var entities: Int
    public var relationships: Int
    /// Records left out because of errors.
    public var rejected: Int
    public var errors: Int
    public var warnings: Int
}

/// A loaded, merged and frozen dataset.
public struct LoadedDataset: Sendable {
    public var graph: Graph
    /// The policy in force: `--policy`, else the datasets' (merged), else the built-in default.
    public var policy: Policy
    /// Where the policy came from (`built-in`, a file name).
    public var policyOrigin: String
    /// Every problem found, in input order.
    public var diagnostics: [Diagnostic]
    public var files: [FileReport]
    /// The dataset name for titles: the inputs' base names.
    public var title: String

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// Records left out (each counted once, however many problems it had); commands compute on the rest.
    public var leftOutCount: Int { files.reduce(0) { $0 + $1.rejected } }
    /// The diagnostics of records left out.
    public var leftOut: [Diagnostic] { diagnostics.filter(\.leavesRecordOut) }
    /// Problems that stopped a whole file from being read: nothing of that file is in the graph.
    public var fileRejections: [Diagnostic] { diagnostics.filter(\.rejectsFile) }
}

/// A failure to read an input at all (missing file, unreadable directory); content problems are diagnostics.
/// The message never names a command-line flag: the CLI adds advice from ``reason``.
public struct InputError: Error, CustomStringConvertible, Sendable, LocalizedError {
    public enum Reason: String, Sendable, Hashable {
        /// No input path given.
        case noInput
        /// The path does not exist.
        case noSuchFile
        /// The path exists but cannot be opened or read.
        case unreadable
        /// Neither the name nor the content tells the format.
        case unknownFormat
        /// A directory without a CSV pair or dataset files.
        case emptyDirectory
        /// A file above the size limit.
        case tooLarge
        /// Not UTF-8 text.
        case invalidEncoding
        /// The policy file holds no policy.
        case noPolicy
        /// An output would replace an input, or cannot be written.
        case output
        /// A `.cgraph` snapshot is damaged, foreign, of another version, or named beside other inputs.
        case snapshot
        /// Anything else.
        case other
    }

    public var reason: Reason
    public var description: String
    public init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }
    public init(_ description: String) { self.init(.other, description) }
    public var errorDescription: String? { description }
}

/// Loads one or more inputs (files or directories) into one graph.
public enum DatasetLoader {
    /// Reads every input, merges them, runs the dataset checks, and freezes the graph.
    ///
    /// Directories are read as a CSV pair when they hold `entities.csv`; otherwise every native file inside (sorted by
    /// name) is read.
    public static func load(_ paths: [String], options: LoadOptions = LoadOptions()) throws -> LoadedDataset {
        guard !paths.isEmpty else {
            throw InputError(.noInput, "no input given; pass one or more dataset files or directories")
        }
        if let snapshot = paths.first(where: SnapshotReader.isSnapshot(path:)) {  // a .cgraph (by its magic)
            guard paths.count == 1 else {
                throw InputError(.snapshot, "\(snapshot): a snapshot is read alone; build one from all the inputs")
            }
            return try SnapshotDataset.load(snapshot, options: options)
        }
        var builder = GraphBuilder()
        var policies: [(String, Policy)] = []
        var formats: [String: String] = [:]
        let fm = FileManager.default
        // Each file and each CSV pair is read once, however it is named: `dir`, `dir/entities.csv` and
        // `./dir/relationships.csv` are one pair (reading it twice would double every relationship without an id).
        // Naming the pair's two files is how a pair is given; anything else read twice is worth a warning.
        var filesRead: [String: String] = [:]  // canonical path → as first given
        var pairsRead: [String: (first: String, namedFiles: Set<String>?)] = [:]  // nil: given as a directory
        func repeated(_ shown: String, first: String) -> Bool {
            builder.report(
                Diagnostic(
                    .warning, .inputSkipped, .skipped, at: SourceLocation(file: shown),
                    "given more than once (first as '\(first)'); read once"))
            return false
        }
        /// Whether to read the file `path`.
        func firstRead(file path: String) -> Bool {
            let key = FilePaths.canonical(path)
            if let first = filesRead[key] { return repeated(path, first: first) }
            filesRead[key] = path
            return true
        }
        /// Whether to read the CSV pair in `directory`, named as `shown` (the directory, or `viaFile` one of its files).
        func firstRead(pair directory: String, as shown: String, viaFile: Bool) -> Bool {
            let key = FilePaths.canonical(directory)
            let file = viaFile ? FilePaths.canonical(shown) : nil
            guard let entry = pairsRead[key] else {
                pairsRead[key] = (shown, file.map { [$0] })
                return true
            }
            if let file, var named = entry.namedFiles, named.insert(file).inserted {
                pairsRead[key] = (entry.first, named)  // the pair's other file: the pair is already read
                return false
            }
            return repeated(shown, first: entry.first)
        }
        for path in paths {
            var isDir: ObjCBool = false
            if path == InputSource.standardInput {
                guard firstRead(file: path) else { continue }
                policies += try readPacked(path, into: &builder, options: options, formats: &formats)
                continue
            }
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                throw InputError(.noSuchFile, "\(path): no such file or directory")
            }
            if isDir.boolValue {
                let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
                if entries.contains("entities.csv") || options.format == .csv {
                    guard firstRead(pair: path, as: path, viaFile: false) else { continue }
                    try readCSV(directory: path, into: &builder, options: options)
                    formats[(path as NSString).appendingPathComponent("entities.csv")] = "csv"
                    formats[(path as NSString).appendingPathComponent("relationships.csv")] = "csv"
                    continue
                }
                let natives = entries.filter {
                    [".yaml", ".yml", ".json", ".jsonl", ".ijson", ".xml"].contains(where: $0.lowercased().hasSuffix)
                }
                let skipped = entries.filter { !natives.contains($0) && !$0.hasPrefix(".") }
                if !natives.isEmpty && !skipped.isEmpty {
                    let folders = skipped.filter { name in
                        var d: ObjCBool = false
                        return fm.fileExists(atPath: (path as NSString).appendingPathComponent(name), isDirectory: &d)
                            && d.boolValue
                    }
                    let files = skipped.filter { !folders.contains($0) }
                    var parts: [String] = []
                    if !folders.isEmpty {
                        parts.append(
                            "\(folders.count) subfolder(s) (\(folders.prefix(3).joined(separator: ", "))\(folders.count > 3 ? ", …" : "")), not read recursively"
                        )
                    }
                    if !files.isEmpty {
                        parts.append(
                            "\(files.count) file(s) of no known format (\(files.prefix(3).joined(separator: ", "))\(files.count > 3 ? ", …" : ""))"
                        )
                    }
                    builder.report(
                        Diagnostic(
                            .warning, .inputSkipped, .skipped, at: SourceLocation(file: path),
                            "skipped " + parts.joined(separator: " and ") + "; name them to read them"))
                }
                if natives.isEmpty {
                    throw InputError(
                        .emptyDirectory, "\(path): directory holds no entities.csv and no .yaml/.yml/.json dataset")
                }
                for name in natives {
                    let file = (path as NSString).appendingPathComponent(name)
                    guard firstRead(file: file) else { continue }
                    let format =
                        try options.format ?? InputFormat.detect(path: file, isDirectory: false, head: readHead(file))
                        ?? .native
                    if let p = try readFile(file, format: format, into: &builder, options: options) {
                        policies.append((file, p))
                    }
                    formats[file] = format.rawValue
                }
                continue
            }
            let head = try readHead(path)
            if InputSource.packing(head: head) != .plain {  // a .gz file or a .zip archive, whatever its name
                guard firstRead(file: path) else { continue }
                policies += try readPacked(path, into: &builder, options: options, formats: &formats)
                continue
            }
            guard let format = options.format ?? InputFormat.detect(path: path, isDirectory: false, head: head) else {
                throw InputError(
                    .unknownFormat,
                    "\(path): cannot tell the format from the name or content; expected one of "
                        + InputFormat.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if format == .csv {
                // Either file of the pair stands for the pair.
                let directory = csvDirectory(of: path)
                guard firstRead(pair: directory, as: path, viaFile: true) else { continue }
                let base = directory.isEmpty || directory.hasSuffix("/") ? directory : directory + "/"
                formats[base + "entities.csv"] = "csv"
                formats[base + "relationships.csv"] = "csv"
            } else {
                guard firstRead(file: path) else { continue }
            }
            if let p = try readFile(path, format: format, into: &builder, options: options) {
                policies.append((path, p))
            }
            formats[path] = format.rawValue
        }
        var policy = Policy.builtIn
        var origin = "built-in"
        if let merged = merge(policies) { policy = merged.0; origin = merged.1 }
        let regimes = policies.compactMap { p in p.1.regime.map { (p.0, $0) } }
        if let first = regimes.first, let other = regimes.first(where: { $0.1 != first.1 }) {
            builder.report(
                Diagnostic(
                    .warning, .conflictingFacts, .kept, at: SourceLocation(file: other.0), field: "policy.regime",
                    "default regime '\(other.1)' differs from '\(first.1)' named by \(first.0); '\(first.1)' is used (the first input's)"
                        + Suggestions.hint(for: other.1, in: policy.regimeNames.filter { $0 != other.1 }, limit: 1)))
        }
        if let policyFile = options.policyFile {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: policyFile, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw InputError(.noSuchFile, "\(policyFile): no such file (the policy file)")
            }
            var pb = GraphBuilder()
            let text = try readText(policyFile)
            guard let p = NativeDataset.read(text: text, file: policyFile, into: &pb, registry: options.registry) else {
                let reasons = pb.diagnostics.map(\.description).joined(separator: "\n")
                throw InputError(
                    .noPolicy,
                    "\(policyFile): no policy found (expected a 'policy:' mapping)"
                        + (reasons.isEmpty ? "" : "\n" + reasons))
            }
            for d in pb.diagnostics { builder.report(d) }
            policy = p
            origin = policyFile
        }
        let (graph, diagnostics) = builder.build()
        let files = Set(builder.rejectedCounts.keys).subtracting(graph.files).subtracting(formats.keys)
        for f in files where !f.isEmpty { formats[f] = "native" }
        var all = diagnostics
        all.append(contentsOf: DatasetChecks.run(graph))
        if origin != "built-in" {  // the lists a policy file names (the built-in policy names none)
            all.append(
                contentsOf: CodeChecks.unusedListCodes(
                    policy.lists ?? [], in: graph,
                    origin: SourceLocation(file: origin), field: "policy.lists"))
        }
        all.append(contentsOf: CodeChecks.misspeltControlTypes(graph, policy: policy))
        var reports: [FileReport] = []
        let extraFiles = formats.keys.filter { !graph.files.contains($0) }.sorted()
        for file in graph.files + extraFiles {
            let counts = builder.loadedCounts[file] ?? (0, 0)
            reports.append(
                FileReport(
                    file: file, format: formats[file] ?? "native", entities: counts.entities,
                    relationships: counts.relationships, rejected: builder.rejectedCounts[file] ?? 0,
                    errors: all.filter { $0.severity == .error && $0.location?.file == file }.count,
                    warnings: all.filter { $0.severity == .warning && $0.location?.file == file }.count))
        }
        // `.` or `dir/` is titled by the directory's own name.
        let title = paths.map { (FilePaths.canonical($0) as NSString).lastPathComponent }.joined(separator: " + ")
        return LoadedDataset(
            graph: graph, policy: policy, policyOrigin: origin, diagnostics: all, files: reports, title: title)
    }

    static func merge(_ policies: [(String, Policy)]) -> (Policy, String)? {
        guard var merged = policies.first?.1 else { return nil }
        for (_, p) in policies.dropFirst() {
            merged.jurisdictions = Array(Set(merged.jurisdictions + p.jurisdictions)).sorted()
            if let a = merged.lists, let b = p.lists {
                merged.lists = Array(Set(a + b)).sorted()
            } else {
                merged.lists = nil
            }
            merged.regime = merged.regime ?? p.regime
            merged.regimes += p.regimes.filter { r in !merged.regimes.contains { $0.name == r.name } }
        }
        return (merged, policies.map(\.0).joined(separator: ", "))
    }
}

/// Path text helpers that do not go through `NSString` path methods: this toolchain's Foundation traps in
/// `deletingLastPathComponent` on paths such as `a`, `.` and `./` (found running `export . --to csv`).
public enum FilePaths {
    /// The directory part of `path` as written: `""` for a bare name (`a`, `.`), `/` for `/a`, `x/y` for `x/y/z/`.
    public static func parent(of path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return "" }
        if slash == p.startIndex { return "/" }
        var directory = p[..<slash]
        while directory.count > 1 && directory.hasSuffix("/") { directory = directory.dropLast() }
        return String(directory)
    }

    /// `path` made absolute, with `.`, `..` and symbolic links resolved (the empty path is the current directory):
    /// one key per file however it was named.
    public static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path.isEmpty ? "." : path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
