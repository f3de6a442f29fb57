/// Reads one row of a mapped matrix as `Float`s: in place for aligned
/// float32 data, converted into a reusable buffer otherwise.
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

  /// Frees the conversion buffer; the reader must not be used afterwards.
  func deallocate() { buffer.deallocate() }

  /// The row starting at `address`, as `columns` floats. The pointer is valid
  /// until the next call.
  @inline(__always)
  func floats(at address: UnsafeRawPointer) -> UnsafePointer<Float> {
    switch scalarType {
    case .float32:
      if Int(bitPattern: address) & 3 == 0 {
        return address.assumingMemoryBound(to: Float.self)
      }
      for j in 0 ..< columns {
        buffer[j] = address.loadUnaligned(fromByteOffset: j &* 4, as: Float.self)
      }
    case .float16:
      let table = HalfFloatTable.values
      table.withUnsafeBufferPointer { table in
        for j in 0 ..< columns {
          buffer[j] = table[Int(address.loadUnaligned(fromByteOffset: j &* 2, as: UInt16.self))]
        }
      }
    case .float64:
      for j in 0 ..< columns {
        buffer[j] = Float(address.loadUnaligned(fromByteOffset: j &* 8, as: Double.self))
      }
    }
    return UnsafePointer(buffer)
  }
}

/// Every IEEE 754 half-precision bit pattern converted to `Float`, so that
/// float16 layers convert with one table load per value.
enum HalfFloatTable {
  static let values: [Float] = (0 ... UInt16.max).map { halfToFloat($0) }

  /// Exact conversion of a binary16 bit pattern, subnormals, infinities and
  /// NaN included.
  static func halfToFloat(_ bits: UInt16) -> Float {
    let sign: Float = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Float(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
    }
  }
}
