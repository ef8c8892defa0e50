import CorpGraph
import Foundation
import Yams

extension NativeReader {
    mutating func readPolicy(_ node: Node) -> Policy? {
        guard pairs(node) != nil else {
            error(
                .unexpectedStructure, node, nil, "policy",
                "expected a policy mapping, found \(NativeReader.describe(node))")
            return nil
        }
        checkKeys(node, NativeFields.policy, "policy", "policy")
        var codes: [String] = []
        for raw in strings(value(node, "jurisdictions"), "policy", "jurisdictions") {
            let code = Jurisdiction.normalise(raw)
            if let registry, !registry.isJurisdiction(code) {
                let close = registry.suggestJurisdiction(for: code)
                error(
                    .unknownCode, value(node, "jurisdictions"), "policy", "jurisdictions",
                    "unknown jurisdiction code '\(raw.prefix(40))'" + Suggestions.hint(close))
                continue
            }
            codes.append(code)
        }
        let listsNode = value(node, "lists")
        let lists: [String]? = (listsNode == nil || isNull(listsNode!)) ? nil : strings(listsNode, "policy", "lists")
        var regimes: [SanctionsRegime] = []
        if let rs = value(node, "regimes"), !isNull(rs) {
            if case .sequence(let seq) = rs {
                for r in seq { if let regime = readRegime(r) { regimes.append(regime) } }
            } else {
                error(
                    .unexpectedStructure, rs, "policy", "regimes",
                    "expected a list of regime definitions, found \(NativeReader.describe(rs))")
            }
        }
        let regime = string(value(node, "regime"), "policy", "regime")
        var policy = Policy(
            jurisdictions: Array(Set(codes)).sorted(), lists: lists, regime: regime?.lowercased(), regimes: regimes)
        if value(node, "jurisdictions") == nil { policy.jurisdictions = Policy.builtIn.jurisdictions }
        if let name = policy.regime, policy.regime(named: name) == nil {
            error(
                .unknownCode, value(node, "regime"), "policy", "regime",
                "unknown regime '\(name)'; expected one of \(policy.regimeNames.joined(separator: ", "))")
        }
        return policy
    }

    mutating func readRegime(_ node: Node) -> SanctionsRegime? {
        guard pairs(node) != nil, let name = string(value(node, "name"), "policy", "regimes.name") else {
            error(.missingField, node, "policy", "regimes", "expected a regime mapping with a 'name'")
            return nil
        }
        checkKeys(node, NativeFields.regime, name, "regime")
        let builtIn = SanctionsRegime.builtIns.first { $0.name == name.lowercased() }
        let base = builtIn ?? .ofac
        var tests: [SanctionsRegime.OwnershipTest] = []
        if let ts = value(node, "tests"), case .sequence(let seq) = ts {
            for t in seq {
                checkKeys(t, NativeFields.test, name, "test")
                guard let threshold = percent(value(t, "threshold"), name, "tests.threshold") else {
                    error(.missingField, t, name, "tests.threshold", "missing threshold")
                    continue
                }
                tests.append(
                    .init(
                        from: date(value(t, "from"), name, "tests.from"), threshold: threshold,
                        inclusive: bool(value(t, "inclusive"), name, "tests.inclusive") ?? true))
            }
            tests.sort { ($0.from?.rawValue ?? 0) < ($1.from?.rawValue ?? 0) }
        } else if let th = value(node, "threshold") {
            guard let threshold = percent(th, name, "threshold") else { return nil }
            tests = [.init(threshold: threshold, inclusive: bool(value(node, "inclusive"), name, "inclusive") ?? true)]
        } else {
            tests = base.tests
        }
        if tests.isEmpty {
            error(.missingField, node, name, "tests", "a regime needs at least one ownership test"); return nil
        }
        var indirect = base.indirect
        if let text = string(value(node, "indirect"), name, "indirect") {
            if let rule = SanctionsRegime.IndirectRule(rawValue: text) {
                indirect = rule
            } else {
                error(
                    .invalidValue, value(node, "indirect"), name, "indirect",
                    "expected one of \(SanctionsRegime.IndirectRule.allCases.map(\.rawValue).joined(separator: ", ")), found '\(text.prefix(40))'"
                )
            }
        }
        let listsNode = value(node, "lists")
        return SanctionsRegime(
            name: name.lowercased(), tests: tests,
            aggregatesAcrossPersons: bool(value(node, "aggregate"), name, "aggregate") ?? base.aggregatesAcrossPersons,
            countsControl: bool(value(node, "control"), name, "control") ?? base.countsControl,
            indirect: indirect,
            // A new regime without `lists` counts the policy's lists; a built-in one keeps its own table.
            lists: listsNode == nil ? builtIn?.lists : strings(listsNode, name, "lists"),
            citation: string(value(node, "citation"), name, "citation") ?? "defined by the dataset's policy",
            controlTypes: value(node, "controlTypes").map { Set(strings($0, name, "controlTypes")) }
                ?? base.controlTypes,
            countsVotingRights: bool(value(node, "votingRights"), name, "votingRights") ?? base.countsVotingRights)
    }
}
