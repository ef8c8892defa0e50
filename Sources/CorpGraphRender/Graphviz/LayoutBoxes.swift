import Foundation

/// A node's box as Graphviz laid it out (points, origin bottom left).
public struct LaidOutBox: Sendable, Hashable {
    public var name: String
    public var minX: Double, minY: Double, maxX: Double, maxY: Double

    /// Whether the two boxes share more than `tolerance` points of area in both directions.
    public func overlaps(_ other: LaidOutBox, tolerance: Double = 0.5) -> Bool {
        min(maxX, other.maxX) - max(minX, other.minX) > tolerance
            && min(maxY, other.maxY) - max(minY, other.minY) > tolerance
    }
}

/// The boxes of a laid-out drawing: every node (a link's text is a node of its own), every country box's label and
/// every edge label Graphviz placed (`lp`, `xlp`), read from its JSON output.
public struct DiagramLayout: Sendable {
    public var boxes: [LaidOutBox]
    /// The bounding box of the whole drawing (points).
    public var width: Double, height: Double

    /// Lays out `dot` with `engine` and reads the positions Graphviz returns.
    public static func of(_ dot: String, engine: LayoutEngine) throws(GraphvizError) -> DiagramLayout {
        let rendered = try GraphvizEngine.render(dot, layout: engine, format: .json)
        guard let root = try? JSONSerialization.jsonObject(with: Data(rendered.data)) as? [String: Any] else {
            throw GraphvizError(stage: .render, message: "Graphviz returned JSON that does not parse")
        }
        func numbers(_ text: Any?) -> [Double] {
            guard let text = text as? String else { return [] }
            return text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
        }
        let bb = numbers(root["bb"])
        var boxes: [LaidOutBox] = []
        for o in root["objects"] as? [[String: Any]] ?? [] {
            // A country box's own label (lp, lwidth, lheight in inches).
            let lp = numbers(o["lp"])
            if lp.count == 2, let w = Double(o["lwidth"] as? String ?? ""),
                let h = Double(o["lheight"] as? String ?? "")
            {
                boxes.append(
                    LaidOutBox(
                        name: "label of " + (o["name"] as? String ?? ""), minX: lp[0] - w * 36,
                        minY: lp[1] - h * 36, maxX: lp[0] + w * 36, maxY: lp[1] + h * 36))
            }
            let p = numbers(o["pos"])
            guard p.count == 2, let w = Double(o["width"] as? String ?? ""),
                let h = Double(o["height"] as? String ?? "")
            else { continue }
            let name = o["name"] as? String ?? ""
            boxes.append(
                LaidOutBox(
                    name: name, minX: p[0] - w * 36, minY: p[1] - h * 36, maxX: p[0] + w * 36, maxY: p[1] + h * 36))
        }
        for e in root["edges"] as? [[String: Any]] ?? [] {
            for key in ["lp", "xlp"] {
                // Edge labels: JSON gives only the centre; their size is not reported, so a 1-point box marks them.
                let p = numbers(e[key])
                if p.count == 2 {
                    boxes.append(
                        LaidOutBox(
                            name: "edge label", minX: p[0] - 0.5, minY: p[1] - 0.5, maxX: p[0] + 0.5, maxY: p[1] + 0.5))
                }
            }
        }
        return DiagramLayout(
            boxes: boxes, width: bb.count == 4 ? bb[2] - bb[0] : 0, height: bb.count == 4 ? bb[3] - bb[1] : 0)
    }

    /// Pairs of boxes that overlap (names), in input order.
    public var overlaps: [(String, String)] {
        let sorted = boxes.sorted { $0.minX < $1.minX }
        var out: [(String, String)] = []
        for i in sorted.indices {
            var j = i + 1
            while j < sorted.count && sorted[j].minX < sorted[i].maxX {
                if sorted[i].overlaps(sorted[j]) { out.append((sorted[i].name, sorted[j].name)) }
                j += 1
            }
        }
        return out
    }
}

extension Diagram {
    /// The laid-out boxes of this diagram (positions from Graphviz's JSON).
    public func layout() throws(GraphvizError) -> DiagramLayout { try DiagramLayout.of(dotText, engine: engine) }
}
