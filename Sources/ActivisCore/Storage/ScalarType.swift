/// The element type of an activation file (`.npy` dtype).
public enum ScalarType: String, Sendable, CaseIterable {
  case float16 = "<f2"
  case float32 = "<f4"
  case float64 = "<f8"

  /// Bytes per element.
  public var byteWidth: Int {
    switch self {
    case .float16: 2
    case .float32: 4
    case .float64: 8
    }
  }

  /// The dtype as numpy spells it (`float16`, `float32`, `float64`).
  public var numpyName: String {
    switch self {
    case .float16: "float16"
    case .float32: "float32"
    case .float64: "float64"
    }
  }
}
