@testable import ActivisCore
import ActivisTestSupport
import Testing

/// Every dtype, byte order, memory order and data alignment the reader
/// accepts, read back against the values the test wrote (encoded by
/// `NpyEncoder`, independently of the reader).
@Suite struct LayerMatrixLayoutTests {
  /// How the shards of a layer are stored.
  struct Layout: CustomTestStringConvertible, Sendable {
    /// Per shard: Fortran order, and bytes past a multiple of 64 where the data starts.
    var shards: [(fortran: Bool, misalignment: Int)]
    var testDescription: String {
      shards.map { ($0.fortran ? "F" : "C") + "+\($0.misalignment)" }.joined(separator: ",")
    }
  }

  static let layouts: [Layout] = [
    Layout(shards: [(false, 0)]), Layout(shards: [(true, 0)]), Layout(shards: [(false, 1)]),
    Layout(shards: [(true, 3)]), Layout(shards: [(false, 2), (true, 1), (false, 0)]),
  ]

  /// A value of `dtype` for element `index` that the type holds exactly,
  /// with the type's extremes among them.
  static func value(_ index: Int, dtype: ScalarType) -> Double {
    let bits = 8 * dtype.byteWidth
    switch dtype.kind {
    case .boolean: return index % 3 == 0 ? 1 : 0
    case .unsignedInteger:
      if index == 5 { return bits == 64 ? 18_446_744_073_709_549_568 : Double((UInt64(1) << bits) - 1) }
      return Double(index * 7 % 200)
    case .signedInteger:
      if index == 5 { return -Double(sign: .plus, exponent: bits - 1, significand: 1) }
      return Double(index * 7 % 200) - 100
    case .float:
      if index == 5 { return dtype.byteWidth == 2 ? 65504 : dtype.byteWidth == 4 ? 3e38 : 1e300 }
      return Double(index % 50) * 0.25 - 6
    }
  }

  /// Writes `values` (C order, `shape`) as shards laid out as `layout` and opens them.
  static func open(
    _ values: [Double], shape: [Int], dtype: ScalarType, layout: Layout
  ) throws -> (TestBundle, LayerMatrix) {
    let bundle = try TestBundle()
    let perRow = shape.dropFirst().reduce(1, *)
    let rows = shape[0]
    var files: [(path: String, displayName: String)] = []
    for (index, shard) in layout.shards.enumerated() {
      let lower = rows * index / layout.shards.count
      let upper = rows * (index + 1) / layout.shards.count
      let name = "activations/l.\(index).npy"
      try bundle.writeNpy(name, values: Array(values[lower * perRow ..< upper * perRow]),
                          shape: [upper - lower] + shape.dropFirst(), dtype: dtype,
                          fortranOrder: shard.fortran, misalignment: shard.misalignment)
      files.append((bundle.path(name), name))
    }
    // Pages let go of after every window: the path these tests are about.
    return (bundle, try LayerMatrix(files: files, residency: .never))
  }

  @Test(arguments: ScalarType.allCases, layouts)
  func rowsAndColumnsReadBack(dtype: ScalarType, layout: Layout) throws {
    let shape = [7, 3, 2]
    let values = (0 ..< 42).map { Self.value($0, dtype: dtype) }
    let expected = values.map { Float($0) }
    let (bundle, matrix) = try Self.open(values, shape: shape, dtype: dtype, layout: layout)
    defer { bundle.remove() }
    #expect(matrix.scalarType == dtype)
    #expect(matrix.rowCount == 7 && matrix.columnCount == 6 && matrix.trailingShape == [3, 2])
    let aligned = layout.shards.allSatisfy { !$0.fortran && $0.misalignment == 0 }
    #expect(matrix.readsRowsInPlace == (aligned && dtype == .float32))
    for row in 0 ..< 7 {
      #expect(matrix.row(row) == Array(expected[row * 6 ..< row * 6 + 6]), "row \(row)")
    }
    for column in 0 ..< 6 {
      #expect(try matrix.column(column) == (0 ..< 7).map { expected[$0 * 6 + column] }, "column \(column)")
    }
    var block = [Float](repeating: .nan, count: 5 * 6)
    block.withUnsafeMutableBufferPointer { matrix.copyRows(1 ..< 6, into: $0.baseAddress!) }
    #expect(block == Array(expected[6 ..< 36]))
  }

  @Test func fortranColumnsOfAThreeDimensionalShape() {
    // Neuron (a, b) of a (2, 3) trailing shape is file column a + 2·b.
    #expect(LayerMatrix.fortranColumns(trailingShape: [2, 3]) == [0, 2, 4, 1, 3, 5])
    #expect(LayerMatrix.fortranColumns(trailingShape: [4]) == [0, 1, 2, 3])
    #expect(LayerMatrix.fortranColumns(trailingShape: [2, 1, 2]) == [0, 2, 1, 3])
  }

  /// Layers of several pages, so that releasing pages releases whole pages.
  static let releasedLayouts: [(ScalarType, Layout)] = [
    (.float32, Layout(shards: [(false, 1)])),
    (.float32, Layout(shards: [(false, 2), (false, 3)])),
    (ScalarType(.float, byteWidth: 4, bigEndian: true), Layout(shards: [(false, 0)])),
    (.float32, Layout(shards: [(true, 0), (true, 1)])),
    (ScalarType(.signedInteger, byteWidth: 2), Layout(shards: [(true, 1), (false, 1)])),
    (.float64, Layout(shards: [(false, 4)])),
  ]

  /// The zero-fill regression: after a pass has released the pages it read,
  /// the values are still the file's (they were once released in a copy of
  /// an unaligned file, which the kernel then filled with zeros).
  @Test(arguments: releasedLayouts)
  func valuesSurviveReleasedPages(dtype: ScalarType, layout: Layout) throws {
    let rows = 3000
    let values = (0 ..< rows * 6).map { Double($0 % 1013) - 200 }
    let (bundle, matrix) = try Self.open(values, shape: [rows, 2, 3], dtype: dtype, layout: layout)
    defer { bundle.remove() }
    let columnMeans = (0 ..< 6).map { j in (0 ..< rows).reduce(0.0) { $0 + values[$1 * 6 + j] } / Double(rows) }
    var options = ActivationStatistics.Options(threads: 2)
    options.windowBytes = 1  // 32-row windows, released one after another
    for pass in 0 ..< 2 {
      let statistics = try ActivationStatistics.compute(matrix, groups: [.all(rows)], options: options)[0]
      for j in 0 ..< 6 {
        #expect(abs(Double(statistics.mean[j]) - columnMeans[j]) < 1e-3, "pass \(pass), neuron \(j)")
      }
      matrix.releasePages(rows: 0 ..< rows)
    }
    for row in stride(from: 0, to: rows, by: 97) {
      #expect(matrix.row(row) == (0 ..< 6).map { Float(values[row * 6 + $0]) }, "row \(row)")
    }
    matrix.releasePages(rows: 0 ..< rows, neuron: 4)
    #expect(try matrix.column(4) == (0 ..< rows).map { Float(values[$0 * 6 + 4]) })
    var sample = [Float](repeating: .nan, count: 3 * 6)
    try sample.withUnsafeMutableBufferPointer { try matrix.copyRows([0, 1500, 2999], into: $0.baseAddress!) }
    #expect(sample == [0, 1500, 2999].flatMap { row in (0 ..< 6).map { Float(values[row * 6 + $0]) } })
  }

  @Test(arguments: [1, 2, 7, 5000])
  func sampledRowsReadInBlocks(blockRows: Int) throws {
    let values = (0 ..< 300 * 4).map { Double($0) }
    let layout = Layout(shards: [(true, 1), (false, 0), (true, 0)])
    let (bundle, matrix) = try Self.open(values, shape: [300, 4], dtype: .float32, layout: layout)
    defer { bundle.remove() }
    let wanted = [0, 1, 2, 5, 99, 100, 101, 102, 199, 200, 250, 299]
    var copied = [Float](repeating: .nan, count: wanted.count * 4)
    try copied.withUnsafeMutableBufferPointer {
      try matrix.copyRowsInBlocks(wanted, into: $0.baseAddress!, blockRows: blockRows)
    }
    #expect(copied == wanted.flatMap { row in (0 ..< 4).map { Float(row * 4 + $0) } })
  }

  /// More rows than a tile and more neurons than a block, in three dimensions.
  @Test(arguments: [ScalarType.float32, ScalarType(.signedInteger, byteWidth: 2, bigEndian: true)])
  func wideFortranRowsCrossTilesAndNeuronBlocks(dtype: ScalarType) throws {
    let values = (0 ..< 130 * 35).map { Double($0 % 20_000) }
    let layout = Layout(shards: [(true, 1), (true, 0)])
    let (bundle, matrix) = try Self.open(values, shape: [130, 5, 7], dtype: dtype, layout: layout)
    defer { bundle.remove() }
    var rows = [Float](repeating: .nan, count: 130 * 35)
    rows.withUnsafeMutableBufferPointer { matrix.copyRows(0 ..< 130, into: $0.baseAddress!) }
    #expect(rows == values.map { Float($0) })
  }
}
