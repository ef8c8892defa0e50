import CorpGraphTestSupport
import CorpGraph
import Foundation
import Testing
@testable import CorpGraphIO

/// `gzip -n` of `bytes` (the system tool, so the archives are made independently of the code under test).
func gzipped(_ bytes: [UInt8]) throws -> [UInt8] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    p.arguments = ["-n", "-c"]
    let input = Pipe(), output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    let writer = Thread {
        input.fileHandleForWriting.write(Data(bytes)); try? input.fileHandleForWriting.close()
    }
    writer.start()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return [UInt8](out)
}

/// A zip archive of `files`, each deflated (gzip's raw deflate stream and CRC) or stored.
func zipArchive(_ files: [(name: String, bytes: [UInt8])], deflate: Bool = true) throws -> [UInt8] {
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
    var out: [UInt8] = [], directory: [UInt8] = []
    for f in files {
        let gz = try gzipped(f.bytes)
        let crc =
            UInt32(gz[gz.count - 8]) | UInt32(gz[gz.count - 7]) << 8 | UInt32(gz[gz.count - 6]) << 16 | UInt32(
                gz[gz.count - 5]) << 24
        let data = deflate ? Array(gz[10..<(gz.count - 8)]) : f.bytes
        let name = Array(f.name.utf8)
        let common =
            le16(20) + le16(0) + le16(deflate ? 8 : 0) + le16(0) + le16(0) + le32(crc)
            + le32(UInt32(data.count)) + le32(UInt32(f.bytes.count)) + le16(name.count) + le16(0)
        let offset = out.count
        out += le32(0x0403_4B50) + common + name + data
        directory +=
            le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0) + le32(0) + le32(UInt32(offset)) + name
    }
    let cdOffset = out.count
    out += directory
    out +=
        le32(0x0605_4B50) + le16(0) + le16(0) + le16(files.count) + le16(files.count) + le32(UInt32(directory.count))
        + le32(UInt32(cdOffset)) + le16(0)
    return out
}

let ftmSample = """
    {"id":"a","schema":"Company","properties":{"name":["Alpha Ltd"],"jurisdiction":["gb"]}}
    {"id":"b","schema":"Company","properties":{"name":["Беta ООО"],"jurisdiction":["ru"]}}
    {"id":"o1","schema":"Ownership","properties":{"owner":["a"],"asset":["b"],"percentage":["60"]}}

    """

let entitiesSample = "id,kind,name,jurisdiction\nc1,company,Gamma,GB\nc2,company,Delta,FR\n"
let relationshipsSample = "source,target,kind,share\nc1,c2,owns,75\n"

/// `.gz` and `.zip` inputs (detected by their bytes), each file inside by its own format; messages name the member.
@Suite struct CompressedInputTests {
    let dir: URL = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("compressed-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }()

    func temp(_ name: String, _ bytes: [UInt8]) -> String {
        let path = dir.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func load(_ paths: String...) throws -> LoadedDataset { try DatasetLoader.load(paths) }

    func names(_ d: LoadedDataset) -> [String] { (0..<d.graph.entityCount).map { d.graph.name($0) }.sorted() }

    @Test func gzipLoadsLikeThePlainFile() throws {
        let plain = try load(temp("plain.ftm.json", Array(ftmSample.utf8)))
        let gz = try load(temp("packed.ftm.json.gz", try gzipped(Array(ftmSample.utf8))))
        #expect(gz.graph.entityCount == 2 && gz.graph.relationshipCount == 1)
        #expect(names(gz) == names(plain))
        #expect(gz.files.map(\.format) == ["ftm"])
        #expect(gz.diagnostics.isEmpty)
    }

    @Test func detectedByTheBytesNotTheName() throws {
        // A gzip file named like plain JSON, and a zip named .dat.
        let gz = try load(temp("misnamed.json", try gzipped(Array(ftmSample.utf8))))
        #expect(gz.graph.entityCount == 2)
        let zip = try load(temp("misnamed.dat", try zipArchive([("x.ftm.json", Array(ftmSample.utf8))])))
        #expect(zip.graph.entityCount == 2)
    }

    @Test func gzipMembersAreAllRead() throws {
        let lines = ftmSample.split(separator: "\n").map { Array(($0 + "\n").utf8) }
        let packed = try lines.flatMap { try gzipped($0) }
        let d = try load(temp("members.ftm.json.gz", packed))
        #expect(d.graph.entityCount == 2 && d.graph.relationshipCount == 1)
    }

    @Test func truncatedOrCorruptGzipRejectsTheFileNamingIt() throws {
        let packed = try gzipped(Array(String(repeating: ftmSample, count: 50).utf8))
        let cut = temp("cut.ftm.json.gz", Array(packed.prefix(packed.count / 2)))
        let d = try load(cut)
        #expect(d.fileRejections.count == 1)
        #expect(d.fileRejections.first?.location?.file == cut)
        #expect(d.fileRejections.first?.message.contains("ends early") == true)
        #expect(d.graph.entityCount == 0)
        var bad = packed
        for k in 12..<40 { bad[k] ^= 0x5A }
        let corrupt = try load(temp("corrupt.ftm.json.gz", bad))
        #expect(corrupt.fileRejections.first?.message.contains("corrupt gzip data") == true)
    }

    @Test func zipWithOneFileLoadsUnderTheMemberName() throws {
        for deflate in [true, false] {
            let path = temp(
                "one-\(deflate).zip", try zipArchive([("inner.ftm.json", Array(ftmSample.utf8))], deflate: deflate))
            let d = try load(path)
            #expect(d.graph.entityCount == 2 && d.graph.relationshipCount == 1)
            #expect(d.files.map(\.file) == [path + ":inner.ftm.json"])
        }
    }

    @Test func zipWithSeveralFilesReadsEachByItsOwnFormat() throws {
        let native = "entities:\n  - {id: n1, kind: person, name: Nina}\nrelationships: []\n"
        let path = temp(
            "mixed.zip",
            try zipArchive([
                ("pair/entities.csv", Array(entitiesSample.utf8)),
                ("pair/relationships.csv", Array(relationshipsSample.utf8)),
                ("people.yaml", Array(native.utf8)),
                ("open/sanctions.ftm.json", Array(ftmSample.utf8)),
                ("README.txt", Array("not data".utf8)),
            ]))
        let d = try load(path)
        #expect(names(d) == ["Alpha Ltd", "Беta ООО", "Delta", "Gamma", "Nina"].sorted())
        #expect(d.graph.relationshipCount == 2)
        let formats = Dictionary(uniqueKeysWithValues: d.files.map { ($0.file, $0.format) })
        #expect(formats[path + ":pair/entities.csv"] == "csv")
        #expect(formats[path + ":pair/relationships.csv"] == "csv")
        #expect(formats[path + ":people.yaml"] == "native")
        #expect(formats[path + ":open/sanctions.ftm.json"] == "ftm")
        #expect(
            d.diagnostics.map(\.description) == [
                "\(path):README.txt: warning: archive member of no known format; skipped"
            ])
    }

    @Test func problemsInsideAMemberNameTheMember() throws {
        let badRows = entitiesSample + "c3,compnay,Epsilon,DE\n"
        let path = temp(
            "bad.zip",
            try zipArchive([
                ("entities.csv", Array(badRows.utf8)), ("relationships.csv", Array(relationshipsSample.utf8)),
            ]))
        let d = try load(path)
        #expect(d.leftOutCount == 1)
        #expect(d.leftOut.first?.location?.file == path + ":entities.csv")
        #expect(d.leftOut.first?.location?.line == 4)
        let ftm = temp("bad.ftm.json.gz", try gzipped(Array((ftmSample + "{\"id\": \"x\"\n").utf8)))
        let f = try load(ftm)
        #expect(f.errors.first?.location?.file == ftm)
        #expect(f.errors.first?.location?.line == 4)
    }

    @Test func damagedZipRejectsTheFileNamingWhatIsWrong() throws {
        var archive = try zipArchive([("inner.ftm.json", Array(ftmSample.utf8))], deflate: false)
        archive[30 + "inner.ftm.json".utf8.count + 5] ^= 0x01  // one byte of the stored data
        let damaged = temp("damaged.zip", archive)
        let d = try load(damaged)
        #expect(d.fileRejections.first?.location?.file == damaged + ":inner.ftm.json")
        #expect(d.fileRejections.first?.message.contains("CRC-32 mismatch") == true)
        let cut = temp("cut.zip", Array(archive.prefix(archive.count - 10)))
        #expect(try load(cut).fileRejections.first?.message.contains("end-of-central-directory") == true)
    }

    @Test func gzippedCSVFilesAreTheirRoleOfThePair() throws {
        let e = temp("entities.csv.gz", try gzipped(Array(entitiesSample.utf8)))
        let r = temp("rels.csv.gz", try gzipped(Array(relationshipsSample.utf8)))  // known by its header
        let d = try load(e, r)
        #expect(names(d) == ["Delta", "Gamma"])
        #expect(d.graph.relationshipCount == 1)
        #expect(d.diagnostics.isEmpty)
    }

    @Test func zipMemberDetectionAndRoles() {
        #expect(InputSource.packing(head: [0x1F, 0x8B, 8, 0]) == .gzip)
        #expect(InputSource.packing(head: Array("PK\u{3}\u{4}".utf8)) == .zip)
        #expect(InputSource.packing(head: Array("{\"id\"".utf8)) == .plain)
        #expect(DatasetLoader.csvRole(name: "x/relationships.csv", head: []) == .relationships)
        #expect(DatasetLoader.csvRole(name: "-", head: Array("\u{FEFF}\"id\",Kind,name\n".utf8)) == .entities)
        #expect(DatasetLoader.csvRole(name: "-", head: Array("a,b\n".utf8)) == nil)
    }
}
