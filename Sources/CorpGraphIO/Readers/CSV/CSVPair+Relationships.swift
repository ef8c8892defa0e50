import CorpGraph
import Foundation

extension CSVPair {
    // MARK: - Relationships

    static func parseRelationships(_ file: File, registry: CodeRegistry?, options: Options)
        -> Outcome<[RelationshipColumns]>
    {
        outcome(file.path, options: options, [RelationshipColumns()]) { batches, problems throws(Diagnostic) in
            try scanRelationships(file, registry: registry, options: options, into: &batches, problems: &problems)
        }
    }

    static func scanRelationships(
        _ file: File, registry: CodeRegistry?, options: Options, into batches: inout [RelationshipColumns],
        problems: inout Problems
    ) throws(Diagnostic) {
        let header = try openFile(
            file, options: options, RelationshipColumn.self, required: [.source, .target, .kind],
            expected: relationshipHeader, problems: &problems)
        let scanner = header.scanner, col = header.positions, columns = header.columns, headerNames = header.names
        let cSource = col[0], cTarget = col[1], cKind = col[2], cShare = col[3], cAmount = col[4], cCurrency = col[5]
        let cDate = col[6], cStart = col[7], cEnd = col[8]
        let cID = col[9], cControlType = col[10], cRole = col[11], cBasis = col[12], cConfidence = col[13]
        let extraColumns = [cID, cControlType, cRole, cBasis, cConfidence].filter { $0 >= 0 }
        var currencies = CodeInterner(uppercase: true)
        let currencyCheck = currencyProblem(registry)
        let kinds = relationshipKinds, exactKinds = exactRelationshipKinds
        var out = RelationshipColumns()
        defer { batches[batches.count - 1] = out }
        var rowsRead = RowProgress(scanner, meter: options.meter)
        defer { rowsRead.finish() }
        while try rowsRead.next() {
            if let rows = rowsRead.reserveRows { out.reserve(rows: rows, idBytes: scanner.fileSize / 3) }
            if out.isFull {
                batches[batches.count - 1] = out
                batches.append(RelationshipColumns())
                out = RelationshipColumns()
                currencies = CodeInterner(uppercase: true)
            }
            let line = scanner.line
            guard try problems.checkShape(of: scanner, columns: columns, headerNames: headerNames) else { continue }
            let kindBytes = Bytes.trimmed(scanner.field(cKind))
            guard let kind = kind(kindBytes, exact: exactKinds, lower: kinds) else {
                try problems.report(
                    .unknownCode, .leftOut, line: line, field: "kind", unknownKind(kindBytes, RelationshipKind.self))
                continue
            }
            let source = Bytes.trimmed(scanner.field(cSource))
            let target = Bytes.trimmed(scanner.field(cTarget))
            guard try endpoint(source, "source", line: line, &problems),
                try endpoint(target, "target", line: line, &problems)
            else { continue }

            var share: Share?
            if !scanner.isEmpty(cShare) {
                let raw = Bytes.trimmed(scanner.field(cShare))
                if !raw.isEmpty {
                    guard let parsed = parseShare(raw) else {
                        try problems.report(
                            .invalidShare, .leftOut, line: line, field: "share",
                            "expected a percentage from 0 to 100 (such as 50, 33.33 or 25-50), found '\(Bytes.display(raw))' (row left out)"
                        )
                        continue
                    }
                    if kind == .owns {
                        share = parsed
                    } else {
                        try problems.report(
                            .invalidValue, .kept, line: line, field: "share",
                            "expected no share on a \(kind) relationship (only owns has one), found '\(Bytes.display(raw))' (ignored)",
                            severity: .warning)
                    }
                }
            }
            var amount: Decimal?
            if !scanner.isEmpty(cAmount) {
                let raw = Bytes.trimmed(scanner.field(cAmount))
                if !raw.isEmpty {
                    guard let value = Bytes.decimal(raw), !value.isSignMinus else {
                        try problems.report(
                            .invalidAmount, .leftOut, line: line, field: "amount",
                            "expected a non-negative decimal amount such as 1500.00 (at most 38 significant digits), found '\(Bytes.display(raw))' (row left out)"
                        )
                        continue
                    }
                    amount = value
                }
            }
            var currency: Int32 = -1
            if !scanner.isEmpty(cCurrency) {
                let raw = Bytes.trimmed(scanner.field(cCurrency))
                if !raw.isEmpty {
                    let (index, problem) = currencies.intern(raw, add: { out.internCurrency($0) }, check: currencyCheck)
                    if index < 0 {
                        try problems.report(
                            .unknownCode, .leftOut, line: line, field: "currency", (problem ?? "") + " (row left out)")
                        continue
                    }
                    currency = index
                    if let problem { try problems.report(.unknownCode, .kept, line: line, field: "currency", problem) }
                }
            }
            guard let date = try dateField(scanner, cDate, "date", line: line, &problems),
                let start = try dateField(scanner, cStart, "start", line: line, &problems),
                let end = try dateField(scanner, cEnd, "end", line: line, &problems)
            else { continue }
            if let s = start, let e = end, e < s {
                try problems.report(
                    .invalidDate, .leftOut, line: line, field: "end",
                    "expected a date on or after start \(s), found '\(e)' (row left out)")
                continue
            }
            if extraColumns.isEmpty || !extraColumns.contains(where: { !scanner.isEmpty($0) }) {
                out.append(
                    sourceUTF8: source, targetUTF8: target, kind: kind, share: share, amount: amount,
                    currency: currency, date: date, start: start, end: end, line: Int32(clamping: line))
                continue
            }
            func text(_ c: Int) -> String? {
                guard !scanner.isEmpty(c) else { return nil }
                let t = String(decoding: Bytes.trimmed(scanner.field(c)), as: UTF8.self)
                return t.isEmpty ? nil : t
            }
            out.append(
                sourceUTF8: source, targetUTF8: target, kind: kind, share: share, amount: amount,
                currency: currency, date: date, start: start, end: end, line: Int32(clamping: line),
                id: text(cID), controlType: text(cControlType), role: text(cRole), basis: text(cBasis),
                confidence: text(cConfidence))
        }
    }

    /// `nil` when `bytes` is valid UTF-8, else what was found.
    @inline(__always)
    static func utf8Problem(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard let bad = Bytes.invalidUTF8Offset(bytes) else { return nil }
        return
            "expected UTF-8 text, found invalid byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) at byte \(bad + 1)"
    }

    /// Checks a relationship end: a non-empty UTF-8 id. Reports the problem and returns `false` otherwise.
    @inline(__always)
    static func endpoint(
        _ bytes: UnsafeBufferPointer<UInt8>, _ column: String, line: Int,
        _ problems: inout Problems
    ) throws(Diagnostic) -> Bool {
        if bytes.isEmpty {
            try problems.report(
                .missingField, .leftOut, line: line, field: column,
                "expected an entity id, found an empty field (row left out)")
            return false
        }
        if let problem = utf8Problem(bytes) {
            try problems.report(.invalidEncoding, .leftOut, line: line, field: column, problem + " (row left out)")
            return false
        }
        return true
    }

    /// A date column: `.some(nil)` when absent or empty, `.some(date)`, or `nil` after reporting a malformed date.
    @inline(__always)
    static func dateField(
        _ scanner: CSVScanner, _ column: Int, _ name: String, line: Int,
        _ problems: inout Problems
    ) throws(Diagnostic) -> CalendarDate?? {
        if scanner.isEmpty(column) { return .some(nil) }
        let raw = Bytes.trimmed(scanner.field(column))
        if raw.isEmpty { return .some(nil) }
        if let d = Bytes.date(raw) { return .some(d) }
        try problems.report(
            .invalidDate, .leftOut, line: line, field: name,
            "expected a date YYYY-MM-DD, found '\(Bytes.display(raw))' (row left out)")
        return nil
    }

    /// Parses a share cell (see the type's documentation). `nil` when malformed or outside 0–100.
    static func parseShare(_ raw: UnsafeBufferPointer<UInt8>) -> Share? {
        if let units = Bytes.decimalUnits(raw) {
            return units >= 0 && units <= Percent.hundred.units ? .exact(Percent(units: units)) : nil
        }
        let text = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text == "?" || text.lowercased() == "unknown" { return .unknown }
        func number(_ s: Substring) -> Percent? {
            var t = s.trimmingCharacters(in: .whitespaces)
            if t.hasSuffix("%") { t.removeLast(); t = t.trimmingCharacters(in: .whitespaces) }
            guard let p = Percent(parsing: t), p >= .zero, p <= .hundred else { return nil }
            return p
        }
        // One bound: >A, >=A, ≥A, <B, <=B, ≤B.
        for (prefix, isMin, exclusive) in [
            (">=", true, false), ("≥", true, false), (">", true, true),
            ("<=", false, false), ("≤", false, false), ("<", false, true),
        ]
        where text.hasPrefix(prefix) {
            let rest = text.dropFirst(prefix.count)
            if isMin, let dash = rest.firstIndex(where: { $0 == "-" || $0 == "–" }) {
                // >A-B or >A-<B
                guard let lo = number(rest[..<dash]) else { return nil }
                var upper = rest[rest.index(after: dash)...]
                var maxExclusive = false
                if upper.hasPrefix("<") { maxExclusive = true; upper = upper.dropFirst() }
                guard let hi = number(upper), lo <= hi else { return nil }
                return .range(ShareRange(min: lo, max: hi, minExclusive: exclusive, maxExclusive: maxExclusive))
            }
            guard let p = number(rest) else { return nil }
            return .range(
                isMin
                    ? ShareRange(min: p, max: nil, minExclusive: exclusive)
                    : ShareRange(min: nil, max: p, maxExclusive: exclusive))
        }
        if let p = number(Substring(text)) { return .exact(p) }
        // A-B, A-<B, A–B.
        guard let dash = text.dropFirst().firstIndex(where: { $0 == "-" || $0 == "–" }) else { return nil }
        guard let lo = number(text[..<dash]) else { return nil }
        var upper = text[text.index(after: dash)...]
        var maxExclusive = false
        if upper.hasPrefix("<") { maxExclusive = true; upper = upper.dropFirst() }
        guard let hi = number(upper), lo <= hi else { return nil }
        return .range(ShareRange(min: lo, max: hi, maxExclusive: maxExclusive))
    }

    /// The share as the reader accepts it back: `50`, `25-50`, `>25-<50`, `>=50`, `<25`; unknown is empty.
    static func shareText(_ share: Share) -> String {
        switch share {
        case .exact(let p): return p.description
        case .unknown: return ""
        case .range(let r):
            switch (r.min, r.max) {
            case let (lo?, hi?): return (r.minExclusive ? ">" : "") + "\(lo)-" + (r.maxExclusive ? "<" : "") + "\(hi)"
            case let (lo?, nil): return (r.minExclusive ? ">" : ">=") + "\(lo)"
            case let (nil, hi?): return (r.maxExclusive ? "<" : "<=") + "\(hi)"
            case (nil, nil): return "?"
            }
        }
    }
}
