/// A small dense block of activation rows (row-major `Float`), with one
/// class index per row: what the separability measures work on.
public struct DenseRows: Sendable {
  /// `count × width` values, row after row.
  public var values: [Float]
  /// The class of each row, in `0 ..< classCount`.
  public var classes: [Int]
  /// The number of columns.
  public let width: Int
  /// The number of distinct classes the indices range over.
  public let classCount: Int

  /// Rows of `width` values with their classes; `values.count` must be
  /// `classes.count × width`.
  public init(values: [Float], classes: [Int], width: Int, classCount: Int) {
    precondition(values.count == classes.count * width, "one class per row")
    precondition(classes.allSatisfy { $0 >= 0 && $0 < classCount }, "class outside 0..<\(classCount)")
    self.values = values
    self.classes = classes
    self.width = width
    self.classCount = classCount
  }

  /// The number of rows.
  public var count: Int { classes.count }

  /// The number of rows of each class.
  public var classSizes: [Int] {
    var sizes = [Int](repeating: 0, count: classCount)
    for label in classes { sizes[label] += 1 }
    return sizes
  }
}
