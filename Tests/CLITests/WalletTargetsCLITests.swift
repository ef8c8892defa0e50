import CorpGraphTestSupport
import Foundation
import Testing

/// Wallets and accounts (issue #11 item 8): an account or crypto wallet held by a designated party is a target
/// (`heldBy:X, OFAC-SDN`), in every output; the holder is the source of an `owns` or `controls` relationship into it.
@Suite struct WalletTargetsCLITests {
    static let dataset = """
        policy: {jurisdictions: []}
        entities:
          - {id: shop, kind: company, name: Corner Shop, jurisdiction: DE}
          - {id: x, kind: person, name: Xavier X, designations: [{list: OFAC-SDN, listed: 2022-04-05}]}
          - {id: y, kind: person, name: Yana Y, designations: [{list: EU-FSF, listed: 2023-01-10}]}
          - {id: wallet-x, kind: account, name: bc1qexamplewalletx}
          - {id: iban-y, kind: account, name: DE00 1234 5678}
          - {id: wallet-free, kind: account, name: bc1qexamplefree}
        relationships:
          - {kind: controls, source: x, target: wallet-x, controlType: accountHolder, start: 2021-01-01}
          - {kind: owns, source: y, target: iban-y, share: 100}
          - {kind: pays, source: shop, target: wallet-x, amount: 5000, currency: USDT, date: 2022-06-01}
          - {kind: pays, source: shop, target: iban-y, amount: 700, currency: EUR, date: 2023-02-01}
          - {kind: pays, source: shop, target: wallet-free, amount: 1, currency: BTC, date: 2022-06-01}

        """

    func file() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-wallets-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("wallets.yaml").path
        try Self.dataset.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("a payment to a wallet held by an SDN-listed person is an exposure path ending at the wallet")
    func walletHeldByADesignatedPerson() throws {
        let f = try file()
        let text = try CLI.run(["exposure", "--subject", "shop", "--as-of", "2023-06-01", f])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("⇒ wallet-x (heldBy:x, OFAC-SDN) [designated]"), "\(text.stdout)")
        #expect(text.stdout.contains("⇒ iban-y (heldBy:y, EU-FSF) [designated]"), "\(text.stdout)")
        #expect(!text.stdout.contains("⇒ wallet-free"))
        let json = try CLI.run(["exposure", "--subject", "shop", "--as-of", "2023-06-01", "--format", "json", f])
        let subject =
            ((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any])["subjects"]
            as! [[String: Any]])[0]
        let paths = subject["paths"] as! [[String: Any]]
        let wallet = try #require(paths.first { $0["target"] as? String == "wallet-x" })
        #expect(wallet["severity"] as? String == "designated")
        let detail = (wallet["reasonDetails"] as! [[String: Any]])[0]
        #expect(
            detail["kind"] as? String == "heldBy" && detail["holder"] as? String == "x"
                && detail["lists"] as? [String] == ["OFAC-SDN"])
        // Under a regime only its lists count: the EU-listed holder's account is no OFAC target.
        let ofac = try CLI.run(["exposure", "--subject", "shop", "--as-of", "2023-06-01", "--derived", "ofac", f])
        #expect(
            ofac.stdout.contains("⇒ wallet-x (heldBy:x, OFAC-SDN) [designated]") && !ofac.stdout.contains("⇒ iban-y"),
            "\(ofac.stdout)")
        // Before y's listing, y's account is no target.
        let early = try CLI.run(["exposure", "--subject", "shop", "--as-of", "2022-12-01", f])
        #expect(early.stdout.contains("⇒ wallet-x") && !early.stdout.contains("⇒ iban-y"), "\(early.stdout)")
    }

    @Test("the wallet is drawn as a target with its holder named")
    func diagram() throws {
        let f = try file()
        let dot = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-wallets-\(getpid()).dot")
            .path
        let r = try CLI.run(["render", f, "--subject", "shop", "--exposure", "--as-of", "2023-06-01", "-o", dot])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        #expect(text.contains("target: held by x, OFAC-SDN"), "\(text)")
    }
}
