import ActivisCore

/// Draws a `graph` result: the overview as text or SVG, or one node's
/// description.
package enum GraphResultRenderer {
  /// The view the result asks for, with the automatic depth resolved.
  package static func view(of result: GraphResult) -> GraphView {
    let depth: Int? = switch result.depth {
    case .automatic: GraphView.automaticDepth(for: result.graph)
    case .limit(let limit): limit
    }
    return GraphView(graph: result.graph, depth: depth, expanded: result.expanded,
                     collapsed: result.collapsed, highlighted: result.layers)
  }

  package static func text(_ result: GraphResult, width: Int, useColor: Bool) -> String {
    if let focus = result.focus {
      let detail = GraphNodeDetail.describe(node: focus, in: result.graph, layers: result.layers) ?? focus
      return detail + "\n"
    }
    let view = view(of: result)
    let layout = GraphLayout.layout(view, metrics: .text())
    var output = GraphTextRenderer.render(layout, width: width, useColor: useColor)
    if !output.hasSuffix("\n") { output += "\n" }
    let groups = view.nodes.filter { $0.kind == .group }.count
    var notes = ["\(result.graph.nodes.count) nodes, \(view.nodes.count) shown"]
    if groups > 0 { notes.append("\(groups) collapsed groups: 'graph expand <group>' opens one") }
    notes.append("★ marks layers with activations; 'graph <node>' describes a node")
    return output + notes.joined(separator: "; ") + "\n"
  }

  package static func svg(_ result: GraphResult) -> String {
    GraphSVGRenderer.render(GraphLayout.layout(view(of: result), metrics: .svg))
  }
}
