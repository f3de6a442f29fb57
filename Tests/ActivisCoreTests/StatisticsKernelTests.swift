import ActivisCore
import ActivisTestSupport
import Foundation
import Testing

/// The one-pass kernel against plain loops in Double over the same values.
@Suite struct StatisticsKernelTests {
  /// Plain per-neuron statistics of the given rows, finite values only.
  struct Expected {
    var mean: [Double] = []
    var std: [Double] = []
    var min: [Float] = []
    var max: [Float] = []
    var nonFinite: [Int] = []
    var nonPositive: [Double] = []
  }

  static func expected(_ rows: [[Float]], members: [Int], columns: Int) -> Expected {
    var result = Expected()
    for j in 0 ..< columns {
      let values = members.map { rows[$0][j] }
      let finite = values.filter(\.isFinite)
      let mean = finite.reduce(0.0) { $0 + Double($1) } / Double(finite.count)
      let variance = finite.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / Double(finite.count)
      result.mean.append(mean)
      result.std.append(variance.squareRoot())
      result.min.append(finite.min() ?? .nan)
      result.max.append(finite.max() ?? .nan)
      result.nonFinite.append(values.count - finite.count)
      result.nonPositive.append(Double(finite.filter { $0 <= 0 }.count) / Double(finite.count))
    }
    return result
  }

  static func randomRows(_ count: Int, _ columns: Int, seed: UInt64, offset: Float = 0) -> [[Float]] {
    var random = SplitMix64(seed: seed)
    return (0 ..< count).map { _ in (0 ..< columns).map { _ in offset + random.float(in: -1 ... 3) } }
  }

  static func open(_ rows: [[Float]], dtype: ScalarType, shards: Int = 1) throws -> (TestBundle, LayerMatrix) {
    let bundle = try TestBundle.make(
      ids: (0 ..< Int64(rows.count)).map { $0 },
      layers: [TestLayer(name: "l", rows: rows, dtype: dtype, shards: shards)])
    let opened = try ActivationBundle.open(bundle.path)
    return (bundle, opened.layers[0].matrix)
  }

  static func check(_ s: RowStatistics, _ e: Expected, tolerance: Double) {
    #expect(s.mean.count == e.mean.count)
    for j in e.mean.indices {
      let scale = Swift.max(1, abs(e.mean[j]))
      #expect(abs(Double(s.mean[j]) - e.mean[j]) <= tolerance * scale, "mean of neuron \(j)")
      #expect(abs(Double(s.standardDeviation[j]) - e.std[j]) <= tolerance * Swift.max(1, e.std[j]), "std of neuron \(j)")
      #expect(s.minimum[j] == e.min[j], "min of neuron \(j)")
      #expect(s.maximum[j] == e.max[j], "max of neuron \(j)")
    }
  }

  @Test(arguments: [ScalarType.float32, .float64, .float16], [1, 3])
  func groupsMatchPlainLoops(dtype: ScalarType, shards: Int) throws {
    let rows = Self.randomRows(9000, 37, seed: 11)
    let (bundle, matrix) = try Self.open(rows, dtype: dtype, shards: shards)
    defer { bundle.remove() }
    // The values as stored: float16 and float64 round differently from Float.
    let stored: [[Float]] = rows.map { row in
      row.map { dtype == .float16 ? Float(Float16(Double($0))) : $0 }
    }
    let firstThird = Array(0 ..< 3000)
    let everyFifth = Array(stride(from: 0, to: 9000, by: 5))
    let groups = [InstanceSet(capacity: 9000, rows: firstThird), InstanceSet(capacity: 9000, rows: everyFifth),
                  InstanceSet.all(9000), InstanceSet(capacity: 9000, rows: [4242])]
    let results = try ActivationStatistics.compute(matrix, groups: groups, options: .init(threads: 2))
    #expect(results.map(\.count) == [3000, 1800, 9000, 1])
    for (statistics, members) in zip(results, [firstThird, everyFifth, Array(0 ..< 9000), [4242]]) {
      Self.check(statistics, Self.expected(stored, members: members, columns: 37), tolerance: 2e-6)
    }
  }

  @Test func largeOffsetKeepsVarianceAccurate() throws {
    // Means far from zero relative to the spread: naive sum-of-squares fails.
    let rows = Self.randomRows(5000, 8, seed: 3, offset: 1000)
    let (bundle, matrix) = try Self.open(rows, dtype: .float32)
    defer { bundle.remove() }
    let result = try ActivationStatistics.compute(matrix, groups: [.all(5000)])[0]
    Self.check(result, Self.expected(rows, members: Array(0 ..< 5000), columns: 8), tolerance: 1e-6)
  }

  @Test func nonFiniteValuesAreLeftOutAndCounted() throws {
    var rows = Self.randomRows(200, 4, seed: 5)
    rows[3][1] = .nan
    rows[50][1] = .infinity
    rows[7][2] = -.infinity
    for row in rows.indices { rows[row][3] = .nan }
    let (bundle, matrix) = try Self.open(rows, dtype: .float32)
    defer { bundle.remove() }
    let result = try ActivationStatistics.compute(matrix, groups: [.all(200)], options: .init(countNonPositive: true))[0]
    let expected = Self.expected(rows, members: Array(0 ..< 200), columns: 4)
    #expect(result.nonFiniteCounts == [0, 2, 1, 200])
    for j in 0 ..< 3 {
      #expect(abs(Double(result.mean[j]) - expected.mean[j]) < 1e-6 * Swift.max(1, abs(expected.mean[j])))
      #expect(result.minimum[j] == expected.min[j] && result.maximum[j] == expected.max[j])
      #expect(abs(Double(result.nonPositiveFraction?[j] ?? -1) - expected.nonPositive[j]) < 1e-6)
    }
    #expect(result.mean[3].isNaN && result.standardDeviation[3].isNaN && result.minimum[3].isNaN)
  }

  @Test func emptyGroupHasCountZeroAndNaN() throws {
    let rows = Self.randomRows(10, 3, seed: 1)
    let (bundle, matrix) = try Self.open(rows, dtype: .float32)
    defer { bundle.remove() }
    let result = try ActivationStatistics.compute(matrix, groups: [InstanceSet(capacity: 10)])[0]
    #expect(result.count == 0)
    #expect(result.mean.allSatisfy { $0.isNaN })
  }

  @Test func columnReadsOneNeuronOfEveryRow() throws {
    let rows = Self.randomRows(300, 5, seed: 9)
    let (bundle, matrix) = try Self.open(rows, dtype: .float64, shards: 2)
    defer { bundle.remove() }
    let column = try matrix.column(3)
    #expect(column == rows.map { $0[3] })
  }

  @Test(arguments: [ScalarType.float32, .float16])
  func columnSplitBetweenThreadsAcrossShards(dtype: ScalarType) throws {
    let rows = Self.randomRows(9001, 3, seed: 4)
    let (bundle, matrix) = try Self.open(rows, dtype: dtype, shards: 3)
    defer { bundle.remove() }
    let stored = rows.map { $0[2] }.map { dtype == .float16 ? Float(Float16($0)) : $0 }
    #expect(try matrix.column(2, threads: 2) == stored)
    #expect(try matrix.column(2, threads: 1) == stored)
  }

  @Test func sampledRowsAreCopiedInOrder() throws {
    let rows = Self.randomRows(7000, 4, seed: 6)
    let (bundle, matrix) = try Self.open(rows, dtype: .float64, shards: 2)
    defer { bundle.remove() }
    let wanted = [0, 3, 3499, 3500, 6999]
    var copied = [Float](repeating: .nan, count: wanted.count * 4)
    try copied.withUnsafeMutableBufferPointer { try matrix.copyRows(wanted, into: $0.baseAddress!) }
    #expect(copied == wanted.flatMap { rows[$0] })
  }

  @Test func halfFloatsConvertExactly() throws {
    let values: [Float] = [0, -0.0, 1, -2.5, 65504, 0.000061035156, 0.000000059604645, .infinity, -.infinity]
    let (bundle, matrix) = try Self.open([values], dtype: .float16)
    defer { bundle.remove() }
    #expect(matrix.row(0) == values.map { Float(Float16($0)) })
  }
}
