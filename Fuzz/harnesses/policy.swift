import CorpGraph
import CorpGraphIO

/// Policy files: arbitrary bytes under a `policy:` key, through the native reader's policy and regime parsing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    var builder = GraphBuilder()
    if let policy = NativeDataset.read(text: "policy:\n" + text, file: "policy.yaml", into: &builder, registry: nil) {
        for name in policy.regimeNames {
            _ = policy.regime(named: name)?.test(on: CalendarDate(year: 2024, month: 7, day: 3)!)
        }
        _ = policy.sanctioningEntry(for: "RU-IRK")
    }
    return 0
}
