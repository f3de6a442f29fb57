extension ScalarType {
  /// Converts `count` elements of this type to `Float`, reading them with
  /// unaligned loads in the type's byte order, so that the source may be at
  /// any address.
  ///
  /// float64 and 64-bit integers round to nearest, float16 converts exactly,
  /// booleans give 0 or 1.
  ///
  /// - Parameters:
  ///   - source: the first element's bytes.
  ///   - sourceStride: bytes from one element to the next (default: contiguous).
  ///   - destination: where the first value goes.
  ///   - destinationStride: `Float`s from one value to the next.
  @inlinable
  public func convert(
    _ source: UnsafeRawPointer, count: Int, sourceStride: Int? = nil,
    into destination: UnsafeMutablePointer<Float>, destinationStride: Int = 1
  ) {
    let elements = ElementRun(source: source, count: count, sourceStride: sourceStride ?? byteWidth,
                              bigEndian: isBigEndian, destination: destination,
                              destinationStride: destinationStride)
    switch (kind, byteWidth) {
    case (.float, 2): elements.convert(UInt16.self) { Float16Conversion.float(fromBits: $0) }
    case (.float, 4): elements.convert(UInt32.self) { Float(bitPattern: $0) }
    case (.float, 8): elements.convert(UInt64.self) { Float(Double(bitPattern: $0)) }
    case (.signedInteger, 1): elements.convert(Int8.self) { Float($0) }
    case (.signedInteger, 2): elements.convert(Int16.self) { Float($0) }
    case (.signedInteger, 4): elements.convert(Int32.self) { Float($0) }
    case (.signedInteger, 8): elements.convert(Int64.self) { Float($0) }
    case (.unsignedInteger, 1): elements.convert(UInt8.self) { Float($0) }
    case (.unsignedInteger, 2): elements.convert(UInt16.self) { Float($0) }
    case (.unsignedInteger, 4): elements.convert(UInt32.self) { Float($0) }
    case (.unsignedInteger, 8): elements.convert(UInt64.self) { Float($0) }
    case (.boolean, _): elements.convert(UInt8.self) { $0 == 0 ? 0 : 1 }
    default: preconditionFailure("no conversion for \(descr)")
    }
  }
}

/// Elements to convert: where they are, how far apart, and where they go.
@usableFromInline
struct ElementRun {
  @usableFromInline let source: UnsafeRawPointer
  @usableFromInline let count: Int
  @usableFromInline let sourceStride: Int
  @usableFromInline let bigEndian: Bool
  @usableFromInline let destination: UnsafeMutablePointer<Float>
  @usableFromInline let destinationStride: Int

  @inlinable
  init(source: UnsafeRawPointer, count: Int, sourceStride: Int, bigEndian: Bool,
       destination: UnsafeMutablePointer<Float>, destinationStride: Int) {
    self.source = source
    self.count = count
    self.sourceStride = sourceStride
    self.bigEndian = bigEndian
    self.destination = destination
    self.destinationStride = destinationStride
  }

  /// Loads each element's bits as `Bits` (unaligned, byte order fixed) and
  /// stores `value(bits)`.
  @inlinable @inline(__always)
  func convert<Bits: FixedWidthInteger>(_ bits: Bits.Type, _ value: (Bits) -> Float) {
    if bigEndian {
      for i in 0 ..< count {
        let raw = source.loadUnaligned(fromByteOffset: i * sourceStride, as: Bits.self)
        destination[i * destinationStride] = value(Bits(bigEndian: raw))
      }
    } else {
      for i in 0 ..< count {
        let raw = source.loadUnaligned(fromByteOffset: i * sourceStride, as: Bits.self)
        destination[i * destinationStride] = value(Bits(littleEndian: raw))
      }
    }
  }
}
