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
}
