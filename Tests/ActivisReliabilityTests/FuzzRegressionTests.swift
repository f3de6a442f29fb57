import ActivisLanguage
import Testing

/// Inputs the fuzz targets (Fuzz/) found crashing, kept so they stay fixed.
/// Each input is also in the target's seed corpus.
@Suite struct FuzzRegressionTests {
  /// `language`: completion with the cursor inside a multi-byte character
  /// (U+04CA, bytes D3 8A, cursor 1) indexed past the end of the line.
  @Test(arguments: 0 ... 7) func completionWithTheCursorInsideACharacter(_ cursor: Int) {
    for line in ["\u{04CA}", "load \"d\u{E9}j\u{E0}", "select layer \u{1F600}x", "subset where text = \"\u{00E9}"] {
      let context = Completion.context(line: line, cursor: cursor)
      let bytes = Array(line.utf8)
      #expect(context.wordStart >= 0 && context.wordStart <= min(cursor, bytes.count))
    }
  }
}
