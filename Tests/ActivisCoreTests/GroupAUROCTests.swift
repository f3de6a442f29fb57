import ActivisCore
import ActivisTestSupport
import Testing

/// `GroupAUROC` against a plain loop over every (a, b) pair.
@Suite struct GroupAUROCTests {
  /// P(b > a) + ½ P(b = a) over finite values, by counting pairs.
  static func pairwise(_ column: [Float], a: [Int], b: [Int]) -> Double {
    let xs = a.map { column[$0] }.filter { !$0.isNaN }
    let ys = b.map { column[$0] }.filter { !$0.isNaN }
    guard !xs.isEmpty, !ys.isEmpty else { return .nan }
    var wins = 0.0
    for y in ys {
      for x in xs { wins += y > x ? 1 : (y == x ? 0.5 : 0) }
    }
    return wins / Double(xs.count * ys.count)
  }

  @Test(arguments: [(ScalarType.float32, 1), (.float32, 3), (.float16, 2), (.float64, 3)])
  func equalsCountingPairs(dtype: ScalarType, shards: Int) throws {
    var random = SplitMix64(seed: UInt64(shards) * 7)
    let n = 157, d = 9
    // Few distinct values, so ties are common; NaN, ±infinity and -0 too.
    let rows: [[Float]] = (0 ..< n).map { _ in
      (0 ..< d).map { j -> Float in
        switch random.next() % 23 {
        case 0: return .nan
        case 1: return .infinity
        case 2: return -.infinity
        case 3: return -0.0
        default: return Float(Int(random.next() % 7) - 3) / 2 + Float(j % 3)
        }
      }
    }
    let bundle = try TestBundle.make(layers: [TestLayer(name: "x", rows: rows, dtype: dtype, shards: shards)])
    defer { bundle.remove() }
    let matrix = try #require(try ActivationBundle.open(bundle.path).layer(named: "x")?.matrix)
    let a = InstanceSet(capacity: n) { _ in random.next() % 3 == 0 }
    let b = InstanceSet(capacity: n) { _ in random.next() % 2 == 0 }  // overlaps a
    let stored = (0 ..< n).map { matrix.row($0) }
    let expected = (0 ..< d).map { j in Self.pairwise(stored.map { $0[j] }, a: a.rows, b: b.rows) }
    // A small budget forces several neuron blocks.
    let got = try GroupAUROC.compute(matrix, a: a, b: b, budgetBytes: 3 * n * 4, threads: 2)
    #expect(got.count == d)
    for j in 0 ..< d { #expect(abs(got[j] - expected[j]) < 1e-12, "neuron \(j): \(got[j]) vs \(expected[j])") }
    // Neurons in any order, among them lists whose ends look contiguous.
    for neurons in [[7, 2], [2, 0, 1, 3, 6], [4, 5, 6], [8, 7, 6]] {
      let some = try GroupAUROC.compute(matrix, a: a, b: b, neurons: neurons)
      for (value, j) in zip(some, neurons) { #expect(abs(value - expected[j]) < 1e-12, "\(neurons): neuron \(j)") }
    }
  }

  @Test func fortranOrderLayerWithItsPagesLetGo() throws {
    // Each neuron's values apart in the file, pages released after every chunk of rows.
    let n = 9_000, d = 5
    let values = (0 ..< n * d).map { Double(($0 * 7919) % 101) / 10 - 5 }
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeNpy("f.npy", values: values, shape: [n, d], dtype: .float32, fortranOrder: true)
    let matrix = try LayerMatrix(files: [(bundle.path("f.npy"), "f.npy")], residency: .never)
    let a = InstanceSet(capacity: n) { $0 % 3 == 0 }
    let b = InstanceSet(capacity: n) { $0 % 5 < 2 }
    let got = try GroupAUROC.compute(matrix, a: a, b: b, budgetBytes: 2 * n * 4, threads: 2)
    for j in 0 ..< d {
      let column = (0 ..< n).map { Float(values[$0 * d + j]) }
      #expect(abs(got[j] - Self.pairwise(column, a: a.rows, b: b.rows)) < 1e-12, "neuron \(j)")
    }
  }

  @Test func emptyGroupsAndSeparatedGroups() throws {
    let rows: [[Float]] = [[0], [1], [2], [3]]
    let bundle = try TestBundle.make(layers: [TestLayer(name: "x", rows: rows)])
    defer { bundle.remove() }
    let matrix = try #require(try ActivationBundle.open(bundle.path).layer(named: "x")?.matrix)
    let low = InstanceSet(capacity: 4, rows: [0, 1]), high = InstanceSet(capacity: 4, rows: [2, 3])
    #expect(try GroupAUROC.compute(matrix, a: low, b: high) == [1])
    #expect(try GroupAUROC.compute(matrix, a: high, b: low) == [0])
    #expect(try GroupAUROC.compute(matrix, a: low, b: low) == [0.5])
    #expect(try GroupAUROC.compute(matrix, a: InstanceSet(capacity: 4), b: low)[0].isNaN)
  }
}
