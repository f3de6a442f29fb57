/// Pieces of the activation commands' syntax that are more than one token.
extension Parser {
  /// Parse `A..B` (inclusive neuron indices).
  mutating func parseNeuronRange() throws -> Located<ClosedRange<Int>> {
    let lower = try expectInteger(minimum: 0)
    guard current.kind == .range else { throw expected("'..'") }
    advance()
    let upper = try expectInteger(minimum: 0)
    let range = lower.range.union(upper.range)
    guard lower.value <= upper.value else {
      throw ParseFailure(Messages.emptyNeuronRange(lower.value, upper.value), at: range)
    }
    return Located(lower.value...upper.value, range)
  }
}
