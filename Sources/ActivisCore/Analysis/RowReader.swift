/// Reads one row of a mapped matrix as `Float`s: in place for float32 data
/// (always aligned: see `LayerMatrix`), converted into a reusable buffer for
/// float16 and float64.
///
/// Not thread-safe: each thread of a kernel owns its own reader.
struct RowReader {
  let scalarType: ScalarType
  let columns: Int
  private let buffer: UnsafeMutablePointer<Float>

  init(scalarType: ScalarType, columns: Int) {
    self.scalarType = scalarType
    self.columns = columns
    self.buffer = .allocate(capacity: Swift.max(columns, 1))
  }

  /// Whether rows are returned in place in the mapping (float32), so that a
  /// returned pointer stays valid after the next call.
  var readsInPlace: Bool { scalarType == .float32 }

  /// Frees the conversion buffer; the reader must not be used afterwards.
  func deallocate() { buffer.deallocate() }

  /// The row starting at `address`, as `columns` floats. The pointer is valid
  /// until the next call.
  @inline(__always)
  func floats(at address: UnsafeRawPointer) -> UnsafePointer<Float> {
    if scalarType == .float32 { return address.assumingMemoryBound(to: Float.self) }
    scalarType.convert(address, count: columns, into: buffer)
    return UnsafePointer(buffer)
  }
}
