import CorpGraph
import Foundation

/// One way a BODS statement breaks the 0.4 schema: the JSON Schema keyword, the JSON path (`$[0].recordDetails…`)
/// and the property, as JSON Schema validators (and the standard's `expected_errors.csv`) name them.
public struct BODSViolation: Hashable, Sendable, CustomStringConvertible {
    public var keyword: String
    public var path: String
    public var property: String
    public var message: String
    public var description: String { "\(path): \(message) [\(keyword)]" }
}

/// The BODS 0.4 statement schema (openownership/data-standard `schema/*.json`, Draft 2020-12), restated as Swift
/// rules so that `swift test` needs no external file. Covers every keyword the schema uses: type, required,
/// enum (codelists, closed), const, minLength/maxLength, minimum/maximum, pattern, format (date, date-time, uri),
/// anyOf/oneOf, if/then (entity subtype by type, componentRecords of components, annotation motivation).
enum BODSSchema {
    indirect enum Rule: Sendable {
        case string(StringRule = StringRule())
        case number(min: Decimal?, max: Decimal?)
        case boolean
        case array(Rule)
        case object(ObjectRule)
        /// A record id (string) or an Unspecified Record object (`subject`, `interestedParty`).
        case recordReference
        case any
    }

    enum Format: Sendable { case date, dateOrDateTime, uri, yearMonthOrDate }

    struct StringRule: Sendable {
        var minLength: Int? = nil
        var maxLength: Int? = nil
        var values: [String]? = nil
        var format: Format? = nil
        var pattern: (@Sendable (String) -> Bool)? = nil
    }

    struct ObjectRule: Sendable {
        var properties: [String: Rule] = [:]
        var required: [String] = []
        /// At least one of these properties must be present (`anyOf: [{required:[a]}, {required:[b]}]`).
        var anyOfRequired: [String]? = nil
        /// The property named in the report when `anyOfRequired` fails.
        var anyOfProperty: String? = nil
        /// Extra if/then checks on the object.
        var check: (@Sendable (ParsedJSONObject, String, inout [BODSViolation]) -> Void)? = nil
    }

    // MARK: Components

    static let country = Rule.object(
        ObjectRule(
            properties: [
                "name": .string(), "code": .string(StringRule(minLength: 2, maxLength: 2)),
            ], required: ["name"]))

    static let jurisdiction = Rule.object(
        ObjectRule(
            properties: [
                "name": .string(), "code": .string(StringRule(minLength: 2, maxLength: 6)),
            ], required: ["name"]))

    static let identifier = Rule.object(
        ObjectRule(
            properties: [
                "id": .string(), "scheme": .string(), "schemeName": .string(), "uri": .string(StringRule(format: .uri)),
            ], anyOfRequired: ["scheme", "schemeName"], anyOfProperty: "scheme"))

    static func address(types: [String]) -> Rule {
        .object(
            ObjectRule(properties: [
                "type": .string(StringRule(values: types)), "address": .string(), "postCode": .string(),
                "country": country,
            ]))
    }

    static let unspecifiedReasons = [
        "noBeneficialOwners", "subjectUnableToConfirmOrIdentifyBeneficialOwner",
        "interestedPartyHasNotProvidedInformation", "subjectExemptFromDisclosure",
        "interestedPartyExemptFromDisclosure", "unknown", "informationUnknownToPublisher",
    ]

    static let unspecifiedRecord = ObjectRule(
        properties: [
            "reason": .string(StringRule(values: unspecifiedReasons)), "description": .string(),
        ], required: ["reason"])

    static let source = Rule.object(
        ObjectRule(properties: [
            "type": .array(
                .string(
                    StringRule(values: [
                        "selfDeclaration", "officialRegister", "thirdParty", "primaryResearch", "verified",
                    ]))),
            "description": .string(),
            "url": .string(StringRule(format: .uri)),
            "retrievedAt": .string(StringRule(format: .dateOrDateTime)),
            "assertedBy": .array(
                .object(ObjectRule(properties: ["name": .string(), "uri": .string(StringRule(format: .uri))]))),
        ]))

    // MARK: Statement

    static let annotation = Rule.object(
        ObjectRule(
            properties: [
                "statementPointerTarget": .string(),
                "creationDate": .string(StringRule(format: .dateOrDateTime)),
                "createdBy": .object(
                    ObjectRule(properties: ["name": .string(), "uri": .string(StringRule(format: .uri))])),
                "motivation": .string(
                    StringRule(values: ["commenting", "correcting", "identifying", "linking", "transformation"])),
                "description": .string(),
                "transformedContent": .string(),
                "url": .string(StringRule(format: .uri)),
            ], required: ["motivation", "statementPointerTarget"],
            check: { obj, path, out in
                let motivation = obj["motivation"]?.string
                if motivation == "linking", obj["url"] == nil {
                    out.append(
                        BODSViolation(
                            keyword: "required", path: path, property: "url",
                            message: "'url' is required when motivation is 'linking'"))
                }
                if motivation != "transformation", let t = obj["transformedContent"], t != .string("") {
                    out.append(
                        BODSViolation(
                            keyword: "const", path: path + ".transformedContent", property: "transformedContent",
                            message: "transformedContent may only be used when motivation is 'transformation'"))
                }
            }))

    static let publicationDetails = Rule.object(
        ObjectRule(
            properties: [
                "publicationDate": .string(StringRule(format: .dateOrDateTime)),
                "bodsVersion": .string(
                    StringRule(pattern: { v in
                        let parts = v.split(separator: ".", omittingEmptySubsequences: false)
                        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
                    })),
                "license": .string(StringRule(format: .uri)),
                "publisher": .object(
                    ObjectRule(
                        properties: ["name": .string(), "url": .string(StringRule(format: .uri))],
                        anyOfRequired: ["name", "url"], anyOfProperty: "publisher")),
            ], required: ["publicationDate", "bodsVersion", "publisher"]))

    static let statement = ObjectRule(
        properties: [
            "statementId": .string(StringRule(minLength: 32, maxLength: 64)),
            "statementDate": .string(StringRule(format: .dateOrDateTime)),
            "annotations": .array(annotation),
            "publicationDetails": publicationDetails,
            "source": source,
            "declaration": .string(),
            "declarationSubject": .string(),
            "recordId": .string(),
            "recordType": .string(StringRule(values: ["entity", "person", "relationship"])),
            "recordStatus": .string(StringRule(values: ["new", "updated", "closed"])),
            "recordDetails": .object(ObjectRule()),
        ], required: ["statementId", "declarationSubject", "recordId", "recordType", "recordDetails", "statementDate"],
        check: { obj, path, out in
            guard let details = obj["recordDetails"], details.object != nil else { return }
            let rule: Rule
            switch obj["recordType"]?.string {
            case "entity": rule = entityDetails
            case "person": rule = personDetails
            case "relationship": rule = relationshipDetails
            default: return
            }
            validate(details, rule, { path + ".recordDetails" }, "recordDetails", &out)
        })

    // MARK: Records

    static let subtypesByType: [String: [String]] = [
        "arrangement": ["trust", "nomination", "other"], "legalEntity": ["trust", "other"],
        "stateBody": ["governmentDepartment", "stateAgency", "other"],
        "registeredEntity": ["other"], "state": ["other"], "anonymousEntity": ["other"], "unknownEntity": ["other"],
    ]

    static let entityDetails = Rule.object(
        ObjectRule(
            properties: [
                "isComponent": .boolean,
                "entityType": .object(
                    ObjectRule(
                        properties: [
                            "type": .string(
                                StringRule(values: [
                                    "registeredEntity", "legalEntity", "arrangement", "anonymousEntity",
                                    "unknownEntity", "state", "stateBody",
                                ])),
                            "subtype": .string(
                                StringRule(values: [
                                    "governmentDepartment", "stateAgency", "other", "trust", "nomination",
                                ])),
                            "details": .string(),
                        ], required: ["type"],
                        check: { obj, path, out in
                            guard let type = obj["type"]?.string, let allowed = subtypesByType[type],
                                let subtype = obj["subtype"]?.string
                            else { return }
                            if !allowed.contains(subtype) {
                                out.append(
                                    BODSViolation(
                                        keyword: "enum", path: path + ".subtype", property: "subtype",
                                        message:
                                            "subtype '\(subtype)' is not allowed for entity type '\(type)' (allowed: \(allowed.joined(separator: ", ")))"
                                    ))
                            }
                        })),
                "unspecifiedEntityDetails": .object(unspecifiedRecord),
                "name": .string(),
                "alternateNames": .array(.string()),
                "jurisdiction": jurisdiction,
                "identifiers": .array(identifier),
                "foundingDate": .string(StringRule(format: .date)),
                "dissolutionDate": .string(StringRule(format: .date)),
                "addresses": .array(address(types: ["registered", "business", "alternative"])),
                "uri": .string(StringRule(format: .uri)),
                "publicListing": .object(
                    ObjectRule(
                        properties: [
                            "hasPublicListing": .boolean,
                            "companyFilingsURLs": .array(.string(StringRule(format: .uri))),
                            "securitiesListings": .array(
                                .object(
                                    ObjectRule(
                                        properties: [
                                            "marketIdentifierCode": .string(),
                                            "operatingMarketIdentifierCode": .string(),
                                            "stockExchangeJurisdiction": .string(
                                                StringRule(minLength: 2, maxLength: 6)),
                                            "stockExchangeName": .string(),
                                            "security": .object(
                                                ObjectRule(
                                                    properties: [
                                                        "idScheme": .string(
                                                            StringRule(values: ["isin", "figi", "cusip", "cins"])),
                                                        "id": .string(), "ticker": .string(),
                                                    ], required: ["ticker"])),
                                        ], required: ["stockExchangeJurisdiction", "security", "stockExchangeName"]))),
                        ], required: ["hasPublicListing"])),
                "formedByStatute": .object(
                    ObjectRule(properties: ["name": .string(), "date": .string(StringRule(format: .date))])),
            ], required: ["isComponent", "entityType"]))

    static let personDetails = Rule.object(
        ObjectRule(
            properties: [
                "isComponent": .boolean,
                "personType": .string(StringRule(values: ["anonymousPerson", "unknownPerson", "knownPerson"])),
                "unspecifiedPersonDetails": .object(unspecifiedRecord),
                "names": .array(
                    .object(
                        ObjectRule(
                            properties: [
                                "type": .string(
                                    StringRule(values: [
                                        "legal", "translation", "transliteration", "former", "alternative", "birth",
                                    ])),
                                "fullName": .string(), "familyName": .string(), "givenName": .string(),
                                "patronymicName": .string(),
                            ], required: ["fullName"]))),
                "identifiers": .array(identifier),
                "nationalities": .array(country),
                "placeOfBirth": address(types: ["placeOfBirth"]),
                "birthDate": .string(StringRule(format: .yearMonthOrDate)),
                "deathDate": .string(StringRule(format: .yearMonthOrDate)),
                "taxResidencies": .array(country),
                "addresses": .array(address(types: ["residence", "service", "alternative"])),
                "politicalExposure": .object(
                    ObjectRule(
                        properties: [
                            "status": .string(StringRule(values: ["isPep", "isNotPep", "unknown"])),
                            "details": .array(
                                .object(
                                    ObjectRule(properties: [
                                        "reason": .string(), "missingInfoReason": .string(),
                                        "jurisdiction": jurisdiction,
                                        "startDate": .string(StringRule(format: .date)),
                                        "endDate": .string(StringRule(format: .date)),
                                        "source": source,
                                    ]))),
                        ], required: ["status"])),
            ], required: ["personType", "isComponent"]))

    static let interestTypes = [
        "shareholding", "votingRights", "appointmentOfBoard", "otherInfluenceOrControl",
        "seniorManagingOfficial", "settlor", "trustee", "protector", "beneficiaryOfLegalArrangement",
        "rightsToSurplusAssetsOnDissolution", "rightsToProfitOrIncome", "rightsGrantedByContract",
        "conditionalRightsGrantedByContract", "controlViaCompanyRulesOrArticles",
        "controlByLegalFramework", "boardMember", "boardChair", "unknownInterest",
        "unpublishedInterest", "enjoymentAndUseOfAssets", "rightToProfitOrIncomeFromAssets",
        "nominee", "nominator",
    ]

    static let percent = Rule.number(min: 0, max: 100)

    static let relationshipDetails = Rule.object(
        ObjectRule(
            properties: [
                "isComponent": .boolean,
                "componentRecords": .array(.string()),
                "subject": .recordReference,
                "interestedParty": .recordReference,
                "interests": .array(
                    .object(
                        ObjectRule(properties: [
                            "type": .string(StringRule(values: interestTypes)),
                            "directOrIndirect": .string(StringRule(values: ["direct", "indirect", "unknown"])),
                            "beneficialOwnershipOrControl": .boolean,
                            "details": .string(),
                            "share": .object(
                                ObjectRule(properties: [
                                    "exact": percent, "maximum": percent, "minimum": percent,
                                    "exclusiveMinimum": percent, "exclusiveMaximum": percent,
                                ])),
                            "startDate": .string(StringRule(format: .date)),
                            "endDate": .string(StringRule(format: .date)),
                        ]))),
            ], required: ["isComponent", "subject", "interestedParty"],
            check: { obj, path, out in
                if obj["isComponent"] == .bool(true), let c = obj["componentRecords"], c != .array([]) {
                    out.append(
                        BODSViolation(
                            keyword: "const", path: path + ".componentRecords", property: "componentRecords",
                            message: "a component relationship (isComponent true) must not list componentRecords"))
                }
            }))

    // MARK: Validation

    /// Validates one statement at `path` (`$[3]`).
    static func validate(statement value: ParsedJSON, path: String) -> [BODSViolation] {
        var out: [BODSViolation] = []
        validate(value, .object(statement), { path }, "", &out)
        return out
    }

    static func validate(
        _ value: ParsedJSON, _ rule: Rule, _ path: () -> String, _ property: String, _ out: inout [BODSViolation]
    ) {
        func typeError(_ expected: String) {
            out.append(
                BODSViolation(
                    keyword: "type", path: path(), property: property,
                    message: "expected \(expected), got \(value.typeName) \(value.brief)"))
        }
        switch rule {
        case .any: return
        case .boolean: if value.bool == nil { typeError("boolean") }
        case .number(let min, let max):
            guard let text = value.numberText else { typeError("number"); return }
            if let small = smallNumber(text), min.map({ small >= $0 }) ?? true, max.map({ small <= $0 }) ?? true {
                return  // within bounds: the common case, without making a Decimal
            }
            guard let d = Decimal(string: text, locale: posix) else { typeError("number"); return }
            if let min, d < min {
                out.append(
                    BODSViolation(
                        keyword: "minimum", path: path(), property: property, message: "\(text) is less than \(min)"))
            }
            if let max, d > max {
                out.append(
                    BODSViolation(
                        keyword: "maximum", path: path(), property: property, message: "\(text) is more than \(max)"))
            }
        case .string(let r):
            guard let s = value.string else { typeError("string"); return }
            let n = r.minLength == nil && r.maxLength == nil ? 0 : s.unicodeScalars.count
            if let m = r.minLength, n < m {
                out.append(
                    BODSViolation(
                        keyword: "minLength", path: path(), property: property,
                        message: "\(value.brief) is shorter than \(m) characters"))
            }
            if let m = r.maxLength, n > m {
                out.append(
                    BODSViolation(
                        keyword: "maxLength", path: path(), property: property,
                        message: "\(value.brief) is longer than \(m) characters"))
            }
            if let values = r.values, !values.contains(s) {
                out.append(
                    BODSViolation(
                        keyword: "enum", path: path(), property: property,
                        message: "\(value.brief) is not one of \(values.joined(separator: ", "))"))
            }
            if let p = r.pattern, !p(s) {
                out.append(
                    BODSViolation(
                        keyword: "pattern", path: path(), property: property,
                        message: "\(value.brief) does not match the expected pattern"))
            }
            switch r.format {
            case nil: break
            case .date:
                if !isDate(s) {
                    out.append(
                        BODSViolation(
                            keyword: "format", path: path(), property: property,
                            message: "\(value.brief) is not a date (YYYY-MM-DD)"))
                }
            case .dateOrDateTime:
                if !isDate(s) && !isDateTime(s) {
                    out.append(
                        BODSViolation(
                            keyword: "anyOf", path: path(), property: property,
                            message: "\(value.brief) is neither a date (YYYY-MM-DD) nor a date-time (RFC 3339)"))
                }
            case .yearMonthOrDate:
                if !isYearOrYearMonth(s) && !isDate(s) {
                    out.append(
                        BODSViolation(
                            keyword: "anyOf", path: path(), property: property,
                            message: "\(value.brief) is not YYYY, YYYY-MM or YYYY-MM-DD"))
                }
            case .uri:
                if !isURI(s) {
                    out.append(
                        BODSViolation(
                            keyword: "format", path: path(), property: property,
                            message: "\(value.brief) is not an absolute URI (scheme:…)"))
                }
            }
        case .array(let item):
            guard let a = value.array else { typeError("array"); return }
            for (k, x) in a.enumerated() { validate(x, item, { "\(path())[\(k)]" }, property, &out) }
        case .recordReference:
            if value.string != nil { return }
            if let o = value.object {
                var inner: [BODSViolation] = []
                validate(value, .object(unspecifiedRecord), path, property, &inner)
                if inner.isEmpty { return }
                _ = o
            }
            out.append(
                BODSViolation(
                    keyword: "oneOf", path: path(), property: property,
                    message:
                        "expected a record id (string) or an Unspecified Record {reason, description}, got \(value.typeName) \(value.brief)"
                ))
        case .object(let r):
            guard let o = value.object else { typeError("object"); return }
            for name in r.required where o[name] == nil {
                out.append(
                    BODSViolation(keyword: "required", path: path(), property: name, message: "'\(name)' is required"))
            }
            if let any = r.anyOfRequired, !any.contains(where: { o[$0] != nil }) {
                out.append(
                    BODSViolation(
                        keyword: "anyOf", path: path(), property: r.anyOfProperty ?? any[0],
                        message: "one of \(any.map { "'\($0)'" }.joined(separator: " or ")) is required"))
            }
            for (k, v) in o.entries {
                if let pr = r.properties[k] { validate(v, pr, { path() + "." + k }, k, &out) }
            }
            if let check = r.check { check(o, path(), &out) }
        }
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// A JSON number without exponent and at most 15 digits before the point, as a Decimal made from its integer
    /// part, when its fraction is zero (`50`, `50.0`): `nil` for anything else, which the caller reads as a Decimal.
    static func smallNumber(_ text: String) -> Decimal? {
        var units: Int64 = 0, digits = 0, negative = false, fraction = false
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "-") where digits == 0 && !negative: negative = true
            case UInt8(ascii: "."): if fraction { return nil }; fraction = true
            case UInt8(ascii: "0"): if !fraction { units *= 10; digits += 1 }
            case UInt8(ascii: "1")...UInt8(ascii: "9"):
                if fraction { return nil }
                units = units * 10 + Int64(b - 48)
                digits += 1
            default: return nil
            }
            if digits > 15 { return nil }
        }
        return Decimal(negative ? -units : units)
    }

    static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D else { return false }
        for k in [0, 1, 2, 3, 5, 6, 8, 9] where !(0x30...0x39).contains(b[k]) { return false }
        return CalendarDateCheck.valid(s)
    }

    static func isDateTime(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count >= 20, isDate(String(decoding: b[0..<10], as: UTF8.self)),
            b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " ")
        else { return false }
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= b.count else { return nil }
            var n = 0
            for k in r { guard (0x30...0x39).contains(b[k]) else { return nil }; n = n * 10 + Int(b[k] - 0x30) }
            return n
        }
        guard let h = digits(11..<13), b[13] == 0x3A, let m = digits(14..<16), b[16] == 0x3A, let sec = digits(17..<19),
            h < 24, m < 60, sec <= 60
        else { return false }
        var k = 19
        if k < b.count, b[k] == UInt8(ascii: ".") {
            k += 1
            let start = k
            while k < b.count, (0x30...0x39).contains(b[k]) { k += 1 }
            if k == start { return false }
        }
        guard k < b.count else { return false }
        if b[k] == UInt8(ascii: "Z") || b[k] == UInt8(ascii: "z") { return k + 1 == b.count }
        guard b[k] == UInt8(ascii: "+") || b[k] == UInt8(ascii: "-"), k + 6 == b.count,
            let oh = digits(k + 1..<k + 3), b[k + 3] == 0x3A, let om = digits(k + 4..<k + 6), oh < 24, om < 60
        else { return false }
        return true
    }

    static func isYearOrYearMonth(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 4 || b.count == 7, b[0..<4].allSatisfy({ (0x30...0x39).contains($0) }) else { return false }
        if b.count == 4 { return true }
        guard b[4] == 0x2D, let m = Int(String(decoding: b[5..<7], as: UTF8.self)) else { return false }
        return (1...12).contains(m) && b[5..<7].allSatisfy({ (0x30...0x39).contains($0) })
    }

    /// RFC 3986 absolute URI: a scheme (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`), a colon, no spaces.
    static func isURI(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":"), colon != s.startIndex else { return false }
        let scheme = s[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        let rest = s[s.index(after: colon)...]
        return !rest.isEmpty && !s.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" })
    }
}

enum CalendarDateCheck {
    static func valid(_ s: String) -> Bool {
        let p = s.split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]) else { return false }
        guard (1...12).contains(m), d >= 1 else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
