/// The element type of an activation file (a `.npy` dtype): a float, signed
/// or unsigned integer or boolean of a given width, in a given byte order.
///
/// Every element is read as a `Float` (see `ScalarType+Conversion`).
public struct ScalarType: Hashable, Sendable, CustomStringConvertible {
  /// What the bytes of an element mean.
  public enum Kind: Character, Sendable, CaseIterable {
    /// IEEE 754 binary16, binary32 or binary64.
    case float = "f"
    /// Two's complement integer.
    case signedInteger = "i"
    /// Unsigned integer.
    case unsignedInteger = "u"
    /// One byte, 0 for false, anything else for true (read as 1).
    case boolean = "b"

    /// The widths numpy writes for this kind.
    public var byteWidths: [Int] {
      switch self {
      case .float: [2, 4, 8]
      case .signedInteger, .unsignedInteger: [1, 2, 4, 8]
      case .boolean: [1]
      }
    }
  }

  /// What the bytes mean.
  public let kind: Kind
  /// Bytes per element.
  public let byteWidth: Int
  /// Whether multi-byte elements are stored most significant byte first.
  public let isBigEndian: Bool

  /// A type of one of `kind.byteWidths`; single-byte types are never big-endian.
  public init(_ kind: Kind, byteWidth: Int, bigEndian: Bool = false) {
    precondition(kind.byteWidths.contains(byteWidth), "no \(kind) of \(byteWidth) bytes")
    self.kind = kind
    self.byteWidth = byteWidth
    self.isBigEndian = bigEndian && byteWidth > 1
  }

  public static let float16 = ScalarType(.float, byteWidth: 2)
  public static let float32 = ScalarType(.float, byteWidth: 4)
  public static let float64 = ScalarType(.float, byteWidth: 8)

  /// Every type the reader accepts, in both byte orders where that matters.
  public static let allCases: [ScalarType] = [false, true].flatMap { bigEndian in
    Kind.allCases.flatMap { kind in
      kind.byteWidths.compactMap { width in
        bigEndian && width == 1 ? nil : ScalarType(kind, byteWidth: width, bigEndian: bigEndian)
      }
    }
  }

  /// The dtype as numpy writes it in a header: `<f4`, `>i2`, `|u1`, `|b1`.
  public var descr: String {
    let order = byteWidth == 1 ? "|" : isBigEndian ? ">" : "<"
    return order + String(kind.rawValue) + String(byteWidth)
  }

  /// The dtype as numpy names it (`float32`, `int8`, `uint64`, `bool`), with
  /// `big-endian` after it for big-endian data.
  public var numpyName: String {
    let name = switch kind {
    case .float: "float\(8 * byteWidth)"
    case .signedInteger: "int\(8 * byteWidth)"
    case .unsignedInteger: "uint\(8 * byteWidth)"
    case .boolean: "bool"
    }
    return isBigEndian ? name + " big-endian" : name
  }

  public var description: String { descr }

  /// Whether elements are little-endian `Float`s, which a kernel may read in place.
  public var isNativeFloat32: Bool { self == .float32 }
}
