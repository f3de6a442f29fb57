import ActivisCore

/// A projection as a character scatter plot: each cell shows the letter of
/// the colour key most of its points have (upper case when all agree, lower
/// case when mixed), highlighted instances as `@`, with a legend.
public enum ScatterPlotTextRenderer {
  /// ANSI 256-colour codes of a colour-blind-safe palette (Okabe–Ito).
  static let palette = [214, 75, 36, 227, 32, 202, 175, 244]

  public static func render(_ projection: ProjectionResult, width: Int, useColor: Bool) -> String {
    let columns = Swift.max(20, Swift.min(width - 2, 100))
    let rows = Swift.max(8, columns / 3)
    let keys = KeyLetters(values: projection.colorValues)
    var cells = [[[Int]]](repeating: [[Int]](repeating: [], count: columns), count: rows)
    let xs = projection.x, ys = projection.y
    let (minX, maxX) = (xs.min() ?? 0, xs.max() ?? 1)
    let (minY, maxY) = (ys.min() ?? 0, ys.max() ?? 1)
    func cell(_ value: Float, _ low: Float, _ high: Float, _ count: Int) -> Int {
      guard high > low else { return count / 2 }
      return Swift.min(count - 1, Swift.max(0, Int((value - low) / (high - low) * Float(count - 1) + 0.5)))
    }
    for i in projection.ids.indices {
      let column = cell(xs[i], minX, maxX, columns)
      let row = rows - 1 - cell(ys[i], minY, maxY, rows)
      cells[row][column].append(i)
    }
    let highlighted = Set(projection.highlighted)
    var output = "\(projection.method) of layer \(projection.layer), coloured by \(projection.colorKey)\n"
    output += "┌" + String(repeating: "─", count: columns) + "┐\n"
    for row in cells {
      output += "│"
      for points in row {
        guard !points.isEmpty else {
          output += " "
          continue
        }
        if let marked = points.first(where: highlighted.contains) {
          output += paint("@", key: keys.index(of: projection.colorValues[marked]), useColor: useColor, bold: true)
          continue
        }
        var tally = [Int: Int]()
        for point in points { tally[keys.index(of: projection.colorValues[point]), default: 0] += 1 }
        let majority = tally.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key ?? 0
        var letter = keys.letters[majority]
        if tally.count > 1 { letter = Character(letter.lowercased()) }
        output += paint(letter, key: majority, useColor: useColor, bold: false)
      }
      output += "│\n"
    }
    output += "└" + String(repeating: "─", count: columns) + "┘\n"
    var legend: [String] = []
    for (index, name) in keys.names.enumerated() {
      let count = projection.colorValues.filter { $0 == name }.count
      legend.append(paint(keys.letters[index], key: index, useColor: useColor, bold: false)
        + " \(name.isEmpty ? "(unknown)" : name) \(count)")
    }
    if !highlighted.isEmpty { legend.append("@ instances added to the matrix") }
    output += wrap(legend, width: width) + "lower case: a cell whose points differ\n"
    for note in projection.notes { output += note + "\n" }
    return output
  }

  private static func paint(_ letter: Character, key: Int, useColor: Bool, bold: Bool) -> String {
    guard useColor else { return String(letter) }
    let code = palette[key % palette.count]
    return "\u{1B}[\(bold ? "1;" : "")38;5;\(code)m\(letter)\u{1B}[0m"
  }

  private static func wrap(_ items: [String], width: Int) -> String {
    var lines: [String] = []
    var line = ""
    for item in items {
      if !line.isEmpty && line.count + item.count + 3 > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : "   ") + item
    }
    if !line.isEmpty { lines.append(line) }
    return lines.map { $0 + "\n" }.joined()
  }
}

/// One letter per distinct key value: its first letter when free, else the
/// next free letter of its name, else any free letter or digit.
struct KeyLetters {
  let names: [String]
  let letters: [Character]
  private let indexByName: [String: Int]

  init(values: [String]) {
    var seen: [String] = []
    var known = Set<String>()
    for value in values where known.insert(value).inserted { seen.append(value) }
    names = seen.sorted()
    var used = Set<Character>()
    var letters: [Character] = []
    let fallback = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    for name in names {
      let candidates = name.uppercased().filter { $0.isLetter || $0.isNumber } + String(fallback)
      let letter = candidates.first { !used.contains($0) && $0 != "@" } ?? "+"
      used.insert(letter)
      letters.append(letter)
    }
    self.letters = letters
    indexByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
  }

  var count: Int { names.count }
  func index(of name: String) -> Int { indexByName[name] ?? 0 }
}
