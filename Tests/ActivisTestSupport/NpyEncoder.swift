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
  public static func header(dictionary: String, version: Int = 1, pad: Bool = true) -> [UInt8] {
    let lengthBytes = version == 1 ? 2 : 4
    let prefix = 6 + 2 + lengthBytes
    var text = Array(dictionary.utf8)
    if pad {
      let unpadded = prefix + text.count + 1
      let total = (unpadded + 63) / 64 * 64
      text += [UInt8](repeating: 0x20, count: total - unpadded)
      text.append(0x0A)
    }
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [UInt8(version), 0]
    for i in 0 ..< lengthBytes { bytes.append(UInt8(truncatingIfNeeded: text.count >> (8 * i))) }
    return bytes + text
  }

  /// The little-endian bytes of `values` in `dtype`.
  public static func payload(_ values: [Double], dtype: ScalarType) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(values.count * dtype.byteWidth)
    for value in values {
      switch dtype {
      case .float16: appendLittleEndian(UInt64(float16Bits(value)), width: 2, to: &bytes)
      case .float32: appendLittleEndian(UInt64(Float(value).bitPattern), width: 4, to: &bytes)
      case .float64: appendLittleEndian(value.bitPattern, width: 8, to: &bytes)
      }
    }
    return bytes
  }

  /// A whole `.npy` file: header and data, C order unless `fortranOrder`
  /// (the flag only changes the header; the values are written as given).
  public static func file(
    values: [Double], shape: [Int], dtype: ScalarType = .float32, version: Int = 1,
    fortranOrder: Bool = false
  ) -> [UInt8] {
    let dict = dictionary(descr: dtype.rawValue, fortranOrder: fortranOrder, shape: shape)
    return header(dictionary: dict, version: version) + payload(values, dtype: dtype)
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

  private static func appendLittleEndian(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
    for i in 0 ..< width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(i)))) }
  }
}
