import CorpGraph
import Foundation

/// One GLEIF record as read: a parsed record (JSON, or an XML record the fast path left to the tree), or the fields
/// of a relationship record read straight from the bytes.
enum GLEIFRecord {
    case parsed(line: Int, ParsedJSONObject)
    case relationship(line: Int, GLEIFRelationshipFields)

    var line: Int {
        switch self {
        case .parsed(let line, _), .relationship(let line, _): return line
        }
    }
}

/// The fields of a relationship record (RR-CDF) that the import reads, each as ``GLEIFReader/text(_:)`` gives it
/// (trimmed; `nil` when absent or not text). Made from a parsed record or by ``XMLRelationshipScanner`` from bytes;
/// ``GLEIFReader/relationship(_:_:into:)-(GLEIFRelationshipFields,_,_)`` maps either.
struct GLEIFRelationshipFields: Equatable, Sendable {
    struct Period: Equatable, Sendable {
        var type: String?
        var start: String?
        var end: String?
    }
    struct Quantifier: Equatable, Sendable {
        var units: String?
        var amount: String?
        var method: String?
    }
    var startID: String?
    var startType: String?
    var endID: String?
    var endType: String?
    var type: String?
    var status: String?
    var periods: [Period] = []
    /// The `QualifierCategory` of each qualifier that has one.
    var qualifierCategories: [String] = []
    var quantifiers: [Quantifier] = []
    var registrationStatus: String?
    var validationSources: String?
    var lastUpdateDate: String?
    var managingLOU: String?

    init() {}

    /// The fields of a parsed record `r` whose `Relationship` is `rel`.
    init(record r: ParsedJSONObject, relationship rel: ParsedJSONObject) {
        typealias G = GLEIFReader
        let start = rel["StartNode"]?.object, end = rel["EndNode"]?.object
        startID = G.text(start?["NodeID"])
        startType = G.text(start?["NodeIDType"])
        endID = G.text(end?["NodeID"])
        endType = G.text(end?["NodeIDType"])
        type = G.text(rel["RelationshipType"])
        status = G.text(rel["RelationshipStatus"])
        periods = G.list(rel["RelationshipPeriods"], "RelationshipPeriod").map {
            Period(type: G.text($0["PeriodType"]), start: G.text($0["StartDate"]), end: G.text($0["EndDate"]))
        }
        qualifierCategories = G.list(rel["RelationshipQualifiers"], "RelationshipQualifier").compactMap {
            G.text($0["QualifierCategory"])
        }
        quantifiers = G.list(rel["RelationshipQuantifiers"], "RelationshipQuantifier").map {
            Quantifier(
                units: G.text($0["QuantifierUnits"]), amount: G.text($0["QuantifierAmount"]),
                method: G.text($0["MeasurementMethod"]))
        }
        let registration = r["Registration"]?.object
        registrationStatus = G.text(registration?["RegistrationStatus"])
        validationSources = G.text(registration?["ValidationSources"])
        lastUpdateDate = G.text(registration?["LastUpdateDate"])
        managingLOU = G.text(registration?["ManagingLOU"])
    }
}

extension GLEIFReader {
    static func relationship(_ r: ParsedJSONObject, _ location: SourceLocation, into builder: inout GraphBuilder) {
        guard let rel = r["Relationship"]?.object else { return }
        relationship(GLEIFRelationshipFields(record: r, relationship: rel), location, into: &builder)
    }

    static func relationship(
        _ f: GLEIFRelationshipFields, _ location: SourceLocation, into builder: inout GraphBuilder
    ) {
        guard let child = f.startID, !child.isEmpty else {
            builder.reject(
                Diagnostic(
                    .error, .missingField, .leftOut, at: location, field: "Relationship.StartNode.NodeID",
                    "missing StartNode (record left out)"))
            return
        }
        guard let parent = f.endID, !parent.isEmpty else {
            builder.reject(
                Diagnostic(
                    .error, .missingField, .leftOut, at: location.with(record: child),
                    field: "Relationship.EndNode.NodeID",
                    "missing EndNode (record left out)"))
            return
        }
        let typeName = f.type ?? ""
        let id = "gleif:\(child):\(typeName):\(parent)"
        let at = location.with(record: id)
        guard let mapping = relationshipTypes[typeName] else {
            builder.reject(
                Diagnostic(
                    .error, .unknownCode, .leftOut, at: at, field: "Relationship.RelationshipType",
                    "unknown RelationshipType '\(typeName)'; expected one of \(relationshipTypes.keys.sorted().joined(separator: ", ")) (left out)"
                ))
            return
        }
        for (end, field, type) in [(child, "StartNode", f.startType), (parent, "EndNode", f.endType)] {
            let t = type ?? "LEI"
            if t != "LEI" {
                builder.report(
                    Diagnostic(
                        .warning, .unknownCode, .kept, at: at, field: "Relationship.\(field).NodeIDType",
                        "NodeIDType '\(t)' (not an LEI); id '\(end)' used as is"))
            }
        }
        let holder = mapping.holderIsEnd ? parent : child
        let held = mapping.holderIsEnd ? child : parent
        var out = Relationship(id: id, kind: mapping.kind, source: holder, target: held)
        if mapping.kind == .owns {
            out.basis = mapping.type; out.share = .unknown
        } else {
            out.controlType = mapping.type
        }
        out.attributes["gleif.relationshipType"] = typeName
        if typeName == "IS_ULTIMATELY_CONSOLIDATED_BY" { out.attributes["declaredIndirect"] = "true" }
        let status = f.status
        if let status { out.attributes["gleif.relationshipStatus"] = status }
        for p in f.periods {
            let type = p.type ?? "RELATIONSHIP_PERIOD"
            let s = p.start.flatMap { CalendarDate(parsing: $0) }
            let e = p.end.flatMap { CalendarDate(parsing: $0) }
            if type == "RELATIONSHIP_PERIOD" {
                out.start = s
                out.end = e
            } else {
                let key = type == "ACCOUNTING_PERIOD" ? "gleif.accountingPeriod" : "gleif.documentFilingPeriod"
                out.attributes[key] = "\(s?.description ?? "")/\(e?.description ?? "")"
            }
        }
        if status == "INACTIVE", out.end == nil, let last = f.lastUpdateDate.flatMap({ CalendarDate(parsing: $0) }) {
            out.end = last
            out.attributes["gleif.endInferred"] = "INACTIVE, no end date: ended at the record's LastUpdateDate"
        }
        if !f.qualifierCategories.isEmpty {
            out.attributes["gleif.accountingStandard"] = f.qualifierCategories.joined(separator: ";")
        }
        if let v = f.registrationStatus { out.attributes["gleif.registrationStatus"] = v }
        if let v = f.validationSources { out.attributes["gleif.validationSources"] = v }
        if let v = f.lastUpdateDate { out.attributes["gleif.lastUpdateDate"] = v }
        if let v = f.managingLOU { out.attributes["gleif.managingLOU"] = v }
        var percentage: Percent?
        for q in f.quantifiers {
            guard q.units == "PERCENTAGE", let amount = q.amount else { continue }
            guard let p = Percent(parsing: amount), p >= .zero, p <= .hundred else {
                builder.report(
                    Diagnostic(
                        .warning, .invalidShare, .kept, at: at,
                        field: "Relationship.RelationshipQuantifiers.QuantifierAmount",
                        "'\(amount)' is not a percentage in 0–100 (ignored)"))
                continue
            }
            percentage = p
            out.attributes["gleif.percentage"] = amount
            out.attributes["gleif.measurementMethod"] = q.method ?? ""
        }
        builder.addPlaceholder(placeholder(child), at: at)
        builder.addPlaceholder(placeholder(parent), at: at)
        builder.add(out, at: at)
        if let percentage, typeName == "IS_DIRECTLY_CONSOLIDATED_BY" {
            var owns = out
            owns.id = id + "#share"
            owns.kind = .owns
            owns.controlType = nil
            owns.basis = "accountingConsolidation"
            owns.share = .exact(percentage)
            owns.shareText = out.attributes["gleif.percentage"]
            builder.add(owns, at: at.with(record: owns.id))
        }
    }
}
