extension GraphLayout {
  /// Which way data flows in a drawing.
  package enum Direction: Sendable, Equatable {
    /// Inputs on the left, outputs on the right (the paper's overview, SVG).
    case leftToRight
    /// Inputs at the top, outputs at the bottom (the terminal drawing).
    case topToBottom
  }

  /// The units and spacing of a layout: points for SVG, character cells for
  /// the terminal.
  package struct Metrics: Sendable, Equatable {
    /// Which way data flows.
    package var direction: Direction
    /// Whether coordinates are whole character cells (the text drawing).
    package var isCharacterGrid: Bool
    /// The longest label line, in characters; longer ones are abbreviated.
    package var labelLimit: Int
    /// Width of one character, in layout units.
    package var characterWidth: Double
    /// Height of one label line, in layout units.
    package var lineHeight: Double
    /// Space between a node's border and its text, each side.
    package var padding: Double
    /// Free space between two neighbouring nodes of one rank.
    package var nodeGap: Double
    /// Free space between two ranks (for SVG; the text drawing sizes the
    /// space between ranks by the edges that run there).
    package var rankGap: Double

    /// Creates metrics; see the properties.
    package init(
      direction: Direction, isCharacterGrid: Bool, labelLimit: Int, characterWidth: Double,
      lineHeight: Double, padding: Double, nodeGap: Double, rankGap: Double
    ) {
      self.direction = direction
      self.isCharacterGrid = isCharacterGrid
      self.labelLimit = labelLimit
      self.characterWidth = characterWidth
      self.lineHeight = lineHeight
      self.padding = padding
      self.nodeGap = nodeGap
      self.rankGap = rankGap
    }

    /// Points, left to right, 12-point monospaced labels of up to 28
    /// characters on up to two lines.
    package static let svg = Metrics(
      direction: .leftToRight, isCharacterGrid: false, labelLimit: 28, characterWidth: 7.2,
      lineHeight: 15, padding: 8, nodeGap: 14, rankGap: 46)

    /// Character cells, top to bottom, one label line per box.
    ///
    /// - Parameter labelLimit: the longest label, in characters.
    package static func text(labelLimit: Int = 30) -> Metrics {
      Metrics(
        direction: .topToBottom, isCharacterGrid: true, labelLimit: labelLimit, characterWidth: 1,
        lineHeight: 1, padding: 1, nodeGap: 2, rankGap: 1)
    }
  }
}
