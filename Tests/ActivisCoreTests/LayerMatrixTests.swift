import ActivisCore
import ActivisTestSupport
import Testing

@Suite struct LayerMatrixTests {
  /// Writes the given shards and opens them as one matrix.
  private func matrix(_ shards: [(values: [Double], shape: [Int])], dtype: ScalarType = .float32,
                      version: Int = 1) throws -> LayerMatrix {
    let bundle = try TestBundle()
    defer { bundle.remove() }  // the mappings outlive the files
    var files: [(path: String, displayName: String)] = []
    for (index, shard) in shards.enumerated() {
      let name = "activations/fc.\(index).npy"
      try bundle.writeNpy(name, values: shard.values, shape: shard.shape, dtype: dtype, version: version)
      files.append((bundle.path(name), name))
    }
    return try LayerMatrix(files: files)
  }

  @Test(arguments: [1, 2, 3])
  func float32RowsReadBack(version: Int) throws {
    let m = try matrix([([1.5, -2, 3, 0.25, 5, 6], [3, 2])], version: version)
    #expect(m.rowCount == 3 && m.columnCount == 2)
    #expect(m.scalarType == .float32)
    #expect(m.rowByteCount == 8)
    #expect(m.row(0) == [1.5, -2])
    #expect(m.row(1) == [3, 0.25])
    #expect(m.row(2) == [5, 6])
  }

  @Test func float64IsRoundedToFloat() throws {
    let m = try matrix([([0.1, 1e300, -1e-300, 2], [2, 2])], dtype: .float64)
    #expect(m.row(0) == [Float(0.1), .infinity])
    #expect(m.row(1)[0] == 0 && m.row(1)[0].sign == .minus)
    #expect(m.row(1)[1] == 2)
    #expect(m.rowByteCount == 16)
  }

  @Test func float16IncludingSubnormalsInfinitiesAndNaN() throws {
    let values: [Double] = [1, -0.5, 0x1p-24, 0x1p-14 * 0.75, 65504, .infinity, -.infinity, .nan,
                            1.0009765625, 3.14159]
    let m = try matrix([(values, [2, 5])], dtype: .float16)
    let row = m.row(0) + m.row(1)
    #expect(Array(row[0 ..< 7]) == [1, -0.5, 0x1p-24, 0x1p-14 * 0.75, 65504, .infinity, -.infinity])
    #expect(row[7].isNaN)
    #expect(row[8] == 1.0009765625)
    #expect(row[9] == 3.140625)  // nearest half to pi's digits: 3 + 145/1024
  }

  @Test func threeDimensionalShapeKeepsItsTrailingShape() throws {
    let values = (0 ..< 24).map(Double.init)
    let m = try matrix([(values, [2, 3, 4])])
    #expect(m.trailingShape == [3, 4])
    #expect(m.columnCount == 12)
    #expect(m.row(1) == (12 ..< 24).map(Float.init))
  }

  @Test func shardsAreConcatenatedInOrder() throws {
    let m = try matrix([([1, 2, 3, 4], [2, 2]), ([], [0, 2]), ([5, 6, 7, 8, 9, 10], [3, 2])])
    #expect(m.rowCount == 5)
    #expect(m.shards.map(\.rows) == [0 ..< 2, 2 ..< 2, 2 ..< 5])
    #expect(m.row(1) == [3, 4] && m.row(2) == [5, 6] && m.row(4) == [9, 10])
    var block = [Float](repeating: .nan, count: 3 * 2)
    block.withUnsafeMutableBufferPointer { m.copyRows(1 ..< 4, into: $0.baseAddress!) }
    #expect(block == [3, 4, 5, 6, 7, 8])
    #expect(m.readsRowsInPlace)
  }

  @Test func shardsMustAgree() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeNpy("a.npy", values: [1, 2, 3, 4] as [Float], shape: [2, 2])
    try bundle.writeNpy("b.npy", values: [1, 2, 3] as [Float], shape: [1, 3])
    try bundle.writeNpy("c.npy", values: [1, 2] as [Float], shape: [1, 2], dtype: .float16)
    let shape = #expect(throws: BundleError.self) {
      try LayerMatrix(files: [(bundle.path("a.npy"), "a.npy"), (bundle.path("b.npy"), "b.npy")])
    }
    #expect(shape?.code == .shapeMismatch)
    #expect(shape?.description == "b.npy: error: shard has shape (1, 3), whose trailing dimensions "
      + "differ from those of 'a.npy', (2, 2)")
    let dtype = #expect(throws: BundleError.self) {
      try LayerMatrix(files: [(bundle.path("a.npy"), "a.npy"), (bundle.path("c.npy"), "c.npy")])
    }
    #expect(dtype?.code == .shapeMismatch)
    #expect(dtype?.description == "c.npy: error: shard has dtype '<f2' but 'a.npy' has '<f4'")
  }

  @Test func missingAndEmptyFiles() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    let missing = #expect(throws: BundleError.self) {
      try LayerMatrix(files: [(bundle.path("none.npy"), "b/none.npy")])
    }
    #expect(missing?.code == .fileNotFound)
    #expect(missing?.description == "b/none.npy: error: no such file")
    try bundle.writeBytes("empty.npy", [])
    let empty = #expect(throws: BundleError.self) {
      try LayerMatrix(files: [(bundle.path("empty.npy"), "b/empty.npy")])
    }
    #expect(empty?.code == .malformedNpy)
  }

  @Test func mappedFileOfZeroLength() throws {
    let bundle = try TestBundle()
    defer { bundle.remove() }
    try bundle.writeBytes("empty", [])
    let file = try MappedFile(path: bundle.path("empty"), displayName: "empty")
    #expect(file.bytes.isEmpty)
    let directory = #expect(throws: BundleError.self) {
      try MappedFile(path: bundle.path, displayName: "bundle")
    }
    #expect(directory?.code == .unreadable)
  }
}
