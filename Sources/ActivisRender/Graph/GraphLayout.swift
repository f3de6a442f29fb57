import ActivisCore

/// A layered (Sugiyama-style) drawing of a `GraphView`: every node with its
/// rank, its order within the rank and its box, every edge with its route.
///
/// The phases, each bounded so that a graph of 50,000 nodes lays out in
/// seconds:
/// 1. cycles (which only collapsing can create) are broken by reversing the
///    back edges of a depth-first search (`CycleRemoval`);
/// 2. ranks from sources to sinks, longest path with sources pulled towards
///    their successors (`Ranking`);
/// 3. long edges are split by dummy nodes, one per rank crossed
///    (`LayeredGraph`);
/// 4. crossings are reduced by barycentre sweeps (`CrossingReduction`);
/// 5. positions along each rank by a bounded priority method
///    (`CoordinateAssignment`);
/// 6. edge routes: smooth polylines through the dummies for SVG
///    (`EdgeRouting`), orthogonal lines in channels between the ranks for the
///    text drawing (`ChannelRouting`).
///
/// Phases 1–4 do not depend on the metrics, so a layout can be re-measured
/// (`measured(with:)`) cheaply, which the text renderer does to fit a width.
package struct GraphLayout: Sendable {
  /// A point in layout units.
  package struct Point: Sendable, Equatable {
    /// Horizontal coordinate, growing to the right.
    package var x: Double
    /// Vertical coordinate, growing downwards.
    package var y: Double
    /// Creates a point.
    package init(x: Double, y: Double) {
      self.x = x
      self.y = y
    }
  }

  /// An axis-aligned rectangle in layout units.
  package struct Rect: Sendable, Equatable {
    /// Left edge.
    package var x: Double
    /// Top edge.
    package var y: Double
    /// Width.
    package var width: Double
    /// Height.
    package var height: Double
    /// Right edge.
    package var maxX: Double { x + width }
    /// Bottom edge.
    package var maxY: Double { y + height }
    /// Whether the two rectangles share any interior point.
    package func overlaps(_ other: Rect) -> Bool {
      x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }
  }

  /// One node of the view, placed.
  package struct Node: Sendable {
    /// The graph node's id, or the collapsed group's path.
    package let id: String
    /// Operator, data, or collapsed group.
    package let kind: GraphView.NodeKind
    /// Its rank: 0 for the inputs, growing along the data flow.
    package let rank: Int
    /// Its position within its rank (dummies of long edges included).
    package let order: Int
    /// Its box.
    package let frame: Rect
    /// The label lines drawn in the box (abbreviated to fit).
    package let lines: [String]
    /// The full description: id, op, shape, group, layer.
    package let title: String
    /// Layer names recorded at this node (or inside this group).
    package let layers: [String]
    /// Graph nodes it stands for (more than 1 for a collapsed group).
    package let memberCount: Int
  }

  /// One edge of the view, routed.
  package struct Edge: Sendable {
    /// Index of the source node in `nodes`.
    package let from: Int
    /// Index of the target node in `nodes`.
    package let to: Int
    /// The route from the source's border to the target's border.
    package let points: [Point]
    /// Whether the edge runs against the ranks (only when collapsing made
    /// the view cyclic).
    package let reversed: Bool
    /// How many graph edges it stands for.
    package let multiplicity: Int
    /// For the text drawing: per segment of `points`, which net (source in
    /// one channel) it belongs to, so crossings can be told from junctions.
    let nets: [Int]
  }

  /// The view laid out.
  package let view: GraphView
  /// The units and spacing used.
  package let metrics: Metrics
  /// The nodes, in the order of `view.nodes`.
  package let nodes: [Node]
  /// The edges, in the order of `view.edges`.
  package let edges: [Edge]
  /// Number of ranks.
  package let rankCount: Int
  /// Width of the drawing.
  package let width: Double
  /// Height of the drawing.
  package let height: Double
  /// The ranks and orders, kept for re-measuring.
  let layered: LayeredGraph
  /// The label parts of every node, kept for re-measuring.
  let labels: [NodeLabel]

  /// Lays out a view.
  ///
  /// - Parameters:
  ///   - view: what to draw.
  ///   - metrics: units and spacing (`.svg` by default; `.text()` for the
  ///     terminal).
  /// - Complexity: about O((v + e) log v) for the v nodes and e edges of the
  ///   view plus the dummies of long edges.
  package static func layout(_ view: GraphView, metrics: Metrics = .svg) -> GraphLayout {
    var layered = LayeredGraph(view: view)
    CrossingReduction.reduce(&layered)
    let labels = view.nodes.map { NodeLabel(node: $0, graph: view.graph) }
    return GraphLayout(view: view, layered: layered, labels: labels, metrics: metrics)
  }

  /// The same ranks and orders with other metrics (other label lengths,
  /// another direction).
  package func measured(with metrics: Metrics) -> GraphLayout {
    GraphLayout(view: view, layered: layered, labels: labels, metrics: metrics)
  }

  /// The index in `nodes` of the node with this id.
  package func index(of id: String) -> Int? { view.index(of: id) }

  private init(view: GraphView, layered: LayeredGraph, labels: [NodeLabel], metrics: Metrics) {
    self.view = view
    self.metrics = metrics
    self.layered = layered
    self.labels = labels
    self.rankCount = layered.layers.count
    let geometry = NodeGeometry(labels: labels, layered: layered, metrics: metrics)
    let result: (frames: [Rect], edges: [Edge], width: Double, height: Double)
    if metrics.isCharacterGrid {
      result = ChannelRouting.route(
        view: view, layered: layered, geometry: geometry, metrics: metrics)
    } else {
      result = EdgeRouting.route(
        view: view, layered: layered, geometry: geometry, metrics: metrics)
    }
    let position = layered.positions()
    self.nodes = view.nodes.indices.map { index in
      Node(
        id: view.nodes[index].id, kind: view.nodes[index].kind, rank: layered.rank[index],
        order: position[index], frame: result.frames[index], lines: geometry.lines[index],
        title: geometry.titles[index], layers: view.nodes[index].layers,
        memberCount: view.nodes[index].memberCount)
    }
    self.edges = result.edges
    self.width = result.width
    self.height = result.height
  }
}
