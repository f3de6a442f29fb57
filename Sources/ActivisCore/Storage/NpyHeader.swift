/// The header of a NumPy `.npy` file, parsed strictly.
///
/// Layout: the magic `\x93NUMPY`, a major and a minor version byte (1.0, 2.0
/// or 3.0), the header length (2 bytes little-endian for 1.0, 4 bytes for
/// 2.0 and 3.0), then a Python dict literal with exactly the keys `descr`,
/// `fortran_order` and `shape`, padded with spaces and ended by a newline.
/// The data follows immediately.
public struct NpyHeader: Equatable, Sendable {
  /// The format's major version: 1, 2 or 3.
  public let majorVersion: Int
  /// The element type.
  public let scalarType: ScalarType
  /// Whether the data is in Fortran (column-major) order: the first axis
  /// varies fastest, so each neuron's values are contiguous.
  public let fortranOrder: Bool
  /// The full shape; the first axis is instances.
  public let shape: [Int]
  /// Where the data starts, in bytes from the start of the file.
  public let dataOffset: Int
  /// The number of data bytes (product of `shape` × element width).
  public let dataByteCount: Int

  /// Parses the header of `bytes` (the whole file) and checks that the data
  /// the header announces is all there.
  ///
  /// - Parameter file: the name shown in errors.
  /// - Throws: `BundleError` `.malformedNpy`, `.unsupportedDtype` (a dtype
  ///   that is not a number: complex, object, string, void, datetime) or
  ///   `.truncatedNpy`.
  public static func parse(_ bytes: UnsafeRawBufferPointer, file: String) throws -> NpyHeader {
    func fail(_ code: BundleError.Code, _ message: String) -> BundleError {
      BundleError(code, file: file, message)
    }
    func fail(_ message: String) -> BundleError { fail(.malformedNpy, message) }
    let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
    guard bytes.count >= 6, zip(bytes.prefix(6), magic).allSatisfy({ $0 == $1 }) else {
      throw fail("not a .npy file (it does not start with the NumPy magic '\\x93NUMPY')")
    }
    guard bytes.count >= 8 else { throw fail(.truncatedNpy, "truncated header (file has \(bytes.count) bytes)") }
    let major = Int(bytes[6])
    let minor = Int(bytes[7])
    guard (1 ... 3).contains(major), minor == 0 else {
      throw fail("unsupported .npy format version \(major).\(minor) (expected 1.0, 2.0 or 3.0)")
    }
    let lengthWidth = major == 1 ? 2 : 4
    guard bytes.count >= 8 + lengthWidth else {
      throw fail(.truncatedNpy, "truncated header (file has \(bytes.count) bytes)")
    }
    var headerLength = 0
    for i in 0 ..< lengthWidth { headerLength |= Int(bytes[8 + i]) << (8 * i) }
    let textStart = 8 + lengthWidth
    guard bytes.count - textStart >= headerLength else {
      throw fail(.truncatedNpy, "truncated header: it should be \(headerLength) bytes long, "
                 + "the file has \(bytes.count - textStart) after the length field")
    }
    let text = UnsafeRawBufferPointer(rebasing: bytes[textStart ..< textStart + headerLength])
    var parser = NpyDictionaryParser(text: text, file: file, byteOffset: textStart)
    let dictionary = try parser.parseDictionary()
    let scalarType = try ScalarType(numpyDescr: dictionary.descr, file: file)
    let shape = dictionary.shape
    guard !shape.isEmpty else {
      throw fail("shape () has no instance axis (expected (N, D) or (N, d1, d2, …))")
    }
    var elements = 1
    for dimension in shape {
      let (product, overflow) = elements.multipliedReportingOverflow(by: dimension)
      guard !overflow else { throw fail("shape \(Self.describe(shape)) is too large") }
      elements = product
    }
    let (dataBytes, overflow) = elements.multipliedReportingOverflow(by: scalarType.byteWidth)
    guard !overflow else { throw fail("shape \(Self.describe(shape)) is too large") }
    let dataOffset = textStart + headerLength
    let available = bytes.count - dataOffset
    if available < dataBytes {
      throw fail(.truncatedNpy, "truncated data: shape \(Self.describe(shape)) of '\(scalarType.descr)' "
                 + "needs \(dataBytes) bytes after the header, the file has \(available)")
    }
    if available > dataBytes {
      throw fail("\(available - dataBytes) unexpected bytes after the data of shape "
                 + "\(Self.describe(shape)) of '\(scalarType.descr)'")
    }
    return NpyHeader(majorVersion: major, scalarType: scalarType, fortranOrder: dictionary.fortranOrder,
                     shape: shape, dataOffset: dataOffset, dataByteCount: dataBytes)
  }

  /// A shape as Python prints a tuple: `(3,)`, `(3, 4)`.
  public static func describe(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
  }
}
