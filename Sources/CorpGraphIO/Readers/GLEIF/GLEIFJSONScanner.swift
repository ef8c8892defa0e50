import Foundation

/// The relationship records of a GLEIF JSON golden-copy array (`[{"Relationship": …, "Registration": …}, …]`) read
/// straight from the bytes into ``GLEIFRelationshipFields`` with the shared ``JSONByteCursor`` (no parsed tree).
///
/// All or nothing: when any element is not of the usual shape — a key it does not know, a value that is not a
/// plain string where one is read, an escape or non-ASCII byte at either end of a read value (Foundation's trimming
/// might differ), a number, `null`, invalid UTF-8, a syntax error — ``scan(_:recordEnd:)`` gives `nil` and the file
/// is read by the general parser, which reports what it finds exactly as before. Nothing reaches the builder
/// before the whole file has been read either way.
struct GLEIFJSONScanner {
    struct Unusual: Error {}

    var c: JSONByteCursor
    var records: [GLEIFRecord] = []
    /// Lines before `lineOffset`, for each record's line.
    private var line = 1
    private var lineOffset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { c = JSONByteCursor(bytes) }

    /// The records of `bytes`, or `nil` when the general parser must read the file; `reported` is how many
    /// records `recordEnd` heard of (the first ones of the file: the parser need not tell them again).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, recordEnd: ((Int) -> Void)?, reported: inout Int)
        -> [GLEIFRecord]?
    {
        var s = GLEIFJSONScanner(bytes)
        do {
            try s.array(recordEnd: recordEnd)
            return s.records
        } catch {
            reported = s.records.count
            return nil
        }
    }

    /// The line of the byte at `offset` (counting the newlines since the last call).
    private mutating func line(at offset: Int) -> Int {
        var k = lineOffset
        while k < offset {
            if let p = memchr(c.base + k, 10, offset - k) {
                k = UnsafePointer<UInt8>(p.assumingMemoryBound(to: UInt8.self)) - c.base + 1
                line += 1
            } else {
                k = offset
            }
        }
        lineOffset = offset
        return line
    }

    private mutating func array(recordEnd: ((Int) -> Void)?) throws {
        c.skipWhitespace()
        guard try c.open(0x5B) else { throw Unusual() }
        repeat {
            c.skipWhitespace()
            let at = line(at: c.offset)
            records.append(.relationship(line: at, try record()))
            recordEnd?(c.offset)
        } while try !c.closes(0x5D)
        c.skipWhitespace()
        guard c.atEnd else { throw Unusual() }
    }

    /// Calls `member` with each key of an object (whose `{` is next) positioned at its value; `member` reads the
    /// value and says which of the object's keys it was (0..<32). A repeated key is unusual (the tree reads the
    /// first).
    private mutating func object(_ member: (inout GLEIFJSONScanner, JSONSpan) throws -> Int) throws {
        guard try c.open(0x7B) else { return }
        var seen: UInt32 = 0
        repeat {
            c.skipWhitespace()
            let key = try c.plainString()
            try c.colon()
            let bit = UInt32(1) << UInt32(try member(&self, key))
            if seen & bit != 0 { throw Unusual() }
            seen |= bit
        } while try !c.closes(0x7D)
    }

    /// A read value: a string, trimmed as ``GLEIFReader/text(_:)`` trims it.
    private mutating func value() throws -> String {
        guard c.peek == 0x22 else { throw Unusual() }
        let (span, escaped) = try c.stringSpan()
        if escaped { throw Unusual() }
        var lo = span.start, hi = span.end
        func space(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
        while lo < hi, space(c.base[lo]) { lo += 1 }
        while hi > lo, space(c.base[hi - 1]) { hi -= 1 }
        if lo < hi, c.base[lo] >= 0x80 || c.base[hi - 1] >= 0x80 { throw Unusual() }
        let text = UnsafeBufferPointer(start: c.base + lo, count: hi - lo)
        if JSONByteCursor.firstInvalidUTF8(c.base + span.start, span.count) != nil { throw Unusual() }
        return String(decoding: text, as: UTF8.self)
    }

    /// An unread value: a string (escapes and UTF-8 checked).
    private mutating func unread() throws {
        guard c.peek == 0x22 else { throw Unusual() }
        _ = try c.string()
    }

    private mutating func record() throws -> GLEIFRelationshipFields {
        var f = GLEIFRelationshipFields()
        var sawRelationship = false
        try object { s, key in
            if s.c.equals(key, "Relationship") {
                sawRelationship = true
                try s.relationship(&f)
                return 0
            }
            guard s.c.equals(key, "Registration") else { throw Unusual() }
            try s.registration(&f)
            return 1
        }
        guard sawRelationship else { throw Unusual() }
        return f
    }

    private mutating func relationship(_ f: inout GLEIFRelationshipFields) throws {
        guard c.peek == 0x7B else { throw Unusual() }
        try object { s, key in
            let c = s.c
            if c.equals(key, "StartNode") {
                try s.node(&f.startID, &f.startType)
                return 0
            } else if c.equals(key, "EndNode") {
                try s.node(&f.endID, &f.endType)
                return 1
            } else if c.equals(key, "RelationshipType") {
                f.type = try s.value()
                return 2
            } else if c.equals(key, "RelationshipStatus") {
                f.status = try s.value()
                return 3
            } else if c.equals(key, "RelationshipPeriods") {
                try s.list {
                    var p = GLEIFRelationshipFields.Period()
                    try $0.object { s, key in
                        if s.c.equals(key, "StartDate") {
                            p.start = try s.value()
                            return 0
                        } else if s.c.equals(key, "EndDate") {
                            p.end = try s.value()
                            return 1
                        } else if s.c.equals(key, "PeriodType") {
                            p.type = try s.value()
                            return 2
                        }
                        throw Unusual()
                    }
                    f.periods.append(p)
                }
                return 4
            } else if c.equals(key, "RelationshipQualifiers") {
                try s.list {
                    try $0.object { s, key in
                        if s.c.equals(key, "QualifierCategory") {
                            f.qualifierCategories.append(try s.value())
                            return 0
                        } else if s.c.equals(key, "QualifierDimension") {
                            try s.unread()
                            return 1
                        }
                        throw Unusual()
                    }
                }
                return 5
            } else if c.equals(key, "RelationshipQuantifiers") {
                try s.list {
                    var q = GLEIFRelationshipFields.Quantifier()
                    try $0.object { s, key in
                        if s.c.equals(key, "QuantifierUnits") {
                            q.units = try s.value()
                            return 0
                        } else if s.c.equals(key, "QuantifierAmount") {
                            q.amount = try s.value()
                            return 1
                        } else if s.c.equals(key, "MeasurementMethod") {
                            q.method = try s.value()
                            return 2
                        }
                        throw Unusual()
                    }
                    f.quantifiers.append(q)
                }
                return 6
            }
            throw Unusual()
        }
    }

    /// An array of objects, each read by `item` (positioned at its `{`).
    private mutating func list(_ item: (inout GLEIFJSONScanner) throws -> Void) throws {
        guard c.peek == 0x5B else { throw Unusual() }
        guard try c.open(0x5B) else { return }
        repeat {
            c.skipWhitespace()
            guard c.peek == 0x7B else { throw Unusual() }
            try item(&self)
        } while try !c.closes(0x5D)
    }

    private mutating func node(_ id: inout String?, _ type: inout String?) throws {
        guard c.peek == 0x7B else { throw Unusual() }
        try object { s, key in
            if s.c.equals(key, "NodeID") {
                id = try s.value()
                return 0
            } else if s.c.equals(key, "NodeIDType") {
                type = try s.value()
                return 1
            }
            throw Unusual()
        }
    }

    /// The registration's keys: read, then unread.
    private static let registrationKeys: [StaticString] = [
        "RegistrationStatus", "ValidationSources", "LastUpdateDate", "ManagingLOU", "InitialRegistrationDate",
        "NextRenewalDate", "ValidationDocuments", "ValidationReference",
    ]

    private mutating func registration(_ f: inout GLEIFRelationshipFields) throws {
        guard c.peek == 0x7B else { throw Unusual() }
        try object { s, key in
            guard let k = Self.registrationKeys.firstIndex(where: { s.c.equals(key, $0) }) else { throw Unusual() }
            switch k {
            case 0: f.registrationStatus = try s.value()
            case 1: f.validationSources = try s.value()
            case 2: f.lastUpdateDate = try s.value()
            case 3: f.managingLOU = try s.value()
            default: try s.unread()
            }
            return k
        }
    }
}
