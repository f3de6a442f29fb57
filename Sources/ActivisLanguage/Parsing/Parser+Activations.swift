/// The activation commands: `matrix`, `add`, `remove`, `compare`, `neurons`.
extension Parser {
  /// Parse `matrix [neurons A..B] [sort by <row>|variance|cluster]`, options in
  /// any order, each at most once.
  mutating func parseMatrix() throws -> Command {
    advance()
    var options = MatrixOptions()
    var progress = LoopProgress()
    while !current.endsCommand, progress.advanced(to: lexer.offset) {
      let option = try expectOption(of: "matrix", among: ["neurons", "sort"])
      switch option.value {
      case "neurons":
        guard options.neurons == nil else { throw duplicate(option) }
        options.neurons = try parseNeuronRange()
      default:
        guard options.order == nil else { throw duplicate(option) }
        _ = try expectKeyword(oneOf: ["by"])
        options.order = try parseNeuronOrder()
      }
    }
    return .matrix(options)
  }

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

  /// Parse what follows `sort by`: `variance`, `cluster`, or a row (a quoted
  /// `"variance"` is a row name).
  mutating func parseNeuronOrder() throws -> Located<NeuronOrder> {
    if at("variance") { return Located(.variance, take().range) }
    if at("cluster") { return Located(.cluster, take().range) }
    guard atName || current.isInstance else {
      throw expected("'variance', 'cluster' or a row")
    }
    let row = try expectRow()
    return Located(.row(row), row.range)
  }

  /// Parse the rows of `add` and `remove`: one or more.
  mutating func parseRows() throws -> [RowReference] {
    advance()
    var rows = [try expectRow()]
    var progress = LoopProgress()
    while !current.endsCommand, progress.advanced(to: lexer.offset) {
      rows.append(try expectRow())
    }
    return rows
  }

  /// Parse `compare <row> <row> … [top N]`; `top` followed by a number is the
  /// option, anything else is a row.
  mutating func parseCompare() throws -> Command {
    let start = current.range.start
    advance()
    var rows: [RowReference] = []
    var top: Located<Int>?
    var progress = LoopProgress()
    while !current.endsCommand, progress.advanced(to: lexer.offset) {
      if at("top"), case .number = peek().kind {
        let keyword = take()
        guard top == nil else { throw duplicate(Located("top", keyword.range)) }
        top = try expectInteger(minimum: 1)
      } else {
        rows.append(try expectRow())
      }
    }
    guard !rows.isEmpty else {
      throw expected("an instance id like '#38', a class or a subset")
    }
    guard rows.count >= 2 else {
      throw ParseFailure(Messages.compareNeedsTwoRows, at: SourceRange(start, previous.range.end))
    }
    return .compare(rows, top: top)
  }

  /// Parse `neurons [by <statistic>] [top N]`, in any order.
  mutating func parseNeurons() throws -> Command {
    advance()
    var query = NeuronQuery()
    var progress = LoopProgress()
    while !current.endsCommand, progress.advanced(to: lexer.offset) {
      let option = try expectOption(of: "neurons", among: ["by", "top"])
      if option.value == "by" {
        guard query.ranking == nil else { throw duplicate(option) }
        query.ranking = try expectCase(NeuronStatistic.self)
      } else {
        guard query.top == nil else { throw duplicate(option) }
        query.top = try expectInteger(minimum: 1)
      }
    }
    return .neurons(query)
  }

  /// Consumes an option keyword of `command`; an unknown word is "unexpected",
  /// with a suggestion when it is close to an option.
  mutating func expectOption(of command: String, among options: [String]) throws
    -> Located<String> {
    let word = current.text.lowercased()
    if current.kind == .word, options.contains(word) { return Located(word, take().range) }
    if current.kind == .word, let near = Suggestions.nearest(to: current.text, among: options) {
      throw failure(Messages.unknownOption(current.text, command: command, suggestion: near))
    }
    throw failure(Messages.unexpected(found, after: previous.text))
  }

  /// The failure for an option given twice.
  func duplicate(_ option: Located<String>) -> ParseFailure {
    ParseFailure(Messages.duplicateOption(option.value), at: option.range)
  }
}
