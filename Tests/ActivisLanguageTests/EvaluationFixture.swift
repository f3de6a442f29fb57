import ActivisCore
import ActivisLanguage
import ActivisTestSupport
import Testing

/// A small bundle with every kind of column, and a session that runs lines
/// of the language against it.
final class EvaluationFixture {
  static let classes = ["ABBR", "DESC", "NUM"]
  static let starts = ["What is", "How many", "Who was", "What is the", "Where is"]
  static let count = 90
  static let columns = 6

  let bundle: TestBundle
  let session = Session()
  let texts: [String]
  let labels: [Int]
  let predicted: [Int]
  let scoreNUM: [Double]
  let length: [Double?]
  let source: [String]
  let activations: [[Float]]

  init() throws {
    var random = SplitMix64(seed: 42)
    var texts: [String] = []
    var labels: [Int] = []
    var predicted: [Int] = []
    var scoreNUM: [Double] = []
    var length: [Double?] = []
    var source: [String] = []
    var activations: [[Float]] = []
    for i in 0 ..< Self.count {
      let start = Self.starts[Int(random.next() % UInt64(Self.starts.count))]
      let golf = random.next() % 4 == 0 ? " golf" : ""
      let end = random.next() % 3 == 0 ? "." : " ?"
      texts.append("\(start) item \(i)\(golf)\(end)")
      let label = Int(random.next() % 3)
      labels.append(label)
      predicted.append(random.next() % 4 == 0 ? (label + 1) % 3 : label)
      scoreNUM.append(Double(random.next() % 1000) / 1000)
      length.append(random.next() % 10 == 0 ? nil : Double(random.next() % 15))
      source.append(["wiki", "news", "forum"][Int(random.next() % 3)])
      activations.append((0 ..< Self.columns).map { j in
        Float(j == label ? 2 : 0) + random.float(in: -0.5 ... 0.5)
      })
    }
    (self.texts, self.labels, self.predicted, self.scoreNUM, self.length, self.source, self.activations) =
      (texts, labels, predicted, scoreNUM, length, source, activations)
    bundle = try TestBundle.make(
      name: "fixture", classes: Self.classes, ids: (0 ..< Int64(Self.count)).map { $0 * 2 + 100 },
      labels: labels.map { Self.classes[$0] }, predicted: predicted.map { Self.classes[$0] }, texts: texts,
      scores: [(className: "NUM", values: scoreNUM)],
      attributes: [(name: "length", values: length.map { $0.map { String(Int($0)) } ?? "" }),
                   (name: "source", values: source)],
      layers: [TestLayer(name: "hidden", rows: activations), TestLayer(name: "other", rows: Self.other(activations))])
  }

  deinit { bundle.remove() }

  /// Layer `other`: each row's neurons reversed and mirrored around 1, so
  /// that a neuron condition selects other instances there than in `hidden`.
  static func other(_ activations: [[Float]]) -> [[Float]] {
    activations.map { row in row.reversed().map { 1 - $0 } }
  }

  /// The id of row `i`.
  func id(_ row: Int) -> Int64 { Int64(row) * 2 + 100 }

  /// Runs one line; returns the last output, or the first error.
  @discardableResult
  func run(_ line: String) throws -> CommandOutput? {
    let parsed = Parser.parse(line: line)
    if let error = parsed.diagnostics.first { throw error }
    var last: CommandOutput?
    for command in parsed.commands {
      last = try Evaluator(session: session).evaluate(command)
    }
    return last
  }

  /// Runs a line expected to fail and returns its message.
  func failure(_ line: String) -> String? {
    do {
      try run(line)
      return nil
    } catch let diagnostic as Diagnostic {
      return diagnostic.message
    } catch {
      return "\(error)"
    }
  }

  func result(_ line: String) throws -> CommandResult? {
    guard case .result(let result)? = try run(line) else { return nil }
    return result
  }

  /// Opens the fixture bundle and selects layer `hidden`.
  func loaded() throws -> EvaluationFixture {
    try run("load \"\(bundle.path)\"; select layer hidden")
    return self
  }
}

extension EvaluationFixture {
  /// Expects `matrix` to show the row `label` with the members `rows`:
  /// their count, and each neuron's mean by a plain loop.
  func expectMatrixRow(_ label: String, holds rows: [Int], sourceLocation: SourceLocation = #_sourceLocation) throws {
    guard case .matrix(let matrix)? = try result("matrix") else {
      Issue.record("matrix should return a matrix", sourceLocation: sourceLocation)
      return
    }
    let row = try #require(matrix.rows.first { $0.label == label }, sourceLocation: sourceLocation)
    #expect(row.statistics.count == rows.count, sourceLocation: sourceLocation)
    for neuron in 0 ..< Self.columns {
      let mean = rows.reduce(0.0) { $0 + Double(activations[$1][neuron]) } / Double(rows.count)
      #expect(abs(Double(row.statistics.mean[neuron]) - mean) < 1e-5, sourceLocation: sourceLocation)
    }
  }
}
