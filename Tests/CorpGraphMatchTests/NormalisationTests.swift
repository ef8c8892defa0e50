import CorpGraphTestSupport
import Testing
import CorpGraph
@testable import CorpGraphMatch

@Suite struct NormalisationTests {
    @Test(arguments: [
        ("ＡＢＣ　Trading", "ABC Trading"),
        ("ﬁnance", "finance"),
        ("①②", "12"),
        ("Acme", "Acme"),
    ])
    func nfkc(_ input: String, _ expected: String) {
        #expect(TextFolding.compatibility(input) == expected)
    }

    @Test(arguments: [
        ("«Газпром»", "Газпром"),
        ("“Polar” Mining", "Polar Mining"),
        ("„Nord“ GmbH", "Nord GmbH"),
        ("‘Helios’ Ltd.", "Helios Ltd"),
        ("K.K.", "KK"),
        ("O'Brien & Sons", "OBrien  and  Sons"),
        ("Rolls-Royce (UK)", "Rolls Royce  UK "),
        ("「トヨタ」", "トヨタ"),
    ])
    func punctuationAndQuotes(_ input: String, _ expected: String) {
        #expect(TextFolding.punctuation(input) == expected)
    }

    @Test(arguments: [
        ("Société", "societe"), ("MÜLLER", "muller"), ("Çelik", "celik"), ("Øresund", "oresund"), ("Straße", "strasse"),
        ("Łódź", "lodz"), ("Ærø", "aero"), ("Şahin", "sahin"), ("İstanbul", "istanbul"),
    ])
    func caseAndDiacritics(_ input: String, _ expected: String) {
        #expect(TextFolding.fold(input) == expected)
    }

    @Test(arguments: [
        ("Сергей", "Sergey"), ("Иванов", "Ivanov"), ("Σωκράτης", "Sōkrátēs"), ("Արամ", "Aram"), ("გიორგი", "giorgi"),
        ("김정은", "gimjeong-eun"), ("Polar", "Polar"), ("トヨタ", "トヨタ"), ("丰田", "丰田"),
    ])
    func transliteration(_ input: String, _ expected: String) {
        #expect(Transliteration.toLatin(input) == expected)
    }

    @Test func arabicAndHebrewBecomeLatin() {
        let arabic = NameNormaliser.words("محمد علي")
        let hebrew = NameNormaliser.words("דוד כהן")
        #expect(arabic.count == 2 && arabic.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
        #expect(hebrew.count == 2 && hebrew.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } })
    }

    @Test(arguments: [
        ("Sergei", "sergei"), ("Sergey", "sergei"), ("Serguei", "sergei"), ("Sergej", "sergei"),
        ("Alexandr", "aleksandr"), ("Dmitriy", "dmitri"), ("Dmitrii", "dmitri"), ("Mikhail", "mihail"), ("657", "657"),
    ])
    func skeletonMakesTransliterationStandardsAgree(_ input: String, _ expected: String) {
        #expect(Skeleton.key(TextFolding.fold(input)) == expected)
    }

    @Test func personNameOrder() {
        #expect(PersonNameOrder.natural("Ivanov, Olga") == "Olga Ivanov")
        #expect(PersonNameOrder.natural("Olga Ivanov") == "Olga Ivanov")
        #expect(PersonNameOrder.natural("A, B, C") == "A, B, C")
        #expect(NameNormaliser.words("Ivanov, Olga", kind: .person) == ["olga", "ivanov"])
        #expect(NameNormaliser.words("Acme, Inc.", kind: .company) == ["acme", "inc"])
    }

    @Test func cjkIsComparedAsBigramsInItsOwnScript() {
        let n = NameNormaliser.normalise("トヨタ自動車株式会社")
        #expect(n.legalForm == LegalForm(compare: "kk", generic: "jsc"))
        #expect(n.tokens == ["トヨ", "ヨタ", "タ自", "自動", "動車"])
        #expect(NameNormaliser.normalise("丰").tokens == ["丰"])
    }

    @Test func wholePipeline() {
        #expect(
            NameNormaliser.normalise("ООО «Ромашка»")
                == NormalisedName(tokens: ["romashka"], legalForm: LegalForm(compare: "ooo", generic: "llc")))
        #expect(NameNormaliser.normalise("Romashka LLC").legalForm?.generic == "llc")
        #expect(
            NameNormaliser.normalise("\"Polar\" Logistics B.V. 657")
                == NormalisedName(
                    tokens: ["polar", "logistics", "657"], legalForm: LegalForm(compare: "bv", generic: "llc")))
        #expect(NameNormaliser.normalise("Müller Minière S.à r.l. 2").legalForm?.compare == "sarl")
        #expect(NameNormaliser.normalise("Orion Pte. Ltd.").legalForm?.compare == "pte ltd")
        #expect(NameNormaliser.normalise("Gulf Star FZCO").legalForm?.generic == "fz")
        #expect(NameNormaliser.normalise("ТОО Астана Трейд").legalForm?.compare == "too")
        #expect(NameNormaliser.normalise("АО Сбербанк").legalForm?.compare == "ao")
        // A name that is only a legal form keeps it as its name.
        #expect(NameNormaliser.normalise("AG").tokens == ["ag"])
    }
}

@Suite struct LegalFormTableTests {
    @Test(arguments: [
        ("llc", "llc", "llc"), ("ooo", "ooo", "llc"), ("ao", "ao", "jsc"), ("jsc", "jsc", "jsc"), ("kk", "kk", "jsc"),
        ("株式会社", "kk", "jsc"), ("pte ltd", "pte ltd", "llc"), ("gmbh", "gmbh", "llc"), ("ag", "ag", "jsc"),
        ("sarl", "sarl", "llc"), ("fze", "fze", "fz"), ("fzco", "fzco", "fz"), ("dmcc", "dmcc", "fz"),
        ("too", "too", "llc"), ("llp", "llp", "partnership"),
    ])
    func rows(_ variant: String, _ compare: String, _ generic: String) {
        let words = variant.split(separator: " ").map(String.init)
        #expect(LegalFormTable.shared.form(of: words) == LegalForm(compare: compare, generic: generic))
    }

    @Test func formSitsBeforeTrailingNumbersOrAtTheStart() {
        let t = LegalFormTable.shared
        #expect(t.extract(["polar", "logistics", "bv", "657"]).words == ["polar", "logistics", "657"])
        #expect(t.extract(["ooo", "romashka"]).words == ["romashka"])
        #expect(t.extract(["too", "many", "cooks"]).form?.compare == "too")
        // Not in the middle: "as" inside a name is a word.
        #expect(t.extract(["known", "as", "polar"]).form == nil)
    }
}

@Suite struct IdentifierTests {
    @Test(arguments: ["529900T8BM49AURSDO55", "5493001KJTIIGC8Y1R12", "HWUPKR0MPOU8FGXBT394"])
    func validLEIs(_ lei: String) throws {
        try Identifiers.checkLEI(lei)
    }

    @Test(arguments: ["529900T8BM49AURSDO56", "529900T8BM49AURSDO5", "529900t8bm49aursdo55", "529900T8BM49AURSDOXX"])
    func invalidLEIs(_ lei: String) {
        #expect(throws: IdentifierError.self) { try Identifiers.checkLEI(lei) }
    }

    @Test func checkDigitsComputeValidLEIs() throws {
        let base = "529900ABCDEFGHIJKL"
        let lei = base + Identifiers.leiCheckDigits(base)
        try Identifiers.checkLEI(lei)
        #expect(lei == "529900ABCDEFGHIJKL19")  // python: 98 - int(digits of base + "00") % 97
    }

    @Test func innAndIMO() throws {
        try Identifiers.checkINN("7707083893")
        try Identifiers.checkINN("500100732259")
        #expect(throws: IdentifierError.self) { try Identifiers.checkINN("7707083894") }
        try Identifiers.checkIMO("9074729")
        #expect(throws: IdentifierError.self) { try Identifiers.checkIMO("9074728") }
    }

    @Test func referencesAreCaseInsensitiveAndNormalised() throws {
        let r = try #require(Identifiers.parseReference("lei:529900t8bm49aursdo55"))
        #expect(r == IdentifierRef(scheme: "LEI", value: "529900T8BM49AURSDO55"))
        #expect(Identifiers.parseReference("INN: 7707 083-893")?.key == "RU-INN:7707083893")
        #expect(Identifiers.parseReference("imo:IMO 9074729")?.value == "9074729")
        #expect(Identifiers.parseReference("wallet:0xABCdef")?.value == "0xabcdef")
        #expect(Identifiers.parseReference("NK-nR5AXM9AVPq4pQaSPSaVam") == nil)
        #expect(Identifiers.parseReference("gleif:child:x") == nil)
        #expect(Identifiers.isStrong("lei") && !Identifiers.isStrong("registrationNumber"))
    }
}
