/// A grid of character cells to draw boxes, text and lines on, with an
/// optional ANSI colour per cell.
///
/// Lines are kept as connection bits per cell (up, down, left, right) and
/// turned into box-drawing characters at the end, so that lines meeting in a
/// cell become the right junction (`┬`, `├`, …). Each line belongs to a net;
/// where a horizontal line of one net meets a vertical line of another, the
/// lines cross without joining: the vertical line is drawn through (`─│─`),
/// as a wire "hops" over another in a schematic, and `┼` is kept for true
/// four-way junctions.
struct TextCanvas {
  /// What colour a cell gets when colour is on.
  enum Style: UInt8 {
    case plain = 0, edge, operatorBox, operatorText, dataBox, highlight, group, dim
  }

  private static let up: UInt8 = 1, down: UInt8 = 2, left: UInt8 = 4, right: UInt8 = 8

  let width: Int
  let height: Int
  private var text: [Character?]
  private var bits: [UInt8]
  private var horizontalNet: [Int32]
  private var verticalNet: [Int32]
  private var styles: [Style]

  init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    let cells = self.width * self.height
    text = Array(repeating: nil, count: cells)
    bits = Array(repeating: 0, count: cells)
    horizontalNet = Array(repeating: -1, count: cells)
    verticalNet = Array(repeating: -1, count: cells)
    styles = Array(repeating: .plain, count: cells)
  }

  private func cell(_ x: Int, _ y: Int) -> Int? {
    x >= 0 && y >= 0 && x < width && y < height ? y * width + x : nil
  }

  /// The character drawn at a cell (after resolving lines), for tests.
  func character(x: Int, y: Int) -> Character {
    guard let index = cell(x, y) else { return " " }
    return glyph(index)
  }

  /// Writes text from `x`, clipped to the canvas.
  mutating func put(_ string: String, x: Int, y: Int, style: Style = .plain) {
    var column = x
    for character in string {
      if let index = cell(column, y) {
        text[index] = character
        styles[index] = style
      }
      column += 1
    }
  }

  /// Draws a rectangle's border with the given corner and edge characters
  /// (`"┌┐└┘─│"`), and clears its inside.
  mutating func box(x: Int, y: Int, width: Int, height: Int, border: String, style: Style) {
    let parts = Array(border)
    guard parts.count == 6, width >= 2, height >= 2 else { return }
    for row in y ..< y + height {
      for column in x ..< x + width {
        guard let index = cell(column, row) else { continue }
        let top = row == y, bottom = row == y + height - 1
        let leftSide = column == x, rightSide = column == x + width - 1
        let character: Character
        switch (top, bottom, leftSide, rightSide) {
        case (true, _, true, _): character = parts[0]
        case (true, _, _, true): character = parts[1]
        case (_, true, true, _): character = parts[2]
        case (_, true, _, true): character = parts[3]
        case (true, _, _, _), (_, true, _, _): character = parts[4]
        case (_, _, true, _), (_, _, _, true): character = parts[5]
        default: character = " "
        }
        text[index] = character
        styles[index] = style
      }
    }
  }

  /// Draws an axis-aligned line between two cells (inclusive) for a net.
  mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), net: Int) {
    if a.y == b.y {
      let low = min(a.x, b.x), high = max(a.x, b.x)
      guard low < high else { return }
      for column in low ... high {
        guard let index = cell(column, a.y) else { continue }
        if column > low { bits[index] |= Self.left }
        if column < high { bits[index] |= Self.right }
        horizontalNet[index] = Int32(truncatingIfNeeded: net)
        styles[index] = .edge
      }
    } else if a.x == b.x {
      let low = min(a.y, b.y), high = max(a.y, b.y)
      for row in low ... high {
        guard let index = cell(a.x, row) else { continue }
        if row > low { bits[index] |= Self.up }
        if row < high { bits[index] |= Self.down }
        verticalNet[index] = Int32(truncatingIfNeeded: net)
        styles[index] = .edge
      }
    }
  }

  /// Adds a stub from a cell towards a neighbour (used where an edge meets
  /// a box border), without changing its net.
  mutating func connect(x: Int, y: Int, up goingUp: Bool) {
    guard let index = cell(x, y) else { return }
    bits[index] |= goingUp ? Self.up : Self.down
    if verticalNet[index] < 0 { verticalNet[index] = horizontalNet[index] }
    styles[index] = .edge
  }

  private func glyph(_ index: Int) -> Character {
    if let character = text[index] { return character }
    var value = bits[index]
    let vertical = value & (Self.up | Self.down) != 0
    let horizontal = value & (Self.left | Self.right) != 0
    if vertical, horizontal, horizontalNet[index] != verticalNet[index],
       value & (Self.up | Self.down) == Self.up | Self.down {
      value = Self.up | Self.down
    }
    switch value {
    case 0: return " "
    case Self.up, Self.down, Self.up | Self.down: return "│"
    case Self.left, Self.right, Self.left | Self.right: return "─"
    case Self.down | Self.right: return "╭"
    case Self.down | Self.left: return "╮"
    case Self.up | Self.right: return "╰"
    case Self.up | Self.left: return "╯"
    case Self.up | Self.down | Self.right: return "├"
    case Self.up | Self.down | Self.left: return "┤"
    case Self.down | Self.left | Self.right: return "┬"
    case Self.up | Self.left | Self.right: return "┴"
    default: return "┼"
    }
  }

  /// The rows, cut to the columns `range`, without trailing blanks; with
  /// ANSI colours when `useColor`.
  func rows(columns range: Range<Int>? = nil, useColor: Bool) -> [String] {
    let columns = range ?? 0 ..< width
    var result: [String] = []
    result.reserveCapacity(height)
    for row in 0 ..< height {
      var line = ""
      var current = Style.plain
      var pendingBlanks = 0
      for column in columns where column < width {
        let index = row * width + column
        let character = glyph(index)
        if character == " " {
          pendingBlanks += 1
          continue
        }
        if pendingBlanks > 0 {
          if useColor, current != .plain {
            line += "\u{1B}[0m"
            current = .plain
          }
          line += String(repeating: " ", count: pendingBlanks)
          pendingBlanks = 0
        }
        if useColor, styles[index] != current {
          line += Self.escape(styles[index])
          current = styles[index]
        }
        line.append(character)
      }
      if useColor, current != .plain { line += "\u{1B}[0m" }
      result.append(line)
    }
    return result
  }

  private static func escape(_ style: Style) -> String {
    switch style {
    case .plain: "\u{1B}[0m"
    case .edge: "\u{1B}[0;90m"
    case .operatorBox: "\u{1B}[0;34m"
    case .operatorText: "\u{1B}[0;1m"
    case .dataBox: "\u{1B}[0;37m"
    case .highlight: "\u{1B}[0;1;33m"
    case .group: "\u{1B}[0;36m"
    case .dim: "\u{1B}[0;2m"
    }
  }
}
