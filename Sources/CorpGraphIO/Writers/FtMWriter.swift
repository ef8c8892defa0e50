import CorpGraph
import Foundation

/// Writes a graph as FollowTheMoney JSON lines (one `{"id","schema","properties"}` entity per line, every property
/// value an array of strings), in the shape `ftm` tools and OpenSanctions readers take.
///
/// Entities: company → Company, person → Person, organization → Organization, exchange → Company, site → Asset,
/// account → BankAccount (or the `ftm.schema` attribute when it names a schema of that kind, e.g. CryptoWallet).
/// Relationships: owns → Ownership (`percentage` in the text ``PercentageText`` reads back, `sharesType` = basis),
/// controls → Control, directs → Directorship, pays → Payment, operates → UnknownLink with role `operates`.
/// Designations → Sanction entities whose `authority` is the list code. Tags that are FtM topics → `topics`,
/// others → `keywords`; the kind and a subdivision jurisdiction (FtM countries are ISO 3166-1 only) travel as
/// `keywords` `corpgraph:kind=…` / `corpgraph:jurisdiction=…`, so native → FtM → native keeps the graph.
/// Not carried: attributes (other than `ftm.*` facts), source titles, confidence.
public enum FtMWriter {
    /// FtM topics (followthemoney/types/topic.py): tags outside this set go to `keywords`.
    public static let topics: Set<String> = [
        "crime", "crime.fraud", "crime.cyber", "crime.fin", "crime.env", "crime.theft", "crime.war", "crime.boss",
        "crime.terror", "crime.traffick", "crime.traffick.drug", "crime.traffick.human", "wanted", "corp.offshore",
        "corp.shell", "corp.public", "corp.disqual", "gov", "gov.national", "gov.state", "gov.muni", "gov.soe",
        "gov.igo", "gov.head", "gov.admin", "gov.executive", "gov.legislative", "gov.judicial", "gov.security",
        "gov.financial", "fin", "fin.bank", "fin.fund", "fin.adivsor", "reg.action", "reg.warn", "role.pep",
        "role.pol", "role.rca", "role.judge", "role.civil", "role.diplo", "role.lawyer", "role.acct", "role.spy",
        "role.oligarch", "role.journo", "role.act", "role.lobby", "pol.party", "pol.union", "rel", "mil",
        "asset.frozen", "sanction", "sanction.linked", "sanction.counter", "sanction.control", "export.control",
        "export.control.linked", "export.risk", "debarment", "skip", "poi",
    ]

    static let schemaByKind: [EntityKind: String] = [
        .company: "Company", .person: "Person", .organization: "Organization", .exchange: "Company", .site: "Asset",
        .account: "BankAccount",
    ]

    public static func write(_ graph: Graph) -> String {
        var out = ""
        let schemeToProperty = Dictionary(
            FollowTheMoneyReader.identifierSchemes.map { ($0.scheme, $0.property) },
            uniquingKeysWith: { a, _ in a })
        for v in 0..<graph.entityCount {
            let e = graph.entity(v)
            var schema = schemaByKind[e.kind] ?? "LegalEntity"
            if let s = e.attributes["ftm.schema"], FollowTheMoneyReader.entityKinds[s] == e.kind { schema = s }
            var p: [String: [String]] = ["name": [e.name]]
            if !e.aliases.isEmpty { p["alias"] = e.aliases }
            var keywords: [String] = []
            if schema == "Company" && e.kind != .company || FollowTheMoneyReader.entityKinds[schema] != e.kind {
                keywords.append("corpgraph:kind=\(e.kind)")
            }
            if let j = e.jurisdiction {
                let country = Jurisdiction.country(of: j).lowercased()
                // Person and Asset (sites, accounts) have no `jurisdiction` in the FtM schema: `ftm validate` drops it.
                p[e.kind == .person || e.kind == .site || e.kind == .account ? "country" : "jurisdiction"] = [country]
                if j.contains("-") { keywords.append("corpgraph:jurisdiction=\(j)") }
            }
            var topicValues: [String] = []
            for t in e.tags { if topics.contains(t) { topicValues.append(t) } else { keywords.append(t) } }
            if !topicValues.isEmpty { p["topics"] = topicValues }
            if !keywords.isEmpty { p["keywords"] = keywords }
            for (scheme, value) in e.identifiers.sorted(by: { $0.key < $1.key }) {
                let prop = schemeToProperty[scheme] ?? "idNumber"
                p[prop, default: []] += value.split(separator: ";").map(String.init)
            }
            for (k, value) in e.attributes where k.hasPrefix("ftm.") {
                let prop = String(k.dropFirst(4))
                if FollowTheMoneyReader.keptProperties.contains(prop) { p[prop] = value.components(separatedBy: "; ") }
            }
            let urls = e.sources.compactMap(\.url)
            if !urls.isEmpty { p["sourceUrl"] = urls }
            line(&out, e.id, schema, p)
            for (k, d) in e.designations.enumerated() {
                var s: [String: [String]] = ["entity": [e.id], "authority": [d.list]]
                if let x = d.program { s["program"] = [x] }
                if let x = d.listed { s["startDate"] = [x.description] }
                if let x = d.delisted { s["endDate"] = [x.description] }
                // An undated listing's first-seen date travels as OpenSanctions metadata, as the reader takes it.
                line(&out, "\(e.id)-sanction-\(k + 1)", "Sanction", s, firstSeen: d.firstSeen)
            }
        }
        for e in 0..<graph.relationshipCount {
            let r = graph.relationship(e)
            let id = r.id ?? "rel-\(e + 1)"
            var p: [String: [String]] = [:]
            let schema: String
            switch r.kind {
            case .owns:
                schema = "Ownership"
                p["owner"] = [r.source]; p["asset"] = [r.target]
                if let s = r.share, s != .unknown {
                    var text = PercentageText.canonical(s)
                    if let t = r.shareText, case .share(let back) = PercentageText.parse(t), back == s { text = t }
                    p["percentage"] = [text]
                } else if let t = r.shareText {
                    p["percentage"] = [t]
                }
                if let b = r.basis { p["sharesType"] = [b] }
            case .controls:
                schema = "Control"
                p["controller"] = [r.source]; p["controlled"] = [r.target]
                if let c = r.controlType { p["controlType"] = [c] }
            case .directs:
                schema = "Directorship"
                p["director"] = [r.source]; p["organization"] = [r.target]
                if let x = r.role { p["role"] = [x] }
            case .pays:
                schema = "Payment"
                p["payer"] = [r.source]; p["beneficiary"] = [r.target]
                if let a = r.amount { p["amount"] = ["\(a)"] }
                if let c = r.currency { p["currency"] = [c] }
                if let d = r.date { p["date"] = [d.description] }
            case .operates:
                schema = "UnknownLink"
                p["subject"] = [r.source]; p["object"] = [r.target]; p["role"] = ["operates"]
            }
            if let d = r.start { p["startDate"] = [d.description] }
            if let d = r.end { p["endDate"] = [d.description] }
            let urls = r.sources.compactMap(\.url)
            if !urls.isEmpty { p["sourceUrl"] = urls }
            line(&out, id, schema, p)
        }
        return out
    }

    static func line(
        _ out: inout String, _ id: String, _ schema: String, _ properties: [String: [String]],
        firstSeen: CalendarDate? = nil
    ) {
        let props = JSONValue.object(properties.mapValues { .array($0.map { .string($0) }) })
        var o: [String: JSONValue] = ["id": .string(id), "schema": .string(schema), "properties": props]
        if let firstSeen { o["first_seen"] = .string(firstSeen.description) }
        let entity = JSONValue.object(o)
        out += entity.encoded(pretty: false) + "\n"
    }
}
