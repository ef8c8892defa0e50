import CorpGraphTestSupport
import CorpGraph
import Foundation
import Testing
@testable import CorpGraphIO

/// The library reports load progress through ``LoadOptions/progress``; it never prints.
@Suite struct LoadProgressTests {
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [LoadProgress] = []
        func add(_ p: LoadProgress) { lock.lock(); list.append(p); lock.unlock() }
        var all: [LoadProgress] { lock.lock(); defer { lock.unlock() }; return list }
    }

    func temp(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readersReportBytesAndRecordsEndingWithDone() throws {
        var ftm = ""
        for k in 0..<10_000 {
            ftm += "{\"id\":\"c\(k)\",\"schema\":\"Company\",\"properties\":{\"name\":[\"C \(k)\"]}}\n"
        }
        let path = try temp("p.ftm.json", ftm)
        let seen = Collected()
        let d = try DatasetLoader.load([path], options: LoadOptions(progress: { seen.add($0) }))
        #expect(d.graph.entityCount == 10_000)
        let last = try #require(seen.all.last)
        #expect(last.done && last.file == path && last.phase == .reading)
        #expect(last.records == 10_000)
        #expect(last.bytes == ftm.utf8.count && last.totalBytes == ftm.utf8.count)
        #expect(seen.all.filter(\.done).count == 1)
        #expect(zip(seen.all, seen.all.dropFirst()).allSatisfy { $0.bytes <= $1.bytes })

        var entities = "id,kind,name\n", relationships = "source,target,kind,share\n"
        for k in 0..<9000 { entities += "e\(k),company,E\(k)\n" }
        for k in 1..<9000 { relationships += "e\(k - 1),e\(k),owns,50\n" }
        let pair = FilePaths.parent(of: try temp("entities.csv", entities))
        try relationships.write(toFile: pair + "/relationships.csv", atomically: true, encoding: .utf8)
        let csv = Collected()
        _ = try DatasetLoader.load([pair], options: LoadOptions(progress: { csv.add($0) }))
        let done = try #require(csv.all.last)
        #expect(done.done && done.file == pair)
        #expect(done.records == 9000 + 8999)
        #expect(done.totalBytes == entities.utf8.count + relationships.utf8.count && done.bytes == done.totalBytes)
    }

    @Test func meterThrottlesAndFinishesOnce() {
        let seen = Collected()
        let meter = ProgressMeter(file: "f", total: 100, handler: { seen.add($0) })!
        for _ in 0..<1000 { meter.advance(bytes: 0, records: 1) }
        meter.advance(bytes: 40, records: 0)
        #expect(seen.all.isEmpty)  // nothing before the first interval passes
        meter.finish()
        meter.finish()
        #expect(seen.all.count == 1)
        #expect(seen.all.first?.records == 1000 && seen.all.first?.bytes == 100 && seen.all.first?.done == true)
        #expect(ProgressMeter(file: "f", total: nil, handler: nil) == nil)
    }

    @Test func expandingAGzipIsReportedToo() throws {
        let seen = Collected()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "progress-\(UUID().uuidString).ftm.json.gz"
        ).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(try gzipped(Array(ftmSample.utf8))))
        _ = try DatasetLoader.load([path], options: LoadOptions(progress: { seen.add($0) }))
        #expect(seen.all.map(\.phase) == [.expanding, .reading])
        #expect(seen.all.allSatisfy { $0.done })
        #expect(seen.all.first?.totalBytes == seen.all.first?.bytes)
    }
}
