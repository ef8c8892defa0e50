/// Strings interned to dense `Int32` indices in first-seen order: the jurisdiction codes, tags and currencies of a
/// graph being built. One implementation for the builder and the bulk columns.
public struct InternTable: Sendable {
    /// Every string, at its index.
    public private(set) var values: [String] = []
    private var lookup: [String: Int32] = [:]

    public init() {}

    /// The index of `text`, added at the end when new.
    public mutating func intern(_ text: String) -> Int32 {
        if let i = lookup[text] { return i }
        let i = Int32(values.count)
        values.append(text)
        lookup[text] = i
        return i
    }

    /// The string at `index` (an ``intern(_:)`` result).
    public subscript(index: Int32) -> String { values[Int(index)] }

    public var count: Int { values.count }
}
