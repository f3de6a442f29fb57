/// The neurons whose mean activations differ most between rows.
public enum NeuronContrast {
  /// One neuron's difference across the compared rows.
  public struct Entry: Equatable, Sendable {
    /// Column index in the layer.
    public let neuron: Int
    /// The rows' mean activations of this neuron, in row order.
    public let values: [Float]
    /// For two rows, `values[1] - values[0]`; for more, the spread
    /// `max - min`.
    public let difference: Float
  }

  /// The `top` neurons with the largest absolute difference (two rows) or
  /// spread (more rows), largest first; ties by neuron index. Neurons with a
  /// non-finite mean in any row are left out.
  ///
  /// - Complexity: O(D·r + D log D) for r rows of D neurons.
  public static func rank(means rows: [[Float]], top: Int) -> [Entry] {
    guard let columns = rows.first?.count, rows.count >= 2 else { return [] }
    var entries: [Entry] = []
    for j in 0 ..< columns {
      let values = rows.map { $0[j] }
      guard values.allSatisfy(\.isFinite) else { continue }
      let difference = rows.count == 2
        ? values[1] - values[0]
        : (values.max() ?? 0) - (values.min() ?? 0)
      entries.append(Entry(neuron: j, values: values, difference: difference))
    }
    entries.sort { abs($0.difference) != abs($1.difference) ? abs($0.difference) > abs($1.difference) : $0.neuron < $1.neuron }
    return Array(entries.prefix(Swift.max(0, top)))
  }
}
