import CorpGraphMatch
import Foundation
import Hummingbird

/// The body of `POST /v1/screen`: the counterparty CSV `screen --counterparties` reads, or the same rows as JSON
/// (an array of objects, or `{"counterparties": [...]}`, keys the CSV's column names, values text; `identifiers`
/// may be an array). Messages point at `body:LINE` (CSV) or `body:ITEM` (JSON, 1-based).
enum CounterpartyBody {
    enum Format: String { case csv, json }

    /// The format a request declares (`Content-Type`), or for none / `text/plain` the one its first byte shows.
    static func format(contentType: String?, body: [UInt8]) throws(Problem) -> Format {
        let type =
            (contentType ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            ?? ""
        switch type {
        case "application/json",
            _ where type.hasSuffix("+json"):
            return .json
        case "text/csv", "application/csv": return .csv
        case "", "text/plain", "application/octet-stream":
            let first = body.first {
                $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF
            }
            return first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? .json : .csv
        default:
            throw Problem(.unsupportedMediaType, "Send counterparties as text/csv or application/json, not '\(type)'.")
        }
    }

    static func parse(_ body: [UInt8], format: Format) throws(Problem) -> CounterpartyList {
        guard let text = String(validating: body, as: UTF8.self) else {
            throw Problem(.badRequest, "The request body is not UTF-8 text.")
        }
        do {
            switch format {
            case .csv: return try CounterpartyFile.parse(text, file: "body")
            case .json: return try json(body)
            }
        } catch {
            throw Problem(
                .unprocessableContent, "Cannot screen these counterparties: \(error.errorDescription ?? "\(error)").")
        }
    }

    /// JSON objects as header + records: the known columns in their usual order, then other keys sorted (JSON
    /// objects have no order), so that the output's `extra` columns are the same for the same content.
    static func json(_ body: [UInt8]) throws(CounterpartyError) -> CounterpartyList {
        func fail(_ line: Int, _ reason: String) -> CounterpartyError {
            CounterpartyError(file: "body", line: line, reason: reason)
        }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: Data(body)) } catch {
            throw fail(1, "not valid JSON (\(error.localizedDescription))")
        }
        let items: [Any]
        if let a = root as? [Any] {
            items = a
        } else if let o = root as? [String: Any], let a = o["counterparties"] as? [Any], o.count == 1 {
            items = a
        } else {
            throw fail(1, "expected an array of counterparty objects, or {\"counterparties\": [...]}")
        }
        var objects: [[String: String]] = []
        var keys: [String: String] = [:]  // lower-cased → first spelling
        for (i, item) in items.enumerated() {
            guard let o = item as? [String: Any] else { throw fail(i + 1, "item \(i + 1) is not an object") }
            var row: [String: String] = [:]
            for (k, v) in o {
                switch v {
                case let s as String: row[k] = s
                case is NSNull: row[k] = ""
                case let a as [Any] where k.lowercased() == "identifiers":
                    let parts = a.compactMap { $0 as? String }
                    guard parts.count == a.count else {
                        throw fail(i + 1, "field 'identifiers' must be text or an array of texts")
                    }
                    row[k] = parts.joined(separator: ";")
                default:
                    throw fail(i + 1, "field '\(k)' must be text")
                }
                if keys[k.lowercased()] == nil || keys[k.lowercased()]! > k { keys[k.lowercased()] = k }
            }
            objects.append(row)
        }
        let known = CounterpartyFile.knownColumns.compactMap { keys[$0] }
        let extra = keys.filter { !CounterpartyFile.knownColumns.contains($0.key) }.map(\.value).sorted()
        let header = known + extra
        let records = objects.enumerated().map { i, row -> (line: Int, fields: [String]) in
            (i + 1, header.map { h in row[h] ?? row.first { $0.key.lowercased() == h.lowercased() }?.value ?? "" })
        }
        if header.isEmpty { throw fail(1, "no counterparties: each item needs at least 'ref' and 'name'") }
        return try CounterpartyFile.parse(header: header, records: records, file: "body")
    }
}
