import ActivisCore
import Foundation

/// Small results with planted facts, for the picture tests.
enum PictureFixtures {
  static let classes = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"]

  /// A deterministic sequence of numbers in 0..<1.
  struct Noise {
    var state: UInt64
    mutating func next() -> Float {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Float(state >> 40) / Float(1 << 24)
    }
  }

  /// The neuron planted for class `k`: spread over the layer, so that wide
  /// layers put them in different bands.
  static func planted(_ k: Int, neurons: Int) -> Int { (k * 53 + 7) % neurons }

  /// Class rows with a weak background (0…0.5), each class's planted neuron
  /// at 2 + k·0.3 (NUM's the strongest of all), a subset row, and an
  /// instance row whose values go down to `instanceLow` (negative values
  /// make the scale diverging).
  static func matrix(neurons: Int = 300, columns: [Int]? = nil, instanceLow: Float = 0)
    -> MatrixResult
  {
    var noise = Noise(state: 7)
    func row(_ label: String, _ kind: MatrixResult.RowKind, count: Int, plant: Int?, value: Float,
             low: Float = 0) -> MatrixResult.Row {
      var mean = (0 ..< neurons).map { _ in low + (0.5 - low) * noise.next() }
      if let plant { mean[plant] = value }
      let statistics = RowStatistics(count: count, mean: mean, standardDeviation: mean, minimum: mean,
                                     maximum: mean)
      return .init(label: label, kind: kind, statistics: statistics)
    }
    var rows = classes.enumerated().map { k, name in
      row(name, .class, count: 10 + k, plant: planted(k, neurons: neurons), value: 2 + Float(k) * 0.3)
    }
    rows.append(row("whatis", .subset, count: 40, plant: nil, value: 0))
    rows.append(row("#38", .instance, count: 1, plant: nil, value: 0, low: instanceLow))
    return MatrixResult(layer: "concat", neuronNames: (0 ..< neurons).map { "n\($0)" },
                        columns: columns ?? Array(0 ..< neurons), rows: rows, order: .stored)
  }

  /// Per class `k`: `correct[k]` correct ids and `wrong[k]` misclassified
  /// ones, mistaken for the next classes in turn. Ids are unique.
  static func panel(correct: [Int], wrong: [Int], classes: [String] = Self.classes) -> InstancePanel {
    var id: Int64 = 0
    var groups: [InstancePanel.Group] = []
    for k in classes.indices {
      let good = (0 ..< correct[k]).map { _ in
        id += 1
        return InstancePanel.Entry(id: id, predicted: k, score: 0.9)
      }
      var bad = (0 ..< wrong[k]).map { i in
        id += 1
        return InstancePanel.Entry(id: id, predicted: (k + 1 + i % (classes.count - 1)) % classes.count,
                                   score: 0.6)
      }
      bad.sort { $0.predicted < $1.predicted }
      groups.append(.init(label: k, correct: good, misclassified: bad))
    }
    return InstancePanel(classes: classes, groups: groups)
  }

  /// `perClass` points per class, each class around its own centre
  /// (class k at angle k·60°), labels = classes, predictions right except
  /// every fifth point.
  static func projection(perClass: Int = 20, highlighted: [Int] = []) -> ProjectionResult {
    var noise = Noise(state: 11)
    var ids: [Int64] = [], xs: [Float] = [], ys: [Float] = [], labels: [String] = []
    var predicted: [String] = []
    for (k, name) in classes.enumerated() {
      let angle = Float(k) * .pi / 3
      for i in 0 ..< perClass {
        ids.append(Int64(k * 1000 + i))
        xs.append(10 * cos(angle) + noise.next())
        ys.append(10 * sin(angle) + noise.next())
        labels.append(name)
        predicted.append(i % 5 == 0 ? classes[(k + 1) % classes.count] : name)
      }
    }
    return ProjectionResult(layer: "concat", method: "t-SNE", ids: ids, x: xs, y: ys, labels: labels,
                            predicted: predicted, colorKey: "label", colorValues: labels,
                            highlighted: highlighted, notes: ["a note"])
  }
}
