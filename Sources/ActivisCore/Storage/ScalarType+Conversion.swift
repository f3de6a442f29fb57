extension ScalarType {
  /// Converts `count` little-endian elements of this type at `source` to
  /// `Float` into `destination`. float64 values are rounded to nearest;
  /// float16 values convert exactly.
  @inlinable
  public func convert(
    _ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<Float>
  ) {
    switch self {
    case .float16:
      Float16Conversion.convert(source, count: count, into: destination)
    case .float32:
      for i in 0 ..< count {
        destination[i] = Float(bitPattern: UInt32(littleEndian: source.loadUnaligned(
          fromByteOffset: 4 * i, as: UInt32.self)))
      }
    case .float64:
      for i in 0 ..< count {
        destination[i] = Float(Double(bitPattern: UInt64(littleEndian: source.loadUnaligned(
          fromByteOffset: 8 * i, as: UInt64.self))))
      }
    }
  }
}
