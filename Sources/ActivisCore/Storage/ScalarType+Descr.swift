extension ScalarType {
  /// What every refusal of a dtype ends with.
  static let acceptedTypes = "activis reads float, integer and bool arrays"

  /// The type of a `.npy` header's `descr` string: a byte order (`<`, `>`,
  /// `|` or `=`; the last two mean this machine's order, little-endian), a
  /// kind character and a width in bytes, as in `<f4`, `>i8`, `|u1`, `|b1`.
  ///
  /// - Parameter file: the name shown in errors.
  /// - Throws: `BundleError` `.unsupportedDtype` naming the dtype and what it
  ///   holds, for complex, object, string, void, datetime and any other type
  ///   that is not a number.
  public init(numpyDescr descr: String, file: String) throws {
    let characters = Array(descr)
    let order = characters.first
    let hasOrder = order.map { "<>|=".contains($0) } ?? false
    let body = hasOrder ? characters.dropFirst() : characters[...]
    let width = Int(String(body.dropFirst()))
    if let code = body.first, let kind = Kind(rawValue: code), let width, kind.byteWidths.contains(width) {
      self.init(kind, byteWidth: width, bigEndian: order == ">")
      return
    }
    throw BundleError(.unsupportedDtype, file: file,
                      "unsupported dtype '\(descr)' (\(Self.contents(code: body.first, width: width))): "
                      + Self.acceptedTypes)
  }

  /// The refusal of a `descr` that is not a string: a structured dtype.
  static func structuredDtypeRefusal(file: String) -> BundleError {
    BundleError(.unsupportedDtype, file: file,
                "unsupported dtype: a structured dtype (a list of fields): " + acceptedTypes)
  }

  /// What a refused dtype holds, in words.
  private static func contents(code: Character?, width: Int?) -> String {
    switch code {
    case "c": "complex numbers"
    case "O": "Python objects"
    case "S", "a": "byte strings"
    case "U": "unicode strings"
    case "V": "raw or structured records"
    case "M": "datetimes"
    case "m": "timedeltas"
    case "f": width.map { "floats of \($0) bytes" } ?? "floats of an unknown width"
    case "i", "u": width.map { "integers of \($0) bytes" } ?? "integers of an unknown width"
    case "b": width.map { "booleans of \($0) bytes" } ?? "booleans of an unknown width"
    default: "not a numpy dtype"
    }
  }
}
