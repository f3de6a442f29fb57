/// Splits the neurons of a matrix into bands that fit a width, drawn one
/// under the other, up to a limit.
struct MatrixBands: Equatable, Sendable {
  /// The neuron indices of each band shown, in display order.
  let bands: [[Int]]
  /// The neurons not shown (after the last band).
  let hidden: [Int]

  /// - Parameters:
  ///   - columns: the neurons in display order.
  ///   - perBand: how many neurons fit one band (at least 1).
  ///   - maximumBands: how many bands to draw at most (at least 1).
  init(columns: [Int], perBand: Int, maximumBands: Int) {
    let perBand = Swift.max(1, perBand)
    var bands: [[Int]] = []
    var start = 0
    while start < columns.count && bands.count < Swift.max(1, maximumBands) {
      let end = Swift.min(columns.count, start + perBand)
      bands.append(Array(columns[start ..< end]))
      start = end
    }
    self.bands = bands
    hidden = Array(columns[start...])
  }

  /// All the neurons shown.
  var shown: [Int] { bands.flatMap { $0 } }
}
