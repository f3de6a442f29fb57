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
  /// Per cell: an explicit character (Unicode scalar, 0 for none) in the low
  /// 24 bits and the style in the high 8.
  private var cells: [UInt32]
  /// Per cell: line connection bits.
  private var bits: [UInt8]
  /// Per cell: the low 16 bits of the nets of its horizontal (high half) and
  /// vertical (low half) lines, plus one so that 0 means none. Nets that meet
  /// are neighbours in one rank, so 16 bits tell them apart.
  private var nets: [UInt32]

  init(width: Int, height: Int) {
    self.width = max(0, width)
    self.height = max(0, height)
    let count = self.width * self.height
    cells = Array(repeating: 0, count: count)
    bits = Array(repeating: 0, count: count)
    nets = Array(repeating: 0, count: count)
  }

  private func cell(_ x: Int, _ y: Int) -> Int? {
    x >= 0 && y >= 0 && x < width && y < height ? y * width + x : nil
  }

  private static func netKey(_ net: Int) -> UInt32 { UInt32(truncatingIfNeeded: net) & 0xFFFF + 1 }

  private mutating func setStyle(_ index: Int, _ style: Style) {
    cells[index] = cells[index] & 0x00FF_FFFF | UInt32(style.rawValue) << 24
  }

  private func style(_ index: Int) -> Style { Style(rawValue: UInt8(cells[index] >> 24)) ?? .plain }

  /// The character drawn at a cell (after resolving lines), for tests.
  func character(x: Int, y: Int) -> Character {
    guard let index = cell(x, y) else { return " " }
    return Character(glyph(index))
  }

  /// Writes text from `x`, clipped to the canvas.
  mutating func put(_ string: String, x: Int, y: Int, style: Style = .plain) {
    var column = x
    for character in string {
      if let index = cell(column, y), let scalar = character.unicodeScalars.first {
        cells[index] = scalar.value | UInt32(style.rawValue) << 24
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
        let scalar = character.unicodeScalars.first?.value ?? 0x20
        cells[index] = scalar | UInt32(style.rawValue) << 24
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
        nets[index] = nets[index] & 0xFFFF | Self.netKey(net) << 16
        setStyle(index, .edge)
      }
    } else if a.x == b.x {
      let low = min(a.y, b.y), high = max(a.y, b.y)
      for row in low ... high {
        guard let index = cell(a.x, row) else { continue }
        if row > low { bits[index] |= Self.up }
        if row < high { bits[index] |= Self.down }
        nets[index] = nets[index] & 0xFFFF_0000 | Self.netKey(net)
        setStyle(index, .edge)
      }
    }
  }

  /// Adds a stub from a cell towards a neighbour (used where an edge meets
  /// a box border), without changing its net.
  mutating func connect(x: Int, y: Int, up goingUp: Bool) {
    guard let index = cell(x, y) else { return }
    bits[index] |= goingUp ? Self.up : Self.down
    if nets[index] & 0xFFFF == 0 { nets[index] |= nets[index] >> 16 }
    setStyle(index, .edge)
  }

  private func glyph(_ index: Int) -> Unicode.Scalar {
    let explicit = cells[index] & 0x00FF_FFFF
    if explicit != 0, let scalar = Unicode.Scalar(explicit) { return scalar }
    var value = bits[index]
    let vertical = value & (Self.up | Self.down) != 0
    let horizontal = value & (Self.left | Self.right) != 0
    if vertical, horizontal, nets[index] >> 16 != nets[index] & 0xFFFF,
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
      var line: [UInt8] = []
      line.reserveCapacity(columns.count * 3)
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
            line.append(contentsOf: Self.escape(.plain).utf8)
            current = .plain
          }
          line.append(contentsOf: repeatElement(0x20, count: pendingBlanks))
          pendingBlanks = 0
        }
        if useColor, style(index) != current {
          current = style(index)
          line.append(contentsOf: Self.escape(current).utf8)
        }
        UTF8.encode(character) { line.append($0) }
      }
      if useColor, current != .plain { line.append(contentsOf: Self.escape(.plain).utf8) }
      result.append(String(decoding: line, as: UTF8.self))
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
