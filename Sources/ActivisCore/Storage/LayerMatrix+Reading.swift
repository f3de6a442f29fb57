extension LayerMatrix {
  /// Calls `body` for consecutive blocks covering `range`, each within one shard.
  @inline(__always)
  func forEachShardBlock(in range: Range<Int>, _ body: (_ shard: Shard, _ rows: Range<Int>) throws -> Void) rethrows {
    precondition(range.lowerBound >= 0 && range.upperBound <= rowCount,
                 "rows \(range) outside 0..<\(rowCount)")
    for shard in shards where shard.rows.overlaps(range) {
      try body(shard, Swift.max(range.lowerBound, shard.rows.lowerBound) ..< Swift.min(range.upperBound, shard.rows.upperBound))
    }
  }

  /// The file column (run) holding `neuron` in `shard`: the neuron itself in
  /// C order, its place in the file in Fortran order.
  @inline(__always)
  func run(of neuron: Int, in shard: Shard) -> Int {
    shard.isFortranOrder ? fortranColumnOfNeuron[neuron] : neuron
  }

  /// The bytes of `neuron`'s value in `row` (a row of `shard`).
  @inline(__always)
  func address(row: Int, neuron: Int, in shard: Shard) -> UnsafeRawPointer {
    shard.base + (row - shard.rows.lowerBound) * shard.rowStride + run(of: neuron, in: shard) * shard.runStride
  }

  /// Converts the rows `range` to `Float` into `destination`, row after row
  /// (`range.count × columnCount` values), in C order whatever the file's
  /// memory order: a C-order shard's rows are converted as they lie in the
  /// mapping, a Fortran-order shard's are read column run by column run
  /// (see `LayerMatrix+Fortran`).
  public func copyRows(_ range: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    copyRows(range, into: destination, staging: nil)
  }

  /// `copyRows(_:into:)` with a buffer of at least
  /// `stagingByteCount(rows: range.count)` bytes for Fortran-order data
  /// (nil: allocated as needed).
  func copyRows(
    _ range: Range<Int>, into destination: UnsafeMutablePointer<Float>, staging: UnsafeMutableRawPointer?
  ) {
    forEachShardBlock(in: range) { shard, rows in
      let output = destination + (rows.lowerBound - range.lowerBound) * columnCount
      if shard.isFortranOrder {
        copyFortranRows(rows, of: shard, into: output, staging: staging)
      } else {
        scalarType.convert(address(row: rows.lowerBound, neuron: 0, in: shard), count: rows.count * columnCount,
                           into: output)
      }
    }
  }

  /// Converts row `index` to `Float` into `destination` (`columnCount` values).
  public func copyRow(_ index: Int, into destination: UnsafeMutablePointer<Float>) {
    precondition(index >= 0 && index < rowCount, "row \(index) outside 0..<\(rowCount)")
    copyRows(index ..< index + 1, into: destination)
  }

  /// One row converted to `Float`.
  public func row(_ index: Int) -> [Float] {
    [Float](unsafeUninitializedCapacity: columnCount) { buffer, initialized in
      if let destination = buffer.baseAddress { copyRow(index, into: destination) }
      initialized = columnCount
    }
  }

  /// Converts `neuron`'s values in `rows` to `Float` into `destination[row]`:
  /// contiguous in a Fortran-order shard, one per row in a C-order one.
  public func copyColumn(_ neuron: Int, rows: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
    precondition(neuron >= 0 && neuron < columnCount, "column \(neuron) outside 0..<\(columnCount)")
    forEachShardBlock(in: rows) { shard, block in
      scalarType.convert(address(row: block.lowerBound, neuron: neuron, in: shard), count: block.count,
                         sourceStride: shard.rowStride, into: destination + block.lowerBound)
    }
  }
}
