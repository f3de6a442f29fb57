import ActivisCore

/// The instance selection panel as text, laid out like the paper's panel C:
/// one block per true class, correctly classified ids on the left (highest
/// score first), misclassified ids on the right, each marked `#id→L` with
/// the letter of the class it was mistaken for (and its colour on a colour
/// terminal), grouped by that class. Each block's header gives the counts;
/// lists longer than a few lines end with how many more there are.
package enum InstancePanelTextRenderer {
  /// Lines of ids per column of a block before the rest is summarised.
  static let maximumLines = 4
  static let separator = " │ "

  package static func render(_ panel: InstancePanel, width: Int, useColor: Bool = false) -> String {
    let palette = ClassPalette(values: panel.classes)
    let style = TerminalStyle(useColor: useColor)
    let inner = Swift.max(30, width - 2 - separator.count)
    // The widest the right column may be; marks are measured only until a group fills it
    // (a million of them need not all be written out).
    let rightLimit = inner * 9 / 20
    let rightNeeded = panel.groups.map { group in
      var needed = 0
      for entry in group.misclassified where needed <= rightLimit {
        needed += mark(entry, palette: palette, panel: panel).count + 1
      }
      return needed
    }.max() ?? 0
    let rightHeader = "misclassified: #id→predicted"
    let rightWidth = Swift.min(rightLimit, Swift.max(rightHeader.count, rightNeeded))
    let leftWidth = inner - rightWidth
    var output = style.dim("  " + TerminalStyle.pad("correct, highest score first", to: leftWidth)
      + separator + String(rightHeader.prefix(rightWidth))) + "\n"
    for group in panel.groups {
      output += header(group, panel: panel, palette: palette, style: style) + "\n"
      let left = columnLines(group.correct.lazy.map { ("#\($0.id)", nil) }, width: leftWidth, style: style)
      let right = columnLines(group.misclassified.lazy.map { entry in
        (mark(entry, palette: palette, panel: panel), palette.color(of: panel.classes[entry.predicted]))
      }, width: rightWidth, style: style)
      for index in 0 ..< Swift.max(left.count, right.count, 1) {
        let leftText = index < left.count ? left[index] : ""
        let rightText = index < right.count ? right[index] : ""
        let line = "  " + TerminalStyle.pad(leftText, to: leftWidth) + separator + rightText
        output += trimmedEnd(line) + "\n"
      }
    }
    let legend = palette.names.indices.map { index in
      style.paint(String(palette.letters[index]), palette.color(at: index), bold: true) + " "
        + palette.names[index]
    }
    output += "marks: " + legend.joined(separator: "  ") + "\n"
    output += "'show #id' describes one instance, 'add #id' adds it to the matrix\n"
    output += panel.notes.map { $0 + "\n" }.joined()
    return output
  }

  /// `#id→L`: an id marked with the letter of its predicted class.
  static func mark(_ entry: InstancePanel.Entry, palette: ClassPalette, panel: InstancePanel) -> String {
    "#\(entry.id)→\(palette.letter(of: panel.classes[entry.predicted]))"
  }

  /// `NUM  130: 92 correct, 38 misclassified (D 31, L 4, …)`.
  private static func header(
    _ group: InstancePanel.Group, panel: InstancePanel, palette: ClassPalette, style: TerminalStyle
  ) -> String {
    let name = panel.classes[group.label]
    let total = group.correct.count + group.misclassified.count
    var text = style.paint(name, palette.color(of: name), bold: true)
      + "  \(total): \(group.correct.count) correct, \(group.misclassified.count) misclassified"
    var counts: [(Int, Int)] = []
    for entry in group.misclassified {
      if let index = counts.firstIndex(where: { $0.0 == entry.predicted }) {
        counts[index].1 += 1
      } else {
        counts.append((entry.predicted, 1))
      }
    }
    if !counts.isEmpty {
      text += " (as " + counts.map { predicted, count in
        let other = panel.classes[predicted]
        return style.paint(other, palette.color(of: other)) + " \(count)"
      }.joined(separator: ", ") + ")"
    }
    return text
  }

  /// Words wrapped into lines of `width`, at most `maximumLines`; the last
  /// line ends with `… N more` when words are left over. Only the words shown
  /// are read from `words` (a lazy collection costs nothing for the rest).
  static func columnLines(_ words: some Collection<(String, RGBColor?)>, width: Int,
                          style: TerminalStyle) -> [String] {
    var lines: [String] = []
    var line = "", lineCount = 0
    var shown = 0
    for (word, color) in words {
      let needed = (lineCount == 0 ? 0 : 1) + word.count
      if lineCount + needed > width && lineCount > 0 {
        if lines.count == maximumLines - 1 { break }
        lines.append(line)
        line = ""
        lineCount = 0
      }
      if lineCount > 0 {
        line += " "
        lineCount += 1
      }
      line += color.map { style.paint(word, $0) } ?? word
      lineCount += word.count
      shown += 1
    }
    if shown < words.count {
      let more = " … \(words.count - shown) more"
      while lineCount + more.count > width, let last = line.lastIndex(of: " "), shown > 0 {
        line = String(line[..<last])
        lineCount = TerminalStyle.visibleCount(line)
        shown -= 1
      }
      line += " … \(words.count - shown) more"
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  private static func trimmedEnd(_ text: String) -> String {
    var text = text
    while text.last == " " { text.removeLast() }
    return text
  }
}
