import CGramKernel
import Dispatch
import Foundation

/// How far a subset's mean activation pattern is from the rest of a
/// population, in a way that does not favour small subsets:
///
///   dⱼ = (mean of S − mean of R) / pooled sd,   the pooled variance being
///        (Σ_S (x − mean_S)² + Σ_R (x − mean_R)²) / (m + r − 2)   (Cohen's d),
///   divergence = √ max(0, (1/D) Σⱼ dⱼ² − (1/m + 1/r)),
///
/// computed on activations centred on their group's (class's) mean, with S
/// the subset (m rows), R the rest of the population (r rows), D the
/// neurons (a neuron with no spread has dⱼ = 0). 1/m + 1/r is what the
/// mean of dⱼ² is expected to be for a random subset of that size, so the
/// divergence is the root mean square effect beyond chance: 0 for a subset
/// no different from a random one, whatever its size.
public struct SubsetDivergence: Sendable {
  /// The population's rows, as given.
  private let rows: PopulationRows
  /// Each row's group, and each group's mean (groups × width, as `Float`):
  /// a row's centred value is `x − mean`, in `Float`.
  private let group: [Int]
  private let means: [Float]
  /// Per neuron, Σ and Σ² of the centred values over the whole population.
  private let sums: [Double]
  private let squares: [Double]
  /// The number of population rows.
  public let count: Int
  public let width: Int

  /// The population: `rows × width` finite values, row after row, each
  /// row in a group (`groups[row]`, e.g. its class; all in one when nil).
  /// Each row is first centred on its group's mean, so that a subset is
  /// compared with the rest of its own group and is not set apart merely by
  /// being of one group more than another.
  public init(values: [Float], rows rowCount: Int, width: Int, groups: [Int]? = nil) {
    precondition(values.count == rowCount * width, "rows × width values")
    self.init(PopulationRows(values: values, width: width), count: rowCount, width: width, groups: groups)
  }

  /// The population of `rows` of `matrix` (ascending) whose values are all
  /// finite, each in group `group(row)`; and those rows. A layer that is
  /// native float32 in C order and keeps its pages is read where it lies;
  /// others are copied.
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func population(rows: [Int], of matrix: LayerMatrix, groups group: ((Int) -> Int)? = nil) throws
    -> (divergence: SubsetDivergence, kept: [Int])
  {
    let width = matrix.columnCount
    if matrix.readsRowsInPlace && matrix.keepsPages, width > 0 {
      let pointers = rows.map { matrix.floatRow($0) }
      // Sums over the rows are finite exactly when every value is (a Float sum cannot overflow a Double):
      // first as if every row were, then without the rows that are not.
      let all = SubsetDivergence(PopulationRows(pointers: pointers, matrix: matrix), count: rows.count, width: width,
                                 groups: group.map { rows.map($0) })
      if all.sums.allSatisfy(\.isFinite) && all.squares.allSatisfy(\.isFinite) { return (all, rows) }
      let kept = rows.indices.filter { LayerMatrix.allFinite(pointers[$0], count: width) }
      let population = PopulationRows(pointers: kept.map { pointers[$0] }, matrix: matrix)
      let keptRows = kept.map { rows[$0] }
      return (SubsetDivergence(population, count: kept.count, width: width, groups: group.map { keptRows.map($0) }),
              keptRows)
    }
    let (values, positions) = try matrix.finiteRows(rows)
    let keptRows = positions.map { rows[$0] }
    return (SubsetDivergence(values: values, rows: keptRows.count, width: width, groups: group.map { keptRows.map($0) }),
            keptRows)
  }

  private init(_ rows: PopulationRows, count rowCount: Int, width: Int, groups: [Int]?) {
    let group = groups ?? [Int](repeating: 0, count: rowCount)
    precondition(group.count == rowCount, "one group per row")
    let groupCount = (group.max() ?? 0) + 1
    var totals = [Double](repeating: 0, count: groupCount * width)
    var sizes = [Double](repeating: 0, count: groupCount)
    // Σ x per group: x − 0 is x, and the squares go to scratch.
    let zeros = [Float](repeating: 0, count: width)
    var scratch = [Double](repeating: 0, count: width)
    rows.withRows { row in
      totals.withUnsafeMutableBufferPointer { totals in
        for index in 0 ..< rowCount {
          sizes[group[index]] += 1
          activis_add_centred(row(index), zeros, index + 1 < rowCount ? row(index + 1) : nil,
                              totals.baseAddress! + group[index] * width, &scratch, width)
        }
      }
    }
    var means = [Float](repeating: 0, count: groupCount * width)
    for g in 0 ..< groupCount where sizes[g] > 0 {
      for j in g * width ..< (g + 1) * width { means[j] = Float(totals[j] / sizes[g]) }
    }
    self.rows = rows
    self.group = group
    self.means = means
    self.width = width
    count = rowCount
    (sums, squares) = Self.moments(of: 0 ..< rowCount, in: rows, group: group, means: means, width: width)
  }

  /// The divergence of the population rows `rows` from the others; nil when
  /// either side has fewer than 2 rows.
  public func divergence(of rows: [Int]) -> Double? {
    let (inSums, inSquares) = Self.moments(of: rows, in: self.rows, group: group, means: means, width: width)
    return divergence(size: rows.count, sums: inSums[...], squares: inSquares[...])
  }

  /// The divergence of a subset of `m` rows whose centred values have these
  /// sums and sums of squares per neuron.
  private func divergence(size m: Int, sums inSums: ArraySlice<Double>, squares inSquares: ArraySlice<Double>)
    -> Double?
  {
    let r = count - m
    guard m >= 2, r >= 2, width > 0 else { return nil }
    var total = 0.0
    for j in 0 ..< width {
      let inSum = inSums[inSums.startIndex + j], inSquare = inSquares[inSquares.startIndex + j]
      let meanIn = inSum / Double(m)
      let meanOut = (sums[j] - inSum) / Double(r)
      let within = (inSquare - Double(m) * meanIn * meanIn)
        + (squares[j] - inSquare - Double(r) * meanOut * meanOut)
      let variance = within / Double(m + r - 2)
      guard variance > 1e-24 else { continue }
      let difference = meanIn - meanOut
      total += difference * difference / variance
    }
    let excess = total / Double(width) - (1 / Double(m) + 1 / Double(r))
    return Swift.max(0, excess).squareRoot()
  }

  /// `divergence(of:)` of each of many subsets (population rows, ascending),
  /// on all cores. The subsets are shared out between the cores by size,
  /// and each core reads every population row once, adding it to each of
  /// its subsets that holds it: a row is fetched from memory once per core,
  /// however many subsets it is in. Each subset's sums take its rows in the
  /// same order as `divergence(of:)`, so the numbers are the same.
  public func divergences(of subsets: [[Int]],
                          threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> [Double?] {
    let results = ThreadSlots<Double?>(count: subsets.count, initial: nil)
    let shares = Self.shares(of: subsets.map(\.count), parts: Swift.max(1, Swift.min(threads, subsets.count)))
    DispatchQueue.concurrentPerform(iterations: shares.count) { part in
      let mine = shares[part]
      let holders = RowHolders(rows: count, subsets: mine.map { subsets[$0] })
      var inSums = [Double](repeating: 0, count: mine.count * width)
      var inSquares = [Double](repeating: 0, count: mine.count * width)
      rows.withRows { row in
        means.withUnsafeBufferPointer { means in
          inSums.withUnsafeMutableBufferPointer { s in
            inSquares.withUnsafeMutableBufferPointer { q in
              guard let s = s.baseAddress, let q = q.baseAddress, let meanBase = means.baseAddress else { return }
              for index in 0 ..< count {
                var following = index + 1 < count ? row(index + 1) : nil
                holders.forEach(index) { local in
                  activis_add_centred(row(index), meanBase + group[index] * width, following,
                                      s + local * width, q + local * width, width)
                  following = nil
                }
              }
            }
          }
        }
      }
      for (local, subset) in mine.enumerated() {
        let span = local * width ..< (local + 1) * width
        results[subset] = divergence(size: subsets[subset].count, sums: inSums[span], squares: inSquares[span])
      }
    }
    return results.values
  }

  /// The subsets split into `parts` groups of about equal total size:
  /// largest first, each to the group with least so far.
  private static func shares(of sizes: [Int], parts: Int) -> [[Int]] {
    var shares = [[Int]](repeating: [], count: parts)
    var loads = [Int](repeating: 0, count: parts)
    for subset in sizes.indices.sorted(by: { sizes[$0] > sizes[$1] }) {
      let part = loads.indices.min { loads[$0] < loads[$1] }!
      shares[part].append(subset)
      loads[part] += sizes[subset]
    }
    return shares.map { $0.sorted() }
  }

  /// Per column, Σ c and Σ c² over `indices` of the centred values
  /// c = x − (the row's group mean), each in `Float` as the row's value.
  private static func moments(of indices: some Sequence<Int>, in rows: PopulationRows, group: [Int], means: [Float],
                              width: Int) -> ([Double], [Double]) {
    var sums = [Double](repeating: 0, count: width)
    var squares = [Double](repeating: 0, count: width)
    rows.withRows { row in
      means.withUnsafeBufferPointer { means in
        sums.withUnsafeMutableBufferPointer { sums in
          squares.withUnsafeMutableBufferPointer { squares in
            guard let s = sums.baseAddress, let q = squares.baseAddress, let meanBase = means.baseAddress else {
              return
            }
            // Each row added while the next one is fetched (rows of a layer lie far apart).
            var iterator = indices.makeIterator()
            var current = iterator.next()
            while let index = current {
              let following = iterator.next()
              activis_add_centred(row(index), meanBase + group[index] * width, following.map(row), s, q, width)
              current = following
            }
          }
        }
      }
    }
    return (sums, squares)
  }
}

/// For each population row, the subsets (by position) that hold it.
private struct RowHolders {
  private let starts: [Int]
  private let holders: [Int]

  init(rows: Int, subsets: [[Int]]) {
    var starts = [Int](repeating: 0, count: rows + 1)
    for subset in subsets { for row in subset { starts[row + 1] += 1 } }
    for row in 0 ..< rows { starts[row + 1] += starts[row] }
    var next = starts
    var holders = [Int](repeating: 0, count: starts[rows])
    for (position, subset) in subsets.enumerated() {
      for row in subset {
        holders[next[row]] = position
        next[row] += 1
      }
    }
    self.starts = starts
    self.holders = holders
  }

  /// Calls `body` with each subset holding row `row`, in order.
  @inline(__always)
  func forEach(_ row: Int, _ body: (Int) -> Void) {
    for position in starts[row] ..< starts[row + 1] { body(holders[position]) }
  }
}

/// The rows of a divergence's population: values of its own, or rows of a
/// layer read where they lie (the layer kept alive with them).
private final class PopulationRows: @unchecked Sendable {
  private let values: [Float]
  private let width: Int
  private let pointers: [UnsafePointer<Float>]
  private let matrix: LayerMatrix?

  init(values: [Float], width: Int) {
    self.values = values
    self.width = width
    pointers = []
    matrix = nil
  }

  init(pointers: [UnsafePointer<Float>], matrix: LayerMatrix) {
    values = []
    width = 0
    self.pointers = pointers
    self.matrix = matrix
  }

  /// Calls `body` with a function from a row's index to its values.
  func withRows<Result>(_ body: ((Int) -> UnsafePointer<Float>) -> Result) -> Result {
    if matrix != nil { return body { self.pointers[$0] } }
    return values.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress ?? UnsafePointer(bitPattern: MemoryLayout<Float>.alignment)!
      let width = self.width
      return body { base + $0 * width }
    }
  }
}
