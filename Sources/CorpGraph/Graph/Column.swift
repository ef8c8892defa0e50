/// A read-only column of the frozen ``Graph``: a contiguous run of fixed-size values that is either owned (the arrays
/// a builder filled) or a view of a memory mapping (a snapshot file, `CorpGraphSnapshot`).
///
/// Both kinds read through one base pointer, so hot loops pay the same as for an array: a bounds check and a load.
/// `owner` keeps the memory alive: the array itself, or the object that unmaps the file when the last column goes.
public struct Column<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    @usableFromInline let base: UnsafePointer<Element>?
    public let count: Int
    @usableFromInline let owner: AnyObject?

    /// An owned column adopting `array` (no copy: the array is kept, never mutated, and read through its buffer).
    package init(_ array: [Element]) {
        let box = ArrayBox(array)
        base = box.base
        count = array.count
        owner = box
    }

    /// A view of `count` values at `base`, valid while `owner` lives (a mapping; the caller checked the bounds and
    /// the alignment).
    package init(viewing base: UnsafePointer<Element>?, count: Int, owner: AnyObject) {
        self.base = count == 0 ? nil : base
        self.count = count
        self.owner = owner
    }

    public init() {
        base = nil
        count = 0
        owner = nil
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { count }

    @inlinable public subscript(position: Int) -> Element {
        @inline(__always) get {
            precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "Column index out of range")
            return base.unsafelyUnwrapped[position]
        }
    }

    /// The values as a buffer for the duration of `body`.
    @inlinable public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R
    {
        try withExtendedLifetime(owner) { try body(UnsafeBufferPointer(start: base, count: count)) }
    }

    /// The raw bytes of the values (for writers).
    @inlinable public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeBufferPointer { try body(UnsafeRawBufferPointer($0)) }
    }

    /// A copy as an array.
    public var array: [Element] { withUnsafeBufferPointer { Array($0) } }
}

extension Column: Equatable where Element: Equatable {
    public static func == (a: Column, b: Column) -> Bool { a.elementsEqual(b) }
}

/// Keeps an array alive and unmodified so its buffer can be read through a plain pointer.
private final class ArrayBox<Element>: @unchecked Sendable {
    let array: [Element]
    let base: UnsafePointer<Element>?
    init(_ array: [Element]) {
        self.array = array
        // A native array's buffer does not move while the array is neither mutated nor released; `array` is a `let`.
        base = self.array.withUnsafeBufferPointer { $0.baseAddress }
    }
}
