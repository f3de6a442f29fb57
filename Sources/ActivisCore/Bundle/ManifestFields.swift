/// Typed access to the fields of a JSON object, with messages that name the
/// field (`layers[2].name`) and the file. A field whose value is `null` is
/// taken as absent.
struct ManifestFields {
  let value: JSONValue
  /// The path of `value` in the document, e.g. `layers[2]`; empty at the top.
  let path: String
  let file: String
  let code: BundleError.Code

  func fieldPath(_ key: String) -> String { path.isEmpty ? "'\(key)'" : "'\(path).\(key)'" }

  func fail(_ message: String) -> BundleError { BundleError(code, file: file, message) }

  /// The value of `key`, nil when missing or `null`.
  func member(_ key: String) -> JSONValue? {
    guard let member = value[key], member != .null else { return nil }
    return member
  }

  func string(_ key: String) throws -> String? {
    guard let member = member(key) else { return nil }
    guard case .string(let text) = member else {
      throw fail("\(fieldPath(key)) must be a string, not \(member.kindDescription)")
    }
    return text
  }

  func requiredString(_ key: String) throws -> String {
    guard let text = try string(key) else { throw fail("\(fieldPath(key)) is missing") }
    return text
  }

  /// A required non-negative integer (a count).
  func requiredCount(_ key: String) throws -> Int {
    guard let member = member(key) else { throw fail("\(fieldPath(key)) is missing") }
    guard case .number(let number) = member, number >= 0, number < 9e15, number.rounded(.down) == number else {
      throw fail("\(fieldPath(key)) must be a count (a non-negative integer), not \(member.kindDescription)")
    }
    return Int(number)
  }

  func strings(_ key: String) throws -> [String]? {
    guard let member = member(key) else { return nil }
    guard case .array(let elements) = member else {
      throw fail("\(fieldPath(key)) must be an array of strings, not \(member.kindDescription)")
    }
    return try elements.enumerated().map { index, element in
      guard case .string(let text) = element else {
        throw fail("\(fieldPath(key))[\(index)] must be a string, not \(element.kindDescription)")
      }
      return text
    }
  }

  func array(_ key: String) throws -> [JSONValue]? {
    guard let member = member(key) else { return nil }
    guard case .array(let elements) = member else {
      throw fail("\(fieldPath(key)) must be an array, not \(member.kindDescription)")
    }
    return elements
  }

  /// The fields of element `index` of array `key`, which must be an object.
  func element(_ element: JSONValue, of key: String, at index: Int) throws -> ManifestFields {
    let elementPath = (path.isEmpty ? "" : path + ".") + "\(key)[\(index)]"
    guard case .object = element else {
      throw fail("'\(elementPath)' must be an object, not \(element.kindDescription)")
    }
    return ManifestFields(value: element, path: elementPath, file: file, code: code)
  }
}
