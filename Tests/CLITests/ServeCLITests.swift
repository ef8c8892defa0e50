import Foundation
import CorpGraphTestSupport
import Testing

/// A `corpgraph serve` process on a free loopback port, stopped when the test ends.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: Int

    init(_ arguments: [String]) throws {
        process.executableURL = CLI.binary
        process.arguments = ["serve"] + arguments + ["--port", "0"]
        process.currentDirectoryURL = CLI.root
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The server names its port on standard error once it listens.
        var seen = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(60)
        while port == nil && Date() < deadline {
            let chunk = err.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let r = seen.range(of: "http://127.0.0.1:"), let end = seen[r.upperBound...].firstIndex(of: "/") {
                port = Int(seen[r.upperBound..<end])
            }
        }
        guard let port else {
            process.terminate()
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "serve did not start: \(seen)"])
        }
        self.port = port
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// GET with curl: status and body.
    func get(_ path: String) throws -> (status: Int, body: String) {
        let r = try Tool.run("/usr/bin/env", ["curl", "-s", "-g", "-w", "\n%{http_code}", base + path])
        let text = r.stdout
        guard let nl = text.lastIndex(of: "\n") else { return (0, text) }
        return (Int(text[text.index(after: nl)...]) ?? 0, String(text[..<nl]))
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

enum Tool {
    static func run(_ executable: String, _ arguments: [String]) throws -> CLI.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLI.Result(
            status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }
}

@Suite(.serialized) struct ServeCLITests {
    static let seed = CLI.fixture("seed/seed.yaml")

    @Test func apiAnswersWithTheCommandsBytes() throws {
        let server = try ServeProcess([ServeCLITests.seed, "--as-of", "2022-12-01"])
        let pairs: [(String, [String])] = [
            (
                "/v1/exposure?subject=exchange-a&asOf=2022-12-01",
                ["exposure", "--subject", "exchange-a", "--as-of", "2022-12-01"]
            ),
            (
                "/v1/exposure?subject=miner-m&asOf=2022-12-01&direction=both&maxDepth=3&via=owns,operates&derived=ofac",
                [
                    "exposure", "--subject", "miner-m", "--as-of", "2022-12-01", "--direction", "both", "--max-depth",
                    "3", "--via", "owns,operates", "--derived", "ofac",
                ]
            ),
            (
                "/v1/reach?subject=exchange-a&asOf=2022-12-01",
                ["exposure", "--reach", "--subject", "exchange-a", "--as-of", "2022-12-01"]
            ),
            (
                "/v1/blocked?regime=eu&asOf=2024-08-01&id=d-ru-ops",
                ["blocked", "--regime", "eu", "--as-of", "2024-08-01", "--explain", "d-ru-ops"]
            ),
            (
                "/v1/ownership?of=ae-hosting-pool&asOf=2022-12-01",
                ["ownership", "--of", "ae-hosting-pool", "--as-of", "2022-12-01"]
            ),
            ("/v1/stats", ["stats"]),
            ("/v1/entities/exchange-a?asOf=2022-12-01", ["entity", "--id", "exchange-a", "--as-of", "2022-12-01"]),
            (
                "/v1/entities/exchange-a/adjacent?limit=2&offset=1",
                ["entity", "--id", "exchange-a", "--adjacent", "--limit", "2", "--offset", "1"]
            ),
        ]
        for (path, args) in pairs {
            let api = try server.get(path)
            let cli = try CLI.run([args[0], ServeCLITests.seed] + args.dropFirst() + ["--format", "json"])
            #expect(api.status == 200, "\(path): \(api.body.prefix(300))")
            #expect(cli.status == 0, "\(args): \(cli.stderr)")
            #expect(
                api.body + "\n" == cli.stdout || api.body == cli.stdout,
                "\(path) differs from corpgraph \(args.joined(separator: " "))")
        }
        // Diagrams: the DOT the server lays out is the file `render` writes.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (query, args) in [
            (
                "subject=miner-m&exposure=true&asOf=2022-12-01&maxDepth=4",
                ["--subject", "miner-m", "--exposure", "--as-of", "2022-12-01", "--max-depth", "4"]
            ),
            (
                "subject=exchange-a&radius=1&asOf=2022-12-01",
                ["--subject", "exchange-a", "--radius", "1", "--as-of", "2022-12-01"]
            ),
        ] {
            let file = dir.appendingPathComponent("d.dot").path
            let cli = try CLI.run(["render", ServeCLITests.seed] + args + ["-o", file])
            #expect(cli.status == 0, "\(cli.stderr)")
            let api = try server.get("/v1/render?format=dot&" + query)
            #expect(api.status == 200)
            let written = try String(contentsOfFile: file, encoding: .utf8)
            #expect(api.body + "\n" == written || api.body == written, "\(query)")
        }
        let svg = try server.get("/v1/render?subject=exchange-a&exposure=true&asOf=2022-12-01")
        #expect(svg.status == 200)
        #expect(svg.body.contains("<svg"))
        let png = try Tool.run(
            "/usr/bin/env",
            [
                "curl", "-s", "-o", "/dev/null", "-w", "%{content_type}",
                server.base + "/v1/render?subject=exchange-a&exposure=true&format=png",
            ])
        #expect(png.stdout == "image/png")
    }

    /// `/v1/search` and `POST /v1/screen` answer with the bytes `search` and `screen --format json|csv` print.
    @Test func searchAndScreenAnswerWithTheCommandsBytes() throws {
        let parties = CLI.fixture("cases/match/parties.yaml"),
            counterparties = CLI.fixture("cases/match/counterparties.csv")
        let server = try ServeProcess([parties, "--as-of", "2025-01-01"])
        let searches: [(String, [String])] = [
            ("q=Polar%20Mining%20OOO", ["Polar Mining OOO"]),
            ("q=Trading&limit=1&threshold=0.5", ["Trading", "--limit", "1", "--threshold", "0.5"]),
            ("q=Ivanov%20Sergei&kind=person", ["Ivanov Sergei", "--kind", "person"]),
            ("q=Polar%20Mining&country=us", ["Polar Mining", "--country", "us"]),
            ("q=inn:7707083893", ["inn:7707083893"]),
            ("q=%E6%9D%B1%E6%B4%8B%E7%89%A9%E7%94%A3", ["東洋物産"]),
        ]
        for (query, args) in searches {
            let api = try server.get("/v1/search?" + query)
            let cli = try CLI.run(["search", parties] + args + ["--format", "json"])
            #expect(api.status == 200, "\(query): \(api.body.prefix(300))")
            #expect(cli.status == 0, "\(cli.stderr)")
            #expect(
                api.body + "\n" == cli.stdout || api.body == cli.stdout,
                "\(query) differs from corpgraph search \(args)")
        }
        for (query, args) in [
            ("", [String]()),
            (
                "?format=csv&regime=ofac,uk&maxDepth=3&threshold=0.8&candidates=2",
                [
                    "--format", "csv", "--regime", "ofac,uk", "--max-depth", "3", "--threshold", "0.8", "--candidates",
                    "2",
                ]
            ),
        ] {
            let api = try Tool.run(
                "/usr/bin/env",
                [
                    "curl", "-s", "-w", "\n%{http_code}", "-H", "Content-Type: text/csv",
                    "--data-binary", "@" + counterparties, server.base + "/v1/screen" + query,
                ])
            let cli = try CLI.run(
                ["screen", parties, "--counterparties", counterparties, "--as-of", "2025-01-01"]
                    + (args.isEmpty ? ["--format", "json"] : args))
            #expect(cli.status == 0, "\(cli.stderr)")
            #expect(api.stdout.hasSuffix("\n200"), "\(api.stdout.suffix(300))")
            #expect(
                String(api.stdout.dropLast(4)) == cli.stdout, "screen\(query) differs from corpgraph screen \(args)")
        }
    }

    /// Diagrams are laid out in a render worker process that is replaced every --renders-per-worker renders, or
    /// when it dies; its SVG is the bytes `render -o FILE.svg` writes.
    @Test func rendersRunInAReplacedWorkerProcess() throws {
        let server = try ServeProcess([ServeCLITests.seed, "--as-of", "2022-12-01", "--renders-per-worker", "2"])
        let query = "/v1/render?subject=miner-m&exposure=true&asOf=2022-12-01&maxDepth=4"
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("corpgraph-worker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("d.svg").path
        let cli = try CLI.run([
            "render", ServeCLITests.seed, "--subject", "miner-m", "--exposure", "--as-of", "2022-12-01", "--max-depth",
            "4", "-o", file,
        ])
        #expect(cli.status == 0, "\(cli.stderr)")
        let written = try String(contentsOfFile: file, encoding: .utf8)
        func workers() -> [Int32] {
            let children =
                (try? Tool.run("/usr/bin/env", ["pgrep", "-P", String(server.process.processIdentifier)]).stdout) ?? ""
            return children.split(separator: "\n").compactMap { Int32($0) }
        }
        var seen: [Int32] = []
        for _ in 0..<5 {
            let svg = try server.get(query)
            #expect(svg.status == 200)
            #expect(svg.body + "\n" == written || svg.body == written)
            let now = workers()
            #expect(now.count == 1, "one worker at a time: \(now)")
            if let w = now.first, seen.last != w { seen.append(w) }
        }
        #expect(seen.count == 3, "renders 1–2, 3–4 and 5 in three workers: \(seen)")
        // A worker that dies is replaced on the next render, which still succeeds.
        if let w = workers().first { kill(w, SIGKILL) }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(try server.get(query).status == 200)
        #expect(try server.get("/healthz").status == 200)
    }

    @Test func refusesAnOpenAddressWithoutAToken() throws {
        let r = try CLI.run(["serve", ServeCLITests.seed, "--host", "0.0.0.0"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("without a token"))
    }

    /// The entity page's status section shows each regime's status from the backend's explanation of that entity
    /// (exchange-a is not blocked under any regime on 2022-12-01; ae-hosting-pool is blocked under OFAC).
    @Test func viewerStatusSectionShowsEachRegimesStatus() throws {
        let server = try ServeProcess([ServeCLITests.seed, "--as-of", "2022-12-01"])
        let clear = try server.get("/view/entities/exchange-a")
        #expect(clear.status == 200)
        #expect(clear.body.components(separatedBy: "status-not\">not blocked").count == 4, "\(clear.body.prefix(3000))")
        #expect(!clear.body.contains("status-unknown"))
        #expect(clear.body.contains("945,000 USDT"), "amounts grouped as in the CLI's text")
        let blocked = try server.get("/view/entities/ae-hosting-pool")
        #expect(
            blocked.body.contains("<th>OFAC</th><td><span class=\"status status-blocked\">blocked</span>"),
            "\(blocked.body.prefix(3000))")
    }

    /// Debian's chromium, headless: the founding case's entity page renders with its name, targets and diagram,
    /// and every request the page made went to this server. Skips only when chromium is not installed (CI installs it).
    @Test func browserRendersTheEntityPageWithoutOutsideRequests() throws {
        guard let chromium = Tool.which("chromium") else { return }
        let server = try ServeProcess([ServeCLITests.seed, "--as-of", "2022-12-01"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "corpgraph-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let netlog = dir.appendingPathComponent("net.json").path
        let url = server.base + "/view/entities/exchange-a"
        let r = try Tool.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--user-data-dir=\(dir.path)/profile", "--log-net-log=\(netlog)",
                "--virtual-time-budget=5000", "--dump-dom", url,
            ])
        let dom = r.stdout
        #expect(dom.contains("Aozora Exchange K.K."), "\(r.stderr.suffix(500))")
        #expect(dom.contains("id=\"paths\""))
        #expect(dom.contains("a-ru-backoffice"))
        #expect(dom.contains("<img id=\"exposure-diagram\""))
        #expect(dom.contains("class=\"status status-"))
        #expect(dom.contains("status-not\">not blocked") && !dom.contains("status-unknown"))
        // The requests the page made are those whose initiator is a web origin (the browser's own background
        // traffic, and the navigation typed in, are "not an origin"): every one is to this server.
        let log = (try? String(contentsOfFile: netlog, encoding: .utf8)) ?? ""
        let initiated = try NSRegularExpression(pattern: "\"initiator\":\"(https?://[^\"]*)\"")
        let initiators = Set(
            initiated.matches(in: log, range: NSRange(log.startIndex..., in: log)).map {
                String(log[Range($0.range(at: 1), in: log)!])
            })
        #expect(initiators == [server.base], "page origins: \(initiators)")
        let pageURLs = log.split(separator: "\n").filter { $0.contains("\"initiator\":\"http") }.compactMap {
            line -> String? in
            guard let r = line.range(of: "\"url\":\"") else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        }
        #expect(
            pageURLs.contains { $0.hasPrefix(server.base + "/v1/render?subject=exchange-a") },
            "the diagram was requested: \(pageURLs)")
        #expect(pageURLs.contains(server.base + "/view/static/viewer.css"))
        #expect(pageURLs.allSatisfy { $0.hasPrefix(server.base + "/") }, "requests outside the server: \(pageURLs)")
    }

    @Test func browserShowsHostileNamesAsText() throws {
        guard let chromium = Tool.which("chromium") else { return }
        let server = try ServeProcess([CLI.fixture("cases/hostile-names/hostile-names.yaml"), "--as-of", "2022-12-01"])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "corpgraph-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Tool.run(
            chromium,
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--user-data-dir=\(dir.path)", "--dump-dom",
                server.base + "/view/entities/evil-%3Cscript%3E",
            ])
        let dom = r.stdout
        #expect(dom.contains("&lt;script&gt;alert('x')&lt;/script&gt;Evil"), "\(r.stderr.suffix(500))")
        #expect(!dom.contains("<script"))
        #expect(dom.components(separatedBy: "<img").count - 1 == 1, "only the diagram is an image")
        #expect(!dom.contains("href=\"javascript:"))
        #expect(!dom.contains("<h1>tag</h1>"))
    }
}
