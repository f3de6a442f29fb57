import ActivisTestSupport
import Testing
@testable import ActivisCore

/// Silhouette, folds, the linear probe and the subset divergence against
/// hand-worked values and plain loops.
@Suite struct SeparabilityMeasuresTests {
  /// Points on a line: class 0 at 0 and 1, class 1 at 4 and 6.
  @Test func silhouetteByHand() throws {
    let data = DenseRows(values: [0, 1, 4, 6], classes: [0, 0, 1, 1], width: 1, classCount: 2)
    // s = (b − a) / max(a, b): 0 → (5−1)/5, 1 → (4−1)/4, 4 → (3.5−2)/3.5, 6 → (5.5−2)/5.5.
    let expected = (0.8 + 0.75 + 1.5 / 3.5 + 3.5 / 5.5) / 4
    #expect(abs(try Silhouette.score(data) - expected) < 1e-12)
  }

  @Test func silhouetteSingletonsAndConstantsScoreZero() throws {
    // Row 2 is alone in class 1: s = 0; rows 0 and 1 (class 0) at 0 and 2, row 2 at 5.
    let alone = DenseRows(values: [0, 2, 5], classes: [0, 0, 1], width: 1, classCount: 2)
    // row 0: a = 2, b = 5 → 0.6; row 1: a = 2, b = 3 → 1/3; row 2: 0.
    #expect(abs(try Silhouette.score(alone) - (0.6 + 1.0 / 3) / 3) < 1e-12)
    let constant = DenseRows(values: [Float](repeating: 1.5, count: 6 * 3), classes: [0, 1, 0, 1, 2, 2], width: 3,
                             classCount: 3)
    #expect(try Silhouette.score(constant) == 0)
    let empty = DenseRows(values: [], classes: [Int](repeating: 0, count: 5) + [Int](repeating: 1, count: 10),
                          width: 0, classCount: 2)
    #expect(try Silhouette.score(empty) == 0)
    // Nothing to learn from: each fold trains on 4 of class 0 and 8 of class 1 and predicts 1 (10 of 15 right).
    #expect(try LinearProbe.accuracy(empty) == 10.0 / 15)
  }

  /// Many rows and columns (the four-at-a-time and tail paths, several
  /// tiles) against a plain loop in Double.
  @Test func silhouetteMatchesAPlainLoop() throws {
    var random = SplitMix64(seed: 7)
    let n = 203, width = 19, classes = 4
    let labels = (0 ..< n).map { _ in Int(random.next() % UInt64(classes)) }
    let values = (0 ..< n * width).map { i in random.float(in: -1 ... 1) + Float(labels[i / width]) * 0.3 }
    var total = 0.0
    for i in 0 ..< n {
      var sums = [Double](repeating: 0, count: classes), sizes = [Int](repeating: 0, count: classes)
      for j in 0 ..< n {
        var squared = 0.0
        for c in 0 ..< width {
          let d = Double(values[i * width + c]) - Double(values[j * width + c])
          squared += d * d
        }
        sums[labels[j]] += squared.squareRoot()
        sizes[labels[j]] += 1
      }
      let own = labels[i]
      guard sizes[own] > 1 else { continue }
      let a = sums[own] / Double(sizes[own] - 1)
      let b = (0 ..< classes).filter { $0 != own && sizes[$0] > 0 }.map { sums[$0] / Double(sizes[$0]) }.min()!
      total += (b - a) / max(a, b)
    }
    let data = DenseRows(values: values, classes: labels, width: width, classCount: classes)
    #expect(abs(try Silhouette.score(data, threads: 3) - total / Double(n)) < 1e-6)
  }

  @Test func foldsDealEachClassInTurn() {
    #expect(StratifiedFolds.assign([0, 1, 0, 0, 1, 1, 0], folds: 2) == [0, 0, 1, 0, 1, 0, 1])
    #expect(StratifiedFolds.assign([2, 2, 2, 2, 2, 2], folds: 5) == [0, 1, 2, 3, 4, 0])
  }

  /// Classes 4 apart on one neuron, noise of at most 0.5 elsewhere: every
  /// held-out row is classified right.
  @Test func probeSeparatesSeparableClasses() throws {
    var random = SplitMix64(seed: 3)
    let n = 120, width = 8
    let labels = (0 ..< n).map { $0 % 3 }
    let values = (0 ..< n * width).map { i -> Float in
      (i % width == labels[i / width] ? 4 : 0) + random.float(in: -0.5 ... 0.5)
    }
    let data = DenseRows(values: values, classes: labels, width: width, classCount: 3)
    #expect(try LinearProbe.accuracy(data) == 1)
  }

  /// With every neuron constant nothing is learnt (and nothing is divided
  /// by zero): each fold predicts its training majority, class 0 (30 of 50).
  @Test func probeOfConstantNeuronsPredictsTheMajority() throws {
    let labels = (0 ..< 50).map { $0 < 30 ? 0 : 1 }
    let data = DenseRows(values: [Float](repeating: 2.5, count: 50 * 4), classes: labels, width: 4, classCount: 2)
    #expect(try LinearProbe.accuracy(data) == 0.6)
  }

  /// The divergence against the formula written out with plain loops.
  @Test func divergenceMatchesItsFormula() throws {
    var random = SplitMix64(seed: 11)
    let n = 60, width = 5
    let groups = (0 ..< n).map { $0 % 2 }
    let inside = Array(stride(from: 0, to: n, by: 3))
    let values = (0 ..< n * width).map { i -> Float in
      random.float(in: -1 ... 1) + (inside.contains(i / width) && i % width == 1 ? 1.5 : 0) + Float(groups[i / width])
    }
    let expected = Self.divergenceByFormula(values, width: width, groups: groups, inside: inside)
    let divergence = SubsetDivergence(values: values, rows: n, width: width, groups: groups)
    #expect(abs(try #require(divergence.divergence(of: inside)) - expected) < 1e-6)
    #expect(divergence.divergence(of: [4]) == nil)
  }
  /// The divergence of rows `inside` from the others, by its formula with
  /// plain loops in `Double`: rows centred on their group's mean, then
  /// Cohen's d per neuron.
  static func divergenceByFormula(_ values: [Float], width: Int, groups: [Int], inside: [Int]) -> Double {
    let n = groups.count
    var centred = values.map(Double.init)
    for g in Set(groups) {
      let rows = (0 ..< n).filter { groups[$0] == g }
      for j in 0 ..< width {
        let mean = rows.map { centred[$0 * width + j] }.reduce(0, +) / Double(rows.count)
        for row in rows { centred[row * width + j] -= mean }
      }
    }
    let outside = (0 ..< n).filter { !inside.contains($0) }
    var sum = 0.0
    for j in 0 ..< width {
      let a = inside.map { centred[$0 * width + j] }, b = outside.map { centred[$0 * width + j] }
      let meanA = a.reduce(0, +) / Double(a.count), meanB = b.reduce(0, +) / Double(b.count)
      let pooled = (a.map { ($0 - meanA) * ($0 - meanA) }.reduce(0, +) + b.map { ($0 - meanB) * ($0 - meanB) }.reduce(0, +))
        / Double(n - 2)
      sum += (meanA - meanB) * (meanA - meanB) / pooled
    }
    return max(0, sum / Double(width) - (1 / Double(inside.count) + 1 / Double(outside.count))).squareRoot()
  }
}

extension SeparabilityMeasuresTests {
  /// The population read from a layer: where it lies (float32, pages kept),
  /// converted (float64), or copied (pages let go) — the divergences of the
  /// formula with plain loops, and rows with NaN or infinite values left out.
  @Test func populationFromALayerIsThatOfItsValues() throws {
    let n = 300, width = 9
    var generator = SplitMix64(seed: 5)
    // Rows that are multiples of 5 stand out in neuron 2.
    var values = (0 ..< n * width).map { i in
      Float.random(in: -2 ... 2, using: &generator) + (i / width % 5 == 0 && i % width == 2 ? 2 : 0)
    }
    values[7 * width + 3] = .nan
    values[40 * width] = .infinity
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeNpy("f32.npy", values: values, shape: [n, width])
    try bundle.writeNpy("f64.npy", values: values, shape: [n, width], dtype: .float64)
    // With the rows holding NaN and infinity, and without them.
    for sorted in [(Array(stride(from: 1, to: n, by: 2)) + [40]).sorted(), Array(stride(from: 8, to: n, by: 3))] {
      let kept = sorted.filter { $0 != 7 && $0 != 40 }
      let groups = kept.map { $0 % 3 }
      let keptValues = kept.flatMap { Array(values[$0 * width ..< ($0 + 1) * width]) }
      let subsets = [[0, 1, 2, 3, 4, 5], Array(0 ..< 40), Array(stride(from: 0, to: kept.count, by: 3)),
                     kept.indices.filter { kept[$0] % 5 == 0 }]
      let expected = subsets.map { Self.divergenceByFormula(keptValues, width: width, groups: groups, inside: $0) }
      #expect(expected.contains { $0 > 0 })
      for (file, residency) in [("f32.npy", PageResidency(budgetBytes: 1 << 30)), ("f32.npy", PageResidency.never),
                                ("f64.npy", PageResidency(budgetBytes: 1 << 30))] {
        let matrix = try LayerMatrix(files: [(bundle.path(file), file)], residency: residency)
        let (population, rowsKept) = try SubsetDivergence.population(rows: sorted, of: matrix) { $0 % 3 }
        #expect(rowsKept == kept)
        let found = population.divergences(of: subsets)
        for (value, formula) in zip(found, expected) {
          #expect(abs(try #require(value) - formula) < 1e-6, "\(file)")
        }
        // The same numbers subset by subset, and with the subsets shared out between one or three threads.
        #expect(found == subsets.map { population.divergence(of: $0) })
        #expect(population.divergences(of: subsets, threads: 1) == found)
        #expect(population.divergences(of: subsets, threads: 3) == found)
      }
    }
  }
}
