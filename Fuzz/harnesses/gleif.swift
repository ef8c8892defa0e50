import CorpGraph
import CorpGraphIO

/// Feeds arbitrary bytes to `GLEIFReader`: it must report problems, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var builder = GraphBuilder()
    GLEIFReader.read(bytes, file: "fuzz-rr.json", into: &builder)
    let (graph, _) = builder.build()
    _ = DatasetChecks.run(graph)
    return 0
}
