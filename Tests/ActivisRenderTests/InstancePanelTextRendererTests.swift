import ActivisCore
import Testing

@testable import ActivisRender

@Suite struct InstancePanelTextRendererTests {
  /// The words left and right of the column rule, per line below the
  /// column headings.
  static func columns(_ text: String) -> [(left: [String], right: [String])] {
    text.split(separator: "\n").dropFirst().compactMap { line in
      let parts = line.components(separatedBy: "│")
      guard parts.count == 2 else { return nil }
      func words(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }
      return (words(parts[0]), words(parts[1]))
    }
  }

  /// Every instance appears exactly once: correct ones on the left as
  /// `#id`, misclassified ones on the right as `#id→` the first letter of
  /// the class they were mistaken for (the class names start differently).
  @Test func everyInstanceAppearsOnceWithTheRightMark() {
    let panel = PictureFixtures.panel(correct: [5, 12, 30, 8, 9, 3], wrong: [1, 6, 4, 0, 9, 12])
    let text = InstancePanelTextRenderer.render(panel, width: 120)
    let rows = Self.columns(text)
    let left = rows.flatMap(\.left), right = rows.flatMap(\.right)
    for group in panel.groups {
      for entry in group.correct {
        #expect(left.filter { $0 == "#\(entry.id)" }.count == 1, "#\(entry.id)")
      }
      for entry in group.misclassified {
        let letter = panel.classes[entry.predicted].first.map(String.init) ?? "?"
        #expect(right.filter { $0 == "#\(entry.id)→\(letter)" }.count == 1, "#\(entry.id)")
        #expect(!left.contains("#\(entry.id)"))
      }
    }
    #expect(text.contains("NUM  15: 3 correct, 12 misclassified (as ABBR 3, DESC 3, ENTY 2, HUM 2, LOC 2)"))
    #expect(text.contains("marks: A ABBR  D DESC  E ENTY  H HUM  L LOC  N NUM"))
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 120 })
  }

  /// Long lists end with how many more there are; shown + more = all.
  @Test func longListsAreSummarised() {
    let panel = PictureFixtures.panel(correct: [500, 1], wrong: [300, 0], classes: ["NUM", "DESC"])
    let text = InstancePanelTextRenderer.render(panel, width: 80)
    #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    let first = Self.columns(text).prefix(InstancePanelTextRenderer.maximumLines)
    let left = first.flatMap(\.left), right = first.flatMap(\.right)
    func more(_ words: [String]) -> Int? {
      guard let index = words.firstIndex(of: "…"), index + 2 < words.count, words[index + 2] == "more"
      else { return nil }
      return Int(words[index + 1])
    }
    #expect(left.filter { $0.hasPrefix("#") }.count + (more(left) ?? 0) == 500)
    #expect(right.filter { $0.hasPrefix("#") }.count + (more(right) ?? 0) == 300)
    #expect(text.contains("NUM  800: 500 correct, 300 misclassified (as DESC 300)"))
  }

  /// On a colour terminal each mark has its predicted class's colour.
  @Test func marksTakeThePredictedClassColour() {
    let panel = PictureFixtures.panel(correct: [2, 2], wrong: [1, 1], classes: ["DESC", "NUM"])
    let text = InstancePanelTextRenderer.render(panel, width: 80, useColor: true)
    let palette = ClassPalette(values: panel.classes)
    for group in panel.groups {
      for entry in group.misclassified {
        let name = panel.classes[entry.predicted]
        let code = palette.color(of: name).xterm256
        #expect(text.contains("\u{1B}[38;5;\(code)m#\(entry.id)→\(name.prefix(1))\u{1B}[0m"))
      }
    }
    #expect(!InstancePanelTextRenderer.render(panel, width: 80).contains("\u{1B}"))
  }
}
