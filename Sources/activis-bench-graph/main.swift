// Times the graph layout on generated Transformer encoders of growing size.
// Usage: activis-bench-graph [nodes …]   (default 500 5000 50000)
import ActivisGraphSamples
import ActivisCore
import ActivisRender
import Foundation

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let targets = sizes.isEmpty ? [500, 5_000, 50_000] : sizes

func seconds(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

print("nodes    edges    view(s)  layout(s)  text(s)  growth  n·log n growth")
var previous: (nodes: Int, time: Double)?
for target in targets {
  let graph = SyntheticGraphs.transformerEncoder(approximateNodes: target)
  let repeats = graph.nodes.count <= 5_000 ? 3 : 1
  var best = (view: Double.infinity, layout: Double.infinity, text: Double.infinity)
  var keep = 0
  for _ in 0 ..< repeats {
    var view: GraphView?
    let viewTime = seconds { view = GraphView(graph: graph) }
    guard let view else { continue }
    var layout: GraphLayout?
    let layoutTime = seconds { layout = GraphLayout.layout(view) }
    guard let layout else { continue }
    // The terminal drawing of a 50,000-node graph is 200,000 lines that no
    // one reads (`graph` collapses groups first); time it up to 10,000 nodes.
    var text = ""
    let textTime = graph.nodes.count > 10_000 ? .nan : seconds {
      text = GraphTextRenderer.render(layout, width: 120, useColor: false)
    }
    keep &+= text.utf8.count &+ layout.nodes.count
    best = (min(best.view, viewTime), min(best.layout, layoutTime),
            textTime.isNaN ? .nan : min(best.text, textTime))
  }
  let n = graph.nodes.count
  var growth = "", expected = ""
  if let previous {
    growth = String(format: "%.1f×", best.layout / previous.time)
    let ratio = Double(n) * log(Double(n)) / (Double(previous.nodes) * log(Double(previous.nodes)))
    expected = String(format: "%.1f×", ratio)
  }
  print(String(
    format: "%-8d %-8d %-8.3f %-10.3f %-8.3f %-7@ %@", n, graph.edges.count, best.view, best.layout,
    best.text, growth as NSString, expected as NSString))
  if keep == 42 { print("") }
  previous = (n, best.layout)
}
