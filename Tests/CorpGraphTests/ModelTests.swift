import CorpGraphTestSupport
import Testing
@testable import CorpGraph

@Suite struct PercentTests {
    @Test func exactDecimalsCompareEqual() {
        #expect(Percent(parsing: "50.00") == Percent(50))
        #expect(Percent(parsing: "50") == Percent(parsing: "50.0000"))
        #expect(Percent(parsing: "33.33")!.units == 333_300)
        #expect(Percent(parsing: "12.3456")!.units == 123_456)
        #expect(Percent(parsing: "0.5")! + Percent(parsing: "49.5")! == Percent(50))
    }

    @Test func rejectsWhatItCannotRepresent() {
        for bad in ["", "abc", "1e2", "12.34567", "1.2.3", "--5", "50%", " 50"] {
            #expect(Percent(parsing: bad) == nil, "\(bad)")
        }
        #expect(Percent(parsing: "50.000000") == Percent(50))
    }

    @Test func printsShortestExactText() {
        #expect(Percent(parsing: "50.00")!.description == "50")
        #expect(Percent(parsing: "33.33")!.description == "33.33")
        #expect(Percent(parsing: "12.5")!.description == "12.5")
        #expect(Percent(parsing: "0.0025")!.description == "0.0025")
    }
}

@Suite struct ShareTests {
    @Test func boundsAndText() {
        let r = Share.range(ShareRange(min: Percent(25), max: Percent(50), maxExclusive: true))
        #expect(r.lowerBound == Percent(25))
        #expect(r.upperBound == Percent(50))
        #expect(r.upperExclusive)
        #expect(!r.lowerExclusive)
        #expect(r.description == "25–50 %")
        #expect(Share.unknown.description == "?")
        #expect(Share.unknown.upperBound == .hundred)
        #expect(Share.exact(Percent(60)).description == "60 %")
        #expect(Share.range(ShareRange(min: Percent(50), max: nil, minExclusive: true)).description == ">50 %")
    }

    @Test func packingRoundTrips() {
        let shares: [Share?] = [
            nil, .unknown, .exact(Percent(parsing: "33.33")!),
            .range(ShareRange(min: Percent(25), max: Percent(50), minExclusive: true, maxExclusive: false)),
            .range(ShareRange(min: nil, max: Percent(25), maxExclusive: true)),
        ]
        for s in shares { #expect(PackedShare(s).share == s) }
    }
}

@Suite struct CalendarDateTests {
    @Test func parsesAndValidates() {
        #expect(CalendarDate(parsing: "2022-06-30")?.rawValue == 20220630)
        #expect(CalendarDate(parsing: "2024-02-29") != nil)
        #expect(CalendarDate(parsing: "2023-02-29") == nil)
        #expect(CalendarDate(parsing: "2022-13-01") == nil)
        #expect(CalendarDate(parsing: "2022-6-30") == nil)
        #expect(CalendarDate(parsing: "2020-01-01T00:00:00Z")?.description == "2020-01-01")
        #expect(CalendarDate(parsing: "2022-04-30")! < CalendarDate(parsing: "2022-05-01")!)
    }

    @Test func designationInForce() {
        let d = Designation(
            list: "OFAC-SDN", listed: CalendarDate(parsing: "2022-04-05"), delisted: CalendarDate(parsing: "2023-01-01")
        )
        #expect(!d.isInForce(on: CalendarDate(parsing: "2022-04-04")!))
        #expect(d.isInForce(on: CalendarDate(parsing: "2022-04-05")!))
        #expect(!d.isInForce(on: CalendarDate(parsing: "2023-01-01")!))
    }
}

@Suite struct PolicyTests {
    @Test func countryCoversSubdivisions() {
        let p = Policy(jurisdictions: ["RU", "UA-43"])
        #expect(p.sanctioningEntry(for: "RU-IRK") == "RU")
        #expect(p.sanctioningEntry(for: "RU") == "RU")
        #expect(p.sanctioningEntry(for: "UA-43") == "UA-43")
        #expect(p.sanctioningEntry(for: "UA-30") == nil)
        #expect(p.sanctioningEntry(for: "RUS") == nil)
        #expect(Policy.builtIn.jurisdictions.contains("BY"))
        #expect(Policy.builtIn.lists == nil)
    }

    @Test func euTestDependsOnDate() {
        let eu = SanctionsRegime.eu
        #expect(eu.test(on: CalendarDate(parsing: "2024-07-02")!).inclusive == false)
        #expect(eu.test(on: CalendarDate(parsing: "2024-07-03")!).inclusive == true)
        #expect(Policy.builtIn.regime(named: "UK")?.aggregatesAcrossPersons == false)
    }
}
