import ActivisCore
import ActivisTestSupport
import Testing

/// `LinearCKA` against the definition computed with plain loops in float64:
/// centre each column, then ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F).
@Suite struct LinearCKATests {
  /// The CKA of two row lists, by the definition.
  static func definition(_ x: [[Float]], _ y: [[Float]]) -> Double {
    func centred(_ m: [[Float]]) -> [[Double]] {
      let n = Double(m.count)
      let means = (0 ..< m[0].count).map { j in m.reduce(0.0) { $0 + Double($1[j]) } / n }
      return m.map { row in row.indices.map { Double(row[$0]) - means[$0] } }
    }
    func squaredCross(_ a: [[Double]], _ b: [[Double]]) -> Double {
      var total = 0.0
      for i in 0 ..< a[0].count {
        for j in 0 ..< b[0].count {
          var dot = 0.0
          for r in a.indices { dot += a[r][i] * b[r][j] }
          total += dot * dot
        }
      }
      return total
    }
    let cx = centred(x), cy = centred(y)
    return squaredCross(cx, cy) / (squaredCross(cx, cx).squareRoot() * squaredCross(cy, cy).squareRoot())
  }

  static func random(_ rows: Int, _ columns: Int, seed: UInt64, offset: Float = 0) -> [[Float]] {
    var random = SplitMix64(seed: seed)
    return (0 ..< rows).map { _ in (0 ..< columns).map { _ in offset + random.float(in: -1 ... 1) } }
  }

  /// Opens a bundle holding one layer per row list.
  static func open(_ layers: [[[Float]]]) throws -> (TestBundle, ActivationBundle) {
    let bundle = try TestBundle.make(layers: layers.enumerated().map { TestLayer(name: "l\($0)", rows: $1) })
    return (bundle, try ActivationBundle.open(bundle.path))
  }

  func value(_ value: LinearCKA.Value) -> Double? {
    if case .similarity(let cka) = value { return cka }
    return nil
  }

  @Test func matchesTheDefinitionAcrossBlocksThreadsAndTileEdges() throws {
    // 700 rows: several blocks of 256 on two threads; 13 and 9 columns: partial tiles.
    let x = Self.random(700, 13, seed: 1, offset: 50)
    let y = x.map { row in (0 ..< 9).map { j in row[j] * 0.5 + row[(j + 3) % 13] * row[j] } }
    let (files, bundle) = try Self.open([x, y])
    defer { files.remove() }
    let rows = Array(0 ..< 700)
    for threads in [1, 2] {
      let outcome = try LinearCKA.compare(bundle.layers.map(\.matrix), rows: rows, with: bundle.layers.map(\.matrix),
                                          rows: rows, pairs: [(0, 1), (0, 0), (1, 1)], threads: threads)
      #expect(outcome.usedRows == 700 && outcome.nonFiniteRows == 0)
      let expected = Self.definition(x, y)
      #expect(abs(value(outcome.values[0])! - expected) < 1e-9, "\(outcome.values[0]) vs \(expected)")
      #expect(abs(value(outcome.values[1])! - 1) < 1e-12)
      #expect(abs(value(outcome.values[2])! - 1) < 1e-12)
    }
  }

  @Test func isOneForARotationAndAScalingOfTheNeurons() throws {
    let x = Self.random(300, 2, seed: 2)
    // A rotation by 30° and a scale of 3 (exact enough in float32).
    let (c, s): (Float, Float) = (0.8660254, 0.5)
    let y = x.map { [3 * (c * $0[0] - s * $0[1]), 3 * (s * $0[0] + c * $0[1])] }
    let (files, bundle) = try Self.open([x, y])
    defer { files.remove() }
    let rows = Array(0 ..< 300)
    let outcome = try LinearCKA.compare([bundle.layers[0].matrix], rows: rows, with: [bundle.layers[1].matrix],
                                        rows: rows, pairs: [(0, 0)])
    #expect(abs(value(outcome.values[0])! - 1) < 1e-6)
  }

  @Test func pairsRowsInAnyOrder() throws {
    let x = Self.random(40, 5, seed: 3)
    let y = Self.random(40, 4, seed: 4)
    let order = (0 ..< 40).map { ($0 * 17) % 40 }  // a permutation
    let (first, a) = try Self.open([x])
    let (second, b) = try Self.open([order.map { y[$0] }])
    defer { first.remove(); second.remove() }
    // Row r of `a` is the instance at row order.firstIndex(of: r) of `b`.
    let outcome = try LinearCKA.compare([a.layers[0].matrix], rows: Array(0 ..< 40), with: [b.layers[0].matrix],
                                        rows: (0 ..< 40).map { r in order.firstIndex(of: r)! }, pairs: [(0, 0)])
    #expect(abs(value(outcome.values[0])! - Self.definition(x, y)) < 1e-7)
  }

  @Test func leavesOutRowsWithNonFiniteValuesInAnyComparedLayer() throws {
    var x = Self.random(60, 3, seed: 5)
    var y = Self.random(60, 3, seed: 6)
    x[4][1] = .nan
    y[10][2] = .infinity
    let (files, bundle) = try Self.open([x, y])
    defer { files.remove() }
    let rows = Array(0 ..< 60)
    let outcome = try LinearCKA.compare([bundle.layers[0].matrix], rows: rows, with: [bundle.layers[1].matrix],
                                        rows: rows, pairs: [(0, 0)])
    #expect(outcome.usedRows == 58 && outcome.nonFiniteRows == 2)
    let kept = rows.filter { $0 != 4 && $0 != 10 }
    #expect(abs(value(outcome.values[0])! - Self.definition(kept.map { x[$0] }, kept.map { y[$0] })) < 1e-7)
  }

  @Test func isUndefinedForAConstantLayer() throws {
    let x = Self.random(30, 3, seed: 7)
    let constant = [[Float]](repeating: [0.3, -2, 7], count: 30)
    let (files, bundle) = try Self.open([x, constant])
    defer { files.remove() }
    let rows = Array(0 ..< 30)
    let outcome = try LinearCKA.compare(bundle.layers.map(\.matrix), rows: rows, with: bundle.layers.map(\.matrix),
                                        rows: rows, pairs: [(0, 1), (1, 1)])
    #expect(outcome.values == [.undefined(firstConstant: false, secondConstant: true),
                               .undefined(firstConstant: true, secondConstant: true)])
  }
}
