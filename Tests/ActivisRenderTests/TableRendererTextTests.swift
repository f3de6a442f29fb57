import ActivisCore
import ActivisRender
import Testing

/// Cell widths are counted in characters, not bytes: ASCII cells take the
/// byte path, every other text the character path, and both must line up.
@Suite struct TableRendererTextTests {
  @Test func nonASCIICellsAndLineBreaksLineUp() {
    let table = ResultTable(columns: ["name", "n"], rows: [
      [.text("Kraków"), .int(1)],
      [.text("e\u{301}te"), .int(22)],
      [.text("a\r\nb\tc"), .missing],
    ])
    #expect(TableRenderer.render(table, width: 80) == """
      ┌────────┬────┐
      │ name   │  n │
      ├────────┼────┤
      │ Kraków │  1 │
      │ e\u{301}te    │ 22 │
      │ a b c  │  – │
      └────────┴────┘

      """)
  }

  @Test func nonASCIIHeaderSetsTheWidth() {
    let table = ResultTable(columns: ["größe"], rows: [[.int(5)]])
    #expect(TableRenderer.render(table, width: 80) == """
      ┌───────┐
      │ größe │
      ├───────┤
      │     5 │
      └───────┘

      """)
  }

  /// 2 + 26 characters (or 2 + 16) and 7 of rules are over 20: the text
  /// column keeps 11, ten characters and `…`. `é` written as e and a
  /// combining accent is one character of three bytes.
  @Test(arguments: [("abcdefghijklmnopqrstuvwxyz", "abcdefghij…"), ("e\u{301}bcdefghijklmnop", "e\u{301}bcdefghij…")])
  func textIsShortenedByCharacters(text: String, shown: String) {
    let table = ResultTable(columns: ["id", "text"], rows: [[.int(7), .text(text)]])
    #expect(TableRenderer.render(table, width: 20) == """
      ┌────┬─────────────┐
      │ id │ text        │
      ├────┼─────────────┤
      │  7 │ \(shown) │
      └────┴─────────────┘

      """)
  }

  @Test func emptyTableSaysSo() {
    let table = ResultTable(columns: ["id"], rows: [], notes: ["none"])
    #expect(TableRenderer.render(table, width: 80) == """
      ┌────┐
      │ id │
      ├────┤
      └────┘
      (no rows)
      none

      """)
  }
}
