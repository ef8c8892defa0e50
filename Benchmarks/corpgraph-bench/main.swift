// corpgraph-bench: the T1–T5 benchmark of ../shared/bench/README.md on a generated data/N directory.
//
//   swift build -c release --product corpgraph-bench
//   .build/release/corpgraph-bench /tmp/cgbench/100000 [--out DIR] [--reps 3] [--tasks load,reach,paths,ofac50,ubo,build,open]
//   .build/release/corpgraph-bench render [300 3000 …] [auto|dot|sfdp]      (the diagram benchmark, RenderBench.swift)
//   .build/release/corpgraph-bench baddata [--entities 100000] [--dangling 3000] [--holders 40000]  (BadDataBench.swift)
//   .build/release/corpgraph-bench diff OLD_DIR NEW_DIR [--reps 3]         (the diff benchmark, DiffBench.swift)
//
// T1 (load) reads the CSV pair and builds the frozen Graph, `reps` times, each from a fresh builder; the other tasks
// then run `reps` times on the last graph. It prints the median seconds per task — for T2–T4 the computation, timed
// as peers.py times the peers' (result as entity indices; sorting and formatting the id lines is outside the timer,
// and reported beside it), for T1 and T5 the whole run — writes each task's oracle-format
// file to --out (compare with data/N/oracle/ by `cmp`; Benchmarks/compare.sh does it) and `times.json` there.
import CorpGraph
import CorpGraphIO
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// What a task gets: the loaded graph, the subjects of T2/T3 (subjects.txt order) and the data directory.
struct BenchContext: Sendable {
    let data: String
    let graph: Graph
    let subjects: [String]
}

/// What a task run gives back: the full text of its oracle file (`reach.tsv`, …) and the seconds of its computation
/// as the peers time theirs (`peers.py` times the call that returns entity indices, counts or a membership array;
/// turning those into sorted id lines happens outside its timer). `nil` when the task cannot separate the two, and
/// the whole run is timed.
struct BenchOutput {
    let text: String
    let computeSeconds: Double?
}

/// A task after T1: runs on the graph and returns its oracle file and compute time.
struct BenchTask: Sendable {
    let name: String
    /// File name in --out, the same as in data/N/oracle/.
    let output: String
    let run: @Sendable (BenchContext) throws -> BenchOutput
}

// MARK: - Task registry: T2–T5 register here, one line each, in this order.
let analysisTasks: [BenchTask] = [
    BenchTask(name: "reach", output: "reach.tsv") {
        let r = benchReach(graph: $0.graph, subjects: $0.subjects)
        return BenchOutput(text: r.text, computeSeconds: r.seconds)
    },
    BenchTask(name: "paths", output: "paths.tsv") {
        let r = benchPaths(graph: $0.graph, subjects: $0.subjects)
        return BenchOutput(text: r.lines.joined(), computeSeconds: r.seconds)
    },
    BenchTask(name: "ofac50", output: "ofac50.tsv") {
        let r = try benchOfac50(graph: $0.graph)
        return BenchOutput(text: r.text, computeSeconds: r.seconds)
    },
    // T5 is timed whole: the index, the propagation and formatting the ~500 k lines.
    BenchTask(name: "ubo", output: "ubo.tsv") { BenchOutput(text: benchUBO(graph: $0.graph), computeSeconds: nil) },
    // The snapshot store (SnapshotBench.swift): writing FILE.cgraph, then mapping it as every command does.
    BenchTask(name: "build", output: "build.txt") { try SnapshotBench.build($0) },
    BenchTask(name: "open", output: "open-reach.tsv") { try SnapshotBench.open($0) },
]

let knownTaskNames = ["load", "reach", "paths", "ofac50", "ubo", "build", "open"]

// MARK: - Arguments

struct Arguments {
    var data = ""
    var out: String?
    var reps = 3
    var tasks = knownTaskNames
    /// Read the two files one after the other on one thread (to measure what the two-thread read gains).
    var sequential = false
    /// Load as `corpgraph build` does (`DatasetLoader.load`), write the snapshot, release the built graph and run
    /// T2–T5 on the mapped snapshot (what `make bench` does at 10M: the built graph and a second load would not fit).
    var onSnapshot = false
}

func usage() -> Never {
    let text = """
        usage: corpgraph-bench <data/N dir> [--out DIR] [--reps 3] [--tasks load,reach,paths,ofac50,ubo,build,open]
          <data/N dir>  a directory made by ../shared/bench/gen.py: entities.csv, relationships.csv, subjects.txt
          --out DIR     where to write reach.tsv, paths.tsv, ofac50.tsv, ubo.tsv and times.json
                        (default /tmp/corpgraph-bench/<N>)
          --reps K      runs per task; the median is reported (default 3)
          --tasks LIST  tasks to run (default all); the graph is always loaded once
          --sequential  T1 reads entities.csv, then relationships.csv, on one thread (default: both at once)
          --on-snapshot T1 loads as `corpgraph build` does, then writes the snapshot (row build), maps it (row open)
                        and runs the other tasks on the mapped graph

        """
    FileHandle.standardError.write(Data(text.utf8))
    exit(2)
}

func parseArguments() -> Arguments {
    var args = Arguments()
    var rest = CommandLine.arguments.dropFirst()
    while let a = rest.popFirst() {
        switch a {
        case "--out": guard let v = rest.popFirst() else { usage() }; args.out = v
        case "--reps": guard let v = rest.popFirst(), let k = Int(v), k >= 1 else { usage() }; args.reps = k
        case "--tasks":
            guard let v = rest.popFirst() else { usage() }
            args.tasks = v.split(separator: ",").map(String.init)
            if let bad = args.tasks.first(where: { !knownTaskNames.contains($0) }) {
                FileHandle.standardError.write(
                    Data("unknown task '\(bad)'; expected some of \(knownTaskNames.joined(separator: ","))\n".utf8))
                exit(2)
            }
        case "--sequential": args.sequential = true
        case "--on-snapshot": args.onSnapshot = true
        case "-h", "--help": usage()
        default:
            if a.hasPrefix("-") || !args.data.isEmpty { usage() }
            args.data = a
        }
    }
    if args.data.isEmpty { usage() }
    return args
}

// MARK: - Measuring

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Peak resident set size of this process, KiB.
func peakRSSKiB() -> Int {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Int(usage.ru_maxrss)
}

/// Current resident set size, KiB.
func currentRSSKiB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("corpgraph-bench: \(message)\n".utf8))
    exit(1)
}

// MARK: - Run

// `corpgraph-bench render [300 3000 …] [auto|dot|sfdp]`: the render benchmark (RenderBench.swift).
if CommandLine.arguments.dropFirst().first == "render" {
    RenderBench.main(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}
// `corpgraph-bench baddata [--entities N] [--dangling K] [--holders H]`: bad-data shapes (BadDataBench.swift).
if CommandLine.arguments.dropFirst().first == "baddata" {
    BadDataBench.main(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

// `corpgraph-bench diff OLD_DIR NEW_DIR`: the diff benchmark (DiffBench.swift).
if CommandLine.arguments.dropFirst().first == "diff" {
    DiffBench.main(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

// `corpgraph-bench match DATA …`: search latency and batch screening (MatchBench.swift).
if CommandLine.arguments.dropFirst().first == "match" {
    MatchBench.main(Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

let args = parseArguments()
let dataDir = args.data.hasSuffix("/") ? String(args.data.dropLast()) : args.data
let sizeName = URL(fileURLWithPath: dataDir).lastPathComponent
let outDir = args.out ?? "/tmp/corpgraph-bench/\(sizeName)"
do {
    try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
} catch {
    fail("cannot create \(outDir): \(error)")
}

let clock = ContinuousClock()
var results: [(name: String, times: [Double], note: String)] = []

// T1: load, each repetition from a fresh builder; the previous graph is released first so peaks do not add up.
var graph: Graph?
var loadTimes: [Double] = []
var problems: [Diagnostic] = []
let loadReps = args.tasks.contains("load") ? args.reps : 1
for _ in 0..<loadReps {
    graph = nil
    var loaded: Graph?
    var diagnostics: [Diagnostic] = []
    var thrown: (any Error)?
    let d = clock.measure {
        var builder = GraphBuilder()
        do {
            let t0 = clock.now
            if args.onSnapshot {
                let d = try DatasetLoader.load([dataDir])
                SnapshotBench.dataset = d
                loaded = d.graph
                diagnostics = d.diagnostics
                return
            }
            if args.sequential {
                try CSVPair.readEntities(dataDir + "/entities.csv", into: &builder, registry: nil)
                try CSVPair.readRelationships(dataDir + "/relationships.csv", into: &builder, registry: nil)
            } else {
                try CSVPair.read(directory: dataDir, into: &builder, registry: nil)
            }
            let t1 = clock.now
            let (g, diags) = builder.build()
            if ProcessInfo.processInfo.environment["CGBENCH_PHASES"] != nil {
                FileHandle.standardError.write(
                    Data("  read \(seconds(t1 - t0)) s, build \(seconds(clock.now - t1)) s\n".utf8))
            }
            loaded = g
            diagnostics = diags
        } catch {
            thrown = error
        }
    }
    if let thrown { fail("load failed: \(thrown)") }
    loadTimes.append(seconds(d))
    graph = loaded
    problems = diagnostics
}
guard graph != nil else { fail("no graph") }
let entityCount = graph!.entityCount, relationshipCount = graph!.relationshipCount
let rssAfterLoad = currentRSSKiB()
let errorCount = problems.filter { $0.severity == .error }.count
for p in problems.prefix(5) { FileHandle.standardError.write(Data("  \(p)\n".utf8)) }
if args.tasks.contains("load") {
    results.append(
        (
            "load", loadTimes,
            "\(entityCount) entities, \(relationshipCount) relationships, \(errorCount) errors, \(problems.count - errorCount) warnings"
        ))
}

let subjects: [String] = {
    guard let text = try? String(contentsOfFile: dataDir + "/subjects.txt", encoding: .utf8) else { return [] }
    return text.split(whereSeparator: \.isNewline).map(String.init)
}()
var taskGraph = graph!
if args.onSnapshot {
    // The snapshot rows, once each: write from the loaded dataset, release it, map the file.
    let buildContext = BenchContext(data: dataDir, graph: taskGraph, subjects: subjects)
    do {
        let built = try SnapshotBench.build(buildContext)
        results.append(("build", [built.computeSeconds ?? 0], built.text.trimmingCharacters(in: .newlines)))
        SnapshotBench.dataset = nil
        graph = nil  // the built graph goes once `taskGraph` is the mapped one
        let start = clock.now
        let mapped = try DatasetLoader.load([SnapshotBench.path(buildContext)])
        results.append(("open", [seconds(clock.now - start)], "T2-T5 below run on the mapped snapshot"))
        taskGraph = mapped.graph
    } catch {
        fail("snapshot: \(error)")
    }
}
let context = BenchContext(data: dataDir, graph: taskGraph, subjects: subjects)

var missing: [String] = []
/// Per task, the seconds of each run including the oracle lines (ids sorted and formatted), beside `results`' compute
/// times.
var withOutputTimes: [String: [Double]] = [:]
for name in args.tasks where name != "load" && !(args.onSnapshot && (name == "build" || name == "open")) {
    guard let task = analysisTasks.first(where: { $0.name == name }) else { missing.append(name); continue }
    var times: [Double] = []
    var whole: [Double] = []
    var output = ""
    for _ in 0..<args.reps {
        var result: BenchOutput?
        var thrown: (any Error)?
        let d = clock.measure {
            do { result = try task.run(context) } catch { thrown = error }
        }
        if let thrown { fail("\(name) failed: \(thrown)") }
        guard let result else { fail("\(name) gave no result") }
        whole.append(seconds(d))
        times.append(result.computeSeconds ?? seconds(d))
        output = result.text
    }
    let path = outDir + "/" + task.output
    do {
        try output.write(toFile: path, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(path): \(error)")
    }
    withOutputTimes[name] = whole
    let note =
        median(whole) == median(times)
        ? task.output
        : task.output + String(format: "  (%.3f s with the id lines sorted and formatted)", median(whole))
    results.append((name, times, note))
}

// MARK: - Report

let peak = peakRSSKiB()
func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, n - s.count))
    return left ? fill + s : s + fill
}
print("corpgraph-bench  data=\(dataDir)  reps=\(args.reps)  out=\(outDir)")
print(pad("task", 8) + pad("median s", 11, left: true) + pad("runs", 6, left: true) + "  result")
for r in results {
    print(
        pad(r.name, 8) + pad(String(format: "%.3f", median(r.times)), 11, left: true)
            + pad("\(r.times.count)", 6, left: true) + "  " + r.note)
}
for name in missing {
    print(pad(name, 8) + pad("-", 11, left: true) + pad("-", 6, left: true) + "  not implemented yet")
}
print("peak RSS \(peak / 1024) MiB (after load \(rssAfterLoad / 1024) MiB)")

var json: [String: Any] = [
    "data": dataDir, "reps": args.reps, "peak_rss_kb": peak, "rss_kb_after_load": rssAfterLoad,
    "entities": entityCount, "relationships": relationshipCount, "load_errors": errorCount,
]
var taskJSON: [String: Any] = [:]
for r in results {
    var entry: [String: Any] = ["median": median(r.times), "times": r.times]
    if let whole = withOutputTimes[r.name] {
        entry["median_with_output"] = median(whole)
        entry["times_with_output"] = whole
    }
    taskJSON[r.name] = entry
}
json["tasks"] = taskJSON
if let data = try? JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]) {
    _ = FileManager.default.createFile(atPath: outDir + "/times.json", contents: data)
}
if errorCount > 0 { exit(1) }
