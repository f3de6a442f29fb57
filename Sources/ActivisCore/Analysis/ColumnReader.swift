extension LayerMatrix {
  /// One neuron's activation for every instance, as `Float`.
  ///
  /// - Complexity: O(N); touches one value per row, but with rows stored one
  ///   after another this still reads every page of the layer (released
  ///   again as it goes, so memory stays small).
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public func column(_ column: Int) throws -> [Float] {
    precondition(column >= 0 && column < columnCount, "column \(column) outside 0..<\(columnCount)")
    var values = [Float](repeating: 0, count: rowCount)
    let width = scalarType.byteWidth
    let stride = rowByteCount
    let offset = column * width
    let window = Swift.max(64, (16 << 20) / Swift.max(1, stride))
    var unreleased = 0
    defer { releasePages(rows: unreleased ..< rowCount) }
    try forEachBlock(in: 0 ..< rowCount) { rows, base in
      for row in rows {
        if row - unreleased >= window {
          releasePages(rows: unreleased ..< row)
          unreleased = row
          try Interruption.check()
        }
        let address = base + (row - rows.lowerBound) * stride + offset
        switch scalarType {
        case .float32: values[row] = address.loadUnaligned(as: Float.self)
        case .float64: values[row] = Float(address.loadUnaligned(as: Double.self))
        case .float16: values[row] = Float16Conversion.float(fromBits: address.loadUnaligned(as: UInt16.self))
        }
      }
    }
    return values
  }
}
