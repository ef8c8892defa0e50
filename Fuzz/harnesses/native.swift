import CorpGraph
import CorpGraphIO

/// Feeds arbitrary bytes to the native YAML/JSON reader: it must report, never crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    var builder = GraphBuilder()
    _ = NativeDataset.read(text: text, file: "fuzz.yaml", into: &builder, registry: nil)
    let (graph, _) = builder.build()
    _ = DatasetChecks.run(graph)
    return 0
}
