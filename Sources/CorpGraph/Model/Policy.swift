/// What counts as a target: sanctioned jurisdictions, the designation lists that count, and the ownership regimes.
///
/// A dataset may carry a policy; `--policy FILE` overrides it; otherwise ``Policy/builtIn`` applies.
public struct Policy: Hashable, Sendable {
    /// Sanctioned jurisdictions: a country covers its subdivisions (`RU` covers `RU-IRK`); a subdivision stands alone.
    public var jurisdictions: [String]
    /// Designation lists that count; `nil` means every list.
    public var lists: [String]?
    /// The default regime name for `blocked` (`ofac`, `eu`, `uk` or one defined in ``regimes``).
    public var regime: String?
    /// Regime definitions; the built-in `ofac`, `eu` and `uk` are always available and may be overridden by name.
    public var regimes: [SanctionsRegime]

    public init(jurisdictions: [String], lists: [String]? = nil, regime: String? = nil, regimes: [SanctionsRegime] = [])
    {
        self.jurisdictions = jurisdictions
        self.lists = lists
        self.regime = regime
        self.regimes = regimes
    }

    /// The built-in default: Russia and Belarus (the founding case), the comprehensively embargoed Cuba, Iran,
    /// North Korea and Syria, the regions Crimea (UA-43), Donetsk (UA-14) and Luhansk (UA-09), and every list.
    public static let builtIn = Policy(
        jurisdictions: ["BY", "CU", "IR", "KP", "RU", "SY", "UA-09", "UA-14", "UA-43"], lists: nil, regime: "ofac")

    /// The policy entry that covers `jurisdiction`, if any (the most specific one).
    public func sanctioningEntry(for jurisdiction: String) -> String? {
        var best: String?
        for entry in jurisdictions where Jurisdiction.covers(entry, jurisdiction) {
            if best == nil || entry.count > best!.count { best = entry }
        }
        return best
    }

    /// Whether a designation on `list` counts.
    public func counts(list: String) -> Bool {
        guard let lists else { return true }
        return lists.contains(list)
    }

    /// The regime named `name`: a definition in ``regimes`` wins over the built-in one.
    public func regime(named name: String) -> SanctionsRegime? {
        let key = name.lowercased()
        return regimes.first { $0.name.lowercased() == key } ?? SanctionsRegime.builtIns.first { $0.name == key }
    }

    /// Every regime name available under this policy, sorted.
    public var regimeNames: [String] {
        Array(Set(SanctionsRegime.builtIns.map(\.name) + regimes.map { $0.name.lowercased() })).sorted()
    }
}

/// An ownership-and-control rule set (OFAC, EU, UK, or one a policy defines), as data rather than literals.
public struct SanctionsRegime: Hashable, Sendable {
    /// How indirect holdings reach the next company.
    public enum IndirectRule: String, Sendable, Hashable, CaseIterable {
        /// A blocked entity's holdings count in full toward what it holds (OFAC FAQ 401; EU, derived).
        case holdingsOfBlockedCountInFull
        /// A person holds indirectly through a chain of majority stakes (UK, PSC-style): per designated person.
        case majorityStakeChain
    }

    /// The ownership test in force from a date on.
    public struct OwnershipTest: Hashable, Sendable {
        /// First day the test applies; `nil` means since always.
        public var from: CalendarDate?
        public var threshold: Percent
        /// `true`: share ≥ threshold; `false`: share > threshold.
        public var inclusive: Bool
        public init(from: CalendarDate? = nil, threshold: Percent, inclusive: Bool) {
            self.from = from
            self.threshold = threshold
            self.inclusive = inclusive
        }
    }

    public var name: String
    /// Tests by start date, oldest first; the last one whose `from` is on or before the as-of date applies.
    public var tests: [OwnershipTest]
    /// Aggregate holdings across different designated persons (OFAC, EU: yes; UK: no).
    public var aggregatesAcrossPersons: Bool
    /// Control (board appointment, voting agreement, dominant influence) is sufficient on its own (EU, UK: yes).
    public var countsControl: Bool
    public var indirect: IndirectRule
    /// A majority of the voting rights (`owns` with `basis: voting`, BODS `votingRights`) blocks on its own, tested
    /// apart from the shares with ``votingTest`` (EU: a majority of voting rights is control; UK reg. 7: more than
    /// 50 % of the voting rights). OFAC: no, ownership is equity.
    public var countsVotingRights: Bool
    /// The lists whose designations seed this regime; `nil` means those the policy counts. The built-in regimes name
    /// their own authority's asset-freeze lists (``defaultLists``); a policy overrides them with `regimes[].lists`.
    public var lists: [String]?
    /// Citation of the rule text, for reports.
    public var citation: String
    /// `controls` relationship types that establish control on their own when ``countsControl`` is set (compared
    /// case-insensitively). A `controls` relationship of any other type, or without a type, is only an indication:
    /// it makes the controlled entity UNDETERMINED, never blocked. See ``defaultControlTypes``.
    public var controlTypes: Set<String>

    /// The control types the EU Best Practices and UK reg. 7 name as control: the right to appoint or remove a majority
    /// of the board (`boardAppointment`), a majority of voting rights held by agreement (`votingAgreement`) or
    /// otherwise (`votingMajority`), a dominant influence, de facto included (`dominantInfluence`), and consolidation
    /// in group accounts (`accountingConsolidation`, e.g. GLEIF Level 2 parents).
    public static let defaultControlTypes: Set<String> = [
        "boardAppointment", "votingAgreement", "votingMajority", "dominantInfluence", "accountingConsolidation",
    ]

    public init(
        name: String, tests: [OwnershipTest], aggregatesAcrossPersons: Bool, countsControl: Bool,
        indirect: IndirectRule, lists: [String]? = nil, citation: String,
        controlTypes: Set<String> = SanctionsRegime.defaultControlTypes, countsVotingRights: Bool = false
    ) {
        self.countsVotingRights = countsVotingRights
        self.name = name
        self.tests = tests
        self.aggregatesAcrossPersons = aggregatesAcrossPersons
        self.countsControl = countsControl
        self.indirect = indirect
        self.lists = lists
        self.citation = citation
        self.controlTypes = controlTypes
    }

    /// Whether a `controls` relationship of `type` establishes control on its own under this regime.
    public func isSufficientControl(_ type: String?) -> Bool {
        guard countsControl, let type else { return false }
        let key = type.lowercased()
        return controlTypes.contains { $0.lowercased() == key }
    }

    /// The voting-rights test: a majority, more than 50 % of the votes.
    public static let votingTest = OwnershipTest(threshold: Percent(50), inclusive: false)

    /// The test in force on `date`.
    public func test(on date: CalendarDate) -> OwnershipTest {
        var chosen = tests[0]
        for t in tests {
            if let from = t.from, from > date { continue }
            chosen = t
        }
        return chosen
    }

    /// The asset-freeze lists each built-in regime counts by default (DOMAIN.md §1.3a, docs/SANCTIONS.md "Which lists
    /// count"): OFAC's 50 % rule is about SDN-blocked persons; the EU freezes the persons of its consolidated financial
    /// sanctions list and implements UN Security Council freezes; the UK freezes the persons on the UK Sanctions List
    /// (FCDO; HMT/OFSI's former consolidated list) and UN listings take effect automatically. Travel bans,
    /// export-control and debarment lists are not asset freezes and are in none of them.
    public static let defaultLists: [String: [String]] = [
        "ofac": ["OFAC-SDN"],
        "eu": ["EU-FSF", "UN-SC"],
        "uk": ["UK-FCDO", "UK-HMT", "UN-SC"],
    ]

    public static let ofac = SanctionsRegime(
        name: "ofac", tests: [OwnershipTest(threshold: Percent(50), inclusive: true)],
        aggregatesAcrossPersons: true, countsControl: false, indirect: .holdingsOfBlockedCountInFull,
        lists: defaultLists["ofac"],
        citation:
            "OFAC Revised Guidance on Entities Owned by Blocked Persons (13 Aug 2014); FAQs 398-401; 31 CFR 587.406")

    public static let eu = SanctionsRegime(
        name: "eu",
        tests: [
            OwnershipTest(threshold: Percent(50), inclusive: false),
            OwnershipTest(from: CalendarDate(year: 2024, month: 7, day: 3), threshold: Percent(50), inclusive: true),
        ],
        aggregatesAcrossPersons: true, countsControl: true, indirect: .holdingsOfBlockedCountInFull,
        lists: defaultLists["eu"],
        citation:
            "Council Regulation (EU) 269/2014 Art. 2; EU Best Practices on restrictive measures (update of 3 July 2024)",
        countsVotingRights: true)

    public static let uk = SanctionsRegime(
        name: "uk", tests: [OwnershipTest(threshold: Percent(50), inclusive: false)],
        aggregatesAcrossPersons: false, countsControl: true, indirect: .majorityStakeChain,
        lists: defaultLists["uk"],
        citation:
            "Russia (Sanctions) (EU Exit) Regulations 2019 reg. 7 and Sch. 1; OFSI ownership and control guidance",
        countsVotingRights: true)

    public static let builtIns: [SanctionsRegime] = [.ofac, .eu, .uk]
}
