import CorpGraph
import CorpGraphIO

/// Feeds arbitrary bytes to `OpenSanctionsTargetsReader`: it must report problems, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var builder = GraphBuilder()
    OpenSanctionsTargetsReader.read(bytes, file: "targets.simple.csv", into: &builder)
    let (graph, _) = builder.build()
    _ = DatasetChecks.run(graph)
    return 0
}
