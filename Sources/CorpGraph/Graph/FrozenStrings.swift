/// The frozen form of a ``StringColumn``: UTF-8 bytes back to back and `count + 1` offsets, each a ``Column`` (owned
/// or a view of a snapshot).
///
/// Invariant (checked by whoever builds one from untrusted bytes: its count, first and last offset): `offsets[0] == 0`,
/// offsets never decrease and the last one is `bytes.count`; reads clamp each string's range into the bytes, so
/// offsets damaged in between give wrong text, never a read out of bounds.
public struct FrozenStrings: RandomAccessCollection, Sendable {
    public let bytes: Column<UInt8>
    public let offsets: Column<Int>

    package init(bytes: Column<UInt8>, offsets: Column<Int>) {
        self.bytes = bytes
        self.offsets = offsets
    }

    /// Adopts a builder's column (no copy).
    package init(_ column: StringColumn) {
        self.init(bytes: Column(column.bytes), offsets: Column(column.offsets))
    }

    /// The strings of `list`, owned.
    package init(_ list: [String]) {
        var c = StringColumn()
        for s in list { c.append(s) }
        self.init(c)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { Swift.max(0, offsets.count - 1) }

    @inlinable public subscript(position: Int) -> String {
        withUTF8(position) { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 bytes of string `position`, without making a `String`.
    @inlinable public func withUTF8<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    {
        // Clamped: a snapshot's offsets are not scanned before use, so damaged ones give wrong text, never a read
        // outside the bytes.
        let count = bytes.count
        let start = Swift.min(Swift.max(offsets[position], 0), count)
        let end = Swift.min(Swift.max(offsets[position + 1], start), count)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Total UTF-8 bytes stored.
    public var byteCount: Int { bytes.count }
}

/// The frozen form of a ``StringTable``: its strings and hash slots as ``Column``s, with the same O(1) lookup.
///
/// Lookups stay safe over slots read from a file: a probe stops after visiting every slot and ignores indices out of
/// range, so damaged slots can make a lookup miss but never loop or read out of bounds.
public struct FrozenStringTable: RandomAccessCollection, Sendable {
    public let strings: FrozenStrings
    public let slots: Column<UInt64>
    public let seed: UInt64

    package init(strings: FrozenStrings, slots: Column<UInt64>, seed: UInt64) {
        self.strings = strings
        self.slots = slots
        self.seed = seed
    }

    /// Adopts a builder's table (no copy).
    package init(_ table: StringTable) {
        self.init(strings: FrozenStrings(table.strings), slots: Column(table.slots), seed: table.seed)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { strings.endIndex }
    @inlinable public subscript(position: Int) -> String { strings[position] }

    /// The UTF-8 bytes of string `position`.
    @inlinable public func withUTF8<R>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R
    {
        try strings.withUTF8(position, body)
    }

    /// The index of `text`, if present. O(1) expected.
    public func lookup(_ text: String) -> Int32? {
        var s = text
        return s.withUTF8 { lookup(utf8: $0) }
    }

    /// The position of `text`: the O(1) ``lookup(_:)``, shadowing the linear search of `Collection`.
    public func firstIndex(of text: String) -> Int? { lookup(text).map(Int.init) }

    /// The index of the string with these UTF-8 bytes, if present.
    @inlinable public func lookup(utf8 key: UnsafeBufferPointer<UInt8>) -> Int32? {
        let v = withReader { $0.lookup(utf8: key) }
        return v < 0 ? nil : v
    }

    /// Calls `body` with a ``StringTable/Reader`` over this table, valid for the duration of the call.
    @inlinable public func withReader<R>(_ body: (StringTable.Reader) throws -> R) rethrows -> R {
        try slots.withUnsafeBufferPointer { slots in
            try strings.bytes.withUnsafeBufferPointer { bytes in
                try strings.offsets.withUnsafeBufferPointer { offsets in
                    try body(StringTable.Reader(slots: slots, bytes: bytes, offsets: offsets, seed: seed))
                }
            }
        }
    }
}
