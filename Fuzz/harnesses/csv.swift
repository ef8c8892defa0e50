import CorpGraph
import CorpGraphIO
import Foundation

/// The CSV pair reader on arbitrary bytes: the input is split at the first NUL-free `\u{1e}` (record separator) into
/// entities.csv and relationships.csv, written to a scratch folder, and read with a small chunk size so records cross
/// chunk boundaries. It must report problems, never crash or hang.
let scratch: String = {
    let dir = NSTemporaryDirectory() + "corpgraph-fuzz-csv-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let split = bytes.firstIndex(of: 0x1E) ?? bytes.count
    let entities = Data(bytes[..<split])
    let relationships = split < bytes.count ? Data(bytes[(split + 1)...]) : Data("source,target,kind\n".utf8)
    _ = FileManager.default.createFile(atPath: scratch + "/entities.csv", contents: entities)
    _ = FileManager.default.createFile(atPath: scratch + "/relationships.csv", contents: relationships)
    var builder = GraphBuilder()
    var options = CSVPair.Options()
    options.chunkBytes = 64
    options.maxFieldBytes = 4096
    do {
        try CSVPair.read(directory: scratch, into: &builder, registry: nil, options: options)
    } catch {
        // A located diagnostic: the expected outcome for most inputs.
    }
    let (graph, _) = builder.build()
    _ = DatasetChecks.run(graph)
    return 0
}
