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
    convertElements(ElementRun(source: source, count: count, sourceStride: sourceStride ?? byteWidth,
                               bigEndian: isBigEndian, destination: destination,
                               destinationStride: destinationStride))
  }

  /// Converts a block stored column after column into rows: element `r` of
  /// column `k`, at `columns[k] + r · byteWidth`, goes to
  /// `destination[r · destinationRowStride + k]`. With a few columns at a
  /// time (16, say) every row's values are stored side by side, which is
  /// about four times as fast as converting one column after another.
  @inlinable
  public func convertColumns(
    _ columns: UnsafePointer<UnsafeRawPointer>, count: Int, rows: Int,
    into destination: UnsafeMutablePointer<Float>, destinationRowStride: Int
  ) {
    convertElements(ColumnBlock(columns: columns, count: count, rows: rows, bigEndian: isBigEndian,
                                destination: destination, destinationRowStride: destinationRowStride))
  }

  /// Calls `converter` with this type's bits and their conversion to `Float`.
  @inlinable
  func convertElements<Converter: ElementConverter>(_ converter: Converter) {
    switch (kind, byteWidth) {
    case (.float, 2): converter.convert(UInt16.self) { Float16Conversion.float(fromBits: $0) }
    case (.float, 4): converter.convert(UInt32.self) { Float(bitPattern: $0) }
    case (.float, 8): converter.convert(UInt64.self) { Float(Double(bitPattern: $0)) }
    case (.signedInteger, 1): converter.convert(Int8.self) { Float($0) }
    case (.signedInteger, 2): converter.convert(Int16.self) { Float($0) }
    case (.signedInteger, 4): converter.convert(Int32.self) { Float($0) }
    case (.signedInteger, 8): converter.convert(Int64.self) { Float($0) }
    case (.unsignedInteger, 1): converter.convert(UInt8.self) { Float($0) }
    case (.unsignedInteger, 2): converter.convert(UInt16.self) { Float($0) }
    case (.unsignedInteger, 4): converter.convert(UInt32.self) { Float($0) }
    case (.unsignedInteger, 8): converter.convert(UInt64.self) { Float($0) }
    case (.boolean, _): converter.convert(UInt8.self) { $0 == 0 ? 0 : 1 }
    default: preconditionFailure("no conversion for \(descr)")
    }
  }
}

/// Elements converted given their bits' type and how the bits become a `Float`.
@usableFromInline
protocol ElementConverter {
  /// Loads each element's bits as `Bits` (unaligned, byte order fixed) and
  /// stores `value(bits)`.
  func convert<Bits: FixedWidthInteger>(_ bits: Bits.Type, _ value: (Bits) -> Float)
}

/// Elements to convert: where they are, how far apart, and where they go.
@usableFromInline
struct ElementRun: ElementConverter {
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

  @inlinable @inline(__always)
  func convert<Bits: FixedWidthInteger>(_ bits: Bits.Type, _ value: (Bits) -> Float) {
    if bigEndian { convert(BigEndianOrder.self, value) } else { convert(LittleEndianOrder.self, value) }
  }

  @inlinable @inline(__always)
  func convert<Bits: FixedWidthInteger, Order: ByteOrder>(_ order: Order.Type, _ value: (Bits) -> Float) {
    for i in 0 ..< count {
      destination[i * destinationStride] = value(Order.load(source, at: i * sourceStride))
    }
  }
}

/// A block of columns to convert into rows (see `ScalarType.convertColumns`).
@usableFromInline
struct ColumnBlock: ElementConverter {
  @usableFromInline let columns: UnsafePointer<UnsafeRawPointer>
  @usableFromInline let count: Int
  @usableFromInline let rows: Int
  @usableFromInline let bigEndian: Bool
  @usableFromInline let destination: UnsafeMutablePointer<Float>
  @usableFromInline let destinationRowStride: Int

  @inlinable
  init(columns: UnsafePointer<UnsafeRawPointer>, count: Int, rows: Int, bigEndian: Bool,
       destination: UnsafeMutablePointer<Float>, destinationRowStride: Int) {
    self.columns = columns
    self.count = count
    self.rows = rows
    self.bigEndian = bigEndian
    self.destination = destination
    self.destinationRowStride = destinationRowStride
  }

  @inlinable @inline(__always)
  func convert<Bits: FixedWidthInteger>(_ bits: Bits.Type, _ value: (Bits) -> Float) {
    if bigEndian { convert(BigEndianOrder.self, value) } else { convert(LittleEndianOrder.self, value) }
  }

  @inlinable @inline(__always)
  func convert<Bits: FixedWidthInteger, Order: ByteOrder>(_ order: Order.Type, _ value: (Bits) -> Float) {
    for row in 0 ..< rows {
      let output = destination + row * destinationRowStride
      let offset = row * MemoryLayout<Bits>.size
      for k in 0 ..< count { output[k] = value(Order.load(columns[k], at: offset)) }
    }
  }
}

/// The order of an element's bytes, as a type, so that each order gets its
/// own specialised loop.
@usableFromInline
protocol ByteOrder {
  /// The value whose bytes are at `offset` from `base` (any alignment).
  static func load<Bits: FixedWidthInteger>(_ base: UnsafeRawPointer, at offset: Int) -> Bits
}

/// Least significant byte first.
@usableFromInline
enum LittleEndianOrder: ByteOrder {
  @inlinable @inline(__always)
  static func load<Bits: FixedWidthInteger>(_ base: UnsafeRawPointer, at offset: Int) -> Bits {
    Bits(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Bits.self))
  }
}

/// Most significant byte first.
@usableFromInline
enum BigEndianOrder: ByteOrder {
  @inlinable @inline(__always)
  static func load<Bits: FixedWidthInteger>(_ base: UnsafeRawPointer, at offset: Int) -> Bits {
    Bits(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: Bits.self))
  }
}
