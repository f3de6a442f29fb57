import ActivisCore
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import ActivisRender

/// Helpers shared by the graph tests: fixtures, a small graph builder, and an
/// independent reader of text drawings.
enum GraphTestSupport {
  static let fixtureNames = ["word-cnn", "resnet", "transformer"]

  /// Reads `Tests/Fixtures/graphs/<name>.graph.json` (written by
  /// `scripts/make-graph-fixtures` from torch.fx traces).
  static func fixture(_ name: String) throws -> ModelGraph {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Fixtures/graphs/\(name).graph.json")
    let data = try Data(contentsOf: url)
    let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    let entries = object?["nodes"] as? [[String: Any]] ?? []
    let nodes = entries.map { entry -> ModelGraph.Node in
      let shape = (entry["shape"] as? [Any])?.map { $0 as? Int }
      let attributes = ((entry["attrs"] as? [String: Any]) ?? [:]).sorted { $0.key < $1.key }
        .map { (key: $0.key, value: JSONValue.string("\($0.value)")) }
      return ModelGraph.Node(
        id: entry["id"] as? String ?? "",
        kind: entry["kind"] as? String == "operator" ? .operator : .data,
        op: entry["op"] as? String, shape: shape, group: entry["group"] as? String,
        attributes: attributes, inputs: entry["inputs"] as? [String] ?? [],
        outputs: entry["outputs"] as? [String] ?? [])
    }
    return try ModelGraph(nodes: nodes, file: name)
  }

  /// A graph from `(id, kind, group, inputs)` rows; kinds alternate as the
  /// caller says.
  static func graph(_ rows: [(String, ModelGraph.Kind, String?, [String])]) throws -> ModelGraph {
    try ModelGraph(
      nodes: rows.map { .init(id: $0.0, kind: $0.1, op: $0.1 == .operator ? "Op" : nil,
                              shape: $0.1 == .data ? [nil, 4] : nil, group: $0.2, inputs: $0.3) },
      file: "test")
  }

  /// a1 and a3 are in group g, b is outside; collapsing g gives the cycle
  /// g → b → bo → g.
  static func cycleGraph() throws -> ModelGraph {
    try GraphTestSupport.graph([
      ("x", .data, nil, []),
      ("a1", .operator, "g", ["x"]),
      ("a1o", .data, "g", ["a1"]),
      ("b", .operator, nil, ["a1o"]),
      ("bo", .data, nil, ["b"]),
      ("a3", .operator, "g", ["bo"]),
      ("a3o", .data, "g", ["a3"]),
    ])
  }

  /// The (from, to) view-node pairs that the lines of a text drawing connect,
  /// read from the characters alone, given where the boxes are.
  ///
  /// Lines are followed from every port on a box border (`┬` `╤` below,
  /// `┴` `╧` above) through the box-drawing characters; at a junction every
  /// branch is followed; a `│` met while running sideways is a crossing and is
  /// jumped; an arrow `▼`/`▲` next to a box ends the line there.
  static func tracedEdges(
    lines: [String], frames: [(x: Int, y: Int, width: Int, height: Int)]
  ) -> (edges: Set<[Int]>, problems: [String]) {
    let grid = lines.map { Array($0) }
    func at(_ x: Int, _ y: Int) -> Character {
      guard y >= 0, y < grid.count, x >= 0, x < grid[y].count else { return " " }
      return grid[y][x]
    }
    var owner: [Int: Int] = [:]
    for (index, frame) in frames.enumerated() {
      for y in frame.y ..< frame.y + frame.height {
        for x in frame.x ..< frame.x + frame.width { owner[y * 100_000 + x] = index }
      }
    }
    func box(_ x: Int, _ y: Int) -> Int? { owner[y * 100_000 + x] }
    // Directions: 0 up, 1 down, 2 left, 3 right.
    let step = [(0, -1), (0, 1), (-1, 0), (1, 0)]
    let opposite = [1, 0, 3, 2]
    func sides(_ character: Character) -> Set<Int> {
      switch character {
      case "│": [0, 1]
      case "─": [2, 3]
      case "╭": [1, 3]
      case "╮": [1, 2]
      case "╰": [0, 3]
      case "╯": [0, 2]
      case "├": [0, 1, 3]
      case "┤": [0, 1, 2]
      case "┬": [1, 2, 3]
      case "┴": [0, 2, 3]
      case "┼": [0, 1, 2, 3]
      default: []
      }
    }
    var edges = Set<[Int]>()
    var problems: [String] = []
    for (source, frame) in frames.enumerated() {
      var starts: [(x: Int, y: Int, direction: Int)] = []
      for x in frame.x ..< frame.x + frame.width {
        let bottom = at(x, frame.y + frame.height - 1)
        if bottom == "┬" || bottom == "╤" { starts.append((x, frame.y + frame.height, 1)) }
        let top = at(x, frame.y)
        if top == "┴" || top == "╧" { starts.append((x, frame.y - 1, 0)) }
      }
      var seen = Set<[Int]>()
      var stack = starts
      while let (x, y, direction) = stack.popLast() {
        guard seen.insert([x, y, direction]).inserted else { continue }
        let character = at(x, y)
        if character == "▼" || character == "▲" {
          let wanted = character == "▼" ? 1 : 0
          let next = (x + step[wanted].0, y + step[wanted].1)
          if direction == wanted, let target = box(next.0, next.1) {
            edges.insert([source, target])
          } else {
            problems.append("arrow at \(x),\(y) points at no box")
          }
          continue
        }
        if box(x, y) != nil {
          problems.append("line from box \(source) runs into a box at \(x),\(y)")
          continue
        }
        let cameFrom = opposite[direction]
        let open = sides(character)
        if character == "│", direction >= 2 {
          stack.append((x + step[direction].0, y + step[direction].1, direction))
          continue
        }
        guard open.contains(cameFrom) else {
          problems.append("line from box \(source) breaks off at \(x),\(y) ('\(character)')")
          continue
        }
        for side in open where side != cameFrom {
          stack.append((x + step[side].0, y + step[side].1, side))
        }
      }
    }
    return (edges, problems)
  }

  /// Whether `text` is well-formed XML, with the names of its elements.
  static func parseXML(_ text: String) -> (ok: Bool, elements: [String: Int], error: String?) {
    final class Delegate: NSObject, XMLParserDelegate {
      var elements: [String: Int] = [:]
      func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
      ) {
        elements[name, default: 0] += 1
      }
    }
    let parser = XMLParser(data: Data(text.utf8))
    let delegate = Delegate()
    parser.delegate = delegate
    let ok = parser.parse()
    return (ok, delegate.elements, parser.parserError.map { "\($0)" })
  }
}
