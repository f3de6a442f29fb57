/// The roles of the columns of `instances.csv`, from its header row.
struct InstanceColumns {
  /// What one column holds.
  enum Role: Equatable {
    case id
    case text
    case label
    case predicted
    /// `score:<class>`: index into `scoreClasses`.
    case score(Int)
    /// Any other column: index into `attributeNames`.
    case attribute(Int)
  }

  var roles: [Role] = []
  var scoreClasses: [String] = []
  var attributeNames: [String] = []
  var hasText = false
  var hasLabel = false
  var hasPredicted = false

  /// Assigns roles to the header's names.
  ///
  /// - Parameter fail: builds the error for a fault at a header field.
  init(header names: [String], offsets: [Int],
       fail: (_ offset: Int, _ code: BundleError.Code, _ message: String) -> BundleError) throws {
    var seen = Set<String>()
    for (index, name) in names.enumerated() {
      guard !name.isEmpty else {
        throw fail(offsets[index], .malformedCSV, "column \(index + 1) of the header has no name"
                   + (index == 0 ? " (an index written by pandas' to_csv without index=False?)" : ""))
      }
      guard seen.insert(name).inserted else {
        throw fail(offsets[index], .malformedCSV, "duplicate column '\(name)' in the header")
      }
      switch name {
      case "id": roles.append(.id)
      case "text": roles.append(.text); hasText = true
      case "label": roles.append(.label); hasLabel = true
      case "predicted": roles.append(.predicted); hasPredicted = true
      default:
        if name.hasPrefix("score:") {
          let className = String(name.dropFirst(6))
          guard !className.isEmpty else {
            throw fail(offsets[index], .malformedCSV, "column 'score:' names no class")
          }
          roles.append(.score(scoreClasses.count))
          scoreClasses.append(className)
        } else {
          roles.append(.attribute(attributeNames.count))
          attributeNames.append(name)
        }
      }
    }
    guard roles.contains(.id) else {
      let listed = names.map { "'\($0)'" }.joined(separator: ", ")
      throw fail(0, .invalidInstances, "no 'id' column (the header has \(listed))")
    }
  }
}
