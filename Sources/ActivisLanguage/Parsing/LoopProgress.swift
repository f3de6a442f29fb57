/// Guards a parser loop: each turn must have consumed input.
///
/// As swift-syntax's `LoopProgressCondition`: call `advanced(to:)` with the
/// lexer offset at the top of every turn; it is `false` (and asserts in debug
/// builds) when nothing was consumed since the last turn, so the loop ends.
struct LoopProgress {
  private var last = -1

  /// Whether `offset` lies past the offset seen at the previous turn.
  mutating func advanced(to offset: Int) -> Bool {
    defer { last = offset }
    guard offset > last else {
      assertionFailure("parser loop made no progress at offset \(offset)")
      return false
    }
    return true
  }
}
