import Glibc

/// The rows of `instances.csv`, stored by column.
///
/// Row `i` is instance `i`: it corresponds to row `i` of every layer's matrix.
public struct InstanceTable: Sendable {
  /// Number of instances.
  public let count: Int
  /// The `id` column: unique, non-negative.
  public let ids: [Int64]
  /// The `text` column, if present.
  public let text: TextColumn?
  /// The `label` column as indices into the bundle's classes; `-1` where empty.
  public let labels: [Int32]?
  /// The `predicted` column as indices into the bundle's classes; `-1` where empty.
  public let predicted: [Int32]?
  /// The `score:<class>` columns, in file order.
  public let scores: [ScoreColumn]
  /// Every other column, in file order.
  public let attributes: [Attribute]

  /// Id → row, only when the ids are not increasing (otherwise a binary
  /// search over `ids` finds the row without the memory of a dictionary).
  private let rowByID: [Int64: Int]?

  /// A table from its columns; every column has `ids.count` rows.
  public init(
    ids: [Int64], text: TextColumn?, labels: [Int32]?, predicted: [Int32]?,
    scores: [ScoreColumn], attributes: [Attribute]
  ) {
    self.count = ids.count
    self.ids = ids
    self.text = text
    self.labels = labels
    self.predicted = predicted
    self.scores = scores
    self.attributes = attributes
    var increasing = true
    for i in ids.indices.dropFirst() where ids[i] <= ids[i - 1] {
      increasing = false
      break
    }
    if increasing {
      self.rowByID = nil
    } else {
      var rowByID = [Int64: Int](minimumCapacity: ids.count)
      for (row, id) in ids.enumerated() { rowByID[id] = row }
      self.rowByID = rowByID
    }
  }

  /// The row of the instance with this id, if there is one.
  public func row(ofID id: Int64) -> Int? {
    if let rowByID { return rowByID[id] }
    var low = 0
    var high = ids.count
    while low < high {
      let middle = (low + high) / 2
      if ids[middle] < id { low = middle + 1 } else { high = middle }
    }
    return low < ids.count && ids[low] == id ? low : nil
  }

  /// The score column for a class name, if the CSV has one.
  public func scoreColumn(forClass name: String) -> ScoreColumn? {
    scores.first { $0.className == name }
  }

  /// The attribute column with this name, if there is one.
  public func attribute(named name: String) -> Attribute? {
    attributes.first { $0.name == name }
  }
}

/// Texts stored as one UTF-8 buffer (always valid UTF-8: invalid bytes were
/// replaced by U+FFFD on reading) and offsets into it.
public struct TextColumn: Sendable {
  /// All texts, one after another.
  public let utf8: [UInt8]
  /// `count + 1` offsets: text `i` is `utf8[offsets[i] ..< offsets[i + 1]]`.
  public let offsets: [Int]

  /// Texts from one buffer and `count + 1` offsets into it.
  public init(utf8: [UInt8], offsets: [Int]) {
    precondition(!offsets.isEmpty && offsets.first == 0 && offsets.last == utf8.count,
                 "text offsets must start at 0 and end at the buffer's size")
    self.utf8 = utf8
    self.offsets = offsets
  }

  /// The number of texts.
  public var count: Int { offsets.count - 1 }

  /// Whether text `index`'s bytes begin with `prefix`.
  public func starts(_ index: Int, with prefix: [UInt8]) -> Bool {
    let start = offsets[index]
    guard offsets[index + 1] - start >= prefix.count else { return false }
    return utf8.withUnsafeBufferPointer { bytes in
      prefix.withUnsafeBufferPointer { wanted in
        guard let text = bytes.baseAddress, let wanted = wanted.baseAddress else { return true }
        return memcmp(text + start, wanted, prefix.count) == 0
      }
    }
  }

  /// Text `i` as a `String`.
  public func string(at i: Int) -> String {
    String(decoding: utf8[offsets[i] ..< offsets[i + 1]], as: UTF8.self)
  }

  /// Text `i`'s bytes, without copying.
  public func bytes(at i: Int) -> ArraySlice<UInt8> { utf8[offsets[i] ..< offsets[i + 1]] }
}

/// A `score:<class>` column.
public struct ScoreColumn: Sendable {
  /// The class name after `score:`.
  public let className: String
  /// One score per instance; NaN where empty.
  public let values: [Float]
  /// A score column for `className`.
  public init(className: String, values: [Float]) {
    self.className = className
    self.values = values
  }
}

/// A data attribute or feature column.
public struct Attribute: Sendable {
  /// An attribute's values, typed by what the column holds.
  public enum Values: Sendable {
    /// Every non-empty value parsed as a number; NaN where empty.
    case numeric([Double])
    /// Dictionary-coded strings: `codes[i]` indexes `categories`, `-1` where empty.
    case categorical(codes: [Int32], categories: [String])
  }
  /// The column name from the CSV header.
  public let name: String
  /// One value per instance.
  public let values: Values
  /// An attribute column.
  public init(name: String, values: Values) {
    self.name = name
    self.values = values
  }
}
