import CGramKernel
import Dispatch
import Foundation

/// Linear centred kernel alignment (CKA, Kornblith et al. 2019) between
/// layers read over the same instances: with X and Y the two activation
/// matrices (one row per instance) and their columns centred,
/// CKA = ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F), between 0 and 1, unchanged by any
/// rotation or scaling of the neurons, so layers of different widths and of
/// independently trained models can be compared.
///
/// One pass over every layer involved, on all cores: rows are read in blocks,
/// shifted by a provisional mean (so the centring subtracts no large numbers)
/// and their Gram matrices XᵀX, YᵀY and YᵀX accumulated in float64. Instances
/// with a NaN or infinite value in any layer involved are left out of every
/// comparison, and counted.
public enum LinearCKA {
  /// The outcome of one comparison.
  public enum Value: Equatable, Sendable {
    /// The CKA, in [0, 1].
    case similarity(Double)
    /// CKA is undefined: a layer is constant over the instances used (the
    /// first, the second or both), or fewer than two instances were used.
    case undefined(firstConstant: Bool, secondConstant: Bool)
  }

  /// The values of the pairs asked for, in their order, and the instances used.
  public struct Outcome: Sendable {
    public let values: [Value]
    /// Instances used in every comparison.
    public let usedRows: Int
    /// Instances left out for a NaN or infinite value in some layer.
    public let nonFiniteRows: Int
  }

  /// Rows per block of the pass.
  static let blockRows = 256

  /// Compares `pairs` (index into `first`, index into `second`) over the row
  /// pairs `firstRows[k]` ↔ `secondRows[k]` (the same instance in each).
  ///
  /// - Throws: `Interrupted` when the user presses Ctrl-C.
  public static func compare(
    _ first: [LayerMatrix], rows firstRows: [Int], with second: [LayerMatrix], rows secondRows: [Int],
    pairs: [(Int, Int)], threads: Int? = nil
  ) throws -> Outcome {
    precondition(firstRows.count == secondRows.count, "one row of each side per instance")
    let layers = first.indices.filter { i in pairs.contains { $0.0 == i } }.map { Side(matrix: first[$0], rows: firstRows) }
      + second.indices.filter { j in pairs.contains { $0.1 == j } }.map { Side(matrix: second[$0], rows: secondRows) }
    let firstSlot = Dictionary(uniqueKeysWithValues: first.indices.filter { i in pairs.contains { $0.0 == i } }
      .enumerated().map { ($1, $0) })
    let secondOffset = firstSlot.count
    let secondSlot = Dictionary(uniqueKeysWithValues: second.indices.filter { j in pairs.contains { $0.1 == j } }
      .enumerated().map { ($1, $0 + secondOffset) })
    let slotPairs = pairs.map { (firstSlot[$0.0]!, secondSlot[$0.1]!) }
    let shifts = layers.map { provisionalMean($0) }
    let n = firstRows.count
    let threadCount = Swift.max(1, Swift.min(threads ?? ProcessInfo.processInfo.activeProcessorCount, n / blockRows))
    let perThread = (n + threadCount - 1) / Swift.max(1, threadCount)
    let partials = ThreadSlots<PartialSums?>(count: threadCount, initial: nil)
    let interrupted = ManagedFlag()
    DispatchQueue.concurrentPerform(iterations: threadCount) { thread in
      let range = (thread * perThread) ..< Swift.min(n, (thread + 1) * perThread)
      var sums = PartialSums(layers: layers, pairs: slotPairs)
      if !range.isEmpty,
         !sums.accumulate(range, layers: layers, shifts: shifts, pairs: slotPairs, interrupted: interrupted) {
        interrupted.set()
      }
      partials[thread] = sums
    }
    if interrupted.isSet { throw Interrupted() }
    let parts = partials.values.compactMap { $0 }
    var total = parts[0]
    for other in parts.dropFirst() { total.add(other) }
    let norms = layers.indices.map { total.centredSelfNorm($0) }
    let values = slotPairs.enumerated().map { index, pair -> Value in
      let (a, b) = pair
      guard total.used >= 2, norms[a] > 0, norms[b] > 0 else {
        return .undefined(firstConstant: !(norms[a] > 0), secondConstant: !(norms[b] > 0))
      }
      let cka = total.centredCrossSquaredNorm(index, a, b) / (norms[a] * norms[b])
      return .similarity(Swift.min(1, Swift.max(0, cka)))
    }
    return Outcome(values: values, usedRows: total.used, nonFiniteRows: n - total.used)
  }

  /// One layer of the comparison and the rows read from it.
  struct Side {
    let matrix: LayerMatrix
    let rows: [Int]
    var columns: Int { matrix.columnCount }

    /// Converts `rows[range]` to `Float` into `destination`, reading each run
    /// of consecutive rows as one block.
    func gather(_ range: Range<Int>, into destination: UnsafeMutablePointer<Float>) {
      var start = range.lowerBound
      while start < range.upperBound {
        var end = start + 1
        while end < range.upperBound, rows[end] == rows[end - 1] + 1 { end += 1 }
        matrix.copyRows(rows[start] ..< rows[end - 1] + 1, into: destination + (start - range.lowerBound) * columns)
        start = end
      }
    }

    /// Lets go of the pages of `rows[range]` when they are one run.
    func release(_ range: Range<Int>) {
      guard let low = rows[range].first, let high = rows[range].last, high - low + 1 == range.count else { return }
      matrix.releasePages(rows: low ..< high + 1)
    }
  }

  /// Per column, the mean of the finite values among the first block of
  /// rows (0 when none): subtracted before the products, it keeps the
  /// centred Gram matrices free of cancellation.
  static func provisionalMean(_ side: Side) -> [Float] {
    let count = Swift.min(blockRows, side.rows.count)
    var buffer = [Float](repeating: 0, count: Swift.max(1, count * side.columns))
    buffer.withUnsafeMutableBufferPointer { side.gather(0 ..< count, into: $0.baseAddress!) }
    return (0 ..< side.columns).map { j in
      var sum = 0.0, finite = 0
      for r in 0 ..< count where buffer[r * side.columns + j].isFinite {
        sum += Double(buffer[r * side.columns + j])
        finite += 1
      }
      return finite == 0 ? 0 : Float(sum / Double(finite))
    }
  }
}
