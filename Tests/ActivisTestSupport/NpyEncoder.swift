import ActivisCore

/// Encodes `.npy` files byte by byte, independently of the reader in
/// `ActivisCore`, so that tests can check the reader against it.
///
/// The header follows the NumPy format specification: the magic string
/// `\x93NUMPY`, the version bytes, a little-endian header length (2 bytes for
/// version 1.0, 4 bytes for 2.0 and 3.0), then a Python dict literal padded
/// with spaces and ended by `\n` so that the data starts at a multiple of 64.
public enum NpyEncoder {
  /// The dict literal numpy writes, e.g.
  /// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
  public static func dictionary(descr: String, fortranOrder: Bool, shape: [Int]) -> String {
    let dims = shape.count == 1 ? "(\(shape[0]),)"
      : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    let order = fortranOrder ? "True" : "False"
    return "{'descr': '\(descr)', 'fortran_order': \(order), 'shape': \(dims), }"
  }

  /// Magic, version, length and the padded header text for `dictionary`.
  ///
  /// - Parameter version: 1, 2 or 3 (written as major version, minor 0).
  /// - Parameter pad: when false, the dict is written as given, without the
  ///   spaces and the final newline (to make malformed files).
  /// - Parameter misalignment: extra spaces after numpy's padding, so that
  ///   the data starts this many bytes after a multiple of 64 (as writers
  ///   other than numpy may leave it).
  public static func header(
    dictionary: String, version: Int = 1, pad: Bool = true, misalignment: Int = 0
  ) -> [UInt8] {
    let lengthBytes = version == 1 ? 2 : 4
    let prefix = 6 + 2 + lengthBytes
    var text = Array(dictionary.utf8)
    if pad {
      let unpadded = prefix + text.count + 1
      let total = (unpadded + 63) / 64 * 64 + misalignment
      text += [UInt8](repeating: 0x20, count: total - unpadded)
      text.append(0x0A)
    }
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [UInt8(version), 0]
    for i in 0 ..< lengthBytes { bytes.append(UInt8(truncatingIfNeeded: text.count >> (8 * i))) }
    return bytes + text
  }

  /// The bytes of `values` in `dtype` (its width and byte order): floats
  /// rounded to nearest, integers truncated towards zero and wrapped to the
  /// width, booleans 1 for any non-zero value.
  public static func payload(_ values: [Double], dtype: ScalarType) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * dtype.byteWidth)
    for value in values {
      let bits: UInt64 = switch (dtype.kind, dtype.byteWidth) {
      case (.float, 2): UInt64(float16Bits(value))
      case (.float, 4): UInt64(Float(value).bitPattern)
      case (.float, 8): value.bitPattern
      case (.signedInteger, _): UInt64(bitPattern: Int64(value))
      case (.unsignedInteger, _): UInt64(value)
      case (.boolean, _): value != 0 ? 1 : 0
      default: preconditionFailure("no encoding for \(dtype)")
      }
      let order = (0 ..< dtype.byteWidth).map { UInt64($0) }
      for i in dtype.isBigEndian ? order.reversed() : order {
        bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * i)))
      }
    }
    return bytes
  }

  /// `values`, given in C order (last axis fastest) for `shape`, rearranged
  /// in Fortran order (first axis fastest).
  public static func fortranOrdered(_ values: [Double], shape: [Int]) -> [Double] {
    let weights = shape.indices.map { shape[..<$0].reduce(1, *) }
    var result = values
    for (cIndex, value) in values.enumerated() {
      var remainder = cIndex
      var fortranIndex = 0
      for axis in shape.indices.reversed() {
        fortranIndex += remainder % shape[axis] * weights[axis]
        remainder /= shape[axis]
      }
      result[fortranIndex] = value
    }
    return result
  }

  /// A whole `.npy` file: header and data. `values` are in C order; with
  /// `fortranOrder` the file says so and holds them in Fortran order.
  public static func file(
    values: [Double], shape: [Int], dtype: ScalarType = .float32, version: Int = 1,
    fortranOrder: Bool = false, misalignment: Int = 0
  ) -> [UInt8] {
    let dict = dictionary(descr: dtype.descr, fortranOrder: fortranOrder, shape: shape)
    let stored = fortranOrder ? fortranOrdered(values, shape: shape) : values
    return header(dictionary: dict, version: version, misalignment: misalignment) + payload(stored, dtype: dtype)
  }

  /// IEEE 754 binary16 bits of `value`, rounded to nearest, ties to even;
  /// overflow gives infinity, NaN gives the quiet NaN `0x7E00`.
  public static func float16Bits(_ value: Double) -> UInt16 {
    let sign: UInt16 = value.sign == .minus ? 0x8000 : 0
    let magnitude = value.magnitude
    if magnitude.isNaN { return 0x7E00 }
    if magnitude.isInfinite { return sign | 0x7C00 }
    if magnitude < 0x1p-14 {
      // Subnormal: units of 2^-24; a round-up to 1024 is the smallest normal.
      let units = (magnitude * 0x1p24).rounded(.toNearestOrEven)
      return sign | UInt16(units)
    }
    let exponent = Int(magnitude.exponent)
    if exponent > 15 { return sign | 0x7C00 }
    let scaled = (magnitude * Double(sign: .plus, exponent: 10 - exponent, significand: 1))
      .rounded(.toNearestOrEven)
    let bits = (exponent + 15) << 10 + Int(scaled) - 1024
    return bits >= 0x7C00 ? sign | 0x7C00 : sign | UInt16(bits)
  }
}
