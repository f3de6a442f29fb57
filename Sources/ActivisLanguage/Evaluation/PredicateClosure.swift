import ActivisCore

/// Turns a predicate as typed into its closed form, which means the same
/// whatever the session does later: each neuron condition names the layer
/// selected now, each `in <subset>` is replaced by that subset's own closed
/// definition (`in <class>` stays: classes never change), and `not not`
/// cancels. A subset's stored definition is always closed, so `save` can
/// replay subsets in any order and redefining one changes no other.
struct PredicateClosure {
  let workspace: Workspace

  /// The most conditions expansion may grow a definition to (repeated `in`
  /// expansions can grow one exponentially); a longer definition as typed
  /// is its own limit.
  static let maximumConditions = 10_000

  /// The closed form of `node`.
  func close(_ node: PredicateNode) throws -> PredicateNode {
    var budget = Swift.max(Self.maximumConditions, Self.conditionCount(node))
    return try close(node, budget: &budget)
  }

  private func close(_ node: PredicateNode, budget: inout Int) throws -> PredicateNode {
    switch node.predicate {
    case .and(let left, let right):
      return PredicateNode(.and(try close(left, budget: &budget), try close(right, budget: &budget)), range: node.range)
    case .or(let left, let right):
      return PredicateNode(.or(try close(left, budget: &budget), try close(right, budget: &budget)), range: node.range)
    case .not(let operand):
      let closed = try close(operand, budget: &budget)
      if case .not(let inner) = closed.predicate { return inner }
      return PredicateNode(.not(closed), range: node.range)
    case .neuron(let reference, nil, let op, let value):
      try spend(&budget, at: node.range)
      guard let layer = workspace.layer else {
        let names = workspace.bundle.layers.map { "'\($0.name)'" }.joined(separator: ", ")
        throw Diagnostic.error(Messages.noLayerForNeuronCondition(layers: names), at: reference.range)
      }
      return PredicateNode(.neuron(reference, layer: Located(layer.name, reference.range), op, value),
                           range: node.range)
    case .inSubset(let name):
      guard let subset = workspace.subset(named: name.value) else {
        try spend(&budget, at: node.range)
        return node  // a class, or an unknown name that evaluation reports
      }
      budget -= Self.conditionCount(subset.predicate)
      try spend(&budget, at: node.range)
      return subset.predicate
    case .changedFrom(let path):
      try spend(&budget, at: node.range)
      return PredicateNode(.changedFrom(Located(SessionScript.absolutePath(path.value), path.range)), range: node.range)
    case .text, .comparison, .score, .neuron, .correct, .misclassified, .inFile:
      try spend(&budget, at: node.range)
      return node
    }
  }

  private func spend(_ budget: inout Int, at range: SourceRange) throws {
    budget -= 1
    guard budget >= 0 else {
      throw Diagnostic.error(Messages.definitionTooLarge(Self.maximumConditions), at: range)
    }
  }

  /// The number of simple conditions in a predicate.
  static func conditionCount(_ node: PredicateNode) -> Int {
    switch node.predicate {
    case .and(let left, let right), .or(let left, let right): conditionCount(left) + conditionCount(right)
    case .not(let operand): conditionCount(operand)
    default: 1
    }
  }
}
