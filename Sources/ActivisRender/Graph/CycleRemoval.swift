/// Makes a directed graph acyclic by reversing a few edges.
///
/// A view of a model graph is acyclic unless collapsing groups closed a loop
/// (box → node → same box). The edges to reverse are the back edges of a
/// depth-first search started from the nodes in order: few, and none at all
/// for an acyclic graph.
enum CycleRemoval {
  /// Which edges to reverse so that no cycle remains.
  ///
  /// - Complexity: O(nodes + edges); iterative, so deep chains cannot
  ///   overflow the stack.
  static func backEdges(nodeCount: Int, edges: [(from: Int, to: Int)]) -> [Bool] {
    var outgoing = [[Int]](repeating: [], count: nodeCount)
    for (index, edge) in edges.enumerated() { outgoing[edge.from].append(index) }
    // 0 unvisited, 1 on the stack, 2 done.
    var state = [UInt8](repeating: 0, count: nodeCount)
    var reversed = [Bool](repeating: false, count: edges.count)
    var stack: [(node: Int, next: Int)] = []
    for root in 0 ..< nodeCount where state[root] == 0 {
      state[root] = 1
      stack.append((root, 0))
      while let top = stack.last {
        if top.next == outgoing[top.node].count {
          state[top.node] = 2
          stack.removeLast()
          continue
        }
        stack[stack.count - 1].next += 1
        let edge = outgoing[top.node][top.next]
        let target = edges[edge].to
        switch state[target] {
        case 0:
          state[target] = 1
          stack.append((target, 0))
        case 1:
          reversed[edge] = true
        default:
          break
        }
      }
    }
    return reversed
  }
}
